"""lint's warnings about what a scenario teaches, each on a variant of tests/fixtures/balance.yaml
built to trigger it, and gone once the variant is fixed. Every warning names its file and line."""

from __future__ import annotations

import pytest

import game.engine.scoring as scoring
from game.cli import main
from game.scenario.loader import load_scenario_text
from game.sim.lint import _Scores, crisis_pays, lint, switched_off_events
from tests.conftest import FIXTURES

BALANCE = FIXTURES / "balance.yaml"
# talks' reaction takes tension from 30 past the crisis line (60): every game that adopts it
# ends in crisis, so pushing everything is a loss and holding is best.
CRISIS = ("reaction: {tension: 5}", "reaction: {tension: 35}")
NO_ALOOF = (", priorities: {office: 0}", "")  # Japan's two AI profiles then play alike
RUMOURS = "    hit: {resilience.information: -2}\n"


def _text(*changes: tuple[str, str]) -> str:
    text = BALANCE.read_text()
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    return text


def _lint(text: str, games: int = 60, strategy_games: int = 6) -> list[str]:
    return [
        w.format("v.yaml") for w in lint(load_scenario_text(text, "v.yaml"), games, strategy_games)
    ]


def _line(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def _about(warnings: list[str], words: str) -> list[str]:
    return [w for w in warnings if words in w]


# --- a crisis is a loss ------------------------------------------------------------------------


def test_lint_warns_when_a_crisis_game_outscores_a_calm_one(monkeypatch):
    text = _text(CRISIS)
    # Scoring without the crisis penalty: a crisis game is scored by the state of the region alone.
    monkeypatch.setattr(scoring, "on_the_scale", lambda book, state, crisis: state)
    found = _about(_lint(text), "crisis games outscore calm ones")
    assert found, "no warning"
    taiwan = _line(text, "objectives: {cooperation: 1, resilience: 1}")
    assert any(w.startswith(f"v.yaml:{taiwan}: warning: actors.taiwan.objectives: ") for w in found)


def test_lint_is_quiet_about_crises_when_every_crisis_scores_below_every_calm_game():
    warnings = _lint(_text(CRISIS))
    assert not _about(warnings, "crisis games outscore")
    assert not _about(warnings, "outcomes[0] crisis: never reached")  # crises did happen


def test_a_crisis_game_scoring_exactly_as_the_worst_calm_game_counts_as_outscoring_it():
    loaded = load_scenario_text(BALANCE.read_text(), "v.yaml")
    tie = _Scores([(True, 40.0), (False, 40.0), (False, 70.0)], {})
    below = _Scores([(True, 39.9), (False, 40.0), (False, 70.0)], {})
    assert [w.path for w in crisis_pays(loaded, tie)] == ["rules.scoring"]
    assert "scored 40.0 (shared score), the worst game without a crisis 40.0" in (
        crisis_pays(loaded, tie)[0].message
    )
    assert crisis_pays(loaded, below) == []


# --- adoption ------------------------------------------------------------------------------------


def test_lint_warns_of_a_measure_adopted_in_fewer_than_5_percent_of_ai_games():
    text = _text()
    warnings = _lint(text)
    drills = _line(text, "  - id: drills")
    assert (
        f"v.yaml:{drills}: warning: measures[1] drills: adopted in 0% of 60 AI games: hardly an option"
        in "\n".join(warnings)
    )
    assert not _about(
        warnings, "measures[3] office: adopted"
    )  # Japan's aloof profile: half the games


def test_lint_warns_of_a_measure_adopted_in_more_than_95_percent_of_ai_games():
    text = _text(NO_ALOOF)
    office = _line(text, "  - id: office")
    found = _about(_lint(text), f"v.yaml:{office}: warning: measures[3] office: adopted in ")
    assert len(found) == 1 and "of 60 AI games: every team takes it" in found[0]
    share = int(found[0].split("adopted in ")[1].split("%")[0])
    assert share > 95


# --- every delegation decides --------------------------------------------------------------------


def test_lint_warns_when_a_delegations_ai_profiles_hardly_move_the_shared_score():
    text = _text(NO_ALOOF)
    found = _about(_lint(text), "actors.japan.ai_profiles")
    profiles = _line(text, "      keen:")  # where Japan's ai_profiles begin
    assert len(found) == 1 and found[0].startswith(f"v.yaml:{profiles}: warning: ")
    assert "less than 1 point (keen " in found[0] and ", aloof " in found[0]


def test_lint_is_quiet_about_profiles_that_play_differently():
    # One delegation with a single profile is never compared; Japan's aloof profile never
    # founds the office, which moves the shared score by more than a point.
    assert not _about(_lint(_text()), ".ai_profiles")


# --- push-all must not pay -----------------------------------------------------------------------


def test_lint_warns_when_push_all_is_a_delegations_best_fixed_strategy():
    text = _text()
    found = _about(_lint(text), "the best fixed team strategy")
    japan = _line(text, "  japan:") + 1  # where Japan's entry begins
    assert any(
        w.startswith(
            f"v.yaml:{japan}: warning: actors.japan: the best fixed team strategy for Japan's own score is push-all (mean "
        )
        and "; next " in w
        for w in found
    )


def test_lint_is_quiet_when_pushing_everything_does_not_pay():
    assert not _about(_lint(_text(CRISIS)), "the best fixed team strategy")


# --- events are blunted, not switched off --------------------------------------------------------


def test_lint_warns_of_an_event_a_measure_switches_off():
    text = _text((RUMOURS, RUMOURS + "    when: \"tension > 10 and not in_force('office')\"\n"))
    found = _about(_about(_lint(text), "events[1] rumours"), "switches this event off")
    when = _line(text, '    when: "tension > 10')
    assert len(found) == 1
    assert found[0].startswith(
        f"v.yaml:{when}: warning: events[1] rumours: `not in_force('office')`"
    )
    assert "shields: {information: SHARE}" in found[0]


def test_lint_is_quiet_about_an_event_the_measure_shields_instead():
    text = _text(
        (
            "    on_adopt: {cooperation: 2, resilience.information: 12}\n",
            "    on_adopt: {cooperation: 2, resilience.information: 12}\n    shields: {information: 0.5}\n",
        )
    )
    assert not _about(_about(_lint(text), "events[1] rumours"), "switches this event off")


@pytest.mark.parametrize(
    ("when", "ruled_out"),
    [
        ("not in_force('office')", ["in_force office"]),
        ("not adopted('office')", ["adopted office"]),
        ("turn > 2 and (tension > 10 and not adopted('forum'))", ["adopted forum"]),
        ("not (adopted('office') or in_force('forum'))", ["adopted office", "in_force forum"]),
        ("tension > 50 or not adopted('office')", []),  # the event can still be drawn
        ("not (adopted('office') and adopted('forum'))", []),
        ("in_force('office')", []),
        ("not suspended('office')", []),
    ],
)
def test_which_conditions_switch_an_event_off(when, ruled_out):
    text = _text((RUMOURS, RUMOURS + f'    when: "{when}"\n'))
    found = switched_off_events(load_scenario_text(text, "v.yaml"))
    assert [
        w.message.split("`")[1].removeprefix("not ").replace("('", " ").rstrip("')") for w in found
    ] == ruled_out


# --- the command -------------------------------------------------------------------------------


def test_lint_command_exits_1_and_prints_the_new_warnings_with_file_and_line(tmp_path, capsys):
    path = tmp_path / "balance.yaml"
    path.write_text(_text(NO_ALOOF))
    assert main(["lint", str(path), "--games", "40", "--strategy-games", "5"]) == 1
    out = capsys.readouterr().out
    for words in ("actors.japan.ai_profiles", "measures[3] office: adopted in ", "push-all"):
        assert any(line.startswith(f"{path}:") and words in line for line in out.splitlines()), (
            words
        )
