"""The report as HTML (self-contained: inline CSS, charts as base64 PNGs) and as Markdown
(charts as relative links to PNG files). Both are built from the same `ReportData`, section by
section, so they say the same things."""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping, Sequence
from html import escape

from game.report.charts import Chart
from game.report.data import (
    Decision,
    ReportData,
    TurnRow,
    WhiteCellItem,
    one_line,
    paragraphs,
)
from game.textui import number, signed

# Section ids and headings, in order; the tests and the table of contents read this list.
SECTIONS = (
    ("setup", "Scenario and setup"),
    ("timeline", "Decision timeline"),
    ("indicators", "Indicators over time"),
    ("turning-points", "Turning points"),
    ("outcome", "Outcome and scores"),
    ("forecasts", "Forecasts"),
    ("comparison", "Compared with AI-played games"),
    ("sources", "Sources the scenario draws on"),
)
HEADING = dict(SECTIONS)


def _pct(share: float) -> str:
    return f"{100 * share:.0f}%"


def _brier(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _stated(p: float | None) -> str:
    return "–" if p is None else f"{100 * p:.0f}%"


def _happened(value: bool | None) -> str:
    return "not yet known" if value is None else "yes" if value else "no"


def _turn_name(data: ReportData, turn: int) -> str:
    return f"{data.setup.turn_label} {turn}"


def _progress_text(step) -> str:  # noqa: ANN001 - ProgressStep
    if step.after == step.before:
        return f"{step.title} held at {number(step.before)} of {number(step.needed)}"
    return f"{step.title} {number(step.before)} → {number(step.after)} of {number(step.needed)}"


def _method_text(data: ReportData) -> str:
    cmp = data.comparison
    assert cmp is not None
    combos = (
        "the one combination of AI profiles"
        if cmp.combinations == 1
        else f"the {cmp.combinations} combinations of AI profiles in turn"
    )
    return (
        f"The same scenario was played {cmp.runs} times with every delegation run by the AI "
        f"(seeds 0–{cmp.runs - 1}, cycling through {combos}). The shared score is the same "
        "measure for every game, so it places this class among them."
    )


# --- HTML -------------------------------------------------------------------------------------

CSS = """
:root { --ink:#1b2230; --dim:#5a6472; --rule:#d6dbe2; --soft:#f4f6f9; --blue:#0072B2;
        --verm:#D55E00; --green:#009E73; --amber:#fff6dc; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #fff; color: var(--ink);
       font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 36px 44px 64px; }
h1 { font-size: 30px; line-height: 1.2; margin: 6px 0 6px; }
h2 { font-size: 22px; margin: 44px 0 14px; padding-bottom: 6px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 17px; margin: 26px 0 8px; }
p { margin: 8px 0; max-width: 80ch; }
code { font: 13px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; background: var(--soft);
       padding: 1px 4px; border-radius: 3px; }
.kicker { margin: 0; font-size: 12px; letter-spacing: .09em; text-transform: uppercase; color: var(--dim); }
.subtitle { margin: 0 0 4px; color: var(--dim); }
.glance { display: grid; grid-template-columns: repeat(auto-fit, minmax(190px, 1fr)); gap: 12px; margin: 22px 0 8px; }
.card { border: 1px solid var(--rule); border-radius: 8px; padding: 12px 14px; background: var(--soft); }
.card .label { font-size: 12px; letter-spacing: .05em; text-transform: uppercase; color: var(--dim); }
.card .value { font-size: 20px; font-weight: 700; line-height: 1.25; margin-top: 2px; }
.card .note { font-size: 13px; color: var(--dim); margin-top: 2px; }
nav.toc { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 18px 0 0; font-size: 14px; }
nav.toc a { color: var(--blue); text-decoration: none; white-space: nowrap; }
.notice { border-left: 5px solid var(--verm); background: #fdf0e6; padding: 10px 14px; margin: 12px 0;
          font-weight: 600; max-width: none; }
.lead { font-size: 16px; font-weight: 600; }
.dim { color: var(--dim); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 10px 0 16px; }
dl.facts dt { color: var(--dim); }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 18px; font-size: 14px; }
th, td { text-align: left; vertical-align: top; padding: 7px 9px; border-bottom: 1px solid var(--rule); }
thead th { background: var(--ink); color: #fff; font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: 700; border-top: 2px solid var(--ink); }
table.values { font-size: 13px; }
table.values td, table.values th { padding: 4px 6px; }
table.values td:first-child { white-space: nowrap; }
table.compact { width: auto; min-width: 55%; }
table.forecasts td { padding: 4px 8px; }
table.turning td:nth-child(2) { white-space: nowrap; }
table.turning td:nth-child(3) { min-width: 10em; }
table.timeline { table-layout: fixed; font-size: 13.5px; }
table.timeline col.turn { width: 7.5em; }
table.timeline col.what { width: 27%; }
table.timeline ul { list-style: none; margin: 0; padding: 0; }
table.timeline li { margin: 0 0 6px; }
table.timeline li:last-child { margin-bottom: 0; }
table.timeline tbody { break-inside: avoid; }
table.timeline tbody + tbody tr:first-child > * { border-top: 2px solid #8f99a6; }
table.timeline th[scope=rowgroup] { background: var(--soft); white-space: nowrap; }
tr.white td { background: var(--amber); }
.tag { display: inline-block; font-size: 11px; font-weight: 700; letter-spacing: .04em; text-transform: uppercase;
       border-radius: 3px; padding: 0 5px; margin-right: 5px; color: #fff; line-height: 1.6; }
.tag.push { background: var(--blue); }
.tag.oppose { background: var(--verm); }
.tag.adopted { background: var(--green); }
.tag.white { background: #6b5b00; }
.tag.crisis { background: #000; }
.what div { margin-bottom: 5px; }
.what .dim { font-size: 13px; }
figure { margin: 18px 0 26px; break-inside: avoid; }
figure img { display: block; width: 100%; height: auto; border: 1px solid var(--rule); border-radius: 4px; }
figcaption { font-size: 13px; color: var(--dim); margin-top: 6px; }
ol.turning { padding-left: 22px; }
ul.parts { margin: 0; padding-left: 18px; }
.epilogue p { font-size: 16px; }
footer { margin-top: 48px; padding-top: 12px; border-top: 1px solid var(--rule); font-size: 13px; color: var(--dim); }
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  nav.toc { display: none; }
  h2 { break-after: avoid; margin-top: 28px; }
  h3 { break-after: avoid; }
  thead th, tr.white td, .tag, .card, .notice { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  tr, figure, .card { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
@page { margin: 14mm; }
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _multiline(text: str) -> str:
    """Free text typed by a facilitator: escaped, its line breaks kept."""
    return "<br>".join(_e(line) for line in str(text).strip().splitlines())


def _table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    cls: str = "",
    numeric: Sequence[int] = (),
) -> str:
    """An HTML table; cells are already HTML."""
    head = "".join(
        f'<th scope="col"{" class=num" if i in numeric else ""}>{h}</th>'
        for i, h in enumerate(headers)
    )
    body = "".join(
        "<tr>"
        + "".join(f"<td{' class=num' if i in numeric else ''}>{c}</td>" for i, c in enumerate(row))
        + "</tr>"
        for row in rows
    )
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _figure(chart: Chart | None) -> str:
    if chart is None:
        return ""
    data = base64.b64encode(chart.png).decode("ascii")
    return (
        f'<figure><img src="data:image/png;base64,{data}" alt="{_e(chart.alt)}">'
        f"<figcaption>{_e(chart.alt)}</figcaption></figure>"
    )


def _decision_html(d: Decision) -> str:
    tag = f'<span class="tag {d.choice}">{_e(d.choice)}</span>'
    adopted = ' <span class="tag adopted">adopted ✓</span>' if d.adopted else ""
    return f"<li>{tag}{_e(d.measure_title)}{adopted}</li>"


def _white_html(item: WhiteCellItem) -> str:
    if item.kind == "note":
        return f'<li><span class="tag white">note</span>{_multiline(item.detail)}</li>'
    if item.kind == "adjust":
        return (
            f'<li><span class="tag white">adjustment</span><strong>{_e(item.headline)}</strong>'
            f" — reason: {_multiline(item.detail)}</li>"
        )
    return (
        f'<li><span class="tag white">inject</span><strong>{_e(item.headline)}</strong>'
        f' <span class="dim">— {_e(item.detail)}</span></li>'
    )


def _what_html(data: ReportData, row: TurnRow) -> str:
    parts = []
    for title in row.adopted:
        parts.append(f'<div><span class="tag adopted">adopted ✓</span>{_e(title)}</div>')
    if row.progress:
        steps = "; ".join(_e(_progress_text(s)) for s in row.progress)
        parts.append(f'<div class="dim">Progress: {steps}</div>')
    for title in row.injects:
        parts.append(f"<div><strong>Inject:</strong> {_e(title)}</div>")
    if row.events:
        parts.append(
            f"<div><strong>{_e(data.setup.red_cell_short)} gray-zone actions:</strong> {_e('; '.join(row.events))}</div>"
        )
    if row.crisis:
        parts.append('<div><span class="tag crisis">crisis</span>the game ends</div>')
    return "".join(parts) or '<span class="dim">nothing adopted</span>'


def _timeline_html(data: ReportData) -> str:
    seats = data.setup.seats
    if not data.timeline:
        return "<p>No turn has been resolved yet.</p>"
    cols = '<colgroup><col class="turn">' + "<col>" * len(seats) + '<col class="what"></colgroup>'
    head = (
        '<thead><tr><th scope="col">'
        + _e(data.setup.turn_label)
        + "</th>"
        + "".join(f'<th scope="col">{_e(s.title)}</th>' for s in seats)
        + '<th scope="col">What happened</th></tr></thead>'
    )
    bodies = []
    span = len(seats) + 1
    for row in data.timeline:
        rows = []
        n_rows = (1 if row.white_cell else 0) + (1 if row.resolved else 0)
        label = _e(_turn_name(data, row.turn))
        if not row.resolved:
            label += '<br><span class="dim">not yet resolved</span>'
        turn_cell = f'<th scope="rowgroup" rowspan="{n_rows}">{label}</th>'
        if row.white_cell:
            items = "".join(_white_html(i) for i in row.white_cell)
            rows.append(
                f'<tr class="white">{turn_cell}<td colspan="{span}"><ul>{items}</ul></td></tr>'
            )
            turn_cell = ""
        if row.resolved:
            cells = []
            for _actor, decisions in row.decisions:
                if decisions:
                    cells.append(
                        "<td><ul>" + "".join(_decision_html(d) for d in decisions) + "</ul></td>"
                    )
                else:
                    cells.append('<td class="dim">held on everything</td>')
            rows.append(
                f'<tr>{turn_cell}{"".join(cells)}<td class="what">{_what_html(data, row)}</td></tr>'
            )
        bodies.append("<tbody>" + "".join(rows) + "</tbody>")
    return f'<table class="timeline">{cols}{head}{"".join(bodies)}</table>'


def _values_html(data: ReportData) -> str:
    ind = data.indicators
    headers = ["Indicator", *ind.x_labels]
    rows = [[_e(s.title), *(number(v) for v in s.values)] for s in ind.table]
    return _table(headers, rows, "values", numeric=range(1, len(headers)))


def html_report(data: ReportData, charts: Mapping[str, Chart]) -> str:
    s = data.setup
    o = data.outcome
    cmp = data.comparison
    out: list[str] = []
    w = out.append

    # header and at-a-glance
    w(
        f'<header><p class="kicker">Trilateral · after-action report</p><h1>{_e(s.scenario_title)}</h1>'
    )
    w(f'<p class="subtitle">Seed {s.seed} · generated {_e(s.generated)}</p>')
    w('<div class="glance">')
    band_label = "Outcome band" if o.finished else "Outcome band if it ended now"
    w(
        f'<div class="card"><div class="label">{band_label}</div><div class="value">{_e(o.band_title)}</div></div>'
    )
    w(
        f'<div class="card"><div class="label">Shared score</div><div class="value">{number(o.shared_score)}</div>'
        f'<div class="note">{"provisional" if not o.finished else "of 100"}</div></div>'
    )
    if cmp is not None:
        w(
            f'<div class="card"><div class="label">Among {cmp.runs} AI games</div>'
            f'<div class="value">{_e(cmp.standing())}</div>'
            f'<div class="note">AI median {number(cmp.median)}</div></div>'
        )
    w(
        f'<div class="card"><div class="label">Measures adopted</div><div class="value">{len(o.adopted)} of {o.measures_total}</div>'
        f'<div class="note">after {s.turn_label.lower()} {s.turns_played} of {s.turns_total}</div></div>'
    )
    w("</div>")
    if not o.finished:
        w(f'<p class="notice">{_e(o.status)}</p>')
    w(
        '<nav class="toc">'
        + "".join(
            f'<a href="#{sid}">{_e(h)}</a>' for sid, h in SECTIONS if sid != "comparison" or cmp
        )
        + "</nav></header>"
    )

    # setup
    w(f'<section id="setup"><h2>{HEADING["setup"]}</h2>')
    w(f"<p>{_e(s.summary)}</p>")
    w('<dl class="facts">')
    facts = [
        (
            "Scenario",
            f"{_e(s.scenario_title)} (<code>{_e(s.scenario_id)}</code>, file {_e(s.scenario_file)}, content hash <code>{_e(s.content_hash[:12])}</code>)",
        ),
        ("Seed", str(s.seed)),
        (
            "Length",
            f"{s.turns_total} {_e(s.turn_label.lower())}s"
            + (f", starting {_e(s.start_label)}" if s.start_label else ""),
        ),
        (
            "Played",
            f"{s.turns_played} of {s.turns_total} {_e(s.turn_label.lower())}s"
            + (" (ended in crisis)" if s.crisis else "" if s.finished else " (unfinished)"),
        ),
        (
            "Save file",
            _e(s.save_name)
            if s.save_name
            else '<span class="dim">none (report made from a game in memory)</span>',
        ),
        ("Report generated", _e(s.generated)),
    ]
    for k, v in facts:
        w(f"<dt>{k}</dt><dd>{v}</dd>")
    w("</dl>")
    seat_rows = [
        [_e(x.title), _e(x.player), _e(x.description) or '<span class="dim">–</span>']
        for x in s.seats
    ]
    seat_rows.append(
        [_e(s.red_cell), "Red cell (the scenario's policy)", '<span class="dim">–</span>']
    )
    w(_table(["Delegation", "Played by", "AI profile"], seat_rows))
    w("</section>")

    # timeline
    w(f'<section id="timeline"><h2>{HEADING["timeline"]}</h2>')
    w(
        "<p>What each delegation pushed or opposed each "
        f"{_e(s.turn_label.lower())} (holding is not listed), what was adopted, and the white cell's "
        "notes, hand-fired injects and adjustments, shown at the turn they were made "
        "(during that turn's decisions, before the reveal).</p>"
    )
    w(_timeline_html(data))
    w("</section>")

    # indicators
    w(f'<section id="indicators"><h2>{HEADING["indicators"]}</h2>')
    w(_figure(charts.get("indicators")))
    w(_figure(charts.get("resilience")))
    w(_figure(charts.get("delegations")))
    w(f"<h3>Values at the start and after each {_e(s.turn_label.lower())}</h3>")
    w(_values_html(data))
    w("</section>")

    # turning points
    w(f'<section id="turning-points"><h2>{HEADING["turning-points"]}</h2>')
    if data.turning_points:
        w(
            f"<p>The largest changes of a single indicator in a single {_e(s.turn_label.lower())}, "
            "with their largest causes from the game's ledger (political capital, spent and regained "
            "every turn, is left out).</p>"
        )
        rows = [
            [
                str(i),
                _e(_turn_name(data, p.turn)),
                _e(p.title),
                f"<strong>{signed(p.total)}</strong>",
                _e(p.causes_text()),
            ]
            for i, p in enumerate(data.turning_points, start=1)
        ]
        w(
            _table(
                ["#", s.turn_label, "Indicator", "Change", "Largest causes"],
                rows,
                "turning",
                numeric=(0, 3),
            )
        )
    else:
        w("<p>No turn has been resolved yet.</p>")
    w("</section>")

    # outcome
    w(f'<section id="outcome"><h2>{HEADING["outcome"]}</h2>')
    if not o.finished:
        w(f'<p class="notice">{_e(o.status)}</p>')
        w(f"<h3>Outcome band if the game ended now: {_e(o.band_title)}</h3>")
    else:
        w(f"<h3>{_e(o.band_title)}</h3>")
        w(f'<p class="lead">{_e(o.status)}</p>')
    w(
        '<div class="epilogue">'
        + "".join(f"<p>{_e(p)}</p>" for p in paragraphs(o.epilogue))
        + "</div>"
    )
    w("<h3>Shared score</h3>")
    rows = [[_e(p.label), number(p.value)] for p in o.shared_parts]
    table = _table(["Part (each 0–100)", "Value"], rows, "compact", numeric=(1,))
    total = f'<tr class="total"><td>Shared score (the mean of the four)</td><td class=num>{number(o.shared_score)}</td></tr>'
    w(table.replace("</tbody>", total + "</tbody>"))
    if o.adopted:
        w(
            "<p>Adopted: "
            + "; ".join(f"{_e(t)} ({_e(s.turn_label.lower())} {turn})" for t, turn in o.adopted)
            + ".</p>"
        )
    else:
        w("<p>No measure was adopted.</p>")
    w("<h3>Each delegation's own score</h3>")
    w(
        "<p>Each delegation is scored on its own objectives: a weighted mean of the indicators it "
        "cares about, plus points for measures it wanted adopted. The parts add up to the score.</p>"
    )
    rows = [
        [
            _e(d.title),
            _e(d.player),
            f"<strong>{number(d.score)}</strong>",
            '<ul class="parts">'
            + "".join(f"<li>{_e(p.label)} {number(p.value)}</li>" for p in d.parts)
            + "</ul>",
        ]
        for d in o.delegations
    ]
    w(
        _table(
            ["Delegation", "Played by", "Score", "Parts (what each adds to the score)"],
            rows,
            numeric=(2,),
        )
    )
    w("</section>")

    # forecasts
    f = data.forecasts
    w(f'<section id="forecasts"><h2>{HEADING["forecasts"]}</h2>')
    w(f"<p>{_e(f.explanation)}</p>")
    rows = [
        [
            _e(r.title),
            str(r.count)
            + (f' <span class="dim">(+{r.pending} pending)</span>' if r.pending else ""),
            _brier(r.brier),
            _e(r.verdict),
        ]
        for r in f.scores
    ]
    w(
        _table(
            ["Delegation", "Forecasts scored", "Mean Brier score", "Compared with always 50%"],
            rows,
            "compact",
            numeric=(1, 2),
        )
    )
    if f.rows:
        w("<h3>Every forecast</h3>")
        w("<p>Each delegation's stated probability that the event would happen.</p>")
        rows = [
            [
                _e(_turn_name(data, r.turn)),
                _e(r.question),
                _happened(r.happened),
                *(_stated(p) for p in r.stated),
            ]
            for r in f.rows
        ]
        n = len(f.forecasters)
        w(
            _table(
                [s.turn_label, "Question", "Happened", *map(_e, f.forecasters)],
                rows,
                "forecasts",
                numeric=range(3, 3 + n),
            )
        )
    else:
        w("<p>No forecasts were made in this game.</p>")
    w("</section>")

    # comparison
    if cmp is not None:
        w(f'<section id="comparison"><h2>{HEADING["comparison"]}</h2>')
        w(f"<p>{_e(_method_text(data))}</p>")
        w(f'<p class="lead">{_e(cmp.percentile_line())}</p>')
        w(f"<p>{_e(cmp.range_line())}</p>")
        if cmp.provisional:
            w(
                '<p class="notice">This game is unfinished, so its score is provisional; every AI game was played to its end.</p>'
            )
        w(_figure(charts.get("comparison")))
        rows = [
            [
                _e(b.title) + (" <strong>← this class</strong>" if b.is_class else ""),
                str(b.count),
                _pct(b.share),
            ]
            for b in cmp.bands
        ]
        w("<h3>Outcome bands among the AI games</h3>")
        w(_table(["Outcome band", "AI games", "Share"], rows, "compact", numeric=(1, 2)))
        w("</section>")

    # sources
    if data.sources:
        w(f'<section id="sources"><h2>{HEADING["sources"]}</h2><ul>')
        w("".join(f"<li>{_e(c)}</li>" for c in data.sources))
        w("</ul></section>")

    replay = (
        f" Replay it exactly with <code>trilateral replay {_e(s.save_name)}</code>."
        if s.save_name
        else ""
    )
    w(
        f"<footer>Generated by Trilateral on {_e(s.generated)}. The scenario, the seed and the "
        f"decisions reproduce this game.{replay}</footer>"
    )
    body = "\n".join(out)
    title = _e(f"After-action report: {s.scenario_title}")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


# --- Markdown ---------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def _m(text: object) -> str:
    """Text safe inside Markdown (and inside a table cell): one line, specials escaped."""
    return _MD_SPECIAL.sub(r"\\\1", one_line(str(text)))


def _md_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[int] = ()
) -> str:
    align = ["---:" if i in numeric else "---" for i in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _white_md(item: WhiteCellItem) -> str:
    if item.kind == "note":
        return f"Note: {_m(item.detail)}"
    if item.kind == "adjust":
        return f"**{_m(item.headline)}** (reason: {_m(item.detail)})"
    return f"**{_m(item.headline)}**"


def _what_md(data: ReportData, row: TurnRow) -> str:
    parts = [f"**Adopted: {_m(t)}**" for t in row.adopted]
    if row.progress:
        parts.append("Progress: " + "; ".join(_m(_progress_text(s)) for s in row.progress))
    parts += [f"Inject: {_m(t)}" for t in row.injects]
    if row.events:
        parts.append(
            f"{_m(data.setup.red_cell_short)} gray-zone actions: {_m('; '.join(row.events))}"
        )
    if row.crisis:
        parts.append("**CRISIS: the game ends**")
    return "<br>".join(parts) or "nothing adopted"


def _decision_md(d: Decision) -> str:
    text = f"{d.choice} {_m(d.measure_title)}"
    return f"{text} **(adopted)**" if d.adopted else text


def markdown_report(
    data: ReportData, chart_paths: Mapping[str, str], charts: Mapping[str, Chart]
) -> str:
    """The report in Markdown; `chart_paths` maps chart keys to paths relative to the file."""
    s = data.setup
    o = data.outcome
    cmp = data.comparison
    out: list[str] = []
    w = out.append

    def figure(key: str) -> None:
        if key in chart_paths:
            w(f"![{_m(charts[key].alt)}]({chart_paths[key]})\n")

    w(f"# After-action report: {_m(s.scenario_title)}\n")
    w(f"Trilateral · seed {s.seed} · generated {_m(s.generated)}\n")
    band_label = "Outcome band" if o.finished else "Outcome band if it ended now"
    glance = [
        f"- **{band_label}:** {_m(o.band_title)}",
        f"- **Shared score:** {number(o.shared_score)}"
        + (" (provisional)" if not o.finished else ""),
    ]
    if cmp is not None:
        glance.append(
            f"- **Among {cmp.runs} AI games:** {cmp.standing()} (AI median {number(cmp.median)})"
        )
    glance.append(f"- **Measures adopted:** {len(o.adopted)} of {o.measures_total}")
    w("\n".join(glance) + "\n")
    if not o.finished:
        w(f"> **{_m(o.status)}**\n")

    w(f"## {HEADING['setup']}\n")
    w(f"{_m(s.summary)}\n")
    length = f"{s.turns_total} {s.turn_label.lower()}s" + (
        f", starting {_m(s.start_label)}" if s.start_label else ""
    )
    played = f"{s.turns_played} of {s.turns_total}" + (
        " (ended in crisis)" if s.crisis else "" if s.finished else " (unfinished)"
    )
    w(
        "\n".join(
            [
                f"- **Scenario:** {_m(s.scenario_title)} (`{s.scenario_id}`, file {_m(s.scenario_file)}, content hash `{s.content_hash[:12]}`)",
                f"- **Seed:** {s.seed}",
                f"- **Length:** {length}",
                f"- **Played:** {played}",
                f"- **Save file:** {_m(s.save_name) if s.save_name else 'none (report made from a game in memory)'}",
                f"- **Report generated:** {_m(s.generated)}",
            ]
        )
        + "\n"
    )
    rows = [[_m(x.title), _m(x.player), _m(x.description) or "–"] for x in s.seats]
    rows.append([_m(s.red_cell), "Red cell (the scenario's policy)", "–"])
    w(_md_table(["Delegation", "Played by", "AI profile"], rows) + "\n")

    w(f"## {HEADING['timeline']}\n")
    w(
        f"What each delegation pushed or opposed each {s.turn_label.lower()} (holding is not listed), "
        "what was adopted, and the white cell's notes, hand-fired injects and adjustments at the turn "
        "they were made (during that turn's decisions, before the reveal).\n"
    )
    if data.timeline:
        headers = [s.turn_label, *(_m(x.title) for x in s.seats), "What happened", "White cell"]
        rows = []
        for row in data.timeline:
            white = "<br>".join(_white_md(i) for i in row.white_cell) or "–"
            if row.resolved:
                cells = [
                    "<br>".join(_decision_md(d) for d in decisions) or "held on everything"
                    for _a, decisions in row.decisions
                ]
                rows.append([str(row.turn), *cells, _what_md(data, row), white])
            else:
                rows.append([f"{row.turn} (not yet resolved)", *("–" for _ in s.seats), "–", white])
        w(_md_table(headers, rows) + "\n")
    else:
        w("No turn has been resolved yet.\n")

    w(f"## {HEADING['indicators']}\n")
    for key in ("indicators", "resilience", "delegations"):
        figure(key)
    w(f"### Values at the start and after each {s.turn_label.lower()}\n")
    ind = data.indicators
    rows = [[_m(x.title), *(number(v) for v in x.values)] for x in ind.table]
    w(_md_table(["Indicator", *ind.x_labels], rows, numeric=range(1, len(ind.x_labels) + 1)) + "\n")

    w(f"## {HEADING['turning-points']}\n")
    if data.turning_points:
        w(
            f"The largest changes of a single indicator in a single {s.turn_label.lower()}, with their "
            "largest causes from the game's ledger (political capital, spent and regained every turn, "
            "is left out).\n"
        )
        w(
            "\n".join(
                f"{i}. {_m(_turn_name(data, p.turn))}: {_m(p.title)} **{signed(p.total)}** — {_m(p.causes_text())}"
                for i, p in enumerate(data.turning_points, start=1)
            )
            + "\n"
        )
    else:
        w("No turn has been resolved yet.\n")

    w(f"## {HEADING['outcome']}\n")
    if not o.finished:
        w(f"> **{_m(o.status)}**\n")
        w(f"### Outcome band if the game ended now: {_m(o.band_title)}\n")
    else:
        w(f"### {_m(o.band_title)}\n")
        w(f"**{_m(o.status)}**\n")
    w("\n\n".join(_m(p) for p in paragraphs(o.epilogue)) + "\n")
    w("### Shared score\n")
    rows = [[_m(p.label), number(p.value)] for p in o.shared_parts]
    rows.append(["**Shared score (the mean of the four)**", f"**{number(o.shared_score)}**"])
    w(_md_table(["Part (each 0–100)", "Value"], rows, numeric=(1,)) + "\n")
    if o.adopted:
        w(
            "Adopted: "
            + "; ".join(f"{_m(t)} ({s.turn_label.lower()} {turn})" for t, turn in o.adopted)
            + ".\n"
        )
    else:
        w("No measure was adopted.\n")
    w("### Each delegation's own score\n")
    w(
        "Each delegation is scored on its own objectives: a weighted mean of the indicators it cares "
        "about, plus points for measures it wanted adopted. The parts add up to the score.\n"
    )
    rows = [
        [
            _m(d.title),
            _m(d.player),
            f"**{number(d.score)}**",
            "; ".join(f"{_m(p.label)} {number(p.value)}" for p in d.parts),
        ]
        for d in o.delegations
    ]
    w(
        _md_table(
            ["Delegation", "Played by", "Score", "Parts (what each adds to the score)"],
            rows,
            numeric=(2,),
        )
        + "\n"
    )

    f = data.forecasts
    w(f"## {HEADING['forecasts']}\n")
    w(f"{_m(f.explanation)}\n")
    rows = [
        [
            _m(r.title),
            str(r.count) + (f" (+{r.pending} pending)" if r.pending else ""),
            _brier(r.brier),
            _m(r.verdict),
        ]
        for r in f.scores
    ]
    w(
        _md_table(
            ["Delegation", "Forecasts scored", "Mean Brier score", "Compared with always 50%"],
            rows,
            numeric=(1, 2),
        )
        + "\n"
    )
    if f.rows:
        w("### Every forecast\n")
        w("Each delegation's stated probability that the event would happen.\n")
        rows = [
            [str(r.turn), _m(r.question), _happened(r.happened), *(_stated(p) for p in r.stated)]
            for r in f.rows
        ]
        n = len(f.forecasters)
        w(
            _md_table(
                [s.turn_label, "Question", "Happened", *map(_m, f.forecasters)],
                rows,
                numeric=range(3, 3 + n),
            )
            + "\n"
        )
    else:
        w("No forecasts were made in this game.\n")

    if cmp is not None:
        w(f"## {HEADING['comparison']}\n")
        w(f"{_m(_method_text(data))}\n")
        w(f"**{_m(cmp.percentile_line())}**\n")
        w(f"{_m(cmp.range_line())}\n")
        if cmp.provisional:
            w(
                "> This game is unfinished, so its score is provisional; every AI game was played to its end.\n"
            )
        figure("comparison")
        w("### Outcome bands among the AI games\n")
        rows = [
            [_m(b.title) + (" **← this class**" if b.is_class else ""), str(b.count), _pct(b.share)]
            for b in cmp.bands
        ]
        w(_md_table(["Outcome band", "AI games", "Share"], rows, numeric=(1, 2)) + "\n")

    if data.sources:
        w(f"## {HEADING['sources']}\n")
        w("\n".join(f"- {_m(c)}" for c in data.sources) + "\n")

    replay = f" Replay it exactly with `trilateral replay {s.save_name}`." if s.save_name else ""
    w(
        f"---\n\nGenerated by Trilateral on {_m(s.generated)}. The scenario, the seed and the "
        f"decisions reproduce this game.{replay}\n"
    )
    return "\n".join(out)
