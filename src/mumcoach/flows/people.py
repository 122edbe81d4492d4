"""People's questions: who she means, "did you mean …?", confirmations, which follow-up."""

from __future__ import annotations

from datetime import date

from mumcoach.coach.matching import Found
from mumcoach.coach.people import FollowUp, children_of, match_people, person_row
from mumcoach.content import Content
from mumcoach.errors import BadInput, NeedsAnswer
from mumcoach.flows.ask import Asker
from mumcoach.models import Journal, Person
from mumcoach.prompter import Choice
from mumcoach.views.people import person_label

NEW_PERSON = "__new__"
NONE_OF_THESE = "__none__"
ALL = "__all__"
MAX_CHOICES = 8
ID_HINT = "or use the id from `mumcoach people --json`"


def _labels(journal: Journal, people: tuple[Person, ...], today: date, seen: bool) -> list[str]:
    return [person_label(person_row(journal, p, today), today, seen=seen) for p in people]


def find_person(journal: Journal, query: str) -> Found[Person]:
    return match_people(journal.people, query, children_of(journal))


def pick_person(
    asker: Asker, content: Content, journal: Journal, query: str, today: date
) -> Person:
    """The one person `query` names (an id, a name, "Isla's mum"); asks when it isn't clear.

    Several matches: a picker, or without a terminal a one-line error listing them. Only a near
    spelling: "Did you mean …?", or without a terminal the same kind of error.
    """
    wanted = query.strip()
    found = find_person(journal, query)
    if found.one is not None:
        return found.one
    if found.sure:
        labels = _labels(journal, found.sure, today, seen=asker.interactive)
        if not asker.interactive:
            raise BadInput(
                f"“{wanted}” matches {len(found.sure)} people: {', '.join(labels)}. "
                f"Type more of the name, {ID_HINT}."
            )
        choices = [Choice(p.id, t) for p, t in zip(found.sure, labels, strict=True)]
        picked = asker.select("which_person", content.question("pick_person"), choices)
        return next(p for p in found.sure if p.id == picked)
    nobody = f"No one called “{wanted}” in your people; `mumcoach people` lists them."
    if not found.near:
        raise BadInput(nobody)
    near = found.near[:MAX_CHOICES]
    labels = _labels(journal, near, today, seen=asker.interactive)
    if not asker.interactive:
        raise BadInput(
            f"No one called “{wanted}”. Did you mean {_either(labels)}? "
            f"Type the name as it is on her card, {ID_HINT}."
        )
    chosen = _did_you_mean(asker, content, near, labels, NONE_OF_THESE, "None of these")
    if chosen is None:
        raise BadInput(nobody)
    return chosen


def resolve_met(
    asker: Asker, content: Content, journal: Journal, name: str, today: date, *, entry: str = ""
) -> Person | None:
    """Who she met in a check-in: someone known, or None for someone new.

    Her exact name (or id) is her. Anything less sure — a start, "Isla's mum", a near spelling,
    two people with one name — is asked about; without a terminal, a start or "Isla's mum" naming
    one person is her, and anything else stops with a one-line error, so no one is duplicated.
    """
    found = find_person(journal, name)
    if found.one is not None and (found.how in ("id", "exact") or not asker.interactive):
        return found.one
    options = found.sure or found.near
    if not options:
        return None
    labels = _labels(journal, options[:MAX_CHOICES], today, seen=asker.interactive)
    if not asker.interactive:
        where = f"{entry}: " if entry else ""
        if found.sure:
            raise BadInput(
                f"{where}“{name}” matches {len(found.sure)} people: {', '.join(labels)}. "
                f"Write the name as it is on her card, {ID_HINT}."
            )
        raise BadInput(
            f"{where}“{name}” is close to {_either(labels)}. If it's her, write the name as it "
            "is on her card (or her id); if it's someone new, add her first with "
            "`mumcoach people add`."
        )
    return _did_you_mean(
        asker, content, options[:MAX_CHOICES], labels, NEW_PERSON, f"Someone new called {name}"
    )


def _did_you_mean(
    asker: Asker,
    content: Content,
    options: tuple[Person, ...],
    labels: list[str],
    other: str,
    other_title: str,
) -> Person | None:
    """One option: "Did you mean Sarah (Isla, 4m)?"; several: a picker with a way out."""
    if len(options) == 1:
        question = content.say("people.did_you_mean", name=labels[0])
        return options[0] if asker.yes_no("did_you_mean", question, default=True) else None
    choices = [Choice(p.id, t) for p, t in zip(options, labels, strict=True)]
    choices.append(Choice(other, other_title))
    chosen = asker.select("which_person", content.question("which_person"), choices)
    return next((p for p in options if p.id == chosen), None)


def _either(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]


def confirm_add_another(
    asker: Asker, content: Content, journal: Journal, name: str, *, force: bool
) -> bool:
    """True unless she already has someone of that name and says no (or, scripted, no --force)."""
    found = find_person(journal, name)
    if found.how != "exact" or force:
        return True
    if not asker.interactive:
        raise BadInput(
            f"You already have someone called {name}. Pass --force to add another person "
            "with the same name."
        )
    return asker.yes_no("add_another", f"{name}\n  {content.question('add_another')}")


def confirm_forget(asker: Asker, content: Content, heading: str, *, yes: bool) -> bool:
    """Forget her? Without a terminal, --yes is required."""
    question = content.question("confirm_forget")
    return _confirm(asker, "confirm_forget", f"{heading}\n  {question}", heading, yes=yes)


def confirm_merge(asker: Asker, content: Content, *, yes: bool) -> bool:
    """Merge the two cards (shown just before)? Without a terminal, --yes is required."""
    question = content.question("confirm_merge")
    return _confirm(asker, "confirm_merge", question, "The merge is shown above.", yes=yes)


def _confirm(asker: Asker, key: str, question: str, heading: str, *, yes: bool) -> bool:
    if yes:
        return True
    if not asker.interactive:
        raise NeedsAnswer(f"{heading} There is no terminal to ask on: pass --yes to go ahead.")
    return asker.yes_no(key, question, default=False)


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
