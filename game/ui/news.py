"""The news feed: gray-zone actions, injects and adoptions, newest turn first, as pygame_gui HTML."""

from __future__ import annotations

from html import escape

from game.engine.game import Game
from game.ui.palette import Palette
from game.ui.theme import hexcode


def news_html(game: Game, palette: Palette, limit_turns: int = 6) -> str:
    book = game.book
    dim = hexcode(palette.text_dim)
    warn = hexcode(palette.warning)
    good = hexcode(palette.good)
    parts = ["<b>News</b><br>"]
    if not game.reports:
        parts.append(
            f"<font color='{dim}'>{escape(' '.join(game.scenario.briefing.split()))}</font>"
        )
        return "".join(parts)
    for report in reversed(game.reports[-limit_turns:]):
        parts.append(f"<br><b>{escape(game.scenario.turn_label)} {report.turn}</b><br>")
        for mid in report.adopted:
            parts.append(
                f"<font color='{good}'>Adopted: {escape(book.measure[mid].model.title)}</font><br>"
            )
        for inj in report.injects:
            model = book.inject[inj].model
            parts.append(
                f"<font color='{warn}'>{escape(model.title)}</font> {escape(' '.join(model.text.split()))}<br>"
            )
        for e in report.events:
            where = game.scenario.locations.get(e.location).title if e.location else ""
            place = f" <font color='{dim}'>({escape(where)})</font>" if where else ""
            parts.append(f"<b>{escape(e.title)}</b>{place} {escape(' '.join(e.text.split()))}<br>")
        if report.crisis:
            parts.append(
                f"<font color='{warn}'><b>Crisis: tension reached the threshold.</b></font><br>"
            )
    return "".join(parts)
