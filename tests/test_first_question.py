"""checkin's first question comes before the journal is read; nothing is lost or hidden by that."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import Invoke

from mumcoach.commands.checkin import ANSWERS_KEPT, onboarded
from mumcoach.context import AppContext
from mumcoach.drafts import draft_path
from mumcoach.errors import JournalDamaged
from mumcoach.prompter import ScriptedPrompter
from mumcoach.store import Store

REST = {"energy": 5, "met_anyone": False, "proud": ""}


@pytest.fixture
def events(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What happened, in order: each question asked ("ask mood") and each read of the journal."""
    seen: list[str] = []
    ask, load = ScriptedPrompter._next, Store.load

    def asking(self: ScriptedPrompter, key: str, message: str) -> Any:
        seen.append(f"ask {key}")
        return ask(self, key, message)

    def loading(self: Store, **kw: Any) -> Any:
        seen.append("read")
        return load(self, **kw)

    monkeypatch.setattr(ScriptedPrompter, "_next", asking)
    monkeypatch.setattr(Store, "load", loading)
    return seen


def test_her_mood_is_asked_before_the_journal_is_read(
    invoke: Invoke, private_home: Path, events: list[str]
) -> None:
    invoke(["init", "--region", "uk", "--name", "Jo"])
    events.clear()
    result = invoke(["checkin"], script={"mood": 2, **REST})
    assert result.exit_code == 0, result.output
    assert events[:3] == ["ask mood", "read", "ask energy"]
    (saved,) = Store(private_home).load().checkins
    assert (saved.mood, saved.energy) == (2, 5)


def test_a_damaged_journal_is_told_after_the_first_answer_which_is_kept(
    invoke: Invoke, private_home: Path
) -> None:
    invoke(["init", "--region", "uk", "--name", "Jo"])
    path = private_home / "journal.json"
    good = path.read_bytes()
    data = json.loads(good)
    data["plans"] = "scribbled over"  # damage after her profile
    path.write_text(json.dumps(data, indent=1))
    damaged = path.read_bytes()

    stopped = invoke(["checkin"], script={"mood": 2, **REST})
    assert stopped.exit_code == JournalDamaged.exit_code
    assert stopped.prompter.asked == ["mood"], "no question after the damage is known"
    assert "is damaged at" in stopped.output and ANSWERS_KEPT in stopped.output
    assert stopped.output.count("\n") == 1
    assert path.read_bytes() == damaged, "a damaged journal is never replaced"
    kept = json.loads(draft_path(private_home, "checkin").read_text())
    assert kept["answers"] == [["mood", 2]]

    path.write_bytes(good)  # mended (from a backup)
    resumed = invoke(["checkin"], script={"draft": "resume", **REST})
    assert resumed.exit_code == 0, resumed.output
    assert "mood" not in resumed.prompter.asked
    (saved,) = Store(private_home).load().checkins
    assert (saved.mood, saved.energy) == (2, 5)


@pytest.mark.parametrize(
    "text",
    ["this is not a journal", '{"schema_version": 2, "profile": {"name": "Jo"', ""],
    ids=["not json", "cut short", "empty"],
)
def test_a_journal_that_does_not_plainly_open_with_her_profile_is_read_first(
    invoke: Invoke, private_home: Path, events: list[str], text: str
) -> None:
    private_home.mkdir(parents=True)
    (private_home / "journal.json").write_text(text)
    result = invoke(["checkin"], script={"mood": 2, **REST})
    assert result.exit_code == JournalDamaged.exit_code
    assert events == ["read"] and result.prompter.asked == []
    assert ANSWERS_KEPT not in result.output


def test_a_journal_without_her_profile_starts_with_onboarding(
    invoke: Invoke, private_home: Path, events: list[str]
) -> None:
    invoke(["init", "--region", "uk", "--name", "Jo"])
    path = private_home / "journal.json"
    path.write_text(json.dumps({**json.loads(path.read_bytes()), "profile": None}))
    events.clear()
    result = invoke(["checkin"], script={"name": KeyboardInterrupt()})
    assert events[:2] == ["read", "ask name"]
    assert result.exit_code == 130


def test_a_flag_or_a_named_plan_reads_the_journal_first(
    invoke: Invoke, private_home: Path, events: list[str]
) -> None:
    invoke(["init", "--region", "uk", "--name", "Jo"])
    events.clear()
    result = invoke(["checkin", "--plan", "none"], script={"mood": 3, **REST})
    assert result.exit_code == 0, result.output
    assert events[:2] == ["read", "ask mood"]


def profile_first(tmp_path: Path, text: str) -> bool:
    home = tmp_path / "h"
    home.mkdir(exist_ok=True)
    (home / "journal.json").write_text(text)
    return onboarded(AppContext(home=home))


def test_onboarded_reads_only_the_start_of_the_file(tmp_path: Path) -> None:
    big = [{"id": str(n), "note": "x" * 100} for n in range(1000)]
    assert profile_first(tmp_path, json.dumps({"profile": {"name": "Jo"}, "plans": big}))
    assert profile_first(tmp_path, json.dumps({"profile": {"name": "Jo"}}))
    assert not profile_first(tmp_path, json.dumps({"profile": None, "plans": big}))
    assert not profile_first(tmp_path, json.dumps({"plans": big, "profile": {"name": "Jo"}}))
    assert not profile_first(tmp_path, json.dumps([{"profile": {}}]))
    assert not profile_first(tmp_path, "\x00\xff")
    assert not profile_first(tmp_path, json.dumps({"profile": {"name": "Jo"}, "plans": big})[:-9])
    assert not onboarded(AppContext(home=tmp_path / "nowhere"))
