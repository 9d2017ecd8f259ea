"""`python main.py new NAME`: write a commented starter scenario that validates and plays."""

from __future__ import annotations

import os
import re
from pathlib import Path

from game.atomic import write_text_atomic
from game.paths import SCHEMA_FILE

TEMPLATE = Path(__file__).parent / "templates" / "starter.yaml"


class NewScenarioError(Exception):
    pass


def scenario_path(name: str) -> Path:
    path = Path(name)
    return path if path.suffix in (".yaml", ".yml") else path.with_suffix(".yaml")


def starter_text(path: Path) -> str:
    stem = path.stem
    scenario_id = re.sub(r"[^a-z0-9_-]+", "-", stem.lower()).strip("-_") or "my-scenario"
    if not scenario_id[0].isalnum():
        scenario_id = "s" + scenario_id
    title = re.sub(r"[-_]+", " ", stem).strip().capitalize() or "My scenario"
    target = path.resolve().parent
    if SCHEMA_FILE.parent.parent in (target, *target.parents):
        schema = os.path.relpath(SCHEMA_FILE, target)  # inside the project: moves with it
    else:
        schema = SCHEMA_FILE.as_uri()  # elsewhere: an absolute address
    return TEMPLATE.read_text(encoding="utf-8").format(
        schema=schema, id=scenario_id, title=title, file=path
    )


def write_starter(name: str, force: bool = False) -> Path:
    path = scenario_path(name)
    if path.exists() and not force:
        raise NewScenarioError(
            f"{path} already exists; choose another name or add --force to overwrite it"
        )
    if not path.parent.exists():
        raise NewScenarioError(f"{path.parent}: no such folder")
    write_text_atomic(path, starter_text(path))
    return path
