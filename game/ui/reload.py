"""Live reload for scenario authors: F5 (or saving the file) reloads the open scenario.

The game is replayed on the new version with the same seed and decisions. If the file has
errors, or the game cannot be replayed on it, the errors are shown with file, line and
column, and play continues on the last good version.
"""

from __future__ import annotations

import os
from pathlib import Path

from game.i18n import _

POLL_SECONDS = 1.0


class ScenarioWatcher:
    """Notices when the open scenario file changes on disk (looked at about once a second)."""

    def __init__(self) -> None:
        self.path: str | None = None
        self.mtime: float | None = None
        self.since_check = 0.0

    def _mtime(self) -> float | None:
        try:
            return os.stat(self.path).st_mtime if self.path else None
        except OSError:
            return None

    def changed(self, dt: float, path: str | None) -> bool:
        """Whether `path` (the open scenario, or None) changed since it was first watched."""
        self.since_check += dt
        if self.since_check < POLL_SECONDS:
            return False
        self.since_check = 0.0
        if path != self.path:
            self.path, self.mtime = path, None
            self.mtime = self._mtime()
            return False
        now = self._mtime()
        if now is not None and now != self.mtime:
            self.mtime = now
            return True
        return False


def reload_scenario(app) -> str | None:  # noqa: ANN001
    """Reload the open game's scenario; returns None on success, or the error text."""
    from game.engine.saves import SaveError, record_of, replay
    from game.scenario.errors import ScenarioError
    from game.scenario.loader import load_scenario

    session = app.session
    if session is None:
        return None
    path = Path(session.game.loaded.file)
    try:
        loaded = load_scenario(path)
    except ScenarioError as err:
        return "\n".join(str(p) for p in err.problems)
    from game.scenario.translations import in_language

    loaded = in_language(loaded)  # its translation is reloaded with it
    try:
        game = replay(record_of(session.game), loaded, str(path))
    except SaveError as err:
        return _("{path}: the game so far cannot be replayed on the new version: {error}").format(
            path=path, error=err
        )
    session.game = game
    session.last_report = game.reports[-1] if game.reports else None
    session.start_turn() if not game.over else None
    return None
