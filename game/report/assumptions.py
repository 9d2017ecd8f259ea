"""The assumptions page: what a scenario's numbers rest on, for instructors and students.

    html_path, md_path = write_assumptions(loaded, Path("published"), runs=1000)

writes `published/assumptions.html` (self-contained, readable on a phone and a laptop) and
`published/assumptions.md` from the same blocks (`game.report.blocks`), listing:

- every effect (a measure's `on_adopt`, `in_force` and `reaction`, an event's `hit`, an
  inject's `effects`, a campaign stage, the drift) with its size or range, its source (the
  citation and the source's note) and its confidence, grouped by measure, event and inject.
  The source and confidence that count are the effect's own, else its owner's (the measure,
  event, inject or stage); where there is none the page says "no source given";
- the red cell's policy: actions per turn, escalation conditions with their notes, probes,
  campaign stages, aims, each measure's provocation, shields and reaction, setbacks, and the
  inducement events;
- the scoring, in the engine's own words (`describe_scoring`);
- the calibration runs, played when the page is written: AI play (`simulate`), every fixed
  team strategy (`simulate --strategy all`) and `lint`, with the commands that reproduce
  them and the program's version;
- the sources, with what uses each one, and the ones nothing uses;
- the history excursion's injects with their dates, if the scenario has any.

Everything is computed before anything is written; each file is written atomically (the
Markdown first, the HTML last), so a failure leaves the previous page whole.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from game.atomic import write_text_atomic
from game.formatting import number, signed
from game.report.blocks import (
    BREAK,
    Card,
    Cards,
    Cell,
    Code,
    Contents,
    Dim,
    Document,
    Facts,
    Heading,
    Inline,
    Inlines,
    ItemList,
    Link,
    Paragraph,
    Row,
    Section,
    Strong,
    Table,
    Tag,
)

if TYPE_CHECKING:
    from game.engine.rulebook import Rulebook
    from game.scenario.loader import LoadedScenario
    from game.scenario.models import Effect, Source
    from game.sim.lint import Warning_
    from game.sim.montecarlo import Summary

__all__ = [
    "HTML_NAME",
    "MARKDOWN_NAME",
    "DEFAULT_RUNS",
    "Assumptions",
    "gather_assumptions",
    "build_assumptions",
    "write_assumptions",
]

HTML_NAME = "assumptions.html"
MARKDOWN_NAME = "assumptions.md"
DEFAULT_RUNS = 1000  # AI games, games per fixed strategy and lint's AI games, as `simulate`
NO_SOURCE = "no source given"

# Section ids and headings, in order; the tests and the table of contents read this list.
SECTIONS = (
    ("measures", "Measures and their effects"),
    ("events", "Events: the red cell's gray-zone actions"),
    ("injects", "Injects and drift"),
    ("red-cell", "The red cell's policy"),
    ("scoring", "How games are scored"),
    ("rules", "Other rules of the model"),
    ("calibration", "Calibration runs"),
    ("sources", "Sources"),
    ("history", "The history excursion"),
)
HEADING = dict(SECTIONS)


# --- what the page says, gathered --------------------------------------------------------------


@dataclass(frozen=True)
class EffectEntry:
    """One effect with the source and confidence that stand behind it."""

    group: str  # "measure", "event", "inject", "campaign" or "drift"
    owner_id: str  # the measure, event or inject id; the stage's number; "" for drift
    owner_title: str
    kind: str  # what it is, e.g. "On adoption (once)"
    effect: Effect
    source: str | None  # the id that counts: the effect's own, else its owner's
    confidence: str | None
    inherited: bool  # the source (or confidence) comes from the owner, not the effect

    @property
    def part(self) -> str:
        """Which of its owner's effects it is, e.g. "on adoption"."""
        return self.kind.split(" (")[0].lower()

    @property
    def label(self) -> str:
        """Where the effect is, e.g. "Joint exercises — on adoption"."""
        return f"{self.owner_title} — {self.part}"


@dataclass(frozen=True)
class Calibration:
    """The balance runs played for the page, and the commands that reproduce them."""

    runs: int
    seed: int
    ai: Summary
    strategies: tuple[Summary, ...]
    lint_games: int
    lint_strategy_games: int
    lint: tuple[Warning_, ...]
    commands: dict[str, str]  # "simulate", "strategies", "lint", "page" -> command line


@dataclass(frozen=True)
class Assumptions:
    loaded: LoadedScenario
    book: Rulebook
    scenario_shown: str  # the scenario file as the commands name it
    version: str
    fingerprint: str | None
    generated: str
    effects: tuple[EffectEntry, ...]
    calibration: Calibration
    # source id -> {measure, event, inject or stage title -> its parts the source is behind}
    uses: dict[str, dict[str, list[str]]] = field(default_factory=dict)


