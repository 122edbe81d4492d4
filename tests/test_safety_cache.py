"""The prepared safety screen is kept between runs without her children's names, and hears the
same as one prepared afresh."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest
from test_safety_phrases import CRISIS, HERE, ORDINARY, ordinary

from mumcoach.coach import safety as coach_safety
from mumcoach.coach.safety import Screen, screen
from mumcoach.content import SafetyContent, load_content

NAMES = ("Ollie", "Maya", "Zebedee", "Jo Jo")
TEXTS = [t for _, _, t in CRISIS] + ORDINARY + ordinary("holdout_ordinary.txt")
TEXTS += ["I could hurt Zebedee", "I want to shake Jo Jo", "zebedee was lovely today"]


@pytest.fixture(scope="module")
def safety() -> SafetyContent:
    return load_content({}).safety


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts screens prepared afresh; each test starts with none prepared in this process."""
    counted: list[int] = []
    real = Screen.__init__

    def counting(self: Screen, *args: Any, **kw: Any) -> None:
        counted.append(1)
        real(self, *args, **kw)

    monkeypatch.setattr(Screen, "__init__", counting)
    monkeypatch.setattr(coach_safety, "_screens", {})
    return counted


def canonical(s: Screen) -> tuple[Any, ...]:
    classes = {name: {k: sorted(v) for k, v in c.items()} for name, c in s.classes.items()}
    rules = [
        (
            tier,
            category,
            [
                (sorted(map(sorted, map(dict.items, e.phrases))), e.gap, e.least, e.most, e.unless)
                for e in elements
            ],
        )
        for tier, category, elements in s.rules
    ]
    return classes, sorted(s.vocabulary), rules, s.rewrite, s.fuzzy


@pytest.mark.parametrize("names", [(), ("Ollie",), NAMES], ids=["none", "one", "several"])
def test_names_added_after_are_as_if_prepared_with_them(
    safety: SafetyContent, names: tuple[str, ...]
) -> None:
    whole = Screen(safety, names)
    kept = pickle.loads(pickle.dumps(Screen(safety)))
    kept.add_names(names)
    assert canonical(kept) == canonical(whole)
    assert [kept(t) for t in TEXTS] == [whole(t) for t in TEXTS]


def test_the_screen_is_prepared_once_and_then_read_from_the_cache(
    safety: SafetyContent, built: list[int]
) -> None:
    fresh = Screen(safety, NAMES)
    built.clear()
    first = [screen(t, safety, NAMES) for t in TEXTS]
    assert len(built) == 1
    coach_safety._screens.clear()  # as in the next run
    again = [screen(t, safety, NAMES) for t in TEXTS]
    assert len(built) == 1, "the next run read it from the cache"
    assert first == again == [fresh(t) for t in TEXTS]
    assert screen("I could hurt Zebedee", safety, NAMES) is not None


def test_her_childrens_names_are_never_kept(
    safety: SafetyContent, built: list[int], private_home: Path, tmp_path: Path
) -> None:
    assert screen("zebedee had a lovely nap", safety, ("Zebedee",)) is None
    cache = Path(tmp_path / "user" / ".cache" / "mumcoach")
    kept = list(cache.glob("screen-*.pickle"))
    assert len(kept) == 1
    data = kept[0].read_bytes().lower()
    assert b"zebed" not in data and b"ollie" not in data
    assert b"baby" in data, "the control: the screen's own words are there"


def test_changed_safety_content_is_prepared_afresh(
    safety: SafetyContent, built: list[int], tmp_path: Path
) -> None:
    assert screen("I feel like a wobblefish", safety) is None
    text = (HERE.parent.parent / "prompts" / "safety.toml").read_text(encoding="utf-8")
    assert '    "suicide|suicidal' in text
    changed = text.replace('    "suicide|suicidal', '    "wobblefish",\n    "suicide|suicidal', 1)
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "safety.toml").write_text(changed, encoding="utf-8")
    other = load_content({"MUMCOACH_PROMPTS": str(tmp_path / "p")}).safety
    assert other != safety
    assert screen("I feel like a wobblefish", other) is not None
    assert len(built) == 2


def test_a_damaged_or_switched_off_cache_still_screens(
    safety: SafetyContent, built: list[int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert screen("I want to end it all", safety) is not None
    (kept,) = (tmp_path / "user" / ".cache" / "mumcoach").glob("screen-*.pickle")
    kept.write_bytes(b"\x80\x05\x95damaged")
    coach_safety._screens.clear()
    assert screen("I want to end it all", safety) is not None
    monkeypatch.setenv("MUMCOACH_CACHE", "off")
    coach_safety._screens.clear()
    assert screen("I want to end it all", safety) is not None
    assert len(built) == 3
