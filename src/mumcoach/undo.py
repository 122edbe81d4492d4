"""Undo the last save from the backups: what it would take back, and doing it safely."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mumcoach.coach.history import Changes, changes_between
from mumcoach.errors import MumcoachError
from mumcoach.models import Journal
from mumcoach.stamps import own_content, stamped_records
from mumcoach.store import Store


class CannotUndo(MumcoachError):
    """Nothing can be undone now (a kind one-line reason; exit 2)."""

    exit_code = 2


@dataclass(frozen=True)
class UndoPlan:
    """Going back from the journal as last saved (`current`) to the backup before it."""

    current: Path  # the newest backup: the journal as it is now
    previous: Path  # the backup the journal goes back to
    journal: Journal  # as it will be
    changes: Changes  # what the last save did, which undo takes back


def plan_undo(store: Store) -> UndoPlan:
    """What undoing the last save would take back; CannotUndo when it must not or cannot."""
    if not store.exists():
        raise CannotUndo("There is nothing to undo yet: your journal hasn't been saved.")
    backups = store.backups()
    now_raw = store.path.read_bytes()
    if not backups or backups[0].read_bytes() != now_raw:
        raise CannotUndo(
            f"{store.path.name} changed outside mumcoach since its last save, so undo would "
            "lose that change. Nothing was changed."
        )
    if len(backups) < 2:
        raise CannotUndo("There is nothing to undo: there is no backup from before the last save.")
    current = store.parse(now_raw, store.path)
    previous = store.parse(backups[1].read_bytes(), backups[1])
    changes = changes_between(previous, current)
    if changes.forgot or _brings_back_forgotten(previous, current):
        raise CannotUndo(
            "The last save forgot someone, and the forgotten stay forgotten: it can't be "
            "undone. Nothing was changed."
        )
    if changes.empty:
        raise CannotUndo("The last save changed nothing that undo could take back.")
    return UndoPlan(current=backups[0], previous=backups[1], journal=previous, changes=changes)


def apply_undo(store: Store, plan: UndoPlan) -> None:
    """Put the earlier journal back; the backup of the save it undoes is removed.

    The journal must still be as planned (another run may have saved since). Records that undo
    changes back are stamped as changed now, so another device learns of the undo on import.
    """

    def restore(journal: Journal) -> None:
        if store.backups()[:1] != [plan.current]:
            raise CannotUndo("Your journal changed while undo was waiting. Nothing was changed.")
        now = dict(stamped_records(journal))
        for key, record in stamped_records(plan.journal):
            if key in now and own_content(now[key]) != own_content(record):
                record.updated_at = None  # restamped on save: undoing is a change too
        for name in Journal.model_fields:
            setattr(journal, name, getattr(plan.journal, name))
        extra = journal.model_extra
        if extra is not None:
            extra.clear()
            extra.update(plan.journal.model_extra or {})

    store.update(restore, deletion=True)
    # The newest backup is now the journal as restored; the undone save and the copy it was
    # restored from go, so the next undo steps back one more save.
    for done in (plan.current, plan.previous):
        done.unlink(missing_ok=True)


def _brings_back_forgotten(previous: Journal, current: Journal) -> bool:
    from mumcoach.coach.forget import forgotten_mark

    marks = set(current.forgotten)
    return any(
        forgotten_mark(getattr(record, "id", "")) in marks
        or forgotten_mark(getattr(record, "person_id", "") or "") in marks
        for _, record in stamped_records(previous)
    )
