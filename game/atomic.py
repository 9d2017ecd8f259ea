"""Atomic writes: a reader sees the old file or the new one, never half of one.

A write goes to a temporary file beside the target, named `.<target>.<pid>-<random>.tmp`,
which is renamed over the target once it is complete. A symbolic link at the target is
replaced by the new file, never written through: a link planted in an output folder (say
`report.md -> ../precious.txt`) must not let a write land somewhere else. Folders, devices,
pipes and sockets at the target are refused (a rename would replace `/dev/null` itself when
run as root); folders above the target may be links, as folders often are. Any exception (KeyboardInterrupt, and
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

from game.i18n import _

# Our temporary files: `.<target>.<pid>-<8 characters from mkstemp>.tmp`.
_TEMP_NAME = re.compile(r"\..+\.(?P<pid>[0-9]{1,10})-[a-z0-9_]{8}\.tmp")
_STALE_SECONDS = 24 * 3600  # where a process cannot be asked whether it lives (Windows)


def write_bytes_atomic(path: Path, data: bytes, *, private: bool = False) -> None:
    """Write to a temporary file in the same folder, flush it to disk, then rename it over
    `path`. Raises OSError; on any failure or interruption the temporary file is removed.
    A `private` file (it holds secrets) is readable by its owner only, from the first byte."""
    path = Path(path)
    _check_target(path)
    folder = path.parent
    make_folder(folder)
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
        if not private:
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


def _check_target(path: Path) -> None:
    """Raise OSError unless `path` may be replaced by a new file: missing, a regular file or a
    symbolic link (the link itself is replaced; whatever it points to is left alone)."""
    try:
        mode = os.lstat(path).st_mode  # the link itself, never what it points to
    except (FileNotFoundError, NotADirectoryError):
        return  # a new file, or a folder above it that is missing or is a file (below)
    except OSError as err:
        raise OSError(err.errno, err.strerror, str(path)) from None
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        raise OSError(errno.EINVAL, "is a device, pipe or socket, not a file", str(path))


def make_folder(folder: Path) -> None:
    """Make `folder` and any missing folders above it. Raises OSError; when part of the path
    is not a folder, the error names that part ("out: is a file, not a folder"), not the
    folder that could not be made under it."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return
    except (FileExistsError, NotADirectoryError) as err:
        failure: OSError = err
    for part in (*reversed(folder.parents), folder):
        try:
            mode = os.stat(part).st_mode  # links to folders are folders here
        except FileNotFoundError:
            if os.path.lexists(part):
                raise NotADirectoryError(
                    errno.ENOTDIR, "is a link to nothing (a dangling link), not a folder", str(part)
                ) from None
            break
        except OSError:
            break
        if not stat.S_ISDIR(mode):
            raise NotADirectoryError(errno.ENOTDIR, f"is {_kind(mode)}, not a folder", str(part))
    raise failure


def make_own_folder(folder: Path) -> None:
    """`make_folder` for a folder this program names inside one a person gave (a report's
    `charts/`): a symbolic link in its place is removed first, so what is written there, and
    what is cleaned out of it, stays inside the folder given."""
    folder = Path(folder)
    if os.path.islink(folder):
        os.unlink(folder)
    make_folder(folder)


def _kind(mode: int) -> str:
    return "a file" if stat.S_ISREG(mode) else "a device, pipe or socket"


def cannot_write(err: OSError, target: str | Path) -> str:
    """The one line that says a file could not be written: "PATH: cannot be written: REASON",
    naming the path the error concerns (or `target` when it names none)."""
    return _("{path}: cannot be written: {reason}").format(
        path=err.filename or target, reason=err.strerror or err
    )


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


def _may_be_writing(pid: int, entry: os.DirEntry[str]) -> bool:
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


def write_text_atomic(path: Path, text: str, *, private: bool = False) -> None:
    """`write_bytes_atomic` of `text` in UTF-8."""
    write_bytes_atomic(path, text.encode("utf-8"), private=private)
