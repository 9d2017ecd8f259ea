"""What a sensitivity analysis shows: the terminal table, and with `--out` the files.

`write_result(result, out)` writes, each atomically:
- `sensitivity.json`: the whole result (settings, every input with its range, source and
  confidence, every index of every output); `assumptions --sensitivity` reads it back;
- `sensitivity.csv`: one row per input, its indices for every output in columns;
- charts: Morris, `morris.png` (μ* against σ for the shared score, the top inputs numbered)
  and `morris_top.png` (μ* with its confidence interval for the shared score and the crisis
  rate); Sobol, `sobol.png` (S1 and ST with their intervals for the same two outputs);
- `sensitivity.html`: a self-contained summary (the charts inside it) to read or send.
"""

from __future__ import annotations

import csv
import html
import io
import json
import math
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from game.columns import ljust, rjust, wrap_label
from game.i18n import _, listing, ngettext, number, pgettext
from game.sim.sensitivity import (
    JSON_NAME,
    MAIN_OUTPUT,
    MORRIS,
    Result,
    needs_better_source,
    result_json,
)
from game.sim.uncertain import UncertainInput

if TYPE_CHECKING:
    from matplotlib.figure import Figure

CSV_NAME = "sensitivity.csv"
HTML_NAME = "sensitivity.html"
TABLE_ROWS = 15  # inputs the terminal table shows
LABEL_WIDTH = 42
SECOND_OUTPUT = "crisis_rate"

# Okabe-Ito, as the other charts
BLUE, ORANGE, GREEN, VERMILION, GREY = "#0072B2", "#E69F00", "#009E73", "#D55E00", "#777777"


def _fmt(x: float, digits: int = 2) -> str:
    return "-" if not math.isfinite(x) else f"{x:.{digits}f}"


def _scale(output: str) -> float:
    """Rates are shown in percentage points."""
    return 100.0 if output == "crisis_rate" else 1.0


def _where(item: UncertainInput) -> str:
    """What the number stands on, briefly: its confidence (and "design" for design judgement
    or no source), or that its range is a default."""
    if not item.ranged:
        return _("default range")
    confidence = _confidence(item.confidence) if item.confidence else _("no confidence")
    if item.source in (None, "design"):
        return _("{confidence}, design").format(confidence=confidence)
    return confidence


def _confidence(level: str) -> str:
    """A source's confidence as the scenario writes it (low, medium, high), in the language."""
    words = {
        "low": pgettext("confidence", "low"),
        "medium": pgettext("confidence", "medium"),
        "high": pgettext("confidence", "high"),
    }
    return words.get(level, level)


def _who_played(result: Result) -> str:
    """Who played the games, for the terminal's summary."""
    if result.strategy != "ai":
        return _("fixed team strategy {strategy}").format(strategy=result.strategy)
    if result.profiles:
        fixed = listing(f"{a}={p}" for a, p in result.profiles.items())
        return _("AI play (default profiles, {profiles})").format(profiles=fixed)
    return _("AI play (default profiles)")


def _where_played(where: str) -> str:
    """Where the games were played, as a run says it (kept in English in sensitivity.json)."""
    if where == "local processes":
        return _("local processes")
    if where == "this process":
        return _("this process")
    if where.startswith("Dask cluster at "):
        return _("Dask cluster at {address}").format(address=where.removeprefix("Dask cluster at "))
    return where


def _method(result: Result) -> str:
    if result.method == MORRIS:
        return ngettext(
            "Morris screen, {samples} trajectory",
            "Morris screen, {samples} trajectories",
            result.samples,
        ).format(samples=result.samples)
    return _("Sobol indices, N = {samples}").format(samples=result.samples)


def _header(cells: list[tuple[str, int]]) -> str:
    """Table headings, each right-aligned in its width of columns (a negative width: left)."""
    return " ".join(ljust(t, -w) if w < 0 else rjust(t, w) for t, w in cells)


# --- the terminal ----------------------------------------------------------------------------


