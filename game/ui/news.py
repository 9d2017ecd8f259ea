"""The news feed: gray-zone actions, injects and adoptions, newest turn first, as pygame_gui HTML.

What the facilitator does during a turn's decisions (an inject fired, an indicator adjusted
with its reason, a turn taken back) leads the feed at once, under "This <turn> so far".

The feed is bounded whatever the game holds: each turn shows its newest
MAX_FACILITATOR_LINES facilitator entries and says how many more there were (a class may make
thousands of adjustments in one turn; the debrief and the report list them all). Every text
from the scenario or the facilitator is made drawable and escaped by `widget_html`.
"""

from __future__ import annotations

from game.engine.game import Game
from game.i18n import _, number
from game.ui.labels import facilitator_entry, inject_effects_text
from game.ui.palette import Palette
from game.ui.theme import hexcode
from game.ui.widgets import widget_html
from game.wording import history_label, is_inducement

MAX_FACILITATOR_LINES = 8  # per turn; the rest are counted ("and 12 more earlier ...")


def _plain(text: str) -> str:
    return widget_html(" ".join(text.split()))


def facilitator_lines(game: Game, turn: int, limit: int | None = None) -> tuple[list[str], int]:
    """What the white cell did in `turn`, newest last (notes are the facilitator's own and stay
    out), an inject with its text and effects; with `limit`, only the newest `limit` of them.
    Returns the lines and how many earlier ones were left out."""
    out: list[str] = []
    left_out = 0
    for a in reversed(game.facilitator_log):
        if a.turn != turn or a.kind == "note":
            continue
        if limit is not None and len(out) >= limit:
            left_out += 1
            continue
        entry = facilitator_entry(game, a)
        if not entry:
            continue
        if a.kind == "inject":
            inj = game.book.inject[a.inject_id].model
            effects = inject_effects_text(game, a.inject_id, fired=True)
            entry += f": {' '.join(inj.text.split())} [{effects}]"
        out.append(_("The facilitator {action}").format(action=entry))
    out.reverse()
    return out, left_out


def _facilitator_html(game: Game, turn: int, colour: str, dim: str) -> list[str]:
    lines, left_out = facilitator_lines(game, turn, MAX_FACILITATOR_LINES)
    parts = []
    if left_out:
        more = _(
            "… and {count} more earlier this {turn_label} (the debrief and the report list "
            "them all)"
        ).format(count=number(left_out, 0), turn_label=game.scenario.turn_label.lower())
        parts.append(f"<font color='{dim}'>{widget_html(more)}</font><br>")
    parts.extend(f"<font color='{colour}'>{_plain(line)}</font><br>" for line in lines)
    return parts


def news_html(game: Game, palette: Palette, limit_turns: int = 6) -> str:
    """The feed as pygame_gui HTML: this turn's facilitator changes, then the last
    `limit_turns` turns, newest first (the briefing before the first turn)."""
    book = game.book
    dim = hexcode(palette.text_dim)
    warn = hexcode(palette.warning)
    good = hexcode(palette.good)
    offer = hexcode(palette.accent)
    parts = [f"<b>{widget_html(_('News'))}</b><br>"]
    now = _facilitator_html(game, game.state.turn, warn, dim) if not game.over else []
    if now:
        so_far = _("This {turn_label} so far").format(turn_label=game.scenario.turn_label.lower())
        parts.append(f"<br><b>{widget_html(so_far)}</b><br>")
        parts.extend(now)
    if not game.reports:
        parts.append(f"<font color='{dim}'>{_plain(game.scenario.briefing)}</font>")
        return "".join(parts)
    for report in reversed(game.reports[-limit_turns:]):
        heading = _("{turn_label} {number}").format(
            turn_label=game.scenario.turn_label, number=report.turn
        )
        parts.append(f"<br><b>{widget_html(heading)}</b><br>")
        parts.extend(_facilitator_html(game, report.turn, warn, dim))
        for mid in report.adopted:
            adopted = _("Adopted: {measure}").format(measure=book.measure[mid].model.title)
            parts.append(f"<font color='{good}'>{widget_html(adopted)}</font><br>")
        for inj in report.injects:
            model = book.inject[inj].model
            # the history excursion's events happened for real: said, with their date, first
            history = history_label(book, inj)
            label = _("{label}:").format(label=history)
            mark = f"<b>{widget_html(label)}</b> " if history else ""
            parts.append(
                f"<font color='{warn}'>{mark}{widget_html(model.title)}</font> "
                f"{_plain(model.text)}<br>"
            )
        for e in report.events:
            where = game.scenario.locations.get(e.location).title if e.location else ""
            place = f" <font color='{dim}'>({widget_html(where)})</font>" if where else ""
            # an offer meant to divide the partners, not a threat: said before its headline
            inducement = _("Inducement:")
            kind = (
                f"<font color='{offer}'><b>{widget_html(inducement)}</b></font> "
                if is_inducement(book, e.event_id)
                else ""
            )
            parts.append(f"{kind}<b>{widget_html(e.title)}</b>{place} {_plain(e.text)}<br>")
        if report.crisis:
            crisis = _("Crisis: tension reached the threshold.")
            parts.append(f"<font color='{warn}'><b>{widget_html(crisis)}</b></font><br>")
    return "".join(parts)
