"""The messages people read outside the play itself, in the language of the run: the
instructor's terminal of `serve`, the refusals of the settings and of the setup memory, the
Settings screen's palette names, `simulate`'s summary, the command line's errors; and the
terminal's layout with wide characters (kinsoku for ／, the introduction's name column)."""

from __future__ import annotations

import re

import pygame
import pytest

from game import i18n
from game.columns import NOT_AT_START, display_width, fill
from game.scenario.translations import localized

# three English words in a row: a sentence (or a piece of one) left in English
ENGLISH_WORDS = re.compile(r"[A-Za-z]{2,}(?:[ ,;:]+[A-Za-z]{2,}){2,}")


@pytest.fixture(autouse=True)
def english_again(tmp_path, monkeypatch):
    monkeypatch.setenv("TRILATERAL_HOME", str(tmp_path / "home"))
    yield
    i18n.set_language("en")


def _english_in(text: str, allowed: tuple[str, ...] = ()) -> list[str]:
    for word in allowed:
        text = text.replace(word, " ")
    return ENGLISH_WORDS.findall(text)


class _Server:
    def join_urls(self):
        return {"japan": "http://127.0.0.1:1/#code"}


def test_serve_status_lines_and_refusals_are_in_japanese(mini, capsys):
    from game.net.classroom import Classroom
    from game.net.serve import _progress_line, console_command
    from game.ui.session import Session

    i18n.set_language("ja")
    session = Session.new(mini, 3, ["japan", "taiwan"], {}, autosave=False)
    room = Classroom(session, auto_advance=True)
    for line in ("status", "help", "end nobody", "frobnicate", "time soon", "end japan"):
        console_command(room, _Server(), line)
    said = capsys.readouterr().err
    assert "検討中" in said and "端末 0 台" in said  # the status line
    assert "教員用のコマンド" in said  # help
    assert "不明な代表団 'nobody'" in said and "不明なコマンド 'frobnicate'" in said
    assert "すべて保留になります" in said  # end japan
    # what stays English: command words, ids, and the mini scenario's own untranslated texts
    allowed = ("ai ID", "end ID", "time SECONDS", "PROFILE", "Ctrl-C", "Mini scenario")
    assert _english_in(said, allowed) == [], said
    for english in ("deciding", "device", "unknown", "holds on everything", "Instructor"):
        assert english not in said
    console_command(room, _Server(), "end taiwan")
    if not room.game.reports:
        room.game.resolve_turn()
    assert "公開しました" in _progress_line(room)


def test_serve_errors_for_a_port_in_use_are_in_chinese():
    import socket

    from game.net.server import ServerError, _bind

    i18n.set_language("zh-Hant")
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    try:
        with pytest.raises(ServerError) as caught:
            _bind("127.0.0.1", taken.getsockname()[1])
    finally:
        taken.close()
    assert "已被使用" in str(caught.value) and "already in use" not in str(caught.value)


def test_settings_refused_are_named_in_japanese():
    from game.ui.settings import Settings, said

    i18n.set_language("ja")
    raw = {
        "window_size": "big",
        "fullscreen": 3,
        "text_scale": "x",
        "palette": 1,
        "scenario_dirs": ["ok", ""],
        "language": "klingon",
    }
    _settings, problems = Settings.from_data(raw, "settings.json")
    assert len(problems) == 6
    for problem in problems:
        assert problem.startswith("settings.json：") and "が必要です" in problem, problem
        assert _english_in(problem) == [], problem
        for english in ("found", "expected", "instead", "left out", "one of"):
            assert english not in problem
    many = said([f"problem {i}" for i in range(20)])
    assert "ほかに 13 個の値を使えませんでした" in many[-1]
    _settings, problems = Settings.from_data([1], "settings.json")
    assert "既定の設定を使います" in problems[0]


def test_setup_memory_refused_is_named_in_chinese(tmp_path):
    import json

    from game.ui.setup_memory import MEMORY_KIND, SetupMemory

    i18n.set_language("zh-Hant")
    path = tmp_path / "setup.json"
    path.write_text(
        json.dumps({"kind": MEMORY_KIND, "timer_minutes": -1, "history": "yes", "seats": 3})
    )
    _memory, problems = SetupMemory.load_checked(path)
    assert len(problems) == 3
    assert any("改用 0" in p for p in problems) and any("改用 false" in p for p in problems)
    for problem in problems:
        assert _english_in(problem) == [], problem
    path.write_text(json.dumps({"kind": "something else"}))
    (problem,) = SetupMemory.load_checked(path)[1]
    assert "改用預設值" in problem and "a setup memory" not in problem


