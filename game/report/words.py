"""Numbers, percentages, dates and small recurring phrases as the report and the assumptions
page write them, in the run's language (`game.i18n`).

Numbers keep the game's rule for how many decimals to show (`game.formatting`: whole numbers
without decimals, others to one), and are then written by Babel for the language (its decimal
sign, minus sign and percent sign), so the English pages read as they always have and a
language with a decimal comma would get one.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal

from game import formatting, i18n
from game.i18n import _, ngettext
from game.report.blocks import Inline, Inlines

# How the date a page was generated is written where the language's own long date is not
# wanted: English keeps the ISO form the pages have always had.
_STAMP = {"en": "yyyy-MM-dd HH:mm"}


def _decimal(value: Decimal, pattern: str) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, format=pattern, locale=i18n.babel_locale())


def number(x: float) -> str:
    """'42', '42.5' (the game's digits), written the language's way."""
    text = formatting.number(x)
    return _decimal(Decimal(text), "0.0" if "." in text else "0")


def signed(x: float) -> str:
    """'+3', '-1.5', '0', written the language's way."""
    text = formatting.signed(x)
    if text == "0":
        return _decimal(Decimal(0), "0")
    return _decimal(Decimal(text), "+0.0;-0.0" if "." in text else "+0;-0")


def fixed(x: float, digits: int) -> str:
    """`x` with exactly `digits` decimals ('0.188', '4.0')."""
    pattern = "0." + "0" * digits if digits > 0 else "0"
    return _decimal(Decimal(f"{x:.{digits}f}"), pattern)


def signed_whole(n: int) -> str:
    """A whole change with its sign, zero too: '+1', '-2', '+0'."""
    return _decimal(Decimal(int(n)), "+0;-0")


def day(text: str) -> str:
    """A scenario's ISO date ('2020-05-14') as the language writes a date: as written in
    English (the pages have always shown it so), the language's long date otherwise
    ('2020年5月14日'). Anything that is not a date is shown as it is."""
    from datetime import date

    if _STAMP.get(i18n.current()) is not None:
        return text
    try:
        return i18n.date(date.fromisoformat(str(text)), "long")
    except ValueError:
        return text


def general(x: float) -> str:
    """`x` with as many digits as it has ('41.2', '42', '0.25'), as in the charts."""
    return _decimal(Decimal(f"{x:g}"), "0.######")


def whole(n: int) -> str:
    """A count or a turn's number."""
    return _decimal(Decimal(int(n)), "0")


def percent(share: float, digits: int = 0) -> str:
    """A share of 1 as a percentage: 0.135 -> '14%' (digits=0) or '13.5%' (digits=1)."""
    from babel.numbers import format_percent

    shown = Decimal(f"{100 * share:.{digits}f}")
    pattern = "0." + "0" * digits + "%" if digits > 0 else "0%"
    return format_percent(shown / 100, format=pattern, locale=i18n.babel_locale())


def probability(p: float) -> str:
    """A stated probability (0..1) as a whole percentage."""
    return percent(p, 0)


def stamp(when: datetime) -> str:
    """When a page was generated: '2026-03-04 05:06 UTC' in English, the language's long
    date and the 24-hour time otherwise ('2026年3月4日 5:06 UTC')."""
    from babel.dates import format_date, format_datetime, format_skeleton

    zone = when.strftime("%Z").strip()
    locale = i18n.babel_locale()
    pattern = _STAMP.get(i18n.current())
    if pattern is not None:
        text = format_datetime(when, pattern, tzinfo=when.tzinfo, locale=locale)
    else:
        text = _("{date} {time}").format(
            date=format_date(when, "long", locale=locale),
            time=format_skeleton("Hm", when, tzinfo=when.tzinfo, locale=locale),
        )
    return f"{text} {zone}".strip()


def percentile(n: int) -> str:
    """'13th percentile', by the language's ordinal forms (CLDR's, through Babel)."""
    from babel import Locale

    form = Locale.parse(i18n.babel_locale()).ordinal_form(n)
    if form == "one":
        text = _("{n}st percentile")
    elif form == "two":
        text = _("{n}nd percentile")
    elif form == "few":
        text = _("{n}rd percentile")
    else:
        text = _("{n}th percentile")
    return text.format(n=whole(n))


def turn_name(turn_label: str, turn: int) -> str:
    """'Quarter 3' (the scenario's word for a turn and its number)."""
    return _("{turn_label} {turn}").format(turn_label=turn_label, turn=whole(turn))


def turns_count(turn_label: str, n: int) -> str:
    """'12 quarters' (the scenario's word for a turn, in lower case, and a count)."""
    return ngettext("{count} {turn_label}", "{count} {turn_label}s", n).format(
        count=whole(n), turn_label=turn_label.lower()
    )


def some_of(part: int, total: int) -> str:
    """'3 of 5'."""
    return _("{part} of {total}").format(part=whole(part), total=whole(total))


NOTHING = "–"  # an empty cell or an unknown value


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(message: str, **parts: Inline | Inlines) -> Inlines:
    """A translated message whose placeholders hold inline content (code, bold, a link)
    rather than text: `fill(_("Replay it with {command}."), command=Code(...))` ->
    ('Replay it with ', Code(...), '.'). Text around the placeholders stays where the
    translation puts it; a placeholder the message lacks is left out."""
    out: list[Inline] = []

    def add(part: Inline) -> None:
        if isinstance(part, str) and out and isinstance(out[-1], str):
            out[-1] += part  # text stays one run of text, as if formatted in
        elif part != "":
            out.append(part)

    at = 0
    for found in _PLACEHOLDER.finditer(message):
        add(message[at : found.start()])
        value = parts[found.group(1)]
        for part in value if isinstance(value, tuple) else (value,):
            add(part)
        at = found.end()
    add(message[at:])
    return tuple(out)
