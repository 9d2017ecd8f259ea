"""The delegation page's own words (buttons, headings, states), in the class's language.

The page (game/net/static/app.js) asks for each of these through `t("...")`, in English;
`GET /ui` answers with every message and its translation from the game's catalogs, so the
page and the window share one set of translations (docs/translating.md). Everything else the
page shows comes from the views (the engine's and the scenario's wording). A test checks that
every message the page asks for is listed here.
"""

from __future__ import annotations

from game.i18n import N_, _, current, ngettext

MESSAGES = (
    N_("Adopted"),
    N_("Briefing and objectives"),
    N_("Capital left: {left} of {total}"),
    N_("Capital {value}"),
    N_("Choices"),
    N_("Computer"),
    N_("Confidence: {level}"),
    N_("Confirm submit"),
    N_("Connected"),
    N_("Connecting…"),
    N_("Cost"),
    N_("Crisis"),
    N_("Decided"),
    N_("Deciding"),
    N_("Delegations"),
    N_("Dismiss"),
    N_("Effects, sources and confidence"),
    N_("Forecasts"),
    N_("Hold"),
    N_("Hold on everything"),
    N_("How likely is each of these this turn? 0 % = surely not, 100 % = surely."),
    N_("How scoring works"),
    N_("Inducement"),
    N_("Look at the projector; the next turn opens soon."),
    N_("Measures"),
    N_("Needs"),
    N_("New"),
    N_("News"),
    N_("None"),
    N_("Not allowed this turn"),
    N_("Not connected: reconnecting…"),
    N_("Not enough capital"),
    N_("Not joined"),
    N_("Not yet"),
    N_("Not yet on the table"),
    N_("Objectives"),
    N_("On the table"),
    N_("Open the join link your teacher gave you."),
    N_("Oppose"),
    N_("Paused {clock}"),
    N_("Progress"),
    N_("Progress of {title}"),
    N_("Push"),
    N_("Reconnecting…"),
    N_("Score"),
    N_("Shared"),
    N_("Source: {source}"),
    N_("State"),
    N_("Submit"),
    N_("Submit — your choices are locked for this {period}"),
    N_("Submitted — your choices are locked for this {period}."),
    N_("Submitted ✓ locked"),
    N_("Support cost"),
    N_("Support {value}"),
    N_("Suspended"),
    N_("The class cannot take this device just now."),
    N_("The computer plays your delegation now."),
    N_("The region"),
    N_("This join link is not accepted."),
    N_("Time left: {time}"),
    N_("Time up"),
    N_("Trying again…"),
    N_("Waiting for the other delegations."),
    N_("Warning"),
    N_("What changed and why"),
    N_("What happened last turn"),
    N_("Your choice: {title}"),
    N_("Your choices"),
    N_("Your choices (submitted)"),
    N_("push {push} · oppose {oppose}"),
    N_("warning at {warning} · crisis at {crisis}"),
    N_("{choice} ({cost})"),
)
# (singular, plural): the page picks the first form for 1 and the second otherwise.
PLURALS = (("{count} device here", "{count} devices here"),)
HTML_LANG = {"en": "en", "ja": "ja", "zh-Hant": "zh-Hant-TW"}


def page_texts() -> dict[str, object]:
    """What `/ui` sends: the page's language and each message with its translation."""
    messages: dict[str, object] = {m: _(m) for m in MESSAGES}
    for singular, plural in PLURALS:
        messages[plural] = [ngettext(singular, plural, 1), ngettext(singular, plural, 2)]
    return {"lang": HTML_LANG[current()], "messages": messages}


def _marked() -> None:  # pragma: no cover - never called: marks the plural for extraction
    ngettext("{count} device here", "{count} devices here", 1)
