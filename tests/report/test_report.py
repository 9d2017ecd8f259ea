"""The after-action report: every section with real content, in HTML and in Markdown."""

from __future__ import annotations

import base64
import re
import subprocess
import sys
from html import escape
from pathlib import Path

import matplotlib
import pytest

from game.engine.game import Game, play_ai_game
from game.engine.game import Game as _Game
from game.engine.game import play_ai_game as _play_ai_game
from game.engine.ledger import movements
from game.report import write_report
from game.report.data import BRIER_EXPLANATION, _comparison, _percentile, gather
from game.report.render import SECTIONS
from game.report.words import percentile
from game.textui import number
from tests.conftest import shared_by_module
from tests.report.conftest import LATE_NOTE, NOTE, REASON, known_baseline, play

PNG = b"\x89PNG\r\n\x1a\n"
IMAGE = re.compile(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"')
MD_IMAGE = re.compile(r"!\[[^\]]*\]\((charts/[^)]+\.png)\)")


def _write(game: Game, out: Path, runs: int = 20, **kw) -> tuple[str, str]:
    """The report's HTML, and its Markdown with the backslash escapes taken out (what a
    Markdown viewer shows as text)."""
    html_path, md_path = write_report(game, out, runs=runs, **kw)
    assert (html_path, md_path) == (out / "report.html", out / "report.md")
    return html_path.read_text(encoding="utf-8"), md_text(md_path.read_text(encoding="utf-8"))


def md_text(md: str) -> str:
    return re.sub(r"\\(.)", r"\1", md)


@pytest.fixture(scope=shared_by_module)
def written(mini, tmp_path_factory):
    """One report of a finished game, shared by the tests that only read it."""
    game = play(mini)
    out = tmp_path_factory.mktemp("report")
    html, md = _write(game, out, save_path=Path("class-a.json"))
    return game, out, html, md


def test_a_finished_game_reports_every_section_with_its_content(written):
    finished, _, html, md = written
    result = finished.result()
    data = gather(finished, runs=20)

    for _sid, heading in SECTIONS:
        assert f">{escape(heading)}</h2>" in html
        assert f"## {heading}\n" in md
    # setup
    assert "Mini scenario" in html and "<code>mini</code>" in html and "Seed</dt><dd>9<" in html
    assert "class-a.json" in html and "AI (steady)" in html and "Human" in html
    # timeline with the white cell's actions at their turn
    assert NOTE in html and NOTE in md
    assert REASON in html and REASON in md
    assert "Fired inject: Storm" in html and "Fired inject: Storm" in md
    assert "Adjusted Tension +5" in html
    assert "adopted ✓" in html
    # the outcome and every delegation's score
    assert f"<h3>{escape(result.outcome.title)}</h3>" in html
    assert escape(" ".join(result.outcome.epilogue.split())) in html
    assert "The game ran its full 4 turns." in html
    for sc in result.delegations.values():
        assert f"<strong>{number(sc.score)}</strong>" in html
        assert f"**{number(sc.score)}**" in md
    assert (
        f'State of the region (their weighted mean)</td><td class="num">'
        f"{number(result.shared.state)}<" in html
    )
    assert (
        "Shared score (the state of the region on the scale of a game without a crisis)"
        f'</td><td class="num">{number(result.shared.score)}<' in html
    )
    # a turning point and its largest cause, straight from the ledger
    first = data.turning_points[0]
    biggest = max(
        (
            (turn, key, mv)
            for turn in range(1, len(finished.reports) + 1)
            for key, mv in movements(finished.reports[turn - 1].changes).items()
            if not key.startswith("capital.")
        ),
        key=lambda t: abs(t[2].total),
    )
    assert abs(first.total) == abs(biggest[2].total)
    assert escape(first.causes[0][0]) in html and first.causes[0][0] in md
    # forecasts and the Brier score
    assert BRIER_EXPLANATION in html
    assert "0.25" in html and "Mean Brier score" in html
    # the comparison with AI games
    cmp = data.comparison
    assert cmp is not None and len(cmp.scores) == 20
    assert escape(cmp.percentile_line()) in html
    assert cmp.percentile_line() in md and "AI-played games" in md
    assert escape(cmp.standing()) in html  # the at-a-glance card
    assert escape(cmp.range_line()) in html
    assert "← this class" in html


def test_html_images_are_embedded_pngs_and_the_page_needs_nothing_else(written):
    _, _, html, _ = written
    images = IMAGE.findall(html)
    assert len(images) == 4  # indicators, resilience by domain, delegations, comparison
    for data in images:
        assert base64.b64decode(data).startswith(PNG)
    # self-contained: no external stylesheet, script, image or font
    assert "<style>" in html
    assert not re.search(r'(src|href)="(https?:|//|[^"#d])', html)
    assert "<script" not in html


def test_markdown_links_chart_files_that_exist(written):
    _, out, _, md = written
    links = MD_IMAGE.findall(md)
    assert len(links) == 4
    for link in links:
        path = out / link
        assert path.is_file() and path.read_bytes().startswith(PNG)
    assert sorted(p.name for p in (out / "charts").iterdir()) == sorted(Path(x).name for x in links)


def test_an_unfinished_game_says_so_and_marks_its_scores_provisional(
    unfinished, tmp_path, quick_charts
):
    html, md = _write(unfinished, tmp_path / "out")
    line = "Unfinished: after turn 2; scores so far (provisional)."
    assert line in html and line in md
    assert "Outcome band if the game ended now" in html
    assert "provisional" in html
    # the white cell's action in the turn not yet resolved is shown, marked as such
    assert LATE_NOTE in html and "not yet resolved" in html
    assert LATE_NOTE in md
    # the forecast of that turn is pending, not scored
    assert "+1 pending" in html
    cmp = gather(unfinished, runs=20).comparison
    assert escape(cmp.percentile_line()) in html
    assert "AI-played games" in cmp.percentile_line()


def test_a_crisis_ending_is_reported(mini, tmp_path, quick_charts):
    game = Game(mini, 3)
    game.adjust("tension", 60, "The class escalated on purpose")
    game.resolve_turn()
    assert game.state.crisis
    html, md = _write(game, tmp_path / "out", runs=5)
    assert "ended in crisis in turn 1 of 4" in html
    assert "The class escalated on purpose" in md


def test_runs_zero_leaves_the_comparison_out(finished, tmp_path, quick_charts):
    html, md = _write(finished, tmp_path / "out", runs=0)
    assert "Compared with AI-played games" not in html
    assert len(IMAGE.findall(html)) == 3
    assert len(MD_IMAGE.findall(md)) == 3


def test_a_realistic_default_scenario_game(default_scenario, tmp_path):
    game = Game(default_scenario, 5, humans={"japan"})
    while not game.over:
        turn = game.state.turn
        if turn == 2:
            game.fire_inject("typhoon_hadr")
        if turn == 4:
            game.adjust("support.japan", -4, "Diet opposition walked out")
        if turn == 6:
            game.add_note("Japan and Taiwan argued about sequencing")
        game.submit_forecast("japan", "tension_up", 0.6)
        options = game.options("japan")
        push = next((m for m in options.measures if "push" in m.choices), None)
        game.submit("japan", {push.measure_id: "push"} if push else {})
        game.resolve_turn()
    html, md = _write(game, tmp_path / "out", save_path=Path("class.json"))
    result = game.result()
    assert escape(result.outcome.title) in html
    assert "Typhoon strikes the Ryukyus and eastern Taiwan" in html
    assert "Diet opposition walked out" in html
    assert "Japan and Taiwan argued about sequencing" in html
    assert "Quarter 1" in html and "Q1 2020" in html
    assert "People&#x27;s Republic of China" in html  # the red cell, by its scenario title
    for title in ("Trilateral cooperation", "Regional tension", "Mean resilience"):
        assert title in html
    assert len(IMAGE.findall(html)) == 4


def test_ai_games_report_too(mini, tmp_path, quick_charts):
    html, _ = _write(play_ai_game(mini, 4), tmp_path / "out", runs=3)
    assert "No forecasts were made in this game." in html
    assert "none (report made from a game in memory)" in html


def test_a_failed_write_leaves_the_old_report_whole(
    finished, mini, tmp_path, monkeypatch, quick_charts
):
    out = tmp_path / "out"
    write_report(finished, out, runs=5)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def broken_replace(src, dst):  # noqa: ANN001
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", broken_replace)
    other = play(mini, turns=1)
    with pytest.raises(OSError):
        write_report(other, out, runs=5)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before  # nothing replaced, no temporary file left behind


def test_charts_leave_matplotlib_as_they_found_it(finished, tmp_path):
    rc = dict(matplotlib.rcParams)
    backend = matplotlib.get_backend()
    write_report(finished, tmp_path / "out", runs=3)
    assert dict(matplotlib.rcParams) == rc
    assert matplotlib.get_backend() == backend
    pyplot = sys.modules.get("matplotlib.pyplot")
    assert pyplot is None or not pyplot.get_fignums()


def test_gathering_the_data_does_not_import_matplotlib():
    code = (
        "import sys\n"
        "import game.report, game.report.data, game.report.command\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('matplotlib', 'pygame')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_rewriting_a_report_keeps_only_the_charts_it_links(
    finished, unfinished, tmp_path, quick_charts
):
    out = tmp_path / "out"
    (out / "charts").mkdir(parents=True)
    (out / "charts" / "mine.png").write_bytes(b"not ours")
    write_report(finished, out, runs=3)
    _, md = _write(unfinished, out, runs=3)
    names = {p.name for p in (out / "charts").iterdir()}
    assert names == {Path(link).name for link in MD_IMAGE.findall(md)} | {"mine.png"}


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (100, "100th"),
        (10, "10th"),
        (20, "20th"),
        (22, "22nd"),
        (101, "101st"),
        (111, "111th"),
    ],
)
def test_percentiles_read_as_english_ordinals(n, text):
    assert percentile(n) == f"{text} percentile"