def test_the_settings_screen_names_the_palettes_in_japanese_and_takes_them_back():
    import pygame_gui

    from game.ui.app import App
    from game.ui.palette import PALETTES
    from game.ui.scenes.settings_scene import SettingsScene
    from game.ui.scenes.title import TitleScene
    from game.ui.settings import Settings

    app = App(settings=Settings(language="ja"), size=(1280, 720))
    try:
        app.switch(SettingsScene(app, lambda: TitleScene(app)))
        app.step()
        scene = app.scene
        assert "Okabe-Ito（標準）" in app.visible_text()
        assert "(default)" not in app.visible_text()
        assert scene.palette_menu.options_list[1][0] == "ハイコントラスト"
        event = pygame.event.Event(
            pygame_gui.UI_DROP_DOWN_MENU_CHANGED,
            {"ui_element": scene.palette_menu, "text": "ハイコントラスト"},
        )
        scene.on_event(event)
        assert app.settings.palette == "high_contrast"
        assert app.palette is PALETTES["high_contrast"] or app.settings.palette == "high_contrast"
    finally:
        i18n.set_language("en")
        pygame.quit()


def test_the_simulate_summary_in_japanese_has_no_english_sentence(default_scenario, monkeypatch):
    from game.sim.command import format_strategies, format_summary
    from game.sim.montecarlo import run

    i18n.set_language("ja")
    shown = localized(default_scenario, "ja")[0]
    summary = run(shown, 3, 0, 1, [{}])
    text = format_summary(summary, shown, 1, 1, 1.5)
    assert "AI によるゲーム 3 回" in text and "危機の発生率" in text
    assert _english_in(text) == [], text
    summaries = [run(shown, 2, 0, 1, [{}], strategy=s) for s in ("hold", "sequenced")]
    text = format_strategies(summaries, shown, 1, 1.5)
    assert "戦略ごとに 2 ゲーム" in text and "毎ターン、すべてを保留" in text
    assert _english_in(text) == [], text


def test_the_strategy_descriptions_are_the_catalogs_messages():
    from game.sim.strategies import AI, DESCRIPTIONS, STRATEGIES, describe

    assert {describe(name) for name in [AI, *STRATEGIES]} == set(DESCRIPTIONS)
    i18n.set_language("zh-Hant")
    assert all(describe(name) not in DESCRIPTIONS for name in [AI, *STRATEGIES])


def test_a_command_line_error_is_in_chinese(capsys):
    from game.cli import main

    assert main(["play", "--text", "--devices", "--lang", "zh-Hant"]) == 2
    err = capsys.readouterr().err
    assert "--devices" in err and "請以 `python main.py serve` 進行課堂" in err
    assert "is for a class" not in err


def test_a_full_width_slash_never_starts_a_line():
    assert "／" in NOT_AT_START
    text = "政治資本３／４、" * 12
    for width in range(8, 40):
        for line in fill(text, width).splitlines():
            assert not line.startswith("／"), (width, line)


def test_the_introduction_keeps_its_columns_with_a_long_japanese_name(default_scenario):
    from game.engine.game import Game
    from game.textui import introduction

    i18n.set_language("ja")
    shown = localized(default_scenario, "ja")[0]
    game = Game(shown, 5, humans={"japan"})
    assert display_width(game.book.red_cell.title) > 16  # 中華人民共和国（レッドセル）
    text = introduction(game)
    names = [*(d.title for d in game.book.delegations.values()), game.book.red_cell.title]
    starts = set()
    for line in text.splitlines():
        for name in names:
            if line.startswith(f"  {name} "):
                rest = line[len(name) + 2 :]
                starts.add(display_width(line) - display_width(rest.lstrip()))
    assert len(starts) == 1, text  # every "who" begins in the same column


