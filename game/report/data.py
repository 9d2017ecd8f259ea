"""Everything an after-action report says, gathered from a Game into plain, frozen data.

The renderers (HTML, Markdown) and the charts read only these dataclasses, never the game, so
what the report says is decided here once. Every sentence of scenario content (titles, epilogues,
inject texts, profile descriptions, citations) comes from the scenario file or the engine;
nothing is written from the essay the scenario draws on. No matplotlib here: the charts module
is imported only when images are drawn.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np

from game.engine.game import FacilitatorAction, Forecast, Game
from game.engine.ledger import movements
from game.engine.rulebook import Rulebook
from game.engine.scoring import GameResult, describe_scoring, forecast_scores
from game.engine.state import Choice
from game.i18n import N_, _, ngettext, pgettext
from game.report.words import (
    fixed,
    number,
    percent,
    percentile,
    signed,
    stamp,
    turn_name,
    whole,
)
from game.wording import (
    aims_line,
    aims_parts,
    amount_text,
    crisis_note,
    drawn_in_play,
    facilitator_seat_text,
    history_label,
    is_inducement,
    part_label,
    ranged_what,
)

#: A forecast that always says 50% scores this Brier score whatever happens.
BRIER_COIN = 0.25

#: How many turning points the report lists, and how many causes each shows.
TURNING_POINTS = 8
CAUSES_SHOWN = 3

BRIER_EXPLANATION = N_(
    "The Brier score measures how good probability forecasts were: for each forecast, take the "
    "stated probability minus what happened (1 if it happened, 0 if not), square it, and average "
    "over all forecasts. 0 is perfect, 1 is confidently wrong every time, and always answering "
    "50% scores 0.25, so a delegation below 0.25 forecast better than a coin toss."
)


# --- the pieces -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Seat:
    """Who played one delegation."""

    actor: str
    title: str
    player: str  # "Human" or "AI (cautious)"
    description: str  # the AI profile's description from the scenario; '' for a human


@dataclass(frozen=True)
class SetupInfo:
    scenario_title: str
    scenario_id: str
    scenario_file: str
    content_hash: str
    summary: str
    start_label: str
    seed: int
    generated: str
    seats: tuple[Seat, ...]
    red_cell: str
    red_cell_short: str  # its short name (e.g. "PRC"), or its title
    save_name: str | None
    turn_label: str  # "Quarter"
    turns_total: int
    turns_played: int
    finished: bool
    crisis: bool
    history: bool = False  # played the history excursion (the real timeline's injects too)


@dataclass(frozen=True)
class Decision:
    measure_id: str
    measure_title: str
    choice: str  # "push" or "oppose"
    adopted: bool  # the measure was adopted at the end of this turn


@dataclass(frozen=True)
class WhiteCellItem:
    """A facilitator's action during a turn's decisions: a note, a hand-fired inject, an
    adjustment with its reason, or a take-back of the turn (which was then played again)."""

    turn: int
    kind: str  # "note", "inject", "adjust" or "takeback" (anything else is shown as a note)
    headline: str  # "Note", "Fired inject: Typhoon ...", "Quarter 3 was taken back and replayed"
    detail: str  # the note, the inject's text, the adjustment's reason, the undone decisions


@dataclass(frozen=True)
class ProgressStep:
    title: str
    before: float
    after: float
    needed: float


@dataclass(frozen=True)
class EventItem:
    """One of the red cell's actions in a turn: its headline, and whether it was an inducement
    (an offer meant to divide the partners) rather than coercion."""

    title: str
    inducement: bool


@dataclass(frozen=True)
class InjectItem:
    """An inject the scenario scheduled: its headline, and for one of the history excursion's
    events its mark ('History, 14 May 2020'; '' for any other)."""

    title: str
    history: str = ""


@dataclass(frozen=True)
class DrawnAmount:
    """An amount the scenario gives as a range, and the value this game drew from it."""

    what: str  # 'Security dialogue: PRC reaction on adoption'
    indicator: str  # its title, e.g. 'Regional tension'
    low: float
    high: float
    drawn: float

    def range_text(self) -> str:
        return amount_text((self.low, self.high))


@dataclass(frozen=True)
class TurnRow:
    """One turn of the decision timeline."""

    turn: int
    resolved: bool  # False for the turn an unfinished game stopped in (white-cell actions only)
    white_cell: tuple[WhiteCellItem, ...]
    decisions: tuple[tuple[str, tuple[Decision, ...]], ...]  # (actor, decisions) in seat order
    adopted: tuple[str, ...]  # titles of measures adopted this turn
    progress: tuple[ProgressStep, ...]  # measures that moved without being adopted
    injects: tuple[InjectItem, ...]  # the injects the scenario scheduled for this turn
    events: tuple[EventItem, ...]  # the red cell's gray-zone actions
    crisis: bool


@dataclass(frozen=True)
class Series:
    key: str
    title: str
    values: tuple[float, ...]  # at the start (index 0) and after each resolved turn


@dataclass(frozen=True)
class IndicatorData:
    x_labels: tuple[str, ...]  # "Start", "1", "2", ...
    headline: tuple[Series, ...]  # cooperation, tension, mean resilience
    tension_key: str
    crisis_at: float
    domains: tuple[Series, ...]
    support: tuple[Series, ...]  # titled by delegation
    capital: tuple[Series, ...]
    capital_max: float
    table: tuple[Series, ...]  # every indicator, in reading order, for the table of values


@dataclass(frozen=True)
class TurningPoint:
    turn: int
    indicator: str
    title: str
    total: float
    causes: tuple[tuple[str, float], ...]  # the largest few, largest first
    more: int  # causes not shown
    absorbed: float  # losses that resilience absorbed

    def causes_text(self) -> str:
        text = pgettext("list separator", ", ").join(
            _("{cause} {amount}").format(cause=label, amount=signed(amount))
            for label, amount in self.causes
        )
        if self.more:
            text = ngettext(
                "{causes}, and {count} more", "{causes}, and {count} more", self.more
            ).format(causes=text, count=whole(self.more))
        if self.absorbed:
            text = _("{causes} (resilience absorbed {amount})").format(
                causes=text, amount=number(self.absorbed)
            )
        return text


@dataclass(frozen=True)
class ScorePart:
    label: str
    value: float


@dataclass(frozen=True)
class DelegationResult:
    actor: str
    title: str
    player: str
    state: float  # the state of the region by this delegation's objectives, 0-100
    score: float  # the state placed on the calm or the crisis part of the scale
    parts: tuple[ScorePart, ...]  # what each objective adds to the state (they sum to it)


@dataclass(frozen=True)
class AimsData:
    """How far the red cell got towards its aims (0-100), and what each aim contributed."""

    headline: str  # "The PRC red cell got 41.2 of 100 of the way to its aims"
    score: float
    parts: tuple[ScorePart, ...]


@dataclass(frozen=True)
class OutcomeData:
    finished: bool
    crisis: bool
    status: str  # "The game ran its full 12 quarters." / "Unfinished: after quarter 2; ..."
    band_id: str
    band_title: str
    epilogue: str
    shared_score: float
    shared_state: float  # the state of the region, 0-100, before it is placed on the scale
    shared_parts: tuple[ScorePart, ...]  # the three values the state is the weighted mean of
    crisis_note: str  # what the crisis did to the scores ('' without a crisis)
    adopted: tuple[tuple[str, int], ...]  # (measure title, turn adopted)
    measures_total: int
    delegations: tuple[DelegationResult, ...]
    red_cell: AimsData | None  # None when the scenario gives the red cell no aims


@dataclass(frozen=True)
class ForecastScoreRow:
    actor: str
    title: str
    count: int  # resolved forecasts, the ones scored
    pending: int  # forecasts of a turn not yet resolved
    brier: float | None
    verdict: str  # compared with always answering 50%


@dataclass(frozen=True)
class ForecastRow:
    """One question of one turn, with what happened and each forecaster's stated probability."""

    turn: int
    question: str
    happened: bool | None  # None while its turn is unresolved
    stated: tuple[float | None, ...]  # in the order of `ForecastData.forecasters`


