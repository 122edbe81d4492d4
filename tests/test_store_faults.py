"""Fault injection: kill -9 mid-save, two writers at once, damaged files, a failing disk.

Run with `-s` to see the numbers (kills, records, corruptions) in one summary line at the end.
"""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sampling import EXHAUSTIVE, sample, where
from typer.testing import CliRunner

from mumcoach import durable, store
from mumcoach.cli import app
from mumcoach.errors import (
    JOURNAL_DAMAGED,
    JOURNAL_TOO_NEW,
    JournalDamaged,
    JournalTooNew,
    MumcoachError,
    StorageFailed,
)
from mumcoach.models import SCHEMA_VERSION, Journal, Person
from mumcoach.paths import JOURNAL_NAME
from mumcoach.store import Store

FIXTURE = Path(__file__).parent / "fixtures" / "journal_v1.json"
SAVER = Path(__file__).parent / "helpers" / "saver.py"
SECRET = "ZEBRA-7731-Niamh-told-me"
posix_only = pytest.mark.skipif(os.name != "posix", reason="needs fork, SIGKILL and POSIX locks")

SUMMARY: dict[str, Any] = {}


@pytest.fixture(scope="module", autouse=True)
def fault_summary() -> Iterator[dict[str, Any]]:
    """Print one line of measured numbers when the module finishes (visible with -s)."""
    started = time.monotonic()
    yield SUMMARY
    SUMMARY["runtime_s"] = round(time.monotonic() - started, 1)
    print("\n[mumcoach fault summary] " + ", ".join(f"{k}={v}" for k, v in SUMMARY.items()))


def add_person(name: str) -> Callable[[Journal], None]:
    def change(journal: Journal) -> None:
        journal.people.append(Person(name=name, created=date(2026, 11, 21)))

    return change


def people_named(prefix: str, journal: Journal) -> list[str]:
    return [p.name for p in journal.people if p.name.startswith(prefix)]


def temp_files(home: Path) -> list[Path]:
    return sorted(home.glob(f".*{durable.TEMP_SUFFIX}")) + sorted(
        (home / store.BACKUP_DIR).glob(f".*{durable.TEMP_SUFFIX}")
    )


# -- kill -9 at random points during saves --------------------------------------------------------

KILL_TARGET = 300
KILL_MIN = 200
KILL_BUDGET_S = 40.0


def _save_forever(home: Path, ack_fd: int) -> None:
    """Child: append "k-00000", "k-00001", ... one per save; tell the parent after each save.

    Each fsync also waits 2 ms, like a slow disk, so that on any filesystem (even tmpfs, where
    fsync is free) a good share of the kills lands between writing the temp file and renaming it.
    """
    real_fsync = os.fsync

    def slow_fsync(fd: Any) -> None:
        real_fsync(fd)
        time.sleep(0.002)

    os.fsync = slow_fsync
    st = Store(home)

    def append_next(journal: Journal) -> None:
        n = len(people_named("k-", journal))
        journal.people.append(Person(name=f"k-{n:05d}", created=date(2026, 11, 21)))

    while True:
        st.update(append_next)
        os.write(ack_fd, b".")


