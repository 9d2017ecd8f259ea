"""Player settings (window size, fullscreen, text size, palette) and where files live.

Settings are a small JSON file in the user's config folder, written atomically. The folders
come from platformdirs (the right place on Linux, macOS and Windows); TRILATERAL_HOME
overrides both, so tests and classroom machines can keep everything in one folder.

The file is read through `game.reading` (bounded, never blocking) and every value is checked
on its own: a bad one (a window size of NaN, a text scale of "big", a list of thousands of
folders) falls back to its default and the others are kept. No pydantic here: the settings
are read before the window opens, and start-up stays quick without it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import platformdirs

from game.atomic import write_text_atomic
from game.limits import finite_in_range
from game.reading import FileReadError, read_json
from game.text import text_problem

WINDOW_SIZES = ((1024, 600), (1280, 720), (1600, 900), (1920, 1080))
TEXT_SCALES = (0.9, 1.0, 1.15, 1.3)
PALETTE_NAMES = ("default", "high_contrast")
WINDOW_WIDTHS = (800, 7680)
WINDOW_HEIGHTS = (480, 4320)
MAX_SETTINGS_BYTES = 64_000
MAX_SCENARIO_DIRS = 50
MAX_PATH_CHARS = 4096


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
        """The saved settings: each value that is missing or not usable has its default."""
        try:
            raw = read_json(
                config_dir() / "settings.json",
                MAX_SETTINGS_BYTES,
                "settings file",
                lenient_numbers=True,
            )
        except FileReadError:
            return cls()
        return cls.from_data(raw)

    @classmethod
    def from_data(cls, raw: object) -> Settings:
        """Settings from parsed JSON, each value checked on its own (see the module docstring)."""
        settings = cls()
        if not isinstance(raw, dict):
            return settings
        for f in fields(cls):
            if f.name in raw:
                value = _CHECKS[f.name](raw[f.name])
                if value is not None:
                    setattr(settings, f.name, value)
        return settings

    def sanitised(self) -> Settings:
        """These settings with every unusable value replaced by its default."""
        return Settings.from_data(asdict(self))

    def save(self) -> None:
        """Write the settings atomically; raises OSError if they cannot be written."""
        data = asdict(self)
        data["window_size"] = list(self.window_size)
        write_text_atomic(config_dir() / "settings.json", json.dumps(data, indent=1) + "\n")


def _window_size(value: object) -> tuple[int, int] | None:
    if not isinstance(value, list | tuple) or len(value) != 2:
        return None
    width = finite_in_range(value[0], *WINDOW_WIDTHS)
    height = finite_in_range(value[1], *WINDOW_HEIGHTS)
    if width is None or height is None or width % 1 or height % 1:
        return None
    return int(width), int(height)


def _flag(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def _text_scale(value: object) -> float | None:
    scale = finite_in_range(value, min(TEXT_SCALES), max(TEXT_SCALES))
    return scale if scale in TEXT_SCALES else None


def _palette(value: object) -> str | None:
    return value if isinstance(value, str) and value in PALETTE_NAMES else None


def _scenario_dirs(value: object) -> list[str] | None:
    if not isinstance(value, list):
        return None
    return [
        d
        for d in value[:MAX_SCENARIO_DIRS]
        if isinstance(d, str) and 0 < len(d) <= MAX_PATH_CHARS and text_problem(d) is None
    ]


_CHECKS: dict[str, Callable[[object], object]] = {
    "window_size": _window_size,
    "fullscreen": _flag,
    "text_scale": _text_scale,
    "palette": _palette,
    "scenario_dirs": _scenario_dirs,
}
