"""Forgetting someone: her card, every chat with her, and every mention of her names."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from mumcoach.coach.people import person_by_id
from mumcoach.models import Journal

FORGOTTEN = "[forgotten]"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that describe rather than name ("Tom's mum", "Mum from swimming"): never scrubbed alone.
DESCRIPTIVE = _words(
    "mum mom mummy mommy mam mama dad daddy papa parent from with at in the of and who lady "
    "woman man girl guy friend neighbour neighbor nanny nan granny grandma grandad auntie "
    "aunt uncle baby babies twins mrs mr ms miss dr"
)
# Keys whose strings are structure (ids, choices, who someone is), never free text to scrub.
STRUCTURAL = _words(
    "id name child child_age age setting settings region not_for_me tried fear_came_true "
    "started_by stage start_step ratings schema_version recurring"
)
POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


@dataclass(frozen=True)
class Terms:
    """What to scrub for one forgotten person: full names and single name words."""

    phrases: frozenset[str]
    words: frozenset[str]
    descriptive: bool


def _split_words(name: str) -> list[str]:
    parts = re.split(r"[\s\-()/,.;:&+\"]+", name)
    return [POSSESSIVE.sub("", p).strip("'’") for p in parts if p]


def name_terms(name: str) -> Terms:
    """The phrase itself, plus the words that look like names.

    A name with capitals keeps only its capitalised words ("Sarah (Tom's mum)" → Sarah, Tom);
    one typed all in lower case keeps every word. Describing words (mum, from, …) never count.
    """
    phrase = " ".join(name.split())
    has_caps = any(c.isupper() for c in phrase)
    words = [
        w
        for w in _split_words(phrase)
        if len(w) >= 2 and w.casefold() not in DESCRIPTIVE and (w[0].isupper() or not has_caps)
    ]
    descriptive = any(w.casefold() in DESCRIPTIVE for w in _split_words(phrase))
    return Terms(
        phrases=frozenset({phrase.casefold()} if phrase else set()),
        words=frozenset(w.casefold() for w in words),
        descriptive=descriptive,
    )


def forget_names(journal: Journal, person_id: str) -> list[str]:
    """Every name and child's name the journal holds for her (current and as logged)."""
    names: list[str] = []
    person = person_by_id(journal, person_id)
    if person is not None:
        names += [person.name, person.child or ""]
    for checkin in journal.checkins:
        for i in checkin.interactions:
            if i.person_id == person_id:
                names += [i.name, i.child or ""]
    return [n for n in dict.fromkeys(names) if n.strip()]


def _protected(journal: Journal, person_id: str) -> set[str]:
    """Names that belong to someone else: the user, her children, other people and theirs."""
    names: list[str | None] = []
    if journal.profile is not None:
        names.append(journal.profile.name)
        names += [c.name for c in journal.profile.children]
    for p in journal.people:
        if p.id != person_id:
            names += [p.name, p.child]
    for checkin in journal.checkins:
        for i in checkin.interactions:
            if i.person_id != person_id:
                names += [i.name, i.child]
    out: set[str] = set()
    for name in names:
        if name:
            terms = name_terms(name)
            out |= terms.phrases | terms.words
    return out


def _place_words(journal: Journal) -> set[str]:
    return {w.casefold() for place in journal.places for w in _split_words(place.name)}


def scrub_pattern(
    journal: Journal, person_id: str, extra_names: Iterable[str] = ()
) -> re.Pattern[str] | None:
    """A whole-word, case-insensitive pattern for her names, or None if nothing may be scrubbed.

    Names shared with someone else still in the journal (or the user's own children) are kept,
    since a mention may be about them. A describing name ("Mum from Hartbeeps") keeps the words
    it shares with the user's own places.
    """
    protected = _protected(journal, person_id)
    places = _place_words(journal)
    targets: set[str] = set()
    for name in [*forget_names(journal, person_id), *extra_names]:
        terms = name_terms(name)
        words = terms.words - places if terms.descriptive else terms.words
        targets |= (terms.phrases | words) - protected
    targets.discard("")
    if not targets:
        return None
    alternatives = "|".join(re.escape(t) for t in sorted(targets, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def forgotten_mark(record_id: str) -> str:
    """What the journal keeps of a forgotten record: a one-way hash of its id, never the id, so
    `import` and `undo` can refuse to bring her back without anything on disk pointing to her."""
    return hashlib.sha256(f"mumcoach-forgotten:{record_id}".encode()).hexdigest()[:16]


def forget_person(
    journal: Journal, person_id: str, *, extra_names: Iterable[str] = (), mark: bool = True
) -> int:
    """Remove her, every interaction with her, and every mention of her name; count the records.

    `extra_names` adds names to scrub (used on backups, which may predate a rename). A place
    named after her ("Sarah's house") is scrubbed too; names that belong to someone else are not.
    """
    pattern = scrub_pattern(journal, person_id, extra_names)
    gone = [person_id] + [
        i.id for c in journal.checkins for i in c.interactions if i.person_id == person_id
    ]
    if mark:  # the journal remembers that she was forgotten; a backup does not (undo)
        journal.forgotten = list(dict.fromkeys([*journal.forgotten, *map(forgotten_mark, gone)]))
    changed = len(journal.people)
    journal.people = [p for p in journal.people if p.id != person_id]
    changed -= len(journal.people)
    for checkin in journal.checkins:
        kept = [i for i in checkin.interactions if i.person_id != person_id]
        if len(kept) != len(checkin.interactions):
            changed += len(checkin.interactions) - len(kept)
            checkin.interactions = kept
    scrub = _Scrubber(pattern, person_id)
    changed += scrub.record(journal)
    for place in journal.places:  # names are structural elsewhere, but a place may carry hers
        renamed = pattern.sub(FORGOTTEN, place.name) if pattern else place.name
        if renamed != place.name:
            place.name = renamed
            changed += 1
    return changed


@dataclass(frozen=True)
class _Scrubber:
    """Walks records and plain JSON values, replacing her names in free text."""

    pattern: re.Pattern[str] | None
    person_id: str

    def record(self, record: BaseModel, skip: frozenset[str] = frozenset()) -> int:
        """Scrub `record` and the records inside it; returns how many records changed."""
        values = {k: getattr(record, k) for k in type(record).model_fields}
        values.update(record.model_extra or {})
        changed = nested = 0
        for key, value in values.items():
            if key in skip or _structural(key):
                continue
            if isinstance(value, BaseModel):
                nested += self.record(value)
            elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
                nested += sum(self.record(v) for v in value if isinstance(v, BaseModel))
            else:
                new = self.value(value, key)
                if new != value:
                    setattr(record, key, new)
                    changed = 1
        return changed + nested

    def value(self, value: Any, key: str = "") -> Any:
        """Scrub plain data (strings, lists, dicts); a list of ids (`…_ids`) loses her id."""
        if isinstance(value, str):
            return self.pattern.sub(FORGOTTEN, value) if self.pattern else value
        if isinstance(value, list):
            if key.endswith("_ids"):
                return [v for v in value if v != self.person_id]
            return [self.value(v) for v in value]
        if isinstance(value, dict):
            return {k: v if _structural(k) else self.value(v, k) for k, v in value.items()}
        return value


def _structural(key: str) -> bool:
    return key in STRUCTURAL or key.endswith("_id")
