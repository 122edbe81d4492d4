"""Answers from flags, an answers file or the prompter — validated the same way whichever it is."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any, TypeVar

from mumcoach.dates import DateError, Direction, parse_date
from mumcoach.drafts import Draft
from mumcoach.errors import BadInput, NeedsAnswer
from mumcoach.flows.typed import read_age, read_number
from mumcoach.prompter import Choice, Prompter
from mumcoach.text import clean
from mumcoach.words import short_weekday_day

T = TypeVar("T")


def flag(key: str) -> str:
    return "--" + key.replace("_", "-")


def label(key: str) -> str:
    """How an error names an answer: 'mood (--mood)', or 'people[0].name' inside a list."""
    return key if "." in key else f"{key} ({flag(key)})"


class CrisisStop(Exception):
    """Free text spoke of suicide, self-harm or harming the baby: stop asking at once."""

    def __init__(self, key: str, value: str) -> None:
        super().__init__(key)
        self.key = key
        self.value = value
        self.partial: Any = None  # what the flow had collected, so it can still be saved


class Asker:
    """Takes each answer from `answers` if present, else from a draft being carried on, else
    asks the prompter, else the default. Typed answers are read the way people write them and
    asked again, with a short hint, until they can be read; every answer goes into the draft.

    Non-interactive runs never ask: a required answer that is missing raises NeedsAnswer
    naming the flag; an optional one falls back to its default.
    """

    def __init__(
        self,
        prompter: Prompter | None,
        answers: Mapping[str, Any],
        *,
        interactive: bool,
        watch: Callable[[str, str], None] | None = None,
        where: str = "",
        draft: Draft | None = None,
        lenient: bool = False,
    ) -> None:
        self.lenient = lenient  # a missing required answer is left out instead of refused
        self.where = where  # 'people[0].' for answers inside a list, so errors name the place
        self.prompter = prompter
        self.answers = dict(answers)
        self.interactive = interactive
        self.watch = watch  # screens free text; may raise CrisisStop (see flows/safety.py)
        self.draft = draft

    def _watched(self, key: str, value: str | None) -> str | None:
        return self.screened(key, value) if value else value

    def screened(self, key: str, value: str) -> str:
        """Free text read some other way (a place name given by flag): screened all the same."""
        if value and self.watch is not None:
            self.watch(key, value)
        return value

    def replay(self, without: str | None = None) -> Asker:
        """The same given answers, asking and screening nothing: after a crisis stop, the flow
        run again on this keeps every answer she gave (flags, a file) without another question.
        `without`: the answer that stopped it, which the flow puts back in its own place."""
        answers = {k: v for k, v in self.answers.items() if k != without}
        return Asker(None, answers, interactive=False, where=self.where, lenient=True)

    def given(self, key: str) -> bool:
        return key in self.answers and self.answers[key] is not None

    def _earlier(self, key: str) -> tuple[bool, Any]:
        """The answer a run that stopped gave to this question, when carrying on."""
        return self.draft.take(key) if self.draft is not None else (False, None)

    def _keep(self, key: str, value: T) -> T:
        """Every answer typed (or carried on) goes into the draft as soon as it is given; flags
        and answers files are kept there whole (`Draft.given`)."""
        if self.draft is not None:
            self.draft.record(key, value)
        return value

    def _missing(self, key: str, question: str, required: bool) -> bool:
        """True when we should ask; raises or returns False when we cannot."""
        if self.interactive and self.prompter is not None:
            return True
        if required and not self.lenient:
            raise NeedsAnswer(
                f"mumcoach needs an answer to “{question}” and there is no terminal to ask on. "
                f"Pass {flag(key)} or put {key} in an --answers file."
            )
        return False

    def _prompter(self) -> Prompter:
        assert self.prompter is not None
        return self.prompter

    def _typed(
        self,
        key: str,
        question: str,
        default: str,
        read: Callable[[str], Any],
        optional: bool,
        blank: str = "",
    ) -> Any:
        """Ask for text until `read` accepts it (blank is no answer when `optional`; `blank`
        shows what Enter on its own gives)."""

        def check(typed: str) -> str | None:
            if not typed.strip() and optional:
                return None
            try:
                read(typed)
            except BadInput as exc:
                return hint(exc)
            return None

        typed = self._prompter().text(key, question, default, check=check, blank=blank).strip()
        return read(typed) if typed or not optional else None

    def scale(
        self,
        key: str,
        question: str,
        low: int,
        high: int,
        *,
        default: int | None = None,
        required: bool = False,
    ) -> int | None:
        if self.given(key):
            return check_int(self.where + key, self.answers[key], low, high)
        found, earlier = self._earlier(key)
        if found:
            value = None if earlier is None else check_int(key, earlier, low, high)
            return self._keep(key, value)
        if not self._missing(key, question, required):
            return default
        answer = self._prompter().scale(key, question, low, high, default, optional=not required)
        return self._keep(key, answer)

    def number(
        self,
        key: str,
        question: str,
        low: int,
        high: int,
        *,
        default: int | None = None,
        minutes: bool = False,
    ) -> int | None:
        """A free number (minutes, percent) typed as text: '60', '60%', 'sixty', 'an hour'."""
        if self.given(key):
            return check_int(self.where + key, self.answers[key], low, high)
        found, earlier = self._earlier(key)
        if found:
            return self._keep(key, None if earlier is None else check_int(key, earlier, low, high))
        if not self._missing(key, question, False):
            return default

        def read(typed: str) -> int:
            number = read_number(typed, minutes=minutes)
            return check_int(key, typed if number is None else number, low, high)

        shown = "" if default is None else str(default)
        number: int | None = self._typed(key, question, shown, read, optional=True)
        return self._keep(key, number)

    def select(
        self,
        key: str,
        question: str,
        choices: Sequence[Choice],
        *,
        default: str | None = None,
        required: bool = False,
    ) -> str | None:
        allowed = [c.value for c in choices]
        if self.given(key):
            return check_choice(self.where + key, self.answers[key], allowed)
        found, earlier = self._earlier(key)
        if found and earlier in allowed:
            return self._keep(key, str(earlier))
        if not self._missing(key, question, required):
            return default
        return self._keep(key, self._prompter().select(key, question, choices, default))

    def many(
        self, key: str, question: str, choices: Sequence[Choice], *, default: Sequence[str] = ()
    ) -> list[str]:
        allowed = [c.value for c in choices]
        if self.given(key):
            values = self.answers[key]
            values = [values] if isinstance(values, str) else list(values)
            return [check_choice(self.where + key, v, allowed) for v in values]
        found, earlier = self._earlier(key)
        if found and isinstance(earlier, list):
            return self._keep(key, [str(v) for v in earlier if v in allowed])
        if not self._missing(key, question, False):
            return list(default)
        return self._keep(key, self._prompter().checkbox(key, question, choices, default))

    def text(
        self, key: str, question: str, *, default: str | None = None, required: bool = False
    ) -> str | None:
        if self.given(key):
            value = self.answers[key]
            if not isinstance(value, str):
                raise BadInput(f"{label(self.where + key)} must be text.")
            return self._watched(key, value.strip() or default)
        found, earlier = self._earlier(key)
        if found and (earlier is None or isinstance(earlier, str)):
            return self._watched(key, self._keep(key, earlier))
        if not self._missing(key, question, required):
            return default

        def check(typed: str) -> str | None:
            return "A word or two is plenty." if required and not typed.strip() else None

        typed = self._prompter().text(key, question, default or "", check=check)
        return self._watched(key, self._keep(key, clean(typed.strip()) or None))

    def yes_no(self, key: str, question: str, *, default: bool = False) -> bool:
        if self.given(key):
            return check_bool(self.where + key, self.answers[key])
        found, earlier = self._earlier(key)
        if found and isinstance(earlier, bool):
            return self._keep(key, earlier)
        if not self._missing(key, question, False):
            return default
        return self._keep(key, self._prompter().confirm(key, question, default))

    def when(
        self,
        key: str,
        question: str,
        *,
        default: date | None = None,
        relative_to: date | None = None,
    ) -> date | None:
        """A date as people say it (see mumcoach.dates), read relative to `relative_to`."""
        if self.given(key):
            return check_date(self.where + key, self.answers[key], relative_to)
        found, earlier = self._earlier(key)
        if found:
            return self._keep(key, None if earlier is None else check_date(key, earlier))
        if not self._missing(key, question, False):
            return default
        shown = ""
        if default is not None:  # shown, not pre-typed: what she types replaces it
            shown = short_weekday_day(default)
            question = f"{question} (Enter for {shown}, or none)"

        def read(typed: str) -> date | None:
            if not typed.strip():
                return default
            if typed.strip().lower() in NO_DATE:
                return None
            return check_date(key, typed, relative_to)

        day: date | None = self._typed(key, question, "", read, optional=False, blank=shown)
        return self._keep(key, day)

    def age(self, key: str, question: str, *, unit_question: Callable[[int], str]) -> str | None:
        """A child's age as typed ('8 months', '5 mths', '2.5 years'); a bare '3' is followed
        by "3 months or 3 years?" rather than refused."""
        if self.given(key):
            return check_age(self.where + key, str(self.answers[key]))
        found, earlier = self._earlier(key)
        if found:
            return self._keep(key, None if earlier is None else check_age(key, str(earlier)))
        if not self._missing(key, question, False):
            return None

        def read(typed: str) -> str | int:
            age = read_age(typed)
            if age is None:
                raise BadInput(f"{label(key)} must be an age like 8 months or 2 years.")
            return age

        age: str | int | None = self._typed(key, question, "", read, optional=True)
        if isinstance(age, int):
            units = [Choice(f"{age}{u}", f"{age} {unit_word(word, age)}") for u, word in AGE_WORDS]
            shown = unit_question(age)
            age = self._prompter().select(f"{key}_unit", shown, units, default=f"{age}m")
        return self._keep(key, age)


AGE_WORDS = (("w", "weeks"), ("m", "months"), ("y", "years"))


def unit_word(word: str, n: int) -> str:
    """'weeks' as said of `n`: '1 week', '3 weeks'."""
    return word.removesuffix("s") if n == 1 else word


NO_DATE = frozenset({"none", "no", "-", "no date", "not sure"})


def hint(exc: BadInput) -> str:
    """A refused answer's error as a short hint: 'Try a whole number from 0 to 100.'"""
    reason = exc.message
    for opener in (" must be ", " must "):
        if opener in reason:
            reason = reason.split(opener, 1)[1]
            break
    reason = reason.rstrip(".")
    return f"Try {reason}."


