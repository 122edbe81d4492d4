"""Renders the doctor report."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from mumcoach.doctor import Report


def doctor_view(report: Report) -> RenderableType:
    where = Table.grid(padding=(0, 2))
    where.add_row("Data folder", str(report.data_dir))
    where.add_row("Journal", str(report.journal))
    folders = sorted({str(p.parent) for p in report.content_sources.values()})
    for i, folder in enumerate(folders):
        where.add_row("Content" if i == 0 else "", folder)

    checks = Table.grid(padding=(0, 2))
    for check in report.checks:
        if check.ok:
            mark = Text("ok", style="green")
        elif check.exit_code:
            mark = Text("PROBLEM", style="bold red")
        else:
            mark = Text("note", style="yellow")
        checks.add_row(mark, check.name, check.detail)

    parts: list[RenderableType] = [where, Text(""), checks, Text("")]
    if report.backups:
        parts.append(Text(f"Backups ({len(report.backups)}, newest first):"))
        parts.extend(Text(f"  {b}") for b in report.backups)
    else:
        parts.append(Text("Backups: none yet (one is made before every save)."))
    return Group(*parts)
