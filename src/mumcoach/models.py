"""The journal's shape: pydantic models of everything the person records.

Every record keeps fields it does not know (`extra="allow"`), so a journal written by a
newer minor version, or hand-edited, loses nothing when this version saves it again.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from datetime import time as TimeOfDay
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict

from mumcoach.scales import Minutes as Minutes
from mumcoach.scales import OneToFive as OneToFive
from mumcoach.scales import OneToSeven as OneToSeven
from mumcoach.scales import Percent as Percent
from mumcoach.scales import UclaAnswer as UclaAnswer
from mumcoach.scales import ZeroToTen as ZeroToTen
from mumcoach.text import LINE_BREAKS, NOTHING, clean
from mumcoach.vocab import ANSWERS as ANSWERS
from mumcoach.vocab import REGIONS as REGIONS
from mumcoach.vocab import SETTINGS as SETTINGS
from mumcoach.vocab import STAGES as STAGES
from mumcoach.vocab import Answer as Answer
from mumcoach.vocab import RegionCode, Setting, StartedBy
from mumcoach.vocab import Stage as Stage

SCHEMA_VERSION = 2


# Shown in lists and tables, so kept on one line; other text keeps its line breaks.
ONE_LINE_FIELDS = frozenset(
    {"name", "child", "child_age", "where", "first_met_where", "recurring", "title"}
)


# Every text field of every record: the only fields cleaned as records are made or read, and
# assigned to. tests/test_text_fields.py checks that none is missing.
TEXT_FIELDS = frozenset(
    {
        "age",
        "child",
        "child_age",
        "detail",
        "easier_step_id",
        "fear",
        "first_met_where",
        "follow_up",
        "goal",
        "id",
        "if_then",
        "learned",
        "name",
        "person_id",
        "place_id",
        "plan_id",
        "proud",
        "reason",
        "recurring",
        "safety_behaviour",
        "start_step",
        "step_id",
        "step_text",
        "suggested_step_id",
        "text",
        "title",
        "what",
        "where",
    }
)


def new_id() -> str:
    """A short random id, unique enough for one person's journal and merges between devices."""
    return uuid.uuid4().hex[:12]


class Record(BaseModel):
    """Base of every journal record: validates on assignment and keeps unknown fields.

    Text is cleaned once where it enters (typed, imported or hand-edited): no escape sequence
    stored in a name or detail can ever reach a terminal. One call per record, not one per
    field: reading a years-long journal makes tens of thousands of records.
    """

    # Validators are built when first used, not at import: a command's first question needs
    # none of them, and a run builds only those of the models it reads.
    model_config = ConfigDict(extra="allow", validate_assignment=True, defer_build=True)

    def model_post_init(self, context: Any, /) -> None:
        """`context` may say what cleaning could change in the bytes read (text.may_change)."""
        values = self.__dict__
        if context != NOTHING:
            for name, multiline in _text_fields(type(self), context == LINE_BREAKS):
                value = values[name]
                if value.__class__ is str and not (value.isascii() and value.isprintable()):
                    values[name] = clean(value, multiline=multiline)
        # A record read with every field (as mumcoach writes them) shares one set of field
        # names with its kind: a set of its own costs more memory than all of its values.
        every = _every_field(type(self))
        if len(self.__pydantic_fields_set__) == len(every) and not self.__pydantic_extra__:
            object.__setattr__(self, "__pydantic_fields_set__", every)

    def __setattr__(self, name: str, value: Any) -> None:
        if value.__class__ is str and name in TEXT_FIELDS:
            value = clean(value, multiline=name not in ONE_LINE_FIELDS)
        if name not in type(self).model_fields:  # a new unknown field: a set of its own
            object.__setattr__(self, "__pydantic_fields_set__", set(self.__pydantic_fields_set__))
        super().__setattr__(name, value)


@cache
def _text_fields(model: type[BaseModel], one_line: bool) -> tuple[tuple[str, bool], ...]:
    """The text fields of `model` (only the one-line ones if `one_line`), each with whether
    it keeps its line breaks."""
    wanted = ONE_LINE_FIELDS if one_line else TEXT_FIELDS
    return tuple(
        (name, name not in ONE_LINE_FIELDS) for name in model.model_fields if name in wanted
    )


@cache
def _every_field(model: type[BaseModel]) -> set[str]:
    """All of `model`'s field names: the fields set of a record given every one of them.

    Shared by such records, so never smaller: setting a field adds a name it already holds."""
    return set(model.model_fields)


class Stamped(Record):
    """A record that can change on its own: the store sets `updated_at` whenever it changes."""

    updated_at: datetime | None = None  # when last changed; set by the store on save


# (id(record), field) assigned to since the store began a save: stamps.py reads it, so a save
# finds what changed without comparing every record of a years-long journal (and leaves a
# record whose `updated_at` the change set itself as it set it)
TOUCHED: set[tuple[int, str]] = set()


class Identified(Record):
    """A record in a list: its id matches it between devices (`mumcoach import`)."""

    id: str = Field(default_factory=new_id)
    updated_at: datetime | None = None  # when last changed; set by the store on save

    def __setattr__(self, name: str, value: Any) -> None:
        super().__setattr__(name, value)
        TOUCHED.add((id(self), name))


