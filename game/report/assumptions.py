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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from game.atomic import write_text_atomic
from game.i18n import N_, _, ngettext, pgettext, semicolon_listing
from game.report.blocks import (
    BREAK,
    Block,
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
    page_language,
)
from game.report.words import (
    day,
    fill,
    fixed,
    general,
    number,
    percent,
    signed,
    signed_whole,
    some_of,
    stamp,
    turn_name,
    turns_count,
    whole,
)

if TYPE_CHECKING:
    from game.engine.rulebook import Rulebook
    from game.scenario.loader import LoadedScenario
    from game.scenario.models import (
        CampaignStage,
        Effect,
        Event,
        Inject,
        Measure,
        Scenario,
        Source,
    )
    from game.sim.lint import Warning_
    from game.sim.sensitivity import Result as SensitivityResult
    from game.sim.statistics import Summary
    from game.sim.uncertain import UncertainInput

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
NO_SOURCE = N_("no source given")

# Section ids and headings, in order; the tests and the table of contents read this list. The
# headings are marked for the catalogs and translated where they are shown (`heading`).
SECTIONS = (
    ("measures", N_("Measures and their effects")),
    ("events", N_("Events: the red cell's gray-zone actions")),
    ("injects", N_("Injects and drift")),
    ("red-cell", N_("The red cell's policy")),
    ("scoring", N_("How games are scored")),
    ("rules", N_("Other rules of the model")),
    ("calibration", N_("Calibration runs")),
    ("sources", N_("Sources")),
    ("history", N_("The history excursion")),
)
# Shown (after the calibration runs) only when the page is written from a saved sensitivity
# run (`assumptions --sensitivity RUN`).
MATTERS = ("matters", N_("What matters most"))
HEADING = dict((*SECTIONS, MATTERS))
MATTERS_ROWS = 10  # inputs the section lists

# Which of its owner's effects an effect is: (what the page calls it, the same as part of a
# list: "Joint exercises — on adoption").
EFFECT_KINDS = {
    "on_adopt": (N_("On adoption (once)"), N_("on adoption")),
    "in_force": (N_("Every turn in force"), N_("every turn in force")),
    "reaction": (
        N_("The red cell's reaction (once, on adoption)"),
        N_("the red cell's reaction"),
    ),
    "hit": (N_("When drawn"), N_("when drawn")),
    "inject": (N_("When it fires"), N_("when it fires")),
    "campaign": (N_("Every turn of the stage"), N_("every turn of the stage")),
    "drift": (N_("Every turn"), N_("every turn")),
}


def heading(section: str) -> str:
    """A section's heading in the run's language."""
    return _(HEADING[section])


def campaign_stage(n: int) -> str:
    return _("Campaign stage {number}").format(number=whole(n))


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
    part: str = ""  # which of its owner's effects it is, e.g. "on adoption"

    @property
    def label(self) -> str:
        """Where the effect is, e.g. "Joint exercises — on adoption"."""
        return _("{owner} — {part}").format(owner=self.owner_title, part=self.part)


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
    sensitivity: SensitivityResult | None = None  # a saved sensitivity run, for "what matters"


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

    def add(
        group: str,
        owner_id: str,
        title: str,
        key: str,
        effect: Effect,
        owner: Measure | Event | Inject | CampaignStage | None,
    ) -> None:
        kind, part = (_(text) for text in EFFECT_KINDS[key])
        own_source, own_conf = effect.source, effect.confidence
        source = own_source or getattr(owner, "source", None)
        confidence = own_conf or getattr(owner, "confidence", None)
        inherited = (own_source is None and source is not None) or (
            own_conf is None and confidence is not None
        )
        found.append(
            EffectEntry(group, owner_id, title, kind, effect, source, confidence, inherited, part)
        )

    for m in s.measures:
        for key in ("on_adopt", "in_force", "reaction"):
            effect = getattr(m, key)
            if effect is not None and effect.ranges:
                add("measure", m.id, m.title, key, effect, m)
    for e in s.events:
        add("event", e.id, e.title, "hit", e.hit, e)
    for inj in s.injects:
        if inj.effects is not None and inj.effects.ranges:
            add("inject", inj.id, inj.title, "inject", inj.effects, inj)
    _red_id, red = s.red_cell()
    for n, stage in enumerate(red.policy.campaign, start=1):
        add("campaign", str(n), campaign_stage(n), "campaign", stage.effect, stage)
    if s.rules.drift is not None and s.rules.drift.ranges:
        add("drift", "", _("Drift"), "drift", s.rules.drift, None)
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
        use(m.source, m.title, _("the proposal"), alone=True)
    for e in s.events:
        use(e.source, e.title, _("the event"), alone=True)
    for inj in s.injects:
        use(inj.source, inj.title, _("the inject"), alone=True)
    _red_id, red = s.red_cell()
    for n, stage in enumerate(red.policy.campaign, start=1):
        use(stage.source, campaign_stage(n), _("the stage"), alone=True)
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
    say(ngettext("AI play: {runs} game", "AI play: {runs} games", runs).format(runs=whole(runs)))
    ai = run(loaded, runs, seed)
    strategies = []
    for name in STRATEGIES:
        say(
            ngettext(
                "fixed team strategy {strategy}: {runs} game",
                "fixed team strategy {strategy}: {runs} games",
                runs,
            ).format(strategy=name, runs=whole(runs))
        )
        strategies.append(run(loaded, runs, seed, strategy=name))
    games, per_strategy = runs, lint_strategy_games(runs)
    say(
        ngettext(
            "lint: {games} AI game and {per_strategy} per strategy",
            "lint: {games} AI games and {per_strategy} per strategy",
            games,
        ).format(games=whole(games), per_strategy=whole(per_strategy))
    )
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
    sensitivity: SensitivityResult | None = None,
) -> Assumptions:
    """Everything the page says about `loaded`, its calibration runs played now; with
    `sensitivity` (a saved run of this scenario), what matters most."""
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
        generated=stamp(when),
        effects=tuple(effects),
        calibration=calibrate(loaded, runs, progress, out_shown),
        uses=source_uses(loaded, effects),
        sensitivity=sensitivity,
    )


