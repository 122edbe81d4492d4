"""Onboarding (`mumcoach init`): name, region, children, settings, goal, a place on the ladder."""

from __future__ import annotations

from datetime import date
from typing import Any

from mumcoach.coach.profile import Onboarding
from mumcoach.content import Content
from mumcoach.errors import BadInput
from mumcoach.flows.ask import Asker, CrisisStop, check_age, check_int
from mumcoach.models import REGIONS, SETTINGS, Child, Journal
from mumcoach.prompter import Choice
from mumcoach.text import short
from mumcoach.words import REGION_TITLES, SETTING_TITLES

INIT_KEYS = ("name", "region", "child", "not_for_me", "goal", "rate", "start_step")


def parse_children(values: list[str], today: date) -> list[Child]:
    """'Jasper:8m' → Child(name='Jasper', age='8m')."""
    children = []
    for value in values:
        name, _, age = str(value).partition(":")
        if not name.strip():
            raise BadInput("child (--child) must look like NAME:AGE, for example Jasper:8m.")
        normal_age = check_age("child", age) if age.strip() else None
        children.append(Child(name=name.strip(), age=normal_age, age_as_of=today))
    return children


def parse_ratings(value: Any, content: Content) -> dict[str, int]:
    """'say-hello=3' items (or a table) → {step id: rating}; unknown ids are bad input."""
    pairs: list[tuple[str, Any]]
    if isinstance(value, dict):
        pairs = list(value.items())
    else:
        items = [value] if isinstance(value, str) else list(value)
        pairs = [tuple(str(item).partition("=")[::2]) for item in items]  # type: ignore[misc]
    known = {step.id for step in content.steps}
    ratings = {}
    for step_id, number in pairs:
        step_id = step_id.strip()
        if step_id not in known:
            raise BadInput(
                f"rate (--rate) names an unknown step {short(step_id)}; see `mumcoach ladder`."
            )
        ratings[step_id] = check_int("rate", number, 0, 10)
    return ratings


def ask_onboarding(asker: Asker, content: Content, journal: Journal, today: date) -> Onboarding:
    """Ask (or read from answers) every onboarding question; existing answers are the defaults."""
    from mumcoach.coach.ladder import ratings_for_placement

    old = journal.profile
    q = content.question
    got = Onboarding(
        name=old.name if old else None,
        region=old.region if old else "other",
        children=list(old.children) if old else [],
        not_for_me=list(old.not_for_me) if old else [],
        goal=old.goal if old else None,
    )
    try:
        got.name = asker.text("name", q("name"), default=got.name)
        region = asker.select(
            "region",
            q("region"),
            [Choice(code, REGION_TITLES[code]) for code in REGIONS],
            default=old.region if old else "uk" if asker.interactive else "other",
        )
        got.region = region or "other"
        if asker.given("child"):
            values = asker.answers["child"]
            values = [values] if isinstance(values, str) else list(values)
            for value in values:
                asker.screened("child", str(value).partition(":")[0].strip())
            got.children = merge_children(got.children, parse_children(values, today))
        elif asker.interactive and asker.prompter is not None:
            _ask_children(asker, content, today, got)
        got.not_for_me = asker.many(
            "not_for_me",
            q("not_for_me"),
            [Choice(s, SETTING_TITLES[s]) for s in SETTINGS],
            default=got.not_for_me,
        )
        got.goal = asker.text("goal", q("goal"), default=got.goal)
    except CrisisStop as stop:
        if stop.key in ("name", "goal"):
            setattr(got, stop.key, stop.value)
        elif stop.key == "child_name":
            got.children = merge_children(got.children, [Child(name=stop.value, age_as_of=today)])
        stop.partial = got
        raise

    ratings: dict[str, int] = {}
    if asker.given("rate"):
        ratings = parse_ratings(asker.answers["rate"], content)
    elif asker.interactive and not journal.ladder.ratings:
        for step_id in ratings_for_placement(content, got.not_for_me):
            step = content.step(step_id)
            rating = asker.scale(f"rate:{step_id}", f"{q('rate')} “{step.title}”", 0, 10)
            if rating is not None:
                ratings[step_id] = rating
    start_step = None
    if asker.given("start_step"):
        start_step = str(asker.answers["start_step"])
        if start_step not in {s.id for s in content.steps}:
            raise BadInput(f"start_step (--start-step) names an unknown step {short(start_step)}.")
    got.ratings, got.start_step = ratings, start_step
    return got


def _ask_children(asker: Asker, content: Content, today: date, got: Onboarding) -> None:
    """Children one by one, each kept in `got` as soon as it is given."""
    q = content.question
    asking = True
    if got.children:
        asking = asker.yes_no("more_children", q("more_children"), default=False)
    while asking:
        name = asker.text("child_name", q("child_name"))
        if not name:
            break
        got.children = merge_children(got.children, [Child(name=name, age_as_of=today)])
        age = asker.age(
            "child_age", q("child_age"), unit_question=lambda n: content.say("ask.age_unit", n=n)
        )
        got.children = merge_children(got.children, [Child(name=name, age=age, age_as_of=today)])
        asking = asker.yes_no("more_children", q("more_children"), default=False)


def merge_children(existing: list[Child], new: list[Child]) -> list[Child]:
    """Add new children; a name already known gets its age updated, never removed."""
    merged = [child.model_copy() for child in existing]
    for child in new:
        same = next((c for c in merged if c.name.lower() == child.name.lower()), None)
        if same is None:
            merged.append(child)
        elif child.age:
            same.age, same.age_as_of = child.age, child.age_as_of
    return merged
