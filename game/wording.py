"""The game's wording shared by every front end: the window, the terminal, the classroom's
devices, the report and the assumptions page say a thing the same way because they call the
same function here (amounts and ranges, what a game drew, history dates, score parts, the
red cell's aims, turn names, a decision as a clause, the white cell's seat actions).

Pure functions from engine objects to text in the current language (game.i18n); no terminal
layout (that is game.textui) and no window (game.ui).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from game.engine.game import FacilitatorAction, Game
from game.engine.rulebook import RangedEffect, Rulebook
from game.engine.scoring import GameResult, on_the_scale
from game.engine.state import Choice
from game.formatting import number, signed
from game.i18n import N_, _, listing
from game.i18n import current as current_language
from game.i18n import date as local_date


def is_inducement(book: Rulebook, event_id: str) -> bool:
    """Whether the red cell's event `event_id` is an inducement (an offer to opposition parties,
    business or travellers) rather than coercion: every list of events marks it so."""
    return any(e.id == event_id and e.model.kind == "inducement" for e in book.events)


def event_title(book: Rulebook, event_id: str, title: str) -> str:
    """An event's headline as lists of events show it: 'Inducement: ...' for an inducement."""
    if is_inducement(book, event_id):
        return _("Inducement: {event}").format(event=title)
    return title


Amount = float | tuple[float, float]  # a number, or a range (low, high) each game draws from


def amount_text(amount: Amount) -> str:
    """'+3', or '+4 to +8' for an uncertain amount (a range each game draws its value from)."""
    if isinstance(amount, tuple):
        low, high = amount
        return _("{low} to {high}").format(low=signed(low), high=signed(high))
    return signed(amount)


def drawn_text(value: float, low: float, high: float) -> str:
    """'drawn +6.2 of +4 to +8': the value this game drew from a range, and the range."""
    return _("drawn {value} of {range}").format(value=signed(value), range=amount_text((low, high)))


def drawn_amounts(game: Game, kind: str, owner: str) -> dict[int, float]:
    """The values this game drew for one effect's ranges, by their place among its changes
    (`kind` and `owner` as in RangedEffect: 'reaction' and a measure id, 'hit' and an event
    id, 'inject' and an inject id, ...)."""
    return {r.position: v for r, v in game.effects.drawn if r.kind == kind and r.owner == owner}


def effect_text(
    book: Rulebook,
    amounts: Iterable[tuple[str, Amount]],
    drawn: Mapping[int, float] | None = None,
) -> str:
    """'Cooperation +3, Regional tension +4 to +8': an effect's changes, a range as a range;
    with `drawn` (drawn_amounts), a range this game drew from says what it drew:
    'Regional tension drawn +6.2 of +4 to +8'."""
    parts = []
    for position, (key, amount) in enumerate(amounts):
        if isinstance(amount, tuple) and drawn and position in drawn:
            parts.append(f"{book.title_of(key)} {drawn_text(drawn[position], *amount)}")
        else:
            parts.append(f"{book.title_of(key)} {amount_text(amount)}")
    return listing(parts)


def drawn_in_play(game: Game) -> list[tuple[RangedEffect, float]]:
    """The values this game drew for the scenario's ranges that acted in it, in file order: a
    measure's effects once adopted, a gray-zone action's once drawn, an inject's once fired,
    a campaign stage's once reached, the drift's. A value drawn for something that never
    happened changed nothing, so it is not listed (needs the game's record)."""
    acted = _acted_effects(game)
    return [(r, value) for r, value in game.effects.drawn if (r.kind, r.owner) in acted]


_KIND_OF_CAUSE = {
    "adopted": "on_adopt",
    "in_force": "in_force",
    "reaction": "reaction",
    "event": "hit",
    "inject": "inject",
    "drift": "drift",
}


def _acted_effects(game: Game) -> set[tuple[str, str]]:
    """(kind, owner) of every effect that changed an indicator during the game, by the
    ledger; campaign stages by the turns played."""
    acted = {
        (_KIND_OF_CAUSE[str(e.cause)], e.source_id)
        for e in game.ledger
        if str(e.cause) in _KIND_OF_CAUSE
    }
    for turn in range(1, len(game.reports) + 1):
        index = game.book.campaign_index(turn)
        if index is not None:
            acted.add(("campaign", str(index)))
    return acted


