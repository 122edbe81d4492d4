"""`mumcoach export`: her whole journal as JSON, Markdown, CSV files or an iCalendar file."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mumcoach.commands import app_context

if TYPE_CHECKING:
    from mumcoach.context import AppContext


class Format(StrEnum):
    json = "json"
    markdown = "markdown"
    csv = "csv"
    ics = "ics"


FORMAT_NAMES = {
    Format.json: "JSON",
    Format.markdown: "Markdown",
    Format.csv: "CSV",
    Format.ics: "iCalendar",
}


def register(app: typer.Typer) -> None:
    app.command(
        help="Export everything: JSON, a Markdown diary, CSV files, or a calendar of your plans.",
    )(export)


def export(
    ctx: typer.Context,
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help="What to write: json, markdown, csv or ics.",
            case_sensitive=False,
        ),
    ] = Format.json,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file (a folder for csv); default: print it.",
            metavar="PATH",
        ),
    ] = None,
    schema: Annotated[
        bool, typer.Option("--schema", help="Print the JSON Schema of the JSON export instead.")
    ] = False,
    remind: Annotated[
        str,
        typer.Option(
            help='ics: remind this long before a plan ("1h", "30m", "none").', metavar="TIME"
        ),
    ] = "1h",
    with_names: Annotated[
        bool,
        typer.Option("--with-names", help="ics: keep other people's names (left out by default)."),
    ] = False,
) -> None:
    from mumcoach.errors import BadInput

    app = app_context(ctx)
    if schema:
        from mumcoach.views.export_json import shipped_schema_text

        _deliver(app, shipped_schema_text(), output, "the JSON Schema")
        return
    if fmt is not Format.ics and (with_names or remind != "1h"):
        raise BadInput("--remind and --with-names are for --format ics.")
    if fmt is Format.csv and output is None:
        raise BadInput("CSV export writes one file per kind of record: add --output FOLDER.")
    journal = app.store.load()
    if fmt is Format.json:
        from mumcoach.views.export_json import export_text

        text = export_text(journal, app.now())
    elif fmt is Format.markdown:
        from mumcoach.views.export_markdown import markdown_text

        text = markdown_text(journal, app.content, app.now())
    elif fmt is Format.ics:
        from mumcoach.views.export_ics import ics_text, parse_remind

        try:
            before = parse_remind(remind)
        except ValueError as exc:
            raise BadInput(f"--remind {exc}.") from None
        text = ics_text(journal, app.content, app.now(), remind=before, with_names=with_names)
    else:
        from mumcoach.views.export_csv import csv_files

        assert output is not None
        _write_folder(app, csv_files(journal, app.content), output)
        return
    _deliver(app, text, output, FORMAT_NAMES[fmt])


def _deliver(app: AppContext, text: str, output: Path | None, what: str) -> None:
    """Print `text`, or write it to `output` (owner-only) and say where."""
    if output is None:
        typer.echo(text, nl=False)
        return
    from mumcoach.durable import atomic_write

    target = output.expanduser()
    if target.is_dir():
        from mumcoach.errors import BadInput

        raise BadInput(f"{target} is a folder; give a file name for the {what} export.")
    _parent(target)
    atomic_write(target, text.encode("utf-8"))
    app.console.print(f"Saved {what} to {target} (only you can read it).")


def _write_folder(app: AppContext, files: dict[str, str], output: Path) -> None:
    from mumcoach.durable import atomic_write
    from mumcoach.errors import BadInput
    from mumcoach.paths import ensure_private_dir

    folder = output.expanduser()
    if folder.exists() and not folder.is_dir():
        raise BadInput(f"{folder} is a file; CSV export needs a folder (it makes one if needed).")
    ensure_private_dir(folder)
    for name, text in files.items():
        atomic_write(folder / name, text.encode("utf-8"))
    app.console.print(
        f"Saved {len(files)} CSV files to {folder}: {', '.join(files)} (only you can read them)."
    )


def _parent(target: Path) -> None:
    from mumcoach.errors import BadInput

    if not target.parent.is_dir():
        raise BadInput(f"The folder {target.parent} doesn't exist; nothing was written.")
