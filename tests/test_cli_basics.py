"""The CLI shell: version, help for every command, --home, doctor and the error funnel."""

from __future__ import annotations

import io
import os
import pkgutil
import re
import shutil
import stat
import subprocess
import sys
import tomllib
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import typer
from conftest import plain
from rich.console import Console
from typer.main import get_command
from typer.testing import CliRunner, Result

import mumcoach
import mumcoach.doctor
from mumcoach import helptext, launch
from mumcoach.cli import CANCELLED_MESSAGE, MODULES, FunnelGroup, app
from mumcoach.content import load_content
from mumcoach.context import AppContext
from mumcoach.errors import (
    BadInput,
    ContentInvalid,
    JournalBusy,
    JournalDamaged,
    JournalTooNew,
    MumcoachError,
    NeedsAnswer,
    StorageFailed,
)
from mumcoach.models import Journal, Person
from mumcoach.store import Store

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "journal_v1.json"


def run(args: list[str], **ctx_args: object) -> tuple[Result, str]:
    """Invoke the CLI in-process with a wide text console; returns (result, what Rich printed)."""
    console = Console(file=io.StringIO(), width=400, color_system=None, highlight=False)
    ctx = AppContext(console_override=console, interactive=False, **ctx_args)  # type: ignore[arg-type]
    result = CliRunner().invoke(app, args, obj=ctx, catch_exceptions=False)
    return result, console.file.getvalue()  # type: ignore[attr-defined]


def squash(text: str) -> str:
    """Help text with the panel borders and line wrapping taken out."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


# -- version and help ------------------------------------------------------------------------------


def test_version_matches_the_package_and_pyproject() -> None:
    result, _ = run(["--version"])
    assert result.exit_code == 0
    assert result.output == f"mumcoach {mumcoach.__version__}\n"
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["version"] == mumcoach.__version__


def test_python_dash_m_mumcoach_prints_the_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mumcoach", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT.parent,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"mumcoach {mumcoach.__version__}\n"
    assert done.stderr == ""


def registered_commands() -> dict[str, str]:
    """Every command the CLI exposes, with the first paragraph of its help."""
    group = get_command(app)
    assert isinstance(group, FunnelGroup)
    out = {}
    for name in group.list_commands(typer.Context(group)):
        command = group.get_command(typer.Context(group), name)
        assert command is not None
        if not command.hidden:
            out[name] = " ".join((command.help or "").strip().split("\n\n")[0].split())
    return out


def test_every_command_module_is_on_the_command_line() -> None:
    """A module in mumcoach/commands/ with a register() must be reachable as `mumcoach NAME`."""
    import importlib

    import mumcoach.commands

    modules = {
        info.name
        for info in pkgutil.iter_modules(mumcoach.commands.__path__)
        if hasattr(importlib.import_module(f"mumcoach.commands.{info.name}"), "register")
    }
    assert "doctor" in modules
    command_of = {module: name for name, module in MODULES.items()}  # import_ is `import`
    names = {command_of.get(m, m) for m in modules}
    assert names <= set(registered_commands()), "a command module is not registered"


def test_every_command_has_a_one_line_description() -> None:
    commands = registered_commands()
    assert "doctor" in commands
    for name, help_text in commands.items():
        assert help_text, f"`mumcoach {name}` has no help text"
        assert len(help_text) <= 120, f"`mumcoach {name}`: keep the first line short"


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_lists_every_registered_command_with_its_description(
    flag: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    result, _ = run([flag])
    assert result.exit_code == 0
    shown = squash(result.output)
    assert "A private, offline coach" in shown
    for option in ("--home", "--no-input", "--debug", "--version"):
        assert option in shown
    for name, help_text in registered_commands().items():
        # Rich may trim a long description; the name and its opening words must be there.
        opening = " ".join(help_text.split()[:6])
        assert f"{name} {opening}" in shown, f"`mumcoach {name}` is missing from --help"


def test_the_help_screens_table_of_commands_is_the_real_commands() -> None:
    """--help lists commands from a table without building them; it must say what they say."""
    assert registered_commands() == helptext.COMMANDS, (
        "a command was added or its help changed: update COMMANDS in src/mumcoach/helptext.py"
    )
    assert list(helptext.COMMANDS) == list(registered_commands()), "same order as the CLI"


def test_the_help_screen_lists_the_real_options() -> None:
    group = get_command(app)
    ctx = typer.Context(group, **group.context_settings)
    real = {opt: getattr(p, "help", None) for p in group.get_params(ctx) for opt in p.opts}
    written = {
        word.rstrip(","): help
        for text, help in helptext.OPTIONS.values()
        for word in text.split()
        if word.startswith("-")
    }
    assert written == real


@pytest.mark.parametrize("args", [["--help"], ["-h"], [], ["--version"]], ids=str)
def test_the_entry_point_answers_help_and_version_as_the_cli_would(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The entry point answers these before Typer loads; the words and exit code must match."""
    monkeypatch.setenv("COLUMNS", "100")
    result, _ = run(args)
    monkeypatch.setattr(sys, "argv", ["mumcoach", *args])
    with pytest.raises(SystemExit) as exited:
        launch.main()
    assert capsys.readouterr().out == result.output
    assert exited.value.code == result.exit_code
    if args != ["--version"]:
        assert "Examples:" in result.output and "mumcoach COMMAND --help" in result.output


