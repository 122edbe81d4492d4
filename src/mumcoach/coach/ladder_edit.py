"""Her changes to the ladder: re-rate a step, rule a step or setting out (or back), add her own."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from mumcoach.coach.ladder import LadderStep, find_step
from mumcoach.content.contract import CUSTOM_STEP_PREFIX
from mumcoach.errors import BadInput
from mumcoach.models import CustomStep, Journal, Profile
from mumcoach.text import strip_accents
from mumcoach.vocab import SETTINGS, Setting

if TYPE_CHECKING:
    from mumcoach.content import Content

Outcome = Literal["marked", "already", "back", "was-not"]


@dataclass(frozen=True)
class Rated:
    """A step re-rated: her value and the content's default."""

    title: str
    value: int
    default: int


@dataclass(frozen=True)
class Marked:
    """What "not for me" (or --undo) did to one step or one setting."""

    name: str  # the step's title, or the setting
    setting: bool
    outcome: Outcome


def known_step(content: Content, journal: Journal, step_id: str) -> LadderStep:
    """The step with this id on her ladder; a one-line BadInput if there is none."""
    try:
        return find_step(content, journal, step_id)
    except KeyError:
        raise BadInput(
            f"There is no step {step_id!r}. `mumcoach ladder --json` lists the step ids."
        ) from None


def rate_step(content: Content, journal: Journal, step_id: str, value: int) -> Rated:
    """Her own 0–10 rating for a step; the ladder is ordered by it from now on."""
    step = known_step(content, journal, step_id)
    journal.ladder.ratings = {**journal.ladder.ratings, step.id: value}
    return Rated(step.title, value, step.default_difficulty)


def mark_not_for_me(
    content: Content, journal: Journal, what: str, *, undo: bool, today: date
) -> Marked:
    """Rule a step or a whole setting out of suggestions, or (undo) put it back."""
    key = what.strip().lower()
    for setting in SETTINGS:
        if key == setting:
            return _mark_setting(journal, setting, undo=undo, today=today)
    step = known_step(content, journal, what.strip())
    marked = list(journal.ladder.not_for_me)
    outcome = _toggle(step.id in marked, undo)
    if outcome == "marked":
        journal.ladder.not_for_me = [*marked, step.id]
    elif outcome == "back":
        journal.ladder.not_for_me = [s for s in marked if s != step.id]
    return Marked(step.title, False, outcome)


def _mark_setting(journal: Journal, setting: Setting, *, undo: bool, today: date) -> Marked:
    current = list(journal.profile.not_for_me) if journal.profile else []
    outcome = _toggle(setting in current, undo)
    if outcome in ("marked", "back"):
        if journal.profile is None:
            journal.profile = Profile(created=today)
        changed = (
            [*current, setting] if outcome == "marked" else [s for s in current if s != setting]
        )
        journal.profile.not_for_me = changed
        journal.profile.updated = today
    return Marked(setting, True, outcome)


def set_aside(journal: Journal, step_id: str) -> None:
    """Keep her own step but never suggest it as coaching (its words tripped the safety screen)."""
    if step_id not in journal.ladder.not_for_me:
        journal.ladder.not_for_me = [*journal.ladder.not_for_me, step_id]


def _toggle(is_marked: bool, undo: bool) -> Outcome:
    if undo:
        return "back" if is_marked else "was-not"
    return "already" if is_marked else "marked"


def add_custom_step(
    journal: Journal,
    *,
    title: str,
    difficulty: int,
    settings: Sequence[Setting],
    safety_behaviour: str | None,
    if_then: str | None,
    today: date,
) -> CustomStep:
    """Her own step, with an id made from its title, added to her ladder."""
    taken = {c.id for c in journal.ladder.custom_steps}
    step = CustomStep(
        id=unique_id(title, taken),
        title=title,
        difficulty=difficulty,
        settings=list(dict.fromkeys(settings)),
        safety_behaviour=safety_behaviour,
        if_then=if_then,
        created=today,
    )
    journal.ladder.custom_steps = [*journal.ladder.custom_steps, step]
    return step


def unique_id(title: str, taken: set[str]) -> str:
    """custom-<slug of the title>, with -2, -3… added if that id is already used."""
    ascii_title = strip_accents(title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:40].strip("-") or "step"
    base = f"{CUSTOM_STEP_PREFIX}{slug}"
    found, n = base, 2
    while found in taken:
        found, n = f"{base}-{n}", n + 1
    return found
