"""The weekly review rendered as text: every section heading and the key numbers are there."""

from __future__ import annotations

import io
from datetime import date

import pytest
from rich.console import Console, RenderableType
from test_review_stats import END, checkin, d, full_week, met, person

from mumcoach.coach.review import build_review
from mumcoach.content import Content, load_content
from mumcoach.models import Journal, Loneliness
from mumcoach.views.review import (
    bar,
    date_range,
    empty_view,
    render,
    review_view,
    spark,
)


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content({})


def text(renderable: RenderableType) -> str:
    console = Console(file=io.StringIO(), width=100, color_system=None, highlight=False)
    console.print(renderable)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    return " ".join(out.replace("│", " ").split())  # wrapping-proof: one space between words


def test_every_section_heading_and_key_number(content: Content) -> None:
    review = build_review(content, full_week(), END, 7)
    out = text(review_view(review, content))
    for heading in (
        "Your week: 15–21 Nov 2026",
        "Check-ins",
        "Steps",
        "Ladder",
        "Experiments",
        "Anxiety",
        "Liking gap",
        "Connections",
        "People",
        "Follow-ups",
        "Invitations",
        "Mood & energy",
        "Focus for next week",
    ):
        assert heading in out, heading
    # the numbers worked out in test_review_stats.full_week
    assert content.say("review.headline.experiments", not_happened=1, tested=3) in out
    assert "5 check-ins · a 5-day streak" in out
    assert "5 planned: 2 tried, 1 partly, 1 not tried" in out
    assert "step 15 of 15, same as at the start" in out
    assert "Your feared outcome happened 1 of 3 times (partly 1, not at all 1)" in out
    assert "expected 6.3 · felt 4.3 on average" in out
    assert "+1.7 over 3 rated chats" in out
    assert "1 name learned → 3 chats → 1 number swapped → 1 meet-up" in out
    assert "new: Priya" in out
    assert "Sarah (chatted → swapped numbers)" in out and "Jo (chatted → met up)" in out
    assert "1.8 h together" in out
    assert "Sarah: send the swimming timetable overdue since 20 Nov" in out
    assert "Jo: text about soft play due today" in out
    assert " ".join(content.say("reciprocity.note", name="Amira", count=3).split()) in out
    focus = review.focus
    assert focus is not None
    assert content.say("review.focus", step=focus.title, reason=focus.reason).split()[0] in out
    # no low-mood notice this week, and no loneliness row without a check
    assert content.say("low_mood.message", services="X")[:30] not in out
    assert "Loneliness" not in out


def test_per_step_chart_shows_expected_and_felt_bars(content: Content) -> None:
    out = text(review_view(build_review(content, full_week(), END, 7), content))
    # say-hello: expected 5.5 → 11 half cells = 5 full + a half; felt 3.5 → 3 full + a half
    assert "expected █████▌░░░░ 5.5" in out
    assert "felt ███▌░░░░░░ 3.5" in out
    # ask-open-question: 8.0 and 6.0
    assert "expected ████████░░ 8.0" in out and "felt ██████░░░░ 6.0" in out


def test_mood_and_energy_per_day_with_gaps(content: Content) -> None:
    out = text(review_view(build_review(content, full_week(), END, 7), content))
    assert "Su 15 Mo 16 Tu 17 We 18 Th 19 Fr 20 Sa 21" in out
    # 15 and 21 Nov had no check-in: the gap mark; moods 3, 4, 2, 3, 4 between them
    assert "mood · ▅ 3 ▆ 4 ▃ 2 ▅ 3 ▆ 4 ·" in out
    assert "energy · ▅ 5 ▅ 6 ▃ 3 ▄ 4 ▆ 7 ·" in out


def test_long_window_uses_one_mark_per_day(content: Content) -> None:
    out = text(review_view(build_review(content, full_week(), END, 21), content))
    assert "Your 21 days: 1–21 Nov 2026" in out
    # 1 Nov mood 3 (▅), 2 Nov 3, 3–9 Nov none, 10 Nov mood 2 (▃), …, 21 Nov none
    assert "mood ▅▅·······▃·····▅▆▃▅▆·" in out


def test_signpost_shows_the_low_mood_notice(content: Content) -> None:
    journal = full_week()
    journal.checkins += [checkin(d(n), mood=1) for n in (19, 20, 21)]
    review = build_review(content, journal, END, 7)
    assert review.signpost
    out = text(review_view(review, content))
    services = content.regions["uk"].services
    assert " ".join(content.say("low_mood.message", services=services).split()) in out
    assert "116 123" in out  # the UK Samaritans line (profile region uk)


