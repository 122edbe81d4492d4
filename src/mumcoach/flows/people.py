"""People's questions: which person she means, "add another with that name?", "forget her?"."""

from __future__ import annotations

from mumcoach.content import Content
from mumcoach.errors import BadInput, NeedsAnswer
from mumcoach.flows.ask import Asker
from mumcoach.models import Journal, Person
from mumcoach.prompter import Choice


def person_label(person: Person) -> str:
    """'Sarah (Isla, 4m)': her name and, when known, her child's."""
    child = ", ".join(part for part in (person.child, person.child_age) if part)
    return f"{person.name} ({child})" if child else person.name


def pick_person(asker: Asker, content: Content, journal: Journal, query: str) -> Person:
    """The one person `query` names (an id or a name); asks which when several match."""
    from mumcoach.coach.people import find_people, person_by_id

    wanted = query.strip()
    by_id = person_by_id(journal, wanted)
    if by_id is not None:
        return by_id
    matches = find_people(journal.people, query)
    if not matches:
        raise BadInput(f"No one called “{wanted}” in your people; `mumcoach people` lists them.")
    if len(matches) == 1:
        return matches[0]
    if not asker.interactive:
        names = ", ".join(person_label(p) for p in matches)
        raise BadInput(
            f"“{wanted}” matches {len(matches)} people: {names}. Type more of the name, "
            "or use the id from `mumcoach people --json`."
        )
    choices = [Choice(p.id, person_label(p)) for p in matches]
    chosen = asker.select("which_person", content.question("pick_person"), choices)
    return next(p for p in matches if p.id == chosen)


def confirm_add_another(asker: Asker, content: Content, journal: Journal, name: str) -> bool:
    """True unless she already has someone of that name and, asked, says no."""
    same = [p for p in journal.people if p.name.casefold() == name.casefold()]
    if not same or not asker.interactive:
        return True
    return asker.yes_no("add_another", f"{name}\n  {content.question('add_another')}")


def confirm_forget(asker: Asker, content: Content, person: Person, *, yes: bool) -> bool:
    """True when she confirmed (or passed --yes); without a terminal, --yes is required."""
    if yes:
        return True
    if not asker.interactive:
        raise NeedsAnswer(
            f"Forgetting {person.name} can't be undone, and there is no terminal to ask on. "
            "Pass --yes to forget her."
        )
    question = f"{person_label(person)}\n  {content.question('confirm_forget')}"
    return asker.yes_no("confirm_forget", question, default=False)
