#!/usr/bin/env python3
"""Make the Japanese and Traditional Chinese font subsets the game ships (assets/fonts/).

    python tools/make_cjk_fonts.py [--source DIR] [--check]

Takes the "Noto Sans CJK JP" and "Noto Sans CJK TC" faces, Regular and Bold, from the Noto
Sans CJK collections in DIR (default: Debian's /usr/share/fonts/opentype/noto, package
fonts-noto-cjk; any .ttc, .otc or .otf there is searched for faces by their family name) and
keeps only the characters the game needs (see `wanted_characters`):

- every character of the message catalogs' translations (game/locale/*/LC_MESSAGES/*.po)
  and every non-ASCII character of the bundled scenarios and their translations
  (scenarios/, any file);
- the non-ASCII characters written in the game's code (arrows, the minus sign...);
- printable ASCII, Latin-1 and Extended-A, general punctuation, arrows, mathematical
  operators, enclosed numbers, geometric shapes, CJK symbols and punctuation, kana and
  full-width forms, so the widgets can use these faces alone for Japanese or Chinese;
- the common ideographs: in the JP faces the 6,355 kanji of JIS X 0208 (levels 1 and 2,
  which hold all 2,136 Jōyō kanji and the Jinmeiyō kanji in use), in the TC faces the
  5,401 "frequently used" characters of Big5 (level 1, Taiwan's 常用字 list); both read
  from Python's own codecs, so nothing is downloaded.

A character outside the subsets still renders through a system CJK font when one is
installed (game/ui/fonts.py). Run this again after adding translated text: a test fails
until the subsets cover every character of the catalogs and scenarios. Needs fontTools
(`pip install -e .[fonts]`) and Babel.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "assets" / "fonts"
DEFAULT_SOURCE = Path("/usr/share/fonts/opentype/noto")
SIZE_LIMIT = 10 * 1024 * 1024  # all shipped font files together

# (file written, family name in the source, style)
FACES = (
    ("NotoSansCJKjp-Regular-subset.otf", "Noto Sans CJK JP", "Regular"),
    ("NotoSansCJKjp-Bold-subset.otf", "Noto Sans CJK JP", "Bold"),
    ("NotoSansCJKtc-Regular-subset.otf", "Noto Sans CJK TC", "Regular"),
    ("NotoSansCJKtc-Bold-subset.otf", "Noto Sans CJK TC", "Bold"),
)

FIXED_RANGES = (
    (0x0020, 0x007E),  # printable ASCII
    (0x00A0, 0x017F),  # Latin-1 and Latin Extended-A
    (0x2000, 0x206F),  # general punctuation (dashes, quotes, ellipsis)
    (0x2190, 0x22FF),  # arrows and mathematical operators (the minus sign)
    (0x2460, 0x24FF),  # enclosed numbers
    (0x25A0, 0x25FF),  # geometric shapes
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3040, 0x30FF),  # hiragana and katakana
    (0x31F0, 0x31FF),  # katakana phonetic extensions (small ㇰ...)
    (0xFF00, 0xFFEF),  # half-width and full-width forms
)


def _decoded(codec: str, lead: range, trail: range) -> set[str]:
    out: set[str] = set()
    for a in lead:
        for b in trail:
            try:
                out.add(bytes((a, b)).decode(codec))
            except UnicodeDecodeError:
                continue
    return {c for c in out if len(c) == 1 and 0x3400 <= ord(c) <= 0x9FFF}


def jis_kanji() -> set[str]:
    """The kanji of JIS X 0208, levels 1 and 2 (EUC-JP rows 16 to 84)."""
    return _decoded("euc_jp", range(0xB0, 0xF5), range(0xA1, 0xFF))


def big5_common() -> set[str]:
    """Big5's level 1, the frequently used characters (0xA440 to 0xC67E)."""
    chars = set()
    for code in range(0xA440, 0xC67F):
        try:
            c = code.to_bytes(2, "big").decode("big5")
        except UnicodeDecodeError:
            continue
        if len(c) == 1 and 0x3400 <= ord(c) <= 0x9FFF:
            chars.add(c)
    return chars


