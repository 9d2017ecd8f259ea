"""The default scenario's sources, calendar and history excursion, and its class-length version
(issue 12): what instructors and facilitators rely on when they choose a version to play."""

from __future__ import annotations

import datetime

import pytest

from game.engine.game import Game
from game.paths import SCENARIO_DIR
from game.scenario.loader import load_scenario
from game.scenario.references import turn_of_date

QUARTERLY = SCENARIO_DIR / "free-and-open-indo-pacific.yaml"
CLASS = SCENARIO_DIR / "free-and-open-indo-pacific-class.yaml"
BOTH = [QUARTERLY, CLASS]
WINDOW = (datetime.date(2020, 1, 1), datetime.date(2022, 12, 31))

# Real events every game has; the history excursion must not tell them a second time.
EVERY_GAME = {
    "taiwan_election_2020",
    "wha_exclusion_debate",
    "japan_cabinet_change",
    "us_taiwan_assurance_act",
    "speaker_visit",
}


@pytest.fixture(scope="module", params=BOTH, ids=["quarterly", "class"])
def loaded(request):
    return load_scenario(request.param)


def test_every_item_names_a_listed_source_and_a_confidence(loaded):
    s = loaded.scenario
    listed = {src.id for src in s.sources}
    items = [(f"event {e.id}", e.hit, e) for e in s.events]
    items += [(f"inject {i.id}", i.effects, i) for i in s.injects]
    items += [
        (f"{m.id}.{key}", getattr(m, key), m)
        for m in s.measures
        for key in ("on_adopt", "in_force", "reaction")
        if getattr(m, key) is not None
    ]
    items += [(f"campaign {st.from_turn}", st.effect, st) for st in s.red_cell()[1].policy.campaign]
    for label, effect, owner in items:
        assert (effect.source or owner.source) in listed, label
        assert effect.confidence or owner.confidence, label


def test_the_design_judgement_source_says_so(loaded):
    (design,) = [src for src in loaded.scenario.sources if src.id == "design"]
    assert "design judgement" in design.note.lower()


def test_events_modelled_on_later_years_say_so_in_their_text(loaded):
    """Players see the text, not the source note: a pattern from after 2022 must be flagged."""
    s = loaded.scenario
    after_window = {src.id for src in s.sources if "after the window" in (src.note or "").lower()}
    assert after_window == {"matsu_cables2023"}
    flagged = {e.id for e in s.events if "counterfactual" in e.text.lower()}
    for e in s.events:
        if (e.hit.source or e.source) in after_window:
            assert e.id in flagged, e.id
    assert {"cable_cut_matsu", "drones_yonaguni", "tourism_restrictions_japan"} <= flagged


def test_dated_injects_fall_inside_2020_22_and_on_a_turn(loaded):
    s = loaded.scenario
    dated = [i for i in s.injects if i.date is not None]
    assert len(dated) >= 30
    for inj in dated:
        assert WINDOW[0] <= datetime.date.fromisoformat(inj.date) <= WINDOW[1], inj.id
        assert turn_of_date(s, inj.date) is not None, inj.id


def test_the_history_excursion_does_not_repeat_what_every_game_has(loaded):
    s = loaded.scenario
    history = [i for i in s.injects if i.history]
    every_game = {i.id for i in s.injects if not i.history}
    assert EVERY_GAME <= every_game
    assert len(history) == 29
    assert all(i.date is not None and i.source for i in history)
    # the same real event (by source and date) is never in both sets
    told = {(i.source, i.date) for i in s.injects if not i.history}
    assert not [i.id for i in history if (i.source, i.date) in told]


def fired_injects(loaded, history: bool) -> dict[str, int]:
    """Inject id -> turn it fired, in a game where every delegation holds (no crisis)."""
    delegations = loaded.scenario.delegations()
    game = Game(loaded, 5, delegations, history=history)
    fired: dict[str, int] = {}
    while not game.over:
        for actor in delegations:
            game.submit(actor, {})
        report = game.resolve_turn()
        fired.update((i, report.turn) for i in report.injects)
    assert not game.result().crisis
    return fired


