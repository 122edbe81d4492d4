"""Correcting an entry in her own editor: reopened with a one-line problem until it reads right."""

from __future__ import annotations

import contextlib
import os
import secrets
import shlex
import shutil
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar

from mumcoach.errors import BadInput, MumcoachError
from mumcoach.paths import FILE_MODE, ensure_private_dir
from mumcoach.views.edit_toml import with_problem

T = TypeVar("T")
EDIT_PREFIX = ".edit-"  # her entry while the editor is open; erase removes any left behind
Opener = Callable[[str], str]


def edit_until_valid(text: str, read: Callable[[str], T], open_editor: Opener) -> T | None:
    """Open `text` in the editor until `read` accepts it; None if she cancels or changes nothing.

    A problem reopens the editor on exactly what she wrote, with one line on top saying what
    to fix, so nothing she typed is lost.
    """
    shown = text
    while True:
        edited = open_editor(shown)
        body = "\n".join(line for line in edited.splitlines() if not line.startswith("#"))
        if not body.strip() or edited == text:
            return None
        try:
            return read(edited)
        except MumcoachError as exc:
            shown = with_problem(edited, exc.message)


def editor_command(env: Mapping[str, str]) -> list[str]:
    """$VISUAL, else $EDITOR, else the first of nano, vi or notepad found."""
    for name in ("VISUAL", "EDITOR"):
        if env.get(name, "").strip():
            return shlex.split(env[name], posix=os.name == "posix")
    for fallback in ("nano", "vi", "notepad"):
        if shutil.which(fallback):
            return [fallback]
    raise BadInput(
        "No editor found: set $EDITOR (e.g. EDITOR=nano), or change the entry with flags "
        "(see --help)."
    )


def file_editor(home: Path, env: Mapping[str, str]) -> Opener:
    """Opens text in her editor in a private file in the data folder, removed afterwards."""
    command = editor_command(env)

    def open_editor(text: str) -> str:
        folder = ensure_private_dir(home)
        path = folder / f"{EDIT_PREFIX}{secrets.token_hex(4)}.toml"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            try:
                done = subprocess.run([*command, str(path)], check=False)
            except OSError as exc:
                raise BadInput(
                    f"Could not start the editor {command[0]}: {exc.strerror}."
                ) from None
            if done.returncode != 0:
                raise BadInput(f"The editor {command[0]} stopped with an error; nothing was saved.")
            return path.read_text(encoding="utf-8")
        finally:
            with contextlib.suppress(OSError):
                path.unlink()

    return open_editor
