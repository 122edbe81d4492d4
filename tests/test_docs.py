"""The README cannot drift: commands, exit codes and its answers-file examples (JSON keys:
test_json_contract.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import Invoke

from mumcoach import errors
from mumcoach.cli import COMMANDS
from mumcoach.store import Store

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme() -> None:
    for name in COMMANDS:
        assert f"mumcoach {name}" in README, name


def test_every_exit_code_is_documented() -> None:
    codes = {v for k, v in vars(errors).items() if k.isupper() and isinstance(v, int)}
    for code in codes:
        assert re.search(rf"^\| {code} \|", README, re.MULTILINE), f"exit code {code}"


def test_quick_start_has_two_commands_and_ci_runs_the_test_one() -> None:
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    commands = [line for line in quick.splitlines() if line.startswith("python3 -m venv")]
    assert len(commands) == 2
    assert commands[0].endswith("mumcoach checkin")
    test_command = commands[1].split("&&")[-1].strip()
    assert test_command == ".venv/bin/python -m pytest"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "-m pytest" in ci and "install --quiet -e '.[test]'" in ci


def toml_example(name: str) -> str:
    match = re.search(rf"```toml\n(# {name}\.toml[^\n]*\n.*?)```", README, re.DOTALL)
    assert match, f"README lost its {name}.toml example"
    return match.group(1)


def test_the_readme_answers_files_work(invoke: Invoke, private_home: Path, tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text(toml_example("plan").replace('"2026-11-24"', '"2026-11-20"'))
    result = invoke(["plan", "--answers", str(plan)])
    assert result.exit_code == 0, result.output
    checkin = tmp_path / "checkin.toml"
    checkin.write_text(toml_example("checkin"))
    result = invoke(["checkin", "--answers", str(checkin)])
    assert result.exit_code == 0, result.output
    saved = Store(private_home).load()
    assert saved.checkins[0].plan_id == saved.plans[0].id
    assert saved.people[0].name == "Sarah"

    result = invoke(["review", "--json", "--no-ucla"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["funnel"]["numbers_swapped"] == 1