def program_version() -> str:
    """The installed release of Trilateral ("unreleased" when it is not installed)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("trilateral")
    except PackageNotFoundError:
        return "unreleased"


def shown_path(path: str | Path) -> str:
    """A scenario file as the reproducing commands name it: relative to the project folder
    (where `python main.py` runs) when it lies inside it, else as an absolute path."""
    from game.paths import PROJECT_ROOT

    full = Path(path).resolve()
    try:
        return full.relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return str(full)


def lint_strategy_games(runs: int) -> int:
    """Games per fixed strategy in the page's lint: a fifth of its AI games (lint's own
    default of 1000 and 200), at least one."""
    return max(1, runs // 5)


def effect_entries(loaded: LoadedScenario) -> list[EffectEntry]:
    """Every effect of the scenario, grouped (measures, events, injects, campaign, drift) in
    file order, with the source and confidence that count for it."""
    s = loaded.scenario
    found: list[EffectEntry] = []

    def add(group, owner_id, title, kind, effect, owner) -> None:  # noqa: ANN001
        own_source, own_conf = effect.source, effect.confidence
        source = own_source or getattr(owner, "source", None)
        confidence = own_conf or getattr(owner, "confidence", None)
        inherited = (own_source is None and source is not None) or (
            own_conf is None and confidence is not None
        )
        found.append(
            EffectEntry(group, owner_id, title, kind, effect, source, confidence, inherited)
        )

    for m in s.measures:
        for key, kind in (
            ("on_adopt", "On adoption (once)"),
            ("in_force", "Every turn in force"),
            ("reaction", "The red cell's reaction (once, on adoption)"),
        ):
            effect = getattr(m, key)
            if effect is not None and effect.ranges:
                add("measure", m.id, m.title, kind, effect, m)
    for e in s.events:
        add("event", e.id, e.title, "When drawn", e.hit, e)
    for inj in s.injects:
        if inj.effects is not None and inj.effects.ranges:
            add("inject", inj.id, inj.title, "When it fires", inj.effects, inj)
    _red_id, red = s.red_cell()
    for n, stage in enumerate(red.policy.campaign, start=1):
        add(
            "campaign",
            str(n),
            f"Campaign stage {n}",
            "Every turn of the stage",
            stage.effect,
            stage,
        )
    if s.rules.drift is not None and s.rules.drift.ranges:
        add("drift", "", "Drift", "Every turn", s.rules.drift, None)
    return found


def source_uses(
    loaded: LoadedScenario, effects: list[EffectEntry]
) -> dict[str, dict[str, list[str]]]:
    """Source id -> what uses it: for each measure, event, inject or stage (by title, in file
    order) the effects the source stands behind ("on adoption", "when drawn", ...), or, when
    it names the source for itself alone, "the proposal", "the event", "the inject" or
    "the stage"."""
    s = loaded.scenario
    uses: dict[str, dict[str, list[str]]] = {src.id: {} for src in s.sources}

    def use(source: str | None, owner: str, part: str, alone: bool = False) -> None:
        if source is None:
            return
        parts = uses.setdefault(source, {}).setdefault(owner, [])
        if (not alone or not parts) and part not in parts:
            parts.append(part)

    for entry in effects:
        use(entry.source, entry.owner_title, entry.part)
    for m in s.measures:
        use(m.source, m.title, "the proposal", alone=True)
    for e in s.events:
        use(e.source, e.title, "the event", alone=True)
    for inj in s.injects:
        use(inj.source, inj.title, "the inject", alone=True)
    _red_id, red = s.red_cell()
    for n, stage in enumerate(red.policy.campaign, start=1):
        use(stage.source, f"Campaign stage {n}", "the stage", alone=True)
    return uses


def calibrate(
    loaded: LoadedScenario,
    runs: int,
    progress: Callable[[str], None] | None = None,
    out_shown: str = "DIR",
) -> Calibration:
    """Play the balance runs: `runs` AI games (as `simulate`), `runs` games of each fixed team
    strategy (as `simulate --strategy all`) and `lint` with `runs` AI games. Seeds start at
    0, so the same scenario and `runs` give the same numbers. `progress(what)` is told each
    step as it starts."""
    from game.sim.lint import lint
    from game.sim.montecarlo import run
    from game.sim.strategies import STRATEGIES

    seed = 0
    say = progress or (lambda _what: None)
    say(f"AI play: {runs} games")
    ai = run(loaded, runs, seed)
    strategies = []
    for name in STRATEGIES:
        say(f"fixed team strategy {name}: {runs} games")
        strategies.append(run(loaded, runs, seed, strategy=name))
    games, per_strategy = runs, lint_strategy_games(runs)
    say(f"lint: {games} AI games and {per_strategy} per strategy")
    warnings = lint(loaded, games, per_strategy, seed)
    path = shlex.quote(shown_path(loaded.file))
    commands = {
        "simulate": f"python main.py simulate {path} --runs {runs} --seed {seed}",
        "strategies": f"python main.py simulate {path} --runs {runs} --seed {seed} --strategy all",
        "lint": f"python main.py lint {path} --games {games} --strategy-games {per_strategy}",
        "page": f"python main.py assumptions {path} --out {out_shown} --runs {runs}",
    }
    return Calibration(
        runs, seed, ai, tuple(strategies), games, per_strategy, tuple(warnings), commands
    )


def gather_assumptions(
    loaded: LoadedScenario,
    runs: int = DEFAULT_RUNS,
    *,
    now: datetime | None = None,
    progress: Callable[[str], None] | None = None,
    out_shown: str = "DIR",
) -> Assumptions:
    """Everything the page says about `loaded`, its calibration runs played now."""
    from game.cache import program_fingerprint
    from game.engine.rulebook import Rulebook

    if runs < 1:
        raise ValueError("runs must be 1 or more")
    effects = effect_entries(loaded)
    when = (now or datetime.now()).astimezone()
    return Assumptions(
        loaded=loaded,
        book=Rulebook.of(loaded),
        scenario_shown=shown_path(loaded.file),
        version=program_version(),
        fingerprint=program_fingerprint(),
        generated=when.strftime("%Y-%m-%d %H:%M %Z").strip(),
        effects=tuple(effects),
        calibration=calibrate(loaded, runs, progress, out_shown),
        uses=source_uses(loaded, effects),
    )


# --- the page as blocks ----------------------------------------------------------------------


def _p(*parts: Inline, style: str = "") -> Paragraph:
    return Paragraph(tuple(parts), style)


def _h(level: int, *parts: Inline) -> Heading:
    return Heading(level, tuple(parts))


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def _pct(share: float) -> str:
    return f"{100 * share:.1f}%"


def amount(value: float | tuple[float, float]) -> str:
    """A size as the page shows it: '+5', or a range '+4 to +8'."""
    if isinstance(value, tuple):
        low, high = value
        return f"{signed(low)} to {signed(high)}"
    return signed(value)


def change_lines(book: Rulebook, effect: Effect) -> tuple[Inlines, ...]:
    """Each change of an effect on a line: the indicator's name and its size or range."""
    lines: list[Inlines] = []
    for key, value in effect.ranges.items():
        text = f"{book.title_of(key)} {amount(value)}"
        if isinstance(value, tuple):
            middle = (value[0] + value[1]) / 2
            lines.append((text, " ", Dim((f"(range; middle {signed(middle)})",))))
        else:
            lines.append((text,))
    return tuple(lines)


