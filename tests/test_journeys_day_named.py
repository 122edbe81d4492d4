"""Journeys: a check-in about another day asks about that day, never "today".

Played through the CLI on Saturday 21 November 2026: back-dated with --date (a weekday, an ISO
date), carried on from a draft begun the evening before, and, for contrast, about today.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from conftest import Invoke, plain
from test_journeys import Mum

SATURDAY = datetime(2026, 11, 21, 20, 30)
GROUP = ("--setting", "groups", "--fear", "nobody talks")
ABOUT_A_PLAN = [  # her step and her fear as she wrote them, days later too
    "Did you try your step? “Go and stay the whole session” at Rhyme time",
    "How anxious did it actually feel, 0 to 10?",
    "Did what you feared happen? “nobody talks”",
    "What happened? (a line is plenty)",
    "Anything you learned? (optional)",
]
SCRIPT = {
    "mood": 4,
    "energy": 6,
    "tried": "yes",
    "anxiety": 3,
    "fear_came_true": "no",
    "what": "",
    "learned": "",
    "met_anyone": False,
    "proud": "went",
}


def asked_about(day: str) -> list[str]:
    """Every question of a check-in with a plan, about `day` ("Thursday", "Tuesday 10 November")."""
    return [
        f"How was your mood on {day}, 1 (very low) to 5 (great)?",
        f"And your energy on {day}, 0 to 10?",
        *ABOUT_A_PLAN,
        f"Did you meet or chat with anyone on {day}? Nods and hellos count.",
        f"One thing you're proud of from {day}? (small counts)",
    ]


TODAY = [
    "How's your mood today, 1 (very low) to 5 (great)?",
    "And your energy today, 0 to 10?",
    *ABOUT_A_PLAN,
    "Did you meet or chat with anyone today? Nods and hellos count.",
    "One thing you're proud of today? (small counts)",
]


def planned(invoke: Invoke, private_home: Path, tmp_path: Path, *days: int) -> Mum:
    mum = Mum(invoke, private_home, tmp_path)
    mum.run(["init", "--name", "Dee", "--region", "uk", "--child", "Max:8m"], date(2026, 11, 1))
    for day in days:
        when = f"2026-11-{day:02}"
        mum.plan("Rhyme time", date(2026, 11, day - 1), "--date", when, *GROUP)
    return mum


def test_a_checkin_back_dated_to_thursday_asks_about_thursday(
    invoke: Invoke, private_home: Path, tmp_path: Path
) -> None:
    planned(invoke, private_home, tmp_path, 19, 21)
    thursday = invoke(["checkin", "--date", "thursday"], script=SCRIPT, now=SATURDAY)
    assert thursday.exit_code == 0, thursday.output
    # Before: "How's your mood today", "anyone today?", "proud of today?" about Thursday.
    assert thursday.prompter.messages == asked_about("Thursday")
    assert "Thursday 19 November" in plain(thursday.rich)

    today = invoke(["checkin"], script=SCRIPT, now=SATURDAY)
    assert today.exit_code == 0, today.output
    assert today.prompter.messages == TODAY, "today's words are unchanged"


def test_a_checkin_back_dated_over_a_week_names_the_date(
    invoke: Invoke, private_home: Path, tmp_path: Path
) -> None:
    planned(invoke, private_home, tmp_path, 10)
    result = invoke(["checkin", "--date", "2026-11-10"], script=SCRIPT, now=SATURDAY)
    assert result.exit_code == 0, result.output
    assert result.prompter.messages == asked_about("Tuesday 10 November")


def test_a_checkin_carried_on_next_evening_asks_about_the_day_she_began_it(
    invoke: Invoke, private_home: Path, tmp_path: Path
) -> None:
    planned(invoke, private_home, tmp_path, 17)
    begun = {"mood": 4, "energy": 6, "tried": KeyboardInterrupt()}
    stopped = invoke(["checkin"], script=begun, now=datetime(2026, 11, 17, 22))
    assert stopped.exit_code == 130
    assert stopped.prompter.messages == TODAY[:3], "on Tuesday night, Tuesday is today"

    rest = {k: v for k, v in SCRIPT.items() if k not in ("mood", "energy")}
    resumed = invoke(
        ["checkin"], script={"draft": "resume", **rest}, now=datetime(2026, 11, 18, 21)
    )
    assert resumed.exit_code == 0, resumed.output
    assert resumed.prompter.messages[1:] == asked_about("Tuesday")[2:]


def test_a_flagged_plan_back_dated_is_set_aside_without_tonight(
    invoke: Invoke, private_home: Path
) -> None:
    fear = "I'll lose it and hurt the baby"
    args = ["plan", "--place", "Park", "--setting", "groups", "--fear", fear]
    invoke([*args, "--date", "2026-11-19"], now=datetime(2026, 11, 18, 20))
    result = invoke(["checkin", "--date", "thursday"], script=SCRIPT, now=SATURDAY)
    assert result.exit_code == 0, result.output
    said = plain(result.rich)
    assert "we'll leave its prediction to one side. How you are matters more." in said
    assert "tonight" not in said and "hurt the baby" not in said


def test_a_back_dated_day_without_a_plan_is_reflected_on_as_that_day(
    invoke: Invoke, private_home: Path
) -> None:
    invoke(["init", "--name", "Dee", "--region", "uk"], now=SATURDAY)
    good = ["checkin", "--mood", "4", "--energy", "5"]
    thursday = invoke([*good, "--date", "thursday"], now=SATURDAY)
    assert thursday.exit_code == 0, thursday.output
    said = plain(thursday.rich)
    assert "No plan on Thursday, and a good day by the sound of it." in said
    assert "today" not in said.lower()

    today = invoke([*good, "--json"], now=SATURDAY)
    assert "No plan today, and a good day by the sound of it." in today.stdout
