"""A game in the window: the engine game plus the hot-seat flow (who decides now, drafts, reveal).

The UI changes the game only through the engine's API (`options`, `check`, `submit`,
`resolve_turn`); this class keeps the in-progress choices of the delegation at the keyboard.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from game.engine.game import Game, IllegalDecision, Options, TurnReport
from game.engine.saves import save_game
from game.engine.state import Choice
from game.scenario.loader import LoadedScenario
from game.ui.settings import saves_dir


@dataclass
class Session:
    game: Game
    save_path: Path | None = None
    drafts: dict[str, dict[str, Choice]] = field(default_factory=dict)
    current: str | None = None  # the human delegation whose choices are on screen
    last_report: TurnReport | None = None

    @classmethod
    def new(
        cls,
        loaded: LoadedScenario,
        seed: int,
        humans: list[str],
        ai_profiles: dict[str, str],
        autosave: bool = True,
    ) -> Session:
        game = Game(loaded, seed, humans, ai_profiles)
        path = None
        if autosave:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            path = saves_dir() / f"{loaded.scenario.id}-{stamp}-seed{seed}.json"
        session = cls(game, path)
        session.start_turn()
        return session

    @property
    def humans(self) -> list[str]:
        return [a for a in self.game.book.delegation_ids if a in self.game.setup.humans]

    def start_turn(self) -> None:
        self.drafts = {a: {} for a in self.humans}
        waiting = self.game.awaiting()
        self.current = waiting[0] if waiting else None

    def options(self) -> Options:
        assert self.current is not None
        return self.game.options(self.current)

    def choice(self, measure_id: str) -> Choice:
        return self.drafts.get(self.current or "", {}).get(measure_id, Choice.HOLD)

    def set_choice(self, measure_id: str, choice: Choice) -> None:
        """Change one choice of the delegation at the keyboard; raises IllegalDecision if unaffordable."""
        assert self.current is not None
        draft = dict(self.drafts[self.current])
        draft[measure_id] = choice
        self.game.check(self.current, draft)
        self.drafts[self.current] = draft

    def capital_left(self) -> int:
        opts = self.options()
        clean = {m: c for m, c in self.drafts[self.current or ""].items() if c != Choice.HOLD}
        return opts.capital - opts.cost_of(clean)

    def end_delegation_turn(self) -> str:
        """Submit the current delegation's choices. Returns 'curtain' (next human) or 'reveal'."""
        assert self.current is not None
        self.game.submit(self.current, self.drafts[self.current])
        waiting = self.game.awaiting()
        if waiting:
            self.current = waiting[0]
            return "curtain"
        self.current = None
        self.last_report = self.game.resolve_turn()
        self.autosave()
        return "reveal"

    def next_after_reveal(self) -> str:
        """'debrief' when the game is over, otherwise the next turn begins: 'turn' or 'curtain'."""
        if self.game.over:
            return "debrief"
        self.start_turn()
        if self.current is None:  # no human delegation: watching the AIs play
            return "turn"
        return "curtain" if len(self.humans) > 1 else "turn"

    def autosave(self) -> None:
        if self.save_path is None:
            return
        try:
            save_game(self.game, self.save_path)
        except OSError:
            pass  # a full disk must not stop the class; the pause menu's Save reports errors

    def resolve_without_humans(self) -> None:
        if self.game.awaiting():
            raise IllegalDecision("humans have not decided")
        self.last_report = self.game.resolve_turn()
        self.autosave()
