"""A plan's own words and its save: the chosen step's reason, fitting openers and cues."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as TimeOfDay
from typing import TYPE_CHECKING

from mumcoach.coach.ladder import Suggestion
from mumcoach.models import Journal, Place, Plan

if TYPE_CHECKING:
    from mumcoach.coach.ladder import LadderStep
    from mumcoach.coach.past import History
    from mumcoach.content import Content


@dataclass
class PlanDraft:
    """What the person chose; becomes a Plan (and maybe a new Place) in one save."""

    date: date
    suggestion: Suggestion
    place: Place | None = None
    place_is_new: bool = False
    time: TimeOfDay | None = None
    step_id: str | None = None
    step_text: str | None = None  # the step as she saw it (the online wording online)
    reason: str | None = None  # why this step: the suggestion's reason, or why she chose it
    if_then: str | None = None
    fear: str | None = None
    likelihood: int | None = None
    expected_anxiety: int | None = None
    energy: int | None = None
    safety_behaviour: str | None = None
    openers: list[str] = field(default_factory=list)
    person_ids: list[str] = field(default_factory=list)  # people she hopes to see there
    flagged: list[str] = field(default_factory=list)  # answers the safety screen heard

    def texts(self) -> dict[str, str | None]:
        """Her free-text answers, by key, for the safety screen."""
        place = self.place if self.place_is_new else None
        return {
            "if_then": self.if_then,
            "fear": self.fear,
            "place": place.name if place else None,
            "recurring": place.recurring if place else None,
        }


def find_place(journal: Journal, name: str) -> Place | None:
    wanted = " ".join(name.split()).casefold()
    return next((p for p in journal.places if p.name.casefold() == wanted), None)


def next_place(journal: Journal, after: date) -> Place | None:
    """Where she is likely to go next: the soonest scheduled place after `after`, else the
    place of her latest plan (so the check-in's "next time" is what the next plan will say)."""
    from mumcoach.schedule import next_occurrence, schedule_of

    soonest: tuple[date, Place] | None = None
    start = datetime.combine(after + timedelta(days=1), datetime.min.time())
    for place in journal.places:
        schedule = schedule_of(place, after)
        day = next_occurrence(schedule, start) if schedule else None
        if day is not None and (soonest is None or day < soonest[0]):
            soonest = (day, place)
    if soonest is not None:
        return soonest[1]
    latest = max(journal.plans, key=lambda p: (p.date, p.created_at), default=None)
    if latest is None or latest.place_id is None:
        return None
    return next((p for p in journal.places if p.id == latest.place_id), None)


def step_reason(
    history: History,
    suggestion: Suggestion,
    step: LadderStep,
    instead_of: LadderStep | None = None,
) -> str:
    """Why this step: the suggestion's own reason, or (for a step she picked) why it fits;
    `instead_of`: the step she swapped for this gentler one."""
    say = history.content.say
    if step.id == suggestion.step_id:
        return suggestion.reason
    if instead_of is not None:
        return say("reason.chosen_easier", step=instead_of.title)
    if step.id == suggestion.easier_step_id:
        return say("reason.chosen_easier", step=suggestion.title)
    return say("reason.chosen")


def openers_for_plan(
    content: Content, step_id: str, setting: str | None, day: date, *, familiar: bool
) -> list[str]:
    """Three openers that fit the place's setting, whether she has been there before and the
    day (no "every Monday a marathon" on a Saturday)."""
    visit = "returning" if familiar else "first"
    weekday = f"{day:%A}".lower()
    fitting = [
        o
        for o in content.openers_for(step_id, setting, len(content.openers), rotate=day.toordinal())
        if (setting is None or setting in o.settings)
        and o.visit in (None, visit)
        and o.weekday in (None, weekday)
    ]
    return [o.text for o in fitting[:3]]


def cue_lines(content: Content, setting: str | None, safety_behaviour: str | None) -> list[str]:
    """The "Remember" lines: what to drop, then the two cues, worded for an online place."""
    if setting == "online":
        lines = [content.say("cue.acceptance_online"), content.say("cue.names_online")]
    else:
        lines = [content.say("cue.acceptance"), content.say("cue.names")]
    if safety_behaviour:
        lines.insert(0, content.say("cue.drop_safety", behaviour=safety_behaviour))
    return lines


def fresh_tips(tips: Sequence[str], said: Sequence[str]) -> list[str]:
    """Tips that do not repeat what the card already says (no "smile first" twice)."""

    def trigrams(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"[a-z']+", text.lower())
        return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}

    seen: set[tuple[str, ...]] = set()
    for line in said:
        seen |= trigrams(line)
    return [t for t in tips if not trigrams(t) & seen]


def apply_plan(journal: Journal, draft: PlanDraft, now: datetime) -> Plan:
    """Add the plan (and a new place, if one was named) to the journal."""
    place = draft.place
    if place is not None and draft.place_is_new:
        existing = find_place(journal, place.name)  # another run may have added it meanwhile
        if existing is None:
            journal.places.append(place)
        else:
            place = existing
    step_id = draft.step_id or draft.suggestion.step_id
    plan = Plan(
        date=draft.date,
        time=draft.time,
        created_at=now,
        place_id=place.id if place else None,
        setting=place.setting if place else None,
        step_id=step_id,
        step_text=draft.step_text,
        suggested_step_id=draft.suggestion.step_id,
        reason=draft.reason or draft.suggestion.reason,
        easier_step_id=draft.suggestion.easier_step_id,
        if_then=draft.if_then,
        fear=draft.fear,
        likelihood=draft.likelihood,
        expected_anxiety=draft.expected_anxiety,
        safety_behaviour=draft.safety_behaviour,
        openers=draft.openers,
        energy=draft.energy,
        person_ids=draft.person_ids,
        flagged=draft.flagged,
    )
    journal.plans.append(plan)
    return plan


def save_plan(
    journal: Journal, draft: PlanDraft, content: Content, now: datetime, today: date
) -> Plan:
    """Everything one plan save changes: a quiet profile on a first scripted run, the words
    the safety screen flagged (never quoted back), the plan and any new place."""
    from mumcoach.coach.profile import default_profile
    from mumcoach.coach.safety import child_names, flagged

    default_profile(journal, today)
    draft.flagged = flagged(draft.texts(), content.safety, child_names(journal))
    return apply_plan(journal, draft, now)
