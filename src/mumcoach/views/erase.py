"""What `erase` will remove and what it leaves alone, then what it removed, in plain lines."""

from __future__ import annotations

from pathlib import Path

from mumcoach.erase import ErasePlan
from mumcoach.words import journal_counts, plural


def erase_preview(plan: ErasePlan, counts: tuple[int, int, int] | None) -> list[str]:
    """`counts`: her check-ins, plans and people, when the journal could be read."""
    lines = ["This removes everything mumcoach keeps on this computer:"]
    if plan.journal:
        summary = f" ({journal_counts(*counts)})" if counts is not None else ""
        lines.append(f"  - your journal{summary}: {plan.journal}")
    if plan.backups:
        lines.append(f"  - {plural(len(plan.backups), 'backup')} in {plan.backups[0].parent}")
    if plan.drafts:
        what = plural(len(plan.drafts), "unfinished set of answers", "unfinished sets of answers")
        lines.append(f"  - {what} (drafts) in {plan.drafts[0].parent}")
    lines += [f"  - {_what(path)}: {path}" for path in plan.others]
    if plan.cache:
        lines.append(f"  - the checked coaching content kept to start faster: {plan.cache_folder}")
    lines.append("It can't be undone. Files you exported elsewhere are not touched.")
    return lines


def _what(path: Path) -> str:
    name = path.name
    if name.endswith(".lock"):
        return "the lock file"
    if name.startswith(".edit-"):
        return "an entry left open in your editor"
    if name.endswith(".tmp"):
        return "a save that was cut short"
    return "a copy of your journal a sync tool left"


def erase_done(plan: ErasePlan, left: list[Path], content_folder: Path | None) -> list[str]:
    removed = plural(len(plan.files), "file")
    if len(plan.cache) == len(plan.files):  # nothing of hers was there, only the cache
        lines = [f"Erased: removed {removed} from {plan.cache_folder}. mumcoach keeps nothing now."]
    elif left:
        lines = [
            f"Erased: removed {removed} from {plan.home}. These were not made by mumcoach, so "
            "they are still there:",
            *(f"  - {p}" for p in left),
        ]
    else:
        lines = [
            f"Erased: removed {removed} and the folder {plan.home}. mumcoach keeps nothing now."
        ]
    lines += content_lines(content_folder)
    return lines


def content_lines(content_folder: Path | None) -> list[str]:
    if content_folder is None:
        return []
    return [f"Your own content folder, {content_folder} ($MUMCOACH_PROMPTS), is left as it is."]
