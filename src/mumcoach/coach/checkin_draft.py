"""The check-in as it is being answered: typed, so a bad value is caught where it is asked;
and the plans it may test."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, ValidationError

from mumcoach.errors import BadInput
from mumcoach.scales import Minutes, OneToFive, OneToSeven, ZeroToTen
from mumcoach.vocab import Answer, StartedBy

if TYPE_CHECKING:
    from mumcoach.models import Journal, Plan


class Answers(BaseModel):
    """Answers so far; every one is checked against the journal's types as it is given."""

    model_config = ConfigDict(validate_assignment=True, extra="forbid", defer_build=True)

    def put(self, key: str, value: Any) -> None:
        """Set one answer; a value the journal could not hold is bad input, named at once."""
        try:
            setattr(self, key, value)
        except ValidationError as exc:
            problem = exc.errors()[0]["msg"].lower()
            raise BadInput(f"{key} can't be kept as given ({problem}).") from None

    def given(self) -> dict[str, Any]:
        """Only the answers that were given (unanswered ones keep the journal's defaults)."""
        return self.model_dump(exclude_unset=True)


class CheckInAnswers(Answers):
    tried: Answer | None = None
    actual_anxiety: ZeroToTen | None = None
    fear_came_true: Answer | None = None
    what: str | None = None
    learned: str | None = None
    mood: OneToFive | None = None
    energy: ZeroToTen | None = None
    proud: str | None = None


class MetAnswers(Answers):
    name: str | None = None
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
    shared: bool = False
    hosted: bool = False
    liked_them: OneToSeven | None = None
    they_liked_me: OneToSeven | None = None
    follow_up: str | None = None
    follow_up_due: date | None = None


TEXT_KEYS = ("what", "learned", "proud")
PERSON_TEXT_KEYS = ("name", "child", "where", "detail", "follow_up")


@dataclass
class MetPerson:
    """One person met, as answered; resolved to a Person when saved."""

    person_id: str | None
    answers: MetAnswers = field(default_factory=MetAnswers)


@dataclass
class CheckInDraft:
    """The whole check-in so far: the day, the plan it tests, the answers, the people met."""

    date: date
    plan: Plan | None
    answers: CheckInAnswers = field(default_factory=CheckInAnswers)
    people: list[MetPerson] = field(default_factory=list)
    flagged: list[str] = field(default_factory=list)  # keys the safety screen heard

    def texts(self) -> dict[str, str | None]:
        """Every free-text answer, by key ("people[0].detail" for a person's), to screen."""
        given = self.answers.given()
        texts: dict[str, str | None] = {k: given.get(k) for k in TEXT_KEYS}
        for i, met in enumerate(self.people):
            person = met.answers.given()
            for key in PERSON_TEXT_KEYS:
                texts[f"people[{i}].{key}"] = person.get(key)
        return texts


def open_plans(
    journal: Journal, day: date, open_days: int, now: datetime | None = None
) -> list[Plan]:
    """Plans a check-in on `day` may test: dated within `open_days` before `day` (or on it),
    not tested by a check-in yet, and begun by `now` (a plan with a start time still to come
    has not happened, so it cannot have been tried: a morning check-in is about yesterday's
    plan, not this afternoon's). That day's first, then newest first."""
    tested = {c.plan_id for c in journal.checkins if c.plan_id}
    earliest = day - timedelta(days=open_days)
    candidates = [
        p
        for p in journal.plans
        if earliest <= p.date <= day and p.id not in tested and not _to_come(p, now)
    ]
    return sorted(candidates, key=lambda p: (p.date == day, p.date, p.created_at), reverse=True)


def _to_come(plan: Plan, now: datetime | None) -> bool:
    """True when the plan starts after `now` (a plan without a time could be any time that day)."""
    if now is None or plan.time is None:
        return False
    return datetime.combine(plan.date, plan.time) > now
