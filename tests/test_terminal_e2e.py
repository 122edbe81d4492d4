"""The real terminal: onboarding → plan → check-in driven with arrow keys and Enter (pexpect)."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pexpect import spawn as Spawn

pexpect = pytest.importorskip("pexpect")

DOWN, UP, ENTER, SPACE = "\x1b[B", "\x1b[A", "\r", " "
MUMCOACH = shutil.which("mumcoach", path=str(Path(sys.executable).parent)) or "mumcoach"


def spawn(home: Path, *args: str) -> Spawn:
    env = dict(os.environ, MUMCOACH_HOME=str(home), TERM="xterm", COLUMNS="100", LINES="40")
    env["PROMPT_TOOLKIT_NO_CPR"] = "1"  # no cursor-position round trips to wait for
    env.pop("MUMCOACH_PROMPTS", None)
    child = pexpect.spawn(
        MUMCOACH, list(args), env=env, encoding="utf-8", timeout=20, dimensions=(40, 100)
    )
    return child


def answer(child: Spawn, prompt: str, keys: str) -> None:
    child.expect(prompt)
    child.send(keys)


def last_line_with(output: str, text: str) -> str:
    """The last line of terminal output holding `text`, as seen (escape sequences removed)."""
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", output)
    return [line for line in re.split(r"[\r\n]+", plain) if text in line][-1].strip()


def finish(child: Spawn) -> str:
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    return str(child.before)


@pytest.mark.slow
def test_onboarding_plan_checkin_in_a_real_terminal(private_home: Path) -> None:
    # Onboarding starts by itself on the first plan.
    child = spawn(private_home, "plan")
    answer(child, "call you", "Amy" + ENTER)
    answer(child, "Where are you", DOWN + ENTER)  # uk → ie
    answer(child, "child's name", "Jasper" + ENTER)
    answer(child, "how old", "8 months" + ENTER)
    answer(child, "Anyone else", "n")
    answer(child, "not for you", DOWN * 5 + SPACE + ENTER)  # tick "hosting"
    answer(child, "own words", "One mum friend for coffee" + ENTER)
    for _ in range(4):
        answer(child, "How hard", "2" + ENTER)  # typed digits on each sample step
    # The plan itself.
    answer(child, "Where are you going", ENTER)  # "Somewhere new…"
    answer(child, "called", "Hartbeeps" + ENTER)
    answer(child, "kind of place", DOWN + ENTER)  # groups → classes
    answer(child, "When is it", ENTER)  # no schedule: the plan is for today
    answer(child, "energy today", "4" + ENTER)
    answer(child, "Which step", ENTER)  # the suggested step
    answer(child, "if-then plan", ENTER)  # keep the pre-filled template
    answer(child, "worried", "She'll think I'm odd" + ENTER)
    answer(child, "How likely", "60" + ENTER)
    answer(child, "expect to feel", DOWN * 7 + ENTER)  # skip → 0 … 6 with the arrows
    card = finish(child)
    assert "Plan for" in card and "Hartbeeps" in card

    child = spawn(private_home, "checkin")
    answer(child, "mood today", DOWN + ENTER)  # 3 → 4
    answer(child, "energy today", ENTER)  # Enter on "skip": no number she did not choose
    answer(child, "try your step", ENTER)  # yes
    answer(child, "actually feel", "3" + ENTER)
    answer(child, "what you feared happen", DOWN * 2 + ENTER)  # no
    answer(child, "What happened", "Said hello by the mats" + ENTER)
    answer(child, "learned", ENTER)
    answer(child, "meet or chat", "y")
    answer(child, "their name", "Sarah" + ENTER)
    answer(child, "child's name", "Ava" + ENTER)
    answer(child, "how old", "2y" + ENTER)
    answer(child, "Where did you meet", ENTER)  # pre-filled: Hartbeeps
    answer(child, "detail to remember", "Moving to Dubai" + ENTER)
    answer(child, "how many minutes", "15" + ENTER)
    answer(child, "Who started", ENTER)  # me
    answer(child, "Any of these", SPACE + ENTER)  # swapped numbers
    answer(child, "like them", "6" + ENTER)
    answer(child, "liked you", ENTER)  # skipped
    answer(child, "follow up", "Ask about Dubai" + ENTER)
    answer(child, "By when", ENTER)  # offered: in three days
    answer(child, "Anyone else", "n")
    # the day Enter kept stays on screen where she would have typed, not an empty answer
    kept = last_line_with(str(child.before), "By when")
    offered = re.search(r"Enter for (.+?), or none\)", kept)
    assert offered is not None and kept.endswith(f"or none) {offered.group(1)}"), kept
    answer(child, "proud of", "I went" + ENTER)
    reflection = finish(child)
    assert "didn't happen" in reflection
    assert "Next time" in reflection

    saved = json.loads((private_home / "journal.json").read_text())
    assert saved["profile"]["region"] == "ie"
    assert saved["profile"]["not_for_me"] == ["hosting"]
    assert saved["profile"]["children"][0]["age"] == "8m"
    assert all(rating == 2 for rating in saved["ladder"]["ratings"].values())
    (place,) = saved["places"]
    assert (place["name"], place["setting"], place.get("recurring")) == (
        "Hartbeeps",
        "classes",
        None,
    )
    (plan,) = saved["plans"]
    assert (plan["energy"], plan["likelihood"], plan["expected_anxiety"]) == (4, 60, 6)
    assert plan["if_then"].startswith("If ")
    (checkin,) = saved["checkins"]
    assert checkin["plan_id"] == plan["id"]
    assert (checkin["tried"], checkin["actual_anxiety"], checkin["fear_came_true"]) == (
        "yes",
        3,
        "no",
    )
    assert (checkin["mood"], checkin.get("energy"), checkin["proud"]) == (4, None, "I went")
    (met,) = checkin["interactions"]
    assert (met["name"], met["child"], met["child_age"], met["where"]) == (
        "Sarah",
        "Ava",
        "2y",
        "Hartbeeps",
    )
    assert (met["minutes"], met["started_by"], met["swapped_numbers"]) == (15, "me", True)
    assert (met["liked_them"], met.get("they_liked_me")) == (6, None)
    assert met["follow_up_due"] is not None


@pytest.mark.slow
def test_ctrl_c_in_a_real_terminal_saves_nothing_and_keeps_the_answers(
    private_home: Path,
) -> None:
    child = spawn(private_home, "checkin")
    answer(child, "call you", "Amy" + ENTER)
    child.expect("Where are you")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "your answers so far are kept; run `mumcoach checkin` to carry on." in " ".join(
        str(child.before).split()
    )
    assert "Traceback" not in str(child.before)
    assert not (private_home / "journal.json").exists()
    assert (private_home / "drafts" / "init.json").exists()


@pytest.mark.slow
def test_no_terminal_never_hangs_or_prints_escape_codes(private_home: Path) -> None:
    import subprocess

    env = dict(os.environ, MUMCOACH_HOME=str(private_home))
    done = subprocess.run(
        [MUMCOACH, "checkin"],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 7
    assert "--mood" in done.stderr
    assert "\x1b" not in done.stdout + done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_people_did_you_mean_follow_up_picker_and_merge_in_a_real_terminal(
    private_home: Path, tmp_path: Path
) -> None:
    from mumcoach.store import Store

    answers = tmp_path / "met.toml"
    answers.write_text(
        'mood = 4\n[[people]]\nname = "Sarah"\nchild = "Isla"\nchild_age = "4m"\n'
        'follow_up = "send the sling link"\n[[people]]\nname = "drum mum"\nchild = "Noah"\n'
        'follow_up = "ask about drumming"\n'
    )
    child = spawn(private_home, "--no-input", "checkin", "--answers", str(answers))
    finish(child)
    child = spawn(private_home, "people", "add", "Hannah", "--child", "Noah")
    finish(child)

    child = spawn(private_home, "people", "note", "Sarha", "likes jazz")
    answer(child, r"Did you mean Sarah \(Isla, 4m\)", ENTER)  # Enter is yes
    assert "Noted for Sarah." in finish(child)

    child = spawn(private_home, "people", "done", "Noah's mum")
    answer(child, "Which one do you mean", DOWN + ENTER)  # drum mum, then Hannah: pick Hannah
    assert "Nothing open with Hannah" in finish(child)

    child = spawn(private_home, "people", "merge", "drum", "Hannah")
    child.expect("1 chat and 1 open follow-up move to Hannah's card")
    answer(child, "Merge them", "y")
    assert "Merged" in finish(child)
    journal = Store(private_home).load()
    assert sorted(p.name for p in journal.people) == ["Hannah", "Sarah"]
    sarah = next(p for p in journal.people if p.name == "Sarah")
    assert [n.text for n in sarah.notes] == ["likes jazz"]