def format_result(result: Result, rows: int = TABLE_ROWS) -> str:
    """The terminal's summary: what was played, then the inputs that matter most."""
    games = result.points * result.games
    rate = games / max(result.seconds, 1e-9)
    lines = [
        ngettext(
            "Sensitivity of {scenario}: {method} over {inputs} input",
            "Sensitivity of {scenario}: {method} over {inputs} inputs",
            len(result.inputs),
        ).format(scenario=result.scenario_title, method=_method(result), inputs=len(result.inputs)),
        ngettext(
            "{points} points x {games} games = {total} games of {who}, seeds {first}..{last} "
            "at every point; {workers} worker ({where}), {seconds} s, {rate} games/s",
            "{points} points x {games} games = {total} games of {who}, seeds {first}..{last} "
            "at every point; {workers} workers ({where}), {seconds} s, {rate} games/s",
            result.workers,
        ).format(
            points=number(result.points, 0),
            games=result.games,
            total=number(games, 0),
            who=_who_played(result),
            first=result.seed,
            last=result.seed + result.games - 1,
            workers=result.workers,
            where=_where_played(result.where),
            seconds=f"{result.seconds:.1f}",
            rate=number(rate, 0),
        ),
    ]
    if result.screen and result.screen.get("by") == "morris screen":
        lines.append(
            _(
                "Inputs: the top {top} of a Morris screen ({trajectories} trajectories, {points} "
                "points); the other {held} held at the middle of their ranges"
            ).format(
                top=len(result.inputs),
                trajectories=result.screen["trajectories"],
                points=number(result.screen["points"], 0),
                held=len(result.held),
            )
        )
    lines.append("")
    shown = result.ranking()[:rows]
    width = LABEL_WIDTH
    heading = pgettext("sensitivity table", "Input")
    basis = pgettext("sensitivity table", "Basis")
    if result.method == MORRIS:
        lines += [
            *_(
                "Inputs that matter most for the shared score (of {inputs}; μ*: mean change in "
                "the output\nas the input goes across its range; σ: how much that depends on "
                "the other inputs)"
            )
            .format(inputs=len(result.inputs))
            .split("\n"),
            "",
            _header(
                [
                    ("#", 3),
                    ("", 0),
                    (heading, -width),
                    (pgettext("sensitivity table", "μ* score"), 9),
                    ("±95%", 6),
                    ("σ", 6),
                    (pgettext("sensitivity table", "μ* crisis"), 10),
                    ("", 0),
                    (basis, 0),
                ]
            ),
        ]
        for rank, (item, _value) in enumerate(shown, start=1):
            cells = (
                f"{_fmt(result.index_of(MAIN_OUTPUT, 'mu_star', item.id)):>9} "
                f"{_fmt(result.index_of(MAIN_OUTPUT, 'mu_star_conf', item.id)):>6} "
                f"{_fmt(result.index_of(MAIN_OUTPUT, 'sigma', item.id)):>6} "
                f"{_fmt(100 * result.index_of('crisis_rate', 'mu_star', item.id), 1) + ' pp':>10}  "
                f"{_where(item)}"
            )
            lines += _table_row(rank, result.labels.get(item.id, item.id), cells, width)
    else:
        lines += [
            *_(
                "Inputs that matter most for the shared score (S1: share of its variance the "
                "input\nexplains alone; ST: with its interactions; ± the half-width of a 95 % "
                "interval)"
            ).split("\n"),
            "",
            _header(
                [
                    ("#", 3),
                    ("", 0),
                    (heading, -width),
                    ("S1", 11),
                    ("ST", 11),
                    (pgettext("sensitivity table", "ST crisis"), 11),
                    ("", 0),
                    (basis, 0),
                ]
            ),
        ]
        for rank, (item, _value) in enumerate(shown, start=1):
            cells = " ".join(
                f"{_pm(result, output, name, item.id):>11}"
                for output, name in (
                    (MAIN_OUTPUT, "S1"),
                    (MAIN_OUTPUT, "ST"),
                    ("crisis_rate", "ST"),
                )
            )
            lines += _table_row(
                rank, result.labels.get(item.id, item.id), f"{cells}  {_where(item)}", width
            )
    weak = [i for i, _v in result.ranking()[:5] if needs_better_source(i)]
    if weak:
        lines += [
            "",
            _(
                "{count} of the top five rest on low confidence, design judgement or a default "
                "range: better sources for them would narrow the outcome most."
            ).format(count=len(weak)),
        ]
    return "\n".join(lines)


