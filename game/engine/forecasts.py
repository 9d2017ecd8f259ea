"""Forecasts: before a reveal, a delegation may state the probability that something happens
this turn (tension rises, cooperation rises, a measure is adopted). `Game` has these as
methods; `game.engine.scoring.forecast_scores` scores them (Brier)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.engine.values import EngineError, GameOver
from game.engine.whitecell import finite_number
from game.i18n import _

if TYPE_CHECKING:
    from typing import Protocol

    from game.engine.rulebook import MeasureRules, Rulebook
    from game.engine.state import GameState
    from game.engine.values import TurnReport
    from game.scenario.models import Scenario

    class _Game(Protocol):
        """What these methods use of `Game` (their `self`)."""

        book: Rulebook
        state: GameState
        reports: list[TurnReport]
        forecasts: list[Forecast]
        turn_start_values: list[dict[str, float]]

        @property
        def scenario(self) -> Scenario: ...
        def require_record(self, what: str) -> None: ...
        def available_measures(self) -> list[MeasureRules]: ...
        def forecast_questions(self) -> list[Question]: ...
        def question_text(self, question: str) -> str: ...


@dataclass(frozen=True)  # no slots: saves write `vars()` of it
class Forecast:
    """A delegation's stated probability, before a reveal, that something happens this turn."""

    turn: int
    actor: str
    question: str  # see `forecast_questions`
    probability: float  # 0..1


@dataclass(frozen=True, slots=True)
class Question:
    """A question delegations may forecast this turn: its id and its wording."""

    id: str
    text: str


class Forecasting:
    """Forecasts, as methods of `Game` (this class is one of its bases)."""

    def forecast_questions(self: _Game) -> list[Question]:
        """What delegations may forecast this turn, before the reveal."""
        ids = [
            "tension_up",
            "cooperation_up",
            *(f"adopted:{m.id}" for m in self.available_measures()),
        ]
        return [Question(q, self.question_text(q)) for q in ids]

    def question_text(self: _Game, question: str) -> str:
        """The wording of a forecast question (of this turn or any earlier one)."""
        label = self.scenario.turn_label.lower()
        if question == "tension_up":
            return _(
                "Tension will be higher at the end of this {turn_label} than at its start"
            ).format(turn_label=label)
        if question == "cooperation_up":
            return _(
                "Cooperation will be higher at the end of this {turn_label} than at its start"
            ).format(turn_label=label)
        kind, _colon, measure = question.partition(":")
        if kind == "adopted" and measure in self.book.measure:
            return _("{measure} will be adopted this {turn_label}").format(
                measure=self.book.measure[measure].model.title, turn_label=label
            )
        return question

    def submit_forecast(self: _Game, actor: str, question: str, probability: float) -> None:
        """Record a delegation's forecast for this turn (replacing an earlier one to the same
        question). Raises EngineError for an unknown delegation, a question not asked this turn
        or a probability that is not a finite number from 0 to 1; GameOver once it is over."""
        self.require_record("forecasts")
        if self.state.over:
            raise GameOver("the game is over")
        if actor not in self.book.delegations:
            raise EngineError(f"unknown delegation {actor!r}")
        if question not in {q.id for q in self.forecast_questions()}:
            raise EngineError(f"{question!r} is not a question this turn")
        probability = finite_number(probability, "a forecast's probability", 0, 1)
        turn = self.state.turn
        self.forecasts = [
            f
            for f in self.forecasts
            if not (f.turn == turn and f.actor == actor and f.question == question)
        ]
        self.forecasts.append(Forecast(turn, actor, question, probability))

    def forecast_outcome(self: _Game, forecast: Forecast) -> bool | None:
        """Whether the forecast event happened (None while its turn is unresolved)."""
        if forecast.turn > len(self.reports):
            return None
        before = self.turn_start_values[forecast.turn - 1]
        after = self.turn_start_values[forecast.turn]
        if forecast.question == "tension_up":
            return after["tension"] > before["tension"]
        if forecast.question == "cooperation_up":
            return after["cooperation"] > before["cooperation"]
        measure = forecast.question.split(":", 1)[1]
        return self.state.adopted.get(measure) == forecast.turn
