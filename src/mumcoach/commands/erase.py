"""`mumcoach erase`: remove everything mumcoach keeps on this computer, on her word."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mumcoach.commands import app_context, make_asker

if TYPE_CHECKING:
    from mumcoach.content import Content
    from mumcoach.context import AppContext


def register(app: typer.Typer) -> None:
    app.command(
        help="Remove everything mumcoach keeps here: journal, backups, drafts, lock, cache.",
    )(erase)


def erase(
    ctx: typer.Context,
    yes: Annotated[
        bool, typer.Option("--yes", help="Don't ask for the confirmation word (for scripts).")
    ] = False,
) -> None:
    from mumcoach.content import ENV_VAR
    from mumcoach.content.cache import cache_dir
    from mumcoach.erase import apply_erase, plan_erase
    from mumcoach.flows.data import confirm_erase
    from mumcoach.views.erase import content_lines, erase_done, erase_preview

    app = app_context(ctx)
    override = app.env.get(ENV_VAR)
    content_folder = Path(override).expanduser() if override else None
    plan = plan_erase(app.store, cache_dir(app.env))
    if plan.empty:
        app.console.print(f"There is nothing to erase: mumcoach keeps nothing in {app.data_dir}.")
        for line in content_lines(content_folder):
            app.console.print(line, markup=False)
        return
    for line in [*erase_preview(plan, _summary(app)), *content_lines(content_folder)]:
        app.console.print(line, markup=False, highlight=False)
    if not confirm_erase(make_asker(app, None, {}, ()), _content(app), yes=yes):
        app.console.print("Nothing was erased.")
        return
    left = apply_erase(app.store, plan)
    for line in erase_done(plan, left, content_folder):
        app.console.print(line, markup=False, highlight=False)


def _content(app: AppContext) -> Content:
    """Her content, or the shipped one if hers is broken: erase must work either way."""
    from mumcoach.content import ENV_VAR, load_content
    from mumcoach.errors import MumcoachError

    try:
        return app.content
    except MumcoachError:
        return load_content({k: v for k, v in app.env.items() if k != ENV_VAR})


def _summary(app: AppContext) -> tuple[int, int, int] | None:
    """Her check-ins, plans and people, counted; None when the journal can't be read."""
    from mumcoach.errors import MumcoachError

    try:
        journal = app.store.load()
    except MumcoachError:
        return None
    return len(journal.checkins), len(journal.plans), len(journal.people)
