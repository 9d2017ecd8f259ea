"""The scenario format: pydantic models whose field descriptions become the JSON Schema's hover text.

These models check the *shape* of a scenario (types, ranges, unknown keys). Whether the
names used inside it exist (actors, measures, indicators, sources) is checked afterwards by
`game.scenario.references`, which knows the whole file.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic import Strict as StrictType

FORMAT_VERSION = 1

Identifier = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_]*$",
        max_length=48,
        description="A short name: lower-case letters, digits and underscores, starting with a letter.",
    ),
]
Expression = Annotated[
    str,
    Field(
        min_length=1,
        max_length=2000,
        description=(
            "A condition in the scenario expression language, e.g. "
            "\"tension >= 40 and not adopted('jp_tw_dialogue')\"."
        ),
    ),
]
Percent = Annotated[float, Field(ge=0, le=100)]
Confidence = Literal["low", "medium", "high"]
Text = Annotated[str, Field(max_length=4000)]


# Every model of the format validates strictly: a number must be written as a number and
# true/false as a boolean (`progress: "4"` and `crisis: "true"` are text, as the guide teaches,
# and are errors rather than quietly converted), and no number may be infinite or NaN.
_FORMAT_CONFIG = ConfigDict(strict=True, allow_inf_nan=False, frozen=True)


class Strict(BaseModel):
    """Base for every part of a scenario: unknown keys are errors, never silently ignored."""

    model_config = ConfigDict(**_FORMAT_CONFIG, extra="forbid", populate_by_name=False)


Amount = Annotated[float, Field(ge=-100, le=100)]
AmountRange = Annotated[list[Amount], Field(min_length=2, max_length=2)]


class Effect(BaseModel):
    """Changes to indicators, e.g. `{cooperation: 3, resilience.political: 2, tension: [4, 8]}`.

    Every other key names an indicator (`cooperation`, `tension`, `resilience.<domain>`,
    `support.<actor>`, `capital.<actor>`) and holds the amount it changes by: a number, or a
    range `[low, high]` when the size is uncertain (each game draws its value from the seed;
    the same seed draws the same values). `source` and `confidence` say where the modelled
    effect comes from and how sure the author is.
    """

    model_config = ConfigDict(
        **_FORMAT_CONFIG,
        extra="allow",
        json_schema_extra={
            "additionalProperties": {
                "anyOf": [
                    {"type": "number", "minimum": -100, "maximum": 100},
                    {
                        "type": "array",
                        "items": {"type": "number", "minimum": -100, "maximum": 100},
                        "minItems": 2,
                        "maxItems": 2,
                        "description": "A range [low, high]: each game draws a value in it.",
                    },
                ]
            }
        },
    )
    __pydantic_extra__: dict[str, Amount | AmountRange] = Field(init=False)

    source: Identifier | None = Field(
        None, description="Id of an entry in `sources` that supports this effect."
    )
    confidence: Confidence | None = Field(
        None, description="How sure the author is of this effect: low, medium or high."
    )

    @property
    def changes(self) -> dict[str, float]:
        """Indicator name -> amount, in file order; the middle of a range."""
        return {k: (v[0] + v[1]) / 2 if isinstance(v, tuple) else v for k, v in self.ranges.items()}

    @property
    def ranges(self) -> dict[str, tuple[float, float] | float]:
        """Indicator name -> amount, or (low, high) for a range, in file order."""
        return {
            k: (float(v[0]), float(v[1])) if isinstance(v, list) else v
            for k, v in (self.__pydantic_extra__ or {}).items()
        }


class Source(Strict):
    id: Identifier = Field(description="Name used by `source:` keys elsewhere in the file.")
    citation: Text = Field(description="Full citation: author, title, publication, date.")
    url: str | None = Field(None, max_length=500, description="Where to read it, if online.")
    note: Text | None = Field(None, description="What the scenario takes from this source.")


class Range(Strict):
    start: Percent = Field(description="Value at the start of the game (0-100).")
    title: str | None = Field(None, max_length=80, description="Name shown to players.")
    description: Text | None = Field(None, description="What this indicator measures.")


class Tension(Range):
    crisis_at: Annotated[float, Field(gt=0, le=100)] = Field(
        100, description="When tension reaches this value the game ends in a crisis outcome."
    )
    warning_at: Annotated[float, Field(gt=0, le=100)] | None = Field(
        None,
        description=(
            "Tension at which the dashboard warns that a crisis is near, and above which the "
            "`sequenced` balance strategy stops pushing provocative measures; default three "
            "quarters of `crisis_at`. Must be below `crisis_at`."
        ),
    )

    @property
    def warning(self) -> float:
        """The warning level: `warning_at`, or three quarters of the crisis threshold."""
        return self.warning_at if self.warning_at is not None else round(0.75 * self.crisis_at, 1)


class Domain(Range):
    """A gray-zone domain; its resilience blunts events aimed at it."""


class Indicators(Strict):
    cooperation: Range = Field(description="Trilateral cooperation, 0-100.")
    tension: Tension = Field(description="Escalation risk, 0-100, with its crisis threshold.")
    resilience: dict[Identifier, Domain] = Field(
        min_length=1,
        max_length=12,
        description="Resilience per gray-zone domain (e.g. maritime, information), each 0-100.",
    )


class Capital(Strict):
    start: Annotated[int, Field(ge=0, le=50)] = Field(description="Political capital at the start.")
    max: Annotated[int, Field(ge=1, le=50)] = Field(12, description="Capital cannot exceed this.")
    regen: Annotated[float, Field(ge=0, le=20)] = Field(
        1, description="Capital regained every turn regardless of support."
    )
    regen_per_support: Annotated[float, Field(ge=0, le=1)] = Field(
        0.03,
        description="Extra capital per turn for each point of domestic support (rounded down).",
    )


class Objectives(Strict):
    """Weights over the outcome scores; a delegation's own score is their weighted sum."""

    cooperation: Annotated[float, Field(ge=-5, le=5)] = Field(
        0, description="Weight on cooperation."
    )
    resilience: Annotated[float, Field(ge=-5, le=5)] = Field(
        0, description="Weight on mean resilience across domains."
    )
    stability: Annotated[float, Field(ge=-5, le=5)] = Field(
        0, description="Weight on stability (100 minus tension)."
    )
    support: Annotated[float, Field(ge=-5, le=5)] = Field(
        0, description="Weight on this delegation's own domestic support."
    )
    domains: dict[Identifier, Annotated[float, Field(ge=-5, le=5)]] = Field(
        default_factory=dict, description="Extra weight on resilience in particular domains."
    )
    measures: dict[Identifier, Annotated[float, Field(ge=-50, le=50)]] = Field(
        default_factory=dict,
        description=(
            "No longer scored (scores measure the state of the region, not activity): "
            "`validate` warns and asks you to move these into the AI profiles' `priorities`. "
            "Still read as how much the delegation's AI wants each measure."
        ),
    )


