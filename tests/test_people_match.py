"""One person is one person: matching, did-you-mean, rename, merge and growing ages, via the CLI."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXED_NOW, Invoke

from mumcoach.coach.ages import age_today, birth_month_age
from mumcoach.coach.matching import child_query, norm
from mumcoach.coach.people import match_people
from mumcoach.models import CheckIn, Child, Interaction, Journal, Note, Person, Profile
from mumcoach.store import Store

TODAY = FIXED_NOW.date()


def ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def seed(home: Path) -> dict[str, Person]:
    """Sarah (Isla, 4m), Sara Bee, Hannah (Noah), Zoë, and a 'drum mum' logged by description."""
    people = {
        "sarah": Person(
            name="Sarah", child="Isla", child_age="4m", child_age_as_of=ago(1), created=ago(30)
        ),
        "sara": Person(name="Sara Bee", created=ago(30)),
        "hannah": Person(name="Hannah", child="Noah", created=ago(20), first_met=ago(20)),
        "zoe": Person(name="Zoë", created=ago(9)),
        "drum": Person(
            name="drum mum, curly hair",
            child="Noah",
            child_age="8m",
            child_age_as_of=ago(40),
            created=ago(40),
            first_met=ago(40),
            first_met_where="Hartbeeps",
            notes=[Note(date=ago(40), text="plays the bongos")],
        ),
    }

    def start(journal: Journal) -> None:
        journal.profile = Profile(name="Kate", created=ago(60))
        journal.people += list(people.values())
        journal.checkins.append(
            CheckIn(
                date=ago(40),
                created_at=datetime.combine(ago(40), datetime.min.time()),
                mood=3,
                interactions=[
                    Interaction(
                        person_id=people["drum"].id,
                        name="drum mum, curly hair",
                        minutes=40,
                        invited=True,
                        liked_them=6,
                        follow_up="send the drum class link",
                        follow_up_due=ago(37),
                    )
                ],
            )
        )

    Store(home).update(start)
    return people


def load(home: Path) -> Journal:
    return Store(home).load()


def names(home: Path) -> list[str]:
    return sorted(p.name for p in load(home).people)


# ---- the pure rules ---------------------------------------------------------------------------


def test_norm_and_child_queries() -> None:
    assert norm("  ZOË  Smith ") == "zoe smith"
    assert (
        child_query("Isla's mum") == child_query("isla’s") == child_query("mum of Isla") == "isla"
    )
    assert child_query("Sarah") is None and child_query("O'Brien") is None


@pytest.mark.parametrize(
    ("query", "sure", "near"),
    [
        ("SARAH", ["Sarah"], []),
        ("zoe", ["Zoë"], []),
        ("Isla's mum", ["Sarah"], []),
        ("sa", ["Sarah", "Sara Bee"], []),
        ("curly", ["drum mum, curly hair"], []),
        ("Sarha", [], ["Sara Bee", "Sarah"]),
        ("Hanah", [], ["Hannah"]),
        ("Isla", [], []),  # a plain name never matches a child: she may be someone new
        ("Bob", [], []),
    ],
)
def test_match_people(query: str, sure: list[str], near: list[str], private_home: Path) -> None:
    people = list(seed(private_home).values())
    found = match_people(people, query)
    assert [p.name for p in found.sure] == sure
    assert [p.name for p in found.near] == near


@pytest.mark.parametrize(
    ("age", "as_of", "expected"),
    [
        ("8m", ago(0), "8m"),
        ("8m", ago(92), "11m"),
        ("8m", ago(365), "20m"),
        ("18m", ago(200), "2y"),
        ("6w", ago(14), "8w"),
        ("6w", ago(60), "3m"),
        ("3y", ago(400), "4y"),
        ("8m", None, "8m"),
    ],
)
def test_ages_grow_from_the_day_given(age: str, as_of: date | None, expected: str) -> None:
    assert age_today(age, as_of, TODAY) == expected


def test_birth_month() -> None:
    assert birth_month_age("2025-03", TODAY) == "20m"
    assert birth_month_age("born 2026-11", TODAY) == "0w"
    assert birth_month_age("2027-01", TODAY) is None and birth_month_age("8m", TODAY) is None


# ---- every name-taking command finds her ------------------------------------------------------


def test_case_accents_child_and_id_find_the_same_card(invoke: Invoke, private_home: Path) -> None:
    people = seed(private_home)
    for query in ("zoe", "ZOË", people["zoe"].id):
        assert json.loads(invoke(["people", "show", query, "--json"]).stdout)["name"] == "Zoë"
    result = invoke(["people", "note", "Isla's mum", "likes the swings"])
    assert result.exit_code == 0 and "Noted for Sarah." in result.rich
    sarah = next(p for p in load(private_home).people if p.id == people["sarah"].id)
    assert [n.text for n in sarah.notes] == ["likes the swings"]


def test_a_typo_without_a_terminal_suggests_and_changes_nothing(
    invoke: Invoke, private_home: Path
) -> None:
    seed(private_home)
    before = (private_home / "journal.json").read_bytes()
    result = invoke(["people", "note", "Hanah", "brings snacks"])
    assert result.exit_code == 2
    assert "No one called “Hanah”. Did you mean Hannah (Noah)?" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert (private_home / "journal.json").read_bytes() == before


def test_a_typo_interactively_asks_did_you_mean(invoke: Invoke, private_home: Path) -> None:
    seed(private_home)
    result = invoke(["people", "note", "Hanah", "brings snacks"], script={"did_you_mean": True})
    assert result.exit_code == 0 and "Noted for Hannah." in result.rich
    result = invoke(["people", "show", "Hanah"], script={"did_you_mean": False})
    assert result.exit_code == 2 and "No one called “Hanah”" in result.stderr
    # two near spellings: a picker that shows child and last seen, with a way out
    result = invoke(["people", "show", "Sarha"], script={"which_person": "__none__"})
    assert result.exit_code == 2


def test_the_picker_shows_child_age_today_and_last_seen(invoke: Invoke, private_home: Path) -> None:
    people = seed(private_home)
    seen: dict[str, Any] = {}

    class Spy:
        def __init__(self) -> None:
            self.asked: list[str] = []

        def select(self, key: str, message: str, choices: Any, default: Any = None) -> str:
            seen["titles"] = [c.title for c in choices]
            return str(people["drum"].id)

    from conftest import text_console
    from typer.testing import CliRunner

    from mumcoach.cli import app
    from mumcoach.context import AppContext

    ctx = AppContext(
        now=lambda: FIXED_NOW,
        interactive=True,
        prompter_override=Spy(),  # type: ignore[arg-type]
        console_override=text_console(),
    )
    result = CliRunner().invoke(app, ["people", "show", "Noah's mum"], obj=ctx)
    assert result.exit_code == 0, result.output
    assert seen["titles"] == [
        "Hannah (Noah), last seen 20 days ago",
        "drum mum, curly hair (Noah, 9m), last seen 40 days ago",
    ]


# ---- check-in never makes a duplicate silently ------------------------------------------------


def checkin_file(tmp_path: Path, *names: str) -> Path:
    path = tmp_path / "evening.toml"
    people = "".join(f'[[people]]\nname = "{n}"\nminutes = 40\nliked_them = 6\n' for n in names)
    path.write_text("mood = 4\n" + people)
    return path


def test_scripted_checkin_attaches_a_known_name_in_any_case(
    invoke: Invoke, private_home: Path, tmp_path: Path
) -> None:
    people = seed(private_home)
    result = invoke(["checkin", "--answers", str(checkin_file(tmp_path, "hannah", "ZOE"))])
    assert result.exit_code == 0, result.output
    journal = load(private_home)
    assert len(journal.people) == 5  # no third Hannah, no second Zoë
    logged = [i.person_id for i in journal.checkins[-1].interactions]
    assert logged == [people["hannah"].id, people["zoe"].id]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Hanah", "people[0]: “Hanah” is close to Hannah (Noah). If that's the one"),
        ("sa", "people[0]: “sa” matches 2 people: Sarah (Isla, 4m), Sara Bee."),
    ],
)
def test_scripted_checkin_stops_on_a_near_or_ambiguous_name(
    invoke: Invoke, private_home: Path, tmp_path: Path, name: str, message: str
) -> None:
    seed(private_home)
    before = (private_home / "journal.json").read_bytes()
    result = invoke(["checkin", "--answers", str(checkin_file(tmp_path, name))])
    assert result.exit_code == 2
    assert message in result.stderr
    assert (private_home / "journal.json").read_bytes() == before
    result = invoke(["checkin", "--mood", "4", "--met", name])
    assert result.exit_code == 2
    # she typed a flag, so the error names the flag, not an answers-file list she never wrote
    assert message.replace("people[0]:", "--met:") in result.stderr


def test_scripted_checkin_creates_only_a_clearly_new_person(
    invoke: Invoke, private_home: Path, tmp_path: Path
) -> None:
    seed(private_home)
    result = invoke(["checkin", "--answers", str(checkin_file(tmp_path, "Priya"))])
    assert result.exit_code == 0, result.output
    assert "Priya" in names(private_home)
    result = invoke(["checkin", "--mood", "3", "--met", "Isla's mum"])  # by child: Sarah
    assert result.exit_code == 0 and len(load(private_home).people) == 6


def test_interactive_checkin_asks_did_you_mean(invoke: Invoke, private_home: Path) -> None:
    people = seed(private_home)
    script = {
        "mood": 4,
        "energy": 5,
        "met_anyone": True,
        "person_name": ["Hanah", "Hanah"],
        "did_you_mean": [True, False],
        "child": "Rosa",
        "child_age": "",
        "where": "Park",
        "detail": "",
        "minutes": "",
        "started_by": "them",
        "person_flags": [[], []],
        "liked_them": 5,
        "they_liked_me": 5,
        "follow_up": "",
        "another_person": [True, False],
        "proud": "",
    }
    script = {k: v if isinstance(v, list) else [v, v] for k, v in script.items()}
    script["mood"], script["energy"], script["met_anyone"], script["proud"] = 4, 5, True, ""
    script["child"], script["child_age"] = "Rosa", ""
    result = invoke(["checkin"], script=script)
    assert result.exit_code == 0, result.output
    journal = load(private_home)
    first, second = journal.checkins[-1].interactions
    assert first.person_id == people["hannah"].id
    assert second.name == "Hanah" and second.person_id not in {p.id for p in people.values()}
    assert next(p for p in journal.people if p.id == second.person_id).child == "Rosa"
    assert result.prompter.asked.count("did_you_mean") == 2


# ---- rename and merge -------------------------------------------------------------------------


def test_rename_to_a_name_in_use_is_refused_without_force(
    invoke: Invoke, private_home: Path
) -> None:
    seed(private_home)
    before = (private_home / "journal.json").read_bytes()
    result = invoke(["people", "edit", "drum", "--name", "hannah"])
    assert result.exit_code == 2
    assert "You already have someone called Hannah (Noah)" in result.stderr
    assert "`mumcoach people merge drum Hannah` puts everything on one card" in result.stderr
    assert (private_home / "journal.json").read_bytes() == before
    result = invoke(["people", "edit", "drum", "--name", "Hannah", "--force"])
    assert result.exit_code == 0
    assert names(private_home).count("Hannah") == 2


def test_merge_moves_everything_and_keeps_the_richer_fields(
    invoke: Invoke, private_home: Path
) -> None:
    people = seed(private_home)
    result = invoke(["people", "merge", "drum", "Hannah"])
    assert result.exit_code == 7 and "--yes" in result.stderr  # shown, then needs a yes
    assert "drum mum, curly hair" in names(private_home)
    result = invoke(["people", "merge", "drum", "Hannah"], script={"confirm_merge": True})
    assert result.exit_code == 0, result.output
    shown = " ".join(result.rich.split())
    assert "Merge “drum mum, curly hair” into Hannah:" in shown
    assert "1 chat, 1 note, 1 open follow-up and 1 invitation move to Hannah's card" in shown
    assert "child's age: 8m" in shown and "where you first met: Hartbeeps" in shown
    journal = load(private_home)
    assert names(private_home) == ["Hannah", "Sara Bee", "Sarah", "Zoë"]
    hannah = next(p for p in journal.people if p.id == people["hannah"].id)
    assert (hannah.child, hannah.child_age, hannah.first_met) == ("Noah", "8m", ago(40))
    assert hannah.first_met_where == "Hartbeeps"
    assert [n.text for n in hannah.notes] == [
        "plays the bongos",
        "Also logged as “drum mum, curly hair” (merged).",
    ]
    assert {i.person_id for c in journal.checkins for i in c.interactions} == {hannah.id}
    card = json.loads(invoke(["people", "show", "hannah", "--json"]).stdout)
    assert card["invitations_made"] == 1 and card["hours_together"] == pytest.approx(0.67)
    assert card["child_age"] == "9m"  # 8m forty days ago
    assert [f["text"] for f in card["open_followups"]] == ["send the drum class link"]


def test_merge_with_yes_and_merging_someone_with_herself(
    invoke: Invoke, private_home: Path
) -> None:
    seed(private_home)
    assert invoke(["people", "merge", "zoe", "ZOË", "--yes"]).exit_code == 2
    result = invoke(["people", "merge", "zoe", "sara bee", "--yes"])
    assert result.exit_code == 0 and "Merged" in result.rich
    assert "Zoë" not in names(private_home)


# ---- ages that grow ---------------------------------------------------------------------------


def test_child_ages_grow_on_cards_and_lists(invoke: Invoke, private_home: Path) -> None:
    invoke(["people", "add", "Meg", "--child", "Jasper", "--child-age", "8m"])
    later = FIXED_NOW + timedelta(days=92)
    row = json.loads(invoke(["people", "--json"], now=later).stdout)["people"][0]
    assert row["child_age"] == "11m"
    assert "Jasper, 11m" in invoke(["people", "show", "meg"], now=later).rich
    invoke(["people", "add", "Liv", "--child-age", "2025-03"])
    assert json.loads(invoke(["people", "show", "liv", "--json"]).stdout)["child_age"] == "20m"
    assert invoke(["people", "add", "Ann", "--child-age", "soon"]).exit_code == 2


def test_ready_made_message_uses_her_card_and_her_child(
    invoke: Invoke, private_home: Path, tmp_path: Path
) -> None:
    seed(private_home)
    Store(private_home).update(
        lambda j: setattr(j.profile, "children", [Child(name="Jasper", age="8m")])
    )
    answers = tmp_path / "met.toml"
    answers.write_text('mood = 4\n[[people]]\nname = "hannah"\nmeetup = true\n')
    result = invoke(["checkin", "--answers", str(answers)])
    assert result.exit_code == 0, result.output
    text = " ".join(result.rich.split())
    assert "A message you could send Hannah" in text and "Noah" in text
    assert "Jasper" not in text


def test_adding_a_name_she_has_or_one_spelt_like_it_needs_a_yes_or_force(
    invoke: Invoke, private_home: Path
) -> None:
    seed(private_home)
    before = (private_home / "journal.json").read_bytes()
    for name in ("HANNAH", "Hanah", "Hanna"):
        result = invoke(["people", "add", name])
        assert result.exit_code == 2
        assert f"You already have Hannah (Noah). Pass --force to add {name}" in result.stderr
    assert (private_home / "journal.json").read_bytes() == before
    result = invoke(["people", "add", "Hanah"], script={"add_another": False})
    assert "Nothing was changed." in result.rich
    assert invoke(["people", "add", "Hanah", "--force"]).exit_code == 0
    assert invoke(["people", "add", "Han"]).exit_code == 0  # a start is a different name
    assert names(private_home).count("Hanah") == 1 and "Han" in names(private_home)
