"""Hostile or broken files get one clear located error, quickly, and nothing is constructed or run."""

from __future__ import annotations

import pytest

from game.scenario.errors import ScenarioError
from game.scenario.loader import load_scenario, load_scenario_bytes
from game.scenario.yaml_source import MAX_BYTES
from tests.scenario.helpers import column_of, line_of, problems_of, variant


def problem_for(raw: bytes, name: str = "bad.yaml"):
    with pytest.raises(ScenarioError) as caught:
        load_scenario_bytes(raw, name)
    problems = caught.value.problems
    assert problems and all(p.file == name for p in problems)
    return problems[0]


def test_empty_file():
    p = problem_for(b"")
    assert "empty" in p.message


def test_only_comments_is_empty():
    assert "empty" in problem_for(b"# nothing here\n\n").message


def test_not_yaml():
    p = problem_for(b"id: [unclosed\ntitle: x\n")
    assert p.message.startswith("not valid YAML") and p.line >= 1


@pytest.mark.parametrize("raw", [b"- just\n- a list\n", b"just a string\n", b"42\n"])
def test_top_level_must_be_a_mapping(raw):
    p = problem_for(raw)
    assert "expected a mapping" in p.message and p.line == 1


def test_non_utf8_file_names_the_byte_and_its_place():
    p = problem_for(b"id: mini\ntitle: caf\xe9\n")
    assert "0xe9" in p.message and "UTF-8" in p.message
    assert (p.line, p.column) == (2, 11)


def test_tab_indentation_gets_a_hint():
    p = problem_for(b"actors:\n\tus: {}\n")
    assert "tabs" in p.message and p.line == 2


@pytest.mark.parametrize(
    "raw",
    [
        b"id: !!python/object/apply:os.system ['echo pwned > /tmp/trilateral-pwned']\n",
        b"id: !!python/object:builtins.dict {}\n",
        b"id: !!python/name:os.system\n",
        b"id: !custom thing\n",
        b"id: !!binary aGVsbG8=\n",
        b"id: !!set {a, b}\n",
    ],
)
def test_non_standard_tags_are_rejected_before_anything_is_built(raw, tmp_path):
    p = problem_for(raw)
    assert "is not allowed" in p.message and p.line == 1


def test_python_tags_never_execute(tmp_path):
    marker = tmp_path / "pwned"
    raw = f"id: !!python/object/apply:os.system ['touch {marker}']\n".encode()
    problem_for(raw)
    assert not marker.exists()


def test_alias_bomb_is_refused_quickly():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(96 + i), chr(97 + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    p = problem_for("\n".join(lines).encode())
    assert "aliases" in p.message


def test_deep_flow_nesting_is_refused():
    p = problem_for(b"id: " + b"[" * 5000 + b"]" * 5000)
    assert "nest" in p.message


def test_deep_block_nesting_is_refused():
    raw = "".join(f"{'  ' * i}k{i}:\n" for i in range(300)).encode()
    p = problem_for(raw)
    assert "nest" in p.message


def test_oversized_file_is_refused(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"# padding\n" * (MAX_BYTES // 10 + 10))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert "bytes" in caught.value.problems[0].message


def test_duplicate_keys_are_refused_with_both_places():
    p = problem_for(b"id: one\ntitle: A\nid: two\n")
    assert "duplicate key `id`" in p.message and "line 1" in p.message
    assert p.line == 3


def test_two_documents_are_refused():
    p = problem_for(b"id: a\n---\nid: b\n")
    assert "second YAML document" in p.message


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ScenarioError, match="no such (scenario )?file"):
        load_scenario(tmp_path / "absent.yaml")
    with pytest.raises(ScenarioError, match="folder"):
        load_scenario(tmp_path)


def test_unknown_alias_is_located():
    p = problem_for(b"id: *nowhere\n")
    assert p.line == 1


@pytest.mark.parametrize(
    "written, code",
    [
        ('"Mini\\u001b[31m scenario"', 0x1B),  # a terminal colour escape
        ('"Mini\\a"', 0x07),  # the bell
        ('"Mini\\0"', 0x00),
        ('"Mini\\x7f"', 0x7F),
        ('"Mini\\x85 scenario"', 0x85),  # C1: next line
        ('"Mini\\r scenario"', 0x0D),
    ],
)
def test_a_control_character_in_scenario_text_is_refused_where_it_is_written(written, code):
    text = variant("title: Mini scenario", f"title: {written}")
    (problem,) = problems_of(text)
    assert (problem.line, problem.column) == (line_of(text, written), column_of(text, written))
    assert f"U+{code:04X}" in problem.message and "control character" in problem.message


def test_tabs_and_line_breaks_in_scenario_text_are_kept():
    from game.scenario.loader import load_scenario_text

    text = variant("briefing: For tests.", 'briefing: "For\\ttests.\\nSecond line."')
    assert load_scenario_text(text, "mini.yaml").scenario.briefing == "For\ttests.\nSecond line."


@pytest.mark.parametrize("kind", ["fifo", "device", "folder", "too big"])
def test_a_scenario_path_that_is_not_an_ordinary_file_is_refused_at_once(tmp_path, kind):
    """Opening a pipe would wait for a writer forever, and /dev/zero never ends: the loader
    must refuse them before reading (it once hung on both)."""
    import os

    path = tmp_path / "s.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path = "/dev/zero"
    elif kind == "folder":
        path.mkdir()
    else:
        path.write_bytes(b"a" * (MAX_BYTES + 1))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    (problem,) = caught.value.problems
    assert problem.file == str(path)
    assert any(w in problem.message for w in ("not a regular file", "folder", "larger than"))


@pytest.mark.parametrize(
    "written, says",
    [
        ('"\\u202eevil"', "U+202E"),  # a bidirectional override
        ('"\\u200b"', "shows nothing"),  # a title no one can see
        ('"\\u00ad\\u2060"', "shows nothing"),
    ],
)
def test_text_that_spoofs_or_shows_nothing_is_refused_where_it_is_written(written, says):
    text = variant("title: Mini scenario", f"title: {written}")
    (problem,) = problems_of(text)
    assert (problem.line, problem.column) == (line_of(text, written), column_of(text, written))
    assert says in problem.message
