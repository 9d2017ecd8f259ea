"""A class on the students' own devices: the delegations' choices, who has joined and decided,
and the boundary between the web server and the program that owns the game.

The game has one owner: the window's loop (the projector) or `python main.py serve`'s main
thread. Only the owner calls the engine. The web server runs in a thread of its own and talks
to the classroom through exactly three doors:

- `post(item)`: a device joined, left, or sent a checked message (game.net.messages); items
  wait in a thread-safe queue until the owner's next `pump()`, which applies them in order;
- `snapshot(actor)`: the texts a newly joined device is sent (the latest published views);
- a `Listener` the server registers: the owner calls `publish(text, actors)` to send a view to
  every device of some delegations and `reply(connection, text)` to answer one device.

So the engine never runs on the server's thread, and a view is built once per change, then
sent to every device that may see it. A device's delegation is fixed when it joins, from its
join code (`actor_for`); nothing a device sends can name another delegation.

The classroom keeps what a turn adds to the save (the drafts, the choices submitted but not
yet revealed) and the join codes in `devices.json` beside the game's save, written atomically
and readable only by the owner, so that restarting the instructor's program resumes the class
with the same links and nothing submitted is lost.
"""

from __future__ import annotations

import hmac
import json
import queue
import re
import secrets
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.atomic import write_text_atomic
from game.engine.game import EngineError, IllegalDecision
from game.engine.state import Choice
from game.i18n import N_, _
from game.net import messages
from game.net.views import DECIDING, OVER, REVEAL, ClassStatus, game_view, own_view, scenario_view
from game.reading import FileReadError, read_json

# What a device's connection posts for the owner's thread: ("join" or "leave", connection,
# delegation), or ("message", connection, delegation, the parsed message).
InboxItem = tuple[str, int, str] | tuple[str, int, str, messages.DeviceMessage]

DEVICES_FILE = "devices.json"
MAX_DEVICES_BYTES = 200_000
TOKEN_BYTES = 16  # 128 bits from `secrets`
_TOKEN = re.compile(r"[A-Za-z0-9_-]{22,100}")  # token_urlsafe's alphabet, 16 bytes or more
# Kept in the save as written (saves hold no translated text), worded when shown.
TIME_UP_REASON = N_("time was up")
CONSOLE_REASON = N_("the facilitator ended it")
SAVE_DELAY = 1.0  # seconds: drafts and forecasts are written at most this often


class Listener(Protocol):
    """What the web server offers the owner (called on the owner's thread; must not block)."""

    def publish(self, text: str, actors: Iterable[str] | None) -> None:
        """Send `text` to every device of `actors` (None: every device)."""

    def reply(self, connection: int, text: str) -> None:
        """Send `text` to one device."""


class NoListener:
    """No server: publishing goes nowhere (before the server starts and after it stops)."""

    def publish(self, text: str, actors: Iterable[str] | None) -> None:
        pass

    def reply(self, connection: int, text: str) -> None:
        pass


def new_token() -> str:
    """A join code: 128 random bits from `secrets`, URL-safe (22 characters)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


class _DevicesFile(BaseModel):
    """devices.json, checked: the join codes and the turn's drafts and submitted choices."""

    model_config = ConfigDict(extra="forbid")

    kind: str = Field(pattern="^trilateral-devices$")
    tokens: dict[str, str] = Field(max_length=100)
    port: int = Field(0, ge=0, le=65535)
    lan: bool = False
    turn: int = Field(0, ge=0, le=10_000)
    drafts: dict[str, dict[str, str]] = Field(default_factory=dict, max_length=100)
    submitted: dict[str, dict[str, str]] = Field(default_factory=dict, max_length=100)


@dataclass
class ClassroomFile:
    """What devices.json holds (see `read_devices_file`)."""

    tokens: dict[str, str]
    port: int = 0
    lan: bool = False
    turn: int = 0
    drafts: dict[str, dict[str, str]] = field(default_factory=dict)
    submitted: dict[str, dict[str, str]] = field(default_factory=dict)


class DevicesFileError(Exception):
    """devices.json cannot be used; the message names the file and why."""


