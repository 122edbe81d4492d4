"""How far you have come with someone, and unreturned invitations: one definition of each."""

from __future__ import annotations

from collections.abc import Iterable

from mumcoach.models import Interaction
from mumcoach.vocab import STAGES, Stage

CHAT_MINUTES = 5  # a chat this long (or one with a detail remembered) counts as "chatted"


def is_chat(interaction: Interaction) -> bool:
    """A chat: five minutes or more together, or a detail worth remembering."""
    return (interaction.minutes or 0) >= CHAT_MINUTES or bool(interaction.detail)


def interaction_stage(interaction: Interaction) -> Stage:
    """The stage one interaction shows: met up > numbers > chatted > names."""
    if interaction.meetup:
        return "met-up"
    if interaction.swapped_numbers:
        return "numbers"
    if is_chat(interaction):
        return "chatted"
    return "names"


def stage_of(interactions: Iterable[Interaction]) -> Stage:
    """The highest stage her interactions show ("names" with none: a logged person has a name).

    "friend" and "nodded" are never derived: they are set by hand (`people edit --stage`).
    """
    return max((interaction_stage(i) for i in interactions), key=STAGES.index, default="names")


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
