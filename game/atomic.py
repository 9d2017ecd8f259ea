"""Atomic writes: a reader sees the old file or the new one, never half of one.

A write goes to a temporary file beside the target, named `.<target>.<pid>-<random>.tmp`,
which is renamed over the target once it is complete. Any exception (KeyboardInterrupt, and
SIGTERM in the command line, which `game.cli` turns into an exception) removes the temporary
file. A process killed outright cannot clean up, so each write also sweeps the folder for
temporary files of ours whose process is gone.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import time
from pathlib import Path

# Our temporary files: `.<target>.<pid>-<8 characters from mkstemp>.tmp`.
_TEMP_NAME = re.compile(r"\..+\.(?P<pid>\d{1,10})-[a-z0-9_]{8}\.tmp")
_STALE_SECONDS = 24 * 3600  # where a process cannot be asked whether it lives (Windows)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, flush it to disk, then rename it over
    `path`. Raises OSError; on any failure or interruption the temporary file is removed."""
    path = _target(Path(path))
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "is a file, not a folder", str(folder))
    folder.mkdir(parents=True, exist_ok=True)
    sweep_orphans(folder)
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=f".{_shortened(path.name)}.{os.getpid()}-", suffix=".tmp", dir=folder
        )
    except OSError as err:  # name the file being written, not the temporary one
        raise OSError(err.errno, err.strerror, str(path)) from err
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; give the usual permissions
        os.replace(tmp, path)
    except BaseException as err:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(err, OSError) and err.filename == tmp:
            raise OSError(err.errno, err.strerror, str(path)) from err  # name the real target
        raise


def _target(path: Path) -> Path:
    """Where to write: through a symbolic link to the file it names (the link stays), and
    never over a folder, device, pipe or socket (a rename would replace `/dev/null` itself when
    run as root). Raises OSError for those."""
    try:
        mode = os.stat(path).st_mode  # follows links
    except (FileNotFoundError, NotADirectoryError):
        return path  # a new file, a dangling link (replaced by the file), or a bad folder (below)
    except OSError as err:
        raise OSError(err.errno, err.strerror, str(path)) from None
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
    if not stat.S_ISREG(mode):
        raise OSError(errno.EINVAL, "is a device, pipe or socket, not a file", str(path))
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _shortened(name: str) -> str:
    """The start of a file name, at most 100 bytes, for a temporary name that stays within the
    255 bytes file systems allow however long the target's name is."""
    return name.encode("utf-8", "surrogateescape")[:100].decode("utf-8", "ignore") or "file"


def sweep_orphans(folder: Path) -> list[Path]:
    """Remove the temporary files of ours in `folder` left by processes that no longer run;
    returns what was removed. Never raises: a sweep that cannot finish is tried next time."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    me = os.getpid()
    for entry in entries:
        match = _TEMP_NAME.fullmatch(entry.name)
        if match is None:
            continue
        pid = int(match["pid"])
        if pid == me or _may_be_writing(pid, entry):
            continue
        try:
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def _may_be_writing(pid: int, entry: os.DirEntry) -> bool:
    """Whether process `pid` may still be writing this file (when unsure: yes)."""
    if os.name == "posix":
        try:
            os.kill(pid, 0)  # signal 0: only asks whether the process exists
        except ProcessLookupError:
            return False
        except (PermissionError, OverflowError, ValueError, OSError):
            return True  # another user's process, or a number that is no process id
        return True
    # Elsewhere os.kill would end the process; fall back on the file's age.
    try:
        return time.time() - entry.stat(follow_symlinks=False).st_mtime < _STALE_SECONDS
    except OSError:
        return True


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _read_umask()  # read once, at import, before any thread could be writing


def write_text_atomic(path: Path, text: str) -> None:
    """`write_bytes_atomic` of `text` in UTF-8."""
    write_bytes_atomic(path, text.encode("utf-8"))
