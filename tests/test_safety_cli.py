"""The safety screen through the CLI: two tiers, all text screened, nothing lost or quoted."""

from __future__ import annotations

from pathlib import Path

from conftest import Invoke, plain

from mumcoach.errors import CRISIS_SHOWN
from mumcoach.models import Journal
from mumcoach.store import Store

SOFT = "honestly I can't do this anymore"
CLEAR = "I keep thinking about hurting the baby"


def journal(home: Path) -> Journal:
    return Store(home).load()


def with_plan(invoke: Invoke) -> None:
    args = ["plan", "--place", "Hartbeeps", "--setting", "classes", "--fear", "She'll ignore me"]
    assert invoke(args).exit_code == 0


# ---- tier 2: one direct, kind question -------------------------------------------------------


def test_a_softer_signal_asks_once_and_no_carries_on_with_the_lines(
    invoke: Invoke, private_home: Path
) -> None:
    invoke(["init", "--region", "uk"])
    with_plan(invoke)
    script = {"mood": 2, "energy": 3, "tried": "no", "what": SOFT, "safety_check": "no"}
    script |= {"learned": "what's the point.", "met_anyone": False, "proud": "I went out"}
    # the second soft signal (learned) is not asked about again
    result = invoke(["checkin"], script=script)
    assert result.exit_code == 0, result.output
    assert result.prompter.asked.count("safety_check") == 1
    shown = plain(result.rich)
    assert "Thank you for telling me" in shown and "Samaritans" in shown and "999" in shown
    assert "Today" in result.rich  # the check-in went on to its reflection
    (checkin,) = journal(private_home).checkins
    assert checkin.what == SOFT and checkin.mood == 2
    assert checkin.flagged == ["what", "learned"]


def test_a_softer_signal_and_yes_shows_the_crisis_screen(
    invoke: Invoke, private_home: Path
) -> None:
    invoke(["init", "--region", "au"])
    with_plan(invoke)
    script = {"mood": 1, "energy": 1, "tried": "no", "what": SOFT, "safety_check": "yes"}
    result = invoke(["checkin"], script=script)
    assert result.exit_code == CRISIS_SHOWN
    assert "000" in result.rich and "Today" not in result.rich
    assert "learned" not in result.prompter.asked  # nothing more is asked
    assert journal(private_home).checkins[0].what == SOFT


def test_without_a_terminal_a_softer_signal_shows_the_lines_and_carries_on(
    invoke: Invoke, private_home: Path
) -> None:
    result = invoke(["checkin", "--mood", "2", "--learned", "what's the point."])
    assert result.exit_code == 0
    assert "sounded heavy" in plain(result.rich)
    assert "your local emergency number" in result.rich
    assert journal(private_home).checkins[0].learned == "what's the point."


# ---- tier 1: a crisis stop keeps every answer already given ----------------------------------


def test_a_scripted_checkin_stopped_keeps_every_answer_given(
    invoke: Invoke, private_home: Path, tmp_path: Path
) -> None:
    answers = tmp_path / "a.toml"
    answers.write_text(
        f'mood = 1\nenergy = 2\nwhat = "{CLEAR}"\nlearned = "nothing"\nproud = "I went"\n'
        '[[people]]\nname = "Priya"\ndetail = "twins"\n',
        encoding="utf-8",
    )
    result = invoke(["checkin", "--answers", str(answers)])
    assert result.exit_code == CRISIS_SHOWN
    (checkin,) = journal(private_home).checkins
    assert (checkin.mood, checkin.energy, checkin.learned, checkin.proud) == (
        1,
        2,
        "nothing",
        "I went",
    )
    assert [i.name for i in checkin.interactions] == ["Priya"]
    assert [p.name for p in journal(private_home).people] == ["Priya"]


def test_a_plan_stopped_at_recurring_keeps_the_place_and_the_rest(
    invoke: Invoke, private_home: Path
) -> None:
    args = ["plan", "--place", "Rhyme time", "--setting", "groups", "--fear", "no one talks"]
    result = invoke([*args, "--recurring", "kms", "--likelihood", "40", "--expect", "6"])
    assert result.exit_code == CRISIS_SHOWN
    saved = journal(private_home)
    (plan,) = saved.plans
    assert (plan.fear, plan.likelihood, plan.expected_anxiety) == ("no one talks", 40, 6)
    assert [p.name for p in saved.places] == ["Rhyme time"]
    assert plan.flagged == ["recurring"]


def test_init_stopped_at_the_name_keeps_everything_given(
    invoke: Invoke, private_home: Path
) -> None:
    args = ["init", "--name", "i dnt want 2 live", "--region", "ie", "--child", "Ollie:8m"]
    result = invoke([*args, "--goal", "one friend"])
    assert result.exit_code == CRISIS_SHOWN
    assert "112 or 999" in result.rich and "(not re-checked)" in result.rich
    profile = journal(private_home).profile
    assert profile is not None
    assert (profile.name, profile.region, profile.goal) == ("i dnt want 2 live", "ie", "one friend")
    assert [c.name for c in profile.children] == ["Ollie"]


def test_an_interactive_checkin_asks_mood_first_and_keeps_it_on_a_stop(
    invoke: Invoke, private_home: Path
) -> None:
    invoke(["init", "--region", "us"])
    script = {"mood": 1, "energy": 0, "met_anyone": False, "proud": "kms"}
    result = invoke(["checkin"], script=script)
    assert result.exit_code == CRISIS_SHOWN
    assert result.prompter.asked[:2] == ["mood", "energy"]
    assert journal(private_home).checkins[0].mood == 1


# ---- everything screened ----------------------------------------------------------------------


