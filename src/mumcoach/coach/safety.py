"""Screen free text for crisis words in two tiers, and signpost low-mood spells."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from mumcoach.coach.mood import low_mood_holds
from mumcoach.content.safety import normalise, squeeze

if TYPE_CHECKING:
    from mumcoach.content import LowMood, SafetyContent
    from mumcoach.models import Journal

Signpost = Literal["message", "pointer"]

_CLASS = re.compile(r"^<([a-z_]+)>$")
_GAP = re.compile(r"^\.\.\.(\d+)$")
_REPEAT = re.compile(r"^(.+)\*(\d+)$")
CRISIS, CHECK = 1, 2  # the two tiers: crisis screen at once; ask the direct question
Phrases = dict[str, list[tuple[str, ...]]]  # first word → every phrase (as words) starting with it


@dataclass(frozen=True)
class Finding:
    """What the screen heard: the tier (1 crisis, 2 check) and the rule's category."""

    tier: int
    category: str


def _close(word: str, target: str) -> bool:
    """One letter wrong, missing, extra or two swapped (Damerau distance 1), same first letter."""
    if word == target or word[:1] != target[:1] or abs(len(word) - len(target)) > 1:
        return word == target
    if len(word) == len(target):
        diff = [i for i, (a, b) in enumerate(zip(word, target, strict=True)) if a != b]
        if len(diff) == 1:
            return True
        i = diff[0]
        return (
            len(diff) == 2
            and diff[1] == i + 1
            and word[i] == target[i + 1]
            and word[i + 1] == target[i]
        )
    short, long_ = sorted((word, target), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _index(phrases: Iterable[str]) -> Phrases:
    index: Phrases = {}
    for phrase in phrases:
        words = tuple(phrase.split())
        if words:
            index.setdefault(words[0], []).append(words)
    return index


def _forms(item: str) -> set[str]:
    """A verb (or a run whose first word is the verb) in its everyday forms, squeezed."""
    first, _, rest = item.partition(" ")
    stems = {first} | {first + end for end in ("s", "es", "ed", "d", "ing", "in")}
    if first.endswith("e"):
        stems |= {first[:-1] + "ing", first[:-1] + "in"}
    if first.endswith("y"):
        stems |= {first[:-1] + "ies", first[:-1] + "ied"}
    return {squeeze(s) + (" " + rest if rest else "") for s in stems}


@dataclass(frozen=True)
class _Element:
    """One element of a pattern: phrases to match (or a gap of up to `gap` words), how often."""

    phrases: tuple[Phrases, ...]
    gap: int = 0
    least: int = 1
    most: int = 1
    unless: frozenset[str] | None = None  # "!a|b": any one word but these


class Screen:
    """The safety content prepared once: every pattern as a list of elements over word tuples."""

    def __init__(self, safety: SafetyContent, names: Iterable[str] = ()) -> None:
        """Everything but her children's names takes ~35 ms, so it is kept between runs
        (`_screen`); the names are added after (`add_names`) and never kept."""
        norm = safety.normalise
        self.rewrite = {normalise(k): normalise(v) for k, v in norm.rewrite.items()}
        keys = sorted(self.rewrite, key=len, reverse=True)
        self.rewrite_re = re.compile(
            r"(?<![a-z0-9])(?:" + "|".join(map(re.escape, keys)) + r")(?![a-z0-9])"
        )
        self.units = {normalise(u) for u in norm.units}
        self.to_words = {normalise(w) for w in norm.to_words}
        self.fuzzy = sorted({normalise(w) for w in norm.fuzzy})
        self._phrases: dict[str, str] = {}
        self.classes: dict[str, Phrases] = {}
        self.forms = {name: words.forms for name, words in safety.words.items()}
        for name, words in safety.words.items():
            items = {self._phrase(i) for i in words.items}
            if words.forms:
                items = {f for i in items for f in _forms(i)}
            self.classes[name] = _index(items)
        self.vocabulary = {
            w for c in self.classes.values() for ps in c.values() for p in ps for w in p
        }
        self.guards = [self.compile(p) for g in safety.guard for p in g.patterns]
        rules = sorted(safety.rule, key=lambda r: r.tier)
        self.rules = [(r.tier, r.category, self.compile(p)) for r in rules for p in r.patterns]
        self.add_names(names)

    def add_names(self, names: Iterable[str]) -> None:
        """Her children's names join <child>: harm near one of them is harm near a child. In
        place: every compiled pattern shares the class."""
        child = self.classes.get("child")
        if child is None:
            return
        named = {n for n in (self._phrase(x) for x in names) if len(n) >= 2}
        if self.forms["child"]:
            named = {f for i in named for f in _forms(i)}
        have = {phrase for phrases in child.values() for phrase in phrases}
        for words in sorted(tuple(n.split()) for n in named):
            if words and words not in have:
                child.setdefault(words[0], []).append(words)
                have.add(words)
                self.vocabulary.update(words)

    def _phrase(self, text: str) -> str:
        if text not in self._phrases:
            self._phrases[text] = self._rewritten(normalise(text.replace("_", " ")))
        return self._phrases[text]

    def _rewritten(self, text: str) -> str:
        return self.rewrite_re.sub(lambda m: self.rewrite[m.group(0)], text)

    def compile(self, pattern: str) -> list[_Element]:
        """A pattern of safety.toml as elements (syntax at the top of safety.toml)."""
        elements: list[_Element] = []
        for element in pattern.split():
            gap = _GAP.match(element)
            if gap:
                elements.append(_Element((), gap=int(gap.group(1))))
                continue
            if element.startswith("!"):
                unless = frozenset(self._phrase(w) for w in element[1:].split("|"))
                elements.append(_Element((), unless=unless))
                continue
            least, most = 1, 1
            repeat = _REPEAT.match(element)
            if repeat:
                element, least, most = repeat.group(1), 0, int(repeat.group(2))
            elif element.endswith("?") and len(element) > 1:
                element, least = element[:-1], 0
            indexes: list[Phrases] = []
            literal: set[str] = set()
            for alt in element.split("|"):
                cls = _CLASS.match(alt)
                if cls:
                    indexes.append(self.classes[cls.group(1)])
                else:
                    literal.add("." if alt == "." else self._phrase(alt))
            indexes.append(_index(literal))
            self.vocabulary.update(w for phrase in literal for w in phrase.split())
            elements.append(_Element(tuple(indexes), least=least, most=most))
        return elements

    def words(self, text: str) -> list[str]:
        """Normalised, distances fused ("5 kms"), typos mended, text-speak rewritten."""
        tokens = normalise(text).split()
        out: list[str] = []
        skip = False
        for i, token in enumerate(tokens):
            if skip:
                skip = False
                continue
            nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
            if token.isdigit() and nxt in self.units:
                before = tokens[i - 1] if i else ""
                if not (token in ("2", "4") and before in self.to_words):
                    out.append(token + nxt)
                    skip = True
                    continue
            if len(token) >= 6 and token not in self.rewrite:
                token = next((f for f in self.fuzzy if _close(token, f)), token)
            if token.endswith("in") and token + "g" in self.vocabulary:
                token += "g"  # "takin" → "taking"
            out.append(token)
        return [".", *self._rewritten(" ".join(out)).split(), "."]

    @staticmethod
    def spans(elements: list[_Element], words: list[str]) -> list[tuple[int, int]]:
        """Every (start, end) where the pattern matches the words."""
        first = elements[0]
        live = {
            (i, i)
            for i, w in enumerate(words)
            if first.gap or first.least == 0 or first.unless or any(w in ix for ix in first.phrases)
        }
        for el in elements:
            if el.unless is not None:
                live = {
                    (start, end + 1)
                    for start, end in live
                    if end < len(words) and words[end] not in el.unless and words[end] != "."
                }
                continue
            if el.gap:
                live = {
                    (start, end + n)
                    for start, end in live
                    for n in range(el.gap + 1)
                    if end + n <= len(words) and "." not in words[end : end + n]
                }
                continue
            reached = set(live) if el.least == 0 else set()
            frontier = live
            for _ in range(el.most):
                step = set()
                for start, end in frontier:
                    if end >= len(words):
                        continue
                    for index in el.phrases:
                        for phrase in index.get(words[end], ()):
                            if tuple(words[end : end + len(phrase)]) == phrase:
                                step.add((start, end + len(phrase)))
                reached |= step
                frontier = step
                if not frontier:
                    break
            live = reached
            if not live:
                return []
        return sorted(live)

    def __call__(self, text: str) -> Finding | None:
        words = self.words(text)
        for guard in self.guards:
            for start, end in self.spans(guard, words):
                words[start:end] = ["~"] * (end - start)
        for tier, category, rule in self.rules:
            if self.spans(rule, words):
                return Finding(tier, category)
        return None


_screens: dict[tuple[int, tuple[str, ...]], tuple[SafetyContent, Screen]] = {}


def _screen(safety: SafetyContent, names: tuple[str, ...]) -> Screen:
    """Compiled once per content and set of names (a command screens many answers)."""
    key = (id(safety), names)
    if key not in _screens or _screens[key][0] is not safety:
        if len(_screens) > 8:
            _screens.clear()
        prepared = _kept_screen(safety)
        prepared.add_names(names)
        _screens[key] = (safety, prepared)
    return _screens[key][1]


def _kept_screen(safety: SafetyContent) -> Screen:
    """The screen without names, from the user's cache folder while the safety content and
    the code that prepares it are unchanged (~10 ms instead of ~35); each call a fresh copy."""
    from pathlib import Path

    from mumcoach import text
    from mumcoach.content import safety as content_safety
    from mumcoach.content.cache import cache_dir, cache_file, code_key, read_cache, write_cache

    folder = cache_dir()
    if folder is None:
        return Screen(safety)
    key = code_key(Path(m.__file__ or "") for m in (sys.modules[__name__], content_safety, text))
    path = cache_file(folder, "screen", key)
    found = read_cache(path, key)
    # kept with the very content it was prepared from, and used only for that
    if isinstance(found, tuple) and len(found) == 2 and isinstance(found[1], Screen):
        kept, prepared = found
        if kept == safety and isinstance(prepared, Screen):
            return prepared
    fresh = Screen(safety)
    write_cache(path, key, (safety, fresh))  # before any names are added
    return fresh


def screen(text: str | None, safety: SafetyContent, names: Iterable[str] = ()) -> Finding | None:
    """The tier and category of any crisis words in the text, or None (see prompts/safety.toml).

    `names` are her children's names: harm near one of them counts as harm near a child.
    """
    if not text or not text.strip():
        return None
    return _screen(safety, tuple(sorted(set(names))))(text)


def mentions_crisis(text: str | None, safety: SafetyContent, names: Iterable[str] = ()) -> bool:
    """True for tier-1 words: suicide, self-harm or harming a child, said clearly."""
    found = screen(text, safety, names)
    return found is not None and found.tier == CRISIS


def flagged(
    texts: Mapping[str, str | None], safety: SafetyContent, names: Iterable[str]
) -> list[str]:
    """The keys of the texts the screen hears at either tier: never to be quoted back."""
    return [key for key, text in texts.items() if screen(text, safety, names) is not None]


def unheard(text: str | None, safety: SafetyContent, names: Iterable[str]) -> str | None:
    """The text, or None when the screen hears it: her words about a crisis are never quoted
    back as coaching (a memory cue, a reflection)."""
    return None if screen(text, safety, names) is not None else text


def child_names(journal: Journal) -> list[str]:
    """Her children's names from her profile: harm near one of them is harm near a child."""
    return [child.name for child in journal.profile.children] if journal.profile else []


def low_mood_signpost(journal: Journal, today: date, low: LowMood) -> Signpost | None:
    """ "message" once per low spell, then "pointer" while it lasts; None (and the spell closed,
    so the next one gets the full message) once moods have recovered. Marks the journal."""
    if not low_mood_holds(journal.checkins, today, low):
        journal.low_mood_noted = None
        return None
    if journal.low_mood_noted is None:
        journal.low_mood_noted = today
        return "message"
    return "pointer"
