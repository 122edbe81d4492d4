"""Every command's --help reads as words with examples; Tab completes commands, names and steps."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from conftest import Invoke
from typer.main import get_command

from mumcoach import launch
from mumcoach.cli import app
from mumcoach.helpdetail import EXAMPLES

FIXTURES = Path(__file__).parent / "fixtures"
TYPE_LABEL = re.compile(r"<[a-z_\[\]|, ]+>|list\[")  # Typer's own: <str>, <bool>, list[str]


def command_paths() -> list[str]:
    """Every command and subcommand, as typed after `mumcoach`."""
    group = get_command(app)
    ctx = typer.Context(group)
    paths = []
    for name in group.list_commands(ctx):  # type: ignore[attr-defined]
        command = group.get_command(ctx, name)  # type: ignore[attr-defined]
        paths.append(name)
        paths += [f"{name} {sub}" for sub in getattr(command, "commands", {})]
    return paths


PATHS = command_paths()


def test_the_examples_table_covers_exactly_the_real_commands() -> None:
    assert set(EXAMPLES) == set(PATHS), "add (or drop) examples in helpdetail.EXAMPLES"


@pytest.mark.parametrize("path", PATHS)
def test_every_help_has_word_labels_and_runnable_examples(invoke: Invoke, path: str) -> None:
    result = invoke([*path.split(), "--help"])
    assert result.exit_code == 0, result.output
    text = result.output
    assert not TYPE_LABEL.search(text), f"`mumcoach {path} --help` shows a type: {text}"
    examples = text.split("\nExamples:\n", 1)[1]
    for line, _ in EXAMPLES[path]:
        assert f"    {line}" in examples
        assert line.split()[: len(path.split()) + 1] == ["mumcoach", *path.split()]


def test_labels_read_as_words(invoke: Invoke) -> None:
    checkin = invoke(["checkin", "--help"]).output
    for shown in ("--met NAME", "--date DATE", "--mood N", "--answers FILE", "--tried ANSWER"):
        assert shown in checkin
    assert re.search(r"\n  --json\s+Print", invoke(["review", "--help"]).output)
    assert "people show [OPTIONS] {NAME}\n" in invoke(["people", "show", "-h"]).output
    assert "-f, --format FORMAT" in invoke(["export", "--help"]).output
    # people add's --met is the day she first met her, not a name as in checkin
    assert "--met DATE" in invoke(["people", "add", "--help"]).output


def test_every_example_parses(invoke: Invoke, private_home: Path) -> None:
    """Each example is a real command line: its options exist (checked with --help added)."""
    import shlex

    for examples in EXAMPLES.values():
        for line, _ in examples:
            words = shlex.split(line)[1:]
            result = invoke([*words, "--help"])
            assert result.exit_code == 0, f"{line!r}: {result.output}"


# -- completion ----------------------------------------------------------------------------------


def complete(invoke: Invoke, monkeypatch: pytest.MonkeyPatch, words: str) -> list[str]:
    """What bash would offer after `words` (the last word is the one being completed)."""
    from typer.testing import CliRunner

    env = {
        "_MUMCOACH_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split(" ")) - 1),
    }
    result = CliRunner().invoke(app, [], prog_name="mumcoach", env=env)
    return [line for line in result.output.splitlines() if line]


@pytest.fixture
def journal(private_home: Path) -> Path:
    private_home.mkdir(parents=True)
    shutil.copyfile(FIXTURES / "journal_v2.json", private_home / "journal.json")
    return private_home


def test_tab_completes_commands_options_names_and_steps(
    invoke: Invoke, journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert {"checkin", "export", "import", "erase"} <= set(
        complete(invoke, monkeypatch, "mumcoach ")
    )
    assert complete(invoke, monkeypatch, "mumcoach ex") == ["export"]
    assert complete(invoke, monkeypatch, "mumcoach people sh") == ["show"]
    assert complete(invoke, monkeypatch, "mumcoach people show n") == ["Niamh"]
    assert complete(invoke, monkeypatch, "mumcoach checkin --met P") == ["Priya"]
    assert "--met" in complete(invoke, monkeypatch, "mumcoach checkin --m")
    assert complete(invoke, monkeypatch, "mumcoach ladder rate swap") == ["swap-numbers"]
    assert "say-hello" in complete(invoke, monkeypatch, "mumcoach plan --step sa")
    assert complete(invoke, monkeypatch, "mumcoach plan --place Lib") == ["Library rhyme time"]


def test_completion_without_a_journal_offers_no_names(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert complete(invoke, monkeypatch, "mumcoach people show ") == []
    assert "say-hello" in complete(invoke, monkeypatch, "mumcoach ladder rate s")


def run_entry(
    argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["mumcoach", *argv])
    with pytest.raises(SystemExit) as exited:
        launch.main()
    out, err = capsys.readouterr()
    return int(exited.value.code or 0), out, err


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o default -F"),
        ("zsh", "#compdef mumcoach"),
        ("fish", "complete --command"),
    ],
)
def test_show_completion_prints_each_shells_script(
    shell: str, marker: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run_entry(["--show-completion", shell], capsys, monkeypatch)
    assert code == 0 and marker in out and "_MUMCOACH_COMPLETE" in out


def test_install_completion_writes_where_the_shell_looks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    code, out, _ = run_entry(["--install-completion", "fish"], capsys, monkeypatch)
    installed = tmp_path / ".config" / "fish" / "completions" / "mumcoach.fish"
    assert code == 0 and f"Completion for fish is in {installed}" in out
    assert "_MUMCOACH_COMPLETE=complete_fish" in installed.read_text()


def test_a_shell_it_cannot_complete_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run_entry(["--show-completion", "tcsh"], capsys, monkeypatch)
    assert code == 2 and out == ""
    assert err.strip().splitlines() == [
        "Completion works in bash, zsh and fish (this shell: tcsh); name one, like "
        "`mumcoach --show-completion zsh`."
    ]


def test_the_flags_through_the_cli_use_this_shell(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shellingham

    monkeypatch.setattr(shellingham, "detect_shell", lambda: ("zsh", "/bin/zsh"))
    result = invoke(["--show-completion"])
    assert result.exit_code == 0 and "#compdef mumcoach" in result.output


def test_an_ordinary_run_never_loads_completion(journal: Path) -> None:
    code = (
        "import sys; sys.argv = ['mumcoach', 'people']\n"
        "from mumcoach import launch\n"
        "try:\n    launch.main()\nexcept SystemExit:\n    pass\n"
        "loaded = [m for m in sys.modules if m == 'mumcoach.completion']\n"
        "sys.stderr.write(repr(loaded))\n"
    )
    env = {**os.environ, "MUMCOACH_HOME": str(journal)}
    env.pop("_MUMCOACH_COMPLETE", None)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().endswith("[]"), done.stderr
