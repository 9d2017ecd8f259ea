"""The report's sections, built once from `ReportData` as plain blocks (`game.report.blocks`),
then written as HTML (self-contained: inline CSS, charts as base64 PNGs) and as Markdown (charts
as relative links to PNG files) by the two emitters. Both files say the same things because they
are written from the same blocks; no markup is written here, so no text can become markup."""

from __future__ import annotations

import shlex
from collections.abc import Mapping

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
    Figure,
    Heading,
    Inline,
    Inlines,
    ItemList,
    Link,
    Paragraph,
    Row,
    RowGroup,
    Section,
    Strong,
    Table,
    Tag,
    lines,
    page_language,
)
from game.report.charts import Chart
from game.report.data import (
    Decision,
    ProgressStep,
    ReportData,
    TurnRow,
    WhiteCellItem,
    paragraphs,
)
from game.report.emit_html import emit_html
from game.report.emit_markdown import emit_markdown
from game.report.words import (
    fill,
    fixed,
    number,
    percent,
    probability,
    signed,
    some_of,
    turn_name,
    turns_count,
    whole,
)
from game.wording import history_on

# Section ids and headings, in order; the tests and the table of contents read this list. The
# headings are marked for the catalogs and translated where they are shown (`heading`).
SECTIONS = (
    ("setup", N_("Scenario and setup")),
    ("timeline", N_("Decision timeline")),
    ("indicators", N_("Indicators over time")),
    ("turning-points", N_("Turning points")),
    ("outcome", N_("Outcome and scores")),
    ("scoring", N_("How you are scored")),
    ("forecasts", N_("Forecasts")),
    ("comparison", N_("Compared with AI-played games")),
    ("uncertain", N_("Uncertain amounts this game drew")),
    ("sources", N_("Sources the scenario draws on")),
)
HEADING = dict(SECTIONS)
NONE = Dim(("–",))


def heading(section: str) -> str:
    """A section's heading in the run's language."""
    return _(HEADING[section])


def _brier(value: float | None) -> str:
    return "–" if value is None else fixed(value, 3)


def _stated(p: float | None) -> str:
    return "–" if p is None else probability(p)


def _happened(value: bool | None) -> str:
    if value is None:
        return _("not yet known")
    return pgettext("it happened", "yes") if value else pgettext("it happened", "no")


def _turn_name(data: ReportData, turn: int) -> str:
    return turn_name(data.setup.turn_label, turn)


def _progress_text(step: ProgressStep) -> str:
    if step.after == step.before:
        return _("{measure} held at {progress} of {needed}").format(
            measure=step.title, progress=number(step.before), needed=number(step.needed)
        )
    return _("{measure} {before} → {after} of {needed}").format(
        measure=step.title,
        before=number(step.before),
        after=number(step.after),
        needed=number(step.needed),
    )


def _method_text(data: ReportData) -> str:
    cmp = data.comparison
    assert cmp is not None
    if cmp.combinations == 1:
        text = ngettext(
            "The same scenario was played {runs} time with every delegation run by the AI "
            "(seeds 0–{last}, cycling through the one combination of AI profiles). The shared "
            "score is the same measure for every game, so it places this class among them.",
            "The same scenario was played {runs} times with every delegation run by the AI "
            "(seeds 0–{last}, cycling through the one combination of AI profiles). The shared "
            "score is the same measure for every game, so it places this class among them.",
            cmp.runs,
        )
    else:
        text = ngettext(
            "The same scenario was played {runs} time with every delegation run by the AI "
            "(seeds 0–{last}, cycling through the {combinations} combinations of AI profiles "
            "in turn). The shared score is the same measure for every game, so it places this "
            "class among them.",
            "The same scenario was played {runs} times with every delegation run by the AI "
            "(seeds 0–{last}, cycling through the {combinations} combinations of AI profiles "
            "in turn). The shared score is the same measure for every game, so it places this "
            "class among them.",
            cmp.runs,
        )
    text = text.format(
        runs=whole(cmp.runs), last=whole(cmp.runs - 1), combinations=whole(cmp.combinations)
    )
    if data.setup.history:
        text = _(
            "{method} The AI games were played without the history excursion, so the real "
            "timeline's events are not in them."
        ).format(method=text)
    return text


