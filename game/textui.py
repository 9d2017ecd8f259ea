"""Turning engine results into terminal text: dashboards, measure tables, turn results, debriefs.

Pure functions from engine objects to strings, so `play --text`, `play --auto` and `replay`
print the same words, and tests can read them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from game.columns import display_width, fill, ljust, rjust, row, terminal_columns
from game.engine.game import Game, Options, TurnReport
from game.engine.ledger import movements
from game.engine.rulebook import RangedEffect, Rulebook
from game.engine.scoring import GameResult, describe_scoring, on_the_scale
from game.engine.state import Choice
from game.formatting import number, signed
from game.scenario.models import Effect


def line_width() -> int:
    """The columns a line of terminal text may take: the terminal's width less two (78 in a
    terminal of 80 columns, and when the output goes to a pipe or a file), at least 38."""
    return terminal_columns() - 2


def wrap(text: str, indent: str = "  ") -> str:
    """Paragraphs (separated by blank lines) wrapped to the terminal's width in columns, every
    line indented by `indent`; CJK text breaks between characters (game.columns.wrap)."""
    paragraphs = [p.strip() for p in text.strip().split("\n\n")]
    width = line_width()
    return "\n\n".join(fill(p, width, indent, indent) for p in paragraphs if p)


def scoring(book: Rulebook, plain: bool = False) -> str:
    """How games of this scenario are scored (`describe_scoring`, the one wording the window and
    the report show too), wrapped to the terminal: what `?` shows at the decision prompt."""
    return "\n".join(
        [
            heading("How you are scored", "-", plain),
            *(wrap(line) for line in describe_scoring(book)),
        ]
    )


def is_inducement(book: Rulebook, event_id: str) -> bool:
    """Whether the red cell's event `event_id` is an inducement (an offer to opposition parties,
    business or travellers) rather than coercion: every list of events marks it so."""
    return any(e.id == event_id and e.model.kind == "inducement" for e in book.events)


def event_title(book: Rulebook, event_id: str, title: str) -> str:
    """An event's headline as lists of events show it: 'Inducement: ...' for an inducement."""
    return f"Inducement: {title}" if is_inducement(book, event_id) else title


# --- uncertain amounts and the history excursion (the one wording of every screen) ---------

Amount = float | tuple[float, float]  # a number, or a range (low, high) each game draws from


def amount_text(amount: Amount) -> str:
    """'+3', or '+4 to +8' for an uncertain amount (a range each game draws its value from)."""
    if isinstance(amount, tuple):
        low, high = amount
        return f"{signed(low)} to {signed(high)}"
    return signed(amount)


def drawn_text(value: float, low: float, high: float) -> str:
    """'drawn +6.2 of +4 to +8': the value this game drew from a range, and the range."""
    return f"drawn {signed(value)} of {amount_text((low, high))}"


def drawn_amounts(game: Game, kind: str, owner: str) -> dict[int, float]:
    """The values this game drew for one effect's ranges, by their place among its changes
    (`kind` and `owner` as in RangedEffect: 'reaction' and a measure id, 'hit' and an event
    id, 'inject' and an inject id, ...)."""
    return {r.position: v for r, v in game.effects.drawn if r.kind == kind and r.owner == owner}


def effect_text(
    book: Rulebook,
    amounts: Iterable[tuple[str, Amount]],
    drawn: Mapping[int, float] | None = None,
) -> str:
    """'Cooperation +3, Regional tension +4 to +8': an effect's changes, a range as a range;
    with `drawn` (drawn_amounts), a range this game drew from says what it drew:
    'Regional tension drawn +6.2 of +4 to +8'."""
    parts = []
    for position, (key, amount) in enumerate(amounts):
        if isinstance(amount, tuple) and drawn and position in drawn:
            parts.append(f"{book.title_of(key)} {drawn_text(drawn[position], *amount)}")
        else:
            parts.append(f"{book.title_of(key)} {amount_text(amount)}")
    return ", ".join(parts)


def drawn_in_play(game: Game) -> list[tuple[RangedEffect, float]]:
    """The values this game drew for the scenario's ranges that acted in it, in file order: a
    measure's effects once adopted, a gray-zone action's once drawn, an inject's once fired,
    a campaign stage's once reached, the drift's. A value drawn for something that never
    happened changed nothing, so it is not listed (needs the game's record)."""
    acted = _acted_effects(game)
    return [(r, value) for r, value in game.effects.drawn if (r.kind, r.owner) in acted]


