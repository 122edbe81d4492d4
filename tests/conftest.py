"""Shared fixtures: every test gets its own data folder, so none touches the real journal."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner, Result

from mumcoach.cli import app
from mumcoach.context import AppContext
from mumcoach.prompter import ScriptedPrompter

FIXED_NOW = datetime(2026, 11, 21, 20, 30)


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point MUMCOACH_HOME at a temp folder and drop any user content override."""
    home = tmp_path / "home"
    monkeypatch.setenv("MUMCOACH_HOME", str(home))
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


Invoke = Callable[..., Result]


@pytest.fixture
def invoke(private_home: Path) -> Invoke:
    """Run the CLI in-process: invoke(args, script={...}, now=datetime) -> Result.

    With `script`, questions are answered by a ScriptedPrompter (exposed as result.prompter);
    without it the run is non-interactive. Rich output lands in result.output.
    """

    def run(
        args: list[str],
        script: dict[str, Any] | None = None,
        now: datetime = FIXED_NOW,
        input: str | None = None,
    ) -> Result:
        prompter = ScriptedPrompter(script) if script is not None else None
        console = text_console()
        ctx = AppContext(
            now=lambda: now,
            interactive=script is not None,
            prompter_override=prompter,
            console_override=console,
        )
        result = CliRunner().invoke(app, args, obj=ctx, input=input, catch_exceptions=False)
        printed = console.file.getvalue()  # type: ignore[attr-defined]
        result.rich = printed  # type: ignore[attr-defined]
        result.prompter = prompter  # type: ignore[attr-defined]
        result.ctx = ctx  # type: ignore[attr-defined]
        return result

    return run