def _p(*parts: Inline, style: str = "") -> Paragraph:
    return Paragraph(tuple(parts), style)


def _h(level: int, *parts: Inline) -> Heading:
    return Heading(level, tuple(parts))


def _cells(*values: Inline | Inlines) -> tuple[Cell, ...]:
    return tuple(Cell(v if isinstance(v, tuple) else (v,)) for v in values)


# --- the sections -----------------------------------------------------------------------------


def _header(data: ReportData) -> Section:
    s, o, cmp = data.setup, data.outcome, data.comparison
    if o.finished:
        score_note = _("of 100; state of the region {state}")
    else:
        score_note = _("of 100; state of the region {state}; provisional")
    cards = [
        Card(
            _("Outcome band") if o.finished else _("Outcome band if it ended now"),
            (o.band_title,),
        ),
        Card(
            _("Shared score"),
            (number(o.shared_score),),
            (score_note.format(state=number(o.shared_state)),),
        ),
    ]
    if cmp is not None:
        cards.append(
            Card(
                ngettext("Among {runs} AI game", "Among {runs} AI games", cmp.runs).format(
                    runs=whole(cmp.runs)
                ),
                (cmp.standing(),),
                (_("AI median {median}").format(median=number(cmp.median)),),
            )
        )
    cards.append(
        Card(
            _("Measures adopted"),
            (some_of(len(o.adopted), o.measures_total),),
            (
                _("after {turn_label} {turn} of {turns}").format(
                    turn_label=s.turn_label.lower(),
                    turn=whole(s.turns_played),
                    turns=whole(s.turns_total),
                ),
            ),
        )
    )
    if s.history:
        subtitle = _("Seed {seed} · history excursion (the real timeline) · generated {generated}")
    else:
        subtitle = _("Seed {seed} · generated {generated}")
    blocks: list[Block | Section] = [
        _p(_("Trilateral · after-action report"), style="kicker"),
        _h(1, s.scenario_title),
        _p(subtitle.format(seed=s.seed, generated=s.generated), style="subtitle"),
    ]
    # Warnings about the save (e.g. changed outside Trilateral) come first: the numbers below
    # may not be what the class played.
    blocks += [
        _p(_("Warning about the save file: {warning}").format(warning=w), style="warning")
        for w in data.warnings
    ]
    blocks.append(Cards(tuple(cards)))
    if not o.finished:
        blocks.append(_p(o.status, style="notice"))
    blocks.append(Contents(tuple((sid, _(h)) for sid, h in SECTIONS if sid != "comparison" or cmp)))
    return Section("", tuple(blocks), kind="header")


def _setup(data: ReportData) -> Section:
    s = data.setup
    length = turns_count(s.turn_label, s.turns_total)
    if s.start_label:
        length = _("{length}, starting {start}").format(length=length, start=s.start_label)
    played = ngettext(
        "{played} of {total} {turn_label}", "{played} of {total} {turn_label}s", s.turns_total
    ).format(
        played=whole(s.turns_played), total=whole(s.turns_total), turn_label=s.turn_label.lower()
    )
    if s.crisis:
        played = _("{played} (ended in crisis)").format(played=played)
    elif not s.finished:
        played = _("{played} (unfinished)").format(played=played)
    facts = (
        (
            _("Scenario"),
            fill(
                _("{title} ({id}, file {file}, content hash {hash})"),
                title=s.scenario_title,
                id=Code(s.scenario_id),
                file=s.scenario_file,
                hash=Code(s.content_hash[:12]),
            ),
        ),
        (_("Seed"), (str(s.seed),)),
        (
            _("Timeline"),
            (history_on() if s.history else _("The scenario's own (no history excursion)"),),
        ),
        (_("Length"), (length,)),
        (_("Played"), (played,)),
        (
            _("Save file"),
            (s.save_name,)
            if s.save_name
            else (Dim((_("none (report made from a game in memory)"),)),),
        ),
        (_("Report generated"), (s.generated,)),
    )
    rows = [Row(_cells(x.title, x.player, x.description or NONE)) for x in s.seats]
    rows.append(Row(_cells(s.red_cell, _("Red cell (the scenario's policy)"), NONE)))
    return Section(
        "setup",
        (
            _h(2, heading("setup")),
            _p(s.summary),
            Facts(facts),
            Table((_("Delegation"), _("Played by"), _("AI profile")), tuple(rows)),
        ),
    )


