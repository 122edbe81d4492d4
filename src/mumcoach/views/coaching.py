"""Rich views for the coaching loop: the plan card, the check-in reflection, the welcome."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from mumcoach.content import Content
from mumcoach.dates import format_time
from mumcoach.models import Journal, Place, Plan
from mumcoach.views.json_out import suggestion_data
from mumcoach.words import quoted, weekday_day_month

if TYPE_CHECKING:
    from mumcoach.coach.cues import PersonCue
    from mumcoach.coach.ladder import LadderStep, Suggestion


def _section(title: str, lines: Sequence[str]) -> list[RenderableType]:
    """A bold title over bullet lines that wrap under their own text."""
    if not lines:
        return []
    from rich.table import Table  # only the plan card: a reflection never loads Rich's tables

    bullets = Table.grid(padding=(0, 1))
    bullets.add_column(width=3, justify="right")
    bullets.add_column()
    for line in lines:
        bullets.add_row("•", Text(line))  # as typed: her words are not markup
    return [Text(title, style="bold"), bullets]


def cue_text(cue: PersonCue) -> str:
    """'Sarah (Jasper, 8m) — last time: moving to Dubai; you said you'd: ask about the move'."""
    child = ", ".join(x for x in (cue.child, cue.child_age) if x)
    text = cue.name + (f" ({child})" if child else "")
    if cue.last_detail:
        text += f" — last time: {cue.last_detail}"
    if cue.follow_up:
        text += f"; you said you'd: {cue.follow_up}"
    return text


def plan_card(
    plan: Plan,
    step: LadderStep,
    place: Place | None,
    easier: LadderStep | None,
    remember: Sequence[str],
    tips: Sequence[str],
    cues: Sequence[PersonCue] = (),
    content: Content | None = None,
) -> RenderableType:
    """The card to take along: the chosen step as she sees it there, its own reason, if-then,
    prediction, what to drop, openers, who may be there and a tip."""
    parts: list[RenderableType] = [Text(plan.step_text or step.title, style="bold magenta")]
    if plan.reason:
        parts.append(Text(plan.reason, style="italic"))
    if easier is not None and content is not None:
        parts.append(
            Text(content.say("plan.easier_option", step=easier.title.rstrip(".")), style="dim")
        )
    parts.append(Text(""))
    if plan.if_then and "if_then" not in plan.flagged:  # words the screen heard: never quoted
        parts += _section("My plan", [plan.if_then])
    prediction = []
    if plan.fear and "fear" not in plan.flagged:
        likely = f" ({plan.likelihood}% likely)" if plan.likelihood is not None else ""
        prediction.append(f"I fear: {plan.fear}{likely}")
    if plan.expected_anxiety is not None:
        prediction.append(f"I expect to feel {plan.expected_anxiety}/10 anxious")
    parts += _section("My prediction", prediction)
    parts += _section("Remember", list(remember))
    parts += _section("Openers to try", plan.openers)
    parts += _section("Who may be there", [cue_text(cue) for cue in cues])
    if tips:
        parts += _section("Tip", [tips[0]])
    return Panel(
        Group(*parts),
        title=Text(plan_title(plan, place)),  # as typed: a place's name is hers, not markup
        title_align="left",
        border_style="magenta",
    )


def plan_title(plan: Plan, place: Place | None) -> str:
    """ "Plan for Tuesday 24 November, 10:00 at Hartbeeps"."""
    at = f", {format_time(plan.time)}" if plan.time else ""
    where = f" at {place.name}" if place else ""
    return f"Plan for {weekday_day_month(plan.date)}{at}{where}"


def reflection_view(
    lines: Sequence[str],
    next_step: Suggestion | None,
    content: Content,
    next_place: Place | None = None,
    title: str = "Today",
) -> RenderableType:
    parts: list[RenderableType] = [Text(line) for line in lines]
    if next_step is not None:
        parts.append(Text(""))
        if next_place is not None:
            line = content.say(
                "reflect.next_step_at",
                place=next_place.name,
                step=quoted(next_step.title),
                reason=next_step.reason,
            )
        else:
            line = content.say(
                "reflect.next_step", step=quoted(next_step.title), reason=next_step.reason
            )
        parts.append(Text(line))
    parts.append(Text(""))
    parts.append(Text(content.say("reflect.thanks"), style="dim"))
    return Panel(Group(*parts), title=Text(title), title_align="left", border_style="green")


def notes_view(notes: Sequence[str]) -> RenderableType:
    """Gentle one-off notes (e.g. reciprocity) shown after a check-in."""
    return Panel(Group(*(Text(n) for n in notes)), border_style="yellow")


def welcome_view(content: Content, name: str | None, suggestion: Suggestion) -> RenderableType:
    hello = f"Welcome, {name}." if name else "Welcome."
    parts: list[RenderableType] = [
        Text(hello, style="bold"),
        Text("Your journal stays on this computer, readable only by you."),
        Text(""),
        Text.assemble("A first step to try: ", (suggestion.title, "bold")),
        Text(suggestion.reason),
        Text("Before you head out: `mumcoach plan`. Each evening: `mumcoach checkin`."),
        Text(""),
        Text(content.say("not_therapy"), style="dim"),
    ]
    return Panel(Group(*parts), border_style="magenta")


def plan_json(saved: Plan, place: Place | None, suggestion: Suggestion) -> dict[str, Any]:
    """`mumcoach plan --json`: the saved plan, its place's name and the step the coach suggested."""
    data = saved.model_dump(mode="json")
    data["time"] = format_time(saved.time) if saved.time else None
    data["place"] = place.name if place else None
    data["suggestion"] = suggestion_data(suggestion)
    return data


def init_json(
    journal: Journal, safety: str | None, suggestion: Suggestion | None
) -> dict[str, Any]:
    """`mumcoach init --json`: the profile as saved, where the ladder starts, the first step."""
    profile = journal.profile
    assert profile is not None
    return {
        "safety": safety,
        "profile": {
            "name": profile.name,
            "region": profile.region,
            "children": [{"name": c.name, "age": c.age} for c in profile.children],
            "not_for_me": list(profile.not_for_me),
            "goal": profile.goal,
        },
        "start_step": journal.ladder.start_step,
        "suggestion": suggestion_data(suggestion),
    }
