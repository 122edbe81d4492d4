"""Journeys: three mums, four weeks each, played through the CLI as they would live them.

Each week she plans the evening before (no --date: the place's schedule picks the day), goes,
and checks in that evening with the people she met. After every plan the suggestion must fit the
place and her "not for me" choices, its easier option must be genuinely easier, and its reason
must be true of her journal; over the weeks it must move on with what she has shown.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from conftest import Invoke, plain

from mumcoach.coach.ladder import LadderStep, build_history, find_step
from mumcoach.content import Content, load_content
from mumcoach.models import Journal
from mumcoach.store import Store

PRINT = bool(__import__("os").environ.get("JOURNEY_PRINT"))
MONDAY = date(2026, 10, 26)  # week 1; the fixed "now" of the other tests is Sat 21 Nov


@dataclass
class Week:
    """One week's suggestion as the plan printed it."""

    place: str
    date: str
    step_id: str
    kind: str
    reason: str
    step_text: str
    easier_id: str | None


@dataclass
class Mum:
    """Plays one mum through the CLI and checks every suggestion she gets."""

    invoke: Invoke
    home: Path
    tmp: Path
    content: Content = field(default_factory=load_content)
    weeks: list[Week] = field(default_factory=list)

    def journal(self) -> Journal:
        return Store(self.home).load()

    def run(self, args: list[str], now: date | datetime) -> Any:
        if not isinstance(now, datetime):
            now = datetime.combine(now, datetime.min.time()) + timedelta(hours=20)
        result = self.invoke(args, now=now)
        assert result.exit_code == 0, (args, result.output)
        return result

    def plan(self, place: str, evening_before: date, *more: str, energy: int = 6) -> Week:  # noqa
        before = self.journal()
        args = ["plan", "--place", place, "--energy", str(energy), "--expect", "4", *more]
        now = datetime.combine(evening_before, datetime.min.time()) + timedelta(hours=20)
        data = json.loads(self.run([*args, "--json"], now).stdout)
        assert (data["schema_version"], data["kind"]) == (1, "plan")
        week = Week(
            place=str(data["place"]),
            date=str(data["date"]),
            step_id=data["step_id"],
            kind=data["suggestion"]["kind"],
            reason=data["suggestion"]["reason"],
            step_text=data["step_text"],
            easier_id=data["suggestion"]["easier_id"],
        )
        self.check(before, week, data, energy)
        self.weeks.append(week)
        if PRINT:
            print(f"{week.date} {week.place}: {week.step_text} [{week.kind}] {week.reason}")
        return week

    def checkin(
        self, day: date, mood: int = 4, people: Sequence[dict[str, Any]] = (), **flags: str
    ) -> str:
        answers = self.tmp / f"checkin-{day}.json"
        answers.write_text(json.dumps({"people": list(people)}), encoding="utf-8")
        args = [
            "checkin",
            "--date",
            day.isoformat(),
            "--mood",
            str(mood),
            "--answers",
            str(answers),
        ]
        for key, value in {"tried": "yes", "anxiety": "3", "fear_came_true": "no", **flags}.items():
            args += [f"--{key.replace('_', '-')}", value]
        now = datetime.combine(day, datetime.min.time()) + timedelta(hours=20, minutes=30)
        return plain(self.run(args, now).rich)

    # ---- what every suggestion must satisfy ---------------------------------------------

    def check(self, before: Journal, week: Week, data: dict[str, Any], energy: int) -> None:
        after = self.journal()
        place = next(p for p in after.places if p.name == week.place)
        step = find_step(self.content, after, week.step_id)
        setting = place.setting
        assert setting is not None
        assert step.fits(setting), f"{week.step_id} does not fit {setting}"
        assert not self.ruled_out(after, step), f"{week.step_id} is not for her"
        if setting == "online" and step.online:
            assert week.step_text == step.online, "an online place shows the online wording"
        assert week.easier_id != "find-a-group", "she is going to a place she found"
        if week.easier_id:
            easier = find_step(self.content, after, week.easier_id)
            assert easier.difficulty < step.difficulty, "the easier option is easier"
            assert easier.fits(setting) and not self.ruled_out(after, easier)
        self.reason_is_true(before, week, step, energy)
        assert step.title not in week.reason, "the card shows the title; the reason says why"

    def ruled_out(self, journal: Journal, step: LadderStep) -> bool:
        out = set(journal.profile.not_for_me) if journal.profile else set()
        marked = set(journal.ladder.not_for_me)
        every_setting_out = bool(step.settings) and set(step.settings) <= out
        return step.id in marked or bool(set(step.requires) & out) or every_setting_out

    def reason_is_true(self, before: Journal, week: Week, step: LadderStep, energy: int) -> None:
        """Every number and name in the reason comes from her journal as it was."""
        history = build_history(self.content, before, date.fromisoformat(week.date))
        reason = week.reason
        names = {p.name for p in before.people} | {p.name for p in before.places} | {week.place}
        if week.kind == "repeat":
            tries = history.track(history.steps[step.id]).attempts
            spoken = {1: "once", 2: "twice"}.get(tries, f"{tries} times")
            assert f"tried it {spoken} so far" in reason, reason
        elif week.kind == "shown":
            said = reason.split(":")[0].split(", so")[0].removeprefix("You've ")
            for name in sorted(names, key=len, reverse=True):
                said = said.replace(name, "")
            assert not re.findall(r"\b[A-Z]\w+", said), ("a name she never logged", reason)
        elif week.kind == "move-up":
            below = [s for s in history.ladder if s.position < step.position]
            assert below and history.mastered(below[-1]), reason
            assert f'"{below[-1].title}"' in reason
        elif week.kind == "low-energy":
            assert f"{energy}/10" in reason
        elif week.kind == "all-mastered" and "every step" in reason:
            assert all(history.mastered(s) for s in history.available()), reason
        elif week.kind == "new-setting":
            assert any(history.mastered(s) for s in history.ladder), reason
        for number in re.findall(r"\b(\d+)/10\b", reason):
            assert int(number) in {energy, *before.ladder.ratings.values(), *self.expected(before)}

    def expected(self, journal: Journal) -> set[int]:
        return {p.expected_anxiety for p in journal.plans if p.expected_anxiety is not None}