def _white_item(item: WhiteCellItem) -> Inlines:
    if item.kind == "adjust":
        return (
            Tag("white", pgettext("tag", "adjustment")),
            *fill(
                _("{adjustment} — reason: {reason}"),
                adjustment=Strong((item.headline,)),
                reason=lines(item.detail),
            ),
        )
    if item.kind == "inject":
        return (
            Tag("white", pgettext("tag", "inject")),
            Strong((item.headline,)),
            " ",
            Dim((f"— {item.detail}",)),
        )
    if item.kind == "takeback":
        undone = (
            (" ", Dim((_("— undone: {decisions}").format(decisions=item.detail),)))
            if item.detail
            else ()
        )
        return (Tag("white", pgettext("tag", "take-back")), Strong((item.headline,)), *undone)
    if item.kind in ("hold", "ai"):
        return (
            Tag(
                "white",
                pgettext("tag", "ended turn")
                if item.kind == "hold"
                else pgettext("tag", "to the AI"),
            ),
            Strong((item.headline,)),
        )
    return (Tag("white", pgettext("tag", "note")), *lines(item.detail))


def _adopted_tag() -> Tag:
    return Tag("adopted", pgettext("tag", "adopted ✓"))


def _decision(d: Decision) -> Inlines:
    adopted = (" ", _adopted_tag()) if d.adopted else ()
    if d.choice == "push":
        tag = Tag("push", pgettext("tag", "push"))
    elif d.choice == "oppose":
        tag = Tag("oppose", pgettext("tag", "oppose"))
    else:  # a choice this version does not know, shown as the save gives it
        tag = Tag("oppose", d.choice)
    return (tag, d.measure_title, *adopted)


def _what(data: ReportData, row: TurnRow) -> Cell:
    items: list[Inlines] = [(_adopted_tag(), title) for title in row.adopted]
    if row.progress:
        steps = semicolon_listing([_progress_text(s) for s in row.progress])
        items.append((Dim((_("Progress: {steps}").format(steps=steps),)),))
    # one of the history excursion's events is marked so, with its real date
    items += [
        fill(
            _("{label} {inject}"),
            label=Strong(
                (_("{label}:").format(label=i.history or pgettext("timeline", "Inject")),)
            ),
            inject=i.title,
        )
        for i in row.injects
    ]
    coercion = [e.title for e in row.events if not e.inducement]
    if coercion:
        items.append(
            fill(
                _("{label} {actions}"),
                label=Strong(
                    (_("{red_cell} gray-zone actions:").format(red_cell=data.setup.red_cell_short),)
                ),
                actions=semicolon_listing(coercion),
            )
        )
    items += [
        (Tag("inducement", pgettext("tag", "inducement")), e.title)
        for e in row.events
        if e.inducement
    ]
    if row.crisis:
        items.append((Tag("crisis", pgettext("tag", "crisis")), _("the game ends")))
    if not items:
        return Cell((Dim((_("nothing adopted"),)),), style="what")
    return Cell(items=tuple(items), style="what")


