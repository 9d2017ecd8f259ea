"""The report's sections, built once from `ReportData` as plain blocks (`game.report.blocks`),
then written as HTML (self-contained: inline CSS, charts as base64 PNGs) and as Markdown (charts
as relative links to PNG files) by the two emitters. Both files say the same things because they
are written from the same blocks; no markup is written here, so no text can become markup."""

from __future__ import annotations

import shlex
from collections.abc import Mapping

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
)
from game.report.charts import Chart
from game.report.data import (
    Decision,
    ReportData,
    TurnRow,
    WhiteCellItem,
    paragraphs,
)
from game.report.emit_html import emit_html
from game.report.emit_markdown import emit_markdown
from game.textui import HISTORY_ON, number, signed

# Section ids and headings, in order; the tests and the table of contents read this list.
SECTIONS = (
    ("setup", "Scenario and setup"),
    ("timeline", "Decision timeline"),
    ("indicators", "Indicators over time"),
    ("turning-points", "Turning points"),
    ("outcome", "Outcome and scores"),
    ("scoring", "How you are scored"),
    ("forecasts", "Forecasts"),
    ("comparison", "Compared with AI-played games"),
    ("uncertain", "Uncertain amounts this game drew"),
    ("sources", "Sources the scenario draws on"),
)
HEADING = dict(SECTIONS)
NONE = Dim(("–",))


def _pct(share: float) -> str:
    return f"{100 * share:.0f}%"


