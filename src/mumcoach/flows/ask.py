"""Answers from flags, an answers file or the prompter — validated the same way whichever it is."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from mumcoach.dates import DateError, Direction, parse_date
from mumcoach.errors import BadInput, NeedsAnswer
from mumcoach.prompter import Choice, Prompter
from mumcoach.text import clean_any, short


def flag(key: str) -> str:
    return "--" + key.replace("_", "-")


def label(key: str) -> str:
    """How an error names an answer: 'mood (--mood)', or 'people[0].name' inside a list."""
    return key if "." in key else f"{key} ({flag(key)})"


def load_answers(path: Path | None, allowed: Iterable[str]) -> dict[str, Any]:
    """Read a TOML or JSON answers file whose keys are long option names with '-' as '_'."""
    if path is None:
        return {}
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BadInput(f"Could not read the answers file {path}: {exc.strerror}.") from None
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(raw.decode("utf-8"))
        else:
            data = tomllib.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        kind = "JSON" if path.suffix.lower() == ".json" else "TOML"
        detail = str(exc).splitlines()[0] if isinstance(exc, tomllib.TOMLDecodeError) else ""
        if isinstance(exc, json.JSONDecodeError):
            detail = f"line {exc.lineno}, column {exc.colno}"
        raise BadInput(f"The answers file {path} is not valid {kind} ({detail}).") from None
    if not isinstance(data, dict):
        raise BadInput(f"The answers file {path} must hold key = value pairs.")
    allowed_set = set(allowed)
    unknown = sorted(set(data) - allowed_set)
    if unknown:
        raise BadInput(
            f"Unknown key {short(unknown[0])} in {path.name}; allowed keys: "
            f"{', '.join(sorted(allowed_set))}."
        )
    return dict(clean_any(data, multiline=True))


def merge_answers(from_file: Mapping[str, Any], flags: Mapping[str, Any]) -> dict[str, Any]:
    """Flags override the file; flags left at None (or empty lists) were not given."""
    merged = dict(from_file)
    for key, value in flags.items():
        if value is not None and value != [] and value != ():
            merged[key] = clean_any(value, multiline=True)
    return merged


class CrisisStop(Exception):
    """Free text spoke of suicide, self-harm or harming the baby: stop asking at once."""

    def __init__(self, key: str, value: str) -> None:
        super().__init__(key)
        self.key = key
        self.value = value
        self.partial: Any = None  # what the flow had collected, so it can still be saved


class Asker:
    """Takes each answer from `answers` if present, else asks the prompter, else the default.

    Non-interactive runs never ask: a required answer that is missing raises NeedsAnswer
    naming the flag; an optional one falls back to its default.
    """

    def __init__(
        self,
        prompter: Prompter | None,
        answers: Mapping[str, Any],
        *,
        interactive: bool,
        watch: Callable[[str], bool] | None = None,
        where: str = "",
    ) -> None:
        self.where = where  # 'people[0].' for answers inside a list, so errors name the place
        self.prompter = prompter
        self.answers = dict(answers)
        self.interactive = interactive
        self.watch = watch  # True for text that must stop coaching (see coach/safety.py)

    def _watched(self, key: str, value: str | None) -> str | None:
        if value and self.watch is not None and self.watch(value):
            raise CrisisStop(key, value)
        return value

    def given(self, key: str) -> bool:
        return key in self.answers and self.answers[key] is not None

    def _missing(self, key: str, question: str, required: bool) -> bool:
        """True when we should ask; raises or returns False when we cannot."""
        if self.interactive and self.prompter is not None:
            return True
        if required:
            raise NeedsAnswer(
                f"mumcoach needs an answer to “{question}” and there is no terminal to ask on. "
                f"Pass {flag(key)} or put {key} in an --answers file."
            )
        return False

    def _prompter(self) -> Prompter:
        assert self.prompter is not None
        return self.prompter

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
        if not self._missing(key, question, required):
            return default
        return self._prompter().scale(key, question, low, high, default, optional=not required)

    def number(
        self, key: str, question: str, low: int, high: int, *, default: int | None = None
    ) -> int | None:
        """A free number (minutes, percent) typed as text; blank means no answer."""
        if self.given(key):
            return check_int(self.where + key, self.answers[key], low, high)
        if not self._missing(key, question, False):
            return default
        while True:
            typed = (
                self._prompter()
                .text(
                    key,
                    f"{question} ({low}–{high}, blank to skip)",
                    "" if default is None else str(default),
                )
                .strip()
            )
            if not typed:
                return None
            try:
                return check_int(key, typed, low, high)
            except BadInput:
                continue

    def select(
        self,
        key: str,
        question: str,
        choices: Sequence[Choice],
        *,
        default: str | None = None,
        required: bool = False,
    ) -> str | None:
        if self.given(key):
            return check_choice(self.where + key, self.answers[key], [c.value for c in choices])
        if not self._missing(key, question, required):
            return default
        return self._prompter().select(key, question, choices, default)

    def many(
        self, key: str, question: str, choices: Sequence[Choice], *, default: Sequence[str] = ()
    ) -> list[str]:
        if self.given(key):
            values = self.answers[key]
            values = [values] if isinstance(values, str) else list(values)
            allowed = [c.value for c in choices]
            return [check_choice(self.where + key, v, allowed) for v in values]
        if not self._missing(key, question, False):
            return list(default)
        return self._prompter().checkbox(key, question, choices, default)

    def text(
        self, key: str, question: str, *, default: str | None = None, required: bool = False
    ) -> str | None:
        if self.given(key):
            value = self.answers[key]
            if not isinstance(value, str):
                raise BadInput(f"{label(self.where + key)} must be text.")
            return self._watched(key, value.strip() or default)
        if not self._missing(key, question, required):
            return default
        while True:
            typed = self._prompter().text(key, question, default or "").strip()
            if typed or not required:
                return self._watched(key, typed or None)

    def yes_no(self, key: str, question: str, *, default: bool = False) -> bool:
        if self.given(key):
            return check_bool(self.where + key, self.answers[key])
        if not self._missing(key, question, False):
            return default
        return self._prompter().confirm(key, question, default)

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
        if not self._missing(key, question, False):
            return default
        shown = default.isoformat() if default else ""
        while True:
            typed = self._prompter().text(key, question, shown).strip()
            if not typed:
                return None
            try:
                return check_date(key, typed, relative_to)
            except BadInput:
                continue


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


AGE = re.compile(r"^\s*(\d{1,2})\s*(w|wk|weeks?|m|mo|months?|y|yr|years?)\s*$", re.IGNORECASE)


def check_age(key: str, value: str) -> str:
    """Normalise an age like '8m', '3 years', '6w' to '8m', '3y', '6w'."""
    match = AGE.match(value)
    if not match:
        raise BadInput(f"{label(key)} must be an age like 6w, 8m or 3y.")
    return f"{int(match.group(1))}{match.group(2)[0].lower()}"
