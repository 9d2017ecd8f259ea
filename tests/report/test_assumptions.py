"""The assumptions page says what a scenario's numbers rest on, in HTML and in Markdown: every
effect with its size or range, the source (citation and note) and confidence that count for it,
the red cell's policy, the scoring in the engine's words, the calibration runs (numbers the
commands it names give back exactly), the sources with what uses them, and the history
excursion."""

from __future__ import annotations

import html as html_lib
import re
from datetime import UTC, datetime

import pytest

from game.cli import main
from game.report.assumptions import (
    NO_SOURCE,
    SECTIONS,
    build_assumptions,
    effect_entries,
    gather_assumptions,
    program_version,
    write_assumptions,
)
from game.report.blocks import Heading, ItemList, Paragraph, Section, Table
from game.scenario.loader import load_scenario
from tests.conftest import FIXTURES, shared_by_module

SCENARIO = FIXTURES / "assumptions.yaml"
RUNS = 12  # AI games and games per strategy: the numbers are checked against the commands
NOW = datetime(2024, 5, 6, 7, 8, tzinfo=UTC)


@pytest.fixture(scope=shared_by_module)
def loaded():
    return load_scenario(SCENARIO)


@pytest.fixture(scope=shared_by_module)
def data(loaded):
    return gather_assumptions(loaded, RUNS, now=NOW)


@pytest.fixture(scope=shared_by_module)
def written(loaded, tmp_path_factory):
    out = tmp_path_factory.mktemp("page")
    html_path, md_path = write_assumptions(loaded, out, runs=RUNS, now=NOW)
    return html_path.read_text(encoding="utf-8"), md_path.read_text(encoding="utf-8")


def _plain(text: str) -> str:
    """HTML or Markdown as words: tags dropped, entities and Markdown escapes undone."""
    text = re.sub(r"<[^>]+>", " ", text)
    text = html_lib.unescape(text)
    text = re.sub(r"\\(.)", r"\1", text)
    return " ".join(text.split())


def _section(doc, anchor: str) -> Section:
    return next(s for s in doc.sections if s.anchor == anchor)


def _text(parts) -> str:  # noqa: ANN001 - inlines, as words
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif hasattr(part, "parts"):
            out.append(_text(part.parts))
        elif hasattr(part, "text"):
            out.append(part.text)
    return "".join(out)


def _after_heading(section: Section, heading: str) -> list:
    """The blocks of `section` between the heading called `heading` and the next heading."""
    blocks, found = [], False
    for b in section.blocks:
        if isinstance(b, Heading):
            if found:
                break
            found = _text(b.text) == heading
        elif found:
            blocks.append(b)
    assert found, f"no heading {heading!r}"
    return blocks


def _row_text(table: Table, first_cell_contains: str) -> str:
    for row in table.rows:
        texts = [
            _text(c.text) if c.items is None else " | ".join(_text(i) for i in c.items)
            for c in row.cells
        ]
        if first_cell_contains in texts[0]:
            return " || ".join(texts)
    raise AssertionError(f"no row for {first_cell_contains!r}")


# --- effects, sources, confidence --------------------------------------------------------------


def test_a_ranged_effect_shows_its_range_source_citation_note_and_confidence(data, written):
    table = next(
        b for b in _section(build_assumptions(data), "measures").blocks if isinstance(b, Table)
    )
    row = _row_text(table, "On adoption")
    assert "Cooperation +4 to +8" in row and "middle +6" in row
    assert "US-Japan Leaders' Joint Statement, 16 April 2021." in row
    assert "The first mention of the Taiwan Strait by both leaders since 1969." in row
    assert "medium confidence" in row
    for text in written:
        words = _plain(text)
        assert "Cooperation +4 to +8 (range; middle +6)" in words
        assert "Tension +3 to +7 (range; middle +5)" in words  # the red cell's reaction