def _sources_by_id(data: Assumptions) -> dict[str, Source]:
    return {src.id: src for src in data.loaded.scenario.sources}


def source_inlines(
    data: Assumptions, source: str | None, confidence: str | None, inherited_from: str = ""
) -> Inlines:
    """The citation and the source's note, then the confidence; "no source given" plainly
    where there is none."""
    parts: list[Inline] = []
    src = _sources_by_id(data).get(source) if source else None
    if source is None:
        parts.append(Strong((NO_SOURCE.capitalize(),)))
    elif src is None:  # validation refuses this; said rather than hidden all the same
        parts += ["Unknown source ", Code(source)]
    else:
        parts.append(_one_line(src.citation))
        if src.url:
            parts += [" ", Link(src.url, src.url)]
        if src.note:
            parts += [BREAK, Dim((_one_line(src.note),))]
    parts.append(BREAK)
    if confidence:
        parts += [Tag(confidence, f"{confidence} confidence")]
    else:
        parts += ["Confidence not given"]
    if inherited_from:  # a tag is spaced from what follows by the emitters; text is not
        parts += [
            *(() if confidence else (" ",)),
            Dim((f"(given for the whole {inherited_from})",)),
        ]
    return tuple(parts)


def _entry_source(data: Assumptions, entry: EffectEntry) -> Inlines:
    owner = {"measure": "measure", "event": "event", "inject": "inject", "campaign": "stage"}
    return source_inlines(
        data, entry.source, entry.confidence, owner.get(entry.group, "") if entry.inherited else ""
    )


def _effect_row(data: Assumptions, entry: EffectEntry, first: Inlines) -> Row:
    return Row(
        (
            Cell(first),
            Cell(items=change_lines(data.book, entry.effect)),
            Cell(_entry_source(data, entry)),
        )
    )


EFFECT_HEADERS = ("Effect", "Size or range", "Source and confidence")


def _header(data: Assumptions) -> Section:
    s = data.loaded.scenario
    effects = data.effects
    sourced = sum(1 for e in effects if e.source)
    amounts = [v for e in effects for v in e.effect.ranges.values()]
    ranged = sum(1 for v in amounts if isinstance(v, tuple))
    unused = [src for src in s.sources if not data.uses.get(src.id)]
    cal = data.calibration
    cards = (
        Card(
            "Effects with a source", (f"{sourced} of {len(effects)}",), ("its own or its owner's",)
        ),
        Card(
            "Amounts given as ranges",
            (f"{ranged} of {len(amounts)}",),
            ("each game draws a value",),
        ),
        Card(
            "Sources",
            (f"{len(s.sources)} listed",),
            (f"{len(unused)} used by nothing",),
        ),
        Card(
            f"Crisis rate, {cal.runs} AI games",
            (_pct(cal.ai.crisis_rate),),
            (f"lint: {len(cal.lint)} warning{'s' if len(cal.lint) != 1 else ''}",),
        ),
    )
    entries = tuple((sid, h) for sid, h in SECTIONS if sid != "history" or _history(s))
    return Section(
        "",
        (
            _p("Trilateral · assumptions page", style="kicker"),
            _h(1, s.title),
            _p(
                "Scenario ",
                Code(s.id),
                f" · file {data.scenario_shown} · content hash ",
                Code(data.loaded.content_hash[:12]),
                f" · generated {data.generated}",
                style="subtitle",
            ),
            _p(
                "What this scenario's numbers rest on: every effect with its size (or the range "
                "each game draws it from), the source behind it and how sure its author is; how "
                "the red cell decides; how games are scored; and the balance runs that show how "
                "the scenario plays.",
                style="lead",
            ),
            Cards(cards),
            Contents(entries),
        ),
        kind="header",
    )


