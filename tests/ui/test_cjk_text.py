"""Japanese and Traditional Chinese text in the window (issue 14, items 4 and 5).

The game's own font (Noto Sans) has no CJK: characters it lacks are drawn with the shipped
Noto Sans CJK subsets (assets/fonts/), then a system CJK font; a character no font has is
reported so the window can say so. Japanese and Chinese paragraphs wrap between BudouX
phrases with kinsoku, Latin text at spaces as before.
"""

from __future__ import annotations

import importlib.util
import os
import unicodedata

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.paths import PROJECT_ROOT  # noqa: E402
from game.ui import fonts  # noqa: E402
from game.ui.palette import OKABE_ITO  # noqa: E402
from game.ui.widgets import (  # noqa: E402
    NO_LINE_END,
    NO_LINE_START,
    REGULAR,
    Fonts,
    Painter,
    phrases,
)

JAPANESE = (
    "日本政府は「日台交流基本法」の制定を検討しています。米国と協議し、"
    "尖閣諸島周辺の警戒監視を強化した。日台安全保障対話は来月に開かれる予定です。"
)
CHINESE = (
    "臺灣政府決定與日本簽署「臺日交流基本法」，並加強臺日安全對話。"
    "美國表示支持，雙方將在下個月舉行會談，討論海上安全與經濟合作。"
)
UNCOVERED = "\U00010000"  # LINEAR B SYLLABLE B008 A: in no font of the chain


@pytest.fixture(autouse=True)
def shipped_only(monkeypatch):
    """The chain with the shipped fonts only (no system CJK font), English, nothing missing:
    what a fresh install on a machine without CJK fonts has."""
    pygame.init()
    monkeypatch.setattr(fonts, "SYSTEM_CJK_NAMES", ())
    monkeypatch.setattr(fonts, "_system_files", {})
    fonts._chains.clear()
    fonts.set_language("en")
    fonts.clear_missing()
    yield
    fonts._chains.clear()
    fonts.set_language("en")
    fonts.clear_missing()


@pytest.fixture
def painter() -> Painter:
    return Painter(Fonts(), OKABE_ITO)


