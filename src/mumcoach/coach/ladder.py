"""The ladder's pure core: effective order, progress, mastery and the one suggested next step."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Literal

from mumcoach.errors import BadInput

if TYPE_CHECKING:
    from mumcoach.content import Content, HalfStep, Step
    from mumcoach.models import CustomStep, Journal, Plan

Status = Literal["new", "trying", "mastered", "not-for-me"]
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
REAL = ("yes", "partly")  # a "real attempt": the step was tried, at least partly
CUSTOM_SOURCE = "your own step"
PLACEMENT_TARGETS = (2, 4, 6, 8)  # difficulties of the sample steps onboarding asks about


class NothingToSuggest(BadInput):
    """Every step is marked "not for me", so there is nothing left to suggest."""


# ---- the effective ladder -------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class LadderStep:
    """One rung as this person sees it: her own rating applied, her position on her ladder."""

    id: str
    title: str
    difficulty: int  # effective: her rating if she gave one, else the default
    default_difficulty: int
    position: int  # 1-based in the effective order; a half-step shares its step's position
    settings: tuple[str, ...]  # empty for a custom step without settings: fits anywhere
    safety_behaviour: str | None = None
    if_then: str | None = None
    online: str | None = None
    half_steps: tuple[LadderStep, ...] = ()
    tips: tuple[str, ...] = ()
    source: str = ""
    custom: bool = False
    half_of: str | None = None

    @property
    def rated(self) -> bool:
        """True when her own rating differs from the default."""
        return self.difficulty != self.default_difficulty

    def fits(self, setting: str) -> bool:
        return not self.settings or setting in self.settings


def effective_ladder(content: Content, journal: Journal) -> list[LadderStep]:
    """Content steps and her custom steps in her order, each with its 1-based position.

    Steps she has not re-rated keep the authored order (science.md §8, whose order also carries
    sense: swap numbers before the follow-up message). A re-rated step or a custom step slots in
    by difficulty: before the first step that is harder, or as hard and later in content order
    (custom steps count as after every content step, oldest first).
    """
    ratings = journal.ladder.ratings
    items: list[Step | CustomStep] = [*content.steps, *journal.ladder.custom_steps]
    keys = [(ratings.get(item.id, item.difficulty), i) for i, item in enumerate(items)]
    moved = [
        i
        for i, item in enumerate(items)
        if i >= len(content.steps) or keys[i][0] != item.difficulty
    ]
    order = [i for i in range(len(content.steps)) if i not in moved]
    for i in sorted(moved, key=lambda m: keys[m]):
        at = next((n for n, j in enumerate(order) if keys[j] > keys[i]), len(order))
        order.insert(at, i)
    return [_build(items[i], pos, ratings) for pos, i in enumerate(order, start=1)]


def _build(item: Step | CustomStep, position: int, ratings: dict[str, int]) -> LadderStep:
    from mumcoach.content import Step

    own = LadderStep(
        id=item.id,
        title=item.title,
        difficulty=ratings.get(item.id, item.difficulty),
        default_difficulty=item.difficulty,
        position=position,
        settings=tuple(item.settings),
        safety_behaviour=item.safety_behaviour,
        if_then=item.if_then,
        source=CUSTOM_SOURCE,
        custom=True,
    )
    if not isinstance(item, Step):
        return own
    step = replace(own, online=item.online, tips=tuple(item.tips), source=item.source, custom=False)
    halves = sorted((_half(h, step, ratings) for h in item.half_steps), key=lambda h: h.difficulty)
    return replace(step, half_steps=tuple(halves))


def _half(half: HalfStep, parent: LadderStep, ratings: dict[str, int]) -> LadderStep:
    """A half-step borrows its step's settings, safety behaviour and tips, not its if-then."""
    return LadderStep(
        id=half.id,
        title=half.title,
        difficulty=ratings.get(half.id, half.difficulty),
        default_difficulty=half.difficulty,
        position=parent.position,
        settings=parent.settings,
        safety_behaviour=parent.safety_behaviour,
        tips=parent.tips,
        source=parent.source,
        half_of=parent.id,
    )


def _all_steps(ladder: Iterable[LadderStep]) -> dict[str, LadderStep]:
    found: dict[str, LadderStep] = {}
    for step in ladder:
        found[step.id] = step
        for half in step.half_steps:
            found[half.id] = half
    return found


def find_step(content: Content, journal: Journal, step_id: str) -> LadderStep:
    """A step, half-step or custom step by id; KeyError if there is none."""
    return _all_steps(effective_ladder(content, journal))[step_id]


def is_not_for_me(journal: Journal, step: LadderStep) -> bool:
    """Marked "not for me" by id (or its step is), or every setting it fits is "not for me"."""
    marked = set(journal.ladder.not_for_me)
    if step.id in marked or (step.half_of is not None and step.half_of in marked):
        return True
    settings_out = set(journal.profile.not_for_me) if journal.profile else set()
    return bool(step.settings) and all(s in settings_out for s in step.settings)


# ---- attempts and progress ------------------------------------------------------------------


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
class _State:
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


def _state(content: Content, journal: Journal, until: date | None) -> _State:
    return _State(
        content, journal, effective_ladder(content, journal), attempts_from(journal, until), {}
    )


def progress(content: Content, journal: Journal, until: date | None = None) -> list[StepProgress]:
    """Every ladder step (custom ones included, half-steps not) in her order, with its progress."""
    st = _state(content, journal, until)
    return [_progress_of(st, step) for step in st.ladder]