# --- the page as blocks ----------------------------------------------------------------------


def _p(*parts: Inline, style: str = "") -> Paragraph:
    return Paragraph(tuple(parts), style)


def _h(level: int, *parts: Inline) -> Heading:
    return Heading(level, tuple(parts))


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _pct(share: float) -> str:
    return percent(share, 1)


def amount(value: float | tuple[float, float]) -> str:
    """A size as the page shows it: '+5', or a range '+4 to +8'."""
    if isinstance(value, tuple):
        low, high = value
        return _("{low} to {high}").format(low=signed(low), high=signed(high))
    return signed(value)


def change_lines(book: Rulebook, effect: Effect) -> tuple[Inlines, ...]:
    """Each change of an effect on a line: the indicator's name and its size or range."""
    lines: list[Inlines] = []
    for key, value in effect.ranges.items():
        text = _("{indicator} {amount}").format(indicator=book.title_of(key), amount=amount(value))
        if isinstance(value, tuple):
            middle = (value[0] + value[1]) / 2
            lines.append(
                (text, " ", Dim((_("(range; middle {middle})").format(middle=signed(middle)),)))
            )
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
        parts.append(Strong((_("No source given"),)))
    elif src is None:  # validation refuses this; said rather than hidden all the same
        parts += fill(_("Unknown source {source}"), source=Code(source))
    else:
        parts.append(_one_line(src.citation))
        if src.url:
            parts += [" ", Link(src.url, src.url)]
        if src.note:
            parts += [BREAK, Dim((_one_line(src.note),))]
    parts.append(BREAK)
    if confidence:
        levels = {
            "high": _("high confidence"),
            "medium": _("medium confidence"),
            "low": _("low confidence"),
        }
        parts += [Tag(confidence, levels.get(confidence, confidence))]
    else:
        parts += [_("Confidence not given")]
    whole_of = {
        "measure": _("(given for the whole measure)"),
        "event": _("(given for the whole event)"),
        "inject": _("(given for the whole inject)"),
        "stage": _("(given for the whole stage)"),
    }
    if inherited_from:  # a tag is spaced from what follows by the emitters; text is not
        parts += [
            *(() if confidence else (" ",)),
            Dim((whole_of.get(inherited_from, inherited_from),)),
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


EFFECT_HEADERS = (N_("Effect"), N_("Size or range"), N_("Source and confidence"))


def _effect_headers(first: str = EFFECT_HEADERS[0]) -> tuple[str, str, str]:
    return (_(first), _(EFFECT_HEADERS[1]), _(EFFECT_HEADERS[2]))


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
            _("Effects with a source"),
            (some_of(sourced, len(effects)),),
            (_("its own or its owner's"),),
        ),
        Card(
            _("Amounts given as ranges"),
            (some_of(ranged, len(amounts)),),
            (_("each game draws a value"),),
        ),
        Card(
            _("Sources"),
            (_("{count} listed").format(count=whole(len(s.sources))),),
            (_("{count} used by nothing").format(count=whole(len(unused))),),
        ),
        Card(
            ngettext(
                "Crisis rate, {runs} AI game", "Crisis rate, {runs} AI games", cal.runs
            ).format(runs=whole(cal.runs)),
            (_pct(cal.ai.crisis_rate),),
            (_lint_count(len(cal.lint)),),
        ),
    )
    entries = tuple((sid, _(h)) for sid, h in SECTIONS if sid != "history" or _history(s))
    if data.sensitivity is not None:  # after the calibration runs, as on the page
        at = [sid for sid, _h in entries].index("calibration") + 1
        entries = (*entries[:at], (MATTERS[0], _(MATTERS[1])), *entries[at:])
    return Section(
        "",
        (
            _p(_("Trilateral · assumptions page"), style="kicker"),
            _h(1, s.title),
            _p(
                *fill(
                    _("Scenario {id} · file {file} · content hash {hash} · generated {generated}"),
                    id=Code(s.id),
                    file=data.scenario_shown,
                    hash=Code(data.loaded.content_hash[:12]),
                    generated=data.generated,
                ),
                style="subtitle",
            ),
            _p(
                _(
                    "What this scenario's numbers rest on: every effect with its size (or the "
                    "range each game draws it from), the source behind it and how sure its "
                    "author is; how the red cell decides; how games are scored; and the balance "
                    "runs that show how the scenario plays."
                ),
                style="lead",
            ),
            Cards(cards),
            Contents(entries),
        ),
        kind="header",
    )


def _lint_count(n: int) -> str:
    return ngettext("lint: {count} warning", "lint: {count} warnings", n).format(count=whole(n))


