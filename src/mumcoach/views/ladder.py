"""Renders the ladder: every step with her progress, then the one suggested next step."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from mumcoach.coach.ladder import StepProgress, Suggestion
from mumcoach.views.json_out import suggestion_data

STATUS_LABELS = {
    "new": "new",
    "trying": "trying",
    "mastered": "mastered",
    "not-for-me": "not for me",
}
STATUS_STYLES = {"new": "", "trying": "cyan", "mastered": "green", "not-for-me": "dim"}


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


def ladder_data(rows: Sequence[StepProgress], suggestion: Suggestion | None) -> dict[str, Any]:
    """The JSON form of `mumcoach ladder --json`."""
    steps = [
        {
            "id": row.step.id,
            "title": row.step.title,
            "position": row.step.position,
            "difficulty": row.step.difficulty,
            "default_difficulty": row.step.default_difficulty,
            "status": row.status,
            "attempts": row.attempts,
            "settings": list(row.step.settings),
            "custom": row.step.custom,
        }
        for row in rows
    ]
    return {"steps": steps, "suggestion": suggestion_data(suggestion)}
