"""The indicator dashboard: every indicator as a bar with its last change, and why it moved on hover."""

from __future__ import annotations

import pygame

from game.engine.game import Game, TurnReport
from game.engine.ledger import movements
from game.formatting import number, signed
from game.ui.labels import actor_colour
from game.ui.widgets import Painter


def explain_movement(
    game: Game, indicator: str, report: TurnReport | None, description: str | None = None
) -> str:
    """Tooltip text: the value, what it means, and last turn's change broken down by cause."""
    book = game.book
    value = game.state.values[indicator]
    lines = [f"{book.title_of(indicator)}: {number(value)}"]
    if description:
        lines.append(" ".join(description.split()))
    if indicator == "tension":
        lines.append(f"At {number(book.crisis_at)} the game ends in a crisis.")
    if report is not None:
        mv = movements(report.changes).get(indicator)
        if mv is None or not mv.causes:
            lines.append(f"No change in {game.scenario.turn_label.lower()} {report.turn}.")
        else:
            causes = "; ".join(f"{label} {signed(a)}" for label, a in mv.causes[:6])
            more = f" (and {len(mv.causes) - 6} more)" if len(mv.causes) > 6 else ""
            absorbed = (
                f" Resilience absorbed {number(mv.absorbed)} of the losses." if mv.absorbed else ""
            )
            lines.append(
                f"Last {game.scenario.turn_label.lower()}: {signed(mv.total)} = {causes}{more}.{absorbed}"
            )
    return "\n".join(lines)


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
    rows: list[tuple[str, str | None]] = [
        ("cooperation", ind.cooperation.description),
        ("tension", ind.tension.description),
    ]
    rows += [(k, ind.resilience[k.split(".", 1)[1]].description) for k in book.domain_keys]
    n_rows = len(rows) + len(book.delegation_ids) + 2  # plus the two group headings
    pad = max(6, rect.height // 60)
    step = max(14, (rect.height - 2 * pad) // n_rows)
    base = 13 if step >= 20 else 11
    label_w = int(rect.width * 0.45)
    bar_x = rect.x + pad + label_w
    bar_w = rect.right - pad - bar_x - 78
    y = rect.y + pad
    for key, description in rows:
        row = pygame.Rect(rect.x + 2, y, rect.width - 4, step)
        value = v[key]
        title = (
            book.title_of(key).replace("Resilience (", "").rstrip(")")
            if key.startswith("resilience.")
            else book.title_of(key)
        )
        if key.startswith("resilience.") and key == book.domain_keys[0]:
            painter.text(surface, "Resilience", (rect.x + pad, y - 2), base - 1, pal.text_dim)
            y += step
            row.y = y
        painter.text(
            surface,
            title,
            (rect.x + pad + (8 if key.startswith("resilience.") else 0), y + 1),
            base,
            max_width=label_w - 10,
        )
        bar = pygame.Rect(bar_x, y + step // 4, max(20, bar_w), max(6, step // 2))
        if key == "tension":
            frac_line = book.crisis_at / 100
            colour = (
                pal.bad
                if value >= 0.75 * book.crisis_at
                else pal.warning
                if value >= 0.5 * book.crisis_at
                else pal.text_dim
            )
            painter.bar(surface, bar, value / 100, colour, marker=frac_line, marker_colour=pal.bad)
        else:
            painter.bar(surface, bar, value / 100, pal.accent if key == "cooperation" else pal.good)
        painter.text(
            surface, number(value), (bar.right + 34, y + 1), base, bold=True, align="right"
        )
        delta = _delta(report, key)
        if delta:
            better = delta < 0 if key == "tension" else delta > 0
            arrow = "+" if delta > 0 else "-"
            painter.text(
                surface,
                f"{arrow}{signed(delta)[1:]}",
                (bar.right + 38, y + 1),
                base - 1,
                pal.good if better else pal.bad,
            )
        row.height = step
        row.y = y
        painter.hover(row, explain_movement(game, key, report, description))
        y += step
    y += 2
    painter.text(
        surface, "Delegations: support, capital", (rect.x + pad, y - 2), base - 1, pal.text_dim
    )
    y += step
    for actor in book.delegation_ids:
        dele = book.delegations[actor]
        colour = actor_colour(game, actor, pal)
        pygame.draw.circle(surface, colour, (rect.x + pad + 5, y + step // 2), 5)
        painter.text(
            surface,
            dele.short or dele.title,
            (rect.x + pad + 16, y + 1),
            base,
            max_width=label_w - 20,
        )
        support = v[f"support.{actor}"]
        capital = v[f"capital.{actor}"]
        half = max(20, bar_w // 2 - 4)
        painter.bar(
            surface,
            pygame.Rect(bar_x, y + step // 4, half, max(6, step // 2)),
            support / 100,
            colour,
        )
        painter.text(surface, number(support), (bar_x + half + 4, y + 1), base - 1)
        painter.text(
            surface,
            f"cap {number(capital)}/{dele.capital.max}",
            (rect.right - pad, y + 1),
            base - 1,
            align="right",
        )
        row = pygame.Rect(rect.x + 2, y, rect.width - 4, step)
        tip = explain_movement(
            game,
            f"support.{actor}",
            report,
            "Domestic support for the government's policy; it feeds capital.",
        )
        tip += "\n" + explain_movement(
            game,
            f"capital.{actor}",
            report,
            "Political capital: spent to push (or oppose) measures, regained each turn with support.",
        )
        painter.hover(row, tip)
        y += step