def _each(pairs: Iterable[tuple[str, str]]) -> str:  # (name, amount) pairs
    return semicolon_listing(
        [_("{delegation} {amount}").format(delegation=a, amount=amt) for a, amt in pairs]
    )


def _measure_facts(data: Assumptions, m: Measure) -> Facts:
    book = data.book
    titles = {a: d.title for a, d in data.loaded.scenario.delegations().items()}
    rows: list[tuple[str, Inlines]] = [
        (
            _("Needs"),
            (
                _("{delegations} pushing together").format(
                    delegations=semicolon_listing([titles.get(a, a) for a in m.requires])
                ),
            ),
        ),
        (
            _("Cost (capital per turn pushed)"),
            (
                _each((titles.get(a, a), whole(c)) for a, c in m.cost.items())
                or pgettext("no cost", "none"),
            ),
        ),
        (_("Progress needed"), (number(m.progress),)),
    ]
    if m.support_cost:
        rows.append(
            (
                _("Domestic support lost per turn pushed"),
                (_each((titles.get(a, a), number(c)) for a, c in m.support_cost.items()),),
            )
        )
    if m.prerequisites:
        by_id = {x.id: x.title for x in data.loaded.scenario.measures}
        rows.append(
            (_("Needs first"), (semicolon_listing([by_id.get(p, p) for p in m.prerequisites]),))
        )
    rows.append((_("Provocation"), (number(m.provocation), " ", Dim((_("(1 is the default)"),)))))
    if m.shields:
        rows.append((_("Shields"), (_shields(book, m.shields),)))
    rows.append((_("Where the proposal comes from"), source_inlines(data, m.source, m.confidence)))
    return Facts(tuple(rows))


def _shields(book: Rulebook, shields: dict[str, float]) -> str:
    domains = book.scenario.indicators.resilience
    return semicolon_listing(
        [
            _("{domain}: {percent} less damage from events").format(
                domain=domains[d].title if d in domains and domains[d].title else d,
                percent=percent(share),
            )
            for d, share in shields.items()
        ]
    )


