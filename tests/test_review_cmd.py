"""`mumcoach review` through the CLI: --json keys and values, windows, the UCLA check, errors."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXED_NOW, Invoke
from test_review_stats import checkin, d, full_week

from mumcoach.models import Journal
from mumcoach.store import Store

REQUIRED = {
    "window": {"start", "end"},
    "checkins": None,
    "streak_days": None,
    "steps": {"planned", "tried", "partly", "not_tried"},
    "experiments": {
        "tested",
        "feared_happened",
        "feared_partly",
        "feared_not_happened",
        "mean_expected_anxiety",
        "mean_actual_anxiety",
    },
    "liking_gap_mean": None,
    "funnel": {"names_learned", "chats", "numbers_swapped", "meetups"},
    "followups_due": None,
    "suggestion": {"id", "title", "reason", "kind", "easier_step_id"},
    "signpost": None,
    "ladder": {"position_start", "position_end"},
    "people": {"new", "moved_up", "hours_together", "reciprocity_notes"},
    "mood": None,
    "energy": None,
    "per_step": None,
    "loneliness": None,
    "headline": None,
}
UCLA_YES = {"ucla_offer": True, "ucla_1": "2", "ucla_2": "1", "ucla_3": "3"}


def save(home: Path, journal: Journal) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "journal.json").write_text(journal.model_dump_json(indent=1), encoding="utf-8")


def stored(home: Path) -> Journal:
    return Store(home).load()


def review_json(invoke: Invoke, *args: str, **kw: Any) -> dict[str, Any]:
    result = invoke(["review", "--json", *args], **kw)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def later(days: int) -> datetime:
    return FIXED_NOW + timedelta(days=days)


# ---- --json ------------------------------------------------------------------------------------


def test_json_has_every_key_with_the_full_week_numbers(invoke: Invoke, private_home: Path) -> None:
    save(private_home, full_week())
    data = review_json(invoke)  # today is 21 Nov 2026: the window is 15–21 Nov
    assert list(data)[:2] == ["schema_version", "kind"]
    assert (data["schema_version"], data["kind"]) == (1, "review")
    for key, inner in REQUIRED.items():
        assert key in data, key
        if inner:
            assert inner <= set(data[key]), key
    # the numbers worked out by hand in test_review_stats.full_week
    assert data["window"] == {"start": "2026-11-15", "end": "2026-11-21", "days": 7}
    assert (data["checkins"], data["streak_days"]) == (5, 5)
    assert data["steps"] == {"planned": 5, "tried": 2, "partly": 1, "not_tried": 1}
    e = data["experiments"]
    assert (e["tested"], e["feared_happened"], e["feared_partly"], e["feared_not_happened"]) == (
        3,
        1,
        1,
        1,
    )
    assert (e["mean_expected_anxiety"], e["mean_actual_anxiety"]) == (6.3, 4.3)
    assert data["liking_gap_mean"] == 1.7
    assert data["funnel"] == {"names_learned": 1, "chats": 3, "numbers_swapped": 1, "meetups": 1}
    assert data["followups_due"] == 2
    assert data["suggestion"]["id"] == "host-coffee-morning" and data["suggestion"]["reason"]
    assert data["signpost"] is False
    assert data["ladder"] == {"position_start": 15, "position_end": 15, "steps": 15}
    p = data["people"]
    assert (p["new"], p["moved_up"], p["hours_together"]) == (1, 2, 1.8)
    assert p["reciprocity_notes"] == [{"name": "Amira", "unreturned": 3}]
    assert [m["value"] for m in data["mood"]] == [None, 3, 4, 2, 3, 4, None]
    assert [s["id"] for s in data["per_step"]] == ["say-hello", "ask-open-question"]
    assert data["loneliness"] == []


def test_json_of_a_new_journal_has_every_key_at_zero(invoke: Invoke, private_home: Path) -> None:
    data = review_json(invoke)
    assert set(REQUIRED) <= set(data)
    assert data["checkins"] == 0 and data["steps"]["planned"] == 0
    assert data["experiments"]["mean_expected_anxiety"] is None
    assert data["liking_gap_mean"] is None and data["empty"] is True
    assert not (private_home / "journal.json").exists()  # looking never creates a journal


def test_end_and_days_choose_the_window(invoke: Invoke, private_home: Path) -> None:
    save(private_home, full_week())
    # 8–14 Nov: only the 10 Nov check-in and its plan p0 (tried, fear did not happen)
    week = review_json(invoke, "--end", "2026-11-14")
    assert week["window"] == {"start": "2026-11-08", "end": "2026-11-14", "days": 7}
    assert (week["checkins"], week["steps"]["tried"], week["experiments"]["tested"]) == (1, 1, 1)
    # 14 days to 21 Nov (8–21 Nov): the 10 Nov check-in plus the five of this week
    fortnight = review_json(invoke, "--days", "14")
    assert fortnight["window"]["start"] == "2026-11-08"
    assert (fortnight["checkins"], fortnight["steps"]["planned"]) == (6, 6)
    assert len(fortnight["mood"]) == 14


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--ucla", "2,1"], "ucla (--ucla) must be three answers from 1 to 3"),
        (["--ucla", "4,1,1"], "ucla (--ucla) must be three answers from 1 to 3"),
        (["--end", "21/11/2026"], "end (--end) must be a date like"),
        (["--days", "0"], "days (--days) must be a whole number from 1 to 366"),
        (["--days", "lots"], "days (--days) must be a whole number from 1 to 366"),
        (["--ucla", "1,1,1", "--no-ucla"], "Pass --ucla or --no-ucla, not both."),
    ],
)
def test_bad_options_exit_2_with_one_line(invoke: Invoke, args: list[str], message: str) -> None:
    result = invoke(["review", *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


# ---- the UCLA check ----------------------------------------------------------------------------


def test_ucla_offered_interactively_saved_and_not_offered_again_within_7_days(
    invoke: Invoke, private_home: Path
) -> None:
    save(private_home, full_week())
    result = invoke(["review"], script=dict(UCLA_YES))
    assert result.exit_code == 0, result.output
    assert result.prompter.asked == ["ucla_offer", "ucla_1", "ucla_2", "ucla_3"]
    journal = stored(private_home)
    assert [(e.date, e.answers) for e in journal.loneliness] == [(d(21), [2, 1, 3])]
    # shown straight away as a trend point: 2 + 1 + 3 = 6
    assert "Loneliness" in result.rich and "6 (21 Nov)" in result.rich
    # 3 and 6 days later: not offered (the empty script would fail on any question)
    for gap in (3, 6):
        again = invoke(["review"], script={}, now=later(gap))
        assert again.exit_code == 0, again.output
        assert again.prompter.asked == []
    # 7 days later it is offered again; "no" is fine and is remembered for a week too
    week_on = invoke(["review"], script={"ucla_offer": False}, now=later(7))
    assert week_on.prompter.asked == ["ucla_offer"]
    assert stored(private_home).ucla_offered == d(28)
    assert len(stored(private_home).loneliness) == 1
    assert invoke(["review"], script={}, now=later(8)).prompter.asked == []


def test_ucla_not_now_part_way_saves_no_answers(invoke: Invoke, private_home: Path) -> None:
    save(private_home, full_week())
    result = invoke(["review"], script={"ucla_offer": True, "ucla_1": "1", "ucla_2": "not-now"})
    assert result.exit_code == 0, result.output
    journal = stored(private_home)
    assert journal.loneliness == [] and journal.ucla_offered == d(21)


def test_ucla_flag_records_without_a_terminal(invoke: Invoke, private_home: Path) -> None:
    save(private_home, full_week())
    data = review_json(invoke, "--ucla", "2,1,3")
    assert data["loneliness"] == [{"date": "2026-11-21", "answers": [2, 1, 3], "total": 6}]
    assert [e.answers for e in stored(private_home).loneliness] == [[2, 1, 3]]


def test_never_asked_without_a_terminal_with_no_ucla_or_with_json(
    invoke: Invoke, private_home: Path
) -> None:
    save(private_home, full_week())
    before = (private_home / "journal.json").read_bytes()
    assert invoke(["review"]).exit_code == 0  # non-interactive
    assert invoke(["review", "--no-ucla"], script={}).prompter.asked == []
    assert invoke(["review", "--json"], script={}).prompter.asked == []
    assert (private_home / "journal.json").read_bytes() == before  # nothing saved


def test_a_new_journal_is_not_offered_the_check(invoke: Invoke, private_home: Path) -> None:
    result = invoke(["review"], script={})
    assert result.exit_code == 0, result.output
    assert result.prompter.asked == []
    assert "Nothing logged this week" in result.rich
    assert not (private_home / "journal.json").exists()


# ---- signposting -------------------------------------------------------------------------------


def test_signpost_true_with_a_run_of_low_moods(invoke: Invoke, private_home: Path) -> None:
    journal = full_week()
    # full_week's low days (mood ≤ 2) in the fortnight to 21 Nov: 10 and 18 Nov. Two check-ins
    # on 21 Nov, 1 then 2: one more low day → three, one short of the rule's four → quiet
    journal.checkins += [checkin(d(21), mood=1), checkin(d(21), mood=2)]
    assert review_json_saved(invoke, private_home, journal)["signpost"] is False
    # a later, low check-in on 19 Nov makes that day low too → four low days → fires
    journal.checkins.append(checkin(d(19), mood=1))
    data = review_json_saved(invoke, private_home, journal)
    assert data["signpost"] is True
    shown = invoke(["review"])
    assert "Support" in shown.rich and "116 123" in shown.rich  # UK lines, region from profile


def test_signpost_false_for_a_good_week(invoke: Invoke, private_home: Path) -> None:
    journal = Journal(checkins=[checkin(d(n), mood=4) for n in range(15, 22)])
    assert review_json_saved(invoke, private_home, journal)["signpost"] is False


def review_json_saved(invoke: Invoke, home: Path, journal: Journal) -> dict[str, Any]:
    save(home, journal)
    return review_json(invoke)


# ---- the screen --------------------------------------------------------------------------------


def test_rich_screen_has_the_sections(invoke: Invoke, private_home: Path) -> None:
    save(private_home, full_week())
    result = invoke(["review", "--no-ucla"])
    assert result.exit_code == 0, result.output
    for heading in (
        "Your week: 15–21 Nov 2026",
        "Experiments",
        "Connections",
        "Mood & energy",
        "Focus for next week",
    ):
        assert heading in result.rich


def test_a_longer_window_never_says_this_week(invoke: Invoke, private_home: Path) -> None:
    assert invoke(["checkin", "--mood", "3", "--energy", "5"]).exit_code == 0
    result = invoke(["review", "--days", "14", "--no-ucla"])
    assert result.exit_code == 0, result.output
    assert "No chats rated both ways in these 14 days." in result.rich
    assert "No steps planned in these 14 days." in result.rich
    assert "this week" not in result.rich
    empty = invoke(["review", "--end", "2026-12-31", "--days", "10", "--no-ucla"])
    assert "Nothing logged in these 10 days, and that's fine." in empty.rich


def test_a_one_day_window_reads_as_one_day(invoke: Invoke, private_home: Path) -> None:
    assert invoke(["checkin", "--mood", "3", "--energy", "5"]).exit_code == 0
    result = invoke(["review", "--days", "1", "--no-ucla"])
    assert result.exit_code == 0, result.output
    assert "Your day: " in result.rich
    assert "No steps planned on this day." in result.rich
    assert "1 days" not in result.rich and "this week" not in result.rich


def test_time_together_under_an_hour_reads_in_minutes(invoke: Invoke, tmp_path: Path) -> None:
    answers = tmp_path / "a.toml"
    answers.write_text('mood = 4\n[[people]]\nname = "Priya"\nminutes = 15\n')
    assert invoke(["checkin", "--answers", str(answers)]).exit_code == 0
    result = invoke(["review", "--no-ucla"])
    assert "new: Priya · 15 min together" in result.rich
    data = json.loads(invoke(["review", "--json", "--no-ucla"]).stdout)
    assert data["people"]["hours_together"] == 0.2  # JSON keeps its hours, to one decimal