def read_devices_file(folder: str | Path) -> ClassroomFile | None:
    """The classroom file of a game's folder, or None when the game was not played on devices.
    Raises DevicesFileError for a file that cannot be read or is damaged."""
    path = Path(folder) / DEVICES_FILE
    if not path.exists():
        return None
    try:
        raw = read_json(path, MAX_DEVICES_BYTES)
        data = _DevicesFile.model_validate(raw)
    except FileReadError as err:
        raise DevicesFileError(str(err)) from None
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise DevicesFileError(
            _("{path}: damaged: {where}: {problem}").format(
                path=path, where=where, problem=first["msg"]
            )
        ) from None
    for token in data.tokens.values():
        if not _TOKEN.fullmatch(token):
            raise DevicesFileError(
                _("{path}: damaged: a join code is not one Trilateral made").format(path=path)
            )
    if len(set(data.tokens.values())) != len(data.tokens):
        raise DevicesFileError(
            _("{path}: damaged: two delegations have the same join code").format(path=path)
        )
    return ClassroomFile(
        dict(data.tokens), data.port, data.lan, data.turn, data.drafts, data.submitted
    )


class Classroom:
    """The class on devices around one game (a game.ui.session.Session, which keeps the save,
    the timer and the classroom settings). See the module docstring for the threads.

    `auto_advance`: the next turn opens as soon as a turn is revealed (no projector to pace
    the class: `serve`). Otherwise the owner calls `advance()` when the class has seen the
    reveal (the projector's Enter)."""

    def __init__(
        self,
        session: Any,
        tokens: Mapping[str, str] | None = None,
        *,
        auto_advance: bool = False,
        port: int = 0,
        lan: bool = False,
    ):
        self.session = session
        game = session.game
        humans = [a for a in game.book.delegation_ids if a in game.setup.humans]
        self.tokens: dict[str, str] = {
            a: t for a, t in (tokens or {}).items() if a in game.book.delegations
        }
        for actor in humans:
            if actor not in self.tokens:
                self.tokens[actor] = new_token()
        self.auto_advance = auto_advance
        self.port = port
        self.lan = lan
        self.inbox: queue.Queue[InboxItem] = queue.Queue()
        self.listener: Listener = NoListener()
        self.phase = OVER if game.over else DECIDING
        self.submitted: dict[str, dict[str, Choice]] = {}
        self.devices: dict[str, set[int]] = {a: set() for a in game.book.delegation_ids}
        self.resolved = 0  # turns this classroom resolved (the owner watches it for the reveal)
        self.decided_at: dict[str, float] = {}  # monotonic time each delegation was decided
        self._published: dict[str, list[str]] = {}
        self._game_text = ""
        self._scenario_texts: dict[str, str] = {}
        self._own_texts: dict[str, str] = {}
        self._dirty_at: float | None = None  # drafts or forecasts not yet written
        # What a change needs written: devices.json, and the game's save after a reveal. Done
        # after the devices are told (_publish_all hands the views to the server's thread
        # first), so a slow disk delays no device.
        self._devices_due = False
        self._autosave_due = False
        self._save_dirty = False
        self._timer_seen: tuple[bool, ...] = ()  # (turn timer, running, held) last sent
        self._timer_sent_at = 0.0
        self.session.drafts = {a: dict(self.session.drafts.get(a, {})) for a in humans}
        self._publish_all()

    # --- the server's doors (any thread) --------------------------------------------------

    def actor_for(self, token: object) -> str | None:
        """The delegation whose join code is `token`, or None (compared in constant time)."""
        if not isinstance(token, str) or len(token) > 100:
            return None
        found = None
        for actor, secret in self.tokens.items():
            if hmac.compare_digest(token.encode("utf-8", "replace"), secret.encode()):
                found = actor
        return found

    def post(self, item: InboxItem) -> None:
        """Queue a device's join, leave or message for the owner's next `pump` (thread-safe)."""
        self.inbox.put(item)

    def snapshot(self, actor: str) -> list[str]:
        """The texts a device of `actor` is sent when it joins: its scenario view, the game
        view and its own view, as last published."""
        return list(self._published.get(actor, ()))

    # --- the owner --------------------------------------------------------------------------

    @property
    def game(self) -> Any:
        return self.session.game

    def status(self) -> ClassStatus:
        """What the projector shows: the phase, devices joined and who has decided."""
        game = self.game
        s = self.session
        return ClassStatus(
            phase=self.phase,
            joined={a: len(c) for a, c in self.devices.items()},
            decided={a: a not in game.awaiting() for a in game.setup.humans},
            timer_on=bool(s.turn_timer),
            timer_left=float(s.timer_left),
            timer_running=bool(s.timer_running and not s.timer_held),
        )

    def join_urls(self, host: str, port: int) -> dict[str, str]:
        """Each delegation played by people: its join link (the code after '#' never reaches
        the server's logs: browsers do not send the part after '#')."""
        return {a: f"http://{host}:{port}/#{t}" for a, t in self.tokens.items() if a in self.humans}

    @property
    def humans(self) -> list[str]:
        game = self.game
        return [a for a in game.book.delegation_ids if a in game.setup.humans]

    def pump(self, timeout: float = 0.0) -> bool:
        """Apply what devices sent since the last call (waiting up to `timeout` seconds for
        the first item); returns whether anything was applied."""
        try:
            item = self.inbox.get(timeout=timeout) if timeout > 0 else self.inbox.get_nowait()
        except queue.Empty:
            self._write_if_due()
            return False
        game_changed = False
        own_changed: set[str] = set()
        while True:
            changed = self._apply(item)
            if changed == "game":
                game_changed = True
            elif changed:
                own_changed.add(changed)
            try:
                item = self.inbox.get_nowait()
            except queue.Empty:
                break
        if self.phase == DECIDING and self.humans and not self.game.awaiting():
            self._resolve()
            game_changed = True
        if game_changed:
            self._publish_all()
        else:
            for actor in own_changed:
                self._publish_own(actor)
        self._write_if_due()
        return True

    def _apply(self, item: InboxItem) -> str | None:
        """Apply one queued item; returns 'game' when what everyone sees changed, a delegation
        id when only its own view did, or None."""
        kind, connection, actor = item[0], item[1], item[2]
        if actor not in self.devices:
            return None
        if kind == "join":
            self.devices[actor].add(connection)
            return "game"
        if kind == "leave":
            self.devices[actor].discard(connection)
            return "game"
        assert len(item) == 4  # a "message" item carries the message
        message = item[3]
        try:
            return self._act(actor, message)
        except (EngineError, messages.BadMessage) as err:
            self.listener.reply(connection, error_text(str(err)))
            return None

    def _act(self, actor: str, message: Any) -> str | None:
        game = self.game
        if isinstance(message, messages.Ping):
            return None
        if isinstance(message, messages.Hello):
            raise messages.BadMessage(_("already joined"))
        if actor not in game.setup.humans:
            raise messages.BadMessage(_("your delegation is played by the computer now"))
        if self.phase != DECIDING or game.over:
            raise messages.BadMessage(_("the turn is over: wait for the next one"))
        if message.turn != game.state.turn:
            raise messages.BadMessage(
                _("that was for {turn_label} {sent}; it is now {turn_label} {turn}").format(
                    turn_label=game.scenario.turn_label, sent=message.turn, turn=game.state.turn
                )
            )
        if actor in self.submitted or actor not in game.awaiting():
            raise messages.BadMessage(_("your choices are locked for this turn"))
        if isinstance(message, messages.Choose):
            draft = dict(self.session.drafts.get(actor, {}))
            draft[message.measure] = Choice(message.choice)
            game.check(actor, draft)  # raises IllegalDecision with the reason
            self.session.drafts[actor] = {m: c for m, c in draft.items() if c != Choice.HOLD}
            self._mark_dirty()
            return actor
        if isinstance(message, messages.Forecast):
            if not self.session.forecasts_enabled:
                raise messages.BadMessage(_("forecasts are off in this class"))
            game.submit_forecast(actor, message.question, message.probability)
            self._save_dirty = True
            self._mark_dirty()
            return actor
        if isinstance(message, messages.Submit):
            draft = dict(self.session.drafts.get(actor, {}))
            game.submit(actor, draft)
            self.submitted[actor] = game.check(actor, draft)
            self.decided_at[actor] = time.monotonic()
            self._devices_due = True
            return "game"
        raise messages.BadMessage("unknown message")  # pragma: no cover - parse() checks types

    # --- the facilitator (the owner's console) ------------------------------------------------

    def hold(self, actor: str, reason: str = CONSOLE_REASON) -> None:
        """End this turn for a delegation that has not submitted: it holds on everything,
        recorded as the facilitator's in the log, the debrief and the report."""
        self.game.hold_for(actor, reason)
        self.session.drafts[actor] = {}
        self.submitted[actor] = {}
        self.decided_at[actor] = time.monotonic()
        self._devices_due = self._autosave_due = True  # the facilitator's action: saved
        self._after_console()

    def hand_to_ai(self, actor: str, profile: str | None = None) -> None:
        """Hand a delegation to the computer from this turn on (its devices are told)."""
        self.game.hand_to_ai(actor, profile)
        self.session.drafts.pop(actor, None)
        self.submitted.pop(actor, None)
        self._devices_due = self._autosave_due = True  # the facilitator's action: saved
        self._after_console()

    def _after_console(self) -> None:
        if self.phase == DECIDING and not self.game.awaiting():
            self._resolve()
        self._publish_all()

    def tick(self, dt: float, *, held: bool = False) -> None:
        """Run the turn clock (see Session.tick). When time is up, every delegation that has
        not submitted holds on everything: a dropped device never blocks the class."""
        s = self.session
        s.tick(dt, held=held)
        if self.phase == DECIDING and s.time_up:
            for actor in list(self.game.awaiting()):
                self.game.hold_for(actor, TIME_UP_REASON)
                self.submitted[actor] = {}
                self.decided_at[actor] = time.monotonic()
            self._devices_due = self._autosave_due = True
            self._after_console()
            return
        shown = (s.turn_timer, s.timer_running, s.timer_held)
        now = time.monotonic()
        if shown != self._timer_seen or (s.timer_running and now - self._timer_sent_at > 10):
            self._timer_seen = shown
            self._publish_all()
        self._write_if_due()

    def timer_changed(self) -> None:
        """The console paused, resumed or added time: tell the devices."""
        self.console_changed()

    def console_changed(self) -> None:
        """The white cell changed the game or the clock from the console (an inject, an
        adjustment, a note, the timer): the devices see it at once. A delegation whose
        submitted choices the change made impossible (the engine reopens it: Game.reopened)
        decides again: what of its choices is still possible goes back to its draft, and its
        devices are told why."""
        game = self.game
        for actor in list(self.submitted):
            if actor in game.awaiting():
                self.session.drafts[actor] = self._still_possible(actor, self.submitted.pop(actor))
                self.decided_at.pop(actor, None)
                self.listener.publish(
                    error_text(
                        _(
                            "The facilitator's last action changed what your delegation can do "
                            "this turn: your choices are open again. Check them and submit again."
                        )
                    ),
                    (actor,),
                )
                self._devices_due = True
        self._publish_all()

    def _still_possible(self, actor: str, chosen: Mapping[str, Choice]) -> dict[str, Choice]:
        kept: dict[str, Choice] = {}
        for measure, choice in chosen.items():
            try:
                self.game.check(actor, {**kept, measure: choice})
            except EngineError:
                continue
            kept[measure] = choice
        return kept

    def advance(self) -> None:
        """After the reveal: open the next turn (the projector's Enter). Nothing at the end."""
        if self.phase != REVEAL:
            return
        self.session.start_turn()
        self.submitted = {}
        self.decided_at = {}
        self.phase = DECIDING
        self._timer_seen = ()
        self._devices_due = True
        if not self.game.awaiting():  # every delegation is the computer's: it plays itself
            self._resolve()
        self._publish_all()

    def take_back(self) -> None:
        """Undo the last resolved turn (the console's take-back); the class decides it again."""
        self.session.take_back()
        self.submitted = {}
        self.decided_at = {}
        self.phase = DECIDING
        self._scenario_texts = {}
        self._devices_due = True
        self._publish_all()

    def after_load(self, saved: ClassroomFile | None) -> None:
        """Restore the turn's drafts and submitted choices from devices.json (restarting the
        instructor's program): only those of the turn the save is at, and only while legal."""
        if saved is None or self.game.over or saved.turn != self.game.state.turn:
            self._publish_all()
            return
        for actor, draft in saved.drafts.items():
            if actor in self.humans:
                try:
                    self.session.drafts[actor] = self.game.check(actor, draft)
                except (EngineError, ValueError):
                    continue
        for actor, chosen in saved.submitted.items():
            if actor in self.game.awaiting():
                try:
                    self.game.submit(actor, chosen)
                except (EngineError, ValueError):
                    continue
                self.submitted[actor] = self.game.check(actor, chosen)
        if self.humans and not self.game.awaiting():
            self._resolve()
        self._publish_all()

    def game_replaced(self, drafts: Mapping[str, Mapping[str, Choice]] | None = None) -> None:
        """The owner replaced the session's game by a replay of it (the scenario file was
        reloaded, F5): this turn's submitted choices are submitted again, and `drafts` (the
        drafts before the reload) kept, where they are still legal on the new version."""
        game = self.game
        if self.phase == REVEAL and not game.over:
            # The class is looking at the reveal: it stays there; the next turn opens as
            # always, when the projector moves on (`advance`).
            self._scenario_texts = {}
            self._publish_all()
            return
        self.phase = OVER if game.over else DECIDING
        kept: dict[str, dict[str, Choice]] = {}
        if not game.over:
            for actor, chosen in self.submitted.items():
                if actor in game.awaiting():
                    try:
                        game.submit(actor, chosen)
                        kept[actor] = game.check(actor, chosen)
                    except (EngineError, ValueError):
                        continue
            for actor, draft in (drafts or {}).items():
                if actor in self.humans and actor not in kept:
                    try:
                        self.session.drafts[actor] = game.check(actor, draft)
                    except (EngineError, ValueError):
                        continue
        self.submitted = kept
        self._scenario_texts = {}  # the cards' texts may have changed with the file
        self._devices_due = True
        if self.phase == DECIDING and self.humans and not game.awaiting():
            self._resolve()
        self._publish_all()

    # --- resolution, publishing, files ----------------------------------------------------------

    def _resolve(self) -> None:
        s = self.session
        try:
            s.last_report = self.game.resolve_turn()
        except IllegalDecision:  # pragma: no cover - only called when nobody is awaited
            return
        self._autosave_due = True  # written once the devices have been told (_publish_all)
        self.resolved += 1
        self.submitted = {}
        self.phase = OVER if self.game.over else REVEAL
        self._scenario_texts = {}  # cards show the values drawn for adopted measures
        self._devices_due = True
        if self.auto_advance and self.phase == REVEAL:
            self.advance()

    def _publish_all(self) -> None:
        game = self.game
        self._game_text = json.dumps(
            {"type": "game", **game_view(game, self.status())}, separators=(",", ":")
        )
        self._timer_sent_at = time.monotonic()
        for actor in game.book.delegation_ids:
            if actor not in self._scenario_texts:
                self._scenario_texts[actor] = json.dumps(
                    {"type": "scenario", **scenario_view(game, actor)}, separators=(",", ":")
                )
            self._own_texts[actor] = self._own_text(actor)
            self._store(actor)
        self.listener.publish(self._game_text, None)
        for actor in game.book.delegation_ids:
            self.listener.publish(self._own_texts[actor], (actor,))
        self._persist()

    def _persist(self) -> None:
        # Each flag is cleared only once its write is done, so a write cut short (the program
        # told to stop) is done again by `flush`.
        if self._autosave_due:
            self.session.autosave()
            self._autosave_due = self._save_dirty = False
        if self._devices_due:
            self._write_devices_file()

    def _publish_own(self, actor: str) -> None:
        self._own_texts[actor] = self._own_text(actor)
        self._store(actor)
        self.listener.publish(self._own_texts[actor], (actor,))

    def _store(self, actor: str) -> None:
        # Replaced whole, so the server's thread always reads a complete list.
        self._published[actor] = [
            self._scenario_texts[actor],
            self._game_text,
            self._own_texts[actor],
        ]

    def _own_text(self, actor: str) -> str:
        game = self.game
        submitted = self.submitted.get(actor)
        if submitted is None and actor in game.setup.humans and actor not in game.awaiting():
            submitted = {}
        view = own_view(
            game,
            actor,
            self.session.drafts.get(actor, {}),
            submitted,
            forecasts_on=bool(self.session.forecasts_enabled),
            phase=self.phase,
        )
        return json.dumps({"type": "own", **view}, separators=(",", ":"))

    def _mark_dirty(self) -> None:
        if self._dirty_at is None:
            self._dirty_at = time.monotonic()

    def _write_if_due(self) -> None:
        if self._dirty_at is not None and time.monotonic() - self._dirty_at >= SAVE_DELAY:
            self.flush()

    def flush(self) -> None:
        """Write what is not yet on disk (drafts, forecasts) now: before the program ends."""
        if self._save_dirty or self._autosave_due:
            self.session.autosave()
            self._save_dirty = self._autosave_due = False
        self._write_devices_file()

    def _write_devices_file(self) -> None:
        path = self.session.save_path
        if path is None:  # no folder (yet): the next save that makes one writes it too
            self._dirty_at = None
            return
        game = self.game
        data = {
            "kind": "trilateral-devices",
            "tokens": self.tokens,
            "port": self.port,
            "lan": self.lan,
            "turn": game.state.turn,
            "drafts": {
                a: {m: str(c) for m, c in d.items() if c != Choice.HOLD}
                for a, d in self.session.drafts.items()
            },
            "submitted": {a: {m: str(c) for m, c in d.items()} for a, d in self.submitted.items()},
        }
        target = Path(path).parent / DEVICES_FILE
        try:
            # private: it holds the join codes
            write_text_atomic(target, json.dumps(data, indent=1) + "\n", private=True)
        except OSError as err:
            self.session.save_problem = _(
                "Could not save the class's devices to {path}: {error}"
            ).format(path=target, error=err)
        self._dirty_at = None
        self._devices_due = False


def error_text(message: str) -> str:
    """The JSON text of an error for one device."""
    return json.dumps({"type": "error", "message": message}, separators=(",", ":"))
