"""`mumcoach ladder` through the CLI: the list, --json, and the changes it saves."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from conftest import Invoke

from mumcoach.content import load_content
from mumcoach.models import CheckIn, Plan
from mumcoach.store import Store


def journal_bytes(home: Path) -> bytes | None:
    path = home / "journal.json"
    return path.read_bytes() if path.exists() else None


def add_mastered(home: Path, step_id: str) -> None:
    def change(journal):  # type: ignore[no-untyped-def]
        for day, setting in ((1, "groups"), (2, "classes"), (3, "groups")):
            at = datetime(2026, 11, day, 10)
            plan = Plan(
                date=at.date(), created_at=at, step_id=step_id, setting=setting, expected_anxiety=2
            )
            journal.plans.append(plan)
            journal.checkins.append(
                CheckIn(
                    date=at.date(),
                    created_at=at,
                    plan_id=plan.id,
                    tried="yes",
                    fear_came_true="no",
                    mood=4,
                )
            )

    Store(home).update(change)


def test_list_new_journal(invoke: Invoke, private_home: Path) -> None:
    result = invoke(["ladder"])
    assert result.exit_code == 0, result.output
    text = result.rich
    assert "Find one group or class" in text and "Host a coffee morning" in text
    assert "Next: Find one group or class and put it in the diary" in text
    assert "start gently" in text
    assert journal_bytes(private_home) is None  # looking saves nothing


def test_list_shows_progress_and_move_up(invoke: Invoke, private_home: Path) -> None:
    add_mastered(private_home, "find-a-group")
    invoke(["ladder", "rate", "say-hello", "6"])
    text = invoke(["ladder"]).rich
    assert "mastered" in text
    assert "6 (default 3)" in text
    assert "Next: Go and stay the whole session" in text
    assert "3 times" in text  # the reason comes from her own data


def test_json_shape_and_values(invoke: Invoke, private_home: Path) -> None:
    add_mastered(private_home, "find-a-group")
    invoke(["ladder", "rate", "go-back", "0"])
    result = invoke(["ladder", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {"schema_version", "kind", "steps", "suggestion"}
    assert (data["schema_version"], data["kind"]) == (1, "ladder")
    keys = {
        "id",
        "title",
        "position",
        "difficulty",
        "default_difficulty",
        "status",
        "attempts",
        "settings",
        "requires",
        "ruled_out",
        "shown_by",
        "custom",
    }
    assert all(set(step) == keys for step in data["steps"])
    steps = {s["id"]: s for s in data["steps"]}
    assert steps["go-back"]["position"] == 1
    assert (steps["go-back"]["difficulty"], steps["go-back"]["default_difficulty"]) == (0, 3)
    assert (steps["find-a-group"]["status"], steps["find-a-group"]["attempts"]) == ("mastered", 3)
    assert steps["host-coffee-morning"]["settings"] == ["hosting", "online"]
    assert [s["position"] for s in data["steps"]] == list(range(1, len(data["steps"]) + 1))
    assert steps["host-coffee-morning"]["requires"] == ["hosting"]
    assert not any(s["ruled_out"] for s in data["steps"])
    suggested = data["suggestion"]
    assert set(suggested) == {"id", "title", "reason", "kind", "easier_id", "easier_step_id"}
    assert suggested["id"] == "go-back" and suggested["kind"] == "start"


def test_rate_persists(invoke: Invoke, private_home: Path) -> None:
    result = invoke(["ladder", "rate", "suggest-coffee", "4"])
    assert result.exit_code == 0
    assert "4/10" in result.rich
    assert Store(private_home).load().ladder.ratings == {"suggest-coffee": 4}
    invoke(["ladder", "rate", "suggest-coffee", "5"])
    assert Store(private_home).load().ladder.ratings == {"suggest-coffee": 5}


def test_not_for_me_step_and_undo(invoke: Invoke, private_home: Path) -> None:
    result = invoke(["ladder", "not-for-me", "find-a-group"])
    assert result.exit_code == 0
    assert "Not for me" in result.rich
    assert Store(private_home).load().ladder.not_for_me == ["find-a-group"]
    data = json.loads(invoke(["ladder", "--json"]).stdout)
    assert data["suggestion"]["id"] == "stay-the-session"
    assert data["steps"][0]["status"] == "not-for-me"
    invoke(["ladder", "not-for-me", "find-a-group", "--undo"])
    assert Store(private_home).load().ladder.not_for_me == []


def test_not_for_me_setting_creates_a_profile(invoke: Invoke, private_home: Path) -> None:
    result = invoke(["ladder", "not-for-me", "hosting"])
    assert result.exit_code == 0
    profile = Store(private_home).load().profile
    assert profile is not None
    assert profile.not_for_me == ["hosting"]
    assert profile.created.isoformat() == "2026-11-21"
    invoke(["ladder", "not-for-me", "Groups"])
    assert Store(private_home).load().profile.not_for_me == ["hosting", "groups"]  # type: ignore[union-attr]
    invoke(["ladder", "not-for-me", "hosting", "--undo"])
    assert Store(private_home).load().profile.not_for_me == ["groups"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("what", "name", "marked", "back"),
    [
        (
            "find-a-group",
            '"Find one group or class and put it in the diary"',
            '"Find one group or class and put it in the diary": ',
            '"Find one group or class and put it in the diary" is back on your ladder',
        ),
        ("hosting", "hosting", "Hosting: ", "Back in: hosting. Steps there can be suggested again"),
        (
            "school-gate",
            "the school gate",
            "The school gate: ",
            "Back in: the school gate. Steps there can be suggested again",
        ),
    ],
)
def test_not_for_me_says_what_it_did_each_time(
    invoke: Invoke, what: str, name: str, marked: str, back: str
) -> None:
    def said(*args: str) -> str:
        result = invoke(["ladder", "not-for-me", what, *args])
        assert result.exit_code == 0, result.output
        return " ".join(result.rich.split())

    ok = load_content({}).say("not_for_me.ok")
    assert said("--undo") == f'{name} wasn\'t marked "not for me"; nothing to change.'
    assert said() == marked + ok
    assert said() == f'{name} is already marked "not for me".'
    assert said("--undo") == back + "."


def test_add_custom_step(invoke: Invoke, private_home: Path) -> None:
    args = [
        "ladder",
        "add",
        "Wave at the school gate",
        "--difficulty",
        "1",
        "--setting",
        "school-gate",
        "--drop",
        "looking at my phone",
        "--if-then",
        "If I see a mum I know, then I'll wave.",
    ]
    result = invoke(args)
    assert result.exit_code == 0, result.output
    invoke(["ladder", "add", "Wave at the school gate", "--difficulty", "2"])
    steps = Store(private_home).load().ladder.custom_steps
    assert [s.id for s in steps] == [
        "custom-wave-at-the-school-gate",
        "custom-wave-at-the-school-gate-2",
    ]
    first = steps[0]
    assert (first.difficulty, first.settings) == (1, ["school-gate"])
    assert first.safety_behaviour == "looking at my phone"
    assert first.if_then == "If I see a mum I know, then I'll wave."
    data = json.loads(invoke(["ladder", "--json"]).stdout)
    custom = next(s for s in data["steps"] if s["id"] == "custom-wave-at-the-school-gate")
    assert custom["custom"] is True and custom["position"] == 2
    # her own steps can be rated and ruled out like any other
    assert invoke(["ladder", "rate", "custom-wave-at-the-school-gate-2", "9"]).exit_code == 0
    assert invoke(["ladder", "not-for-me", "custom-wave-at-the-school-gate"]).exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["ladder", "rate", "no-such-step", "3"], id="rate-unknown-step"),
        pytest.param(["ladder", "rate", "go-back", "11"], id="rate-too-high"),
        pytest.param(["ladder", "rate", "go-back", "-1"], id="rate-negative"),
        pytest.param(["ladder", "rate", "go-back", "lots"], id="rate-not-a-number"),
        pytest.param(["ladder", "not-for-me", "the-pub"], id="not-for-me-unknown"),
        pytest.param(["ladder", "not-for-me", "nope", "--undo"], id="undo-unknown"),
        pytest.param(["ladder", "add", "Wave", "--difficulty", "12"], id="add-too-hard"),
        pytest.param(["ladder", "add", "Wave"], id="add-no-difficulty"),
        pytest.param(
            ["ladder", "add", "Wave", "--difficulty", "2", "--setting", "pub"],
            id="add-unknown-setting",
        ),
        pytest.param(["ladder", "add", "   ", "--difficulty", "2"], id="add-blank-title"),
    ],
)
def test_bad_input_exits_2_and_saves_nothing(
    invoke: Invoke, private_home: Path, args: list[str]
) -> None:
    invoke(["ladder", "rate", "say-hello", "5"])  # a journal to keep unchanged
    before = journal_bytes(private_home)
    result = invoke(args)
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    assert journal_bytes(private_home) == before


def test_every_command_has_help(invoke: Invoke) -> None:
    for args in (["ladder"], ["ladder", "rate"], ["ladder", "not-for-me"], ["ladder", "add"]):
        result = invoke([*args, "--help"])
        assert result.exit_code == 0
        assert "Usage" in result.output
    listing = invoke(["ladder", "--help"]).output
    for name in ("rate", "not-for-me", "add"):
        assert name in listing
