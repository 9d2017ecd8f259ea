"""The package type-checks: mypy in strict mode over game/ except the pygame UI layer
(configured in pyproject.toml, [tool.mypy]), so `py.typed` promises only what holds."""

from __future__ import annotations

import subprocess
import sys

import pytest

from game.paths import PROJECT_ROOT


def test_mypy_strict_finds_nothing() -> None:
    pytest.importorskip("mypy", reason="mypy is not installed (it comes with the `test` extra)")
    # the configuration's files and options; the cache is .mypy_cache (ignored by git)
    run = subprocess.run(
        [sys.executable, "-m", "mypy"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Success: no issues found" in run.stdout


def test_py_typed_ships_with_the_package() -> None:
    import tomllib

    config = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "py.typed" in config["tool"]["setuptools"]["package-data"]["game"]
    assert (PROJECT_ROOT / "game" / "py.typed").is_file()
