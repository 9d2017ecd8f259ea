"""No script in the after-action report: a scenario with hostile text in every free-text field,
a game with hostile notes, reasons, take-backs and save warnings, and the report opened in a real
browser (headless Chromium), both report.html and report.md rendered by a Markdown renderer.

Each hostile value the report's data carries must show up as the visible text it is (so it was
escaped, not dropped), and nothing it carries may become an element, an event handler or a link
other than an http(s) one.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import yaml

from game.engine.game import FacilitatorAction, Game
from game.paths import DEFAULT_SCENARIO
from game.report import write_report
from game.report.data import gather
from game.scenario.loader import load_scenario
from game.scenario.models import Scenario
from tests.report.hostile import Hostile, text_fields

# Elements the report is made of; anything else in the page came from outside text.
HTML_ELEMENTS = {
    *"html head meta title style body main header footer nav section div p h1 h2 h3".split(),
    *"a span strong em code br ul ol li dl dt dd table colgroup col thead tbody tr th td".split(),
    *"figure figcaption img blockquote".split(),
}
MARKDOWN_ELEMENTS = {
    *"html head meta title body h1 h2 h3 h4 p a strong em code br hr ul ol li blockquote".split(),
    *"table thead tbody tr th td img".split(),
}
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "srcdoc",
    "srcset",
    "ping",
    "cite",
    "codebase",
    "longdesc",
    "manifest",
}

# What the page is made of, read from the DOM after it has loaded.
INSPECT = """() => {
  const elements = [...document.querySelectorAll('*')];
  const handlers = [], urls = [];
  for (const el of elements) {
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on')) handlers.push(el.tagName + ' ' + a.name + '=' + a.value);
      if (URLS.includes(name)) urls.push([el.tagName.toLowerCase(), name, a.value]);
    }
  }
  return {
    tags: [...new Set(elements.map(el => el.localName))],
    scripts: document.scripts.length,
    handlers, urls,
    text: document.body.innerText,
    title: document.title,
  };
}"""


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _strings(value: Any) -> list[str]:
    """Every string inside the report's data (walked generically, dataclasses and containers)."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value):
        return [s for f in dataclasses.fields(value) for s in _strings(getattr(value, f.name))]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(k) + _strings(v)]
    if isinstance(value, list | tuple | set | frozenset):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The default scenario with a hostile value in every free-text field, loaded for real."""
    data = yaml.safe_load(DEFAULT_SCENARIO.read_text(encoding="utf-8"))
    filler = Hostile()
    filler.fill(Scenario, data)
    # The generic walk reached every kind of free-text field the model has.
    assert {(f.model, f.field) for f in filler.filled} >= text_fields(Scenario)
    path = tmp_path_factory.mktemp("scenario") / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_scenario(path), filler


# Things a class adds to a game: facilitator notes and reasons, a take-back, save warnings.
NOTE = "note <script>alert('note')</script>\n[x](javascript:alert(1)) | `tick` ¶N1"
REASON = '"><img src=x onerror=alert(2)> **reason** ¶R1'
TAKEBACK = "<svg/onload=alert(3)> Japan: push [a](javascript:x) ¶T1"
WARNING = "changed outside Trilateral <img src=x onerror=alert(4)> ¶W1"
SAVE_NAME = "<img src=x onerror=alert(5)> `class`|1.json"
ADDED = (NOTE, REASON, TAKEBACK, WARNING, SAVE_NAME)


def _play(loaded, turns: int | None) -> Game:
    game = Game(loaded, 11, humans={"japan"})
    inject = next(iter(game.book.inject))
    while not game.over and (turns is None or len(game.reports) < turns):
        turn = game.state.turn
        if turn == 1:
            game.add_note(NOTE)
            game.adjust("cooperation", 1, REASON)
        if turn == 2:
            game.fire_inject(inject)
            # as the engine records a take-back: at the turn that was undone and played again
            game.facilitator_log.append(FacilitatorAction(1, "takeback", text=TAKEBACK))
        for q in game.forecast_questions():
            game.submit_forecast("japan", q.id, 0.6)
            game.submit_forecast("taiwan", q.id, 0.3)
        options = game.options("japan")
        push = next((m.measure_id for m in options.measures if "push" in m.choices), None)
        game.submit("japan", {push: "push"} if push else {})
        game.resolve_turn()
    if not game.over:
        game.add_note(NOTE)  # in the turn not yet resolved
    game.save_warnings = (WARNING,)
    return game


def _inspect(browser, page_path: Path) -> dict[str, Any]:
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page_path.as_uri())
    page.wait_for_load_state("load")
    found = page.evaluate(INSPECT.replace("URLS", repr(sorted(URL_ATTRIBUTES))))
    # Read the text again without text-transform, which changes the case of what is read back.
    page.add_style_tag(content="* { text-transform: none !important; }")
    found["text"] = page.evaluate("() => document.body.innerText")
    page.close()
    found["dialogs"] = dialogs
    found["requests"] = requests
    return found


def _markdown_page(md_path: Path) -> Path:
    """report.md through a real CommonMark renderer, raw HTML allowed and every link kept (the
    renderer's own link filter is switched off: the report must not rely on it)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.validateLink = lambda url: True
    body = md.render(md_path.read_text(encoding="utf-8"))
    page = md_path.with_name("report-md.html")
    page.write_text(
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>md</title></head><body>{body}</body></html>',
        encoding="utf-8",
    )
    return page


def _check_page(found: dict[str, Any], elements: set[str], own_images: re.Pattern[str]) -> None:
    assert found["scripts"] == 0
    assert found["handlers"] == []
    assert found["dialogs"] == []
    assert set(found["tags"]) <= elements, set(found["tags"]) - elements
    for tag, attr, value in found["urls"]:
        if tag == "a" and attr == "href":
            assert re.match(r"(https?://[^\s\"'<>`]+|#[a-z-]+)$", value, re.I), value
        else:
            assert tag == "img" and attr == "src" and own_images.match(value), (tag, attr, value)
    for url in found["requests"][1:]:  # the page itself, then only its own images
        assert own_images.match(url) or url.startswith("file:"), url


@pytest.mark.parametrize("turns", [None, 2], ids=["finished", "unfinished"])
def test_hostile_text_everywhere_is_shown_as_text_and_never_runs(hostile, browser, tmp_path, turns):
    loaded, filler = hostile
    game = _play(loaded, turns)
    out = tmp_path / "out"
    html_path, md_path = write_report(game, out, runs=4, save_path=Path(SAVE_NAME))
    data = gather(game, runs=0)

    # Which hostile values the report's data carries: all of them must be shown, as text.
    carried = "\n".join(_strings(data))
    shown = [f for f in filler.filled if f.marker in carried]
    names = {(f.model, f.field) for f in shown}
    assert {("Scenario", "turn_label"), ("Source", "url"), ("Delegation", "title")} <= names
    assert len(shown) > 40
    expected = [f.value for f in shown] + list(ADDED)

    for path, elements, images in (
        (html_path, HTML_ELEMENTS, re.compile(r"data:image/png;base64,[A-Za-z0-9+/=]+$")),
        (
            _markdown_page(md_path),
            MARKDOWN_ELEMENTS,
            re.compile(r"(file://.*/)?charts/[a-z]+-[0-9a-f]{12}\.png$"),
        ),
    ):
        found = _inspect(browser, path)
        _check_page(found, elements, images)
        text = _one_line(found["text"])
        missing = [
            v
            for v in expected
            if _one_line(v) not in text and _one_line(v).lower() not in text.lower()
        ]
        assert not missing, (path.name, missing[:5])

    title = _inspect(browser, html_path)["title"]
    assert _one_line(game.scenario.title) in _one_line(title)


def _linkable(url: str) -> bool:
    """What the report may turn into a link: an absolute http(s) address, nothing hidden in it."""
    return bool(re.match(r"https?://[^/?#\s]", url, re.I)) and url.isprintable() and " " not in url


def test_only_http_addresses_become_links(hostile, browser, tmp_path):
    loaded, filler = hostile
    game = _play(loaded, 1)
    html_path, md_path = write_report(game, tmp_path / "out", runs=0)
    urls = [f.value for f in filler.filled if f.field == "url"]
    assert any(map(_linkable, urls)) and not all(map(_linkable, urls))
    for path in (html_path, _markdown_page(md_path)):
        found = _inspect(browser, path)
        _check_page(
            found, HTML_ELEMENTS | MARKDOWN_ELEMENTS, re.compile(r".*\.png$|data:image/png")
        )
        links = [unquote(v) for tag, _, v in found["urls"] if tag == "a" and not v.startswith("#")]
        for url in urls:
            assert (url in links) == _linkable(url), (path.name, url, links)
