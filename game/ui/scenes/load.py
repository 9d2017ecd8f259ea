"""Load game: every save in the saves folder, newest first, with scenario, turn, date and players."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pygame

from game.ui.scenes.base import Scene
from game.ui.settings import saves_dir


@dataclass
class SaveInfo:
    path: Path
    scenario_id: str
    title: str
    turns_played: int
    humans: list[str]
    modified: datetime
    problem: str | None = None


def list_saves(folder: Path | None = None) -> list[SaveInfo]:
    folder = folder or saves_dir()
    infos = []
    if not folder.is_dir():
        return infos
    paths = [p for p in folder.glob("*.json")] + [p for p in folder.glob("*/game.json")]
    from game.engine.saves import SaveError, read_save

    for path in paths:
        try:
            modified = datetime.fromtimestamp(path.lstat().st_mtime)
        except (OSError, ValueError, OverflowError):
            modified = datetime.fromtimestamp(0)
        try:
            save = read_save(path)  # bounded and checked; raises only SaveError
            sc = save.scenario
            infos.append(
                SaveInfo(
                    path, sc.id, sc.title or sc.id, len(save.turns), list(save.humans), modified
                )
            )
        except SaveError:
            infos.append(SaveInfo(path, "?", path.name, 0, [], modified, "damaged or not a save"))
    return sorted(infos, key=lambda i: i.modified, reverse=True)


def resume(app, path: Path) -> None:  # noqa: ANN001
    """Replay a save and continue it, or show the error screen."""
    from game.engine.saves import SaveError, load_game, read_save
    from game.ui.scenes.error import ErrorScene
    from game.ui.scenes.flow import after_decision_point
    from game.ui.scenes.title import wait_for_catalog
    from game.ui.session import Session, read_classroom_settings

    try:
        save = read_save(path)
        entries = [
            e
            for e in wait_for_catalog(app)
            if e.loaded and e.loaded.scenario.id == save.scenario.id
        ]
        if not entries:
            raise SaveError(
                f"{path}: the scenario `{save.scenario.id}` of this save is not among the scenarios found"
            )
        matching = [e for e in entries if e.loaded.content_hash == save.scenario.hash] or entries
        game = load_game(path, matching[0].loaded)
    except SaveError as err:
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

    def __init__(self, app):  # noqa: ANN001
        super().__init__(app)
        self.saves = list_saves()
        self.selected = 0

    def build(self) -> None:
        s = self.s
        y = s(110)
        for info in self.saves[:10]:
            who = "humans: " + ", ".join(info.humans) if info.humans else "AI only"
            label = f"{info.title} · after turn {info.turns_played} · {info.modified:%Y-%m-%d %H:%M} · {who}"
            if info.problem:
                label = f"{info.path.name} · {info.problem}"
            self.button(
                pygame.Rect(s(40), y, self.width - s(80), s(44)),
                label,
                lambda p=info.path: resume(self.app, p),
                str(info.path),
            )
            y += s(52)
        self.button(
            pygame.Rect(s(40), self.height - s(80), s(200), s(48)),
            "Back",
            self.back,
            "Back to the title screen (Esc)",
        )
        self.bind(pygame.K_ESCAPE, "Esc", "back", self.back)
        self.bind(
            pygame.K_RETURN,
            "Enter",
            "load the newest save",
            lambda: self.saves and resume(self.app, self.saves[0].path),
        )

    def back(self) -> None:
        from game.ui.scenes.title import TitleScene

        self.app.switch(TitleScene(self.app))

    def draw(self, surface: pygame.Surface) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        p.text(surface, "Load game", (s(40), s(30)), 28, bold=True)
        p.text(
            surface,
            f"Saves in {saves_dir()} (newest first; games save themselves after every turn)",
            (s(42), s(74)),
            13,
            pal.text_dim,
            max_width=self.width - s(80),
        )
        if not self.saves:
            p.text(surface, "No saved games yet.", (s(40), s(120)), 17, pal.text_dim)
