"""How far you have come with someone, and unreturned invitations: one definition of each."""

from __future__ import annotations

import re
from collections.abc import Iterable

from mumcoach.models import Interaction
from mumcoach.vocab import STAGES, Stage

CHAT_MINUTES = 5  # a chat this long (or one with a detail remembered) counts as "chatted"

NAME = re.compile(r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?")
NOT_A_NAME = {
    "mum",
    "dad",
    "lady",
    "woman",
    "man",
    "mother",
    "father",
    "nanny",
    "grandma",
    "granny",
}


def looks_like_name(text: str) -> bool:
    """ "Sarah" or "Priya K" yes; "mum with the red buggy" no (a description, not a name)."""
    words = text.split()
    return bool(NAME.fullmatch(text.strip())) and not any(w.lower() in NOT_A_NAME for w in words)


def is_chat(interaction: Interaction) -> bool:
    """A chat: five minutes or more together, or a detail worth remembering."""
    return (interaction.minutes or 0) >= CHAT_MINUTES or bool(interaction.detail)


def interaction_stage(interaction: Interaction) -> Stage:
    """The stage one interaction shows: met up > numbers > chatted > names > nodded (logged
    by a description, "mum with the red buggy", rather than a name)."""
    if interaction.meetup:
        return "met-up"
    if interaction.swapped_numbers:
        return "numbers"
    if is_chat(interaction):
        return "chatted"
    return "names" if looks_like_name(interaction.name) else "nodded"


def stage_of(interactions: Iterable[Interaction], default: Stage = "names") -> Stage:
    """The highest stage her interactions show (`default` with none: someone added by hand).

    "friend" is never derived: it is set by hand (`people edit --stage`).
    """
    return max((interaction_stage(i) for i in interactions), key=STAGES.index, default=default)


def unreturned_after(count: int, interaction: Interaction) -> int:
    """Unreturned invitations once this interaction (oldest first) is counted: one she made
    resets the count, even if I invited her then too; one I made adds one."""
    if interaction.invited_me:
        return 0
    return count + 1 if interaction.invited else count


def unreturned(interactions: Iterable[Interaction]) -> int:
    """Invitations I made since the last one she made to me (interactions oldest first)."""
    count = 0
    for interaction in interactions:
        count = unreturned_after(count, interaction)
    return count
