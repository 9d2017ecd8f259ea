"""Player settings (window size, fullscreen, text size, palette) and where files live.

Settings are a small JSON file in the user's config folder, written atomically. The folders
come from platformdirs (the right place on Linux, macOS and Windows); TRILATERAL_HOME
overrides both, so tests and classroom machines can keep everything in one folder.

The file is read through `game.reading` (bounded, never blocking) and every value is checked
on its own: a bad one (a window size of NaN, a text scale of "big", a list of thousands of
folders) falls back to its default and the others are kept. Nothing refused disappears
silently: each is named in one sentence (`refused`: the file, the key, what was found, what
is used instead), which the window shows when it opens and writes to stderr. No pydantic
here: the settings are read before the window opens, and start-up stays quick without it.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import platformdirs

from game.atomic import write_text_atomic
from game.i18n import _, ngettext
from game.limits import finite_in_range
from game.reading import FileReadError, read_json
from game.text import text_problem

WINDOW_SIZES = ((1024, 600), (1280, 720), (1600, 900), (1920, 1080))
TEXT_SCALES = (0.9, 1.0, 1.15, 1.3, 1.6)
PROJECTOR_SCALE = 1.6  # the "Projector" preset: body text 24 px at 1280x720, none under 14 px
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


SETTINGS_NAME = "settings.json"
MAX_PROBLEMS_SAID = 8  # refused values named one by one; the rest are counted


@dataclass
class Settings:
    window_size: tuple[int, int] = (1280, 720)
    fullscreen: bool = False
    text_scale: float = 1.0
    palette: str = "default"
    scenario_dirs: list[str] = field(default_factory=list)
    language: str = ""  # "en", "ja" or "zh-Hant"; "" follows the system's language

    @classmethod
    def load(cls) -> Settings:
        """The saved settings: each value that is missing or not usable has its default."""
        return cls.load_checked()[0]

    @classmethod
    def load_checked(cls) -> tuple[Settings, list[str]]:
        """The saved settings, and a sentence for each value that could not be used (which
        file, which key, what was found, what is used instead); see `refused`."""
        path = config_dir() / SETTINGS_NAME
        raw, problems = read_preferences(path, MAX_SETTINGS_BYTES, "settings file")
        if raw is None:
            return cls(), problems
        return cls.from_data(raw, str(path))

    @classmethod
    def from_data(cls, raw: object, where: str = SETTINGS_NAME) -> tuple[Settings, list[str]]:
        """Settings from parsed JSON, each value checked on its own (see the module
        docstring), and a sentence about each value that was refused."""
        settings = cls()
        if not isinstance(raw, dict):
            return settings, [
                _(
                    "{file}: found {found}, expected an object of settings; using the default "
                    "settings."
                ).format(file=where, found=shown(raw))
            ]
        problems: list[str] = []
        for f in fields(cls):
            if f.name not in raw:
                continue
            check, expected, default = _CHECKS[f.name]
            value = check(raw[f.name])
            if value is None:
                problems.append(
                    refused(
                        where,
                        f.name,
                        raw[f.name],
                        expected(),
                        _("using {default} instead").format(default=default()),
                    )
                )
                continue
            setattr(settings, f.name, value)
        problems += _left_out_dirs(raw.get("scenario_dirs"), where)
        return settings, problems

    def save(self) -> None:
        """Write the settings atomically; raises OSError if they cannot be written."""
        data = asdict(self)
        data["window_size"] = list(self.window_size)
        write_text_atomic(config_dir() / SETTINGS_NAME, json.dumps(data, indent=1) + "\n")


def read_preferences(path: Path, max_bytes: int, what: str) -> tuple[object, list[str]]:
    """A preference file's parsed content (None when there is no such file or it cannot be
    read) and, when it cannot be read, a sentence saying so and that the defaults are used."""
    if not os.path.lexists(path):
        return None, []  # never written yet: the defaults, and nothing to say
    try:
        return read_json(path, max_bytes, what, lenient_numbers=True), []
    except FileReadError as err:
        return None, [_("{problem}; using the defaults instead.").format(problem=err)]


def refused(where: str, key: str, found: object, expected: str, instead: str) -> str:
    """The one wording for a value from a preference file that is not used: which file,
    which key, what was found, what was expected and what happens instead."""
    return _("{file}: {key}: found {found}, expected {expected}; {instead}.").format(
        file=where, key=key, found=shown(found), expected=expected, instead=instead
    )


def said(problems: list[str]) -> list[str]:
    """At most MAX_PROBLEMS_SAID of the problems, and how many more there were."""
    if len(problems) <= MAX_PROBLEMS_SAID:
        return problems
    more = len(problems) - MAX_PROBLEMS_SAID + 1
    return [
        *problems[: MAX_PROBLEMS_SAID - 1],
        ngettext(
            "... and {count} more value was not used.",
            "... and {count} more values were not used.",
            more,
        ).format(count=more),
    ]


_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def shown(value: object, limit: int = 60) -> str:
    """A value read from a JSON file as it was written there (NaN, Infinity, "text"),
    shortened with "…"; characters that could garble a terminal are written as escapes."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=True)
    text = _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


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


