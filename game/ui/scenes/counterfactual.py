"""What if: change one delegation's decision in one turn and replay the rest with the same seed.

The engine replays the game with every other decision kept where it is still legal; the two
outcomes are shown side by side ("had Japan pushed the Basic Act in quarter 3 ...").
"""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UIDropDownMenu

from game.engine.game import EngineError, Game
from game.engine.state import Choice
from game.formatting import number
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
        g = self.game
        turns = {f"{g.scenario.turn_label} {t}": t for t in range(1, len(g.history) + 1)}
        actors = {g.book.delegations[a].title: a for a in g.book.delegation_ids}
        measures = {m.model.title: m.id for m in g.book.measures if self.actor in m.cost}
        return turns, actors, measures

    def build(self) -> None:
        s = self.s
        turns, actors, measures = self.labels()
        if self.measure not in measures.values():
            self.measure = next(iter(measures.values()))
        y = s(110)
        w = (self.width - s(120)) // 4
        x = s(40)
        self.menus = {}
        pick = {
            "turn": (list(turns), next(k for k, v in turns.items() if v == self.turn)),
            "actor": (list(actors), next(k for k, v in actors.items() if v == self.actor)),
            "measure": (list(measures), next(k for k, v in measures.items() if v == self.measure)),
            "choice": (list(CHOICES), self.choice),
        }
        for i, (name, (options, current)) in enumerate(pick.items()):
            menu = UIDropDownMenu(
                options, current, pygame.Rect(x + i * (w + s(13)), y, w, s(38)), self.app.manager
            )
            self.menus[name] = self.add(menu)
        self.button(
            pygame.Rect(s(40), y + s(56), s(220), s(44)),
            "Replay with this change",
            self.run,
            "Same seed, every other decision kept where still legal (Enter)",
            "#primary",
        )
        self.button(
            pygame.Rect(s(40), self.height - s(70), s(200), s(46)),
            "Back to debrief",
            self.back,
            "Esc",
        )
        self.bind(pygame.K_RETURN, "Enter", "replay with this change", self.run)
        self.bind(pygame.K_ESCAPE, "Esc", "back to the debrief", self.back)
        self.bind(pygame.K_t, "T", "next turn", lambda: self.cycle("turn"))
        self.bind(pygame.K_d, "D", "next delegation", lambda: self.cycle("actor"))
        self.bind(pygame.K_m, "M", "next measure", lambda: self.cycle("measure"))
        self.bind(pygame.K_c, "C", "next choice", lambda: self.cycle("choice"))

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
        turns, actors, measures = self.labels()
        if event.ui_element is self.menus["turn"]:
            self.turn = turns[event.text]
        elif event.ui_element is self.menus["actor"]:
            self.actor = actors[event.text]
            self.app.rebuild()  # the measures this delegation takes part in
        elif event.ui_element is self.menus["measure"]:
            self.measure = measures[event.text]
        elif event.ui_element is self.menus["choice"]:
            self.choice = event.text

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
        p.text(surface, "What if...", (s(40), s(24)), 28, bold=True)
        p.text(
            surface,
            "Pick a turn, a delegation, a measure and a different choice. The game is replayed with the same seed; "
            "every other decision is kept where it is still possible.",
            (s(42), s(68)),
            14,
            pal.text_dim,
            max_width=self.width - s(80),
        )
        recorded = g.history[self.turn - 1].get(self.actor, {}).get(self.measure, Choice.HOLD)
        p.text(
            surface,
            f"Recorded: {g.book.delegations[self.actor].title} chose to {recorded.value} this measure.",
            (s(280), s(178)),
            14,
            pal.text_dim,
        )
        if self.message:
            p.text(
                surface, self.message, (s(40), s(220)), 14, pal.bad, max_width=self.width - s(80)
            )
        if self.other is None:
            return
        top = s(240)
        col = (self.width - s(100)) // 2
        left = pygame.Rect(s(40), top, col, self.height - top - s(90))
        right = pygame.Rect(left.right + s(20), top, col, left.height)
        self.draw_outcome(surface, left, g, "As played")
        title = g.book.measure[self.measure].model.title
        who = g.book.delegations[self.actor].title
        self.draw_outcome(
            surface,
            right,
            self.other,
            f"Had {who} chosen to {self.choice} {title} in {g.scenario.turn_label.lower()} {self.turn}",
        )

    def draw_outcome(
        self, surface: pygame.Surface, rect: pygame.Rect, game: Game, heading: str
    ) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        p.panel(surface, rect)
        x, y, w = rect.x + s(14), rect.y + s(10), rect.width - s(28)
        y = p.paragraph(
            surface, heading, pygame.Rect(x, y, w, s(44)), 15, pal.accent, bold=True, max_lines=2
        )
        r = game.result()
        end = (
            f"crisis in {game.scenario.turn_label.lower()} {r.final_turn}"
            if r.crisis
            else "ran its course"
            if game.over
            else "unfinished"
        )
        y = p.paragraph(
            surface,
            f"{r.outcome.title} ({end})",
            pygame.Rect(x, y + s(6), w, s(44)),
            18,
            bold=True,
            max_lines=2,
        )
        rows = self._rows(r)
        baseline = dict(self._rows(self.game.result())) if game is not self.game else {}
        for label, value in rows:
            p.text(surface, label, (x, y + s(8)), 14)
            p.text(surface, number(value), (x + w - s(70), y + s(8)), 14, bold=True, align="right")
            if baseline:
                before = baseline.get(label)
                if before is not None and round(value - before, 1):
                    delta = value - before
                    better = delta < 0 if label == "Tension" else delta > 0
                    p.text(
                        surface,
                        f"{delta:+.1f}",
                        (x + w, y + s(8)),
                        13,
                        pal.good if better else pal.bad,
                        align="right",
                    )
            y += s(24)
        y += s(8)
        p.text(surface, "Measures adopted", (x, y), 14, pal.text_dim)
        y += s(22)
        for m in game.book.measures:
            if m.id in game.state.adopted:
                p.text(
                    surface,
                    f"{game.scenario.turn_label[:1]}{game.state.adopted[m.id]}  {m.model.title}",
                    (x, y),
                    13,
                    max_width=w,
                )
                y += s(19)

    def _rows(self, r) -> list[tuple[str, float]]:  # noqa: ANN001
        sh = r.shared
        rows = [
            ("Shared score", sh.score),
            ("Cooperation", sh.cooperation),
            ("Mean resilience", sh.resilience),
            ("Tension", 100 - sh.stability),
        ]
        rows += [
            (f"{self.game.book.delegations[a].title} score", d.score)
            for a, d in r.delegations.items()
        ]
        return rows
