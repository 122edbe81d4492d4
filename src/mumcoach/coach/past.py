"""Her past, read once per command: attempts, each step's track, people and places seen."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from operator import attrgetter
from typing import TYPE_CHECKING, Literal, NamedTuple, TypeVar

from mumcoach.vocab import REAL

if TYPE_CHECKING:
    from mumcoach.coach.ladder.evidence import Shown
    from mumcoach.coach.ladder.steps import LadderStep
    from mumcoach.content import Content
    from mumcoach.models import CheckIn, Journal, Plan

Status = Literal["new", "shown", "trying", "mastered", "not-for-me"]
_Dated = TypeVar("_Dated", "CheckIn", "Plan")


class Attempt(NamedTuple):
    """A plan joined with its check-in (tried is None until she has checked in)."""

    plan_id: str
    step_id: str
    date: date
    setting: str | None
    expected_anxiety: int | None
    tried: str | None
    fear_came_true: str | None
    actual_anxiety: int | None
    place_id: str | None = None

    @property
    def real(self) -> bool:
        return self.tried in REAL


def attempts_from(journal: Journal, until: date | None = None) -> list[Attempt]:
    """Every plan dated on or before `until`, oldest first, with its latest check-in by then."""
    return _join(_plans(journal, until), _answers(_checkins(journal, until)))


def _checkins(journal: Journal, until: date | None) -> list[CheckIn]:
    """Her check-ins dated on or before `until`, oldest first."""
    return _upto(sorted(journal.checkins, key=_ORDER), until)


def _plans(journal: Journal, until: date | None) -> list[Plan]:
    """Her plans dated on or before `until`, oldest first."""
    return _upto(sorted(journal.plans, key=_ORDER), until)


_ORDER = attrgetter("date", "created_at")  # a plan's or check-in's place in time
_DATE = attrgetter("date")


def _upto(ordered: list[_Dated], until: date | None) -> list[_Dated]:
    """The first of `ordered` (oldest first) dated on or before `until`: sorted first and cut
    after, so a long journal is read once, not twice."""
    return ordered if until is None else ordered[: bisect_right(ordered, until, key=_DATE)]


Answers = tuple[str | None, int | None, str | None]  # tried, actual anxiety, fear came true


def _answers(checkins: Iterable[CheckIn]) -> dict[str, Answers]:
    """Plan id -> what her latest check-in about it (among `checkins`, in order) answered: read
    on the one pass over her check-ins, as a long journal's records are slow to reach again."""
    return {c.plan_id: (c.tried, c.actual_anxiety, c.fear_came_true) for c in checkins if c.plan_id}


def _join(plans: Sequence[Plan], answers: Mapping[str, Answers]) -> list[Attempt]:
    """Each plan (in order) with the `answers` of its latest check-in."""
    return [_attempt(plan, answers.get(plan.id)) for plan in plans]


def _attempt(plan: Plan, done: Answers | None) -> Attempt:
    """One plan with its latest check-in's answers (None: not checked in yet)."""
    if done is None:
        tried = fear = actual = None
    else:
        tried, actual, fear = done
        # a fear the safety screen heard is never an experiment to count
        fear = None if "fear" in plan.flagged else fear
    return Attempt(
        plan.id,
        plan.step_id,
        plan.date,
        plan.setting,
        plan.expected_anxiety,
        tried,
        fear,
        actual,
        plan.place_id,
    )


@dataclass
class Track:
    """One step's history in numbers; indexes point into the full attempts list."""

    attempts: int = 0
    skips: int = 0
    latest_expected: int | None = None
    latest_expected_at: int | None = None
    last_skip_at: int | None = None
    fear_not_happened: int = 0
    fear_tested: int = 0
    fear_came_true_last: int = 0  # how many of the latest real attempts in a row it came true
    settings_tried: list[str] = field(default_factory=list)
    planned: int = 0
    mastered_at: int | None = None
    real_at: list[int] = field(default_factory=list)


def tracks_of(
    attempts: Sequence[Attempt],
    content: Content,
    tracks: dict[str, Track] | None = None,
    start: int = 0,
) -> dict[str, Track]:
    """Every planned step's track, in one pass over the attempts (science.md §1); given the
    `tracks` of the attempts before them, carried on from there (`start`: how many those were).

    Mastered: at least `min_attempts` real attempts, the latest expected-anxiety rating at most
    `max_expected_anxiety`, and the feared outcome not happening at least `min_fear_not_happened`
    times. Once reached, mastery is kept: a harder day later does not take it away.
    """
    rule = content.rules.mastery
    tracks = {} if tracks is None else tracks
    for i, a in enumerate(attempts, start):
        t = tracks.get(a.step_id)
        if t is None:
            t = tracks[a.step_id] = Track()
        t.planned += 1
        if a.expected_anxiety is not None:
            t.latest_expected, t.latest_expected_at = a.expected_anxiety, i
        if a.tried in REAL:
            t.attempts, t.skips = t.attempts + 1, 0
            t.real_at.append(i)
            if a.fear_came_true is not None:
                t.fear_tested += 1
                t.fear_not_happened += a.fear_came_true == "no"
                came_true = a.fear_came_true != "no"
                t.fear_came_true_last = t.fear_came_true_last + 1 if came_true else 0
            if a.setting and a.setting not in t.settings_tried:
                t.settings_tried.append(a.setting)
        elif a.tried == "no":
            t.skips, t.last_skip_at = t.skips + 1, i
        if t.mastered_at is None and (
            t.attempts >= rule.min_attempts
            and t.latest_expected is not None
            and t.latest_expected <= rule.max_expected_anxiety
            and t.fear_not_happened >= rule.min_fear_not_happened
        ):
            t.mastered_at = i
    return tracks


