"""What if: change one delegation's decision in one turn and replay the rest with the same seed.

The engine replays the game with every other decision kept where it is still legal; the two
outcomes are shown side by side ("had Japan pushed the Basic Act in quarter 3 ...").
"""

from __future__ import annotations

import pygame
import pygame_gui

from game.engine.game import EngineError, Game
from game.engine.state import Choice
from game.formatting import number
from game.i18n import _
from game.ui.labels import short_turn
from game.ui.scenes.base import Scene

CHOICES = {"push": Choice.PUSH, "hold": Choice.HOLD, "oppose": Choice.OPPOSE}


class CounterfactualScene(Scene):
    title = "What if"

    def __init__(self, app):  # noqa: ANN001
        super().__init__(app)
        self.game: Game = app.session.game
        self.turn = 1
        self.actor = self.game.book.delegation_ids[0]
        self.measure = self.game.book.measures[0].id
        self.choice = "push"
        self.other: Game | None = None
        self.message = ""

    def labels(self) -> tuple[dict[str, int], dict[str, str], dict[str, str]]:
        """The menus' choices, whole label -> value; measures numbered as on their cards."""
        g = self.game
        turns = {
            _("{turn_label} {number}").format(turn_label=g.scenario.turn_label, number=t): t
            for t in range(1, len(g.history) + 1)
        }
        actors = {g.book.delegations[a].title: a for a in g.book.delegation_ids}
        measures = {
            f"{i}. {m.model.title}": m.id
            for i, m in enumerate(g.book.measures, 1)
            if self.actor in m.cost
        }
        return turns, actors, measures

    def build(self) -> None:
        s, p = self.s, self.app.painter
        turns, actors, measures = self.labels()
        if self.measure not in measures.values():
            self.measure = next(iter(measures.values()))
        self.title_y = s(16)
        self.intro = pygame.Rect(
            s(42), self.title_y + p.line_height(28, True), self.width - s(80), 2 * p.line_height(14)
        )
        y = self.intro.bottom + s(12)
        menu_h = max(s(38), p.line_height(15) + 12)
        gap = s(12)
        room = self.width - s(80) - 3 * gap
        shares = {"turn": 1.0, "actor": 1.4, "measure": 2.6, "choice": 0.8}
        x = s(40)
        self.menus = {}
        pick = {
            "turn": ([(k, str(v)) for k, v in turns.items()], str(self.turn)),
            "actor": (list(actors.items()), self.actor),
            "measure": (list(measures.items()), self.measure),
            "choice": ([(choice_label(c), c) for c in CHOICES], self.choice),
        }
        for name, (options, current) in pick.items():
            w = int(room * shares[name] / sum(shares.values()))
            self.menus[name] = self.dropdown(options, current, pygame.Rect(x, y, w, menu_h))
            x += w + gap
        y += menu_h + s(12)
        run_h = max(s(44), p.line_height(16, True) + 12)
        label = _("Replay with this change")
        run = self.button(
            pygame.Rect(s(40), y, max(s(240), p.width(label, 16, True) + s(50)), run_h),
            label,
            self.run,
            _("Same seed, every other decision kept where still legal (Enter)"),
            "#primary",
        )
        self.recorded = pygame.Rect(
            run.rect.right + s(20),
            y,
            self.width - run.rect.right - s(60),
            max(run_h, 2 * p.line_height(14)),
        )
        back_h = max(s(46), p.line_height(15) + 12)
        self.button(
            pygame.Rect(s(40), self.height - back_h - s(16), s(220), back_h),
            _("Back to debrief"),
            self.back,
            "Esc",
        )
        self.results_top = max(run.rect.bottom, self.recorded.bottom) + s(12)
        self.results_bottom = self.height - back_h - s(28)
        self.bind(pygame.K_RETURN, "Enter", _("replay with this change"), self.run)
        self.bind(pygame.K_ESCAPE, "Esc", _("back to the debrief"), self.back)
        self.bind(pygame.K_t, "T", _("next turn"), lambda: self.cycle("turn"))
        self.bind(pygame.K_d, "D", _("next delegation"), lambda: self.cycle("actor"))
        self.bind(pygame.K_m, "M", _("next measure"), lambda: self.cycle("measure"))
        self.bind(pygame.K_c, "C", _("next choice"), lambda: self.cycle("choice"))

    def cycle(self, what: str) -> None:
        turns, actors, measures = self.labels()
        if what == "turn":
            values = list(turns.values())
            self.turn = values[(values.index(self.turn) + 1) % len(values)]
        elif what == "actor":
            values = list(actors.values())
            self.actor = values[(values.index(self.actor) + 1) % len(values)]
        elif what == "measure":
            values = list(measures.values())
            self.measure = (
                values[(values.index(self.measure) + 1) % len(values)]
                if self.measure in values
                else values[0]
            )
        else:
            values = list(CHOICES)
            self.choice = values[(values.index(self.choice) + 1) % len(values)]
        self.app.rebuild()

    def on_event(self, event: pygame.event.Event) -> None:
        if event.type != pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            return
        value = event.selected_option_id
        if event.ui_element is self.menus["turn"]:
            self.turn = int(value)
        elif event.ui_element is self.menus["actor"]:
            self.actor = value
            self.app.rebuild()  # the measures this delegation takes part in
        elif event.ui_element is self.menus["measure"]:
            self.measure = value
        elif event.ui_element is self.menus["choice"]:
            self.choice = value

    def run(self) -> None:
        from game.engine.saves import SaveError, counterfactual

        try:
            self.other = counterfactual(self.game, self.turn, self.actor, self.measure, self.choice)
            self.message = ""
        except (EngineError, SaveError) as err:
            self.other = None
            self.message = str(err)

    def back(self) -> None:
        from game.ui.scenes.debrief import DebriefScene

        self.app.switch(DebriefScene(self.app))

    def draw(self, surface: pygame.Surface) -> None:
        key = (self.turn, self.actor, self.measure, self.choice, self.message, id(self.other))
        self.draw_cached(surface, key, self.draw_page)  # results are scored once, not every frame

    def draw_page(self, surface: pygame.Surface) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        g = self.game
        p.text(surface, _("What if..."), (s(40), self.title_y), 28, bold=True)
        p.paragraph(
            surface,
            _(
                "Pick a turn, a delegation, a measure and a different choice. The game is "
                "replayed with the same seed; every other decision is kept where it is still "
                "possible."
            ),
            self.intro,
            14,
            pal.text_dim,
            max_lines=2,
        )
        recorded = g.history[self.turn - 1].get(self.actor, {}).get(self.measure, Choice.HOLD)
        title = g.book.measure[self.measure].model.title
        who = g.book.delegations[self.actor].title
        label = g.scenario.turn_label.lower()
        lines = max(1, self.recorded.height // p.line_height(14))
        p.paragraph(
            surface,
            recorded_text(recorded.value).format(
                turn_label=label, turn=self.turn, delegation=who, measure=title
            ),
            self.recorded,
            14,
            pal.text_dim,
            max_lines=lines,
        )
        top = self.results_top
        if self.message:
            top = p.paragraph(
                surface,
                self.message,
                pygame.Rect(s(40), top, self.width - s(80), 2 * p.line_height(14)),
                14,
                pal.bad,
                max_lines=2,
            )
        if self.other is None:
            return
        col = (self.width - s(100)) // 2
        left = pygame.Rect(s(40), top, col, self.results_bottom - top)
        right = pygame.Rect(left.right + s(20), top, col, left.height)
        self.draw_outcome(surface, left, g, _("As played"))
        self.draw_outcome(
            surface,
            right,
            self.other,
            had_text(self.choice).format(
                delegation=who, measure=title, turn_label=label, turn=self.turn
            ),
        )

    def draw_outcome(
        self, surface: pygame.Surface, rect: pygame.Rect, game: Game, heading: str
    ) -> None:
        """One outcome: heading, band, the scores (two columns if one does not fit, with the
        change from the game as played) and the measures adopted, as many as fit."""
        p, s, pal = self.app.painter, self.s, self.app.palette
        p.panel(surface, rect)
        x, y, w = rect.x + s(14), rect.y + s(8), rect.width - s(28)
        bottom = rect.bottom - s(8)
        # two lines for either heading, so both panels are laid out alike
        box = pygame.Rect(x, y, w, 2 * p.line_height(15, True))
        p.paragraph(surface, heading, box, 15, pal.accent, bold=True, max_lines=2)
        y = box.bottom
        r = game.result()
        if r.crisis:
            band = _("{outcome} (crisis in {turn_label} {turn})").format(
                outcome=r.outcome.title,
                turn_label=game.scenario.turn_label.lower(),
                turn=r.final_turn,
            )
        elif game.over:
            band = _("{outcome} (ran its course)").format(outcome=r.outcome.title)
        else:
            band = _("{outcome} (unfinished)").format(outcome=r.outcome.title)
        y = p.paragraph(
            surface,
            band,
            pygame.Rect(x, y + s(4), w, p.line_height(18, True)),
            18,
            bold=True,
            max_lines=1,
        )
        rows = self._rows(r)
        baseline = dict(self._rows(self.game.result())) if game is not self.game else {}
        line = p.line_height(14)
        adopted = [m for m in game.book.measures if m.id in game.state.adopted]
        room = bottom - y - s(6) - line - line * min(2, len(adopted))
        columns = 1 if len(rows) * line <= room else 2
        per_col = -(-len(rows) // columns)
        col_w = (w - s(16) * (columns - 1)) // columns
        delta_w = p.width("+10.5", 13) + s(6)
        value_w = p.width("100.0", 14, True) + s(6)
        y += s(6)
        for i, (label, value) in enumerate(rows):
            cx = x + (i // per_col) * (col_w + s(16))
            cy = y + (i % per_col) * line
            if cy + line > bottom:
                continue
            p.text(surface, label, (cx, cy), 14, max_width=col_w - value_w - delta_w)
            right = cx + col_w - delta_w
            p.text(surface, number(value), (right, cy), 14, bold=True, align="right")
            before = baseline.get(label)
            if before is not None and round(value - before, 1):
                delta = value - before
                better = delta < 0 if label == _("Tension") else delta > 0
                p.text(
                    surface,
                    f"{delta:+.1f}",
                    (cx + col_w, cy),
                    13,
                    pal.good if better else pal.bad,
                    align="right",
                )
        y += per_col * line + s(6)
        if y + line > bottom:
            return
        p.text(surface, _("Measures adopted"), (x, y), 14, pal.text_dim)
        y += line
        step = p.line_height(13)
        room = (bottom - y) // step
        shown = adopted if len(adopted) <= room else adopted[: max(0, room - 1)]
        for m in shown:
            p.text(
                surface,
                f"{short_turn(game, game.state.adopted[m.id])}  {m.model.title}",
                (x, y),
                13,
                max_width=w,
            )
            y += step
        if len(shown) < len(adopted) and room > 0:
            rest = adopted[len(shown) :]
            more = _("… and {count} more (hover)").format(count=len(rest))
            r = p.text(surface, more, (x, y), 13, pal.text_dim)
            p.hover(r, "\n".join(m.model.title for m in rest))

    def _rows(self, r) -> list[tuple[str, float]]:  # noqa: ANN001
        sh = r.shared
        rows = [
            (_("Shared score"), sh.score),
            (_("Cooperation"), sh.cooperation),
            (_("Mean resilience"), sh.resilience),
            (_("Tension"), 100 - sh.stability),
        ]
        rows += [
            (
                _("{delegation} score").format(delegation=self.game.book.delegations[a].title),
                d.score,
            )
            for a, d in r.delegations.items()
        ]
        return rows


def choice_label(choice: str) -> str:
    """A choice's name in the menu ('push', 'hold', 'oppose')."""
    return {"push": _("push"), "hold": _("hold"), "oppose": _("oppose")}.get(choice, choice)


def recorded_text(choice: str) -> str:
    """The decision as recorded, one whole sentence per choice (placeholders: turn_label,
    turn, delegation, measure)."""
    if choice == "push":
        return _("Recorded: in {turn_label} {turn}, {delegation} chose to push {measure}.")
    if choice == "oppose":
        return _("Recorded: in {turn_label} {turn}, {delegation} chose to oppose {measure}.")
    return _("Recorded: in {turn_label} {turn}, {delegation} chose to hold {measure}.")


def had_text(choice: str) -> str:
    """The replayed outcome's heading, one whole sentence per choice (placeholders:
    delegation, measure, turn_label, turn)."""
    if choice == "push":
        return _("Had {delegation} chosen to push {measure} in {turn_label} {turn}")
    if choice == "oppose":
        return _("Had {delegation} chosen to oppose {measure} in {turn_label} {turn}")
    return _("Had {delegation} chosen to hold {measure} in {turn_label} {turn}")