def _measure_facts(data: Assumptions, m) -> Facts:  # noqa: ANN001 - a Measure
    book = data.book
    titles = {a: d.title for a, d in data.loaded.scenario.delegations().items()}
    rows: list[tuple[str, Inlines]] = [
        ("Needs", ("; ".join(titles.get(a, a) for a in m.requires) + " pushing together",)),
        (
            "Cost (capital per turn pushed)",
            ("; ".join(f"{titles.get(a, a)} {c}" for a, c in m.cost.items()) or "none",),
        ),
        ("Progress needed", (number(m.progress),)),
    ]
    if m.support_cost:
        rows.append(
            (
                "Domestic support lost per turn pushed",
                ("; ".join(f"{titles.get(a, a)} {number(c)}" for a, c in m.support_cost.items()),),
            )
        )
    if m.prerequisites:
        by_id = {x.id: x.title for x in data.loaded.scenario.measures}
        rows.append(("Needs first", ("; ".join(by_id.get(p, p) for p in m.prerequisites),)))
    rows.append(("Provocation", (number(m.provocation), " ", Dim(("(1 is the default)",)))))
    if m.shields:
        rows.append(("Shields", (_shields(book, m.shields),)))
    rows.append(("Where the proposal comes from", source_inlines(data, m.source, m.confidence)))
    return Facts(tuple(rows))


def _shields(book: Rulebook, shields: dict[str, float]) -> str:
    domains = book.scenario.indicators.resilience
    return "; ".join(
        f"{(domains[d].title if d in domains and domains[d].title else d)}: "
        f"{100 * share:.0f}% less damage from events"
        for d, share in shields.items()
    )


def _measures(data: Assumptions) -> Section:
    s = data.loaded.scenario
    blocks: list = [
        _h(2, HEADING["measures"]),
        _p(
            "Here and in the sections below, each change is an indicator and the amount it "
            "moves by. A range such as +4 to +8 means each game draws its value evenly from "
            "the range (to one decimal) with the game's seed, so the same seed draws the same "
            "values; its middle is shown beside it. The source and confidence shown are the "
            "effect's own, or else those given for its measure, event, inject or campaign "
            "stage."
        ),
    ]
    by_measure: dict[str, list[EffectEntry]] = {}
    for entry in data.effects:
        if entry.group == "measure":
            by_measure.setdefault(entry.owner_id, []).append(entry)
    for m in s.measures:
        blocks += [_h(3, m.title), _p(_one_line(m.summary), " ", Dim(("(", Code(m.id), ")")))]
        blocks.append(_measure_facts(data, m))
        entries = by_measure.get(m.id, [])
        if entries:
            rows = tuple(_effect_row(data, e, (Strong((e.kind,)),)) for e in entries)
            blocks.append(Table(EFFECT_HEADERS, rows, style="effects"))
        else:
            blocks.append(_p(Dim(("No effects of its own.",))))
    return Section("measures", tuple(blocks))


def _events(data: Assumptions) -> Section:
    s = data.loaded.scenario
    book = data.book
    blocks: list = [_h(2, HEADING["events"])]
    blocks.append(
        _p(
            "Each turn the red cell draws its actions from this deck. Resilience in the domain "
            "hit blunts the losses an event causes (never the tension it adds); a measure's "
            "shields blunt them further."
        )
    )
    by_event = {e.owner_id: e for e in data.effects if e.group == "event"}
    rows = []
    for ev in s.events:
        entry = by_event[ev.id]
        first: list[Inline] = []
        if ev.kind == "inducement":
            first.append(Tag("inducement", "inducement"))
        first += [Strong((ev.title,)), BREAK, Dim((_event_details(book, ev),))]
        cells = list(change_lines(book, ev.hit))
        cells += [(line,) for line in _event_extras(book, ev)]
        rows.append(
            Row(
                (
                    Cell(tuple(first)),
                    Cell(items=tuple(cells)),
                    Cell(_entry_source(data, entry)),
                )
            )
        )
    blocks.append(
        Table(("Event", "Size or range", "Source and confidence"), tuple(rows), style="effects")
    )
    return Section("events", tuple(blocks))


