"""Which text Trilateral accepts from outside, and how any text is made safe to draw.

One rule for every reader (scenario files, saves, facilitator entries, settings, names given
to `new`), so that what one part of the program writes another part can always read back:

- no control characters but tab and line feed (they garble terminals, windows and reports);
- no unpaired surrogates (they cannot be written as UTF-8, so a save holding one could not
  be read back);
- no bidirectional embedding, override or isolate controls (U+202A-U+202E, U+2066-U+2069):
  the game's languages never need them, and they can make text read in a different order
  than it is stored ("Trojan source" spoofing).

And one rule for drawing: `displayable` takes any text (a scenario from an older version, a
cache, a typo) to text a font can draw. A window must never close because of one string.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls but tab and line feed, DEL, and C1.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
SURROGATE = re.compile("[\ud800-\udfff]")
BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")
_FORBIDDEN = re.compile(f"{CONTROL.pattern}|{SURROGATE.pattern}|{BIDI_CONTROL.pattern}")

# Categories that draw nothing by themselves: format characters (zero-width space, soft
# hyphen, byte-order mark, joiners...), separators, and marks that combine with a letter.
_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"}
# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt, Unicode 15): characters
# that are never drawn, whatever their category (some are letters, some are not yet assigned).
_IGNORABLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
# Combining marks drawn on one character: enough for any script (Vietnamese stacks two,
# Tibetan a few), while "Zalgo" text of hundreds cannot pile up over the lines around it.
MAX_MARKS = 4


def text_problem(text: str) -> str | None:
    """Why `text` cannot be accepted from outside, or None. The sentence names the first
    character at fault by its code point, e.g. "holds the control character U+001B"."""
    found = _FORBIDDEN.search(text)
    if found is None:
        return None
    ch = found.group()
    code = f"U+{ord(ch):04X}"
    if SURROGATE.fullmatch(ch):
        return f"holds {code}, half of a character (an unpaired surrogate), which no file can store"
    if BIDI_CONTROL.fullmatch(ch):
        return (
            f"holds the bidirectional control {code}, which can make text read in another "
            "order than it is written; remove it"
        )
    return (
        f"holds the control character {code}; text may hold tabs and line breaks but no "
        "other control characters"
    )


def shows_something(text: str) -> bool:
    """Whether `text` has at least one character that is drawn (not only spaces, zero-width
    or format characters, or combining marks with nothing to combine with)."""
    return any(unicodedata.category(ch) not in _INVISIBLE for ch in _IGNORABLE.sub("", text))


def displayable(text: str) -> str:
    """`text` as a font can safely draw it, whatever it holds.

    Forbidden characters become U+FFFD (the replacement character); characters meant to be
    invisible (format characters such as the zero-width space, soft hyphen and byte-order
    mark, variation selectors, tags, Hangul fillers: Unicode's default-ignorable code points)
    are left out; a combining mark is kept only on a character that is drawn, at most
    MAX_MARKS of them on one. So no word of the result draws nothing: pygame refuses to draw
    text of zero width, and pygame_gui draws each word and styled piece on its own."""
    text = _FORBIDDEN.sub("\ufffd", text)
    if text.isascii():
        return text
    out = []
    marks = -1  # combining marks kept on the character before; -1: nothing to put one on
    for ch in _IGNORABLE.sub("", text):
        category = unicodedata.category(ch)
        if category == "Cf":
            continue
        if category in ("Mn", "Me"):
            if not 0 <= marks < MAX_MARKS:
                continue
            marks += 1
        else:
            marks = -1 if category in _INVISIBLE else 0
        out.append(ch)
    return "".join(out)
