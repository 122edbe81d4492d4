"""Evidence: what she logs about people and places shows ladder steps she has already done.

Which kind of evidence shows which step is content (ladder.toml `shown_by`); how much of it
counts is a product rule (rules.toml [evidence]). Each person on each day counts once, each
place once.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from copy import copy
from datetime import date
from functools import partial
from itertools import chain, islice
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple, Protocol, overload

from mumcoach.coach.stages import CHAT_MINUTES, looks_like_name
from mumcoach.vocab import EVIDENCE_KINDS, REAL

if TYPE_CHECKING:
    from collections.abc import Mapping

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


class Attempted(Protocol):
    """What evidence reads from a plan joined with its check-in (history.Attempt)."""

    @property
    def date(self) -> date: ...
    @property
    def place_id(self) -> str | None: ...
    @property
    def tried(self) -> str | None: ...


class Shown(NamedTuple):
    """One piece of evidence: a kind, the day, and who (or which place) it was with."""

    kind: str
    day: date
    who: str
    setting: str | None = None  # for a place: its setting


Kinds = dict[str, Sequence[Shown]]  # evidence kind -> what shows it, oldest first
_DAY = attrgetter("day")


def evidence_at(
    journal: Journal,
    checkins: Sequence[CheckIn],
    until: date | None,
    cuts: Sequence[tuple[date | None, Sequence[Attempted]]],
    shared: int = 0,
) -> list[Kinds]:
    """Every kind of evidence in her journal as it stood at each cut (a day no later than
    `until`, with her attempts as they stood then), each kind oldest first, from one pass over
    her check-ins up to `until` (oldest first); the cuts' attempts are the same up to `shared`,
    so those are read once."""
    logged = _logged(journal, checkins, until)
    common = _Places(journal).add(cuts[0][1][:shared] if cuts else [])
    keys = {kind: list(slots) for kind, slots in logged.items()}  # (day, her order), in order
    out = []
    for cut, attempts in cuts:
        kinds: Kinds = {}
        places = common.copy().add(attempts[shared:]).kinds()
        for kind in EVIDENCE_KINDS:
            slots = logged.get(kind)
            if kind in places:
                kinds[kind] = places[kind]
            elif not slots:
                continue
            elif kind == "follow-up":  # done by the cut, and logged by then too
                kept = [
                    s for s in slots.items() if cut is None or (s[0][0] <= cut and s[1][1] <= cut)
                ]
                kinds[kind] = Made(len(kept), partial(_shown, kind, kept))
            else:  # logged day by day: the ones by the cut come first
                n = len(slots) if cut is None else bisect_right(keys[kind], cut, key=_day_of)
                kinds[kind] = Made(n, partial(_first_shown, kind, slots, n))
        out.append({kind: shown for kind, shown in kinds.items() if shown})
    return out


Slot = tuple[tuple[date, int], tuple[str, date]]  # (day, her order) -> (name, logged on)
Slots = dict[tuple[date, int], tuple[str, date]]


def _day_of(key: tuple[date, int]) -> date:
    return key[0]


def _shown(kind: str, slots: Iterable[Slot]) -> list[Shown]:
    """The slots as evidence, oldest first, then in the order people were first logged."""
    return [Shown(kind, day, who) for (day, _), (who, _) in sorted(slots)]


def _first_shown(kind: str, slots: Slots, n: int) -> list[Shown]:
    """The first `n` slots (in the order logged) as evidence."""
    return _shown(kind, islice(slots.items(), n))


def _logged(journal: Journal, checkins: Sequence[CheckIn], until: date | None) -> dict[str, Slots]:
    """What her check-ins show, kind by kind, in the order logged, each with her name as logged
    then and the day of the check-in that logged it.

    Each person counts once a day for each kind ("name-learned" once, on the first day she is
    logged; "follow-up" on the day it was done, by `until`).
    """
    known_since = {p.id: p.first_met for p in journal.people}
    first: dict[str, tuple[date, int]] = {}  # person -> the first day logged, her order
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
    return found


PLACE_KINDS = ("named-place", "went-back")  # evidence from where she went (_Places)


class _Places:
    """named-place: a plan for a named place; went-back: a later day she went there again.
    Each place (by name) counts once, on its first such day. Folded attempt by attempt."""

    def __init__(self, journal: Journal) -> None:
        self.places = {p.id: p for p in journal.places}
        self.first_real: dict[str, date] = {}
        self.named: dict[str, Shown] = {}
        self.went_back: dict[str, Shown] = {}

    def copy(self) -> _Places:
        other = copy(self)
        other.first_real, other.named = dict(self.first_real), dict(self.named)
        other.went_back = dict(self.went_back)
        return other

    def add(self, attempts: Sequence[Attempted]) -> _Places:
        places, first_real, named, went_back = (
            self.places,
            self.first_real,
            self.named,
            self.went_back,
        )
        for a in attempts:
            place = places.get(a.place_id)  # type: ignore[arg-type]  # None: no place
            if place is None or place.name in went_back:  # both known: nothing more to learn
                continue
            name = place.name
            if name not in named:
                named[name] = Shown("named-place", a.date, name, place.setting)
            if a.tried in REAL:
                first = first_real.setdefault(place.id, a.date)
                if a.date > first and name not in went_back:
                    went_back[name] = Shown("went-back", a.date, name, place.setting)
        return self

    def kinds(self) -> dict[str, list[Shown]]:
        found = {"named-place": self.named.values(), "went-back": self.went_back.values()}
        return {kind: sorted(shown, key=_DAY) for kind, shown in found.items() if shown}


def shown_steps(
    ladder: Sequence[LadderStep], kinds: Mapping[str, Sequence[Shown]], rules: EvidenceRules
) -> dict[str, Sequence[Shown]]:
    """Step id -> the evidence that shows it, oldest first, for each step whose evidence adds
    up (made into one list only when read)."""
    out: dict[str, Sequence[Shown]] = {}
    for step in ladder:
        parts: list[Sequence[Shown]] = []
        for kind in step.shown_by:
            items = kinds.get(kind, [])
            if kind in PLACE_KINDS:  # only a place where this step fits: going back to the
                # school gate every morning is no "go back to the same group next week"
                items = [s for s in items if s.setting is None or step.fits(s.setting)]
            needed = 1 if kind in rules.first_time else rules.times
            if len(items) >= needed:
                parts.append(items)
        if len(parts) == 1:
            out[step.id] = parts[0]
        elif parts:
            out[step.id] = Made(sum(map(len, parts)), partial(_merged, parts))
    return out


def _merged(parts: list[Sequence[Shown]]) -> list[Shown]:
    return sorted(chain(*parts), key=_DAY)


class Made(Sequence[Shown]):
    """Evidence made into a list only when it is read: most commands only ask how much there
    is, and a journal of years holds thousands of pieces."""

    __slots__ = ("_length", "_make", "_made")
    _made: list[Shown] | None

    def __init__(self, length: int, make: Callable[[], list[Shown]]) -> None:
        self._length, self._make, self._made = length, make, None

    def _list(self) -> list[Shown]:
        if self._made is None:
            self._made = self._make()
        return self._made

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> Shown: ...
    @overload
    def __getitem__(self, index: slice) -> list[Shown]: ...
    def __getitem__(self, index: int | slice) -> Shown | list[Shown]:
        return self._list()[index]

    def __iter__(self) -> Iterator[Shown]:
        return iter(self._list())

    def __reversed__(self) -> Iterator[Shown]:
        return reversed(self._list())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and self._list() == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(self._list())
