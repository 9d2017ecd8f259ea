"""Load game: every save in the saves folder, newest first, with scenario, turn, date and players.

Any file in the folder may be damaged or hostile (cut short, nested too deeply, huge, a FIFO,
a folder). Each is read on its own and bounded; one that cannot be read is listed as damaged
with the reason, and every other save stays listed and loadable.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pygame

from game.ui.picklist import PickList
from game.ui.scenes.base import Scene
from game.ui.settings import saves_dir

MAX_SAVES_LISTED = 2_000  # a folder with more lists the newest by file time


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
        return None, f"cannot be read: {err.strerror or err}"
    try:
        when = datetime.fromtimestamp(info.st_mtime)
    except (OverflowError, OSError, ValueError):
        when = None  # a file time out of range says nothing about whether the save is good
    if not stat.S_ISREG(info.st_mode):
        return when, "not a save file (a folder, device or pipe)"
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
            problem = f"{path}: damaged or not a save ({type(err).__name__})"
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
    )


def list_saves(folder: Path | None = None) -> list[SaveInfo]:
    """Every save in the folder, newest first; damaged ones are listed with their problem."""
    folder = folder or saves_dir()
    if not folder.is_dir():
        return []
    newest = sorted(save_candidates(folder), key=_sort_time, reverse=True)
    return [save_info(path) for path in newest[:MAX_SAVES_LISTED]]


def _sort_time(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return float("-inf")


def resume(app, path: Path) -> None:  # noqa: ANN001
    """Replay a save and continue it, or show the error screen."""
    from game.engine.saves import SaveError, load_game, read_save
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
                f"{path}: the scenario `{save.scenario.id}` of this save is not among the scenarios found"
            )
        game = load_game(path, catalog.load(entries[0]))
    except (SaveError, ScenarioError) as err:
        app.switch(
            ErrorScene(app, "This save cannot be loaded", str(err), back=lambda: LoadScene(app))
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
    after_decision_point(app, "curtain" if len(session.humans) > 1 else "turn")


class LoadScene(Scene):
    title = "Load game"
    mouse_help = (
        "click a save to choose it, and again to load it; the wheel scrolls a long list; hover "
        "a shortened line to read it whole"
    )

    def __init__(self, app):  # noqa: ANN001
        super().__init__(app)
        self.saves = list_saves()
        self.selected = 0
        self.catalog = app.scenario_catalog()
        self.catalog.start()  # delegation names come from the scenarios, checked in the background
        self.seen_changes = self.catalog.changes

    # --- what each save says, in names rather than ids ------------------------------------

    def _names(self, info: SaveInfo, actors: list[str]) -> list[str]:
        summary = self.catalog.summary_for(info.scenario_id, info.scenario_hash)
        return [summary.delegation_title(a) if summary else a for a in actors]

    def label(self, info: SaveInfo) -> str:
        """The save's row: scenario, turns played, date and who played (or why it is damaged)."""
        when = f"{info.modified:%Y-%m-%d %H:%M}" if info.modified else "date unknown"
        if info.problem:
            return f"(!) {info.path.name}: damaged, cannot be loaded · {when}"
        humans = self._names(info, info.humans)
        who = "played by " + ", ".join(humans) if humans else "AI only"
        return f"{info.title} · after turn {info.turns_played} · {when} · {who}"

    def details(self, info: SaveInfo) -> list[tuple[str, str]]:
        """(heading, text) pairs for the panel beside the list: everything, unshortened."""
        rows = [("File", str(info.path))]
        if info.problem:
            return [*rows, ("Why it cannot be loaded", info.problem)]
        summary = self.catalog.summary_for(info.scenario_id, info.scenario_hash)
        humans = self._names(info, info.humans)
        ai = []
        for actor, name in summary.delegations if summary else ():
            if actor not in info.humans:
                profile = info.ai_profiles.get(actor)
                ai.append(f"{name} ({profile.replace('_', ' ')})" if profile else name)
        rows += [
            ("Scenario", info.title),
            (
                "Played",
                f"{info.turns_played} turns of {summary.turns}"
                if summary
                else f"{info.turns_played} turns",
            ),
            ("Human delegations", ", ".join(humans) or "none (AI only)"),
        ]
        if ai:
            rows.append(("AI delegations", ", ".join(ai)))
        if info.seed is not None:
            rows.append(("Seed", str(info.seed)))
        if summary is None and not self.catalog.done:
            rows.append(("Scenario file", f"Still looking for the scenario `{info.scenario_id}`."))
        elif summary is None:
            rows.append(
                (
                    "Scenario file",
                    f"No scenario with the id `{info.scenario_id}` was found. Start Trilateral "
                    "with --scenarios DIR to add the folder that holds it.",
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
            "Back",
            self.back,
            "Back to the title screen (Esc)",
        )
        self.load_button = self.button(
            pygame.Rect(self.width - s(300), bottom_y, s(260), button_h),
            "Load this game",
            self.load_selected,
            "Resume the selected save where it stopped (Enter)",
            "#primary",
        )
        self.bind(pygame.K_ESCAPE, "Esc", "back to the title screen", self.back)
        self.bind(pygame.K_RETURN, "Enter", "load the selected save", self.load_selected)
        self.picker.bind_keys("save")
        self.picker.build()
        self._selected(self.picker.selected)

    def _selected(self, index: int) -> None:
        self.selected = index
        info = self.current()
        if info is None or info.problem:
            self.load_button.disable()
        else:
            self.load_button.enable()

    def current(self) -> SaveInfo | None:
        return self.saves[self.selected] if self.saves else None

    def load_selected(self) -> None:
        info = self.current()
        if info is not None and not info.problem:
            resume(self.app, info.path)

    def back(self) -> None:
        from game.ui.scenes.title import TitleScene

        self.app.switch(TitleScene(self.app))

    def update(self, dt: float) -> None:
        if self.catalog.changes != self.seen_changes:  # delegation names just became known
            self.seen_changes = self.catalog.changes
            self.picker.refresh()

    def on_event(self, event: pygame.event.Event) -> None:
        self.picker.on_event(event)

    def draw(self, surface: pygame.Surface) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        p.text(surface, "Load game", (s(40), self.title_y), 28, bold=True)
        folder_note = (
            f"Saves in {saves_dir()} (newest first; games save themselves after every turn)"
        )
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
            p.text(surface, "No saved games yet.", self.list_rect.topleft, 17, pal.text_dim)
            return
        position = self.picker.position()
        if position:
            p.text(
                surface,
                position,
                (self.list_rect.x, self.status_y),
                13,
                pal.text_dim,
            )
        info = self.current()
        p.panel(surface, self.detail_rect)
        inner = self.detail_rect.inflate(-s(28), -s(24))
        y = inner.y
        for heading, text in self.details(info):
            if y >= inner.bottom:
                break
            y = p.paragraph(
                surface,
                heading,
                pygame.Rect(inner.x, y, inner.width, inner.bottom - y),
                14,
                pal.bad if heading.startswith("Why") else pal.text_dim,
                bold=True,
                max_lines=1,
            )
            y = p.paragraph(
                surface,
                text,
                pygame.Rect(inner.x, y, inner.width, inner.bottom - y),
                15,
            ) + s(8)
