"""Options read without a pydantic validator each give exactly what Typer's own coercion gives."""

from __future__ import annotations

from typing import Any

import pytest
import typer
from typer._coercion import build_runtime_param
from typer.testing import CliRunner

from mumcoach.cli import COMMANDS, app
from mumcoach.coercion import Deferred


def every_param() -> list[tuple[str, Any, Any]]:
    """(where, parameter, a context) for the root's options and every command's."""
    root = typer.main.get_command(app)
    ctx = typer.Context(root, info_name="mumcoach")
    out = [(f"mumcoach {p.name}", p, ctx) for p in root.get_params(ctx)]

    def walk(command: Any, path: str) -> None:
        out.extend((f"{path} {p.name}", p, ctx) for p in command.get_params(ctx))
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path} {name}")

    for name in COMMANDS:
        walk(root.get_command(ctx, name), name)  # type: ignore[attr-defined]
    return out


PARAMS = every_param()
SAMPLES = (None, "", "Sara", " 3 ", "3", "007", "-2", "x", "2026-11-20", ("Sara", "Jo"), (), 7)


def outcome(runtime: Any, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
    try:
        return "value", runtime.coerce(value, param=param, ctx=ctx)
    except Exception as exc:  # the same error, worded the same way
        return type(exc).__name__, str(exc)


@pytest.mark.parametrize(("where", "param", "ctx"), PARAMS, ids=[w for w, _, _ in PARAMS])
def test_each_option_reads_every_value_as_typer_does(where: str, param: Any, ctx: Any) -> None:
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None:
        pytest.skip("not a Typer parameter")
    real = build_runtime_param(descriptor)
    for value in (*SAMPLES, param.default):
        assert outcome(Deferred(descriptor), value, param, ctx) == outcome(
            real, value, param, ctx
        ), (where, value)


def test_the_commands_are_all_covered() -> None:
    kinds = {p.type_descriptor.annotation for _, p, _ in PARAMS if hasattr(p, "type_descriptor")}
    assert {str, int, bool} <= kinds
    assert any(str(k) == "list[str]" for k in kinds)
    assert len(PARAMS) > 100


def test_a_run_builds_typers_validator_only_for_values_that_need_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    """Through the CLI: plain values (text, whole numbers, names) build none; the one left
    (a date-looking --mood) goes to Typer's own, which words the error as always."""
    import typer._coercion as coercion

    built: list[Any] = []

    def spy(descriptor: Any) -> Any:
        built.append(descriptor.annotation)
        return build_runtime_param(descriptor)

    monkeypatch.setattr(coercion, "build_runtime_param", spy)
    runner = CliRunner(env={"MUMCOACH_HOME": str(tmp_path)})
    args = ["--no-input", "checkin", "--mood", "3", "--energy", "4"]
    done = runner.invoke(app, [*args, "--proud", "I went.", "--met", "Jo", "--json"])
    assert done.exit_code == 0, done.output
    assert built == []
    done = runner.invoke(app, ["--no-input", "checkin", "--mood", "x"])
    assert done.exit_code == 2
    assert built == [int]
    assert "--mood must be a whole number" in done.output
