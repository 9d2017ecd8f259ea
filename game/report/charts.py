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

Words are in the run's language (`game.i18n`). Japanese and Chinese are drawn with the
Noto Sans CJK subsets the game ships (assets/fonts/), registered with matplotlib's font manager
the first time charts are drawn; text is set in a list of families, which matplotlib (3.6 and
later) falls back through glyph by glyph: DejaVu Sans for Latin as always, then the shipped
Japanese and Traditional Chinese faces (Chinese first when the language is Chinese, so shared
ideographs take Taiwan's forms), then any CJK face the system has, for characters a user's
scenario has outside the subsets. A character none of them has draws as a box, and matplotlib
warns ("Glyph ... missing from font(s) ...").
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import matplotlib
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from game import i18n
from game.i18n import _, ngettext, pgettext
from game.paths import ASSET_DIR
from game.report.data import Comparison, IndicatorData, ReportData, Series
from game.report.words import general, turn_name, whole

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

FONT_DIR = ASSET_DIR / "fonts"
SHIPPED_FONTS = (
    "NotoSansCJKjp-Regular-subset.otf",
    "NotoSansCJKjp-Bold-subset.otf",
    "NotoSansCJKtc-Regular-subset.otf",
    "NotoSansCJKtc-Bold-subset.otf",
)
LATIN_FAMILY = "DejaVu Sans"  # matplotlib's own, so English charts look as they always have
JP_FAMILY = "Noto Sans CJK JP"
TC_FAMILY = "Noto Sans CJK TC"
# CJK faces a system may have, for characters outside the shipped subsets; only the ones
# installed are used (a missing family would be a warning on every chart).
SYSTEM_CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans",
    "Source Han Sans JP",
    "Source Han Sans TW",
    "Hiragino Sans",
    "Hiragino Kaku Gothic ProN",
    "Yu Gothic",
    "Meiryo",
    "Microsoft JhengHei",
    "PingFang TC",
    "Droid Sans Fallback",
    "WenQuanYi Zen Hei",
)
_registered: list[str] = []

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
STYLE: dict[RcKeyType, Any] = {
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


def register_fonts() -> None:
    """Add the shipped CJK subsets to matplotlib's font manager (once a process; a file
    missing from an unusual install is skipped, and its characters fall back further)."""
    if _registered:
        return
    for name in SHIPPED_FONTS:
        path = FONT_DIR / name
        try:
            font_manager.fontManager.addfont(str(path))
        except (OSError, RuntimeError, ValueError):
            continue
        _registered.append(name)
    if not _registered:
        _registered.append("")  # tried; nothing to add


def font_families(language: str | None = None) -> list[str]:
    """The families chart text is set in, first choice first, for `language` (default: the
    run's): Latin, the shipped CJK faces (Traditional Chinese first for Chinese), then the
    system's CJK faces that are installed."""
    register_fonts()
    cjk = (
        [TC_FAMILY, JP_FAMILY]
        if (language or i18n.current()) == "zh-Hant"
        else [JP_FAMILY, TC_FAMILY]
    )
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return [
        family
        for family in (LATIN_FAMILY, *cjk, *SYSTEM_CJK_FAMILIES)
        if family == LATIN_FAMILY or family in installed
    ]


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    # No "Software" stamp: the same data gives the same bytes (and the same file name).
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    fig.clear()
    return buf.getvalue()


def _from_to(title: str, values: tuple[float, ...]) -> str:
    return _("{series} {start} to {end}").format(
        series=title, start=general(values[0]), end=general(values[-1])
    )


def _series_list(items: list[str]) -> str:
    return pgettext("list separator", "; ").join(items)


def _ticks(ax: Axes, labels: tuple[str, ...], turn_label: str) -> None:
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
    ax: Axes,
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


def _legend_right(ax: Axes) -> None:
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
        _(" crisis line: {tension} {value}").format(
            tension=tension.lower(), value=general(ind.crisis_at)
        ),
        va="bottom",
        ha="left",
        fontsize=9,
        transform=ax.get_yaxis_transform(),
    )
    ax.set_ylim(0, 105)
    ax.set_ylabel("0–100")
    _ticks(ax, ind.x_labels, turn_label)
    title = pgettext("list separator", ", ").join(s.title for s in ind.headline)
    ax.set_title(
        _("{indicators} by {turn_label}").format(indicators=title, turn_label=turn_label.lower()),
        loc="left",
    )
    _legend_right(ax)
    alt = _(
        "Line chart of {indicators} from the start to {turn}, with the crisis line at "
        "{value}: {series}."
    ).format(
        indicators=title,
        turn=turn_name(turn_label.lower(), len(ind.x_labels) - 1),
        value=general(ind.crisis_at),
        series=_series_list([_from_to(s.title, s.values) for s in ind.headline]),
    )
    return Chart("indicators", f"{title}", alt, _png(fig))