@pytest.mark.parametrize("name", sorted(registered_commands()))
def test_every_command_answers_help(name: str) -> None:
    result, _ = run([name, "--help"])
    assert result.exit_code == 0, result.output
    assert f"{name}" in result.output and "Usage" in result.output


def test_no_arguments_shows_the_help() -> None:
    result, _ = run([])
    assert "Usage" in result.output and "doctor" in result.output
    assert "Traceback" not in result.output


# -- --home and doctor -----------------------------------------------------------------------------


def add_person(name: str) -> Callable[[Journal], None]:
    def change(journal: Journal) -> None:
        journal.people.append(Person(name=name, created=date(2026, 11, 1)))

    return change


def install_fixture(home: Path) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(FIXTURE, home / "journal.json")
    return home / "journal.json"


def test_home_option_overrides_the_environment(private_home: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    install_fixture(elsewhere)
    assert os.environ["MUMCOACH_HOME"] == str(private_home)

    result, printed = run(["--home", str(elsewhere), "doctor"])

    assert result.exit_code == 0, printed + result.output
    assert re.search(rf"Data folder\s+{re.escape(str(elsewhere))}\s*$", printed, re.M)
    assert re.search(rf"Journal\s+{re.escape(str(elsewhere / 'journal.json'))}", printed)
    assert "Sound: 2 check-ins, 2 plans, 2 people." in printed
    assert not private_home.exists(), "the $MUMCOACH_HOME folder was touched"


def test_environment_sets_the_home_without_the_option(private_home: Path) -> None:
    install_fixture(private_home)
    result, printed = run(["doctor"])
    assert result.exit_code == 0
    assert re.search(rf"Data folder\s+{re.escape(str(private_home))}\s*$", printed, re.M)


def test_doctor_on_a_fresh_home_says_where_things_will_be(private_home: Path) -> None:
    result, printed = run(["doctor"])
    assert result.exit_code == 0, printed
    assert f"Data folder  {private_home}" in printed
    assert f"Journal      {private_home / 'journal.json'}" in printed
    assert "Not created yet" in printed
    assert "Backups: none yet" in printed
    assert not private_home.exists(), "doctor must not create the data folder"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_doctor_shows_where_everything_is_and_tightens_permissions(private_home: Path) -> None:
    journal = install_fixture(private_home)
    store = Store(private_home)
    for name in ("Grace", "Hannah"):
        store.update(add_person(name))
    private_home.chmod(0o755)
    journal.chmod(0o644)

    result, printed = run(["doctor"])

    assert result.exit_code == 0, printed
    content_dir = next(iter(load_content().sources.values())).parent
    assert f"Data folder  {private_home}" in printed
    assert f"Journal      {journal}" in printed
    assert re.search(rf"^Content\s+{re.escape(str(content_dir))}\s*$", printed, re.M)
    assert (
        "Checked the data folder and the 6 files and folders in it; tightened to owner-only: "
        + "the folder, journal.json (folder 700, journal 600)"
        in plain(printed)
    )
    assert stat.S_IMODE(private_home.stat().st_mode) == 0o700
    assert stat.S_IMODE(journal.stat().st_mode) == 0o600
    assert "Sound: 2 check-ins, 2 plans, 4 people." in printed
    assert "Backups (3, newest first):" in printed
    backups = store.backups()
    assert printed.index(str(backups[0])) < printed.index(str(backups[1]))

    again, printed = run(["doctor"])
    assert "only you can read them (folder 700, journal 600)" in plain(printed)


def test_doctor_json_reports_the_same_checks_and_exit_code(private_home: Path) -> None:
    import json

    result, printed = run(["doctor", "--json"])
    assert result.exit_code == 0 and printed == ""
    data = json.loads(result.output)
    assert (data["schema_version"], data["kind"], data["ok"], data["exit_code"]) == (
        1,
        "doctor",
        True,
        0,
    )
    assert (data["data_dir"], data["journal"]) == (
        str(private_home),
        str(private_home / "journal.json"),
    )
    names = [c["name"] for c in data["checks"]]
    assert names == ["Permissions", "Journal", "Content", "Support numbers"]
    assert data["content"][0] == {
        "file": "ladder.toml",
        "path": str(load_content().sources["ladder.toml"]),
    }
    assert data["backups"] == []

    private_home.mkdir(mode=0o700)
    (private_home / "journal.json").write_text('{"schema_version": 1, "profile": ')
    damaged, _ = run(["doctor", "--json"])
    data = json.loads(damaged.output)
    assert damaged.exit_code == data["exit_code"] == JournalDamaged.exit_code
    journal_check = data["checks"][1]
    assert (journal_check["name"], journal_check["ok"]) == ("Journal", False)
    assert journal_check["exit_code"] == JournalDamaged.exit_code and data["ok"] is False


# -- the error funnel ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (BadInput("That date is not a date."), 2),
        (JournalDamaged("journal.json is damaged at line 3."), 3),
        (JournalTooNew("journal.json was written by a newer mumcoach."), 4),
        (JournalBusy("Another mumcoach is still saving."), 5),
        (ContentInvalid("prompts/ladder.toml: step[2].title: field required"), 6),
        (NeedsAnswer("--mood is needed with --no-input."), 7),
        (StorageFailed("Could not save journal.json: disk full."), 8),
        (MumcoachError("Something specific.", exit_code=9), 9),
    ],
)
def test_an_expected_error_is_one_line_on_stderr_and_its_exit_code(
    monkeypatch: pytest.MonkeyPatch, error: MumcoachError, code: int
) -> None:
    def fail(ctx: AppContext) -> None:
        raise error

    monkeypatch.setattr(mumcoach.doctor, "run_checks", fail)
    result, printed = run(["doctor"])
    assert result.exit_code == code
    assert result.stderr == error.message + "\n"
    assert result.stdout == "" and printed == ""
    assert "Traceback" not in result.output


