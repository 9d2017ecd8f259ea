"""The news feed: gray-zone actions, injects and adoptions, newest turn first, as pygame_gui HTML.

What the facilitator does during a turn's decisions (an inject fired, an indicator adjusted
with its reason, a turn taken back) leads the feed at once, under "This <turn> so far".
"""

from __future__ import annotations

from html import escape

from game.engine.game import Game
from game.ui.labels import facilitator_entry, inject_effects_text
from game.ui.palette import Palette
from game.ui.theme import hexcode


def _plain(text: str) -> str:
    return escape(" ".join(text.split()))


def facilitator_lines(game: Game, turn: int) -> list[str]:
    """What the white cell did in `turn` (notes are the facilitator's own and stay out), an
    inject with its text and effects."""
    out = []
    for a in game.facilitator_log:
        if a.turn != turn or a.kind == "note" or not (entry := facilitator_entry(game, a)):
            continue
        if a.kind == "inject":
            inj = game.book.inject[a.inject_id].model
            entry += f": {' '.join(inj.text.split())} [{inject_effects_text(game, a.inject_id)}]"
        out.append(f"The facilitator {entry}")
    return out


def news_html(game: Game, palette: Palette, limit_turns: int = 6) -> str:
    book = game.book
    dim = hexcode(palette.text_dim)
    warn = hexcode(palette.warning)
    good = hexcode(palette.good)
    parts = ["<b>News</b><br>"]
    now = facilitator_lines(game, game.state.turn) if not game.over else []
    if now:
        parts.append(f"<br><b>This {escape(game.scenario.turn_label.lower())} so far</b><br>")
        for line in now:
            parts.append(f"<font color='{warn}'>{_plain(line)}</font><br>")
    if not game.reports:
        parts.append(f"<font color='{dim}'>{_plain(game.scenario.briefing)}</font>")
        return "".join(parts)
    for report in reversed(game.reports[-limit_turns:]):
        parts.append(f"<br><b>{escape(game.scenario.turn_label)} {report.turn}</b><br>")
        for line in facilitator_lines(game, report.turn):
            parts.append(f"<font color='{warn}'>{_plain(line)}</font><br>")
        for mid in report.adopted:
            parts.append(
                f"<font color='{good}'>Adopted: {escape(book.measure[mid].model.title)}</font><br>"
            )
        for inj in report.injects:
            model = book.inject[inj].model
            parts.append(
                f"<font color='{warn}'>{escape(model.title)}</font> {_plain(model.text)}<br>"
            )
        for e in report.events:
            where = game.scenario.locations.get(e.location).title if e.location else ""
            place = f" <font color='{dim}'>({escape(where)})</font>" if where else ""
            parts.append(f"<b>{escape(e.title)}</b>{place} {_plain(e.text)}<br>")
        if report.crisis:
            parts.append(
                f"<font color='{warn}'><b>Crisis: tension reached the threshold.</b></font><br>"
            )
    return "".join(parts)
