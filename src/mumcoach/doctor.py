"""Health checks for `mumcoach doctor`: where things are and whether they are sound."""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from mumcoach.content import ENV_VAR as PROMPTS_ENV
from mumcoach.context import AppContext
from mumcoach.errors import MumcoachError
from mumcoach.paths import is_private, tighten_tree
from mumcoach.words import journal_counts


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
    if report.content_sources:
        report.checks.append(_check_numbers(ctx, ctx.today()))
    override = ctx.env.get(PROMPTS_ENV)
    if override and not Path(override).expanduser().is_dir():
        # Not fatal (the shipped content is used), but she meant to use her own.
        report.checks.append(
            Check("Your content", False, f"${PROMPTS_ENV} is {override}, which isn't a folder.")
        )
    copies = _check_sync_conflicts(store.home)
    if copies is not None:
        report.checks.append(copies)
    report.backups = store.backups()
    return report


def _check_sync_conflicts(home: Path) -> Check | None:
    """A note about copies a file-sync tool left beside the journal, and how to merge them."""
    from mumcoach.importing import conflict_copies

    copies = conflict_copies(home)
    if not copies:
        return None
    names = ", ".join(p.name for p in copies)
    one = len(copies) == 1
    return Check(
        "Sync conflicts",
        False,
        f"A sync tool left {'a copy' if one else f'{len(copies)} copies'} of your journal "
        f"beside it: {names}. Merge {'it' if one else 'each'} in with "
        f'`mumcoach import "{copies[0]}"`{"" if one else " (and the same for the others)"}; '
        f"once merged, {'it' if one else 'they'} can be deleted.",
    )


def _mode(path: Path) -> str:
    return oct(stat.S_IMODE(path.stat().st_mode))[2:]


def _check_permissions(home: Path, journal: Path) -> Check:
    """Every file and folder mumcoach keeps, checked; what was loose, tightened and named."""
    if not home.exists():
        return Check(
            "Permissions", True, "The data folder will be created, private, on first save."
        )
    kept = _kept_files(home)
    changed = tighten_tree(home)
    loose = [p for p in [home, *kept] if p.exists() and not is_private(p)]
    shown = f"folder {_mode(home)}" + (f", journal {_mode(journal)}" if journal.exists() else "")
    checked = f"Checked the data folder and the {_count(len(kept), 'file')} and folders in it"
    if loose:
        names = ", ".join(_name(home, p) for p in loose[:3])
        return Check(
            "Permissions", False, f"{checked}; could not make {names} owner-only ({shown})."
        )
    if changed:
        names = ", ".join(_name(home, p) for p in changed[:4])
        more = f" and {len(changed) - 4} more" if len(changed) > 4 else ""
        return Check(
            "Permissions", True, f"{checked}; tightened to owner-only: {names}{more} ({shown})."
        )
    return Check("Permissions", True, f"{checked}; only you can read them ({shown}).")


def _kept_files(home: Path) -> list[Path]:
    """The files and folders inside the data folder (backups and drafts included)."""
    found: list[Path] = []
    for path in sorted(home.iterdir()):
        found.append(path)
        if path.is_dir() and not path.is_symlink():
            found.extend(sorted(path.iterdir()))
    return found


def _name(home: Path, path: Path) -> str:
    if path == home:
        return "the folder"
    return str(path.relative_to(home)) + ("/" if path.is_dir() else "")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _check_journal(ctx: AppContext) -> Check:
    if not ctx.store.exists():
        return Check("Journal", True, "Not created yet — it starts with your first check-in.")
    try:
        journal = ctx.store.load()
    except MumcoachError as exc:
        return Check("Journal", False, exc.message, exc.exit_code)
    counts = journal_counts(len(journal.checkins), len(journal.plans), len(journal.people))
    return Check("Journal", True, f"Sound: {counts}.")


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


def _check_numbers(ctx: AppContext, today: date) -> Check:
    """Support numbers must be re-checked at their source (Martinengo et al. 2019): a note,
    never a failure, for any number unchecked for over `recheck_after_days`, or never checked."""
    content = ctx.content
    limit = today - timedelta(days=content.recheck_after_days)
    numbers = [(r.name, n, d) for r in content.regions.values() for n, d in r.numbers()]
    never = [f"{region}: {number}" for region, number, day in numbers if day is None]
    stale = [f"{region}: {number}" for region, number, day in numbers if day and day < limit]
    if not never and not stale:
        return Check("Support numbers", True, f"All {len(numbers)} checked within a year.")
    parts = []
    if never:
        parts.append(
            f"{len(never)} of {len(numbers)} never checked at their source (e.g. {never[0]})"
        )
    if stale:
        parts.append(f"{len(stale)} not checked for over a year (e.g. {stale[0]})")
    detail = "; ".join(parts) + ". Check them against the official sites in prompts/support.toml."
    return Check("Support numbers", False, detail)
