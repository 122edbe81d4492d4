"""Which one she means, for people and places alike: a picker, "Did you mean …?", or one line."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from mumcoach.coach.matching import Found
from mumcoach.errors import BadInput, NeedsAnswer
from mumcoach.flows.ask import Asker
from mumcoach.prompter import Choice

MAX_CHOICES = 8
NONE_OF_THESE = "__none__"
NEW = "__new__"


class HasId(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=HasId)
Labels = Callable[[Sequence[T]], list[str]]


@dataclass(frozen=True)
class Wording:
    """The words that differ between people and places."""

    key: str  # the scripted key of the picker: which_person / which_place
    many: str  # "people" / "places"
    pick: str  # the picker's question when several match
    near: str  # the picker's question when only near spellings match
    did_you_mean: Callable[[str], str]  # "Did you mean Sarah (Isla, 4m)?"
    nobody: str  # one line when nothing matches
    none_called: str  # "No one called" / "No place called"
    as_listed: str  # "Type the name as it is on her card"
    id_hint: str  # "or use the id from `mumcoach people --json`"
    add_first: str  # how to add a clearly new one before a scripted run
    new: Callable[[str], str]  # the way out of the picker: "Someone new called Hanah"


def either(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]


def pick_known(asker: Asker, found: Found[T], wanted: str, labels: Labels[T], w: Wording) -> T:
    """The one record `wanted` names; asks when several match or only a near spelling does.

    Without a terminal, anything but one sure match is a one-line error listing the options.
    """
    if found.one is not None:
        return found.one
    if found.sure:
        shown = labels(found.sure[:MAX_CHOICES])
        if not asker.interactive:
            raise BadInput(
                f"“{wanted}” matches {len(found.sure)} {w.many}: {', '.join(shown)}. "
                f"Type more of the name, {w.id_hint}."
            )
        choices = [Choice(r.id, t) for r, t in zip(found.sure, shown, strict=False)]
        picked = asker.select(w.key, w.pick, choices)
        return next(r for r in found.sure if r.id == picked)
    if not found.near:
        raise BadInput(w.nobody)
    near = found.near[:MAX_CHOICES]
    shown = labels(near)
    if not asker.interactive:
        raise BadInput(
            f"{w.none_called} “{wanted}”. Did you mean {either(shown)}? {w.as_listed}, {w.id_hint}."
        )
    chosen = did_you_mean(asker, near, shown, w, NONE_OF_THESE, "None of these")
    if chosen is None:
        raise BadInput(w.nobody)
    return chosen


def known_or_new(
    asker: Asker, found: Found[T], wanted: str, labels: Labels[T], w: Wording, entry: str = ""
) -> T | None:
    """A record she already has, or None for a clearly new one.

    The exact name (or id) is that record. Anything less sure is asked about; without a
    terminal, a start naming exactly one is that one and anything else is a one-line error,
    so nothing is duplicated silently.
    """
    if found.one is not None and (found.how in ("id", "exact") or not asker.interactive):
        return found.one
    options = (found.sure or found.near)[:MAX_CHOICES]
    if not options:
        return None
    shown = labels(options)
    if not asker.interactive:
        where = f"{entry}: " if entry else ""
        if found.sure:
            raise BadInput(
                f"{where}“{wanted}” matches {len(found.sure)} {w.many}: {', '.join(shown)}. "
                f"{w.as_listed}, {w.id_hint}."
            )
        raise BadInput(
            f"{where}“{wanted}” is close to {either(shown)}. If that's the one, write the name "
            f"as listed (or the id); if it's new, {w.add_first}."
        )
    return did_you_mean(asker, options, shown, w, NEW, w.new(wanted))


def did_you_mean(
    asker: Asker, options: Sequence[T], shown: list[str], w: Wording, other: str, title: str
) -> T | None:
    """One option: "Did you mean …?"; several: a picker with a way out (None)."""
    if len(options) == 1:
        question = w.did_you_mean(shown[0])
        return options[0] if asker.yes_no("did_you_mean", question, default=True) else None
    choices = [Choice(r.id, t) for r, t in zip(options, shown, strict=True)]
    choices.append(Choice(other, title))
    chosen = asker.select(w.key, w.near, choices)
    return next((r for r in options if r.id == chosen), None)


def confirm_yes(asker: Asker, key: str, question: str, heading: str, *, yes: bool) -> bool:
    """A yes/no before something big (forget, merge); without a terminal, --yes is required."""
    if yes:
        return True
    if not asker.interactive:
        raise NeedsAnswer(f"{heading} There is no terminal to ask on: pass --yes to go ahead.")
    return asker.yes_no(key, question, default=False)


def handle(found: HasId | None, record_id: str, typed: str) -> str:
    """What to type to find a record again: `typed` when it found only that one, else its id."""
    if found is None or found.id != record_id:
        return record_id
    return f'"{typed.strip()}"' if " " in typed.strip() else typed.strip()
