"""Load, migrate, lock, save atomically and back up the journal — the only code that touches it."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import NamedTuple, TypeVar

from pydantic import ValidationError

from mumcoach import collector, durable, migrations, stamps
from mumcoach.checks import describe_validation_error, record_counts
from mumcoach.durable import TEMP_SUFFIX, NotSynced
from mumcoach.errors import (
    JournalBusy,
    JournalDamaged,
    JournalTooNew,
    RefusedToDropRecords,
    StorageFailed,
)
from mumcoach.models import SCHEMA_VERSION, Journal
from mumcoach.paths import FILE_MODE, JOURNAL_NAME, ensure_private_dir, tighten_tree
from mumcoach.pieces import read_file_in_pieces
from mumcoach.text import may_change

T = TypeVar("T")

LOCK_NAME = "journal.lock"
BACKUP_DIR = "backups"
KEEP_RECENT_BACKUPS = 10
KEEP_DAILY_BACKUPS = 14


class Loaded(NamedTuple):
    """A journal as read from these bytes, and its record counts at that moment."""

    raw: bytes  # kept, not hashed: comparing is far cheaper than hashing twice
    journal: Journal
    counts: dict[str, int]


class Store:
    """The journal file in one folder, with its lock file and rotating backups."""

    def __init__(
        self,
        home: Path,
        *,
        lock_timeout: float = 10.0,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        self.home = home
        self.path = home / JOURNAL_NAME
        self.lock_path = home / LOCK_NAME
        self.backup_dir = home / BACKUP_DIR
        self.lock_timeout = lock_timeout
        self._now = now
        self._tightened = False
        self.saved = False  # the journal was written by this run (so "nothing was saved" is untrue)
        self.warnings: list[str] = []  # problems after a save that lost nothing, told in one line
        # The journal loaded with `reuse`, so a save whose file is byte for byte what was read
        # need not parse and validate it all again.
        self._last: Loaded | None = None

    # -- reading ---------------------------------------------------------------------------

    def exists(self) -> bool:
        return self.path.exists()

    def load(self, *, reuse: bool = False) -> Journal:
        """The journal as it is on disk; a new empty one if there is no file yet.

        Each call gives a journal of its own, free to change as a scratch copy. With `reuse`
        the caller promises not to change it: the next `update` then uses this same journal
        instead of reading the file again, if the file still holds exactly these bytes.
        """
        if not reuse:  # nothing kept for a save: a large file is read a piece at a time
            with collector.reading():
                journal = self._read_in_pieces()
            if journal is not None:
                return journal
        raw = self._read()
        if raw is None:
            return Journal(created_at=self._now())
        with collector.reading():
            journal = self.parse(raw, self.path)
        if reuse:
            self._last = Loaded(raw, journal, record_counts(journal))
        return journal

    def _read_in_pieces(self) -> Journal | None:
        """The journal, read from its file a piece at a time if it is large, current and
        sound; None otherwise (reading the file whole then says what is wrong)."""
        self._tighten_once()
        try:
            with self.path.open("rb") as file:
                journal = read_file_in_pieces(file)
        except OSError:
            return None
        return journal if journal is not None and _current(journal) else None

    def _tighten_once(self) -> None:
        if not self._tightened:
            self._tightened = True
            tighten_tree(self.home)

    def _read(self) -> bytes | None:
        """The journal file's bytes; None if there is no file yet."""
        self._tighten_once()
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StorageFailed(f"Could not read {self.path}: {exc.strerror}.") from exc

    def _load_for_update(self) -> tuple[Journal, dict[str, int]]:
        """The journal under the lock, with its record counts as read: the one loaded with
        `reuse` if the file holds exactly the bytes it was read from, else read afresh."""
        last, self._last = self._last, None  # used at most once, so never after a change
        raw = self._read()
        if raw is None:
            journal = Journal(created_at=self._now())
            return journal, record_counts(journal)
        if last is not None and last.raw == raw:
            return last.journal, last.counts
        with collector.reading():
            journal = self.parse(raw, self.path)
        return journal, record_counts(journal)

    def parse(self, raw: bytes, source: Path) -> Journal:
        """Parse, migrate and validate journal bytes; damage raises with a one-line message."""
        try:
            # The usual case, straight from the bytes: a current journal that validates, and
            # whose text, written by mumcoach, needs no cleaning (a hand-edit may need it).
            journal = Journal.model_validate_json(raw, context=may_change(raw))
            if _current(journal):
                return journal
        except (ValidationError, RecursionError):
            pass  # read it again step by step below, to say exactly what is wrong
        return self._parse_slowly(raw, source)

    def _parse_slowly(self, raw: bytes, source: Path) -> Journal:
        try:
            data = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise self._damaged(source, f"byte {exc.start} is not valid UTF-8 text") from None
        except json.JSONDecodeError as exc:
            where = f"line {exc.lineno}, column {exc.colno} ({exc.msg.lower()})"
            raise self._damaged(source, where) from None
        except ValueError:  # a number too long for Python to read
            raise self._damaged(source, "a number far too long to be real") from None
        except RecursionError:
            raise self._damaged(source, "values nested far too deeply") from None
        if not isinstance(data, dict):
            raise self._damaged(source, "the top level is not a JSON object")
        version = data.get("schema_version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise self._damaged(source, "schema_version is missing or not a positive number")
        if version > SCHEMA_VERSION:
            raise JournalTooNew(
                f"{source} was written by a newer mumcoach (journal version {version}; this one "
                f"reads up to {SCHEMA_VERSION}). Nothing was changed — please update mumcoach."
            )
        try:
            data = migrations.migrate(data, SCHEMA_VERSION)
            return Journal.model_validate(data)
        except LookupError as exc:
            raise self._damaged(source, str(exc)) from None
        except ValidationError as exc:
            raise self._damaged(source, describe_validation_error(exc)) from None
        except RecursionError:
            raise self._damaged(source, "values nested far too deeply") from None

    def _damaged(self, source: Path, where: str) -> JournalDamaged:
        if source != self.path:  # another file (a backup, an import): no advice about ours
            return JournalDamaged(f"{source} is damaged at {where}. Nothing was changed.")
        backup = self.latest_backup()
        restore = (
            f"Restore it from the newest backup: {backup}"
            if backup
            else "There is no backup yet; please keep this file and ask for help."
        )
        return JournalDamaged(f"{source} is damaged at {where}. Nothing was changed. {restore}")

    # -- writing ---------------------------------------------------------------------------

    def update(self, change: Callable[[Journal], T], *, deletion: bool = False) -> T:
        """Reload under the lock, apply `change`, stamp the records it changed, save. Never
        call this while asking the user.

        A change that leaves fewer records than it found is refused unless `deletion` says the
        person asked to delete something.
        """
        ensure_private_dir(self.home)
        with self._locked(), _storage_errors("save your journal"):
            self._remove_stale_temp_files()
            journal, before = self._load_for_update()
            marks = stamps.fingerprints(journal)
            result = change(journal)
            after = record_counts(journal)
            if not deletion:
                lost = [k for k, n in before.items() if after.get(k, 0) < n]
                if lost:
                    raise RefusedToDropRecords(
                        "mumcoach stopped a save that would have lost records "
                        f"({', '.join(sorted(lost))}). Nothing was changed. This is a bug — "
                        "please report it."
                    )
            stamps.stamp_changes(journal, marks, self._now())
            self._save(serialise(journal))
            return result

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        from mumcoach.locking import acquire

        try:
            release = acquire(self.lock_path, self.lock_timeout, FILE_MODE)
        except TimeoutError:
            raise JournalBusy(
                f"Another mumcoach is still saving (lock file {self.lock_path}). Nothing was "
                "saved; please try again in a moment."
            ) from None
        except OSError as exc:
            raise StorageFailed(
                f"Could not use the lock file {self.lock_path}: {exc.strerror or exc}. "
                "Nothing was saved."
            ) from None
        try:
            yield
        finally:
            with contextlib.suppress(OSError):  # the descriptor (and so the lock) goes anyway
                release()

    def _save(self, payload: bytes) -> None:
        if self.path.exists() and not self._is_newest_backup(self.path.read_bytes()):
            # Changed since mumcoach last saved it (a hand-edit, an older version, a migration
            # about to happen): keep it exactly as it was.
            self._keep(self.path)
        try:
            durable.atomic_write(self.path, payload)
        except NotSynced as exc:
            self.warnings.append(exc.message)
        self.saved = True
        # The newest backup is always the journal as last saved, so a damaged journal can be
        # restored without losing the latest check-in. A copy, not a link: an editor that
        # rewrites the journal in place must not change its backup too.
        try:
            self._keep(payload)
        except (OSError, StorageFailed) as exc:
            cause = exc if isinstance(exc, OSError) else exc.__cause__
            reason = cause.strerror if isinstance(cause, OSError) else "it could not be written"
            self.warnings.append(
                f"Saved. The backup copy in {self.backup_dir} could not be written ({reason}); "
                "`mumcoach doctor` can check it."
            )

    # -- backups ---------------------------------------------------------------------------

    def backups(self) -> list[Path]:
        """Backups, newest first."""
        if not self.backup_dir.is_dir():
            return []
        return sorted(self.backup_dir.glob("journal-*.json"), reverse=True)

    def latest_backup(self) -> Path | None:
        found = self.backups()
        return found[0] if found else None

    def _is_newest_backup(self, raw: bytes) -> bool:
        newest = self.latest_backup()
        return newest is not None and newest.read_bytes() == raw

    def _keep(self, source: Path | bytes) -> None:
        """Add a backup (the file at `source`, or these bytes), then prune old ones."""
        ensure_private_dir(self.backup_dir)
        target = self._backup_path()
        if isinstance(source, Path):
            try:
                # The journal is replaced (new inode) on save, so a hard link keeps these bytes.
                os.link(source, target)
            except OSError:
                durable.atomic_write(target, source.read_bytes())
        else:
            durable.atomic_write(target, source)
        for old in backups_to_prune(self.backups()):
            old.unlink(missing_ok=True)

    def _backup_path(self) -> Path:
        """A new backup name that sorts after every existing one, even with a frozen clock
        or a clock set back."""
        moment = self._now()
        newest = self.latest_backup()
        last = backup_time(newest) if newest is not None else None
        if last is not None and moment <= last:
            moment = last + timedelta(microseconds=1)
        return self.backup_dir / f"journal-{moment:%Y%m%d-%H%M%S-%f}.json"

    def rewrite_backups(self, scrub: Callable[[Journal], bool]) -> tuple[int, int]:
        """Apply `scrub` to every backup; rewrite those it changed, remove unreadable ones.

        Returns (rewritten, removed). Used when the person asks to forget someone.
        """
        rewritten = removed = 0
        with self._locked():
            for backup in self.backups():
                try:
                    journal = self.parse(backup.read_bytes(), backup)
                except (JournalDamaged, JournalTooNew, OSError):
                    backup.unlink(missing_ok=True)
                    removed += 1
                    continue
                if scrub(journal):
                    durable.atomic_write(backup, serialise(journal))
                    rewritten += 1
        return rewritten, removed

    # -- housekeeping ----------------------------------------------------------------------

    def _remove_stale_temp_files(self) -> None:
        """Temp files left by a killed run; safe to remove because we hold the lock."""
        for folder in (self.home, self.backup_dir):
            if folder.is_dir():
                for stale in folder.glob(f".*{TEMP_SUFFIX}"):
                    stale.unlink(missing_ok=True)


def _current(journal: Journal) -> bool:
    """Whether a journal read straight from bytes was written at this version (and says so)."""
    return "schema_version" in journal.model_fields_set and journal.schema_version == SCHEMA_VERSION


@contextlib.contextmanager
def _storage_errors(doing: str) -> Iterator[None]:
    """Any file-system failure not met yet becomes the storage exit code and one line."""
    try:
        yield
    except OSError as exc:
        raise StorageFailed(
            f"Could not {doing}: {exc.strerror or exc}. Nothing was changed; your journal is "
            "as it was."
        ) from exc


def serialise(journal: Journal) -> bytes:
    """The journal as indented UTF-8 JSON, unknown fields included (pydantic's fast encoder,
    as `model_dump_json` but straight to bytes)."""
    return journal.__pydantic_serializer__.to_json(journal, indent=1) + b"\n"


def backup_time(backup: Path) -> datetime | None:
    """When a backup was made, from its name (journal-YYYYMMDD-HHMMSS-ffffff.json)."""
    try:
        return datetime.strptime(backup.name[len("journal-") :][:22], "%Y%m%d-%H%M%S-%f")
    except ValueError:
        return None


def backups_to_prune(newest_first: list[Path]) -> list[Path]:
    """Keep the last KEEP_RECENT_BACKUPS saves and the newest save of each of the last
    KEEP_DAILY_BACKUPS days, so a burst of bad saves cannot push out every good copy."""
    keep: set[Path] = set(newest_first[:KEEP_RECENT_BACKUPS])
    days: list[str] = []
    for backup in newest_first:
        day = backup.name.split("-")[1]  # journal-YYYYMMDD-...
        if day not in days:
            days.append(day)
            if len(days) <= KEEP_DAILY_BACKUPS:
                keep.add(backup)
    return [b for b in newest_first if b not in keep]
