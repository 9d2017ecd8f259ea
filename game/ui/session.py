"""A game in the window: the engine game plus the hot-seat flow (who decides now, drafts, reveal).

The UI changes the game only through the engine's API (`options`, `check`, `submit`,
`resolve_turn`); this class keeps the in-progress choices of the delegation at the keyboard.

It also keeps the game's folder: `game.json` (the latest save), `turn-NN.json` (each turn's)
and `session.json` (the classroom settings: facilitator password, forecasts, turn timer).
A save that fails is never silent: `save_problem` says what and where until a later save
succeeds, and every autosave tries again. The password is stored as a salted PBKDF2 key
(`PasswordRecord`), never as itself; `read_classroom_settings` reads `session.json` bounded
and validated, keeping every good value when some are bad and saying which were not
(`classroom_problem`). A password record that cannot be checked fails closed: the console
stays locked, the class is told how to reset it, and the file is not written over.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from game.atomic import write_text_atomic
from game.engine.game import Game, IllegalDecision, Options, TurnReport
from game.engine.saves import save_text
from game.engine.state import Choice
from game.i18n import N_, _
from game.limits import MAX_TIMER_SECONDS, finite_in_range
from game.reading import FileReadError, read_json
from game.scenario.loader import LoadedScenario
from game.ui.settings import saves_dir

SESSION_FILE = "session.json"
MAX_SESSION_BYTES = 64_000
PASSWORD_KDF = "pbkdf2-sha256"
PASSWORD_ITERATIONS = 600_000  # OWASP's 2023 figure for PBKDF2-HMAC-SHA256; ~0.15 s here
# What a session file may ask for: up to twice our own rounds, so a file cannot make each
# attempt at the password take seconds (5,000,000 rounds took 1.2 s here).
_ITERATIONS_READ = (10_000, 2 * PASSWORD_ITERATIONS)


@dataclass(frozen=True)
class PasswordRecord:
    """A facilitator password as stored: PBKDF2-HMAC-SHA256 with a random salt.

    `prehash` marks a record upgraded from an old session file that kept only the password's
    SHA-256: the key is then derived from that hex digest, so the old password still unlocks.
    A record with `iterations == 0` is such an old SHA-256 itself, read but never written."""

    iterations: int
    salt: bytes
    key: bytes
    prehash: bool = False

    @classmethod
    def of(cls, password: str) -> PasswordRecord:
        """A new record of `password` with a fresh salt."""
        salt = secrets.token_bytes(16)
        return cls(PASSWORD_ITERATIONS, salt, _derive(_utf8(password), salt, PASSWORD_ITERATIONS))

    @property
    def legacy(self) -> bool:
        return self.iterations == 0

    def matches(self, attempt: str) -> bool:
        """Whether `attempt` is the password (compared in constant time)."""
        if self.legacy:
            return hmac.compare_digest(hashlib.sha256(_utf8(attempt)).digest(), self.key)
        secret = (
            hashlib.sha256(_utf8(attempt)).hexdigest().encode() if self.prehash else _utf8(attempt)
        )
        return hmac.compare_digest(_derive(secret, self.salt, self.iterations), self.key)

    def upgraded(self) -> PasswordRecord:
        """The record to write: an old bare SHA-256 becomes a salted key derived from it."""
        if not self.legacy:
            return self
        salt = secrets.token_bytes(16)
        key = _derive(self.key.hex().encode(), salt, PASSWORD_ITERATIONS)
        return PasswordRecord(PASSWORD_ITERATIONS, salt, key, prehash=True)

    def to_json(self) -> dict:
        record = self.upgraded()
        data = {
            "kdf": PASSWORD_KDF,
            "iterations": record.iterations,
            "salt": record.salt.hex(),
            "key": record.key.hex(),
        }
        if record.prehash:
            data["prehash"] = "sha256"
        return data


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _derive(secret: bytes, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", secret, salt, iterations)


@dataclass(frozen=True)
class ClassroomSettings:
    """What `session.json` holds, checked; `problems` are sentences about values that could
    not be used (each fell back to its default, the rest were kept).

    `password_damaged` says why the stored password cannot be checked (the file cannot be
    read, or its password record is damaged): the console then stays locked (it fails
    closed), since a damaged record may have been a password."""

    password: PasswordRecord | None = None
    forecasts_enabled: bool = False
    timer_seconds: float = 0.0
    problems: tuple[str, ...] = ()
    password_damaged: str | None = None


def read_classroom_settings(save_path: str | Path) -> ClassroomSettings:
    """The classroom settings kept beside a game's `game.json` (defaults when there are none).
    Never raises: the file is read bounded (see game.reading) and every value is checked;
    a bad value falls back to its default and is named in `problems`. A file that exists but
    cannot be read locks the console (see ClassroomSettings.password_damaged)."""
    save_path = Path(save_path)
    if save_path.name != "game.json":
        return ClassroomSettings()
    path = save_path.parent / SESSION_FILE
    try:
        if not path.exists() and not path.is_symlink():
            return ClassroomSettings()
        raw = read_json(path, MAX_SESSION_BYTES, "session file", lenient_numbers=True)
    except (FileReadError, OSError, ValueError) as err:
        why = (
            str(err)
            if isinstance(err, FileReadError)
            else _("{path}: cannot be read ({error})").format(path=path, error=err)
        )
        return ClassroomSettings(
            problems=(
                _("{problem}; the turn timer and forecasts are off.").format(problem=why),
                _(LOCKED),
            ),
            password_damaged=damaged_password(path),
        )
    return classroom_settings_from(raw, path)


LOCKED = N_(
    "The facilitator password stored there is damaged, so the facilitator console stays "
    "locked (F9 says how to reset it)."
)


def damaged_password(path: Path) -> str:
    """What the class is told when the stored password of `path` (a session.json) cannot be
    checked: the console stays locked, and how to reset it."""
    return _(
        "The facilitator password stored in this game's {file} is damaged, so the facilitator "
        "console stays locked. To reset it, delete {file} in the game's folder ({folder}) and "
        "load the game again: the console then has no password."
    ).format(file=path.name, folder=path.parent)


def classroom_settings_from(raw: object, path: str | Path = SESSION_FILE) -> ClassroomSettings:
    """Check the parsed content of a session file (see `read_classroom_settings`)."""
    path = Path(path)
    if not isinstance(raw, Mapping):
        return ClassroomSettings(
            problems=(
                _("It is not an object of settings; the turn timer and forecasts are off."),
                _(LOCKED),
            ),
            password_damaged=damaged_password(path),
        )
    problems: list[str] = []
    forecasts = raw.get("forecasts_enabled", False)
    if not isinstance(forecasts, bool):
        problems.append(_("forecasts_enabled is not true or false; forecasts are off."))
        forecasts = False
    timer = finite_in_range(raw.get("timer_seconds", 0.0), 0.0, MAX_TIMER_SECONDS)
    if timer is None:
        problems.append(
            _(
                "timer_seconds is not a number of seconds from 0 to {most}; there is no turn timer."
            ).format(most=f"{MAX_TIMER_SECONDS:g}")
        )
        timer = 0.0
    password, damaged = _password_from(raw)
    if damaged:
        problems.append(_(LOCKED))
    return ClassroomSettings(
        password, forecasts, timer, tuple(problems), damaged_password(path) if damaged else None
    )


def _password_from(raw: Mapping) -> tuple[PasswordRecord | None, bool]:
    """The stored password (None when none was set), and whether a record is there that
    cannot be used (damaged: then the console must stay locked)."""
    if "password" in raw:
        data = raw["password"]
        if data is None:
            return None, False
        if not isinstance(data, Mapping) or data.get("kdf") != PASSWORD_KDF:
            return None, True
        iterations = data.get("iterations")
        low, high = _ITERATIONS_READ
        if (
            isinstance(iterations, bool)
            or not isinstance(iterations, int)
            or not low <= iterations <= high
        ):
            return None, True
        salt, key = _hex(data.get("salt"), 8, 64), _hex(data.get("key"), 32, 32)
        prehash = data.get("prehash", None)
        if salt is None or key is None or prehash not in (None, "sha256"):
            return None, True
        return PasswordRecord(iterations, salt, key, prehash == "sha256"), False
    old = raw.get("password_sha256", "")  # sessions written before salted keys
    if old == "":
        return None, False
    key = _hex(old, 32, 32)
    if key is None:
        return None, True
    return PasswordRecord(0, b"", key), False


def _hex(value: object, low: int, high: int) -> bytes | None:
    """Bytes written as hex, between `low` and `high` bytes long; None for anything else."""
    if not isinstance(value, str) or not 2 * low <= len(value) <= 2 * high:
        return None
    try:
        return bytes.fromhex(value)
    except ValueError:
        return None


def new_game_folder(scenario_id: str, seed: int) -> Path:
    """Create a new, empty folder for a game and return it. The folder is made exclusively:
    two games started in the same second (same scenario and seed too) get `...-2`, `-3`, ...
    Raises OSError when the saves folder cannot be written."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    root = saves_dir()
    root.mkdir(parents=True, exist_ok=True)
    base = f"{scenario_id}-{stamp}-seed{seed}"
    for number in range(1, 1000):
        folder = root / (base if number == 1 else f"{base}-{number}")
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        return folder
    raise FileExistsError(f"{root / base}: a thousand games of this name were started at once")


