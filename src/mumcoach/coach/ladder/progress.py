"""Progress: each step's status, mastery, what she has shown, and the working step."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from mumcoach.coach.past import Attempt, History, Status, attempts_from, build_history
from mumcoach.vocab import REAL

if TYPE_CHECKING:
    from mumcoach.coach.ladder.evidence import Shown
    from mumcoach.coach.ladder.steps import LadderStep

__all__ = ["REAL", "Attempt", "History", "Status", "attempts_from", "build_history"]


class StepProgress(NamedTuple):
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
    shown: tuple[Shown, ...] = ()  # what she logged that shows it done


def progress(history: History) -> list[StepProgress]:
    """Every ladder step (custom ones included, half-steps not) in her order, with its progress."""
    return [_progress_of(history, step) for step in history.ladder]


def settings_ruled_out(h: History) -> frozenset[str]:
    """The settings she has marked "not for me" in her profile."""
    profile = h.journal.profile
    return frozenset(profile.not_for_me) if profile else frozenset()


def _progress_of(h: History, step: LadderStep) -> StepProgress:
    t = h.track(step)
    # worded as she will be told it: in the one setting it fits that she has left open
    open_ = [s for s in step.settings if s not in settings_ruled_out(h)]
    return StepProgress(
        step=step.worded_for(open_[0]) if len(open_) == 1 else step,
        status=h.status(step),
        attempts=t.attempts,
        skips=t.skips,
        latest_expected=t.latest_expected,
        fear_not_happened=t.fear_not_happened,
        settings_tried=tuple(t.settings_tried),
        planned=t.planned,
        mastered_on=h.attempts[t.mastered_at].date if t.mastered_at is not None else None,
        shown=tuple(h.shown.get(step.id, ())),
    )


# ---- the working step -----------------------------------------------------------------------


def start_position(h: History) -> int:
    """Onboarding's start step (its step, for a half-step) sets the floor; 1 without one."""
    start = h.journal.ladder.start_step
    found = h.steps.get(start) if start else None
    return found.position if found else 1


def covered_by(h: History, shown: Iterable[str]) -> dict[str, str]:
    """Step id -> the shown step that covers it: a step her logs show done covers itself and
    every step below it that is no harder for her (so swapping numbers, difficulty 7, covers
    suggesting a coffee, 7, but going back to a group, 3, does not cover asking an open
    question, 4)."""
    out: dict[str, str] = {}
    for shown_id in sorted(shown, key=lambda i: h.steps[i].position if i in h.steps else 0):
        top = h.steps.get(shown_id)
        if top is None:
            continue
        for step in h.ladder:
            if step.id == top.id or (
                step.position < top.position and step.difficulty <= top.difficulty
            ):
                out[step.id] = top.id
    return out


def done(h: History, step: LadderStep, covered: Mapping[str, str]) -> bool:
    """Mastered by planned tries, or covered by what she logged."""
    return h.mastered(step) or step.id in covered


def working_step(
    h: History, setting: str | None = None, also_shown: tuple[str, ...] = ()
) -> LadderStep | None:
    """The lowest available step at or above the start step that is not done yet (mastered,
    or covered by a step her logs show, `also_shown` included) and (given a `setting`) fits;
    with none above the start, the nearest such step below it. But a harder step she chose
    and did on her latest plan stays her step until it is mastered."""
    floor = start_position(h)
    covered = covered_by(h, (*h.shown, *also_shown))
    open_ = [
        s for s in h.available() if not done(h, s, covered) and (setting is None or s.fits(setting))
    ]
    above = [s for s in open_ if s.position >= floor]
    # with none above her start (ruled out, or nothing there fits here): the nearest below it
    lowest = above[0] if above else open_[-1] if open_ else None
    doing = _latest_done(h, open_)
    if doing is not None and lowest is not None and doing.position > lowest.position:
        return doing  # the harder step she chose and did: again, until it is no big deal
    return lowest


def _latest_done(h: History, open_: list[LadderStep]) -> LadderStep | None:
    """The step of her latest plan she did ("yes, I tried it"), if it is still to master here
    (science.md §1: repeat a step until it is no big deal, then move up)."""
    latest = next((a.step_id for a in reversed(h.attempts) if a.tried == "yes"), None)
    return next((s for s in open_ if s.id == latest), None)


def ladder_position(history: History) -> int:
    """The 1-based position of her working step at the history's cut; one past the top when
    every available step is done."""
    working = working_step(history)
    return working.position if working else len(history.ladder) + 1


def mastered_count(history: History) -> int:
    """How many available ladder steps (half-steps not counted) are mastered."""
    return sum(history.mastered(s) for s in history.available())
