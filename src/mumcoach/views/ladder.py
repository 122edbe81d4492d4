"""Renders the ladder: every step with her progress, then the one suggested next step."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from mumcoach.coach.ladder import StepProgress, Suggestion
from mumcoach.coach.ladder_edit import Marked, Rated
from mumcoach.content import Content
from mumcoach.models import CustomStep
from mumcoach.words import SETTING_NAMES

STATUS_LABELS = {
    "new": "new",
    "shown": "done (logged)",
    "trying": "trying",
    "mastered": "mastered",
    "not-for-me": "not for me",
}
STATUS_STYLES = {
    "new": "",
    "shown": "green",
    "trying": "cyan",
    "mastered": "green",
    "not-for-me": "dim",
}


def difficulty_label(row: StepProgress) -> str:
    """ "4" for a default rating, "6 (default 4)" once she has re-rated it."""
    step = row.step
    if step.rated and not step.custom:
        return f"{step.difficulty} (default {step.default_difficulty})"
    return str(step.difficulty)


def ladder_table(rows: Sequence[StepProgress]) -> Table:
    table = Table(title="Your ladder", title_justify="left", expand=False)
    table.add_column("#", justify="right")
    table.add_column("Step")
    table.add_column("Difficulty", justify="right")
    table.add_column("Status")
    table.add_column("Tries", justify="right")
    for row in rows:
        title = row.step.title + (" (your own)" if row.step.custom else "")
        style = "dim" if row.status == "not-for-me" else ""
        table.add_row(
            str(row.step.position),
            Text(title, style=style),
            difficulty_label(row),
            Text(STATUS_LABELS[row.status], style=STATUS_STYLES[row.status]),
            str(row.attempts),
            style=style,
        )
    return table


def suggestion_view(suggestion: Suggestion | None, easier_line: str | None) -> RenderableType:
    """The suggested step and its reason; `easier_line` is the easier option, already worded."""
    if suggestion is None:
        return Text("")
    parts: list[RenderableType] = [
        Text.assemble(("Next: ", "bold"), (suggestion.title, "bold")),
        Text(suggestion.reason),
    ]
    if easier_line:
        parts.append(Text(easier_line, style="dim"))
    return Group(*parts)


def ladder_view(
    rows: Sequence[StepProgress],
    suggestion: Suggestion | None,
    *,
    easier_line: str | None = None,
    note: str | None = None,
) -> RenderableType:
    parts: list[RenderableType] = [ladder_table(rows), Text("")]
    if note:
        parts.append(Text(note))
    parts.append(suggestion_view(suggestion, easier_line))
    return Group(*parts)


# ---- what a change said -----------------------------------------------------------------------


def rated_line(rated: Rated) -> str:
    was = f" (the default is {rated.default})" if rated.value != rated.default else ""
    return f'Saved: "{rated.title}" is {rated.value}/10 for you{was}. Your ladder is in your order.'


def marked_line(marked: Marked, content: Content) -> str:
    """The one line `ladder not-for-me` answers with, for a step or a whole setting."""
    name = SETTING_NAMES.get(marked.name, marked.name) if marked.setting else f'"{marked.name}"'
    if marked.outcome == "was-not":
        return f'{name} wasn\'t marked "not for me"; nothing to change.'
    if marked.outcome == "already":
        return f'{name} is already marked "not for me".'
    if marked.outcome == "back":
        if marked.setting:
            return f"Back in: {name}. Steps there can be suggested again."
        return f"{name} is back on your ladder."
    ok = content.say("not_for_me.ok")
    return f"{name[:1].upper()}{name[1:]}: {ok}" if marked.setting else f"{name}: {ok}"


def added_line(step: CustomStep) -> str:
    return (
        f'Added "{step.title}" ({step.difficulty}/10) to your ladder as {step.id}. '
        "Your steps count."
    )
