"""The one suggested next step, its easier option and a reason built from her own data."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Literal, NamedTuple

from mumcoach.coach.ladder.progress import (
    covered_by,
    settings_ruled_out,
    start_position,
    working_step,
)
from mumcoach.errors import BadInput
from mumcoach.words import SETTING_PLACES, join_names, quoted

if TYPE_CHECKING:
    from mumcoach.coach.ladder.evidence import Shown
    from mumcoach.coach.ladder.steps import LadderStep
    from mumcoach.coach.past import History
    from mumcoach.content import Content
    from mumcoach.models import Place

Kind = Literal[
    "start",
    "placement",
    "repeat",
    "move-up",
    "shown",
    "new-setting",
    "easier-anxiety",
    "easier-rated",
    "easier-skips",
    "low-energy",
    "all-mastered",
]


# How the coach names each kind of evidence ("swapped numbers with Sarah and Priya").
EVIDENCE_WORDS: dict[str, Callable[[Content, str], str]] = {
    "named-place": lambda c, names: c.say("evidence.named_place", names=names),
    "went-back": lambda c, names: c.say("evidence.went_back", names=names),
    "name-learned": lambda c, names: c.say("evidence.name_learned", names=names),
    "long-chat": lambda c, names: c.say("evidence.long_chat", names=names),
    "knew-her": lambda c, names: c.say("evidence.knew_her", names=names),
    "shared": lambda c, names: c.say("evidence.shared", names=names),
    "numbers": lambda c, names: c.say("evidence.numbers", names=names),
    "follow-up": lambda c, names: c.say("evidence.follow_up", names=names),
    "invited": lambda c, names: c.say("evidence.invited", names=names),
    "meetup": lambda c, names: c.say("evidence.meetup", names=names),
    "hosted": lambda c, names: c.say("evidence.hosted", names=names),
}


class NothingToSuggest(BadInput):
    """Every step is marked "not for me", so there is nothing left to suggest."""


class Suggestion(NamedTuple):
    """One step to try next, with a one-sentence reason built from her own data.

    `title` is the wording she sees in `setting` (the online variant for an online place).
    """

    step_id: str
    title: str
    reason: str
    easier_step_id: str | None
    kind: Kind
    setting: str | None = None


# ---- easier options -------------------------------------------------------------------------


def easier_options(
    h: History, step: LadderStep, setting: str | None = None, done_here: tuple[str, ...] = ()
) -> list[LadderStep]:
    """Smaller versions of `step`, nearest first for a half-step, easiest first for a step:
    its half-steps (a half-step's easier siblings), else the nearest step below. Each is
    genuinely easier (a lower effective difficulty), not ruled out, fits `setting`, and is
    not "find a group" once she has one (`done_here`: the place she is planning for)."""

    def ok(s: LadderStep) -> bool:
        fits = setting is None or s.fits(setting)
        found = s.id in done_here or ("named-place" in s.shown_by and s.id in h.shown)
        return s.difficulty < step.difficulty and not h.out(s) and fits and not found

    parent = h.steps[step.half_of] if step.half_of is not None else step
    halves = sorted((s for s in parent.half_steps if ok(s)), key=lambda s: s.difficulty)
    if halves:
        return halves[::-1] if step.half_of is not None else halves
    below = [s for s in h.available() if s.position < parent.position and ok(s)]
    return below[-1:]


# ---- the suggestion -------------------------------------------------------------------------


def suggest(
    history: History,
    *,
    energy: int | None = None,
    place: Place | None = None,
    setting: str | None = None,
) -> Suggestion:
    """The one step to suggest, by the rule below; every threshold comes from content.rules.

    0. Where: with a place (or a setting), only steps that fit its setting; a named place
       shows "find a group" done (ladder.toml shown_by named-place).
    1. The working step is the lowest available step not yet done (mastered by planned tries,
       or shown by what she logged, rules.toml [evidence]), at or above the start step and
       above the highest step shown. "Not for me" steps, settings and requirements never count.
    2. New setting: if the most recently mastered step has only been tried in one setting, fits
       another that is not "not for me" (today's setting, if given), and no other step has
       been tried since it was mastered, suggest it there once (Craske et al.: vary the setting).
    3. Easier: if the working step's latest expected anxiety is high, her own rating of it is
       high, or it has been skipped `rules.easier.skips` times since its last real attempt,
       suggest its easiest half-step not yet tried since then (else the step below). Once
       those are done, back to the step.
    4. Low energy today: a genuinely easier step; with none, the working step ("just going
       counts"). Never "skip".
    5. Otherwise the working step: "placement", "start", "shown" (her logs moved her up),
       "move-up" (the step below is mastered), "repeat"; all done: the hardest available step
       somewhere new.
    6. With neither place nor setting, a step that fits only one setting she has left open is
       worded (and chosen) for that setting: an online-only mum is never told a room's step.
    """
    found = _suggest(history, energy, place, setting)
    if place is None and setting is None and found.setting is None:
        out_ = settings_ruled_out(history)
        open_ = [s for s in history.steps[found.step_id].settings if s not in out_]
        if len(open_) == 1:
            return _suggest(history, energy, None, open_[0])
    return found


def _suggest(
    history: History, energy: int | None, place: Place | None, setting: str | None
) -> Suggestion:
    h = history
    setting = place.setting if place is not None and place.setting else setting
    if not h.available():
        raise NothingToSuggest(
            'Every step is marked "not for me" right now. Undo one with `mumcoach ladder '
            "not-for-me STEP --undo`, or add your own with `mumcoach ladder add`."
        )
    found_here = shown_here(h, place)
    low = energy is not None and energy <= h.content.rules.energy.low_at_most
    working = working_step(h, setting, found_here)
    if working is None:
        return _all_done(h, setting, energy if low else None, found_here)
    found = _new_setting(h, setting) or _easier(h, working, setting, found_here)
    if found:
        return found
    if low:
        assert energy is not None
        return _low_energy(h, working, energy, setting, found_here)
    return _working(h, working, setting, found_here, place)


def shown_here(h: History, place: Place | None) -> tuple[str, ...]:
    """Steps that planning for this named place shows done (she has found a group)."""
    if place is None:
        return ()
    setting = place.setting
    return tuple(
        s.id
        for s in h.ladder
        if "named-place" in s.shown_by and (setting is None or s.fits(setting))
    )


def _make(
    h: History,
    step: LadderStep,
    kind: Kind,
    reason: str,
    setting: str | None,
    done_here: tuple[str, ...] = (),
) -> Suggestion:
    options = easier_options(h, step, setting, done_here)
    return Suggestion(
        step_id=step.id,
        title=step.worded_for(setting).title,
        reason=reason,
        easier_step_id=options[0].id if options else None,
        kind=kind,
        setting=setting,
    )


def _fresh_settings(h: History, step: LadderStep) -> list[str]:
    """Settings the step fits that she has not tried it in and has not ruled out."""
    out_ = settings_ruled_out(h)
    tried = set(h.track(step).settings_tried)
    return [s for s in step.settings if s not in out_ and s not in tried]


def _new_setting(h: History, setting: str | None) -> Suggestion | None:
    mastered = [s for s in h.available() if h.mastered(s)]
    if not mastered:
        return None
    recent = max(mastered, key=lambda s: (h.track(s).mastered_at or 0, s.position))
    t = h.track(recent)
    assert t.mastered_at is not None
    if len(t.settings_tried) != 1:
        return None
    moved_on = any(a.real and a.step_id != recent.id for a in h.attempts[t.mastered_at + 1 :])
    fresh = _fresh_settings(h, recent)
    if setting is not None:
        fresh = [s for s in fresh if s == setting]
    if moved_on or not fresh:
        return None
    where = SETTING_PLACES.get(fresh[0], fresh[0])
    reason = h.content.say("reason.new_setting", setting=where)
    return _make(h, recent, "new-setting", reason, fresh[0])


def _easier(
    h: History, working: LadderStep, setting: str | None, done_here: tuple[str, ...]
) -> Suggestion | None:
    t = h.track(working)
    rules = h.content.rules.easier
    say = h.content.say
    title = quoted(working.worded_for(setting).title)  # as she saw it there (online: online words)
    since: int
    if t.latest_expected is not None and t.latest_expected >= rules.expected_anxiety_at_least:
        kind: Kind = "easier-anxiety"
        since = t.latest_expected_at if t.latest_expected_at is not None else -1
        reason = say("reason.easier_anxiety", step=title, expected=t.latest_expected)
    elif working.rated and working.difficulty >= rules.expected_anxiety_at_least:
        kind, since = "easier-rated", -1
        reason = say("reason.easier_rated", step=working.title, rating=working.difficulty)
    elif t.skips >= rules.skips:
        kind = "easier-skips"
        since = t.last_skip_at if t.last_skip_at is not None else -1
        reason = say("reason.easier_skips", step=title, skips=t.skips)
    else:
        return None
    for option in easier_options(h, working, setting, done_here):
        if not any(i > since for i in h.track(option).real_at):
            return _make(h, option, kind, reason, setting, done_here)
    return None


def _low_energy(
    h: History,
    working: LadderStep,
    energy: int,
    setting: str | None,
    done_here: tuple[str, ...] = (),
) -> Suggestion:
    options = easier_options(h, working, setting, done_here)
    if options:
        target = options[0]
        title = target.worded_for(setting).title
        reason = h.content.say("reason.low_energy", energy=energy, step=title)
    else:
        target = working
        reason = h.content.say("reason.low_energy_same", energy=energy)
    return _make(h, target, "low-energy", reason, setting, done_here)


def _working(
    h: History,
    working: LadderStep,
    setting: str | None,
    found_here: tuple[str, ...],
    place: Place | None,
) -> Suggestion:
    say = h.content.say
    t = h.track(working)
    if t.attempts:
        reason = say("reason.repeat", attempts=t.attempts, times=_times(t.attempts))
        return _make(h, working, "repeat", reason, setting, found_here)
    below = [s for s in h.ladder if s.position < working.position]
    prev = below[-1] if below else None
    if found_here and place is not None and prev is not None and prev.id in found_here:
        reason = say("reason.found_place", place=place.name)
        return _make(h, working, "shown", reason, setting, found_here)
    shown = _shown_below(h, working)
    if shown:
        return _make(
            h, working, "shown", say("reason.shown", did=_did(h, shown)), setting, found_here
        )
    if not h.attempts and h.journal.ladder.start_step:
        return _make(h, working, "placement", _placement_reason(h, working), setting, found_here)
    if prev is not None and h.mastered(prev):
        pt = h.track(prev)
        reason = say(
            "reason.move_up",
            previous=quoted(prev.worded_for(setting).title),
            times=_times(pt.attempts),
            expected=pt.latest_expected,
            not_happened=_times(pt.fear_not_happened),
        )
        return _make(h, working, "move-up", reason, setting, found_here)
    return _make(h, working, "start", say("reason.start"), setting, found_here)


def _placement_reason(h: History, working: LadderStep) -> str:
    ratings = h.journal.ladder.ratings
    rated_below = [s for s in h.ladder if s.id in ratings and s.position < working.position]
    if not rated_below:
        return h.content.say("reason.start")
    rated = rated_below[-1]
    return h.content.say("reason.placement", rated=rated.title, rating=ratings[rated.id])


def _shown_below(h: History, working: LadderStep) -> Sequence[Shown]:
    """The evidence that moved her working step up, when it did: what covers the step just
    below it, unless her planned tries mastered that step (then "move-up" says so)."""
    below = [s for s in h.ladder if s.position < working.position]
    if not below or h.mastered(below[-1]) or below[-1].position < start_position(h):
        return []
    cover = covered_by(h, h.shown).get(below[-1].id)
    return h.shown[cover] if cover else []


def _did(h: History, shown: Sequence[Shown]) -> str:
    """ "swapped numbers with Sarah and Priya" from the latest kind of evidence shown."""
    kind = shown[-1].kind
    names: list[str] = []
    for s in reversed(shown):
        if s.kind == kind and s.who not in names:
            names.append(s.who)
    return EVIDENCE_WORDS[kind](h.content, join_names(names[:3][::-1]))


def _times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


def _all_done(
    h: History, setting: str | None, energy: int | None, done_here: tuple[str, ...]
) -> Suggestion:
    fitting = [s for s in h.available() if setting is None or s.fits(setting)]
    hardest = fitting[-1] if fitting else h.available()[-1]
    if energy is not None:
        return _low_energy(h, hardest, energy, setting, done_here)
    out_ = settings_ruled_out(h)
    if setting is not None and hardest.fits(setting) and setting not in out_:
        where: str | None = setting
    else:
        choices = _fresh_settings(h, hardest) or [s for s in hardest.settings if s not in out_]
        where = choices[0] if choices else None
    shown = [s for s in h.ladder if s.id in h.shown]
    if all(h.mastered(s) for s in h.available()):
        reason = h.content.say("reason.all_mastered")
    elif shown:  # her logs show the top of the ladder done
        reason = h.content.say("reason.all_shown", did=_did(h, h.shown[shown[-1].id]))
    else:  # every step that fits this place is done
        reason = h.content.say("reason.all_here")
    return _make(h, hardest, "all-mastered", reason, where, done_here)