@dataclass
class Session:
    game: Game
    save_path: Path | None = None
    drafts: dict[str, dict[str, Choice]] = field(default_factory=dict)
    current: str | None = None  # the human delegation whose choices are on screen
    last_report: TurnReport | None = None
    password: str = ""  # facilitator console password ('' = none), set up in this run
    forecasts_enabled: bool = False
    timer_seconds: float = 0.0  # per turn; 0 = no timer
    timer_left: float = 0.0
    timer_running: bool = False  # the facilitator's choice: started, or paused from the console
    turn_timer: bool = False  # this turn has a clock (the class's timer, or one started now)
    timer_held: bool = False  # stopped for now by an overlay (pause menu, facilitator console)
    # The loaded save's warnings (game.save_warnings) were shown on the first screen after
    # loading; the debrief repeats them.
    save_warnings_seen: bool = False
    # The password of a resumed game, as session.json stored it (the password itself is
    # not kept anywhere).
    password_record: PasswordRecord | None = None
    # Why the last save failed (a sentence naming the file and the reason), or None. The
    # window shows it as a banner; it clears when a later save succeeds.
    save_problem: str | None = None
    # What could not be used of the resumed game's session.json, or None: shown with the
    # save's warnings on the first screen after loading, and in the debrief.
    classroom_problem: str | None = None
    # Why the stored password cannot be checked, or None: the console then stays locked and
    # session.json is never written over (see ClassroomSettings.password_damaged).
    password_damaged: str | None = None
    # (scenario id, seed) of a new game whose folder could not yet be made; autosave retries.
    _folder_wanted: tuple[str, int] | None = None
    _password_cache: tuple[str, PasswordRecord] | None = field(default=None, repr=False)

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
        history: bool = False,
    ) -> Session:
        """A new game; with `autosave`, its own folder is made and written at once (so Load
        lists it). If that fails, `save_problem` says so and every autosave tries again.
        Raises ValueError for a timer that is not from 0 to MAX_TIMER_SECONDS."""
        if finite_in_range(timer_seconds, 0.0, MAX_TIMER_SECONDS) is None:
            raise ValueError(f"a turn timer is from 0 to {MAX_TIMER_SECONDS:g} seconds")
        game = Game(loaded, seed, humans, ai_profiles, history=history)
        session = cls(
            game, None, password=password, forecasts_enabled=forecasts, timer_seconds=timer_seconds
        )
        if autosave:
            session._folder_wanted = (loaded.scenario.id, game.seed)
        session.start_turn()
        session.autosave()
        return session

    def classroom_settings(self) -> dict:
        """What session.json holds: the password as a salted key, forecasts, the timer."""
        record = self._password_to_store()
        return {
            "password": record.to_json() if record else None,
            "forecasts_enabled": self.forecasts_enabled,
            "timer_seconds": self.timer_seconds,
        }

    def _password_to_store(self) -> PasswordRecord | None:
        # Deriving a key takes a noticeable moment, so it is done once per password, not at
        # every autosave; an old bare SHA-256 is upgraded once and kept upgraded.
        if self.password:
            if self._password_cache is None or self._password_cache[0] != self.password:
                self._password_cache = (self.password, PasswordRecord.of(self.password))
            return self._password_cache[1]
        if self.password_record is not None and self.password_record.legacy:
            self.password_record = self.password_record.upgraded()
        return self.password_record

    def apply_classroom_settings(self, settings: ClassroomSettings | Mapping) -> None:
        """Use classroom settings read back from a game's folder (see `read_classroom_settings`;
        a mapping is checked the same way). Values that could not be used are reported in
        `classroom_problem`; a damaged password keeps the console locked."""
        if not isinstance(settings, ClassroomSettings):
            settings = classroom_settings_from(settings)
        self.password_record = settings.password
        self.password_damaged = settings.password_damaged
        self.forecasts_enabled = settings.forecasts_enabled
        self.timer_seconds = settings.timer_seconds
        self.classroom_problem = None
        if settings.problems:
            self.classroom_problem = _(
                "Some classroom settings of this game (session.json in its folder) could not "
                "be used: {problems}"
            ).format(problems=" ".join(settings.problems))

    def password_required(self) -> bool:
        return bool(self.password or self.password_record or self.password_damaged)

    def password_ok(self, attempt: str) -> bool:
        """Whether `attempt` unlocks the facilitator console (constant-time comparisons);
        never while the stored password is damaged (the console fails closed)."""
        if self.password_damaged:
            return False
        if self.password:
            return hmac.compare_digest(_utf8(attempt), _utf8(self.password))
        if self.password_record is None:
            return True
        return self.password_record.matches(attempt)

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
            return _("{time} (paused)").format(time=text)
        return _("{time} (stopped)").format(time=text) if self.timer_held else text

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

    def save_now(self) -> None:
        """Save at once (the pause menu's Save). A game that had no folder yet (the tutorial)
        gets one of its own, made exclusively like every game's; a failure is in `save_problem`."""
        if self.save_path is None and self._folder_wanted is None:
            self._folder_wanted = (self.game.scenario.id, self.game.seed)
        self.autosave()

    def autosave(self) -> None:
        """Save the game (and, in a game folder, this turn's copy and the classroom settings).
        A failure never stops the class: it is put in `save_problem` (cleared by the next save
        that succeeds), and every later autosave tries again."""
        if self.save_path is None and self._folder_wanted is not None:
            try:
                self.save_path = new_game_folder(*self._folder_wanted) / "game.json"
            except OSError as err:
                self.save_problem = _could_not_save(saves_dir(), err)
                return
            self._folder_wanted = None
        if self.save_path is None:
            return
        try:
            text = save_text(self.game)
            write_text_atomic(self.save_path, text)
            if self.save_path.name == "game.json":
                folder = self.save_path.parent
                write_text_atomic(folder / f"turn-{len(self.game.reports):02d}.json", text)
                if not self.password_damaged:  # kept as it is until the class resets it
                    write_text_atomic(
                        folder / SESSION_FILE,
                        json.dumps(self.classroom_settings(), indent=1) + "\n",
                    )
        except OSError as err:
            self.save_problem = _could_not_save(self.save_path, err)
            return
        self.save_problem = None

    def resolve_without_humans(self) -> None:
        if self.game.awaiting():
            raise IllegalDecision("humans have not decided")
        self.last_report = self.game.resolve_turn()
        self.autosave()


def _could_not_save(path: Path, err: OSError) -> str:
    where = err.filename or path
    return _(
        "Could not save the game to {path}: {reason}. Play goes on; Trilateral tries again "
        "after every turn."
    ).format(path=where, reason=err.strerror or err)
