"""Measure mumcoach as installed, side by side with its references, as paired ratios in one run.

    python benchmarks/bench.py            # the table, against Typer and a bare questionary app
    python benchmarks/bench.py --peer     # also against jrnl (installed into its own venv)
    python benchmarks/bench.py --smoke    # a quick run on small journals, in this Python

mumcoach is built as a wheel and installed into its own virtual environment (benchmarks/.venvs),
as a person would have it; `--peer` installs jrnl from PyPI into another. Realistic journals of
10 and 50 years are generated (benchmarks/journals.py) and jrnl gets one of the same size.

Every round runs every case once, in a shuffled order, so the noise of a shared machine falls on
both sides of each ratio alike; each ratio is taken within one round, and the table gives the
median and range over the rounds. Peak memory is the process's own maximum resident set size.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = "Scripts" if os.name == "nt" else "bin"
SAVE_ARGS = ["--no-input", "checkin", "--mood", "4", "--energy", "6", "--proud", "I went."]
JRNL_SAVE_TEXT = "Went to the toddler group. Said hello to two mums by the door."
BARE_APP = """
import questionary
import typer

app = typer.Typer()


@app.command()
def main() -> None:
    questionary.select(
        "How's your mood today, 1 (very low) to 5 (great)?",
        choices=["1", "2", "3", "4", "5"],
        default="3",
    ).unsafe_ask()


