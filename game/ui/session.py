"""A game in the window: the engine game plus the hot-seat flow (who decides now, drafts, reveal).

The UI changes the game only through the engine's API (`options`, `check`, `submit`,
`resolve_turn`); this class keeps the in-progress choices of the delegation at the keyboard.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from game.atomic import write_text_atomic
from game.engine.game import Game, IllegalDecision, Options, TurnReport
from game.engine.saves import save_text
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
    password: str = ""  # facilitator console password ('' = none)
    forecasts_enabled: bool = False
    timer_seconds: float = 0.0  # per turn; 0 = no timer
    timer_left: float = 0.0
    timer_running: bool = False  # the facilitator's choice: started, or paused from the console
    turn_timer: bool = False  # this turn has a clock (the class's timer, or one started now)
    timer_held: bool = False  # stopped for now by an overlay (pause menu, facilitator console)
    # The loaded save's warnings (game.save_warnings) were shown on the first screen after
    # loading; the debrief repeats them.
    save_warnings_seen: bool = False

    @classmethod
    def new(
        cls,
        loaded: LoadedScenario,
        seed: int,
        humans: list[str],
        ai_profiles: dict[str, str],
        autosave: bool = True,
        *,
        password: str = "",
        forecasts: bool = False,
        timer_seconds: float = 0.0,
    ) -> Session:
        """A new game; with `autosave`, its folder is written at once (so Load lists it)."""
        game = Game(loaded, seed, humans, ai_profiles)
        path = None
        if autosave:
            # One folder per game: game.json is the latest state, turn-NN.json each turn's.
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            path = saves_dir() / f"{loaded.scenario.id}-{stamp}-seed{seed}" / "game.json"
        session = cls(
            game, path, password=password, forecasts_enabled=forecasts, timer_seconds=timer_seconds
        )
        session.start_turn()
        session.autosave()
        return session

    def classroom_settings(self) -> dict:
        return {
            "password_sha256": hashlib.sha256(self.password.encode()).hexdigest()
            if self.password
            else "",
            "forecasts_enabled": self.forecasts_enabled,
            "timer_seconds": self.timer_seconds,
        }

    def apply_classroom_settings(self, data: dict) -> None:
        self.password_hash = str(data.get("password_sha256", ""))
        self.forecasts_enabled = bool(data.get("forecasts_enabled", False))
        try:
            self.timer_seconds = max(0.0, float(data.get("timer_seconds", 0)))
        except (TypeError, ValueError):
            self.timer_seconds = 0.0

    def password_required(self) -> bool:
        return bool(self.password or getattr(self, "password_hash", ""))

    def password_ok(self, attempt: str) -> bool:
        if self.password:
            return attempt == self.password
        wanted = getattr(self, "password_hash", "")
        return not wanted or hashlib.sha256(attempt.encode()).hexdigest() == wanted

    @property
    def humans(self) -> list[str]:
        return [a for a in self.game.book.delegation_ids if a in self.game.setup.humans]

    def start_turn(self) -> None:
        self.drafts = {a: {} for a in self.humans}
        waiting = self.game.awaiting()
        self.current = waiting[0] if waiting else None
        # Every turn starts from the class's setting: extra minutes were for one turn only.
        self.timer_left = self.timer_seconds
        self.turn_timer = self.timer_running = self.timer_seconds > 0

    # --- the turn timer (a classroom aid; the engine knows nothing of clocks) ---------------

    def tick(self, dt: float, *, held: bool = False) -> None:
        """Run this turn's clock for `dt` seconds, unless it is paused or `held` (an overlay
        that takes the class away from deciding is open: it stops the clock while it is open,
        and the clock goes on as it was, running or paused, once it closes)."""
        self.timer_held = held
        if self.timer_running and not held and self.timer_left > 0:
            self.timer_left = max(0.0, self.timer_left - dt)

    def add_time(self, seconds: float) -> None:
        """Give the class more time in this turn only (the next turn starts from the setting)."""
        if not self.turn_timer:
            self.turn_timer, self.timer_left = True, 0.0
        self.timer_left = max(0.0, self.timer_left) + seconds

    def toggle_timer(self, default_seconds: float = 300.0) -> None:
        """Pause or resume the clock; a turn without one gets `default_seconds` for this turn."""
        if not self.turn_timer:
            self.add_time(default_seconds)
        self.timer_running = not self.timer_running

    @property
    def time_up(self) -> bool:
        return self.turn_timer and self.timer_left <= 0

    def timer_text(self) -> str:
        left = int(round(self.timer_left))
        text = f"{left // 60}:{left % 60:02d}"
        if self.time_up:
            return text
        if not self.timer_running:
            return text + " (paused)"
        return text + (" (stopped)" if self.timer_held else "")

    # --- the white cell ------------------------------------------------------------------------

    def take_back(self) -> None:
        """Undo the last resolved turn (the engine replays the game without it)."""
        from game.engine.saves import take_back

        self.game = take_back(self.game)
        self.last_report = self.game.reports[-1] if self.game.reports else None
        self.start_turn()
        self.autosave()

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
            text = save_text(self.game)
            write_text_atomic(self.save_path, text)
            if self.save_path.name == "game.json":
                folder = self.save_path.parent
                write_text_atomic(folder / f"turn-{len(self.game.reports):02d}.json", text)
                write_text_atomic(
                    folder / "session.json", json.dumps(self.classroom_settings(), indent=1)
                )
        except OSError:
            pass  # a full disk must not stop the class; the pause menu's Save reports errors

    def resolve_without_humans(self) -> None:
        if self.game.awaiting():
            raise IllegalDecision("humans have not decided")
        self.last_report = self.game.resolve_turn()
        self.autosave()
