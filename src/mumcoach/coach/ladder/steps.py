"""The effective ladder: content and custom steps in her order, with her own ratings."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from mumcoach.content import Content, HalfStep, Step
    from mumcoach.models import CustomStep, Journal

CUSTOM_SOURCE = "your own step"


class LadderStep(NamedTuple):
    """One rung as this person sees it: her own rating applied, her position on her ladder."""

    id: str
    title: str
    difficulty: int  # effective: her rating if she gave one, else the default
    default_difficulty: int
    position: int  # 1-based in the effective order; a half-step shares its step's position
    settings: tuple[str, ...]  # empty for a custom step without settings: fits anywhere
    requires: tuple[str, ...] = ()  # settings it cannot be done without
    shown_by: tuple[str, ...] = ()  # evidence kinds that show it done (ladder.toml)
    safety_behaviour: str | None = None
    if_then: str | None = None
    online: str | None = None
    online_if_then: str | None = None
    online_tips: tuple[str, ...] = ()
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

    def worded_for(self, setting: str | None) -> LadderStep:
        """The step as she sees it in a setting: online, its online wording, if-then and tips."""
        if setting != "online" or not self.online:
            return self
        return self._replace(
            title=self.online,
            if_then=self.online_if_then or self.if_then,
            tips=self.online_tips or self.tips,
            safety_behaviour=None,
        )


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
    step = own._replace(
        requires=tuple(item.requires),
        shown_by=tuple(item.shown_by),
        online=item.online,
        online_if_then=item.online_if_then,
        online_tips=tuple(item.online_tips),
        tips=tuple(item.tips),
        source=item.source,
        custom=False,
    )
    halves = sorted((_half(h, step, ratings) for h in item.half_steps), key=lambda h: h.difficulty)
    return step._replace(half_steps=tuple(halves))


def _half(half: HalfStep, parent: LadderStep, ratings: dict[str, int]) -> LadderStep:
    """A half-step borrows its step's settings, safety behaviour and tips, not its if-then."""
    return LadderStep(
        id=half.id,
        title=half.title,
        difficulty=ratings.get(half.id, half.difficulty),
        default_difficulty=half.difficulty,
        position=parent.position,
        settings=parent.settings,
        requires=tuple(dict.fromkeys((*parent.requires, *half.requires))),
        safety_behaviour=parent.safety_behaviour,
        online=half.online,
        tips=parent.tips,
        online_tips=parent.online_tips,
        source=parent.source,
        half_of=parent.id,
    )


def plan_step_titles(content: Content, journal: Journal) -> dict[str, str]:
    """Plan id -> its step's title as she saw it when planning (online places: online wording)."""
    steps = all_steps(effective_ladder(content, journal))
    settings = {p.id: p.setting for p in journal.places}
    return {
        plan.id: steps[plan.step_id].worded_for(settings.get(plan.place_id or "")).title
        for plan in journal.plans
        if plan.step_id in steps
    }


def all_steps(ladder: Iterable[LadderStep]) -> dict[str, LadderStep]:
    found: dict[str, LadderStep] = {}
    for step in ladder:
        found[step.id] = step
        for half in step.half_steps:
            found[half.id] = half
    return found


def find_step(content: Content, journal: Journal, step_id: str) -> LadderStep:
    """A step, half-step or custom step by id; KeyError if there is none."""
    return all_steps(effective_ladder(content, journal))[step_id]


def is_not_for_me(journal: Journal, step: LadderStep) -> bool:
    """Marked "not for me" by id (or its step is), or every setting it fits is "not for me", or
    it requires a setting that is (hosting requires hosting)."""
    marked = set(journal.ladder.not_for_me)
    if step.id in marked or (step.half_of is not None and step.half_of in marked):
        return True
    settings_out = set(journal.profile.not_for_me) if journal.profile else set()
    if any(s in settings_out for s in step.requires):
        return True
    return bool(step.settings) and all(s in settings_out for s in step.settings)