def positions(mum: Mum) -> list[int]:
    journal = mum.journal()
    return [find_step(mum.content, journal, w.step_id).position for w in mum.weeks]


# ---- 1. a new baby, a weekly music class and a breastfeeding group -----------------------------


def test_new_baby_music_class_and_breastfeeding_group(
    invoke: Invoke, private_home: Path, tmp_path: Path
) -> None:
    mum = Mum(invoke, private_home, tmp_path)
    mum.run(["init", "--name", "Ella", "--region", "uk", "--child", "Noah:3m"], MONDAY)
    first = mum.plan("Hartbeeps", MONDAY, "--setting", "classes", "--recurring", "Tuesdays 10:00")
    # The plan is for the class's next session, and naming it means she has found a group.
    assert first.date == "2026-10-27"
    assert first.step_id != "find-a-group"
    assert first.kind == "shown" and "Hartbeeps" in first.reason
    said = mum.checkin(date(2026, 10, 27), people=[{"name": "Sarah", "child": "Jasper"}])
    assert "Next time at Hartbeeps" in said

    cafe = mum.plan(
        "Breastfeeding café", date(2026, 10, 28), "--setting", "groups", "--recurring", "Thu 11:00"
    )
    assert cafe.date == "2026-10-29"
    mum.checkin(date(2026, 10, 29), people=[{"name": "Priya", "child": "Ava", "minutes": 20}])

    # Week 2: Sarah again, a long chat; Priya's name caught too.
    mum.plan("Hartbeeps", date(2026, 11, 2))
    mum.checkin(
        date(2026, 11, 3),
        people=[{"name": "Sarah", "minutes": 20, "detail": "moving to Leeds"}, {"name": "Jo"}],
    )
    # Week 3: numbers swapped with Sarah; Priya again at the café, numbers too.
    mum.plan("Hartbeeps", date(2026, 11, 9))
    mum.checkin(
        date(2026, 11, 10), people=[{"name": "Sarah", "minutes": 10, "swapped_numbers": True}]
    )
    mum.plan("Breastfeeding café", date(2026, 11, 11))
    mum.checkin(
        date(2026, 11, 12), people=[{"name": "Priya", "minutes": 15, "swapped_numbers": True}]
    )
    # Week 4: the coach has moved on with what she has shown, and says so in her names.
    last = mum.plan("Hartbeeps", date(2026, 11, 16))
    assert last.date == "2026-11-17"
    assert positions(mum)[-1] > positions(mum)[0] + 5
    assert last.kind == "shown" and "Sarah" in last.reason and "Priya" in last.reason
    assert "swapped numbers" in last.reason
    assert all(w.step_id != "find-a-group" for w in mum.weeks)


# ---- 2. groups and hosting are not for her: soft play with an old friend, swimming ----------


