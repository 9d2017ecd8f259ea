"""Sensitivity analysis (`sensitivity`): the scenario's uncertain inputs, the one place a game
gets other values for them, Morris and Sobol through SALib, the same indices whatever runs
the games (local processes or a Dask cluster), the command's errors and files, the
assumptions page's "what matters most" and lint's top three."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from game.cli import main
from game.engine.rulebook import Rulebook
from game.scenario.loader import load_scenario
from game.sim.sensitivity import (
    MORRIS,
    SOBOL,
    analyse,
    load_result,
    result_from_json,
    result_json,
    sobol_indices,
)
from game.sim.uncertain import scenario_with, uncertain_inputs
from tests.conftest import MINI

# mini.yaml with one input that obviously decides the shared score: cooperation drifts by
# anything from -8 to +8 a turn (over four turns), while every other input is a small default
# range around a fixed number.
DOMINANT = "drift.cooperation"


@pytest.fixture(scope="module")
def dominated(tmp_path_factory):
    text = MINI.read_text(encoding="utf-8").replace(
        "drift: {tension: -1}", "drift: {tension: -1, cooperation: [-8, 8]}"
    )
    path = tmp_path_factory.mktemp("sens") / "dominated.yaml"
    path.write_text(text, encoding="utf-8")
    return load_scenario(path)


@pytest.fixture(scope="module")
def mini():
    return load_scenario(MINI)


def _indices(result):
    return result_json(result)["inputs"]


# --- inputs and the scenario copy -------------------------------------------------------------


def test_inputs_are_ranges_red_cell_responses_drift_and_the_main_rules(dominated):
    found = {i.id: i for i in uncertain_inputs(dominated)}
    # the range the file gives, and the documented defaults for single numbers and rules
    assert (found[DOMINANT].low, found[DOMINANT].high, found[DOMINANT].ranged) == (-8, 8, True)
    assert (found["reaction.dialogue.tension"].low, found["reaction.dialogue.tension"].high) == (
        2.5,
        7.5,
    )
    assert not found["reaction.dialogue.tension"].ranged
    assert (found["drift.tension"].low, found["drift.tension"].high) == (-1.5, -0.5)
    assert (found["rules.crisis_at"].low, found["rules.crisis_at"].high) == (81, 99)
    assert (found["rules.mitigation"].low, found["rules.mitigation"].high) == (0.45, 0.75)
    assert {"regen.japan", "regen.taiwan"} <= set(found)
    # the facilitator-only inject never fires in these games: not an input
    assert not any(i.startswith("inject.storm") for i in found)
    # each input knows its line, for lint and the page
    text = MINI.read_text(encoding="utf-8")
    assert (
        found["reaction.dialogue.tension"].line == text[: text.index("reaction:")].count("\n") + 1
    )


def test_scenario_with_changes_only_the_copy(dominated):
    variant = scenario_with(
        dominated,
        {
            DOMINANT: 3.0,
            "reaction.dialogue.tension": 7.0,
            "rules.crisis_at": 85.0,
            "rules.mitigation": 0.5,
            "regen.japan": 1.2,
        },
    )
    book, base = Rulebook.of(variant), Rulebook.of(dominated)
    assert dict(book.drift)["cooperation"] == 3.0 and not book.ranged
    assert dict(book.measure["dialogue"].reaction)["tension"] == 7.0
    assert (book.crisis_at, book.mitigation) == (85.0, 0.5)
    japan = next(r for r in book.regen if r[0] == "japan")
    japan_base = next(r for r in base.regen if r[0] == "japan")
    assert japan[3:] == pytest.approx((japan_base[3] * 1.2, japan_base[4] * 1.2))
    # the original is untouched, and the copy is not mistaken for the file
    assert dict(base.drift)["cooperation"] == 0.0 and base.crisis_at == 90
    assert dominated.scenario.rules.drift.ranges["cooperation"] == (-8.0, 8.0)
    assert variant.content_hash != dominated.content_hash
    with pytest.raises(KeyError):
        scenario_with(dominated, {"no.such.input": 1.0})


# --- Morris and Sobol ---------------------------------------------------------------------------


def test_the_input_that_obviously_dominates_ranks_first(dominated):
    result = analyse(dominated, MORRIS, 4, 3, games=2)
    ranking = result.ranking("shared_score")
    assert ranking[0][0].id == DOMINANT
    assert ranking[0][1] > 3 * ranking[1][1]  # μ*: by far
    assert len(result.inputs) == len(uncertain_inputs(dominated))
    assert set(result.indices["crisis_rate"]) == {"mu_star", "mu_star_conf", "sigma", "mu"}


def test_sobol_gives_first_and_total_indices_with_confidence_intervals_from_salib(dominated):
    result = analyse(dominated, SOBOL, 32, 1, games=1, top=3)
    assert len(result.inputs) == 3 and result.inputs[0].id == DOMINANT  # the screen's top three
    assert result.points == 32 * (3 + 2)
    shared = result.indices["shared_score"]
    assert set(shared) == {"S1", "S1_conf", "ST", "ST_conf"}
    for name in shared:
        assert len(shared[name]) == 3 and all(math.isfinite(x) for x in shared[name])
    assert all(c > 0 for c in shared["S1_conf"] + shared["ST_conf"])
    assert result.ranking()[0][0].id == DOMINANT and shared["ST"][0] > 0.5
    # the inputs left out are held at the middle of their ranges, and said
    assert {i.id for i in result.held} == {i.id for i in uncertain_inputs(dominated)} - {
        i.id for i in result.inputs
    }


def test_an_output_that_never_varies_has_no_sobol_indices_rather_than_a_crash(dominated):
    inputs = uncertain_inputs(dominated)[:2]
    found = sobol_indices(inputs, np.zeros(8 * 4), 0)
    assert all(math.isnan(x) for v in found.values() for x in v)


# --- determinism: the same seed, the same indices, whatever runs the games -------------------


def test_the_same_seed_gives_the_same_indices_with_one_or_two_processes(dominated):
    one = analyse(dominated, MORRIS, 3, 11, games=2, jobs=1)
    two = analyse(dominated, MORRIS, 3, 11, games=2, jobs=2)
    assert _indices(one) == _indices(two)
    other = analyse(dominated, MORRIS, 3, 12, games=2, jobs=1)
    assert _indices(other) != _indices(one)  # the seed is used


def test_the_same_seed_gives_the_same_indices_on_a_dask_cluster(dominated):
    distributed = pytest.importorskip("dask.distributed")
    local = analyse(dominated, MORRIS, 3, 11, games=2, jobs=1)
    sobol_local = analyse(dominated, SOBOL, 8, 5, games=1, top=2, jobs=1)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        remote = analyse(dominated, MORRIS, 3, 11, games=2, cluster=cluster.scheduler_address)
        sobol_remote = analyse(
            dominated, SOBOL, 8, 5, games=1, top=2, cluster=cluster.scheduler_address
        )
    assert remote.workers == 2 and "Dask" in remote.where
    assert _indices(remote) == _indices(local)
    assert _indices(sobol_remote) == _indices(sobol_local)


# --- the command --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "extra, expected",
    [
        (["--method", "fast"], "invalid choice: 'fast'"),
        (["--method", "sobol", "--samples", "100"], "must be a power of two"),
        (["--samples", "1"], "expected a whole number from 2"),
        (["--top", "3"], "--top: only for --method sobol"),
        (["--strategy", "push-all", "--profiles", "japan=cautious"], "only apply to AI play"),
        (["--strategy", "hold,push-all"], "give one strategy"),
        (["--strategy", "bold"], "unknown strategy 'bold'"),
        (["--jobs", "2", "--cluster", "tcp://127.0.0.1:8786"], "--jobs is for local processes"),
        (["--history"], "has no history excursion"),
        (["--games", "0"], "expected a whole number from 1"),
    ],
)
def test_bad_arguments_are_one_clear_line_and_a_usage_exit(extra, expected, capsys):
    assert main(["sensitivity", str(MINI), *extra]) == 2
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert expected in err and "\n" not in err and "Traceback" not in err
    assert captured.out == ""


def test_an_invalid_scenario_is_reported_with_its_file_and_line(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINI.read_text(encoding="utf-8").replace("turns: 4", "turns: four"))
    assert main(["sensitivity", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:7:" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "address, expected",
    [
        ("tcp://127.0.0.1:1", "cannot reach a Dask scheduler at tcp://127.0.0.1:1"),
        ("nonsense://x", "is not a scheduler address"),
    ],
)
def test_a_cluster_that_cannot_be_used_is_one_line(address, expected, capsys):
    pytest.importorskip("dask.distributed")
    assert main(["sensitivity", str(MINI), "--samples", "2", "--cluster", address]) == 1
    err = capsys.readouterr().err.strip()
    assert expected in err and "\n" not in err and "Traceback" not in err


@pytest.fixture(scope="module")
def saved_run(dominated, tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    assert (
        main(["sensitivity", dominated.file, "--samples", "3", "--games", "2", "--out", str(out)])
        == 0
    )
    return out


def test_out_writes_csv_json_charts_and_an_html_summary(saved_run, dominated):
    names = {p.name for p in saved_run.iterdir()}
    assert {
        "sensitivity.json",
        "sensitivity.csv",
        "morris.png",
        "morris_top.png",
        "sensitivity.html",
    } <= names
    for png in ("morris.png", "morris_top.png"):
        assert (saved_run / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    data = json.loads((saved_run / "sensitivity.json").read_text(encoding="utf-8"))
    assert data["scenario_hash"] == dominated.content_hash and data["ranking"][0] == DOMINANT
    rows = (saved_run / "sensitivity.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 1 + len(uncertain_inputs(dominated))
    assert rows[0].startswith("rank,input,label") and "shared_score.mu_star" in rows[0]
    assert rows[1].startswith(f"1,{DOMINANT},Drift every turn: Cooperation")
    html = (saved_run / "sensitivity.html").read_text(encoding="utf-8")
    assert "Drift every turn: Cooperation" in html and "data:image/png;base64," in html
    # read back exactly
    again = load_result(str(saved_run))
    assert result_json(again)["inputs"] == data["inputs"]
    assert result_from_json(data).ranking()[0][0].id == DOMINANT


def test_a_sobol_run_can_take_its_inputs_from_a_saved_screen(saved_run, dominated, tmp_path):
    out = tmp_path / "sobol"
    argv = ["sensitivity", dominated.file, "--method", "sobol", "--samples", "8", "--games"]
    argv += ["1", "--top", "2", "--screen", str(saved_run), "--out", str(out)]
    assert main(argv) == 0
    data = json.loads((out / "sensitivity.json").read_text(encoding="utf-8"))
    screen = json.loads((saved_run / "sensitivity.json").read_text(encoding="utf-8"))
    assert [i["id"] for i in data["inputs"]] == screen["ranking"][:2]
    assert (out / "sobol.png").read_bytes()[:4] == b"\x89PNG"


def test_a_saved_screen_of_another_scenario_is_refused(saved_run, capsys):
    argv = ["sensitivity", str(MINI), "--method", "sobol", "--screen", str(saved_run)]
    assert main(argv) == 1
    err = capsys.readouterr().err.strip()
    assert "another version of" in err and "\n" not in err


def test_the_terminal_names_the_inputs_in_plain_words(dominated, capsys):
    assert main(["sensitivity", dominated.file, "--samples", "2", "--games", "1"]) == 0
    out = capsys.readouterr().out
    first = next(line for line in out.splitlines() if line.lstrip().startswith("1 "))
    assert "Drift every turn: Cooperation" in first
    from game.columns import wrap_label

    # a long name wraps in its column, never cut
    for part in wrap_label("Red cell reaction to Security dialogue: Tension", 42):
        assert part.strip() in out


# --- the assumptions page and lint ---------------------------------------------------------------


def test_the_assumptions_page_shows_what_matters_most_from_a_saved_run(
    saved_run, dominated, tmp_path
):
    out = tmp_path / "page"
    argv = ["assumptions", dominated.file, "--out", str(out), "--runs", "2"]
    assert main([*argv, "--sensitivity", str(saved_run / "sensitivity.json")]) == 0
    md = (out / "assumptions.md").read_text(encoding="utf-8")
    html = (out / "assumptions.html").read_text(encoding="utf-8")
    section = md[md.index("## What matters most") :]
    section = section[: section.index("\n## ", 5)]
    assert "| 1 | **Drift every turn: Cooperation**" in section
    assert "python main.py sensitivity" in section and "--samples 3 --games 2" in section
    assert 'id="matters"' in html and 'href="#matters"' in html
    # without a run, no such section
    assert main([*argv, "--out", str(tmp_path / "plain")]) == 0
    assert "What matters most" not in (tmp_path / "plain" / "assumptions.md").read_text(
        encoding="utf-8"
    )


def test_the_assumptions_page_refuses_a_run_of_another_version(saved_run, tmp_path, capsys):
    argv = ["assumptions", str(MINI), "--out", str(tmp_path), "--runs", "2"]
    assert main([*argv, "--sensitivity", str(saved_run)]) == 1
    err = capsys.readouterr().err.strip()
    assert "another version" in err and "\n" not in err


def test_lint_names_the_three_inputs_that_matter_most(dominated, capsys):
    main(["lint", dominated.file, "--games", "4", "--strategy-games", "2", "--screen", "2"])
    out = capsys.readouterr().err  # stdout stays the warnings, one a line
    assert "note: the three assumptions that move the shared score most" in out
    screen = analyse(dominated, MORRIS, 2, 0, games=4)
    listed = [line for line in out.splitlines() if line.startswith(("  1.", "  2.", "  3."))]
    assert len(listed) == 3
    for line, (item, _mu) in zip(listed, screen.ranking()[:3], strict=True):
        assert f"{dominated.file}:{item.line}: {screen.labels[item.id]} (μ*" in line
    assert "Drift every turn: Cooperation" in listed[0]
