"""Small pieces of player-facing wording shared by the scenes."""

from __future__ import annotations

import re
from collections.abc import Mapping

from game.engine.game import Game, MeasureRules
from game.i18n import _, listing, ngettext, pgettext
from game.scenario.models import Scenario
from game.ui.palette import RGB, Palette, delegation_colours
from game.wording import choice_clause as choice_clause  # the scenes take it from here
from game.wording import drawn_amounts, effect_text, facilitator_seat_text, history_date


def turn_title(game: Game, turn: int | None = None) -> str:
    """'Quarter 3 of 12 (Q3 2020)' when the scenario's start label allows, else 'Turn 3 of 12'."""
    sc = game.scenario
    turn = game.state.turn if turn is None else turn
    base = _("{turn_label} {turn} of {turns}").format(
        turn_label=sc.turn_label, turn=turn, turns=sc.turns
    )
    date = calendar_date(sc.calendar, turn) if sc.calendar is not None else None
    date = date or calendar_label(sc.turn_label, sc.start_label, turn)
    return _("{turn} ({date})").format(turn=base, date=date) if date else base


def calendar_date(calendar, turn: int) -> str:  # noqa: ANN001 - a scenario's Calendar
    """When `turn` falls by the scenario's calendar, in the player's language: "Q3 2020",
    "2020年第3四半期", "2020年第3季"; halves, years and months likewise."""
    from datetime import date as _date

    start = _date.fromisoformat(str(calendar.start))
    months = start.month - 1 + (turn - 1) * calendar.months_per_turn
    year, month = start.year + months // 12, months % 12 + 1
    if calendar.months_per_turn == 3 and month in (1, 4, 7, 10):
        return _("Q{quarter} {year}").format(quarter=(month - 1) // 3 + 1, year=year)
    if calendar.months_per_turn == 6 and month in (1, 7):
        return _("H{half} {year}").format(half=1 if month == 1 else 2, year=year)
    if calendar.months_per_turn == 12 and month == 1:
        return str(year)
    from babel.dates import format_skeleton

    return format_skeleton("yMMM", _date(year, month, 1), locale=i18n_locale())


def i18n_locale() -> str:
    from game.i18n import babel_locale

    return babel_locale()


def calendar_label(turn_label: str, start: str | None, turn: int) -> str | None:
    """A date from the start label ("Q1 2020", "2020") when the scenario has no calendar."""
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
    """The colour `palette` draws the actor in: text-safe on the panel and the background
    (WCAG AA; AAA in high contrast), never one of the good/bad/warning colours, and apart
    from every other actor's; the scenario's `colour` where it allows, else one of the
    palette's delegation colours (palette.delegation_colours has the rules). Actors without
    a colour stay apart too (six of them once all drew in the one accent colour)."""
    actors = list(scenario.actors)
    wanted = tuple(getattr(scenario.actors[a], "colour", None) or None for a in actors)
    return delegation_colours(wanted, palette)[actors.index(actor)]


def short_turn(game: Game, turn: int) -> str:
    """A turn in a few characters, for tables and lists: "Q3" (the turn label's initial and
    the number); "第3期" where the label has no initial (Japanese, Chinese)."""
    initial = game.scenario.turn_label[:1]
    if initial.isascii() and initial.isalpha():
        return f"{initial}{turn}"
    return _("#{turn}").format(turn=turn)


def short_name(game: Game, actor: str) -> str:
    a = game.scenario.actors[actor]
    return a.short or a.title


def effects_text(game: Game, amounts, drawn: Mapping[int, float] | None = None) -> str:  # noqa: ANN001
    """'Cooperation +3, Regional tension +4 to +8' from (indicator, amount or (low, high))
    pairs; with `drawn` (a range's place -> what this game drew), 'Regional tension drawn
    +6.2 of +4 to +8'. The terminal and the report use the same wording (textui)."""
    return effect_text(game.book, amounts, drawn)


EFFECT_KINDS = {"adopted": "on_adopt", "in_force": "in_force", "reaction": "reaction"}


def measure_effect_text(game: Game, m: MeasureRules, cause: str) -> str:
    """A measure's effect (`cause`: 'adopted', 'in_force' or 'reaction'), ranges as ranges;
    once the measure is adopted (the effect has acted), with what this game drew. '' for
    none."""
    kind = EFFECT_KINDS[cause]
    effect = getattr(m.model, kind)
    if effect is None or not effect.ranges:
        return ""
    drawn = drawn_amounts(game, kind, m.id) if m.id in game.state.adopted else None
    return effects_text(game, effect.ranges.items(), drawn)


def _drawn_line(game: Game, kind: str, owner: str, effect) -> str:  # noqa: ANN001 - Effect
    """'This game: Regional tension drawn +6.2 of +4 to +8' when the effect has ranges."""
    if effect is None or not any(isinstance(a, tuple) for a in effect.ranges.values()):
        return ""
    drawn = drawn_amounts(game, kind, owner)
    return _("This game: {effects}").format(
        effects=effects_text(game, effect.ranges.items(), drawn)
    )


def confidence_word(confidence: str) -> str:
    """A scenario's confidence level ("low", "medium", "high") in the player's language."""
    words = {
        "low": pgettext("confidence", "low"),
        "medium": pgettext("confidence", "medium"),
        "high": pgettext("confidence", "high"),
    }
    return words.get(confidence, confidence)


def source_text(game: Game, source: str | None, confidence: str | None) -> str:
    """'Source: <citation>. Confidence: medium' (either part alone when only one is known);
    the citation as published."""
    cited = ""
    if source:
        src = next((s for s in game.scenario.sources if s.id == source), None)
        cited = " ".join(src.citation.split()).rstrip(".") if src else source
    if cited and confidence:
        return _("Source: {citation}. Confidence: {confidence}").format(
            citation=cited, confidence=confidence_word(confidence)
        )
    if cited:
        return _("Source: {citation}").format(citation=cited)
    if confidence:
        return _("Confidence: {confidence}").format(confidence=confidence_word(confidence))
    return ""


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
        text = " ".join(m.text.split())
        heading = (
            _("Inducement (an offer meant to divide the partners, not a threat): {title}: {text}")
            if m.kind == "inducement"
            else _("{title}: {text}")
        ).format(title=m.title, text=text)
        return _lines(
            heading,
            _drawn_line(game, "hit", e.id, m.hit),
            src,
        )
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
        date = history_date(m.date)
        real = ""
        if m.history:
            real = (
                _("It happened for real, on {date} (the history excursion).").format(date=date)
                if date
                else _("It happened for real (the history excursion).")
            )
        return _lines(
            _("{title}: {text}").format(title=m.title, text=" ".join(m.text.split())),
            real,
            _drawn_line(game, "inject", source_id, eff),
            src,
        )
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
            "adopted": _("One-off effect of adopting: {measure}"),
            "in_force": _("Per-turn effect while in force of: {measure}"),
            "reaction": _("The red cell's response to the adoption of: {measure}"),
            "push": _("Capital and domestic support spent pushing: {measure}"),
            "oppose": _("Capital spent opposing: {measure}"),
        }[cause]
        kind = EFFECT_KINDS.get(cause)
        drawn = _drawn_line(game, kind, source_id, effect) if kind else ""
        return _lines(what.format(measure=m.title), drawn, src)
    if cause == "campaign":
        stage = book.campaign_stage(game.state.turn if turn is None else turn)
        note = " ".join(stage.note.split()) if stage is not None and stage.note else ""
        src = source_text(game, stage.source, stage.confidence) if stage is not None else ""
        index = next((str(n) for n, (_, s, _) in enumerate(book.campaign) if s is stage), "")
        return _lines(
            _(
                "The red cell's own pressure campaign: what it does every turn whatever the "
                "partners decide."
            ),
            note,
            _drawn_line(game, "campaign", index, stage.effect if stage is not None else None),
            src,
        )
    if cause == "drift":
        return _lines(
            _("The scenario's drift: what happens every turn regardless of decisions."),
            _drawn_line(game, "drift", "", game.scenario.rules.drift),
        )
    if cause == "regen":
        return _("Capital regained this turn: a base amount plus a share of domestic support.")
    if cause == "facilitator":
        return _("A change made by hand by the facilitator (white cell).")
    return ""


