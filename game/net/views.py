"""What a delegation's device is shown, as JSON-ready dicts built from the engine alone.

Three views, each sent when it changes:

- `scenario_view(game, actor)`: what does not change in a game (the scenario, the delegation's
  private briefing and objectives, how games are scored, every measure's card with its effects,
  sources and confidence). Sent once when a device joins.
- `game_view(game, status)`: what every delegation may see (the turn, the indicators, the
  measures on the table, who has decided but never what, who has joined, the timer, and after
  the reveal every delegation's choices and each indicator's change by cause).
- `own_view(game, actor, ...)`: the delegation's own draft and submitted choices, its capital,
  what it may choose, and its forecasts. Only that delegation's devices ever receive it.

The wording is the engine's and the terminal's (game.textui, game.engine.scoring, the
Rulebook's titles and cause labels), in the server's language: the page adds none of its own
about the game.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from game.engine.game import Game, TurnReport
from game.engine.ledger import movements
from game.engine.scoring import describe_scoring, objectives_text
from game.engine.state import Choice
from game.formatting import number
from game.i18n import _
from game.wording import (
    crisis_note,
    drawn_amounts,
    effect_text,
    event_title,
    facilitator_seat_text,
    history_date,
    is_inducement,
    turn_name,
)

DECIDING = "deciding"  # the delegations are deciding this turn
REVEAL = "reveal"  # the turn was resolved; the class looks at what happened
OVER = "over"  # the game has ended


@dataclass
class ClassStatus:
    """What the classroom adds to the game: the phase, who has joined (devices per
    delegation), who has decided, and the turn timer (seconds left, running, on at all)."""

    phase: str = DECIDING
    joined: dict[str, int] = field(default_factory=dict)
    decided: dict[str, bool] = field(default_factory=dict)
    timer_on: bool = False
    timer_left: float = 0.0
    timer_running: bool = False


def scenario_view(game: Game, actor: str) -> dict[str, Any]:
    """The unchanging part of `actor`'s page (see the module docstring)."""
    book = game.book
    s = game.scenario
    dele = book.delegations[actor]
    return {
        "scenario": {
            "title": s.title,
            "summary": " ".join(s.summary.split()),
            "briefing": " ".join(s.briefing.split()),
            "turn_label": s.turn_label,
            "turns": s.turns,
        },
        "delegation": {
            "id": actor,
            "title": dele.title,
            "short": dele.short or dele.title,
            "colour": dele.colour or "#4a90d9",
            "briefing": " ".join(dele.briefing.split()),
            "objectives": objectives_text(book, actor),
        },
        "delegations": [
            {"id": a, "title": d.title, "short": d.short or d.title, "colour": d.colour or ""}
            for a, d in book.delegations.items()
        ],
        "red_cell": book.red_cell.short or book.red_cell.title,
        "scoring": describe_scoring(book),
        "cards": {m.id: measure_card(game, m.id, actor) for m in book.measures if actor in m.cost},
    }


def measure_card(game: Game, measure_id: str, actor: str) -> dict[str, Any]:
    """One measure's card for `actor`: what it is, who is needed, what it costs, and each
    effect with its source and confidence."""
    book = game.book
    m = book.measure[measure_id]
    mm = m.model
    sources = {src.id: src.citation for src in game.scenario.sources}
    effects = []
    for name, kind, effect in (
        (_("When adopted"), "on_adopt", mm.on_adopt),
        (_("Each turn in force"), "in_force", mm.in_force),
        (_("{red_cell} reaction").format(red_cell=book.red_cell.title), "reaction", mm.reaction),
    ):
        if effect is None or not effect.ranges:
            continue
        drawn = drawn_amounts(game, kind, measure_id) if measure_id in game.state.adopted else None
        source = effect.source or mm.source
        effects.append(
            {
                "when": name,
                "text": effect_text(book, effect.ranges.items(), drawn),
                "source": sources.get(source or "", ""),
                "confidence": effect.confidence or mm.confidence or "",
            }
        )
    support = m.support_cost.get(actor)
    return {
        "id": measure_id,
        "title": mm.title,
        "summary": " ".join(mm.summary.split()),
        "needs": [book.delegations[a].title for a in m.requires],
        "own_role": "needed" if actor in m.requires else "supporting",
        "push_cost": m.cost[actor],
        "support_cost": number(support) if support else "",
        "effects": effects,
        "source": sources.get(mm.source or "", ""),
        "confidence": mm.confidence or "",
    }


