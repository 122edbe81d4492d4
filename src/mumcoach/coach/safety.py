"""Spot crisis words in free text and runs of very low mood, so coaching can step aside."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from mumcoach.content import LowMood, Rules, SafetyContent, expand

_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc`\u00b4]")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
_NOT_PATTERN = re.compile(r"[^a-z0-9{}|]+")
_REPEATS = re.compile(r"([a-z])\1+")


def normalise(text: str, *, pattern: bool = False) -> str:
    """Lower case, no accents or apostrophes, punctuation as spaces, letter runs squeezed to one.

    With pattern=True the {a|b} syntax of safety.toml survives, so a pattern is normalised once
    rather than each phrase it spells out.
    """
    text = unicodedata.normalize("NFKD", text.casefold())
    if not text.isascii():
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHES.sub("", text)
    text = (_NOT_PATTERN if pattern else _NOT_WORD).sub(" ", text)
    return " ".join(_REPEATS.sub(r"\1", text).split())


class _Matcher:
    """The safety content prepared once: rewrites as a regex, guards and phrases as word n-grams."""

    def __init__(self, safety: SafetyContent) -> None:
        self.rewrite = {normalise(k): normalise(v) for k, v in safety.rewrite.items()}
        keys = sorted(self.rewrite, key=len, reverse=True)
        self.rewrite_re = (
            re.compile(r"(?<![a-z0-9])(?:" + "|".join(map(re.escape, keys)) + r")(?![a-z0-9])")
            if keys
            else None
        )
        self.guards = self._grams(safety.guards)
        p = safety.phrases
        self.phrases = self._grams((*p.suicide, *p.self_harm, *p.harm_baby))
        self.longest_guard = max((len(g) for g in self.guards), default=0)
        self.longest_phrase = max((len(p) for p in self.phrases), default=0)

    def _grams(self, patterns: Iterable[str]) -> set[tuple[str, ...]]:
        phrases = (p for pat in patterns for p in expand(normalise(pat, pattern=True)))
        return {words for p in phrases if (words := tuple(self.words(p, normalised=True)))}

    def words(self, text: str, *, normalised: bool = False) -> list[str]:
        if not normalised:
            text = normalise(text)
        if self.rewrite_re is not None:
            text = self.rewrite_re.sub(lambda m: self.rewrite[m.group(0)], text)
        return text.split()

    def matches(self, text: str) -> bool:
        words = self.words(text)
        kept: list[str] = []
        i = 0
        while i < len(words):  # cut out guard idioms, longest first
            for n in range(min(self.longest_guard, len(words) - i), 0, -1):
                if tuple(words[i : i + n]) in self.guards:
                    i += n
                    break
            else:
                kept.append(words[i])
                i += 1
        return any(
            tuple(kept[i : i + n]) in self.phrases
            for i in range(len(kept))
            for n in range(1, min(self.longest_phrase, len(kept) - i) + 1)
        )


_cache: tuple[SafetyContent, _Matcher] | None = None


def _matcher(safety: SafetyContent) -> _Matcher:
    global _cache
    if _cache is None or _cache[0] is not safety:
        _cache = (safety, _Matcher(safety))
    return _cache[1]


def mentions_crisis(text: str, safety: SafetyContent) -> bool:
    """True if the text speaks of suicide, self-harm or harming a child (see prompts/safety.toml).

    Negation does not cancel a match ("I'm not suicidal" fires): see the reasoning in safety.toml.
    """
    return bool(text and text.strip()) and _matcher(safety).matches(text)


def low_mood_pattern(moods: Sequence[int], rules: Rules | LowMood) -> bool:
    """True when `count` or more of the last `window` check-in moods (newest last) are very low."""
    low = rules.low_mood if isinstance(rules, Rules) else rules
    recent = moods[-low.window :]
    return sum(1 for mood in recent if mood <= low.mood_at_most) >= low.count