def _pm(result: Result, output: str, name: str, input_id: str) -> str:
    value = result.index_of(output, name, input_id)
    conf = result.index_of(output, name + "_conf", input_id)
    if not math.isfinite(value):
        return "-"
    return f"{value:.2f}±{conf:.2f}" if math.isfinite(conf) else f"{value:.2f}"


def _table_row(rank: int, label: str, cells: str, width: int) -> list[str]:
    wrapped = wrap_label(label, width)
    first = f"{rank:>3}  {ljust(wrapped[0], width)} {cells}"
    return [first, *(f"     {line}" for line in wrapped[1:])]


# --- files -----------------------------------------------------------------------------------


def result_csv(result: Result) -> str:
    """One row per input, from the one that matters most for the shared score down."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    names = list(result.indices[result.outputs[0]])
    writer.writerow(
        [
            "rank",
            "input",
            "label",
            "kind",
            "owner",
            "indicator",
            "low",
            "high",
            "baseline",
            "range_from",
            "source",
            "confidence",
            "line",
            *(f"{o}.{n}" for o in result.outputs for n in names),
        ]
    )
    for rank, (item, _value) in enumerate(result.ranking(), start=1):
        writer.writerow(
            [
                rank,
                item.id,
                result.labels.get(item.id, item.id),
                item.kind,
                item.owner,
                item.indicator,
                item.low,
                item.high,
                item.baseline,
                "scenario" if item.ranged else "default",
                item.source or "",
                item.confidence or "",
                item.line,
                *(
                    "" if not math.isfinite(v) else repr(v)
                    for o in result.outputs
                    for v in (result.index_of(o, n, item.id) for n in names)
                ),
            ]
        )
    return buffer.getvalue()


def _png(fig: Figure) -> bytes:
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def _pyplot() -> ModuleType:
    """matplotlib.pyplot, drawing off screen."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _short(text: str, width: int = 46) -> str:
    return "\n".join(wrap_label(text, width))


def charts(result: Result, top: int = 12) -> dict[str, bytes]:
    """The PNG charts of a result, by file name."""
    import matplotlib

    from game.report.charts import font_families

    plt = _pyplot()
    found: dict[str, bytes] = {}
    ranked = result.ranking()
    # Japanese and Chinese words drawn with the shipped CJK faces, as the report's charts
    with matplotlib.rc_context({"font.family": font_families()}):
        if result.method == MORRIS:
            found["morris.png"] = _morris_scatter(plt, result, ranked, top)
            found["morris_top.png"] = _bars(plt, result, ranked[:top], "mu_star")
        else:
            found["sobol.png"] = _bars(plt, result, ranked[:top], "S1", "ST")
    return found


