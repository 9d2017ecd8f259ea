"""Every script in examples/ runs with `python examples/NAME.py` and exits 0, from any
folder; and the `simulate --policy` command that examples/custom_policy.py gives works."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from game.paths import PROJECT_ROOT

EXAMPLES = sorted((PROJECT_ROOT / "examples").glob("*.py"))


def test_the_examples_the_api_guide_names_exist():
    names = {p.name for p in EXAMPLES}
    assert {"play_a_game.py", "custom_policy.py", "pettingzoo_random.py"} <= names
    guide = (PROJECT_ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    for name in names:
        assert f"examples/{name}" in guide


@pytest.mark.parametrize("script", EXAMPLES, ids=lambda p: p.name)
def test_an_example_runs_and_exits_0(script, tmp_path):
    env = {**os.environ, "PYTHONPATH": "", "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    run = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,  # not the checkout: the example finds the game by itself
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() and not run.stderr.strip()


def test_simulate_plays_the_custom_policy_as_its_docstring_says(monkeypatch, capsys):
    from game.cli import main

    monkeypatch.chdir(PROJECT_ROOT)
    argv = [
        "simulate",
        "scenarios/free-and-open-indo-pacific.yaml",
        "--runs",
        "20",
        "--policy",
        "japan=examples/custom_policy.py:cautious_pusher",
    ]
    doc = (PROJECT_ROOT / "examples" / "custom_policy.py").read_text(encoding="utf-8")
    assert "--policy japan=examples/custom_policy.py:cautious_pusher" in doc
    assert main(argv) == 0
    assert "japan by examples/custom_policy.py:cautious_pusher" in capsys.readouterr().out


def test_the_python_in_the_api_guide_runs():
    """docs/api.md's Python blocks, run in order in one namespace (a later block may use what
    an earlier one made, as a reader would); then its look-ahead function on a fresh game."""
    import re
    import textwrap

    pytest.importorskip("pettingzoo")
    guide = (PROJECT_ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", guide, flags=re.S)
    assert len(blocks) >= 5
    sys.path.insert(0, str(PROJECT_ROOT / "examples"))
    try:
        from custom_policy import cautious_pusher
    finally:
        sys.path.remove(str(PROJECT_ROOT / "examples"))
    from game import api

    namespace = {"my_evaluation": len, "decide": cautious_pusher, "random": __import__("random")}
    for block in blocks:
        exec(compile(textwrap.dedent(block), "<docs/api.md>", "exec"), namespace)  # noqa: S102
    assert namespace["env"].game.over
    game = api.new_game(None, 3)
    value = namespace["value_of"](game, "japan", {}, rollouts=2)
    assert 0 <= value <= 100 and game.state.turn == 1  # the look-ahead left the game alone
