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

from game.columns import wrap_label
from game.sim.sensitivity import (
    JSON_NAME,
    MAIN_OUTPUT,
    MORRIS,
    Result,
    needs_better_source,
    result_json,
)
from game.sim.uncertain import UncertainInput

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
        return "default range"
    return (item.confidence or "no confidence") + (
        ", design" if item.source in (None, "design") else ""
    )


# --- the terminal ----------------------------------------------------------------------------


def format_result(result: Result, rows: int = TABLE_ROWS) -> str:
    """The terminal's summary: what was played, then the inputs that matter most."""
    games = result.points * result.games
    rate = games / max(result.seconds, 1e-9)
    who = (
        "AI play (default profiles"
        + (
            ", " + ", ".join(f"{a}={p}" for a, p in result.profiles.items())
            if result.profiles
            else ""
        )
        + ")"
        if result.strategy == "ai"
        else f"fixed team strategy {result.strategy}"
    )
    method = (
        f"Morris screen, {result.samples} trajectories"
        if result.method == MORRIS
        else f"Sobol indices, N = {result.samples}"
    )
    lines = [
        f"Sensitivity of {result.scenario_title}: {method} over {len(result.inputs)} inputs",
        f"{result.points:,} points x {result.games} games = {games:,} games of {who}, "
        f"seeds {result.seed}..{result.seed + result.games - 1} at every point; "
        f"{result.workers} worker{'s' if result.workers != 1 else ''} ({result.where}), "
        f"{result.seconds:.1f} s, {rate:,.0f} games/s",
    ]
    if result.screen and result.screen.get("by") == "morris screen":
        lines.append(
            f"Inputs: the top {len(result.inputs)} of a Morris screen "
            f"({result.screen['trajectories']} trajectories, {result.screen['points']:,} "
            f"points); the other {len(result.held)} held at the middle of their ranges"
        )
    lines.append("")
    shown = result.ranking()[:rows]
    width = LABEL_WIDTH
    if result.method == MORRIS:
        lines += [
            f"Inputs that matter most for the shared score (of {len(result.inputs)}; μ*: mean "
            "change in the output",
            "as the input goes across its range; σ: how much that depends on the other inputs)",
            "",
            f"{'#':>3}  {'Input':<{width}} {'μ* score':>9} {'±95%':>6} {'σ':>6} "
            f"{'μ* crisis':>10}  Basis",
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
            "Inputs that matter most for the shared score (S1: share of its variance the input",
            "explains alone; ST: with its interactions; ± the half-width of a 95 % interval)",
            "",
            f"{'#':>3}  {'Input':<{width}} {'S1':>11} {'ST':>11} {'ST crisis':>11}  Basis",
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
    weak = [i for i, _ in result.ranking()[:5] if needs_better_source(i)]
    if weak:
        lines += [
            "",
            f"{len(weak)} of the top five rest on low confidence, design judgement or a default "
            "range: better sources for them would narrow the outcome most.",
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
    first = f"{rank:>3}  {wrapped[0]:<{width}} {cells}"
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


def _png(fig) -> bytes:  # noqa: ANN001 - a matplotlib Figure
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def _pyplot():  # noqa: ANN202
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _short(text: str, width: int = 46) -> str:
    return "\n".join(wrap_label(text, width))


def charts(result: Result, top: int = 12) -> dict[str, bytes]:
    """The PNG charts of a result, by file name."""
    plt = _pyplot()
    found: dict[str, bytes] = {}
    ranked = result.ranking()
    if result.method == MORRIS:
        found["morris.png"] = _morris_scatter(plt, result, ranked, top)
        found["morris_top.png"] = _bars(plt, result, ranked[:top], "mu_star")
    else:
        found["sobol.png"] = _bars(plt, result, ranked[:top], "S1", "ST")
    return found


def _morris_scatter(plt, result: Result, ranked, top: int) -> bytes:  # noqa: ANN001
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
    ax.set_xlabel("μ*: mean change in the shared score across the input's range (points)")
    ax.set_ylabel("σ: spread of that change (interactions, thresholds)")
    ax.set_title(
        f"Morris screen of {result.scenario_title}: {len(ranked)} inputs, "
        f"{result.samples} trajectories",
        fontsize=10,
    )
    ax.scatter([], [], s=18, c=BLUE, label="range from a source with medium or high confidence")
    ax.scatter([], [], s=18, c=VERMILION, label="low confidence, design judgement or default range")
    ax.legend(fontsize=7, loc="upper left")
    ax.grid(alpha=0.3)
    key_ax.axis("off")
    key_ax.text(0, 1, text, fontsize=7.5, va="top", ha="left", transform=key_ax.transAxes)
    fig.tight_layout()
    return _png(fig)


def _bars(plt, result: Result, shown, *names: str) -> bytes:  # noqa: ANN001
    """Horizontal bars with their confidence intervals, for the shared score (left) and the
    crisis rate (right); the first input on top."""
    labels = [_short(result.labels.get(i.id, i.id)) for i, _ in shown]
    lines = sum(label.count("\n") + 1 for label in labels)
    fig, axes = plt.subplots(1, 2, figsize=(11, max(3.5, 1.3 + 0.24 * lines)), dpi=110, sharey=True)
    positions = list(range(len(shown)))[::-1]
    colours = {"mu_star": BLUE, "S1": ORANGE, "ST": BLUE}
    titles = {
        "mu_star": "μ* (95 % interval)",
        "S1": "S1: alone",
        "ST": "ST: with interactions",
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
        unit = " (percentage points)" if output == "crisis_rate" else ""
        if names == ("mu_star",):
            ax.set_xlabel(f"μ*: mean change in the {result.output_labels[output].lower()}{unit}")
        else:
            ax.set_xlabel("share of the output's variance")
        ax.set_title(result.output_labels[output], fontsize=10)
        ax.grid(axis="x", alpha=0.3)
        ax.axvline(0, color="#333333", linewidth=0.6)
        ax.legend(fontsize=7, loc="lower right")
    axes[0].set_yticks(positions, labels, fontsize=7.5)
    what = "Morris μ*" if names == ("mu_star",) else f"Sobol indices, N = {result.samples}"
    fig.suptitle(f"{result.scenario_title}: {what}", fontsize=11)
    fig.tight_layout()
    return _png(fig)


def result_html(result: Result, pngs: dict[str, bytes]) -> str:
    """A self-contained HTML summary: settings, how to read it, the top inputs per output,
    the charts (inline) and every input."""
    import base64

    e = html.escape
    method = "Morris screen" if result.method == MORRIS else "Sobol indices"
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(method)}: {e(result.scenario_title)}</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:70rem;margin:1rem auto;"
        "padding:0 1rem;line-height:1.45;color:#1a1a1a}table{border-collapse:collapse;"
        "margin:0.5rem 0 1.5rem}td,th{border-bottom:1px solid #ccc;padding:0.25rem 0.5rem;"
        "text-align:left;vertical-align:top}td.n{text-align:right;font-variant-numeric:"
        "tabular-nums}img{max-width:100%;height:auto}.weak{color:#a33a00}"
        "caption{text-align:left;font-weight:bold}</style></head><body>",
        f"<h1>Which assumptions decide the outcome: {e(result.scenario_title)}</h1>",
        f"<p>{e(format_result(result, 0).split(chr(10))[0])}.<br>"
        f"{result.points:,} points × {result.games} games ({e(_who(result))}), seed "
        f"{result.seed}; scenario file <code>{e(result.scenario_file)}</code>, content hash "
        f"<code>{e(result.scenario_hash[:16])}</code>.</p>",
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
        return f"fixed team strategy {result.strategy}"
    fixed = ", ".join(f"{a}={p}" for a, p in result.profiles.items())
    return "AI play, default profiles" + (f" except {fixed}" if fixed else "")


def _reading_html(result: Result) -> str:
    if result.method == MORRIS:
        text = (
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
        text = (
            "<p><b>How to read it.</b> <b>S1</b> is the share of an output's variance the "
            "input explains by itself; <b>ST</b> the share it explains with all its "
            "interactions. ST well above S1 means the input matters in combination with "
            "others. ± is the half-width of a 95 % bootstrap interval; an interval that "
            "reaches zero means the run cannot tell the input from noise (more samples "
            "narrow it).</p>"
        )
    return text + (
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
    unit = " (percentage points)" if output == "crisis_rate" and result.method == MORRIS else ""
    return (
        f"<table><caption>{e(result.output_labels[output])}{unit}</caption>"
        f"<tr><th>#</th><th>Input</th>{head}<th>Basis</th></tr>{''.join(rows)}</table>"
    )


def _finite(x: float) -> float:
    return x if math.isfinite(x) else 0.0


def _all_inputs_html(result: Result) -> str:
    e = html.escape
    rows = []
    for rank, (item, value) in enumerate(result.ranking(), 1):
        rows.append(
            f"<tr><td>{rank}</td><td>{e(result.labels.get(item.id, item.id))}<br>"
            f'<code>{e(item.id)}</code></td><td class="n">{item.low:g} to {item.high:g}</td>'
            f"<td>{e(item.source or '')}</td><td>{e(item.confidence or '')}</td>"
            f'<td class="n">{item.line}</td><td class="n">{_fmt(value, 3)}</td></tr>'
        )
    return (
        f"<table><caption>Every input ({len(result.inputs)}), by "
        f"{'μ*' if result.method == MORRIS else 'ST'} of the shared score</caption>"
        "<tr><th>#</th><th>Input</th><th>Range</th><th>Source</th><th>Confidence</th>"
        f"<th>Line</th><th>{'μ*' if result.method == MORRIS else 'ST'}</th></tr>"
        + "".join(rows)
        + "</table>"
    )


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