def test_loneliness_trend_is_a_trend_not_a_label(content: Content) -> None:
    journal = full_week()
    journal.loneliness = [
        Loneliness(date=d(1), answers=[3, 3, 2]),
        Loneliness(date=d(15), answers=[2, 2, 2]),
    ]
    out = text(review_view(build_review(content, journal, END, 7), content))
    assert "Loneliness" in out
    assert "8 (1 Nov) → 6 (15 Nov)" in out
    assert content.say("review.ucla_trend") in out
    for label in ("lonely person", "high", "severe", "moderate"):
        assert label not in out.lower().replace("higher", "")


def test_quiet_week_sections_say_so_kindly(content: Content) -> None:
    journal = Journal(checkins=[checkin(d(17), mood=4)])
    out = text(render(build_review(content, journal, END, 7), content))
    assert "No steps planned this week." in out
    assert "No predictions tested this week." in out
    assert "No chats rated both ways this week." in out
    assert "Nothing due." in out
    assert "nobody new" in out


def test_empty_view_is_a_way_in_not_zeros(content: Content) -> None:
    review = build_review(content, Journal(), END, 7)
    assert review.empty
    out = text(render(review, content))
    assert out == text(empty_view(review, content))
    assert " ".join(content.say("review.empty", span="this week").split()) in out
    assert "mumcoach plan" in out and "mumcoach checkin" in out
    assert "Focus for next week" in out
    for zeros in ("0 check-ins", "0 planned", "Experiments", "Liking gap"):
        assert zeros not in out


def test_empty_week_still_shows_followups_due(content: Content) -> None:
    journal = Journal(
        people=[person("s", "Sam", d(1))],
        checkins=[checkin(d(2), met("s", "Sam", follow_up="send photos", follow_up_due=d(9)))],
    )
    review = build_review(content, journal, END, 7)
    assert review.empty
    assert "Sam: send photos overdue since 9 Nov" in text(render(review, content))


def test_a_date_from_another_year_says_its_year(content: Content) -> None:
    """ "overdue since 15 Dec" would read as last month; a follow-up from years ago says so."""
    long_ago = date(2023, 12, 15)
    journal = Journal(
        people=[person("s", "Sam", long_ago)],
        checkins=[
            checkin(long_ago, met("s", "Sam", follow_up="send photos", follow_up_due=long_ago)),
            checkin(d(16), met("s", "Sam", follow_up="say hi", follow_up_due=d(17))),
        ],
        loneliness=[
            Loneliness(date=long_ago, answers=[2, 2, 2]),
            Loneliness(date=d(20), answers=[1, 1, 2]),
        ],
    )
    out = text(render(build_review(content, journal, END, 7), content))
    assert "Sam: send photos overdue since 15 Dec 2023" in out
    assert "Sam: say hi overdue since 17 Nov " in out  # this year's: no year
    assert "6 (15 Dec 2023) → 4 (20 Nov)" in out


def test_many_followups_are_capped_on_screen(content: Content) -> None:
    journal = Journal(
        checkins=[
            checkin(d(n), met(f"x{n}", f"X{n}", follow_up="wave", follow_up_due=d(n)))
            for n in range(1, 9)
        ]
    )
    out = text(render(build_review(content, journal, END, 7), content))
    assert out.count("• X") == 5 and "and 3 more: see `mumcoach people`" in out


def test_small_formatters() -> None:
    assert date_range(date(2026, 11, 15), date(2026, 11, 21)) == "15–21 Nov 2026"
    assert date_range(date(2026, 10, 28), date(2026, 11, 3)) == "28 Oct – 3 Nov 2026"
    assert date_range(date(2025, 12, 29), date(2026, 1, 4)) == "29 Dec 2025 – 4 Jan 2026"
    assert date_range(END, END) == "21 Nov 2026"
    assert bar(0, 10) == "░" * 10 and bar(10, 10) == "█" * 10 and bar(2.5, 10) == "██▌░░░░░░░"
    assert (spark(None, 1, 5), spark(1, 1, 5), spark(5, 1, 5)) == ("·", "▁", "█")


@pytest.mark.parametrize("width", [100, 60, 36, 24])
def test_rows_lay_out_as_a_two_column_grid_would(content: Content, width: int) -> None:
    """The review's rows (labels, then values wrapped in the width left) read line for line as
    the grid they replace, at any width (a narrow screen gets the grid itself)."""
    from rich.table import Table

    from mumcoach.views.review import Rows

    review = build_review(content, full_week(), END, 7)
    rows = review_view(review, content).renderables[3]  # type: ignore[union-attr]
    assert isinstance(rows, Rows) and len(rows.rows) > 8
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    for label, value in rows.rows:
        grid.add_row(label, value)

    def lines(renderable: RenderableType) -> list[str]:
        console = Console(file=io.StringIO(), width=width, color_system=None, highlight=False)
        console.print(renderable)
        return [line.rstrip() for line in console.file.getvalue().splitlines()]  # type: ignore[attr-defined]

    assert lines(rows) == lines(grid)
