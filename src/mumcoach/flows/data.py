"""The questions of her data commands: confirm an undo, the erase word, which entry to edit."""

from __future__ import annotations

from collections.abc import Sequence

from mumcoach.coach.edit import Entry
from mumcoach.content import Content
from mumcoach.errors import NeedsAnswer
from mumcoach.flows.ask import Asker
from mumcoach.prompter import Choice

ERASE_WORD = "erase"


def confirm_undo(asker: Asker, content: Content, *, yes: bool) -> bool:
    """Go ahead with the undo shown above? Without a terminal, --yes is required."""
    if yes:
        return True
    if not asker.interactive:
        raise NeedsAnswer("Undo is shown above. There is no terminal to ask on: pass --yes.")
    return asker.yes_no("confirm_undo", content.question("confirm_undo"), default=False)


def confirm_erase(asker: Asker, content: Content, *, yes: bool) -> bool:
    """True only when she types the word (any case); Enter or anything else keeps everything."""
    if yes:
        return True
    if not asker.interactive:
        raise NeedsAnswer(
            "Erase is shown above. There is no terminal to ask on: pass --yes to erase."
        )
    typed = asker.text("erase_word", content.question("erase_word"))
    return (typed or "").strip().casefold() == ERASE_WORD


def pick_entry(asker: Asker, content: Content, what: str, entries: Sequence[Entry]) -> str:
    """Which of several entries on one day; without a terminal, say how to choose by id."""
    options = [Choice(e.id, f"made {e.created_at:%d %b %H:%M} ({e.id})") for e in entries]
    if not asker.interactive:
        ids = ", ".join(c.value for c in options)
        raise NeedsAnswer(f"There are {len(options)} {what} on that day: add --id ({ids}).")
    picked = asker.select("pick_entry", content.question("pick_entry"), options, required=True)
    return picked or options[0].value
