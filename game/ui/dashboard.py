"""The indicator dashboard: every indicator as a bar with its last change, and why it moved on hover.

Changes made during the current turn's decisions (a facilitator's inject or adjustment) show at
once: the row's change becomes this turn's so far, marked in the warning colour, and its hover
names the cause. Rows are sized from the font, and with many delegations and domains the
delegations share rows two by two, so nothing overlaps at any text size.
"""

from __future__ import annotations

import math

import pygame

from game.engine.game import Game, TurnReport
from game.engine.ledger import Movement, movements
from game.formatting import number, signed
from game.i18n import _
from game.ui.labels import actor_colour
from game.ui.richtext import bold, esc, plain, signed_tone
from game.ui.widgets import Painter

LABEL_SIZES = (13, 12, 11, 10, 9, 8)  # base sizes tried, largest first, until the rows fit


def changes_this_turn(game: Game) -> dict[str, Movement]:
    """What moved during the current turn's decisions (facilitator injects and adjustments),
    by indicator with its causes; empty once the turn is resolved."""
    turn = game.state.turn
    entries = []
    for entry in reversed(game.ledger):
        if entry.turn != turn:
            break
        entries.append(entry)
    return movements(reversed(entries), book=game.book) if entries else {}


def explain_movement(
    game: Game,
    indicator: str,
    report: TurnReport | None,
    description: str | None = None,
    now: Movement | None = None,
    marked: bool = False,
) -> str:
    """Tooltip text: the value, what it means, this turn's change so far (with its causes) and
    last turn's change broken down by cause. With `marked`, as marked text (game.ui.richtext):
    the indicator's name bold, every change in the good or bad colour for this indicator
    (tension going up is bad); else plain text."""
    book = game.book
    value = game.state.values[indicator]
    label = game.scenario.turn_label.lower()
    up = indicator != "tension"
    lines = [
        esc(_("{indicator}: {value}")).format(
            indicator=bold(book.title_of(indicator)), value=esc(number(value))
        )
    ]
    if description:
        lines.append(esc(" ".join(description.split())))
    if indicator == "tension":
        lines.append(
            esc(
                _(
                    "From {warning} the bar turns red: a crisis is near. At {crisis} the game "
                    "ends in a crisis."
                ).format(warning=number(book.warning_at), crisis=number(book.crisis_at))
            )
        )
    if now is not None and now.causes:
        lines.append(
            esc(_("Changed during this {turn_label}: {change} = {causes}.")).format(
                turn_label=esc(label), change=signed_tone(now.total, up), causes=_causes(now, up)
            )
        )
    if report is not None:
        mv = movements(report.changes, book=book).get(indicator)
        if mv is None or not mv.causes:
            lines.append(
                esc(
                    _("No change in {turn_label} {turn}.").format(
                        turn_label=label, turn=report.turn
                    )
                )
            )
        elif mv.absorbed:
            lines.append(
                esc(
                    _(
                        "Last {turn_label}: {change} = {causes}. Resilience absorbed {amount} "
                        "of the losses."
                    )
                ).format(
                    turn_label=esc(label),
                    change=signed_tone(mv.total, up),
                    causes=_causes(mv, up),
                    amount=esc(number(mv.absorbed)),
                )
            )
        else:
            lines.append(
                esc(_("Last {turn_label}: {change} = {causes}.")).format(
                    turn_label=esc(label), change=signed_tone(mv.total, up), causes=_causes(mv, up)
                )
            )
    text = "\n".join(lines)
    return text if marked else plain(text)


def _causes(mv: Movement, up_is_good: bool = True) -> str:
    """Marked text: each cause with its change in the good or bad colour."""
    causes = esc("; ").join(
        f"{esc(label)} {signed_tone(a, up_is_good)}" for label, a in mv.causes[:6]
    )
    if len(mv.causes) > 6:
        return esc(_("{causes} (and {count} more)")).format(
            causes=causes, count=esc(str(len(mv.causes) - 6))
        )
    return causes


def _delta(report: TurnReport | None, indicator: str) -> float:
    if report is None:
        return 0.0
    return round(sum(e.amount for e in report.changes if e.indicator == indicator), 1)


LAYOUTS = ((1, 1), (1, 2), (2, 2), (3, 2), (3, 3))  # (domains, delegations) side by side