def _injects(data: Assumptions) -> Section:
    s = data.loaded.scenario
    book = data.book
    injects = [e for e in data.effects if e.group == "inject"]
    blocks: list = [
        _h(2, HEADING["injects"]),
        _p("Scripted developments: on a turn, on a date, or fired by the facilitator."),
    ]
    by_inject = {e.owner_id: e for e in injects}
    rows = []
    for inj in s.injects:
        first = []
        if inj.history:
            first.append(Tag("history", "history"))
        first += [Strong((inj.title,)), BREAK, Dim((_inject_when(s, inj),))]
        entry = by_inject.get(inj.id)
        if entry is not None:
            items = change_lines(book, entry.effect)
            source = _entry_source(data, entry)
        else:
            items = ((Dim(("no changes to indicators",)),),)
            source = source_inlines(data, inj.source, inj.confidence)
        if inj.suspend:
            items += (
                (f"Suspends {_measure_titles(s, inj.suspend)} for {inj.suspend_turns} turn(s)",),
            )
        rows.append(Row((Cell(tuple(first)), Cell(items=items), Cell(source))))
    if rows:
        blocks.append(
            Table(
                ("Inject", "Size or range", "Source and confidence"), tuple(rows), style="effects"
            )
        )
    else:
        blocks.append(_p("The scenario has no injects."))

    drift = [e for e in data.effects if e.group == "drift"]
    blocks.append(_h(3, "Drift: every turn, whatever anyone decides"))
    if drift:
        blocks.append(
            Table(
                EFFECT_HEADERS,
                (_effect_row(data, drift[0], (Strong(("Every turn",)),)),),
                style="effects",
            )
        )
    else:
        blocks.append(_p("No drift: nothing changes by itself from turn to turn."))
    blocks.append(
        _p(
            "The red cell's campaign stages are effects too; they are listed with its policy, "
            "below."
        )
    )
    return Section("injects", tuple(blocks))


def _measure_titles(s, ids) -> str:  # noqa: ANN001
    titles = {m.id: m.title for m in s.measures}
    return "; ".join(titles.get(i, i) for i in ids)


def _event_details(book: Rulebook, ev) -> str:  # noqa: ANN001 - an Event
    domains = book.scenario.indicators.resilience
    dom = domains.get(ev.domain)
    parts = [f"domain: {(dom.title if dom and dom.title else ev.domain)}"]
    if ev.target and ev.target in book.delegations:
        parts.append(f"aimed at {book.delegations[ev.target].title}")
    weight = ev.weight if isinstance(ev.weight, str) else number(ev.weight)
    parts.append(f"weight {weight}")
    if ev.when:
        parts.append(f"only while {_one_line(ev.when)}")
    return "; ".join(parts)


def _event_extras(book: Rulebook, ev) -> list[str]:  # noqa: ANN001 - an Event
    s = book.scenario
    extras = []
    if ev.setback:
        extras.append(
            "Sets back "
            + "; ".join(
                f"{_measure_titles(s, [m])} by {number(p)} progress" for m, p in ev.setback.items()
            )
        )
    if ev.suspend:
        extras.append(f"Suspends {_measure_titles(s, ev.suspend)} for {ev.suspend_turns} turn(s)")
    return extras


def _inject_when(s, inj) -> str:  # noqa: ANN001
    from game.scenario.references import turn_of_date

    label = s.turn_label.lower()
    if inj.date:
        turn = turn_of_date(s, inj.date)
        where = f"{label} {turn}" if turn is not None else "outside the scenario's window"
        said = f"dated {inj.date} ({where})"
    elif inj.turn is not None:
        said = f"{label} {inj.turn}"
    else:
        said = "fired by the facilitator"
    if inj.when:
        said += f"; only if {_one_line(inj.when)}"
    if inj.history:
        said += "; history excursion only"
    return said


