"""Support, crisis, safety-check and low-mood screens, rendered to plain text."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from rich.console import Console, RenderableType

from mumcoach.content import REGIONS, Content, load_content
from mumcoach.views.support import (
    crisis_screen,
    low_mood_notice,
    low_mood_pointer,
    safety_check_notice,
    support_screen,
)


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
        "have not been checked",
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


@pytest.mark.parametrize("code", ["ie", "ca"])
def test_not_rechecked_note_on_support_and_crisis_screens(content: Content, code: str) -> None:
    for screen in (support_screen, crisis_screen):
        text = flat(render(screen(code, content)))
        assert text.index(content.regions[code].emergency) < text.index("(not re-checked)")


@pytest.mark.parametrize(
    ("code", "services"),
    [
        ("uk", "GP, health visitor or midwife"),
        ("ie", "GP, health visitor or midwife"),
        ("us", "doctor or midwife"),
        ("au", "doctor or midwife"),
        ("ca", "doctor or midwife"),
    ],
)
def test_low_mood_notice_names_the_regions_services(
    content: Content, code: str, services: str
) -> None:
    text = flat(render(low_mood_notice(code, content)))
    assert services in text
    if code != "uk":
        assert "health visitor" not in text or code == "ie"
    region = content.regions[code]
    assert text.index(services) < text.index(region.lines[0].name) < text.rindex(region.emergency)
    assert "mumcoach support" in render(low_mood_pointer(content))


def test_no_screen_claims_a_check_that_never_happened(content: Content) -> None:
    for code in REGIONS:
        for screen in (support_screen, crisis_screen):
            text = flat(render(screen(code, content)))
            assert "checked on" not in text
        if content.regions[code].numbers():
            assert "have not been checked" in flat(render(support_screen(code, content)))


def test_a_checked_number_says_so(content: Content) -> None:
    import datetime as dt

    uk = content.regions["uk"]
    checked = uk.lines[0].model_copy(update={"last_verified": dt.date(2026, 3, 3)})
    region = uk.model_copy(update={"lines": (checked, *uk.lines[1:])})
    content.regions["uk"] = region
    try:
        text = flat(render(support_screen("uk", content)))
        assert "116 123 (free, 24/7) (checked on 3 March 2026)" in text
        assert text.count("checked on") == 1 and "have not been checked" in text
    finally:
        content.regions["uk"] = uk


def test_safety_check_notice_is_warm_and_asks_nothing_more(content: Content) -> None:
    asked = flat(render(safety_check_notice("uk", content, asked=True)))
    assert asked.startswith("Support " + content.say("safety_check.warm")[:20])
    scripted = flat(render(safety_check_notice("uk", content, asked=False)))
    assert "sounded heavy" in scripted and "Samaritans" in scripted and "999" in scripted