def test_not_for_me_groups_and_hosting_soft_play_and_swimming(
    invoke: Invoke, private_home: Path, tmp_path: Path
) -> None:
    mum = Mum(invoke, private_home, tmp_path)
    welcome = mum.run(
        ["init", "--name", "Fiona", "--region", "ie", "--not-for-me", "groups", "--not-for-me",
         "hosting"],
        MONDAY,
    )  # fmt: skip
    assert "Before a group" not in plain(welcome.rich)
    ladder = json.loads(mum.run(["ladder", "--json"], MONDAY).stdout)
    out = {s["id"] for s in ladder["steps"] if s["ruled_out"]}
    assert "host-coffee-morning" in out, "hosting requires hosting"
    assert ladder["suggestion"]["id"] not in out

    for week in range(4):
        saturday = MONDAY + timedelta(days=5 + 7 * week)
        wednesday = MONDAY + timedelta(days=2 + 7 * week)
        new = week == 0
        swim = mum.plan(
            "Water Babies",
            wednesday - timedelta(days=1),
            *(["--setting", "classes", "--recurring", "Wednesdays 9:30"] if new else []),
        )
        assert swim.date == wednesday.isoformat()
        mum.checkin(wednesday, people=[{"name": "Maeve", "minutes": 3}] if week else [])
        play = mum.plan(
            "Jungle Jim's",
            saturday - timedelta(days=1),
            *(["--setting", "soft-play", "--recurring", "Saturdays 10:00"] if new else []),
        )
        assert play.date == saturday.isoformat()
        mum.checkin(saturday, people=[{"name": "Rachel", "minutes": 60, "shared": week > 1}])
    steps = {w.step_id for w in mum.weeks} | {w.easier_id for w in mum.weeks if w.easier_id}
    assert not steps & out, "nothing she ruled out, as the suggestion or the easier option"
    # An old friend met week after week, an hour each time: she is past greeting by name.
    final = mum.weeks[-1]
    assert positions(mum)[-1] >= find_step(mum.content, mum.journal(), "sit-and-chat").position
    assert final.kind in ("shown", "repeat", "move-up")


# ---- 3. the school run: she hosts, and her invitations go unanswered --------------------------


def test_school_gate_mum_who_hosts_and_invites(
    invoke: Invoke, private_home: Path, tmp_path: Path
) -> None:
    mum = Mum(invoke, private_home, tmp_path)
    mum.run(["init", "--name", "Gemma", "--region", "uk", "--child", "Leo:6y"], MONDAY)
    first = mum.plan(
        "School gate", MONDAY, "--setting", "school-gate", "--recurring", "weekdays 8:45"
    )
    assert first.date == "2026-10-27"  # Monday evening: the next school morning
    assert first.step_id not in ("find-a-group", "go-back", "stay-the-session")
    for week in range(4):
        day = MONDAY + timedelta(days=1 + 7 * week)
        if week:
            mum.plan("School gate", day - timedelta(days=1))
        people = [
            {"name": "Amira", "minutes": 10, "invited": True},
            {"name": "Kate", "minutes": 5, "hosted": week == 1, "invited": week == 2},
        ]
        if week == 1:
            people += [{"name": n, "hosted": True, "minutes": 90} for n in ("Lou", "Bea")]
        said = mum.checkin(day, people=people)
        if week == 2:  # a third invitation to Amira, none back: the gentle note, once
            assert "Amira" in said and "3" in said
    last = mum.weeks[-1]
    assert all(w.step_id not in ("find-a-group", "go-back") for w in mum.weeks)
    # She invites and hosts: the coach does not send her back to "say hello".
    assert positions(mum)[-1] >= find_step(mum.content, mum.journal(), "invite-play-date").position
    assert last.kind == "all-mastered" and last.reason.startswith("You've hosted Kate")
    ladder = json.loads(mum.run(["ladder", "--json"], MONDAY + timedelta(days=28)).stdout)
    shown = {s["id"]: s["shown_by"] for s in ladder["steps"]}
    assert shown["invite-play-date"] == ["invited"] and shown["host-coffee-morning"] == ["hosted"]


def test_a_mum_who_picks_a_harder_step_and_does_it_is_not_sent_back_down(
    invoke: Invoke, private_home: Path, tmp_path: Path
) -> None:
    """Ro steps over "smile and make eye contact" and says hello at the school gate: she is
    offered hello again (or higher), never the easier step she stepped over."""
    mum = Mum(invoke, private_home, tmp_path)
    mum.run(["init", "--name", "Ro", "--region", "ie", "--child", "Finn:2y"], MONDAY)
    first = mum.plan("School gate", MONDAY, "--setting", "school-gate", "--date", str(MONDAY))
    assert first.step_id == "smile-and-eye-contact"  # where the coach would start her
    hello = find_step(mum.content, mum.journal(), "say-hello")
    for n in range(3):
        day = MONDAY + timedelta(days=1 + n)
        her_pick = ["plan", "--place", "School gate", "--step", "say-hello", "--date", str(day)]
        mum.run(her_pick, day - timedelta(days=1))  # her own choice: not the coach's suggestion
        said = mum.checkin(day)
        # before: 'Next time at School gate: "Smile and make eye contact…"' (one step down);
        # and from the second morning 'You've gone back to School gate…' (the school gate is
        # somewhere she goes anyway: no "go back to the same group next week" there)
        assert f'Next time at School gate: "{hello.title}". Another go' in said, said
    assert mum.plan("School gate", MONDAY + timedelta(days=3)).step_id == hello.id
