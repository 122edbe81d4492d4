"""The safety screen's shape: normalising, word classes, two-tier rules and guards (safety.toml)."""

import re
from typing import Literal, Self

from pydantic import Field, field_validator, model_validator

from mumcoach.content.schema import Key, Source, Text, _Strict
from mumcoach.text import strip_accents

_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc`\u00b4]")
_DECIMAL = re.compile(r"(\d)[.,](\d)")
_ELLIPSIS = re.compile(r"\.{2,}|\u2026")
_SENTENCE_END = re.compile(r"[.!?;\n]+")
_NOT_WORD = re.compile(r"[^a-z0-9.]+")
_REPEATS = re.compile(r"([a-z])\1+")


def squeeze(word: str) -> str:
    return _REPEATS.sub(r"\1", word)


def normalise(text: str) -> str:
    """Lower case; no accents, apostrophes or emoji; sentence ends as "."; letter runs squeezed."""
    text = strip_accents(text.casefold())
    text = _APOSTROPHES.sub("", text)
    text = _DECIMAL.sub(r"\1\2", text)
    text = _ELLIPSIS.sub(" ", text)
    text = _SENTENCE_END.sub(" . ", text)
    words = squeeze(_NOT_WORD.sub(" ", text)).split()
    out: list[str] = []
    for word in words:
        if word == "." and (not out or out[-1] == "."):
            continue
        out.append(word)
    while out and out[-1] == ".":
        out.pop()
    return " ".join(out)


SafetyTier = Literal[1, 2]
_SAFETY_CLASS = re.compile(r"<([a-z_]+)>")


class SafetyNormalise(_Strict):
    source: Source
    units: tuple[Text, ...] = ()
    to_words: tuple[Text, ...] = ()
    fuzzy: tuple[Text, ...] = ()
    rewrite: dict[Text, Text] = {}

    @field_validator("rewrite")
    @classmethod
    def _squeezed_keys(cls, rewrite: dict[str, str]) -> dict[str, str]:
        for key in rewrite:
            if normalise(key) != key:
                raise ValueError(
                    f"rewrite key {key!r} must be written as the screen sees it: "
                    f"{normalise(key)!r} (lower case, letter runs squeezed)"
                )
        return rewrite


class SafetyWords(_Strict):
    source: Source
    forms: bool = False
    items: tuple[Text, ...] = Field(min_length=1)


class SafetyRule(_Strict):
    category: Key
    tier: SafetyTier
    source: Source
    patterns: tuple[Text, ...] = Field(min_length=1)


class SafetyGuard(_Strict):
    source: Source
    patterns: tuple[Text, ...] = Field(min_length=1)


class SafetyContent(_Strict):
    """The safety screen as data: normalising, word classes, rules, guards (prompts/safety.toml)."""

    source: Source
    normalise: SafetyNormalise
    words: dict[Key, SafetyWords] = {}
    rule: tuple[SafetyRule, ...] = Field(min_length=1)
    guard: tuple[SafetyGuard, ...] = ()

    @model_validator(mode="after")
    def _check_classes(self) -> Self:
        if "child" not in self.words:
            raise ValueError("words.child is required (her children's names join it)")
        patterns = [p for r in self.rule for p in r.patterns]
        patterns += [p for g in self.guard for p in g.patterns]
        for pattern in patterns:
            for name in _SAFETY_CLASS.findall(pattern):
                if name not in self.words:
                    raise ValueError(f"pattern {pattern!r} uses <{name}>, which is not in [words]")
        return self

    def categories(self) -> list[str]:
        """Every rule category, in file order, once."""
        return list(dict.fromkeys(r.category for r in self.rule))
