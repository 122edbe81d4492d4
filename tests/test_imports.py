"""Each command imports only what it uses (questionary, Rich's help, Rich), in fresh Pythons."""

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
    assert "mumcoach.launch" in loaded, "importtime output was not captured"
    assert HEAVY not in loaded
    assert not any(name.startswith("prompt_toolkit") for name in loaded)


FIXTURE = Path(__file__).parent / "fixtures" / "journal_v1.json"


def loaded_by(args: list[str], home: Path) -> set[str]:
    """The modules `mumcoach ARGS` imports, run on a copy of the fixture journal."""
    home.mkdir(parents=True, exist_ok=True)
    (home / "journal.json").write_bytes(FIXTURE.read_bytes())
    done = fresh_python("-X", "importtime", "-m", "mumcoach", *args, home=home)
    assert done.returncode == 0, done.stdout + done.stderr
    loaded = imported_modules(done.stderr)
    assert "mumcoach.launch" in loaded, "importtime output was not captured"
    return loaded


def under(loaded: set[str], *packages: str) -> set[str]:
    return {m for m in loaded for p in packages if m == p or m.startswith(p + ".")}


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["--version"], []], ids=str)
def test_top_level_help_and_version_import_neither_typer_nor_rich(
    args: list[str], tmp_path: Path
) -> None:
    """Answered by the entry point from a table: nothing to build, nothing to import."""
    done = fresh_python("-X", "importtime", "-m", "mumcoach", *args, home=tmp_path)
    assert done.returncode == (2 if not args else 0), done.stderr
    loaded = imported_modules(done.stderr)
    assert "mumcoach.launch" in loaded
    assert under(loaded, "typer", "rich", "pydantic", "click", HEAVY) == set()
    assert under(loaded, "mumcoach.commands", "mumcoach.models") == set()


RICH_HELP = ("rich.markdown", "markdown_it", "pygments", "rich.syntax", "rich.traceback")


@pytest.mark.parametrize(
    "args",
    [["review", "--help"], ["checkin", "--help"], ["people", "--help"], ["ladder", "add", "-h"]],
    ids=" ".join,
)
def test_command_help_is_plain(args: list[str], tmp_path: Path) -> None:
    """Typer's Rich help would import a Markdown parser, pygments and tracebacks (~200 ms)."""
    loaded = loaded_by(args, tmp_path / "home")
    assert under(loaded, *RICH_HELP, HEAVY) == set()


def test_importtime_sees_rich_help_when_it_is_imported() -> None:
    """The control for the test above."""
    done = fresh_python("-X", "importtime", "-c", "import typer.rich_utils")
    assert set(RICH_HELP) <= imported_modules(done.stderr) | {"rich.syntax"}


@pytest.mark.parametrize(
    "args",
    [
        ["--no-input", "review", "--json"],
        ["--no-input", "checkin", "--mood", "3"],
        ["support"],
        ["people", "--json"],
        ["ladder", "--json"],
    ],
    ids=" ".join,
)
def test_commands_that_ask_nothing_never_import_questionary(
    args: list[str], tmp_path: Path
) -> None:
    loaded = loaded_by(args, tmp_path / "home")
    assert under(loaded, HEAVY, "prompt_toolkit") == set()


@pytest.mark.parametrize(
    "args",
    [
        ["--no-input", "review", "--json"],
        ["people", "--json"],
        ["people", "show", "Niamh", "--json"],
        ["places", "--json"],
        ["ladder", "--json"],
        ["doctor", "--json"],
        ["support", "--json"],
    ],
    ids=" ".join,
)
def test_json_output_does_not_import_rich(args: list[str], tmp_path: Path) -> None:
    """JSON is for scripts: Rich (~40 ms and several MiB) would only be drawn, never used."""
    loaded = loaded_by(args, tmp_path / "home")
    assert under(loaded, "rich") == set()


@pytest.mark.parametrize(
    "args",
    [["--no-input", "review", "--json"], ["--no-input", "checkin", "--mood", "3"], ["support"]],
    ids=" ".join,
)
def test_plain_options_build_no_pydantic_validator(args: list[str], tmp_path: Path) -> None:
    """Typer would build a pydantic TypeAdapter per option (mumcoach/coercion.py)."""
    loaded = loaded_by(args, tmp_path / "home")
    assert "typer._coercion" in loaded, "Typer's coercion was not reached"
    assert "typer._adapters" not in loaded


def test_runs_import_no_package_metadata(tmp_path: Path) -> None:
    """pydantic's plugin loader would import importlib.metadata (~15 ms) to look for plugins."""
    for args in (["--no-input", "review", "--json"], ["--no-input", "checkin", "--mood", "3"]):
        loaded = loaded_by(args, tmp_path / "home")
        assert "mumcoach.models" in loaded, "the journal was not read"
        assert under(loaded, "importlib.metadata", "pydantic.plugin._loader") == set()


PLUGIN = """
from pathlib import Path
Path({marker!r}).write_text("loaded")
class Plugin:
    def new_schema_validator(self, *args, **kwargs):
        Path({marker!r}).write_text("saw a schema")
        return None, None, None
plugin = Plugin()
"""