def _timeline(data: ReportData) -> Section:
    s = data.setup
    intro = _p(
        _(
            "What each delegation pushed or opposed each {turn_label} (holding is not listed), "
            "what was adopted, and the white cell's notes, hand-fired injects, adjustments and "
            "take-backs, shown at the turn they were made (during that turn's decisions, before "
            "the reveal)."
        ).format(turn_label=s.turn_label.lower())
    )
    if not data.timeline:
        return Section(
            "timeline",
            (_h(2, heading("timeline")), intro, _p(_("No turn has been resolved yet."))),
        )
    span = len(s.seats) + 1
    groups = []
    for row in data.timeline:
        label: Inlines = (_turn_name(data, row.turn),)
        if not row.resolved:
            label += (BREAK, Dim((_("not yet resolved"),)))
        rows = []
        if row.white_cell:
            items = tuple(_white_item(i) for i in row.white_cell)
            rows.append(Row((Cell(items=items, span=span),), style="white"))
        if row.resolved:
            cells = [
                Cell(items=tuple(_decision(d) for d in decisions))
                if decisions
                else Cell((Dim((_("held on everything"),)),))
                for _actor, decisions in row.decisions
            ]
            rows.append(Row((*cells, _what(data, row))))
        groups.append(RowGroup(label, tuple(rows)))
    table = Table(
        (s.turn_label, *(x.title for x in s.seats), _("What happened")),
        groups=tuple(groups),
        style="timeline",
        widths=("turn", *("" for _x in s.seats), "what"),
    )
    return Section("timeline", (_h(2, heading("timeline")), intro, table))


def _indicators(data: ReportData) -> Section:
    ind = data.indicators
    headers = (_("Indicator"), *ind.x_labels)
    rows = tuple(Row(_cells(x.title, *(number(v) for v in x.values))) for x in ind.table)
    return Section(
        "indicators",
        (
            _h(2, heading("indicators")),
            Figure("indicators"),
            Figure("resilience"),
            Figure("delegations"),
            _h(
                3,
                _("Values at the start and after each {turn_label}").format(
                    turn_label=data.setup.turn_label.lower()
                ),
            ),
            Table(headers, rows, numeric=frozenset(range(1, len(headers))), style="values"),
        ),
    )


def _turning_points(data: ReportData) -> Section:
    head = _h(2, heading("turning-points"))
    if not data.turning_points:
        return Section("turning-points", (head, _p(_("No turn has been resolved yet."))))
    rows = tuple(
        Row(
            _cells(
                whole(i),
                _turn_name(data, p.turn),
                p.title,
                Strong((signed(p.total),)),
                p.causes_text(),
            )
        )
        for i, p in enumerate(data.turning_points, start=1)
    )
    return Section(
        "turning-points",
        (
            head,
            _p(
                _(
                    "The largest changes of a single indicator in a single {turn_label}, with "
                    "their largest causes from the game's ledger (political capital, spent and "
                    "regained every turn, is left out)."
                ).format(turn_label=data.setup.turn_label.lower())
            ),
            Table(
                (
                    pgettext("table heading: a rank", "#"),
                    data.setup.turn_label,
                    _("Indicator"),
                    _("Change"),
                    _("Largest causes"),
                ),
                rows,
                numeric=frozenset({0, 3}),
                style="turning",
            ),
        ),
    )


