"""The white cell (the facilitator): what it may do to a game during a turn's decisions, and
the record of what it did. `Game` has these as methods (`fire_inject`, `adjust`, `add_note`,
`hold_for`, `hand_to_ai`, `notes`); saves replay the record (`FacilitatorAction`) in order."""

from __future__ import annotations

from dataclasses import dataclass
from math import isfinite
from typing import TYPE_CHECKING

from game.engine.ai import DelegationAI
from game.engine.state import Cause
from game.engine.values import EngineError, GameOver, IllegalDecision
from game.i18n import _
from game.limits import ADJUSTMENT, MAX_ADJUSTMENT, number_problem
from game.text import text_problem

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Protocol

    from game.engine.chance import Stream
    from game.engine.rulebook import Rulebook
    from game.engine.state import Choice, GameState
    from game.engine.values import Setup

    class _Game(Protocol):
        """What these methods use of `Game` (their `self`)."""

        book: Rulebook
        state: GameState
        setup: Setup
        reopened: list[str]
        facilitator_log: list[FacilitatorAction]
        _pending: dict[str, dict[str, Choice]]
        _ai: dict[str, DelegationAI]
        _ai_stream: Stream

        def check(self, actor: str, decisions: Mapping[str, str]) -> dict[str, Choice]: ...
        def _inject_fires(self, inject_id: str, by_hand: bool = False) -> None: ...
        def _reopen_decisions_made_impossible(self) -> None: ...
        def _change(
            self,
            indicator: str,
            amount: float,
            cause: Cause,
            source_id: str,
            label: str,
            absorbed: float = 0.0,
        ) -> None: ...


MAX_NOTE_CHARS = 2000  # a facilitator's note or an adjustment's reason


@dataclass(frozen=True)  # no slots: saves write `vars()` of it
class FacilitatorAction:
    """Something the white cell did: fired an inject, adjusted an indicator (with its reason)
    or wrote a note during a turn's decisions, ended a delegation's turn for it ("hold":
    `actor` holds on everything, `text` says why), handed a delegation to the computer ("ai":
    `actor`, `text` the AI profile), or took back turn `turn` ("takeback", `text` summarising
    the decisions undone). Saves replay these in order; take-backs are a record only and have
    no effect on play."""

    turn: int
    kind: str  # "inject", "adjust", "note", "hold", "ai" or "takeback"
    inject_id: str = ""
    indicator: str = ""
    amount: float = 0.0
    text: str = ""  # the reason, the note, the AI profile, or what a take-back undid
    actor: str = ""  # the delegation of a "hold" or an "ai"


