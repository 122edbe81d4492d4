"""The one question about an unfinished run: carry on with its answers, or start fresh."""

from __future__ import annotations

from mumcoach.content import Content
from mumcoach.prompter import Choice, Prompter


def carry_on(prompter: Prompter, content: Content, found: str) -> bool:
    """True when she chooses to carry on (the default)."""
    choices = [
        Choice("resume", content.say("draft.carry_on")),
        Choice("fresh", content.say("draft.fresh")),
    ]
    return prompter.select("draft", found, choices, "resume") == "resume"
