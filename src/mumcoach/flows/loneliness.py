"""The optional UCLA 3-item loneliness check, asked: the offer, then the three items."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mumcoach.prompter import Choice

if TYPE_CHECKING:
    from mumcoach.content import Content
    from mumcoach.prompter import Prompter

SKIP = "not-now"


def ask_ucla(prompter: Prompter, content: Content) -> list[int] | None:
    """The offer, then the three items (the intro above the first); None for "not now" at any
    point. Nothing is saved here: the command records the answers and the offer in one save."""
    if not prompter.confirm("ucla_offer", content.question("ucla_offer"), False):
        return None
    ucla = content.ucla
    choices = [Choice(str(a.value), a.label) for a in ucla.answers]
    choices.append(Choice(SKIP, ucla.skip))
    answers: list[int] = []
    for n, item in enumerate(ucla.items, start=1):
        question = f"{ucla.intro}\n\n{item}" if n == 1 else item
        picked = prompter.select(f"ucla_{n}", question, choices)
        if picked == SKIP:
            return None
        answers.append(int(picked))
    return answers
