"""Every free-text answer goes through the safety screen: tier 1 stops, tier 2 asks one question."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Literal

from mumcoach.flows.ask import CrisisStop
from mumcoach.prompter import Choice, Prompter

if TYPE_CHECKING:
    from mumcoach.content import Content
    from mumcoach.models import Journal

SafetyState = Literal["crisis", "check"]


class SafetyWatch:
    """Screens text as it arrives (science.md §6), for an Asker or a command.

    Tier 1 raises CrisisStop: coaching stops, no more questions. Tier 2 pauses once per run: with
    someone to ask, the direct, kind question (Dazzi et al. 2014) — yes → CrisisStop; no or not
    sure → `show_support(asked=True)` (the lines and a warm word), then the flow goes on. With no
    one to ask, `show_support(asked=False)` and on. `state` is what `--json` reports as "safety";
    `flagged` names the answers the screen heard, so coaching never quotes them back.
    """

    def __init__(
        self,
        content: Content,
        prompter: Prompter | None,
        show_support: Callable[[SafetyWatch, bool], None],
    ) -> None:
        self.content = content
        self.prompter = prompter
        self.show_support = show_support
        self.names: tuple[str, ...] = ()  # her children: harm near one is harm near a child
        self.region = "other"
        self.state: SafetyState | None = None
        self.flagged: set[str] = set()
        self.asked = False

    def know(self, journal: Journal) -> None:
        """Her children's names and her region, once the journal is loaded."""
        profile = journal.profile
        if profile is not None:
            self.names = tuple(child.name for child in profile.children)
            self.region = profile.region

    def __call__(self, key: str, text: str) -> None:
        from mumcoach.coach.safety import CRISIS, screen  # with the first text, not at start

        found = screen(text, self.content.safety, self.names)
        if found is None:
            return
        self.flagged.add(key)
        if found.tier == CRISIS:
            self.state = "crisis"
            raise CrisisStop(key, text)
        self.state = self.state or "check"
        if self.asked:
            return
        self.asked = True
        if self.prompter is not None and self._ask() == "yes":
            self.state = "crisis"
            raise CrisisStop(key, text)
        self.show_support(self, self.prompter is not None)

    def check_all(self, texts: Iterable[tuple[str, str | None]]) -> None:
        """Screen answers a command took in one go (flags, a file), each under its own key."""
        for key, text in texts:
            if text:
                self(key, text)

    def _ask(self) -> str:
        assert self.prompter is not None
        say = self.content.say
        choices = [
            Choice("yes", say("safety_check.yes")),
            Choice("no", say("safety_check.no")),
            Choice("not_sure", say("safety_check.not_sure")),
        ]
        return self.prompter.select(
            "safety_check", say("safety_check.question"), choices, "not_sure"
        )
