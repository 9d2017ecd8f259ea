"""`play` and `replay`: the terminal game, the all-AI run and the replay of a save."""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, BinaryIO

from game import textui
from game.arguments import list_items, parse_profiles, require_history
from game.columns import fit_lines, ljust
from game.engine.game import EngineError, Game, IllegalDecision, Options
from game.engine.state import Choice
from game.i18n import N_, _, listing, ngettext
from game.limits import MAX_TIMER_MINUTES, TIMER, read_adjustment, read_decimal, shown_value
from game.paths import SCENARIO_DIR
from game.play_args import PLAIN_NEEDS_TEXT, add_play_arguments, add_replay_arguments
from game.scenario.find import load_or_report, scenario_by_id
from game.text import SURROGATE
from game.wording import choice_clause, turn_name

if TYPE_CHECKING:
    from game.scenario.loader import LoadedScenario
    from game.scenario.models import Scenario

NOT_UTF8 = N_("that line is not UTF-8 text; type it again")  # shown as _(NOT_UTF8)
# Longer than anyone types, shorter than a file piped in by mistake: a line is never read whole
# past this (`play --text < /dev/zero` must not fill the memory), and input that runs on for
# MAX_SKIPPED_BYTES without a line break is taken as the end of the input, not as lines.
MAX_LINE_BYTES = 64 * 1024
MAX_SKIPPED_BYTES = 16 * MAX_LINE_BYTES


class BadLine(ValueError):
    """Raised for a line of input that cannot be taken as text (not UTF-8, or too long); the
    message says so and asks for the line again."""


def read_line(prompt: str) -> str:
    """One line from the keyboard, or from a pipe, without its line break.

    Raises EOFError at the end of the input, and BadLine for a line that is not UTF-8 text
    (or is longer than MAX_LINE_BYTES): the next call reads the next line, so play goes on.
    Piped input is read and decoded one line at a time: decoding the whole buffered chunk at
    once, as `input()` does, would lose every line after a bad one."""
    stdin = sys.stdin
    if stdin is None:  # started with standard input closed (`<&-`): there is nothing to read
        raise EOFError
    buffer: BinaryIO | None = getattr(stdin, "buffer", None)
    if buffer is None or stdin.isatty():  # a terminal: `input()` keeps its line editing
        try:
            line = input(prompt)
        except UnicodeDecodeError:
            raise BadLine(_(NOT_UTF8)) from None
        if SURROGATE.search(line):  # bytes that were not UTF-8, escaped by the decoder
            raise BadLine(_(NOT_UTF8))
        return line
    sys.stdout.write(prompt)
    sys.stdout.flush()
    raw = buffer.readline(MAX_LINE_BYTES + 1)
    if not raw:
        raise EOFError
    if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
        skipped = len(raw)
        while True:  # skip the rest of the line, a bounded piece at a time
            rest = buffer.readline(MAX_LINE_BYTES)
            skipped += len(rest)
            if not rest or skipped > MAX_SKIPPED_BYTES:
                raise EOFError  # no line break in sight: this input is not lines of text
            if rest.endswith(b"\n"):
                break
        raise BadLine(
            _("that line is longer than {limit} bytes; type a shorter one").format(
                limit=f"{MAX_LINE_BYTES:,}"
            )
        )
    try:
        return raw.decode("utf-8").removesuffix("\n").removesuffix("\r")
    except UnicodeDecodeError:
        raise BadLine(_(NOT_UTF8)) from None


def ask_line(ask: Callable[[str], str], say: Callable[[str], None], prompt: str) -> str:
    """Ask until a line of text comes (stripped of surrounding spaces); a line that is not
    text is explained and asked for again. Raises EOFError at the end of the input."""
    while True:
        try:
            line = ask(prompt)
        except BadLine as err:
            say(f"  {err}")
            continue
        if SURROGATE.search(line):  # from any `ask`: nothing that cannot be saved gets in
            say("  " + _(NOT_UTF8))
            continue
        return line.strip()