def finite_number(value: object, what: str, low: float, high: float) -> float:
    """`value` as a float from `low` to `high`; raises EngineError for anything else (text,
    even text of a number: the terminal and the window read typed numbers with
    `game.limits.read_decimal`; booleans, NaN, infinities, numbers too large for a float),
    worded by `game.limits.number_problem` like the same mistake typed at a prompt."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise EngineError(number_problem(what, low, high, value))
    try:
        number = float(value)
    except OverflowError:  # an int too large for a float
        raise EngineError(number_problem(what, low, high, value)) from None
    if not isfinite(number) or not low <= number <= high:
        raise EngineError(number_problem(what, low, high, number))
    return number


def facilitator_text(text: object, what: str) -> str:
    """A note or reason as recorded: no control characters (they would reach terminals and
    reports), at most MAX_NOTE_CHARS characters. Raises EngineError."""
    text = str(text).strip()
    problem = text_problem(text)  # the rule every reader applies, so the save reads back
    if problem:
        raise EngineError(f"{what} {problem}")
    if len(text) > MAX_NOTE_CHARS:
        raise EngineError(
            f"{what} can be at most {MAX_NOTE_CHARS:,} characters long; this one has {len(text):,}"
        )
    return text


class WhiteCell:
    """The facilitator's actions, as methods of `Game` (this class is one of its bases)."""

    def fire_inject(self: _Game, inject_id: str) -> None:
        """The facilitator fires an inject now, during this turn's decisions. Raises
        EngineError for an unknown inject, GameOver once the game is over."""
        if self.state.over:
            raise GameOver("the game is over")
        if not isinstance(inject_id, str) or inject_id not in self.book.inject:
            if not self.book.inject:
                raise EngineError(
                    _("unknown inject {inject}; this scenario has no injects").format(
                        inject=repr(inject_id)
                    )
                )
            raise EngineError(
                _("unknown inject {inject}; this scenario's injects: {known}").format(
                    inject=repr(inject_id), known=", ".join(self.book.inject)
                )
            )
        # Fired during the decisions, it already knocks measures out of this turn's
        # resolution, so it lasts one turn less than the same inject on its schedule.
        self._inject_fires(inject_id, by_hand=True)
        self.facilitator_log.append(
            FacilitatorAction(self.state.turn, "inject", inject_id=inject_id)
        )
        self._reopen_decisions_made_impossible()

    def adjust(self: _Game, indicator: str, amount: float, reason: str) -> None:
        """The facilitator changes an indicator by hand; the reason goes into the ledger.
        Raises EngineError for an unknown indicator, an amount that is not a finite number from
        -100 to 100, or a missing or unusable reason; GameOver once the game is over."""
        if self.state.over:
            raise GameOver("the game is over")
        if not isinstance(indicator, str) or indicator not in self.state.values:
            known = ", ".join(self.state.values)
            raise EngineError(
                _("unknown indicator {indicator}; expected one of {known}").format(
                    indicator=repr(indicator), known=known
                )
            )
        amount = finite_number(amount, ADJUSTMENT, -MAX_ADJUSTMENT, MAX_ADJUSTMENT)
        reason = facilitator_text(" ".join(str(reason).split()), "a reason")
        if not reason:
            raise EngineError(
                _("an adjustment needs a reason (it is shown in the debrief and the report)")
            )
        self._change(
            indicator,
            round(amount, 1),
            Cause.FACILITATOR,
            "facilitator",
            self.book.cause_label(Cause.FACILITATOR, "facilitator", indicator, reason),
        )
        self.facilitator_log.append(
            FacilitatorAction(
                self.state.turn, "adjust", indicator=indicator, amount=round(amount, 1), text=reason
            )
        )
        self._reopen_decisions_made_impossible()

    def add_note(self: _Game, text: str) -> None:
        """A facilitator's note against the current turn (no effect on play). Raises EngineError
        for an empty note, one longer than MAX_NOTE_CHARS or one with control characters."""
        text = facilitator_text(text, "a note")
        if not text:
            raise EngineError(_("a note needs some text"))
        self.facilitator_log.append(FacilitatorAction(self.state.turn, "note", text=text))

    def _reopen_decisions_made_impossible(self: _Game) -> None:
        """The white cell acted during the decisions (an inject, an adjustment): a decision
        already submitted that it made impossible (capital taken away, a measure suspended)
        is set aside, and that delegation decides again (`reopened` lists it). So the turn
        resolves only decisions that were legal when it resolved, as a replay of the save,
        which redoes the white cell's actions before the decisions, finds them."""
        if self.state.over:
            return
        for actor, chosen in list(self._pending.items()):
            try:
                self.check(actor, chosen)
            except IllegalDecision:
                del self._pending[actor]
                self.reopened.append(actor)

    def hold_for(self: _Game, actor: str, reason: str = "") -> None:
        """The facilitator ends this turn for a delegation played by people that has not
        decided: it holds on everything. Recorded in the facilitator's log ("hold", with
        `reason`), so the debrief and the report say who ended its turn and why. Raises
        EngineError when `actor` is not played by people or has already decided."""
        if self.state.over:
            raise GameOver("the game is over")
        if actor not in self.setup.humans:
            raise EngineError(f"{actor!r} is not a delegation played by people in this game")
        if actor in self._pending:
            raise EngineError(f"{actor} has already decided this turn")
        reason = facilitator_text(" ".join(str(reason).split()), "a reason")
        self._pending[actor] = {}
        self.facilitator_log.append(
            FacilitatorAction(self.state.turn, "hold", text=reason, actor=actor)
        )

    def hand_to_ai(self: _Game, actor: str, profile: str | None = None) -> None:
        """The facilitator hands a delegation played by people to the computer, from this turn
        on, under `profile` (the delegation's default profile when None). Whatever it had
        submitted this turn is set aside: the AI decides at the reveal. Recorded in the
        facilitator's log ("ai"); a save replays it at the same point, so the AI's draws are
        the same. Raises EngineError for a delegation not played by people or an unknown
        profile."""
        if self.state.over:
            raise GameOver("the game is over")
        if actor not in self.setup.humans:
            raise EngineError(f"{actor!r} is not a delegation played by people in this game")
        if profile is not None and profile not in self.book.profile_names[actor]:
            raise EngineError(
                f"unknown AI profile {profile!r} for {actor}; expected one of "
                f"{', '.join(self.book.profile_names[actor])}"
            )
        name, rules = self.book.profile(actor, profile)
        self._ai[actor] = DelegationAI(self.book, actor, name, rules, self._ai_stream)
        self.setup.humans = self.setup.humans - {actor}
        self.setup.ai_profiles[actor] = name
        self._pending.pop(actor, None)
        self.facilitator_log.append(
            FacilitatorAction(self.state.turn, "ai", text=name, actor=actor)
        )

    def notes(self: _Game) -> list[FacilitatorAction]:
        """The facilitator's notes, in the order written."""
        return [a for a in self.facilitator_log if a.kind == "note"]
