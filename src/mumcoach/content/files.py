"""Which content files there are, and the folders they are read from (first match wins)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

ENV_VAR = "MUMCOACH_PROMPTS"
FILES = (
    "ladder.toml",
    "openers.toml",
    "followups.toml",
    "messages.toml",
    "questions.toml",
    "rules.toml",
    "support.toml",
    "safety.toml",
    "ucla.toml",
)


def shipped_dirs() -> list[Path]:
    """The copy packaged in the wheel, then the source checkout (editable installs)."""
    package = Path(__file__).resolve().parents[1]  # src/mumcoach (or site-packages/mumcoach)
    return [p for p in (package / "prompts", package.parents[1] / "prompts") if p.is_dir()]


def find_prompts_dirs(env: Mapping[str, str] = os.environ) -> list[Path]:
    """Existing prompt folders, first match wins per file: $MUMCOACH_PROMPTS, packaged, checkout."""
    override = [Path(env[ENV_VAR]).expanduser()] if env.get(ENV_VAR) else []
    out: list[Path] = []
    for path in [*override, *shipped_dirs()]:
        if path.is_dir() and path not in out:
            out.append(path)
    return out
