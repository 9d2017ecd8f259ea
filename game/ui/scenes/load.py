"""Load game: every save in the saves folder, newest first, with scenario, turn, date and players.

Any file in the folder may be damaged or hostile (cut short, nested too deeply, huge, a FIFO,
a folder). Each is read on its own and bounded; one that cannot be read is listed as damaged
with the reason, and every other save stays listed and loadable.

The screen never waits for the saves to be read: the files are listed at once (name and
date), and a background thread reads each one's summary, newest (and the one selected) first,
as the title screen's scenario list does. A save can be chosen and loaded before its summary
is read; a damaged one shows as damaged once it has been read.
"""

from __future__ import annotations

import stat
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pygame

from game.i18n import N_, _, listing, ngettext, number
from game.ui.picklist import PickList
from game.ui.scenes.base import Scene
from game.ui.settings import saves_dir

MAX_SAVES_LISTED = 2_000  # a folder with more lists the newest by file time
RELABEL_SECONDS = 0.2  # how often the rows are relabelled while saves are being read
HISTORY_PLAYED = (
    "History excursion: the real timeline's events happened on their real dates, alongside the "
    "scenario's own."
)


def history_played() -> str:
    """HISTORY_PLAYED in the game's language."""
    return _(
        "History excursion: the real timeline's events happened on their real dates, alongside "
        "the scenario's own."
    )


@dataclass
class SaveInfo:
    """What the list shows of one save file; `problem` says why a damaged one cannot load."""

    path: Path
    scenario_id: str
    title: str
    turns_played: int
    humans: list[str]
    modified: datetime | None
    problem: str | None = None
    scenario_hash: str = ""
    seed: int | None = None
    ai_profiles: dict[str, str] = field(default_factory=dict)
    history: bool = False  # played the history excursion (the real timeline's events)


def save_candidates(folder: Path) -> list[Path]:
    """Files that may be saves: `*.json` and `*/game.json` (one folder per window game)."""
    try:
        return [*folder.glob("*.json"), *folder.glob("*/game.json")]
    except OSError:
        return []


def _modified(path: Path) -> tuple[datetime | None, str | None]:
    """The file's time, and why it is not a regular file (None when it is one)."""
    try:
        info = path.stat()
    except OSError as err:
        return None, _("cannot be read: {reason}").format(reason=err.strerror or err)
    try:
        when = datetime.fromtimestamp(info.st_mtime)
    except (OverflowError, OSError, ValueError):
        when = None  # a file time out of range says nothing about whether the save is good
    if not stat.S_ISREG(info.st_mode):
        return when, _("not a save file (a folder, device or pipe)")
    return when, None


def save_info(path: Path) -> SaveInfo:
    """Read one save for the list; never raises (a damaged file says why in `problem`)."""
    from game.engine.saves import SaveError, read_save

    modified, problem = _modified(path)
    if problem is None:
        try:
            save = read_save(path)
        except SaveError as err:
            problem = str(err)
        except Exception as err:  # noqa: BLE001 - one hostile file must not hide the others
            problem = _("{path}: damaged or not a save ({error})").format(
                path=path, error=type(err).__name__
            )
    if problem is not None:
        return SaveInfo(path, "", path.name, 0, [], modified, problem)
    return SaveInfo(
        path,
        save.scenario.id,
        save.scenario.title or save.scenario.id,
        len(save.turns),
        list(save.humans),
        modified,
        scenario_hash=save.scenario.hash,
        seed=save.seed,
        ai_profiles=dict(save.ai_profiles),
        history=save.history,
    )


def newest_saves(folder: Path | None = None) -> list[Path]:
    """The files of the saves folder that may be saves, newest first (at most
    MAX_SAVES_LISTED); only their times are looked at, none is read."""
    folder = folder or saves_dir()
    try:
        if not folder.is_dir():
            return []
    except OSError:
        return []
    return sorted(save_candidates(folder), key=_sort_time, reverse=True)[:MAX_SAVES_LISTED]


def list_saves(folder: Path | None = None) -> list[SaveInfo]:
    """Every save in the folder, newest first, each read; damaged ones are listed with their
    problem (the window reads them in the background instead: see SaveList)."""
    return [save_info(path) for path in newest_saves(folder)]


