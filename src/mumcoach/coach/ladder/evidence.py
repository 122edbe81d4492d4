"""Evidence: what she logs about people and places shows ladder steps she has already done.

Which kind of evidence shows which step is content (ladder.toml `shown_by`); how much of it
counts is a product rule (rules.toml [evidence]). Each person on each day counts once, each
place once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Protocol

from mumcoach.coach.stages import CHAT_MINUTES
from mumcoach.vocab import EVIDENCE_KINDS

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from mumcoach.coach.ladder.steps import LadderStep
    from mumcoach.content.schema import EvidenceRules
    from mumcoach.models import CheckIn, Interaction, Journal

    Together = list[tuple[CheckIn, Interaction]]

NAME = re.compile(r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?")
NOT_A_NAME = {
    "mum",
    "dad",
    "lady",
    "woman",
    "man",
    "mother",
    "father",
    "nanny",
    "grandma",
    "granny",
}


class Attempted(Protocol):
    """What evidence reads from a plan joined with its check-in (history.Attempt)."""

    @property
    def date(self) -> date: ...
    @property
    def place_id(self) -> str | None: ...
    @property
    def real(self) -> bool: ...


@dataclass(frozen=True)
class Shown:
    """One piece of evidence: a kind, the day, and who (or which place) it was with."""

    kind: str
    day: date
    who: str
    setting: str | None = None  # for a place: its setting


def looks_like_name(text: str) -> bool:
    """ "Sarah" or "Priya K" yes; "mum with the red buggy" no (a description, not a name)."""
    words = text.split()
    return bool(NAME.fullmatch(text.strip())) and not any(w.lower() in NOT_A_NAME for w in words)


def evidence(
    journal: Journal,
    people: Mapping[str, Together],
    attempts: Sequence[Attempted],
    until: date | None,
) -> dict[str, list[Shown]]:
    """Every kind of evidence in her journal up to `until`, oldest first."""
    found: dict[str, dict[tuple[date | str, str], Shown]] = {k: {} for k in EVIDENCE_KINDS}

    def add(kind: str, day: date, key: str, who: str, *, per_day: bool = True) -> None:
        seen, slot = found[kind], (day if per_day else "", key)
        if slot not in seen:
            seen[slot] = Shown(kind, day, who)

    for shown in _places(journal, attempts):
        found[shown.kind].setdefault(("", shown.who), shown)
    by_id = {p.id: p for p in journal.people}
    for person_id, together in people.items():
        person = by_id.get(person_id)
        known_since = person.first_met if person else None
        first_day = together[0][0].date
        named = looks_like_name(together[0][1].name)
        for checkin, i in together:
            day = checkin.date
            if day == first_day and named:
                add("name-learned", day, person_id, i.name, per_day=False)
            if day > first_day or (known_since is not None and known_since < day):
                add("knew-her", day, person_id, i.name)
            for kind in _flags(i):
                add(kind, day, person_id, i.name)
            done = i.follow_up_done
            if done is not None and (until is None or done <= until):
                add("follow-up", done, person_id, i.name)
    return {k: sorted(seen.values(), key=lambda s: s.day) for k, seen in found.items() if seen}


def _flags(i: Interaction) -> list[str]:
    flags = [
        ("long-chat", (i.minutes or 0) >= CHAT_MINUTES),
        ("shared", i.shared),
        ("numbers", i.swapped_numbers),
        ("invited", i.invited),
        ("meetup", i.meetup),
        ("hosted", i.hosted),
    ]
    return [kind for kind, yes in flags if yes]


def _places(journal: Journal, attempts: Sequence[Attempted]) -> list[Shown]:
    """named-place: a plan for a named place; went-back: a later day she went there again."""
    places = {p.id: p for p in journal.places}
    first_real: dict[str, date] = {}
    out = []
    for a in attempts:
        place = places.get(a.place_id or "")
        if place is None:
            continue
        out.append(Shown("named-place", a.date, place.name, place.setting))
        if a.real:
            first = first_real.setdefault(place.id, a.date)
            if a.date > first:
                out.append(Shown("went-back", a.date, place.name, place.setting))
    return out


def shown_steps(
    ladder: Sequence[LadderStep], kinds: Mapping[str, list[Shown]], rules: EvidenceRules
) -> dict[str, list[Shown]]:
    """Step id -> the evidence that shows it, for each step whose evidence adds up."""
    out: dict[str, list[Shown]] = {}
    for step in ladder:
        proof: list[Shown] = []
        for kind in step.shown_by:
            items = kinds.get(kind, [])
            if kind == "named-place":  # only a place where this step fits
                items = [s for s in items if s.setting is None or step.fits(s.setting)]
            needed = 1 if kind in rules.first_time else rules.times
            if len(items) >= needed:
                proof += items
        if proof:
            out[step.id] = sorted(proof, key=lambda s: s.day)
    return out
