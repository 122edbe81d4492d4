"""Faults at every file operation of a check-in's save: her entry is saved once or kept, never lost.

Each operation the save performs (open, write, fsync, replace, link, unlink, mkdir, chmod,
close) is made to fail at each of its calls, once (a hiccup) or from then on (a disk that stays
full), with ENOSPC, EIO and EROFS. After every run: the journal loads; the check-in is in it
exactly once (exit 0, saved — maybe with a one-line warning), or kept in a draft that `--resume`
saves exactly once (exit 9), or, when not even a draft can be written, printed on the screen
(exit 8). Never a traceback, never "unexpected problem", never a word lost.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from conftest import Invoke
from sampling import sample

from mumcoach.drafts import draft_path
from mumcoach.store import Store

OPS = ("open", "write", "fsync", "replace", "link", "unlink", "mkdir", "chmod", "close")
ERRNOS = (errno.ENOSPC, errno.EIO, errno.EROFS)
WHAT = "Coffee with Siobhán — she's moving to Dubai"
ARGS = ["checkin", "--mood", "4", "--what", WHAT, "--met", "Siobhán"]


@contextmanager
def faults(fail: Callable[[str, int], int | None]) -> Iterator[Counter[str]]:
    """Wrap each os operation; `fail(op, n)` gives an errno to raise at its n-th call (or None)."""
    calls: Counter[str] = Counter()
    real = {op: getattr(os, op) for op in OPS}

    def wrap(op: str) -> Callable[..., Any]:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            calls[op] += 1
            code = fail(op, calls[op])
            if code is None:
                return real[op](*args, **kwargs)
            if op == "close":
                real[op](*args, **kwargs)  # the descriptor is gone either way
            raise OSError(code, os.strerror(code))

        return wrapped

    for op in OPS:
        setattr(os, op, wrap(op))
    try:
        yield calls
    finally:
        for op, function in real.items():
            setattr(os, op, function)


def the_entry(home: Path) -> list[Any]:
    return [c for c in Store(home).load().checkins if c.what == WHAT]


def count_calls(invoke: Invoke, home: Path) -> Counter[str]:
    with faults(lambda op, n: None) as calls:
        assert invoke(ARGS).exit_code == 0
    return calls


@pytest.mark.parametrize(
    ("persistent", "every"),
    [
        (False, False),
        pytest.param(False, True, marks=pytest.mark.slow),
        pytest.param(True, True, marks=pytest.mark.slow),
    ],
    ids=["first-calls-once", "every-call-once", "every-call-from-then-on"],
)
def test_a_fault_at_every_file_operation_loses_nothing(
    invoke: Invoke, private_home: Path, tmp_path: Path, persistent: bool, every: bool
) -> None:
    invoke(["init", "--region", "ie", "--name", "Amy"])
    invoke(["people", "add", "Siobhán"])
    # A hand-edit (kept as a backup by a link first) and loose permissions (tightened), so that
    # every kind of file operation a save can make is made.
    journal = private_home / "journal.json"
    journal.write_text(journal.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    journal.chmod(0o644)
    start = tmp_path / "start"
    shutil.copytree(private_home, start)
    calls = count_calls(invoke, private_home)
    if not every:
        calls = Counter({op: 1 for op in calls})  # the quick loop: each operation's first call
    assert all(calls[op] for op in OPS if op != "mkdir"), calls
    outcomes: Counter[int] = Counter()
    for op in OPS:
        # each operation's first and last call and two between (MUMCOACH_EXHAUSTIVE=1: all)
        nths = range(1, calls[op] + 1)
        for nth in sample(nths, keep=(0, len(nths) - 1), extra=2):
            for code in ERRNOS if every else ERRNOS[:1]:
                shutil.rmtree(private_home)
                shutil.copytree(start, private_home)

                def fail(
                    name: str, n: int, op: str = op, nth: int = nth, code: int = code
                ) -> int | None:
                    hit = n >= nth if persistent else n == nth
                    return code if name == op and hit else None

                with faults(fail):
                    result = invoke(ARGS)
                where = f"{op}#{nth} {errno.errorcode[code]}"
                outcomes[result.exit_code] += 1
                assert result.exit_code in (0, 8, 9), (where, result.output)
                assert "Traceback" not in result.output and "unexpected" not in result.output
                saved = the_entry(private_home)  # the journal always loads
                draft = draft_path(private_home, "checkin")
                if result.exit_code == 0:
                    assert len(saved) == 1, where
                    assert not draft.exists(), where
                    assert result.output.count("\n") <= 2, (where, result.output)
                elif result.exit_code == 9:
                    assert saved == [], where
                    assert result.output.count("\n") == 1, (where, result.output)
                    assert str(draft) in result.output
                    resumed = invoke(["checkin", "--resume"])
                    assert resumed.exit_code == 0, (where, resumed.output)
                    (entry,) = the_entry(private_home)
                    assert [i.name for i in entry.interactions] == ["Siobhán"]
                    assert not draft.exists()
                else:
                    assert saved == [], where
                    printed, _, line = result.output.rpartition("}\n")
                    assert json.loads(printed + "}")["given"]["what"] == WHAT, where
                    assert "printed above" in line
    print(f"\nfault runs: {sum(outcomes.values())}, by exit code: {dict(outcomes)}, calls {calls}")
    assert outcomes[0] > 0 and outcomes[8 if persistent else 9] > 0


@pytest.mark.skipif(not shutil.which("bash") or os.name != "posix", reason="needs bash ulimit")
def test_a_file_size_limit_keeps_the_entry_in_a_draft(private_home: Path) -> None:
    env = dict(os.environ, MUMCOACH_HOME=str(private_home))
    mumcoach = f"{sys.executable} -m mumcoach --no-input"
    subprocess.run(
        f"{mumcoach} init --region uk --goal '{'x' * 3000}'", shell=True, env=env, check=True
    )
    done = subprocess.run(
        ["bash", "-c", f"ulimit -f 2; {mumcoach} checkin --mood 4 --what 'café with Ann'"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 9, done.stderr
    assert "File too large" in done.stderr and "--resume" in done.stderr
    assert done.stderr.count("\n") == 1
    resumed = subprocess.run(
        f"{mumcoach} checkin --resume", shell=True, env=env, capture_output=True, timeout=60
    )
    assert resumed.returncode == 0, resumed.stderr
    assert [c.what for c in Store(private_home).load().checkins] == ["café with Ann"]


def test_a_read_only_data_folder_keeps_nothing_silently(invoke: Invoke, private_home: Path) -> None:
    invoke(["init", "--region", "uk"])

    def read_only(op: str, n: int) -> int | None:
        return errno.EROFS if op in ("open", "mkdir", "replace", "unlink", "chmod") else None

    with faults(read_only):
        result = invoke(["checkin", "--mood", "4", "--what", WHAT])
    assert result.exit_code == 8
    assert WHAT in result.output  # shown, since nothing can be written
    assert result.output.rstrip().endswith("so you can copy it.")
    assert the_entry(private_home) == []
