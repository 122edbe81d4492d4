"""`mumcoach doctor`: where the data and content are, and whether they are sound."""

from __future__ import annotations

import typer

from mumcoach.commands import app_context


def register(app: typer.Typer) -> None:
    app.command(
        help="Check the journal, content, permissions and backups, and say where they are."
    )(doctor)


def doctor(ctx: typer.Context) -> None:
    from mumcoach.doctor import run_checks
    from mumcoach.views.doctor import doctor_view

    app = app_context(ctx)
    report = run_checks(app)
    app.console.print(doctor_view(report))
    if report.exit_code:
        raise typer.Exit(report.exit_code)
