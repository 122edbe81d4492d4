"""Journeys about where and when: the review's focus fits where she has been going, and a
check-in tests a plan that has happened.

Played through the CLI as a mum would live the week (tests/test_journeys.py's Mum), asserting
what the review tells her on Saturday evening.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from conftest import Invoke, plain
from test_journeys import Mum

from mumcoach.coach.ladder import find_step

SATURDAY = datetime(2026, 11, 21, 20, 30)  # the review's evening; the week is Sun 15 – Sat 21 Nov
CHAT = "Leeds mums chat"


def week_day(day: int) -> date:
    return date(2026, 11, day)


def review(mum: Mum) -> tuple[str, dict[str, Any]]:
    said = plain(mum.run(["review"], SATURDAY).rich)
    data = json.loads(mum.run(["review", "--json"], SATURDAY).stdout)
    return said, data


def focus_fits_online(mum: Mum, said: str, data: dict[str, Any]) -> str:
    """The focus is worded for an online group, fits one and is not ruled out; returns its id."""
    focus = data["suggestion"]
    step = find_step(mum.content, mum.journal(), focus["id"])
    assert step.fits("online"), f"{step.id} does not fit her online group"
    assert step.online and focus["title"] == step.online, "the online wording, not the room's"
    assert not mum.ruled_out(mum.journal(), step)
    assert f'"{step.online.rstrip(".")}"' in said
    return step.id


# ---- 1. every plan online: a local mums' chat group -------------------------------------------


def test_online_mum_gets_her_focus_for_the_chat_group(
    invoke: Invoke, private_home: Path, tmp_path: Path
) -> None:
    mum = Mum(invoke, private_home, tmp_path)
    mum.run(["init", "--name", "Lou", "--region", "uk", "--child", "Bea:5m"], week_day(15))
    first = mum.plan(CHAT, week_day(15), "--setting", "online", "--date", "2026-11-16")
    mum.checkin(week_day(16))
    for day in (18, 20):
        mum.plan(CHAT, week_day(day - 1), "--date", f"2026-11-{day}")
        mum.checkin(week_day(day), people=[{"name": "Hana"}] if day == 20 else [])
    assert first.step_text == find_step(mum.content, mum.journal(), first.step_id).online

    said, data = review(mum)
    # Before: 'Focus for next week: "Ask one open question; catch her name and her baby's
    # name"' — a room she never goes to. Now the focus is for her chat group, in its words.
    assert f"Focus for next week at {CHAT}:" in said
    assert data["focus_place"] == CHAT
    step_id = focus_fits_online(mum, said, data)
    assert "baby's name" not in said.split("Focus for next week")[1]
    # ... and it is what her next plan there will say, reason and all.
    upcoming = mum.plan(CHAT, week_day(22), "--date", "2026-11-23")
    assert (upcoming.step_id, upcoming.reason) == (step_id, data["suggestion"]["reason"])


# ---- 2. a baby group tried and ruled out mid-week; the chat group kept ----------------------


def test_focus_leaves_a_setting_she_marked_not_for_me(
    invoke: Invoke, private_home: Path, tmp_path: Path
) -> None:
    mum = Mum(invoke, private_home, tmp_path)
    mum.run(["init", "--name", "Kim", "--region", "uk", "--child", "Alfie:7m"], week_day(15))
    mum.plan("Bumps and babies", week_day(15), "--setting", "groups", "--date", "2026-11-16")
    mum.checkin(week_day(16), mood=2, tried="partly", fear_came_true="partly", anxiety="8")
    mum.plan("Bumps and babies", week_day(17), "--date", "2026-11-18")
    mum.checkin(week_day(18), mood=2, tried="no")
    mum.plan(CHAT, week_day(19), "--setting", "online", "--date", "2026-11-20")
    mum.checkin(week_day(20), mood=4)
    # Groups are not for her: the group she went to most this week is no place for her focus.
    for setting in ("groups", "classes", "school-gate", "soft-play"):
        mum.run(["ladder", "not-for-me", setting], SATURDAY)

    said, data = review(mum)
    assert f"Focus for next week at {CHAT}:" in said
    assert "Bumps and babies" not in said.split("Focus for next week")[1]
    focus_fits_online(mum, said, data)


# ---- 3. only online left, and nothing planned yet ---------------------------------------------


def test_focus_in_the_one_setting_she_has_left_open(
    invoke: Invoke, private_home: Path, tmp_path: Path
) -> None:
    mum = Mum(invoke, private_home, tmp_path)
    out = ("groups", "classes", "school-gate", "soft-play", "hosting")
    mum.run(
        ["init", "--name", "Jas", "--region", "uk", *(a for s in out for a in ("--not-for-me", s))],
        week_day(16),
    )
    said, data = review(mum)
    # Before: 'Focus for next week: "Find one group or class and put it in the diary"'.
    assert "Focus for next week: \"Join your local parents' group online" in said
    assert focus_fits_online(mum, said, data) == "find-a-group"
    assert data["focus_place"] is None


# ---- 4. the reason quotes the step as she saw it at the chat group ---------------------------


def test_focus_reason_names_the_step_in_her_online_words(
    invoke: Invoke, private_home: Path, tmp_path: Path
) -> None:
    mum = Mum(invoke, private_home, tmp_path)
    mum.run(["init", "--name", "Lou", "--region", "uk", "--start-step", "say-hello"], week_day(16))
    plan = mum.plan(
        CHAT, week_day(18), "--setting", "online", "--date", "2026-11-19", "--expect", "9"
    )
    mum.checkin(week_day(19), tried="no")
    said, data = review(mum)
    # Before: 'You expect "Say hello or comment on the babies" to feel 9/10' — words she never saw.
    saw = plan.step_text.removesuffix(".")
    assert f'You expect "{saw}" to feel 9/10' in said
    assert data["suggestion"]["kind"] == "easier-anxiety"
    focus_fits_online(mum, said, data)


# ---- 5. she forgot Friday's check-in and does it on Saturday morning, before her group --------


def test_morning_checkin_tests_yesterdays_plan_not_this_afternoons(
    invoke: Invoke, private_home: Path, tmp_path: Path
) -> None:
    mum = Mum(invoke, private_home, tmp_path)
    mum.run(["init", "--name", "Dee", "--region", "uk", "--child", "Max:8m"], week_day(16))
    rhymes = ("--setting", "groups", "--date", "2026-11-20", "--time", "10:00")
    friday = mum.plan("Rhyme time", week_day(19), *rhymes, "--fear", "nobody will talk to me")
    saturday = mum.plan(
        "Rhyme time", week_day(19), "--date", "2026-11-21", "--time", "16:00",
        "--step", friday.step_id, "--fear", "I'll cry in front of everyone",
    )  # fmt: skip
    assert saturday.step_id == friday.step_id

    def checkin(at: datetime) -> str:
        args = ["checkin", "--mood", "4", "--tried", "yes", "--anxiety", "3"]
        return plain(mum.run([*args, "--fear-came-true", "no"], at).rich)

    morning = checkin(datetime(2026, 11, 21, 9, 30))  # no --date: she means yesterday
    # Before: Saturday's 16:00 plan, still hours away, was taken as tried ("I'll cry in front of
    # everyone" didn't happen) and Friday's stayed open for the evening.
    assert "nobody will talk to me" in morning and "cry" not in morning
    tested = {c.plan_id for c in mum.journal().checkins}
    assert tested == {p.id for p in mum.journal().plans if p.date == week_day(20)}

    evening = checkin(datetime(2026, 11, 21, 20, 0))  # back from this afternoon's group
    assert "I'll cry in front of everyone" in evening and "nobody" not in evening
    journal = mum.journal()
    days = {p.id: p.date for p in journal.plans}
    assert [days[str(c.plan_id)] for c in journal.checkins] == [week_day(20), week_day(21)]


# ---- 6. a check-in begun on Tuesday night, carried on on Wednesday night ----------------------


def test_a_checkin_carried_on_next_day_is_about_the_day_she_began_it(
    invoke: Invoke, private_home: Path, tmp_path: Path
) -> None:
    mum = Mum(invoke, private_home, tmp_path)
    mum.run(["init", "--name", "Dee", "--region", "uk", "--child", "Max:8m"], week_day(16))
    rhymes = ("--setting", "groups", "--recurring", "Tue and Wed 10:00")
    tuesday = mum.plan("Rhyme time", week_day(16), *rhymes, "--fear", "nobody will talk to me")
    mum.plan(
        "Rhyme time", week_day(16), "--date", "2026-11-18", "--step", tuesday.step_id,
        "--fear", "I'll cry in front of everyone",
    )  # fmt: skip
    answers = {"mood": 4, "energy": 6, "tried": "yes", "anxiety": 3, "fear_came_true": "no"}
    stopped = invoke(
        ["checkin"], script={**answers, "what": KeyboardInterrupt()}, now=datetime(2026, 11, 17, 22)
    )
    assert stopped.exit_code == 130  # the baby woke: her answers about Tuesday are kept

    rest = {"draft": "resume", "what": "", "learned": "", "met_anyone": False, "proud": ""}
    resumed = invoke(["checkin"], script=rest, now=datetime(2026, 11, 18, 21))
    assert resumed.exit_code == 0, resumed.output
    said = plain(resumed.rich)
    # Before: dated Wednesday, and Tuesday's answers went to Wednesday's plan ('You feared "I'll
    # cry in front of everyone", and it didn't happen'), leaving Tuesday's open.
    assert said.startswith("Carrying on") and "Tuesday 17 November" in said
    assert "nobody will talk to me" in said and "cry" not in said
    (saved,) = mum.journal().checkins
    assert saved.date == week_day(17)
    assert saved.plan_id == tuesday_plan_id(mum)


def tuesday_plan_id(mum: Mum) -> str:
    return next(p.id for p in mum.journal().plans if p.date == week_day(17))


# ---- 5. the same mum, told her first step at set-up and on her ladder --------------------------


def test_welcome_and_ladder_word_the_first_step_for_the_one_setting_left_open(
    invoke: Invoke, private_home: Path, tmp_path: Path
) -> None:
    mum = Mum(invoke, private_home, tmp_path)
    out = ("groups", "classes", "school-gate", "soft-play", "hosting")
    welcome = mum.run(
        ["init", "--name", "Jas", "--region", "uk", *(a for s in out for a in ("--not-for-me", s))],
        week_day(16),
    )
    online = find_step(mum.content, mum.journal(), "find-a-group").online
    assert online
    said = plain(welcome.rich)
    # Before: 'Find one group or class and put it in the diary', a room she ruled out.
    assert online.rstrip(".") in said and "Find one group or class" not in said
    ladder = plain(mum.run(["ladder"], week_day(16)).rich)
    assert online.rstrip(".") in ladder
    data = json.loads(mum.run(["ladder", "--json"], week_day(16)).stdout)
    assert data["suggestion"]["title"] == online
    # the ladder's own rows say it the same way (a step she can still do in a room: unchanged)
    (row,) = [r for r in data["steps"] if r["id"] == "find-a-group"]
    assert row["title"] == online and "Find one group or class" not in ladder