@pytest.mark.slow
@posix_only
def _start_saver(home: Path) -> tuple[int, int]:
    """Fork a child that saves forever; return its pid and the pipe it acknowledges saves on."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child never returns into pytest
        try:
            os.close(read_fd)
            _save_forever(home, write_fd)
        finally:
            os._exit(1)
    os.close(write_fd)
    return pid, read_fd


def _kill_window(home: Path) -> float:
    """How long to wait before a kill: long enough to reach the middle of the first saves.

    A forked child's first save takes a few milliseconds on a quiet machine and over 100 ms on a
    busy one; a fixed window would then kill every child before it writes anything, and the test
    would prove nothing. So time one child's first save on this machine, now.
    """
    started = time.monotonic()
    pid, read_fd = _start_saver(home)
    os.read(read_fd, 1)
    first_save = time.monotonic() - started
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(read_fd)
    return max(0.045, 2.5 * first_save)


def test_kill_9_mid_save_leaves_exactly_the_old_or_the_new_journal(tmp_path: Path) -> None:
    home = tmp_path / "killed"
    home.mkdir(mode=0o700)
    shutil.copyfile(FIXTURE, home / JOURNAL_NAME)
    st = Store(home)
    rng = random.Random(20261121)
    kills = acked_saves = died_after_rename = left_temp_files = 0
    started = time.monotonic()

    window = _kill_window(home)
    # At least KILL_MIN kills however busy the machine is; up to KILL_TARGET within the budget.
    while kills < KILL_MIN or (kills < KILL_TARGET and time.monotonic() - started < KILL_BUDGET_S):
        before = len(people_named("k-", st.load()))
        pid, read_fd = _start_saver(home)
        time.sleep(rng.uniform(0.0, window))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        with os.fdopen(read_fd, "rb") as acks_pipe:
            acks = len(acks_pipe.read())
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (
            f"the saving child stopped by itself (status {status}) before kill {kills + 1}"
        )
        kills += 1
        acked_saves += acks
        if temp_files(home):
            left_temp_files += 1

        # The journal parses, has no gap, and is the last acknowledged save or the one after it.
        journal = st.load()
        names = people_named("k-", journal)
        assert names == [f"k-{i:05d}" for i in range(len(names))], f"gap after kill {kills}"
        assert before + acks <= len(names) <= before + acks + 1, (
            f"kill {kills}: {before} records before, {acks} saves acknowledged, "
            f"{len(names)} on disk"
        )
        died_after_rename += len(names) == before + acks + 1
        assert journal.checkins[0].model_extra == {"weather": "rain"}
        newest = st.latest_backup()
        if newest is not None:
            backed_up = people_named("k-", st.parse(newest.read_bytes(), newest))
            assert len(backed_up) in (len(names) - 1, len(names))

    SUMMARY["kills"] = kills
    SUMMARY["saves_completed_between_kills"] = acked_saves
    SUMMARY["kills_leaving_a_temp_file"] = left_temp_files
    SUMMARY["kills_after_rename_before_ack"] = died_after_rename
    # The kills really did land in the middle of saves, not only between them.
    assert left_temp_files > 0, "no kill landed mid-write; the test proves nothing"
    assert acked_saves > 0

    # Every backup is a whole journal, and the next save cleans up what the kills left behind.
    for backup in st.backups():
        st.parse(backup.read_bytes(), backup)
    final = len(people_named("k-", st.load()))
    st.update(lambda journal: None)
    assert temp_files(home) == []
    assert len(people_named("k-", st.load())) == final


# -- two writers at once --------------------------------------------------------------------------


@pytest.mark.slow
@posix_only
def test_two_processes_saving_at_once_lose_nothing(tmp_path: Path) -> None:
    home = tmp_path / "shared"
    go = tmp_path / "go"
    per_process = 200
    savers = [
        subprocess.Popen(
            [sys.executable, str(SAVER), str(home), tag, str(per_process), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("alpha", "beta")
    ]
    time.sleep(0.5)  # both have imported mumcoach and are waiting
    go.touch()
    outputs = [saver.communicate(timeout=120) for saver in savers]
    for saver, (out, err) in zip(savers, outputs, strict=True):
        assert saver.returncode == 0, err
        assert out.strip() == f"done {per_process}"

    names = [p.name for p in Store(home).load().people]
    expected = {f"{tag}-{i:03d}" for tag in ("alpha", "beta") for i in range(per_process)}
    lost = expected - set(names)
    # Each writer's own records stay in its order; the two interleave.
    alpha = [n for n in names if n.startswith("alpha")]
    switches = sum(a[:4] != b[:4] for a, b in zip(names, names[1:], strict=False))
    SUMMARY["concurrent_records_written"] = len(names)
    SUMMARY["concurrent_records_lost"] = len(lost)
    SUMMARY["concurrent_writer_switches"] = switches
    assert lost == set()
    assert len(names) == len(set(names)) == 2 * per_process
    assert alpha == sorted(alpha)
    assert switches >= 2, "the two writers never interleaved; the test proves nothing"


# -- damaged and too-new journals ------------------------------------------------------------------


def _base_journal_bytes() -> bytes:
    """The fixture with a secret planted where damage will be, saved the way the store saves."""
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    data["people"][0]["notes"][0]["text"] = f"{SECRET} — café ☕ (private)"
    data["people"][0]["name"] = SECRET
    data["checkins"][0]["what"] = SECRET
    data["ladder"]["ratings"][f"custom-{SECRET}"] = 3
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


@pytest.fixture
def saved_store(private_home: Path) -> Store:
    """A store with a good journal and three backups (as found, then each save), so damage
    messages can name one."""
    private_home.mkdir(mode=0o700)
    (private_home / JOURNAL_NAME).write_bytes(_base_journal_bytes())
    st = Store(private_home)
    for name in ("Grace", "Hannah"):
        st.update(add_person(name))
    assert len(st.backups()) == 3
    return st


def _swap(old: bytes, new: bytes) -> bytes:
    base = _base_journal_bytes()
    assert base.count(old) == 1, old
    return base.replace(old, new)


def _edit(change: Callable[[dict[str, Any]], Any]) -> bytes:
    data = json.loads(_base_journal_bytes())
    result = change(data)
    return json.dumps(data if result is None else result, ensure_ascii=False, indent=1).encode()


# (case name, damaged bytes, the location the message must name)
DAMAGE: list[tuple[str, bytes, str]] = [
    ("empty file", b"", "line 1, column 1"),
    ("zeros after a crash", b"\0" * 4096, "line 1, column 1"),
    ("trailing comma", _swap(b" ]\n}\n", b" ],\n}\n"), "line"),
    ("single quotes", b"{'schema_version': 1}", "line 1, column 2"),
    ("invalid utf-8", _swap("café".encode(), b"caf\xe9"), "byte"),
    ("binary garbage", bytes(range(256)) * 4, "byte"),
    ("two documents", _base_journal_bytes() + b'{"schema_version": 1}', "line"),
    ("top level is a list", b"[1, 2, 3]", "the top level is not a JSON object"),
    ("top level is a string", json.dumps(SECRET).encode(), "the top level is not a JSON object"),
    ("top level is null", b"null", "the top level is not a JSON object"),
    ("missing schema_version", _edit(lambda d: d.pop("schema_version") and None), "schema_version"),
    ("schema_version a string", _edit(lambda d: d.update(schema_version="1")), "schema_version"),
    ("schema_version true", _edit(lambda d: d.update(schema_version=True)), "schema_version"),
    ("schema_version zero", _edit(lambda d: d.update(schema_version=0)), "schema_version"),
    (
        "mood high",
        _edit(lambda d: d["checkins"][1].update(mood=f"high {SECRET}")),
        "checkins[1].mood",
    ),
    ("mood out of range", _edit(lambda d: d["checkins"][0].update(mood=9)), "checkins[0].mood"),
    ("string where a list is", _edit(lambda d: d.update(people=SECRET)), "people"),
    (
        "object where a list is",
        _edit(lambda d: d["checkins"][0].update(interactions={SECRET: 1})),
        "checkins[0].interactions",
    ),
    ("list where an object is", _edit(lambda d: d.update(profile=[SECRET])), "profile"),
    ("bad answer", _edit(lambda d: d["checkins"][0].update(tried=SECRET)), "checkins[0].tried"),
    ("bad date", _edit(lambda d: d["people"][1].update(created=SECRET)), "people[1].created"),
    (
        "missing required field",
        _edit(lambda d: d["people"][1].pop("name") and None),
        "people[1].name",
    ),
    ("number where text is", _edit(lambda d: d["places"][0].update(name=7)), "places[0].name"),
    (
        "short loneliness answers",
        _edit(lambda d: d["loneliness"][0].update(answers=[1, 2])),
        "loneliness[0].answers",
    ),
    (
        "rating under a private key",
        _edit(lambda d: d["ladder"]["ratings"].update({f"custom-{SECRET}": 11})),
        "ladder.ratings[...] (input should be less than or equal to 10)",
    ),
]
TOO_NEW: list[tuple[str, bytes]] = [
    ("next version", _edit(lambda d: d.update(schema_version=SCHEMA_VERSION + 1))),
    ("far future", _edit(lambda d: d.update(schema_version=999, people=SECRET))),
]


def _check_message(st: Store, exc: MumcoachError, where: str) -> None:
    message = exc.message
    assert "\n" not in message, message
    assert str(st.path) in message
    assert where in message, message
    assert SECRET not in message and "ZEBRA" not in message and "café" not in message, message
    backup = st.latest_backup()
    assert backup is not None and f"newest backup: {backup}" in message, message
    assert "Nothing was changed" in message


def _attempt(st: Store, damaged: bytes) -> list[MumcoachError]:
    """Load and then try to save over a damaged file; both must raise and change nothing."""
    st.path.write_bytes(damaged)
    backups = st.backups()
    raised: list[MumcoachError] = []
    for attempt in (st.load, lambda: st.update(lambda j: j.people.clear(), deletion=True)):
        try:
            attempt()
        except (JournalDamaged, JournalTooNew) as exc:
            raised.append(exc)
        else:
            pytest.fail("a damaged journal was accepted")
        assert st.path.read_bytes() == damaged, "the damaged file was changed"
        assert st.backups() == backups, "a damaged file was rotated into the backups"
    return raised


@pytest.mark.parametrize(("case", "damaged", "where"), DAMAGE, ids=[d[0] for d in DAMAGE])
def test_damaged_journal_is_refused_with_one_safe_line(
    saved_store: Store, case: str, damaged: bytes, where: str
) -> None:
    for exc in _attempt(saved_store, damaged):
        assert isinstance(exc, JournalDamaged)
        assert f"{saved_store.path} is damaged at " in exc.message
        _check_message(saved_store, exc, where)
    SUMMARY["shaped_corruptions_unchanged"] = SUMMARY.get("shaped_corruptions_unchanged", 0) + 1


@pytest.mark.parametrize(("case", "damaged"), TOO_NEW, ids=[t[0] for t in TOO_NEW])
def test_journal_from_a_newer_mumcoach_is_left_alone(
    saved_store: Store, case: str, damaged: bytes
) -> None:
    for exc in _attempt(saved_store, damaged):
        assert isinstance(exc, JournalTooNew)
        message = exc.message
        assert "\n" not in message and str(saved_store.path) in message
        assert "newer mumcoach" in message and "Nothing was changed" in message
        assert SECRET not in message
    SUMMARY["shaped_corruptions_unchanged"] = SUMMARY.get("shaped_corruptions_unchanged", 0) + 1


def _where_truncated(damaged: bytes) -> str:
    """A cut inside a multi-byte character is reported by byte, any other cut by line."""
    try:
        damaged.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"at byte {exc.start} is not valid UTF-8"
    return "at line "


def truncation_points(whole: bytes) -> list[int]:
    """Where to cut: every line boundary (each record's structure), inside every multi-byte
    character, the ends; plus random offsets. Every offset with MUMCOACH_EXHAUSTIVE=1."""
    cuts = range(len(whole) - 1)  # cutting only the final newline leaves valid JSON
    lines = {i + d for i, b in enumerate(whole) if b == ord("\n") for d in (-1, 0, 1)}
    inside = {i for i, b in enumerate(whole) if 0x80 <= b < 0xC0}  # continuation bytes
    return sample(cuts, keep=lines | inside | {0, 1, len(whole) - 2}, extra=60)


def test_truncation_at_every_boundary_and_sampled_offsets_is_refused_and_changes_nothing(
    saved_store: Store,
) -> None:
    whole = saved_store.path.read_bytes()
    assert "☕".encode() in whole  # a multi-byte character, so some cuts split one
    cuts = truncation_points(whole)
    assert EXHAUSTIVE or len(cuts) < len(whole) / 3, "the sample should be a sample"
    refused = unchanged = 0
    for cut in cuts:
        damaged = whole[:cut]
        for exc in _attempt(saved_store, damaged):
            assert isinstance(exc, JournalDamaged), where(cut)
            _check_message(saved_store, exc, _where_truncated(damaged))
            refused += 1
        unchanged += saved_store.path.read_bytes() == damaged
    SUMMARY["truncations_tried"] = len(cuts)
    SUMMARY["truncations_left_unchanged"] = unchanged
    assert refused == 2 * len(cuts) and unchanged == len(cuts)


def test_damage_message_says_so_when_there_is_no_backup_yet(private_home: Path) -> None:
    private_home.mkdir(mode=0o700)
    st = Store(private_home)
    st.path.write_bytes(b'{"schema_version": 1, "people": [{"name": "' + SECRET.encode())
    with pytest.raises(JournalDamaged) as caught:
        st.load()
    assert "There is no backup yet" in caught.value.message
    assert SECRET not in caught.value.message and "\n" not in caught.value.message


@pytest.mark.parametrize(
    ("damaged", "code"),
    [
        (b'{"schema_version": 1, "people": [', JOURNAL_DAMAGED),
        (_edit(lambda d: d["checkins"][0].update(mood="high")), JOURNAL_DAMAGED),
        (_edit(lambda d: d.update(schema_version=SCHEMA_VERSION + 1)), JOURNAL_TOO_NEW),
    ],
    ids=["truncated", "wrong type", "too new"],
)
def test_doctor_reports_a_damaged_journal_by_exit_code_without_a_traceback(
    saved_store: Store, damaged: bytes, code: int
) -> None:
    saved_store.path.write_bytes(damaged)
    result = CliRunner().invoke(app, ["--home", str(saved_store.home), "doctor"])
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit) and result.exception.code == code
    assert "PROBLEM" in result.output and SECRET not in result.output
    assert saved_store.path.read_bytes() == damaged


@posix_only
def test_doctor_in_a_real_process_exits_3_on_damage(saved_store: Store) -> None:
    saved_store.path.write_bytes(b'{"schema_version": 1, "peo')
    env = {**os.environ, "MUMCOACH_HOME": str(saved_store.home)}
    done = subprocess.run(
        [sys.executable, "-m", "mumcoach", "doctor"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == JOURNAL_DAMAGED, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert "damaged" in done.stdout


# -- a failing disk -------------------------------------------------------------------------------


def test_failing_replace_leaves_the_journal_unchanged_and_no_temp_file(
    saved_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = saved_store.path.read_bytes()

    def broken_replace(src: Any, dst: Any) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(StorageFailed) as caught:
        saved_store.update(add_person("Ivy"))
    monkeypatch.undo()
    assert saved_store.path.read_bytes() == before
    assert temp_files(saved_store.home) == []
    assert "Nothing was changed" in caught.value.message and "\n" not in caught.value.message
    assert "Ivy" not in [p.name for p in saved_store.load().people]


@pytest.mark.parametrize("partial", [False, True], ids=["nothing written", "half written"])
def test_full_disk_leaves_the_journal_unchanged_and_no_temp_file(
    saved_store: Store, monkeypatch: pytest.MonkeyPatch, partial: bool
) -> None:
    before = saved_store.path.read_bytes()
    real_write = os.write
    calls: list[int] = []

    def full_disk(fd: int, data: Any) -> int:
        calls.append(len(data))
        if partial and len(calls) == 1:
            return real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(os, "write", full_disk)
        with pytest.raises(StorageFailed) as caught:
            saved_store.update(add_person("Ivy"))
    assert calls, "the save never reached os.write"
    assert saved_store.path.read_bytes() == before
    assert temp_files(saved_store.home) == []
    assert "No space left on device" in caught.value.message
    assert "\n" not in caught.value.message
    # And once there is room again, the same save goes through.
    saved_store.update(add_person("Ivy"))
    assert saved_store.load().people[-1].name == "Ivy"
