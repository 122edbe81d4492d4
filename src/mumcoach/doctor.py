"""Health checks for `mumcoach doctor`: where things are and whether they are sound."""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path

from mumcoach.content import ENV_VAR as PROMPTS_ENV
from mumcoach.context import AppContext
from mumcoach.errors import MumcoachError
from mumcoach.paths import DIR_MODE, FILE_MODE, is_private, tighten


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    exit_code: int = 0


@dataclass
class Report:
    data_dir: Path
    journal: Path
    content_sources: dict[str, Path] = field(default_factory=dict)
    checks: list[Check] = field(default_factory=list)
    backups: list[Path] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return next((c.exit_code for c in self.checks if not c.ok and c.exit_code), 0)


def run_checks(ctx: AppContext) -> Report:
    store = ctx.store
    report = Report(data_dir=store.home, journal=store.path)
    report.checks.append(_check_permissions(store.home, store.path))
    report.checks.append(_check_journal(ctx))
    report.checks.append(_check_content(ctx, report))
    override = ctx.env.get(PROMPTS_ENV)
    if override and not Path(override).expanduser().is_dir():
        # Not fatal (the shipped content is used), but she meant to use her own.
        report.checks.append(
            Check("Your content", False, f"${PROMPTS_ENV} is {override}, which isn't a folder.")
        )
    report.backups = store.backups()
    return report


def _mode(path: Path) -> str:
    return oct(stat.S_IMODE(path.stat().st_mode))[2:]


def _check_permissions(home: Path, journal: Path) -> Check:
    if not home.exists():
        return Check(
            "Permissions", True, "The data folder will be created, private, on first save."
        )
    tightened = []
    for path, mode in ((home, DIR_MODE), (journal, FILE_MODE)):
        if path.exists() and not is_private(path):
            tighten(path, mode)
            tightened.append(path.name or str(path))
    shown = f"folder {_mode(home)}" + (f", journal {_mode(journal)}" if journal.exists() else "")
    if tightened:
        return Check("Permissions", True, f"Tightened to owner-only ({shown}).")
    return Check("Permissions", True, f"Only you can read them ({shown}).")


def _check_journal(ctx: AppContext) -> Check:
    if not ctx.store.exists():
        return Check("Journal", True, "Not created yet — it starts with your first check-in.")
    try:
        journal = ctx.store.load()
    except MumcoachError as exc:
        return Check("Journal", False, exc.message, exc.exit_code)
    people = len(journal.people)
    return Check(
        "Journal",
        True,
        f"Sound: {len(journal.checkins)} check-ins, {len(journal.plans)} plans, "
        f"{people} {'person' if people == 1 else 'people'}.",
    )


def _check_content(ctx: AppContext, report: Report) -> Check:
    try:
        content = ctx.content
    except MumcoachError as exc:
        return Check("Content", False, exc.message, exc.exit_code)
    report.content_sources = dict(content.sources)
    return Check(
        "Content",
        True,
        f"Sound: {len(content.steps)} ladder steps, {len(content.openers)} openers, "
        f"{len(content.regions)} support regions.",
    )
