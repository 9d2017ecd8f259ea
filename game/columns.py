"""Terminal text measured in columns: display widths, padding, wrapping, and tables whose text
columns wrap instead of being cut.

A terminal gives a Chinese or Japanese character two columns and a combining mark none, so
`len()` (and `str.ljust`, f-string padding, `textwrap`) misjudge any text that is not plain
Latin: a table with a title such as 日本 would lose its columns, and a wrapped Japanese sentence
would run past the edge of the screen. Everything here counts columns (`wcwidth`), and wraps
CJK text between any two of its characters, never putting closing punctuation such as 。 at the
start of a line (kinsoku).

Titles in `simulate`, the scorecard and the terminal game can be as long as a scenario allows
(120 characters); a fixed-width column that cut them would hide the end of the text. Here a
long label continues on the next lines, indented, so every word can be read.
"""

from __future__ import annotations

import shutil
import textwrap
import unicodedata

from wcwidth import wcswidth, wcwidth

DEFAULT_COLUMNS = 80  # when the terminal's width cannot be known (a pipe, a file)
MIN_COLUMNS = 40  # never wrap narrower than this, however narrow the terminal says it is

# Kinsoku: characters that never start a line (closing punctuation, small kana, the long-vowel
# mark) and characters that never end one (opening brackets).
NOT_AT_START = frozenset(
    "。、，．・：；？！）」』】〕〉》〙〗〟’”｝］｠ーヽヾゝゞ々〻‐゠–〜～"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "!?,.:;)]}%／"
)
NOT_AT_END = frozenset("（「『【〔〈《〘〖〝‘“｛［｟")


def terminal_columns() -> int:
    """The terminal's width in columns (the COLUMNS variable if set, else the terminal's own;
    80 when output goes to a pipe or a file), never below MIN_COLUMNS."""
    return max(MIN_COLUMNS, shutil.get_terminal_size((DEFAULT_COLUMNS, 24)).columns)


def display_width(text: str) -> int:
    """How many terminal columns `text` takes: two for a wide (CJK) character, none for a
    combining mark or anything unprintable."""
    width = wcswidth(text)
    if width >= 0:
        return width
    return sum(max(0, wcwidth(ch)) for ch in text)  # some character is unprintable: 0 for it


def ljust(text: str, width: int) -> str:
    """`text` padded with spaces on the right to `width` columns (as it is if wider)."""
    return text + " " * max(0, width - display_width(text))


def rjust(text: str, width: int) -> str:
    """`text` padded with spaces on the left to `width` columns (as it is if wider)."""
    return " " * max(0, width - display_width(text)) + text


def _is_wide(ch: str) -> bool:
    """A character a line may break before or after without a space: CJK ideographs, kana,
    hangul, and their full-width punctuation."""
    return wcwidth(ch) == 2 or unicodedata.east_asian_width(ch) in ("W", "F")


def _is_cjk_text(text: str) -> bool:
    return any(_is_wide(ch) for ch in text)


def _tokens(text: str) -> list[tuple[bool, str]]:
    """`text` as the pieces a line may break between: (space before it, piece). A Latin word
    is one piece; each CJK character is one; closing punctuation sticks to the piece before it
    and an opening bracket to the piece after it, so neither is left at a line's edge."""
    tokens: list[tuple[bool, str]] = []
    space = False
    glue_next = False  # the last piece ends with an opening bracket: the next one joins it
    for ch in text:
        if ch.isspace():
            space = True
            glue_next = False
            continue
        wide = _is_wide(ch)
        last_wide = bool(tokens) and _is_wide(tokens[-1][1][-1])
        if tokens and not space and (glue_next or ch in NOT_AT_START):
            join = True
        elif tokens and ch in NOT_AT_START:  # a space, then 。: keep it off the line's start
            tokens[-1] = (tokens[-1][0], tokens[-1][1] + " " + ch)
            space = False
            continue
        else:
            # a Latin word goes on until a space or a CJK character
            join = bool(tokens) and not space and not wide and not last_wide
        if join:
            tokens[-1] = (tokens[-1][0], tokens[-1][1] + ch)
        else:
            tokens.append((space, ch))
        glue_next = ch in NOT_AT_END
        space = False
    return tokens


