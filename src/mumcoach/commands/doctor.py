"""`mumcoach doctor`: where the data and content are, and whether they are sound."""

from __future__ import annotations

from typing import Annotated

import typer

from mumcoach.commands import app_context, print_json


def register(app: typer.Typer) -> None:
    app.command(
        help="Check the journal, content, permissions and backups, and say where they are."
    )(doctor)


def doctor(
    ctx: typer.Context,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the report as JSON (same exit code).")
    ] = False,
) -> None:
    from mumcoach.doctor import run_checks

    app = app_context(ctx)
    report = run_checks(app)
    if as_json:
        from mumcoach.views.data import doctor_data

        print_json("doctor", doctor_data(report))
    else:
        from mumcoach.views.doctor import doctor_view

        app.console.print(doctor_view(report))
    if report.exit_code:
        raise typer.Exit(report.exit_code)
