"""`mumcoach undo`: take back the last save, after showing what it would remove."""

from __future__ import annotations

from typing import Annotated

import typer

from mumcoach.commands import app_context, make_asker


def register(app: typer.Typer) -> None:
    app.command(
        help="Undo the last save, from the backups, after showing what it takes back.",
    )(undo)


def undo(
    ctx: typer.Context,
    yes: Annotated[bool, typer.Option("--yes", help="Don't ask first (for scripts).")] = False,
) -> None:
    from mumcoach.flows.data import confirm_undo
    from mumcoach.store import backup_time
    from mumcoach.undo import apply_undo, plan_undo
    from mumcoach.views.records import undo_lines

    app = app_context(ctx)
    plan = plan_undo(app.store)
    for line in undo_lines(plan.changes, backup_time(plan.current)):
        app.console.print(line, markup=False, highlight=False)
    if not confirm_undo(make_asker(app, None, {}, ()), app.content, yes=yes):
        app.console.print("Nothing was changed.")
        return
    apply_undo(app.store, plan)
    app.console.print("Done: your journal is as it was before that save.")
