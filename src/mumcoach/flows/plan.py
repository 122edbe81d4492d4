"""The plan flow (`mumcoach plan`): a place, one suggested step, an if-then plan, a prediction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from mumcoach.coach.ladder import (
    LadderStep,
    Suggestion,
    effective_ladder,
    find_step,
    is_not_for_me,
    suggest,
)
from mumcoach.content import Content
from mumcoach.errors import BadInput
from mumcoach.flows.ask import Asker, CrisisStop, check_date
from mumcoach.flows.onboarding import SETTING_TITLES
from mumcoach.flows.people import ask_see
from mumcoach.flows.places import known_place_or_new
from mumcoach.models import SETTINGS, Journal, Place, Plan
from mumcoach.prompter import Choice
from mumcoach.text import short

PLAN_KEYS = (
    "date",
    "place",
    "setting",
    "recurring",
    "step",
    "if_then",
    "fear",
    "likelihood",
    "expect",
    "energy",
    "see",
)
NEW_PLACE = "__new__"
OTHER_STEP = "__other__"


@dataclass
class PlanDraft:
    """What the person chose; becomes a Plan (and maybe a new Place) in one save."""

    date: date
    suggestion: Suggestion
    place: Place | None = None
    place_is_new: bool = False
    step_id: str | None = None
    if_then: str | None = None
    fear: str | None = None
    likelihood: int | None = None
    expected_anxiety: int | None = None
    energy: int | None = None
    safety_behaviour: str | None = None
    openers: list[str] = field(default_factory=list)
    person_ids: list[str] = field(default_factory=list)


def find_place(journal: Journal, name: str) -> Place | None:
    wanted = name.strip().casefold()
    return next((p for p in journal.places if p.name.casefold() == wanted), None)


def place_title(place: Place) -> str:
    return f"{place.name} ({place.recurring})" if place.recurring else place.name


def ask_plan(asker: Asker, content: Content, journal: Journal, today: date) -> PlanDraft:
    """Ask the plan questions in order; the suggestion uses today's energy and the place."""
    q = content.question
    when = check_date("date", asker.answers["date"], today) if asker.given("date") else today
    place, is_new = _ask_place(asker, content, journal, today)
    energy = asker.scale("energy", q("energy"), 0, 10)
    setting = place.setting if place else None
    suggestion = suggest(content, journal, energy=energy, until=when, setting=setting)
    draft = PlanDraft(
        date=when, suggestion=suggestion, place=place, place_is_new=is_new, energy=energy
    )
    draft.person_ids = ask_see(asker, content, journal, place, today)
    step = _ask_step(asker, content, journal, suggestion)
    draft.step_id = step.id
    draft.safety_behaviour = step.safety_behaviour
    try:
        draft.if_then = asker.text("if_then", q("if_then"), default=step.if_then)
        draft.fear = asker.text("fear", q("fear"))
    except CrisisStop as stop:
        setattr(draft, stop.key, stop.value)
        stop.partial = draft
        raise
    draft.likelihood = asker.number("likelihood", q("likelihood"), 0, 100)
    draft.expected_anxiety = asker.scale("expect", q("expect"), 0, 10)
    easier = _offer_easier(asker, content, journal, step, draft.expected_anxiety)
    if easier is not None:
        draft.step_id = easier.id
        step = easier
    draft.safety_behaviour = step.safety_behaviour
    rotate = when.toordinal()
    draft.openers = [o.text for o in content.openers_for(step.id, setting, 3, rotate=rotate)]
    return draft


def _ask_place(
    asker: Asker, content: Content, journal: Journal, today: date
) -> tuple[Place | None, bool]:
    q = content.question
    setting_choices = [Choice(s, SETTING_TITLES[s]) for s in SETTINGS]
    if asker.given("place"):
        name = str(asker.answers["place"]).strip()
        new_ok = asker.given("setting")  # a setting describes a new place
        known = known_place_or_new(asker, content, journal, name, today, new_ok=new_ok)
        if known is not None:
            return known, False
        setting = asker.select("setting", q("place_setting"), setting_choices)
        recurring = asker.text("recurring", q("recurring"))
        return Place(name=name, setting=setting, recurring=recurring, created=today), True
    if not asker.interactive:
        return None, False
    choices = [Choice(p.id, place_title(p)) for p in journal.places]
    choices.append(Choice(NEW_PLACE, "Somewhere new…"))
    picked = asker.select("place", q("place"), choices, default=choices[0].value)
    if picked != NEW_PLACE:
        return next(p for p in journal.places if p.id == picked), False
    name = asker.text("new_place", q("new_place"), required=True) or ""
    setting = asker.select("setting", q("place_setting"), setting_choices)
    recurring = asker.text("recurring", q("recurring"))
    return Place(name=name, setting=setting, recurring=recurring, created=today), True


def _ask_step(
    asker: Asker, content: Content, journal: Journal, suggestion: Suggestion
) -> LadderStep:
    if asker.given("step"):
        return _known_step(content, journal, str(asker.answers["step"]))
    if not asker.interactive:
        return find_step(content, journal, suggestion.step_id)
    choices = [Choice(suggestion.step_id, f"{suggestion.title}  (suggested)")]
    if suggestion.easier_step_id:
        easier = find_step(content, journal, suggestion.easier_step_id)
        choices.append(Choice(easier.id, f"{easier.title}  (easier)"))
    choices.append(Choice(OTHER_STEP, "Choose another step…"))
    message = f"{suggestion.reason}\n  {content.question('step')}"
    picked = asker.select("step", message, choices, default=suggestion.step_id)
    if picked == OTHER_STEP:
        ladder = [s for s in effective_ladder(content, journal) if not is_not_for_me(journal, s)]
        picked = asker.select(
            "other_step",
            content.question("other_step"),
            [Choice(s.id, f"{s.position}. {s.title}") for s in ladder],
        )
    return find_step(content, journal, picked or suggestion.step_id)


def _known_step(content: Content, journal: Journal, step_id: str) -> LadderStep:
    try:
        return find_step(content, journal, step_id.strip())
    except KeyError:
        raise BadInput(
            f"step (--step) names an unknown step {short(step_id)}; `mumcoach ladder` lists them."
        ) from None


def _offer_easier(
    asker: Asker, content: Content, journal: Journal, step: LadderStep, expected: int | None
) -> LadderStep | None:
    """A big expected anxiety (science.md §1) → offer the step's half-step, once, if she likes."""
    threshold = content.rules.easier.expected_anxiety_at_least
    if expected is None or expected < threshold or asker.given("step") or not asker.interactive:
        return None
    if not step.half_steps:
        return None
    half = find_step(content, journal, step.half_steps[0].id)
    keep = asker.select(
        "switch_easier",
        content.question("switch_easier"),
        [Choice("keep", f"Keep “{step.title}”"), Choice("easier", f"Try “{half.title}” instead")],
        default="keep",
    )
    return half if keep == "easier" else None


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
        created_at=now,
        place_id=place.id if place else None,
        setting=place.setting if place else None,
        step_id=step_id,
        suggested_step_id=draft.suggestion.step_id,
        reason=draft.suggestion.reason,
        easier_step_id=draft.suggestion.easier_step_id,
        if_then=draft.if_then,
        fear=draft.fear,
        likelihood=draft.likelihood,
        expected_anxiety=draft.expected_anxiety,
        safety_behaviour=draft.safety_behaviour,
        openers=draft.openers,
        energy=draft.energy,
        person_ids=draft.person_ids,
    )
    journal.plans.append(plan)
    return plan