def _morris_scatter(
    plt: ModuleType, result: Result, ranked: list[tuple[UncertainInput, float]], top: int
) -> bytes:
    mu = [result.index_of(MAIN_OUTPUT, "mu_star", i.id) for i, _ in ranked]
    sigma = [result.index_of(MAIN_OUTPUT, "sigma", i.id) for i, _ in ranked]
    key = [f"{n}. {result.labels.get(i.id, i.id)}" for n, (i, _) in enumerate(ranked[:top], 1)]
    text = "\n".join("\n".join(wrap_label(k, 90)) for k in key)
    key_height = 0.16 * (text.count("\n") + 1) + 0.2
    fig, (ax, key_ax) = plt.subplots(
        2, 1, figsize=(8, 4.6 + key_height), dpi=110, height_ratios=(4.6, key_height)
    )
    weak = [needs_better_source(i) for i, _ in ranked]
    colours = [VERMILION if w else BLUE for w in weak]
    ax.scatter(mu, sigma, s=18, c=colours, alpha=0.8, linewidths=0)
    top_mu = max([m for m in mu if math.isfinite(m)] or [1.0])
    ax.plot([0, top_mu], [0, top_mu], color=GREY, linewidth=0.8, linestyle="--")
    ax.text(top_mu, top_mu, " σ = μ*", color=GREY, fontsize=7, va="bottom", ha="right")
    for n in range(min(top, len(ranked))):
        ax.annotate(
            str(n + 1), (mu[n], sigma[n]), xytext=(3, 3), textcoords="offset points", fontsize=8
        )
    ax.set_xlabel(_("μ*: mean change in the shared score across the input's range (points)"))
    ax.set_ylabel(_("σ: spread of that change (interactions, thresholds)"))
    ax.set_title(
        _("Morris screen of {scenario}: {inputs} inputs, {samples} trajectories").format(
            scenario=result.scenario_title, inputs=len(ranked), samples=result.samples
        ),
        fontsize=10,
    )
    ax.scatter([], [], s=18, c=BLUE, label=_("range from a source with medium or high confidence"))
    ax.scatter(
        [], [], s=18, c=VERMILION, label=_("low confidence, design judgement or default range")
    )
    ax.legend(fontsize=7, loc="upper left")
    ax.grid(alpha=0.3)
    key_ax.axis("off")
    key_ax.text(0, 1, text, fontsize=7.5, va="top", ha="left", transform=key_ax.transAxes)
    fig.tight_layout()
    return _png(fig)


def _bars(
    plt: ModuleType, result: Result, shown: list[tuple[UncertainInput, float]], *names: str
) -> bytes:
    """Horizontal bars with their confidence intervals, for the shared score (left) and the
    crisis rate (right); the first input on top."""
    labels = [_short(result.labels.get(i.id, i.id)) for i, _ in shown]
    lines = sum(label.count("\n") + 1 for label in labels)
    fig, axes = plt.subplots(1, 2, figsize=(11, max(3.5, 1.3 + 0.24 * lines)), dpi=110, sharey=True)
    positions = list(range(len(shown)))[::-1]
    colours = {"mu_star": BLUE, "S1": ORANGE, "ST": BLUE}
    titles = {
        "mu_star": _("μ* (95 % interval)"),
        "S1": _("S1: alone"),
        "ST": _("ST: with interactions"),
    }
    for ax, output in zip(axes, (MAIN_OUTPUT, SECOND_OUTPUT), strict=True):
        scale = _scale(output) if names == ("mu_star",) else 1.0  # Sobol indices are shares
        height = 0.8 / len(names)
        for k, name in enumerate(names):
            values = [result.index_of(output, name, i.id) * scale for i, _ in shown]
            errors = [result.index_of(output, name + "_conf", i.id) * scale for i, _ in shown]
            values = [v if math.isfinite(v) else 0.0 for v in values]
            errors = [e if math.isfinite(e) else 0.0 for e in errors]
            # μ* is never negative: its interval is drawn down to zero at most
            below = [
                min(e, v) if name == "mu_star" else e for v, e in zip(values, errors, strict=True)
            ]
            offset = (k - (len(names) - 1) / 2) * height
            ax.barh(
                [p - offset for p in positions],
                values,
                height=height,
                xerr=[below, errors],
                color=colours[name],
                ecolor="#333333",
                capsize=2,
                label=titles[name],
            )
        label = _output_label(result, output)
        if names == ("mu_star",) and output == "crisis_rate":
            ax.set_xlabel(
                _("μ*: mean change in the {output} (percentage points)").format(
                    output=label.lower()
                )
            )
        elif names == ("mu_star",):
            ax.set_xlabel(_("μ*: mean change in the {output}").format(output=label.lower()))
        else:
            ax.set_xlabel(_("share of the output's variance"))
        ax.set_title(label, fontsize=10)
        ax.grid(axis="x", alpha=0.3)
        ax.axvline(0, color="#333333", linewidth=0.6)
        ax.legend(fontsize=7, loc="lower right")
    axes[0].set_yticks(positions, labels, fontsize=7.5)
    if names == ("mu_star",):
        title = _("{scenario}: Morris μ*").format(scenario=result.scenario_title)
    else:
        title = _("{scenario}: Sobol indices, N = {samples}").format(
            scenario=result.scenario_title, samples=result.samples
        )
    fig.suptitle(title, fontsize=11)
    fig.tight_layout()
    return _png(fig)


