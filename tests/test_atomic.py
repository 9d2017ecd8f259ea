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
def test_a_write_never_replaces_a_pipe_or_device_and_writes_through_links(tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    link_to_pipe = tmp_path / "to-pipe"
    link_to_pipe.symlink_to(pipe)
    for target in (pipe, link_to_pipe):
        with pytest.raises(OSError, match="device, pipe or socket"):
            write_text_atomic(target, "x")
    assert pipe.is_fifo() and link_to_pipe.is_symlink()
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_text_atomic(link, "new")
    assert link.is_symlink() and real.read_text() == "new"