class AIProfile(Strict):
    description: Text = Field(
        description="How this profile plays, in a sentence, for the setup screen."
    )
    risk_tolerance: Annotated[float, Field(ge=0, le=1)] = Field(
        0.5,
        description=(
            "Share of the crisis threshold up to which the AI still pushes measures that raise "
            "tension (0 = never risks it, 1 = ignores tension)."
        ),
    )
    reserve: Annotated[int, Field(ge=0, le=50)] = Field(
        0, description="Capital the AI keeps back for later turns."
    )
    misjudgement: Annotated[float, Field(ge=0, le=0.5)] = Field(
        0,
        description=(
            "How far the AI's reading of danger varies from game to game: each game draws its "
            "risk tolerance evenly from risk_tolerance minus this to risk_tolerance plus this "
            "(0 = the same judgement every game)."
        ),
    )
    priorities: dict[Identifier, Annotated[float, Field(ge=0, le=10)]] = Field(
        default_factory=dict,
        description="Extra weight (default 1) on measures the AI cares about; 0 means never push.",
    )
    oppose: list[Identifier] = Field(
        default_factory=list, description="Measures this AI opposes whenever they are on the table."
    )
    wants: dict[Identifier, Annotated[float, Field(ge=-50, le=50)]] = Field(
        default_factory=dict,
        description=(
            "Points the AI adds to a measure's worth when deciding whether to push it: the "
            "goals this way of playing pursues for their own sake (e.g. an official dialogue "
            "a government has promised). Affects only the AI's choices, never the score. "
            "Measures not listed take the delegation's `objectives.measures`, if any."
        ),
    )