_KIND_OF_CAUSE = {
    "adopted": "on_adopt",
    "in_force": "in_force",
    "reaction": "reaction",
    "event": "hit",
    "inject": "inject",
    "drift": "drift",
}


def _acted_effects(game: Game) -> set[tuple[str, str]]:
    """(kind, owner) of every effect that changed an indicator during the game, by the
    ledger; campaign stages by the turns played."""
    acted = {
        (_KIND_OF_CAUSE[str(e.cause)], e.source_id)
        for e in game.ledger
        if str(e.cause) in _KIND_OF_CAUSE
    }
    for turn in range(1, len(game.reports) + 1):
        index = game.book.campaign_index(turn)
        if index is not None:
            acted.add(("campaign", str(index)))
    return acted


def ranged_what(book: Rulebook, ranged: RangedEffect) -> str:
    """What an uncertain amount belongs to, e.g. 'Security dialogue: PRC reaction on
    adoption', 'Patrol (gray-zone action)', 'Leaders' statement (inject)'."""
    red = book.red_cell.short or book.red_cell.title
    kind, owner = ranged.kind, ranged.owner
    if kind in ("on_adopt", "in_force", "reaction") and owner in book.measure:
        title = book.measure[owner].model.title
        what = {
            "on_adopt": "when adopted",
            "in_force": "each turn in force",
            "reaction": f"{red} reaction on adoption",
        }[kind]
        return f"{title}: {what}"
    if kind == "hit":
        titles = {e.id: e.model.title for e in book.events}
        return f"{titles.get(owner, owner)} (gray-zone action)"
    if kind == "inject" and owner in book.inject:
        model = book.inject[owner].model
        return f"{model.title} ({'history' if model.history else 'inject'})"
    if kind == "campaign":
        stages = book.campaign
        index = int(owner) if owner.isdigit() else -1
        if 0 <= index < len(stages):
            label = book.scenario.turn_label.lower()
            return f"{red} pressure campaign from {label} {stages[index][0]}"
        return f"{red} pressure campaign"
    if kind == "drift":
        return "Drift (every turn)"
    return owner


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def history_date(text: str | None) -> str:
    """'14 May 2020' for '2020-05-14' (the text as given if it is not a date; '' for None)."""
    if not text:
        return ""
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        return text
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"  # not %B: that follows the locale


def history_label(book: Rulebook, inject_id: str) -> str:
    """'History, 14 May 2020' for an inject of the history excursion (what really happened,
    on its real date); '' for any other inject."""
    inj = book.inject.get(inject_id)
    if inj is None or not inj.model.history:
        return ""
    date = history_date(inj.model.date)
    return f"History, {date}" if date else "History"


HISTORY_ON = (
    "History excursion: the real timeline's events happen on their real dates, alongside the "
    "scenario's own."
)


def part_label(book: Rulebook, key: str) -> str:
    """The name of one part of a score (`DelegationScore.parts`, `AimsScore.parts` keys)."""
    if key == "resilience":
        return "Mean resilience"
    if key == "stability":
        return f"Stability (100 − {book.title_of('tension').lower()})"
    if key == "support":
        return "Own domestic support"
    return book.title_of(key)


def crisis_note(book: Rulebook, result: GameResult) -> str:
    """What the crisis did to the scores, said plainly ('' for a game without one)."""
    if not result.crisis:
        return ""
    calm = on_the_scale(book, result.shared.state, False)
    return (
        f"The game ended in crisis, and a crisis is a loss: it capped every score at "
        f"{number(book.scoring.crisis_ceiling)}. Without the crisis, the same state of the region "
        f"would have given a shared score of {number(calm)}."
    )


def aims_line(book: Rulebook, result: GameResult) -> str:
    """How far the red cell got towards its aims ('' if the scenario gives it none)."""
    if result.red_cell is None:
        return ""
    short = book.red_cell.short
    who = f"The {short} red cell" if short else "The red cell"
    return f"{who} got {number(result.red_cell.score)} of 100 of the way to its aims"


def aims_parts(book: Rulebook, result: GameResult) -> list[tuple[str, float]]:
    """What each of the red cell's aims contributed: [('Cooperation (wants it low)', 12.5), ...]."""
    if result.red_cell is None:
        return []
    aims = book.red_cell.policy.aims
    return [
        (f"{book.title_of(k)} ({'wants it low' if aims.get(k, 1) < 0 else 'wants it high'})", v)
        for k, v in result.red_cell.parts.items()
    ]