def catalog_characters(root: Path = ROOT) -> set[str]:
    """Every character of the translations in the message catalogs (msgstr texts)."""
    from babel.messages.pofile import read_po

    chars: set[str] = set()
    for po in sorted((root / "game" / "locale").glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as f:
            catalog = read_po(f)
        for message in catalog:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for text in strings:
                chars.update(text or "")
    return chars


def scenario_characters(root: Path = ROOT) -> set[str]:
    """Every non-ASCII character of the bundled scenarios and translation sidecars."""
    chars: set[str] = set()
    for path in sorted((root / "scenarios").rglob("*")):
        if path.is_file():
            chars.update(c for c in path.read_text(encoding="utf-8", errors="ignore"))
    return {c for c in chars if ord(c) > 0x7F}


def source_characters(root: Path = ROOT) -> set[str]:
    """Every non-ASCII character written in the game's code (texts not yet in a catalog)."""
    chars: set[str] = set()
    for path in sorted((root / "game").rglob("*.py")):
        chars.update(c for c in path.read_text(encoding="utf-8") if ord(c) > 0x7F)
    return chars


def used_characters(root: Path = ROOT) -> set[str]:
    """What the game's own texts need: catalogs, bundled scenarios and the code's texts,
    without controls and invisible characters (which no font draws)."""
    import unicodedata

    chars = catalog_characters(root) | scenario_characters(root) | source_characters(root)
    return {c for c in chars if unicodedata.category(c)[0] not in "CZ" or c in " \u3000"}


def wanted_characters(family: str, root: Path = ROOT) -> set[str]:
    chars = used_characters(root)
    for lo, hi in FIXED_RANGES:
        chars.update(chr(c) for c in range(lo, hi + 1))
    chars |= jis_kanji() if family.endswith("JP") else big5_common()
    return chars


def find_faces(source: Path) -> dict[tuple[str, str], tuple[Path, int]]:
    """(family, style) -> (file, number in the collection) for every face in `source`."""
    from fontTools.ttLib import TTCollection, TTFont

    found: dict[tuple[str, str], tuple[Path, int]] = {}
    for path in sorted(source.iterdir()):
        suffix = path.suffix.lower()
        if suffix in (".ttc", ".otc"):
            faces = list(enumerate(TTCollection(str(path), lazy=True).fonts))
        elif suffix in (".otf", ".ttf"):
            faces = [(0, TTFont(str(path), lazy=True))]
        else:
            continue
        for number, face in faces:
            name = face["name"]
            family = name.getDebugName(16) or name.getDebugName(1)
            style = name.getDebugName(17) or name.getDebugName(2)
            found.setdefault((family, style), (path, number))
    return found


def make_subset(source: Path, number: int, chars: set[str], out: Path) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(source), fontNumber=number, recalcTimestamp=False)
    options = subset.Options()
    # fontTools' default features (kerning, proportional and vertical forms...) without
    # "locl": in a Noto CJK face it maps every ideograph to the other regions' forms, which
    # doubles the size for glyphs the game never asks for (each face is one region's).
    options.layout_features = [f for f in options.layout_features if f != "locl"]
    options.name_IDs = ["*"]  # copyright, licence, trademark notices stay in the file
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in chars))
    subsetter.subset(font)
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(out))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--source", type=Path, default=DEFAULT_SOURCE, help="folder with the Noto Sans CJK fonts"
    )
    parser.add_argument("--out", type=Path, default=OUT_DIR, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        import fontTools  # noqa: F401
    except ImportError:
        print("make_cjk_fonts: needs fontTools: pip install -e .[fonts]", file=sys.stderr)
        return 2
    if not args.source.is_dir():
        print(f"make_cjk_fonts: no folder {args.source} (give --source DIR)", file=sys.stderr)
        return 2
    faces = find_faces(args.source)
    missing = [f"{family} {style}" for _, family, style in FACES if (family, style) not in faces]
    if missing:
        print(
            f"make_cjk_fonts: {args.source} lacks {', '.join(missing)} (the Noto Sans CJK "
            "collections: Debian/Ubuntu package fonts-noto-cjk, or github.com/notofonts/noto-cjk)",
            file=sys.stderr,
        )
        return 2
    total = 0
    for file_name, family, style in FACES:
        path, number = faces[(family, style)]
        chars = wanted_characters(family)
        out = args.out / file_name
        make_subset(path, number, chars, out)
        size = out.stat().st_size
        total += size
        print(
            f"{out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}: "
            f"{len(chars)} characters, {size / 1024 / 1024:.2f} MB (from {path.name} #{number})"
        )
    print(f"total {total / 1024 / 1024:.2f} MB")
    if total > SIZE_LIMIT:
        print("make_cjk_fonts: over the 10 MB the game allows for fonts", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
