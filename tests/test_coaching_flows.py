"""The coaching loop end to end through the CLI: scripted prompter, flags and answers files."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from conftest import Invoke, plain

from mumcoach.coach.ladder import build_history, suggest
from mumcoach.content import load_content
from mumcoach.flows.plan import NEW_PLACE, OTHER_STEP
from mumcoach.store import Store

ONBOARDING = {
    "name": "Amy",
    "region": "uk",
    "child_name": ["Jasper"],
    "child_age": ["8 months"],
    "more_children": [False],
    "not_for_me": [["hosting"]],
    "goal": "One mum friend to have coffee with",
    "rate:smile-and-eye-contact": 1,
    "rate:ask-open-question": 2,
    "rate:sit-and-chat": 6,
    "rate:invite-play-date": 9,
}


def journal(home: Path):  # type: ignore[no-untyped-def]
    return Store(home).load()


def scripted_onboarding(content_ids: list[str]) -> dict[str, object]:
    """ONBOARDING with rating answers for exactly the steps onboarding samples."""
    script = {k: v for k, v in ONBOARDING.items() if not k.startswith("rate:")}
    for number, step_id in enumerate(content_ids):
        script[f"rate:{step_id}"] = [1, 2, 6, 9][number % 4]
    return script


def placement_ids() -> list[str]:
    from mumcoach.coach.ladder import ratings_for_placement

    return ratings_for_placement(load_content())


def test_init_scripted_saves_the_profile_and_places_her(invoke: Invoke, private_home: Path) -> None:
    result = invoke(["init"], script=scripted_onboarding(placement_ids()))
    assert result.exit_code == 0, result.output
    saved = journal(private_home)
    assert saved.profile is not None
    assert saved.profile.name == "Amy"
    assert saved.profile.region == "uk"
    assert [(c.name, c.age) for c in saved.profile.children] == [("Jasper", "8m")]
    assert saved.profile.not_for_me == ["hosting"]
    assert saved.profile.goal == "One mum friend to have coffee with"
    assert len(saved.ladder.ratings) == len(placement_ids())
    assert saved.ladder.start_step is not None
    assert "Welcome, Amy." in result.rich
    assert "not therapy" in result.rich


def test_init_by_flags_then_rerun_keeps_everything(invoke: Invoke, private_home: Path) -> None:
    first = invoke(
        [
            "init",
            "--name",
            "Amy",
            "--region",
            "ie",
            "--child",
            "Jasper:8m",
            "--not-for-me",
            "hosting",
            "--goal",
            "A walking buddy",
            "--rate",
            "say-hello=2",
        ]
    )
    assert first.exit_code == 0, first.output
    again = invoke(["init", "--child", "Max:3y", "--child", "jasper:9m", "--goal", "Coffee"])
    assert again.exit_code == 0, again.output
    profile = journal(private_home).profile
    assert profile is not None
    assert profile.name == "Amy" and profile.region == "ie"
    assert [(c.name, c.age) for c in profile.children] == [("Jasper", "9m"), ("Max", "3y")]
    assert profile.not_for_me == ["hosting"]
    assert profile.goal == "Coffee"
    assert profile.updated == date(2026, 11, 21)
    assert journal(private_home).ladder.ratings == {"say-hello": 2}


def test_first_plan_runs_onboarding_then_plans(invoke: Invoke, private_home: Path) -> None:
    script = scripted_onboarding(placement_ids())
    script.update(
        {
            "place": NEW_PLACE,
            "new_place": "Hartbeeps",
            "setting": "classes",
            "recurring": "Tuesdays 10:00",
            "energy": 6,
            "step": OTHER_STEP,
            "other_step": "say-hello",
            "if_then": "If I sit near someone, then I'll say hello.",
            "fear": "She'll ignore me",
            "likelihood": "70",
            "expect": 5,
        }
    )
    result = invoke(["plan"], script=script)
    assert result.exit_code == 0, result.output
    assert result.prompter.unused() == {}
    saved = journal(private_home)
    assert saved.profile is not None and saved.profile.name == "Amy"
    (place,) = saved.places
    assert (place.name, place.setting, place.recurring) == (
        "Hartbeeps",
        "classes",
        "Tuesdays 10:00",
    )
    (plan,) = saved.plans
    assert plan.step_id == "say-hello"
    assert plan.place_id == place.id
    assert (plan.fear, plan.likelihood, plan.expected_anxiety, plan.energy) == (
        "She'll ignore me",
        70,
        5,
        6,
    )
    assert plan.safety_behaviour == "scripting lines in your head"
    assert len(plan.openers) == 3
    # a plan for a weekly place is for its next session, not the day it is made
    assert (plan.date, str(plan.time)) == (date(2026, 11, 24), "10:00:00")
    assert "Plan for Tuesday 24 November, 10:00 at Hartbeeps" in result.rich
    assert "She'll ignore me (70% likely)" in result.rich
    # made on Saturday for Tuesday: nothing on the card says "today" or "tonight"
    card = result.rich[result.rich.index("Plan for") :]
    assert "today" not in card and "tonight" not in card, card


def test_plan_by_flags_prints_json_with_the_reason(invoke: Invoke, private_home: Path) -> None:
    result = invoke(
        [
            "plan",
            "--place",
            "Rhyme time",
            "--setting",
            "groups",
            "--fear",
            "No one talks",
            "--likelihood",
            "40",
            "--expect",
            "4",
            "--energy",
            "7",
            "--date",
            "2026-11-24",
            "--json",
        ]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["schema_version"], data["kind"]) == (1, "plan")
    assert data["date"] == "2026-11-24"
    assert data["place"] == "Rhyme time"
    assert data["step_id"] == data["suggestion"]["id"]
    assert data["suggestion"]["reason"]
    assert data["expected_anxiety"] == 4
    assert journal(private_home).plans[0].id == data["id"]


def test_plan_reuses_a_known_place_by_name(invoke: Invoke, private_home: Path) -> None:
    invoke(["plan", "--place", "Hartbeeps", "--setting", "classes"])
    invoke(["plan", "--place", "hartbeeps"])
    saved = journal(private_home)
    assert len(saved.places) == 1
    assert {p.place_id for p in saved.plans} == {saved.places[0].id}


def plan_then(invoke: Invoke, day: str, step: str = "say-hello", expect: int = 5) -> None:
    result = invoke(
        [
            "plan",
            "--date",
            day,
            "--place",
            "Hartbeeps",
            "--setting",
            "classes",
            "--step",
            step,
            "--fear",
            "She'll ignore me",
            "--likelihood",
            "60",
            "--expect",
            str(expect),
        ]
    )
    assert result.exit_code == 0, result.output


def test_checkin_scripted_tests_the_plan_and_logs_people(
    invoke: Invoke, private_home: Path
) -> None:
    invoke(["init", "--region", "uk"])
    plan_then(invoke, "2026-11-21")
    script = {
        "tried": "yes",
        "anxiety": 3,
        "fear_came_true": "no",
        "what": "Said hello by the mats",
        "learned": "She was nervous too",
        "mood": 4,
        "energy": 5,
        "met_anyone": True,
        "person_name": "Sarah",
        "child": "Jasper",
        "child_age": "8m",
        "where": ...,  # Enter on the pre-filled place of the plan
        "detail": "Moving to Dubai",
        "minutes": "15",
        "started_by": "me",
        "person_flags": [["swapped_numbers"]],
        "liked_them": 6,
        "they_liked_me": 4,
        "follow_up": "Ask about Dubai",
        "follow_up_due": "monday",
        "another_person": False,
        "proud": "I went",
    }
    result = invoke(["checkin"], script=script)
    assert result.exit_code == 0, result.output
    assert result.prompter.unused() == {}
    saved = journal(private_home)
    (checkin,) = saved.checkins
    assert checkin.plan_id == saved.plans[0].id
    assert (checkin.tried, checkin.actual_anxiety, checkin.fear_came_true) == ("yes", 3, "no")
    assert (checkin.mood, checkin.energy, checkin.proud) == (4, 5, "I went")
    (met,) = checkin.interactions
    assert (met.name, met.child, met.child_age, met.minutes) == ("Sarah", "Jasper", "8m", 15)
    assert met.swapped_numbers and not met.meetup and not met.invited
    assert met.where == "Hartbeeps"
    assert met.follow_up_due == date(2026, 11, 23)
    (sarah,) = saved.people
    assert met.person_id == sarah.id and sarah.child == "Jasper"
    assert "60% likely. It didn't happen" in result.rich
    assert "expected 5/10 and it felt 3/10" in result.rich
    assert "You rated Sarah 6/7" in result.rich
    assert "A message you could send Sarah" in plain(result.rich)
    assert "Next time at Hartbeeps:" in result.rich


def test_checkin_matches_a_known_person_and_skips_her_child_questions(
    invoke: Invoke, private_home: Path
) -> None:
    invoke(["checkin", "--mood", "3", "--met", "Sarah"])
    script = {
        "mood": 4,
        "energy": 5,
        "met_anyone": True,
        "person_name": "sarah",
        "where": "Park",
        "detail": "",
        "minutes": "",
        "started_by": "them",
        "person_flags": [[]],
        "liked_them": 5,
        "they_liked_me": 5,
        "follow_up": "",
        "another_person": False,
        "proud": "",
    }
    result = invoke(["checkin"], script=script)
    assert result.exit_code == 0, result.output
    assert "child" not in result.prompter.asked
    saved = journal(private_home)
    assert len(saved.people) == 1
    assert {i.person_id for c in saved.checkins for i in c.interactions} == {saved.people[0].id}


def test_the_next_person_met_is_offered_where_she_met_the_one_before(
    invoke: Invoke, private_home: Path
) -> None:
    invoke(["init", "--region", "uk"])
    two = {"person_name": ["Priya", "Jo"], "child": ["", ""], "child_age": ["", ""]}
    script = {
        **two,
        "mood": 4,
        "energy": 5,
        "met_anyone": True,
        "where": ["Jungle Jim's soft play", ...],  # Enter on what is pre-typed
        "detail": ["", ""],
        "minutes": ["", ""],
        "started_by": ["them", "me"],
        "person_flags": [[], []],
        "liked_them": [None, None],
        "they_liked_me": [None, None],
        "follow_up": ["", ""],
        "another_person": [True, False],
        "proud": "",
    }
    result = invoke(["checkin"], script=script)
    assert result.exit_code == 0, result.output
    (checkin,) = journal(private_home).checkins
    assert [i.where for i in checkin.interactions] == ["Jungle Jim's soft play"] * 2


def test_checkin_from_answers_files_toml_and_json(
    invoke: Invoke, private_home: Path, tmp_path: Path
) -> None:
    plan_then(invoke, "2026-11-20")
    toml_file = tmp_path / "checkin.toml"
    toml_file.write_text(
        'date = "2026-11-20"\ntried = "partly"\nanxiety = 6\nfear_came_true = "partly"\n'
        'mood = 3\nproud = "Stayed the whole session"\n'
        '[[people]]\nname = "Priya"\nchild = "Ava"\nchild_age = "2y"\nminutes = 5\n'
        'invited = true\nfollow_up = "Send the class link"\nfollow_up_due = "2026-11-22"\n'
    )
    result = invoke(["checkin", "--answers", str(toml_file), "--energy", "4"])
    assert result.exit_code == 0, result.output
    json_file = tmp_path / "checkin.json"
    json_file.write_text(json.dumps({"date": "2026-11-21", "mood": 5, "met": ["Jo"]}))
    result = invoke(["checkin", "--answers", str(json_file)])
    assert result.exit_code == 0, result.output
    first, second = journal(private_home).checkins
    assert (first.date, first.tried, first.energy, first.mood) == (
        date(2026, 11, 20),
        "partly",
        4,
        3,
    )
    assert first.interactions[0].invited and first.interactions[0].child_age == "2y"
    assert first.interactions[0].follow_up_due == date(2026, 11, 22)
    assert (second.date, second.mood, second.plan_id) == (date(2026, 11, 21), 5, None)
    assert [i.name for i in second.interactions] == ["Jo"]


def test_backdated_checkin_tests_the_plan_of_that_day(invoke: Invoke, private_home: Path) -> None:
    plan_then(invoke, "2026-11-15")
    result = invoke(["checkin", "--date", "2026-11-16", "--mood", "4", "--tried", "no"])
    assert result.exit_code == 0, result.output
    saved = journal(private_home)
    (checkin,) = saved.checkins
    assert checkin.date == date(2026, 11, 16)
    assert checkin.created_at == datetime(2026, 11, 21, 20, 30)
    assert checkin.plan_id == saved.plans[0].id
    assert checkin.tried == "no"
    assert "Not this time, and that's OK" in result.rich


def test_a_plan_older_than_the_open_window_is_not_tested(
    invoke: Invoke, private_home: Path
) -> None:
    plan_then(invoke, "2026-11-01")
    refused = invoke(["checkin", "--mood", "4", "--tried", "yes"])
    assert (refused.exit_code, refused.output) == (
        2,
        "--tried is about a plan, and there is no plan from 21 Nov 2026 or the days before it "
        "to test.\n",
    )
    assert journal(private_home).checkins == []
    result = invoke(["checkin", "--mood", "4"])
    assert result.exit_code == 0, result.output
    assert journal(private_home).checkins[0].plan_id is None


def test_repeated_success_changes_the_suggestion(invoke: Invoke, private_home: Path) -> None:
    content = load_content()
    before = suggest(build_history(content, journal(private_home)))
    for day in ("2026-11-16", "2026-11-18", "2026-11-20"):
        plan_then(invoke, day, step=before.step_id, expect=2)
        result = invoke(
            [
                "checkin",
                "--date",
                day,
                "--mood",
                "4",
                "--tried",
                "yes",
                "--anxiety",
                "2",
                "--fear-came-true",
                "no",
            ]
        )
        assert result.exit_code == 0, result.output
    mastered = suggest(build_history(content, journal(private_home)))
    # Mastered at a class: try it once somewhere new (science.md §1) before moving up.
    assert (mastered.step_id, mastered.kind) == (before.step_id, "new-setting")
    assert mastered.setting not in (None, "classes")
    invoke(
        [
            "plan",
            "--date",
            "2026-11-21",
            "--place",
            "Elsewhere",
            "--setting",
            str(mastered.setting),
            "--expect",
            "2",
        ]
    )
    invoke(["checkin", "--mood", "4", "--tried", "yes", "--fear-came-true", "no"])
    after = suggest(build_history(content, journal(private_home)))
    # Back at Hartbeeps three times shows "go back to the same group" done, and with it every
    # step below it that is no harder (rules.toml [evidence]): she moves on to an open question.
    assert (after.step_id, after.kind) == ("ask-open-question", "shown")
    assert after.reason == (
        "You've gone back to Hartbeeps: you're further along than your ladder knew, so this is "
        "your next step."
    )


def test_ctrl_c_mid_flow_saves_nothing_and_keeps_the_answers(
    invoke: Invoke, private_home: Path
) -> None:
    invoke(["checkin", "--mood", "4"])
    before = (private_home / "journal.json").read_bytes()
    result = invoke(["checkin"], script={"mood": 4, "energy": KeyboardInterrupt()})
    assert result.exit_code == 130
    assert result.output == (
        "Stopped — your answers so far are kept; run `mumcoach checkin` to carry on.\n"
    )
    assert (private_home / "journal.json").read_bytes() == before
    assert (private_home / "drafts" / "checkin.json").exists()


def test_ctrl_c_at_the_first_question_says_nothing_was_saved(
    invoke: Invoke, private_home: Path
) -> None:
    invoke(["checkin", "--mood", "4"])
    result = invoke(["checkin"], script={"mood": KeyboardInterrupt()})
    assert (result.exit_code, result.output) == (130, "Cancelled — nothing was saved.\n")
    assert not (private_home / "drafts" / "checkin.json").exists()


def test_ctrl_c_during_first_onboarding_leaves_no_journal(
    invoke: Invoke, private_home: Path
) -> None:
    result = invoke(["plan"], script={"name": "Amy", "region": KeyboardInterrupt()})
    assert result.exit_code == 130
    assert not (private_home / "journal.json").exists()


def test_bad_values_exit_2_name_the_key_and_save_nothing(
    invoke: Invoke, private_home: Path, tmp_path: Path
) -> None:
    cases = [
        (["checkin", "--mood", "9"], "mood (--mood) must be a whole number from 1 to 5"),
        (["checkin", "--mood", "3", "--date", "someday"], "date (--date) must be a date"),
        (["plan", "--likelihood", "150"], "likelihood (--likelihood) must be a whole number"),
        (["plan", "--step", "fly-to-the-moon"], "unknown step"),
        (["init", "--region", "mars"], "region (--region) must be one of: uk, ie, us, au, ca"),
        (["init", "--child", "Jasper:soon"], "must be an age like"),
        (["init", "--child", "Jasper:8"], "child (--child) needs a unit: 8 weeks, months or"),
        (["init", "--child", "Jasper:1"], "needs a unit: 1 week, month or year (e.g. 1m)."),
    ]
    for args, message in cases:
        result = invoke(args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output, (args, result.output)
    bad = tmp_path / "bad.toml"
    bad.write_text('mood = 3\nfeeling = "meh"\n')
    result = invoke(["checkin", "--answers", str(bad)])
    assert result.exit_code == 2 and "Unknown key 'feeling'" in result.output
    bad.write_text('mood = 3\n[[people]]\nname = "Sarah"\nliked_them = 8\n')
    result = invoke(["checkin", "--answers", str(bad)])
    assert (
        result.exit_code == 2
        and "people[0].liked_them must be a whole number from 1 to 7." in result.output
    )
    bad.write_text('mood = 3\ntried = "maybe"\n')
    plan_then(invoke, "2026-11-21")
    result = invoke(["checkin", "--answers", str(bad)])
    assert result.exit_code == 2 and "must be one of: yes, partly, no" in result.output
    assert journal(private_home).checkins == []


def test_missing_required_answer_without_a_terminal_names_the_flag(
    invoke: Invoke, private_home: Path
) -> None:
    result = invoke(["checkin", "--energy", "5"])
    assert result.exit_code == 7
    assert "Pass --mood" in result.output
    assert not (private_home / "journal.json").exists()


def test_crisis_words_stop_coaching_show_help_and_keep_the_entry(
    invoke: Invoke, private_home: Path
) -> None:
    invoke(["init", "--region", "uk"])
    plan_then(invoke, "2026-11-21")
    script = {
        "mood": 1,
        "energy": 2,
        "tried": "yes",
        "anxiety": 5,
        "fear_came_true": "no",
        "what": "Honestly I keep thinking everyone would be better off if I killed myself",
        "learned": "never asked",
    }
    result = invoke(["checkin"], script=script)
    assert result.exit_code == 10, result.output  # coaching stopped: a script can tell
    assert result.prompter.asked[0] == "mood"  # the worst days are never missing from the trend
    assert result.prompter.asked[-1] == "what"
    assert "learned" in result.prompter.unused()
    text = result.rich
    assert "999" in text and "116 123" in text
    assert text.index("999") < text.index("116 123")
    assert "Next time" not in text
    (checkin,) = journal(private_home).checkins
    assert checkin.what is not None and "killed myself" in checkin.what
    assert (checkin.mood, checkin.energy, checkin.actual_anxiety) == (1, 2, 5)
    assert checkin.flagged == ["what"]


def test_crisis_words_in_a_flag_show_help_at_once(invoke: Invoke, private_home: Path) -> None:
    result = invoke(["checkin", "--mood", "2", "--proud", "nothing, I want to hurt my baby"])
    assert result.exit_code == 10
    assert "your local emergency number" in result.rich
    assert journal(private_home).checkins[0].proud == "nothing, I want to hurt my baby"


def test_low_mood_run_shows_a_kind_signpost(invoke: Invoke, private_home: Path) -> None:
    invoke(["init", "--region", "us"])
    for day, mood in (("2026-11-17", 2), ("2026-11-18", 1), ("2026-11-19", 4), ("2026-11-20", 2)):
        result = invoke(["checkin", "--date", day, "--mood", str(mood)])
        assert "health visitor" not in result.rich
    result = invoke(["checkin", "--date", "2026-11-21", "--mood", "2"])
    assert "Your doctor or midwife" in result.rich  # US wording: no health visitors there
    assert "health visitor" not in result.rich and "988" in result.rich


def test_reciprocity_note_is_said_once_after_three_unreturned_invitations(
    invoke: Invoke, private_home: Path, tmp_path: Path
) -> None:
    answers = tmp_path / "a.toml"
    answers.write_text('mood = 4\n[[people]]\nname = "Sarah"\ninvited = true\n')
    outputs = [invoke(["checkin", "--answers", str(answers)]).rich for _ in range(4)]
    said = ["silence is not proof of rejection" in plain(text) for text in outputs]
    assert said == [False, False, True, False]
    assert journal(private_home).people[0].reciprocity_noted


def test_crisis_words_in_a_plan_keep_the_plan_and_show_help(
    invoke: Invoke, private_home: Path
) -> None:
    invoke(["init", "--region", "au"])
    result = invoke(["plan", "--place", "Park", "--fear", "I keep thinking about ending my life"])
    assert result.exit_code == 10, result.output
    assert "000" in result.rich
    assert "Plan for" not in result.rich
    (plan,) = journal(private_home).plans
    assert plan.fear == "I keep thinking about ending my life"


def test_crisis_words_in_the_goal_save_the_profile_and_show_help(
    invoke: Invoke, private_home: Path
) -> None:
    result = invoke(["init", "--region", "ca", "--goal", "honestly I want to die"])
    assert result.exit_code == 10, result.output
    assert "911" in result.rich and "Welcome" not in result.rich
    profile = journal(private_home).profile
    assert profile is not None and profile.goal == "honestly I want to die"
    assert profile.region == "ca"


def test_an_online_steps_own_full_stop_is_not_doubled_when_quoted(
    invoke: Invoke, private_home: Path
) -> None:
    assert invoke(["init", "--name", "Bea", "--not-for-me", "groups"]).exit_code == 0
    made = invoke(["plan", "--place", "Mums of Leeds", "--setting", "online"])
    assert made.exit_code == 0, made.output
    result = invoke(["checkin", "--mood", "3", "--tried", "yes"])
    assert result.exit_code == 0, result.output
    said = plain(result.rich)
    assert 'Next time at Mums of Leeds: "' in said
    assert '.".' not in said and '."' not in said


def test_a_back_dated_checkin_names_its_day_not_today(invoke: Invoke, private_home: Path) -> None:
    late = invoke(["checkin", "--date", "2026-11-19", "--mood", "3"])
    assert late.exit_code == 0, late.output
    assert "Thursday 19 November" in late.rich and "Today" not in late.rich
    tonight = invoke(["checkin", "--mood", "4"])
    assert tonight.exit_code == 0, tonight.output
    assert "Today" in tonight.rich


def test_her_words_print_as_typed_not_as_markup(invoke: Invoke, private_home: Path) -> None:
    """A place or a fear with square brackets keeps them on the plan card and in the title."""
    invoke(["init", "--region", "uk", "--name", "Jo"])
    result = invoke(
        ["plan", "--place", "[Baby] group", "--setting", "groups", "--fear", "[nobody] talks"]
    )
    assert result.exit_code == 0, result.output
    assert "at [Baby] group" in result.rich
    assert "[nobody] talks" in result.rich
