"""Where the journal lives: --home, else $MUMCOACH_HOME, else the platform's user data folder."""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path

from mumcoach.errors import StorageFailed

HOME_ENV = "MUMCOACH_HOME"
JOURNAL_NAME = "journal.json"
DIR_MODE = 0o700
FILE_MODE = 0o600


def data_home(override: Path | None = None, env: Mapping[str, str] = os.environ) -> Path:
    """The folder that holds the journal, its lock and its backups (not created here)."""
    if override is not None:
        return override.expanduser()
    if env.get(HOME_ENV):
        return Path(env[HOME_ENV]).expanduser()
    from platformdirs import user_data_path

    return user_data_path("mumcoach", appauthor=False)


def ensure_private_dir(folder: Path) -> Path:
    """Create `folder` (and parents) readable only by its owner; tighten it if it is looser."""
    try:
        folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        tighten(folder, DIR_MODE)
    except OSError as exc:
        raise StorageFailed(f"Could not create the data folder {folder}: {exc.strerror}.") from exc
    return folder


def tighten(path: Path, mode: int) -> bool:
    """Remove group and other permissions from `path` if it has any (POSIX only).

    True when it changed something. Never raises: a file that cannot be tightened (a read-only
    disk, someone else's file) must not stop her reading her journal; `doctor` reports it."""
    if os.name != "posix":
        return False
    try:
        current = stat.S_IMODE(path.stat().st_mode)
        if current & 0o077:
            path.chmod(mode)
            return True
    except OSError:
        pass
    return False


def tighten_tree(home: Path) -> list[Path]:
    """Make the data folder, and every file and folder in it (backups, drafts), owner-only.

    Returns what it changed. Called on every run that touches the journal."""
    changed: list[Path] = []
    if os.name != "posix":
        return changed
    pending = [home]
    while pending:
        folder = pending.pop()
        if tighten(folder, DIR_MODE):
            changed.append(folder)
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
                if not is_dir and not entry.is_file(follow_symlinks=False):
                    continue
                private = not entry.stat(follow_symlinks=False).st_mode & 0o077
            except OSError:
                continue
            if is_dir and folder == home:
                pending.append(Path(entry.path))
            elif not is_dir and not private and tighten(Path(entry.path), FILE_MODE):
                changed.append(Path(entry.path))
    return changed


def drafts_dir(home: Path) -> Path:
    """Where unfinished answers are kept (`mumcoach.drafts`); `erase` removes it with the rest."""
    return home / "drafts"


def is_private(path: Path) -> bool:
    """True when nobody but the owner can read or write `path`."""
    if os.name != "posix":
        return True
    return not stat.S_IMODE(path.stat().st_mode) & 0o077