@dataclass(frozen=True)
class ForecastData:
    explanation: str
    scores: tuple[ForecastScoreRow, ...]
    forecasters: tuple[str, ...]  # titles of the delegations that made any forecast
    rows: tuple[ForecastRow, ...]


@dataclass(frozen=True)
class BandShare:
    band_id: str
    title: str
    count: int
    share: float  # 0..1
    is_class: bool


@dataclass(frozen=True)
class Comparison:
    """How the class's game compares with AI-played games of the same scenario."""

    runs: int
    combinations: int
    class_score: float
    class_band: str
    provisional: bool  # the class's game is unfinished; the AI games are complete
    scores: tuple[float, ...]
    below: int
    equal: int
    above: int
    percentile: float  # share of AI games below the class, ties counted half, in percent
    median: float
    p10: float
    p90: float
    bands: tuple[BandShare, ...]

    def standing(self) -> str:
        """'13th percentile', or 'above every AI game' / 'below every AI game' at the ends."""
        if not self.above and not self.equal:
            return _("above every AI game")
        if not self.below and not self.equal:
            return _("below every AI game")
        return percentile(self._rank())

    def _rank(self) -> int:
        return min(99, max(1, round(self.percentile)))

    def percentile_line(self) -> str:
        values = {
            "score": number(self.class_score),
            "runs": whole(self.runs),
            "below": whole(self.below),
            "equal": whole(self.equal),
            "above": whole(self.above),
        }
        if not self.above and not self.equal:
            line = ngettext(
                "The class's shared score of {score} is above every one of {runs} AI-played "
                "game ({below} of them scored lower, {equal} the same, {above} higher).",
                "The class's shared score of {score} is above every one of {runs} AI-played "
                "games ({below} of them scored lower, {equal} the same, {above} higher).",
                self.runs,
            )
        elif not self.below and not self.equal:
            line = ngettext(
                "The class's shared score of {score} is below every one of {runs} AI-played "
                "game ({below} of them scored lower, {equal} the same, {above} higher).",
                "The class's shared score of {score} is below every one of {runs} AI-played "
                "games ({below} of them scored lower, {equal} the same, {above} higher).",
                self.runs,
            )
        else:
            line = ngettext(
                "The class's shared score of {score} is at the {percentile} of {runs} "
                "AI-played game ({below} of them scored lower, {equal} the same, {above} "
                "higher).",
                "The class's shared score of {score} is at the {percentile} of {runs} "
                "AI-played games ({below} of them scored lower, {equal} the same, {above} "
                "higher).",
                self.runs,
            )
            values["percentile"] = percentile(self._rank())
        return line.format(**values)

    def range_line(self) -> str:
        return _("AI median {median}; 10th–90th percentile range {p10}–{p90}.").format(
            median=number(self.median), p10=number(self.p10), p90=number(self.p90)
        )


