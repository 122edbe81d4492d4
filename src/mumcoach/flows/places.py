"""Places' questions: which place she means, "did you mean …?", and confirming a merge."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from mumcoach.coach.matching import namesake
from mumcoach.coach.places import match_places
from mumcoach.content import Content
from mumcoach.dates import DateError
from mumcoach.errors import BadInput
from mumcoach.flows.ask import Asker
from mumcoach.flows.pick import (
    Labels,
    Wording,
    handle,
    known_or_new,
    pick_known,
)
from mumcoach.models import Journal, Place, Schedule
from mumcoach.schedule import parse_schedule

ID_HINT = "or use the id from `mumcoach places --json`"


def wording(content: Content, wanted: str) -> Wording:
    return Wording(
        key="which_place",
        many="places",
        pick=content.question("pick_place"),
        near=content.question("which_place"),
        did_you_mean=lambda label: content.say("people.did_you_mean", name=label),
        nobody=f"No place called “{wanted}”; `mumcoach places` lists them.",
        none_called="No place called",
        as_listed="Type the name as `mumcoach places` lists it",
        id_hint=ID_HINT,
        add_first="plan it once interactively, or pass --setting to add it as new",
        new=lambda name: f"Somewhere new: {name}",
    )


def _labels(today: date) -> Labels[Place]:
    def labels(places: Sequence[Place]) -> list[str]:
        from mumcoach.views.places import place_label  # imports Rich: only when needed

        return [place_label(p, today) for p in places]

    return labels


def pick_place(asker: Asker, content: Content, journal: Journal, query: str, today: date) -> Place:
    """The one place `query` names (an id, a name, its start, a near spelling), asking if unsure."""
    wanted = query.strip()
    found = match_places(journal.places, query)
    return pick_known(asker, found, wanted, _labels(today), wording(content, wanted))


def known_place_or_new(
    asker: Asker, content: Content, journal: Journal, name: str, today: date, *, new_ok: bool
) -> Place | None:
    """The place a plan names, or None when it is clearly new (or `new_ok`: she said so)."""
    found = match_places(journal.places, name)
    if new_ok and not found.sure:
        return None  # she gave a setting: a new place, however close its name
    wanted = name.strip()
    return known_or_new(asker, found, wanted, _labels(today), wording(content, wanted))


def schedule_answer(text: str, today: date) -> dict[str, Schedule | None]:
    """--schedule: read into the structured schedule (any old `recurring` text goes); '' clears."""
    if not text.strip():
        return {"schedule": None, "recurring": None}
    try:
        return {"schedule": parse_schedule(text, today), "recurring": None}
    except DateError as exc:
        raise BadInput(f"schedule (--schedule) {exc}.") from None


def refuse_place_namesake(journal: Journal, place_id: str, name: str, *, typed: str) -> None:
    """A rename must not make two places of one name unless she says --force."""
    other = namesake(journal.places, name, but=place_id)
    if other is not None:
        first = handle(match_places(journal.places, typed).one, place_id, typed)
        second = handle(match_places(journal.places, other.name).one, other.id, other.name)
        merge = f"mumcoach places merge {first} {second}"
        raise BadInput(
            f"You already have a place called {other.name}. If they're the same place, "
            f"`{merge}` puts them together; --force keeps two places with that name."
        )
