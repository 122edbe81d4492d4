"""The one suggested next step, its easier option and a reason built from her own data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from mumcoach.coach.ladder.progress import LadderState, ladder_state, working_step
from mumcoach.coach.ladder.steps import LadderStep, all_steps, is_not_for_me
from mumcoach.errors import BadInput

if TYPE_CHECKING:
    from mumcoach.content import Content
    from mumcoach.models import Journal

Kind = Literal[
    "start",
    "placement",
    "repeat",
    "move-up",
    "new-setting",
    "easier-anxiety",
    "easier-skips",
    "low-energy",
    "all-mastered",
]


class NothingToSuggest(BadInput):
    """Every step is marked "not for me", so there is nothing left to suggest."""


# ---- easier options -------------------------------------------------------------------------


def _previous(st: LadderState, step: LadderStep) -> LadderStep | None:
    """The available ladder step just below `step` (for a half-step: just below its step)."""
    position = step.position
    below = [s for s in st.available() if s.position < position]
    return below[-1] if below else None


def _easier_options(st: LadderState, step: LadderStep) -> list[LadderStep]:
    """Smaller versions of `step`, easiest first: its half-steps, else the step below it."""
    if step.half_of is not None:
        parent = all_steps(st.ladder)[step.half_of]
        siblings = [h for h in _halves(st, parent) if h.difficulty < step.difficulty]
        if siblings:
            return siblings[::-1]
        prev = _previous(st, parent)
        return [prev] if prev else []
    halves = _halves(st, step)
    if halves:
        return halves
    prev = _previous(st, step)
    return [prev] if prev else []


def _halves(st: LadderState, step: LadderStep) -> list[LadderStep]:
    return [h for h in step.half_steps if not is_not_for_me(st.journal, h)]


# ---- the suggestion -------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    """One step to try next, with a one-sentence reason built from her own data."""

    step_id: str
    title: str
    reason: str
    easier_step_id: str | None
    kind: Kind
    setting: str | None = None


def suggest(
    content: Content,
    journal: Journal,
    *,
    energy: int | None = None,
    until: date | None = None,
    setting: str | None = None,
) -> Suggestion:
    """The one step to suggest, by the rule below; every threshold comes from content.rules.

    1. The working step is the lowest available step not yet mastered, at or above the start
       step onboarding chose. "Not for me" steps and settings are never suggested.
    2. New setting: if the most recently mastered step has only been tried in one setting, fits
       another that is not "not for me" (today's `setting`, if given), and no other step has
       been tried since it was mastered, suggest it there once (Craske et al.: vary the setting).
    3. Easier: if the working step's latest expected anxiety is high, or it has been skipped
       `rules.easier.skips` times since its last real attempt, suggest its easiest half-step not
       yet tried since then (else the step below). Once those are done, back to the step.
    4. Low energy today: the working step's easiest half-step, else the step below, else the
       working step itself. Never "skip".
    5. Otherwise the working step: "placement" (no history yet, placed by onboarding), "start",
       "move-up" (the step below is mastered), "repeat"; all mastered: the hardest available
       step somewhere new.
    """
    st = ladder_state(content, journal, until)
    available = st.available()
    if not available:
        raise NothingToSuggest(
            'Every step is marked "not for me" right now. Undo one with `mumcoach ladder '
            "not-for-me STEP --undo`, or add your own with `mumcoach ladder add`."
        )
    low = energy is not None and energy <= content.rules.energy.low_at_most
    working = working_step(st)
    if working is None:
        return _all_mastered(st, available[-1], energy if low else None, setting)
    for rule in (_new_setting, _easier):
        found = rule(st, working, setting)
        if found:
            return found
    if low:
        assert energy is not None
        return _low_energy(st, working, energy)
    return _working_step(st, working)


def _make(
    st: LadderState, step: LadderStep, kind: Kind, reason: str, setting: str | None = None
) -> Suggestion:
    options = _easier_options(st, step)
    return Suggestion(
        step_id=step.id,
        title=step.title,
        reason=reason,
        easier_step_id=options[0].id if options else None,
        kind=kind,
        setting=setting,
    )


def _fresh_settings(st: LadderState, step: LadderStep) -> list[str]:
    """Settings the step fits that she has not tried it in and has not ruled out."""
    profile = st.journal.profile
    out_ = set(profile.not_for_me) if profile else set()
    tried = set(st.track(step).settings_tried)
    return [s for s in step.settings if s not in out_ and s not in tried]


def _new_setting(st: LadderState, working: LadderStep, setting: str | None) -> Suggestion | None:
    mastered = [s for s in st.available() if st.mastered(s)]
    if not mastered:
        return None
    recent = max(mastered, key=lambda s: (st.track(s).mastered_at or 0, s.position))
    t = st.track(recent)
    assert t.mastered_at is not None
    if len(t.settings_tried) != 1:
        return None
    moved_on = any(a.real and a.step_id != recent.id for a in st.attempts[t.mastered_at + 1 :])
    fresh = _fresh_settings(st, recent)
    if setting is not None:
        fresh = [s for s in fresh if s == setting]
    if moved_on or not fresh:
        return None
    reason = st.content.say("reason.new_setting", step=recent.title, setting=fresh[0])
    return _make(st, recent, "new-setting", reason, fresh[0])


def _easier(st: LadderState, working: LadderStep, setting: str | None) -> Suggestion | None:
    t = st.track(working)
    rules = st.content.rules.easier
    if t.latest_expected is not None and t.latest_expected >= rules.expected_anxiety_at_least:
        kind: Kind = "easier-anxiety"
        since = t.latest_expected_at
        reason = st.content.say(
            "reason.easier_anxiety", step=working.title, expected=t.latest_expected
        )
    elif t.skips >= rules.skips:
        kind, since = "easier-skips", t.last_skip_at
        reason = st.content.say("reason.easier_skips", step=working.title, skips=t.skips)
    else:
        return None
    assert since is not None
    for option in _easier_options(st, working):
        done = st.track(option).real_at
        if not any(i > since for i in done):
            return _make(st, option, kind, reason)
    return None


def _low_energy(st: LadderState, working: LadderStep, energy: int) -> Suggestion:
    options = _easier_options(st, working)
    target = options[0] if options else working
    reason = st.content.say("reason.low_energy", energy=energy, step=target.title)
    return _make(st, target, "low-energy", reason)


def _working_step(st: LadderState, working: LadderStep) -> Suggestion:
    say = st.content.say
    t = st.track(working)
    if not st.attempts and st.journal.ladder.start_step:
        ratings = st.journal.ladder.ratings
        rated_below = [s for s in st.ladder if s.id in ratings and s.position < working.position]
        if rated_below:
            rated = rated_below[-1]
            reason = say(
                "reason.placement", rated=rated.title, rating=ratings[rated.id], step=working.title
            )
        else:
            reason = say("reason.start", step=working.title)
        return _make(st, working, "placement", reason)
    if t.attempts:
        return _make(
            st, working, "repeat", say("reason.repeat", step=working.title, attempts=t.attempts)
        )
    prev = _previous(st, working)
    if prev is not None and st.mastered(prev):
        reason = say(
            "reason.move_up",
            previous=prev.title,
            attempts=st.track(prev).attempts,
            step=working.title,
        )
        return _make(st, working, "move-up", reason)
    return _make(st, working, "start", say("reason.start", step=working.title))


def _all_mastered(
    st: LadderState, hardest: LadderStep, energy: int | None, setting: str | None
) -> Suggestion:
    if energy is not None:
        return _low_energy(st, hardest, energy)
    fresh = _fresh_settings(st, hardest)
    profile = st.journal.profile
    out_ = set(profile.not_for_me) if profile else set()
    fitting = [s for s in hardest.settings if s not in out_]
    if setting is not None and hardest.fits(setting) and setting not in out_:
        where: str | None = setting
    else:
        choices = fresh or fitting
        where = choices[0] if choices else None
    reason = st.content.say("reason.all_mastered", step=hardest.title)
    return _make(st, hardest, "all-mastered", reason, where)
