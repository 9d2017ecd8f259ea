"""What every on-disk cache shares: where caches live, and the program version a cached
value is keyed by.

A cached value is reused only under the same `program_fingerprint()`: the release and a digest
of every source file of the `game` package, so an upgrade (or a local edit of the rules, the
validator or the report) never serves a value an older program computed.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

_GAME_PACKAGE = Path(__file__).resolve().parent


def cache_dir() -> Path:
    """The user's cache folder, or `$TRILATERAL_HOME/cache` (like the other folders)."""
    home = os.environ.get("TRILATERAL_HOME")
    if home:
        return Path(home) / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir("trilateral"))


@cache
def program_fingerprint() -> str | None:
    """This program's release and a digest of its source files, read once per process; None
    if the sources cannot be read (then nothing should be cached, rather than risk a value
    from another version)."""
    import hashlib  # here, not at the top: the window's first frame does not wait for OpenSSL
    from importlib.metadata import PackageNotFoundError, version

    try:
        release = version("trilateral")
    except PackageNotFoundError:
        release = "unreleased"
    digest = hashlib.sha256()
    try:
        for path in sorted(_GAME_PACKAGE.rglob("*.py")):
            digest.update(path.relative_to(_GAME_PACKAGE).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    except OSError:
        return None
    return f"{release}+{digest.hexdigest()[:20]}"
