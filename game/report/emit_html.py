"""Write a report `Document` as one self-contained HTML page (inline CSS, charts as base64 PNGs).

The only place the HTML report's text is escaped: `_text` escapes every string a block holds,
and markup is written here only around escaped text and this module's own constant names.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from html import escape

from game.report.blocks import (
    Break,
    Cards,
    Cell,
    Code,
    Contents,
    Dim,
    Document,
    Facts,
    Figure,
    Heading,
    Inlines,
    ItemList,
    Link,
    Paragraph,
    Row,
    Section,
    Strong,
    Table,
    Tag,
    safe_link,
)
from game.report.charts import Chart

CSS = """
:root { --ink:#1b2230; --dim:#5a6472; --rule:#d6dbe2; --soft:#f4f6f9; --blue:#0072B2;
        --verm:#D55E00; --green:#009E73; --amber:#fff6dc; --purple:#7b3f8f; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #fff; color: var(--ink);
       font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 36px 44px 64px; overflow-wrap: break-word; }
h1 { font-size: 30px; line-height: 1.2; margin: 6px 0 6px; }
h2 { font-size: 22px; margin: 44px 0 14px; padding-bottom: 6px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 17px; margin: 26px 0 8px; }
p { margin: 8px 0; max-width: 80ch; }
code { font: 13px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; background: var(--soft);
       padding: 1px 4px; border-radius: 3px; }
a { color: var(--blue); }
.kicker { margin: 0; font-size: 12px; letter-spacing: .09em; text-transform: uppercase; color: var(--dim); }
.subtitle { margin: 0 0 4px; color: var(--dim); }
.glance { display: grid; grid-template-columns: repeat(auto-fit, minmax(190px, 1fr)); gap: 12px; margin: 22px 0 8px; }
.card { border: 1px solid var(--rule); border-radius: 8px; padding: 12px 14px; background: var(--soft); }
.card .label { font-size: 12px; letter-spacing: .05em; text-transform: uppercase; color: var(--dim); }
.card .value { font-size: 20px; font-weight: 700; line-height: 1.25; margin-top: 2px; }
.card .note { font-size: 13px; color: var(--dim); margin-top: 2px; }
nav.toc { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 18px 0 0; font-size: 14px; }
nav.toc a { color: var(--blue); text-decoration: none; white-space: nowrap; }
.notice, .warning { border-left: 5px solid var(--verm); background: #fdf0e6; padding: 10px 14px; margin: 12px 0;
          font-weight: 600; max-width: none; }