class Delegation(Strict):
    role: Literal["delegation"] = Field(description="A delegation a player or an AI can play.")
    title: str = Field(max_length=80, description="Name shown to players, e.g. 'Japan'.")
    short: str | None = Field(
        None, max_length=16, description="Short name for tight spaces, e.g. 'US'."
    )
    summary: Text = Field(description="One or two sentences shown on the setup screen.")
    briefing: Text = Field(description="Private briefing: interests and domestic constraints.")
    colour: str | None = Field(
        None, pattern=r"^#[0-9a-fA-F]{6}$", description="Colour in the UI, '#rrggbb'."
    )
    support: Range = Field(description="Domestic support for the government's policy, 0-100.")
    capital: Capital = Field(description="Political capital spent to push measures.")
    objectives: Objectives = Field(description="What this delegation is scored on.")
    ai_profiles: dict[Identifier, AIProfile] = Field(
        min_length=1, description="Ways the computer can play this delegation when no human does."
    )
    default_ai: Identifier | None = Field(
        None, description="Profile used when none is chosen; the first one if omitted."
    )


class Escalation(Strict):
    when: Expression = Field(description="While this holds, the red cell takes extra actions.")
    extra_actions: Annotated[int, Field(ge=-3, le=5)] = Field(
        1, description="Actions added (or, if negative, removed) while the condition holds."
    )
    note: Text | None = Field(None, description="Why this escalation exists (for other authors).")


class CampaignStage(Strict):
    """Pressure the red cell applies every turn of a stretch of the game, whatever the
    partners do: its own agenda, not a reaction."""

    from_turn: Annotated[int, Field(ge=1, le=100)] = Field(
        description="First turn of this stage; it lasts until the next stage begins."
    )
    effect: Effect = Field(
        description=(
            "Changes every turn of the stage (e.g. `{tension: 2, resilience.air: -1}`); "
            "not blunted by resilience."
        )
    )
    note: Text | None = Field(None, description="What the stage stands for, with its record.")
    source: Identifier | None = Field(
        None, description="Id of an entry in `sources` behind this stage."
    )
    confidence: Confidence | None = Field(None, description="How sure the author is of it.")


class RedCellPolicy(Strict):
    actions_per_turn: Annotated[int, Field(ge=0, le=10)] = Field(
        1, description="Gray-zone actions drawn from the event deck each turn."
    )
    max_actions: Annotated[int, Field(ge=0, le=10)] = Field(
        4, description="Never more than this many actions in one turn."
    )
    escalation: list[Escalation] = Field(
        default_factory=list, description="Conditions under which the red cell does more."
    )
    probe_weakest: Annotated[float, Field(ge=1, le=10)] = Field(
        1,
        description=(
            "Weight multiplier for events aimed at the domain with the lowest resilience "
            "(1 = no preference)."
        ),
    )
    probe_exposed: Annotated[float, Field(ge=1, le=10)] = Field(
        1,
        description=(
            "Weight multiplier for events whose `target` is the delegation with the lowest "
            "domestic support, the most exposed partner (1 = no preference)."
        ),
    )
    campaign: list[CampaignStage] = Field(
        default_factory=list,
        max_length=40,
        description=(
            "The red cell's own pressure track, by stage (in turn order): what it does every "
            "turn whatever the partners decide. None by default."
        ),
    )
    aims: dict[str, Annotated[float, Field(ge=-5, le=5)]] = Field(
        default_factory=dict,
        description=(
            "What the red cell wants, as weights over indicators (e.g. `{cooperation: -1, "
            "resilience.political: -1, tension: -0.5}`: a negative weight means it wants the "
            "indicator low). The debrief and the report show how far it got (0-100)."
        ),
    )


class RedCell(Strict):
    role: Literal["red_cell"] = Field(description="The opposing actor, driven by its policy.")
    title: str = Field(max_length=80, description="Name shown to players.")
    short: str | None = Field(
        None, max_length=16, description="Short name for tight spaces and causes, e.g. 'PRC'."
    )
    summary: Text = Field(
        description="Who the opposing actor is and what it wants, in neutral terms."
    )
    colour: str | None = Field(
        None, pattern=r"^#[0-9a-fA-F]{6}$", description="Colour in the UI, '#rrggbb'."
    )
    policy: RedCellPolicy = Field(
        default_factory=RedCellPolicy,
        description="How many gray-zone actions it takes each turn, and when it does more.",
    )


Actor = Annotated[Delegation | RedCell, Field(discriminator="role")]