def _fail(message: str, code: int = 1) -> int:
    print(message, file=sys.stderr)
    return code


def _new_game(args: argparse.Namespace, loaded: LoadedScenario, humans: list[str]) -> Game:
    from game.arguments import UsageError

    delegations = list(loaded.scenario.delegations())
    for h in humans:
        if h not in delegations:
            raise UsageError(
                _("--as: unknown delegation {delegation}; expected some of {delegations}").format(
                    delegation=repr(h), delegations=", ".join(delegations)
                )
            )
    profiles = parse_profiles(loaded, args.profiles)
    seed = args.seed if args.seed is not None else int.from_bytes(os.urandom(4), "big")
    if args.history:
        require_history(loaded)
    return Game(loaded, seed, humans, profiles, history=args.history)


def cmd_play(args: argparse.Namespace) -> int:
    plain = getattr(args, "plain", False)
    if plain and not args.text:
        from game.arguments import UsageError

        raise UsageError(_(PLAIN_NEEDS_TEXT))
    if not (args.text or args.auto):
        # game.cli opens the window without importing this module; kept for direct callers.
        from game.ui.app import play_window

        code: int = play_window(args)  # the UI layer is not type-checked
        return code
    loaded = load_or_report(args.scenario)
    if loaded is None:
        return 1
    if args.auto:
        return _play_auto(args, loaded)
    humans = list_items(args.humans)
    if not humans:
        try:
            humans = choose_delegations(loaded.scenario)
        except EOFError:
            return _fail(
                _("no delegation chosen (input ended); use --as us,japan,... to choose one")
            )
    if args.save and not _save_allowed(args.save):
        return 1
    game = _new_game(args, loaded, humans)
    return TerminalGame(game, args.save, plain=plain).run()


def _save_allowed(path: str) -> bool:
    """Whether `--save PATH` may be written: refused (with a message) when PATH holds
    something other than a Trilateral save."""
    from game.engine.saves import SaveError, check_overwritable

    try:
        check_overwritable(path)
    except SaveError as err:
        print(err, file=sys.stderr)
        return False
    return True


def choose_delegations(
    scenario: Scenario, ask: Callable[[str], str] = read_line, say: Callable[[str], None] = print
) -> list[str]:
    """Ask which delegations the people at this keyboard will play."""
    delegations = scenario.delegations()
    ids = list(delegations)
    say(_("{scenario}: which delegation will you play?").format(scenario=scenario.title))
    for i, dele in enumerate(delegations.values(), start=1):
        say(
            textui.wrap(f"{i}. {dele.title}: {' '.join(dele.summary.split())}", "  ").replace(
                "\n  ", "\n     "
            )
        )
    everyone = _("{number}. all of them (hot seat: pass the keyboard between delegations)")
    say("  " + everyone.format(number=len(ids) + 1))
    while True:
        answer = ask_line(
            ask, say, _("Choose 1-{last}, or several like 1,3: ").format(last=len(ids) + 1)
        )
        picks = [p.strip() for p in answer.replace(" ", ",").split(",") if p.strip()]
        if picks and all(_number_in(p, len(ids) + 1) for p in picks):
            if str(len(ids) + 1) in picks:
                return ids
            return [ids[int(p) - 1] for p in dict.fromkeys(picks)]
        if answer in ids:
            return [answer]
        say("  " + _("Please type a number from 1 to {last}.").format(last=len(ids) + 1))


def _play_auto(args: argparse.Namespace, loaded: LoadedScenario) -> int:
    from game.arguments import UsageError

    if args.humans:
        raise UsageError(
            _("--as cannot be combined with --auto (every delegation is played by AI)")
        )
    if args.seed is None:
        raise UsageError(_("--auto needs --seed N so the run can be repeated"))
    if args.save and not _save_allowed(args.save):
        return 1
    game = _new_game(args, loaded, [])
    print(textui.introduction(game))
    print(
        "\n" + _("Seed {seed}. Every delegation is played by the AI.").format(seed=game.seed) + "\n"
    )
    failed = 0
    while not game.over:
        report = game.resolve_turn()
        assert report is not None  # a game that keeps its record reports every turn
        print(
            textui.turn_results(game, report)
            if args.verbose
            else textui.auto_summary_line(game, report)
        )
        if args.save and not _save(game, args.save):
            failed += 1
    print()
    print(textui.debrief(game, game.result()))
    return _saves_verdict(args.save, failed)


