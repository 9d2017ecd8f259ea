"""Fonts for every script the game shows: a per-glyph fallback chain and the language setting.

The game draws with Noto Sans (the primary font), which has no Japanese or Chinese. Any
character the primary font lacks is drawn with the next font of the chain that has it:

1. the shipped Noto Sans CJK subsets (assets/fonts/, made by tools/make_cjk_fonts.py):
   Japanese first, then Traditional Chinese; Traditional Chinese first when the language is
   Chinese (`set_language("zh-Hant")`), so shared ideographs take that region's forms;
2. a CJK font installed on the system (`SYSTEM_CJK_NAMES`), for characters a user's scenario
   has outside the subsets; looked up only when such a character is first met.

A character no font of the chain has is drawn by the primary font (an empty box) and
remembered: `missing_glyphs()` and `missing_warning()` give the app one sentence to show.

Text is split into runs of characters one font draws (`FontChain.runs`); a line's runs are
rendered one by one and placed on one baseline, and widths are measured from the same runs,
so wrapping and shortening agree with what is drawn. Coverage is read with pygame.freetype
(whose `get_metrics` gives None for a character the face lacks; pygame.font's `metrics`
gives the empty box's metrics instead, so it cannot tell).

pygame_gui widgets load fonts from the theme, not through this chain: `register_widget_fonts`
and `widget_font_name` give them a face that has both Latin and CJK when the language needs it.
"""

from __future__ import annotations

import logging
import unicodedata
from collections import OrderedDict
from pathlib import Path

import pygame

from game.i18n import N_, _
from game.paths import ASSET_DIR

log = logging.getLogger(__name__)

FONT_DIR = ASSET_DIR / "fonts"
JP_REGULAR = FONT_DIR / "NotoSansCJKjp-Regular-subset.otf"
JP_BOLD = FONT_DIR / "NotoSansCJKjp-Bold-subset.otf"
TC_REGULAR = FONT_DIR / "NotoSansCJKtc-Regular-subset.otf"
TC_BOLD = FONT_DIR / "NotoSansCJKtc-Bold-subset.otf"

# Installed CJK fonts, by pygame's system font names (lower case, no spaces), best first.
SYSTEM_CJK_NAMES: tuple[str, ...] = (
    "notosanscjkjp",
    "notosanscjktc",
    "notosanscjk",
    "notosanscjksc",
    "sourcehansans",
    "sourcehansansjp",
    "sourcehansanstc",
    "yugothic",
    "yugothicui",
    "meiryo",
    "msgothic",
    "microsoftjhenghei",
    "pingfang",
    "pingfangtc",
    "hiraginosans",
    "hiraginokakugothicpro",
    "hiraginokakugothicpron",
    "notosanscjkkr",
    "wenquanyizenhei",
    "wenquanyimicrohei",
    "droidsansfallback",
)

MISSING_WARNING = N_(
    "Some characters in this scenario cannot be shown: install a CJK font "
    "(for example Noto Sans CJK) to see them. ({characters})"
)

_language = "en"
_generation = 0  # changes whenever the chain's order may change: pictures drawn before are stale
_missing: dict[str, None] = {}  # characters no font has, in the order met
_system_files: dict[bool, Path | None] = {}
_coverage: dict[Path, _Coverage] = {}
_chains: dict[int, FontChain] = {}
_registered: dict[int, tuple[pygame.font.Font, Path | None, bool]] = {}
RUN_CACHE = 4000  # texts whose runs each chain remembers


def set_language(code: str) -> None:
    """The language the player chose ("en", "ja", "zh-Hant"...): decides which CJK face comes
    first in the chain (Chinese text takes Taiwan's forms of shared ideographs)."""
    global _language, _generation
    code = (code or "en").replace("_", "-")
    if code != _language:
        _language = code
        _generation += 1
        _chains.clear()


_min_size = 9  # the smallest text the game draws at the chosen text size (see set_min_size)


def set_min_size(px: int) -> None:
    """The smallest text size in pixels at the chosen text size (game.ui.theme.min_font_size):
    text the game draws smaller than its base (chart labels, fine print) stops there."""
    global _min_size
    _min_size = int(px)


def min_size() -> int:
    return _min_size


def language() -> str:
    return _language


def generation() -> int:
    """A number that changes when text already drawn may draw differently now (the language
    changed the fallback order): caches of rendered text include it in their keys."""
    return _generation


def is_chinese(code: str | None = None) -> bool:
    return (code or _language).lower().split("-")[0] == "zh"


def shipped_files(bold: bool = False) -> list[Path]:
    """The shipped CJK subsets in the chain's order for the current language."""
    jp, tc = (JP_BOLD, TC_BOLD) if bold else (JP_REGULAR, TC_REGULAR)
    order = [tc, jp] if is_chinese() else [jp, tc]
    return [path for path in order if path.exists()]