def bar(value: float, high: float = 100.0, width: int = 20) -> str:
    filled = max(0, min(width, round(width * value / high))) if high else 0
    return "#" * filled + "." * (width - filled)


def heading(text: str, char: str = "=", plain: bool = False) -> str:
    """A heading underlined with `char` (as wide as the text, in columns); `plain`: the text
    as a line of its own ending with a colon, no rule (a screen reader reads rules out)."""
    if plain:
        return "\n".join(wrap_plain(text if text.endswith(":") else f"{text}:"))
    return f"{text}\n{char * min(line_width(), display_width(text))}"


def wrap_plain(text: str, indent: str = "") -> list[str]:
    """`text` as lines of at most the terminal's width, continuation lines indented two more."""
    from game.columns import wrap as wrap_columns

    return wrap_columns(text, line_width(), indent, indent + "  ") or [""]


def plain_lines(lines: Iterable[str], indent: str = "  ") -> str:
    """Sentences for the plain mode, one after another, each wrapped to the terminal."""
    return "\n".join(line for text in lines for line in wrap_plain(text, indent))


def titles(book: Rulebook, ids: Iterable[str]) -> str:
    """'Japan and Taiwan', 'Japan, Taiwan and the US': delegations by their titles."""
    names = [book.delegations[a].title for a in ids]
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def measure_number(game: Game, measure_id: str) -> int:
    """The number the window shows on the measure's card (its place in the scenario, from 1),
    which the plain terminal uses too, so the numbers players type are the same in both."""
    return next(i for i, m in enumerate(game.book.measures, start=1) if m.id == measure_id)


def turn_name(game: Game, turn: int) -> str:
    s = game.scenario
    return f"{s.turn_label} {turn} of {s.turns}"


def introduction(game: Game, plain: bool = False) -> str:
    s = game.scenario
    lines = [heading(s.title, "=", plain)]
    if s.start_label:
        lines.append(wrap(f"Starts {s.start_label}; {s.turns} turns ({s.turn_label.lower()}s)."))
    if game.setup.history:
        lines.append(wrap(HISTORY_ON))
    lines += ["", wrap(s.summary), "", heading("Briefing", "-", plain), wrap(s.briefing), ""]
    lines.append("Delegations:")
    red = game.book.red_cell.title
    if plain:
        sentences = []
        for actor, dele in game.book.delegations.items():
            ai = f"played by the AI ({game.setup.ai_profiles.get(actor)})"
            sentences.append(f"{dele.title}: {'you' if actor in game.setup.humans else ai}.")
        lines.append(plain_lines([*sentences, f"{red}: the red cell (the scenario's policy)."]))
    else:
        for actor, dele in game.book.delegations.items():
            human = actor in game.setup.humans
            who = "human" if human else f"AI ({game.setup.ai_profiles[actor]})"
            lines.append(f"  {ljust(dele.title, 16)} {who}")
        lines.append(f"  {ljust(red, 16)} red cell (scenario policy)")
    if s.sources:
        lines += ["", "Sources:"] + [wrap(f"[{src.id}] {src.citation}", "  ") for src in s.sources]
    return "\n".join(lines)


def dashboard(game: Game, plain: bool = False) -> str:
    """Indicators with bars, and each delegation's support and capital; `plain`: in words,
    one sentence a line, no bars ('Regional tension 42 of 100, warning at 65, crisis at 95.')."""
    v = game.state.values
    book = game.book
    crisis = book.crisis_at
    names = ["cooperation", "tension", *book.domain_keys]
    if plain:
        sentences = []
        for key in names:
            limits = ""
            if key == "tension":
                limits = f", warning at {number(book.warning_at)}, crisis at {number(crisis)}"
            sentences.append(f"{book.title_of(key)} {number(v[key])} of 100{limits}.")
        for actor, dele in book.delegations.items():
            sentences.append(
                f"{dele.title}: support {number(v['support.' + actor])} of 100, "
                f"capital {number(v['capital.' + actor])} of {dele.capital.max}."
            )
        return plain_lines(sentences)
    width = max(display_width(book.title_of(k)) for k in names)
    width = max(width, *(display_width(d.title) for d in book.delegations.values()))
    rows = []
    for key in names:
        rows.append(f"  {ljust(book.title_of(key), width)} {number(v[key]):>5} {bar(v[key])}")
        if key == "tension":  # on a line of its own: the row is as wide as a terminal allows
            rows.append(
                f"  {ljust('', width)} warning at {number(book.warning_at)}, crisis at {number(crisis)}"
            )
    for actor, dele in book.delegations.items():
        rows.append(
            f"  {ljust(dele.title, width)} support {number(v['support.' + actor]):>3}   "
            f"capital {number(v['capital.' + actor])}/{dele.capital.max}"
        )
    return "\n".join(rows)


