"""What the report says about the save and the white cell, and the two emitters' escaping,
checked without a browser (the browser test is test_hostile.py)."""

from __future__ import annotations

import re
from html import unescape

import pytest

from game.engine.game import FacilitatorAction
from game.report import write_report
from game.report.blocks import safe_link
from game.report.emit_markdown import _text as markdown_text
from game.report.render import SECTIONS
from tests.report.hostile import TEXT, URLS
from tests.report.test_report import md_text

WARNING = "This save was changed outside Trilateral: its decisions do not match its digest."


def _write(game, out):  # noqa: ANN001, ANN202
    html_path, md_path = write_report(game, out, runs=0)
    return html_path.read_text(encoding="utf-8"), md_path.read_text(encoding="utf-8")


def test_save_warnings_are_repeated_at_the_top_of_both_files(finished, tmp_path, quick_charts):
    finished.save_warnings = (WARNING, "A second warning.")
    html, md = _write(finished, tmp_path / "out")
    first_section = html.index('<section id="setup"')
    for warning in finished.save_warnings:
        at = html.index(f'<p class="warning">Warning about the save file: {warning}</p>')
        assert at < first_section and at < html.index('class="glance"')
    md = md_text(md)
    for warning in finished.save_warnings:
        line = f"> **Warning about the save file: {warning}**"
        assert line in md and md.index(line) < md.index(f"## {SECTIONS[0][1]}")


def test_no_warning_no_warning_box(finished, tmp_path, quick_charts):
    html, md = _write(finished, tmp_path / "out")
    assert 'class="warning"' not in html and "Warning about the save file" not in md


def test_a_take_back_is_shown_in_the_timeline_at_its_turn(finished, tmp_path, quick_charts):
    summary = "Japan: push Security dialogue; Taiwan: hold"
    finished.facilitator_log.append(FacilitatorAction(2, "takeback", text=summary))
    html, md = _write(finished, tmp_path / "out")
    timeline = html[html.index('<section id="timeline"') : html.index('<section id="indicators"')]
    turn_2 = timeline[timeline.index(">Turn 2<") : timeline.index(">Turn 3<")]
    assert "take-back</span><strong>Turn 2 was taken back and replayed</strong>" in turn_2
    assert f"undone: {summary}" in turn_2
    md = md_text(md)
    assert "**Turn 2 was taken back and replayed**" in md and f"undone: {summary}" in md


def test_a_white_cell_action_of_an_unknown_kind_is_shown_not_lost(finished, tmp_path, quick_charts):
    finished.facilitator_log.append(FacilitatorAction(1, "future-kind", text="Something new"))
    html, md = _write(finished, tmp_path / "out")
    assert "Something new" in html and "Something new" in md


@pytest.mark.parametrize("value", TEXT)
def test_markdown_text_renders_as_exactly_that_text(value):
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.validateLink = lambda url: True
    rendered = md.render(markdown_text(value)).strip()
    assert rendered.startswith("<p>") and rendered.endswith("</p>")
    inner = rendered[3:-4]
    assert "<" not in inner  # no element, no link, no emphasis
    assert unescape(inner) == " ".join(value.split())


@pytest.mark.parametrize("value", TEXT)
def test_markdown_text_stays_in_its_table_cell(value):
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    rendered = md.render(f"| a | b |\n| --- | --- |\n| {markdown_text(value)} | x |\n")
    cells = re.findall(r"<td>(.*?)</td>", rendered, re.S)
    assert len(cells) == 2 and cells[1] == "x"
    assert unescape(cells[0]) == " ".join(value.split())


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://example.org/a?b=1&c=2#x", "https://example.org/a?b=1&c=2#x"),
        ("HTTP://EXAMPLE.ORG/", "HTTP://EXAMPLE.ORG/"),
        ("https://example.org/paper_(2020)", "https://example.org/paper_%282020%29"),
        ('https://example.org/"><script>', "https://example.org/%22%3E%3Cscript%3E"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        (" https://example.org", None),
        ("java\tscript:alert(1)", None),
        ("&#106;avascript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("vbscript:msgbox(1)", None),
        ("//evil.example/x", None),
        ("/relative/path", None),
        ("http:javascript:alert(1)", None),
        ("https:/example.org", None),
        ("https://", None),
        ("https://exa mple.org", None),
        ("https://example.org/\u200bx", None),
        ("https://[::1", None),
        ("", None),
    ],
)
def test_only_http_addresses_become_links(url, link):
    assert safe_link(url) == link


@pytest.mark.parametrize("url", URLS)
def test_no_hostile_address_keeps_a_character_that_ends_an_attribute_or_link(url):
    link = safe_link(url)
    assert link is None or not re.search(r"[\s\"'<>()`\\\[\]]", link)


def test_the_facilitator_ending_a_turn_or_handing_a_seat_over_is_in_the_timeline(
    finished, tmp_path, quick_charts
):
    japan = finished.book.delegations["japan"].title
    finished.facilitator_log.append(FacilitatorAction(2, "hold", text="time was up", actor="japan"))
    finished.facilitator_log.append(FacilitatorAction(3, "ai", text="cautious", actor="japan"))
    html, md = _write(finished, tmp_path / "out")
    for text in (
        f"Ended {japan}&#x27;s turn: it held on everything (time was up)",
        f"Handed {japan} to the computer (AI profile: cautious)",
    ):
        assert text in html
        assert text.replace("&#x27;", "'") in md_text(md).replace("\\\\", "")
