"""Load game, for a class that was played on the students' devices (its folder has
devices.json): resume on devices with the same links (the server on the saved port), or in
hot seat as any other game. When the saved port is taken, say so and offer another port (the
links then change: the codes stay, the port in them does not) or hot seat.
"""

from __future__ import annotations

import pygame

from game.i18n import _, listing
from game.ui.labels import turn_title
from game.ui.scenes.base import Scene
from game.ui.scenes.flow import after_decision_point


class ResumeDevicesScene(Scene):
    title = "Resume a class on devices"

    def __init__(self, app, saved):  # noqa: ANN001 - saved: game.net.classroom.ClassroomFile
        super().__init__(app)
        self.saved = saved
        self.problem = ""  # why the server could not start on the saved port

    def build(self) -> None:
        s, p = self.s, self.app.painter
        button_h = max(s(48), p.line_height(16, True) + s(14))
        width = min(self.width - s(80), s(900))
        self.box = pygame.Rect((self.width - width) // 2, s(40), width, self.height - s(80))
        y = self.box.bottom - button_h
        labels = [_("Resume on devices"), _("Resume in hot seat")]
        if self.problem:
            labels = [_("Resume on another port"), _("Resume in hot seat")]
        gap = s(16)
        back_w = max(s(120), p.width(_("Back"), 15) + s(40))
        each = (width - back_w - 2 * gap) // 2
        self.button(
            pygame.Rect(self.box.x, y, back_w, button_h),
            _("Back"),
            self.back,
            _("Back to the saved games (Esc)"),
        )
        self.button(
            pygame.Rect(self.box.x + back_w + gap, y, each, button_h),
            labels[1],
            self.hot_seat,
            _("The delegations take turns at this screen, as in any game (H)"),
        )
        if self.problem:
            self.button(
                pygame.Rect(self.box.right - each, y, each, button_h),
                labels[0],
                self.other_port,
                _(
                    "A free port: the join codes stay, but the links change (the port in "
                    "them); show them again on the join screen (Enter)"
                ),
                "#primary",
            )
            self.bind(pygame.K_RETURN, "Enter", _("resume on another port"), self.other_port)
        else:
            self.button(
                pygame.Rect(self.box.right - each, y, each, button_h),
                labels[0],
                self.on_devices,
                _(
                    "The same links as before (port {port}); the devices reconnect by "
                    "themselves (Enter)"
                ).format(port=self.saved.port),
                "#primary",
            )
            self.bind(pygame.K_RETURN, "Enter", _("resume on the devices"), self.on_devices)
        self.bind(pygame.K_h, "H", _("resume in hot seat"), self.hot_seat)
        self.bind(pygame.K_ESCAPE, "Esc", _("back to the saved games"), self.back)
        self.text_bottom = y - s(16)

    def on_devices(self, port: int | None = None) -> None:
        from game.ui.devices import start_class

        saved = self.saved
        problem = start_class(
            self.app,
            self.app.session,
            port=saved.port if port is None else port,
            lan=saved.lan,
            saved=saved,
            fallback=False,
        )
        if problem:
            self.problem = problem
            self.teardown()
            self.build()
            return
        after_decision_point(self.app, "join")

    def other_port(self) -> None:
        self.on_devices(port=0)

    def hot_seat(self) -> None:
        session = self.app.session
        after_decision_point(self.app, "curtain" if len(session.humans) > 1 else "turn")

    def back(self) -> None:
        from game.ui.scenes.load import LoadScene

        self.app.session = None
        self.app.switch(LoadScene(self.app))

    def draw(self, surface: pygame.Surface) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        game = self.app.session.game
        box = self.box
        y = box.y
        # the heading wraps (two lines at most) rather than lose its end at large text sizes
        y = p.paragraph(
            surface,
            _("This class was played on the students' devices"),
            pygame.Rect(box.x, y, box.width, 2 * p.line_height(26, True)),
            26,
            bold=True,
            max_lines=2,
        )
        y += s(8)
        names = listing(game.book.delegations[a].title for a in self.app.session.humans)
        paragraphs = [
            (
                _("{scenario}, seed {seed}: {turn}.").format(
                    scenario=game.scenario.title, seed=game.seed, turn=turn_title(game)
                ),
                pal.text,
            ),
            (
                (
                    _(
                        "Resume on devices: the server starts again on port {port} (the room's "
                        "network) with the same join links, so the devices of {names} "
                        "reconnect by themselves; the join screen shows the codes for any that "
                        "do not."
                    )
                    if self.saved.lan
                    else _(
                        "Resume on devices: the server starts again on port {port} (this "
                        "machine only) with the same join links, so the devices of {names} "
                        "reconnect by themselves; the join screen shows the codes for any that "
                        "do not."
                    )
                ).format(port=self.saved.port, names=names),
                pal.text,
            ),
            (
                _(
                    "Resume in hot seat: the delegations take turns at this screen instead; "
                    "what they had chosen on their devices this turn is not used."
                ),
                pal.text_dim,
            ),
        ]
        if self.problem:
            paragraphs.append(
                (
                    _(
                        "{problem} Resume on another port (the codes stay, the links change: "
                        "show them again), or in hot seat."
                    ).format(problem=self.problem),
                    pal.bad,
                )
            )
        for text, colour in paragraphs:
            if y >= self.text_bottom:
                break
            y = p.paragraph(
                surface, text, pygame.Rect(box.x, y, box.width, self.text_bottom - y), 16, colour
            ) + s(12)