def _red_cell(data: Assumptions) -> Section:
    s = data.loaded.scenario
    book = data.book
    _rid, red = s.red_cell()
    policy = red.policy
    name = red.short or red.title
    blocks: list = [
        _h(2, HEADING["red-cell"]),
        _p(f"{red.title}: {_one_line(red.summary)}"),
        Facts(
            (
                ("Actions per turn", (f"{policy.actions_per_turn}, drawn from the event deck",)),
                ("Never more than", (f"{policy.max_actions} actions in one turn",)),
                (
                    "Probing the weakest domain",
                    (
                        f"events aimed at the domain with the lowest resilience are "
                        f"{number(policy.probe_weakest)} times as likely to be drawn"
                        + (" (no preference)" if policy.probe_weakest == 1 else ""),
                    ),
                ),
                (
                    "Probing the most exposed partner",
                    (
                        f"events aimed at the delegation with the lowest domestic support are "
                        f"{number(policy.probe_exposed)} times as likely to be drawn"
                        + (" (no preference)" if policy.probe_exposed == 1 else ""),
                    ),
                ),
            )
        ),
        _h(3, "When it does more (or less)"),
    ]
    if policy.escalation:
        rows = tuple(
            Row(
                (
                    Cell((Code(_one_line(e.when)),)),
                    Cell((f"{e.extra_actions:+d}",)),
                    Cell((_one_line(e.note),) if e.note else (Dim(("no note",)),)),
                )
            )
            for e in policy.escalation
        )
        blocks.append(
            Table(
                ("While this holds", "Actions", "Why (the author's note)"),
                rows,
                numeric=frozenset({1}),
            )
        )
    else:
        blocks.append(_p("No escalation: it takes the same number of actions every turn."))

    blocks.append(_h(3, "Its campaign: pressure every turn, whatever the partners do"))
    stages = [e for e in data.effects if e.group == "campaign"]
    if stages:
        label = s.turn_label.lower()
        rows = []
        for i, (stage, entry) in enumerate(zip(policy.campaign, stages, strict=True)):
            last = policy.campaign[i + 1].from_turn - 1 if i + 1 < len(policy.campaign) else s.turns
            span = (
                f"{label} {stage.from_turn}"
                if last == stage.from_turn
                else f"{label}s {stage.from_turn}–{last}"
            )
            first: list[Inline] = [Strong((f"Stage {i + 1}: {span}",))]
            if stage.note:
                first += [BREAK, Dim((_one_line(stage.note),))]
            rows.append(
                Row(
                    (
                        Cell(tuple(first)),
                        Cell(items=change_lines(book, stage.effect)),
                        Cell(_entry_source(data, entry)),
                    )
                )
            )
        blocks.append(
            Table(
                ("Stage", "Every turn of the stage", "Source and confidence"),
                tuple(rows),
                style="effects",
            )
        )
    else:
        blocks.append(_p("No campaign: it acts only through its event deck and reactions."))

    blocks.append(_h(3, "Its aims"))
    if policy.aims:
        blocks.append(
            ItemList(
                tuple(
                    (f"{book.title_of(k)} {'low' if w < 0 else 'high'} (weight {number(abs(w))})",)
                    for k, w in policy.aims.items()
                )
            )
        )
        blocks.append(
            _p(
                f"The {name} red cell is not scored against the players; the debrief and the "
                "report show how far it got towards these aims."
            )
        )
    else:
        blocks.append(_p("No aims are given."))

    blocks.append(_h(3, "What provokes it, and what blunts it"))
    blocks.append(
        _p(
            "Provocation is how strongly the red cell objects to a measure once adopted (1 is "
            "the default; conditions read the sum over adopted measures as ",
            Code("provocation"),
            "). Shields blunt events in a domain while the measure is in force; the reaction "
            "is the red cell's immediate answer to the measure's adoption.",
        )
    )
    rows = []
    for m in s.measures:
        reaction = (
            change_lines(book, m.reaction)
            if m.reaction and m.reaction.ranges
            else ((Dim(("none",)),),)
        )
        rows.append(
            Row(
                (
                    Cell((Strong((m.title,)),)),
                    Cell((number(m.provocation),)),
                    Cell((_shields(book, m.shields),) if m.shields else (Dim(("none",)),)),
                    Cell(items=reaction),
                )
            )
        )
    blocks.append(
        Table(
            ("Measure", "Provocation", "Shields", "Reaction on adoption"),
            tuple(rows),
            numeric=frozenset({1}),
        )
    )

    blocks.append(_h(3, "Setbacks: pressure that delays an initiative"))
    setbacks = [ev for ev in s.events if ev.setback]
    if setbacks:
        blocks.append(
            ItemList(
                tuple(
                    (
                        Strong((ev.title,)),
                        ": ",
                        "; ".join(
                            f"{_measure_titles(s, [m])} loses {number(p)} progress"
                            for m, p in ev.setback.items()
                        ),
                        *((" ", Dim((f"(only while {_one_line(ev.when)})",))) if ev.when else ()),
                    )
                    for ev in setbacks
                )
            )
        )
    else:
        blocks.append(_p("No event sets a measure back."))

    blocks.append(_h(3, "Inducements: offers meant to divide the partners"))
    inducements = [ev for ev in s.events if ev.kind == "inducement"]
    if inducements:
        blocks.append(
            ItemList(tuple((Tag("inducement", "inducement"), ev.title) for ev in inducements))
        )
    else:
        blocks.append(_p("Every event is coercion; none is marked as an inducement."))
    return Section("red-cell", tuple(blocks))


def _scoring(data: Assumptions) -> Section:
    from game.engine.scoring import describe_scoring

    return Section(
        "scoring",
        (_h(2, HEADING["scoring"]), *(_p(line) for line in describe_scoring(data.book))),
    )


def _rules(data: Assumptions) -> Section:
    s = data.loaded.scenario
    r = s.rules
    label = s.turn_label.lower()
    t = s.indicators.tension
    return Section(
        "rules",
        (
            _h(2, HEADING["rules"]),
            Facts(
                (
                    (
                        "Length",
                        (
                            f"{s.turns} {label}s"
                            + (f", from {s.start_label}" if s.start_label else ""),
                        ),
                    ),
                    (
                        "Progress per turn",
                        (
                            f"{number(r.progress.all_push)} when every delegation a measure needs "
                            f"pushes; {number(r.progress.some_push)} when only some do; "
                            f"{signed(r.progress.opposed)} when any delegation opposes",
                        ),
                    ),
                    ("Cost of opposing", (f"{r.oppose_cost} capital a turn",)),
                    (
                        "Resilience",
                        (
                            f"an event's loss is multiplied by 1 − {number(r.mitigation)} × "
                            "resilience / 100 in the domain it hits",
                        ),
                    ),
                    (
                        "Crisis",
                        (
                            f"tension reaching {number(t.crisis_at)} ends the game at once; the "
                            f"window warns from {number(t.warning)}",
                        ),
                    ),
                )
            ),
        ),
    )


