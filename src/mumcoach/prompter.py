"""The prompt seam: every question goes through a Prompter; only this module touches questionary."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, Protocol


class Choice(NamedTuple):
    value: str
    title: str


# Reads typed text: None when it is fine, else a short kind hint shown while she fixes it.
Check = Callable[[str], str | None]


class Prompter(Protocol):
    """Asks one question and returns the answer. `key` names the question for scripts and tests."""

    def select(
        self, key: str, message: str, choices: Sequence[Choice], default: str | None = None
    ) -> str: ...

    def checkbox(
        self, key: str, message: str, choices: Sequence[Choice], default: Sequence[str] = ()
    ) -> list[str]: ...

    def text(
        self, key: str, message: str, default: str = "", check: Check | None = None, blank: str = ""
    ) -> str:
        """Free text; with `check`, asked again (showing its hint) until the check passes.
        `blank` is what an empty answer stands for, shown greyed where she types (and left
        there when Enter accepts it, so she sees what was kept)."""
        ...

    def confirm(self, key: str, message: str, default: bool = True) -> bool: ...

    def scale(
        self,
        key: str,
        message: str,
        low: int,
        high: int,
        default: int | None = None,
        optional: bool = False,
    ) -> int | None:
        """A number from low to high. Optional scales start on "skip", so pressing Enter never
        records a number she did not choose."""
        ...


SKIP = "skip"
SCALE_HINT = "(type a number, or use the arrows)"


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

    def text(
        self, key: str, message: str, default: str = "", check: Check | None = None, blank: str = ""
    ) -> str:
        import questionary

        def validate(typed: str) -> bool | str:
            return True if check is None else check(typed) or True

        answer: str = questionary.text(
            message,
            default=default,
            qmark="•",
            validate=validate,
            placeholder=[("fg:ansibrightblack", blank)] if blank else None,
        ).unsafe_ask()
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
        import questionary

        choices = [Choice(str(n), str(n)) for n in range(low, high + 1)]
        if optional:
            choices.insert(0, Choice(SKIP, "skip this one"))
        if default is not None:
            start = str(default)
        else:
            start = SKIP if optional else str((low + high) // 2)
        question = questionary.select(
            message,
            choices=[questionary.Choice(title=c.title, value=c.value) for c in choices],
            default=start,
            qmark="•",
            instruction=SCALE_HINT,
            use_jk_keys=False,
        )
        accept_typed_digits(question, [c.value for c in choices])
        answer: str = question.unsafe_ask()
        return None if answer == SKIP else int(answer)


def accept_typed_digits(question: Any, values: list[str]) -> None:
    """Let a select of numbers take typed digits: "7" points at 7, "1" then "0" at 10."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from questionary.prompts.common import InquirerControl

    app = question.application
    control = next(
        w.content for w in app.layout.find_all_windows() if isinstance(w.content, InquirerControl)
    )
    typed = [""]
    digits = KeyBindings()

    def point(event: Any) -> None:
        digit = event.key_sequence[0].key
        for attempt in (typed[0] + digit, digit):
            if attempt in values:
                typed[0] = attempt
                control.pointed_at = values.index(attempt)
                return

    for digit in "0123456789":
        digits.add(digit, eager=True)(point)
    app.key_bindings = merge_key_bindings([digits, app.key_bindings])


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
        self.hints: list[tuple[str, str]] = []  # (key, hint) each time a typed answer was refused
        self.messages: list[str] = []  # each question's wording, as asked

    def _next(self, key: str, message: str) -> Any:
        self.asked.append(key)
        self.messages.append(message)
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

    def text(
        self, key: str, message: str, default: str = "", check: Check | None = None, blank: str = ""
    ) -> str:
        """A refused answer (its hint recorded) is followed by the next scripted one."""
        while True:
            answer = self._next(key, message)
            typed = default if answer is ... else str(answer)
            hint = check(typed) if check is not None else None
            if hint is None:
                return typed
            self.hints.append((key, hint))

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
        if answer is ...:  # Enter on where the pointer starts
            answer = default if default is not None else None if optional else (low + high) // 2
        if answer is None and optional:
            return None
        if not isinstance(answer, int) or not low <= answer <= high:
            raise UnexpectedQuestion(f"{answer!r} is outside {low}–{high} for {key!r}")
        return answer
