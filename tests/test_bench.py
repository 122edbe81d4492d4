"""The benchmark still runs: one quick round on small journals (its numbers are not checked)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_benchmark_smoke_run_prints_every_row() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--smoke", "--json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    table = done.stdout
    for measure in ("--help", "--version", "review", "checkin", "first question", "peak memory"):
        assert measure in table
    assert "1 year: " in table and "check-ins" in table
    # Without --peer the jrnl rows say how to get them rather than inventing a number.
    assert table.count("run with --peer") == 3
    # The floor under the review row is measured and shown, never judged against a target.
    assert "the floor under that row" in table and "| floor |" in table
    assert "| help |" in table and "| first_question |" in table
