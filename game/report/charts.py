"""The report's charts as PNG bytes, drawn with matplotlib's Agg renderer.

This module draws on `matplotlib.figure.Figure` objects directly and never imports pyplot: no
backend is switched for the process (the game window may be running), no figure is left in a
global registry to be closed, and the style is applied with `rc_context`, which restores every
setting on the way out. Each figure is dropped once its PNG is written.

Colours are from the Okabe-Ito palette (safe for the common colour-vision deficiencies), and
every series also has its own line style and marker, so the charts read in greyscale print too:
the first six series (a scenario's resilience domains) differ in colour under simulated
deuteranopia, and in marker and dash. Delegations are drawn in their own colours (blue, rose,
violet, brown), never the green and vermillion that mean good and bad in the report
(tests/ui/test_colours.py checks both).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import matplotlib
from matplotlib.figure import Figure

from game.report.data import Comparison, IndicatorData, ReportData, Series

# Okabe & Ito (2008), in an order that keeps the first six apart under simulated deuteranopia
# (CIEDE2000 17 or more pairwise) on a white page, with Paul Tol's wine for the sixth (the
# Okabe-Ito orange and reddish purple come too close to vermillion and sky blue there);
# yellow, faint on white, comes last.
BLUE = "#0072B2"
VERMILLION = "#D55E00"
GREEN = "#009E73"
PURPLE = "#CC79A7"
ORANGE = "#E69F00"
SKY = "#56B4E9"
BLACK = "#000000"
YELLOW = "#F0E442"
WINE = "#AA3377"
COLOURS = (BLUE, VERMILLION, GREEN, SKY, BLACK, WINE, ORANGE, PURPLE, YELLOW)
LINESTYLES = (
    "-",
    "--",
    "-.",
    ":",
    (0, (5, 1.5, 1, 1.5, 1, 1.5)),
    (0, (8, 2)),
    (0, (1, 3)),
    (0, (3, 1, 3, 3)),
    "-",
)
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*", "h")
# Delegations (support and capital): who, not good or bad, so not the report's green and
# vermillion (those mark adopted and opposed measures); dark enough for a white page.
DELEGATION_COLOURS = ("#005AC8", "#BE3282", "#7846C8", "#786432", "#008CBE", "#6E6E6E")

DPI = 150
STYLE = {
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#d9d9d9",
    "grid.linewidth": 0.6,
    "legend.fontsize": 9,
    "legend.frameon": False,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "text.color": "#222222",
    "axes.labelcolor": "#222222",
    "xtick.color": "#444444",
    "ytick.color": "#444444",
    # Titles come from scenario files: a dollar sign is text, never the start of mathtext
    # (which would fail to parse, or typeset the title as a formula).
    "text.parse_math": False,
}


@dataclass(frozen=True)
class Chart:
    key: str  # file stem, e.g. "indicators"
    title: str
    alt: str  # what the chart shows, for screen readers and the Markdown
    png: bytes


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    # No "Software" stamp: the same data gives the same bytes (and the same file name).
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    fig.clear()
    return buf.getvalue()


def _ticks(ax, labels: tuple[str, ...], turn_label: str) -> None:  # noqa: ANN001
    step = max(1, -(-len(labels) // 16))  # at most ~16 tick labels
    positions = list(range(0, len(labels), step))
    ax.set_xticks(positions, [labels[i] for i in positions])
    ax.set_xlabel(turn_label)
    ax.set_xlim(-0.3, max(1, len(labels) - 1) + 0.3)


def _label(title: str) -> str:
    """A legend label for a scenario's title: matplotlib leaves out labels that start with an
    underscore, so such a title gets an invisible zero-width space in front."""
    return "\u200b" + title if title.startswith("_") else title


def _lines(
    ax,  # noqa: ANN001
    series: tuple[Series, ...],
    offset: int = 0,
    colours: tuple[str, ...] = COLOURS,
) -> None:
    for i, s in enumerate(series, start=offset):
        ax.plot(
            range(len(s.values)),
            s.values,
            color=colours[i % len(colours)],
            linestyle=LINESTYLES[i % len(LINESTYLES)],
            marker=MARKERS[i % len(MARKERS)],
            markersize=4.5,
            linewidth=2,
            label=_label(s.title),
        )


def _legend_right(ax) -> None:  # noqa: ANN001
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0, handlelength=3.2)


def indicators_chart(ind: IndicatorData, turn_label: str) -> Chart:
    fig = Figure(figsize=(9.5, 3.9), layout="constrained")
    ax = fig.add_subplot()
    _lines(ax, ind.headline)
    tension = next(s.title for s in ind.headline if s.key == ind.tension_key)
    ax.axhline(ind.crisis_at, color=BLACK, linestyle=(0, (2, 2)), linewidth=1.2)
    ax.text(
        0.0,
        ind.crisis_at,
        f" crisis line: {tension.lower()} {ind.crisis_at:g}",
        va="bottom",
        ha="left",
        fontsize=9,
        transform=ax.get_yaxis_transform(),
    )
    ax.set_ylim(0, 105)
    ax.set_ylabel("0–100")
    _ticks(ax, ind.x_labels, turn_label)
    title = ", ".join(s.title for s in ind.headline)
    ax.set_title(f"{title} by {turn_label.lower()}", loc="left")
    _legend_right(ax)
    alt = (
        f"Line chart of {title} from the start to {turn_label.lower()} {len(ind.x_labels) - 1}, "
        f"with the crisis line at {ind.crisis_at:g}: "
        + "; ".join(f"{s.title} {s.values[0]:g} to {s.values[-1]:g}" for s in ind.headline)
        + "."
    )
    return Chart("indicators", f"{title}", alt, _png(fig))


def domains_chart(ind: IndicatorData, turn_label: str) -> Chart:
    fig = Figure(figsize=(9.5, 3.9), layout="constrained")
    ax = fig.add_subplot()
    _lines(ax, ind.domains)
    ax.set_ylim(0, 105)
    ax.set_ylabel("0–100")
    _ticks(ax, ind.x_labels, turn_label)
    ax.set_title(f"Resilience by domain, by {turn_label.lower()}", loc="left")
    _legend_right(ax)
    alt = (
        "Line chart of resilience in each gray-zone domain: "
        + "; ".join(f"{s.title} {s.values[0]:g} to {s.values[-1]:g}" for s in ind.domains)
        + "."
    )
    return Chart("resilience", "Resilience by domain", alt, _png(fig))


def delegations_chart(ind: IndicatorData, turn_label: str) -> Chart:
    fig = Figure(figsize=(9.5, 3.7), layout="constrained")
    left, right = fig.subplots(1, 2)
    _lines(left, ind.support, colours=DELEGATION_COLOURS)
    left.set_ylim(0, 105)
    left.set_title("Domestic support", loc="left")
    _ticks(left, ind.x_labels, turn_label)
    _lines(right, ind.capital, colours=DELEGATION_COLOURS)
    right.set_ylim(0, ind.capital_max * 1.05)
    right.set_title("Political capital", loc="left")
    _ticks(right, ind.x_labels, turn_label)
    handles, labels = left.get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=len(labels), handlelength=3.2)
    alt = (
        "Two line charts, domestic support (0–100) and political capital per delegation: "
        + "; ".join(
            f"{s.title} support {s.values[0]:g} to {s.values[-1]:g}, capital {c.values[0]:g} to {c.values[-1]:g}"
            for s, c in zip(ind.support, ind.capital, strict=True)
        )
        + "."
    )
    return Chart("delegations", "Support and capital per delegation", alt, _png(fig))


def comparison_chart(cmp: Comparison) -> Chart:
    fig = Figure(figsize=(9.5, 3.4), layout="constrained")
    ax = fig.add_subplot()
    low = min(min(cmp.scores), cmp.class_score)
    high = max(max(cmp.scores), cmp.class_score)
    width = max(1.0, round((high - low) / 25, 0) or 1.0)
    start = width * (low // width)
    edges = [start + width * i for i in range(int((high - start) // width) + 2)]
    ax.hist(
        cmp.scores, bins=edges, color=SKY, edgecolor=BLUE, linewidth=0.8, label="AI-played games"
    )
    ax.axvspan(cmp.p10, cmp.p90, color=GREEN, alpha=0.10, label="AI 10th–90th percentile")
    ax.axvline(
        cmp.median,
        color=BLACK,
        linestyle=(0, (1, 2)),
        linewidth=1.5,
        label=f"AI median {cmp.median:g}",
    )
    who = "This class (so far)" if cmp.provisional else "This class"
    ax.axvline(
        cmp.class_score,
        color=VERMILLION,
        linestyle="--",
        linewidth=2.5,
        label=f"{who} {cmp.class_score:g}",
    )
    ax.set_xlabel("Shared score")
    ax.set_ylabel("Games")
    ax.grid(axis="x", visible=False)
    ax.set_title(f"Shared scores of {cmp.runs} AI-played games", loc="left")
    _legend_right(ax)
    alt = (
        f"Histogram of the shared scores of {cmp.runs} AI-played games, median {cmp.median:g}, "
        f"10th–90th percentile {cmp.p10:g}–{cmp.p90:g}; the class's score {cmp.class_score:g} is "
        f"marked ({cmp.standing()})."
    )
    return Chart("comparison", "Compared with AI-played games", alt, _png(fig))


def render_charts(data: ReportData) -> dict[str, Chart]:
    """Every chart of the report, by key."""
    label = data.setup.turn_label
    with matplotlib.rc_context(STYLE):
        charts = [
            indicators_chart(data.indicators, label),
            domains_chart(data.indicators, label),
            delegations_chart(data.indicators, label),
        ]
        if data.comparison is not None and data.comparison.scores:
            charts.append(comparison_chart(data.comparison))
    return {c.key: c for c in charts}