def _save(game: Game, path: str) -> bool:
    """Save now; on failure say so on stderr at once (play goes on) and return False."""
    from game.engine.saves import save_game

    try:
        save_game(game, path)
    except OSError as err:
        print(
            _(
                "{path}: could not save the game: {error}; play goes on and Trilateral will "
                "try again after the next turn"
            ).format(path=path, error=err.strerror or err),
            file=sys.stderr,
        )
        return False
    return True


def _saves_verdict(path: str | None, failed: int) -> int:
    """Exit code 0, or 1 with a last word on stderr if any save failed."""
    if not failed:
        return 0
    print(
        ngettext(
            "{path}: {count} save of this game failed; the file may not hold the whole game",
            "{path}: {count} saves of this game failed; the file may not hold the whole game",
            failed,
        ).format(path=path, count=failed),
        file=sys.stderr,
    )
    return 1


def cmd_replay(args: argparse.Namespace) -> int:
    from game.engine.saves import SaveError, load_game, scenario_id_of_save

    try:
        scenario_path = args.scenario
        if scenario_path is None:
            sid = scenario_id_of_save(args.save)
            found = scenario_by_id(sid)
            if found is None:
                return _fail(
                    _(
                        "{path}: scenario `{scenario}` is not in {folder}; give it with "
                        "--scenario PATH"
                    ).format(path=args.save, scenario=sid, folder=SCENARIO_DIR)
                )
            scenario_path = str(found)
        loaded = load_or_report(scenario_path)
        if loaded is None:
            return 1
        game = load_game(args.save, loaded)
    except SaveError as err:
        return _fail(str(err))
    # The loaded game is the replay: print its turns as they were resolved (facilitator
    # actions included), then its ending.
    print(textui.introduction(game))
    print("\n" + _("Replay of {path} (seed {seed}).").format(path=args.save, seed=game.seed) + "\n")
    for warning in game.save_warnings:
        print(textui.wrap(_("Warning: {warning}").format(warning=warning), ""))
        print(
            _("{path}: warning: {warning}").format(path=args.save, warning=warning),
            file=sys.stderr,
        )
    if game.save_warnings:
        print()
    for report in game.reports:
        print(textui.turn_results(game, report))
        print()
    if game.over:
        print(textui.debrief(game, game.result()))
    else:
        if game.reports:
            played = turn_name(game, len(game.reports))
            print(_("The save stops after {turn}; the game is unfinished.").format(turn=played))
        else:
            print(_("The save stops at the start; the game is unfinished."))
    return 0


# ASCII only: `int()` would also read digits of other scripts, and `\d` matches them.
_TOKEN = re.compile(r"([0-9]+)[:=]?([a-z]+)|([a-z]+)[:=]?([0-9]+)")
_INDEX = re.compile(r"[0-9]{1,6}")


def _number_in(text: str, high: int) -> bool:
    """Whether `text` is a number from 1 to `high` written in ASCII digits."""
    return _INDEX.fullmatch(text) is not None and 1 <= int(text) <= high


_CHOICE_WORDS = {
    "p": Choice.PUSH,
    "push": Choice.PUSH,
    "h": Choice.HOLD,
    "hold": Choice.HOLD,
    "o": Choice.OPPOSE,
    "oppose": Choice.OPPOSE,
}