@pytest.mark.parametrize("interrupt", [KeyboardInterrupt(), EOFError(), typer.Abort()])
def test_ctrl_c_inside_a_command_says_nothing_was_saved(
    monkeypatch: pytest.MonkeyPatch, interrupt: BaseException
) -> None:
    def cancelled(ctx: AppContext) -> None:
        raise interrupt

    monkeypatch.setattr(mumcoach.doctor, "run_checks", cancelled)
    result, _ = run(["doctor"])
    assert result.exit_code == 130
    assert result.stderr == "Cancelled — nothing was saved.\n"
    assert CANCELLED_MESSAGE == "Cancelled — nothing was saved."


def test_an_unexpected_error_is_one_kind_line_without_details(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def bug(ctx: AppContext) -> None:
        raise RuntimeError("the person's private note text")

    monkeypatch.setattr(mumcoach.doctor, "run_checks", bug)
    result, _ = run(["doctor"])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "RuntimeError" in result.stderr and "--debug" in result.stderr
    assert "private note" not in result.output and "Traceback" not in result.output


def test_debug_shows_the_traceback_and_keeps_the_exit_code(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def busy(ctx: AppContext) -> None:
        raise JournalBusy("Another mumcoach is still saving.")

    monkeypatch.setattr(mumcoach.doctor, "run_checks", busy)
    result, _ = run(["--debug", "doctor"])
    assert result.exit_code == 5
    assert result.stderr.startswith("Traceback (most recent call last):")
    assert "in busy" in result.stderr
    assert result.stderr.endswith("Another mumcoach is still saving.\n")


def test_debug_lets_an_unexpected_error_through(monkeypatch: pytest.MonkeyPatch) -> None:
    def bug(ctx: AppContext) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(mumcoach.doctor, "run_checks", bug)
    with pytest.raises(RuntimeError, match="boom"):
        run(["--debug", "doctor"])


def test_the_funnel_covers_any_command_on_a_fresh_app() -> None:
    """A new command gets the funnel for free by living on a FunnelGroup app."""
    fresh = typer.Typer(cls=FunnelGroup)

    @fresh.command()
    def save() -> None:
        raise StorageFailed("Could not save: disk full.")

    @fresh.command()
    def ask() -> None:
        raise KeyboardInterrupt

    result = CliRunner().invoke(fresh, ["save"])
    assert (result.exit_code, result.stderr) == (8, "Could not save: disk full.\n")
    result = CliRunner().invoke(fresh, ["ask"])
    assert (result.exit_code, result.stderr) == (130, "Cancelled — nothing was saved.\n")


FUNNEL_IN_A_PROCESS = """
import sys
import mumcoach.doctor
from mumcoach.errors import JournalBusy

def fail(ctx):
    if sys.argv[1] == "ctrl-c":
        raise KeyboardInterrupt
    raise JournalBusy("Another mumcoach is still saving.")

mumcoach.doctor.run_checks = fail
from mumcoach.cli import main
main(sys.argv[2:])
"""


@pytest.mark.parametrize(
    ("how", "args", "code", "stderr"),
    [
        ("ctrl-c", ["doctor"], 130, "Cancelled — nothing was saved.\n"),
        ("busy", ["doctor"], 5, "Another mumcoach is still saving.\n"),
    ],
)
def test_the_funnel_in_a_real_process(how: str, args: list[str], code: int, stderr: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", FUNNEL_IN_A_PROCESS, how, *args],
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == code
    assert done.stderr.decode("utf-8") == stderr
    assert done.stdout == b""

    debug = subprocess.run(
        [sys.executable, "-c", FUNNEL_IN_A_PROCESS, how, "--debug", *args],
        capture_output=True,
        timeout=60,
    )
    assert debug.returncode == code
    assert b"Traceback (most recent call last)" in debug.stderr


def test_doctor_notes_a_content_override_that_is_not_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MUMCOACH_PROMPTS", str(tmp_path / "missing"))
    result, shown = run(["doctor"])
    assert result.exit_code == 0, result.output
    assert "note" in shown and "isn't a folder" in shown
    assert "PROBLEM" not in shown


def test_every_test_runs_in_its_own_home(private_home: Path, tmp_path: Path) -> None:
    from conftest import XDG_FOLDERS
    from platformdirs import user_cache_dir, user_config_dir, user_data_dir

    for name in ("MUMCOACH_HOME", "HOME", *XDG_FOLDERS):
        assert Path(os.environ[name]).is_relative_to(tmp_path), name
    assert Path("~").expanduser().is_relative_to(tmp_path)
    for folder in (user_data_dir("mumcoach"), user_config_dir("x"), user_cache_dir("x")):
        assert Path(folder).is_relative_to(tmp_path), folder
