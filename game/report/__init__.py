"""The after-action report: what a class decided, what happened and why, how it ended, how well
it forecast, and how it compares with AI-played games of the same scenario.

    html_path, md_path = write_report(game, Path("debrief"), save_path=Path("class.json"))

writes `debrief/report.html` (self-contained: inline CSS, charts embedded as base64 PNGs, made
to print) and `debrief/report.md` with its charts in `debrief/charts/`. Works for finished and
unfinished games (an unfinished game's scores are marked provisional).

Modules: `data` gathers everything from the game into plain dataclasses, `charts` draws them
with matplotlib (imported only here), `render` writes HTML and Markdown, `command` is the
`trilateral report` sub-command.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from game.atomic import make_own_folder, write_bytes_atomic, write_text_atomic

if TYPE_CHECKING:
    from game.engine.game import Game

__all__ = ["write_report", "HTML_NAME", "MARKDOWN_NAME", "CHART_DIR"]

HTML_NAME = "report.html"
MARKDOWN_NAME = "report.md"
CHART_DIR = "charts"
# Chart files are named by content so that an older report.md never shows a newer chart; the
# ones no report refers to any more are removed after a successful write (only names of this
# form, so nothing else in the folder is touched).
_CHART_FILE = re.compile(r"^(indicators|resilience|delegations|comparison)-[0-9a-f]{12}\.png$")


def write_report(
    game: Game,
    out_dir: Path,
    *,
    runs: int = 300,
    save_path: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Path, Path]:
    """Write the report of `game` into `out_dir`; returns (html_path, md_path).

    `runs` AI-played games of the same scenario (seeds 0..runs-1) are played for the comparison
    (0 leaves the comparison out); `progress(done, runs)`, if given, is called after each of
    them (for a progress bar: a report takes a few seconds, so a window should write it off its
    drawing thread). Everything is computed before anything is written, and each
    file is written atomically (charts first, the Markdown next, the HTML last), so a failure
    leaves the previous report whole. Raises OSError if `out_dir` cannot be written.
    """
    from game.report.charts import render_charts
    from game.report.data import gather
    from game.report.render import html_report, markdown_report

    if runs < 0:
        raise ValueError("runs must be 0 or more")
    out_dir = Path(out_dir)
    data = gather(game, runs=runs, save_path=save_path, progress=progress)
    charts = render_charts(data)
    files = {
        key: f"{key}-{hashlib.sha256(chart.png).hexdigest()[:12]}.png"
        for key, chart in charts.items()
    }
    html = html_report(data, charts)
    markdown = markdown_report(
        data, {k: f"{CHART_DIR}/{name}" for k, name in files.items()}, charts
    )

    chart_dir = out_dir / CHART_DIR
    html_path, md_path = out_dir / HTML_NAME, out_dir / MARKDOWN_NAME
    make_own_folder(chart_dir)  # a link there would let stale-chart cleaning reach elsewhere
    for key, name in files.items():
        write_bytes_atomic(chart_dir / name, charts[key].png)
    write_text_atomic(md_path, markdown)
    write_text_atomic(html_path, html)
    _remove_stale_charts(chart_dir, set(files.values()))
    return html_path, md_path


def _remove_stale_charts(chart_dir: Path, keep: set[str]) -> None:
    try:
        names = [p for p in chart_dir.iterdir() if _CHART_FILE.match(p.name) and p.name not in keep]
    except OSError:
        return
    for path in names:
        try:
            path.unlink()
        except OSError:
            pass
