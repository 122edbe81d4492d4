"""Renders the weekly review: one labelled row per section, small bars, the empty-week screen."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from mumcoach.coach.review import (
    Day,
    DueFollowUp,
    Experiments,
    LonelinessPoint,
    StepChart,
    WeeklyReview,
)
from mumcoach.content import Content
from mumcoach.views.support import low_mood_notice
from mumcoach.words import (
    day_month,
    day_month_near,
    day_month_year,
    hours_text,
    plural,
    quoted,
    span_words,
    stage_word,
)

SPARKS = "▁▂▃▄▅▆▇█"
GAP = "·"  # a day without a check-in
BAR_WIDTH = 10
TITLE_WIDTH = 34
DAY_GRID_MAX = 14  # longer windows get one sparkline character per day
FOLLOWUPS_SHOWN = 5  # the rest are in `mumcoach people`
LABEL_GAP = 2  # spaces between a row's label and its value
NARROW = 20  # a value column narrower than this: labels give way (a grid)


# ---- small formatters -----------------------------------------------------------------------


def date_range(start: date, end: date) -> str:
    """'15–21 Nov 2026', '28 Oct – 3 Nov 2026', '29 Dec 2025 – 4 Jan 2026', '21 Nov 2026'."""
    if start == end:
        return day_month_year(end)
    if start.year != end.year:
        return f"{day_month_year(start)} – {day_month_year(end)}"
    if start.month != end.month:
        return f"{day_month(start)} – {day_month_year(end)}"
    return f"{start.day}–{end.day} {end:%b %Y}"


def number(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def bar(value: float, high: float, width: int = BAR_WIDTH) -> str:
    """A horizontal bar of `width` cells for value on 0..high, in half-cell steps."""
    halves = round(max(0.0, min(value, high)) / high * width * 2)
    full, half = divmod(halves, 2)
    return ("█" * full + ("▌" if half else "")).ljust(width, "░")


def spark(value: float | None, low: float, high: float) -> str:
    """One block character for value on low..high; the gap mark when there is no value."""
    if value is None:
        return GAP
    level = round((min(max(value, low), high) - low) / (high - low) * (len(SPARKS) - 1))
    return SPARKS[level]


def _row(table: Table, *cells: RenderableType) -> None:
    """A row whose words print as they are: no markup, no emoji codes (names are hers)."""
    table.add_row(*(Text(cell) if isinstance(cell, str) else cell for cell in cells))


class Rows:
    """Labelled rows: each bold label, then its value wrapped in the width left. The same as a
    two-column grid shows them, for a third of the work (a grid measures every cell first)."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, RenderableType]] = []

    def add(self, label: str, value: RenderableType) -> None:
        self.rows.append((label, Text(value) if isinstance(value, str) else value))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max((cell_len(label) for label, _ in self.rows), default=0)
        if options.max_width - width - LABEL_GAP < NARROW:  # let a grid squeeze the labels too
            grid = Table.grid(padding=(0, LABEL_GAP))
            grid.add_column(style="bold", no_wrap=True)
            grid.add_column()
            for label, value in self.rows:
                grid.add_row(label, value)
            yield grid
            return
        values = options.update(width=options.max_width - width - LABEL_GAP)
        bold = Style(bold=True)
        for label, value in self.rows:
            for n, line in enumerate(console.render_lines(value, values, pad=False)):
                head = label if n == 0 else ""
                yield Segment(head.ljust(width + LABEL_GAP), bold)
                yield from line
                yield Segment.line()