class Child(Record):
    name: str
    age: str | None = None  # as the person typed it: "8m", "3y", "6w"
    age_as_of: date | None = None


class Profile(Stamped):
    name: str | None = None
    region: RegionCode = "other"
    children: list[Child] = []
    not_for_me: list[Setting] = []
    goal: str | None = None
    created: date
    updated: date | None = None


class CustomStep(Identified):
    title: str
    difficulty: ZeroToTen
    settings: list[Setting] = []
    safety_behaviour: str | None = None
    if_then: str | None = None
    created: date


class Ladder(Stamped):
    ratings: dict[str, ZeroToTen] = {}  # step id -> the person's own 0-10 rating
    not_for_me: list[str] = []  # step ids
    custom_steps: list[CustomStep] = []
    start_step: str | None = None  # where onboarding placed the person


class Schedule(Record):
    """When a place happens: one day (`once`), or every week on `weekdays` (0 is Monday)."""

    kind: Literal["once", "weekly"]
    weekdays: list[Annotated[int, Field(ge=0, le=6)]] = []
    day: date | None = None  # a one-off's day
    at: TimeOfDay | None = None  # the time it starts, if known


class Place(Identified):
    name: str
    setting: Setting | None = None
    recurring: str | None = None  # as she typed it, e.g. "Tuesdays 10:00" (older journals)
    schedule: Schedule | None = None
    created: date
    aliases: list[str] = []  # older names (renamed or merged), so older check-ins still match


class Plan(Identified):
    date: date
    created_at: datetime
    place_id: str | None = None
    setting: Setting | None = None
    time: TimeOfDay | None = None  # when the event starts, if known
    step_id: str
    step_text: str | None = None  # the step as she saw it (its online wording for online)
    suggested_step_id: str | None = None
    reason: str | None = None
    easier_step_id: str | None = None
    if_then: str | None = None
    fear: str | None = None
    likelihood: Percent | None = None
    expected_anxiety: ZeroToTen | None = None
    safety_behaviour: str | None = None
    openers: list[str] = []
    energy: ZeroToTen | None = None
    person_ids: list[str] = []  # people she hopes to see there (they show as "who may be there")
    # Fields whose words the safety screen heard (coach/safety.py): never quoted back as
    # coaching, and a plan with a flagged fear is not counted as an experiment.
    flagged: list[str] = []


class Interaction(Identified):
    person_id: str
    name: str
    child: str | None = None
    child_age: str | None = None
    where: str | None = None
    detail: str | None = None
    minutes: Minutes | None = None
    started_by: StartedBy | None = None
    swapped_numbers: bool = False
    meetup: bool = False
    invited: bool = False
    invited_me: bool = False
    shared: bool = False  # she shared something small and true about herself
    hosted: bool = False  # she had her round (or hosted a get-together)
    liked_them: OneToSeven | None = None
    they_liked_me: OneToSeven | None = None
    follow_up: str | None = None
    follow_up_due: date | None = None
    follow_up_done: date | None = None


class CheckIn(Identified):
    date: date
    created_at: datetime
    plan_id: str | None = None
    tried: Answer | None = None
    actual_anxiety: ZeroToTen | None = None
    fear_came_true: Answer | None = None
    what: str | None = None
    learned: str | None = None
    mood: OneToFive | None = None  # required by the flow; absent only when a crisis stopped it
    energy: ZeroToTen | None = None
    proud: str | None = None
    interactions: list[Interaction] = []
    flagged: list[str] = []  # fields the safety screen heard; never quoted back


class Note(Identified):
    date: date
    text: str


class Person(Identified):
    name: str
    child: str | None = None
    child_age: str | None = None
    child_age_as_of: date | None = None  # the day child_age was given; it grows from there
    created: date
    first_met: date | None = None
    first_met_where: str | None = None
    notes: list[Note] = []
    stage: Stage | None = None  # set by hand; otherwise derived from interactions
    reciprocity_noted: bool = False


class Loneliness(Identified):
    date: date
    answers: list[UclaAnswer] = Field(min_length=3, max_length=3)


class Journal(Record):
    # Strict: a version written as text, true or 2.0 is damage, not a version (store.parse).
    schema_version: Annotated[int, Strict()] = SCHEMA_VERSION
    created_at: datetime | None = None
    profile: Profile | None = None
    ladder: Ladder = Field(default_factory=Ladder)
    places: list[Place] = []
    plans: list[Plan] = []
    checkins: list[CheckIn] = []
    people: list[Person] = []
    loneliness: list[Loneliness] = []
    low_mood_noted: date | None = None  # the low spell whose full message was shown (safety.py)
    ucla_offered: date | None = None  # the last day `review` offered the UCLA check (done or not)
    # one-way marks of forgotten people and their chats (coach.forget.forgotten_mark), so
    # import and undo never bring them back
    forgotten: list[str] = []
    # people and places merged into another (`people merge`, `places merge`): old id → kept id,
    # so an import from another device folds them in again instead of bringing them back
    merged: dict[str, str] = {}


def region_of(journal: Journal) -> RegionCode:
    """Her region for support numbers: the profile's, else "other" (the local emergency number)."""
    return journal.profile.region if journal.profile else "other"
