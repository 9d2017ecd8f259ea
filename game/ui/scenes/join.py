"""The join screen of a class on devices: for each delegation played by people, a QR code of
its join link, the link under it, and how many devices have joined (live). Shown on the
projector before the first turn, and again (J, or the console's Show join codes) for
latecomers and devices that lost their page.
"""

from __future__ import annotations

import pygame

from game.i18n import N_, _, ngettext
from game.ui.devices import network_text, qr_surface
from game.ui.labels import actor_colour
from game.ui.scenes.base import Scene
from game.ui.scenes.flow import after_decision_point


class JoinScene(Scene):
    title = "Join codes"
    watches_class = True  # every delegation may decide while the codes are up
    mouse_help = N_("hover a shortened link to read it whole")

    def build(self) -> None:
        s, p = self.s, self.app.painter
        classroom = self.app.classroom
        self.urls = self.app.web.join_urls()
        self.actors = [a for a in classroom.humans if a in self.urls]
        self.started = self.app.class_started or bool(self.app.session.game.reports)
        button_h = max(s(48), p.line_height(16, True) + s(14))
        self.bottom_y = self.height - s(16) - button_h
        label = _("Back to the game") if self.started else _("Start the game")
        key_help = _("back to the game") if self.started else _("start the game")
        width = max(s(260), p.width(label, 16, True) + s(40))
        self.button(
            pygame.Rect(self.width - s(24) - width, self.bottom_y, width, button_h),
            label,
            self.go,
            _("Show the projector's turn screen (Enter); this screen comes back with J"),
            "#primary",
        )
        self.menu_button = self.button(
            pygame.Rect(
                s(24), self.bottom_y, max(s(140), p.width(_("Menu"), 15) + s(40)), button_h
            ),
            _("Menu"),
            self.pause,
            _("Pause menu: save, load, settings, quit (Esc)"),
        )
        self.title_y = s(16)
        self.info_y = self.title_y + p.line_height(26, True) + s(2)
        info_lines = 2 if self.app.class_note else 1
        top = self.info_y + info_lines * p.line_height(14) + s(10)
        self.layout_cards(pygame.Rect(s(24), top, self.width - s(48), self.bottom_y - s(12) - top))
        self.bind(pygame.K_RETURN, "Enter", key_help, self.go)
        self.bind(pygame.K_ESCAPE, "Esc", _("pause menu"), self.pause)

    def layout_cards(self, area: pygame.Rect) -> None:
        """One card per delegation, in one row (up to three) or two, each as tall as fits:
        the name, the QR code as big as the card allows, the link and who has joined."""
        s, p = self.s, self.app.painter
        count = max(1, len(self.actors))
        rows = 1 if count <= 3 else 2
        cols = -(-count // rows)
        gap = s(16)
        card_w = (area.width - (cols - 1) * gap) // cols
        card_h = (area.height - (rows - 1) * gap) // rows
        self.text_h = (
            p.line_height(18, True) + 2 * p.line_height(15) + p.line_height(15, True) + s(36)
        )
        self.qr_size = max(s(60), min(card_w - s(24), card_h - self.text_h))
        # as tall as their content, the rows centred in the area
        card_h = min(card_h, self.qr_size + self.text_h)
        area = area.inflate(0, -(area.height - rows * card_h - (rows - 1) * gap))
        self.cards: dict[str, pygame.Rect] = {}
        # the cards are centred in the area when the QR codes leave room beside them
        used_w = min(card_w, self.qr_size + s(24)) if rows == 1 else card_w
        used_w = max(used_w, min(card_w, s(260)))
        row_w = cols * used_w + (cols - 1) * gap
        x0 = area.x + (area.width - row_w) // 2
        for i, actor in enumerate(self.actors):
            r, c = divmod(i, cols)
            self.cards[actor] = pygame.Rect(
                x0 + c * (used_w + gap), area.y + r * (card_h + gap), used_w, card_h
            )

    def go(self) -> None:
        after_decision_point(self.app, "projector")

    def pause(self) -> None:
        from game.ui.scenes.pause import PauseOverlay

        self.app.open_overlay(PauseOverlay(self.app))

    def draw(self, surface: pygame.Surface) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        game = self.app.session.game
        classroom = self.app.classroom
        web = self.app.web
        if classroom is None or web is None:
            return
        p.text(
            surface,
            _("Join the class: {scenario}").format(scenario=game.scenario.title),
            (s(24), self.title_y),
            26,
            bold=True,
            max_width=self.width - s(48),
        )
        y = self.info_y
        where = network_text(web)
        r = p.text(surface, where, (s(26), y), 14, pal.text_dim, max_width=self.width - s(52))
        p.hover(r, where)
        if self.app.class_note:
            y += p.line_height(14)
            p.text(
                surface,
                self.app.class_note,
                (s(26), y),
                14,
                pal.warning,
                max_width=self.width - s(52),
            )
        self.qr_spots: dict[str, tuple[pygame.Rect, str]] = {}
        joined = classroom.status().joined
        for actor, card in self.cards.items():
            self.draw_card(surface, actor, card, self.urls[actor], joined.get(actor, 0))
        hint = _("Scan the code, or type the link, on each delegation's phones or laptops.")
        left = self.menu_button.rect.right + s(16)
        p.text(
            surface,
            hint,
            (left, self.bottom_y + s(14)),
            14,
            pal.text_dim,
            max_width=max(s(40), self.width - s(300) - left),
        )

    def draw_card(
        self, surface: pygame.Surface, actor: str, card: pygame.Rect, url: str, joined: int
    ) -> None:
        p, s, pal = self.app.painter, self.s, self.app.palette
        game = self.app.session.game
        p.panel(surface, card)
        colour = actor_colour(game, actor, pal)
        pygame.draw.rect(
            surface, colour, pygame.Rect(card.x, card.y, card.width, s(8)), border_radius=4
        )
        inner_w = card.width - s(20)
        y = card.y + s(12)
        name = game.book.delegations[actor].title
        p.text(surface, name, (card.centerx, y), 18, bold=True, align="center", max_width=inner_w)
        y += p.line_height(18, True) + s(4)
        code = qr_surface(url, min(self.qr_size, inner_w))
        spot = code.get_rect(midtop=(card.centerx, y))
        surface.blit(code, spot)
        self.qr_spots[actor] = (pygame.Rect(spot), url)  # where each code is (tests scan it)
        y = spot.bottom + s(4)
        # the link on two lines where it does not fit on one: the address, then the code
        if p.width(url, 15) <= inner_w:
            lines = [url]
        else:
            head, _sep, code_part = url.partition("#")
            lines = [head, "#" + code_part]
        for line in lines:
            p.text(surface, line, (card.centerx, y), 15, align="center", max_width=inner_w)
            y += p.line_height(15)
        if len(lines) == 1:
            y += p.line_height(15)
        y += s(4)
        text = (
            _("No device yet")
            if not joined
            else ngettext("{count} device joined", "{count} devices joined", joined).format(
                count=joined
            )
        )
        p.text(
            surface,
            text,
            (card.centerx, y),
            15,
            pal.good if joined else pal.warning,
            bold=True,
            align="center",
            max_width=inner_w,
        )
