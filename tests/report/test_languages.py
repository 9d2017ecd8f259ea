"""The report, its charts and the assumptions page in Japanese and Traditional Chinese: none of
their own words left in English, the page marked with its language, numbers and dates written
the language's way, and charts that draw Chinese characters rather than empty boxes."""

from __future__ import annotations

import re
import warnings
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file

from game import i18n
from game.cli import main
from game.engine.game import play_ai_game
from game.engine.saves import save_game
from game.report import charts, words
from game.report.assumptions import assumptions_html, assumptions_markdown, gather_assumptions
from game.report.data import gather
from game.report.render import html_report, markdown_report
from game.scenario.translations import in_language
from tests.conftest import MINI, shared_by_module
from tests.report.conftest import play

REPORT_DIR = Path(charts.__file__).parent
NOW = datetime(2026, 3, 4, 5, 6, tzinfo=UTC)
LANGUAGES = (("ja", "ja"), ("zh-Hant", "zh-Hant-TW"))
PLACEHOLDER = re.compile(r"\{\w*\}")


pytestmark = pytest.mark.usefixtures("english_again")


def own_words(*files: str) -> set[str]:
    """The pieces of English the given report modules write themselves: each message, split
    at its placeholders, keeping the pieces long enough to be words rather than punctuation
    (a short label such as 'Value' could equally be part of a scenario's own text)."""
    found = set()
    for name in files:
        for _line, message, _comments, _context in extract_from_file(
            "python",
            str(REPORT_DIR / name),
            keywords={"_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "N_": None},
        ):
            for text in message if isinstance(message, tuple) else (message,):
                found.update(p.strip() for p in PLACEHOLDER.split(text) if len(p.strip()) >= 12)
    return found


# Two or more English words in a row: a phrase, not a name or a command's option.
PHRASE = re.compile(r"[A-Za-z][A-Za-z'’-]*(?: [A-Za-z][A-Za-z'’-]*)+")


def english_phrases(text: str) -> set[str]:
    return set(PHRASE.findall(text))


class _Text(HTMLParser):
    """What a reader sees of a page: its text, and the alternative text of its images; not
    the commands shown as code (program text, the same in every language)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):  # noqa: ANN001, ANN201
        if tag in ("style", "script", "code"):
            self._skip += 1
        self.parts += [v for k, v in attrs if k in ("alt", "title") and v]

    def handle_endtag(self, tag):  # noqa: ANN001, ANN201
        if tag in ("style", "script", "code"):
            self._skip -= 1

    def handle_data(self, data):  # noqa: ANN001, ANN201
        if not self._skip:
            self.parts.append(data)


def visible(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def strings_of(value) -> list[str]:  # noqa: ANN001
    """Every string in a scenario's model (its titles, texts, notes, citations...)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings_of(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in strings_of(v)]
    return []


def without(text: str, others: list[str]) -> str:
    """`text` with what others wrote taken out: the scenario's own texts, and the sentences
    the engine, the terminal's wording and the balance tools give the page (translated by
    their own modules), longest first so a shorter one inside a longer one goes with it."""
    for other in sorted({" ".join(o.split()) for o in others if o}, key=len, reverse=True):
        text = text.replace(other, " ")
    return text


def others_in_report(game, data) -> list[str]:  # noqa: ANN001
    o = data.outcome
    found = [*data.scoring, o.crisis_note, *strings_of(game.scenario.model_dump())]
    found += [p.label for p in o.shared_parts] + [p.label for d in o.delegations for p in d.parts]
    if o.red_cell is not None:
        found += [o.red_cell.headline, *(p.label for p in o.red_cell.parts)]
    found += [label for t in data.turning_points for label, _amount in t.causes]
    found += [x for d in data.drawn for x in (d.what, d.range_text())]
    found += [r.question for r in data.forecasts.rows]
    found += [
        i.headline for row in data.timeline for i in row.white_cell if i.kind in ("hold", "ai")
    ]
    found += [
        i.detail for row in data.timeline for i in row.white_cell
    ]  # what the white cell typed
    return found


def report(game, code: str, **kw) -> tuple[str, str, dict]:  # noqa: ANN001
    i18n.set_language(code)
    data = gather(game, runs=kw.pop("runs", 12), save_path=Path("class-a.json"), now=NOW)
    drawn = charts.render_charts(data)
    html = html_report(data, drawn)
    md = markdown_report(data, {k: f"charts/{k}.png" for k in drawn}, drawn)
    return html, md, drawn


@pytest.fixture(scope=shared_by_module)
def default_game():
    """An AI-played game of the default scenario, which has Japanese and Chinese texts."""
    from game.paths import DEFAULT_SCENARIO
    from game.scenario.loader import load_scenario

    loaded = load_scenario(DEFAULT_SCENARIO)
    games = {}
    for code in ("en", "ja", "zh-Hant"):
        i18n.set_language(code)
        games[code] = play_ai_game(in_language(loaded), 5)
    i18n.set_language("en")
    return games


@pytest.mark.parametrize(("code", "lang"), LANGUAGES)
def test_the_report_says_none_of_its_own_words_in_english(mini, code, lang):
    game = play(mini)
    html, _md, drawn = report(game, "en")
    others = others_in_report(game, gather(game, runs=0, now=NOW))
    english = without(visible(html), others)
    alt = " ".join(c.alt for c in drawn.values())
    html, md, drawn = report(game, code)
    text = without(visible(html), others)
    md = without(" ".join(re.sub(r"\\(.)", r"\1", md).split()), others)
    # the messages of the code, and whatever else the English report says in its own words
    mine = own_words("render.py", "data.py", "charts.py", "words.py")
    shown = {w for w in mine if w in english} | english_phrases(english) | english_phrases(alt)
    assert len(shown) > 100  # the check has something to check: the English report says them
    alt = " ".join(c.alt for c in drawn.values())
    left = sorted(w for w in shown if w in text or w in md or w in alt)
    assert not left, f"left in English in the {code} report: {left}"
    assert f'<html lang="{lang}">' in html


def test_a_translated_scenarios_report_reads_in_its_language(default_game):
    html, _md, _drawn = report(default_game["ja"], "ja")
    text = visible(html)
    for phrase in ("事後報告書", "シナリオと設定", "決定の時系列", "結果と得点", "共通の得点"):
        assert phrase in text
    assert "2026年3月4日" in text  # the day it was generated, written the Japanese way
    assert "第1四半期" in text  # the scenario's word for a turn, with the catalog's grammar
    html, _md, _drawn = report(default_game["zh-Hant"], "zh-Hant")
    text = visible(html)
    for phrase in ("事後報告", "劇本與設定", "決策時間軸", "結果與分數", "共同分數", "第 1 季"):
        assert phrase in text


def test_english_reports_keep_their_wording_and_their_iso_date(mini):
    html, md, _drawn = report(play(mini), "en")
    assert '<html lang="en">' in html
    assert "Seed 9 · generated 2026-03-04 05:06 UTC" in html
    assert "The game ran its full 4 turns." in md  # the plural form of the turn label
    assert "- **Played:** 4 of 4 turns\n" in md
    assert "Trilateral · after-action report" in html


def test_numbers_and_percentages_are_written_by_the_languages_rules(mini, monkeypatch):
    """A language that writes a decimal comma gets one: the report's numbers go through Babel
    with the run's locale rather than Python's own formatting."""
    game = play(mini)
    data = gather(game, runs=12, now=NOW)
    score = data.outcome.shared_score
    assert score != round(score)  # a number with decimals to show
    monkeypatch.setattr(i18n, "babel_locale", lambda code=None: "de_DE")
    html = html_report(gather(game, runs=12, now=NOW), {})
    assert f">{score:.1f}<".replace(".", ",") in html
    assert f">{score:.1f}<" not in html


def test_small_phrases_follow_the_language():
    i18n.set_language("en")
    assert [words.percentile(n) for n in (1, 2, 3, 4, 11, 12, 13, 22)] == [
        "1st percentile",
        "2nd percentile",
        "3rd percentile",
        "4th percentile",
        "11th percentile",
        "12th percentile",
        "13th percentile",
        "22nd percentile",
    ]
    assert words.turns_count("Quarter", 1) == "1 quarter"
    assert words.turns_count("Quarter", 12) == "12 quarters"
    assert (words.number(2.96), words.signed(-1.5), words.signed(0)) == ("3.0", "-1.5", "0")
    assert words.stamp(NOW) == "2026-03-04 05:06 UTC"
    i18n.set_language("ja")
    assert words.percentile(22) == "22パーセンタイル"
    assert words.turns_count("四半期", 12) == "12四半期"
    assert words.turn_name("四半期", 3) == "第3四半期"
    assert words.stamp(NOW) == "2026年3月4日 5:06 UTC"
    assert words.day("2020-05-14") == "2020年5月14日"
    i18n.set_language("zh-Hant")
    assert words.percentile(22) == "第 22 百分位"
    assert words.day("2020-05-14") == "2020年5月14日"


def test_inline_content_keeps_its_place_in_a_translated_sentence():
    from game.report.blocks import Code

    assert words.fill("Replay it with {command}.", command=Code("x")) == (
        "Replay it with ",
        Code("x"),
        ".",
    )
    assert words.fill("{command} で再現できます。", command=Code("x")) == (
        Code("x"),
        " で再現できます。",
    )
    assert words.fill("from {file}. Write", file="a.yaml") == ("from a.yaml. Write",)


@pytest.mark.parametrize("code", ["ja", "zh-Hant"])
def test_charts_draw_chinese_characters_without_empty_boxes(default_game, code):
    i18n.set_language(code)
    data = gather(default_game[code], runs=12, now=NOW)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        drawn = charts.render_charts(data)
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert not missing, missing[:3]
    assert set(drawn) == {"indicators", "resilience", "delegations", "comparison"}
    for chart in drawn.values():
        assert chart.png.startswith(b"\x89PNG")
        assert not re.search(r"Line chart|Histogram|Two line charts", chart.alt)
    families = charts.font_families(code)
    first_cjk = charts.TC_FAMILY if code == "zh-Hant" else charts.JP_FAMILY
    assert families[:2] == [charts.LATIN_FAMILY, first_cjk]


def test_without_the_cjk_fallback_matplotlib_would_draw_boxes(default_game):
    """What the previous test guards against: DejaVu Sans alone has no Japanese."""
    import matplotlib

    i18n.set_language("ja")
    data = gather(default_game["ja"], runs=0, now=NOW)
    with matplotlib.rc_context({**charts.STYLE, "font.family": [charts.LATIN_FAMILY]}):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            charts.indicators_chart(data.indicators, data.setup.turn_label)
    assert any("missing from font" in str(w.message) for w in caught)


@pytest.mark.parametrize(("code", "lang"), LANGUAGES)
def test_the_assumptions_page_says_none_of_its_own_words_in_english(mini, code, lang):
    i18n.set_language("en")
    english_page = gather_assumptions(mini, 4, now=NOW)
    english = visible(assumptions_html(english_page))
    i18n.set_language(code)
    data = gather_assumptions(mini, 4, now=NOW)
    html, md = assumptions_html(data), assumptions_markdown(data)
    from game.engine.scoring import describe_scoring
    from game.sim.strategies import describe

    others = [*describe_scoring(data.book), *strings_of(mini.scenario.model_dump())]
    others += [w.format(data.scenario_shown) for w in data.calibration.lint]
    others += [describe(s.strategy) for s in data.calibration.strategies]
    text = without(visible(html), others)
    md = without(" ".join(re.sub(r"\\(.)", r"\1", md).split()), others)
    english_others = [*describe_scoring(english_page.book), *strings_of(mini.scenario.model_dump())]
    english_others += [w.format(english_page.scenario_shown) for w in english_page.calibration.lint]
    english_others += [describe(s.strategy) for s in english_page.calibration.strategies]
    english = without(english, english_others)
    shown = {w for w in own_words("assumptions.py", "words.py") if w in english}
    shown |= english_phrases(english)
    assert len(shown) > 100
    left = sorted(w for w in shown if w in text or w in md)
    assert not left, f"left in English on the {code} assumptions page: {left}"
    assert f'<html lang="{lang}">' in html


def test_report_and_assumptions_commands_write_the_chosen_language(mini, tmp_path, capsys):
    save = tmp_path / "class.json"
    save_game(play(mini), save)
    out = tmp_path / "report"
    argv = ["report", str(save), "--out", str(out), "--scenario", str(MINI), "--runs", "3"]
    assert main([*argv, "--lang", "ja"]) == 0, capsys.readouterr().err
    html = (out / "report.html").read_text(encoding="utf-8")
    assert '<html lang="ja">' in html and "シナリオと設定" in html
    assert "## シナリオと設定" in (out / "report.md").read_text(encoding="utf-8")
    page = tmp_path / "page"
    argv = ["assumptions", str(MINI), "--out", str(page), "--runs", "3", "--lang", "zh-Hant"]
    assert main(argv) == 0, capsys.readouterr().err
    html = (page / "assumptions.html").read_text(encoding="utf-8")
    assert '<html lang="zh-Hant-TW">' in html and "措施及其效果" in html


def test_the_commands_errors_are_in_the_chosen_language(tmp_path, capsys):
    missing = tmp_path / "nowhere.yaml"
    argv = ["assumptions", str(missing), "--out", str(tmp_path / "page")]
    assert main([*argv, "--lang", "ja"]) == 1
    assert capsys.readouterr().err.strip() == f"{missing}：そのようなファイルはありません"
    assert main([*argv, "--lang", "en"]) == 1
    assert capsys.readouterr().err.strip() == f"{missing}: no such file"