def _lines(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


def game_banners(session, *, save_warnings: bool) -> list[str]:  # noqa: ANN001 - a Session
    """What the players must be told on a game screen: that saving failed (until a save
    succeeds), and, where asked, the warnings about the save this game was loaded from and
    what of its classroom settings (session.json) could not be used."""
    out = []
    problem = getattr(session, "save_problem", None)
    if problem:
        out.append(
            _("The game could not be saved: {problem} — it will keep trying.").format(
                problem=problem
            )
        )
    if save_warnings:
        out.extend(
            _("Warning about this saved game: {warning}").format(warning=w)
            for w in session.game.save_warnings
        )
        classroom = getattr(session, "classroom_problem", None)
        if classroom:
            out.append(classroom)
    return out


def inject_effects_text(game: Game, inject_id: str, *, fired: bool = False) -> str:
    """An inject's numeric effects and suspensions, e.g. 'Support (Taiwan) +5, Regional tension
    +2 to +4'; the same wording as every other effect in the window. With `fired` (it has
    acted), a range says what this game drew."""
    inj = game.book.inject[inject_id]
    effect = inj.model.effects
    drawn = drawn_amounts(game, "inject", inject_id) if fired else None
    parts = [effects_text(game, effect.ranges.items(), drawn)] if inj.effects and effect else []
    if inj.suspend:
        titles = listing(game.book.measure[m].model.title for m in inj.suspend)
        turns = inj.model.suspend_turns
        label = game.scenario.turn_label.lower()
        parts.append(
            ngettext(
                "suspends {measures} for {count} {turn_label}",
                "suspends {measures} for {count} {turn_label}s",
                turns,
            ).format(measures=titles, count=turns, turn_label=label)
        )
    return "; ".join(parts) or _("no effect on the indicators")


def facilitator_entry(game: Game, action) -> str:  # noqa: ANN001 - a FacilitatorAction
    """What the white cell did, in the window's one wording: 'fired <inject>', '<indicator>
    +4, because <reason>', 'took back a turn: <summary>' or 'note: <text>' ('' if unknown)."""
    book = game.book
    if action.kind == "inject" and action.inject_id in book.inject:
        return _("fired {inject}").format(inject=book.inject[action.inject_id].model.title)
    if action.kind == "adjust" and action.indicator in game.state.values:
        return _("{indicator} {change}, because {reason}").format(
            indicator=book.title_of(action.indicator),
            change=f"{action.amount:+g}",
            reason=action.text,
        )
    if action.kind == "takeback":
        return _("took back a turn: {summary}").format(summary=action.text)
    if action.kind in ("hold", "ai") and action.actor in book.delegations:
        return facilitator_seat_text(game, action)
    if action.kind == "note":
        return _("note: {text}").format(text=action.text)
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