def _tool():
    spec = importlib.util.spec_from_file_location(
        "make_cjk_fonts", PROJECT_ROOT / "tools" / "make_cjk_fonts.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pixels(surface: pygame.Surface) -> bytes:
    return pygame.image.tobytes(surface, "RGBA")


# --- glyphs -------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [JAPANESE, CHINESE], ids=["japanese", "chinese"])
def test_cjk_text_draws_real_glyphs_not_empty_boxes(painter, text):
    primary = painter.fonts.get(15)
    chain = fonts.chain_for(primary)
    tofu = _pixels(primary.render(UNCOVERED, True, (255, 255, 255)))
    for ch in set(text):
        index = chain.which(ch)
        path = chain.file(index)
        assert fonts.coverage(path).has(ch), f"{ch!r} drawn by {path.name}, which lacks it"
        if index:  # drawn by a fallback: its picture is a glyph, not the primary's box
            glyph = chain.render(ch, (255, 255, 255))
            assert _pixels(glyph) != tofu, f"{ch!r} is drawn as an empty box"
    assert fonts.missing_glyphs() == frozenset()


def test_primary_font_draws_empty_boxes_for_cjk(painter):
    """The reason for the chain: Noto Sans alone has no Japanese (if it ever does, the
    fallback tests above prove nothing and should be revisited)."""
    primary_file = fonts.coverage(REGULAR)
    assert not any(primary_file.has(ch) for ch in "日本語臺灣")
    assert primary_file.has("A")


def test_runs_use_the_primary_font_for_latin_and_a_cjk_subset_for_cjk(painter):
    chain = fonts.chain_for(painter.fonts.get(15))
    runs = chain.runs("Support (Japan) 日台安全保障対話 +5")
    assert [piece for _, piece in runs] == ["Support (Japan) ", "日台安全保障対話 ", "+5"]
    assert runs[0][0] == 0 and runs[2][0] == 0
    assert chain.file(runs[1][0]) == fonts.JP_REGULAR

    bold = fonts.chain_for(painter.fonts.get(15, bold=True))
    assert bold.file(bold.runs("日本")[0][0]) == fonts.JP_BOLD


def test_chinese_language_puts_the_traditional_chinese_face_first(painter):
    fonts.set_language("zh-Hant")
    chain = fonts.chain_for(painter.fonts.get(15))
    assert chain.file(chain.runs("臺日安全對話")[0][0]) == fonts.TC_REGULAR
    fonts.set_language("ja")
    chain = fonts.chain_for(painter.fonts.get(15))
    assert chain.file(chain.runs("臺日安全對話")[0][0]) == fonts.JP_REGULAR


def test_width_is_measured_from_the_runs_drawn(painter):
    for text in ("Japan 日本 Taiwan 臺灣", JAPANESE, CHINESE[:20], "Plain English"):
        surface = painter.render(text)
        assert painter.width(text) == surface.get_width()
        assert surface.get_height() == painter.fonts.get(15).get_height()
    # CJK text is wider than the empty boxes the primary font would draw for it
    assert painter.width("日本語") > 0


def test_a_character_no_font_has_is_reported_once(painter):
    surface = pygame.Surface((400, 40))
    painter.text(surface, f"Japan 日本 {UNCOVERED}", (0, 0))
    painter.text(surface, f"{UNCOVERED}{UNCOVERED}", (0, 20))
    assert fonts.missing_glyphs() == frozenset({UNCOVERED})
    warning = fonts.missing_warning()
    assert "cannot be shown" in warning and "install a CJK font" in warning
    assert warning.count(UNCOVERED) == 1
    fonts.clear_missing()
    assert fonts.missing_warning() is None


def test_a_character_outside_the_subsets_uses_a_system_cjk_font(painter, monkeypatch):
    rare = "\U00020bb7"  # 𠮷, a name kanji outside JIS X 0208 and Big5
    monkeypatch.setattr(fonts, "SYSTEM_CJK_NAMES", ("notosanscjkjp", "notosanscjk"))
    found = fonts.system_cjk_file()
    if found is None or not fonts.coverage(found).has(rare):
        pytest.skip("no system CJK font with U+20BB7 on this machine")
    chain = fonts.chain_for(painter.fonts.get(15))
    assert not fonts.coverage(fonts.JP_REGULAR).has(rare)
    assert chain.file(chain.which(rare)) == found
    assert fonts.missing_glyphs() == frozenset()


# --- line breaking ------------------------------------------------------------------------


def _breaks(lines: list[str]) -> list[int]:
    """Offsets in the joined text where a line ends."""
    out, at = [], 0
    for line in lines[:-1]:
        at += len(line)
        out.append(at)
    return out


@pytest.mark.parametrize("text", [JAPANESE, CHINESE], ids=["japanese", "chinese"])
@pytest.mark.parametrize("width", [120, 170, 230, 300, 420])
def test_cjk_wraps_between_phrases(painter, text, width):
    lines = painter.wrap(text, 15, width)
    assert "".join(lines) == text, "wrapping lost or added characters"
    assert all(painter.width(line) <= width for line in lines)
    pieces = phrases(text)
    boundaries, at = set(), 0
    for piece in pieces:
        at += len(piece)
        boundaries.add(at)
    at, inside = 0, {}
    for piece in pieces:
        for i in range(at + 1, at + len(piece)):
            inside[i] = piece
        at += len(piece)
    for cut in _breaks(lines):
        if cut in boundaries:
            continue
        piece = inside[cut]
        assert painter.width(piece) > width, f"broke inside the phrase {piece!r} at {width}px"


def test_japanese_breaks_at_phrases_not_anywhere(painter):
    """A line break never splits 検討しています (one BudouX phrase) at a width it fits."""
    lines = painter.wrap(JAPANESE, 15, 260)
    assert any(line.startswith("検討しています") or "検討しています" in line for line in lines)


@pytest.mark.parametrize(
    "text",
    [
        JAPANESE,
        CHINESE,
        "日台交流基本法日台交流基本法日台交流基本法。「日台安全保障対話」日台交流基本法」",
        "ちょっとまってください。ちょっとまってください。しゃっきょうしょうしゅっちょう",
        "「日台交流基本法」「臺日交流基本法」「日台安全保障対話」「臺日安全對話」",
    ],
)
def test_kinsoku_no_line_starts_with_closing_punctuation_or_ends_with_an_opening_one(painter, text):
    for width in range(40, 420, 7):
        lines = painter.wrap(text, 15, width)
        assert "".join(lines) == text
        for line in lines[1:]:
            assert line[0] not in NO_LINE_START, f"{line!r} starts a line at {width}px: {lines}"
        for line in lines[:-1]:
            assert line[-1] not in NO_LINE_END, f"{line!r} ends a line at {width}px: {lines}"
    assert {"。", "」", "、", "，", "っ", "ょ", "ー"} <= NO_LINE_START
    assert {"「", "（", "『"} <= NO_LINE_END


def test_latin_text_still_wraps_at_spaces(painter):
    text = "The United States and Japan hold a security dialogue with Taiwan this quarter."
    lines = painter.wrap(text, 15, 200)
    assert " ".join(lines) == text
    assert len(lines) > 1
    assert all(painter.width(line) <= 200 for line in lines)


def test_japanese_with_latin_words_keeps_the_words_whole(painter):
    text = (
        "United States と Japan は security-dialogue を続けています。"
        "Taiwan Strait の安全を確保する。"
    )
    words = ("United", "States", "Japan", "security-dialogue", "Taiwan", "Strait")
    for width in (150, 200, 260):
        lines = painter.wrap(text, 15, width)
        for word in words:
            assert any(word in line for line in lines), f"{word} split at {width}px: {lines}"


def test_a_paragraph_of_cjk_draws_inside_its_rect(painter):
    surface = pygame.Surface((400, 300))
    rect = pygame.Rect(10, 10, 220, 200)
    painter.paragraph(surface, JAPANESE, rect)
    assert painter.drawn, "nothing drawn"
    for draw in painter.drawn:
        assert rect.contains(draw.rect), f"{draw.shown!r} leaves its rect"


# --- shipped fonts ------------------------------------------------------------------------


def test_subsets_are_shipped_with_their_licence_and_under_10_mb():
    files = [fonts.JP_REGULAR, fonts.JP_BOLD, fonts.TC_REGULAR, fonts.TC_BOLD]
    for path in files:
        assert path.is_file(), f"{path} missing: run python tools/make_cjk_fonts.py"
    total = sum(path.stat().st_size for path in files)
    assert total < 10 * 1024 * 1024, f"the shipped fonts take {total / 2**20:.1f} MB"
    licence = (fonts.FONT_DIR / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "tools/make_cjk_fonts.py" in (fonts.FONT_DIR / "README.md").read_text()


def test_subsets_cover_every_character_of_the_scenarios_and_catalogs():
    """Adding translated text without remaking the subsets fails here."""
    ttlib = pytest.importorskip("fontTools.ttLib")
    tool = _tool()
    used = tool.catalog_characters() | tool.scenario_characters()
    used = {c for c in used if ord(c) > 0x7F and unicodedata.category(c)[0] not in "CZ"}
    primary = fonts.coverage(REGULAR)
    for path in (fonts.JP_REGULAR, fonts.JP_BOLD, fonts.TC_REGULAR, fonts.TC_BOLD):
        cmap = ttlib.TTFont(str(path), lazy=True).getBestCmap()
        lacking = sorted(c for c in used if ord(c) not in cmap and not primary.has(c))
        assert not lacking, (
            f"{path.name} lacks {''.join(lacking[:40])!r} used by the scenarios or catalogs: "
            "run python tools/make_cjk_fonts.py"
        )


def test_subsets_have_kana_and_common_kanji_and_hanzi():
    for path, sample in (
        (fonts.JP_REGULAR, "あいうえおアイウエオ日本語漢字憲法鬱"),
        (fonts.TC_REGULAR, "臺灣國語體們對話經濟龜"),
    ):
        cover = fonts.coverage(path)
        assert all(cover.has(ch) for ch in sample), path.name


def test_the_tool_collects_catalog_translations(tmp_path):
    tool = _tool()
    po = tmp_path / "game" / "locale" / "ja" / "LC_MESSAGES" / "trilateral.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Quarter"\nmsgstr "四半期"\n',
        encoding="utf-8",
    )
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "x.ja.yaml").write_text("title: 鬱\n", encoding="utf-8")
    assert {"四", "半", "期"} <= tool.catalog_characters(tmp_path)
    assert tool.scenario_characters(tmp_path) == {"鬱"}


