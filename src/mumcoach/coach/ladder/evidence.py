"""Evidence: what she logs about people and places shows ladder steps she has already done.

Which kind of evidence shows which step is content (ladder.toml `shown_by`); how much of it
counts is a product rule (rules.toml [evidence]). Each person on each day counts once, each
place once.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date
from operator import attrgetter
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
_DAY = attrgetter("day")


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
        kinds: Kinds = {}
        places = _places(journal, attempts)
        for kind in EVIDENCE_KINDS:
            if kind in places:
                kinds[kind] = places[kind]
            elif kind in logged:
                shown, seen = logged[kind]
                if cut is not None:  # about days by the cut (a follow-up: logged by then too)
                    shown = shown[: bisect_right(shown, cut, key=_DAY)]
                    if kind == "follow-up":
                        shown = [s for s, day in zip(shown, seen, strict=False) if day <= cut]
                if shown:
                    kinds[kind] = shown
        out.append(kinds)
    return out


def _logged(
    journal: Journal, checkins: Sequence[CheckIn], until: date | None
) -> dict[str, tuple[list[Shown], list[date]]]:
    """What her check-ins show, kind by kind, oldest first (then in the order people were first
    logged), each with the day of the check-in that logged it.

    Each person counts once a day for each kind ("name-learned" once, on the first day she is
    logged; "follow-up" on the day it was done, by `until`).
    """
    known_since = {p.id: p.first_met for p in journal.people}
    first: dict[str, tuple[date, int]] = {}  # person -> the first day logged, her order
    Slots = dict[tuple[date, int], tuple[str, date]]  # (day, her order) -> (name, logged on)
    found: dict[str, Slots] = {k: {} for k in PERSON_KINDS}
    names, knew, chat, shared, numbers = (found[k] for k in PERSON_KINDS[:5])
    invited, meetup, hosted, follow_up = (found[k] for k in PERSON_KINDS[5:])
    for checkin in checkins:
        day = checkin.date
        for i in checkin.interactions:
            pid, who = i.person_id, i.name
            seen = (who, day)
            if pid in first:
                first_day, order = first[pid]
            else:
                first_day, order = first[pid] = (day, len(first))
                if looks_like_name(who):
                    names[day, order] = seen
            slot = (day, order)
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
                follow_up.setdefault((done, order), seen)
    out = {}
    for kind, slots in found.items():
        if slots:
            ordered = sorted(slots.items())
            out[kind] = (
                [Shown(kind, day, who) for (day, _), (who, _) in ordered],
                [logged_on for _, (_, logged_on) in ordered],
            )
    return out


def _places(journal: Journal, attempts: Sequence[Attempted]) -> dict[str, list[Shown]]:
    """named-place: a plan for a named place; went-back: a later day she went there again.
    Each place (by name) counts once, on its first such day."""
    places = {p.id: p for p in journal.places}
    first_real: dict[str, date] = {}
    named: dict[str, Shown] = {}
    went_back: dict[str, Shown] = {}
    for a in attempts:
        place = places.get(a.place_id or "")
        if place is None:
            continue
        if place.name not in named:
            named[place.name] = Shown("named-place", a.date, place.name, place.setting)
        if a.real:
            first = first_real.setdefault(place.id, a.date)
            if a.date > first and place.name not in went_back:
                went_back[place.name] = Shown("went-back", a.date, place.name, place.setting)
    found = {"named-place": list(named.values()), "went-back": list(went_back.values())}
    return {kind: sorted(shown, key=_DAY) for kind, shown in found.items() if shown}


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
            out[step.id] = sorted(proof, key=_DAY)
    return out
