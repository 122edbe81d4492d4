"""The content contract cannot drift: the ids the code asks for are exactly the ones it lists."""

from __future__ import annotations

import ast
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from mumcoach.content import REQUIRED_MESSAGES, REQUIRED_QUESTIONS, load_content
from mumcoach.errors import ContentInvalid

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "mumcoach"
SHIPPED = ROOT / "prompts"
LOOKUPS = {"say": "message", "question": "question"}


@dataclass(frozen=True)
class Use:
    kind: str  # "message" or "question"
    id: str | None  # None: not a literal, so the contract cannot be checked
    where: str


def uses(source: str, filename: str) -> list[Use]:
    """Every `….say(ID, …)` and `….question(ID)` call, aliases like `q = content.question` too."""
    tree = ast.parse(source, filename)
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            targets = [t for t in node.targets]
            pairs: list[tuple[ast.expr, ast.expr]] = []
            for target in targets:
                if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                    pairs += zip(target.elts, node.value.elts, strict=False)
                else:
                    pairs.append((target, node.value))
            for name, value in pairs:
                if (
                    isinstance(name, ast.Name)
                    and isinstance(value, ast.Attribute)
                    and value.attr in LOOKUPS
                ):
                    aliases[name.id] = LOOKUPS[value.attr]
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in LOOKUPS:
            kind = LOOKUPS[func.attr]
        elif isinstance(func, ast.Name) and func.id in aliases:
            kind = aliases[func.id]
        else:
            continue
        first = node.args[0]
        literal = first.value if isinstance(first, ast.Constant) else None
        where = f"{filename}:{node.lineno}"
        found.append(Use(kind, literal if isinstance(literal, str) else None, where))
    return found


def code_uses() -> list[Use]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.parent.name == "content":  # the lookups' own definitions
            continue
        found += uses(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    return found


CONTRACT = {"message": set(REQUIRED_MESSAGES), "question": set(REQUIRED_QUESTIONS)}


@pytest.mark.parametrize("kind", sorted(CONTRACT))
def test_every_id_the_code_uses_is_in_the_contract_and_every_listed_one_is_used(
    kind: str,
) -> None:
    found = [u for u in code_uses() if u.kind == kind]
    assert [u.where for u in found if u.id is None] == [], "pass ids as literals"
    used = {u.id for u in found if u.id}
    assert sorted(used - CONTRACT[kind]) == [], f"{kind} ids the contract lacks"
    assert sorted(CONTRACT[kind] - used) == [], f"{kind} ids listed but never used"


def test_the_scan_finds_calls_aliases_and_non_literals() -> None:
    source = (
        "def f(content, st, heading):\n"
        "    content.say('a.one', x=1)\n"
        "    a, q = 1, content.question\n"
        "    say = st.content.say\n"
        "    q('two'); say('b.three'); content.say(heading)\n"
    )
    assert uses(source, "x.py") == [
        Use("message", "a.one", "x.py:2"),
        Use("question", "two", "x.py:5"),
        Use("message", "b.three", "x.py:5"),
        Use("message", None, "x.py:5"),
    ]


def test_the_shipped_content_has_nothing_outside_the_contract() -> None:
    messages = tomllib.loads((SHIPPED / "messages.toml").read_text(encoding="utf-8"))
    assert sorted({m["id"] for m in messages["message"]} - CONTRACT["message"]) == []
    questions = tomllib.loads((SHIPPED / "questions.toml").read_text(encoding="utf-8"))
    assert sorted(set(questions["questions"]) - CONTRACT["question"]) == []


@pytest.mark.parametrize(
    ("name", "missing"), [("questions.toml", "which_person"), ("messages.toml", "reflect.proud")]
)
def test_an_override_missing_an_id_is_refused_in_one_line(
    tmp_path: Path, name: str, missing: str
) -> None:
    lines = (SHIPPED / name).read_text(encoding="utf-8").splitlines()
    if name == "questions.toml":
        kept = [line for line in lines if not line.startswith(f"{missing} =")]
    else:
        start = lines.index(f'id = "{missing}"') - 1  # the [[message]] line above it
        end = next(i for i in range(start + 1, len(lines)) if lines[i] == "[[message]]")
        kept = lines[:start] + lines[end:]
    assert len(kept) < len(lines)
    (tmp_path / name).write_text("\n".join(kept) + "\n", encoding="utf-8")
    with pytest.raises(ContentInvalid) as caught:
        load_content({"MUMCOACH_PROMPTS": str(tmp_path)})
    message = str(caught.value)
    assert "\n" not in message
    assert str(tmp_path / name) in message and repr(missing) in message


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (lambda text: text.rsplit("\nproud =", 1)[0], "on_another_day.proud is missing"),
        (lambda text: text.replace("on {day}, 0 to 10", "on {when}"), "unknown placeholder {when}"),
    ],
)
def test_an_override_of_another_days_questions_is_checked_in_one_line(
    tmp_path: Path, change: Callable[[str], str], said: str
) -> None:
    text = (SHIPPED / "questions.toml").read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text
    (tmp_path / "questions.toml").write_text(changed + "\n", encoding="utf-8")
    with pytest.raises(ContentInvalid) as caught:
        load_content({"MUMCOACH_PROMPTS": str(tmp_path)})
    assert "\n" not in str(caught.value) and said in str(caught.value)