def test_every_literal_message_of_the_code_is_in_the_template():
    """pybabel does not look inside f-strings: a `_('...')` written in one is never extracted,
    so it shows in English in every language. Every literal message must be in the template."""
    import ast
    from pathlib import Path

    from babel.messages.pofile import read_po

    root = Path(__file__).parents[1]
    with (root / "game/locale/trilateral.pot").open("rb") as handle:
        template = {
            (m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in read_po(handle) if m.id
        }
    missing = []
    for path in sorted((root / "game").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            name, args = node.func.id, node.args
            literal = [a.value for a in args if isinstance(a, ast.Constant)]
            if name == "pgettext" and len(literal) == 2:
                key = (literal[0], literal[1])
            elif name in ("_", "N_", "ngettext") and args and isinstance(args[0], ast.Constant):
                key = (None, args[0].value)
            else:
                continue
            if key not in template:
                missing.append(f"{path.relative_to(root)}:{node.lineno}: {key[1]!r}")
    assert missing == []


# --- the command line's help and usage errors, in the language asked for before parsing -------

COMMAND_NAMES = (
    "validate",
    "schema",
    "play",
    "replay",
    "report",
    "assumptions",
    "serve",
    "new",
    "simulate",
    "lint",
    "sensitivity",
)
# argparse's own words (its gettext domain, not the game's) and the options' own values
ARGPARSE_OWN = ("show this help message and exit", "positional arguments", "options")


def _help_of(argv, capsys):
    from game.cli import main

    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 0
    return capsys.readouterr().out


def _help_lines(text: str) -> list[str]:
    """The help's own sentences: not the usage (its first paragraph) nor argparse's words."""
    body = text.split("\n\n", 1)[1]
    for word in ARGPARSE_OWN:
        body = body.replace(word, " ")
    # an option's line: its help comes after the option and its metavar, past two spaces
    return [re.split(r"\s{2,}", line.strip())[-1] for line in body.splitlines()]


@pytest.mark.parametrize("command", COMMAND_NAMES)
def test_every_commands_help_is_in_japanese_when_the_system_speaks_it(command, capsys, monkeypatch):
    monkeypatch.setenv("LANGUAGE", "ja_JP")
    monkeypatch.setenv("COLUMNS", "200")  # one option a line: English ids are not split
    text = _help_of([command, "--help"], capsys)
    # what stays English: option values and examples the user types
    allowed = (
        "hold, push",
        "Dask distributed",
        "pip install",
        "observation, legal, rng",
        "{en,ja,zh-Hant}",
    )
    for line in _help_lines(text):
        assert _english_in(line, allowed) == [], line
    assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text)


def test_simulate_and_sensitivity_help_follow_lang_given_on_the_command_line(capsys, monkeypatch):
    monkeypatch.setenv("LANGUAGE", "en_US")
    text = _help_of(["simulate", "--help", "--lang", "ja"], capsys)
    assert "プレイするゲーム数（戦略ごと。既定 1000" in text
    assert "games to play" not in text
    text = _help_of(["sensitivity", "--lang=zh-Hant", "--help"], capsys)
    assert "每個點玩的場數" in text and "games played at every point" not in text
    text = _help_of(["report", "--help", "--lang", "ja"], capsys)
    assert "クラスの結果と比べる" in text and "compare the class with" not in text


def test_help_in_english_is_as_it_was(capsys, monkeypatch):
    monkeypatch.setenv("LANGUAGE", "en_US")
    monkeypatch.setenv("COLUMNS", "100")
    text = _help_of(["simulate", "--help"], capsys)
    assert "games to play (per strategy; default 1000, at most" in text
    assert "play fixed team strategies instead of the AI" in text
    text = _help_of(["--help"], capsys)
    assert "Trilateral: a policy simulation of US-Japan-Taiwan security cooperation." in text


def test_a_usage_error_of_an_argument_type_is_in_japanese(capsys):
    from game.cli import main

    assert main(["report", "game.json", "--lang", "ja", "--runs", "many"]) == 2
    err = capsys.readouterr().err
    assert (
        "までの整数が必要です（指定：'many'）" in err and "trilateral report --help` を参照" in err
    )
    assert "expected a whole number" not in err and "see `" not in err


def test_the_language_asked_for_is_read_before_the_parser():
    from game.arguments import language_asked

    assert language_asked(["simulate", "--lang", "ja", "--help"]) == "ja"
    assert language_asked(["report", "--lang=zh-Hant", "x", "--lang", "en"]) == "en"
    assert language_asked(["play", "--lang", "klingon"]) is None  # argparse refuses it
    assert language_asked(["validate", "--", "--lang", "ja"]) is None  # a file's name
    assert language_asked(["play", "--lang"]) is None


# --- simulate --policy, sensitivity, reading files -------------------------------------------


def test_policy_errors_are_in_chinese(tmp_path, capsys, monkeypatch):
    from game.cli import main
    from game.sim.policy import PolicyError, parse_spec

    i18n.set_language("zh-Hant")
    with pytest.raises(PolicyError) as caught:
        parse_spec("japan")
    assert "不是 DELEGATION=module:function 的形式" in str(caught.value)
    monkeypatch.setenv("LANGUAGE", "zh_TW")
    mini = "tests/fixtures/mini.yaml"
    assert main(["simulate", mini, "--runs", "1", "--policy", "nobody=x.py:decide"]) == 1
    err = capsys.readouterr().err
    assert "策略函式 nobody=x.py:decide" in err and "沒有代表團 'nobody'" in err
    assert "has no delegation" not in err
    bad = tmp_path / "bad_policy.py"
    bad.write_text("def decide(observation, legal, rng):\n    return ['push']\n")
    assert main(["simulate", mini, "--runs", "1", "--policy", f"japan={bad}:decide"]) == 1
    err = capsys.readouterr().err
    assert "操作" in err and "第 1 回合" in err and "傳回了 list ['push']" in err
    assert _english_in(err, ("DELEGATION", "push, hold")) == [], err


def test_sensitivity_tables_and_summary_are_in_japanese(tmp_path, capsys, monkeypatch):
    from game.cli import main

    monkeypatch.setenv("LANGUAGE", "ja_JP")
    out = tmp_path / "run"
    argv = ["sensitivity", "tests/fixtures/mini.yaml", "--samples", "2", "--games", "1"]
    assert main([*argv, "--out", str(out)]) == 0
    text = capsys.readouterr().out
    lines = text.splitlines()
    assert lines[0].startswith("Mini scenarioの感度分析：Morrisスクリーニング、軌道2本")
    assert "ワーカー 1 個（ローカルのプロセス）" in lines[1]
    (heading,) = [line for line in lines if line.startswith("  #")]
    assert heading.split() == ["#", "入力", "μ*", "得点", "±95%", "σ", "μ*", "危機", "根拠"]
    # the columns hold with wide characters: the basis starts under its heading
    row = lines[lines.index(heading) + 1]
    assert display_width(heading[: heading.index("根拠")]) == display_width(
        row[: row.index(" pp  ") + 5]
    )
    assert "Inputs that matter" not in text and "Basis" not in text
    page = (out / "sensitivity.html").read_text(encoding="utf-8")
    assert '<html lang="ja">' in page and "結果を左右する前提" in page and "<b>読み方。</b>" in page
    assert "How to read it" not in page and "Which assumptions" not in page


def test_a_sensitivity_usage_error_is_in_chinese(capsys, monkeypatch):
    from game.cli import main

    monkeypatch.setenv("LANGUAGE", "zh_TW")
    argv = ["sensitivity", "tests/fixtures/mini.yaml", "--method", "sobol", "--samples", "3"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "Sobol 的 N 必須是 2 的次方" in err and "power of two" not in err


def test_a_refused_settings_file_says_why_in_japanese(tmp_path):
    from game.ui.settings import read_preferences

    i18n.set_language("ja")
    cut = tmp_path / "settings.json"
    cut.write_text('{"language": "ja", "text_scale": 1.3')
    folder = tmp_path / "folder"
    folder.mkdir()
    doubled = tmp_path / "doubled.json"
    doubled.write_text('{"palette": "okabe_ito", "palette": "x"}')
    said = []
    for path in (cut, folder, doubled, tmp_path / "gone" / "settings.json"):
        said += read_preferences(path, 10_000, "settings file")[1]
    assert len(said) == 3  # a file never written is no problem
    assert "正しい設定ファイルではありません：ファイルが途中で終わっています" in said[0]
    assert "フォルダーです。設定ファイルではありません" in said[1]
    assert "キー 'palette' が1つのオブジェクトに2回あります" in said[2]
    for problem in said:
        assert "既定値を使います" in problem
        assert _english_in(problem) == [], problem
        for english in ("not a valid", "settings file", "is a folder", "appears twice"):
            assert english not in problem


def test_reading_refusals_name_the_kind_of_file_in_chinese_and_stay_english_in_english(tmp_path):
    from game.reading import FileReadError, parse_json, read_json

    for code, missing, comma in (
        ("zh-Hant", "沒有這個存檔檔案", "此處應有逗號"),
        ("en", "none.json: no such save file", "Expecting ',' delimiter"),
    ):
        i18n.set_language(code)
        with pytest.raises(FileReadError) as caught:
            read_json(tmp_path / "none.json", 100, "save file")
        assert str(caught.value).endswith(missing)
        with pytest.raises(FileReadError) as caught:
            parse_json(b"[1 2]", "x.json", "save")
        assert comma in str(caught.value)
    assert str(caught.value) == "x.json:1:4: not a valid save: Expecting ',' delimiter"
