"""The projector's turn screen in a class on devices: the map, the dashboard, the news, the
timer and, for each delegation, whether it has decided — never what. No cards and no
drafts: the choices are on the delegations' own devices until the reveal.

The app runs the class each frame (App._run_class: the devices' messages, the clock) and
shows the reveal once every delegation has decided; this screen only shows where things are.
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UITextBox

from game.i18n import _, ngettext
from game.ui.dashboard import draw_dashboard
from game.ui.labels import actor_colour, game_banners, turn_title
from game.ui.news import news_html
from game.ui.scenes.base import Scene
from game.ui.scenes.flow import after_decision_point

DECIDED = "Decided"
DECIDING = "Deciding…"
COMPUTER = "AI"


class ProjectorScene(Scene):
    title = "Projector"
    watches_class = True

    def __init__(self, app):  # noqa: ANN001
        super().__init__(app)
        self.session = app.session
        self.game = self.session.game
        self._version: tuple = ()
        self.news_box = None
        self.flash_message = ""  # set by the console (a take-back): shown for a few seconds
        self.flash = ""
        self.flash_until = 0.0

    def banners(self) -> list[str]:
        return game_banners(self.session, save_warnings=not self.session.save_warnings_seen)

    # --- layout -------------------------------------------------------------------------

    def build(self) -> None:
        s, p = self.s, self.app.painter
        self.app.class_started = True
        W, H = self.width, self.height
        banner = self.banner_height()
        top_h = max(s(46), p.line_height(17, True) + s(14))
        self.top_rect = pygame.Rect(0, banner, W, top_h)
        top = banner + top_h
        bottom = max(s(62), p.line_height(15) + s(30))
        self.bar_rect = pygame.Rect(0, H - bottom, W, bottom)
        status_h = p.line_height(17, True) + p.line_height(20, True) + p.line_height(14) + s(22)
        self.status_rect = pygame.Rect(s(8), H - bottom - s(8) - status_h, W - s(16), status_h)
        upper_h = self.status_rect.y - s(8) - top
        self.map_rect = pygame.Rect(s(8), top, int(W * 0.40), upper_h)
        self.dash_rect = pygame.Rect(self.map_rect.right + s(8), top, int(W * 0.31), upper_h)
        self.news_rect = pygame.Rect(
            self.dash_rect.right + s(8), top, W - self.dash_rect.right - s(16), upper_h
        )
        self.news_box = self.add(
            UITextBox(news_html(self.game, self.app.palette), self.news_rect, self.app.manager)
        )
        self._version = self.game_version()
        self.layout_top()
        self.layout_status()
        self.layout_bar()
        self.bind(pygame.K_j, "J", _("show the join codes (for latecomers)"), self.show_codes)
        self.bind(pygame.K_ESCAPE, "Esc", _("pause menu"), self.pause)

    def layout_top(self) -> None:
        """The scenario's title on the left, the turn, and the clock on the right."""
        p, s = self.app.painter, self.s
        bar = self.top_rect
        self.top_y = bar.y + (bar.height - p.line_height(16, True)) // 2
        timer_w = p.width(_("Time left {time}").format(time="00:00 (stopped)"), 16, True)
        self.timer_slot = pygame.Rect(
            self.width - s(12) - timer_w, bar.y + s(6), timer_w, bar.height - s(12)
        )
        turn_text = turn_title(self.game)
        limit = self.timer_slot.x - s(16)
        title_w = p.width(self.game.scenario.title, 17, True)
        turn_w = min(p.width(turn_text, 16), max(s(40), limit - s(12) - s(16) - s(120)))
        self.turn_x = max(s(12) + min(title_w, limit // 2) + s(16), limit - turn_w - s(8))
        self.turn_x = min(self.turn_x, int(self.width * 0.42))
        self.turn_w = max(s(40), limit - self.turn_x)
        self.title_w = max(s(40), self.turn_x - s(16) - s(12))

    def layout_status(self) -> None:
        """A tile per delegation, side by side."""
        s = self.s
        actors = list(self.game.book.delegation_ids)
        gap = s(8)
        r = self.status_rect
        w = (r.width - gap * (len(actors) - 1)) // max(1, len(actors))
        self.tiles = {
            a: pygame.Rect(r.x + i * (w + gap), r.y, w, r.height) for i, a in enumerate(actors)
        }

    def layout_bar(self) -> None:
        s, p = self.s, self.app.painter
        b = self.bar_rect
        h = b.height - s(18)
        labels = [_("Help"), _("Join codes"), _("Menu")]
        gap = s(10)
        widths = self.button_widths(labels, b.width // 2, gap, [80, 170, 120])
        x = b.right - s(12) - sum(widths) - 2 * gap
        self.help_button = self.button(
            pygame.Rect(x, b.y + s(9), widths[0], h),
            labels[0],
            lambda: self.app.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F1)),
            _("All keys of this screen (F1)"),
        )
        x += widths[0] + gap
        self.codes_button = self.button(
            pygame.Rect(x, b.y + s(9), widths[1], h),
            labels[1],
            self.show_codes,
            _("Show each delegation's QR code and link again, for latecomers (J)"),
        )
        x += widths[1] + gap
        self.button(
            pygame.Rect(x, b.y + s(9), widths[2], h),
            labels[2],
            self.pause,
            _(
                "Pause menu: save, load, settings, quit (Esc); the turn clock stops while it "
                "is open"
            ),
        )
        self.hint_pos = (s(14), b.y + (b.height - p.line_height(15)) // 2)
        self.hint_w = self.help_button.rect.x - s(12) - s(14)

    def game_version(self) -> tuple:
        g = self.game
        return (g.state.turn, len(g.reports), len(g.ledger), len(g.facilitator_log))

    # --- frame --------------------------------------------------------------------------

    def update(self, dt: float) -> None:
        if self.banners_changed():
            return
        if self.app.session is not self.session or self.app.session.game is not self.game:
            after_decision_point(self.app, "projector")  # a take-back or reload replayed it
            return
        version = self.game_version()
        if version != self._version:
            self._version = version  # the facilitator changed something mid-turn
            self.news_box.set_text(news_html(self.game, self.app.palette))
        if self.flash_message:
            self.flash, self.flash_until = self.flash_message, self.app.time_s + 5
            self.flash_message = ""

    def flashing(self) -> bool:
        return bool(self.flash) and self.app.time_s < self.flash_until

    def show_codes(self) -> None:
        after_decision_point(self.app, "join")

    def pause(self) -> None:
        from game.ui.scenes.pause import PauseOverlay

        self.app.open_overlay(PauseOverlay(self.app))

    def statuses(self) -> dict[str, tuple[str, int]]:
        """Each delegation: Decided, Deciding… or AI, and its devices joined."""
        classroom = self.app.classroom
        if classroom is None:
            return {}
        status = classroom.status()
        out = {}
        for actor in self.game.book.delegation_ids:
            if actor not in status.decided:
                out[actor] = (COMPUTER, 0)
            else:
                out[actor] = (
                    DECIDED if status.decided[actor] else DECIDING,
                    status.joined.get(actor, 0),
                )
        return out

    def draw(self, surface: pygame.Surface) -> None:
        statuses = tuple(sorted(self.statuses().items()))
        key = (self._version, statuses, self._banners, self.flashing())
        self.draw_cached(surface, key, self.draw_board)
        self.draw_map(surface)
        self.draw_timer(surface)

    def draw_board(self, surface: pygame.Surface) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        game = self.game
        self.draw_banners(surface)
        y = self.top_y
        p.text(surface, game.scenario.title, (s(12), y), 17, bold=True, max_width=self.title_w)
        p.text(surface, turn_title(game), (self.turn_x, y), 16, max_width=self.turn_w)
        draw_dashboard(p, surface, self.dash_rect, game, self.session.last_report)
        statuses = self.statuses()
        for actor, tile in self.tiles.items():
            what, joined = statuses.get(actor, (DECIDING, 0))
            self.draw_tile(surface, actor, tile, what, joined)
        b = self.bar_rect
        pygame.draw.line(surface, pal.panel_border, b.topleft, b.topright)
        waiting = sum(1 for what, _joined in statuses.values() if what == DECIDING)
        hint = (
            ngettext(
                "Waiting for {count} delegation to decide on their devices · F9 facilitator "
                "console",
                "Waiting for {count} delegations to decide on their devices · F9 facilitator "
                "console",
                waiting,
            ).format(count=waiting)
            if waiting
            else _("Every delegation has decided")
        )
        if self.flashing():
            hint = self.flash
        colour = pal.warning if self.flashing() else pal.text_dim
        r = p.text(surface, hint, self.hint_pos, 15, colour, max_width=self.hint_w)
        p.hover(r, hint)

    def draw_tile(
        self, surface: pygame.Surface, actor: str, tile: pygame.Rect, what: str, joined: int
    ) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        game = self.game
        decided = what == DECIDED
        p.panel(surface, tile, border=pal.good if decided else None, width=2 if decided else 1)
        colour = actor_colour(game, actor, pal)
        pygame.draw.rect(
            surface, colour, pygame.Rect(tile.x, tile.y, s(8), tile.height), border_radius=4
        )
        x, w = tile.x + s(18), tile.width - s(26)
        y = tile.y + s(6)
        name = game.book.delegations[actor].title
        p.text(surface, name, (x, y), 17, bold=True, max_width=w)
        y += p.line_height(17, True) + s(4)
        colour = pal.good if decided else pal.text_dim if what == COMPUTER else pal.warning
        mark_w = 0
        if decided:
            mark_w = self.draw_check(surface, (x, y), p.line_height(20, True), colour)
        label = {
            DECIDED: _("Decided"),
            DECIDING: _("Deciding…"),
            COMPUTER: _("AI (the computer decides)"),
        }.get(what, what)
        p.text(surface, label, (x + mark_w, y), 20, colour, bold=True, max_width=w - mark_w)
        y += p.line_height(20, True) + s(2)
        if what == COMPUTER:
            profile = game.setup.ai_profiles.get(actor, "")
            line = (
                _("AI profile: {profile}").format(profile=profile.replace("_", " "))
                if profile
                else ""
            )
        elif joined:
            line = ngettext("{count} device joined", "{count} devices joined", joined).format(
                count=joined
            )
        else:
            line = _("No device joined yet (J: join codes)")
        if line:
            p.text(surface, line, (x, y), 14, pal.text_dim, max_width=w)

    def draw_check(
        self, surface: pygame.Surface, at: tuple[int, int], height: int, colour: tuple
    ) -> int:
        """A tick drawn with lines (the fonts have no ✓); returns the width it takes."""
        s = self.s
        size = max(8, int(height * 0.6))
        x, y = at[0], at[1] + (height - size) // 2
        points = [
            (x, y + size * 0.55),
            (x + size * 0.38, y + size),
            (x + size, y + size * 0.05),
        ]
        pygame.draw.lines(surface, colour, False, points, max(2, s(4)))
        return size + s(8)

    def draw_map(self, surface: pygame.Surface) -> None:
        from game.ui.mapview import draw_region

        draw_region(self.app, surface, self.map_rect, self.game, self.session.last_report)

    def draw_timer(self, surface: pygame.Surface) -> None:
        session = self.session
        if not session.turn_timer:
            return
        p, s, pal = self.app.painter, self.s, self.app.palette
        slot = self.timer_slot
        y = slot.y + (slot.height - p.line_height(16, True)) // 2
        if session.time_up:
            pygame.draw.rect(surface, pal.bad, slot, border_radius=6)
            p.text(
                surface,
                _("Time is up"),
                (slot.centerx, y),
                16,
                pal.background,
                bold=True,
                align="center",
                max_width=slot.width - s(8),
            )
            return
        colour = pal.warning if session.timer_left < 60 else pal.text
        p.text(
            surface,
            _("Time left {time}").format(time=session.timer_text()),
            (slot.right, y),
            16,
            colour,
            bold=True,
            align="right",
            max_width=slot.width,
        )
