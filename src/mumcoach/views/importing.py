"""What `mumcoach import` added and which differing records it kept, in words."""

from __future__ import annotations

from pathlib import Path

from mumcoach.coach.sync import Difference, MergeReport
from mumcoach.views.records import KIND_WORDS, changed, record_label


def import_lines(report: MergeReport, source: Path, *, dry_run: bool) -> list[str]:
    """Every line `import` prints: what came in, what differed and which version stayed."""
    would = "would be " if dry_run else ""
    if not report.changes_anything and not report.differences:
        return [f"Nothing new in {source}: this journal already has all of it."]
    lines = []
    if report.added:
        lines.append(
            f"Added from {source}: {counted(report.added)}."
            if not dry_run
            else f"Would add from {source}: {counted(report.added)}."
        )
    elif not dry_run:
        lines.append(f"Nothing new to add from {source}.")
    if report.differences:
        lines.append(
            f"{len(report.differences)} {'record' if len(report.differences) == 1 else 'records'} "
            f"{_differ(len(report.differences), dry_run)}; the later change {would}kept:"
        )
        lines += [f"  - {difference_line(d, source, dry_run=dry_run)}" for d in report.differences]
    for _, name, _ in report.forgot_here:
        lines.append(
            f"{name} was forgotten on the other device, so she {'would be' if dry_run else 'is'} "
            "forgotten here too, backups included."
        )
    if report.merged:
        lines.append(
            f"{report.merged} {'card' if report.merged == 1 else 'cards'} you merged on one "
            f"device {'would be' if dry_run else 'were'} folded in again, so no one is doubled."
        )
    if report.forgotten:
        lines.append(
            f"{report.forgotten} {'record' if report.forgotten == 1 else 'records'} about "
            "someone you asked mumcoach to forget stayed out."
        )
    if dry_run:
        lines.append("Nothing was changed (--dry-run).")
    return lines


def _differ(count: int, dry_run: bool) -> str:
    if not dry_run:
        return "differed"
    return "differs" if count == 1 else "differ"


def counted(added: dict[str, int]) -> str:
    parts = []
    for kind, (one, many) in KIND_WORDS.items():
        n = added.get(kind, 0)
        if n:
            single = kind in ("profile", "ladder")
            parts.append(one if single else f"{n} {one if n == 1 else many}")
    return ", ".join(parts)


def difference_line(d: Difference, source: Path, *, dry_run: bool) -> str:
    """'the check-in of 21 Nov: kept the one from phone.json (changed 21 Nov 20:40); this
    device's (changed 21 Nov 19:02) is in backups/'."""
    label = record_label(d.kind, d.record, d.parent)
    if d.kept == "there":
        other = "is in backups/" if not dry_run else "would go to backups/"
        return (
            f"{label}: {'keeping' if dry_run else 'kept'} the one from {source.name} "
            f"({changed(d.there)}); this device's ({changed(d.here)}) {other}"
        )
    if d.here is not None and d.here == d.there:
        return (
            f"{label}: {'keeping' if dry_run else 'kept'} this device's (both {changed(d.here)}); "
            f"the other stays in {source.name}"
        )
    return (
        f"{label}: {'keeping' if dry_run else 'kept'} this device's ({changed(d.here)}); "
        f"the other ({changed(d.there)}) stays in {source.name}"
    )
