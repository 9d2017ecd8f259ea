"""The languages people read the game in: English, Japanese and Traditional Chinese (Taiwan).

Messages are gettext catalogs managed with Babel: `game/locale/trilateral.pot` is extracted
from the code, and each language's `game/locale/<dir>/LC_MESSAGES/trilateral.po` is updated
from it and translated (see docs/translating.md). The `.po` files are what the repository
keeps; they are compiled in memory the first time a language is used (Babel's `read_po` and
`write_mo`), so a fresh clone installed with `pip install -e .` needs no build step. A `.mo`
file beside a `.po`, newer than it, is used as it is.

In code, a message is one whole sentence with named placeholders, never English grammar put
together from pieces:

    _("{measure} was adopted in {turn}.").format(measure=title, turn=name)
    ngettext("{count} device joined", "{count} devices joined", n).format(count=n)

A message without a translation is shown in English. Numbers and dates are formatted for
the language with Babel (`number`, `decimal`, `date`).

Which language: `--lang` (play, report, assumptions, the screenshots), else the window's
Settings, else the system locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else English.
The command line's help and usage errors are in that language too: `--lang` is read from
the arguments before the parser is built (`game.arguments.language_asked`), else the system's
language is used; argparse's own words ("usage:", "options:") come from Python's catalogs.
"""

from __future__ import annotations

import gettext
import io
import os
from collections.abc import Iterable, Mapping
from datetime import date as _date
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "trilateral"
DEFAULT = "en"
# Code used on the command line and in settings -> (name shown, gettext folder, Babel locale)
LANGUAGES: Mapping[str, tuple[str, str, str]] = {
    "en": ("English", "en", "en"),
    "ja": ("日本語", "ja", "ja_JP"),
    "zh-Hant": ("繁體中文", "zh_Hant_TW", "zh_Hant_TW"),
}
CODES = tuple(LANGUAGES)

_current = DEFAULT
_loaded: dict[str, tuple[tuple[float, int], gettext.NullTranslations]] = {}


def language_from_locale(value: str | None) -> str | None:
    """The game's language for a system locale name ('ja_JP.UTF-8' -> 'ja', 'zh_TW' ->
    'zh-Hant'), or None when it is none of them. Simplified Chinese is not offered."""
    if not value:
        return None
    name = value.split(".")[0].split("@")[0].replace("-", "_").lower()
    if name in ("c", "posix"):
        return None
    if name.startswith("ja"):
        return "ja"
    if name.startswith("zh"):
        parts = name.split("_")[1:]
        if "hant" in parts or any(p in ("tw", "hk", "mo") for p in parts):
            return "zh-Hant"
        return None
    if name.startswith("en"):
        return "en"
    return None


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the system asks for, by the usual variables in their usual order."""
    env = os.environ if environ is None else environ
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for value in (env.get(variable) or "").split(":"):
            found = language_from_locale(value)
            if found:
                return found
    return DEFAULT


def check_code(code: str) -> str:
    """`code` if it is one of the languages offered; raises ValueError saying which are."""
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}; expected one of {', '.join(CODES)}")
    return code


def set_language(code: str) -> None:
    """Use `code` ('en', 'ja', 'zh-Hant') for every message from now on."""
    global _current
    _current = check_code(code)


def current() -> str:
    return _current


def babel_locale(code: str | None = None) -> str:
    return LANGUAGES[code or _current][2]


def catalog_path(code: str) -> Path:
    return LOCALE_DIR / LANGUAGES[code][1] / "LC_MESSAGES" / f"{DOMAIN}.po"


def translations(code: str | None = None) -> gettext.NullTranslations:
    """The compiled catalog of a language (English: the messages as written)."""
    code = code or _current
    if code == DEFAULT:
        return gettext.NullTranslations()
    po = catalog_path(code)
    try:
        stat = po.stat()
    except OSError:
        return gettext.NullTranslations()
    key = (stat.st_mtime, stat.st_size)
    cached = _loaded.get(code)
    if cached is not None and cached[0] == key:
        return cached[1]
    found = _compile(po, code)
    _loaded[code] = (key, found)
    return found


def _compile(po: Path, code: str) -> gettext.NullTranslations:
    mo = po.with_suffix(".mo")
    try:
        if mo.stat().st_mtime >= po.stat().st_mtime:
            with mo.open("rb") as handle:
                return gettext.GNUTranslations(handle)
    except OSError:
        pass
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle, locale=LANGUAGES[code][2], domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def _(message: str) -> str:
    """`message` in the current language (as written when it has no translation)."""
    return translations().gettext(message)


def N_(message: str) -> str:  # noqa: N802 - gettext's name for it
    """Mark `message` for the catalogs without translating it now (a list of messages kept
    in English and translated when shown)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n`, by the current language's plural rule."""
    return translations().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` in the current language, told apart by `context` (a button's 'Push' and a
    table heading's 'Push' may translate differently)."""
    return translations().pgettext(context, message)


def listing(items: Iterable[str]) -> str:
    """The items of a list inside a sentence, as the language separates them: "US, Japan,
    Taiwan" in English, "米国、日本、台湾" in Japanese and Chinese."""
    return pgettext("list separator", ", ").join(items)


def semicolon_listing(items: Iterable[str]) -> str:
    """Items that may hold commas themselves (clauses, measure titles): "a; b" in English."""
    return pgettext("list separator", "; ").join(items)


def number(value: float, digits: int = 1) -> str:
    """A number as the language writes it, with at most `digits` decimals (trailing zeros
    dropped): 1,234.5 in English."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "#" * digits if digits > 0 else "")
    return format_decimal(value, format=pattern, locale=babel_locale())


def date(value: _date, form: str = "long") -> str:
    """A date as the language writes it ('1 August 2022', '2022年8月1日')."""
    from babel.dates import format_date

    return format_date(value, format=form, locale=babel_locale())


def language_names() -> dict[str, str]:
    """Each language's name in itself, for menus."""
    return {code: names[0] for code, names in LANGUAGES.items()}
