"""The coach fits the day, the place and her choices: when, where, true reasons, easier options."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from conftest import Invoke, plain

from mumcoach.models import Journal
from mumcoach.store import Store

SATURDAY = datetime(2026, 11, 21, 20, 30)


def journal(home: Path) -> Journal:
    return Store(home).load()


def plan_json(invoke: Invoke, *args: str, now: datetime = SATURDAY) -> dict[str, Any]:
    result = invoke(["plan", *args, "--json"], now=now)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_plan_json_carries_when_where_and_the_wording_shown(invoke: Invoke) -> None:
    data = plan_json(
        invoke, "--place", "Hartbeeps", "--setting", "classes", "--recurring", "Tue 10:00"
    )
    assert (data["date"], data["time"], data["place"]) == ("2026-11-24", "10:00", "Hartbeeps")
    assert data["step_id"] == data["suggestion"]["id"] != "find-a-group"
    assert data["step_text"] and len(data["openers"]) == 3
    assert set(data["suggestion"]) >= {"id", "kind", "reason", "easier_id"}
    # --date and --time as people say them win over the schedule
    again = plan_json(invoke, "--place", "Hartbeeps", "--date", "next thursday", "--time", "2pm")
    assert (again["date"], again["time"]) == ("2026-11-26", "14:00")


def test_bad_date_time_and_schedule_are_one_line(invoke: Invoke, private_home: Path) -> None:
    for args, message in [
        (["--date", "someday"], "date (--date) must be a date like"),
        (["--date", "1850-01-01"], "between 1900 and 2100"),
        (["--time", "25:00"], "time (--time) must be a time like"),
        (["--place", "X", "--setting", "groups", "--recurring", "now and then"], "schedule"),
    ]:
        result = invoke(["plan", *args])
        assert result.exit_code == 2 and message in result.output, result.output
        assert len(result.output.strip().splitlines()) == 1
    assert not (private_home / "journal.json").exists()


def test_an_online_place_gets_the_online_wording_and_cues(
    invoke: Invoke, private_home: Path
) -> None:
    result = invoke(
        ["plan", "--place", "Local mums WhatsApp", "--setting", "online", "--energy", "6"]
    )
    assert result.exit_code == 0, result.output
    card = plain(result.rich)
    plan = journal(private_home).plans[0]
    assert plan.step_text and plan.step_text in card
    for in_person in ("changing bag", "Smile first", "first time here", "turn up"):
        assert in_person not in card, in_person
    assert "glad of a reply" in card


def test_the_school_gate_gets_steps_that_fit_it(invoke: Invoke) -> None:
    data = plan_json(invoke, "--place", "School gate", "--setting", "school-gate")
    assert data["suggestion"]["id"] not in ("find-a-group", "go-back", "stay-the-session")
    assert "school-gate" not in data["suggestion"]["reason"]


def test_low_energy_at_the_first_step_says_so_kindly(invoke: Invoke) -> None:
    data = plan_json(invoke, "--energy", "1")
    assert data["suggestion"]["kind"] == "low-energy"
    assert "just going counts" in data["suggestion"]["reason"]
    assert "so a smaller step" not in data["suggestion"]["reason"]


def test_a_rating_of_8_or_more_brings_the_half_step(invoke: Invoke) -> None:
    invoke(["init", "--start-step", "swap-numbers"])
    before = json.loads(invoke(["ladder", "--json"]).stdout)["suggestion"]
    assert before["id"] == "swap-numbers"
    invoke(["ladder", "rate", "swap-numbers", "9"])
    after = json.loads(invoke(["ladder", "--json"]).stdout)["suggestion"]
    assert after["kind"] == "easier-rated" and after["id"] == "ask-about-group-chat"
    assert '"Swap numbers" 9/10' in after["reason"]


def test_hosting_ruled_out_leaves_hosting_out_everywhere(invoke: Invoke) -> None:
    invoke(["init", "--not-for-me", "hosting", "--start-step", "host-coffee-morning"])
    data = json.loads(invoke(["ladder", "--json"]).stdout)
    steps = {s["id"]: s for s in data["steps"]}
    assert steps["host-coffee-morning"]["ruled_out"] and not steps["invite-play-date"]["ruled_out"]
    assert data["suggestion"]["id"] != "host-coffee-morning"
    online = plan_json(invoke, "--place", "Mums online", "--setting", "online")
    assert (
        "host" not in online["suggestion"]["id"] and "Coffee at the park" not in online["step_text"]
    )


def test_another_step_gets_its_own_reason_on_the_card(invoke: Invoke, private_home: Path) -> None:
    result = invoke(["plan", "--step", "swap-numbers", "--energy", "6"])
    card = plain(result.rich)
    assert "Your own choice of step" in card
    reason = journal(private_home).plans[0].reason
    assert reason is not None and reason.startswith("Your own choice")


def test_checkin_tests_that_days_plan_or_asks_which(invoke: Invoke, private_home: Path) -> None:
    for day, place in (("2026-11-19", "Rhyme time"), ("2026-11-20", "Soft play")):
        setting = "groups" if place == "Rhyme time" else "soft-play"
        invoke(["plan", "--date", day, "--place", place, "--setting", setting])
    plans = journal(private_home).plans
    # interactively, with two open plans and none today: which one?
    script = {"plan": plans[0].id, "tried": "yes", "anxiety": 2, "fear_came_true": "no",
              "what": "", "learned": "", "mood": 4, "energy": 5, "met_anyone": False,
              "proud": ""}  # fmt: skip
    result = invoke(["checkin"], script=script)
    assert result.exit_code == 0, (result.output, result.prompter.unused())
    assert "plan" in result.prompter.asked
    assert journal(private_home).checkins[0].plan_id == plans[0].id
    # scripted: --date picks that day's plan, --plan by place or by day
    invoke(["checkin", "--date", "friday", "--mood", "4", "--tried", "no"])
    assert journal(private_home).checkins[1].plan_id == plans[1].id
    third = invoke(["plan", "--date", "2026-11-21", "--place", "Soft play"])
    assert third.exit_code == 0
    result = invoke(["checkin", "--plan", "none", "--mood", "3"])
    assert journal(private_home).checkins[2].plan_id is None


def test_a_blank_fear_can_still_be_tested_and_mastered(invoke: Invoke, private_home: Path) -> None:
    for day in ("2026-11-16", "2026-11-18", "2026-11-20"):
        invoke(["plan", "--date", day, "--step", "find-a-group", "--expect", "2"])
        script = {"tried": "yes", "anxiety": 2, "fear_came_true": "no", "what": "",
                  "learned": "", "mood": 4, "energy": 5, "met_anyone": False,
                  "proud": ""}  # fmt: skip
        result = invoke(["checkin", "--date", day], script=script)
        assert result.exit_code == 0, result.output
        assert any("as badly as you expected" in m for m in result.prompter.messages)
        assert "didn't go as badly as you expected" in plain(result.rich)
    ladder = json.loads(invoke(["ladder", "--json"]).stdout)
    assert ladder["steps"][0]["status"] == "mastered"


def test_a_day_without_a_plan_is_kind_to_her_mood(invoke: Invoke) -> None:
    low = [
        plain(invoke(["checkin", "--date", d, "--mood", "1"]).rich)
        for d in ("2026-11-17", "2026-11-18")
    ]
    assert all("No problem" not in text for text in low)
    assert low[0] != low[1], "not the same line two days running"
    good = plain(invoke(["checkin", "--date", "2026-11-19", "--mood", "5"]).rich)
    assert "good day" in good


def test_one_fear_tested_reads_as_one(invoke: Invoke, private_home: Path) -> None:
    invoke(["plan", "--date", "2026-11-20", "--fear", "Nobody talks to me"])
    invoke(
        [
            "checkin",
            "--date",
            "2026-11-20",
            "--mood",
            "4",
            "--tried",
            "yes",
            "--fear-came-true",
            "no",
        ]
    )
    review = plain(invoke(["review", "--no-ucla", "--end", "2026-11-21"]).rich)
    assert "Of 1 fears" not in review and "one fear to the test" in review


def test_the_checkin_and_the_next_plan_agree(invoke: Invoke, private_home: Path) -> None:
    """Mastered at her weekly class: the check-in's "next time at Hartbeeps" is what the
    next plan there suggests (not "somewhere new" the plan cannot honour)."""
    where = [
        "--place",
        "Hartbeeps",
        "--step",
        "say-hello",
        "--fear",
        "Nobody talks",
        "--expect",
        "2",
    ]
    invoke(
        ["plan", "--date", "2026-11-03", *where, "--setting", "classes", "--recurring", "Tue 10:00"]
    )
    said = ""
    for day in ("2026-11-03", "2026-11-10", "2026-11-17"):
        if day != "2026-11-03":
            invoke(["plan", "--date", day, *where])
        result = invoke(["checkin", "--date", day, "--mood", "4", "--tried", "yes",
                         "--anxiety", "2", "--fear-came-true", "no"])  # fmt: skip
        said = plain(result.rich)
    promised = said.split("Next time at Hartbeeps: ", 1)[1].split('"')[1]
    upcoming = plan_json(invoke, "--place", "Hartbeeps", "--energy", "6")
    assert upcoming["date"] == "2026-11-24"
    assert upcoming["step_text"] == promised
    assert upcoming["suggestion"]["kind"] != "new-setting", upcoming["suggestion"]
    # without a place in mind, the coach would send her somewhere new: the rule still stands
    ladder = json.loads(invoke(["ladder", "--json"]).stdout)["suggestion"]
    assert (ladder["id"], ladder["kind"]) == ("say-hello", "new-setting")


def test_openers_fit_a_place_she_knows(invoke: Invoke, private_home: Path) -> None:
    """No "first time here?" at the class she goes to every week; "hello again" instead."""
    from mumcoach.content import load_content

    first_visit = {o.text for o in load_content().openers if o.visit == "first"}
    returning = {o.text for o in load_content().openers if o.visit == "returning"}
    where = ["--place", "Hartbeeps", "--step", "say-hello"]
    first = plan_json(invoke, "--date", "2026-11-10", *where, "--setting", "classes")
    assert not set(first["openers"]) & returning
    for day in ("2026-11-10", "2026-11-17"):
        if day != "2026-11-10":
            plan_json(invoke, "--date", day, *where)
        invoke(["checkin", "--date", day, "--mood", "4", "--tried", "yes"])
    for rotate in ("2026-11-24", "2026-11-25", "2026-11-26"):
        later = plan_json(invoke, "--date", rotate, *where)
        assert not set(later["openers"]) & first_visit, later["openers"]


def test_an_opener_that_names_a_day_is_offered_only_on_that_day(invoke: Invoke) -> None:
    """No "Is it me, or is every Monday a marathon?" at the school gate on a Saturday."""
    monday_opener = "Morning! Is it me, or is every Monday a marathon?"
    where = ["--place", "School gate", "--setting", "school-gate", "--step", "say-hello"]
    seen: dict[str, set[str]] = {"monday": set(), "other": set()}
    for day in range(16, 30):  # two weeks: each weekday twice, so every rotation is seen
        when = f"2026-11-{day}"
        openers = plan_json(invoke, "--date", when, *where)["openers"]
        weekday = "monday" if date.fromisoformat(when).weekday() == 0 else "other"
        seen[weekday].update(openers)
    assert monday_opener not in seen["other"]
    assert monday_opener in seen["monday"]