def game_view(game: Game, status: ClassStatus) -> dict[str, Any]:
    """The part every device may see (see the module docstring)."""
    book = game.book
    st = game.state
    values = st.values
    indicators = [
        {
            "id": key,
            "title": book.title_of(key),
            "value": number(values[key]),
            "share": max(0.0, min(1.0, values[key] / 100.0)),
        }
        for key in ("cooperation", "tension", *book.domain_keys)
    ]
    delegations = []
    for actor, dele in book.delegations.items():
        delegations.append(
            {
                "id": actor,
                "title": dele.title,
                "support": number(values[f"support.{actor}"]),
                "capital": number(values[f"capital.{actor}"]),
                "seat": "people" if actor in game.setup.humans else "ai",
                "joined": status.joined.get(actor, 0),
                "decided": bool(status.decided.get(actor, False)),
            }
        )
    table = []
    on_table = {m.id for m in game.available_measures()}
    for m in book.measures:
        if m.id in st.adopted:
            state = "suspended" if m.id in st.suspended() else "adopted"
        elif m.id in on_table:
            state = "on_table"
        else:
            state = "locked"
        table.append(
            {
                "id": m.id,
                "title": m.model.title,
                "state": state,
                "progress": number(st.progress[m.id]),
                "needed": number(m.needed),
                "needs": [book.delegations[a].title for a in m.requires],
            }
        )
    last = game.reports[-1] if game.reports else None
    turn = min(st.turn, game.scenario.turns)
    view: dict[str, Any] = {
        # The turn open for decisions; during the projector's reveal, the next one (the turn
        # being revealed is `reveal.turn`).
        "turn": turn,
        "turn_name": turn_name(game, turn),
        "phase": status.phase,
        "tension": {
            "warning_at": number(book.warning_at),
            "crisis_at": number(book.crisis_at),
        },
        "indicators": indicators,
        "delegations": delegations,
        "measures": table,
        "timer": {
            "on": status.timer_on,
            "left": round(max(0.0, status.timer_left), 1),
            "running": status.timer_running,
        },
        "facilitator": [
            facilitator_seat_text(game, a)
            for a in game.facilitator_log
            if a.kind in ("hold", "ai") and a.turn == st.turn and a.actor in book.delegations
        ],
        "reveal": reveal_view(game, last) if last is not None else None,
        "debrief": debrief_view(game) if game.over else None,
    }
    return view