def measure_table(game: Game, plain: bool = False) -> str:
    """Every measure and where it stands; `plain`: numbered as the window numbers its cards,
    in sentences without bars."""
    st = game.state
    rows = []
    for i, m in enumerate(game.book.measures, start=1):
        if m.id in st.adopted:
            status = f"ADOPTED in {game.scenario.turn_label.lower()} {st.adopted[m.id]}"
            if m.id in st.suspended():
                status += " (suspended)"
            if plain:
                status = status.replace("ADOPTED", "adopted")
        elif any(p not in st.adopted for p in m.prerequisites):
            locked = ", ".join(
                game.book.measure[p].model.title for p in m.prerequisites if p not in st.adopted
            )
            status = f"locked until adopted: {locked}"
        elif plain:
            status = f"progress {number(st.progress[m.id])} of {number(m.needed)}"
        else:
            status = f"progress {number(st.progress[m.id])}/{number(m.needed)} {bar(st.progress[m.id], m.needed, 12)}"
        if plain:
            needs = titles(game.book, m.requires)
            rows += wrap_plain(f"{i}. {m.model.title}: {status}; requires {needs}.", "  ")
            continue
        needs = " + ".join(game.book.delegations[a].title for a in m.requires)
        rows.append(f"  {m.model.title}")
        rows.append(f"      {status}; requires {needs}")
    return "\n".join(rows)


def option_lines(game: Game, options: Options, plain: bool = False) -> str:
    """The measures a delegation may act on, numbered for its decisions; `plain`: numbered as
    the window numbers its cards (measure_number), by title, in sentences."""
    rows = []
    for i, opt in enumerate(options.measures, start=1):
        m = game.book.measure[opt.measure_id]
        partners = [a for a in m.requires if a != options.actor]
        own = "" if options.actor in m.requires else " (supporting role)"
        if plain:
            sentence = (
                f"{measure_number(game, opt.measure_id)}. {m.model.title}{own}: push costs "
                f"{opt.push_cost} capital; progress {number(opt.progress)} of {number(opt.needed)}"
            )
            if partners:
                sentence += f"; needs {titles(game.book, partners)} to push too"
            if Choice.PUSH not in opt.choices:
                sentence += "; not enough capital to push"
            rows += wrap_plain(sentence + ".", "  ")
            continue
        names = [game.book.delegations[a].title for a in partners]
        joint = f"; needs {', '.join(names)} to push too" if names else ""
        cant = "" if Choice.PUSH in opt.choices else "  [not enough capital to push]"
        rows.append(
            f"  {i}. {ljust(opt.measure_id, 20)} push costs {opt.push_cost}, progress "
            f"{number(opt.progress)}/{number(opt.needed)}{joint}{own}{cant}"
        )
        rows.append(f"     {m.model.title}")
    return "\n".join(rows)


def measure_details(game: Game, measure_id: str, plain: bool = False) -> str:
    m = game.book.measure[measure_id]
    mm = m.model
    lines = [heading(mm.title, "-", plain), wrap(mm.summary)]

    adopted = measure_id in game.state.adopted
    sources: list[tuple[str | None, str | None]] = []

    def effects(name: str, kind: str, effect: Effect | None) -> None:
        if effect is not None and effect.ranges:
            # a range says what this game drew only once it has acted (after the adoption)
            drawn = drawn_amounts(game, kind, measure_id) if adopted else None
            text = effect_text(game.book, effect.ranges.items(), drawn)
            lines.append(wrap(f"{name}: {text}"))
            if effect.source or effect.confidence:
                sources.append((effect.source, effect.confidence))

    effects("When adopted", "on_adopt", mm.on_adopt)
    effects("Each turn in force", "in_force", mm.in_force)
    effects(f"{game.book.red_cell.title} reaction", "reaction", mm.reaction)
    costs = ", ".join(f"{game.book.delegations[a].title} {c}" for a, c in m.cost.items())
    lines.append(wrap(f"Capital per turn pushed: {costs}"))
    if m.support_cost:
        sc = ", ".join(
            f"{game.book.delegations[a].title} {number(c)}" for a, c in m.support_cost.items()
        )
        lines.append(wrap(f"Domestic support lost per turn pushed: {sc}"))
    if mm.source or mm.confidence:
        sources.append((mm.source, mm.confidence))
    # each effect's source and confidence (the measure's own last), each said once
    for source, confidence in dict.fromkeys(sources):
        src = next((s for s in game.scenario.sources if s.id == source), None)
        conf = f" (confidence: {confidence})" if confidence else ""
        if src:
            lines.append(wrap(f"Source: {src.citation}{conf}"))
        elif confidence:
            lines.append(wrap(f"Confidence: {confidence}"))
    return "\n".join(lines)