def domains_chart(ind: IndicatorData, turn_label: str) -> Chart:
    fig = Figure(figsize=(9.5, 3.9), layout="constrained")
    ax = fig.add_subplot()
    _lines(ax, ind.domains)
    ax.set_ylim(0, 105)
    ax.set_ylabel("0–100")
    _ticks(ax, ind.x_labels, turn_label)
    ax.set_title(
        _("Resilience by domain, by {turn_label}").format(turn_label=turn_label.lower()),
        loc="left",
    )
    _legend_right(ax)
    alt = _("Line chart of resilience in each gray-zone domain: {series}.").format(
        series=_series_list([_from_to(s.title, s.values) for s in ind.domains])
    )
    return Chart("resilience", _("Resilience by domain"), alt, _png(fig))


def delegations_chart(ind: IndicatorData, turn_label: str) -> Chart:
    fig = Figure(figsize=(9.5, 3.7), layout="constrained")
    left, right = fig.subplots(1, 2)
    _lines(left, ind.support, colours=DELEGATION_COLOURS)
    left.set_ylim(0, 105)
    left.set_title(_("Domestic support"), loc="left")
    _ticks(left, ind.x_labels, turn_label)
    _lines(right, ind.capital, colours=DELEGATION_COLOURS)
    right.set_ylim(0, ind.capital_max * 1.05)
    right.set_title(_("Political capital"), loc="left")
    _ticks(right, ind.x_labels, turn_label)
    handles, labels = left.get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=len(labels), handlelength=3.2)
    each = [
        _(
            "{delegation} support {support_start} to {support_end}, capital {capital_start} "
            "to {capital_end}"
        ).format(
            delegation=s.title,
            support_start=general(s.values[0]),
            support_end=general(s.values[-1]),
            capital_start=general(c.values[0]),
            capital_end=general(c.values[-1]),
        )
        for s, c in zip(ind.support, ind.capital, strict=True)
    ]
    alt = _(
        "Two line charts, domestic support (0–100) and political capital per delegation: {series}."
    ).format(series=_series_list(each))
    return Chart("delegations", _("Support and capital per delegation"), alt, _png(fig))


def comparison_chart(cmp: Comparison) -> Chart:
    fig = Figure(figsize=(9.5, 3.4), layout="constrained")
    ax = fig.add_subplot()
    low = min(min(cmp.scores), cmp.class_score)
    high = max(max(cmp.scores), cmp.class_score)
    width = max(1.0, round((high - low) / 25, 0) or 1.0)
    start = width * (low // width)
    edges = [start + width * i for i in range(int((high - start) // width) + 2)]
    ax.hist(
        cmp.scores,
        bins=edges,
        color=SKY,
        edgecolor=BLUE,
        linewidth=0.8,
        label=_("AI-played games"),
    )
    ax.axvspan(cmp.p10, cmp.p90, color=GREEN, alpha=0.10, label=_("AI 10th–90th percentile"))
    ax.axvline(
        cmp.median,
        color=BLACK,
        linestyle=(0, (1, 2)),
        linewidth=1.5,
        label=_("AI median {median}").format(median=general(cmp.median)),
    )
    who = _("This class (so far) {score}") if cmp.provisional else _("This class {score}")
    ax.axvline(
        cmp.class_score,
        color=VERMILLION,
        linestyle="--",
        linewidth=2.5,
        label=who.format(score=general(cmp.class_score)),
    )
    ax.set_xlabel(_("Shared score"))
    ax.set_ylabel(_("Games"))
    ax.grid(axis="x", visible=False)
    ax.set_title(
        ngettext(
            "Shared scores of {runs} AI-played game",
            "Shared scores of {runs} AI-played games",
            cmp.runs,
        ).format(runs=whole(cmp.runs)),
        loc="left",
    )
    _legend_right(ax)
    alt = ngettext(
        "Histogram of the shared scores of {runs} AI-played game, median {median}, 10th–90th "
        "percentile {p10}–{p90}; the class's score {score} is marked ({standing}).",
        "Histogram of the shared scores of {runs} AI-played games, median {median}, 10th–90th "
        "percentile {p10}–{p90}; the class's score {score} is marked ({standing}).",
        cmp.runs,
    ).format(
        runs=whole(cmp.runs),
        median=general(cmp.median),
        p10=general(cmp.p10),
        p90=general(cmp.p90),
        score=general(cmp.class_score),
        standing=cmp.standing(),
    )
    return Chart("comparison", _("Compared with AI-played games"), alt, _png(fig))


def render_charts(data: ReportData) -> dict[str, Chart]:
    """Every chart of the report, by key."""
    label = data.setup.turn_label
    with matplotlib.rc_context({**STYLE, "font.family": font_families()}):
        charts = [
            indicators_chart(data.indicators, label),
            domains_chart(data.indicators, label),
            delegations_chart(data.indicators, label),
        ]
        if data.comparison is not None and data.comparison.scores:
            charts.append(comparison_chart(data.comparison))
    return {c.key: c for c in charts}
