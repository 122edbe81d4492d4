"""The loaded content as one object, with the lookups the coach and the flows need."""

from __future__ import annotations

from pathlib import Path

from mumcoach.content.safety import SafetyContent
from mumcoach.content.schema import (
    Followup,
    Followups,
    HalfStep,
    Ladder,
    Message,
    Messages,
    Opener,
    Openers,
    Questions,
    Region,
    Rules,
    Step,
    Support,
    Ucla,
)


class Content:
    """All coaching content, validated, with lookups the coach and the flows need."""

    def __init__(
        self,
        *,
        ladder: Ladder,
        openers: Openers,
        followups: Followups,
        messages: Messages,
        questions: Questions,
        rules: Rules,
        support: Support,
        safety: SafetyContent,
        ucla: Ucla,
        sources: dict[str, Path],
    ) -> None:
        self.ladder = ladder
        self.steps: list[Step] = list(ladder.step)
        self.openers: list[Opener] = list(openers.opener)
        self.followups: list[Followup] = list(followups.followup)
        self.messages: dict[str, Message] = {m.id: m for m in messages.message}
        self.questions: dict[str, str] = dict(questions.questions)
        self.on_another_day: dict[str, str] = dict(questions.on_another_day)
        self.rules = rules
        self.regions: dict[str, Region] = {r.code: r for r in support.region}
        self.support_source = support.source
        self.recheck_after_days = support.recheck_after_days
        self.safety = safety
        self.ucla = ucla
        self.sources = sources
        self._by_id: dict[str, Step | HalfStep] = {}
        self._parent: dict[str, Step] = {}
        for step in self.steps:
            self._by_id[step.id] = step
            self._parent[step.id] = step
            for half in step.half_steps:
                self._by_id[half.id] = half
                self._parent[half.id] = step

    def step(self, step_id: str) -> Step | HalfStep:
        """A step or half-step by id; KeyError if there is none."""
        return self._by_id[step_id]

    def parent(self, step_id: str) -> Step:
        """The step a half-step belongs to (a step is its own); KeyError if unknown."""
        return self._parent[step_id]

    def number(self, step_id: str) -> int:
        """The 1-based ladder position of a step (a half-step counts as its step)."""
        return self.steps.index(self.parent(step_id)) + 1

    def openers_for(
        self, step_id: str, setting: str | None, n: int = 3, *, rotate: int = 0
    ) -> list[Opener]:
        """Up to n openers, best fit first; `rotate` (e.g. a day number) varies equal fits.

        Order: tagged with the step and the setting; with a nearby step (±2) and the setting;
        with the step; with the setting; with a nearby step; anything else.
        """
        try:
            pos = self.number(step_id)
            near = {s.id for s in self.steps[max(0, pos - 3) : pos + 2]}
            here = {self.parent(step_id).id}
        except KeyError:  # a custom step: fall back on the setting alone
            near, here = set(), set()

        def tier(op: Opener) -> int:
            on_step = bool(here.intersection(op.steps))
            on_near = bool(near.intersection(op.steps))
            in_setting = setting in op.settings
            ranks = (
                on_step and in_setting,
                on_near and in_setting,
                on_step,
                in_setting,
                on_near,
                True,
            )
            return ranks.index(True)

        tiers: dict[int, list[Opener]] = {}
        for op in self.openers:
            tiers.setdefault(tier(op), []).append(op)
        out: list[Opener] = []
        for key in sorted(tiers):
            group = tiers[key]
            shift = rotate % len(group)
            out += group[shift:] + group[:shift]
        return out[:n]

    def followups_for(self, when: str) -> list[Followup]:
        """Follow-up templates for a moment, e.g. "after-first-chat"."""
        return [f for f in self.followups if f.when == when]

    def say(self, message_id: str, **fields: object) -> str:
        """A coach message with its {fields} filled in; KeyError for an unknown id or field."""
        return self.messages[message_id].text.format(**fields)

    def question(self, key: str, day: str | None = None) -> str:
        """The wording of one question; with `day`, its wording for a check-in about that day
        when it has one (ON_ANOTHER_DAY). KeyError if unknown."""
        if day is not None and key in self.on_another_day:
            return self.on_another_day[key].format(day=day)
        return self.questions[key]

    def region(self, code: str) -> Region:
        """A region's support numbers, falling back to "other" for an unknown code."""
        return self.regions.get(code) or self.regions["other"]