def decisions_text(game: Game, chosen: Mapping[str, Choice]) -> str:
    """'push Security dialogue, oppose Joint exercises' (by title, the holds left out), or
    'holds on everything'."""
    parts = [
        f"{c.value} {game.book.measure[mid].model.title}"
        for mid, c in chosen.items()
        if c != Choice.HOLD
    ]
    return ", ".join(parts) or "holds on everything"


def decisions_table(game: Game, report: TurnReport, plain: bool = False) -> str:
    """What each delegation chose: by measure id in a table; `plain`: by title, a sentence
    for each delegation."""
    if plain:
        return plain_lines(
            f"{game.book.delegations[actor].title}: {decisions_text(game, chosen)}."
            for actor, chosen in report.decisions.items()
        )
    rows = []
    for actor, chosen in report.decisions.items():
        title = ljust(game.book.delegations[actor].title, 16)
        if not chosen:
            rows.append(f"  {title} holds on everything")
            continue
        parts = [f"{c.value} {mid}" for mid, c in chosen.items()]
        rows.append(f"  {title} " + ", ".join(parts))
    return "\n".join(rows)


def turn_results(game: Game, report: TurnReport, plain: bool = False) -> str:
    """What happened in a turn and why every indicator moved."""
    book = game.book
    lines = [
        heading(f"Results of {turn_name(game, report.turn)}", "-", plain),
        "Decisions:",
        decisions_table(game, report, plain),
    ]
    if report.progress:
        lines.append("Progress:")
        for mid, (before, after) in report.progress.items():
            m = book.measure[mid]
            if plain:
                moved = f"{number(before)} to {number(after)} of {number(m.needed)}"
                lines += wrap_plain(f"{m.model.title}: {moved}.", "  ")
                continue
            figures = f"{number(before)} -> {number(after)}/{number(m.needed)}"
            lines += row(m.model.title, figures, 50)  # a long title wraps, never cut
    for mid in report.adopted:
        lines.append(wrap(f"ADOPTED: {book.measure[mid].model.title}"))
    if report.events:
        lines.append(f"{book.red_cell.title} gray-zone actions:")
        for e in report.events:
            where = f" [{game.scenario.locations[e.location].title}]" if e.location else ""
            absorbed = f" (resilience absorbed {number(e.absorbed)})" if e.absorbed else ""
            title = event_title(book, e.event_id, e.title)
            if plain:
                where = f", at {game.scenario.locations[e.location].title}" if e.location else ""
                lines += wrap_plain(f"{title}{where}{absorbed}.", "  ")
            else:
                lines.append(f"  * {title}{where}{absorbed}")
            lines.append(wrap(e.text, "      "))
    for inj in report.injects:
        model = book.inject[inj].model
        if model.history:  # it happened for real, on this date
            date = history_date(model.date)
            lines.append(wrap(f"HISTORY{f' ({date})' if date else ''}: {model.title}"))
        else:
            lines.append(wrap(f"INJECT: {model.title}"))
        lines.append(wrap(model.text, "      "))
    lines.append("Why the numbers moved:")
    lines.append(explain(game, report.changes, capital=False, limit=None))
    if report.crisis:
        lines.append("")
        lines.append(wrap(f"CRISIS: tension reached {number(book.crisis_at)}. The game ends."))
    return "\n".join(lines)