def test_progress_is_reported_for_every_ai_game(finished, tmp_path, quick_charts):
    seen = []
    write_report(
        finished, tmp_path / "out", runs=4, progress=lambda done, total: seen.append((done, total))
    )
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_the_class_standing_reads_well_at_the_ends():
    from game.report.data import Comparison

    def standing(below: int, equal: int, above: int) -> tuple[str, str]:
        n = below + equal + above
        cmp = Comparison(
            n,
            1,
            50.0,
            "x",
            False,
            (),
            below,
            equal,
            above,
            100 * (below + equal / 2) / n,
            50.0,
            40.0,
            60.0,
            (),
        )
        return cmp.standing(), cmp.percentile_line()

    assert standing(0, 0, 10) == (
        "below every AI game",
        "The class's shared score of 50 is below every one of 10 AI-played games "
        "(0 of them scored lower, 0 the same, 10 higher).",
    )
    assert standing(10, 0, 0)[0] == "above every AI game"
    assert standing(0, 1, 99)[0] == "1st percentile"
    assert standing(13, 0, 87) == (
        "13th percentile",
        "The class's shared score of 50 is at the 13th percentile of 100 AI-played games "
        "(13 of them scored lower, 0 the same, 87 higher).",
    )


def test_chart_titles_are_text_not_mathtext(mini_text, tmp_path):
    """A dollar sign in a title is printed, not parsed as a formula (which failed the report),
    and a title starting with an underscore still has its legend entry."""
    from matplotlib.figure import Figure

    from game.report.charts import _lines
    from game.report.data import Series
    from game.scenario.loader import load_scenario_text

    text = mini_text.replace("title: Japan", "title: '$\\frac{x$ costs'", 1)
    game = play_ai_game(load_scenario_text(text, "mini.yaml"), 4)
    html, _ = _write(game, tmp_path / "out", runs=2)
    assert "$\\frac{x$ costs" in html
    ax = Figure().add_subplot()
    _lines(ax, (Series("k", "_private", (1.0, 2.0)),))
    assert [label.lstrip("\u200b") for label in ax.get_legend_handles_labels()[1]] == ["_private"]