@pytest.mark.parametrize(
    ("path", "speaker_turn", "statement_turn"),
    [(QUARTERLY, 11, 6), (CLASS, 6, 3)],
    ids=["quarterly", "class"],
)
def test_real_events_fire_in_the_turn_that_holds_their_date(path, speaker_turn, statement_turn):
    loaded = load_scenario(path)
    history, plain = fired_injects(loaded, True), fired_injects(loaded, False)
    assert history["speaker_visit"] == plain["speaker_visit"] == speaker_turn  # 2 August 2022
    assert history["h_leaders_statement_2021"] == statement_turn  # 16 April 2021
    assert len([i for i in history if i.startswith("h_")]) == 29
    assert not [i for i in plain if i.startswith("h_")]


def test_the_class_version_is_six_half_years_of_the_same_years():
    quarterly, klass = load_scenario(QUARTERLY).scenario, load_scenario(CLASS).scenario
    assert (klass.turns, klass.turn_label, klass.start_label) == (6, "Half-year", "H1 2020")
    assert klass.calendar.months_per_turn * klass.turns == 36
    assert klass.calendar.start == quarterly.calendar.start
    assert klass.turns * klass.calendar.months_per_turn == (
        quarterly.turns * quarterly.calendar.months_per_turn
    )


def test_the_class_version_keeps_the_quarterly_content_in_step():
    """A half-year does what two quarters did: per-turn quantities are doubled, one-off
    effects, sources and confidences are the same. Fails when one version is edited and the
    other is not."""
    q, c = load_scenario(QUARTERLY).scenario, load_scenario(CLASS).scenario
    assert [s.id for s in q.sources] == [s.id for s in c.sources]
    assert [e.id for e in q.events] == [e.id for e in c.events]
    for eq, ec in zip(q.events, c.events, strict=True):
        assert eq.hit.ranges == ec.hit.ranges, eq.id
        assert (eq.source, eq.confidence) == (ec.source, ec.confidence), eq.id
    for mq, mc in zip(q.measures, c.measures, strict=True):
        assert mq.id == mc.id
        assert mq.on_adopt.ranges == mc.on_adopt.ranges, mq.id
        assert (mq.reaction and mq.reaction.ranges) == (mc.reaction and mc.reaction.ranges)
        assert {a: 2 * n for a, n in mq.cost.items()} == mc.cost, mq.id
        if mq.in_force is not None:
            assert doubled(mq.in_force.ranges) == mc.in_force.ranges, mq.id
    assert doubled(q.rules.drift.ranges) == c.rules.drift.ranges
    pq, pc = q.rules.progress, c.rules.progress
    assert (2 * pq.all_push, 2 * pq.some_push, 2 * pq.opposed) == (
        pc.all_push,
        pc.some_push,
        pc.opposed,
    )
    red_q, red_c = q.red_cell()[1].policy, c.red_cell()[1].policy
    assert red_c.actions_per_turn == 2 * red_q.actions_per_turn
    for sq, sc in zip(red_q.campaign, red_c.campaign, strict=True):
        assert doubled(sq.effect.ranges) == sc.effect.ranges
        assert sc.from_turn == (sq.from_turn + 1) // 2
    every_q = {i.id: i for i in q.injects if not i.history}
    every_c = {i.id: i for i in c.injects if not i.history}
    assert every_q.keys() == every_c.keys()
    for iid, inj in every_q.items():
        assert inj.date == every_c[iid].date, iid
        assert inj.effects.ranges == every_c[iid].effects.ranges, iid


def doubled(ranges: dict) -> dict:
    return {k: (2 * v[0], 2 * v[1]) if isinstance(v, tuple) else 2 * v for k, v in ranges.items()}