class Measure(Strict):
    id: Identifier
    title: str = Field(max_length=120, description="Name shown on the measure's card.")
    summary: Text = Field(description="What the measure is and does, in a sentence or two.")
    requires: list[Identifier] = Field(
        min_length=1,
        description="Delegations that must all push in the same turn for full progress.",
    )
    cost: dict[Identifier, Annotated[int, Field(ge=0, le=20)]] = Field(
        description="Capital each delegation spends in a turn it pushes this measure."
    )
    support_cost: dict[Identifier, Annotated[float, Field(ge=-20, le=20)]] = Field(
        default_factory=dict,
        description="Domestic support a delegation loses in each turn it pushes (its constraints).",
    )
    progress: Annotated[int, Field(ge=1, le=40)] = Field(
        description="Progress points needed to adopt the measure."
    )
    prerequisites: list[Identifier] = Field(
        default_factory=list, description="Measures that must be adopted before this one can move."
    )
    provocation: Annotated[float, Field(ge=0, le=10)] = Field(
        1,
        description=(
            "How strongly the red cell objects to this measure (0 = not at all, 1 = the "
            "default). Conditions and weights read the sum over adopted measures as "
            "`provocation`, so an official dialogue can count for more than an office "
            "against disinformation."
        ),
    )
    shields: dict[Identifier, Annotated[float, Field(ge=0, le=0.9)]] = Field(
        default_factory=dict,
        description=(
            "While in force, events in these domains do this share less damage "
            "(e.g. `{information: 0.3}`: 30 % less), on top of resilience. A measure blunts "
            "events; it never switches them off."
        ),
    )
    on_adopt: Effect | None = Field(
        None, description="One-off changes when the measure is adopted."
    )
    in_force: Effect | None = Field(None, description="Changes applied every turn it is in force.")
    reaction: Effect | None = Field(
        None, description="The red cell's immediate response when the measure is adopted."
    )
    source: Identifier | None = Field(None, description="Where the proposal comes from.")
    confidence: Confidence | None = Field(
        None, description="How sure the author is of the measure's modelled effects."
    )


class Event(Strict):
    id: Identifier
    title: str = Field(max_length=120, description="Headline shown in the news feed.")
    text: Text = Field(description="What happened, for the news feed.")
    domain: Identifier = Field(
        description="Gray-zone domain hit; its resilience blunts the damage."
    )
    kind: Literal["coercion", "inducement"] = Field(
        "coercion",
        description=(
            "Coercion (pressure, threats, punishment) or inducement (offers to opposition "
            "parties, business or travellers meant to divide the partners); shown in the news."
        ),
    )
    target: Identifier | None = Field(None, description="Delegation mainly affected.")
    location: Identifier | None = Field(None, description="Where on the map it is marked.")
    when: Expression | None = Field(
        None, description="The event can be drawn only while this holds."
    )
    weight: Annotated[float, Field(ge=0, le=100)] | Expression = Field(
        1.0, description="Relative chance of being drawn: a number or an expression."
    )
    hit: Effect = Field(
        description=(
            "Changes it causes. Resilience in its domain blunts the damage (losses of "
            "resilience, support, cooperation and capital), never the tension it adds."
        )
    )
    suspend: list[Identifier] = Field(
        default_factory=list, description="Measures it knocks out of force for `suspend_turns`."
    )
    suspend_turns: Annotated[int, Field(ge=1, le=20)] = Field(
        1, description="Turns a measure in `suspend` stays out of force."
    )
    setback: dict[Identifier, Annotated[float, Field(gt=0, le=40)]] = Field(
        default_factory=dict,
        description=(
            "Progress points it takes from measures still under way (not yet adopted), e.g. "
            "`{jp_tw_dialogue: 2}`: pressure that delays an initiative. Pair it with "
            "`when: under_way('jp_tw_dialogue')`."
        ),
    )
    source: Identifier | None = Field(
        None, description="Id of an entry in `sources` behind this event."
    )
    confidence: Confidence | None = Field(
        None, description="How sure the author is of this event's effects."
    )


IsoDate = Annotated[
    str,
    Field(
        pattern=r"^\d{4}-\d{2}-\d{2}$",
        description='A calendar date written as text, e.g. "2021-04-16" (quoted).',
    ),
]