def draw_dashboard(
    painter: Painter,
    surface: pygame.Surface,
    rect: pygame.Rect,
    game: Game,
    report: TurnReport | None,
) -> None:
    """Cooperation and tension, resilience by domain, then each delegation's support and
    capital: one row each while they fit at a readable size, else domains and delegations
    share rows (two or three a row)."""
    pal = painter.palette
    book = game.book
    ind = game.scenario.indicators
    painter.panel(surface, rect)
    now = changes_this_turn(game)
    domains = list(book.domain_keys)
    actors = list(book.delegation_ids)
    pad = max(6, rect.height // 60)
    height = rect.height - 2 * pad
    for per_domain_row, per_actor_row in LAYOUTS:
        n_rows = 2 + 2 + math.ceil(len(domains) / per_domain_row)
        n_rows += math.ceil(len(actors) / per_actor_row)
        step = height // n_rows
        base = next((b for b in LABEL_SIZES if painter.line_height(b) <= step), None)
        if base is not None and base >= 11:
            break
    if base is None:
        base = LABEL_SIZES[-1]
    small = max(LABEL_SIZES[-1], base - 1)
    inner = pygame.Rect(rect.x + pad, rect.y + pad, rect.width - 2 * pad, height)
    y = inner.y
    for key, description in (
        ("cooperation", ind.cooperation.description),
        ("tension", ind.tension.description),
    ):
        cell = pygame.Rect(inner.x, y, inner.width, step)
        _draw_indicator(painter, surface, cell, game, key, report, now, base, small, description)
        y += step
    painter.text(surface, _("Resilience"), (inner.x, y), small, pal.text_dim)
    y += step
    y = _grid(
        inner,
        y,
        step,
        domains,
        per_domain_row,
        lambda cell, key: _draw_indicator(
            painter,
            surface,
            cell.inflate(-8, 0).move(4, 0),
            game,
            key,
            report,
            now,
            base,
            small,
            ind.resilience[key.split(".", 1)[1]].description,
        ),
    )
    painter.text(
        surface,
        _("Delegations: support, capital"),
        (inner.x, y),
        small,
        pal.text_dim,
        max_width=inner.width,
    )
    y += step
    _grid(
        inner,
        y,
        step,
        actors,
        per_actor_row,
        lambda cell, actor: _draw_delegation(
            painter, surface, cell, game, actor, base, small, now, report
        ),
    )


def _grid(inner: pygame.Rect, y: int, step: int, keys: list[str], per_row: int, draw) -> int:  # noqa: ANN001
    """Cells of `per_row` to a row, each drawn by `draw(cell, key)`; returns the y below."""
    gap = 8 if per_row > 1 else 0
    width = (inner.width - gap * (per_row - 1)) // per_row
    for i, key in enumerate(keys):
        row, col = divmod(i, per_row)
        draw(pygame.Rect(inner.x + col * (width + gap), y + row * step, width, step), key)
    return y + math.ceil(len(keys) / per_row) * step


def _draw_indicator(
    painter: Painter,
    surface: pygame.Surface,
    cell: pygame.Rect,
    game: Game,
    key: str,
    report: TurnReport | None,
    now: dict[str, Movement],
    base: int,
    small: int,
    description: str | None,
) -> None:
    """One indicator: its name, a bar (where there is room), the value and the change."""
    pal = painter.palette
    book = game.book
    value = game.state.values[key]
    title = book.title_of(key)
    short = book.domain_title(key) if key.startswith("resilience.") else title
    value_w = painter.width("100.0", base, True)
    delta_w = painter.width("+10.5", small)
    numbers = value_w + 4 + delta_w
    label_w = int(cell.width * 0.42)
    bar_w = cell.width - label_w - numbers - 10
    if bar_w < 24:  # no room for a bar: the name takes it
        label_w, bar_w = cell.width - numbers - 6, 0
    show_delta = label_w - 6 >= painter.width("MMM", base)
    if not show_delta:  # a narrow cell: the name before the change (its tooltip has both)
        delta_w = 0
        label_w = cell.width - value_w - 6
    y, step = cell.y, cell.height
    if label_w - 6 >= painter.width("M…", base):  # else the tooltip names it
        painter.text(surface, short, (cell.x, y), base, max_width=label_w - 6, full=title)
    if bar_w:
        bar_h = max(4, min(step // 2, painter.line_height(base) // 2))
        bar = pygame.Rect(cell.x + label_w, y + (step - bar_h) // 2, bar_w, bar_h)
        if key == "tension":
            colour = (
                pal.bad
                if value >= book.warning_at
                else pal.warning
                if value >= 0.5 * book.crisis_at
                else pal.text_dim
            )
            painter.bar(surface, bar, value / 100, colour, book.crisis_at / 100, pal.bad)
        else:
            painter.bar(surface, bar, value / 100, pal.accent if key == "cooperation" else pal.good)
    value_right = cell.right - delta_w - (4 if show_delta else 0)
    painter.text(surface, number(value), (value_right, y), base, bold=True, align="right")
    if show_delta:
        _draw_delta(painter, surface, (value_right + 4, y), small, key, report, now.get(key))
    painter.hover(
        cell, explain_movement(game, key, report, description, now.get(key), marked=True), rich=True
    )


def _draw_delta(
    painter: Painter,
    surface: pygame.Surface,
    pos: tuple[int, int],
    base: int,
    key: str,
    report: TurnReport | None,
    now: Movement | None,
) -> None:
    """The change beside a value: this turn's so far (marked) if anything moved it during the
    decisions, else last turn's."""
    pal = painter.palette
    delta = now.total if now is not None and now.total else _delta(report, key)
    if not delta:
        return
    better = delta < 0 if key == "tension" else delta > 0
    colour = pal.warning if now is not None and now.total else pal.good if better else pal.bad
    painter.text(surface, signed(delta), pos, base, colour, bold=now is not None)


def _draw_delegation(
    painter: Painter,
    surface: pygame.Surface,
    cell: pygame.Rect,
    game: Game,
    actor: str,
    base: int,
    small: int,
    now: dict[str, Movement],
    report: TurnReport | None,
) -> None:
    """One delegation: colour dot, name, support (with a bar when there is room) and capital."""
    pal = painter.palette
    dele = game.book.delegations[actor]
    v = game.state.values
    colour = actor_colour(game, actor, pal)
    y, step = cell.y, cell.height
    pygame.draw.circle(surface, colour, (cell.x + 5, y + step // 2), 5)
    support = v[f"support.{actor}"]
    capital = v[f"capital.{actor}"]
    moved = any(now.get(f"{k}.{actor}") for k in ("support", "capital"))
    support_w = painter.width("100.0", small, moved)
    name = dele.short or dele.title
    # "cap 2.4/10"; in a narrow cell "2.4/10" (the heading says "support, capital"), so the
    # name keeps room for at least its first characters
    readable = min(painter.width(name, base), painter.width("MMM", base))
    cap_text = _("cap {value}/{max}").format(value=number(capital), max=dele.capital.max)
    cap_w = painter.width(cap_text, small)
    if cell.right - cap_w - 8 - support_w - 6 - (cell.x + 16) < readable:
        cap_text = f"{number(capital)}/{dele.capital.max}"
        cap_w = painter.width(cap_text, small)
    if cell.right - cap_w - 8 - support_w - 6 - (cell.x + 16) < readable:
        cap_text, cap_w = "", -8  # narrower still: name and support (capital in the tooltip)
    if cap_text:
        painter.text(
            surface, cap_text, (cell.right, y), small, pal.warning if moved else None, align="right"
        )
    name_w = max(readable, int(cell.width * 0.42) - 16)
    bar_x = cell.x + 16 + name_w + 6
    bar_w = cell.right - cap_w - 8 - support_w - 4 - bar_x
    if bar_w >= 24:
        painter.bar(
            surface,
            pygame.Rect(bar_x, y + step // 4, bar_w, max(4, step // 2)),
            support / 100,
            colour,
        )
        number_x = bar_x + bar_w + 4
    else:
        number_x = cell.right - cap_w - 8 - support_w
        name_w = number_x - 6 - cell.x - 16
    painter.text(
        surface, number(support), (number_x, y), small, pal.warning if moved else None, bold=moved
    )
    if name_w >= painter.width("M…", base):  # else the dot's colour and tooltip name it
        painter.text(
            surface,
            name,
            (cell.x + 16, y),
            base,
            max_width=name_w,
            full=dele.title,
        )
    tip = explain_movement(
        game,
        f"support.{actor}",
        report,
        _("Domestic support for the government's policy; it feeds capital."),
        now.get(f"support.{actor}"),
        marked=True,
    )
    tip += "\n" + explain_movement(
        game,
        f"capital.{actor}",
        report,
        _(
            "Political capital: spent to push (or oppose) measures, regained each turn with "
            "support."
        ),
        now.get(f"capital.{actor}"),
        marked=True,
    )
    painter.hover(cell, tip, rich=True)
