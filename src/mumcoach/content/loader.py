"""Find the content files (prompts/*.toml), validate each strictly, and check them together."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from mumcoach.content.catalog import Content
from mumcoach.content.contract import (
    CUSTOM_STEP_PREFIX,
    ON_ANOTHER_DAY,
    REQUIRED_MESSAGES,
    REQUIRED_QUESTIONS,
)
from mumcoach.content.files import FILES, find_prompts_dirs, shipped_dirs
from mumcoach.content.safety import SafetyContent
from mumcoach.content.schema import (
    REGIONS,
    Followups,
    Ladder,
    Messages,
    Openers,
    Questions,
    Rules,
    Support,
    Ucla,
    placeholders,
)
from mumcoach.errors import ContentInvalid

M = TypeVar("M", bound=BaseModel)


def _loc(parts: Iterable[int | str]) -> str:
    """("step", 2, "difficulty") → "step[3].difficulty" (array entries counted from 1)."""
    out = ""
    for part in parts:
        if part == "[key]":
            out += " (the key)"
        elif isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "top level"


def _one_line(path: Path, err: ValidationError) -> str:
    errors = err.errors()
    first = errors[0]
    loc = [p for p in first["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
    problem = first["msg"].removeprefix("Value error, ")
    if first["type"] == "extra_forbidden":
        problem = "unknown field"
    elif first["type"] == "literal_error":
        problem = f"{problem}, got {first['input']!r}"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{path}: {_loc(loc)}: {problem}{more}".replace("\n", " ")


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        # tomllib says "Invalid value (at line 12, column 9)": lead with the line.
        msg = str(exc)
        where = re.search(r"\(at line (\d+), column \d+\)$", msg)
        if where:
            msg = f"line {where.group(1)}: {msg[: where.start()].strip()}"
        raise ContentInvalid(f"{path}: {msg}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentInvalid(f"{path}: cannot read: {exc}") from None


def _parse(model: type[M], path: Path, data: dict[str, Any]) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ContentInvalid(_one_line(path, exc)) from None


def _unique(path: Path, kind: str, ids: Iterable[str], field: str = "id") -> None:
    seen: set[str] = set()
    for where, item_id in enumerate(ids, start=1):
        if item_id in seen:
            raise ContentInvalid(f"{path}: {kind}[{where}].{field}: duplicate {item_id!r}")
        seen.add(item_id)


def _check(content: Content, models: dict[str, Any]) -> None:
    src = content.sources
    ladder: Ladder = models["ladder.toml"]
    seen: dict[str, str] = {}
    for i, step in enumerate(ladder.step, start=1):
        for item_id, loc in [(step.id, f"step[{i}].id")] + [
            (h.id, f"step[{i}].half_steps[{j}].id") for j, h in enumerate(step.half_steps, 1)
        ]:
            if item_id in seen:
                raise ContentInvalid(f"{src['ladder.toml']}: {loc}: duplicate id {item_id!r}")
            if item_id.startswith(CUSTOM_STEP_PREFIX):
                raise ContentInvalid(
                    f"{src['ladder.toml']}: {loc}: ids starting {CUSTOM_STEP_PREFIX!r} are kept "
                    "for your own custom steps"
                )
            seen[item_id] = loc
    _unique(src["openers.toml"], "opener", (o.id for o in content.openers))
    _unique(src["followups.toml"], "followup", (f.id for f in content.followups))
    _unique(src["messages.toml"], "message", (m.id for m in models["messages.toml"].message))
    _unique(src["support.toml"], "region", (r.code for r in models["support.toml"].region), "code")
    for i, op in enumerate(content.openers, start=1):
        for j, step_id in enumerate(op.steps, start=1):
            if step_id not in seen:
                raise ContentInvalid(
                    f"{src['openers.toml']}: opener[{i}].steps[{j}]: no step with id {step_id!r}"
                )
    for msg_id, allowed in REQUIRED_MESSAGES.items():
        if msg_id not in content.messages:
            raise ContentInvalid(f"{src['messages.toml']}: message {msg_id!r} is missing")
        extra = placeholders(content.messages[msg_id].text) - allowed
        if extra:
            can = ", ".join(f"{{{a}}}" for a in sorted(allowed)) or "no placeholders"
            raise ContentInvalid(
                f"{src['messages.toml']}: message {msg_id!r}: unknown placeholder "
                f"{{{min(extra)}}} (it can use {can})"
            )
    for key in REQUIRED_QUESTIONS:
        if key not in content.questions:
            raise ContentInvalid(f"{src['questions.toml']}: question {key!r} is missing")
    for key in ON_ANOTHER_DAY:
        if key not in content.on_another_day:
            raise ContentInvalid(f"{src['questions.toml']}: on_another_day.{key} is missing")
    for key, text in content.on_another_day.items():
        if key not in ON_ANOTHER_DAY:
            raise ContentInvalid(f"{src['questions.toml']}: on_another_day.{key} is not asked")
        extra = placeholders(text) - {"day"}
        if extra:
            raise ContentInvalid(
                f"{src['questions.toml']}: on_another_day.{key}: unknown placeholder "
                f"{{{min(extra)}}} (it can use {{day}})"
            )
    missing = [code for code in REGIONS if code not in content.regions]
    if missing:
        raise ContentInvalid(f"{src['support.toml']}: region {missing[0]!r} is missing")


_MODELS: dict[str, type[BaseModel]] = {
    "ladder.toml": Ladder,
    "openers.toml": Openers,
    "followups.toml": Followups,
    "messages.toml": Messages,
    "questions.toml": Questions,
    "rules.toml": Rules,
    "support.toml": Support,
    "safety.toml": SafetyContent,
    "ucla.toml": Ucla,
}


def load_content(env: Mapping[str, str] = os.environ) -> Content:
    """Load and check every content file, each from the first folder that has it."""
    shipped = shipped_dirs()
    if not shipped:
        raise ContentInvalid(
            "the coaching content (prompts/) is missing from this install; reinstall mumcoach"
        )
    dirs = find_prompts_dirs(env)
    sources: dict[str, Path] = {}
    models: dict[str, Any] = {}
    for name in FILES:
        path = next((d / name for d in dirs if (d / name).is_file()), None)
        if path is None:
            raise ContentInvalid(f"{shipped[0] / name}: file is missing; reinstall mumcoach")
        sources[name] = path
        models[name] = _parse(_MODELS[name], path, _read(path))
    content = Content(
        ladder=models["ladder.toml"],
        openers=models["openers.toml"],
        followups=models["followups.toml"],
        messages=models["messages.toml"],
        questions=models["questions.toml"],
        rules=models["rules.toml"],
        support=models["support.toml"],
        safety=models["safety.toml"],
        ucla=models["ucla.toml"],
        sources=sources,
    )
    _check(content, models)
    return content
