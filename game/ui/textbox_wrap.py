"""Japanese and Chinese line breaking in pygame_gui's text boxes (the news feed, How to play,
the scoring page, every UITextBox).

pygame_gui breaks lines only at spaces; a run of text without one (a Japanese or Chinese
sentence) it cuts wherever the line ends and adds a hyphen on both sides. `install` makes its
text pieces break Japanese and Chinese the way the game's own painted text does
(`game.ui.widgets.wrap_cjk`): between BudouX phrases, with kinsoku (no line starts with
closing punctuation or a small kana, none ends with an opening bracket), between characters
only when one phrase is wider than a line, and never with a hyphen. Text without Japanese or
Chinese is split by pygame_gui as before. This is the one place pygame_gui's line splitting
is changed.
"""

from __future__ import annotations

from pygame_gui.core.text.text_line_chunk import TextLineChunkFTFont

from game.ui.widgets import NO_LINE_START, _kinsoku_ok, has_cjk, phrases

_original_split = TextLineChunkFTFont.split


def _width(chunk: TextLineChunkFTFont, text: str) -> int:
    return chunk.font.get_rect(text).width if text else 0


def break_points(text: str) -> list[int]:
    """Where a line may break in `text` (offsets, ascending): between its phrases and after
    spaces, where kinsoku allows."""
    points, at = set(), 0
    for piece in phrases(text)[:-1]:
        at += len(piece)
        points.add(at)
    # Latin words inside a Japanese or Chinese piece ("採択：Official Japan-Taiwan ...")
    # break at their spaces too
    points.update(i + 1 for i, ch in enumerate(text[:-1]) if ch == " " and text[i + 1] != " ")
    return sorted(at for at in points if 0 < at < len(text) and _kinsoku_ok(text[:at], text[at:]))


def _cjk_split(
    self: TextLineChunkFTFont,
    requested_x: int,
    line_width: int,
    row_start_x: int,
    allow_split_dashes: bool = True,
):  # noqa: ANN202 - the right-hand chunk, or None (the chunk moves to the next line whole)
    text = self.text
    if not has_cjk(text):
        return _original_split(self, requested_x, line_width, row_start_x, allow_split_dashes)
    cut = 0
    for point in break_points(text):
        if _width(self, text[:point]) > requested_x:  # trailing space included: it is drawn
            break
        cut = point
    at_row_start = self.x == row_start_x
    if cut == 0 and not at_row_start:
        lead = len(text) - len(text.lstrip("".join(NO_LINE_START)))
        if lead == 0 or _width(self, text[:lead]) > requested_x:
            # the whole piece goes to the next line (a row may never be wider than the box:
            # pygame_gui refuses to draw it, so punctuation with no room left goes too)
            return None
        cut = lead  # closing punctuation stays at the end of this line
    if cut == 0:  # one phrase wider than a line: between characters, kinsoku kept
        n = 1
        while n < len(text) and _width(self, text[: n + 1]) <= requested_x:
            n += 1
        cut = n
        while cut > 1 and not _kinsoku_ok(text[:cut], text[cut:]):
            cut -= 1
        if not _kinsoku_ok(text[:cut], text[cut:]):
            cut = n
    if cut >= len(text):
        return None
    return self._perform_normal_split(cut)


def install() -> None:
    """Make pygame_gui's text pieces break Japanese and Chinese between phrases (idempotent)."""
    TextLineChunkFTFont.split = _cjk_split