def _outcome(data: ReportData) -> Section:
    s, o = data.setup, data.outcome
    blocks: list[Block | Section] = [_h(2, heading("outcome"))]
    if not o.finished:
        blocks += [
            _p(o.status, style="notice"),
            _h(3, _("Outcome band if the game ended now: {band}").format(band=o.band_title)),
        ]
    else:
        blocks += [_h(3, o.band_title), _p(o.status, style="lead")]
    blocks.append(Section("", tuple(_p(p) for p in paragraphs(o.epilogue)), kind="epilogue"))
    blocks.append(_h(3, _("Shared score")))
    if o.crisis_note:
        blocks.append(_p(o.crisis_note, style="notice"))
    rows = [Row(_cells(p.label, number(p.value))) for p in o.shared_parts]
    rows.append(Row(_cells(_("State of the region (their weighted mean)"), number(o.shared_state))))
    rows.append(
        Row(
            _cells(
                _("Shared score (the state of the region on the crisis scale)")
                if o.crisis
                else _(
                    "Shared score (the state of the region on the scale of a game without a crisis)"
                ),
                number(o.shared_score),
            ),
            style="total",
        )
    )
    blocks.append(
        Table(
            (_("Part (each 0–100)"), _("Value")),
            tuple(rows),
            numeric=frozenset({1}),
            style="compact",
        )
    )
    if o.adopted:
        label = s.turn_label.lower()
        adopted = semicolon_listing(
            [
                _("{measure} ({turn_label} {turn})").format(
                    measure=t, turn_label=label, turn=whole(turn)
                )
                for t, turn in o.adopted
            ]
        )
        blocks.append(_p(_("Adopted: {measures}.").format(measures=adopted)))
    else:
        blocks.append(_p(_("No measure was adopted.")))
    blocks += [
        _h(3, _("Each delegation's own score")),
        _p(
            _(
                "Each delegation's state of the region weighs the values its objectives care "
                "about; the parts add up to it. How a state of the region becomes a score is "
                "explained under “{section}”."
            ).format(section=heading("scoring"))
        ),
    ]
    rows = [
        Row(
            (
                *_cells(d.title, d.player, number(d.state), Strong((number(d.score),))),
                Cell(
                    items=tuple(
                        (_("{part} {value}").format(part=p.label, value=number(p.value)),)
                        for p in d.parts
                    )
                ),
            )
        )
        for d in o.delegations
    ]
    blocks.append(
        Table(
            (
                _("Delegation"),
                _("Played by"),
                _("State of the region"),
                _("Score"),
                _("Parts (what each adds to the state of the region)"),
            ),
            tuple(rows),
            numeric=frozenset({2, 3}),
        )
    )
    aims = o.red_cell
    if aims is not None:
        blocks += [
            _h(3, _("The red cell's aims")),
            _p(_("{aims}.").format(aims=aims.headline), style="lead"),
            Table(
                (_("Aim"), _("What it adds (of 100)")),
                tuple(Row(_cells(p.label, number(p.value))) for p in aims.parts),
                numeric=frozenset({1}),
                style="compact",
            ),
        ]
    return Section("outcome", tuple(blocks))


def _scoring(data: ReportData) -> Section:
    return Section("scoring", (_h(2, heading("scoring")), *(_p(line) for line in data.scoring)))


def _forecasts(data: ReportData) -> Section:
    f = data.forecasts
    blocks: list[Block | Section] = [_h(2, heading("forecasts")), _p(f.explanation)]
    rows = tuple(
        Row(
            _cells(
                r.title,
                (
                    whole(r.count),
                    *(
                        (" ", Dim((_("(+{count} pending)").format(count=whole(r.pending)),)))
                        if r.pending
                        else ()
                    ),
                ),
                _brier(r.brier),
                r.verdict,
            )
        )
        for r in f.scores
    )
    blocks.append(
        Table(
            (
                _("Delegation"),
                _("Forecasts scored"),
                _("Mean Brier score"),
                _("Compared with always {percent}").format(percent=percent(0.5)),
            ),
            rows,
            numeric=frozenset({1, 2}),
            style="compact",
        )
    )
    if f.rows:
        blocks += [
            _h(3, _("Every forecast")),
            _p(_("Each delegation's stated probability that the event would happen.")),
        ]
        rows = tuple(
            Row(
                _cells(
                    _turn_name(data, r.turn),
                    r.question,
                    _happened(r.happened),
                    *(_stated(p) for p in r.stated),
                )
            )
            for r in f.rows
        )
        n = len(f.forecasters)
        blocks.append(
            Table(
                (data.setup.turn_label, _("Question"), _("Happened"), *f.forecasters),
                rows,
                numeric=frozenset(range(3, 3 + n)),
                style="forecasts",
            )
        )
    else:
        blocks.append(_p(_("No forecasts were made in this game.")))
    return Section("forecasts", tuple(blocks))


