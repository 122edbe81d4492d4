"""Any terminal, any text: odd locales, odd bytes, escape codes and strange journals never crash."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Invoke, plain

from mumcoach.store import Store
from mumcoach.text import clean, short

MUMCOACH = [sys.executable, "-m", "mumcoach"]


def run(home: Path, *args: str | bytes, **env: str) -> subprocess.CompletedProcess[bytes]:
    full = dict(os.environ, MUMCOACH_HOME=str(home), **env)
    return subprocess.run(
        [*MUMCOACH, "--no-input", *args], capture_output=True, env=full, timeout=60
    )


# -- cleaning text where it enters ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Siobhán", "Siobhán"),
        ("caf\udce9", "caf\ufffd"),  # an undecodable byte, as Python hands it over
        ("\x1b]0;pwned\x07Ann", "Ann"),  # retitles the terminal
        ("\x1b[2J\x1b[31mRed\x1b[0m", "Red"),  # clears the screen, colours
        ("tab\there\r\nnext", "tab here next"),
        ("bell\x07", "bell"),
    ],
)
def test_names_are_cleaned_once_where_they_enter(typed: str, kept: str) -> None:
    assert clean(typed) == kept


def test_free_text_keeps_its_line_breaks_but_no_escapes() -> None:
    assert clean("one\n\x1b[1mtwo\x00", multiline=True) == "one\ntwo"


def test_echoed_values_are_cut_short() -> None:
    assert short("x" * 5000) == repr("x" * 39 + "…")


def test_escape_codes_typed_as_a_name_are_never_stored(invoke: Invoke, private_home: Path) -> None:
    result = invoke(["people", "add", "\x1b]0;pwned\x07Niamh\x1b[2J"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in Store(private_home).load().people] == ["Niamh"]


def test_escape_codes_hand_edited_into_the_journal_are_never_printed(
    invoke: Invoke, private_home: Path
) -> None:
    invoke(["people", "add", "Niamh", "--detail", "moved from Leeds"])
    path = private_home / "journal.json"
    path.write_text(path.read_text().replace("Niamh", "Nia\\u001b]0;pwned\\u0007mh"))
    for args in (["people"], ["people", "show", "Niamh"], ["review"]):
        result = invoke(args)
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.rich + result.output
        assert "pwned" not in result.rich


def test_a_lone_surrogate_in_an_answers_file_is_kept_as_a_replacement(
    invoke: Invoke, private_home: Path, tmp_path: Path
) -> None:
    answers = tmp_path / "a.json"
    answers.write_text('{"mood": 4, "what": "caf\\udce9 with Sam"}')
    result = invoke(["checkin", "--answers", str(answers)])
    assert result.exit_code == 0, result.output
    assert Store(private_home).load().checkins[0].what == "caf\ufffd with Sam"


# -- odd terminals, in a real process ------------------------------------------------------------


def test_an_undecodable_byte_in_an_argument_is_saved_not_lost(private_home: Path) -> None:
    done = run(private_home, "checkin", "--mood", "4", "--what", b"caf\xe9", LC_ALL="C.UTF-8")
    assert done.returncode == 0, done.stderr
    assert Store(private_home).load().checkins[0].what == "caf\ufffd"


ASCII = {"LC_ALL": "C", "PYTHONIOENCODING": "ascii"}


def test_an_ascii_only_terminal_never_crashes_and_saves_once(private_home: Path) -> None:
    steps = [
        ("init", "--name", "Siobhán", "--region", "ie", "--child", "Éabha:8m"),
        ("people", "add", "Siobhán", "--detail", "café on Tuesdays — lovely"),
        ("plan", "--place", "Café Ümlaut", "--setting", "groups", "--fear", "“awkward”"),
        ("checkin", "--mood", "4", "--what", "Said hello — to Siobhán", "--met", "Siobhán"),
        ("people",),
        ("people", "show", "Siobhán"),
        ("review",),
        ("support",),
        ("ladder",),
        ("doctor",),
        ("checkin", "--help"),
    ]
    for args in steps:
        done = run(private_home, *args, **ASCII)
        assert done.returncode == 0, (args, done.stderr)
        assert b"Traceback" not in done.stderr
    journal = Store(private_home).load()
    assert [p.name for p in journal.people] == ["Siobhán"]
    assert journal.profile is not None and journal.profile.name == "Siobhán"
    assert journal.checkins[0].what == "Said hello — to Siobhán"


def test_closed_stdin_counts_as_no_terminal(private_home: Path) -> None:
    full = dict(os.environ, MUMCOACH_HOME=str(private_home))
    done = subprocess.run(
        [*MUMCOACH, "checkin", "--mood", "4"],
        capture_output=True,
        env=full,
        timeout=60,
        preexec_fn=lambda: os.close(0),
    )
    assert done.returncode == 0, done.stderr
    needs = subprocess.run(
        [*MUMCOACH, "plan"],
        capture_output=True,
        env=full,
        timeout=60,
        preexec_fn=lambda: os.close(0),
    )
    assert needs.returncode == 0, needs.stderr  # everything in a plan is optional
    assert len(Store(private_home).load().checkins) == 1


# -- bad input: one line each ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["checkin", "--mood", "x"],
            "--mood must be a whole number (see `",
        ),
        (
            ["checkin", "--date", "0001-01-01", "--mood", "3"],
            "date (--date) must be a date between",
        ),
        (["review", "--end", "0001-01-01"], "end (--end) must be a date between 1900 and 2100."),
        (["checkin", "--mood", "3", "--tried", "maybe"], "--tried is about a plan"),
        (["people", "add", "Ann", "--nope"], "No such option: --nope"),
    ],
)
def test_usage_and_input_errors_are_one_line(invoke: Invoke, args: list[str], message: str) -> None:
    result = invoke(args)
    assert result.exit_code == 2
    assert message in result.output
    assert result.output.count("\n") == 1, result.output


def test_answers_files_are_type_checked_naming_the_field(invoke: Invoke, tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"mood": 3, "people": [{"name": 123}]}))
    result = invoke(["checkin", "--answers", str(answers)])
    assert (result.exit_code, result.output) == (2, "people[0].name must be text.\n")
    answers.write_text(json.dumps({"mood": 3, "x" * 5000: 1}))
    result = invoke(["checkin", "--answers", str(answers)])
    assert result.exit_code == 2 and len(result.output) < 400


def test_a_plan_answer_with_no_plan_is_refused_not_dropped(invoke: Invoke) -> None:
    result = invoke(["checkin", "--tried", "yes", "--anxiety", "4", "--mood", "3"])
    assert result.exit_code == 2
    assert result.output == (
        "--tried is about a plan, and there is no plan from 21 Nov 2026 or the days before it "
        "to test.\n"
    )


# -- strange journals: every command one line, support always shows ------------------------------


STRANGE = {
    "deep nesting": '{"schema_version": 1, "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
    "huge number": '{"schema_version": ' + "9" * 5000 + "}",
    "huge number inside": '{"schema_version": 1, "plans": [{"likelihood": ' + "9" * 5000 + "}]}",
}


@pytest.mark.parametrize("kind", sorted(STRANGE))
def test_a_strange_journal_gives_one_line_and_support_still_shows(
    invoke: Invoke, private_home: Path, kind: str
) -> None:
    invoke(["init", "--region", "uk"])
    (private_home / "journal.json").write_text(STRANGE[kind])
    for args in (["checkin", "--mood", "3"], ["people"], ["review"], ["doctor"]):
        result = invoke(args)
        assert result.exit_code == 3, (args, result.output)
        assert result.output.count("\n") <= 1
    shown = invoke(["support"])
    assert shown.exit_code == 0
    assert "999" in plain(shown.rich)  # her region, from the newest readable backup


def test_support_falls_back_to_asking_then_other(invoke: Invoke, private_home: Path) -> None:
    private_home.mkdir()
    (private_home / "journal.json").write_text(STRANGE["deep nesting"])
    asked = invoke(["support"], script={"region": "ie"})
    assert asked.exit_code == 0 and "112" in plain(asked.rich)
    assert "your local emergency number" in plain(invoke(["support"]).rich)


# -- private on disk -------------------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_every_run_that_touches_the_journal_tightens_backups_too(
    invoke: Invoke, private_home: Path
) -> None:
    invoke(["people", "add", "Ann"])
    invoke(["people", "add", "Bea"])
    backups = private_home / "backups"
    backups.chmod(0o755)
    for copy in backups.iterdir():
        copy.chmod(0o644)
    private_home.chmod(0o755)
    assert invoke(["people"]).exit_code == 0  # a read-only command
    modes = {p: stat.S_IMODE(p.stat().st_mode) for p in [private_home, backups, *backups.iterdir()]}
    assert modes[private_home] == 0o700 and modes[backups] == 0o700
    assert all(m == 0o600 for p, m in modes.items() if p.is_file()), modes


def test_a_lock_file_that_cannot_be_opened_is_a_storage_failure(
    invoke: Invoke, private_home: Path
) -> None:
    invoke(["people", "add", "Ann"])
    lock = private_home / "journal.lock"
    lock.unlink()
    lock.mkdir()  # cannot be opened as a file, even by root
    result = invoke(["people", "add", "Bea"])
    assert result.exit_code == 8
    assert result.output.startswith("Could not use the lock file")
    assert result.output.count("\n") == 1