def test_every_free_text_field_is_screened(invoke: Invoke, private_home: Path) -> None:
    invoke(["init", "--child", "Maya:2y"])
    cases = [
        ["ladder", "add", "Say hi", "--difficulty", "3", "--if-then", "If I see her, I'll kms"],
        ["ladder", "add", "Wave", "--difficulty", "2", "--drop", "thinking about suicide"],
        ["plan", "--place", "the bridge where I want to jump off", "--setting", "groups"],
        ["init", "--child", "wanna die:3y"],
        ["people", "add", "Sam", "--detail", "I want to hurt Maya"],  # her child's name
    ]
    for args in cases:
        result = invoke(args)
        assert result.exit_code == CRISIS_SHOWN, args
        assert "your local emergency number" in result.rich, args


def test_a_crisis_step_is_kept_but_never_suggested(invoke: Invoke, private_home: Path) -> None:
    invoke(["ladder", "add", "Take all my pills at once", "--difficulty", "1"])
    saved = journal(private_home)
    (step,) = saved.ladder.custom_steps
    assert step.title == "Take all my pills at once"
    assert step.id in saved.ladder.not_for_me
    assert "Take all my pills" not in invoke(["ladder"]).rich.split("Next")[-1]


def test_an_answers_file_is_screened(invoke: Invoke, private_home: Path, tmp_path: Path) -> None:
    answers = tmp_path / "plan.json"
    answers.write_text(
        '{"place": "Soft play", "if_then": "If she talks, I\'ll smile", '
        '"fear": "I\'ll lose it and hurt the baby"}',
        encoding="utf-8",
    )
    result = invoke(["plan", "--answers", str(answers)])
    assert result.exit_code == CRISIS_SHOWN
    assert journal(private_home).plans[0].flagged == ["fear"]


# ---- a flagged plan: never quoted back, not tested the usual way, not an experiment ------------


def test_a_flagged_fear_is_never_quoted_and_never_counted(
    invoke: Invoke, private_home: Path
) -> None:
    fear = "I'll lose it and hurt the baby"
    stopped = invoke(["plan", "--place", "Park", "--setting", "groups", "--fear", fear])
    assert stopped.exit_code == CRISIS_SHOWN
    script = {
        "mood": 3,
        "energy": 4,
        "tried": "yes",
        "anxiety": 5,
        "fear_came_true": "yes",
        "what": "it was fine",
        "learned": "",
        "met_anyone": False,
        "proud": "",
    }
    result = invoke(["checkin"], script=script)
    assert result.exit_code == 0, result.output
    asked = result.prompter.messages
    assert not any(m.startswith("Did what you feared happen?") for m in asked)
    assert not any("hurt the baby" in m for m in asked), "her flagged words are never quoted"
    assert "hurt the baby" not in result.rich
    assert "heavy words" in plain(result.rich)
    review = invoke(["review", "--json"])
    assert '"tested": 0' in review.stdout


def test_a_softly_flagged_if_then_is_not_on_the_plan_card(
    invoke: Invoke, private_home: Path
) -> None:
    args = ["plan", "--place", "Library", "--setting", "groups"]
    result = invoke([*args, "--if-then", "If I can't do this anymore, then I'll leave"])
    assert result.exit_code == 0
    assert "can't do this anymore" not in result.rich
    assert journal(private_home).plans[0].flagged == ["if_then"]


# ---- low mood, by days, once ---------------------------------------------------------------------


def test_low_mood_once_per_spell_then_a_pointer_then_quiet(
    invoke: Invoke, private_home: Path
) -> None:
    invoke(["init", "--region", "ie"])
    shown = []
    for day, mood in (
        ("2026-11-10", 2),
        ("2026-11-11", 1),
        ("2026-11-12", 2),
        ("2026-11-13", 1),  # the fourth low day: the full message
        ("2026-11-14", 2),  # the spell goes on: one line
        ("2026-11-15", 4),
    ):
        from datetime import datetime

        now = datetime.fromisoformat(f"{day}T20:30")
        shown.append(plain(invoke(["checkin", "--mood", str(mood)], now=now).rich))
    assert ["health visitor" in s for s in shown] == [False, False, False, True, False, False]
    assert "mumcoach support" in shown[4] and "Samaritans" not in shown[4]
    assert "mumcoach support" in shown[5]  # still four low days in the fortnight
    later = datetime.fromisoformat("2026-11-28T20:30")  # the low days have left the window
    quiet = plain(invoke(["checkin", "--mood", "4"], now=later).rich)
    assert "mumcoach support" not in quiet and "health visitor" not in quiet
    assert journal(private_home).low_mood_noted is None


def test_four_low_checkins_a_month_apart_are_not_lately(invoke: Invoke) -> None:
    from datetime import datetime

    for day in ("2026-08-01", "2026-09-01", "2026-10-01", "2026-11-01"):
        result = invoke(["checkin", "--mood", "1"], now=datetime.fromisoformat(f"{day}T20:00"))
        assert "mumcoach support" not in result.rich and "midwife" not in result.rich


def test_words_the_screen_heard_are_not_memory_cues(invoke: Invoke, private_home: Path) -> None:
    place = ["--place", "Hartbeeps", "--setting", "classes"]
    invoke(["plan", *place, "--date", "2026-11-19"])
    invoke(["checkin", "--date", "2026-11-19", "--mood", "3", "--met", "Priya"])
    invoke(["people", "note", "Priya", "she said she wants to die"])  # stopped, but kept
    invoke(["people", "note", "Priya", "moving to Leeds"])
    card = plain(invoke(["plan", *place]).rich)
    assert "Priya" in card and "wants to die" not in card
