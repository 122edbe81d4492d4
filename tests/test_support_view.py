"""Support, crisis and low-mood screens, rendered to plain text."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from rich.console import Console, RenderableType

from mumcoach.content import REGIONS, Content, load_content
from mumcoach.views.support import crisis_screen, low_mood_notice, support_screen


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content({})


def render(renderable: RenderableType) -> str:
    buffer = io.StringIO()
    Console(file=buffer, width=80, color_system=None).print(renderable)
    return buffer.getvalue()


def flat(text: str) -> str:
    """Panel text with borders and line wrapping taken out."""
    lines = [line.strip("│╭╮╰╯─ ") for line in text.splitlines()]
    return " ".join(" ".join(lines).split())


@pytest.mark.parametrize("screen", [support_screen, crisis_screen])
@pytest.mark.parametrize("code", [c for c in REGIONS if c != "other"])
def test_emergency_number_comes_before_the_first_line(
    content: Content, screen: Callable[[str, Content], RenderableType], code: str
) -> None:
    region = content.regions[code]
    text = render(screen(code, content))
    assert region.emergency in text
    first_line = region.lines[0]
    assert text.index(region.emergency) < text.index(first_line.name)
    for line in region.lines:
        assert line.name in text and line.contact in text


def test_uk_support_screen_in_order(content: Content) -> None:
    text = flat(render(support_screen("uk", content)))
    order = [
        "999",
        "Samaritans",
        "116 123",
        "NHS 111",
        "PANDAS",
        "85258",
        "21 November 2026",
        "not therapy",
    ]
    positions = [text.index(item) for item in order]
    assert positions == sorted(positions)


def test_other_region_shows_local_emergency_number(content: Content) -> None:
    for screen in (support_screen, crisis_screen, low_mood_notice):
        text = flat(render(screen("other", content)))
        assert "your local emergency number" in text


def test_unknown_region_falls_back_to_other(content: Content) -> None:
    assert "your local emergency number" in flat(render(crisis_screen("xx", content)))


def test_crisis_screen_is_short_and_asks_nothing(content: Content) -> None:
    text = render(crisis_screen("uk", content))
    assert len(text.splitlines()) <= 10
    assert "?" not in text
    assert content.say("crisis.intro") in text
    assert text.index(content.say("crisis.intro")) < text.index("999")


def test_not_rechecked_note_on_support_screen_only(content: Content) -> None:
    assert "not re-checked" in flat(render(support_screen("ie", content)))
    assert "not re-checked" not in flat(render(crisis_screen("ie", content)))


def test_low_mood_notice(content: Content) -> None:
    text = flat(render(low_mood_notice("au", content)))
    assert "GP, health visitor or midwife" in text
    assert text.index("health visitor") < text.index("Lifeline") < text.index("000")
    assert "13 11 14" in text and "1300 726 306" in text


def test_support_screen_shows_last_verified(content: Content) -> None:
    for code in REGIONS:
        assert "Numbers last checked on" in flat(render(support_screen(code, content)))
