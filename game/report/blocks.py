"""The report as a tree of plain blocks (heading, paragraph, list, table, figure, ...) holding
plain text. `render` builds the tree once; `emit_html` and `emit_markdown` write it out.

Nothing in a block is markup: every string is text, whoever wrote it (the scenario's author,
a save file, the facilitator, this program), and the two emitters escape all of it at one
place each. Styles and tag kinds are names from the small fixed sets below, checked when a
block is made, so no outside text can become a class name either. A `Link` becomes a link only
when `safe_link` accepts its address (absolute http or https); anything else is shown as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

# --- inline content ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Strong:
    parts: Inlines


@dataclass(frozen=True)
class Dim:
    """Secondary text (grey in HTML, plain in Markdown)."""

    parts: Inlines


@dataclass(frozen=True)
class Code:
    text: str


# The last four are the assumptions page's: confidence levels and the history excursion.
TAG_KINDS = frozenset(
    {
        "push",
        "oppose",
        "adopted",
        "white",
        "crisis",
        "inducement",
        "high",
        "medium",
        "low",
        "history",
    }
)


@dataclass(frozen=True)
class Tag:
    """A small coloured label such as PUSH or NOTE."""

    kind: str
    text: str

    def __post_init__(self) -> None:
        if self.kind not in TAG_KINDS:
            raise ValueError(f"unknown tag kind {self.kind!r}")


@dataclass(frozen=True)
class Link:
    text: str
    url: str


@dataclass(frozen=True)
class Break:
    """A line break inside a paragraph, list item or table cell."""


BREAK = Break()

Inline = str | Strong | Dim | Code | Tag | Link | Break
Inlines = tuple[Inline, ...]


def lines(text: str) -> Inlines:
    """Text typed with line breaks (a facilitator's note) as lines joined by breaks."""
    out: list[Inline] = []
    for line in str(text).strip().splitlines():
        if line.strip():
            if out:
                out.append(BREAK)
            out.append(" ".join(line.split()))
    return tuple(out)


# --- blocks -----------------------------------------------------------------------------------

PARAGRAPH_STYLES = frozenset({"", "lead", "notice", "warning", "kicker", "subtitle"})
CELL_STYLES = frozenset({"", "dim", "what"})
ROW_STYLES = frozenset({"", "white", "total"})
TABLE_STYLES = frozenset(
    {"", "compact", "values", "timeline", "turning", "forecasts", "effects", "numbers"}
)
SECTION_KINDS = frozenset({"header", "section", "footer", "epilogue"})


def _check(value: str, allowed: frozenset[str], what: str) -> None:
    if value not in allowed:
        raise ValueError(f"unknown {what} {value!r}")


@dataclass(frozen=True)
class Heading:
    level: int  # 1-3
    text: Inlines


@dataclass(frozen=True)
class Paragraph:
    text: Inlines
    style: str = ""

    def __post_init__(self) -> None:
        _check(self.style, PARAGRAPH_STYLES, "paragraph style")


@dataclass(frozen=True)
class ItemList:
    items: tuple[Inlines, ...]
    ordered: bool = False


@dataclass(frozen=True)
class Facts:
    """Label: value pairs (a definition list in HTML, a bulleted list in Markdown)."""

    rows: tuple[tuple[str, Inlines], ...]


@dataclass(frozen=True)
class Card:
    label: str
    value: Inlines
    note: Inlines = ()


@dataclass(frozen=True)
class Cards:
    """The at-a-glance figures at the top."""

    cards: tuple[Card, ...]


@dataclass(frozen=True)
class Figure:
    """A chart, by its key in the report's charts; its alternative text comes with the chart."""

    key: str


@dataclass(frozen=True)
class Cell:
    """A table cell: a run of text, or (when `items` is given) a short list of lines."""

    text: Inlines = ()
    items: tuple[Inlines, ...] | None = None
    span: int = 1
    style: str = ""

    def __post_init__(self) -> None:
        _check(self.style, CELL_STYLES, "cell style")


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    style: str = ""

    def __post_init__(self) -> None:
        _check(self.style, ROW_STYLES, "row style")


@dataclass(frozen=True)
class RowGroup:
    """Rows under one label in the first column (a turn of the timeline)."""

    label: Inlines
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[Row, ...] = ()
    groups: tuple[RowGroup, ...] = ()  # instead of rows: the first column holds group labels
    numeric: frozenset[int] = frozenset()  # columns of numbers, right-aligned
    style: str = ""
    widths: tuple[str, ...] = ()  # HTML column classes ("turn", "what", or "")

    def __post_init__(self) -> None:
        _check(self.style, TABLE_STYLES, "table style")
        for width in self.widths:
            _check(width, frozenset({"", "turn", "what"}), "column class")


@dataclass(frozen=True)
class Contents:
    """Links to the report's sections (HTML only; a Markdown viewer makes its own)."""

    entries: tuple[tuple[str, str], ...]  # (section anchor, heading)


Block = Heading | Paragraph | ItemList | Facts | Cards | Figure | Table | Contents


@dataclass(frozen=True)
class Section:
    anchor: str  # from the report's fixed section names; '' for none
    blocks: tuple[Block | Section, ...]
    kind: str = "section"

    def __post_init__(self) -> None:
        _check(self.kind, SECTION_KINDS, "section kind")
        if self.anchor and not re.fullmatch(r"[a-z][a-z-]*", self.anchor):
            raise ValueError(f"bad section anchor {self.anchor!r}")


@dataclass(frozen=True)
class Document:
    title: str
    sections: tuple[Section, ...]
    lang: str = "en"  # the page's language as HTML names it (BCP 47)

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", self.lang):
            raise ValueError(f"bad language tag {self.lang!r}")


# The game's languages (game.i18n) as HTML's `lang` names them: Traditional Chinese as used
# in Taiwan.
_PAGE_LANGUAGES = {"en": "en", "ja": "ja", "zh-Hant": "zh-Hant-TW"}


def page_language() -> str:
    """The run's language (`game.i18n.current`) as a page's `lang` attribute."""
    from game import i18n

    return _PAGE_LANGUAGES.get(i18n.current(), "en")


# --- links ------------------------------------------------------------------------------------

# Characters an address keeps as they are; everything else is percent-encoded, so an address
# can neither close an attribute or a Markdown link nor smuggle in spaces or markup.
_URL_SAFE = "-._~:/?#@!$&+,;=%"


def safe_link(url: str) -> str | None:
    """`url` percent-encoded for use as a link, if it is an absolute http(s) address with no
    white space or control characters in it; None otherwise (the caller shows it as text).
    Case, leading blanks, entities and tabs hidden in a scheme all fail here: the address must
    begin with the letters http:// or https:// and have a host."""
    if not url or any(c.isspace() or not c.isprintable() for c in url):
        return None
    if not re.match(r"https?://[^/?#]", url, re.IGNORECASE):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an invalid IPv6 host
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return quote(url, safe=_URL_SAFE)