def _brier(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _stated(p: float | None) -> str:
    return "–" if p is None else f"{100 * p:.0f}%"


def _happened(value: bool | None) -> str:
    return "not yet known" if value is None else "yes" if value else "no"


def _turn_name(data: ReportData, turn: int) -> str:
    return f"{data.setup.turn_label} {turn}"


def _progress_text(step) -> str:  # noqa: ANN001 - ProgressStep
    if step.after == step.before:
        return f"{step.title} held at {number(step.before)} of {number(step.needed)}"
    return f"{step.title} {number(step.before)} → {number(step.after)} of {number(step.needed)}"


def _method_text(data: ReportData) -> str:
    cmp = data.comparison
    assert cmp is not None
    combos = (
        "the one combination of AI profiles"
        if cmp.combinations == 1
        else f"the {cmp.combinations} combinations of AI profiles in turn"
    )
    return (
        f"The same scenario was played {cmp.runs} times with every delegation run by the AI "
        f"(seeds 0–{cmp.runs - 1}, cycling through {combos}). The shared score is the same "
        "measure for every game, so it places this class among them."
        + (
            " The AI games were played without the history excursion, so the real timeline's "
            "events are not in them."
            if data.setup.history
            else ""
        )
    )


def _p(*parts: Inline, style: str = "") -> Paragraph:
    return Paragraph(tuple(parts), style)


def _h(level: int, *parts: Inline) -> Heading:
    return Heading(level, tuple(parts))


def _cells(*values: Inline | Inlines) -> tuple[Cell, ...]:
    return tuple(Cell(v if isinstance(v, tuple) else (v,)) for v in values)


# --- the sections -----------------------------------------------------------------------------


def _header(data: ReportData) -> Section:
    s, o, cmp = data.setup, data.outcome, data.comparison
    cards = [
        Card("Outcome band" if o.finished else "Outcome band if it ended now", (o.band_title,)),
        Card(
            "Shared score",
            (number(o.shared_score),),
            (
                f"of 100; state of the region {number(o.shared_state)}"
                + ("; provisional" if not o.finished else ""),
            ),
        ),
    ]
    if cmp is not None:
        cards.append(
            Card(
                f"Among {cmp.runs} AI games",
                (cmp.standing(),),
                (f"AI median {number(cmp.median)}",),
            )
        )
    cards.append(
        Card(
            "Measures adopted",
            (f"{len(o.adopted)} of {o.measures_total}",),
            (f"after {s.turn_label.lower()} {s.turns_played} of {s.turns_total}",),
        )
    )
    blocks: list = [
        _p("Trilateral · after-action report", style="kicker"),
        _h(1, s.scenario_title),
        _p(
            f"Seed {s.seed}"
            + (" · history excursion (the real timeline)" if s.history else "")
            + f" · generated {s.generated}",
            style="subtitle",
        ),
    ]
    # Warnings about the save (e.g. changed outside Trilateral) come first: the numbers below
    # may not be what the class played.
    blocks += [_p(f"Warning about the save file: {w}", style="warning") for w in data.warnings]
    blocks.append(Cards(tuple(cards)))
    if not o.finished:
        blocks.append(_p(o.status, style="notice"))
    blocks.append(Contents(tuple((sid, h) for sid, h in SECTIONS if sid != "comparison" or cmp)))
    return Section("", tuple(blocks), kind="header")


def _setup(data: ReportData) -> Section:
    s = data.setup
    label = s.turn_label.lower()
    facts = (
        (
            "Scenario",
            (
                f"{s.scenario_title} (",
                Code(s.scenario_id),
                f", file {s.scenario_file}, content hash ",
                Code(s.content_hash[:12]),
                ")",
            ),
        ),
        ("Seed", (str(s.seed),)),
        ("Timeline", (HISTORY_ON if s.history else "The scenario's own (no history excursion)",)),
        (
            "Length",
            (
                f"{s.turns_total} {label}s"
                + (f", starting {s.start_label}" if s.start_label else ""),
            ),
        ),
        (
            "Played",
            (
                f"{s.turns_played} of {s.turns_total} {label}s"
                + (" (ended in crisis)" if s.crisis else "" if s.finished else " (unfinished)"),
            ),
        ),
        (
            "Save file",
            (s.save_name,)
            if s.save_name
            else (Dim(("none (report made from a game in memory)",)),),
        ),
        ("Report generated", (s.generated,)),
    )
    rows = [Row(_cells(x.title, x.player, x.description or NONE)) for x in s.seats]
    rows.append(Row(_cells(s.red_cell, "Red cell (the scenario's policy)", NONE)))
    return Section(
        "setup",
        (
            _h(2, HEADING["setup"]),
            _p(s.summary),
            Facts(facts),
            Table(("Delegation", "Played by", "AI profile"), tuple(rows)),
        ),
    )


def _white_item(item: WhiteCellItem) -> Inlines:
    if item.kind == "adjust":
        return (
            Tag("white", "adjustment"),
            Strong((item.headline,)),
            " — reason: ",
            *lines(item.detail),
        )
    if item.kind == "inject":
        return (Tag("white", "inject"), Strong((item.headline,)), " ", Dim((f"— {item.detail}",)))
    if item.kind == "takeback":
        undone = (" ", Dim((f"— undone: {item.detail}",))) if item.detail else ()
        return (Tag("white", "take-back"), Strong((item.headline,)), *undone)
    if item.kind in ("hold", "ai"):
        return (
            Tag("white", "ended turn" if item.kind == "hold" else "to the AI"),
            Strong((item.headline,)),
        )
    return (Tag("white", "note"), *lines(item.detail))


def _decision(d: Decision) -> Inlines:
    adopted = (" ", Tag("adopted", "adopted ✓")) if d.adopted else ()
    return (Tag("push" if d.choice == "push" else "oppose", d.choice), d.measure_title, *adopted)


def _what(data: ReportData, row: TurnRow) -> Cell:
    items: list[Inlines] = [(Tag("adopted", "adopted ✓"), title) for title in row.adopted]
    if row.progress:
        items.append((Dim(("Progress: " + "; ".join(_progress_text(s) for s in row.progress),)),))
    # one of the history excursion's events is marked so, with its real date
    items += [(Strong((f"{i.history or 'Inject'}:",)), f" {i.title}") for i in row.injects]
    coercion = [e.title for e in row.events if not e.inducement]
    if coercion:
        items.append(
            (
                Strong((f"{data.setup.red_cell_short} gray-zone actions:",)),
                " " + "; ".join(coercion),
            )
        )
    items += [(Tag("inducement", "inducement"), e.title) for e in row.events if e.inducement]
    if row.crisis:
        items.append((Tag("crisis", "crisis"), "the game ends"))
    if not items:
        return Cell((Dim(("nothing adopted",)),), style="what")
    return Cell(items=tuple(items), style="what")


def _timeline(data: ReportData) -> Section:
    s = data.setup
    intro = _p(
        f"What each delegation pushed or opposed each {s.turn_label.lower()} (holding is not "
        "listed), what was adopted, and the white cell's notes, hand-fired injects, adjustments "
        "and take-backs, shown at the turn they were made (during that turn's decisions, before "
        "the reveal)."
    )
    if not data.timeline:
        return Section(
            "timeline", (_h(2, HEADING["timeline"]), intro, _p("No turn has been resolved yet."))
        )
    span = len(s.seats) + 1
    groups = []
    for row in data.timeline:
        label: Inlines = (_turn_name(data, row.turn),)
        if not row.resolved:
            label += (BREAK, Dim(("not yet resolved",)))
        rows = []
        if row.white_cell:
            items = tuple(_white_item(i) for i in row.white_cell)
            rows.append(Row((Cell(items=items, span=span),), style="white"))
        if row.resolved:
            cells = [
                Cell(items=tuple(_decision(d) for d in decisions))
                if decisions
                else Cell((Dim(("held on everything",)),))
                for _actor, decisions in row.decisions
            ]
            rows.append(Row((*cells, _what(data, row))))
        groups.append(RowGroup(label, tuple(rows)))
    table = Table(
        (s.turn_label, *(x.title for x in s.seats), "What happened"),
        groups=tuple(groups),
        style="timeline",
        widths=("turn", *("" for _ in s.seats), "what"),
    )
    return Section("timeline", (_h(2, HEADING["timeline"]), intro, table))


def _indicators(data: ReportData) -> Section:
    ind = data.indicators
    headers = ("Indicator", *ind.x_labels)
    rows = tuple(Row(_cells(x.title, *(number(v) for v in x.values))) for x in ind.table)
    return Section(
        "indicators",
        (
            _h(2, HEADING["indicators"]),
            Figure("indicators"),
            Figure("resilience"),
            Figure("delegations"),
            _h(3, f"Values at the start and after each {data.setup.turn_label.lower()}"),
            Table(headers, rows, numeric=frozenset(range(1, len(headers))), style="values"),
        ),
    )


def _turning_points(data: ReportData) -> Section:
    head = _h(2, HEADING["turning-points"])
    if not data.turning_points:
        return Section("turning-points", (head, _p("No turn has been resolved yet.")))
    rows = tuple(
        Row(
            _cells(
                str(i),
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
                f"The largest changes of a single indicator in a single "
                f"{data.setup.turn_label.lower()}, with their largest causes from the game's "
                "ledger (political capital, spent and regained every turn, is left out)."
            ),
            Table(
                ("#", data.setup.turn_label, "Indicator", "Change", "Largest causes"),
                rows,
                numeric=frozenset({0, 3}),
                style="turning",
            ),
        ),
    )


def _outcome(data: ReportData) -> Section:
    s, o = data.setup, data.outcome
    blocks: list = [_h(2, HEADING["outcome"])]
    if not o.finished:
        blocks += [
            _p(o.status, style="notice"),
            _h(3, f"Outcome band if the game ended now: {o.band_title}"),
        ]
    else:
        blocks += [_h(3, o.band_title), _p(o.status, style="lead")]
    blocks.append(Section("", tuple(_p(p) for p in paragraphs(o.epilogue)), kind="epilogue"))
    blocks.append(_h(3, "Shared score"))
    if o.crisis_note:
        blocks.append(_p(o.crisis_note, style="notice"))
    rows = [Row(_cells(p.label, number(p.value))) for p in o.shared_parts]
    rows.append(Row(_cells("State of the region (their weighted mean)", number(o.shared_state))))
    rows.append(
        Row(
            _cells(
                "Shared score (the state of the region on the "
                + ("crisis scale)" if o.crisis else "scale of a game without a crisis)"),
                number(o.shared_score),
            ),
            style="total",
        )
    )
    blocks.append(
        Table(("Part (each 0–100)", "Value"), tuple(rows), numeric=frozenset({1}), style="compact")
    )
    if o.adopted:
        label = s.turn_label.lower()
        blocks.append(
            _p("Adopted: " + "; ".join(f"{t} ({label} {turn})" for t, turn in o.adopted) + ".")
        )
    else:
        blocks.append(_p("No measure was adopted."))
    blocks += [
        _h(3, "Each delegation's own score"),
        _p(
            "Each delegation's state of the region weighs the values its objectives care about; "
            "the parts add up to it. How a state of the region becomes a score is explained "
            f"under “{HEADING['scoring']}”."
        ),
    ]
    rows = [
        Row(
            (
                *_cells(d.title, d.player, number(d.state), Strong((number(d.score),))),
                Cell(items=tuple((f"{p.label} {number(p.value)}",) for p in d.parts)),
            )
        )
        for d in o.delegations
    ]
    blocks.append(
        Table(
            (
                "Delegation",
                "Played by",
                "State of the region",
                "Score",
                "Parts (what each adds to the state of the region)",
            ),
            tuple(rows),
            numeric=frozenset({2, 3}),
        )
    )
    aims = o.red_cell
    if aims is not None:
        blocks += [
            _h(3, "The red cell's aims"),
            _p(f"{aims.headline}.", style="lead"),
            Table(
                ("Aim", "What it adds (of 100)"),
                tuple(Row(_cells(p.label, number(p.value))) for p in aims.parts),
                numeric=frozenset({1}),
                style="compact",
            ),
        ]
    return Section("outcome", tuple(blocks))


def _scoring(data: ReportData) -> Section:
    return Section("scoring", (_h(2, HEADING["scoring"]), *(_p(line) for line in data.scoring)))


def _forecasts(data: ReportData) -> Section:
    f = data.forecasts
    blocks: list = [_h(2, HEADING["forecasts"]), _p(f.explanation)]
    rows = tuple(
        Row(
            _cells(
                r.title,
                (str(r.count), *((" ", Dim((f"(+{r.pending} pending)",))) if r.pending else ())),
                _brier(r.brier),
                r.verdict,
            )
        )
        for r in f.scores
    )
    blocks.append(
        Table(
            ("Delegation", "Forecasts scored", "Mean Brier score", "Compared with always 50%"),
            rows,
            numeric=frozenset({1, 2}),
            style="compact",
        )
    )
    if f.rows:
        blocks += [
            _h(3, "Every forecast"),
            _p("Each delegation's stated probability that the event would happen."),
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
                (data.setup.turn_label, "Question", "Happened", *f.forecasters),
                rows,
                numeric=frozenset(range(3, 3 + n)),
                style="forecasts",
            )
        )
    else:
        blocks.append(_p("No forecasts were made in this game."))
    return Section("forecasts", tuple(blocks))


