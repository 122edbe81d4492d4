"""Durable file writes: a file is either fully old or fully new, even after a crash or power cut."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from mumcoach.errors import StorageFailed
from mumcoach.paths import FILE_MODE, tighten

TEMP_SUFFIX = ".tmp"  # a write in progress: `.<name>.<pid>.<random>.tmp` beside its file


class NotSynced(StorageFailed):
    """The file was replaced, but its folder could not be synced: saved, maybe not durably."""


def atomic_write(path: Path, payload: bytes) -> None:
    """Write `payload` to `path` so that it is either fully old or fully new, even on a crash."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}{TEMP_SUFFIX}")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        try:
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(exc, OSError):
            raise StorageFailed(
                f"Could not save {path.name}: {exc.strerror or exc}. Nothing was changed; "
                "your journal is as it was."
            ) from exc
        raise
    tighten(path, FILE_MODE)
    try:
        fsync_folder(path.parent)
    except OSError as exc:
        raise NotSynced(
            f"Saved {path.name}, but the folder could not be synced to disk "
            f"({exc.strerror or exc}); it may not survive a power cut."
        ) from exc


def fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders cannot be opened."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