def system_cjk_file(bold: bool = False) -> Path | None:
    """An installed CJK font (`SYSTEM_CJK_NAMES`), or None; looked up once."""
    if bold not in _system_files:
        found = None
        if SYSTEM_CJK_NAMES:
            try:
                found = pygame.font.match_font(list(SYSTEM_CJK_NAMES), bold=bold)
            except Exception:  # a broken font configuration: no system font, not a crash
                found = None
        _system_files[bold] = Path(found) if found else None
    return _system_files[bold]


def missing_glyphs() -> frozenset[str]:
    """Characters drawn this session that no font of the chain has (shown as empty boxes)."""
    return frozenset(_missing)


def missing_warning() -> str | None:
    """One sentence for the window when some characters could not be shown, else None."""
    if not _missing:
        return None
    shown = " ".join(list(_missing)[:8]) + (" …" if len(_missing) > 8 else "")
    return _(MISSING_WARNING).format(characters=shown)


def clear_missing() -> None:
    """Forget the missing characters (a new scenario was loaded)."""
    _missing.clear()


def _note_missing(ch: str) -> None:
    if ch not in _missing:
        if not _missing:
            log.warning("no font has some characters of this text, first %r", ch)
        _missing[ch] = None


def _default_font_file() -> Path:
    return Path(pygame.__file__).parent / pygame.font.get_default_font()


class _Coverage:
    """Which characters one font file has."""

    def __init__(self, path: Path):
        self._path = path
        self._face = self._open()
        self._known: dict[str, bool] = {}

    def _open(self):  # noqa: ANN202 - a pygame.freetype.Font
        import pygame.freetype

        if not pygame.freetype.get_init():
            pygame.freetype.init()
        return pygame.freetype.Font(str(self._path), 12)

    def has(self, ch: str) -> bool:
        got = self._known.get(ch)
        if got is None:
            try:
                got = self._metrics(ch)
            except pygame.error:  # pygame.quit() closed the face since: open it again
                self._face = self._open()
                try:
                    got = self._metrics(ch)
                except pygame.error:
                    got = False
            self._known[ch] = got
        return got

    def _metrics(self, ch: str) -> bool:
        try:
            return self._face.get_metrics(ch)[0] is not None
        except ValueError:
            return False


def coverage(path: Path) -> _Coverage:
    found = _coverage.get(path)
    if found is None:
        found = _coverage[path] = _Coverage(path)
    return found


def _keeps_run(ch: str) -> bool:
    """Characters that stay in the run before them: spaces and combining marks."""
    return ch == " " or unicodedata.category(ch)[0] == "M"


class FontChain:
    """The primary font at one size and its fallbacks, for drawing and measuring text."""

    def __init__(self, primary: pygame.font.Font, primary_file: Path | None, bold: bool):
        self.primary = primary
        self.bold = bold
        self.size_pt = primary.get_point_size()
        self._files: list[Path | None] = [primary_file or _default_font_file()]
        self._files.extend(shipped_files(bold))
        self._system_slot = len(self._files)
        self._files.append(None)  # the system font, found when first needed
        self._fonts: dict[int, pygame.font.Font] = {0: primary}
        self._which: dict[str, int] = {}
        self._runs: OrderedDict[str, list[tuple[int, str]]] = OrderedDict()

    def font(self, index: int) -> pygame.font.Font:
        font = self._fonts.get(index)
        if font is None:
            font = pygame.font.Font(str(self._files[index]), self.size_pt)
            self._fonts[index] = font
        return font

    def file(self, index: int) -> Path | None:
        return self._files[index]

    def which(self, ch: str) -> int:
        """The index of the first font of the chain that has `ch` (0, the primary, if none)."""
        index = self._which.get(ch)
        if index is not None:
            return index
        index = -1
        for i, path in enumerate(self._files):
            if path is None and i == self._system_slot:
                path = self._files[i] = system_cjk_file(self.bold)
            if path is not None and coverage(path).has(ch):
                index = i
                break
        if index < 0:
            _note_missing(ch)
            index = 0
        self._which[ch] = index
        return index

    def runs(self, text: str) -> list[tuple[int, str]]:
        """`text` split into (font index, piece) runs, each drawn by one font."""
        if text.isascii():
            return [(0, text)] if text else []
        got = self._runs.get(text)
        if got is not None:
            self._runs.move_to_end(text)
            return got
        runs: list[tuple[int, str]] = []
        current, start = -1, 0
        for i, ch in enumerate(text):
            if current >= 0 and _keeps_run(ch):
                continue
            index = self.which(ch)
            if index != current:
                if current >= 0:
                    runs.append((current, text[start:i]))
                current, start = index, i
        if current >= 0:
            runs.append((current, text[start:]))
        self._runs[text] = runs
        if len(self._runs) > RUN_CACHE:
            self._runs.popitem(last=False)
        return runs

    def size(self, text: str) -> tuple[int, int]:
        """(width, height) of `text` as `render` draws it."""
        runs = self.runs(text)
        if len(runs) <= 1:
            return (
                self.primary.size(text)
                if not runs or runs[0][0] == 0
                else (
                    self.font(runs[0][0]).size(text)[0],
                    self.primary.get_height(),
                )
            )
        return sum(self.font(i).size(piece)[0] for i, piece in runs), self.primary.get_height()

    def render(self, text: str, colour) -> pygame.Surface:
        """`text` drawn run by run on the primary font's baseline, as tall as the primary
        font's line (CJK ink lies inside it)."""
        runs = self.runs(text)
        if len(runs) == 1 and runs[0][0] == 0:
            return self.primary.render(text, True, colour)
        pieces = [(self.font(i), self.font(i).render(piece, True, colour)) for i, piece in runs]
        width = sum(surf.get_width() for _, surf in pieces)
        out = pygame.Surface((width, self.primary.get_height()), pygame.SRCALPHA)
        baseline = self.primary.get_ascent()
        x = 0
        for font, surf in pieces:
            out.blit(surf, (x, baseline - font.get_ascent()))
            x += surf.get_width()
        return out