def reveal_view(game: Game, report: TurnReport) -> dict[str, Any]:
    """After a reveal: every delegation's choices, progress, adoptions, what the red cell did,
    the injects, and each indicator's change with its causes, largest first."""
    book = game.book
    decisions = []
    for actor in book.delegation_ids:
        chosen = report.decisions.get(actor, {})
        decisions.append(
            {
                "delegation": book.delegations[actor].title,
                "choices": [
                    {"measure": book.measure[mid].model.title, "choice": str(c)}
                    for mid, c in chosen.items()
                    if c != Choice.HOLD
                ],
            }
        )
    events = []
    for e in report.events:
        where = game.scenario.locations[e.location].title if e.location else ""
        events.append(
            {
                "title": event_title(book, e.event_id, e.title),
                "text": " ".join(e.text.split()),
                "where": where,
                "inducement": is_inducement(book, e.event_id),
            }
        )
    injects = []
    for inj in report.injects:
        model = book.inject[inj].model
        injects.append(
            {
                "title": model.title,
                "text": " ".join(model.text.split()),
                "date": history_date(model.date) if model.history else "",
            }
        )
    moved = movements(report.changes, book=book)
    order = ["cooperation", "tension", *book.domain_keys]
    order += [f"support.{a}" for a in book.delegation_ids]
    changes = []
    for key in order:
        mv = moved.get(key)
        if mv is None or not mv.causes:
            continue
        changes.append(
            {
                "indicator": book.title_of(key),
                "total": f"{mv.total:+g}",
                "causes": [
                    {"label": label, "amount": f"{amount:+g}"} for label, amount in mv.causes
                ],
                "absorbed": number(mv.absorbed) if mv.absorbed else "",
            }
        )
    return {
        "turn": report.turn,
        "turn_name": turn_name(game, report.turn),
        "decisions": decisions,
        "progress": [
            {
                "measure": book.measure[mid].model.title,
                "before": number(before),
                "after": number(after),
                "needed": number(book.measure[mid].needed),
            }
            for mid, (before, after) in report.progress.items()
        ],
        "adopted": [book.measure[mid].model.title for mid in report.adopted],
        "events": events,
        "injects": injects,
        "changes": changes,
        "crisis": report.crisis,
    }


def debrief_view(game: Game) -> dict[str, Any]:
    """The end of the game on a device: the outcome, the shared score and each delegation's."""
    book = game.book
    result = game.result()
    o = result.outcome
    return {
        "outcome": o.title,
        "epilogue": " ".join(o.epilogue.split()),
        "crisis": result.crisis,
        "crisis_note": crisis_note(book, result),
        "shared_state": number(result.shared.state),
        "shared_score": number(result.shared.score),
        "scores": [
            {
                "delegation": book.delegations[a].title,
                "state": number(sc.state),
                "score": number(sc.score),
            }
            for a, sc in result.delegations.items()
        ],
    }


def own_view(
    game: Game,
    actor: str,
    draft: Mapping[str, Choice],
    submitted: Mapping[str, Choice] | None,
    *,
    forecasts_on: bool,
    phase: str,
) -> dict[str, Any]:
    """`actor`'s own part: capital, what it may choose on each measure this turn, its draft
    (or its submitted choices, locked), its forecasts. Never sent to another delegation."""
    seat = "people" if actor in game.setup.humans else "ai"
    # `turn`: the turn these choices are for (the one open for decisions, or next to open)
    view: dict[str, Any] = {
        "seat": seat,
        "submitted": submitted is not None,
        "turn": game.state.turn,
    }
    if game.over or phase != DECIDING or seat != "people":
        view.update(capital=0, capital_left=0, options=[], choices={}, questions=[])
        return view
    opts = game.options(actor)
    chosen = dict(submitted if submitted is not None else draft)
    clean = {m: c for m, c in chosen.items() if c != Choice.HOLD}
    try:
        spent = opts.cost_of(clean)
    except KeyError:  # a measure no longer on the table (cannot happen mid-turn)
        spent = 0
    view["capital"] = opts.capital
    view["capital_left"] = opts.capital - spent
    view["options"] = [
        {
            "id": o.measure_id,
            "choices": [str(c) for c in o.choices],
            "push_cost": o.push_cost,
            "oppose_cost": o.oppose_cost,
            "progress": number(o.progress),
            "needed": number(o.needed),
        }
        for o in opts.measures
    ]
    view["choices"] = {m: str(c) for m, c in chosen.items() if c != Choice.HOLD}
    questions = []
    if forecasts_on:
        mine = {
            f.question: f.probability
            for f in game.forecasts
            if f.turn == game.state.turn and f.actor == actor
        }
        for q in game.forecast_questions():
            questions.append({"id": q.id, "text": q.text, "probability": mine.get(q.id)})
    view["questions"] = questions
    return view
