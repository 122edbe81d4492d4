"""Crisis phrase patterns: "{a|b}" alternatives spelled out, and the safety content's shape."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field

from mumcoach.content.schema import Source, Text, _Strict

_ALTERNATIVES = re.compile(r"\{([^{}]*)\}")
_MAX_EXPANSIONS = 5000


def expand(pattern: str) -> list[str]:
    """Spell out a pattern: "{hurt|harm} {my|the} baby" → four phrases; {|own} is optional."""
    parts = _ALTERNATIVES.split(pattern)
    if any(ch in parts[i] for i in range(0, len(parts), 2) for ch in "{}|"):
        raise ValueError(f"unbalanced {{ }} or stray | in {pattern!r}")
    out = [""]
    for i, part in enumerate(parts):
        options = part.split("|") if i % 2 else [part]
        out = [done + option for done in out for option in options]
        if len(out) > _MAX_EXPANSIONS:
            raise ValueError(f"{pattern!r} spells out more than {_MAX_EXPANSIONS} phrases")
    return [" ".join(phrase.split()) for phrase in out]


def _pattern(value: str) -> str:
    expand(value)
    return value


Pattern = Annotated[Text, AfterValidator(_pattern)]


class SafetyPhrases(_Strict):
    suicide: tuple[Pattern, ...] = Field(min_length=1)
    self_harm: tuple[Pattern, ...] = Field(min_length=1)
    harm_baby: tuple[Pattern, ...] = Field(min_length=1)


class SafetyContent(_Strict):
    """Crisis phrase patterns, idiom guards and word rewrites (see prompts/safety.toml)."""

    source: Source
    phrases: SafetyPhrases
    guards: tuple[Pattern, ...] = ()
    rewrite: dict[Text, Text] = {}

    def all_phrases(self) -> list[str]:
        """Every crisis phrase, patterns spelled out."""
        p = self.phrases
        return [x for pat in (*p.suicide, *p.self_harm, *p.harm_baby) for x in expand(pat)]

    def all_guards(self) -> list[str]:
        """Every guard idiom, patterns spelled out."""
        return [x for pat in self.guards for x in expand(pat)]
