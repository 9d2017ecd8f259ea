"""A reusable layout check for any screen: nothing overlaps, nothing leaves the window, no
label is cut without an ellipsis.

    problems = layout_problems(app)
    assert not problems, "\\n".join(problems)

`layout_problems` draws one fresh frame of the current screen (the mouse parked off-screen, so
no tooltip is open) and looks at:

- widgets: every live, visible widget of the screen lies inside the window, and no two of the
  top layer's own widgets overlap (a drop-down's or panel's parts are inside it, so they are
  not compared with it);
- painted text (everything drawn with `Painter.text`): inside the window, overlapping no
  other painted text and no widget of the top layer;
- labels: every visible button's label fits inside the button, or ends with "…"; and its
  letters fit its height (a label cut at the bottom cannot be read).

With an overlay open (help, pause, console), only the overlay's own text and widgets are
compared with each other; it is meant to cover the screen beneath.
"""

from __future__ import annotations

from contextlib import contextmanager

import pygame
from pygame_gui.elements import UIButton

ELLIPSIS = "…"


@contextmanager
def recorded_text(app):  # noqa: ANN001
    """Collect (rect, text, layer) for every piece of text painted on a window-sized surface.

    `layer` is 0 for the scene and n for the n-th overlay, so an overlay's text is compared only
    with its own.
    """
    painter_class = type(app.painter)
    original = painter_class.text
    records: list[tuple[pygame.Rect, str, int]] = []
    window = app.surface.get_size()

    def text(self, surface, text, pos, *args, **kwargs):  # noqa: ANN001, ANN202
        rect = original(self, surface, text, pos, *args, **kwargs)
        if surface.get_size() == window and text.strip():
            records.append((pygame.Rect(rect), text, app._drawing_layer))
        return rect

    painter_class.text = text
    try:
        yield records
    finally:
        painter_class.text = original


def _draw_fresh_frame(app) -> list[tuple[pygame.Rect, str, int]]:  # noqa: ANN001
    """Draw one frame with every cached layer dropped, recording the painted text by layer."""
    app.mouse = (-1000, -1000)
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEMOTION, pos=(-1000, -1000), rel=(0, 0), buttons=(0, 0, 0))
    )
    app.step(1 / 60)
    layers = [app.scene, *app.overlays]
    for layer in layers:
        layer._layer = None
    originals = [layer.draw for layer in layers]
    for index, layer in enumerate(layers):

        def draw(surface, index=index, original=originals[index]):  # noqa: ANN001, ANN202
            app._drawing_layer = index
            original(surface)

        layer.draw = draw
    app._drawing_layer = 0
    try:
        with recorded_text(app) as records:
            app.draw()
    finally:
        for layer, original in zip(layers, originals, strict=True):
            layer.draw = original
        del app._drawing_layer
    return records


def _widget_rects(layer) -> list[tuple[pygame.Rect, str]]:  # noqa: ANN001
    out = []
    for widget in layer.widgets:
        if not widget.alive() or not widget.visible:
            continue
        if type(widget).__name__ in ("UIImage",):  # an overlay's dimmed backdrop
            continue
        label = getattr(widget, "text", None) or type(widget).__name__
        out.append((pygame.Rect(widget.rect), str(label)))
    return out


def _label_room(button: UIButton) -> int:
    border = button.border_width
    sides = border["left"] + border["right"] if isinstance(border, dict) else 2 * int(border)
    return (
        button.rect.width
        - sides
        - 2 * getattr(button, "shadow_width", 0)
        - 2 * getattr(button, "text_horiz_alignment_padding", 0)
    )


def _label_headroom(button: UIButton) -> int:
    border = button.border_width
    sides = border["top"] + border["bottom"] if isinstance(border, dict) else 2 * int(border)
    return button.rect.height - sides - 2 * getattr(button, "shadow_width", 0)


def layout_problems(app) -> list[str]:  # noqa: ANN001
    """Everything wrong with the current screen's layout (see the module docstring)."""
    records = _draw_fresh_frame(app)
    window = pygame.Rect((0, 0), app.size)
    top = len(app.overlays)
    problems = []
    layers = [app.scene, *app.overlays]
    for layer in layers:
        for rect, label in _widget_rects(layer):
            if not window.contains(rect):
                problems.append(f"widget {label!r} {rect} leaves the window {window.size}")
    widgets = _widget_rects(layers[-1])
    if top:
        panel = getattr(layers[-1], "panel", None)
        widgets = [w for w in widgets if panel is None or w[0] != panel.rect]
    for i, (a, label_a) in enumerate(widgets):
        for b, label_b in widgets[i + 1 :]:
            if a.colliderect(b) and not (a.contains(b) or b.contains(a)):
                problems.append(f"widgets {label_a!r} {a} and {label_b!r} {b} overlap")
    texts = [(rect, text) for rect, text, layer in records if layer == top]
    for rect, text, _ in records:
        if not window.contains(rect):
            problems.append(f"text {text!r} {rect} leaves the window {window.size}")
    for i, (a, text_a) in enumerate(texts):
        for b, text_b in texts[i + 1 :]:
            if a.colliderect(b):
                problems.append(f"texts {text_a!r} {a} and {text_b!r} {b} overlap")
        for rect, label in widgets:
            if a.colliderect(rect) and not (top and rect.contains(a)):
                problems.append(f"text {text_a!r} {a} overlaps widget {label!r} {rect}")
    for sprite in app.manager.get_sprite_group().sprites():
        if isinstance(sprite, UIButton) and sprite.visible and sprite.alive() and sprite.text:
            width = sprite.font.size(sprite.text)[0]
            if width > _label_room(sprite) and not sprite.text.endswith(ELLIPSIS):
                problems.append(
                    f"button label {sprite.text!r} is {width} px wide in {_label_room(sprite)} px"
                )
            height = sprite.font.size(sprite.text)[1]
            if height > _label_headroom(sprite):
                problems.append(
                    f"button label {sprite.text!r} is {height} px high in a button with "
                    f"{_label_headroom(sprite)} px for it: its letters are cut"
                )
    return problems