# Kept in English here (constants); shown through the catalog as _(HELP) and
# _(FACILITATOR_HELP).format(most=MAX_TIMER_MINUTES).
HELP = N_("""\
  Type your decisions as number+letter, separated by spaces:
    p = push (spend capital to move it), o = oppose (stall it), h = hold
    e.g. `1p 3p` pushes measures 1 and 3; `2o` opposes measure 2.
  Press Enter on an empty line to hold on everything.
  Other commands: `m 2` details of measure 2, `d` dashboard, `b` your briefing,
  `?` this help and how you are scored,
  `q` quit (the game is saved if you gave --save).
  Facilitator (white cell) commands start with `!`; type `!help` to list them.""")

FACILITATOR_HELP = N_("""  Facilitator commands (they go into the ledger, the save and the report):
    !injects                         list the scenario's injects
    !inject ID                       fire an inject now
    !adjust INDICATOR AMOUNT REASON  change an indicator by hand, e.g. `!adjust tension 5 walk-out`
    !indicators                      list indicator names
    !note TEXT                       a note against this turn
    !undo                            take back the last turn
    !timer MINUTES                   a per-turn timer, 0 to {most} (0 turns it off)""")


def _runs_on(numbers: list[int]) -> bool:
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _which(numbers: list[int]) -> str:
    """'1 to 3' for numbers that run on, '2' for one, else '1, 3 or 4'."""
    if len(numbers) == 1:
        return str(numbers[0])
    if _runs_on(numbers):
        return _("{first} to {last}").format(first=numbers[0], last=numbers[-1])
    return _("{numbers} or {last}").format(
        numbers=listing(map(str, numbers[:-1])), last=numbers[-1]
    )