class Inject(Strict):
    id: Identifier
    title: str = Field(max_length=120, description="Headline of the inject.")
    text: Text = Field(description="Shown to every delegation when the inject fires.")
    turn: Annotated[int, Field(ge=1, le=100)] | None = Field(
        None, description="Turn on which it fires by itself; omit for facilitator-only injects."
    )
    date: IsoDate | None = Field(
        None,
        description=(
            'The real date of what the inject describes, e.g. "2021-04-16"; with the '
            "scenario's `calendar` it fires on the turn that contains the date (instead of "
            "`turn`). `lint` warns about a date outside the scenario's window."
        ),
    )
    history: bool = Field(
        False,
        description=(
            "Part of the history excursion: fires only in games played with the real "
            'timeline (Setup\'s "Play the real timeline", `play --history`).'
        ),
    )
    when: Expression | None = Field(
        None, description="If given, a scheduled inject fires only if this holds on its turn."
    )
    effects: Effect | None = Field(
        None, description="Changes when it fires (not blunted by resilience)."
    )
    suspend: list[Identifier] = Field(
        default_factory=list, description="Measures it knocks out of force for `suspend_turns`."
    )
    suspend_turns: Annotated[int, Field(ge=1, le=20)] = Field(
        1, description="Turns a measure in `suspend` stays out of force."
    )
    source: Identifier | None = Field(
        None, description="Id of an entry in `sources` behind this inject."
    )
    confidence: Confidence | None = Field(
        None, description="How sure the author is of this inject's effects."
    )


class Outcome(Strict):
    id: Identifier
    title: str = Field(
        max_length=120, description="Name of the outcome band, shown at the debrief."
    )
    epilogue: Text = Field(description="What the outcome means, read at the debrief.")
    when: Expression | None = Field(
        None, description="Chosen if this holds at the end (bands are tried in order)."
    )
    crisis: bool = Field(False, description="This band is the outcome of a crisis ending.")


class Location(Strict):
    title: str = Field(max_length=80, description="Place name shown on the map and in the news.")
    lon: Annotated[float, Field(ge=-180, le=180)] = Field(
        description="Longitude in decimal degrees (east positive)."
    )
    lat: Annotated[float, Field(ge=-90, le=90)] = Field(
        description="Latitude in decimal degrees (north positive)."
    )


MAX_DELEGATIONS = 6  # the most player delegations the window lays out at 1024x600


Longitude = Annotated[float, StrictType(), Field(ge=-180, le=180)]
Latitude = Annotated[float, StrictType(), Field(ge=-90, le=90)]


class MapFrame(Strict):
    """The part of the region the map shows: a longitude/latitude box.

    Its shape is checked with the rest of the file (`game.scenario.references`): west before
    east, south before north, at least `MIN_FRAME_DEGREES` each way, and an aspect (as
    drawn) between 1:`MAX_FRAME_ASPECT` and `MAX_FRAME_ASPECT`:1.
    """

    # The pairs are written as YAML lists; `strict=False` lets a list stand for the tuple
    # while each number in it stays strict.
    lon: tuple[Longitude, Longitude] = Field(
        (114.0, 146.0),
        strict=False,
        description=(
            "West and east edges, in degrees of longitude (east positive); west must be less "
            "than east."
        ),
    )
    lat: tuple[Latitude, Latitude] = Field(
        (12.0, 37.0),
        strict=False,
        description=(
            "South and north edges, in degrees of latitude (north positive); south must be "
            "less than north."
        ),
    )


MIN_FRAME_DEGREES = 5.0  # a smaller box magnifies the base map's simplified coastlines into blobs
MAX_FRAME_ASPECT = 3.0  # a longer box leaves the map a thin strip in the window's map panel


class ProgressRules(Strict):
    all_push: Annotated[float, Field(gt=0, le=20)] = Field(
        2, description="Progress in a turn when every required delegation pushes."
    )
    some_push: Annotated[float, Field(ge=0, le=20)] = Field(
        0.5, description="Progress in a turn when only some required delegations push."
    )
    opposed: Annotated[float, Field(ge=-20, le=0)] = Field(
        -1, description="Progress change in a turn when any delegation opposes (no push counts)."
    )


class Scoring(Strict):
    """How games are scored: the state of the region at the end, and a crisis is a loss."""

    cooperation: Annotated[float, Field(ge=0, le=5)] = Field(
        1, description="Weight of cooperation in the shared score."
    )
    resilience: Annotated[float, Field(ge=0, le=5)] = Field(
        1, description="Weight of mean resilience in the shared score."
    )
    stability: Annotated[float, Field(ge=0, le=5)] = Field(
        1, description="Weight of stability (100 minus tension) in the shared score."
    )
    calm_floor: Annotated[float, Field(ge=1, le=99)] = Field(
        30,
        description=(
            "A game that ends without a crisis scores from this to 100: calm_floor plus "
            "(100 - calm_floor) times the state of the region / 100."
        ),
    )
    crisis_ceiling: Annotated[float, Field(ge=0, le=98)] = Field(
        25,
        description=(
            "A game that ends in crisis scores from 0 to this: crisis_ceiling times the "
            "state of the region / 100. Must be at least 1 below calm_floor, so that any "
            "game without a crisis beats any game with one."
        ),
    )