@dataclass(frozen=True)
class SourceItem:
    """A work the scenario draws on, as its file gives it."""

    citation: str
    url: str  # '' when the scenario gives none; shown as a link only if it is http(s)
    note: str  # what the scenario takes from it; may be ''


@dataclass(frozen=True)
class ReportData:
    warnings: tuple[str, ...]  # about the save the game came from ("changed outside Trilateral")
    setup: SetupInfo
    timeline: tuple[TurnRow, ...]
    indicators: IndicatorData
    turning_points: tuple[TurningPoint, ...]
    outcome: OutcomeData
    scoring: tuple[str, ...]  # how the scenario is scored: `describe_scoring`, one per paragraph
    forecasts: ForecastData
    comparison: Comparison | None
    sources: tuple[SourceItem, ...]
    drawn: tuple[DrawnAmount, ...] = ()  # the scenario's ranges this game could use, in order


# --- small helpers ----------------------------------------------------------------------------


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def paragraphs(text: str) -> list[str]:
    """Scenario text as paragraphs (blank lines separate them; other line breaks are folding)."""
    return [one_line(p) for p in str(text).strip().split("\n\n") if p.strip()]


def _percentile(values: list[float], q: float) -> float:
    """The q-th percentile (numpy's linear interpolation), to one decimal; 0 with no values."""
    if not values:
        return 0.0
    return round(float(np.percentile(values, q)), 1)


# --- gathering --------------------------------------------------------------------------------