def _comparison(data: ReportData) -> Section | None:
    cmp = data.comparison
    if cmp is None:
        return None
    blocks: list[Block | Section] = [
        _h(2, heading("comparison")),
        _p(_method_text(data)),
        _p(cmp.percentile_line(), style="lead"),
        _p(cmp.range_line()),
    ]
    if cmp.provisional:
        blocks.append(
            _p(
                _(
                    "This game is unfinished, so its score is provisional; every AI game was "
                    "played to its end."
                ),
                style="notice",
            )
        )
    blocks.append(Figure("comparison"))
    rows = tuple(
        Row(
            _cells(
                (b.title, *((" ", Strong((_("← this class"),))) if b.is_class else ())),
                whole(b.count),
                percent(b.share),
            )
        )
        for b in cmp.bands
    )
    blocks += [
        _h(3, _("Outcome bands among the AI games")),
        Table(
            (_("Outcome band"), _("AI games"), _("Share")),
            rows,
            numeric=frozenset({1, 2}),
            style="compact",
        ),
    ]
    return Section("comparison", tuple(blocks))


def _uncertain(data: ReportData) -> Section:
    head = _h(2, heading("uncertain"))
    if not data.drawn:
        return Section(
            "uncertain",
            (
                head,
                _p(_("The scenario gives every amount as one number: every game plays the same.")),
            ),
        )
    rows = tuple(
        Row(_cells(d.what, d.indicator, d.range_text(), Strong((signed(d.drawn),))))
        for d in data.drawn
    )
    return Section(
        "uncertain",
        (
            head,
            _p(
                _(
                    "Where the evidence gives no one number, the scenario gives a range, and "
                    "each game draws its value from the seed when it starts (the same seed draws "
                    "the same values). Listed here are the values that acted: a measure adopted, "
                    "an action drawn, an inject fired, a campaign stage reached, the drift (a "
                    "value drawn for something that never happened changed nothing)."
                )
            ),
            Table(
                (_("What"), _("Indicator"), _("Range"), _("Drawn this game")),
                rows,
                numeric=frozenset({3}),
                style="compact",
            ),
        ),
    )


def _sources(data: ReportData) -> Section | None:
    if not data.sources:
        return None
    items = []
    for src in data.sources:
        item: list[Inline] = [src.citation]
        if src.url:
            item += [" ", Link(src.url, src.url)]
        if src.note:
            item += [BREAK, Dim((src.note,))]
        items.append(tuple(item))
    return Section("sources", (_h(2, heading("sources")), ItemList(tuple(items))))


def _footer(data: ReportData) -> Section:
    s = data.setup
    parts: list[Inline] = [
        _(
            "Generated by Trilateral on {generated}. The scenario, the seed and the decisions "
            "reproduce this game."
        ).format(generated=s.generated)
    ]
    if s.save_name:
        parts += fill(
            _(" Replay it exactly with {command}."),
            command=Code(f"trilateral replay {shlex.quote(s.save_name)}"),
        )
    return Section("", (Paragraph(tuple(parts)),), kind="footer")


def build_report(data: ReportData) -> Document:
    """The whole report as blocks, in reading order, in the run's language."""
    sections = [
        _header(data),
        _setup(data),
        _timeline(data),
        _indicators(data),
        _turning_points(data),
        _outcome(data),
        _scoring(data),
        _forecasts(data),
        _comparison(data),
        _uncertain(data),
        _sources(data),
        _footer(data),
    ]
    return Document(
        _("After-action report: {scenario}").format(scenario=data.setup.scenario_title),
        tuple(s for s in sections if s is not None),
        lang=page_language(),
    )


def html_report(data: ReportData, charts: Mapping[str, Chart]) -> str:
    """The report as one self-contained HTML page."""
    return emit_html(build_report(data), charts)


def markdown_report(
    data: ReportData, chart_paths: Mapping[str, str], charts: Mapping[str, Chart]
) -> str:
    """The report in Markdown; `chart_paths` maps chart keys to paths relative to the file."""
    return emit_markdown(build_report(data), chart_paths, charts)
