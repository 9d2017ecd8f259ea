"""The delegation page in a real browser (Debian's Chromium, headless): students join from their
own devices with their join links, choose, forecast and submit, see the reveal, and reach the
debrief; a device that reloads finds its submitted choices; devices of one delegation share the
draft live; a wrong link shows why and nothing of the game.

Screenshots of the page at phone and laptop width go to SHOTS (looked at by people)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

SHOTS = Path(os.environ.get("TRILATERAL_SHOTS", "/work/shots"))
WAIT = 15_000  # ms: the longest any page waits for the server
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
LAPTOP = {"viewport": {"width": 1280, "height": 900}}


def shot(page, name: str) -> None:
    try:
        SHOTS.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SHOTS / f"page-{name}.png"), full_page=True)


def open_page(browser, url: str, **context):
    ctx = browser.new_context(**context)
    page = ctx.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(url)
    return ctx, page, problems


def expect():
    from playwright.sync_api import expect as pw_expect

    pw_expect.set_options(timeout=WAIT)
    return pw_expect


def joined(page) -> None:
    expect()(page.locator("#status")).to_contain_text("Connected")
    expect()(page.locator("#cards .card").first).to_be_visible()


def push_first_affordable(page, choice: str = "push") -> str | None:
    """Press the first enabled `choice` button; returns that card's title (None when no
    measure can take that choice with the capital left)."""
    cards = page.locator("#cards .card").filter(
        has=page.locator(f"button[data-choice={choice}]:enabled")
    )
    if cards.count() == 0:
        return None
    card = cards.first
    title = card.locator("h3").inner_text()
    card.locator(f"button[data-choice={choice}]").click()
    expect()(
        page.locator("#cards .card").filter(has_text=title).locator(f"button[data-choice={choice}]")
    ).to_have_attribute("aria-pressed", "true")
    return title


def forecast_first(page, percent: int) -> None:
    box = page.locator("#questions input[type=number]").first
    box.fill(str(percent))


def submit(page, period: str = "half-year", *, last: bool = False) -> None:
    """Submit with its confirmation. The last delegation to submit ends the turn, so its
    page moves on to the next turn rather than showing the locked state."""
    before = turn_text(page)
    page.get_by_role("button", name="Submit", exact=True).click()
    page.get_by_role("button", name=f"Submit — your choices are locked for this {period}").click()
    if last:
        turn_over(page, before)
    else:
        expect()(page.locator("#submit-area")).to_contain_text("your choices are locked")


def turn_text(page) -> str:
    return page.locator("#turn").inner_text()


def turn_over(page, before: str) -> None:
    """Wait until the page shows the next turn, or the debrief after the last one."""
    page.wait_for_function(
        "before => document.getElementById('turn').innerText !== before"
        " || !document.getElementById('debrief').hidden",
        arg=before,
        timeout=WAIT,
    )


def test_three_delegations_play_a_class_to_the_debrief(browser, running_class):
    """Three delegations, one on a 360 px phone, each push, forecast and submit every turn;
    each sees the others decide (never what), then the reveal, and at the end the debrief."""
    ex = expect()
    pages = {}
    contexts = []
    problems_of = {}
    for actor, url in running_class.urls.items():
        ctx, page, problems = open_page(browser, url, **(PHONE if actor == "taiwan" else LAPTOP))
        contexts.append(ctx)
        pages[actor] = page
        problems_of[actor] = problems
    try:
        for page in pages.values():
            joined(page)
        us, japan, taiwan = pages["us"], pages["japan"], pages["taiwan"]
        ex(us.locator("#who")).to_contain_text("United States")
        ex(taiwan.locator("#who")).to_contain_text("Taiwan")
        ex(us.locator("#turn")).to_contain_text("Half-year 1 of 6")
        # The briefing and how scoring works are there, folded.
        ex(us.locator("#briefing summary")).to_contain_text("Briefing and objectives")
        us.locator("#briefing summary").click()
        ex(us.locator("#briefing-body")).to_contain_text("Objectives")
        ex(us.locator("#scoring summary")).to_be_visible()
        # A card shows its cost, who is needed and its effects with source and confidence.
        first = us.locator("#cards .card").first
        ex(first).to_contain_text("Needs")
        ex(first).to_contain_text(re.compile(r"push \d+ · oppose \d+"))
        ex(first.locator(".effects")).to_contain_text("Source:")
        ex(first.locator(".effects")).to_contain_text("Confidence:")
        # Indicators: tension with its warning and crisis marks.
        ex(us.locator("#indicators")).to_contain_text("Regional tension")
        ex(us.locator("#indicators")).to_contain_text(re.compile(r"warning at \d+ · crisis at \d+"))

        shot(taiwan, "360-deciding")
        shot(us, "1280-deciding")

        turns = 0
        while True:
            name = turn_text(us)
            if us.locator("#debrief").is_visible():
                break
            turns += 1
            assert turns <= 6, "more turns than the scenario has"
            for page in pages.values():
                ex(page.locator("#turn")).to_have_text(name)
                if turns == 1:
                    assert push_first_affordable(page) is not None
                else:
                    push_first_affordable(page) or push_first_affordable(page, "oppose")
                forecast_first(page, 70)
            # The forecast reached the server: it comes back in the own view after a reload
            # of the draft (the number input keeps it).
            capital = us.locator("#capital").inner_text()
            assert re.search(r"Capital left: \d+ of \d+", capital)
            submit(us)
            # The others see that the US has decided, never what.
            ex(japan.locator("#decided")).to_contain_text("United States: Decided")
            ex(japan.locator("#decided")).to_contain_text("Taiwan: Deciding")
            assert "push" not in japan.locator("#decided").inner_text().lower()
            # After submitting, every choice button and the submit are disabled.
            buttons = us.locator("#cards button.choice")
            assert buttons.count() > 0
            for i in range(buttons.count()):
                ex(buttons.nth(i)).to_be_disabled()
            ex(us.get_by_role("button", name="Submit", exact=True)).to_have_count(0)
            submit(japan)
            submit(taiwan, last=True)
            for page in pages.values():
                turn_over(page, name)
            if turns == 1 and not us.locator("#debrief").is_visible():
                # The next turn is open; the last one's reveal is folded above the choices.
                reveal = taiwan.locator("#reveal")
                ex(reveal).to_be_visible()
                ex(reveal.locator("summary")).to_contain_text("What happened last turn")
                reveal.locator("summary").click()
                ex(taiwan.locator("#reveal-body")).to_contain_text("United States")
                ex(taiwan.locator("#reveal-body")).to_contain_text("What changed and why")
                ex(taiwan.locator("#reveal-body")).to_contain_text("Push")
                us.locator("#reveal summary").click()
                shot(taiwan, "360-revealing")
                shot(us, "1280-revealing")
        assert turns == 6
        for page in pages.values():
            ex(page.locator("#debrief")).to_be_visible()
            ex(page.locator("#debrief table")).to_contain_text("Shared")
            ex(page.locator("#decide")).to_be_hidden()
        ex(us.locator("#debrief")).to_contain_text("United States")
        shot(taiwan, "360-debrief")
        shot(us, "1280-debrief")
        for actor, problems in problems_of.items():
            assert problems == [], f"{actor}'s page had errors: {problems}"
    finally:
        for ctx in contexts:
            ctx.close()


def test_a_device_that_reloads_after_submitting_finds_its_choices_locked(browser, running_class):
    ex = expect()
    ctx, page, problems = open_page(browser, running_class.urls["japan"], **PHONE)
    try:
        joined(page)
        title = push_first_affordable(page)
        forecast_first(page, 35)
        submit(page)
        page.reload()
        joined(page)
        ex(page.locator("#submit-area")).to_contain_text("your choices are locked")
        card = page.locator("#cards .card").filter(has_text=title).first
        ex(card.locator("button[data-choice=push]")).to_have_attribute("aria-pressed", "true")
        ex(card.locator("button[data-choice=push]")).to_be_disabled()
        ex(card.locator("button[data-choice=hold]")).to_be_disabled()
        ex(page.locator("#questions input[type=number]").first).to_have_value("35")
        ex(page.locator("#questions input[type=number]").first).to_be_disabled()
        ex(page.locator("#decided")).to_contain_text("Japan: Decided")
        page.locator("#submit-area").scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "page-360-locked.png")) if SHOTS.is_dir() else None
        assert problems == []
    finally:
        ctx.close()


def test_two_devices_of_one_delegation_share_the_draft_live(browser, running_class):
    ex = expect()
    url = running_class.urls["us"]
    ctx1, one, _ = open_page(browser, url, **LAPTOP)
    ctx2, two, _ = open_page(browser, url, **PHONE)
    try:
        joined(one)
        joined(two)
        ex(one.locator("#status")).to_contain_text("2 devices here")
        title = push_first_affordable(one)
        card = two.locator("#cards .card").filter(has_text=title).first
        ex(card.locator("button[data-choice=push]")).to_have_attribute("aria-pressed", "true")
        ex(two.locator("#capital")).to_have_text(one.locator("#capital").inner_text())
        # And back: the phone sets it to hold, the laptop sees it.
        card.locator("button[data-choice=hold]").click()
        back = one.locator("#cards .card").filter(has_text=title).first
        ex(back.locator("button[data-choice=hold]")).to_have_attribute("aria-pressed", "true")
        # One submits: both are locked.
        submit(two)
        ex(one.locator("#submit-area")).to_contain_text("your choices are locked")
        ex(back.locator("button[data-choice=push]")).to_be_disabled()
    finally:
        ctx1.close()
        ctx2.close()


def test_a_wrong_join_code_shows_why_and_nothing_of_the_game(browser, running_class):
    ex = expect()
    ctx, page, _ = open_page(browser, running_class.base + "#not-a-real-code-of-this-class")
    try:
        ex(page.locator("#notice")).to_contain_text("not one of this class's")
        ex(page.locator("#toasts")).to_contain_text("not one of this class's")
        ex(page.locator("#status")).to_have_text("Not joined")
        for section in ("#cards .card", "#indicators li", "#decided li", "#reveal-body *"):
            ex(page.locator(section)).to_have_count(0)
        body = page.locator("body").inner_text()
        assert "United States" not in body and "Half-year" not in body
    finally:
        ctx.close()


def test_a_page_without_a_code_asks_for_the_join_link(browser, running_class):
    ex = expect()
    ctx, page, _ = open_page(browser, running_class.base)
    try:
        ex(page.locator("#notice")).to_contain_text("Open the join link")
        ex(page.locator("#cards .card")).to_have_count(0)
    finally:
        ctx.close()


def test_the_page_reconnects_when_the_server_comes_back(browser, running_class):
    """The connection drops (the server restarts on the same port): the page says it is
    reconnecting, comes back by itself and shows the draft it had."""
    ex = expect()
    ctx, page, _ = open_page(browser, running_class.urls["taiwan"], **PHONE)
    try:
        joined(page)
        title = push_first_affordable(page)
        running_class.restart_server()
        ex(page.locator("#status")).to_contain_text("Connected")
        card = page.locator("#cards .card").filter(has_text=title).first
        ex(card.locator("button[data-choice=push]")).to_have_attribute("aria-pressed", "true")
        ex(card.locator("button[data-choice=push]")).to_be_enabled()
    finally:
        ctx.close()


def test_errors_from_the_server_appear_without_breaking_the_page(browser, running_class):
    """A choice the server refuses (here: one that names another turn, as a stale page would
    send) is shown in the alert region; the page goes on working."""
    import json

    ex = expect()
    ctx = browser.new_context(**LAPTOP)
    page = ctx.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    stale = {"on": False}

    def relay(ws) -> None:  # noqa: ANN001 - a Playwright WebSocketRoute
        server = ws.connect_to_server()

        def outgoing(text) -> None:  # noqa: ANN001
            data = json.loads(text)
            if stale["on"] and data.get("type") == "choose":
                data["turn"] = 5
            server.send(json.dumps(data))

        ws.on_message(outgoing)

    page.route_web_socket(re.compile(r"/ws$"), relay)
    page.goto(running_class.urls["us"])
    try:
        joined(page)
        stale["on"] = True
        page.locator("#cards .card button[data-choice=oppose]:enabled").first.click()
        ex(page.get_by_role("alert")).to_contain_text("that was for Half-year 5")
        ex(
            page.locator("#cards .card button[aria-pressed=true][data-choice=oppose]")
        ).to_have_count(0)
        stale["on"] = False
        page.locator("#cards .card button[data-choice=oppose]:enabled").first.click()
        ex(
            page.locator("#cards .card button[aria-pressed=true][data-choice=oppose]")
        ).to_have_count(1)
        page.get_by_role("button", name="Dismiss").first.click()
        ex(page.locator("#toasts .toast")).to_have_count(0)
        assert problems == []
    finally:
        ctx.close()


def test_beside_a_projector_the_reveal_waits_for_the_next_turn(browser, projector_class):
    """With a projector the class looks at the reveal before the next turn opens: the page
    shows it unfolded and says to look at the projector; the timer counts down meanwhile."""
    ex = expect()
    run = projector_class
    contexts, pages = [], {}
    for actor, url in run.urls.items():
        ctx, page, _ = open_page(browser, url, **(PHONE if actor == "us" else LAPTOP))
        contexts.append(ctx)
        pages[actor] = page
    try:
        for page in pages.values():
            joined(page)
        us = pages["us"]
        ex(us.locator("#timer")).to_have_text(re.compile(r"^(10:00|9:[0-5]\d)$"))
        for actor, page in pages.items():
            push_first_affordable(page)
            if actor != "taiwan":
                submit(page)
        taiwan = pages["taiwan"]
        taiwan.get_by_role("button", name="Submit", exact=True).click()
        taiwan.get_by_role("button", name=re.compile("^Submit — ")).click()
        ex(us.locator("#notice")).to_contain_text("Look at the projector")
        ex(us.locator("#turn")).to_have_text("Half-year 1 of 6")
        ex(us.locator("#reveal")).to_have_attribute("open", "")
        ex(us.locator("#reveal-body")).to_contain_text("What changed and why")
        ex(us.locator("#decide")).to_be_hidden()
        ex(us.locator("#timer")).to_be_hidden()
        shot(us, "360-reveal-projector")
        run.on_owner(lambda c: c.advance())
        ex(us.locator("#turn")).to_have_text("Half-year 2 of 6")
        ex(us.locator("#notice")).to_be_hidden()
        ex(us.locator("#cards .card").first).to_be_visible()
        ex(us.locator("#reveal-new")).to_be_visible()
        # The console pauses the timer: every page says so.
        run.on_owner(lambda c: (c.session.toggle_timer(), c.timer_changed()))
        ex(pages["japan"].locator("#timer")).to_contain_text("Paused")
    finally:
        for ctx in contexts:
            ctx.close()


def test_a_delegation_handed_to_the_computer_is_told_so(browser, running_class):
    ex = expect()
    ctx, page, _ = open_page(browser, running_class.urls["japan"], **PHONE)
    try:
        joined(page)
        running_class.on_owner(lambda c: c.hand_to_ai("japan"))
        ex(page.locator("#notice")).to_contain_text("The computer plays your delegation now")
        ex(page.locator("#decide")).to_be_hidden()
        ex(page.locator("#decided")).to_contain_text("Japan: Computer")
    finally:
        ctx.close()
