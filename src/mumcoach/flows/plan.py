"""The plan flow (`mumcoach plan`): a place and a day, one suggested step, an if-then, a fear."""

from __future__ import annotations

import textwrap
from datetime import date, datetime
from datetime import time as TimeOfDay

from mumcoach.coach.ladder import LadderStep, Suggestion, easier_options, suggest
from mumcoach.coach.ladder.suggest import shown_here
from mumcoach.coach.past import History, build_history
from mumcoach.coach.plan import PlanDraft, find_place, openers_for_plan, step_reason
from mumcoach.content import Content
from mumcoach.dates import DateError, parse_time
from mumcoach.errors import BadInput
from mumcoach.flows.ask import Asker, CrisisStop, check_date, flag
from mumcoach.flows.people import ask_see
from mumcoach.flows.places import known_place_or_new
from mumcoach.models import SETTINGS, Journal, Place, Schedule
from mumcoach.prompter import Choice
from mumcoach.schedule import describe, next_occurrence, parse_schedule, schedule_of, split_name
from mumcoach.text import short
from mumcoach.words import SETTING_TITLES

__all__ = [
    "PLAN_KEYS",
    "PlanDraft",
    "ask_plan",
    "find_place",
    "keep_stopped",
    "place_title",
]

PLAN_KEYS = (
    "date",
    "time",
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
WRAP = 76  # the picker's message wraps here, so nothing is cut off at 80 columns


def place_title(place: Place, today: date) -> str:
    schedule = schedule_of(place, today)
    when = describe(schedule) if schedule else place.recurring
    return f"{place.name} ({when})" if when else place.name


def ask_plan(asker: Asker, content: Content, journal: Journal, now: datetime) -> PlanDraft:
    """Ask the plan questions in order; the suggestion fits the place, the day and her energy."""
    q, today = content.question, now.date()
    typed: dict[
        str, str
    ] = {}  # a new place's name, kept should a crisis stop come before the draft
    draft: PlanDraft | None = None
    try:
        place, is_new = _ask_place(asker, content, journal, today, typed)
        when, at = _when(asker, content, place, now, asked=is_new)
        energy = asker.scale("energy", q("energy"), 0, 10)
        history = build_history(content, journal, until=when)
        setting = place.setting if place else None
        suggestion = suggest(history, energy=energy, place=place)
        draft = PlanDraft(
            date=when,
            time=at,
            suggestion=suggestion,
            place=place,
            place_is_new=is_new,
            energy=energy,
        )
        draft.person_ids = ask_see(asker, content, journal, place, today)
        step = _ask_step(asker, content, history, suggestion, setting)
        _choose(draft, history, step, setting)
        draft.if_then = asker.text("if_then", q("if_then"), default=step.if_then)
        draft.fear = asker.text("fear", q("fear"))
        draft.likelihood = asker.number("likelihood", q("likelihood"), 0, 100)
        draft.expected_anxiety = asker.scale("expect", q("expect"), 0, 10)
    except CrisisStop as stop:
        stop.partial = _partial(draft, stop, content, journal, today, typed)
        raise
    done_here = shown_here(history, place)
    easier = _offer_easier(
        asker, content, history, step, draft.expected_anxiety, setting, done_here
    )
    if easier is not None:
        if draft.if_then == step.if_then:  # her plan was the template: not for the other step
            draft.if_then = easier.if_then
        _choose(draft, history, easier, setting, instead_of=step)
        step = easier
    familiar = place is not None and history.visits(place.id) > 0
    draft.openers = openers_for_plan(content, step.id, setting, when, familiar=familiar)
    return draft


def _partial(
    draft: PlanDraft | None,
    stop: CrisisStop,
    content: Content,
    journal: Journal,
    today: date,
    typed: dict[str, str],
) -> PlanDraft:
    """The plan so far with the answer that stopped it, so every answer she gave is saved."""
    if draft is None:  # stopped at the place: keep its name (and what she wrote) on a plan
        history = build_history(content, journal, until=today)
        draft = PlanDraft(date=today, suggestion=suggest(history))
        name = stop.value if stop.key in ("place", "new_place") else typed.get("name")
        if name:
            recurring = stop.value if stop.key == "recurring" else None
            draft.place = Place(name=name, recurring=recurring, created=today)
            draft.place_is_new = True
    else:
        keep_stopped(draft, stop, today)
    return draft


def keep_stopped(draft: PlanDraft, stop: CrisisStop, today: date) -> None:
    """The answer that stopped the flow, back in its own place in the draft."""
    if stop.key in ("if_then", "fear"):
        setattr(draft, stop.key, stop.value)
    elif stop.key in ("place", "new_place") and draft.place is None:
        draft.place, draft.place_is_new = Place(name=stop.value, created=today), True
    elif stop.key == "recurring" and draft.place is not None and draft.place_is_new:
        draft.place.recurring = stop.value


def _choose(
    draft: PlanDraft,
    history: History,
    step: LadderStep,
    setting: str | None,
    instead_of: LadderStep | None = None,
) -> None:
    """The chosen step, worded for the place, with its own reason."""
    draft.step_id = step.id
    draft.step_text = step.title
    draft.safety_behaviour = step.safety_behaviour
    draft.reason = step_reason(history, draft.suggestion, step, instead_of)


def _when(
    asker: Asker, content: Content, place: Place | None, now: datetime, *, asked: bool
) -> tuple[date, TimeOfDay | None]:
    """The day (given, else the place's next occurrence, else asked for a known place without
    a schedule, else today) and the time. `asked`: a new place's "When is it?" was just asked."""
    today = now.date()
    schedule = schedule_of(place, today) if place else None
    at = schedule.at if schedule else None
    if asker.given("time"):
        try:
            at = parse_time(asker.answers["time"])
        except DateError as exc:
            raise BadInput(f"time ({flag('time')}) {exc}.") from None
    if asker.given("date"):
        return check_date("date", asker.answers["date"], today), at
    upcoming = next_occurrence(schedule, now) if schedule else None
    if upcoming is not None:
        return upcoming, at
    if place is not None and asker.interactive and not asked:
        day = asker.when("date", content.question("plan_date"), default=today, relative_to=today)
        return day or today, at
    return today, at


def _ask_place(
    asker: Asker, content: Content, journal: Journal, today: date, seen: dict[str, str]
) -> tuple[Place | None, bool]:
    q = content.question
    if asker.given("place"):
        typed = asker.screened("place", str(asker.answers["place"]).strip())
        seen["name"] = typed
        new_ok = asker.given("setting")  # a setting describes a new place
        name = split_name(typed, today)[0]
        known = known_place_or_new(asker, content, journal, name, today, new_ok=new_ok)
        if known is not None:
            return known, False
        return _new_place(asker, content, journal, typed, today), True
    if not asker.interactive:
        return None, False
    choices = [Choice(p.id, place_title(p, today)) for p in journal.places]
    choices.append(Choice(NEW_PLACE, "Somewhere new…"))
    picked = asker.select("place", q("place"), choices, default=choices[0].value)
    if picked != NEW_PLACE:
        return next(p for p in journal.places if p.id == picked), False
    typed = asker.text("new_place", q("new_place"), required=True) or ""
    seen["name"] = typed
    known = find_place(journal, split_name(typed, today)[0])
    if known is not None:
        return known, False
    return _new_place(asker, content, journal, typed, today), True


def _new_place(asker: Asker, content: Content, journal: Journal, typed: str, today: date) -> Place:
    """A new place: its name, its setting and (kept apart from the name) its schedule."""
    name, schedule = split_name(typed, today)
    ruled_out = set(journal.profile.not_for_me) if journal.profile else set()
    ordered = [s for s in SETTINGS if s not in ruled_out] + [s for s in SETTINGS if s in ruled_out]
    choices = [Choice(s, SETTING_TITLES[s]) for s in ordered]
    setting = asker.select("setting", content.question("place_setting"), choices)
    recurring = None
    if schedule is None:
        schedule, recurring = _ask_schedule(asker, content, today)
    text = describe(schedule) if schedule else recurring
    return Place(name=name, setting=setting, recurring=text, schedule=schedule, created=today)


def _ask_schedule(
    asker: Asker, content: Content, today: date
) -> tuple[Schedule | None, str | None]:
    """ "Tuesdays 10:00", "Mon and Thu 9:30", "Saturday 28 Nov 10:00"; blank: no schedule."""
    question = content.question("recurring")
    if asker.given("recurring"):
        typed = asker.screened("recurring", str(asker.answers["recurring"]))
        try:
            return parse_schedule(typed, today), None
        except DateError as exc:
            raise BadInput(f"recurring ({flag('recurring')}) {exc}.") from None
    while True:
        typed = asker.text("recurring", question) or ""
        if not typed:
            return None, None
        try:
            return parse_schedule(typed, today), None
        except DateError:
            if not asker.interactive:
                return None, typed  # kept as she wrote it
            question = content.question("recurring_again")


def _ask_step(
    asker: Asker,
    content: Content,
    history: History,
    suggestion: Suggestion,
    setting: str | None,
) -> LadderStep:
    steps = history.steps
    if asker.given("step"):
        step_id = str(asker.answers["step"]).strip()
        if step_id not in steps:
            raise BadInput(
                f"step (--step) names an unknown step {short(step_id)}; "
                "`mumcoach ladder` lists them."
            )
        return steps[step_id].worded_for(setting)
    if not asker.interactive:
        return steps[suggestion.step_id].worded_for(setting)
    choices = [Choice(suggestion.step_id, _fit(suggestion.title, "  (suggested)"))]
    if suggestion.easier_step_id:
        easier = steps[suggestion.easier_step_id].worded_for(setting)
        choices.append(Choice(easier.id, _fit(easier.title, "  (easier)")))
    choices.append(Choice(OTHER_STEP, "Choose another step…"))
    reason = textwrap.fill(suggestion.reason, WRAP, subsequent_indent="  ")
    message = f"{reason}\n  {content.question('step')}"
    picked = asker.select("step", message, choices, default=suggestion.step_id)
    if picked == OTHER_STEP:
        ladder = [
            s.worded_for(setting) for s in history.available() if setting is None or s.fits(setting)
        ]
        picked = asker.select(
            "other_step",
            content.question("other_step"),
            [Choice(s.id, textwrap.shorten(f"{s.position}. {s.title}", WRAP)) for s in ladder],
        )
    return steps[picked or suggestion.step_id].worded_for(setting)


def _fit(title: str, tag: str) -> str:
    """A choice on one line at 80 columns: the title shortened, never the tag."""
    return textwrap.shorten(title, WRAP - 4 - len(tag), placeholder="…") + tag


def _offer_easier(
    asker: Asker,
    content: Content,
    history: History,
    step: LadderStep,
    expected: int | None,
    setting: str | None,
    done_here: tuple[str, ...],
) -> LadderStep | None:
    """A big expected anxiety (science.md §1) → offer a genuinely easier step, once."""
    threshold = content.rules.easier.expected_anxiety_at_least
    if expected is None or expected < threshold or asker.given("step") or not asker.interactive:
        return None
    options = easier_options(history, history.steps[step.id], setting, done_here)
    if not options:
        return None
    easier = options[0].worded_for(setting)
    keep = asker.select(
        "switch_easier",
        content.question("switch_easier"),
        [
            Choice("keep", textwrap.shorten(f"Keep “{step.title}”", WRAP)),
            Choice("easier", textwrap.shorten(f"Try “{easier.title}” instead", WRAP)),
        ],
        default="keep",
    )
    return easier if keep == "easier" else None