def _comparison(data: ReportData) -> Section | None:
    cmp = data.comparison
    if cmp is None:
        return None
    blocks: list = [
        _h(2, HEADING["comparison"]),
        _p(_method_text(data)),
        _p(cmp.percentile_line(), style="lead"),
        _p(cmp.range_line()),
    ]
    if cmp.provisional:
        blocks.append(
            _p(
                "This game is unfinished, so its score is provisional; every AI game was played "
                "to its end.",
                style="notice",
            )
        )
    blocks.append(Figure("comparison"))
    rows = tuple(
        Row(
            _cells(
                (b.title, *((" ", Strong(("← this class",))) if b.is_class else ())),
                str(b.count),
                _pct(b.share),
            )
        )
        for b in cmp.bands
    )
    blocks += [
        _h(3, "Outcome bands among the AI games"),
        Table(
            ("Outcome band", "AI games", "Share"),
            rows,
            numeric=frozenset({1, 2}),
            style="compact",
        ),
    ]
    return Section("comparison", tuple(blocks))


def _uncertain(data: ReportData) -> Section:
    head = _h(2, HEADING["uncertain"])
    if not data.drawn:
        return Section(
            "uncertain",
            (head, _p("The scenario gives every amount as one number: every game plays the same.")),
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
                "Where the evidence gives no one number, the scenario gives a range, and each "
                "game draws its value from the seed when it starts (the same seed draws the "
                "same values). Listed here are the values that acted: a measure adopted, an "
                "action drawn, an inject fired, a campaign stage reached, the drift (a value "
                "drawn for something that never happened changed nothing)."
            ),
            Table(
                ("What", "Indicator", "Range", "Drawn this game"),
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
    return Section("sources", (_h(2, HEADING["sources"]), ItemList(tuple(items))))


def _footer(data: ReportData) -> Section:
    s = data.setup
    parts: list[Inline] = [
        f"Generated by Trilateral on {s.generated}. The scenario, the seed and the decisions "
        "reproduce this game."
    ]
    if s.save_name:
        parts += [
            " Replay it exactly with ",
            Code(f"trilateral replay {shlex.quote(s.save_name)}"),
            ".",
        ]
    return Section("", (Paragraph(tuple(parts)),), kind="footer")


def build_report(data: ReportData) -> Document:
    """The whole report as blocks, in reading order."""
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
        f"After-action report: {data.setup.scenario_title}",
        tuple(s for s in sections if s is not None),
    )


def html_report(data: ReportData, charts: Mapping[str, Chart]) -> str:
    """The report as one self-contained HTML page."""
    return emit_html(build_report(data), charts)


def markdown_report(
    data: ReportData, chart_paths: Mapping[str, str], charts: Mapping[str, Chart]
) -> str:
    """The report in Markdown; `chart_paths` maps chart keys to paths relative to the file."""
    return emit_markdown(build_report(data), chart_paths, charts)
