"""Commands that ask nothing must not pay for questionary (~170 ms), checked in fresh Pythons."""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import mumcoach

HEAVY = "questionary"


def fresh_python(*args: str, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}
    if home is not None:
        env["MUMCOACH_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, timeout=60, env=env
    )


def imported_modules(importtime_stderr: str) -> set[str]:
    """Module names from `python -X importtime` output ("import time: self | cumulative | name")."""
    names = set()
    for line in importtime_stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    return names


def test_importing_the_cli_does_not_import_questionary() -> None:
    done = fresh_python(
        "-c",
        "import json, sys; import mumcoach.cli; "
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'questionary' "
        "or m.startswith('prompt_toolkit'))))",
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


def test_importing_any_mumcoach_module_does_not_import_questionary() -> None:
    modules = sorted(
        info.name
        for info in pkgutil.walk_packages(mumcoach.__path__, prefix="mumcoach.")
        if info.name != "mumcoach.__main__"
    )
    assert "mumcoach.prompter" in modules and "mumcoach.store" in modules
    done = fresh_python(
        "-c",
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "    if 'questionary' in sys.modules:\n"
        "        print(json.dumps(name)); break\n"
        "else:\n"
        "    print(json.dumps(None))\n",
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) is None, f"importing {done.stdout.strip()} imports {HEAVY}"


def test_importtime_detects_questionary_when_it_is_imported() -> None:
    """The control: the check below would see questionary if a command loaded it."""
    done = fresh_python("-X", "importtime", "-c", "import mumcoach.prompter, questionary")
    assert done.returncode == 0
    assert HEAVY in imported_modules(done.stderr)


@pytest.mark.parametrize(
    "args", [["--version"], ["--help"], ["doctor"]], ids=["version", "help", "doctor"]
)
def test_commands_that_ask_nothing_do_not_import_questionary(
    args: list[str], tmp_path: Path
) -> None:
    done = fresh_python("-X", "importtime", "-m", "mumcoach", *args, home=tmp_path / "home")
    assert done.returncode == 0, done.stdout + done.stderr
    loaded = imported_modules(done.stderr)
    assert "mumcoach.cli" in loaded, "importtime output was not captured"
    assert HEAVY not in loaded
    assert not any(name.startswith("prompt_toolkit") for name in loaded)
