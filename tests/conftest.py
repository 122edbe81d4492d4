"""Shared fixtures: every test gets its own data folder, so none touches the real journal."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

import pytest
from rich.console import Console
from typer.testing import CliRunner, Result

from mumcoach.cli import app
from mumcoach.context import AppContext
from mumcoach.prompter import ScriptedPrompter

FIXED_NOW = datetime(2026, 11, 21, 20, 30)
XDG_FOLDERS = {
    "XDG_DATA_HOME": ".local/share",
    "XDG_CONFIG_HOME": ".config",
    "XDG_CACHE_HOME": ".cache",
    "XDG_STATE_HOME": ".local/state",
    "XDG_RUNTIME_DIR": "run",
}


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point MUMCOACH_HOME, HOME and every XDG folder at temp folders, and drop any user content
    override, so no test reads or writes the real journal, config or cache."""
    home = tmp_path / "home"
    monkeypatch.setenv("MUMCOACH_HOME", str(home))
    user = tmp_path / "user"
    monkeypatch.setenv("HOME", str(user))
    for name, folder in XDG_FOLDERS.items():
        monkeypatch.setenv(name, str(user / folder))
    monkeypatch.delenv("MUMCOACH_PROMPTS", raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    return home


def text_console(width: int = 100) -> Console:
    """A console that records plain text, for asserting on what a person would read."""
    return Console(file=io.StringIO(), width=width, color_system=None, highlight=False)


def plain(text: str) -> str:
    """Rendered text with panel borders removed and whitespace collapsed, for phrase asserts."""
    for border in "│╭╮╰╯─┃━":
        text = text.replace(border, " ")
    return " ".join(text.split())


@dataclass(frozen=True)
class Run:
    """One in-process run of the CLI: its exit code, what it printed where, and its prompter."""

    result: Result  # Typer's own, for anything rarer
    rich: str  # what Rich printed (the screens)
    ctx: AppContext
    scripted: ScriptedPrompter | None

    @property
    def exit_code(self) -> int:
        return self.result.exit_code

    @property
    def output(self) -> str:
        """stdout and stderr as one (typer.echo, JSON and one-line errors)."""
        return self.result.output

    @property
    def stdout(self) -> str:
        return self.result.stdout

    @property
    def stderr(self) -> str:
        return self.result.stderr

    @property
    def exception(self) -> BaseException | None:
        return self.result.exception

    @property
    def prompter(self) -> ScriptedPrompter:
        """The scripted prompter that answered (only for a run given `script=`)."""
        assert self.scripted is not None, "pass script= to run with a prompter"
        return self.scripted


class Invoke(Protocol):
    def __call__(
        self,
        args: list[str],
        script: dict[str, Any] | None = None,
        now: datetime = FIXED_NOW,
        input: str | None = None,
    ) -> Run: ...


@pytest.fixture
def invoke(private_home: Path) -> Invoke:
    """Run the CLI in-process: invoke(args, script={...}, now=datetime) -> Run.

    With `script`, questions are answered by a ScriptedPrompter (run.prompter); without it the
    run is non-interactive. What Rich printed is in run.rich; typer.echo output in run.output.
    """

    def run(
        args: list[str],
        script: dict[str, Any] | None = None,
        now: datetime = FIXED_NOW,
        input: str | None = None,
    ) -> Run:
        prompter = ScriptedPrompter(script) if script is not None else None
        console = text_console()
        ctx = AppContext(
            now=lambda: now,
            interactive=script is not None,
            prompter_override=prompter,
            console_override=console,
        )
        result = CliRunner().invoke(app, args, obj=ctx, input=input, catch_exceptions=False)
        file = console.file
        assert isinstance(file, io.StringIO)
        return Run(result, file.getvalue(), ctx, prompter)

    return run