def test_no_pydantic_plugin_sees_the_journal(tmp_path: Path) -> None:
    """An installed pydantic plugin is handed everything validated; mumcoach runs with none."""
    site, marker = tmp_path / "site", tmp_path / "plugin-ran"
    (site / "spy_plugin-1.0.dist-info").mkdir(parents=True)
    (site / "spy_plugin-1.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: spy-plugin\nVersion: 1.0\n"
    )
    (site / "spy_plugin-1.0.dist-info" / "entry_points.txt").write_text(
        "[pydantic]\nspy = spy_plugin:plugin\n"
    )
    (site / "spy_plugin.py").write_text(PLUGIN.format(marker=str(marker)))
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    control = "from pydantic import BaseModel\nclass A(BaseModel):\n    x: int\nA(x=1)"
    done = subprocess.run([sys.executable, "-c", control], env=env, capture_output=True)
    assert done.returncode == 0 and marker.read_text() == "saw a schema", "the spy never ran"
    marker.unlink()
    home = tmp_path / "home"
    home.mkdir()
    (home / "journal.json").write_bytes(FIXTURE.read_bytes())
    args = [sys.executable, "-m", "mumcoach", "--no-input", "review", "--json"]
    done = subprocess.run(args, env={**env, "MUMCOACH_HOME": str(home)}, capture_output=True)
    assert done.returncode == 0, done.stderr
    assert not marker.exists()


def test_pydantic_still_finds_the_rest_of_its_plugin_loader() -> None:
    """Only get_plugins is stood in for; any other name comes from pydantic's own module, with
    plugins switched off, so a newer pydantic that asks for more still works."""
    done = fresh_python(
        "-c",
        "from mumcoach.launch import without_pydantic_plugins\n"
        "without_pydantic_plugins()\n"
        "from pydantic.plugin._loader import get_plugins\n"
        "assert list(get_plugins()) == []\n"
        "from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP\n"
        "from pydantic.plugin._loader import get_plugins as real\n"
        "assert list(real()) == [] and PYDANTIC_ENTRY_POINT_GROUP == 'pydantic'\n",
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    "args",
    [["--no-input", "review", "--no-ucla"], ["--no-input", "review", "--json"]],
    ids=" ".join,
)
def test_review_imports_neither_the_question_flows_nor_the_crisis_screen(
    args: list[str], tmp_path: Path
) -> None:
    """The review needs two checkers only for --end and --days, and only the low-mood rule;
    its words print as they are, so Rich never loads its table of emoji codes."""
    loaded = loaded_by(args, tmp_path / "home")
    assert "mumcoach.coach.review.build" in loaded and "mumcoach.coach.mood" in loaded
    assert under(loaded, "mumcoach.flows", "mumcoach.prompter", "mumcoach.coach.safety") == set()
    assert "rich._emoji_codes" not in loaded


AT_FIRST_QUESTION = """
import json, sys
import mumcoach.context, mumcoach.prompter

class Shown(BaseException):
    pass

def first_question(self, key, message, *args, **kwargs):
    loaded = sorted(m for m in sys.modules if m.startswith(("mumcoach", "typer", "importlib")))
    from mumcoach.models import Journal
    print(json.dumps({"key": key, "loaded": loaded, "built": Journal.__pydantic_complete__}))
    raise Shown

for name in ("select", "scale", "text", "confirm", "checkbox"):
    setattr(mumcoach.prompter.QuestionaryPrompter, name, first_question)
mumcoach.context.is_terminal = lambda stream: True
sys.argv = ["mumcoach", "checkin"]
from mumcoach.launch import main
try:
    main()
except Shown:
    pass
"""


def test_checkins_first_question_comes_before_the_journal_and_what_only_later_needs(
    tmp_path: Path,
) -> None:
    """Her mood needs no journal (not even its models), no safety screen, no people: all come
    after it is asked."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "journal.json").write_bytes(FIXTURE.read_bytes())
    done = fresh_python("-c", AT_FIRST_QUESTION, home=home)
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert shown["key"] == "mood"
    assert shown["built"] is False, "the journal's validator was built before the question"
    later = {
        "mumcoach.models",
        "mumcoach.store",
        "mumcoach.coach.safety",
        "mumcoach.flows.people",
        "mumcoach.views.checkin_json",
        "typer._adapters",
        "importlib.metadata",
    }
    assert later & set(shown["loaded"]) == set()
    assert "mumcoach.flows.checkin" in shown["loaded"]


@pytest.mark.parametrize(
    "args",
    [["--no-input", "review", "--json"], ["--no-input", "checkin", "--mood", "3"], ["support"]],
    ids=" ".join,
)
def test_content_checked_before_is_not_read_again(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the checked content in the cache (content/cache.py), no TOML is parsed at all."""
    monkeypatch.setenv("MUMCOACH_CACHE", str(tmp_path / "cache"))
    first = loaded_by(args, tmp_path / "home")
    assert "mumcoach.content.loader" in first, "the control: the first run reads the files"
    again = loaded_by(args, tmp_path / "home")
    assert "mumcoach.content.cache" in again
    assert under(again, "tomllib", "mumcoach.content.loader") == set()
