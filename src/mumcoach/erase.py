"""Everything mumcoach keeps on this computer, found for `erase` and removed on her word."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from mumcoach.content.cache import cache_files
from mumcoach.durable import TEMP_SUFFIX
from mumcoach.importing import conflict_copies
from mumcoach.paths import drafts_dir
from mumcoach.store import LOCK_NAME, Store

EDIT_PATTERN = ".edit-*.toml"  # flows/edit.py: an entry open in her editor


@dataclass
class ErasePlan:
    """What `erase` would remove, grouped as she would name it."""

    home: Path
    journal: Path | None = None
    backups: list[Path] = field(default_factory=list)
    drafts: list[Path] = field(default_factory=list)
    others: list[Path] = field(default_factory=list)  # lock, temp files, sync-conflict copies
    cache_folder: Path | None = None  # the user cache folder: content/cache.py
    cache: list[Path] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.journal or self.backups or self.drafts or self.others or self.cache)

    @property
    def files(self) -> list[Path]:
        first = [self.journal] if self.journal else []
        return [*first, *self.backups, *self.drafts, *self.others, *self.cache]


def plan_erase(store: Store, cache_folder: Path | None) -> ErasePlan:
    """Every file mumcoach made in its data folder and its cache folder; other files there
    are not its to remove."""
    home = store.home
    plan = ErasePlan(home=home, cache_folder=cache_folder)
    if cache_folder is not None and cache_folder.is_dir():
        plan.cache = cache_files(cache_folder)
    if not home.is_dir():
        return plan
    plan.journal = store.path if store.path.is_file() else None
    if store.backup_dir.is_dir():
        plan.backups = sorted(
            p for p in store.backup_dir.iterdir() if p.is_file() and _is_backup(p)
        )
    drafts = drafts_dir(home)
    if drafts.is_dir():
        plan.drafts = sorted(p for p in drafts.iterdir() if p.is_file())
    lock = home / LOCK_NAME
    plan.others = [lock] if lock.is_file() else []
    plan.others += sorted(home.glob(f".*{TEMP_SUFFIX}")) + sorted(home.glob(EDIT_PATTERN))
    plan.others += conflict_copies(home)
    return plan


def apply_erase(store: Store, plan: ErasePlan) -> list[Path]:
    """Remove the planned files (holding the lock, so no save is halfway), then the folders
    if nothing else is in them. Returns what is left in the data folder, if anything."""
    lock = store.home / LOCK_NAME
    caches = [plan.cache_folder] if plan.cache_folder is not None else []
    if caches and caches[0].is_dir():  # this run may have kept the content since the preview
        plan.cache = cache_files(caches[0])
    home_files = store.home.is_dir()  # else only the cache is left: no save to race
    with store._locked() if home_files else contextlib.nullcontext():  # noqa: SLF001
        for path in plan.files:
            if path != lock:
                path.unlink(missing_ok=True)
    lock.unlink(missing_ok=True)
    for folder in (store.backup_dir, drafts_dir(store.home), store.home, *caches):
        with contextlib.suppress(OSError):  # not empty (her own files) or already gone
            folder.rmdir()
    return sorted(store.home.rglob("*")) if store.home.exists() else []


def _is_backup(path: Path) -> bool:
    name = path.name
    return (name.startswith("journal-") and name.endswith(".json")) or name.endswith(TEMP_SUFFIX)