def test_an_effect_without_a_source_of_its_own_takes_its_owners(data):
    entries = {(e.owner_id, e.kind.split(" (")[0]): e for e in data.effects}
    in_force = entries[("dialogue", "Every turn in force")]
    assert in_force.effect.source is None and in_force.source == "leaders_2021"
    assert in_force.inherited
    table = next(
        b for b in _section(build_assumptions(data), "measures").blocks if isinstance(b, Table)
    )
    row = _row_text(table, "Every turn in force")
    assert "US-Japan Leaders' Joint Statement" in row and "(given for the whole measure)" in row


def test_an_effect_with_no_source_anywhere_says_so_plainly(data, written):
    events = next(
        b for b in _section(build_assumptions(data), "events").blocks if isinstance(b, Table)
    )
    row = _row_text(events, "Coast guard patrol")
    assert NO_SOURCE.capitalize() in row and "Confidence not given" in row
    unsourced = _after_heading(
        _section(build_assumptions(data), "sources"), "Effects with no source given"
    )
    listed = [_text(i) for b in unsourced if isinstance(b, ItemList) for i in b.items]
    assert listed == [
        "Coast guard patrol — when drawn",
        "Election — when it fires",
        "Campaign stage 2 — every turn of the stage",
    ]
    for text in written:
        assert "No source given" in _plain(text)


def test_every_kind_of_effect_is_listed_with_its_owner(loaded):
    found = [(e.group, e.owner_id) for e in effect_entries(loaded)]
    assert found == [
        ("measure", "dialogue"),  # on_adopt
        ("measure", "dialogue"),  # in_force
        ("measure", "dialogue"),  # reaction
        ("measure", "exercises"),  # in_force
        ("event", "patrol"),
        ("event", "trade_fair"),
        ("inject", "election"),
        ("inject", "leaders_statement"),
        ("inject", "pm_change"),
        ("campaign", "1"),
        ("campaign", "2"),
        ("drift", ""),
    ]


def test_a_source_used_by_nothing_is_listed_as_such(data, written):
    section = _section(build_assumptions(data), "sources")
    unused = [
        _text(i)
        for b in _after_heading(section, "Sources used by nothing")
        if isinstance(b, ItemList)
        for i in b.items
    ]
    assert len(unused) == 1 and unused[0].startswith("Congressional Research Service")
    used = [
        _text(i)
        for b in _after_heading(section, "Sources and what uses them")
        if isinstance(b, ItemList)
        for i in b.items
    ]
    assert not any("Congressional Research Service" in u for u in used)
    judgement = next(u for u in used if u.startswith("Design judgement."))
    for user in (
        "Beijing offers opposition mayors a trade fair (when drawn)",
        "Campaign stage 1 (every turn of the stage)",
        "Drift (every turn)",
        "Japan changes prime minister (when it fires)",
    ):
        assert user in judgement
    statement = next(u for u in used if u.startswith("US-Japan Leaders"))
    assert (
        "Security dialogue (on adoption; every turn in force; the red cell's reaction)" in statement
    )
    for text in written:
        assert "Sources used by nothing" in _plain(text)


# --- the red cell, the scoring, the rules -------------------------------------------------------


def test_the_red_cells_policy_is_shown_whole(data, written):
    words = _plain(written[0])
    assert "1, drawn from the event deck" in words and "3 actions in one turn" in words
    assert (
        "tension >= 60" in words and "Heightened tension brings more frequent signalling." in words
    )
    assert "1.5 times as likely" in words and "2 times as likely" in words  # the probes
    assert (
        "Stage 1: half-years 1–2" in words
        and "Patrols and flights rise half-year by half-year." in words
    )
    assert "Stage 2: half-years 3–4" in words and "Large drills around the island." in words
    assert "Tension +1 to +3 (range; middle +2)" in words  # the campaign's range
    assert "Cooperation low (weight 1)" in words and "Tension low (weight 0.5)" in words
    assert "Maritime: 30% less damage from events" in words  # a shield
    assert "Security dialogue loses 1.5 progress" in words  # a setback
    red = _section(build_assumptions(data), "red-cell")
    inducements = _after_heading(red, "Inducements: offers meant to divide the partners")
    assert [_text(i) for b in inducements if isinstance(b, ItemList) for i in b.items] == [
        "inducementBeijing offers opposition mayors a trade fair"
    ]
    provocation = next(
        b
        for b in _after_heading(red, "What provokes it, and what blunts it")
        if isinstance(b, Table)
    )
    assert _row_text(provocation, "Security dialogue").split(" || ")[1] == "3"