def ranged_what(book: Rulebook, ranged: RangedEffect) -> str:
    """What an uncertain amount belongs to, e.g. 'Security dialogue: PRC reaction on
    adoption', 'Patrol (gray-zone action)', 'Leaders' statement (inject)'."""
    red = book.red_cell.short or book.red_cell.title
    kind, owner = ranged.kind, ranged.owner
    if kind in ("on_adopt", "in_force", "reaction") and owner in book.measure:
        title = book.measure[owner].model.title
        if kind == "on_adopt":
            return _("{measure}: when adopted").format(measure=title)
        if kind == "in_force":
            return _("{measure}: each turn in force").format(measure=title)
        return _("{measure}: {red_cell} reaction on adoption").format(measure=title, red_cell=red)
    if kind == "hit":
        titles = {e.id: e.model.title for e in book.events}
        return _("{event} (gray-zone action)").format(event=titles.get(owner, owner))
    if kind == "inject" and owner in book.inject:
        model = book.inject[owner].model
        if model.history:
            return _("{inject} (history)").format(inject=model.title)
        return _("{inject} (inject)").format(inject=model.title)
    if kind == "campaign":
        stages = book.campaign
        index = int(owner) if owner.isdigit() else -1
        if 0 <= index < len(stages):
            return _("{red_cell} pressure campaign from {turn_label} {turn}").format(
                red_cell=red, turn_label=book.scenario.turn_label.lower(), turn=stages[index][0]
            )
        return book.cause_label("campaign", "")
    if kind == "drift":
        return _("Drift (every turn)")
    return owner


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def history_date(text: str | None) -> str:
    """'14 May 2020' for '2020-05-14', '2020年5月14日' in Japanese and Chinese (the text as
    given if it is not a date; '' for None)."""
    if not text:
        return ""
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        return text
    if current_language() != "en":
        return local_date(day)  # Babel: the language's own way
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"  # not %B: that follows the locale


def history_label(book: Rulebook, inject_id: str) -> str:
    """'History, 14 May 2020' for an inject of the history excursion (what really happened,
    on its real date); '' for any other inject."""
    inj = book.inject.get(inject_id)
    if inj is None or not inj.model.history:
        return ""
    date = history_date(inj.model.date)
    return _("History, {date}").format(date=date) if date else _("History")


# Kept in English here (a constant); show it with history_on() or _(HISTORY_ON).
HISTORY_ON = N_(
    "History excursion: the real timeline's events happen on their real dates, alongside the "
    "scenario's own."
)


def history_on() -> str:
    """What a game with the history excursion adds, in the current language."""
    return _(HISTORY_ON)


def part_label(book: Rulebook, key: str) -> str:
    """The name of one part of a score (`DelegationScore.parts`, `AimsScore.parts` keys)."""
    if key == "resilience":
        return _("Mean resilience")
    if key == "stability":
        return _("Stability (100 − {tension})").format(tension=book.title_of("tension").lower())
    if key == "support":
        return _("Own domestic support")
    return book.title_of(key)


def crisis_note(book: Rulebook, result: GameResult) -> str:
    """What the crisis did to the scores, said plainly ('' for a game without one)."""
    if not result.crisis:
        return ""
    calm = on_the_scale(book, result.shared.state, False)
    return _(
        "The game ended in crisis, and a crisis is a loss: it capped every score at {ceiling}. "
        "Without the crisis, the same state of the region would have given a shared score of "
        "{score}."
    ).format(ceiling=number(book.scoring.crisis_ceiling), score=number(calm))


def aims_line(book: Rulebook, result: GameResult) -> str:
    """How far the red cell got towards its aims ('' if the scenario gives it none)."""
    if result.red_cell is None:
        return ""
    short = book.red_cell.short
    score = number(result.red_cell.score)
    if short:
        return _("The {red_cell} red cell got {score} of 100 of the way to its aims").format(
            red_cell=short, score=score
        )
    return _("The red cell got {score} of 100 of the way to its aims").format(score=score)


def aims_parts(book: Rulebook, result: GameResult) -> list[tuple[str, float]]:
    """What each of the red cell's aims contributed: [('Cooperation (wants it low)', 12.5), ...]."""
    if result.red_cell is None:
        return []
    aims = book.red_cell.policy.aims
    return [
        (
            (
                _("{indicator} (wants it low)")
                if aims.get(k, 1) < 0
                else _("{indicator} (wants it high)")
            ).format(indicator=book.title_of(k)),
            v,
        )
        for k, v in result.red_cell.parts.items()
    ]


def turn_name(game: Game, turn: int) -> str:
    s = game.scenario
    return _("{turn_label} {turn} of {turns}").format(
        turn_label=s.turn_label, turn=turn, turns=s.turns
    )


def choice_clause(choice: Choice, measure: str) -> str:
    """One decision as a whole clause per choice ('push <measure>'): the terminal's decisions,
    the debrief timeline's hover and the turn screen's bottom bar."""
    if choice == Choice.PUSH:
        return _("push {measure}").format(measure=measure)
    if choice == Choice.OPPOSE:
        return _("oppose {measure}").format(measure=measure)
    return _("hold {measure}").format(measure=measure)


def facilitator_seat_text(game: Game, action: FacilitatorAction) -> str:
    """The one wording of the white cell ending a delegation's turn ("hold") or handing it to
    the computer ("ai"): the window, the terminal and the report all use it."""
    who = game.book.delegations[action.actor].title
    if action.kind == "hold":
        if action.text:
            # the reasons the game gives itself (time was up) are kept in English in the save
            return _("ended {delegation}'s turn: it held on everything ({reason})").format(
                delegation=who, reason=_(action.text)
            )
        return _("ended {delegation}'s turn: it held on everything").format(delegation=who)
    return _("handed {delegation} to the computer (AI profile: {profile})").format(
        delegation=who, profile=action.text
    )
