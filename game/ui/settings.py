"""Player settings (window size, fullscreen, text size, palette) and where files live.

Settings are a small JSON file in the user's config folder, written atomically. The folders
come from platformdirs (the right place on Linux, macOS and Windows); TRILATERAL_HOME
overrides both, so tests and classroom machines can keep everything in one folder.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import platformdirs

from game.atomic import write_text_atomic

WINDOW_SIZES = ((1024, 600), (1280, 720), (1600, 900), (1920, 1080))
TEXT_SCALES = (0.9, 1.0, 1.15, 1.3)


def config_dir() -> Path:
    home = os.environ.get("TRILATERAL_HOME")
    return Path(home) if home else Path(platformdirs.user_config_dir("trilateral"))


def data_dir() -> Path:
    home = os.environ.get("TRILATERAL_HOME")
    return Path(home) if home else Path(platformdirs.user_data_dir("trilateral"))


def saves_dir() -> Path:
    return data_dir() / "saves"


@dataclass
class Settings:
    window_size: tuple[int, int] = (1280, 720)
    fullscreen: bool = False
    text_scale: float = 1.0
    palette: str = "default"
    scenario_dirs: list[str] = field(default_factory=list)

    @classmethod
    def load(cls) -> Settings:
        """The saved settings, or the defaults if there are none or they cannot be read."""
        path = config_dir() / "settings.json"
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(raw, dict):
            return cls()
        known = {f.name for f in fields(cls)}
        settings = cls()
        for key, value in raw.items():
            if key in known:
                setattr(settings, key, value)
        return settings.sanitised()

    def sanitised(self) -> Settings:
        defaults = Settings()
        try:
            w, h = (int(v) for v in self.window_size)
            self.window_size = (max(800, min(w, 7680)), max(480, min(h, 4320)))
        except (TypeError, ValueError):
            self.window_size = defaults.window_size
        self.fullscreen = bool(self.fullscreen)
        if self.text_scale not in TEXT_SCALES:
            self.text_scale = 1.0
        if self.palette not in ("default", "high_contrast"):
            self.palette = "default"
        if not isinstance(self.scenario_dirs, list):
            self.scenario_dirs = []
        return self

    def save(self) -> None:
        data = asdict(self)
        data["window_size"] = list(self.window_size)
        write_text_atomic(config_dir() / "settings.json", json.dumps(data, indent=1) + "\n")