def test_the_scoring_is_the_engines_sentences_word_for_word(data, written):
    from game.engine.scoring import describe_scoring

    sentences = describe_scoring(data.book)
    section = _section(build_assumptions(data), "scoring")
    said = [_text(b.text) for b in section.blocks if isinstance(b, Paragraph)]
    assert said == sentences
    for text in written:
        words = _plain(text)
        for sentence in sentences:
            assert " ".join(sentence.split()) in words


# --- calibration ----------------------------------------------------------------------------------


def _number_after(text: str, label: str) -> str:
    match = re.search(re.escape(label) + r"\s*([0-9.]+%?)", text)
    assert match, f"{label!r} not found"
    return match.group(1)


def test_the_calibration_numbers_are_what_the_commands_shown_give(data, written, capsys):
    """The page's AI play, strategy and lint figures come back exactly from the commands it
    prints (run here through the command line)."""
    cal = data.calibration
    words = _plain(written[0])
    path = str(SCENARIO.resolve())
    assert cal.commands["simulate"].endswith(f"--runs {RUNS} --seed 0")
    assert main(["simulate", path, "--runs", str(RUNS), "--seed", "0"]) == 0
    out = capsys.readouterr().out
    crisis = _number_after(out, "Crisis rate:")
    assert _number_after(words, "Crisis rate") == crisis
    assert (
        f"median {cal.ai.shared_score[1]:.1f}" in out
        and f"median {cal.ai.shared_score[1]:.1f}" in words
    )

    assert main(["simulate", path, "--runs", str(RUNS), "--seed", "0", "--strategy", "all"]) == 0
    out = capsys.readouterr().out
    for summary in cal.strategies:
        line = next(x for x in out.splitlines() if x.startswith(summary.strategy + " "))
        assert line.split()[1:3] == [
            f"{100 * summary.crisis_rate:.1f}%",
            f"{summary.shared_mean:.1f}",
        ]
        assert (
            f"{summary.strategy} {100 * summary.crisis_rate:.1f}% {summary.shared_mean:.1f}"
            in words
        )

    assert cal.commands["lint"].endswith(f"--games {RUNS} --strategy-games {RUNS // 5}")
    code = main(["lint", path, "--games", str(RUNS), "--strategy-games", str(RUNS // 5)])
    lines = capsys.readouterr().out.splitlines()
    assert code == (1 if cal.lint else 0)
    assert lines == [w.format(path) for w in cal.lint]
    for w in cal.lint:  # the page names the file as its commands do
        assert " ".join(w.format(data.scenario_shown).split()) in words


def test_the_commands_and_the_program_version_are_on_the_page(data, written):
    for text in written:
        words = _plain(text)
        assert f"Trilateral {program_version()}" in words
        assert data.loaded.content_hash in words
        for name in ("simulate", "strategies", "lint"):
            assert data.calibration.commands[name] in words
        # the page's own command names the folder it was written to
        assert f"python main.py assumptions {data.scenario_shown} --out " in words


def test_the_same_scenario_and_runs_give_the_same_page(loaded, written, tmp_path):
    html_path, md_path = write_assumptions(loaded, tmp_path, runs=RUNS, now=NOW)
    again = html_path.read_text(encoding="utf-8"), md_path.read_text(encoding="utf-8")
    # only the folder in the command that writes the page differs
    assert [t.replace(str(tmp_path), "DIR") for t in again] == [
        re.sub(r"--out \S+ ", "--out DIR ", t) for t in written
    ]


def test_a_clean_lint_is_said(monkeypatch, loaded, tmp_path):
    monkeypatch.setattr("game.sim.lint.lint", lambda *args, **kwargs: [])
    data = gather_assumptions(loaded, 2, now=NOW)
    words = _plain(write_assumptions(loaded, tmp_path, runs=2, now=NOW)[0].read_text())
    assert data.calibration.lint == () and "lint clean: no warnings." in words


# --- the history excursion, the sections, both formats -----------------------------------------


def test_the_history_excursion_lists_its_injects_by_date(data, written):
    section = _section(build_assumptions(data), "history")
    table = next(b for b in section.blocks if isinstance(b, Table))
    firsts = [_text(r.cells[0].text) for r in table.rows]
    assert firsts == ["2021-04-16half-year 3", "2021-10-04half-year 4"]
    assert "US-Japan leaders name the Taiwan Strait" in _text(table.rows[0].cells[1].text)
    for text in written:
        assert "The history excursion" in _plain(text)


def test_a_scenario_without_history_has_no_history_section(mini, tmp_path):
    data = gather_assumptions(mini, 2, now=NOW)
    doc = build_assumptions(data)
    assert "history" not in [s.anchor for s in doc.sections]
    assert [s.anchor for s in doc.sections if s.anchor] == [
        a for a, _ in SECTIONS if a != "history"
    ]


def test_both_files_carry_every_section(written):
    html, md = written
    assert html.startswith("<!DOCTYPE html>") and '<meta name="viewport"' in html
    for anchor, heading in SECTIONS:
        assert f'id="{anchor}"' in html
        assert f"## {heading}" in md.replace("\\", "")


def test_scenario_text_cannot_become_markup(mini_text, tmp_path):
    from game.scenario.loader import load_scenario_text

    hostile = mini_text.replace(
        "citation: An essay.", 'citation: "<script>alert(1)</script> *x* [y](javascript:z)"'
    )
    path = tmp_path / "hostile.yaml"
    path.write_text(hostile, encoding="utf-8")
    loaded = load_scenario_text(hostile, str(path))
    html_path, md_path = write_assumptions(loaded, tmp_path / "out", runs=2, now=NOW)
    assert "<script>" not in html_path.read_text() and "&lt;script&gt;" in html_path.read_text()
    assert "](javascript" not in md_path.read_text()


def test_a_failed_calibration_leaves_the_previous_page_whole(loaded, tmp_path, monkeypatch):
    """Everything is computed before anything is written."""
    html_path, md_path = write_assumptions(loaded, tmp_path, runs=2, now=NOW)
    before = html_path.read_text(), md_path.read_text()

    def broken(*_args, **_kwargs):
        raise RuntimeError("lint failed")

    monkeypatch.setattr("game.sim.lint.lint", broken)
    with pytest.raises(RuntimeError):
        write_assumptions(loaded, tmp_path, runs=3, now=NOW)
    assert (html_path.read_text(), md_path.read_text()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["assumptions.html", "assumptions.md"]


def test_the_bundled_default_scenario_makes_a_page(default_scenario, tmp_path):
    """Today most of its effects have no source: the page says so for each, and counts them."""
    html_path, _ = write_assumptions(default_scenario, tmp_path, runs=2, now=NOW)
    words = _plain(html_path.read_text(encoding="utf-8"))
    data = gather_assumptions(default_scenario, 2, now=NOW)
    sourced = sum(1 for e in data.effects if e.source)
    assert f"Effects with a source {sourced} of {len(data.effects)}" in words
    assert words.count("No source given") >= len(data.effects) - sourced
