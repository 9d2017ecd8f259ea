"""Small pieces of player-facing wording shared by the scenes."""

from __future__ import annotations

import re

from game.engine.game import Game
from game.formatting import signed
from game.scenario.models import Scenario
from game.ui.palette import RGB, Palette, hex_rgb


def turn_title(game: Game, turn: int | None = None) -> str:
    """'Quarter 3 of 12 (Q3 2020)' when the scenario's start label allows, else 'Turn 3 of 12'."""
    sc = game.scenario
    turn = game.state.turn if turn is None else turn
    base = f"{sc.turn_label} {turn} of {sc.turns}"
    date = calendar_label(sc.turn_label, sc.start_label, turn)
    return f"{base} ({date})" if date else base


def calendar_label(turn_label: str, start: str | None, turn: int) -> str | None:
    if not start:
        return None
    m = re.fullmatch(r"Q([1-4]) (\d{4})", start.strip())
    if m and turn_label.lower() == "quarter":
        index = int(m.group(1)) - 1 + (turn - 1)
        return f"Q{index % 4 + 1} {int(m.group(2)) + index // 4}"
    m = re.fullmatch(r"(\d{4})", start.strip())
    if m and turn_label.lower() == "year":
        return str(int(m.group(1)) + turn - 1)
    return start if turn == 1 else None


def actor_colour(game: Game, actor: str, palette: Palette) -> RGB:
    return delegation_colour(game.scenario, actor, palette)


def delegation_colour(scenario: Scenario, actor: str, palette: Palette) -> RGB:
    """The actor's `colour` from the scenario, or else the palette's chart colour for its
    place among the actors, so that delegations without colours stay apart on the dashboard,
    the map and the charts (six of them once all drew in the one accent colour)."""
    a = scenario.actors[actor]
    if getattr(a, "colour", None):
        return hex_rgb(a.colour)
    return palette.series[list(scenario.actors).index(actor) % len(palette.series)]


def short_name(game: Game, actor: str) -> str:
    a = game.scenario.actors[actor]
    return a.short or a.title


def effects_text(game: Game, changes) -> str:  # noqa: ANN001
    return ", ".join(f"{game.book.title_of(k)} {signed(a)}" for k, a in changes)


def source_text(game: Game, source: str | None, confidence: str | None) -> str:
    parts = []
    if source:
        src = next((s for s in game.scenario.sources if s.id == source), None)
        parts.append(f"Source: {' '.join(src.citation.split()).rstrip('.') if src else source}")
    if confidence:
        parts.append(f"Confidence: {confidence}")
    return ". ".join(parts)


def cause_details(game: Game, cause: str, source_id: str, turn: int | None = None) -> str:
    """Tooltip text for one cause in the ledger: what it is, and its source and confidence.
    `turn` is the turn the cause acted in (the campaign's stage depends on it; default: the
    turn being played)."""
    book = game.book
    if cause == "event":
        e = next((ev for ev in book.events if ev.id == source_id), None)
        if e is None:
            return ""
        m = e.model
        src = source_text(game, m.hit.source or m.source, m.hit.confidence or m.confidence)
        kind = (
            "Inducement (an offer meant to divide the partners, not a threat): "
            if m.kind == "inducement"
            else ""
        )
        return f"{kind}{m.title}: {' '.join(m.text.split())}" + (f"\n{src}" if src else "")
    if cause == "inject":
        inj = book.inject.get(source_id)
        if inj is None:
            return ""
        m = inj.model
        eff = m.effects
        src = source_text(
            game,
            (eff.source if eff else None) or m.source,
            (eff.confidence if eff else None) or m.confidence,
        )
        return f"{m.title}: {' '.join(m.text.split())}" + (f"\n{src}" if src else "")
    if cause in ("adopted", "in_force", "reaction", "push", "oppose"):
        mr = book.measure.get(source_id)
        if mr is None:
            return ""
        m = mr.model
        effect = {"adopted": m.on_adopt, "in_force": m.in_force, "reaction": m.reaction}.get(cause)
        src = source_text(
            game,
            (effect.source if effect else None) or m.source,
            (effect.confidence if effect else None) or m.confidence,
        )
        what = {
            "adopted": "One-off effect of adopting",
            "in_force": "Per-turn effect while in force of",
            "reaction": "The red cell's response to the adoption of",
            "push": "Capital and domestic support spent pushing",
            "oppose": "Capital spent opposing",
        }[cause]
        return f"{what}: {m.title}" + (f"\n{src}" if src else "")
    if cause == "campaign":
        stage = book.campaign_stage(game.state.turn if turn is None else turn)
        note = " ".join(stage.note.split()) if stage is not None and stage.note else ""
        src = source_text(game, stage.source, stage.confidence) if stage is not None else ""
        return (
            "The red cell's own pressure campaign: what it does every turn whatever the "
            "partners decide." + (f"\n{note}" if note else "") + (f"\n{src}" if src else "")
        )
    if cause == "drift":
        return "The scenario's drift: what happens every turn regardless of decisions."
    if cause == "regen":
        return "Capital regained this turn: a base amount plus a share of domestic support."
    if cause == "facilitator":
        return "A change made by hand by the facilitator (white cell)."
    return ""