def result_html(result: Result, pngs: dict[str, bytes]) -> str:
    """A self-contained HTML summary: settings, how to read it, the top inputs per output,
    the charts (inline) and every input."""
    import base64

    from game.report.blocks import page_language

    e = html.escape
    if result.method == MORRIS:
        title = _("Morris screen: {scenario}")
    else:
        title = _("Sobol indices: {scenario}")
    parts = [
        "<!doctype html>",
        f'<html lang="{page_language()}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title.format(scenario=result.scenario_title))}</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:70rem;margin:1rem auto;"
        "padding:0 1rem;line-height:1.45;color:#1a1a1a}table{border-collapse:collapse;"
        "margin:0.5rem 0 1.5rem}td,th{border-bottom:1px solid #ccc;padding:0.25rem 0.5rem;"
        "text-align:left;vertical-align:top}td.n{text-align:right;font-variant-numeric:"
        "tabular-nums}img{max-width:100%;height:auto}.weak{color:#a33a00}"
        "caption{text-align:left;font-weight:bold}</style></head><body>",
        "<h1>"
        + e(
            _("Which assumptions decide the outcome: {scenario}").format(
                scenario=result.scenario_title
            )
        )
        + "</h1>",
        "<p>"
        + _(
            "{summary}.<br>{points} points × {games} games ({who}), seed {seed}; scenario file "
            "<code>{file}</code>, content hash <code>{hash}</code>."
        ).format(
            summary=e(format_result(result, 0).split(chr(10))[0]),
            points=number(result.points, 0),
            games=result.games,
            who=e(_who(result)),
            seed=result.seed,
            file=e(result.scenario_file),
            hash=e(result.scenario_hash[:16]),
        )
        + "</p>",
        _reading_html(result),
    ]
    for output in result.outputs:
        parts.append(_top_table_html(result, output, 10))
    for name, png in pngs.items():
        data = base64.b64encode(png).decode("ascii")
        parts.append(f'<p><img alt="{e(name)}" src="data:image/png;base64,{data}"></p>')
    parts.append(_all_inputs_html(result))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _who(result: Result) -> str:
    if result.strategy != "ai":
        return _("fixed team strategy {strategy}").format(strategy=result.strategy)
    fixed = listing(f"{a}={p}" for a, p in result.profiles.items())
    if fixed:
        return _("AI play, default profiles except {profiles}").format(profiles=fixed)
    return _("AI play, default profiles")


def _reading_html(result: Result) -> str:
    if result.method == MORRIS:
        text = _(
            "<p><b>How to read it.</b> Each input was moved across its range many times, with "
            "the others at different values. <b>μ*</b> is the mean size of the change in an "
            "output (its units: points of score, percentage points of crisis rate) when the "
            "input goes from the low end of its range to the high end. <b>σ</b> is how much "
            "that change varies with the other inputs: a σ as large as μ* means the input "
            "matters through interactions or thresholds (a crisis line crossed or not). The "
            "interval is a 95 % bootstrap interval of μ*. A screen ranks; for shares of the "
            "variance run <code>--method sobol</code>.</p>"
        )
    else:
        text = _(
            "<p><b>How to read it.</b> <b>S1</b> is the share of an output's variance the "
            "input explains by itself; <b>ST</b> the share it explains with all its "
            "interactions. ST well above S1 means the input matters in combination with "
            "others. ± is the half-width of a 95 % bootstrap interval; an interval that "
            "reaches zero means the run cannot tell the input from noise (more samples "
            "narrow it).</p>"
        )
    return text + _(
        '<p><span class="weak">Marked inputs</span> rest on low confidence, design '
        "judgement or a default range. An input near the top that is marked is the number "
        "that most needs a better source.</p>"
    )


