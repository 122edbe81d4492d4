"""Evidence: what she logs about people and places shows ladder steps she has already done.

Which kind of evidence shows which step is content (ladder.toml `shown_by`); how much of it
counts is a product rule (rules.toml [evidence]). Each person on each day counts once, each
place once.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, NamedTuple, Protocol

from mumcoach.coach.stages import CHAT_MINUTES
from mumcoach.vocab import EVIDENCE_KINDS

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from mumcoach.coach.ladder.steps import LadderStep
    from mumcoach.content.schema import EvidenceRules
    from mumcoach.models import CheckIn, Journal

# the kinds a check-in's interactions show, in the order _logged fills them
PERSON_KINDS = (
    "name-learned",
    "knew-her",
    "long-chat",
    "shared",
    "numbers",
    "invited",
    "meetup",
    "hosted",
    "follow-up",
)

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


class Shown(NamedTuple):
    """One piece of evidence: a kind, the day, and who (or which place) it was with."""

    kind: str
    day: date
    who: str
    setting: str | None = None  # for a place: its setting


Kinds = dict[str, list[Shown]]  # evidence kind -> what shows it, oldest first


def looks_like_name(text: str) -> bool:
    """ "Sarah" or "Priya K" yes; "mum with the red buggy" no (a description, not a name)."""
    words = text.split()
    return bool(NAME.fullmatch(text.strip())) and not any(w.lower() in NOT_A_NAME for w in words)


def evidence(
    journal: Journal, checkins: Sequence[CheckIn], attempts: Sequence[Attempted], until: date | None
) -> Kinds:
    """Every kind of evidence in her journal up to `until` (`checkins` and `attempts` are hers up
    to then, oldest first), each kind oldest first."""
    return evidence_at(journal, checkins, until, [(until, attempts)])[0]


def evidence_at(
    journal: Journal,
    checkins: Sequence[CheckIn],
    until: date | None,
    cuts: Sequence[tuple[date | None, Sequence[Attempted]]],
) -> list[Kinds]:
    """`evidence` as it stood at each cut (a day no later than `until`, with her attempts as they
    stood then), from one pass over her check-ins up to `until`."""
    logged = _logged(journal, checkins, until)
    out = []
    for cut, attempts in cuts:
        places: dict[str, dict[str, Shown]] = {}
        for shown in _places(journal, attempts):  # each place once: its first plan counts
            places.setdefault(shown.kind, {}).setdefault(shown.who, shown)
        kinds: Kinds = {}
        for kind in EVIDENCE_KINDS:
            if kind in places:
                kinds[kind] = sorted(places[kind].values(), key=_day)
            elif kind in logged:
                kept = [s for s, seen in logged[kind] if cut is None or max(s.day, seen) <= cut]
                if kept:
                    kinds[kind] = kept
        out.append(kinds)
    return out


def _day(shown: Shown) -> date:
    return shown.day


def _logged(
    journal: Journal, checkins: Sequence[CheckIn], until: date | None
) -> dict[str, list[tuple[Shown, date]]]:
    """What her check-ins show, kind by kind, each with the day of the check-in that logged it.

    Each person counts once a day for each kind ("name-learned" once, on the first day she is
    logged; "follow-up" on the day it was done, by `until`); oldest first, then in the order
    people were first logged.
    """
    known_since = {p.id: p.first_met for p in journal.people}
    first: dict[str, date] = {}
    order: dict[str, int] = {}
    found: dict[str, dict[tuple[date, str], tuple[str, date]]] = {k: {} for k in PERSON_KINDS}
    names, knew, chat, shared, numbers = (found[k] for k in PERSON_KINDS[:5])
    invited, meetup, hosted, follow_up = (found[k] for k in PERSON_KINDS[5:])
    for checkin in checkins:
        day = checkin.date
        for i in checkin.interactions:
            pid, who = i.person_id, i.name
            slot, seen = (day, pid), (who, day)
            first_day = first.get(pid)
            if first_day is None:
                first[pid] = first_day = day
                order[pid] = len(order)
                if looks_like_name(who):
                    names[slot] = seen
            if day > first_day or ((met := known_since.get(pid)) is not None and met < day):
                knew.setdefault(slot, seen)
            if (i.minutes or 0) >= CHAT_MINUTES:
                chat.setdefault(slot, seen)
            if i.shared:
                shared.setdefault(slot, seen)
            if i.swapped_numbers:
                numbers.setdefault(slot, seen)
            if i.invited:
                invited.setdefault(slot, seen)
            if i.meetup:
                meetup.setdefault(slot, seen)
            if i.hosted:
                hosted.setdefault(slot, seen)
            done = i.follow_up_done
            if done is not None and (until is None or done <= until):
                follow_up.setdefault((done, pid), seen)
    return {
        kind: [
            (Shown(kind, day, who), seen)
            for (day, pid), (who, seen) in sorted(
                slots.items(), key=lambda item: (item[0][0], order[item[0][1]])
            )
        ]
        for kind, slots in found.items()
        if slots
    }


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