# --- the comparison with AI-played games (data._comparison, Comparison) ------------------------
# The AI games are replaced by a baseline whose scores are known, so every figure (counts below,
# equal and above; the percentile with ties counted half; median and 10th-90th range; band
# shares) and every sentence that says them can be checked by hand.


def compare(monkeypatch, game, offsets, outcomes=None):
    """`_comparison` of `game` against AI games scoring the class's score plus `offsets`."""
    known_baseline(monkeypatch, game, offsets, outcomes)
    return _comparison(game, game.result(), len(offsets), None), game.result().shared.score


def test_counts_and_percentile_with_ties_counted_half(mini, monkeypatch):
    game = _play_ai_game(mini, 4)
    c, mine = compare(monkeypatch, game, [-10.0, 0.0, 0.0, 5.0, 10.0])
    assert (c.below, c.equal, c.above) == (1, 2, 2)
    assert c.percentile == 40.0  # (1 + 2 / 2) / 5
    assert c.standing() == "40th percentile"
    assert c.median == round(mine, 1)
    assert c.p10 == pytest.approx(round(mine - 6.0, 1))  # between -10 and 0 at 40 %
    assert c.p90 == pytest.approx(round(mine + 8.0, 1))  # between 5 and 10 at 60 %
    assert (c.runs, c.combinations, c.class_score, c.provisional) == (5, 3, mine, False)
    assert c.percentile_line() == (
        f"The class's shared score of {c.class_score:g} is at the 40th percentile of 5 "
        "AI-played games (1 of them scored lower, 2 the same, 2 higher)."
    )


