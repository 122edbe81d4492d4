"""One module per command: each parses options and hands off; `register(app)` adds it to the CLI."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from mumcoach.context import AppContext

if TYPE_CHECKING:
    from mumcoach.flows.ask import Asker
    from mumcoach.models import Journal
    from mumcoach.views.json_out import Kind


def app_context(ctx: typer.Context) -> AppContext:
    """The AppContext the root callback stored on the click context."""
    obj = ctx.find_root().obj
    assert isinstance(obj, AppContext)
    return obj


def make_asker(
    app: AppContext, answers_file: Path | None, flags: Mapping[str, Any], keys: Iterable[str]
) -> Asker:
    """An Asker over the answers file and flags (flags win), watching free text for crises."""
    from mumcoach.coach.safety import mentions_crisis
    from mumcoach.flows.ask import Asker, load_answers, merge_answers

    answers = merge_answers(load_answers(answers_file, keys), flags)
    safety = app.content.safety
    return Asker(
        app.prompter if app.can_ask else None,
        answers,
        interactive=app.can_ask,
        watch=lambda text: mentions_crisis(text, safety),
    )


def region_of(journal: Journal) -> str:
    return journal.profile.region if journal.profile else "other"


def show_crisis(app: AppContext, region: str) -> None:
    """Stop coaching and show the crisis screen: emergency number first, no more questions."""
    from mumcoach.views.support import crisis_screen

    app.console.print(crisis_screen(region, app.content))


def print_json(kind: Kind, data: Mapping[str, Any]) -> None:
    """Print one `--json` result in the shared envelope (views/json_out.py)."""
    from mumcoach.views.json_out import json_text

    typer.echo(json_text(kind, data))


AnswersOption = typer.Option(
    "--answers",
    help="A TOML or JSON file of answers (keys are option names with _ for -).",
)
