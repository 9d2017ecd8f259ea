"""`python main.py new NAME`: write a commented starter scenario that validates and plays.

The name becomes the file name, the scenario's id and its title. Whatever the name, what is
written is valid YAML and a valid scenario, or nothing is written and the reason is given:

- the id and title go into the template as YAML double-quoted scalars made by PyYAML's
  emitter (so `a: b`, `#x`, `null`, `yes`, `123`, quotes and backslashes stay text);
- the file name goes into the template's comments shell-quoted, and names that no comment
  can hold (line breaks, control characters) are refused;
- the text is validated with the real loader before it is written.
"""

from __future__ import annotations

import hashlib
import os
import re
import shlex
import unicodedata
from pathlib import Path

import yaml

from game.atomic import write_text_atomic
from game.paths import SCENARIO_SUFFIXES, SCHEMA_FILE
from game.text import shows_something, text_problem

TEMPLATE = Path(__file__).parent / "templates" / "starter.yaml"
SUFFIXES = SCENARIO_SUFFIXES  # compared with the name in lower case
MAX_FILE_NAME_BYTES = 255  # what common file systems allow for one name
MAX_ID_CHARS = 64  # the scenario model's limits
MAX_TITLE_CHARS = 120
DEFAULT_TITLE = "My scenario"
_VALID_ID = re.compile(rf"[a-z0-9][a-z0-9_-]{{0,{MAX_ID_CHARS - 1}}}")  # the model's id pattern
_DIGEST_CHARS = 8


class NewScenarioError(Exception):
    """Raised when a starter cannot be written under the name given; the message says why."""


def scenario_path(name: str) -> Path:
    """The file `new NAME` writes: NAME itself if it ends in .yaml or .yml, else NAME.yaml.
    Raises NewScenarioError for a name that cannot be a scenario file (see `check_name`)."""
    check_name(name)
    path = Path(name if name.lower().endswith(SUFFIXES) else name + ".yaml")
    stem = path.name[: -len(path.suffix)] if path.suffix.lower() in SUFFIXES else path.name
    if not stem.strip(" ."):
        raise NewScenarioError(f"{name!r}: give the scenario a name, e.g. `new my_scenario`")
    if len(path.name.encode("utf-8")) > MAX_FILE_NAME_BYTES:
        raise NewScenarioError(
            f"{name[:40]}...: the file name is {len(path.name.encode('utf-8')):,} bytes long; "
            f"file systems allow at most {MAX_FILE_NAME_BYTES}"
        )
    return path


def check_name(name: str) -> None:
    """Raise NewScenarioError for a name no scenario file can have: empty, a folder (ending in
    a separator, `.` or `..`), or holding characters that cannot be written in a file name or a
    YAML comment (control characters, line breaks, unpaired surrogates)."""
    if not name.strip():
        raise NewScenarioError("give the scenario a name, e.g. `new my_scenario`")
    for ch in name:
        if ch in "\t\n\r\x0b\x0c\x85\u2028\u2029" or text_problem(ch):
            raise NewScenarioError(
                f"{name!r}: a scenario's name cannot contain the character U+{ord(ch):04X} "
                "(a control character, line break or bidirectional control); use letters, "
                "digits, spaces, - and _"
            )
    if not shows_something(name):
        raise NewScenarioError(
            f"{name!r}: a scenario's name must show something; it holds only invisible characters"
        )
    last = re.split(r"[\\/]" if os.sep == "\\" else "/", name)[-1]
    if last in ("", ".", ".."):
        raise NewScenarioError(
            f"{name!r}: names a folder; give a file name, e.g. `new {name.rstrip('/')}/my_scenario`"
            if last
            else f"{name!r}: ends with a folder separator; give a file name after it"
        )


def yaml_text(value: str) -> str:
    """`value` as a YAML double-quoted scalar that reads back as exactly this text."""
    dumped = yaml.safe_dump(value, default_style='"', allow_unicode=True, width=2**30)
    return dumped.rstrip("\n").removesuffix("\n...").rstrip("\n")


def derived_id(stem: str) -> str:
    """A scenario id from a file name: the name itself when it is already a valid id (lower-case
    letters, digits, - and _, at most 64 characters); otherwise what of it an id can hold,
    followed by a short digest of the whole name. So names that differ only in what an id
    cannot hold (`é`, `日本`, `😀`, case, spaces, a long name's end) still get different ids,
    and files made by `new` never share one."""
    if _VALID_ID.fullmatch(stem):
        return stem
    stem = unicodedata.normalize("NFC", stem)  # `é` typed as one character or as e + accent
    digest = hashlib.sha256(stem.encode("utf-8", "surrogatepass")).hexdigest()[:_DIGEST_CHARS]
    readable = re.sub(r"[^a-z0-9_-]+", "-", stem.lower())
    readable = readable[: MAX_ID_CHARS - _DIGEST_CHARS - 1].strip("-_") or "scenario"
    return f"{readable}-{digest}"


def derived_title(stem: str) -> str:
    """A title from a file name: separators as spaces, capitalised, shortened with an ellipsis
    past 120 characters (the whole name stays in the file's name)."""
    title = " ".join(re.sub(r"[-_]+", " ", stem).split())
    if not title:
        return DEFAULT_TITLE
    title = title[0].upper() + title[1:]
    if len(title) > MAX_TITLE_CHARS:
        title = title[: MAX_TITLE_CHARS - 1].rstrip() + "…"
    return title


def starter_text(path: Path) -> str:
    """The starter scenario's text for a file at `path`."""
    stem = path.name[: -len(path.suffix)] if path.suffix.lower() in SUFFIXES else path.name
    target = path.resolve().parent
    if SCHEMA_FILE.parent.parent in (target, *target.parents):
        schema = os.path.relpath(SCHEMA_FILE, target)  # inside the project: moves with it
    else:
        schema = SCHEMA_FILE.as_uri()  # elsewhere: an absolute address
    return TEMPLATE.read_text(encoding="utf-8").format(
        schema=schema,
        id=yaml_text(derived_id(stem)),
        title=yaml_text(derived_title(stem)),
        file=shlex.quote(str(path)),
    )


def write_starter(name: str, force: bool = False) -> Path:
    """Write the starter scenario for `new NAME`; returns its path. Raises NewScenarioError
    (with the reason) instead of writing anything invalid, and OSError if writing fails."""
    from game.scenario.errors import ScenarioError
    from game.scenario.loader import load_scenario_text

    path = scenario_path(name)
    if path.is_dir():
        raise NewScenarioError(f"{path} is a folder; choose another name")
    if (path.exists() or path.is_symlink()) and not force:
        raise NewScenarioError(
            f"{path} already exists; choose another name or add --force to overwrite it"
        )
    if not path.parent.is_dir():
        raise NewScenarioError(f"{path.parent}: no such folder")
    text = starter_text(path)
    try:
        load_scenario_text(text, str(path))
    except ScenarioError as err:  # a name this module did not foresee: refuse, never write
        raise NewScenarioError(
            f"{name!r}: cannot make a valid starter scenario from this name "
            f"({err.problems[0].message if err.problems else err}); choose a simpler name"
        ) from None
    write_text_atomic(path, text)
    return path
