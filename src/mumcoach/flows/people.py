"""People's questions: who she means, "did you mean …?", confirmations, which follow-up."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from mumcoach.coach.matching import Found, alike, namesake
from mumcoach.coach.people import FollowUp, children_of, match_people, person_row
from mumcoach.content import Content
from mumcoach.errors import BadInput
from mumcoach.flows.ask import Asker
from mumcoach.flows.pick import (
    Labels,
    Wording,
    confirm_yes,
    either,
    handle,
    known_or_new,
    pick_known,
)
from mumcoach.models import STAGES, Journal, Person, Place
from mumcoach.prompter import Choice
from mumcoach.text import one_line

ALL = "__all__"
MAX_SEE = 8  # people offered in "Hoping to see anyone there?"
ID_HINT = "or use the id from `mumcoach people --json`"


def wording(content: Content, wanted: str) -> Wording:
    return Wording(
        key="which_person",
        many="people",
        pick=content.question("pick_person"),
        near=content.question("which_person"),
        did_you_mean=lambda label: content.say("people.did_you_mean", name=label),
        nobody=f"No one called “{wanted}” in your people; `mumcoach people` lists them.",
        none_called="No one called",
        as_listed="Type the name as it is on her card",
        id_hint=ID_HINT,
        add_first="add her first with `mumcoach people add`",
        new=lambda name: f"Someone new called {name}",
    )


def find_person(journal: Journal, query: str) -> Found[Person]:
    return match_people(journal.people, query, children_of(journal))


def _labeller(journal: Journal, today: date, seen: bool) -> Labels[Person]:
    def labels(people: Sequence[Person]) -> list[str]:
        from mumcoach.views.people import person_label  # imports Rich: only when needed

        return [person_label(person_row(journal, p, today), today, seen=seen) for p in people]

    return labels


def pick_person(
    asker: Asker, content: Content, journal: Journal, query: str, today: date
) -> Person:
    """The one person `query` names (an id, a name, "Isla's mum"); asks when it isn't clear.

    Several matches: a picker with child and last seen, or without a terminal a one-line error
    listing them. Only a near spelling: "Did you mean …?", or the same kind of error.
    """
    wanted = query.strip()
    labels = _labeller(journal, today, seen=asker.interactive)
    return pick_known(asker, find_person(journal, query), wanted, labels, wording(content, wanted))


def resolve_met(
    asker: Asker, content: Content, journal: Journal, name: str, today: date, *, entry: str = ""
) -> Person | None:
    """Who she met in a check-in: someone known, or None for someone clearly new."""
    labels = _labeller(journal, today, seen=asker.interactive)
    found = find_person(journal, name)
    return known_or_new(asker, found, name, labels, wording(content, name), entry)


def confirm_add_another(
    asker: Asker, content: Content, journal: Journal, name: str, today: date, *, force: bool
) -> bool:
    """True unless she already has someone of that name (or one spelt very like it) and, asked,
    says no; without a terminal that needs --force, so no one is added twice by accident."""
    found = find_person(journal, name)
    if found.how == "exact":
        same = found.sure
    elif found.how == "start":  # "Sara" starts "Sarah" and is spelt like it; "Han" is not
        same = tuple(p for p in found.sure if alike(p.name, name))
    else:
        same = found.near
    if not same or force:
        return True
    labels = _labeller(journal, today, seen=False)(same)
    already = f"You already have {either(labels)}."
    if not asker.interactive:
        raise BadInput(f"{already} Pass --force to add {name} as someone new.")
    return asker.yes_no("add_another", f"{already}\n  {content.question('add_another')}")


def confirm_forget(asker: Asker, content: Content, heading: str, *, yes: bool) -> bool:
    """Forget her? Without a terminal, --yes is required."""
    question = content.question("confirm_forget")
    return confirm_yes(asker, "confirm_forget", f"{heading}\n  {question}", heading, yes=yes)


def confirm_merge(asker: Asker, content: Content, *, yes: bool) -> bool:
    """Merge the two (people or places, shown just before)? Without a terminal, --yes is needed."""
    question = content.question("confirm_merge")
    return confirm_yes(asker, "confirm_merge", question, "The merge is shown above.", yes=yes)


def pick_followups(
    asker: Asker,
    content: Content,
    person: Person,
    open_: list[FollowUp],
    short_id: str | None,
    *,
    every: bool,
) -> list[FollowUp]:
    """Which of her open follow-ups are done: the one named by id, all, the only one, or asked."""
    if short_id:
        named = [f for f in open_ if f.interaction_id.startswith(short_id.strip().lower())]
        if len(named) != 1:
            raise BadInput(
                f"{person.name} has no open follow-up with the id “{short_id.strip()}”; "
                f"`mumcoach people show {person.id}` lists them with their ids."
            )
        return named
    if every or len(open_) <= 1:
        return open_
    if not asker.interactive:
        ids = ", ".join(f.short_id for f in open_)
        raise BadInput(
            f"{person.name} has {len(open_)} open follow-ups ({ids}). Pass the one that's done "
            f"(`mumcoach people done {person.id} {open_[0].short_id}`), or --all."
        )
    choices = [Choice(f.interaction_id, f.text) for f in open_]
    choices.append(Choice(ALL, "All of them"))
    chosen = asker.select("which_followup", content.question("pick_followup"), choices)
    return open_ if chosen == ALL else [f for f in open_ if f.interaction_id == chosen]


def child_age_answer(key: str, value: str, today: date) -> str:
    """An age like 8m, 3y or 6w, or a birth month like 2025-03 (turned into her age today)."""
    from mumcoach.coach.ages import birth_month_age
    from mumcoach.flows.ask import check_age, flag

    born = birth_month_age(value, today)
    if born is not None:
        return born
    try:
        return check_age(key, value)
    except BadInput:
        raise BadInput(
            f"{key} ({flag(key)}) must be an age like 6w, 8m or 3y, or a birth month like 2025-03."
        ) from None


def ask_see(
    asker: Asker, content: Content, journal: Journal, place: Place | None, today: date
) -> list[str]:
    """Who she hopes to see there (`--see NAME`, or ticked from her people); their ids."""
    from mumcoach.views.people import person_label  # imports Rich: only when needed

    if asker.given("see"):
        names = asker.answers["see"]
        names = [names] if isinstance(names, str) else list(names)
        picked = [pick_person(asker, content, journal, str(n), today).id for n in names]
        return list(dict.fromkeys(picked))
    if not asker.interactive or not journal.people or place is None:
        return []
    rows = sorted(
        (person_row(journal, p, today) for p in journal.people),
        key=lambda r: r.last_contact or date.min,
        reverse=True,
    )[:MAX_SEE]
    choices = [Choice(r.id, person_label(r, today)) for r in rows]
    return asker.many("see", content.question("see"), choices)


# ---- answers given as flags, checked where they enter -------------------------------------------


def clean_name(text: str, key: str) -> str:
    cleaned = one_line(text)
    if not cleaned:
        raise BadInput(f"{key} can't be empty.")
    if len(cleaned) > 80:
        raise BadInput(f"{key} is too long (80 characters at most).")
    return cleaned


def check_stage(value: str) -> str | None:
    """--stage: a stage, or 'auto' (None) to derive it from what was logged again."""
    wanted = "-".join(value.strip().lower().replace("_", " ").split())
    if wanted == "auto":
        return None
    if wanted not in STAGES:
        raise BadInput(f"stage (--stage) must be one of: {', '.join(STAGES)}, or auto.")
    return wanted


def refuse_namesake(
    journal: Journal, person_id: str, name: str, today: date, *, typed: str
) -> None:
    """A rename must not make two people of one name unless she says --force."""
    from mumcoach.views.people import person_label  # imports Rich: only when needed

    other = namesake(journal.people, name, but=person_id)
    if other is not None:
        label = person_label(person_row(journal, other, today), today)
        first = handle(find_person(journal, typed).one, person_id, typed)
        second = handle(find_person(journal, other.name).one, other.id, other.name)
        merge = f"mumcoach people merge {first} {second}"
        raise BadInput(
            f"You already have someone called {label}. If they're the same person, `{merge}` "
            "puts everything on one card; --force keeps two people with that name."
        )