def _copied(tracks: dict[str, Track]) -> dict[str, Track]:
    """Tracks to carry on folding apart from the originals."""
    return {
        step_id: replace(t, settings_tried=list(t.settings_tried), real_at=list(t.real_at))
        for step_id, t in tracks.items()
    }


class History(NamedTuple):
    """Everything the coach reads from her journal up to `until`, built once per command."""

    content: Content
    journal: Journal
    until: date | None
    ladder: list[LadderStep]
    steps: dict[str, LadderStep]
    attempts: list[Attempt]
    tracks: dict[str, Track]
    checkins: list[CheckIn]  # up to `until`, oldest first
    ruled_out: frozenset[str]  # step and half-step ids that are "not for me"
    shown: dict[str, Sequence[Shown]]  # step id -> what she logged that shows it done

    def track(self, step: LadderStep) -> Track:
        return self.tracks.get(step.id) or Track()

    def out(self, step: LadderStep) -> bool:
        """Ruled out: "not for me" by id, by every setting it fits, or by what it requires."""
        return step.id in self.ruled_out

    def available(self) -> list[LadderStep]:
        return [s for s in self.ladder if not self.out(s)]

    def mastered(self, step: LadderStep) -> bool:
        return self.track(step).mastered_at is not None

    def status(self, step: LadderStep) -> Status:
        if self.out(step):
            return "not-for-me"
        if self.mastered(step):
            return "mastered"
        if step.id in self.shown:
            return "shown"
        return "trying" if self.track(step).planned else "new"

    def visits(self, place_id: str | None) -> int:
        """Plans for this place that she went to (at least partly), before `until`."""
        return sum(1 for a in self.attempts if place_id and a.place_id == place_id and a.real)


def build_history(content: Content, journal: Journal, until: date | None = None) -> History:
    """Read the journal once, ignoring anything dated after `until`."""
    return _histories(content, journal, until, None)[0]


def history_and_before(
    content: Content, journal: Journal, until: date, cut: date
) -> tuple[History, History]:
    """`build_history` at `until` and at an earlier `cut` (a review's "before"), from one read
    of her records: the cut's attempts differ only where a check-in after the cut changed them."""
    now, before = _histories(content, journal, until, cut if cut <= until else None)
    return now, before or build_history(content, journal, cut)


def _histories(
    content: Content, journal: Journal, until: date | None, cut: date | None
) -> tuple[History, History | None]:
    """The history at `until` and, given a `cut` no later than `until`, the history at the cut."""
    from mumcoach.coach.ladder.evidence import evidence_at, shown_steps
    from mumcoach.coach.ladder.steps import all_steps, effective_ladder, is_not_for_me

    ladder = effective_ladder(content, journal)
    steps = all_steps(ladder)
    ruled_out = frozenset(i for i, s in steps.items() if is_not_for_me(journal, s))
    plans, checkins = _plans(journal, until), _checkins(journal, until)
    attempts = _join(plans, _answers(checkins))
    cuts: list[tuple[date | None, list[CheckIn], list[Attempt]]] = [(until, checkins, attempts)]
    if cut is None:
        tracks, same = [tracks_of(attempts, content)], len(attempts)
    else:
        n = bisect_right(checkins, cut, key=_DATE)
        k = bisect_right(plans, cut, key=_DATE)
        same, changed = _attempts_at(plans[:k], attempts, checkins, n)
        cuts.append((cut, checkins[:n], attempts[:same] + changed))
        # both folds share the attempts before the first that a later check-in changed
        shared = tracks_of(attempts[:same], content)
        tracks = [tracks_of(attempts[same:], content, _copied(shared), same)]
        tracks.append(tracks_of(changed, content, shared, same))
    kinds = evidence_at(journal, checkins, until, [(day, tried) for day, _, tried in cuts], same)
    out = [
        History(
            content=content,
            journal=journal,
            until=day,
            ladder=ladder,
            steps=steps,
            attempts=tried,
            tracks=folded,
            checkins=seen,
            ruled_out=ruled_out,
            shown=shown_steps(ladder, shown, content.rules.evidence),
        )
        for (day, seen, tried), folded, shown in zip(cuts, tracks, kinds, strict=True)
    ]
    return out[0], out[1] if cut is not None else None


def _attempts_at(
    plans: list[Plan], attempts: list[Attempt], checkins: list[CheckIn], n: int
) -> tuple[int, list[Attempt]]:
    """The attempts of `plans` as they stood with only the first `n` check-ins made: how many
    of the first are the same, and the rest, each plan whose latest check-in came later joined
    with its latest one by then."""
    later = {c.plan_id for c in checkins[n:] if c.plan_id}
    same = next((i for i, plan in enumerate(plans) if plan.id in later), None) if later else None
    if same is None:
        return len(plans), []
    latest = _answers(c for c in checkins[:n] if c.plan_id in later)
    return same, [
        _attempt(plan, latest.get(plan.id)) if plan.id in later else a
        for plan, a in zip(plans[same:], attempts[same:], strict=False)
    ]
