"""Finding the person or place she means, however she types it: case, accents, a start, a typo."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Generic, Literal, Protocol, TypeVar

from mumcoach.text import strip_accents

T = TypeVar("T")
How = Literal["id", "exact", "child", "start", "near"]

NEAR = 0.8  # difflib ratio: "Sarha" ~ "Sarah" (0.8), "Jo" ~ "Joe" (0.8), "Amy" !~ "Ann"
NEAR_MIN_LENGTH = 3  # shorter queries only ever match exactly or by their start
WORDS = re.compile(r"[\s\-()/,.;:&+\"!?]+")
PARENT_WORDS = "mum|mom|mummy|mommy|mam|mama|dad|daddy|papa|parent|carer|nanny|gran|granny|grandma"
CHILD_OF = re.compile(
    rf"^(?:(?P<a>.+?)['’]s?\s*(?:{PARENT_WORDS})?|(?:{PARENT_WORDS})\s+of\s+(?P<b>.+))$"
)
ARTICLES = ("the ", "a ", "an ")


def _folded(text: str) -> str:
    bare = strip_accents(text.replace("’", "'"))
    return " ".join(bare.split()).casefold()


def norm(text: str) -> str:
    """Case, accents, apostrophes and extra spaces ignored: ' Zoë ' → 'zoe', "St Mark's" →
    'st marks'."""
    return _folded(text).replace("'", "")


def words(text: str) -> list[str]:
    """The words of a normalised name, without punctuation."""
    return [w.strip("'") for w in WORDS.split(text) if w.strip("'")]


def child_query(query: str) -> str | None:
    """'Isla's mum', 'isla's', 'mum of Isla' → 'isla' (normalised); None for a plain name."""
    wanted = _folded(query)
    if "'" not in wanted and " of " not in f" {wanted} ":
        return None
    match = CHILD_OF.match(wanted)
    if not match:
        return None
    child = norm(match.group("a") or match.group("b") or "")
    return child or None


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio()


class Named(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...


N = TypeVar("N", bound=Named)


def namesake(records: Sequence[N], name: str, *, but: str) -> N | None:
    """Another record (not `but`) already called `name`, ignoring case and accents."""
    return next((r for r in records if r.id != but and norm(r.name) == norm(name)), None)


def alike(name: str, query: str) -> bool:
    """Spelt very like, by the same test `find` uses for near spellings ("Sara" ~ "Sarah")."""
    return _closeness(norm(name), norm(query)) >= NEAR


@dataclass(frozen=True)
class Found(Generic[T]):
    """What a query found: `sure` matches (equal, by child, by start) or, failing those, `near`."""

    sure: tuple[T, ...]
    near: tuple[T, ...]
    how: How | None

    @property
    def one(self) -> T | None:
        """The record she means when exactly one sure match was found."""
        return self.sure[0] if len(self.sure) == 1 else None


def find(
    records: Sequence[T],
    query: str,
    *,
    names: Callable[[T], Iterable[str]],
    ident: Callable[[T], str],
    children: Callable[[T], Iterable[str]] = lambda _: (),
) -> Found[T]:
    """Match `query` against each record's names (and children's names for "Isla's mum").

    In order, the first rule that finds anyone wins: the record's id; the whole name (ignoring
    case and accents; every record with that name); "Isla's mum" by child; the start of the
    name or of one of its words; then near spellings (difflib), most alike first.
    """
    wanted = norm(query)
    if not wanted:
        return Found((), (), None)
    by_id = [r for r in records if ident(r) == query.strip()]
    if by_id:
        return Found(tuple(by_id), (), "id")
    normal = {id(r): [norm(n) for n in names(r) if n and n.strip()] for r in records}
    exact = [r for r in records if any(_bare(n) == _bare(wanted) for n in normal[id(r)])]
    if exact:
        return Found(tuple(exact), (), "exact")
    child = child_query(query)
    if child:
        kids = [r for r in records if any(_starts(norm(c), child) for c in children(r) if c)]
        if kids:
            return Found(tuple(kids), (), "child")
    start = [r for r in records if any(_starts(n, wanted) for n in normal[id(r)])]
    if start:
        return Found(tuple(start), (), "start")
    if len(wanted) < NEAR_MIN_LENGTH:
        return Found((), (), None)
    scored = [
        (max((_closeness(n, wanted) for n in normal[id(r)]), default=0.0), r) for r in records
    ]
    near = [r for score, r in sorted(scored, key=lambda s: -s[0]) if score >= NEAR]
    return Found((), tuple(near), "near" if near else None)


def _bare(name: str) -> str:
    """A place's name without a leading article: 'the school gate' ~ 'School gate'."""
    for article in ARTICLES:
        if name.startswith(article):
            return name[len(article) :]
    return name


def _starts(name: str, wanted: str) -> bool:
    """Whole name, or its words from any one on, start with what she typed: "sar" and
    "miller" find "Sarah Miller"; "red buggy" finds "mum with the red buggy"."""
    if _bare(name).startswith(_bare(wanted)):
        return True
    named, typed = words(name), " ".join(words(wanted))
    return any(" ".join(named[k:]).startswith(typed) for k in range(len(named)))


def _closeness(name: str, wanted: str) -> float:
    """How alike: the whole name, its first words as long as the query, or any one word."""
    candidates = {_bare(name), *words(name)}
    span = len(words(wanted))
    candidates.add(" ".join(words(name)[:span]))
    return max(similarity(c, _bare(wanted)) for c in candidates if c)