def _sort_time(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return float("-inf")


class SaveRow:
    """One file of the list: listed at once with its name and date; `info` is its summary
    once the background thread has read it (replaced whole, so never seen half-made)."""

    def __init__(self, path: Path):
        self.path = path
        self.modified, _problem = _modified(path)
        self.info: SaveInfo | None = None

    @property
    def read(self) -> bool:
        return self.info is not None

    @property
    def problem(self) -> str | None:
        info = self.info
        return info.problem if info is not None else None

    @property
    def name(self) -> str:
        """The file's name, or its folder's for a window game (`…/<folder>/game.json`)."""
        return self.path.parent.name if self.path.name == "game.json" else self.path.name


class SaveList:
    """The saves of a folder: the rows at once, their summaries read in a background thread.

    The thread reads newest first, but the row asked for with `want` before any other; it
    stops when `keep_going()` turns false (the screen was left). `changes` counts summaries
    read, so a screen can relabel only when something changed."""

    def __init__(self, folder: Path | None = None, keep_going: Callable[[], bool] = lambda: True):
        self.rows = [SaveRow(path) for path in newest_saves(folder)]
        self.keep_going = keep_going
        self.changes = 0
        self.done = not self.rows
        self.wanted: int | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None and not self.done:
            self._thread = threading.Thread(target=self._run, name="save-list", daemon=True)
            self._thread.start()

    def want(self, index: int) -> None:
        """Read row `index` next (the one the player selected)."""
        self.wanted = index

    def wait(self, timeout: float | None = None) -> None:
        """Until every save is read (tests and scripts)."""
        self.start()
        if self._thread is not None:
            self._thread.join(timeout)

    def _next(self, start: int) -> int | None:
        wanted = self.wanted
        if wanted is not None and 0 <= wanted < len(self.rows) and not self.rows[wanted].read:
            return wanted
        for index in range(start, len(self.rows)):
            if not self.rows[index].read:
                return index
        return None

    def _run(self) -> None:
        start = 0
        try:
            while self.keep_going():
                index = self._next(start)
                if index is None:
                    break
                start = index if index != self.wanted else start
                self.rows[index].info = save_info(self.rows[index].path)
                self.changes += 1
        finally:
            self.done = True
            self.changes += 1


def resume(app, path: Path) -> None:  # noqa: ANN001
    """Replay a save and continue it, or show the error screen."""
    from game.engine.saves import SaveError, check_scenario, read_save, replay
    from game.scenario.errors import ScenarioError
    from game.ui.scenes.error import ErrorScene
    from game.ui.scenes.flow import after_decision_point
    from game.ui.session import Session, read_classroom_settings

    try:
        save = read_save(path)
        catalog = app.scenario_catalog()
        wanted = save.scenario.id, save.scenario.hash
        known = catalog.summary_for(*wanted)
        if known is None or known.content_hash != save.scenario.hash:
            catalog.wait()  # the file it was played with may not have been checked yet
        entries = catalog.matching(*wanted)
        if not entries:
            raise SaveError(
                _(
                    "{path}: the scenario `{scenario}` of this save is not among the scenarios "
                    "found"
                ).format(path=path, scenario=save.scenario.id)
            )
        loaded = catalog.load(entries[0])
        check_scenario(save, loaded, path)
        game = replay(save, loaded, path)  # what load_game does, without reading the file again
    except (SaveError, ScenarioError) as err:
        app.switch(
            ErrorScene(app, _("This save cannot be loaded"), str(err), back=lambda: LoadScene(app))
        )
        return
    session = Session(game, path)
    session.last_report = game.reports[-1] if game.reports else None
    session.apply_classroom_settings(read_classroom_settings(path))
    app.session = session
    if game.over:
        after_decision_point(app, "debrief")
        return
    session.start_turn()
    if path.name == "game.json" and session.humans:
        from game.net.classroom import DevicesFileError, read_devices_file

        try:
            saved = read_devices_file(path.parent)
        except DevicesFileError as err:
            from game.ui.scenes.help import MessageOverlay

            after_decision_point(app, "curtain" if len(session.humans) > 1 else "turn")
            app.open_overlay(
                MessageOverlay(
                    app,
                    _("This class's devices file is damaged: resuming in hot seat"),
                    _(
                        "{error}. The game goes on at this screen (hot seat); to play on "
                        "devices again, start a new class from Setup."
                    ).format(error=err),
                    bad=True,
                )
            )
            return
        if saved is not None:  # the class was played on the students' devices
            from game.ui.scenes.resume import ResumeDevicesScene

            app.switch(ResumeDevicesScene(app, saved))
            return
    after_decision_point(app, "curtain" if len(session.humans) > 1 else "turn")


class LoadScene(Scene):
    ends_class = True  # this class on devices (if any) is over: see Scene.ends_class
    title = "Load game"
    mouse_help = N_(
        "click a save to choose it, and again to load it; the wheel scrolls a long list; hover "
        "a shortened line to read it whole"
    )

    def __init__(self, app):  # noqa: ANN001
        super().__init__(app)
        # Listed now (names and dates only); read in the background from the first frame.
        self.save_list = SaveList(keep_going=lambda: self.app.scene is self)
        self.saves = self.save_list.rows
        self.selected = 0
        self.catalog = app.scenario_catalog()
        self.catalog.start()  # delegation names come from the scenarios, checked in the background
        self.seen_changes = (self.catalog.changes, self.save_list.changes)
        self.since_relabel = 0.0

    def wait_until_read(self, timeout: float = 60) -> None:
        """Block until every save is read and shown (tests and scripts)."""
        self.save_list.wait(timeout)
        self.since_relabel = RELABEL_SECONDS
        self.update(0)

    # --- what each save says, in names rather than ids ------------------------------------

    def _names(self, info: SaveInfo, actors: list[str]) -> list[str]:
        summary = self.catalog.summary_for(info.scenario_id, info.scenario_hash)
        return [summary.delegation_title(a) if summary else a for a in actors]

    def _title(self, info: SaveInfo) -> str:
        """The save's scenario title in the window's language when the scenario is listed (a
        save keeps the title as the scenario wrote it), else as the save has it."""
        for entry in self.catalog.matching(info.scenario_id, info.scenario_hash):
            if entry.summary is not None:
                return entry.summary.in_language(entry.path).title or info.title
        return info.title

    def label(self, row: SaveRow) -> str:
        """The save's row: scenario, turns played, date and who played (or why it is damaged,
        or that it is still being read)."""
        when = f"{row.modified:%Y-%m-%d %H:%M}" if row.modified else _("date unknown")
        info = row.info
        if info is None:
            return _("{name} · {when} · reading…").format(name=row.name, when=when)
        if info.problem:
            return _("(!) {name}: damaged, cannot be loaded · {when}").format(
                name=row.name, when=when
            )
        humans = self._names(info, info.humans)
        # the row is a list of facts, each a whole phrase, joined by " · "
        facts = [self._title(info)]
        if info.history:
            facts.append(_("history excursion"))
        facts.append(_("after turn {turn}").format(turn=info.turns_played))
        facts.append(when)
        facts.append(
            _("played by {names}").format(names=listing(humans)) if humans else _("AI only")
        )
        return " · ".join(facts)

    def details(self, row: SaveRow) -> list[tuple[str, str]]:
        """(heading, text) pairs for the panel beside the list: everything, unshortened."""
        rows = [(_("File"), str(row.path))]
        info = row.info
        if info is None:
            return [*rows, (_("Being read"), _("Load it now, or wait a moment for its summary."))]
        if info.problem:
            return [*rows, (_("Why it cannot be loaded"), info.problem)]
        summary = self.catalog.summary_for(info.scenario_id, info.scenario_hash)
        humans = self._names(info, info.humans)
        ai = []
        for actor, name in summary.delegations if summary else ():
            if actor not in info.humans:
                profile = info.ai_profiles.get(actor)
                ai.append(
                    _("{delegation} ({profile})").format(
                        delegation=name, profile=profile.replace("_", " ")
                    )
                    if profile
                    else name
                )
        played = info.turns_played
        rows += [
            (_("Scenario"), self._title(info)),
            (
                _("Played"),
                # English says "turns" even for one (as it always has)
                ngettext("{count} turns of {total}", "{count} turns of {total}", played).format(
                    count=played, total=summary.turns
                )
                if summary
                else ngettext("{count} turns", "{count} turns", played).format(count=played),
            ),
            (_("Human delegations"), listing(humans) or _("none (AI only)")),
        ]
        if ai:
            rows.append((_("AI delegations"), listing(ai)))
        if info.seed is not None:
            rows.append((_("Seed"), str(info.seed)))
        if info.history:
            rows.append((_("Timeline"), history_played()))
        if summary is None and not self.catalog.done:
            rows.append(
                (
                    _("Scenario file"),
                    _("Still looking for the scenario `{scenario}`.").format(
                        scenario=info.scenario_id
                    ),
                )
            )
        elif summary is None:
            rows.append(
                (
                    _("Scenario file"),
                    _(
                        "No scenario with the id `{scenario}` was found. Start Trilateral with "
                        "--scenarios DIR to add the folder that holds it."
                    ).format(scenario=info.scenario_id),
                )
            )
        return rows

    # --- layout ------------------------------------------------------------------------------

    def line(self, base: int, bold: bool = False) -> int:
        return self.app.painter.fonts.get(base, bold).get_linesize()

    def build(self) -> None:
        s = self.s
        self.title_y = s(24)
        self.note_y = self.title_y + self.line(28, True)
        top = self.note_y + self.line(13) + s(14)
        button_h = max(s(48), self.line(16, True) + s(14))
        bottom_y = self.height - s(20) - button_h
        bottom = bottom_y - s(16)
        list_width = (self.width - s(100)) * 11 // 20
        self.list_rect = pygame.Rect(s(40), top, list_width, bottom - top)
        self.status_y = bottom - self.line(13)
        self.detail_rect = pygame.Rect(
            self.list_rect.right + s(20),
            top,
            self.width - s(40) - self.list_rect.right - s(20),
            bottom - top,
        )
        self.picker = PickList(
            self,
            pygame.Rect(self.list_rect.x, top, list_width, bottom - top - self.line(13) - s(8)),
            max(s(44), self.line(15) + s(14)),
            s(8),
            lambda: len(self.saves),
            lambda i: (self.label(self.saves[i]), str(self.saves[i].path)),
            self._selected,
            self.selected,
            on_activate=lambda i: self.load_selected(),
        )
        self.button(
            pygame.Rect(s(40), bottom_y, s(200), button_h),
            _("Back"),
            self.back,
            _("Back to the title screen (Esc)"),
        )
        self.load_button = self.button(
            pygame.Rect(self.width - s(300), bottom_y, s(260), button_h),
            _("Load this game"),
            self.load_selected,
            _("Resume the selected save where it stopped (Enter)"),
            "#primary",
        )
        self.bind(pygame.K_ESCAPE, "Esc", _("back to the title screen"), self.back)
        self.bind(pygame.K_RETURN, "Enter", _("load the selected save"), self.load_selected)
        self.picker.bind_keys("save")
        self.picker.build()
        self._selected(self.picker.selected)

    def _selected(self, index: int) -> None:
        self.selected = index
        self.save_list.want(index)
        row = self.current()
        if row is None or row.problem:
            self.load_button.disable()
        else:
            self.load_button.enable()  # one not read yet is read as it loads

    def current(self) -> SaveRow | None:
        return self.saves[self.selected] if self.saves else None

    def load_selected(self) -> None:
        row = self.current()
        if row is not None and not row.problem:
            resume(self.app, row.path)

    def back(self) -> None:
        from game.ui.scenes.title import TitleScene

        self.app.switch(TitleScene(self.app))

    def update(self, dt: float) -> None:
        self.save_list.start()
        self.since_relabel += dt
        changes = (self.catalog.changes, self.save_list.changes)
        if changes != self.seen_changes and (
            self.since_relabel >= RELABEL_SECONDS or self.save_list.done
        ):  # saves just read, or delegation names just became known
            self.since_relabel = 0.0
            self.seen_changes = changes
            self.picker.refresh()
            self._selected(self.selected)

    def on_event(self, event: pygame.event.Event) -> None:
        self.picker.on_event(event)

    def draw(self, surface: pygame.Surface) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        p.text(surface, _("Load game"), (s(40), self.title_y), 28, bold=True)
        folder_note = _(
            "Saves in {folder} (newest first; games save themselves after every turn)"
        ).format(folder=saves_dir())
        rect = p.text(
            surface,
            folder_note,
            (s(42), self.note_y),
            13,
            pal.text_dim,
            max_width=self.width - s(80),
        )
        p.hover(rect, folder_note)
        if not self.saves:
            p.text(surface, _("No saved games yet."), self.list_rect.topleft, 17, pal.text_dim)
            return
        read = sum(1 for row in self.saves if row.read) if not self.save_list.done else None
        self.picker.draw_status(
            surface,
            self.status_y,
            _("read {count} of {total}").format(
                count=number(read, 0), total=number(len(self.saves), 0)
            )
            if read is not None
            else "",
        )
        row = self.current()
        p.panel(surface, self.detail_rect)
        inner = self.detail_rect.inflate(-s(28), -s(24))
        y = inner.y
        for heading, text in self.details(row):
            if y >= inner.bottom:
                break
            y = p.paragraph(
                surface,
                heading,
                pygame.Rect(inner.x, y, inner.width, inner.bottom - y),
                14,
                pal.bad if heading == _("Why it cannot be loaded") else pal.text_dim,
                bold=True,
                max_lines=1,
            )
            y = p.paragraph(
                surface,
                text,
                pygame.Rect(inner.x, y, inner.width, inner.bottom - y),
                15,
            ) + s(8)