class Rules(Strict):
    progress: ProgressRules = Field(
        default_factory=ProgressRules, description="How fast measures move when pushed or opposed."
    )
    mitigation: Annotated[float, Field(ge=0, le=1)] = Field(
        0.6,
        description=(
            "How much resilience blunts event losses: a loss is multiplied by "
            "1 - mitigation * resilience/100."
        ),
    )
    oppose_cost: Annotated[int, Field(ge=0, le=20)] = Field(
        1, description="Capital a delegation spends to oppose a measure in a turn."
    )
    drift: Effect | None = Field(
        None, description="Changes every turn regardless of decisions (decay), e.g. tension: -2."
    )
    scoring: Scoring = Field(
        default_factory=Scoring,
        description="Weights of the shared score, and how far a crisis drops a game's score.",
    )


class Calendar(Strict):
    """When the game's turns fall, for injects dated by the real calendar."""

    start: IsoDate = Field(description='First day of turn 1, e.g. "2020-01-01" (quoted).')
    months_per_turn: Annotated[int, Field(ge=1, le=24)] = Field(
        description="Length of a turn in months (3 for quarters, 6 for half-years)."
    )


class Scenario(Strict):
    """A Trilateral scenario file."""

    model_config = ConfigDict(
        **_FORMAT_CONFIG,
        extra="forbid",
        title="Trilateral scenario",
        json_schema_extra={"$id": "https://trilateral.invalid/schema/scenario.schema.json"},
    )

    format: Literal[1] = Field(description="Scenario format version; 1 for this release.")

    @field_validator("format", mode="before")
    @classmethod
    def _format_is_a_number(cls, value: object) -> object:
        # `true == 1` in Python, so the literal alone would take `format: true`
        if isinstance(value, bool):
            raise ValueError(f"the number {FORMAT_VERSION}, not true or false")
        return value

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64, description="Unique name.")
    title: str = Field(max_length=120, description="The scenario's name in the picker.")
    summary: Text = Field(description="Shown in the scenario picker.")
    briefing: Text = Field(description="Shared briefing read to all delegations at the start.")
    turns: Annotated[int, Field(ge=1, le=40)] = Field(description="Number of turns.")
    turn_label: str = Field(
        "Turn", max_length=20, description="What a turn is called, e.g. Quarter."
    )
    start_label: str | None = Field(
        None, max_length=40, description="When the first turn is, e.g. 'Q1 2020'."
    )
    calendar: Calendar | None = Field(
        None,
        description="The real dates of the turns, for dated injects and the history excursion.",
    )
    sources: list[Source] = Field(default_factory=list, description="Works the scenario draws on.")
    locations: dict[Identifier, Location] = Field(
        default_factory=dict, description="Places events can be marked on the map."
    )
    map: MapFrame = Field(
        default_factory=MapFrame,
        description="The map's frame: the longitude/latitude box the window shows.",
    )
    actors: dict[Identifier, Actor] = Field(
        min_length=2, description="Player delegations and the red cell, by id."
    )
    indicators: Indicators = Field(
        description="Cooperation, tension and resilience by domain: where they start."
    )
    rules: Rules = Field(
        default_factory=Rules, description="Progress, mitigation, opposition cost and drift."
    )
    measures: list[Measure] = Field(
        min_length=1, max_length=30, description="The proposals delegations push, hold or oppose."
    )
    events: list[Event] = Field(
        min_length=1, max_length=200, description="The red cell's deck of gray-zone actions."
    )
    injects: list[Inject] = Field(
        default_factory=list,
        max_length=100,
        description="Scripted developments, by turn or by the facilitator's hand.",
    )
    outcomes: list[Outcome] = Field(
        min_length=2, max_length=30, description="Outcome bands, tried in order at the end."
    )

    def delegations(self) -> dict[str, Delegation]:
        return {k: a for k, a in self.actors.items() if isinstance(a, Delegation)}

    def red_cell(self) -> tuple[str, RedCell]:
        return next((k, a) for k, a in self.actors.items() if isinstance(a, RedCell))