def _calibration(data: Assumptions) -> Section:
    from game.sim.montecarlo import ranked_by_own_score
    from game.sim.strategies import describe

    cal = data.calibration
    s = data.loaded.scenario
    delegations = s.delegations()
    ai = cal.ai
    version = f"Trilateral {data.version}" + (
        f" (program fingerprint {data.fingerprint})" if data.fingerprint else ""
    )
    blocks: list = [
        _h(2, HEADING["calibration"]),
        _p(
            "Played when this page was written, by the same program, from seed "
            f"{cal.seed}: the numbers below come back exactly from the commands given with "
            "them (run in the project folder), for this scenario file and this version."
        ),
        Facts(
            (
                ("Program", (version,)),
                (
                    "Scenario file",
                    (
                        data.scenario_shown,
                        " ",
                        Dim(("content hash ",)),
                        Code(data.loaded.content_hash),
                    ),
                ),
                ("Generated", (data.generated,)),
                ("This page", (Code(cal.commands["page"]),)),
            )
        ),
        _h(3, f"AI play: {ai.runs} games"),
        _p(
            "Every delegation played by its AI, cycling through the combinations of AI "
            f"profiles (seeds {ai.seed}–{ai.seed + ai.runs - 1}). Reproduce: ",
            Code(cal.commands["simulate"]),
        ),
        Facts(
            (
                ("Crisis rate", (Strong((_pct(ai.crisis_rate),)),)),
                (
                    "Shared score",
                    (
                        f"mean {number(round(ai.shared_mean, 1))}; p10 {ai.shared_score[0]:.1f}, "
                        f"median {ai.shared_score[1]:.1f}, p90 {ai.shared_score[2]:.1f}",
                    ),
                ),
            )
        ),
    ]
    titles = {o.id: o.title for o in s.outcomes}
    blocks.append(
        Table(
            ("Outcome band", "Share of games"),
            tuple(
                Row((Cell((titles[o.id],)), Cell((_pct(ai.outcome_share.get(o.id, 0.0)),))))
                for o in s.outcomes
            ),
            numeric=frozenset({1}),
            style="compact",
        )
    )
    label = s.turn_label.lower()
    rows = []
    for m in s.measures:
        rate, turn = ai.adoption[m.id]
        rows.append(
            Row(
                (
                    Cell((m.title,)),
                    Cell((_pct(rate),)),
                    Cell((f"{turn:.1f}" if turn is not None else "–",)),
                )
            )
        )
    blocks.append(
        Table(
            ("Measure", "Adopted", f"Mean {label} adopted"),
            tuple(rows),
            numeric=frozenset({1, 2}),
            style="compact",
        )
    )

    blocks += [
        _h(3, f"Fixed team strategies: {cal.runs} games each"),
        _p(
            "Every delegation plays the same simple rule, over the same seeds for every "
            "strategy. Reproduce: ",
            Code(cal.commands["strategies"]),
        ),
        ItemList(
            tuple(
                (Strong((summary.strategy,)), f": {describe(summary.strategy)}")
                for summary in cal.strategies
            )
        ),
        _p("Means over the games; each delegation's column is its own score."),
    ]
    heads = ("Strategy", "Crisis rate", "Shared score", *(d.title for d in delegations.values()))
    rows = []
    for summary in cal.strategies:
        rows.append(
            Row(
                (
                    Cell((Strong((summary.strategy,)),)),
                    Cell((_pct(summary.crisis_rate),)),
                    Cell((f"{summary.shared_mean:.1f}",)),
                    *(Cell((f"{summary.own_score[a]:.1f}",)) for a in delegations),
                )
            )
        )
    blocks.append(
        Table(heads, tuple(rows), numeric=frozenset(range(1, len(heads))), style="numbers")
    )
    best = ranked_by_own_score(list(cal.strategies))
    items = []
    for actor, ranked in best.items():
        (top, score), rest = ranked[0], ranked[1:]
        nxt = f" (next: {rest[0][0]} {rest[0][1]:.1f})" if rest else ""
        items.append((Strong((delegations[actor].title,)), f": {top} {score:.1f}{nxt}"))
    blocks += [_p("Best strategy for each delegation's own score (mean):"), ItemList(tuple(items))]

    blocks += [
        _h(3, "lint"),
        _p(
            f"{cal.lint_games} AI games (and as many per AI profile), {cal.lint_strategy_games} "
            "games per fixed team strategy and per strategy of the dominance check. Reproduce: ",
            Code(cal.commands["lint"]),
        ),
    ]
    if cal.lint:
        shown = data.scenario_shown
        blocks.append(_p(Strong((f"{len(cal.lint)} warning{'s' if len(cal.lint) != 1 else ''}:",))))
        blocks.append(ItemList(tuple((w.format(shown),) for w in cal.lint)))
    else:
        blocks.append(_p(Strong(("lint clean:",)), " no warnings."))
    return Section("calibration", tuple(blocks))