def _top_table_html(result: Result, output: str, n: int) -> str:
    e = html.escape
    names = list(result.indices[output])
    ranked = sorted(
        result.inputs,
        key=lambda i: -_finite(result.index_of(output, result.main_index, i.id)),
    )[:n]
    head = "".join(f"<th>{e(k)}</th>" for k in names)
    rows = []
    scale = _scale(output) if result.method == MORRIS else 1.0  # Sobol indices are shares
    for rank, item in enumerate(ranked, 1):
        weak = ' class="weak"' if needs_better_source(item) else ""
        cells = "".join(
            f'<td class="n">{_fmt(result.index_of(output, k, item.id) * scale, 3)}</td>'
            for k in names
        )
        rows.append(
            f"<tr><td>{rank}</td><td{weak}>{e(result.labels.get(item.id, item.id))}</td>"
            f"{cells}<td>{e(_where(item))}</td></tr>"
        )
    caption = _output_label(result, output)
    if output == "crisis_rate" and result.method == MORRIS:
        caption = _("{output} (percentage points)").format(output=caption)
    input_heading = pgettext("sensitivity table", "Input")
    basis = pgettext("sensitivity table", "Basis")
    return (
        f"<table><caption>{e(caption)}</caption>"
        f"<tr><th>#</th><th>{e(input_heading)}</th>{head}<th>{e(basis)}</th></tr>"
        f"{''.join(rows)}</table>"
    )


def _finite(x: float) -> float:
    return x if math.isfinite(x) else 0.0


def _all_inputs_html(result: Result) -> str:
    e = html.escape
    rows = []
    for rank, (item, value) in enumerate(result.ranking(), 1):
        rows.append(
            f"<tr><td>{rank}</td><td>{e(result.labels.get(item.id, item.id))}<br>"
            f'<code>{e(item.id)}</code></td><td class="n">'
            + e(_("{low} to {high}").format(low=f"{item.low:g}", high=f"{item.high:g}"))
            + "</td>"
            + f"<td>{e(item.source or '')}</td><td>{e(_confidence(item.confidence or ''))}</td>"
            f'<td class="n">{item.line}</td><td class="n">{_fmt(value, 3)}</td></tr>'
        )
    index = "μ*" if result.method == MORRIS else "ST"
    caption = _("Every input ({inputs}), by {index} of the shared score").format(
        inputs=len(result.inputs), index=index
    )
    headings = (
        "#",
        pgettext("sensitivity table", "Input"),
        pgettext("sensitivity table", "Range"),
        pgettext("sensitivity table", "Source"),
        pgettext("sensitivity table", "Confidence"),
        pgettext("sensitivity table", "Line"),
        index,
    )
    return (
        f"<table><caption>{e(caption)}</caption><tr>"
        + "".join(f"<th>{e(h)}</th>" for h in headings)
        + "</tr>"
        + "".join(rows)
        + "</table>"
    )


def _output_label(result: Result, output: str) -> str:
    """An output's name in the run's language (a saved run keeps the one it was made in)."""
    known = {
        "shared_score": _("Shared score"),
        "crisis_rate": _("Crisis rate"),
        "final_tension": _("Final tension"),
    }
    label = result.output_labels[output]
    if output.startswith("score.") and label.endswith(" score"):  # as output_label writes it
        return _("{delegation} score").format(delegation=label.removesuffix(" score"))
    return known.get(output) or label


def write_result(result: Result, out: Path) -> list[Path]:
    """Write the JSON, CSV, charts and HTML summary into `out`; returns the files written."""
    from game.atomic import make_folder, write_bytes_atomic, write_text_atomic

    make_folder(out)
    written = []
    path = out / JSON_NAME
    write_text_atomic(path, json.dumps(result_json(result), indent=1, ensure_ascii=False))
    written.append(path)
    path = out / CSV_NAME
    write_text_atomic(path, result_csv(result))
    written.append(path)
    pngs = charts(result)
    for name, png in pngs.items():
        path = out / name
        write_bytes_atomic(path, png)
        written.append(path)
    path = out / HTML_NAME
    write_text_atomic(path, result_html(result, pngs))
    written.append(path)
    return written
