"""One exclusive lock on a file between processes: fcntl where there is one, else filelock."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

POLL_SECONDS = 0.05


def acquire(path: Path, timeout: float, mode: int) -> Callable[[], None]:
    """Take an exclusive lock on `path` (created with `mode` if missing); returns `release`.

    Raises TimeoutError if another process holds it for `timeout` seconds, OSError if the
    file cannot be used. POSIX locks are flock(2), as filelock's are, so both see each other;
    a lock goes with its process, so a killed run never leaves it held. (Importing filelock
    costs more than a whole save of a small journal, so it is only the fallback.)
    """
    if fcntl is None:
        return _acquire_with_filelock(path, timeout, mode)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, mode)
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise TimeoutError(str(path)) from None
                time.sleep(POLL_SECONDS)
    except BaseException:
        os.close(fd)
        raise

    def release() -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)

    return release


def _acquire_with_filelock(path: Path, timeout: float, mode: int) -> Callable[[], None]:
    from filelock import FileLock, Timeout

    lock = FileLock(str(path), timeout=timeout, mode=mode)
    try:
        lock.acquire()
    except Timeout:
        raise TimeoutError(str(path)) from None

    def release() -> None:
        with contextlib.suppress(OSError):
            lock.release()

    return release
