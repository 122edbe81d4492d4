"""Measure startup and a review over years of data, side by side in one run.

    python benchmarks/bench.py [--years 5] [--runs 7]

Machines here are shared and noisy, so every number is the median of several runs taken
interleaved, and the report quotes ratios against a bare `python -c pass` from the same run.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from mumcoach.models import CheckIn, Interaction, Journal, Person, Place, Plan, Profile
from mumcoach.store import JOURNAL_NAME, atomic_write

STEPS = [
    "find-a-group",
    "stay-the-session",
    "smile-and-eye-contact",
    "say-hello",
    "ask-open-question",
    "go-back",
    "greet-by-name",
    "sit-and-chat",
    "share-something-true",
]


def synthetic_journal(years: int, seed: int = 7) -> Journal:
    """A daily check-in for `years`, plans three times a week, about 150 people met."""
    rng = random.Random(seed)
    end = date(2026, 11, 21)
    start = end - timedelta(days=365 * years)
    journal = Journal(profile=Profile(name="Bench", region="uk", created=start))
    journal.places = [Place(name=f"Group {n}", setting="groups", created=start) for n in range(10)]
    journal.people = [
        Person(name=f"Parent {n}", child=f"Child {n}", child_age="1y", created=start)
        for n in range(150)
    ]
    day = start
    while day <= end:
        plan = None
        if day.weekday() in (1, 3, 5):
            plan = Plan(
                date=day,
                created_at=datetime.combine(day, datetime.min.time()),
                place_id=rng.choice(journal.places).id,
                setting="groups",
                step_id=rng.choice(STEPS),
                fear="No one will talk to me",
                likelihood=rng.randint(10, 90),
                expected_anxiety=rng.randint(1, 9),
                energy=rng.randint(2, 9),
            )
            journal.plans.append(plan)
        interactions = [
            Interaction(
                person_id=(p := rng.choice(journal.people)).id,
                name=p.name,
                detail="Talked about sleep",
                minutes=rng.randint(1, 60),
                started_by=rng.choice(["me", "them"]),
                swapped_numbers=rng.random() < 0.1,
                meetup=rng.random() < 0.05,
                invited=rng.random() < 0.05,
                invited_me=rng.random() < 0.05,
                liked_them=rng.randint(3, 7),
                they_liked_me=rng.randint(2, 6),
            )
            for _ in range(rng.choice([0, 1, 1, 2, 3]))
        ]
        journal.checkins.append(
            CheckIn(
                date=day,
                created_at=datetime.combine(day, datetime.min.time()),
                plan_id=plan.id if plan else None,
                tried=rng.choice(["yes", "partly", "no"]) if plan else None,
                actual_anxiety=rng.randint(0, 8) if plan else None,
                fear_came_true=rng.choice(["yes", "partly", "no", "no"]) if plan else None,
                what="It went fine",
                mood=rng.randint(2, 5),
                energy=rng.randint(1, 9),
                proud="Went",
                interactions=interactions,
            )
        )
        day += timedelta(days=1)
    return journal


def timed(command: list[str], env: dict[str, str]) -> float:
    began = time.perf_counter()
    subprocess.run(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
    )
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as empty_home, tempfile.TemporaryDirectory() as big_home:
        journal = synthetic_journal(args.years)
        atomic_write(Path(big_home) / JOURNAL_NAME, journal.model_dump_json().encode())
        size_kb = (Path(big_home) / "journal.json").stat().st_size // 1024
        py = sys.executable
        cli = [py, "-m", "mumcoach"]
        cases = {
            "python -c pass (baseline)": ([py, "-c", "pass"], empty_home),
            "mumcoach --version": ([*cli, "--version"], empty_home),
            "mumcoach --help": ([*cli, "--help"], empty_home),
            "mumcoach support": ([*cli, "support"], empty_home),
            "mumcoach doctor (big journal)": ([*cli, "doctor"], big_home),
            "mumcoach review (big journal)": (
                [*cli, "--no-input", "review", "--no-ucla"],
                big_home,
            ),
            "mumcoach review --json (big)": ([*cli, "review", "--json", "--no-ucla"], big_home),
            "mumcoach people --json (big)": ([*cli, "people", "--json"], big_home),
            "mumcoach checkin --mood 3 (big, saves)": (
                [*cli, "--no-input", "checkin", "--mood", "3"],
                big_home,
            ),
            "mumcoach ladder --json (big)": ([*cli, "ladder", "--json"], big_home),
        }
        samples: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(args.runs):  # interleaved, so noise hits every case alike
            for name, (command, home) in cases.items():
                env = dict(os.environ, MUMCOACH_HOME=home, COLUMNS="100")
                samples[name].append(timed(command, env))

    base = statistics.median(samples["python -c pass (baseline)"])
    days = args.years * 365
    print(
        f"journal: {args.years} years, {len(journal.checkins)} check-ins, "
        f"{len(journal.plans)} plans, {sum(len(c.interactions) for c in journal.checkins)} "
        f"interactions, {size_kb} KB ({days} days); median of {args.runs} interleaved runs"
    )
    print(f"{'command':40} {'median ms':>10} {'× python':>9}")
    for name, values in samples.items():
        median = statistics.median(values)
        print(f"{name:40} {median * 1000:10.0f} {median / base:9.1f}")


if __name__ == "__main__":
    main()