# --- pygame_gui widgets -------------------------------------------------------------------


def test_widgets_get_a_cjk_face_for_japanese_and_chinese():
    from game.ui.theme import build_theme

    assert fonts.widget_font_name("en") == "noto_sans"
    assert fonts.widget_font_name("ja") == "noto_sans_cjk_jp"
    assert fonts.widget_font_name("zh-Hant") == "noto_sans_cjk_tc"
    theme = fonts.with_widget_font(build_theme(OKABE_ITO, 1.0, 720), "ja")
    names = {b["font"]["name"] for b in theme.values() if isinstance(b, dict) and "font" in b}
    assert names == {"noto_sans_cjk_jp"}


def test_a_pygame_gui_label_draws_japanese_with_the_widget_manager():
    from pygame_gui.elements import UILabel

    from game.ui.theme import build_theme

    pygame.display.init()
    pygame.display.set_mode((400, 100))

    def label_pixels(language: str) -> bytes:
        fonts.set_language(language)
        manager = fonts.widget_manager((400, 100), build_theme(OKABE_ITO, 1.0, 720))
        label = UILabel(pygame.Rect(0, 0, 400, 60), "日本語", manager)
        manager.update(0.01)
        surface = pygame.Surface((400, 100))
        manager.draw_ui(surface)
        shown = _pixels(surface.subsurface(label.rect))
        label.kill()
        return shown

    boxes = label_pixels("en")  # pygame_gui's Noto Sans: empty boxes
    japanese = label_pixels("ja")
    assert japanese != boxes
    pygame.display.quit()