def _sources(data: Assumptions) -> Section:
    s = data.loaded.scenario
    blocks: list = [_h(2, HEADING["sources"])]
    used = [src for src in s.sources if data.uses.get(src.id)]
    unused = [src for src in s.sources if not data.uses.get(src.id)]

    def cite(src) -> list[Inline]:  # noqa: ANN001
        item: list[Inline] = [Strong((_one_line(src.citation),)), " ", Dim(("· ", Code(src.id)))]
        if src.url:
            item += [BREAK, Link(src.url, src.url)]
        if src.note:
            item += [BREAK, Dim((_one_line(src.note),))]
        return item

    if used:
        blocks.append(_h(3, "Sources and what uses them"))
        items = []
        for src in used:
            uses = data.uses[src.id]
            item = cite(src) + [BREAK, Strong((f"Used by {_count(len(uses), 'item')}:",))]
            for owner, parts in uses.items():
                item += [BREAK, f"· {owner} ({'; '.join(parts)})"]
            items.append(tuple(item))
        blocks.append(ItemList(tuple(items)))
    blocks.append(_h(3, "Sources used by nothing"))
    if unused:
        blocks.append(
            _p("Listed in the scenario, yet no effect, measure, event, inject or stage names them:")
        )
        blocks.append(ItemList(tuple(tuple(cite(src)) for src in unused)))
    else:
        blocks.append(_p("None: every listed source stands behind something."))
    unsourced = [e for e in data.effects if not e.source]
    blocks.append(_h(3, "Effects with no source given"))
    if unsourced:
        blocks.append(
            _p(
                f"{len(unsourced)} of {len(data.effects)} effects name no source, of their own or their owner's:"
            )
        )
        blocks.append(ItemList(tuple((e.label,) for e in unsourced)))
    else:
        blocks.append(_p("None: every effect names a source."))
    return Section("sources", tuple(blocks))


def _history(s) -> list:  # noqa: ANN001 - Scenario -> its history injects, by date
    found = [inj for inj in s.injects if inj.history]
    return sorted(found, key=lambda inj: (inj.date or "", inj.turn or 0))


def _history_section(data: Assumptions) -> Section | None:
    s = data.loaded.scenario
    injects = _history(s)
    if not injects:
        return None
    from game.scenario.references import turn_of_date

    label = s.turn_label
    by_inject = {e.owner_id: e for e in data.effects if e.group == "inject"}
    rows = []
    for inj in injects:
        turn = turn_of_date(s, inj.date) if inj.date else inj.turn
        entry = by_inject.get(inj.id)
        source = (
            _entry_source(data, entry)
            if entry is not None
            else source_inlines(data, inj.source, inj.confidence)
        )
        rows.append(
            Row(
                (
                    Cell(
                        (
                            Strong((inj.date or "undated",)),
                            BREAK,
                            Dim((f"{label.lower()} {turn}" if turn else "outside the window",)),
                        )
                    ),
                    Cell((Strong((inj.title,)), BREAK, _one_line(inj.text))),
                    Cell(source),
                )
            )
        )
    calendar = s.calendar
    intro = _p(
        "Games played with the real timeline (Setup's “Play the real timeline”, or ",
        Code("play --history"),
        ") add these injects on their real dates"
        + (
            f" (turn 1 begins {calendar.start}; a {label.lower()} is "
            f"{calendar.months_per_turn} months)."
            if calendar
            else "."
        ),
    )
    return Section(
        "history",
        (
            _h(2, HEADING["history"]),
            intro,
            Table(("Date", "What happens", "Source and confidence"), tuple(rows), style="effects"),
        ),
    )


def _footer(data: Assumptions) -> Section:
    return Section(
        "",
        (
            _p(
                f"Generated by Trilateral {data.version} on {data.generated} from "
                f"{data.scenario_shown}. Write it again with ",
                Code(data.calibration.commands["page"]),
                ".",
            ),
        ),
        kind="footer",
    )


def build_assumptions(data: Assumptions) -> Document:
    """The whole page as blocks, in reading order."""
    sections = [
        _header(data),
        _measures(data),
        _events(data),
        _injects(data),
        _red_cell(data),
        _scoring(data),
        _rules(data),
        _calibration(data),
        _sources(data),
        _history_section(data),
        _footer(data),
    ]
    return Document(
        f"Assumptions: {data.loaded.scenario.title}",
        tuple(section for section in sections if section is not None),
    )


def assumptions_html(data: Assumptions) -> str:
    from game.report.emit_html import emit_html

    return emit_html(build_assumptions(data), {})


def assumptions_markdown(data: Assumptions) -> str:
    from game.report.emit_markdown import emit_markdown

    return emit_markdown(build_assumptions(data), {}, {})


def write_assumptions(
    loaded: LoadedScenario,
    out_dir: Path,
    *,
    runs: int = DEFAULT_RUNS,
    now: datetime | None = None,
    progress: Callable[[str], None] | None = None,
    out_shown: str | None = None,
) -> tuple[Path, Path]:
    """Write the assumptions page of `loaded` into `out_dir`; returns (html_path, md_path).

    The calibration runs are played first (a few seconds at 200 games, about twenty at the
    default 1000: a window should call this off its drawing thread). `out_shown` is the
    folder as the reproducing command names it (default: `out_dir`). Raises OSError if the
    folder cannot be written."""
    from game.atomic import make_folder

    out_dir = Path(out_dir)
    data = gather_assumptions(
        loaded,
        runs,
        now=now,
        progress=progress,
        out_shown=shlex.quote(out_shown if out_shown is not None else str(out_dir)),
    )
    html = assumptions_html(data)
    markdown = assumptions_markdown(data)
    make_folder(out_dir)
    html_path, md_path = out_dir / HTML_NAME, out_dir / MARKDOWN_NAME
    write_text_atomic(md_path, markdown)
    write_text_atomic(html_path, html)
    return html_path, md_path