def _head(piece: str, room: int) -> int:
    """How many characters of `piece` (wider than `room` columns) start a line of `room`
    columns: as many as fit, at least one, fewer if the next one may not start a line."""
    used = count = 0
    for ch in piece:
        if count and used + display_width(ch) > room:
            break
        used += display_width(ch)
        count += 1
    while 1 < count < len(piece) and piece[count] in NOT_AT_START:
        count -= 1  # carry a character over with the 。 that follows it
    return count


def _wrap_cjk(text: str, width: int, initial_indent: str, subsequent_indent: str) -> list[str]:
    lines: list[str] = []
    line, used, empty = initial_indent, display_width(initial_indent), True
    for space, piece in _tokens(text):
        gap = " " if space and not empty else ""
        size = display_width(piece)
        if not empty and used + len(gap) + size > width:
            lines.append(line)
            line, used, empty, gap = subsequent_indent, display_width(subsequent_indent), True, ""
        while empty and size > width - used and len(piece) > 1:  # wider than a line: cut it
            count = _head(piece, max(1, width - used))
            lines.append(line + piece[:count])
            line, used = subsequent_indent, display_width(subsequent_indent)
            piece = piece[count:]
            size = display_width(piece)
        line += gap + piece
        used += len(gap) + size
        empty = False
    if not empty:
        lines.append(line)
    return lines


def wrap(
    text: str,
    width: int,
    initial_indent: str = "",
    subsequent_indent: str = "",
    break_on_hyphens: bool = True,
) -> list[str]:
    """`text` (its runs of white space taken as one space) in lines of at most `width` columns.

    Latin text breaks at spaces (as `textwrap`, whose lines it gives unchanged); text with CJK
    characters may also break between any two of them, and closing punctuation (。、」）！？)
    never starts a line. A word longer than a line is cut. [] for text with nothing in it."""
    text = " ".join(text.split())
    if not _is_cjk_text(text + initial_indent + subsequent_indent):
        return textwrap.wrap(
            text,
            width,
            initial_indent=initial_indent,
            subsequent_indent=subsequent_indent,
            break_long_words=True,
            break_on_hyphens=break_on_hyphens,
        )
    return _wrap_cjk(text, width, initial_indent, subsequent_indent)


def fill(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> str:
    """`wrap` joined into one string."""
    return "\n".join(wrap(text, width, initial_indent, subsequent_indent))


def fit_lines(text: str, width: int, hang: int = 2) -> str:
    """Every line of `text` that is wider than `width` columns wrapped, its continuation lines
    indented like it plus `hang` spaces; lines that fit (and empty ones) are kept as they are."""
    out = []
    for line in text.split("\n"):
        if display_width(line) <= width:
            out.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip(" "))]
        out += wrap(line, width, indent, indent + " " * hang, break_on_hyphens=False) or [""]
    return "\n".join(out)


def wrap_label(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` columns, the continuation lines indented by two
    spaces; nothing is dropped (a word longer than a line is split across lines)."""
    return wrap(text, width, subsequent_indent="  ", break_on_hyphens=False) or [""]


def row(label: str, rest: str, width: int, indent: str = "  ") -> list[str]:
    """A table row: `label` wrapped in a column of `width` columns, `rest` (the figures)
    beside its first line."""
    lines = wrap_label(label, width)
    first = f"{indent}{ljust(lines[0], width)} {rest}" if rest else f"{indent}{lines[0]}"
    return [first, *(f"{indent}{line}" for line in lines[1:])]


def headers(titles: list[str], width: int) -> list[str]:
    """Column headings right-aligned in columns of `width`, each wrapped to `width - 1`
    columns over as many lines as the longest needs (bottom-aligned, so the last line of
    every heading sits just above its figures)."""
    wrapped = [wrap(t, width - 1, break_on_hyphens=False) or [""] for t in titles]
    height = max((len(w) for w in wrapped), default=0)
    padded = [[""] * (height - len(w)) + w for w in wrapped]
    return ["".join(rjust(col[i], width) for col in padded) for i in range(height)]