def gather(
    game: Game,
    *,
    runs: int,
    save_path: Path | None = None,
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ReportData:
    """Everything the report shows, from a finished or unfinished game, compared with `runs`
    AI-played games of its scenario (none when `runs` is 0)."""
    result = game.result()
    return ReportData(
        warnings=tuple(one_line(w) for w in game.save_warnings),
        setup=_setup(game, save_path, now),
        timeline=_timeline(game),
        indicators=_indicators(game),
        turning_points=_turning_points(game),
        outcome=_outcome(game, result),
        scoring=tuple(describe_scoring(game.book)),
        forecasts=_forecasts(game),
        comparison=_comparison(game, result, runs, progress) if runs > 0 else None,
        sources=tuple(
            SourceItem(one_line(s.citation), s.url or "", one_line(s.note or ""))
            for s in game.scenario.sources
        ),
        drawn=tuple(
            DrawnAmount(
                ranged_what(game.book, r), game.book.title_of(r.indicator), r.low, r.high, value
            )
            for r, value in drawn_in_play(game)
        ),
    )


def _seats(game: Game) -> tuple[Seat, ...]:
    handed = {a.actor: a.turn for a in game.facilitator_log if a.kind == "ai"}
    seats = []
    for actor, dele in game.book.delegations.items():
        if actor in game.setup.humans:
            seats.append(Seat(actor, dele.title, _("Human"), ""))
        else:
            name = game.setup.ai_profiles[actor]
            played = _("AI ({profile})").format(profile=name)
            if actor in handed:  # people played it until the facilitator handed it over
                played = _("Human, then AI ({profile}) from {turn}").format(
                    profile=name, turn=turn_name(game.scenario.turn_label, handed[actor])
                )
            seats.append(
                Seat(actor, dele.title, played, one_line(dele.ai_profiles[name].description))
            )
    return tuple(seats)


def _setup(game: Game, save_path: Path | None, now: datetime | None) -> SetupInfo:
    s = game.scenario
    when = (now or datetime.now()).astimezone()
    return SetupInfo(
        scenario_title=s.title,
        scenario_id=s.id,
        scenario_file=Path(game.loaded.file).name,
        content_hash=game.loaded.content_hash,
        summary=one_line(s.summary),
        start_label=s.start_label or "",
        seed=game.seed,
        generated=stamp(when),
        seats=_seats(game),
        red_cell=game.book.red_cell.title,
        red_cell_short=game.book.red_cell.short or game.book.red_cell.title,
        save_name=Path(save_path).name if save_path is not None else None,
        turn_label=s.turn_label,
        turns_total=s.turns,
        turns_played=len(game.reports),
        finished=game.over,
        crisis=game.state.crisis,
        history=game.setup.history,
    )


def _white_cell_item(game: Game, action: FacilitatorAction) -> WhiteCellItem:
    book = game.book
    if action.kind == "inject":
        inj = book.inject[action.inject_id].model
        return WhiteCellItem(
            action.turn,
            "inject",
            _("Fired inject: {inject}").format(inject=inj.title),
            one_line(inj.text),
        )
    if action.kind == "adjust":
        return WhiteCellItem(
            action.turn,
            "adjust",
            _("Adjusted {indicator} {amount}").format(
                indicator=book.title_of(action.indicator), amount=signed(action.amount)
            ),
            action.text,
        )
    if action.kind in ("hold", "ai") and action.actor in book.delegations:
        text = facilitator_seat_text(game, action)
        return WhiteCellItem(action.turn, action.kind, text[:1].upper() + text[1:], "")
    if action.kind == "takeback":
        return WhiteCellItem(
            action.turn,
            "takeback",
            _("{turn} was taken back and replayed").format(
                turn=turn_name(game.scenario.turn_label, action.turn)
            ),
            one_line(action.text),
        )
    # A note, or a kind this version does not know (shown with its text rather than lost).
    return WhiteCellItem(action.turn, "note", _("Note"), action.text)


def _timeline(game: Game) -> tuple[TurnRow, ...]:
    book = game.book
    white: dict[int, list[WhiteCellItem]] = {}
    for action in game.facilitator_log:
        white.setdefault(action.turn, []).append(_white_cell_item(game, action))
    rows = []
    for report in game.reports:
        adopted = set(report.adopted)
        decisions = []
        for actor in book.delegation_ids:
            chosen = report.decisions[actor]  # every delegation decides, if only to hold
            decisions.append(
                (
                    actor,
                    tuple(
                        Decision(mid, book.measure[mid].model.title, str(c), mid in adopted)
                        for mid, c in chosen.items()
                        if c != Choice.HOLD
                    ),
                )
            )
        steps = tuple(
            ProgressStep(book.measure[mid].model.title, before, after, book.measure[mid].needed)
            for mid, (before, after) in report.progress.items()
            if mid not in adopted
        )
        rows.append(
            TurnRow(
                report.turn,
                True,
                tuple(white.get(report.turn, ())),
                tuple(decisions),
                tuple(book.measure[m].model.title for m in report.adopted),
                steps,
                tuple(
                    InjectItem(book.inject[i].model.title, history_label(book, i))
                    for i in report.injects
                ),
                tuple(EventItem(e.title, is_inducement(book, e.event_id)) for e in report.events),
                report.crisis,
            )
        )
    pending = len(game.reports) + 1
    if not game.over and white.get(pending):
        rows.append(TurnRow(pending, False, tuple(white[pending]), (), (), (), (), (), False))
    return tuple(rows)


def _indicators(game: Game) -> IndicatorData:
    book = game.book
    snapshots = game.turn_start_values  # start, then the values after each resolved turn

    def series(key: str, title: str | None = None) -> Series:
        return Series(key, title or book.title_of(key), tuple(round(v[key], 1) for v in snapshots))

    mean = Series(
        "resilience.mean",
        _("Mean resilience"),
        tuple(
            round(sum(v[k] for k in book.domain_keys) / len(book.domain_keys), 1) for v in snapshots
        ),
    )
    headline = (series("cooperation"), series("tension"), mean)
    resilience = game.scenario.indicators.resilience

    def domain(key: str) -> str:  # the domain's own name: 'Maritime', not 'Resilience (...)'
        dom = resilience.get(key.partition(".")[2])
        return dom.title if dom is not None and dom.title else key.partition(".")[2].title()

    domains = tuple(series(k, domain(k)) for k in book.domain_keys)
    support = tuple(series(f"support.{a}", d.title) for a, d in book.delegations.items())
    capital = tuple(series(f"capital.{a}", d.title) for a, d in book.delegations.items())
    table = (
        *headline,
        *(series(k) for k in book.domain_keys),
        *(series(f"support.{a}") for a in book.delegation_ids),
        *(series(f"capital.{a}") for a in book.delegation_ids),
    )
    return IndicatorData(
        x_labels=(_("Start"), *(whole(t) for t in range(1, len(snapshots)))),
        headline=headline,
        tension_key="tension",
        crisis_at=book.crisis_at,
        domains=domains,
        support=support,
        capital=capital,
        capital_max=float(max(d.capital.max for d in book.delegations.values())),
        table=table,
    )


def _turning_points(game: Game) -> tuple[TurningPoint, ...]:
    """The largest single-turn movements of the indicators that score (capital, spent and
    regained every turn as routine, is left out), each with its largest causes from the ledger."""
    book = game.book
    order = [
        "cooperation",
        "tension",
        *book.domain_keys,
        *(f"support.{a}" for a in book.delegation_ids),
    ]
    rank = {k: i for i, k in enumerate(order)}
    found = []
    for report in game.reports:
        for key, mv in movements(report.changes, book=game.book).items():
            if key not in rank or round(mv.total, 1) == 0:
                continue
            found.append(
                TurningPoint(
                    report.turn,
                    key,
                    book.title_of(key),
                    mv.total,
                    mv.causes[:CAUSES_SHOWN],
                    max(0, len(mv.causes) - CAUSES_SHOWN),
                    mv.absorbed,
                )
            )
    found.sort(key=lambda p: (-abs(p.total), p.turn, rank[p.indicator]))
    return tuple(found[:TURNING_POINTS])


def _outcome(game: Game, result: GameResult) -> OutcomeData:
    book = game.book
    s = game.scenario
    label = s.turn_label.lower()
    played = len(game.reports)
    if not game.over:
        if played:
            status = _(
                "Unfinished: after {turn_label} {turn}; scores so far (provisional)."
            ).format(turn_label=label, turn=whole(played))
        else:
            status = _(
                "Unfinished: before {turn_label} 1 was resolved; scores so far (provisional)."
            ).format(turn_label=label)
    elif result.crisis:
        status = _(
            "The game ended in crisis in {turn_label} {turn} of {turns}: {tension} reached {value}."
        ).format(
            turn_label=label,
            turn=whole(played),
            turns=whole(s.turns),
            tension=book.title_of("tension").lower(),
            value=number(book.crisis_at),
        )
    else:
        status = ngettext(
            "The game ran its full {turns} {turn_label}.",
            "The game ran its full {turns} {turn_label}s.",
            s.turns,
        ).format(turns=whole(s.turns), turn_label=label)
    sh = result.shared
    weights = book.scoring
    shared_parts = tuple(
        ScorePart(
            _("{part}, weight {weight}").format(part=part_label(book, key), weight=f"{weight:g}"),
            value,
        )
        for key, weight, value in (
            ("cooperation", weights.cooperation, sh.cooperation),
            ("resilience", weights.resilience, sh.resilience),
            ("stability", weights.stability, sh.stability),
        )
    )
    seats = {seat.actor: seat for seat in _seats(game)}
    delegations = tuple(
        DelegationResult(
            actor,
            book.delegations[actor].title,
            seats[actor].player,
            sc.state,
            sc.score,
            tuple(ScorePart(part_label(book, k), v) for k, v in sc.parts.items()),
        )
        for actor, sc in result.delegations.items()
    )
    return OutcomeData(
        finished=game.over,
        crisis=result.crisis,
        status=status,
        band_id=result.outcome.id,
        band_title=result.outcome.title,
        epilogue=result.outcome.epilogue,
        shared_score=sh.score,
        shared_state=sh.state,
        shared_parts=shared_parts,
        crisis_note=crisis_note(book, result),
        adopted=tuple((book.measure[m].model.title, game.state.adopted[m]) for m in sh.adopted),
        measures_total=len(book.measures),
        delegations=delegations,
        red_cell=_aims(book, result),
    )


def _aims(book: Rulebook, result: GameResult) -> AimsData | None:
    if result.red_cell is None:
        return None
    return AimsData(
        aims_line(book, result),
        result.red_cell.score,
        tuple(ScorePart(label, v) for label, v in aims_parts(book, result)),
    )


def _forecasts(game: Game) -> ForecastData:
    book = game.book
    scores = forecast_scores(game)
    forecasters = [a for a in book.delegation_ids if any(f.actor == a for f in game.forecasts)]
    questions: dict[tuple[int, str], dict[str, Forecast]] = {}
    pending: Counter[str] = Counter()
    for f in game.forecasts:
        questions.setdefault((f.turn, f.question), {})[f.actor] = f
        if game.forecast_outcome(f) is None:
            pending[f.actor] += 1
    rows = []
    for (turn, question), by_actor in sorted(questions.items(), key=lambda kv: kv[0][0]):
        rows.append(
            ForecastRow(
                turn,
                game.question_text(question),
                game.forecast_outcome(next(iter(by_actor.values()))),
                tuple(by_actor[a].probability if a in by_actor else None for a in forecasters),
            )
        )
    score_rows = []
    for actor in book.delegation_ids:
        sc = scores[actor]
        coin = {"percent": percent(0.5), "score": fixed(BRIER_COIN, 2)}
        if sc.brier is None:
            verdict = _("no forecasts scored yet") if pending[actor] else _("no forecasts made")
        elif sc.brier < BRIER_COIN:
            verdict = _("better than always answering {percent} ({score})").format(**coin)
        elif sc.brier > BRIER_COIN:
            verdict = _("worse than always answering {percent} ({score})").format(**coin)
        else:
            verdict = _("the same as always answering {percent} ({score})").format(**coin)
        score_rows.append(
            ForecastScoreRow(
                actor, book.delegations[actor].title, sc.count, pending[actor], sc.brier, verdict
            )
        )
    return ForecastData(
        _(BRIER_EXPLANATION),
        tuple(score_rows),
        tuple(book.delegations[a].title for a in forecasters),
        tuple(rows),
    )


def _comparison(
    game: Game,
    result: GameResult,
    runs: int,
    progress: Callable[[int, int], None] | None,
) -> Comparison:
    from game.report.baseline import ai_baseline

    baseline = ai_baseline(game.loaded, runs, progress=progress)
    scores = list(baseline.scores)
    bands = Counter(baseline.outcomes)
    mine = result.shared.score
    below = sum(1 for s in scores if s < mine)
    equal = sum(1 for s in scores if s == mine)
    ordered = sorted(scores)
    return Comparison(
        runs=runs,
        combinations=baseline.combinations,
        class_score=mine,
        class_band=result.outcome.id,
        provisional=not game.over,
        scores=tuple(scores),
        below=below,
        equal=equal,
        above=len(scores) - below - equal,
        percentile=100 * (below + equal / 2) / len(scores),
        median=_percentile(ordered, 50),
        p10=_percentile(ordered, 10),
        p90=_percentile(ordered, 90),
        bands=tuple(
            BandShare(o.id, o.title, bands[o.id], bands[o.id] / runs, o.id == result.outcome.id)
            for o in game.scenario.outcomes
        ),
    )
