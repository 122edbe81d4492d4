"""What a command needs (paths, store, content, prompter, console, clock) in one object."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from mumcoach.paths import data_home

if TYPE_CHECKING:
    from rich.console import Console

    from mumcoach.content import Content
    from mumcoach.drafts import Draft
    from mumcoach.prompter import Prompter
    from mumcoach.store import Store


@dataclass
class AppContext:
    """Built once per run by the CLI; tests build their own and pass it as `obj=`."""

    home: Path | None = None
    env: Mapping[str, str] = field(default_factory=lambda: os.environ)
    now: Callable[[], datetime] = datetime.now
    interactive: bool | None = None  # None: decide from the terminal
    debug: bool = False
    prompter_override: Prompter | None = None
    console_override: Console | None = None
    drafts: list[Draft] = field(default_factory=list)  # this run's, for what Ctrl-C says

    @cached_property
    def data_dir(self) -> Path:
        return data_home(self.home, self.env)

    @cached_property
    def store(self) -> Store:
        from mumcoach.store import Store

        return Store(self.data_dir, now=self.now)

    @cached_property
    def content(self) -> Content:
        from mumcoach.content.cache import cached_content

        return cached_content(self.env)

    @cached_property
    def console(self) -> Console:
        if self.console_override is not None:
            return self.console_override
        from rich.console import Console

        return Console(highlight=False, emoji=False)  # her words print as typed

    @property
    def can_ask(self) -> bool:
        """True when questions may be put to a person (a terminal, or a scripted prompter)."""
        if self.interactive is not None:
            return self.interactive
        if self.prompter_override is not None:
            return True
        return is_terminal(sys.stdin) and is_terminal(sys.stdout)

    @cached_property
    def prompter(self) -> Prompter:
        if self.prompter_override is not None:
            return self.prompter_override
        from mumcoach.prompter import QuestionaryPrompter

        return QuestionaryPrompter()

    def today(self) -> date:
        return self.now().date()


def is_terminal(stream: object) -> bool:
    """A usable terminal; closed or missing streams (`<&-`) count as none."""
    try:
        return bool(stream is not None and stream.isatty())  # type: ignore[attr-defined]
    except (ValueError, OSError, AttributeError):
        return False