def game_banners(session, *, save_warnings: bool) -> list[str]:  # noqa: ANN001 - a Session
    """What the players must be told on a game screen: that saving failed (until a save
    succeeds), and, where asked, the warnings about the save this game was loaded from and
    what of its classroom settings (session.json) could not be used."""
    out = []
    problem = getattr(session, "save_problem", None)
    if problem:
        out.append(f"The game could not be saved: {problem} — it will keep trying.")
    if save_warnings:
        out.extend(f"Warning about this saved game: {w}" for w in session.game.save_warnings)
        classroom = getattr(session, "classroom_problem", None)
        if classroom:
            out.append(classroom)
    return out


def inject_effects_text(game: Game, inject_id: str) -> str:
    """An inject's numeric effects and suspensions, e.g. 'Support (Taiwan) +5, Regional tension
    +3'; the same wording as every other effect in the window."""
    inj = game.book.inject[inject_id]
    parts = [effects_text(game, inj.effects)] if inj.effects else []
    if inj.suspend:
        titles = ", ".join(game.book.measure[m].model.title for m in inj.suspend)
        turns = inj.model.suspend_turns
        label = game.scenario.turn_label.lower()
        parts.append(f"suspends {titles} for {turns} {label}{'s' if turns != 1 else ''}")
    return "; ".join(parts) or "no effect on the indicators"


def facilitator_entry(game: Game, action) -> str:  # noqa: ANN001 - a FacilitatorAction
    """What the white cell did, in the window's one wording: 'fired <inject>', '<indicator>
    +4, because <reason>', 'took back a turn: <summary>' or 'note: <text>' ('' if unknown)."""
    book = game.book
    if action.kind == "inject" and action.inject_id in book.inject:
        return f"fired {book.inject[action.inject_id].model.title}"
    if action.kind == "adjust" and action.indicator in game.state.values:
        return f"{book.title_of(action.indicator)} {action.amount:+g}, because {action.text}"
    if action.kind == "takeback":
        return f"took back a turn: {action.text}"
    if action.kind == "note":
        return f"note: {action.text}"
    return ""


def facilitator_entries(game: Game, *, notes: bool = True, last: int | None = None) -> list[str]:
    """Everything the white cell did, in order, one line each: 'Q3: fired ...' (without
    notes if `notes` is False). With `last`, only the newest `last` of them, found from the
    end (a game may hold thousands)."""
    short = game.scenario.turn_label[:1]
    out: list[str] = []
    for a in reversed(game.facilitator_log):
        if last is not None and len(out) >= last:
            break
        if not notes and a.kind == "note":
            continue
        text = facilitator_entry(game, a)
        if text:
            out.append(f"{short}{a.turn}: {text}")
    out.reverse()
    return out
