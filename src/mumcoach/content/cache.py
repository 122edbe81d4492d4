"""The checked content kept between runs, in the user's cache folder, while its files are unchanged.

Reading and checking the nine content files costs ~35 ms a run; the checked result, pickled, loads
in ~2 ms. It is used only when every file it came from, and the code that checked them, holds
exactly the bytes it held then (a hash of each, well under a millisecond), under the same Python
and pydantic. Anything else — a missing, damaged, foreign or loosely permitted cache — is ignored
and the content is read and checked afresh, so the cache can only ever make a run faster.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from mumcoach.content.catalog import Content
from mumcoach.content.files import FILES, find_prompts_dirs

CACHE_ENV = "MUMCOACH_CACHE"  # a folder for the cache, or "off"
# One file per install and content folder (content-<where>.pickle), so two installs side by
# side never take turns replacing each other's.
CACHE_GLOB = "content-*.pickle"
KINDS = ("content", "screen")  # the checked content; the safety screen (coach/safety.py)
# A cache no run has used for this long belongs to an install that is gone: removed when
# another is written. Using one marks it at most once a day (a cheap utime).
STALE_AFTER = 30 * 24 * 3600
MARK_EVERY = 24 * 3600
# The modules whose classes and checks make the content what it is.
CODE = ("catalog.py", "contract.py", "files.py", "loader.py", "safety.py", "schema.py", "cache.py")


def cached_content(env: Mapping[str, str] = os.environ) -> Content:
    """The content as `load_content(env)` gives it, from the cache when nothing has changed."""
    folder = cache_dir(env)
    key = _key(env)
    path = None if folder is None or key is None else cache_file(folder, "content", key)
    if path is not None and key is not None:
        found = read_cache(path, key)
        if isinstance(found, Content):
            return found
    from mumcoach.content.loader import load_content  # only when there is reading to do

    content = load_content(env)
    if path is None or key is None:
        return content
    write_cache(path, key, content)
    return content


def cache_dir(env: Mapping[str, str] = os.environ) -> Path | None:
    """Where the cache lives: $MUMCOACH_CACHE, else the platform's user cache folder."""
    chosen = env.get(CACHE_ENV)
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen).expanduser()
    if sys.platform == "linux" and "ANDROID_ROOT" not in env:
        # The XDG base directory rule, as platformdirs applies it on Linux, without importing
        # it (~4 ms): $XDG_CACHE_HOME when set to an absolute path, else ~/.cache.
        xdg = env.get("XDG_CACHE_HOME", "").strip()
        base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
        return base / "mumcoach"
    from platformdirs import user_cache_path

    return user_cache_path("mumcoach", appauthor=False)


def cache_file(folder: Path, kind: str, key: tuple[Any, ...]) -> Path:
    """The cache of `kind` for the files in `key`, named by where they are (not what they
    hold): `key` ends with tuples of (path, digest) pairs."""
    where = "\n".join(path for files in key[3:] for path, _ in files)
    return folder / f"{kind}-{hashlib.blake2b(where.encode(), digest_size=8).hexdigest()}.pickle"


def code_key(files: Iterable[Path]) -> tuple[Any, ...]:
    """Who made a cache: this mumcoach, Python and pydantic, and the bytes of `files`."""
    import pydantic.version

    from mumcoach import __version__

    code = tuple(_identity(path) for path in files)
    return (__version__, sys.version, pydantic.version.VERSION, code)


def _key(env: Mapping[str, str]) -> tuple[Any, ...] | None:
    """The code and the content files: None when a content file is missing (load_content
    then says which)."""
    dirs = find_prompts_dirs(env)
    files = []
    for name in FILES:
        path = next((d / name for d in dirs if (d / name).is_file()), None)
        if path is None:
            return None
        files.append(_identity(path))
    here = Path(__file__).parent
    return (*code_key(here / name for name in CODE), tuple(files))


def _identity(path: Path) -> tuple[str, bytes]:
    return (str(path), hashlib.blake2b(path.read_bytes(), digest_size=16).digest())


def read_cache(path: Path, key: tuple[Any, ...]) -> Any:
    """What `write_cache` kept at `path` under exactly this `key`; None for anything else."""
    try:
        with path.open("rb") as fh:
            info = os.fstat(fh.fileno())
            if not _private(info) or not _private(path.parent.stat()):
                return None
            found = pickle.load(fh)
    except Exception:  # missing, unreadable, damaged, or from code that no longer exists
        return None
    if not isinstance(found, tuple) or len(found) != 2 or found[0] != key:
        return None
    if time.time() - info.st_mtime > MARK_EVERY:  # still in use: not stale
        with contextlib.suppress(OSError):
            os.utime(path)
    return found[1]


def cache_files(folder: Path) -> list[Path]:
    """Every file the caches keep in `folder`, a write cut short included."""
    names = [f"{kind}-*.pickle" for kind in KINDS] + [f".{kind}-*.tmp" for kind in KINDS]
    return sorted(path for name in names for path in folder.glob(name) if path.is_file())


def _private(info: os.stat_result) -> bool:
    """Hers alone: owned by this user, writable by nobody else (POSIX)."""
    if os.name != "posix":
        return True
    return info.st_uid == os.getuid() and not stat.S_IMODE(info.st_mode) & 0o022


def write_cache(path: Path, key: tuple[Any, ...], value: object) -> None:
    """Keep `value` (never anything of hers) for `read_cache`. Best effort: a cache that
    cannot be written is simply not there next time."""
    folder = path.parent
    temp = folder / f".{path.name}.{os.getpid()}.tmp"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(folder.stat()):
            return
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump((key, value), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)
        _prune(path)
    except Exception:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)


def _prune(kept: Path) -> None:
    """Remove the caches of `kept`'s kind that no run has used for STALE_AFTER."""
    kind = kept.name.partition("-")[0]
    cutoff = time.time() - STALE_AFTER
    for old in kept.parent.glob(f"{kind}-*.pickle"):
        with contextlib.suppress(OSError):
            if old != kept and old.stat().st_mtime < cutoff:
                old.unlink()