def check_int(key: str, value: Any, low: int, high: int) -> int:
    try:
        if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
            raise ValueError
        number = int(value)
    except (TypeError, ValueError):
        raise BadInput(f"{label(key)} must be a whole number from {low} to {high}.") from None
    if not low <= number <= high:
        raise BadInput(f"{label(key)} must be a whole number from {low} to {high}.")
    return number


def check_choice(key: str, value: Any, allowed: Sequence[str]) -> str:
    text = str(value).strip().lower() if not isinstance(value, bool) else ""
    if text not in allowed:
        raise BadInput(f"{label(key)} must be one of: {', '.join(allowed)}.")
    return text


def check_bool(key: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"yes", "y", "true", "1"}:
        return True
    if text in {"no", "n", "false", "0"}:
        return False
    raise BadInput(f"{label(key)} must be yes or no.")


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def check_date(
    key: str, value: Any, relative_to: date | None = None, direction: Direction = "ahead"
) -> date:
    """A date as people say it (mumcoach.dates); without `relative_to`, an ISO date only."""
    try:
        if relative_to is None:
            if not isinstance(value, date) and not ISO_DATE.fullmatch(str(value).strip()):
                raise DateError("must be a date like 2026-11-24")
            relative_to = date(2000, 1, 1)
        return parse_date(value, relative_to, direction=direction)
    except DateError as exc:
        raise BadInput(f"{label(key)} {exc}.") from None


def check_age(key: str, value: str) -> str:
    """Normalise an age as typed ('8m', '3 years', '5 mths', '2.5 years') to '8m', '3y', '30m'."""
    age = read_age(value)
    if isinstance(age, int):
        week, month, year = (unit_word(word, age) for _, word in AGE_WORDS)
        raise BadInput(f"{label(key)} needs a unit: {age} {week}, {month} or {year} (e.g. {age}m).")
    if age is None:
        raise BadInput(f"{label(key)} must be an age like 6w, 8m or 3y.")
    return age