app()
"""
# What any review does before its own work: import pydantic and the journal's models, then
# read and validate the journal. Measured so the table shows how much of the review is left.
FLOOR = """
import sys
from mumcoach.launch import without_pydantic_plugins
without_pydantic_plugins()
from mumcoach.models import Journal
from mumcoach.text import may_change
raw = open(sys.argv[1], "rb").read()
Journal.model_validate_json(raw, context=may_change(raw))
"""
JRNL_CONFIG = """\
colors: {{body: none, date: none, tags: none, title: none}}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: true
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: v4.6
"""


@dataclass
class Case:
    """One command, how to put its files back before each run, and what each run measured."""

    command: list[str]
    env: dict[str, str] = field(default_factory=dict)
    prepare: Callable[[], None] = lambda: None
    until: str | None = None  # run in a terminal and stop when this text shows
    seconds: list[float] = field(default_factory=list)
    peak_mib: list[float] = field(default_factory=list)


def sh(*cmd: str | Path, quiet: bool = True) -> str:
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(map(str, cmd))}\n{done.stdout}\n{done.stderr}")
    return done.stdout


def venv(path: Path, *packages: str | Path) -> Path:
    """A virtual environment at `path` with `packages`; returns its bin folder."""
    if not (path / BIN / "python").exists():
        print(f"creating {path} …", file=sys.stderr)
        sh(sys.executable, "-m", "venv", path)
    sh(path / BIN / "python", "-m", "pip", "install", "--quiet", *packages)
    return path / BIN


def install_mumcoach(venvs: Path) -> Path:
    """Build the wheel from this checkout and install it (fresh) into its own venv."""
    dist = Path(tempfile.mkdtemp(prefix="mumcoach-wheel-"))
    sh(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", dist, ROOT)
    (wheel,) = dist.glob("mumcoach-*.whl")
    bin_dir = venv(venvs / "mumcoach", wheel)
    sh(
        bin_dir / "python",
        "-m",
        "pip",
        "install",
        "--quiet",
        "--force-reinstall",
        "--no-deps",
        wheel,
    )
    shutil.rmtree(dist)
    return bin_dir


def measure(case: Case) -> None:
    case.prepare()
    env = {**os.environ, "COLUMNS": "100", "LINES": "40", **case.env}
    if case.until is not None:
        case.seconds.append(until_shown(case, env))
        return
    began = time.perf_counter()
    proc = subprocess.Popen(
        case.command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    case.seconds.append(time.perf_counter() - began)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(case.command)} failed ({proc.returncode}):\n{err.decode()}")
    case.peak_mib.append(usage.ru_maxrss / 1024)  # KiB on Linux


def until_shown(case: Case, env: dict[str, str]) -> float:
    """Seconds from start until `case.until` is on the (pseudo-)terminal, then Ctrl-C."""
    import pexpect

    began = time.perf_counter()
    child = pexpect.spawn(
        case.command[0],
        case.command[1:],
        env=env,
        dimensions=(40, 100),
        timeout=60,
        encoding="utf-8",
    )
    child.expect_exact(case.until)
    elapsed = time.perf_counter() - began
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    return elapsed


def restore(pristine: Path, home: Path) -> Callable[[], None]:
    def put_back() -> None:
        shutil.rmtree(home, ignore_errors=True)
        shutil.copytree(pristine, home)

    return put_back


def generate(python: Path, years: int, home: Path, jrnl: Path | None = None) -> dict[str, int]:
    extra = ["--jrnl", str(jrnl)] if jrnl else []
    out = sh(python, HERE / "journals.py", "--years", str(years), "--home", home, *extra)
    return dict(json.loads(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="rounds (default 9)")
    parser.add_argument("--peer", action="store_true", help="also measure jrnl (installs it)")
    parser.add_argument("--venvs", type=Path, default=HERE / ".venvs")
    parser.add_argument("--smoke", action="store_true", help="1 round, 1 and 2 years, in place")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON too")
    args = parser.parse_args()
    years = (1, 2) if args.smoke else (10, 50)
    runs = 1 if args.smoke else args.runs

    if args.smoke:  # this Python and the mumcoach it imports: no wheel, no venv
        python, mumcoach = Path(sys.executable), [sys.executable, "-m", "mumcoach"]
    else:
        bin_dir = install_mumcoach(args.venvs)
        python, mumcoach = bin_dir / "python", [str(bin_dir / "mumcoach")]
    jrnl = [str(venv(args.venvs / "jrnl", "jrnl==4.6") / "jrnl")] if args.peer else None

    work = Path(tempfile.mkdtemp(prefix="mumcoach-bench-"))
    try:
        table = run_all(work, python, mumcoach, jrnl, years, runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(table["text"])
    if args.json:
        print(json.dumps(table["rows"], indent=1))


def run_all(
    work: Path,
    python: Path,
    mumcoach: list[str],
    jrnl: list[str] | None,
    years: tuple[int, int],
    runs: int,
) -> dict[str, object]:
    small, big = years
    pristine_small, pristine_big = work / "pristine-small", work / "pristine-big"
    jrnl_pristine = work / "jrnl-pristine.txt"
    sizes = {
        small: generate(python, small, pristine_small, jrnl_pristine),
        big: generate(python, big, pristine_big),
    }
    home_small, home_big, home_save, home_ask = (
        work / "small",
        work / "big",
        work / "save",
        work / "ask",
    )
    shutil.copytree(pristine_small, home_small)
    shutil.copytree(pristine_big, home_big)
    (work / "bare_app.py").write_text(BARE_APP, encoding="utf-8")

    def at(home: Path) -> dict[str, str]:
        return {"MUMCOACH_HOME": str(home)}

    review = [*mumcoach, "--no-input", "review", "--no-ucla"]
    cases = {
        "typer": Case([str(python), "-c", "import typer"]),
        "help": Case([*mumcoach, "--help"], at(work / "empty")),
        "version": Case([*mumcoach, "--version"], at(work / "empty")),
        "review_small": Case(review, at(home_small)),
        "review_big": Case(review, at(home_big)),
        "floor": Case([str(python), "-c", FLOOR, str(home_small / "journal.json")]),
        "save": Case([*mumcoach, *SAVE_ARGS], at(home_save), restore(pristine_small, home_save)),
        "bare_question": Case([str(python), str(work / "bare_app.py")], until="»"),
        "first_question": Case(
            [*mumcoach, "checkin"], at(home_ask), restore(pristine_small, home_ask), until="»"
        ),
    }
    if jrnl is not None:
        journal_txt, config = work / "jrnl.txt", work / "jrnl.yaml"
        config.write_text(JRNL_CONFIG.format(journal=journal_txt), encoding="utf-8")
        jrnl_cmd = [*jrnl, "--config-file", str(config)]

        def put_back_jrnl() -> None:
            shutil.copyfile(jrnl_pristine, journal_txt)

        put_back_jrnl()
        cases["jrnl_read"] = Case([*jrnl_cmd, "-n", "10"])
        cases["jrnl_save"] = Case([*jrnl_cmd, JRNL_SAVE_TEXT], prepare=put_back_jrnl)

    order = list(cases)
    shuffle = random.Random(13)
    for n in range(runs):
        shuffle.shuffle(order)
        for name in order:
            measure(cases[name])
        print(f"round {n + 1}/{runs} done", file=sys.stderr)
    return report(cases, sizes, years, runs)


ROWS: tuple[tuple[str, str, str | None, float | None], ...] = (
    # label, numerator, denominator (None: an absolute MiB), target (None: shown, not a target)
    ('`mumcoach --help` / `python -c "import typer"`', "help", "typer", 1.05),
    ('`mumcoach --version` / `python -c "import typer"`', "version", "typer", 1.0),
    (
        "`mumcoach review`, {small} / `jrnl -n 10`, same size",
        "review_small",
        "jrnl_read",
        0.5,
    ),
    (
        "the floor under that row: import pydantic and the models, validate {small} / `jrnl -n 10`",
        "floor",
        "jrnl_read",
        None,
    ),
    ('scripted `checkin` save, {small} / `jrnl "text"`', "save", "jrnl_save", 0.6),
    (
        "first question of `checkin` on screen / a bare Typer app showing one questionary select",
        "first_question",
        "bare_question",
        1.25,
    ),
    ("peak memory of `review`, {small} (MiB)", "review_small", None, 50.0),
    ("`review` on {big} / on {small}", "review_big", "review_small", 2.0),
)


def report(
    cases: dict[str, Case], sizes: dict[int, dict[str, int]], years: tuple[int, int], runs: int
) -> dict[str, object]:
    small, big = years
    rows: list[dict[str, object]] = []
    lines = [
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {machine()} · {runs} rounds",
        *(
            f"{years_of(y)}: {s['checkins']:,} check-ins, {s['plans']:,} plans, "
            f"{s['interactions']:,} interactions, {s['people']:,} people, "
            f"{s['bytes'] / 1e6:.1f} MB"
            for y, s in sizes.items()
        ),
        "",
        "| measure | median | range | target | met |",
        "|---|---|---|---|---|",
    ]
    for label, top, bottom, target in ROWS:
        text = label.format(small=years_of(small), big=years_of(big))
        wanted = "—" if target is None else f"≤ {target:g}"
        if bottom is None:
            values = cases[top].peak_mib
        elif bottom not in cases:
            rows.append({"measure": text, "median": None, "target": target})
            lines.append(f"| {text} | — | run with --peer | {wanted} | |")
            continue
        else:
            values = [a / b for a, b in zip(cases[top].seconds, cases[bottom].seconds, strict=True)]
        median = statistics.median(values)
        met = None if target is None else median <= target
        rows.append(
            {
                "measure": text,
                "median": median,
                "low": min(values),
                "high": max(values),
                "target": target,
                "met": met,
            }
        )
        digits = 0 if "MiB" in text else 2
        lines.append(
            f"| {text} | {median:.{digits}f} | {min(values):.{digits}f}–{max(values):.{digits}f} "
            f"| {wanted} | {'—' if met is None else 'yes' if met else 'NO'} |"
        )
    lines += ["", "| case | median ms | median peak MiB |", "|---|---|---|"]
    for name, case in cases.items():
        mib = f"{statistics.median(case.peak_mib):.0f}" if case.peak_mib else "—"
        lines.append(f"| {name} | {statistics.median(case.seconds) * 1000:.0f} | {mib} |")
    return {"text": "\n".join(lines), "rows": rows}


def years_of(n: int) -> str:
    return f"{n} year{'' if n == 1 else 's'}"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if "model name" in line)
    except (OSError, StopIteration):
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


if __name__ == "__main__":
    main()