def test_above_or_below_every_ai_game(mini, monkeypatch):
    game = _play_ai_game(mini, 4)
    above, _mine = compare(monkeypatch, game, [-3.0, -2.0])
    assert (above.below, above.equal, above.above) == (2, 0, 0)
    assert above.standing() == "above every AI game"
    assert above.percentile_line().startswith("The class's shared score of")
    assert (
        "is above every one of 2 AI-played games (2 of them scored lower, 0 the same, 0 higher)."
        in (above.percentile_line())
    )
    below, _mine = compare(monkeypatch, game, [1.0])
    assert below.standing() == "below every AI game"
    assert (
        "is below every one of 1 AI-played game (0 of them scored lower, 0 the same, 1 higher)."
        in (below.percentile_line())
    )


def test_band_shares_count_the_ai_games_in_each_band_and_mark_the_classs(mini, monkeypatch):
    game = _play_ai_game(mini, 4)
    ids = [o.id for o in mini.scenario.outcomes]
    c, _mine = compare(monkeypatch, game, [0.0, 1.0, 2.0, 3.0], [ids[0], ids[1], ids[1], ids[1]])
    shares = {b.band_id: (b.count, b.share, b.is_class) for b in c.bands}
    mine = game.result().outcome.id
    assert shares[ids[0]][:2] == (1, 0.25)
    assert shares[ids[1]][:2] == (3, 0.75)
    assert shares[ids[2]][:2] == (0, 0.0)
    assert [b.band_id for b in c.bands if b.is_class] == [mine]
    assert c.class_band == mine


def test_an_unfinished_game_is_compared_provisionally(mini, monkeypatch):
    game = _Game(mini, 4)
    game.resolve_turn()
    c, _mine = compare(monkeypatch, game, [0.0])
    assert c.provisional is True


def test_the_range_line_says_median_and_range(mini, monkeypatch):
    game = _play_ai_game(mini, 4)
    c, _mine = compare(monkeypatch, game, [0.0])
    assert c.range_line() == (
        f"AI median {c.median:g}; 10th–90th percentile range {c.p10:g}–{c.p90:g}."
    )


def test_a_percentile_of_no_values_is_zero_and_others_are_to_a_tenth():
    assert _percentile([], 50) == 0.0
    assert _percentile([1.0, 2.0], 50) == 1.5
    assert _percentile([1.0, 2.0, 4.0], 10) == 1.2
    assert _percentile([0.0, 1.0], 33) == 0.3