def explain(game: Game, entries, capital: bool = True, limit: int | None = 4) -> str:
    """'Resilience (Information) -7: Disinformation campaign -9, Counter-influence +2' lines:
    the `limit` largest causes of each change and how many more there were (None: all)."""
    moved = movements(entries)
    rows = []
    order = ["cooperation", "tension", *game.book.domain_keys]
    order += [f"support.{a}" for a in game.book.delegation_ids]
    if capital:
        order += [f"capital.{a}" for a in game.book.delegation_ids]
    for key in order:
        mv = moved.get(key)
        if mv is None or not mv.causes:
            continue
        shown = mv.causes if limit is None else mv.causes[:limit]
        causes = ", ".join(f"{label} {signed(amount)}" for label, amount in shown)
        more = f", and {len(mv.causes) - len(shown)} more" if len(mv.causes) > len(shown) else ""
        absorbed = f" [resilience absorbed {number(mv.absorbed)}]" if mv.absorbed else ""
        rows.append(
            wrap(f"{game.book.title_of(key)} {signed(mv.total)}: {causes}{more}{absorbed}", "  ")
        )
    return "\n".join(rows) if rows else "  (nothing changed)"


def debrief(game: Game, result: GameResult, plain: bool = False) -> str:
    """The end of a game: the outcome, the scores and why; `plain`: in sentences, without
    rules, arrows or padded columns."""
    book = game.book
    o = result.outcome
    sh = result.shared
    end = "ended in crisis" if result.crisis else "ended"
    to = ", which gives" if plain else " ->"
    lines = [
        heading(f"Debrief: {o.title}", "=", plain),
        wrap(f"The game {end} after {turn_name(game, result.final_turn)}."),
        "",
        wrap(o.epilogue),
        "",
        "Shared outcome:",
        wrap(
            f"Cooperation {number(sh.cooperation)}, mean resilience {number(sh.resilience)}, "
            f"stability {number(sh.stability)}{to} state of the region {number(sh.state)}"
            f"{to} shared score {number(sh.score)}"
        ),
        wrap(
            f"Measures adopted: {len(sh.adopted)} of {len(book.measures)}"
            + (
                ": " + "; ".join(book.measure[m].model.title for m in sh.adopted)
                if sh.adopted
                else ""
            )
        ),
    ]
    note = crisis_note(book, result)
    if note:
        lines.append(wrap(note))
    if plain:
        lines.append(
            "Delegation scores (the state of the region by each one's objectives, and the score):"
        )
    else:
        lines.append(
            "Delegation scores (the state of the region by each one's objectives -> score):"
        )
    width = max(16, *(display_width(book.delegations[a].title) for a in result.delegations))
    for actor, sc in result.delegations.items():
        title = book.delegations[actor].title
        if plain:
            lines += wrap_plain(
                f"{title}: state {number(sc.state)}, score {number(sc.score)}.", "  "
            )
        else:
            lines.append(
                f"  {ljust(title, width)} state {rjust(number(sc.state), 5)} "
                f"-> score {rjust(number(sc.score), 5)}"
            )
        parts = ", ".join(f"{part_label(book, k)} {number(v)}" for k, v in sc.parts.items())
        lines.append(wrap(f"({parts})", "      "))
    if result.red_cell is not None:
        parts = ", ".join(f"{label} {number(v)}" for label, v in aims_parts(book, result))
        lines.append(wrap(f"{aims_line(book, result)}: {parts}.", ""))
    lines.append("Why the game went this way (whole game, largest causes first):")
    lines.append(explain(game, game.ledger, capital=False, limit=3))
    drawn = drawn_in_play(game)
    if drawn:
        lines.append("Uncertain amounts: what this game drew for those that acted:")
        for ranged, value in drawn:
            what = f"{ranged_what(book, ranged)}, {book.title_of(ranged.indicator)}"
            lines.append(wrap(f"{what}: {drawn_text(value, ranged.low, ranged.high)}", "  "))
    return "\n".join(lines)


def auto_summary_line(game: Game, report: TurnReport) -> str:
    v = game.state.values
    adopted = f" adopted {','.join(report.adopted)};" if report.adopted else ""
    events = ",".join(e.event_id for e in report.events) or "none"
    return (
        f"{game.scenario.turn_label} {report.turn:>2}: coop {number(v['cooperation']):>5} "
        f"tension {number(v['tension']):>5} res {number(game.facts().values['resilience.mean']):>5};"
        f"{adopted} events {events}"
    )


def facilitator_seat_text(game, action) -> str:  # noqa: ANN001 - a Game, a FacilitatorAction
    """The one wording of the white cell ending a delegation's turn ("hold") or handing it to
    the computer ("ai"): the window, the terminal and the report all use it."""
    who = game.book.delegations[action.actor].title
    if action.kind == "hold":
        why = f" ({action.text})" if action.text else ""
        return f"ended {who}'s turn: it held on everything{why}"
    return f"handed {who} to the computer (AI profile: {action.text})"
