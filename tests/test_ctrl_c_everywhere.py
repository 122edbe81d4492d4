"""Ctrl-C at every prompt of init, plan and checkin in a real terminal, then carry on: nothing lost.

For each prompt: run the command, answer up to that prompt, press Ctrl-C; the screen says what
was kept; run it again, carry on (Enter), and only the questions from that prompt on are asked;
the saved record holds every answer, exactly once, and the draft is gone.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pexpect import spawn as Spawn

pexpect = pytest.importorskip("pexpect")

from sampling import sample  # noqa: E402
from test_terminal_e2e import DOWN, ENTER, SPACE, spawn  # noqa: E402

from mumcoach.store import Store  # noqa: E402

# (what the prompt says, keys to answer it, index of the prompt a resumed run starts at)
Step = tuple[str, str, int]


def steps(*pairs: tuple[str, str] | tuple[str, str, int]) -> list[Step]:
    return [(p[0], p[1], p[2] if len(p) == 3 else i) for i, p in enumerate(pairs)]


INIT = steps(
    ("call you", "Amy" + ENTER),
    ("Where are you", DOWN + ENTER),  # ie
    ("child's name", "Jasper" + ENTER),
    ("how old", "3" + ENTER),
    ("weeks, months or years", DOWN + ENTER, 3),  # years; kept with the age
    ("Anyone else", "n"),
    ("not for you", DOWN * 5 + SPACE + ENTER),  # hosting
    ("own words", "One mum friend" + ENTER),
    # the same words four times: wait for an unanswered one (its pointer, »)
    ("How hard.*?»", "2" + ENTER),
    ("How hard.*?»", "4" + ENTER),
    ("How hard.*?»", "6" + ENTER),
    ("How hard.*?»", "8" + ENTER),
)
PLAN = steps(
    ("Where are you going", ENTER),  # somewhere new
    ("called", "Hartbeeps" + ENTER),
    ("kind of place", DOWN + ENTER),  # classes
    ("When is it", ENTER),  # no schedule: the plan is for today
    ("energy today", "4" + ENTER),
    ("Which step", ENTER),
    ("if-then plan", ENTER),
    ("worried", "She'll think I'm odd" + ENTER),
    ("How likely", "sixty" + ENTER),
    ("expect to feel", "5" + ENTER),
)
CHECKIN = steps(
    ("mood today", DOWN + ENTER),  # 4
    ("energy today", "5" + ENTER),
    ("try your step", ENTER),  # yes
    ("actually feel", "3" + ENTER),
    ("what you feared happen", DOWN * 2 + ENTER),  # no
    ("What happened", "Said hello by the mats" + ENTER),
    ("learned", ENTER),
    ("meet or chat", "y"),
    ("their name", "Sarah" + ENTER),
    ("child's name", "Ava" + ENTER),
    ("how old", "2y" + ENTER),
    ("Where did you meet", ENTER),
    ("detail to remember", "Moving to Dubai" + ENTER),
    ("how many minutes", "half an hour" + ENTER),
    ("Who started", ENTER),  # me
    ("Any of these", SPACE + ENTER),  # swapped numbers
    ("like them", "6" + ENTER),
    ("liked you", "5" + ENTER),
    ("follow up", "Ask about Dubai" + ENTER),
    ("By when", ENTER),
    ("Anyone else", "n"),
    ("proud of", "I went" + ENTER),
)


def finish(child: Spawn) -> tuple[int, str]:
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus, " ".join(str(child.before).split())


def interrupt_then_resume(
    home: Path, command: str, script: list[Step], stop: int, check: Callable[[Store], None]
) -> None:
    child = spawn(home, command)
    for prompt, keys, _ in script[:stop]:
        child.expect(prompt)
        child.send(keys)
    child.expect(script[stop][0])
    child.sendintr()
    code, shown = finish(child)
    assert code == 130, (stop, shown)
    resume_at = script[stop][2]
    if resume_at == 0:
        assert "Cancelled — nothing was saved." in shown
    else:
        assert f"your answers so far are kept; run `mumcoach {command}` to carry on." in shown
    assert "Traceback" not in shown

    child = spawn(home, command)
    if resume_at:
        child.expect("You have an unfinished")
        child.send(ENTER)  # carry on
        child.expect("Carrying on with the")
    for prompt, keys, _ in script[resume_at:]:
        child.expect(prompt)
        child.send(keys)
    code, shown = finish(child)
    assert code == 0, (stop, shown)
    check(Store(home))
    assert not (home / "drafts" / f"{command}.json").exists()


def run_everywhere(
    home: Path, tmp: Path, command: str, script: list[Step], check: Callable[[Store], None]
) -> None:
    start = tmp / "start"
    if home.exists():
        shutil.copytree(home, start)
    # the first and last prompts and a few between (every prompt with MUMCOACH_EXHAUSTIVE=1)
    for stop in sample(range(len(script)), keep=(0, len(script) - 1), extra=3):
        if home.exists():
            shutil.rmtree(home)
        if start.exists():
            shutil.copytree(start, home)
        interrupt_then_resume(home, command, script, stop, check)


def check_profile(store: Store) -> None:
    profile = store.load().profile
    assert profile is not None
    assert (profile.name, profile.region, profile.not_for_me) == ("Amy", "ie", ["hosting"])
    assert [(c.name, c.age) for c in profile.children] == [("Jasper", "3y")]
    assert sorted(store.load().ladder.ratings.values()) == [2, 4, 6, 8]


def check_plan(store: Store) -> None:
    (plan,) = store.load().plans
    (place,) = store.load().places
    assert (place.name, place.setting) == ("Hartbeeps", "classes")
    assert (plan.energy, plan.fear, plan.likelihood, plan.expected_anxiety) == (
        4,
        "She'll think I'm odd",
        60,
        5,
    )


def check_checkin(store: Store) -> None:
    (checkin,) = store.load().checkins
    assert (checkin.tried, checkin.actual_anxiety, checkin.fear_came_true) == ("yes", 3, "no")
    assert (checkin.what, checkin.mood, checkin.energy, checkin.proud) == (
        "Said hello by the mats",
        4,
        5,
        "I went",
    )
    (met,) = checkin.interactions
    assert (met.name, met.child, met.child_age, met.detail) == (
        "Sarah",
        "Ava",
        "2y",
        "Moving to Dubai",
    )
    assert (met.minutes, met.started_by, met.swapped_numbers) == (30, "me", True)
    assert (met.liked_them, met.they_liked_me, met.follow_up) == (6, 5, "Ask about Dubai")


def cli(home: Path, *args: str) -> None:
    import subprocess
    import sys

    env = dict(os.environ, MUMCOACH_HOME=str(home))
    subprocess.run([sys.executable, "-m", "mumcoach", "--no-input", *args], env=env, check=True)


@pytest.mark.slow
def test_ctrl_c_at_every_prompt_of_init(private_home: Path, tmp_path: Path) -> None:
    run_everywhere(private_home, tmp_path, "init", INIT, check_profile)


@pytest.mark.slow
def test_ctrl_c_at_every_prompt_of_plan(private_home: Path, tmp_path: Path) -> None:
    cli(private_home, "init", "--region", "uk")
    run_everywhere(private_home, tmp_path, "plan", PLAN, check_plan)


@pytest.mark.slow
def test_ctrl_c_at_every_prompt_of_checkin(private_home: Path, tmp_path: Path) -> None:
    cli(private_home, "init", "--region", "uk")
    cli(private_home, "plan", "--place", "Hartbeeps", "--setting", "classes", "--fear", "odd")
    run_everywhere(private_home, tmp_path, "checkin", CHECKIN, check_checkin)