def _measures(data: Assumptions) -> Section:
    s = data.loaded.scenario
    blocks: list[Block | Section] = [
        _h(2, heading("measures")),
        _p(
            _(
                "Here and in the sections below, each change is an indicator and the amount it "
                "moves by. A range such as {example} means each game draws its value evenly "
                "from the range (to one decimal) with the game's seed, so the same seed draws "
                "the same values; its middle is shown beside it. The source and confidence "
                "shown are the effect's own, or else those given for its measure, event, "
                "inject or campaign stage."
            ).format(example=amount((4.0, 8.0)))
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
            blocks.append(Table(_effect_headers(), rows, style="effects"))
        else:
            blocks.append(_p(Dim((_("No effects of its own."),))))
    return Section("measures", tuple(blocks))


def _events(data: Assumptions) -> Section:
    s = data.loaded.scenario
    book = data.book
    blocks: list[Block | Section] = [_h(2, heading("events"))]
    blocks.append(
        _p(
            _(
                "Each turn the red cell draws its actions from this deck. Resilience in the "
                "domain hit blunts the losses an event causes (never the tension it adds); a "
                "measure's shields blunt them further."
            )
        )
    )
    by_event = {e.owner_id: e for e in data.effects if e.group == "event"}
    rows = []
    for ev in s.events:
        entry = by_event[ev.id]
        first: list[Inline] = []
        if ev.kind == "inducement":
            first.append(Tag("inducement", pgettext("tag", "inducement")))
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
    blocks.append(Table(_effect_headers(N_("Event")), tuple(rows), style="effects"))
    return Section("events", tuple(blocks))


def _injects(data: Assumptions) -> Section:
    s = data.loaded.scenario
    book = data.book
    injects = [e for e in data.effects if e.group == "inject"]
    blocks: list[Block | Section] = [
        _h(2, heading("injects")),
        _p(_("Scripted developments: on a turn, on a date, or fired by the facilitator.")),
    ]
    by_inject = {e.owner_id: e for e in injects}
    rows = []
    for inj in s.injects:
        first: list[Inline] = []
        if inj.history:
            first.append(Tag("history", pgettext("tag", "history")))
        first += [Strong((inj.title,)), BREAK, Dim((_inject_when(s, inj),))]
        entry = by_inject.get(inj.id)
        if entry is not None:
            items = change_lines(book, entry.effect)
            source = _entry_source(data, entry)
        else:
            items = ((Dim((_("no changes to indicators"),)),),)
            source = source_inlines(data, inj.source, inj.confidence)
        if inj.suspend:
            items += ((_suspends(s, inj.suspend, inj.suspend_turns),),)
        rows.append(Row((Cell(tuple(first)), Cell(items=items), Cell(source))))
    if rows:
        blocks.append(Table(_effect_headers(N_("Inject")), tuple(rows), style="effects"))
    else:
        blocks.append(_p(_("The scenario has no injects.")))

    drift = [e for e in data.effects if e.group == "drift"]
    blocks.append(_h(3, _("Drift: every turn, whatever anyone decides")))
    if drift:
        blocks.append(
            Table(
                _effect_headers(),
                (_effect_row(data, drift[0], (Strong((_("Every turn"),)),)),),
                style="effects",
            )
        )
    else:
        blocks.append(_p(_("No drift: nothing changes by itself from turn to turn.")))
    blocks.append(
        _p(
            _(
                "The red cell's campaign stages are effects too; they are listed with its "
                "policy, below."
            )
        )
    )
    return Section("injects", tuple(blocks))


def _measure_titles(s: Scenario, ids: Iterable[str]) -> str:
    titles = {m.id: m.title for m in s.measures}
    return semicolon_listing([titles.get(i, i) for i in ids])


def _suspends(s: Scenario, ids: Iterable[str], turns: int) -> str:
    return ngettext(
        "Suspends {measures} for {count} turn(s)", "Suspends {measures} for {count} turn(s)", turns
    ).format(measures=_measure_titles(s, ids), count=whole(turns))


def _event_details(book: Rulebook, ev: Event) -> str:
    domains = book.scenario.indicators.resilience
    dom = domains.get(ev.domain)
    parts = [_("domain: {domain}").format(domain=dom.title if dom and dom.title else ev.domain)]
    if ev.target and ev.target in book.delegations:
        parts.append(
            _("aimed at {delegation}").format(delegation=book.delegations[ev.target].title)
        )
    weight = ev.weight if isinstance(ev.weight, str) else number(ev.weight)
    parts.append(_("weight {weight}").format(weight=weight))
    if ev.when:
        parts.append(_("only while {condition}").format(condition=_one_line(ev.when)))
    return semicolon_listing(parts)


def _event_extras(book: Rulebook, ev: Event) -> list[str]:
    s = book.scenario
    extras = []
    if ev.setback:
        extras.append(
            _("Sets back {measures}").format(
                measures=semicolon_listing(
                    [
                        _("{measure} by {progress} progress").format(
                            measure=_measure_titles(s, [m]), progress=number(p)
                        )
                        for m, p in ev.setback.items()
                    ]
                )
            )
        )
    if ev.suspend:
        extras.append(_suspends(s, ev.suspend, ev.suspend_turns))
    return extras


def _inject_when(s: Scenario, inj: Inject) -> str:
    from game.scenario.references import turn_of_date

    label = s.turn_label.lower()
    if inj.date:
        turn = turn_of_date(s, inj.date)
        if turn is not None:
            said = _("dated {date} ({turn})").format(
                date=day(inj.date), turn=turn_name(label, turn)
            )
        else:
            said = _("dated {date} (outside the scenario's window)").format(date=day(inj.date))
    elif inj.turn is not None:
        said = turn_name(label, inj.turn)
    else:
        said = _("fired by the facilitator")
    if inj.when:
        said = _("{when}; only if {condition}").format(when=said, condition=_one_line(inj.when))
    if inj.history:
        said = _("{when}; history excursion only").format(when=said)
    return said


def _red_cell(data: Assumptions) -> Section:
    s = data.loaded.scenario
    book = data.book
    _rid, red = s.red_cell()
    policy = red.policy
    name = red.short or red.title
    blocks: list[Block | Section] = [
        _h(2, heading("red-cell")),
        _p(_("{red_cell}: {summary}").format(red_cell=red.title, summary=_one_line(red.summary))),
        Facts(
            (
                (
                    _("Actions per turn"),
                    (
                        _("{count}, drawn from the event deck").format(
                            count=whole(policy.actions_per_turn)
                        ),
                    ),
                ),
                (
                    _("Never more than"),
                    (
                        ngettext(
                            "{count} action in one turn",
                            "{count} actions in one turn",
                            policy.max_actions,
                        ).format(count=whole(policy.max_actions)),
                    ),
                ),
                (
                    _("Probing the weakest domain"),
                    (
                        (
                            _(
                                "events aimed at the domain with the lowest resilience are "
                                "{times} times as likely to be drawn (no preference)"
                            )
                            if policy.probe_weakest == 1
                            else _(
                                "events aimed at the domain with the lowest resilience are "
                                "{times} times as likely to be drawn"
                            )
                        ).format(times=number(policy.probe_weakest)),
                    ),
                ),
                (
                    _("Probing the most exposed partner"),
                    (
                        (
                            _(
                                "events aimed at the delegation with the lowest domestic "
                                "support are {times} times as likely to be drawn (no preference)"
                            )
                            if policy.probe_exposed == 1
                            else _(
                                "events aimed at the delegation with the lowest domestic "
                                "support are {times} times as likely to be drawn"
                            )
                        ).format(times=number(policy.probe_exposed)),
                    ),
                ),
            )
        ),
        _h(3, _("When it does more (or less)")),
    ]
    if policy.escalation:
        rows = tuple(
            Row(
                (
                    Cell((Code(_one_line(e.when)),)),
                    Cell((signed_whole(e.extra_actions),)),
                    Cell((_one_line(e.note),) if e.note else (Dim((_("no note"),)),)),
                )
            )
            for e in policy.escalation
        )
        blocks.append(
            Table(
                (_("While this holds"), _("Actions"), _("Why (the author's note)")),
                rows,
                numeric=frozenset({1}),
            )
        )
    else:
        blocks.append(_p(_("No escalation: it takes the same number of actions every turn.")))

    blocks.append(_h(3, _("Its campaign: pressure every turn, whatever the partners do")))
    stages = [e for e in data.effects if e.group == "campaign"]
    if stages:
        label = s.turn_label.lower()
        stage_rows: list[Row] = []
        for i, (stage, entry) in enumerate(zip(policy.campaign, stages, strict=True)):
            last = policy.campaign[i + 1].from_turn - 1 if i + 1 < len(policy.campaign) else s.turns
            span = (
                turn_name(label, stage.from_turn)
                if last == stage.from_turn
                else _("{turn_label}s {first}–{last}").format(
                    turn_label=label, first=whole(stage.from_turn), last=whole(last)
                )
            )
            first: list[Inline] = [
                Strong((_("Stage {number}: {turns}").format(number=whole(i + 1), turns=span),))
            ]
            if stage.note:
                first += [BREAK, Dim((_one_line(stage.note),))]
            stage_rows.append(
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
                (_("Stage"), _("Every turn of the stage"), _(EFFECT_HEADERS[2])),
                tuple(stage_rows),
                style="effects",
            )
        )
    else:
        blocks.append(_p(_("No campaign: it acts only through its event deck and reactions.")))

    blocks.append(_h(3, _("Its aims")))
    if policy.aims:
        blocks.append(
            ItemList(
                tuple(
                    (
                        (
                            _("{indicator} low (weight {weight})")
                            if w < 0
                            else _("{indicator} high (weight {weight})")
                        ).format(indicator=book.title_of(k), weight=number(abs(w))),
                    )
                    for k, w in policy.aims.items()
                )
            )
        )
        blocks.append(
            _p(
                _(
                    "The {name} red cell is not scored against the players; the debrief and the "
                    "report show how far it got towards these aims."
                ).format(name=name)
            )
        )
    else:
        blocks.append(_p(_("No aims are given.")))

    blocks.append(_h(3, _("What provokes it, and what blunts it")))
    blocks.append(
        _p(
            *fill(
                _(
                    "Provocation is how strongly the red cell objects to a measure once adopted "
                    "(1 is the default; conditions read the sum over adopted measures as "
                    "{name}). Shields blunt events in a domain while the measure is in force; "
                    "the reaction is the red cell's immediate answer to the measure's adoption."
                ),
                name=Code("provocation"),
            )
        )
    )
    reaction_rows: list[Row] = []
    for m in s.measures:
        reaction = (
            change_lines(book, m.reaction)
            if m.reaction and m.reaction.ranges
            else ((Dim((pgettext("no reaction", "none"),)),),)
        )
        reaction_rows.append(
            Row(
                (
                    Cell((Strong((m.title,)),)),
                    Cell((number(m.provocation),)),
                    Cell(
                        (_shields(book, m.shields),)
                        if m.shields
                        else (Dim((pgettext("no shields", "none"),)),)
                    ),
                    Cell(items=reaction),
                )
            )
        )
    blocks.append(
        Table(
            (_("Measure"), _("Provocation"), _("Shields"), _("Reaction on adoption")),
            tuple(reaction_rows),
            numeric=frozenset({1}),
        )
    )

    blocks.append(_h(3, _("Setbacks: pressure that delays an initiative")))
    setbacks = [ev for ev in s.events if ev.setback]
    if setbacks:
        blocks.append(
            ItemList(
                tuple(
                    (
                        Strong((ev.title,)),
                        _(": "),
                        semicolon_listing(
                            [
                                _("{measure} loses {progress} progress").format(
                                    measure=_measure_titles(s, [m]), progress=number(p)
                                )
                                for m, p in ev.setback.items()
                            ]
                        ),
                        *(
                            (
                                " ",
                                Dim(
                                    (
                                        _("(only while {condition})").format(
                                            condition=_one_line(ev.when)
                                        ),
                                    )
                                ),
                            )
                            if ev.when
                            else ()
                        ),
                    )
                    for ev in setbacks
                )
            )
        )
    else:
        blocks.append(_p(_("No event sets a measure back.")))

    blocks.append(_h(3, _("Inducements: offers meant to divide the partners")))
    inducements = [ev for ev in s.events if ev.kind == "inducement"]
    if inducements:
        blocks.append(
            ItemList(
                tuple(
                    (Tag("inducement", pgettext("tag", "inducement")), ev.title)
                    for ev in inducements
                )
            )
        )
    else:
        blocks.append(_p(_("Every event is coercion; none is marked as an inducement.")))
    return Section("red-cell", tuple(blocks))


def _scoring(data: Assumptions) -> Section:
    from game.engine.scoring import describe_scoring

    return Section(
        "scoring",
        (_h(2, heading("scoring")), *(_p(line) for line in describe_scoring(data.book))),
    )


def _rules(data: Assumptions) -> Section:
    s = data.loaded.scenario
    r = s.rules
    t = s.indicators.tension
    length = turns_count(s.turn_label, s.turns)
    if s.start_label:
        length = _("{length}, from {start}").format(length=length, start=s.start_label)
    return Section(
        "rules",
        (
            _h(2, heading("rules")),
            Facts(
                (
                    (_("Length"), (length,)),
                    (
                        _("Progress per turn"),
                        (
                            _(
                                "{all} when every delegation a measure needs pushes; {some} "
                                "when only some do; {opposed} when any delegation opposes"
                            ).format(
                                all=number(r.progress.all_push),
                                some=number(r.progress.some_push),
                                opposed=signed(r.progress.opposed),
                            ),
                        ),
                    ),
                    (
                        _("Cost of opposing"),
                        (_("{cost} capital a turn").format(cost=whole(r.oppose_cost)),),
                    ),
                    (
                        _("Resilience"),
                        (
                            _(
                                "an event's loss is multiplied by 1 − {mitigation} × "
                                "resilience / 100 in the domain it hits"
                            ).format(mitigation=number(r.mitigation)),
                        ),
                    ),
                    (
                        _("Crisis"),
                        (
                            _(
                                "tension reaching {crisis} ends the game at once; the window "
                                "warns from {warning}"
                            ).format(crisis=number(t.crisis_at), warning=number(t.warning)),
                        ),
                    ),
                )
            ),
        ),
    )


def _calibration(data: Assumptions) -> Section:
    from game.sim.statistics import ranked_by_own_score
    from game.sim.strategies import describe

    cal = data.calibration
    s = data.loaded.scenario
    delegations = s.delegations()
    ai = cal.ai
    if data.fingerprint:
        version = _("Trilateral {version} (program fingerprint {fingerprint})").format(
            version=data.version, fingerprint=data.fingerprint
        )
    else:
        version = _("Trilateral {version}").format(version=data.version)
    blocks: list[Block | Section] = [
        _h(2, heading("calibration")),
        _p(
            _(
                "Played when this page was written, by the same program, from seed {seed}: the "
                "numbers below come back exactly from the commands given with them (run in the "
                "project folder), for this scenario file and this version."
            ).format(seed=cal.seed)
        ),
        Facts(
            (
                (_("Program"), (version,)),
                (
                    _("Scenario file"),
                    (
                        data.scenario_shown,
                        " ",
                        Dim((_("content hash") + " ",)),
                        Code(data.loaded.content_hash),
                    ),
                ),
                (_("Generated"), (data.generated,)),
                (_("This page"), (Code(cal.commands["page"]),)),
            )
        ),
        _h(
            3,
            ngettext("AI play: {runs} game", "AI play: {runs} games", ai.runs).format(
                runs=whole(ai.runs)
            ),
        ),
        _p(
            *fill(
                _(
                    "Every delegation played by its AI, cycling through the combinations of AI "
                    "profiles (seeds {first}–{last}). Reproduce: {command}"
                ),
                first=str(ai.seed),
                last=str(ai.seed + ai.runs - 1),
                command=Code(cal.commands["simulate"]),
            )
        ),
        Facts(
            (
                (_("Crisis rate"), (Strong((_pct(ai.crisis_rate),)),)),
                (
                    _("Shared score"),
                    (
                        _("mean {mean}; p10 {p10}, median {median}, p90 {p90}").format(
                            mean=number(round(ai.shared_mean, 1)),
                            p10=fixed(ai.shared_score[0], 1),
                            median=fixed(ai.shared_score[1], 1),
                            p90=fixed(ai.shared_score[2], 1),
                        ),
                    ),
                ),
            )
        ),
    ]
    titles = {o.id: o.title for o in s.outcomes}
    blocks.append(
        Table(
            (_("Outcome band"), _("Share of games")),
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
                    Cell((fixed(turn, 1) if turn is not None else "–",)),
                )
            )
        )
    blocks.append(
        Table(
            (
                _("Measure"),
                pgettext("table heading: how often", "Adopted"),
                _("Mean {turn_label} adopted").format(turn_label=label),
            ),
            tuple(rows),
            numeric=frozenset({1, 2}),
            style="compact",
        )
    )

    blocks += [
        _h(
            3,
            ngettext(
                "Fixed team strategies: {runs} game each",
                "Fixed team strategies: {runs} games each",
                cal.runs,
            ).format(runs=whole(cal.runs)),
        ),
        _p(
            *fill(
                _(
                    "Every delegation plays the same simple rule, over the same seeds for every "
                    "strategy. Reproduce: {command}"
                ),
                command=Code(cal.commands["strategies"]),
            )
        ),
        ItemList(
            tuple(
                (Strong((summary.strategy,)), _(": "), describe(summary.strategy))
                for summary in cal.strategies
            )
        ),
        _p(_("Means over the games; each delegation's column is its own score.")),
    ]
    heads = (
        _("Strategy"),
        _("Crisis rate"),
        _("Shared score"),
        *(d.title for d in delegations.values()),
    )
    rows = []
    for summary in cal.strategies:
        rows.append(
            Row(
                (
                    Cell((Strong((summary.strategy,)),)),
                    Cell((_pct(summary.crisis_rate),)),
                    Cell((fixed(summary.shared_mean, 1),)),
                    *(Cell((fixed(summary.own_score[a], 1),)) for a in delegations),
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
        if rest:
            best_text = _("{strategy} {score} (next: {next_strategy} {next_score})").format(
                strategy=top,
                score=fixed(score, 1),
                next_strategy=rest[0][0],
                next_score=fixed(rest[0][1], 1),
            )
        else:
            best_text = _("{strategy} {score}").format(strategy=top, score=fixed(score, 1))
        items.append((Strong((delegations[actor].title,)), _(": "), best_text))
    blocks += [
        _p(_("Best strategy for each delegation's own score (mean):")),
        ItemList(tuple(items)),
    ]

    blocks += [
        _h(3, "lint"),
        _p(
            *fill(
                ngettext(
                    "{games} AI game (and as many per AI profile), {strategy_games} games per "
                    "fixed team strategy and per strategy of the dominance check. Reproduce: "
                    "{command}",
                    "{games} AI games (and as many per AI profile), {strategy_games} games per "
                    "fixed team strategy and per strategy of the dominance check. Reproduce: "
                    "{command}",
                    cal.lint_games,
                ),
                games=whole(cal.lint_games),
                strategy_games=whole(cal.lint_strategy_games),
                command=Code(cal.commands["lint"]),
            )
        ),
    ]
    if cal.lint:
        shown = data.scenario_shown
        count = len(cal.lint)
        blocks.append(
            _p(
                Strong(
                    (
                        ngettext("{count} warning:", "{count} warnings:", count).format(
                            count=whole(count)
                        ),
                    )
                )
            )
        )
        blocks.append(ItemList(tuple((w.format(shown),) for w in cal.lint)))
    else:
        blocks.append(
            _p(*fill(_("{lint_clean} no warnings."), lint_clean=Strong((_("lint clean:"),))))
        )
    return Section("calibration", tuple(blocks))


def _sources(data: Assumptions) -> Section:
    s = data.loaded.scenario
    blocks: list[Block | Section] = [_h(2, heading("sources"))]
    used = [src for src in s.sources if data.uses.get(src.id)]
    unused = [src for src in s.sources if not data.uses.get(src.id)]

    def cite(src: Source) -> list[Inline]:
        item: list[Inline] = [
            Strong((_one_line(src.citation),)),
            " ",
            Dim(("· ", Code(src.id))),
        ]
        if src.url:
            item += [BREAK, Link(src.url, src.url)]
        if src.note:
            item += [BREAK, Dim((_one_line(src.note),))]
        return item

    if used:
        blocks.append(_h(3, _("Sources and what uses them")))
        items = []
        for src in used:
            uses = data.uses[src.id]
            used_by = ngettext("Used by {count} item:", "Used by {count} items:", len(uses))
            item = cite(src) + [BREAK, Strong((used_by.format(count=whole(len(uses))),))]
            for owner, parts in uses.items():
                item += [
                    BREAK,
                    _("· {owner} ({parts})").format(owner=owner, parts=semicolon_listing(parts)),
                ]
            items.append(tuple(item))
        blocks.append(ItemList(tuple(items)))
    blocks.append(_h(3, _("Sources used by nothing")))
    if unused:
        blocks.append(
            _p(
                _(
                    "Listed in the scenario, yet no effect, measure, event, inject or stage "
                    "names them:"
                )
            )
        )
        blocks.append(ItemList(tuple(tuple(cite(src)) for src in unused)))
    else:
        blocks.append(_p(_("None: every listed source stands behind something.")))
    unsourced = [e for e in data.effects if not e.source]
    blocks.append(_h(3, _("Effects with no source given")))
    if unsourced:
        blocks.append(
            _p(
                ngettext(
                    "{count} of {total} effect names no source, of their own or their owner's:",
                    "{count} of {total} effects name no source, of their own or their owner's:",
                    len(data.effects),
                ).format(count=whole(len(unsourced)), total=whole(len(data.effects)))
            )
        )
        blocks.append(ItemList(tuple((e.label,) for e in unsourced)))
    else:
        blocks.append(_p(_("None: every effect names a source.")))
    return Section("sources", tuple(blocks))


def sensitivity_command(result: SensitivityResult, scenario_shown: str) -> str:
    """The command that reproduces a sensitivity run (its output folder left as DIR)."""
    parts = ["python main.py sensitivity", shlex.quote(scenario_shown)]
    parts += ["--method", result.method, "--samples", str(result.samples)]
    parts += ["--games", str(result.games), "--seed", str(result.seed)]
    if result.strategy != "ai":
        parts += ["--strategy", result.strategy]
    if result.profiles:
        parts += ["--profiles", ",".join(f"{a}={p}" for a, p in result.profiles.items())]
    if result.history:
        parts.append("--history")
    if result.screen and result.screen.get("top"):
        parts += ["--top", str(result.screen["top"])]
    return " ".join(parts + ["--out", "DIR"])


def _what_matters(data: Assumptions) -> Section | None:
    """The inputs that move the shared score most, from a saved sensitivity run."""
    result = data.sensitivity
    if result is None:
        return None
    from game.sim.sensitivity import MORRIS, needs_better_source
    from game.sim.uncertain import all_inputs, label

    loaded = data.loaded
    known = {i.id: i for i in all_inputs(loaded)}

    def name(item: UncertainInput) -> str:
        found = known.get(item.id)  # in the page's language when the scenario is translated
        return label(loaded, found) if found is not None else result.labels.get(item.id, item.id)

    morris = result.method == MORRIS
    ranked = result.ranking()[:MATTERS_ROWS]
    if morris:
        method = _(
            "a Morris screen of {inputs} inputs ({trajectories} trajectories, {points} points "
            "of {games} games each)"
        ).format(
            inputs=whole(len(result.inputs)),
            trajectories=whole(result.samples),
            points=whole(result.points),
            games=whole(result.games),
        )
        reading = _(
            "Influence is μ*: how far the shared score moves, on average, when the assumption "
            "goes from the low end of its range to the high end (in points of score), with the "
            "half-width of its 95 percent interval; σ as large as μ* means it matters through "
            "interactions and thresholds."
        )
    else:
        method = _(
            "Sobol indices of {inputs} inputs (N = {samples}, {points} points of {games} games "
            "each)"
        ).format(
            inputs=whole(len(result.inputs)),
            samples=whole(result.samples),
            points=whole(result.points),
            games=whole(result.games),
        )
        reading = _(
            "Influence is the share of the shared score's variance the assumption explains by "
            "itself (S1) and with its interactions (ST), each with the half-width of its 95 percent "
            "interval."
        )
    rows = []
    for rank, (item, _value) in enumerate(ranked, start=1):
        if morris:
            influence = _("μ* {mu} ± {conf}; σ {sigma}").format(
                mu=fixed(_finite(result.index_of("shared_score", "mu_star", item.id)), 1),
                conf=fixed(_finite(result.index_of("shared_score", "mu_star_conf", item.id)), 1),
                sigma=fixed(_finite(result.index_of("shared_score", "sigma", item.id)), 1),
            )
        else:
            influence = _("S1 {s1} ± {s1_conf}; ST {st} ± {st_conf}").format(
                **{
                    key: fixed(_finite(result.index_of("shared_score", index, item.id)), 2)
                    for key, index in (
                        ("s1", "S1"),
                        ("s1_conf", "S1_conf"),
                        ("st", "ST"),
                        ("st_conf", "ST_conf"),
                    )
                }
            )
        if item.ranged:
            basis = source_inlines(data, item.source, item.confidence)
        else:
            basis = (_("a default range: the scenario gives one number"),)
        rows.append(
            Row(
                (
                    Cell((whole(rank),)),
                    Cell(
                        (
                            Strong((name(item),)),
                            BREAK,
                            Dim(
                                (
                                    _("range {low} to {high}").format(
                                        low=general(item.low), high=general(item.high)
                                    ),
                                )
                            ),
                        )
                    ),
                    Cell((influence,)),
                    Cell(basis),
                )
            )
        )
    weak = [name(i) for i, _v in ranked[:5] if needs_better_source(i)]
    blocks: list[Block | Section] = [
        _h(2, heading("matters")),
        _p(
            *fill(
                _(
                    "Which assumptions decide how games of this scenario come out: {method}, "
                    "from seed {seed}. Reproduce: {command}"
                ),
                method=method,
                seed=str(result.seed),
                command=Code(sensitivity_command(result, data.scenario_shown)),
            )
        ),
        _p(reading),
        Table(
            ("#", _("Assumption"), _("Influence on the shared score"), _(EFFECT_HEADERS[2])),
            tuple(rows),
            style="effects",
        ),
    ]
    if weak:
        blocks.append(
            _p(
                _(
                    "Of the five that matter most, these rest on low confidence, design "
                    "judgement or a default range, so a better source for them would narrow "
                    "the outcome most: {assumptions}."
                ).format(assumptions=semicolon_listing(weak))
            )
        )
    else:
        blocks.append(
            _p(
                _(
                    "The five that matter most all rest on sources given with medium or high confidence."
                )
            )
        )
    return Section("matters", tuple(blocks))


def _finite(x: float) -> float:
    import math

    return x if math.isfinite(x) else 0.0


def _history(s: Scenario) -> list[Inject]:
    """The scenario's history injects, by date."""
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
                            Strong((day(inj.date) if inj.date else _("undated"),)),
                            BREAK,
                            Dim(
                                (
                                    turn_name(label.lower(), turn)
                                    if turn
                                    else _("outside the window"),
                                )
                            ),
                        )
                    ),
                    Cell((Strong((inj.title,)), BREAK, _one_line(inj.text))),
                    Cell(source),
                )
            )
        )
    calendar = s.calendar
    if calendar:
        text = ngettext(
            "Games played with the real timeline (Setup's “Play the real timeline”, or "
            "{command}) add these injects on their real dates (turn 1 begins {start}; a "
            "{turn_label} is {months} month).",
            "Games played with the real timeline (Setup's “Play the real timeline”, or "
            "{command}) add these injects on their real dates (turn 1 begins {start}; a "
            "{turn_label} is {months} months).",
            calendar.months_per_turn,
        )
        values = {
            "start": day(str(calendar.start)),
            "turn_label": label.lower(),
            "months": whole(calendar.months_per_turn),
        }
    else:
        text = _(
            "Games played with the real timeline (Setup's “Play the real timeline”, or "
            "{command}) add these injects on their real dates."
        )
        values = {}
    intro = _p(*fill(text, command=Code("play --history"), **values))
    return Section(
        "history",
        (
            _h(2, heading("history")),
            intro,
            Table(
                (_("Date"), _("What happens"), _(EFFECT_HEADERS[2])),
                tuple(rows),
                style="effects",
            ),
        ),
    )


def _footer(data: Assumptions) -> Section:
    return Section(
        "",
        (
            _p(
                *fill(
                    _(
                        "Generated by Trilateral {version} on {generated} from {scenario}. Write "
                        "it again with {command}."
                    ),
                    version=data.version,
                    generated=data.generated,
                    scenario=data.scenario_shown,
                    command=Code(data.calibration.commands["page"]),
                )
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
        _what_matters(data),
        _sources(data),
        _history_section(data),
        _footer(data),
    ]
    return Document(
        _("Assumptions: {scenario}").format(scenario=data.loaded.scenario.title),
        tuple(section for section in sections if section is not None),
        lang=page_language(),
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
    sensitivity: SensitivityResult | None = None,
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
        sensitivity=sensitivity,
    )
    html = assumptions_html(data)
    markdown = assumptions_markdown(data)
    make_folder(out_dir)
    html_path, md_path = out_dir / HTML_NAME, out_dir / MARKDOWN_NAME
    write_text_atomic(md_path, markdown)
    write_text_atomic(html_path, html)
    return html_path, md_path
