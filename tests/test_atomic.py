"""Atomic writes leave no temporary files behind: not on errors, not on Ctrl+C, not on
SIGTERM, and not even after a process was killed outright (the next write sweeps them)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from game.atomic import write_text_atomic
from game.paths import PROJECT_ROOT


def test_an_interrupted_write_removes_its_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "game.json"
    target.write_text("old")

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_text_atomic(target, "new")
    assert [p.name for p in tmp_path.iterdir()] == ["game.json"]
    assert target.read_text() == "old"


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.mark.skipif(os.name != "posix", reason="asks the process table")
def test_temporary_files_of_dead_processes_are_swept_on_the_next_write(tmp_path):
    from game.atomic import sweep_orphans

    dead = _dead_pid()
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        orphan = tmp_path / f".game.json.{dead}-abcd_123.tmp"
        busy = tmp_path / f".turn-01.json.{alive.pid}-zyxw9876.tmp"
        others = [tmp_path / ".notes.tmp", tmp_path / f"game.json.{dead}-abcd_123.tmp"]
        for p in (orphan, busy, *others):
            p.write_text("partial")
        write_text_atomic(tmp_path / "session.json", "{}")
        left = {p.name for p in tmp_path.iterdir()}
        assert orphan.name not in left
        assert {busy.name, *(p.name for p in others), "session.json"} == left
    finally:
        alive.kill()
        alive.wait()
    assert sweep_orphans(tmp_path) == [busy]


@pytest.mark.skipif(os.name != "posix", reason="SIGTERM")
def test_sigterm_during_a_command_cleans_up_and_exits_143(tmp_path):
    out = tmp_path / "schema.json"
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        sys.path.insert(0, {str(PROJECT_ROOT)!r})
        real_fsync = os.fsync
        def fsync_then_terminated(fd):
            real_fsync(fd)
            os.kill(os.getpid(), signal.SIGTERM)
        os.fsync = fsync_then_terminated
        from game.cli import main
        sys.exit(main(["schema", "--out", {str(out)!r}]))
        """
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 143, run.stderr
    assert "terminated" in run.stderr and "Traceback" not in run.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_write_never_replaces_a_pipe_or_folder(tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(OSError, match="device, pipe or socket"):
        write_text_atomic(pipe, "x")
    folder = tmp_path / "folder"
    folder.mkdir()
    with pytest.raises(IsADirectoryError, match="is a folder"):
        write_text_atomic(folder, "x")
    assert pipe.is_fifo() and folder.is_dir() and list(folder.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
@pytest.mark.parametrize("points_to", ["a file", "a pipe", "a folder", "nothing", "itself"])
def test_a_link_at_the_target_is_replaced_and_what_it_points_to_is_left_alone(points_to, tmp_path):
    precious = tmp_path / "precious"
    if points_to == "a file":
        precious.write_text("keep me")
    elif points_to == "a pipe":
        os.mkfifo(precious)
    elif points_to == "a folder":
        precious.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    link = out / "report.md"
    link.symlink_to(link if points_to == "itself" else precious)
    write_text_atomic(link, "new")
    assert not link.is_symlink() and link.read_text() == "new"
    if points_to == "a file":
        assert precious.read_text() == "keep me"
    elif points_to == "a pipe":
        assert precious.is_fifo()
    elif points_to == "a folder":
        assert precious.is_dir() and list(precious.iterdir()) == []
    assert sorted(p.name for p in out.iterdir()) == ["report.md"]


def test_a_folder_in_the_way_is_named_as_the_part_of_the_path_that_is_a_file(tmp_path):
    from game.atomic import make_folder

    blocker = tmp_path / "regfile"
    blocker.write_text("not a folder")
    for target in (blocker / "x.json", blocker / "x" / "charts" / "a.png"):
        with pytest.raises(NotADirectoryError) as caught:
            write_text_atomic(target, "x")
        assert caught.value.filename == str(blocker)
        assert "is a file, not a folder" in str(caught.value)
    with pytest.raises(NotADirectoryError) as caught:
        make_folder(blocker / "x" / "y")
    assert caught.value.filename == str(blocker)
    assert blocker.read_text() == "not a folder"
