"""The shape of each content file (prompts/*.toml) as strict pydantic models."""

import re
import string
from datetime import date, time
from typing import Annotated, Literal, Self, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from mumcoach.vocab import EVIDENCE_KINDS as EVIDENCE_KINDS
from mumcoach.vocab import REGIONS as REGIONS
from mumcoach.vocab import SETTINGS as SETTINGS
from mumcoach.vocab import EvidenceKind as EvidenceKind
from mumcoach.vocab import RegionCode as RegionCode
from mumcoach.vocab import Setting as Setting

OpenerStage = Literal["hello", "getting-to-know", "again", "closer"]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
OPENER_STAGES: tuple[OpenerStage, ...] = get_args(OpenerStage)
FollowupWhen = Literal[
    "after-first-chat",
    "after-numbers",
    "after-meetup",
    "before-next-session",
    "missed-her",
    "been-a-while",
    "no-reply-yet",
]
FOLLOWUP_WHENS: tuple[FollowupWhen, ...] = get_args(FollowupWhen)


def placeholders(template: str) -> set[str]:
    """The `{field}` names a str.format template uses (ValueError if it is malformed)."""
    names = set()
    for _, field, _, _ in string.Formatter().parse(template):
        if field is None:
            continue
        if not field.isidentifier():
            raise ValueError(f"placeholder {{{field}}} must be a plain name like {{step}}")
        names.add(field)
    return names