def _usable_dir(value: object) -> bool:
    return (
        isinstance(value, str) and 0 < len(value) <= MAX_PATH_CHARS and text_problem(value) is None
    )


def _scenario_dirs(value: object) -> list[str] | None:
    if not isinstance(value, list):
        return None
    return [d for d in value[:MAX_SCENARIO_DIRS] if _usable_dir(d)]


def _left_out_dirs(value: object, where: str) -> list[str]:
    """A sentence about each folder of a list of scenario folders that is left out."""
    if not isinstance(value, list):
        return []
    problems = [
        refused(
            where,
            f"scenario_dirs[{i}]",
            d,
            _("a folder path of 1 to {count} characters without control characters").format(
                count=MAX_PATH_CHARS
            ),
            _("left out"),
        )
        for i, d in enumerate(value[:MAX_SCENARIO_DIRS])
        if not _usable_dir(d)
    ]
    if len(value) > MAX_SCENARIO_DIRS:
        problems.append(
            _(
                "{file}: scenario_dirs: found {count} folders, expected at most {most}; the "
                "first {most} are used."
            ).format(file=where, count=f"{len(value):,}", most=MAX_SCENARIO_DIRS)
        )
    return problems


def _language(value: object) -> str | None:
    return value if value in ("", "en", "ja", "zh-Hant") else None  # type: ignore[return-value]


def _literal(text: str) -> Callable[[], str]:
    """A value named as it is written in the file (false, "default"): the same in every
    language."""
    return lambda: text


# name: (check, what is expected, the default as the message names it); the last two are
# worded when a message is made, in the language of the moment.
_CHECKS: dict[str, tuple[Callable[[object], object], Callable[[], str], Callable[[], str]]] = {
    "window_size": (
        _window_size,
        lambda: _("[width, height] in whole pixels from {smallest} to {largest}").format(
            smallest=f"{WINDOW_WIDTHS[0]}x{WINDOW_HEIGHTS[0]}",
            largest=f"{WINDOW_WIDTHS[1]}x{WINDOW_HEIGHTS[1]}",
        ),
        _literal("{}x{}".format(*Settings.window_size)),
    ),
    "fullscreen": (_flag, lambda: _("true or false"), _literal("false")),
    "text_scale": (
        _text_scale,
        lambda: _("one of {values}").format(values=", ".join(f"{t:g}" for t in TEXT_SCALES)),
        _literal(f"{Settings.text_scale:g}"),
    ),
    "palette": (
        _palette,
        lambda: _("one of {values}").format(values=", ".join(f'"{p}"' for p in PALETTE_NAMES)),
        _literal('"default"'),
    ),
    "scenario_dirs": (
        _scenario_dirs,
        lambda: _("a list of folder paths"),
        lambda: _("no extra folders"),
    ),
    "language": (
        _language,
        lambda: _('"" (the system\'s) or one of {values}').format(values='"en", "ja", "zh-Hant"'),
        lambda: _("the system's language"),
    ),
}
