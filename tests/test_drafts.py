"""Drafts: answers kept as they come in, offered back, saved exactly once, and then gone."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from conftest import Invoke

from mumcoach import durable
from mumcoach.coach.ladder import ratings_for_placement
from mumcoach.content import load_content
from mumcoach.drafts import draft_path
from mumcoach.errors import StorageFailed
from mumcoach.store import Store

PERSON = {
    "person_name": "Sarah",
    "child": "Ava",
    "child_age": "2y",
    "where": "Hartbeeps",
    "detail": "moving to Dubai",
    "minutes": "20",
    "started_by": "me",
    "person_flags": [["swapped_numbers"]],
    "liked_them": 6,
    "they_liked_me": 5,
    "follow_up": "",
}


def checkin_script(**overrides: Any) -> dict[str, Any]:
    script: dict[str, Any] = {
        "mood": 4,
        "energy": 6,
        "met_anyone": True,
        **PERSON,
        "another_person": False,
        "proud": "I went",
    }
    script.update(overrides)
    return script


def checkins(home: Path) -> list[Any]:
    return Store(home).load().checkins


def test_ctrl_c_keeps_every_answer_in_a_private_draft_and_the_next_run_carries_on(
    invoke: Invoke, private_home: Path
) -> None:
    invoke(["init", "--region", "uk"])
    stopped = invoke(["checkin"], script=checkin_script(detail=KeyboardInterrupt()))
    assert stopped.exit_code == 130
    draft = draft_path(private_home, "checkin")
    kept = json.loads(draft.read_text())
    assert [k for k, _ in kept["answers"]] == [
        "mood",
        "energy",
        "met_anyone",
        "person_name",
        "child",
        "child_age",
        "where",
    ]
    if os.name == "posix":
        assert stat.S_IMODE(draft.stat().st_mode) == 0o600
        assert stat.S_IMODE(draft.parent.stat().st_mode) == 0o700
    assert checkins(private_home) == []

    # The next run offers it back; only the questions after it are asked.
    rest = {k: v for k, v in checkin_script().items() if k not in dict(kept["answers"])}
    resumed = invoke(["checkin"], script={"draft": "resume", **rest})
    assert resumed.exit_code == 0, resumed.output
    assert resumed.prompter.asked[0] == "draft"
    assert resumed.prompter.messages[0] == "You have an unfinished check-in from 20:30."
    assert "Carrying on with the 7 answers you'd given." in resumed.rich
    assert "mood" not in resumed.prompter.asked and "child" not in resumed.prompter.asked
    (saved,) = checkins(private_home)
    (met,) = saved.interactions
    assert (saved.mood, saved.energy, met.name, met.child, met.child_age) == (
        4,
        6,
        "Sarah",
        "Ava",
        "2y",
    )
    assert (met.detail, met.minutes, met.liked_them) == ("moving to Dubai", 20, 6)
    assert not draft.exists(), "the draft goes once the journal holds it"


def test_start_fresh_drops_the_old_answers(invoke: Invoke, private_home: Path) -> None:
    invoke(["init", "--region", "uk"])
    invoke(["checkin"], script={"mood": 2, "energy": KeyboardInterrupt()})
    result = invoke(
        ["checkin"],
        script={"draft": "fresh", "mood": 5, "energy": 7, "met_anyone": False, "proud": ""},
    )
    assert result.exit_code == 0, result.output
    assert [c.mood for c in checkins(private_home)] == [5]
    assert not draft_path(private_home, "checkin").exists()


def test_scripts_choose_with_resume_or_discard_draft(invoke: Invoke, private_home: Path) -> None:
    invoke(["init", "--region", "uk"])
    invoke(["checkin"], script={"mood": 2, "energy": 3, "met_anyone": KeyboardInterrupt()})
    asked = invoke(["checkin", "--mood", "4"])
    assert asked.exit_code == 7
    assert asked.output.startswith("You have an unfinished check-in from 20:30. It is kept in ")
    assert "--resume" in asked.output and asked.output.count("\n") == 1

    resumed = invoke(["checkin", "--resume", "--what", "Said hello"])
    assert resumed.exit_code == 0, resumed.output
    (saved,) = checkins(private_home)
    assert (saved.mood, saved.energy, saved.what) == (2, 3, "Said hello")

    invoke(["checkin"], script={"mood": 1, "energy": KeyboardInterrupt()})
    dropped = invoke(["checkin", "--discard-draft", "--mood", "5"])
    assert dropped.exit_code == 0
    assert [c.mood for c in checkins(private_home)] == [2, 5]


def test_an_onboarding_stopped_inside_plan_is_offered_back(
    invoke: Invoke, private_home: Path
) -> None:
    stopped = invoke(
        ["plan"], script={"name": "Amy", "region": "ie", "child_name": KeyboardInterrupt()}
    )
    assert stopped.exit_code == 130
    assert "run `mumcoach plan` to carry on" in stopped.output
    assert draft_path(private_home, "init").exists()
    again = invoke(
        ["init"],
        script={
            "draft": "resume",
            "child_name": "Jasper",
            "child_age": "3",
            "child_age_unit": "3y",
            "more_children": False,
            "not_for_me": [[]],
            "goal": "",
            **{f"rate:{step}": ... for step in ratings_for_placement(load_content())},
        },
    )
    assert again.exit_code == 0, (again.output, again.prompter.asked, again.prompter.unused())
    profile = Store(private_home).load().profile
    assert profile is not None
    assert (profile.name, profile.region, profile.children[0].age) == ("Amy", "ie", "3y")


# -- a save that fails keeps the draft -------------------------------------------------------------


def fail_writes(monkeypatch: pytest.MonkeyPatch, code: int, *, only: str = "journal.json") -> None:
    """Make writing `only` (or every file, with only="") fail with errno `code`."""
    real = durable.atomic_write

    def failing(path: Path, payload: bytes) -> None:
        if not only or path.name == only:
            raise StorageFailed("x") from OSError(code, os.strerror(code))
        real(path, payload)

    monkeypatch.setattr(durable, "atomic_write", failing)


def test_a_failed_save_keeps_the_entry_says_where_and_resume_saves_it_once(
    invoke: Invoke, private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    invoke(["people", "add", "Ann"])
    with monkeypatch.context() as patch:
        fail_writes(patch, errno.ENOSPC)
        failed = invoke(["checkin", "--mood", "4", "--what", "Coffee with Ann"])
    draft = draft_path(private_home, "checkin")
    assert failed.exit_code == 9
    assert failed.output == (
        f"Could not save your check-in (No space left on device). It is kept in {draft}; run "
        "`mumcoach checkin --resume` to save it.\n"
    )
    assert checkins(private_home) == []
    resumed = invoke(["checkin", "--resume"])
    assert resumed.exit_code == 0, resumed.output
    (saved,) = checkins(private_home)
    assert (saved.mood, saved.what) == (4, "Coffee with Ann")
    assert not draft.exists()
    again = invoke(["checkin", "--resume", "--mood", "3"])  # nothing left to resume: a new one
    assert again.exit_code == 0 and len(checkins(private_home)) == 2


def test_when_even_the_draft_cannot_be_written_what_she_typed_is_shown(
    invoke: Invoke, private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    invoke(["people", "add", "Ann"])
    fail_writes(monkeypatch, errno.EIO, only="")
    failed = invoke(["checkin", "--mood", "4", "--what", "Coffee with Ann"])
    assert failed.exit_code == 8
    shown, _, message = failed.output.rpartition("}\n")
    assert json.loads(shown + "}")["given"]["what"] == "Coffee with Ann"
    assert message == (
        "Could not save your check-in (Input/output error), nor keep it as a draft; what you "
        "typed is printed above so you can copy it.\n"
    )


def test_a_backup_failing_after_the_save_says_saved_and_drops_the_draft(
    invoke: Invoke, private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    invoke(["init", "--region", "uk"])
    real = durable.atomic_write

    def backup_fails(path: Path, payload: bytes) -> None:
        if path.parent.name == "backups":
            raise StorageFailed("x") from OSError(errno.ENOSPC, "No space left")
        real(path, payload)

    monkeypatch.setattr(durable, "atomic_write", backup_fails)
    result = invoke(["checkin"], script=checkin_script(met_anyone=False))
    assert result.exit_code == 0, (result.output, result.prompter.asked)
    assert result.output.startswith("Saved. The backup copy in ")
    assert "nothing" not in result.output.lower()
    assert len(checkins(private_home)) == 1
    assert not draft_path(private_home, "checkin").exists(), "a retry must not save it twice"


def test_ctrl_c_after_the_save_says_it_was_saved(
    invoke: Invoke, private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mumcoach.commands.checkin as checkin_command

    def interrupted(*args: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(checkin_command, "_reflect", interrupted)
    result = invoke(["checkin", "--mood", "4"])
    assert (result.exit_code, result.output) == (
        130,
        "Stopped — what you'd answered was already saved.\n",
    )
    assert len(checkins(private_home)) == 1
    assert not draft_path(private_home, "checkin").exists()


# -- forgetting and deleting -----------------------------------------------------------------------


def test_people_forget_scrubs_her_from_drafts(invoke: Invoke, private_home: Path) -> None:
    invoke(["init", "--region", "uk"])
    invoke(["people", "add", "Sarah", "--child", "Ava"])
    script = {
        "mood": 4,
        "energy": 6,
        "met_anyone": True,
        "person_name": ["Bea", "Sarah"],  # Bea is new; Sarah is known, so no child questions
        "child": "Cal",
        "child_age": "1y",
        "where": ["Hartbeeps", "Hartbeeps"],
        "detail": ["twins", "moving to Dubai"],
        "minutes": ["5", "20"],
        "started_by": ["me", "them"],
        "person_flags": [[], []],
        "liked_them": [5, 6],
        "they_liked_me": [5, 5],
        "follow_up": ["ask Sarah about Dubai", ""],
        "follow_up_due": "friday",
        "another_person": [True, False],
        "proud": KeyboardInterrupt(),
    }
    stopped = invoke(["checkin"], script=script)
    assert stopped.exit_code == 130, (
        stopped.output,
        stopped.prompter.asked[6:],
        stopped.prompter.unused(),
    )
    draft = draft_path(private_home, "checkin")
    assert "Sarah" in draft.read_text()

    forgot = invoke(["people", "forget", "Sarah", "--yes"])
    assert forgot.exit_code == 0, forgot.output
    text = draft.read_text()
    assert "Sarah" not in text and "Dubai" in text  # Bea's follow-up stays, her name goes
    names = [v for k, v in json.loads(text)["answers"] if k == "person_name"]
    assert names == ["Bea"]


def test_erase_removes_drafts_with_everything_else(invoke: Invoke, private_home: Path) -> None:
    from mumcoach.paths import drafts_dir

    invoke(["init", "--region", "uk"])
    invoke(["checkin"], script={"mood": 2, "energy": KeyboardInterrupt()})
    assert draft_path(private_home, "checkin").parent == drafts_dir(private_home)
    assert draft_path(private_home, "checkin").exists()
    assert invoke(["erase", "--yes"]).exit_code == 0
    assert not drafts_dir(private_home).exists()


def test_a_script_cannot_resume_answers_only_a_terminal_can_take_back(
    invoke: Invoke, private_home: Path
) -> None:
    invoke(["init", "--region", "uk"])
    invoke(["checkin"], script=checkin_script(detail=KeyboardInterrupt()))
    refused = invoke(["checkin", "--resume"])
    assert refused.exit_code == 7
    assert "only a terminal can take back" in refused.output
    assert checkins(private_home) == []
    assert draft_path(private_home, "checkin").exists(), "nothing she typed is dropped"


def test_carrying_on_one_answer_says_one_answer(invoke: Invoke, private_home: Path) -> None:
    invoke(["init", "--region", "uk"])
    invoke(["checkin"], script={"mood": 2, "energy": KeyboardInterrupt()})
    resumed = invoke(["checkin"], script={"draft": "resume", "energy": KeyboardInterrupt()})
    assert "Carrying on with the 1 answer you'd given." in resumed.rich