def register(font: pygame.font.Font, path: Path | None, bold: bool) -> None:
    """Tell the chain which file `font` was loaded from (see `chain_for`)."""
    _registered[id(font)] = (font, path, bold)


def chain_for(font: pygame.font.Font) -> FontChain:
    """The fallback chain whose primary is `font`. A font not `register`ed is taken for
    pygame's default font (what `pygame.font.Font(None, size)` loads)."""
    key = id(font)
    chain = _chains.get(key)
    if chain is None or chain.primary is not font:
        entry = _registered.get(key)
        if entry is None or entry[0] is not font:
            entry = (font, None, bool(font.bold))
            _registered[key] = entry
        chain = _chains[key] = FontChain(font, entry[1], entry[2])
    return chain


# pygame_gui -------------------------------------------------------------------------------
WIDGET_FONTS = {"ja": "noto_sans_cjk_jp", "zh": "noto_sans_cjk_tc"}


def _widget_files(lang: str) -> tuple[Path, Path] | None:
    regular, bold = (JP_REGULAR, JP_BOLD) if lang == "ja" else (TC_REGULAR, TC_BOLD)
    return (regular, bold) if regular.exists() and bold.exists() else None


def widget_font_name(code: str | None = None) -> str:
    """The theme's font name for widgets in this language: pygame_gui draws each widget with
    one face, so for Japanese or Chinese it is a shipped CJK subset (which has ASCII, Latin-1
    and the game's punctuation too); "noto_sans" (pygame_gui's own) otherwise."""
    lang = (code or _language).lower().split("-")[0]
    if lang in WIDGET_FONTS and _widget_files(lang):
        return WIDGET_FONTS[lang]
    return "noto_sans"


def register_widget_fonts(manager) -> None:
    """Make the shipped CJK faces known to a pygame_gui UIManager under the names
    `widget_font_name` gives. Call once after creating the manager, before a theme naming
    them is loaded."""
    for lang, name in WIDGET_FONTS.items():
        files = _widget_files(lang)
        if files:
            regular, bold = (str(f) for f in files)
            manager.add_font_paths(name, regular, bold, regular, bold)


def with_widget_font(theme: dict, code: str | None = None) -> dict:
    """`theme` (a pygame_gui theme dictionary, as game.ui.theme.build_theme makes it) with
    every font named "noto_sans" changed to the language's widget font; changed in place."""
    name = widget_font_name(code)
    if name == "noto_sans":
        return theme
    for block in theme.values():
        font = block.get("font") if isinstance(block, dict) else None
        if isinstance(font, dict) and font.get("name", "noto_sans") == "noto_sans":
            font["name"] = name
    return theme


def widget_manager(size: tuple[int, int], theme: dict, **kwargs):
    """A pygame_gui UIManager whose widgets draw the language's text: the CJK faces are
    registered before `theme` (with `with_widget_font` applied) is loaded, since a theme naming
    a font pygame_gui does not know yet falls back to its default face."""
    import pygame_gui

    manager = pygame_gui.UIManager(size, None, **kwargs)
    register_widget_fonts(manager)
    manager.get_theme().load_theme(with_widget_font(theme))
    return manager
