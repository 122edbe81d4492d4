"""The project's own phrase sets through the safety screen: every crisis caught, ordinary quiet."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from mumcoach.coach.safety import screen
from mumcoach.content import SafetyContent, load_content

HERE = Path(__file__).parent / "phrases"
NAMES = ("Ollie", "Maya")  # her children, as in her profile


def crisis_sets(name: str) -> list[tuple[str, int, str]]:
    data = tomllib.loads((HERE / name).read_text(encoding="utf-8"))
    return [(cat, d["tier"], p) for cat, d in data.items() for p in d["phrases"]]


def ordinary(name: str) -> list[str]:
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


CRISIS = crisis_sets("crisis.toml")
ORDINARY = ordinary("ordinary.txt")


@pytest.fixture(scope="module")
def safety() -> SafetyContent:
    return load_content({}).safety


def test_the_sets_are_big_enough() -> None:
    assert len(CRISIS) >= 150
    assert len(ORDINARY) >= 150
    assert len({c for c, _, _ in CRISIS}) >= 8


@pytest.mark.parametrize(("category", "tier", "text"), CRISIS)
def test_every_crisis_phrasing_is_caught(
    safety: SafetyContent, category: str, tier: int, text: str
) -> None:
    found = screen(text, safety, NAMES)
    assert found is not None, f"missed ({category}): {text}"
    assert found.tier <= tier, f"only tier {found.tier} ({category}): {text}"


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_writing_never_shows_the_crisis_screen(safety: SafetyContent, text: str) -> None:
    found = screen(text, safety, NAMES)
    assert found is None or found.tier == 2, f"tier 1 ({found}) on: {text}"


def test_few_ordinary_sentences_even_ask(safety: SafetyContent) -> None:
    asked = [t for t in ORDINARY if screen(t, safety, NAMES)]
    assert len(asked) <= len(ORDINARY) // 20, asked  # at most 5 % get the kind question


# Written after the screen was built, in two rounds (first-run figures in the closing
# note, README "Safety"); every one must now at least ask the direct question.
HOLDOUT = crisis_sets("holdout_crisis.toml") + crisis_sets("holdout2_crisis.toml")
HOLDOUT_ORDINARY = ordinary("holdout_ordinary.txt") + ordinary("holdout2_ordinary.txt")


@pytest.mark.parametrize(("category", "tier", "text"), HOLDOUT)
def test_held_out_crisis_phrasings_are_caught(
    safety: SafetyContent, category: str, tier: int, text: str
) -> None:
    assert screen(text, safety, NAMES) is not None, f"missed ({category}): {text}"


@pytest.mark.parametrize("text", HOLDOUT_ORDINARY)
def test_held_out_ordinary_writing_stays_quiet(safety: SafetyContent, text: str) -> None:
    found = screen(text, safety, NAMES)
    assert found is None or found.tier == 2, f"tier 1 ({found}) on: {text}"
