"""Turning engine results into terminal text: dashboards, measure tables, turn results, debriefs.

Pure functions from engine objects to strings, so `play --text`, `play --auto` and `replay`
print the same words, and tests can read them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from game.columns import display_width, fill, ljust, rjust, row, terminal_columns
from game.engine.game import Game, Options, TurnReport
from game.engine.ledger import movements
from game.engine.rulebook import Rulebook
from game.engine.scoring import GameResult, describe_scoring
from game.engine.state import Choice, LedgerEntry
from game.formatting import number, signed
from game.i18n import _, listing, ngettext, pgettext
from game.scenario.models import Effect
from game.wording import (
    aims_line,
    aims_parts,
    choice_clause,
    crisis_note,
    drawn_amounts,
    drawn_in_play,
    drawn_text,
    effect_text,
    event_title,
    history_date,
    history_on,
    part_label,
    ranged_what,
    turn_name,
)


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
            heading(_("How you are scored"), "-", plain),
            *(wrap(line) for line in describe_scoring(book)),
        ]
    )


def bar(value: float, high: float = 100.0, width: int = 20) -> str:
    filled = max(0, min(width, round(width * value / high))) if high else 0
    return "#" * filled + "." * (width - filled)


def heading(text: str, char: str = "=", plain: bool = False) -> str:
    """A heading underlined with `char` (as wide as the text, in columns); `plain`: the text
    as a line of its own ending with a colon, no rule (a screen reader reads rules out)."""
    if plain:
        ended = text if text.endswith((":", "：")) else _("{heading}:").format(heading=text)
        return "\n".join(wrap_plain(ended))
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
    return _("{names} and {last}").format(names=listing(names[:-1]), last=names[-1])


def measure_number(game: Game, measure_id: str) -> int:
    """The number the window shows on the measure's card (its place in the scenario, from 1),
    which the plain terminal uses too, so the numbers players type are the same in both."""
    return next(i for i, m in enumerate(game.book.measures, start=1) if m.id == measure_id)


def introduction(game: Game, plain: bool = False) -> str:
    s = game.scenario
    lines = [heading(s.title, "=", plain)]
    if s.start_label:
        lines.append(
            wrap(
                _("Starts {start}; {turns} turns ({turn_label} by {turn_label}).").format(
                    start=s.start_label, turns=s.turns, turn_label=s.turn_label.lower()
                )
            )
        )
    if game.setup.history:
        lines.append(wrap(history_on()))
    lines += ["", wrap(s.summary), "", heading(_("Briefing"), "-", plain), wrap(s.briefing), ""]
    lines.append(_("Delegations:"))
    red = game.book.red_cell.title
    if plain:
        sentences = []
        for actor, dele in game.book.delegations.items():
            if actor in game.setup.humans:
                sentences.append(_("{delegation}: you.").format(delegation=dele.title))
            else:
                sentences.append(
                    _("{delegation}: played by the AI ({profile}).").format(
                        delegation=dele.title, profile=game.setup.ai_profiles.get(actor)
                    )
                )
        sentences.append(
            _("{red_cell}: the red cell (the scenario's policy).").format(red_cell=red)
        )
        lines.append(plain_lines(sentences))
    else:
        # the names' column as wide as the widest name (a CJK name takes two columns a
        # character), at least the 16 columns English has always had
        names = [d.title for d in game.book.delegations.values()] + [red]
        column = max(16, *(display_width(n) for n in names))
        for actor, dele in game.book.delegations.items():
            human = actor in game.setup.humans
            who = (
                _("human")
                if human
                else _("AI ({profile})").format(profile=game.setup.ai_profiles[actor])
            )
            lines.append(f"  {ljust(dele.title, column)} {who}")
        lines.append(f"  {ljust(red, column)} " + _("red cell (scenario policy)"))
    if s.sources:
        lines += ["", _("Sources:")]
        lines += [wrap(f"[{src.id}] {src.citation}", "  ") for src in s.sources]
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
            if key == "tension":
                sentences.append(
                    _(
                        "{indicator} {value} of 100, warning at {warning}, crisis at {crisis}."
                    ).format(
                        indicator=book.title_of(key),
                        value=number(v[key]),
                        warning=number(book.warning_at),
                        crisis=number(crisis),
                    )
                )
            else:
                sentences.append(
                    _("{indicator} {value} of 100.").format(
                        indicator=book.title_of(key), value=number(v[key])
                    )
                )
        for actor, dele in book.delegations.items():
            sentences.append(
                _("{delegation}: support {support} of 100, capital {capital} of {most}.").format(
                    delegation=dele.title,
                    support=number(v["support." + actor]),
                    capital=number(v["capital." + actor]),
                    most=dele.capital.max,
                )
            )
        return plain_lines(sentences)
    width = max(display_width(book.title_of(k)) for k in names)
    width = max(width, *(display_width(d.title) for d in book.delegations.values()))
    rows = []
    for key in names:
        rows.append(
            f"  {ljust(book.title_of(key), width)} {rjust(number(v[key]), 5)} {bar(v[key])}"
        )
        if key == "tension":  # on a line of its own: the row is as wide as a terminal allows
            limits = _("warning at {warning}, crisis at {crisis}").format(
                warning=number(book.warning_at), crisis=number(crisis)
            )
            rows.append(f"  {ljust('', width)} {limits}")
    for actor, dele in book.delegations.items():
        figures = _("support {support}   capital {capital}/{most}").format(
            support=rjust(number(v["support." + actor]), 3),
            capital=number(v["capital." + actor]),
            most=dele.capital.max,
        )
        rows.append(f"  {ljust(dele.title, width)} {figures}")
    return "\n".join(rows)


def measure_table(game: Game, plain: bool = False) -> str:
    """Every measure and where it stands; `plain`: numbered as the window numbers its cards,
    in sentences without bars."""
    st = game.state
    label = game.scenario.turn_label.lower()
    rows = []
    for i, m in enumerate(game.book.measures, start=1):
        if m.id in st.adopted:
            suspended = m.id in st.suspended()
            if plain and suspended:
                status = _("adopted in {turn_label} {turn} (suspended)")
            elif plain:
                status = _("adopted in {turn_label} {turn}")
            elif suspended:
                status = _("ADOPTED in {turn_label} {turn} (suspended)")
            else:
                status = _("ADOPTED in {turn_label} {turn}")
            status = status.format(turn_label=label, turn=st.adopted[m.id])
        elif any(p not in st.adopted for p in m.prerequisites):
            locked = listing(
                game.book.measure[p].model.title for p in m.prerequisites if p not in st.adopted
            )
            status = _("locked until adopted: {measures}").format(measures=locked)
        elif plain:
            status = _("progress {progress} of {needed}").format(
                progress=number(st.progress[m.id]), needed=number(m.needed)
            )
        else:
            status = _("progress {progress}/{needed} {bar}").format(
                progress=number(st.progress[m.id]),
                needed=number(m.needed),
                bar=bar(st.progress[m.id], m.needed, 12),
            )
        if plain:
            sentence = _("{number}. {measure}: {status}; requires {delegations}.").format(
                number=i,
                measure=m.model.title,
                status=status,
                delegations=titles(game.book, m.requires),
            )
            rows += wrap_plain(sentence, "  ")
            continue
        needs = " + ".join(game.book.delegations[a].title for a in m.requires)
        rows.append(f"  {m.model.title}")
        rows.append(
            "      "
            + _("{status}; requires {delegations}").format(status=status, delegations=needs)
        )
    return "\n".join(rows)


def option_lines(game: Game, options: Options, plain: bool = False) -> str:
    """The measures a delegation may act on, numbered for its decisions; `plain`: numbered as
    the window numbers its cards (measure_number), by title, in sentences."""
    rows = []
    for i, opt in enumerate(options.measures, start=1):
        m = game.book.measure[opt.measure_id]
        partners = [a for a in m.requires if a != options.actor]
        supporting = options.actor not in m.requires
        can_push = Choice.PUSH in opt.choices
        if plain:
            sentences = [
                _("push costs {capital} capital").format(capital=opt.push_cost),
                _("progress {progress} of {needed}").format(
                    progress=number(opt.progress), needed=number(opt.needed)
                ),
            ]
            if partners:
                sentences.append(
                    _("needs {delegations} to push too").format(
                        delegations=titles(game.book, partners)
                    )
                )
            if not can_push:
                sentences.append(_("not enough capital to push"))
            title = m.model.title
            if supporting:
                title = _("{measure} (supporting role)").format(measure=title)
            sentence = _("{number}. {measure}: {details}.").format(
                number=measure_number(game, opt.measure_id),
                measure=title,
                details=pgettext("clauses", "; ").join(sentences),
            )
            rows += wrap_plain(sentence, "  ")
            continue
        details = [
            _("push costs {capital}").format(capital=opt.push_cost),
            _("progress {progress}/{needed}").format(
                progress=number(opt.progress), needed=number(opt.needed)
            ),
        ]
        if partners:
            names = listing(game.book.delegations[a].title for a in partners)
            details.append(_("needs {delegations} to push too").format(delegations=names))
        if supporting:
            details.append(_("supporting role"))
        line = f"  {i}. {ljust(opt.measure_id, 20)} " + pgettext("clauses", "; ").join(details)
        if not can_push:
            line += "  [" + _("not enough capital to push") + "]"
        rows.append(line)
        rows.append(f"     {m.model.title}")
    return "\n".join(rows)


def measure_details(game: Game, measure_id: str, plain: bool = False) -> str:
    m = game.book.measure[measure_id]
    mm = m.model
    lines = [heading(mm.title, "-", plain), wrap(mm.summary)]

    adopted = measure_id in game.state.adopted
    sources: list[tuple[str | None, str | None]] = []

    def effects(message: str, kind: str, effect: Effect | None) -> None:
        if effect is not None and effect.ranges:
            # a range says what this game drew only once it has acted (after the adoption)
            drawn = drawn_amounts(game, kind, measure_id) if adopted else None
            text = effect_text(game.book, effect.ranges.items(), drawn)
            # str.format ignores the names a message does not use
            lines.append(wrap(message.format(effect=text, red_cell=game.book.red_cell.title)))
            if effect.source or effect.confidence:
                sources.append((effect.source, effect.confidence))

    effects(_("When adopted: {effect}"), "on_adopt", mm.on_adopt)
    effects(_("Each turn in force: {effect}"), "in_force", mm.in_force)
    effects(_("{red_cell} reaction: {effect}"), "reaction", mm.reaction)
    costs = listing(f"{game.book.delegations[a].title} {c}" for a, c in m.cost.items())
    lines.append(wrap(_("Capital per turn pushed: {costs}").format(costs=costs)))
    if m.support_cost:
        sc = listing(
            f"{game.book.delegations[a].title} {number(c)}" for a, c in m.support_cost.items()
        )
        lines.append(wrap(_("Domestic support lost per turn pushed: {costs}").format(costs=sc)))
    if mm.source or mm.confidence:
        sources.append((mm.source, mm.confidence))
    # each effect's source and confidence (the measure's own last), each said once
    for source, confidence in dict.fromkeys(sources):
        src = next((s for s in game.scenario.sources if s.id == source), None)
        if src and confidence:
            lines.append(
                wrap(
                    _("Source: {source} (confidence: {level})").format(
                        source=src.citation, level=confidence
                    )
                )
            )
        elif src:
            lines.append(wrap(_("Source: {source}").format(source=src.citation)))
        elif confidence:
            lines.append(wrap(_("Confidence: {level}").format(level=confidence)))
    return "\n".join(lines)


def decisions_text(game: Game, chosen: Mapping[str, Choice]) -> str:
    """'push Security dialogue, oppose Joint exercises' (by title, the holds left out), or
    'holds on everything'."""
    parts = [
        choice_clause(c, game.book.measure[mid].model.title)
        for mid, c in chosen.items()
        if c != Choice.HOLD
    ]
    return listing(parts) or _("holds on everything")


def decisions_table(game: Game, report: TurnReport, plain: bool = False) -> str:
    """What each delegation chose: by measure id in a table; `plain`: by title, a sentence
    for each delegation."""
    if plain:
        return plain_lines(
            _("{delegation}: {decisions}.").format(
                delegation=game.book.delegations[actor].title,
                decisions=decisions_text(game, chosen),
            )
            for actor, chosen in report.decisions.items()
        )
    rows = []
    for actor, chosen in report.decisions.items():
        title = ljust(game.book.delegations[actor].title, 16)
        if not chosen:
            rows.append(f"  {title} " + _("holds on everything"))
            continue
        rows.append(f"  {title} " + listing(choice_clause(c, mid) for mid, c in chosen.items()))
    return "\n".join(rows)


def turn_results(game: Game, report: TurnReport, plain: bool = False) -> str:
    """What happened in a turn and why every indicator moved."""
    book = game.book
    lines = [
        heading(_("Results of {turn}").format(turn=turn_name(game, report.turn)), "-", plain),
        _("Decisions:"),
        decisions_table(game, report, plain),
    ]
    if report.progress:
        lines.append(_("Progress:"))
        for mid, (before, after) in report.progress.items():
            m = book.measure[mid]
            if plain:
                moved = _("{measure}: {before} to {after} of {needed}.").format(
                    measure=m.model.title,
                    before=number(before),
                    after=number(after),
                    needed=number(m.needed),
                )
                lines += wrap_plain(moved, "  ")
                continue
            figures = f"{number(before)} -> {number(after)}/{number(m.needed)}"
            lines += row(m.model.title, figures, 50)  # a long title wraps, never cut
    for mid in report.adopted:
        lines.append(wrap(_("ADOPTED: {measure}").format(measure=book.measure[mid].model.title)))
    if report.events:
        lines.append(_("{red_cell} gray-zone actions:").format(red_cell=book.red_cell.title))
        for e in report.events:
            title = event_title(book, e.event_id, e.title)
            place = game.scenario.locations[e.location].title if e.location else ""
            absorbed = number(e.absorbed) if e.absorbed else ""
            if plain:
                if place and absorbed:
                    text = _("{event}, at {place} (resilience absorbed {amount}).")
                elif place:
                    text = _("{event}, at {place}.")
                elif absorbed:
                    text = _("{event} (resilience absorbed {amount}).")
                else:
                    text = _("{event}.")
                sentence = text.format(event=title, place=place, amount=absorbed)
                lines += wrap_plain(sentence, "  ")
            else:
                where = f" [{place}]" if place else ""
                soaked = (
                    " " + _("(resilience absorbed {amount})").format(amount=absorbed)
                    if absorbed
                    else ""
                )
                lines.append(f"  * {title}{where}{soaked}")
            lines.append(wrap(e.text, "      "))
    for inj in report.injects:
        model = book.inject[inj].model
        if model.history:  # it happened for real, on this date
            date = history_date(model.date)
            if date:
                said = _("HISTORY ({date}): {inject}").format(date=date, inject=model.title)
            else:
                said = _("HISTORY: {inject}").format(inject=model.title)
        else:
            said = _("INJECT: {inject}").format(inject=model.title)
        lines.append(wrap(said))
        lines.append(wrap(model.text, "      "))
    lines.append(_("Why the numbers moved:"))
    lines.append(explain(game, report.changes, capital=False, limit=None))
    if report.crisis:
        lines.append("")
        lines.append(
            wrap(
                _("CRISIS: tension reached {crisis}. The game ends.").format(
                    crisis=number(book.crisis_at)
                )
            )
        )
    return "\n".join(lines)


def explain(
    game: Game, entries: Iterable[LedgerEntry], capital: bool = True, limit: int | None = 4
) -> str:
    """'Resilience (Information) -7: Disinformation campaign -9, Counter-influence +2' lines:
    the `limit` largest causes of each change and how many more there were (None: all). The
    causes are worded by Rulebook.cause_label, in the current language."""
    moved = movements(entries, book=game.book)
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
        causes = listing(f"{label} {signed(amount)}" for label, amount in shown)
        hidden = len(mv.causes) - len(shown)
        if hidden:
            causes = ngettext(
                "{causes}, and {count} more", "{causes}, and {count} more", hidden
            ).format(causes=causes, count=hidden)
        line = _("{indicator} {change}: {causes}").format(
            indicator=game.book.title_of(key), change=signed(mv.total), causes=causes
        )
        if mv.absorbed:
            line += (
                " [" + _("resilience absorbed {amount}").format(amount=number(mv.absorbed)) + "]"
            )
        rows.append(wrap(line, "  "))
    return "\n".join(rows) if rows else "  " + _("(nothing changed)")


def debrief(game: Game, result: GameResult, plain: bool = False) -> str:
    """The end of a game: the outcome, the scores and why; `plain`: in sentences, without
    rules, arrows or padded columns."""
    book = game.book
    o = result.outcome
    sh = result.shared
    final = turn_name(game, result.final_turn)
    if result.crisis:
        ended = _("The game ended in crisis after {turn}.").format(turn=final)
    else:
        ended = _("The game ended after {turn}.").format(turn=final)
    figures = dict(
        cooperation=number(sh.cooperation),
        resilience=number(sh.resilience),
        stability=number(sh.stability),
        state=number(sh.state),
        score=number(sh.score),
    )
    if plain:
        shared = _(
            "Cooperation {cooperation}, mean resilience {resilience}, stability {stability}, "
            "which gives state of the region {state}, which gives shared score {score}"
        ).format(**figures)
    else:
        shared = _(
            "Cooperation {cooperation}, mean resilience {resilience}, stability {stability} -> "
            "state of the region {state} -> shared score {score}"
        ).format(**figures)
    if sh.adopted:
        adopted = _("Measures adopted: {count} of {total}: {measures}").format(
            count=len(sh.adopted),
            total=len(book.measures),
            measures=pgettext("clauses", "; ").join(
                book.measure[m].model.title for m in sh.adopted
            ),
        )
    else:
        adopted = _("Measures adopted: {count} of {total}").format(
            count=0, total=len(book.measures)
        )
    lines = [
        heading(_("Debrief: {outcome}").format(outcome=o.title), "=", plain),
        wrap(ended),
        "",
        wrap(o.epilogue),
        "",
        _("Shared outcome:"),
        wrap(shared),
        wrap(adopted),
    ]
    note = crisis_note(book, result)
    if note:
        lines.append(wrap(note))
    if plain:
        lines.append(
            _(
                "Delegation scores (the state of the region by each one's objectives, and the score):"
            )
        )
    else:
        lines.append(
            _("Delegation scores (the state of the region by each one's objectives -> score):")
        )
    width = max(16, *(display_width(book.delegations[a].title) for a in result.delegations))
    for actor, sc in result.delegations.items():
        title = book.delegations[actor].title
        if plain:
            lines += wrap_plain(
                _("{delegation}: state {state}, score {score}.").format(
                    delegation=title, state=number(sc.state), score=number(sc.score)
                ),
                "  ",
            )
        else:
            scored = _("state {state} -> score {score}").format(
                state=rjust(number(sc.state), 5), score=rjust(number(sc.score), 5)
            )
            lines.append(f"  {ljust(title, width)} {scored}")
        parts = listing(f"{part_label(book, k)} {number(v)}" for k, v in sc.parts.items())
        lines.append(wrap(_("({parts})").format(parts=parts), "      "))
    if result.red_cell is not None:
        parts = listing(f"{label} {number(v)}" for label, v in aims_parts(book, result))
        lines.append(
            wrap(_("{aims}: {parts}.").format(aims=aims_line(book, result), parts=parts), "")
        )
    lines.append(_("Why the game went this way (whole game, largest causes first):"))
    lines.append(explain(game, game.ledger, capital=False, limit=3))
    drawn = drawn_in_play(game)
    if drawn:
        lines.append(_("Uncertain amounts: what this game drew for those that acted:"))
        for ranged, value in drawn:
            lines.append(
                wrap(
                    _("{what}, {indicator}: {drawn}").format(
                        what=ranged_what(book, ranged),
                        indicator=book.title_of(ranged.indicator),
                        drawn=drawn_text(value, ranged.low, ranged.high),
                    ),
                    "  ",
                )
            )
    return "\n".join(lines)


def auto_summary_line(game: Game, report: TurnReport) -> str:
    v = game.state.values
    figures = _(
        "{turn_label} {turn}: coop {cooperation} tension {tension} res {resilience};"
    ).format(
        turn_label=game.scenario.turn_label,
        turn=rjust(str(report.turn), 2),
        cooperation=rjust(number(v["cooperation"]), 5),
        tension=rjust(number(v["tension"]), 5),
        resilience=rjust(number(game.facts().values["resilience.mean"]), 5),
    )
    if report.adopted:
        figures += " " + _("adopted {measures};").format(measures=",".join(report.adopted))
    events = ",".join(e.event_id for e in report.events)
    if events:
        return figures + " " + _("events {events}").format(events=events)
    return figures + " " + _("events none")
