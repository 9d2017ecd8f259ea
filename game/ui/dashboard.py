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
from game.ui.labels import actor_colour
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
    return movements(reversed(entries)) if entries else {}


def explain_movement(
    game: Game,
    indicator: str,
    report: TurnReport | None,
    description: str | None = None,
    now: Movement | None = None,
) -> str:
    """Tooltip text: the value, what it means, this turn's change so far (with its causes) and
    last turn's change broken down by cause."""
    book = game.book
    value = game.state.values[indicator]
    label = game.scenario.turn_label.lower()
    lines = [f"{book.title_of(indicator)}: {number(value)}"]
    if description:
        lines.append(" ".join(description.split()))
    if indicator == "tension":
        lines.append(f"At {number(book.crisis_at)} the game ends in a crisis.")
    if now is not None and now.causes:
        lines.append(f"Changed during this {label}: {signed(now.total)} = {_causes(now)}.")
    if report is not None:
        mv = movements(report.changes).get(indicator)
        if mv is None or not mv.causes:
            lines.append(f"No change in {label} {report.turn}.")
        else:
            absorbed = (
                f" Resilience absorbed {number(mv.absorbed)} of the losses." if mv.absorbed else ""
            )
            lines.append(f"Last {label}: {signed(mv.total)} = {_causes(mv)}.{absorbed}")
    return "\n".join(lines)


def _causes(mv: Movement) -> str:
    causes = "; ".join(f"{label} {signed(a)}" for label, a in mv.causes[:6])
    more = f" (and {len(mv.causes) - 6} more)" if len(mv.causes) > 6 else ""
    return causes + more


def _delta(report: TurnReport | None, indicator: str) -> float:
    if report is None:
        return 0.0
    return round(sum(e.amount for e in report.changes if e.indicator == indicator), 1)


def draw_dashboard(
    painter: Painter,
    surface: pygame.Surface,
    rect: pygame.Rect,
    game: Game,
    report: TurnReport | None,
) -> None:
    pal = painter.palette
    book = game.book
    ind = game.scenario.indicators
    painter.panel(surface, rect)
    v = game.state.values
    now = changes_this_turn(game)
    rows: list[tuple[str, str | None]] = [
        ("cooperation", ind.cooperation.description),
        ("tension", ind.tension.description),
    ]
    rows += [(k, ind.resilience[k.split(".", 1)[1]].description) for k in book.domain_keys]
    actors = list(book.delegation_ids)
    pad = max(6, rect.height // 60)
    height = rect.height - 2 * pad
    # the largest labels whose rows fit; two delegations a row if one each does not
    for pair in (False, True):
        n_rows = len(rows) + 2 + (math.ceil(len(actors) / 2) if pair else len(actors))
        step = height // n_rows
        base = next((b for b in LABEL_SIZES if painter.line_height(b) <= step), None)
        if base is not None and (base >= 11 or pair):
            break
    if base is None:
        base = LABEL_SIZES[-1]
    small = max(LABEL_SIZES[-1], base - 1)
    label_w = int(rect.width * 0.42)
    bar_x = rect.x + pad + label_w
    value_w = painter.width("100.0", base, True)
    delta_w = painter.width("+10.5", small)
    bar_w = max(20, rect.right - pad - bar_x - value_w - delta_w - 12)
    bar_h = max(4, min(step // 2, painter.line_height(base) // 2))
    y = rect.y + pad
    for key, description in rows:
        if key.startswith("resilience.") and key == book.domain_keys[0]:
            painter.text(surface, "Resilience", (rect.x + pad, y), small, pal.text_dim)
            y += step
        value = v[key]
        resilience = key.startswith("resilience.")
        title = (
            book.title_of(key).replace("Resilience (", "").rstrip(")")
            if resilience
            else book.title_of(key)
        )
        indent = 8 if resilience else 0
        painter.text(
            surface, title, (rect.x + pad + indent, y), base, max_width=label_w - indent - 6
        )
        bar = pygame.Rect(bar_x, y + (step - bar_h) // 2, bar_w, bar_h)
        if key == "tension":
            colour = (
                pal.bad
                if value >= 0.75 * book.crisis_at
                else pal.warning
                if value >= 0.5 * book.crisis_at
                else pal.text_dim
            )
            painter.bar(surface, bar, value / 100, colour, book.crisis_at / 100, pal.bad)
        else:
            painter.bar(surface, bar, value / 100, pal.accent if key == "cooperation" else pal.good)
        value_right = bar.right + 6 + value_w
        painter.text(surface, number(value), (value_right, y), base, bold=True, align="right")
        _draw_delta(painter, surface, (value_right + 4, y), small, key, report, now.get(key))
        painter.hover(
            pygame.Rect(rect.x + 2, y, rect.width - 4, step),
            explain_movement(game, key, report, description, now.get(key)),
        )
        y += step
    painter.text(
        surface,
        "Delegations: support, capital",
        (rect.x + pad, y),
        small,
        pal.text_dim,
        max_width=rect.width - 2 * pad,
    )
    y += step
    columns = 2 if pair else 1
    col_w = (rect.width - 2 * pad) // columns
    for i, actor in enumerate(actors):
        row, col = divmod(i, columns)
        x0 = rect.x + pad + col * col_w
        ry = y + row * step
        cell = pygame.Rect(x0, ry, col_w - (6 if columns > 1 else 0), step)
        _draw_delegation(
            painter, surface, cell, game, actor, base, small, bar_x if not pair else None, now
        )
        tip = explain_movement(
            game,
            f"support.{actor}",
            report,
            "Domestic support for the government's policy; it feeds capital.",
            now.get(f"support.{actor}"),
        )
        tip += "\n" + explain_movement(
            game,
            f"capital.{actor}",
            report,
            "Political capital: spent to push (or oppose) measures, regained each turn with support.",
            now.get(f"capital.{actor}"),
        )
        painter.hover(cell, tip)


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
    bar_x: int | None,
    now: dict[str, Movement],
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
    cap_text = f"cap {number(capital)}/{dele.capital.max}"
    cap_w = painter.width(cap_text, small)
    support_w = painter.width("100.0", small, moved)
    painter.text(
        surface, cap_text, (cell.right, y), small, pal.warning if moved else None, align="right"
    )
    if bar_x is not None:
        name_right = bar_x - 6
        half = max(0, cell.right - cap_w - 8 - support_w - 4 - bar_x)
        if half >= 16:
            painter.bar(
                surface,
                pygame.Rect(bar_x, y + step // 4, half, max(4, step // 2)),
                support / 100,
                colour,
            )
        number_x = bar_x + half + 4 if half >= 16 else bar_x
    else:
        number_x = cell.right - cap_w - 8 - support_w
        name_right = number_x - 6
    painter.text(
        surface,
        number(support),
        (number_x, y),
        small,
        pal.warning if moved else None,
        bold=moved,
    )
    painter.text(
        surface,
        dele.short or dele.title,
        (cell.x + 16, y),
        base,
        max_width=name_right - cell.x - 16,
    )