def _cut(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _shown(text: str) -> str:
    """What the person typed, quoted, shortened with an ellipsis if very long."""
    return shown_value(text.strip())


class Quit(Exception):
    pass


class Restart(Exception):
    """The facilitator took a turn back: start the (earlier) turn again."""


class TerminalGame:
    """The interactive loop; `ask` and `say` are replaceable for tests.

    `plain` is the mode for screen readers (`play --text --plain`): no bars and no rules of
    `=` or `-`, numbers said in words, delegations and measures by their titles, the measures
    numbered as the window numbers their cards, every line wrapped to the terminal's width, and
    a pause before each turn's results."""

    def __init__(
        self,
        game: Game,
        save_path: str | None = None,
        ask: Callable[[str], str] = read_line,
        say: Callable[[str], None] = print,
        plain: bool = False,
    ):
        self.game = game
        self.save_path = save_path
        self.plain = plain
        self.ask = ask
        self._say = say
        self.clock = time.monotonic  # replaceable in tests; the engine never sees time
        self.timer_seconds = 0.0
        self.turn_started = self.clock()
        self.failed_saves = 0

    def say(self, text: str) -> None:
        """Print `text`; in the plain mode every line wider than the terminal is wrapped, and
        the backticks around commands (`1p`), which a screen reader reads out, are left out."""
        if self.plain:
            text = fit_lines(text.replace("`", ""), textui.line_width())
        self._say(text)

    def prompt(self, text: str) -> str:
        if self.plain:  # wrapped like every other line; the space after the question kept
            text = fit_lines(text.rstrip(" ").replace("`", ""), textui.line_width()) + " " * (
                len(text) - len(text.rstrip(" "))
            )
        try:
            return ask_line(self.ask, self.say, text)
        except EOFError:
            raise Quit("input ended") from None

    def pause(self, text: str) -> None:
        """The plain mode's pause before long output: wait for Enter (the end of the input
        goes on, so a piped game still reaches its end)."""
        try:
            self.prompt(text)
        except Quit:
            self.say("")

    def run(self) -> int:
        game = self.game
        self.say(textui.introduction(game, self.plain))
        self.say(
            "\n" + _("Seed {seed} (replay this game with --seed {seed}).").format(seed=game.seed)
        )
        try:
            while not self.game.over:
                try:
                    self.play_turn()
                except Restart:
                    continue
        except Quit as why:
            if self.save_path:
                # Saved now, so that what the message says is true even before the first
                # turn ends (the file did not exist yet) and after a failed save.
                ok = self.save()
                if ok:
                    stopped = _("Stopped ({why}); the game so far is saved in {path}.")
                else:
                    stopped = _("Stopped ({why}); the last save to {path} failed.")
            else:
                stopped = _("Stopped ({why}).")
            reason = _("input ended") if str(why) == "input ended" else _("quit")
            self.say("\n" + stopped.format(why=reason, path=self.save_path))
            code = _saves_verdict(self.save_path, self.failed_saves)
            return 1 if str(why) == "input ended" else code
        self.say("")
        self.say(textui.debrief(self.game, self.game.result(), self.plain))
        return _saves_verdict(self.save_path, self.failed_saves)

    def save(self) -> bool:
        """Save the game if a save file was given; a failure is said at once, counted, and
        makes this return False."""
        if self.save_path and not _save(self.game, self.save_path):
            self.failed_saves += 1
            return False
        return True

    def timer_note(self) -> str:
        if not self.timer_seconds:
            return ""
        left = self.timer_seconds - (self.clock() - self.turn_started)
        if left <= 0:
            return " [" + _("time is up") + "]"
        clock = f"{int(left) // 60}:{int(left) % 60:02d}"
        return " [" + _("{time} left").format(time=clock) + "]"

    def facilitator(self, line: str) -> None:
        """Run one `!` command; errors are explained, never raised."""
        from game.engine.saves import take_back

        game = self.game
        command, _space, rest = line[1:].strip().partition(" ")
        command = command.lower()
        try:
            if command in ("", "help"):
                text = _(FACILITATOR_HELP).format(most=MAX_TIMER_MINUTES)
                self.say(fit_lines(text, textui.line_width(), hang=6))
            elif command == "injects":
                for inj in game.book.injects:
                    if inj.turn:
                        when = _("{inject} (scheduled turn {turn})")
                    else:
                        when = _("{inject} (by hand only)")
                    said = when.format(inject=inj.model.title, turn=inj.turn)
                    self.say(f"  {ljust(inj.id, 28)} {said}")
            elif command == "inject":
                game.fire_inject(rest.strip())
                title = game.book.inject[rest.strip()].model.title
                self.say("  " + _("Fired: {inject}").format(inject=title))
                self.save()
            elif command == "indicators":
                self.say("  " + ", ".join(game.state.values))
            elif command == "adjust":
                parts = rest.split(maxsplit=2)
                if len(parts) < 3:
                    self.say(
                        "  "
                        + _(
                            "Usage: !adjust INDICATOR AMOUNT REASON, e.g. `!adjust tension 5 "
                            "walk-out`"
                        )
                    )
                    return
                indicator, amount, reason = parts
                try:
                    value = read_adjustment(amount)
                except ValueError as err:
                    self.say(
                        "  "
                        + _(
                            "!adjust: {error}; e.g. `!adjust tension -5 talks calmed things`"
                        ).format(error=err)
                    )
                    return
                game.adjust(indicator, value, reason)
                self.say(
                    "  "
                    + _("{indicator} {change} ({reason}); now {value}").format(
                        indicator=game.book.title_of(indicator),
                        change=f"{value:+g}",
                        reason=reason,
                        value=f"{game.state.values[indicator]:g}",
                    )
                )
                self.save()
            elif command == "note":
                game.add_note(rest)
                self.say("  " + _("Note added."))
                self.save()
            elif command == "undo":
                self.game = take_back(game)
                self.save()
                turn = turn_name(self.game, self.game.state.turn)
                self.say("  " + _("Took back a turn; back to {turn}.").format(turn=turn))
                raise Restart
            elif command == "timer":
                try:
                    minutes = read_decimal(rest or "0", 0, MAX_TIMER_MINUTES, TIMER)
                except ValueError as err:
                    self.say(f"  !timer: {err}")
                    return
                self.timer_seconds = minutes * 60
                self.turn_started = self.clock()
                if minutes:
                    self.say(
                        "  " + _("Turn timer: {minutes} minutes.").format(minutes=f"{minutes:g}")
                    )
                else:
                    self.say("  " + _("Turn timer off."))
            else:
                self.say(
                    "  "
                    + _("Unknown facilitator command `!{command}`; type `!help`.").format(
                        command=command
                    )
                )
        except EngineError as err:
            self.say(f"  {err}")

    def play_turn(self) -> None:
        game = self.game
        self.turn_started = self.clock()
        st = game.state
        label = game.scenario.start_label
        self.say("")
        name = turn_name(game, st.turn)
        if label:
            began = _("(game began {start})").format(start=label)
            name += (" " if self.plain else "  ") + began
        self.say(textui.heading(name, "=", self.plain))
        self.say(textui.dashboard(game, self.plain))
        self.say(_("Measures:"))
        self.say(textui.measure_table(game, self.plain))
        humans = [a for a in game.book.delegation_ids if a in game.setup.humans]
        for actor in humans:
            if len(humans) > 1:
                title = game.book.delegations[actor].title
                rule = "" if self.plain else "--- "
                passing = _(
                    "Pass to the {delegation} delegation. Press Enter when only they can see the "
                    "screen."
                ).format(delegation=title)
                self.prompt(f"\n{rule}{passing} ")
            self.decide(actor)
            if len(humans) > 1:
                # a screen reader would read out forty blank lines: the plain mode says only
                # that the decisions are hidden
                blank = "" if self.plain else "\n" * 40
                self.say(blank + _("(decisions hidden until the reveal)"))
        report = game.resolve_turn()
        assert report is not None  # a game that keeps its record reports every turn
        self.say("")
        if self.plain:
            turn = turn_name(game, report.turn)
            self.pause(_("Press Enter for the results of {turn}.").format(turn=turn) + " ")
        self.say(textui.turn_results(game, report, self.plain))
        self.save()

    def decide(self, actor: str) -> None:
        game = self.game
        dele = game.book.delegations[actor]
        if game.state.turn == 1:
            briefing = _("{delegation}: private briefing").format(delegation=dele.title)
            self.say(textui.heading(briefing, "-", self.plain))
            self.say(textui.wrap(dele.briefing))
        while True:
            options = game.options(actor)
            self.say(
                "\n"
                + _("{delegation}: capital {capital}. Your choices this turn:").format(
                    delegation=dele.title, capital=options.capital
                )
            )
            if not options.measures:
                self.say("  " + _("No measure is open to you this turn."))
                self.prompt("  " + _("Press Enter to continue.") + " ")
                game.submit(actor, {})
                return
            numbers = self.numbers(options)
            self.say(textui.option_lines(game, options, self.plain))
            asking = _("{delegation} decides{timer} (? for help):").format(
                delegation=dele.title, timer=self.timer_note()
            )
            line = self.prompt(asking + " ")
            if line.startswith("!"):
                self.facilitator(line)
                continue
            line = line.lower()
            if line in ("?", "help"):
                self.say(fit_lines(_(HELP), textui.line_width(), hang=4))
                self.say(textui.scoring(game.book, self.plain))
                continue
            if line in ("q", "quit", "exit"):
                raise Quit("quit")
            if line == "d":
                self.say(textui.dashboard(game, self.plain))
                continue
            if line == "b":
                self.say(textui.wrap(dele.briefing))
                continue
            if line.startswith("m"):
                rest = line[1:].strip()
                if _INDEX.fullmatch(rest) and int(rest) in numbers:
                    measure_id = options.measures[numbers.index(int(rest))].measure_id
                    self.say(textui.measure_details(game, measure_id, self.plain))
                else:
                    if _runs_on(numbers) and len(numbers) > 1:
                        which = _("Which measure? Type `m N` with N from {numbers}.")
                    else:
                        which = _("Which measure? Type `m N` with N one of {numbers}.")
                    self.say("  " + which.format(numbers=_which(numbers)))
                continue
            closed = self.closed_measures(options) if self.plain else None
            try:
                decisions = self.parse(line, options, numbers if self.plain else None, closed)
                game.submit(actor, decisions)
            except (ValueError, IllegalDecision) as err:
                self.say("  " + _("{error}. Try again, or type ? for help.").format(error=err))
                continue
            spent = options.cost_of(game.check(actor, decisions))
            # by title in the plain mode: an id is a word a screen reader spells out
            chosen = listing(
                choice_clause(c, game.book.measure[m].model.title if self.plain else m)
                for m, c in decisions.items()
                if c != Choice.HOLD
            )
            if chosen:
                said = _("{delegation}: {decisions} (capital spent {spent}).")
            else:
                said = _("{delegation}: hold on everything (capital spent {spent}).")
            self.say("  " + said.format(delegation=dele.title, decisions=chosen, spent=spent))
            return

    def numbers(self, options: Options) -> list[int]:
        """The numbers players type for `options.measures`, in their order: 1, 2, 3, ... or,
        in the plain mode, the numbers of the window's cards (a measure not open to this
        delegation keeps its number, so the numbers can have gaps)."""
        if self.plain:
            return [textui.measure_number(self.game, m.measure_id) for m in options.measures]
        return list(range(1, len(options.measures) + 1))

    def closed_measures(self, options: Options) -> dict[int, str]:
        """The window's numbers and titles of the measures not open to this delegation now."""
        open_ids = {m.measure_id for m in options.measures}
        return {
            i: m.model.title
            for i, m in enumerate(self.game.book.measures, start=1)
            if m.id not in open_ids
        }

    @staticmethod
    def parse(
        line: str,
        options: Options,
        numbers: list[int] | None = None,
        closed: dict[int, str] | None = None,
    ) -> dict[str, Choice]:
        """A line of decisions (`1p 3o`) as {measure id: choice}. Raises ValueError, with
        what was wrong, for anything else, including one measure given two choices.

        `numbers`: the number of each of `options.measures` (default 1, 2, 3, ...); `closed`:
        the numbers and titles of measures that have a number but are not open now."""
        if numbers is None:
            numbers = list(range(1, len(options.measures) + 1))
        decisions: dict[str, Choice] = {}
        given: dict[str, str] = {}  # measure id -> the token that chose for it
        for token in line.replace(",", " ").split():
            m = _TOKEN.fullmatch(token)
            if not m:
                raise ValueError(
                    _("`{token}` is not a decision like `1p` or `2o`").format(token=_cut(token))
                )
            num, word = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
            if word not in _CHOICE_WORDS:
                raise ValueError(
                    _("`{word}` is not a choice; use p (push), h (hold) or o (oppose)").format(
                        word=word
                    )
                )
            if not (_INDEX.fullmatch(num) and int(num) in numbers):
                if closed and _INDEX.fullmatch(num) and int(num) in closed:
                    raise ValueError(
                        _(
                            "measure {number} ({measure}) is not open to you this turn; choose "
                            "{numbers}"
                        ).format(number=int(num), measure=closed[int(num)], numbers=_which(numbers))
                    )
                raise ValueError(
                    _("there is no measure {number}; choose {numbers}").format(
                        number=_cut(num), numbers=_which(numbers)
                    )
                )
            measure = options.measures[numbers.index(int(num))]
            if measure.measure_id in given:
                raise ValueError(
                    _(
                        "measure {number} ({measure}) is given two choices, `{first}` and "
                        "`{second}`; give each measure one"
                    ).format(
                        number=int(num),
                        measure=measure.title,
                        first=given[measure.measure_id],
                        second=token,
                    )
                )
            given[measure.measure_id] = token
            decisions[measure.measure_id] = _CHOICE_WORDS[word]
        return decisions


__all__ = [
    "TerminalGame",
    "add_play_arguments",
    "add_replay_arguments",
    "cmd_play",
    "cmd_replay",
    "EngineError",
]
