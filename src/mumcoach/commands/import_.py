"""`mumcoach import PATH`: merge another device's journal or JSON export into this one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mumcoach.commands import app_context

if TYPE_CHECKING:
    from mumcoach.context import AppContext
    from mumcoach.models import Journal

HELP = "Merge in another device's journal or JSON export; the later change wins."


def register(app: typer.Typer) -> None:
    app.command(
        "import",
        help=HELP,
    )(import_journal)


def import_journal(
    ctx: typer.Context,
    path: Annotated[
        Path,
        typer.Argument(
            help="A journal.json from another device, a backup, or `export --format json`.",
            metavar="PATH",
            show_default=False,
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change, and change nothing.")
    ] = False,
) -> None:
    from mumcoach.coach.sync import merge
    from mumcoach.importing import read_other_journal
    from mumcoach.views.importing import import_lines

    app = app_context(ctx)
    incoming = read_other_journal(app.store, path)
    # A copy: the store may hand the journal it loaded to the save that follows.
    preview = merge(app.store.load().model_copy(deep=True), incoming)
    if dry_run or not preview.changes_anything:
        report = preview
    else:
        report = app.store.update(
            lambda journal: merge(journal, incoming),
            deletion=bool(preview.forgot_here or preview.merged),
        )
        _forget_in_backups(app, report.forgot_here)
    for line in import_lines(report, path.expanduser(), dry_run=dry_run):
        app.console.print(line, markup=False, highlight=False)


def _forget_in_backups(app: AppContext, forgot: list[tuple[str, str, list[str]]]) -> None:
    """As `people forget` does: no backup keeps someone forgotten on the other device."""
    if not forgot:
        return
    from mumcoach.coach.forget import forget_person
    from mumcoach.errors import MumcoachError, StorageFailed

    def scrub(backup: Journal) -> bool:
        return (
            sum(
                forget_person(backup, pid, extra_names=names, mark=False)
                for pid, _, names in forgot
            )
            > 0
        )

    try:
        app.store.rewrite_backups(scrub)
    except MumcoachError as exc:
        raise StorageFailed(
            f"Merged, but could not clean the backups ({exc.message}) Some backups in "
            f"{app.store.backup_dir} may still mention someone forgotten on the other device."
        ) from exc