def _template(value: str) -> str:
    placeholders(value)
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Template = Annotated[Text, AfterValidator(_template)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
MessageId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")]
Difficulty = Annotated[int, Field(ge=0, le=10)]
Source = Text


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


# ---- ladder ---------------------------------------------------------------------------------


class HalfStep(_Strict):
    id: Slug
    title: Text
    difficulty: Difficulty
    requires: tuple[Setting, ...] = ()  # besides what its step requires
    online: Text | None = None


class Step(_Strict):
    id: Slug
    title: Text
    difficulty: Difficulty
    settings: tuple[Setting, ...] = Field(min_length=1)
    requires: tuple[Setting, ...] = ()  # ruled out with any of these, wherever it fits
    shown_by: tuple[EvidenceKind, ...] = ()
    safety_behaviour: Text | None = None
    if_then: Text
    online: Text | None = None
    online_if_then: Text | None = None
    online_tips: tuple[Text, ...] = Field(default=(), max_length=3)
    half_steps: tuple[HalfStep, ...] = ()
    tips: tuple[Text, ...] = Field(min_length=1, max_length=3)
    source: Source

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.difficulty >= 6 and not self.half_steps:
            raise ValueError(f"a step of difficulty {self.difficulty} needs at least one half-step")
        for half in self.half_steps:
            if half.difficulty >= self.difficulty:
                raise ValueError(f"half-step {half.id!r} must be easier than its step")
        for plan in (self.if_then, self.online_if_then):
            if plan is not None and not re.match(r"^If .+, then I\b", plan, re.DOTALL):
                raise ValueError('if_then and online_if_then must read "If …, then I\'ll …"')
        if len(set(self.settings)) != len(self.settings):
            raise ValueError("settings lists a setting twice")
        return self


class Ladder(_Strict):
    source: Source
    step: tuple[Step, ...] = Field(min_length=1)


# ---- openers, follow-ups, messages, questions -----------------------------------------------


class Opener(_Strict):
    id: Slug
    text: Text
    stage: OpenerStage
    steps: tuple[Slug, ...] = Field(min_length=1)
    settings: tuple[Setting, ...] = Field(min_length=1)
    visit: Literal["first", "returning"] | None = None
    weekday: Weekday | None = None  # says what day it is: shown only for a plan on that day


class Openers(_Strict):
    source: Source
    opener: tuple[Opener, ...] = Field(min_length=1)


class Followup(_Strict):
    id: Slug
    text: Template
    when: FollowupWhen
    source: Source

    @model_validator(mode="after")
    def _check(self) -> Self:
        extra = placeholders(self.text) - {"name", "child"}
        if extra:
            raise ValueError(f"text may only use {{name}} and {{child}}, not {{{min(extra)}}}")
        return self


class Followups(_Strict):
    followup: tuple[Followup, ...] = Field(min_length=1)


class Message(_Strict):
    id: MessageId
    text: Template
    source: Source


class Messages(_Strict):
    message: tuple[Message, ...] = Field(min_length=1)


class Questions(_Strict):
    questions: dict[Key, Text]
    on_another_day: dict[Key, Template]  # a check-in about another day: {day} names it


# ---- rules ----------------------------------------------------------------------------------


class Mastery(_Strict):
    min_attempts: int = Field(ge=1)
    max_expected_anxiety: int = Field(ge=0, le=10)
    min_fear_not_happened: int = Field(ge=0)
    source: Source


class Easier(_Strict):
    expected_anxiety_at_least: int = Field(ge=0, le=10)
    skips: int = Field(ge=1)
    source: Source


class Energy(_Strict):
    low_at_most: int = Field(ge=0, le=10)
    source: Source


class Reciprocity(_Strict):
    unreturned_invitations: int = Field(ge=1)
    source: Source


class LowMood(_Strict):
    mood_at_most: int = Field(ge=1, le=5)
    days: int = Field(ge=1)
    window_days: int = Field(ge=1)
    source: Source

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.days > self.window_days:
            raise ValueError("days cannot be more than window_days")
        return self


class Hours(_Strict):
    casual: int = Field(gt=0)
    friend: int = Field(gt=0)
    close: int = Field(gt=0)
    source: Source

    @model_validator(mode="after")
    def _check(self) -> Self:
        if not self.casual < self.friend < self.close:
            raise ValueError("hours must grow: casual < friend < close")
        return self


class EvidenceRules(_Strict):
    times: int = Field(ge=1)
    first_time: tuple[EvidenceKind, ...] = ()
    source: Source


class PlanRules(_Strict):
    open_days: int = Field(ge=0)
    source: Source


class ReviewRules(_Strict):
    days: int = Field(ge=1)
    source: Source


class UclaRules(_Strict):
    min_days_between: int = Field(ge=0)
    source: Source


class CalendarRules(_Strict):
    event_minutes: int = Field(default=60, ge=1, le=24 * 60)
    morning_reminder: time = time(8, 0)
    source: Source = "a product default, not a finding"


class Rules(_Strict):
    mastery: Mastery
    easier: Easier
    energy: Energy
    reciprocity: Reciprocity
    low_mood: LowMood
    hours: Hours
    evidence: EvidenceRules
    plan: PlanRules
    review: ReviewRules
    ucla: UclaRules
    # optional: older override files lack it (made when needed: a model made at import costs)
    calendar: CalendarRules = Field(default_factory=CalendarRules)


# ---- support, safety, UCLA ------------------------------------------------------------------


class SupportLine(_Strict):
    name: Text
    contact: Text
    note: Text | None = None
    # The day someone checked this number against the service's own site; None: not yet.
    last_verified: date | None = None


class Region(_Strict):
    code: RegionCode
    name: Text
    emergency: Text
    emergency_note: Text | None = None
    emergency_last_verified: date | None = None
    services: Text  # who to see about low mood, as people there say it
    lines: tuple[SupportLine, ...] = ()

    def numbers(self) -> list[tuple[str, date | None]]:
        """Every number shown for the region, with the day it was last checked (None: never)."""
        numbers = [(f"{line.name} {line.contact}", line.last_verified) for line in self.lines]
        if any(ch.isdigit() for ch in self.emergency):  # not "your local emergency number"
            numbers.insert(0, (f"emergency {self.emergency}", self.emergency_last_verified))
        return numbers

    def last_verified(self) -> date | None:
        """The day every number here had been checked by, or None while one never was."""
        days = [day for _, day in self.numbers()]
        if not days or any(day is None for day in days):
            return None
        return min(day for day in days if day is not None)


class Support(_Strict):
    source: Source
    recheck_after_days: int = Field(default=365, ge=1)  # `doctor` warns about older checks
    region: tuple[Region, ...] = Field(min_length=1)


class UclaAnswer(_Strict):
    value: int = Field(ge=1, le=3)
    label: Text


class Ucla(_Strict):
    source: Source
    intro: Text
    note: Text
    skip: Text = "Not now"  # the choice that leaves the check for another time
    items: tuple[Text, Text, Text]
    answers: tuple[UclaAnswer, UclaAnswer, UclaAnswer]

    @model_validator(mode="after")
    def _check(self) -> Self:
        if [a.value for a in self.answers] != [1, 2, 3]:
            raise ValueError("answers must be valued 1, 2, 3 in that order")
        return self
