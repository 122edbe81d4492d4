"""Shell completion for bash, zsh and fish: the script, installing it, and names to offer.

Nothing here is imported by an ordinary run: only `--show-completion`, `--install-completion`
and the shell asking for completions (`_MUMCOACH_COMPLETE` set) reach it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mumcoach.errors import BadInput

PROG = "mumcoach"
COMPLETE_VAR = "_MUMCOACH_COMPLETE"
SHELLS = ("bash", "zsh", "fish")


def shell_name(given: str | None, env: Mapping[str, str] = os.environ) -> str:
    """The shell named, else the one this runs in; BadInput for one mumcoach can't complete."""
    name = (given or "").strip().lower()
    if not name or name == "auto":
        name = _detect(env)
    if name not in SHELLS:
        shown = name or "unknown"
        raise BadInput(
            f"Completion works in bash, zsh and fish (this shell: {shown}); name one, like "
            "`mumcoach --show-completion zsh`."
        )
    return name


def script(shell: str) -> str:
    """The completion script for `shell`, to source or save."""
    from typer._completion_shared import get_completion_script

    return get_completion_script(prog_name=PROG, complete_var=COMPLETE_VAR, shell=shell)


def install(shell: str) -> Path:
    """Save the script where `shell` loads it from (and tell the shell); where it went."""
    from typer._completion_shared import install as typer_install

    _, path = typer_install(shell=shell, prog_name=PROG, complete_var=COMPLETE_VAR)
    return path


def answer(option: str, shell: str | None) -> tuple[str, int]:
    """What `mumcoach --show-completion [SHELL]` / `--install-completion [SHELL]` print, and
    the exit code; a shell it can't complete is one line on standard error."""
    try:
        name = shell_name(shell)
    except BadInput as exc:
        sys.stderr.write(exc.message + "\n")
        return "", exc.exit_code
    if option == "--show-completion":
        return script(name), 0
    path = install(name)
    return f"Completion for {name} is in {path}; it works in new {name} windows.\n", 0


def _detect(env: Mapping[str, str]) -> str:
    try:
        import shellingham

        name, _ = shellingham.detect_shell()
        return str(name).lower()
    except Exception:  # noqa: BLE001 - any failure: fall back on $SHELL
        return Path(env.get("SHELL", "")).name.lower()


# -- what to offer for a value ---------------------------------------------------------------------


def _journal(ctx: Any) -> Any:
    """Her journal for completing a value, read quietly: None if it can't be read."""
    from mumcoach.errors import MumcoachError
    from mumcoach.paths import data_home
    from mumcoach.store import Store

    home = ctx.find_root().params.get("home") if ctx is not None else None
    try:
        return Store(data_home(home)).load()
    except (MumcoachError, OSError):
        return None


def _matching(words: list[str], incomplete: str) -> list[str]:
    start = incomplete.casefold()
    return [w for w in dict.fromkeys(words) if w.casefold().startswith(start)]


def people_names(ctx: Any, param: Any, incomplete: str) -> list[str]:
    journal = _journal(ctx)
    return _matching([p.name for p in journal.people], incomplete) if journal else []


def place_names(ctx: Any, param: Any, incomplete: str) -> list[str]:
    journal = _journal(ctx)
    return _matching([p.name for p in journal.places], incomplete) if journal else []


def step_ids(ctx: Any, param: Any, incomplete: str) -> list[str]:
    from mumcoach.coach.ladder import all_steps, effective_ladder
    from mumcoach.content import load_content
    from mumcoach.errors import MumcoachError

    journal = _journal(ctx)
    try:
        content = load_content(os.environ)
    except MumcoachError:
        return []
    if journal is None:
        from mumcoach.models import Journal

        journal = Journal()
    return _matching(list(all_steps(effective_ladder(content, journal))), incomplete)