def clip(text: str, width: int = TITLE_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


# ---- sections -------------------------------------------------------------------------------


def title(review: WeeklyReview) -> Text:
    span = {1: "Your day", 7: "Your week"}.get(review.days, f"Your {review.days} days")
    return Text(f"{span}: {date_range(review.start, review.end)}", style="bold")


def checkins_text(review: WeeklyReview) -> str:
    streak = review.streak_days
    streak_text = (
        f"a {streak}-day streak"
        if streak > 1
        else ("a 1-day streak" if streak == 1 else "no streak running right now")
    )
    return f"{plural(review.checkins, 'check-in')} · {streak_text}"


def steps_text(review: WeeklyReview) -> str:
    s = review.steps
    if not s.planned:
        return f"No steps planned {span_words(review.days)}."
    return f"{s.planned} planned: {s.tried} tried, {s.partly} partly, {s.not_tried} not tried"


def ladder_text(review: WeeklyReview) -> str:
    total = review.ladder_steps

    def where(position: int) -> str:
        return "the top" if position > total else f"step {position}"

    if review.ladder_start == review.ladder_end:
        return f"{where(review.ladder_end)} of {total}, same as at the start"
    return f"{where(review.ladder_start)} → {where(review.ladder_end)} of {total}"


def experiments_text(e: Experiments, days: int = 7) -> str:
    if not e.tested:
        return f"No predictions tested {span_words(days)}."
    return (
        f"Your feared outcome happened {e.feared_happened} of {e.tested} "
        f"{'time' if e.tested == 1 else 'times'} "
        f"(partly {e.feared_partly}, not at all {e.feared_not_happened})."
    )


def anxiety_view(e: Experiments, charts: Sequence[StepChart]) -> RenderableType:
    if not e.pairs:
        return Text("No expected-and-actual pairs to compare yet.")
    head = Text(
        f"expected {number(e.mean_expected_anxiety)} · felt {number(e.mean_actual_anxiety)} "
        f"on average (0–10, over {plural(e.pairs, 'experiment')})"
    )
    chart = Table.grid(padding=(0, 1))
    for c in charts:
        if c.mean_expected_anxiety is None or c.mean_actual_anxiety is None:
            continue
        _row(
            chart,
            clip(c.title),
            "expected",
            Text(bar(c.mean_expected_anxiety, 10), style="yellow"),
            number(c.mean_expected_anxiety),
        )
        _row(
            chart,
            "",
            "felt",
            Text(bar(c.mean_actual_anxiety, 10), style="green"),
            number(c.mean_actual_anxiety),
        )
    return Group(head, chart)


def liking_text(gap: float | None, count: int, content: Content, days: int = 7) -> str:
    if gap is None:
        return f"No chats rated both ways {span_words(days)}."
    over = f"over {plural(count, 'rated chat')}"
    if gap > 0:
        return content.say("review.liking_gap", gap=f"{gap:.1f}", over=over)
    if gap < 0:
        return f"{gap:.1f} {over}: you guessed they liked you more than you liked them."
    return f"0.0 {over}: you liked them about as much as you guessed they liked you."


def funnel_text(review: WeeklyReview) -> str:
    f = review.funnel
    return " → ".join(
        (
            plural(f.names_learned, "name learned", "names learned"),
            plural(f.chats, "chat"),
            plural(f.numbers_swapped, "number swapped", "numbers swapped"),
            plural(f.meetups, "meet-up"),
        )
    )


def people_text(review: WeeklyReview) -> str:
    p = review.people
    parts = [f"new: {', '.join(p.new)}" if p.new else "nobody new"]
    if p.moved:
        moved = ", ".join(
            f"{m.name} ({stage_word(m.before)} → {stage_word(m.after)})" for m in p.moved
        )
        parts.append(f"moved up: {moved}")
    if p.hours_together:
        parts.append(f"{hours_text(p.hours_together)} together")
    return " · ".join(parts)


def followups_view(items: Sequence[DueFollowUp], end: date) -> RenderableType:
    if not items:
        return Text("Nothing due.")
    lines: list[RenderableType] = []
    for item in items[:FOLLOWUPS_SHOWN]:
        when = f"overdue since {day_month_near(item.due, end)}" if item.overdue else "due today"
        if not item.overdue and item.due != end:
            when = f"due {day_month_near(item.due, end)}"
        lines.append(Text.assemble("• ", (item.name, "bold"), f": {item.text} ", (when, "dim")))
    if len(items) > FOLLOWUPS_SHOWN:
        more = len(items) - FOLLOWUPS_SHOWN
        lines.append(Text(f"and {more} more: see `mumcoach people`", style="dim"))
    return Group(*lines)


def reciprocity_view(review: WeeklyReview, content: Content) -> RenderableType:
    return Group(
        *(
            Text(content.say("reciprocity.note", name=r.name, count=r.invitations))
            for r in review.people.reciprocity
        )
    )


def days_view(daily: Sequence[Day]) -> RenderableType:
    """A small grid per day (short windows) or one sparkline per measure (long ones)."""
    if len(daily) > DAY_GRID_MAX:
        moods = "".join(spark(d.mood, 1, 5) for d in daily)
        energy = "".join(spark(d.energy, 0, 10) for d in daily)
        grid = Table.grid(padding=(0, 1))
        _row(grid, "mood", moods)
        _row(grid, "energy", energy)
        return Group(grid, Text(f"one mark per day; {GAP} = no check-in", style="dim"))
    grid = Table.grid(padding=(0, 1))
    _row(grid, "", *(f"{d.date:%a}"[:2] + f" {d.date.day}" for d in daily))
    _row(grid, "mood", *(_cell(d.mood, 1, 5) for d in daily))
    _row(grid, "energy", *(_cell(d.energy, 0, 10) for d in daily))
    return Group(grid, Text(f"mood 1–5, energy 0–10; {GAP} = no check-in", style="dim"))


def _cell(value: float | None, low: float, high: float) -> str:
    if value is None:
        return GAP
    shown = f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
    return f"{spark(value, low, high)} {shown}"


def loneliness_view(
    points: Sequence[LonelinessPoint], content: Content, end: date
) -> RenderableType:
    recent = points[-8:]
    trend = " → ".join(f"{p.total} ({day_month_near(p.date, end)})" for p in recent)
    return Group(
        Text(f"{trend}   (3–9, lower = less lonely)"),
        Text(content.say("review.ucla_trend"), style="dim"),
    )


def focus_text(review: WeeklyReview, content: Content) -> str:
    if review.focus is None:
        return 'Every step is marked "not for me" right now: `mumcoach ladder` to change that.'
    focus = review.focus
    if focus.place is not None:
        return content.say(
            "review.focus_at", place=focus.place, step=quoted(focus.title), reason=focus.reason
        )
    return content.say("review.focus", step=quoted(focus.title), reason=focus.reason)


# ---- the screens ----------------------------------------------------------------------------


def review_view(review: WeeklyReview, content: Content) -> RenderableType:
    """The full weekly review: every section, in the order the product brief lists them."""
    rows = Rows()
    rows.add("Check-ins", checkins_text(review))
    rows.add("Steps", steps_text(review))
    rows.add("Ladder", ladder_text(review))
    rows.add("Experiments", experiments_text(review.experiments, review.days))
    rows.add("Anxiety", anxiety_view(review.experiments, review.per_step))
    rows.add(
        "Liking gap",
        liking_text(review.liking_gap_mean, review.liking_gap_count, content, review.days),
    )
    rows.add("Connections", funnel_text(review))
    rows.add("People", people_text(review))
    rows.add("Follow-ups", followups_view(review.followups, review.end))
    if review.people.reciprocity:
        rows.add("Invitations", reciprocity_view(review, content))
    rows.add("Mood & energy", days_view(review.daily))
    if review.loneliness:
        rows.add("Loneliness", loneliness_view(review.loneliness, content, review.end))
    return _framed(review, content, review.headline, rows)


def empty_view(review: WeeklyReview, content: Content) -> RenderableType:
    """Nothing logged in the window: a friendly way in, not a screen of zeros."""
    rows = Rows()
    rows.add("Before you go", "`mumcoach plan`: one small step, about a minute.")
    rows.add("Each evening", "`mumcoach checkin`: how it went, under two minutes.")
    if review.followups:
        rows.add("Follow-ups", followups_view(review.followups, review.end))
    if review.loneliness:
        rows.add("Loneliness", loneliness_view(review.loneliness, content, review.end))
    return _framed(review, content, content.say("review.empty", span=span_words(review.days)), rows)


def _framed(
    review: WeeklyReview, content: Content, opening: str, rows: RenderableType
) -> RenderableType:
    """What both screens share: title, opening line, rows, next week's focus, any signpost."""
    parts: list[RenderableType] = [
        title(review),
        Text(opening),
        Text(""),
        rows,
        Text(""),
        Text(focus_text(review, content), style="bold"),
    ]
    if review.signpost:
        parts += [Text(""), low_mood_notice(review.region, content)]
    return Group(*parts)


def render(review: WeeklyReview, content: Content) -> RenderableType:
    """The empty screen for an empty window, else the full review."""
    return empty_view(review, content) if review.empty else review_view(review, content)