def _progress_of(st: _State, step: LadderStep) -> StepProgress:
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


def _start_position(st: _State) -> int:
    """Onboarding's start step (its step, for a half-step) sets the floor; 1 without one."""
    start = st.journal.ladder.start_step
    found = _all_steps(st.ladder).get(start) if start else None
    return found.position if found else 1


def _working(st: _State) -> LadderStep | None:
    """The lowest available step, at or above the start step, that is not mastered yet."""
    floor = _start_position(st)
    for step in st.available():
        if step.position >= floor and not st.mastered(step):
            return step
    return None


def ladder_position(content: Content, journal: Journal, until: date | None = None) -> int:
    """The 1-based position of her working step by `until` (later data ignored); one past the
    top when every available step is mastered."""
    st = _state(content, journal, until)
    working = _working(st)
    return working.position if working else len(st.ladder) + 1


def mastered_count(content: Content, journal: Journal, until: date | None = None) -> int:
    """How many available ladder steps (half-steps not counted) are mastered by `until`."""
    st = _state(content, journal, until)
    return sum(st.mastered(s) for s in st.available())


# ---- easier options -------------------------------------------------------------------------


def _previous(st: _State, step: LadderStep) -> LadderStep | None:
    """The available ladder step just below `step` (for a half-step: just below its step)."""
    position = step.position
    below = [s for s in st.available() if s.position < position]
    return below[-1] if below else None


def _easier_options(st: _State, step: LadderStep) -> list[LadderStep]:
    """Smaller versions of `step`, easiest first: its half-steps, else the step below it."""
    if step.half_of is not None:
        parent = _all_steps(st.ladder)[step.half_of]
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


def _halves(st: _State, step: LadderStep) -> list[LadderStep]:
    return [h for h in step.half_steps if not is_not_for_me(st.journal, h)]


def easier_step(content: Content, journal: Journal, step_id: str) -> str | None:
    """The easier option to offer next to a step: its easiest half-step, else the step below."""
    st = _state(content, journal, None)
    options = _easier_options(st, _all_steps(st.ladder)[step_id])
    return options[0].id if options else None


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
    st = _state(content, journal, until)
    available = st.available()
    if not available:
        raise NothingToSuggest(
            'Every step is marked "not for me" right now. Undo one with `mumcoach ladder '
            "not-for-me STEP --undo`, or add your own with `mumcoach ladder add`."
        )
    low = energy is not None and energy <= content.rules.energy.low_at_most
    working = _working(st)
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
    st: _State, step: LadderStep, kind: Kind, reason: str, setting: str | None = None
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


def _fresh_settings(st: _State, step: LadderStep) -> list[str]:
    """Settings the step fits that she has not tried it in and has not ruled out."""
    profile = st.journal.profile
    out_ = set(profile.not_for_me) if profile else set()
    tried = set(st.track(step).settings_tried)
    return [s for s in step.settings if s not in out_ and s not in tried]


def _new_setting(st: _State, working: LadderStep, setting: str | None) -> Suggestion | None:
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


def _easier(st: _State, working: LadderStep, setting: str | None) -> Suggestion | None:
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


def _low_energy(st: _State, working: LadderStep, energy: int) -> Suggestion:
    options = _easier_options(st, working)
    target = options[0] if options else working
    reason = st.content.say("reason.low_energy", energy=energy, step=target.title)
    return _make(st, target, "low-energy", reason)


def _working_step(st: _State, working: LadderStep) -> Suggestion:
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
    st: _State, hardest: LadderStep, energy: int | None, setting: str | None
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


# ---- placement ------------------------------------------------------------------------------


def ratings_for_placement(content: Content) -> list[str]:
    """Sample step ids for onboarding to ask "how hard would this feel, 0–10?".

    For each target difficulty (2, 4, 6, 8) the content step closest to it (ties: the earlier
    step), each step used once, easiest first.
    """
    picked: list[str] = []
    for target in PLACEMENT_TARGETS:
        choices = [
            (abs(s.difficulty - target), i, s.id)
            for i, s in enumerate(content.steps)
            if s.id not in picked
        ]
        if choices:
            picked.append(min(choices)[2])
    return picked


def placement_from_ratings(
    content: Content, journal: Journal, ratings: dict[str, int]
) -> str | None:
    """Where to start, from her 0–10 ratings of the sample steps.

    Walk the rated samples from the easiest up (in her ladder's current order). While each is
    rated "no big deal already" (at most `rules.mastery.max_expected_anxiety`, 3 by default: the
    same bar a mastered step's expected anxiety must clear), the start moves to the first
    available, unmastered step above it. The first sample rated higher stops the walk, so an easy
    rating high up never skips a hard one lower down (start low: Anxiety Canada, science.md §1).
    No easy sample: the easiest available step. None only when every step is "not for me".
    """
    easy_at_most = content.rules.mastery.max_expected_anxiety
    st = _state(content, journal, None)
    available = st.available()
    if not available:
        return None
    by_id = {s.id: s for s in st.ladder}
    samples = sorted((by_id[k] for k in ratings if k in by_id), key=lambda s: s.position)
    floor = 0
    for sample in samples:
        if ratings[sample.id] > easy_at_most:
            break
        floor = sample.position
    if floor == 0:
        return available[0].id
    above = [s for s in available if s.position > floor and not st.mastered(s)]
    return above[0].id if above else available[-1].id
