"""The prompt seam: every question goes through a Prompter; only this module touches questionary."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple, Protocol


class Choice(NamedTuple):
    value: str
    title: str


class Prompter(Protocol):
    """Asks one question and returns the answer. `key` names the question for scripts and tests."""

    def select(
        self, key: str, message: str, choices: Sequence[Choice], default: str | None = None
    ) -> str: ...

    def checkbox(
        self, key: str, message: str, choices: Sequence[Choice], default: Sequence[str] = ()
    ) -> list[str]: ...

    def text(self, key: str, message: str, default: str = "") -> str: ...

    def confirm(self, key: str, message: str, default: bool = True) -> bool: ...

    def scale(
        self,
        key: str,
        message: str,
        low: int,
        high: int,
        default: int | None = None,
        optional: bool = False,
    ) -> int | None: ...


SKIP = "skip"


class QuestionaryPrompter:
    """The real terminal: arrow keys and Enter. Ctrl-C raises KeyboardInterrupt (`unsafe_ask`)."""

    def select(
        self, key: str, message: str, choices: Sequence[Choice], default: str | None = None
    ) -> str:
        import questionary

        options = [questionary.Choice(title=c.title, value=c.value) for c in choices]
        answer: str = questionary.select(
            message, choices=options, default=default, qmark="•"
        ).unsafe_ask()
        return answer

    def checkbox(
        self, key: str, message: str, choices: Sequence[Choice], default: Sequence[str] = ()
    ) -> list[str]:
        import questionary

        options = [
            questionary.Choice(title=c.title, value=c.value, checked=c.value in default)
            for c in choices
        ]
        answer: list[str] = questionary.checkbox(message, choices=options, qmark="•").unsafe_ask()
        return answer

    def text(self, key: str, message: str, default: str = "") -> str:
        import questionary

        answer: str = questionary.text(message, default=default, qmark="•").unsafe_ask()
        return answer

    def confirm(self, key: str, message: str, default: bool = True) -> bool:
        import questionary

        answer: bool = questionary.confirm(message, default=default, qmark="•").unsafe_ask()
        return answer

    def scale(
        self,
        key: str,
        message: str,
        low: int,
        high: int,
        default: int | None = None,
        optional: bool = False,
    ) -> int | None:
        choices = [Choice(str(n), str(n)) for n in range(low, high + 1)]
        if optional:
            choices.append(Choice(SKIP, "skip"))
        start = str(default if default is not None else (low + high) // 2)
        answer = self.select(key, message, choices, default=start)
        return None if answer == SKIP else int(answer)


class UnexpectedQuestion(AssertionError):
    """A scripted run was asked something its script did not expect."""


class ScriptedPrompter:
    """Answers from a script for tests: {key: answer} or {key: [answer, answer, ...]}.

    Asking anything the script does not cover fails loudly; `asked` records every key asked.
    An answer of `...` takes the question's default (pressing Enter); an exception is raised.
    """

    def __init__(self, script: dict[str, Any]) -> None:
        self.script = {k: list(v) if isinstance(v, list) else [v] for k, v in script.items()}
        self.asked: list[str] = []

    def _next(self, key: str, message: str) -> Any:
        self.asked.append(key)
        queue = self.script.get(key)
        if not queue:
            raise UnexpectedQuestion(f"unscripted question {key!r}: {message}")
        answer = queue.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        return answer

    def unused(self) -> dict[str, list[Any]]:
        """Scripted answers nobody asked for (handy in assertions)."""
        return {k: v for k, v in self.script.items() if v}

    def select(
        self, key: str, message: str, choices: Sequence[Choice], default: str | None = None
    ) -> str:
        answer = self._next(key, message)
        if answer is ... and default is not None:
            return default
        if answer not in [c.value for c in choices]:
            raise UnexpectedQuestion(f"{answer!r} is not a choice for {key!r}")
        return str(answer)

    def checkbox(
        self, key: str, message: str, choices: Sequence[Choice], default: Sequence[str] = ()
    ) -> list[str]:
        answer = list(self._next(key, message))
        allowed = {c.value for c in choices}
        if not set(answer) <= allowed:
            raise UnexpectedQuestion(f"{answer!r} are not all choices for {key!r}")
        return answer

    def text(self, key: str, message: str, default: str = "") -> str:
        answer = self._next(key, message)
        return default if answer is ... else str(answer)

    def confirm(self, key: str, message: str, default: bool = True) -> bool:
        answer = self._next(key, message)
        return default if answer is ... else bool(answer)

    def scale(
        self,
        key: str,
        message: str,
        low: int,
        high: int,
        default: int | None = None,
        optional: bool = False,
    ) -> int | None:
        answer = self._next(key, message)
        if answer is None and optional:
            return None
        if not isinstance(answer, int) or not low <= answer <= high:
            raise UnexpectedQuestion(f"{answer!r} is outside {low}–{high} for {key!r}")
        return answer