.warning { border-left-color: #b00020; background: #fde8ea; }
.lead { font-size: 16px; font-weight: 600; }
.dim { color: var(--dim); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 10px 0 16px; }
dl.facts dt { color: var(--dim); }
dl.facts dd { margin: 0; min-width: 0; }
.scroll { overflow-x: auto; margin: 8px 0 18px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; vertical-align: top; padding: 7px 9px; border-bottom: 1px solid var(--rule); }
thead th { background: var(--ink); color: #fff; font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: 700; border-top: 2px solid var(--ink); }
td ul { margin: 0; padding-left: 18px; }
table:not(.timeline) td > ul { min-width: 10em; }
table.values { font-size: 13px; }
table.values td, table.values th { padding: 4px 6px; }
table.values td:first-child { white-space: nowrap; }
table.compact { width: auto; min-width: 55%; }
table.forecasts td { padding: 4px 8px; }
table.turning td:nth-child(2) { white-space: nowrap; }
table.turning td:nth-child(3) { min-width: 10em; }
table.turning td:last-child { min-width: 14em; }
table.timeline { table-layout: fixed; font-size: 13.5px; min-width: 640px; }
table.timeline col.turn { width: 7.5em; }
table.timeline col.what { width: 27%; }
table.timeline ul { list-style: none; margin: 0; padding: 0; }
table.timeline li { margin: 0 0 6px; }
table.timeline li:last-child { margin-bottom: 0; }
table.timeline tbody { break-inside: avoid; }
table.timeline tbody + tbody tr:first-child > * { border-top: 2px solid #8f99a6; }
table.timeline th[scope=rowgroup] { background: var(--soft); }
tr.white td { background: var(--amber); }
.tag { display: inline-block; font-size: 11px; font-weight: 700; letter-spacing: .04em; text-transform: uppercase;
       border-radius: 3px; padding: 0 5px; margin-right: 5px; color: #fff; line-height: 1.6; }
.tag.push { background: var(--blue); }
.tag.oppose { background: var(--verm); }
.tag.adopted { background: var(--green); }
.tag.white { background: #6b5b00; }
.tag.crisis { background: #000; }
.tag.inducement { background: var(--purple); }
.tag.high { background: var(--green); }
.tag.medium { background: #8a6d00; }
.tag.low { background: var(--verm); }
.tag.history { background: #36597a; }
table.effects td:first-child { width: 30%; }
table.effects td:nth-child(2) { width: 30%; }
table.effects td > ul { min-width: 0; }
table.numbers td:first-child { white-space: nowrap; }
.what li .dim { font-size: 13px; }
figure { margin: 18px 0 26px; break-inside: avoid; }
figure img { display: block; width: 100%; height: auto; border: 1px solid var(--rule); border-radius: 4px; }
figcaption { font-size: 13px; color: var(--dim); margin-top: 6px; }
ol { padding-left: 22px; }
#sources li { margin: 0 0 8px; }
.epilogue p { font-size: 16px; }
footer { margin-top: 48px; padding-top: 12px; border-top: 1px solid var(--rule); font-size: 13px; color: var(--dim); }
@media (max-width: 640px) {
  main { padding: 20px 14px 40px; }
  h1 { font-size: 24px; }
  h2 { font-size: 19px; margin-top: 32px; }
  dl.facts { grid-template-columns: 1fr; gap: 0; }
  dl.facts dd { margin-bottom: 6px; }
  table { font-size: 13px; }
  th, td { padding: 5px 6px; }
  table.compact { min-width: 0; width: 100%; }
  table.timeline col.turn { width: 5.5em; }
  table.turning td:nth-child(3) { min-width: 7em; }
  table.effects, table.effects tbody, table.effects tr, table.effects td { display: block; width: auto !important; }
  table.effects thead { display: none; }
  table.effects tr { border-bottom: 1px solid var(--rule); padding: 6px 0; }
  table.effects td { border: 0; padding: 2px 4px; }
}
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  nav.toc { display: none; }
  .scroll { overflow: visible; }
  h2 { break-after: avoid; margin-top: 28px; }
  h3 { break-after: avoid; }
  thead th, tr.white td, .tag, .card, .notice, .warning { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  tr, figure, .card { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
@page { margin: 14mm; }
"""


# Japanese and Chinese pages: the system's CJK faces for the language (the page loads no fonts
# of its own), and line breaking by the language's rules (no line begins with a closing
# bracket or a full stop).
CSS_LANGUAGE = {
    "ja": """
body { font-family: system-ui, -apple-system, "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic UI",
       "Yu Gothic", Meiryo, "Noto Sans CJK JP", "Noto Sans JP", "Noto Sans", sans-serif; line-break: strict; }
.kicker, .card .label, .tag { letter-spacing: .02em; }
""",
    "zh-Hant-TW": """
body { font-family: system-ui, -apple-system, "PingFang TC", "Microsoft JhengHei UI", "Microsoft JhengHei",
       "Noto Sans CJK TC", "Noto Sans TC", "Noto Sans", sans-serif; line-break: strict; }
.kicker, .card .label, .tag { letter-spacing: .02em; }
""",
}


# Defence in depth: even if some text got past `_text`, the page may run no script, load
# nothing from elsewhere and submit no form. Its styles are inline and its images data: URLs.
CSP = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; "
    "form-action 'none'"
)


def _text(text: str) -> str:
    """The one escape of the HTML report: every string of a block goes through here."""
    return escape(str(text), quote=True)


def _class(name: str) -> str:
    # Names come from the fixed sets in `blocks` (checked there); escaped all the same.
    return f' class="{_text(name)}"' if name else ""


def _inlines(parts: Inlines) -> str:
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(_text(part))
        elif isinstance(part, Strong):
            out.append(f"<strong>{_inlines(part.parts)}</strong>")
        elif isinstance(part, Dim):
            out.append(f'<span class="dim">{_inlines(part.parts)}</span>')
        elif isinstance(part, Code):
            out.append(f"<code>{_text(part.text)}</code>")
        elif isinstance(part, Tag):
            out.append(f'<span class="tag {_text(part.kind)}">{_text(part.text)}</span>')
        elif isinstance(part, Link):
            url = safe_link(part.url)
            text = _text(part.text)
            out.append(
                f'<a href="{_text(url)}" rel="noopener noreferrer">{text}</a>' if url else text
            )
        elif isinstance(part, Break):
            out.append("<br>")
        else:  # pragma: no cover - a new inline kind must be written here first
            raise TypeError(f"cannot write {type(part).__name__} as HTML")
    return "".join(out)


def _cell(cell: Cell, tag: str, numeric: bool) -> str:
    classes = " ".join(c for c in (cell.style, "num" if numeric else "") if c)
    span = f' colspan="{int(cell.span)}"' if cell.span > 1 else ""
    if cell.items is not None:
        body = "<ul>" + "".join(f"<li>{_inlines(i)}</li>" for i in cell.items) + "</ul>"
    else:
        body = _inlines(cell.text)
    return f"<{tag}{_class(classes)}{span}>{body}</{tag}>"


def _row(row: Row, numeric: frozenset[int], first: int = 0, lead: str = "") -> str:
    cells, col = [], first
    for cell in row.cells:
        cells.append(_cell(cell, "td", col in numeric))
        col += cell.span
    return f"<tr{_class(row.style)}>{lead}{''.join(cells)}</tr>"


def _table(t: Table) -> str:
    cols = ""
    if t.widths:
        cols = "<colgroup>" + "".join(f"<col{_class(w)}>" for w in t.widths) + "</colgroup>"
    head = "".join(
        f'<th scope="col"{_class("num" if i in t.numeric else "")}>{_text(h)}</th>'
        for i, h in enumerate(t.headers)
    )
    if t.groups:
        bodies = []
        for group in t.groups:
            label = f'<th scope="rowgroup" rowspan="{len(group.rows)}">{_inlines(group.label)}</th>'
            rows = [
                _row(r, t.numeric, first=1, lead=label if i == 0 else "")
                for i, r in enumerate(group.rows)
            ]
            bodies.append("<tbody>" + "".join(rows) + "</tbody>")
        body = "".join(bodies)
    else:
        body = "<tbody>" + "".join(_row(r, t.numeric) for r in t.rows) + "</tbody>"
    return (
        f'<div class="scroll"><table{_class(t.style)}>{cols}<thead><tr>{head}</tr></thead>'
        f"{body}</table></div>"
    )


def _figure(f: Figure, charts: Mapping[str, Chart]) -> str:
    chart = charts.get(f.key)
    if chart is None:
        return ""
    data = base64.b64encode(chart.png).decode("ascii")
    return (
        f'<figure><img src="data:image/png;base64,{data}" alt="{_text(chart.alt)}">'
        f"<figcaption>{_text(chart.alt)}</figcaption></figure>"
    )


def _block(b: object, charts: Mapping[str, Chart]) -> str:
    if isinstance(b, Heading):
        return f"<h{b.level}>{_inlines(b.text)}</h{b.level}>"
    if isinstance(b, Paragraph):
        return f"<p{_class(b.style)}>{_inlines(b.text)}</p>"
    if isinstance(b, ItemList):
        tag = "ol" if b.ordered else "ul"
        return f"<{tag}>" + "".join(f"<li>{_inlines(i)}</li>" for i in b.items) + f"</{tag}>"
    if isinstance(b, Facts):
        rows = "".join(f"<dt>{_text(k)}</dt><dd>{_inlines(v)}</dd>" for k, v in b.rows)
        return f'<dl class="facts">{rows}</dl>'
    if isinstance(b, Cards):
        cards = "".join(
            f'<div class="card"><div class="label">{_text(c.label)}</div>'
            f'<div class="value">{_inlines(c.value)}</div>'
            + (f'<div class="note">{_inlines(c.note)}</div>' if c.note else "")
            + "</div>"
            for c in b.cards
        )
        return f'<div class="glance">{cards}</div>'
    if isinstance(b, Figure):
        return _figure(b, charts)
    if isinstance(b, Table):
        return _table(b)
    if isinstance(b, Contents):
        links = "".join(f'<a href="#{_text(a)}">{_text(h)}</a>' for a, h in b.entries)
        return f'<nav class="toc">{links}</nav>'
    if isinstance(b, Section):
        return _section(b, charts)
    raise TypeError(f"cannot write {type(b).__name__} as HTML")  # pragma: no cover


def _section(s: Section, charts: Mapping[str, Chart]) -> str:
    body = "\n".join(_block(b, charts) for b in s.blocks)
    if s.kind == "epilogue":
        return f'<div class="epilogue">{body}</div>'
    anchor = f' id="{_text(s.anchor)}"' if s.anchor else ""
    return f"<{s.kind}{anchor}>\n{body}\n</{s.kind}>"


def emit_html(doc: Document, charts: Mapping[str, Chart]) -> str:
    """The whole page."""
    body = "\n".join(_section(s, charts) for s in doc.sections)
    return (
        f'<!DOCTYPE html>\n<html lang="{_text(doc.lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        f"<title>{_text(doc.title)}</title>\n<style>{CSS}{CSS_LANGUAGE.get(doc.lang, '')}</style>\n"
        "</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )
