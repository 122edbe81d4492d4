"""Every `--json` keeps its contract: the envelope, and exactly the keys the README documents."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import Invoke
from test_people_cmd import seed
from test_review_stats import full_week

from mumcoach.views.json_out import JSON_SCHEMA_VERSION, KINDS, envelope

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
ENVELOPE = {"schema_version", "kind"}


def paths(data: Any, prefix: str = "") -> tuple[set[str], set[str]]:
    """(keys that must be documented, keys that may be): leaves and lists must, objects may.

    {'a': {'b': 1}, 'c': [{'d': 2}], 'e': [1], 'f': []} → ({'a.b', 'c[]', 'c[].d', 'e'},
    {'a', 'f', 'f[]'}): a list of objects is `c[]` with its items' keys, a list of values `e`.
    """
    must: set[str] = set()
    may: set[str] = set()
    if isinstance(data, dict):
        if prefix:
            may.add(prefix)
        for key, value in data.items():
            m, y = paths(value, f"{prefix}.{key}" if prefix else key)
            must |= m
            may |= y
    elif isinstance(data, list) and not data:  # an empty list may be either kind of list
        may |= {prefix, f"{prefix}[]"}
    elif isinstance(data, list) and all(isinstance(x, dict) for x in data):
        must.add(f"{prefix}[]")
        for item in data:
            m, y = paths(item, f"{prefix}[]")
            must |= m
            may |= y
    else:
        must.add(prefix)
    return must, may


def documented(kind: str) -> set[str]:
    """The keys in the README table that follows `<!-- json-keys: KIND -->`."""
    marker = f"<!-- json-keys: {kind} -->"
    assert README.count(marker) == 1, f"README needs exactly one {marker}"
    table = README.split(marker, 1)[1].lstrip("\n")
    rows = []
    for line in table.splitlines():
        if not line.startswith("|"):
            break
        rows.append(line)
    keys = [re.match(r"^\| `([^`]+)` \|", row) for row in rows[2:]]
    assert all(keys), f"{kind}: every row starts with a `key`"
    return {k.group(1) for k in keys if k}


def check(kind: str, outputs: list[dict[str, Any]]) -> None:
    """The union of the outputs' keys is exactly what the README documents for `kind`."""
    must: set[str] = set()
    may: set[str] = set()
    for data in outputs:
        assert list(data)[:2] == ["schema_version", "kind"], kind
        assert (data["schema_version"], data["kind"]) == (JSON_SCHEMA_VERSION, kind)
        m, y = paths({k: v for k, v in data.items() if k not in ENVELOPE})
        must |= m
        may |= y
    docs = documented(kind)
    assert sorted(must - docs) == [], f"{kind}: keys printed but not in the README"
    assert sorted(docs - must - may) == [], f"{kind}: README keys never printed"


def run_json(invoke: Invoke, args: list[str], exit_code: int = 0) -> dict[str, Any]:
    result = invoke(args)
    assert result.exit_code == exit_code, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


# ---- the README's own rules --------------------------------------------------------------------


def test_every_kind_is_documented_once() -> None:
    for kind in KINDS:
        documented(kind)
    spelled = set(re.findall(r"<!-- json-keys: ([a-z-]+) -->", README))
    assert spelled == set(KINDS)


def test_the_envelope_leads_and_cannot_be_shadowed() -> None:
    assert list(envelope("plan", {"id": "x"})) == ["schema_version", "kind", "id"]
    with pytest.raises(ValueError, match="kind"):
        envelope("plan", {"kind": "start"})


def test_the_checker_catches_an_undocumented_and_a_missing_key() -> None:
    good = {"schema_version": 1, "kind": "support", **json_keys_example()}
    check("support", [good])
    with pytest.raises(AssertionError, match="not in the README"):
        check("support", [{**good, "surprise": 1}])
    missing = {k: v for k, v in good.items() if k != "emergency"}
    with pytest.raises(AssertionError, match="never printed"):
        check("support", [missing])


def json_keys_example() -> dict[str, Any]:
    return {
        "region": "uk",
        "region_name": "UK",
        "emergency": "999",
        "emergency_note": None,
        "emergency_last_verified": None,
        "lines": [
            {"name": "Samaritans", "contact": "116 123", "note": None, "last_verified": None}
        ],
        "last_verified": None,
    }


# ---- each kind, through the CLI ---------------------------------------------------------------


def test_review(invoke: Invoke, private_home: Path) -> None:
    private_home.mkdir(parents=True)
    (private_home / "journal.json").write_text(full_week().model_dump_json(), encoding="utf-8")
    full = run_json(invoke, ["review", "--json", "--ucla", "2,1,3"])
    assert full["loneliness"] and full["per_step"] and full["people"]["moved"]
    check("review", [full])


def test_plan(invoke: Invoke) -> None:
    args = ["plan", "--place", "Rhyme time", "--setting", "groups", "--fear", "No one talks"]
    fine = run_json(invoke, [*args, "--json"])
    crisis = ["plan", "--place", "Park", "--fear", "I'll lose it and hurt the baby", "--json"]
    stopped = run_json(invoke, crisis, exit_code=10)
    assert (fine["safety"], stopped["safety"], stopped["flagged"]) == (None, "crisis", ["fear"])
    check("plan", [fine, stopped])


def test_people_and_person(invoke: Invoke, private_home: Path) -> None:
    seed(private_home)
    check("people", [run_json(invoke, ["people", "--json"])])
    shown = run_json(invoke, ["people", "show", "Sarah Miller", "--json"])
    noted = run_json(invoke, ["people", "note", "Sarah Miller", "Loves the swings", "--json"])
    crisis = ["people", "note", "Sarah Miller", "I want to hurt my baby", "--json"]
    stopped = run_json(invoke, crisis, exit_code=10)
    assert (shown["safety"], noted["safety"], stopped["safety"]) == (None, None, "crisis")
    check("person", [shown, noted, stopped])


def test_checkin(invoke: Invoke, tmp_path: Path) -> None:
    plan = ["plan", "--place", "Rhyme time", "--setting", "groups", "--fear", "No one talks"]
    invoke(plan)
    answers = tmp_path / "a.toml"
    answers.write_text(
        'tried = "yes"\nanxiety = 4\nfear_came_true = "no"\nmood = 4\nproud = "I went"\n'
        '[[people]]\nname = "Sarah"\nliked_them = 6\nthey_liked_me = 3\n'
    )
    full = run_json(invoke, ["checkin", "--answers", str(answers), "--json"])
    assert full["safety"] is None and full["reflection"] and full["checkin"]["people"]
    soft = run_json(invoke, ["checkin", "--mood", "2", "--what", "what's the point.", "--json"])
    assert soft["safety"] == "check" and soft["checkin"]["flagged"] == ["what"]
    stop = ["checkin", "--mood", "1", "--learned", "I want to die", "--json"]
    stopped = run_json(invoke, stop, exit_code=10)
    assert stopped["safety"] == "crisis" and stopped["checkin"]["mood"] == 1
    assert stopped["reflection"] == [] and stopped["suggestion"] is None
    check("checkin", [full, soft, stopped])


def test_init(invoke: Invoke) -> None:
    args = ["init", "--name", "Jo", "--region", "uk", "--child", "Ollie:8m", "--goal", "a friend"]
    done = run_json(invoke, [*args, "--json"])
    assert done["safety"] is None and done["profile"]["children"] == [
        {"name": "Ollie", "age": "8m"}
    ]
    stopped = run_json(invoke, ["init", "--goal", "I want to hurt Ollie", "--json"], exit_code=10)
    assert stopped["safety"] == "crisis" and stopped["profile"]["goal"] == "I want to hurt Ollie"
    check("init", [done, stopped])


def test_ladder(invoke: Invoke) -> None:
    check("ladder", [run_json(invoke, ["ladder", "--json"])])


def test_support(invoke: Invoke) -> None:
    check("support", [run_json(invoke, ["support", "--region", "uk", "--json"])])


def test_doctor(invoke: Invoke, private_home: Path) -> None:
    seed(private_home)
    check("doctor", [run_json(invoke, ["doctor", "--json"])])


def test_places(invoke: Invoke, private_home: Path) -> None:
    seed(private_home)
    invoke(["places", "edit", "hartbeeps", "--setting", "classes", "--schedule", "Tue 10:00"])
    check("places", [run_json(invoke, ["places", "--json"])])
