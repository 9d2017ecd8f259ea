"""Write a report `Document` as Markdown (GitHub-flavoured tables; charts as relative links).

The only place the Markdown report's text is escaped: `_text` puts every string of a block on
one line and backslash-escapes each character Markdown or inline HTML would act on, so a viewer
makes no element, emphasis, code, table cell or link out of outside text. Links are written
here only for addresses `safe_link` accepts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

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

# Anywhere in a line: escapes, code, emphasis, strikethrough, links and images, autolinks and
# inline HTML, entities, table pipes, headings, and $ (maths in some viewers).
_SPECIAL = re.compile(r"([\\`*_\[\](){}<>&|#!~$])")
# Where a string may start a block: list markers, numbered lists, thematic breaks and setext
# underlines (a sign or a dot followed by a blank, the end, or another sign).
_LEADING = re.compile(r"^(\s?\d*)([-+=.])(?=[\s+=-]|$)")
_SPACES = re.compile(r"\s+")


def _text(text: str) -> str:
    """The one escape of the Markdown report: every string of a block goes through here. Line
    breaks and runs of blanks become one space (a block's text stays on its line)."""
    line = _SPACES.sub(" ", str(text))
    line = _SPECIAL.sub(r"\\\1", line)
    return _LEADING.sub(r"\1\\\2", line)


def _code(text: str) -> str:
    line = _SPACES.sub(" ", str(text)).strip()
    # A code span cannot escape a backtick or (inside a table) a pipe; such text is shown as
    # ordinary escaped text instead.
    if not line or "`" in line or "|" in line:
        return _text(line)
    return f"`{line}`"


def _destination(url: str) -> str:
    # In a link destination entities are decoded unless escaped; `safe_link` has already
    # percent-encoded everything else that could end the link or add a title.
    return url.replace("&", "\\&")


def _inlines(parts: Inlines) -> str:
    out = []
    for n, part in enumerate(parts, start=1):
        if isinstance(part, str):
            out.append(_text(part))
        elif isinstance(part, Strong):
            out.append(f"**{_inlines(part.parts)}**")
        elif isinstance(part, Dim):
            out.append(_inlines(part.parts))
        elif isinstance(part, Code):
            out.append(_code(part.text))
        elif isinstance(part, Tag):
            # HTML spaces a tag from what follows with CSS; here a blank does it.
            out.append(_code(part.text) + (" " if n < len(parts) else ""))
        elif isinstance(part, Link):
            url = safe_link(part.url)
            out.append(f"[{_text(part.text)}]({_destination(url)})" if url else _text(part.text))
        elif isinstance(part, Break):
            out.append("<br>")
        else:  # pragma: no cover - a new inline kind must be written here first
            raise TypeError(f"cannot write {type(part).__name__} as Markdown")
    return "".join(out)


def _cell(cell: Cell) -> list[str]:
    if cell.items is not None:
        text = "<br>".join(_inlines(i) for i in cell.items)
    else:
        text = _inlines(cell.text)
    return [text] + [""] * (cell.span - 1)


def _row(row: Row, lead: list[str]) -> str:
    cells = list(lead)
    for cell in row.cells:
        cells += _cell(cell)
    if row.style == "total":
        cells = [f"**{c}**" if c else c for c in cells]
    return "| " + " | ".join(cells) + " |"


def _table(t: Table) -> str:
    align = ["---:" if i in t.numeric else "---" for i in range(len(t.headers))]
    out = ["| " + " | ".join(_text(h) for h in t.headers) + " |", "| " + " | ".join(align) + " |"]
    if t.groups:
        for group in t.groups:
            for i, row in enumerate(group.rows):
                out.append(_row(row, [_inlines(group.label) if i == 0 else ""]))
    else:
        out += [_row(r, []) for r in t.rows]
    return "\n".join(out)


def _block(b: object, chart_paths: Mapping[str, str], charts: Mapping[str, Chart]) -> str | None:
    if isinstance(b, Heading):
        return "#" * b.level + " " + _inlines(b.text)
    if isinstance(b, Paragraph):
        text = _inlines(b.text)
        if b.style == "lead":
            return f"**{text}**"
        if b.style in ("notice", "warning"):
            return f"> **{text}**"
        return text
    if isinstance(b, ItemList):
        return "\n".join(
            (f"{n}. " if b.ordered else "- ") + _inlines(item)
            for n, item in enumerate(b.items, start=1)
        )
    if isinstance(b, Facts):
        return "\n".join(f"- **{_text(k)}:** {_inlines(v)}" for k, v in b.rows)
    if isinstance(b, Cards):
        return "\n".join(
            f"- **{_text(c.label)}:** {_inlines(c.value)}"
            + (f" ({_inlines(c.note)})" if c.note else "")
            for c in b.cards
        )
    if isinstance(b, Figure):
        if b.key not in chart_paths or b.key not in charts:
            return None
        return f"![{_text(charts[b.key].alt)}]({chart_paths[b.key]})"
    if isinstance(b, Table):
        return _table(b)
    if isinstance(b, Contents):
        return None
    if isinstance(b, Section):
        return _section(b, chart_paths, charts)
    raise TypeError(f"cannot write {type(b).__name__} as Markdown")  # pragma: no cover


def _section(s: Section, chart_paths: Mapping[str, str], charts: Mapping[str, Chart]) -> str:
    parts = [_block(b, chart_paths, charts) for b in s.blocks]
    body = "\n\n".join(p for p in parts if p)
    return f"---\n\n{body}" if s.kind == "footer" else body


def emit_markdown(
    doc: Document, chart_paths: Mapping[str, str], charts: Mapping[str, Chart]
) -> str:
    """The whole report; `chart_paths` maps chart keys to paths relative to the file (this
    program's own names, written as they are)."""
    return "\n\n".join(_section(s, chart_paths, charts) for s in doc.sections) + "\n"
