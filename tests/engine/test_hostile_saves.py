"""Reading a save never raises anything but SaveError, with one message naming the file,
whatever is on disk: hostile JSON, huge or endless files, devices, pipes, folders, loops."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.game import Game, play_ai_game
from game.engine.saves import MAX_SAVE_BYTES, SaveError, load_game, read_save, save_data
from tests.conftest import shared_by_module

SAVE_HEAD = '{"kind": "trilateral-save", "version": 3, '


def _write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


HOSTILE_TEXTS = {
    "nested arrays 100,000 deep": "[" * 100_000 + "]" * 100_000,
    "nested objects 100,000 deep": '{"a":' * 100_000 + "1" + "}" * 100_000,
    "nested inside a save": SAVE_HEAD + '"seed": ' + "[" * 100_000 + "]" * 100_000 + "}",
    "an integer of 5,000 digits": SAVE_HEAD + '"seed": ' + "9" * 5000 + "}",
    "a negative integer of 50,000 digits": SAVE_HEAD + '"seed": -' + "9" * 50_000 + "}",
    "NaN": SAVE_HEAD + '"seed": NaN}',
    "Infinity": SAVE_HEAD + '"seed": Infinity}',
    "-Infinity": '{"kind": "trilateral-save", "version": -Infinity}',
    "a float beyond the largest": SAVE_HEAD + '"seed": 1e400}',
    "a float of 10,000 digits": SAVE_HEAD + '"seed": 1' + "0" * 10_000 + ".5}",
    "a duplicate key": '{"kind": "trilateral-save", "kind": "trilateral-save"}',
    "a lone surrogate": SAVE_HEAD + '"humans": ["\\ud800"]}',
    "a control character": SAVE_HEAD + '"humans": ["\\u001b[2J"]}',
    "empty": "",
    "null": "null",
    "a list": "[1, 2]",
    "a string": '"trilateral-save"',
    "wrong types": SAVE_HEAD + '"scenario": 1, "seed": "7", "humans": {}, "turns": 5}',
    "a huge list": SAVE_HEAD + '"humans": [' + ",".join(['"x"'] * 200_000) + "]}",
}


@pytest.mark.parametrize("case", sorted(HOSTILE_TEXTS))
def test_hostile_json_is_refused_with_one_message(case, mini, tmp_path):
    path = _write(tmp_path / "hostile.json", HOSTILE_TEXTS[case])
    with pytest.raises(SaveError) as caught:
        load_game(path, mini)
    message = str(caught.value)
    assert message.startswith(str(path)) and "\n" not in message


def test_not_utf8_is_refused(mini, tmp_path):
    path = _write(tmp_path / "latin1.json", b'{"kind": "trilateral-save", "x": "caf\xe9"}')
    with pytest.raises(SaveError, match="not UTF-8"):
        load_game(path, mini)


def test_an_oversized_file_is_refused_after_reading_at_most_the_cap(tmp_path, monkeypatch):
    path = tmp_path / "big.json"
    with path.open("wb") as handle:
        handle.truncate(300_000_000)  # sparse: hundreds of MB on paper
    read = []
    real_read = os.read

    def counting_read(fd, n):
        chunk = real_read(fd, n)
        read.append(len(chunk))
        return chunk

    monkeypatch.setattr(os, "read", counting_read)
    with pytest.raises(SaveError, match="larger than"):
        read_save(path)
    assert sum(read) <= MAX_SAVE_BYTES + 1


def test_a_file_that_keeps_growing_while_read_is_cut_at_the_cap(tmp_path, monkeypatch):
    from game.reading import FileReadError, read_bytes

    path = _write(tmp_path / "growing.json", b"{")
    monkeypatch.setattr(os, "read", lambda fd, n: b" " * n)  # never reaches its end
    with pytest.raises(FileReadError, match="larger than 1,000 bytes"):
        read_bytes(path, 1000)


def test_a_file_that_shrinks_while_read_is_judged_on_what_was_read(tmp_path, mini, monkeypatch):
    text = json.dumps(save_data(play_ai_game(mini, 1)))
    path = _write(tmp_path / "shrinking.json", text)
    real_fstat = os.fstat

    def fstat_then_truncate(fd):
        result = real_fstat(fd)
        os.truncate(path, len(text) // 2)  # the size it claimed a moment ago is no longer true
        return result

    monkeypatch.setattr(os, "fstat", fstat_then_truncate)
    with pytest.raises(SaveError, match="truncated"):
        read_save(path)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_are_refused_even_through_a_link(device, mini, tmp_path):
    if not Path(device).exists():
        pytest.skip(f"no {device} here")
    link = tmp_path / "device.json"
    link.symlink_to(device)
    for path in (Path(device), link):
        with pytest.raises(SaveError, match="not a regular file"):
            load_game(path, mini)


def test_a_fifo_is_refused_without_blocking(mini, tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    outcome: list[BaseException | None] = []

    def attempt() -> None:
        try:
            load_game(fifo, mini)
            outcome.append(None)
        except BaseException as err:  # noqa: BLE001 - the test reports whatever happened
            outcome.append(err)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(timeout=30)
    if worker.is_alive():  # unblock the reader so the test run can finish, then fail
        with open(fifo, "wb"):
            pass
        pytest.fail("opening a FIFO blocked")
    assert isinstance(outcome[0], SaveError) and "not a regular file" in str(outcome[0])


def test_a_folder_a_symlink_loop_and_a_missing_file_are_refused(mini, tmp_path):
    folder = tmp_path / "folder.json"
    folder.mkdir()
    loop_a, loop_b = tmp_path / "a.json", tmp_path / "b.json"
    loop_a.symlink_to(loop_b)
    loop_b.symlink_to(loop_a)
    for path, why in (
        (folder, "is a folder"),
        (loop_a, "cannot be read"),
        (tmp_path / "no.json", "no such"),
    ):
        with pytest.raises(SaveError, match=why):
            load_game(path, mini)


def test_a_huge_string_and_a_long_facilitator_record_are_refused(mini, tmp_path):
    data = save_data(play_ai_game(mini, 1))
    huge_note = dict(data, facilitator=[{"turn": 1, "kind": "note", "text": "x" * 200_000}])
    many = dict(data, facilitator=[{"turn": 1, "kind": "note", "text": "x"}] * 30_000)
    for i, content in enumerate((huge_note, many)):
        path = _write(tmp_path / f"long{i}.json", json.dumps(content))
        with pytest.raises(SaveError, match="damaged save"):
            load_game(path, mini)


# --- wrong values anywhere: whatever a field is replaced with, SaveError or a game ----------

json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.integers(min_value=10**25, max_value=10**40),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=30),
        st.sampled_from(
            [
                "push",
                "oppose",
                "hold",
                "japan",
                "taiwan",
                "dialogue",
                "note",
                "adjust",
                "inject",
                "takeback",
                "tension",
            ]
        ),
    ),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


def _replace(value, path, new):
    if not path:
        return new
    head, *rest = path
    if isinstance(value, dict):
        return {**value, head: _replace(value[head], rest, new)}
    copy = list(value)
    copy[head] = _replace(copy[head], rest, new)
    return copy


@pytest.fixture(scope=shared_by_module)
def rich_save(mini):
    game = Game(mini, 9, humans={"japan"})
    game.fire_inject("election")
    game.adjust("cooperation", -3, "Walk-out")
    game.add_note("A note")
    game.submit_forecast("japan", "tension_up", 0.7)
    game.submit("japan", {"dialogue": "push"})
    game.resolve_turn()
    game.submit("japan", {})
    game.resolve_turn()
    return save_data(game)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_field_replaced_by_any_json_gives_a_game_or_a_save_error(
    data, rich_save, mini, tmp_path
):
    paths = list(_paths(rich_save))
    path = data.draw(st.sampled_from(paths))
    new = data.draw(json_values)
    content = _replace(rich_save, path, new)
    file = tmp_path / "fuzz.json"
    file.write_text(json.dumps(content))
    try:
        game = load_game(file, mini)
    except SaveError as err:
        assert str(err).startswith(str(file)) and "\n" not in str(err)
    else:
        assert isinstance(game, Game)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_any_bytes_give_a_save_error(raw, mini, tmp_path):
    file = tmp_path / "bytes.json"
    file.write_bytes(raw)
    with pytest.raises(SaveError):
        load_game(file, mini)
