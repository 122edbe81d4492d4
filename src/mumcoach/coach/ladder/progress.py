"""Attempts and progress: plans joined with check-ins, mastery, and the working step."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal

from mumcoach.coach.ladder.steps import LadderStep, all_steps, effective_ladder, is_not_for_me

if TYPE_CHECKING:
    from mumcoach.content import Content
    from mumcoach.models import Journal, Plan

Status = Literal["new", "trying", "mastered", "not-for-me"]
REAL = ("yes", "partly")  # a "real attempt": the step was tried, at least partly


@dataclass(frozen=True)
class Attempt:
    """A plan joined with its check-in (tried is None until she has checked in)."""

    plan_id: str
    step_id: str
    date: date
    setting: str | None
    expected_anxiety: int | None
    tried: str | None
    fear_came_true: str | None
    actual_anxiety: int | None

    @property
    def real(self) -> bool:
        return self.tried in REAL


def attempts_from(journal: Journal, until: date | None = None) -> list[Attempt]:
    """Every plan dated on or before `until`, oldest first, with its latest check-in by then."""
    checkins = {}
    for checkin in sorted(journal.checkins, key=lambda c: (c.date, c.created_at)):
        if checkin.plan_id and (until is None or checkin.date <= until):
            checkins[checkin.plan_id] = checkin
    plans: list[Plan] = sorted(
        (p for p in journal.plans if until is None or p.date <= until),
        key=lambda p: (p.date, p.created_at),
    )
    out = []
    for plan in plans:
        done = checkins.get(plan.id)
        out.append(
            Attempt(
                plan_id=plan.id,
                step_id=plan.step_id,
                date=plan.date,
                setting=plan.setting,
                expected_anxiety=plan.expected_anxiety,
                tried=done.tried if done else None,
                fear_came_true=done.fear_came_true if done else None,
                actual_anxiety=done.actual_anxiety if done else None,
            )
        )
    return out


@dataclass(frozen=True)
class StepProgress:
    """Where she is with one step. `skips` counts skips since her last real attempt."""

    step: LadderStep
    status: Status
    attempts: int
    skips: int
    latest_expected: int | None
    fear_not_happened: int
    settings_tried: tuple[str, ...]
    planned: int = 0
    mastered_on: date | None = None


@dataclass(frozen=True)
class _Track:
    """One step's history in numbers; indexes point into the full attempts list."""

    attempts: int = 0
    skips: int = 0
    latest_expected: int | None = None
    latest_expected_at: int | None = None
    last_skip_at: int | None = None
    fear_not_happened: int = 0
    settings_tried: tuple[str, ...] = ()
    planned: int = 0
    mastered_at: int | None = None
    real_at: tuple[int, ...] = field(default=())


def _track(step_id: str, attempts: Sequence[Attempt], content: Content) -> _Track:
    """Count one step's attempts and find when (if ever) it was first mastered (science.md §1).

    Mastered: at least `min_attempts` real attempts, the latest expected-anxiety rating at most
    `max_expected_anxiety`, and the feared outcome not happening at least `min_fear_not_happened`
    times. Once reached, mastery is kept: a harder day later does not take it away.
    """
    rule = content.rules.mastery
    n = skips = fnh = planned = 0
    latest: int | None = None
    latest_at: int | None = None
    last_skip: int | None = None
    mastered_at: int | None = None
    settings: list[str] = []
    real_at: list[int] = []
    for i, a in enumerate(attempts):
        if a.step_id != step_id:
            continue
        planned += 1
        if a.expected_anxiety is not None:
            latest, latest_at = a.expected_anxiety, i
        if a.real:
            n, skips = n + 1, 0
            real_at.append(i)
            fnh += a.fear_came_true == "no"
            if a.setting and a.setting not in settings:
                settings.append(a.setting)
        elif a.tried == "no":
            skips, last_skip = skips + 1, i
        if mastered_at is None and (
            n >= rule.min_attempts
            and latest is not None
            and latest <= rule.max_expected_anxiety
            and fnh >= rule.min_fear_not_happened
        ):
            mastered_at = i
    return _Track(
        attempts=n,
        skips=skips,
        latest_expected=latest,
        latest_expected_at=latest_at,
        last_skip_at=last_skip,
        fear_not_happened=fnh,
        settings_tried=tuple(settings),
        planned=planned,
        mastered_at=mastered_at,
        real_at=tuple(real_at),
    )


@dataclass
class LadderState:
    """Everything the rule needs, computed once per call."""

    content: Content
    journal: Journal
    ladder: list[LadderStep]
    attempts: list[Attempt]
    tracks: dict[str, _Track]

    def track(self, step: LadderStep) -> _Track:
        if step.id not in self.tracks:
            self.tracks[step.id] = _track(step.id, self.attempts, self.content)
        return self.tracks[step.id]

    def available(self) -> list[LadderStep]:
        return [s for s in self.ladder if not is_not_for_me(self.journal, s)]

    def mastered(self, step: LadderStep) -> bool:
        return self.track(step).mastered_at is not None

    def status(self, step: LadderStep) -> Status:
        if is_not_for_me(self.journal, step):
            return "not-for-me"
        if self.mastered(step):
            return "mastered"
        return "trying" if self.track(step).planned else "new"


def ladder_state(content: Content, journal: Journal, until: date | None) -> LadderState:
    return LadderState(
        content, journal, effective_ladder(content, journal), attempts_from(journal, until), {}
    )


def progress(content: Content, journal: Journal, until: date | None = None) -> list[StepProgress]:
    """Every ladder step (custom ones included, half-steps not) in her order, with its progress."""
    st = ladder_state(content, journal, until)
    return [_progress_of(st, step) for step in st.ladder]


def _progress_of(st: LadderState, step: LadderStep) -> StepProgress:
    t = st.track(step)
    return StepProgress(
        step=step,
        status=st.status(step),
        attempts=t.attempts,
        skips=t.skips,
        latest_expected=t.latest_expected,
        fear_not_happened=t.fear_not_happened,
        settings_tried=t.settings_tried,
        planned=t.planned,
        mastered_on=st.attempts[t.mastered_at].date if t.mastered_at is not None else None,
    )


# ---- the working step -----------------------------------------------------------------------


def _start_position(st: LadderState) -> int:
    """Onboarding's start step (its step, for a half-step) sets the floor; 1 without one."""
    start = st.journal.ladder.start_step
    found = all_steps(st.ladder).get(start) if start else None
    return found.position if found else 1


def working_step(st: LadderState) -> LadderStep | None:
    """The lowest available step, at or above the start step, that is not mastered yet."""
    floor = _start_position(st)
    for step in st.available():
        if step.position >= floor and not st.mastered(step):
            return step
    return None


def ladder_position(content: Content, journal: Journal, until: date | None = None) -> int:
    """The 1-based position of her working step by `until` (later data ignored); one past the
    top when every available step is mastered."""
    st = ladder_state(content, journal, until)
    working = working_step(st)
    return working.position if working else len(st.ladder) + 1


def mastered_count(content: Content, journal: Journal, until: date | None = None) -> int:
    """How many available ladder steps (half-steps not counted) are mastered by `until`."""
    st = ladder_state(content, journal, until)
    return sum(st.mastered(s) for s in st.available())
