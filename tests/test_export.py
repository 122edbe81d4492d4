"""`mumcoach export` through the CLI: JSON against its schema, Markdown, CSV and iCalendar."""

from __future__ import annotations

import csv
import json
import shutil
import stat
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import icalendar
import jsonschema
import pytest
from conftest import FIXED_NOW, Invoke

from mumcoach.models import (
    CheckIn,
    Interaction,
    Journal,
    Loneliness,
    Note,
    Person,
    Place,
    Plan,
    Profile,
    Schedule,
)
from mumcoach.store import Store
from mumcoach.views.export_json import schema_text

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[1]
SHIPPED_SCHEMA = ROOT / "src" / "mumcoach" / "export.schema.json"
TODAY = FIXED_NOW.date()  # Saturday 21 Nov 2026
TUESDAY = date(2026, 11, 24)


def seed(home: Path) -> dict[str, Any]:
    """Zoë's journal: two places, a past and three upcoming plans, people with accents."""
    hall = Place(
        name="Hartbeeps at St Mary's",
        setting="classes",
        schedule=Schedule(kind="weekly", weekdays=[1], at=time(10, 0)),
        created=date(2026, 11, 2),
    )
    park = Place(name="Siobhán's garden", created=date(2026, 11, 2))
    siobhan = Person(name="Siobhán Ní Bhriain", child="Órla", created=date(2026, 11, 4))
    siobhan.notes.append(Note(date=date(2026, 11, 4), text='=HYPERLINK("http://x")'))
    grace = Person(name="Grace", created=date(2026, 11, 5))
    plans = [
        Plan(
            date=date(2026, 11, 17),
            created_at=datetime(2026, 11, 16, 21),
            place_id=hall.id,
            step_id="say-hello",
        ),
        Plan(  # upcoming, at its own time
            date=TUESDAY,
            time=time(9, 45),
            created_at=datetime(2026, 11, 21, 20),
            place_id=hall.id,
            step_id="say-hello",
            if_then="If Siobhán waves, then I'll ask how Órla is sleeping.",
            openers=["Is this your first term, Grace?"],
        ),
        Plan(  # upcoming, no time of its own: the place's usual Tuesday 10:00
            date=TUESDAY + timedelta(days=7),
            created_at=datetime(2026, 11, 21, 20),
            place_id=hall.id,
            step_id="ask-open-question",
        ),
        Plan(  # upcoming, no time anywhere: an all-day event
            date=date(2026, 11, 26),
            created_at=datetime(2026, 11, 21, 20),
            place_id=park.id,
            step_id="go-back",
        ),
    ]
    checkin = CheckIn(
        date=date(2026, 11, 17),
        created_at=datetime(2026, 11, 17, 20),
        plan_id=plans[0].id,
        tried="yes",
        mood=4,
        what="Chatted *a lot* with Siobhán about [sleep]",
        proud="-1 nerves, +1 friend",
        interactions=[
            Interaction(
                person_id=siobhan.id,
                name=siobhan.name,
                child="Órla",
                minutes=20,
                follow_up="Send Siobhán the sling link",
                follow_up_due=date(2026, 11, 25),
            ),
            Interaction(
                person_id=grace.id,
                name="Grace",
                follow_up="Ask Grace about swimming",
                follow_up_due=date(2026, 11, 19),
                follow_up_done=date(2026, 11, 19),
            ),
        ],
    )

    def build(journal: Journal) -> None:
        journal.profile = Profile(name="Zoë", region="ie", created=date(2026, 11, 2))
        journal.places += [hall, park]
        journal.plans += plans
        journal.checkins.append(checkin)
        journal.people += [siobhan, grace]
        journal.loneliness.append(Loneliness(date=date(2026, 11, 16), answers=[2, 2, 1]))

    Store(home, now=lambda: FIXED_NOW).update(build)
    return {"plans": plans, "checkin": checkin, "siobhan": siobhan, "hall": hall, "park": park}


def private(path: Path) -> bool:
    return not stat.S_IMODE(path.stat().st_mode) & 0o077


# -- JSON ----------------------------------------------------------------------------------------


def test_the_shipped_schema_is_the_one_the_models_give() -> None:
    assert SHIPPED_SCHEMA.read_text(encoding="utf-8") == schema_text(), (
        "The journal models changed: regenerate the published schema with "
        "`python -m mumcoach.views.export_json > src/mumcoach/export.schema.json`"
    )


def test_schema_flag_prints_the_shipped_schema(invoke: Invoke) -> None:
    result = invoke(["export", "--schema"])
    assert result.exit_code == 0
    assert result.output == SHIPPED_SCHEMA.read_text(encoding="utf-8")
    jsonschema.Draft202012Validator.check_schema(json.loads(result.output))


def test_json_export_validates_against_the_published_schema(
    invoke: Invoke, private_home: Path, tmp_path: Path
) -> None:
    seed(private_home)
    schema = json.loads(SHIPPED_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )

    result = invoke(["export"])  # JSON to standard output is the default
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    validator.validate(data)
    assert (data["schema_version"], data["kind"], data["journal_schema_version"]) == (
        1,
        "export",
        2,
    )
    assert data["journal"] == json.loads(Store(private_home).load().model_dump_json())

    # A journal written by an older version, with unknown fields, exports and validates too.
    shutil.copyfile(FIXTURES / "journal_v1.json", private_home / "journal.json")
    data = json.loads(invoke(["export", "--format", "json"]).output)
    validator.validate(data)
    assert data["journal"]["checkins"][0]["weather"] == "rain"

    # A broken export fails the same validator: the test can tell.
    data["journal"]["checkins"][0]["mood"] = 9
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(data)


def test_json_export_to_a_file_is_private_and_says_where(
    invoke: Invoke, private_home: Path, tmp_path: Path
) -> None:
    seed(private_home)
    target = tmp_path / "out" / "zoe.json"
    target.parent.mkdir()
    result = invoke(["export", "--output", str(target)])
    assert result.exit_code == 0
    assert f"Saved JSON to {target}" in result.rich
    assert json.loads(target.read_text(encoding="utf-8"))["journal"]["profile"]["name"] == "Zoë"
    assert private(target)


# -- Markdown ------------------------------------------------------------------------------------


def test_markdown_is_a_diary_then_people_ladder_and_places(
    invoke: Invoke, private_home: Path
) -> None:
    seed(private_home)
    result = invoke(["export", "--format", "markdown"])
    assert result.exit_code == 0, result.output
    text = result.output
    assert text.startswith("# Zoë's mumcoach journal\n")
    order = [
        "## Diary",
        "### Monday 16 November 2026",
        "Loneliness check",
        "### Tuesday 17 November 2026",
        "#### Plan",
        "#### Check-in",
        "#### People met",
        "### Tuesday 24 November 2026",
        "**If-then plan:** If Siobhán waves, then I'll ask how Órla is sleeping.",
        "\n## People\n",
        "### Siobhán Ní Bhriain",
        "**Follow-up:** Send Siobhán the sling link (by 25 Nov 2026)",
        "### Grace",
        "## Ladder",
        "| 1 | Find one group",
        "## Places",
        "- Hartbeeps at St Mary's — Tuesdays 10:00",
    ]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)
    # Her words are escaped, so they read as written instead of turning into markup.
    assert r"Chatted \*a lot\* with Siobhán about \[sleep\]" in text
    assert "swimming" not in text.split("\n## People\n")[1], "a done follow-up is not open"


# -- CSV -----------------------------------------------------------------------------------------


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_writes_one_file_per_kind_that_reads_back_whole(
    invoke: Invoke, private_home: Path, tmp_path: Path
) -> None:
    seeded = seed(private_home)
    folder = tmp_path / "zoe-csv"
    result = invoke(["export", "--format", "csv", "--output", str(folder)])
    assert result.exit_code == 0, result.output
    assert "Saved 8 CSV files" in result.rich

    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(
        [
            "checkins.csv",
            "plans.csv",
            "interactions.csv",
            "people.csv",
            "notes.csv",
            "follow-ups.csv",
            "places.csv",
            "loneliness.csv",
        ]
    )
    assert all(private(folder / n) for n in names)
    raw = (folder / "people.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a BOM, so spreadsheets read UTF-8"

    journal = Store(private_home).load()
    plans = read_csv(folder / "plans.csv")
    assert [p["id"] for p in plans] == [p.id for p in journal.plans]
    assert plans[1]["time"] == "09:45:00" and plans[1]["step"].startswith("Say hello")
    assert plans[1]["if_then"] == seeded["plans"][1].if_then
    people = read_csv(folder / "people.csv")
    assert [p["name"] for p in people] == ["Siobhán Ní Bhriain", "Grace"]
    assert people[0]["child"] == "Órla"
    met = read_csv(folder / "interactions.csv")
    assert [m["checkin_id"] for m in met] == [seeded["checkin"].id] * 2
    follow_ups = read_csv(folder / "follow-ups.csv")
    assert [(f["name"], f["status"]) for f in follow_ups] == [
        ("Siobhán Ní Bhriain", "open"),
        ("Grace", "done"),
    ]
    assert read_csv(folder / "places.csv")[0]["schedule"] == "Tuesdays 10:00"
    assert read_csv(folder / "loneliness.csv")[0]["total"] == "5"
    # Cells a spreadsheet would run as a formula are made inert; the words stay.
    assert read_csv(folder / "notes.csv")[0]["text"] == '\'=HYPERLINK("http://x")'
    assert read_csv(folder / "checkins.csv")[0]["proud"] == "'-1 nerves, +1 friend"


def test_csv_of_an_empty_journal_still_has_header_rows(invoke: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    assert invoke(["export", "-f", "csv", "-o", str(folder)]).exit_code == 0
    with (folder / "people.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:3] == ["id", "updated_at", "name"] and len(rows) == 1


# -- iCalendar -----------------------------------------------------------------------------------


def calendar(text: str) -> dict[str, Any]:
    cal = icalendar.Calendar.from_ical(text)
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def alarms(event: Any) -> list[Any]:
    return [a for a in event.subcomponents if a.name == "VALARM"]


def test_ics_has_upcoming_plans_with_reminders_places_and_follow_ups(
    invoke: Invoke, private_home: Path
) -> None:
    seeded = seed(private_home)
    result = invoke(["export", "--format", "ics"])
    assert result.exit_code == 0, result.output
    events = calendar(result.output)
    past, timed, usual, all_day = seeded["plans"]

    assert f"plan-{past.id}@mumcoach" not in events, "past plans are not upcoming"
    event = events[f"plan-{timed.id}@mumcoach"]
    assert event.decoded("DTSTART") == datetime(2026, 11, 24, 9, 45)
    assert event.decoded("DURATION") == timedelta(hours=1)
    description = str(event["DESCRIPTION"])
    assert "Step: Say hello" in description and "If-then plan: If someone waves" in description
    (alarm,) = alarms(event)
    assert alarm.decoded("TRIGGER") == timedelta(hours=-1)
    assert str(alarm["ACTION"]) == "DISPLAY"

    assert events[f"plan-{usual.id}@mumcoach"].decoded("DTSTART") == datetime(2026, 12, 1, 10)
    day_event = events[f"plan-{all_day.id}@mumcoach"]
    assert day_event.decoded("DTSTART") == date(2026, 11, 26)
    (morning,) = alarms(day_event)
    assert morning.decoded("TRIGGER") == timedelta(hours=8)

    hall = events[f"place-{seeded['hall'].id}@mumcoach"]
    assert hall.decoded("DTSTART") == datetime(2026, 11, 3, 10)  # first Tuesday from 2 Nov
    assert hall["RRULE"]["FREQ"] == ["WEEKLY"] and hall["RRULE"]["BYDAY"] == ["TU"]
    assert f"place-{seeded['park'].id}@mumcoach" not in events, "no schedule, no event"

    follow_ups = [e for uid, e in events.items() if uid.startswith("followup-")]
    assert len(follow_ups) == 1, "only open follow-ups"
    assert follow_ups[0].decoded("DTSTART") == date(2026, 11, 25)


def test_ics_leaves_names_out_unless_asked(invoke: Invoke, private_home: Path) -> None:
    seed(private_home)
    hidden = invoke(["export", "--format", "ics"]).output
    unfolded = hidden.replace("\r\n ", "")
    for name in ("Siobhán", "Órla", "Grace", "Bhriain"):
        assert name not in unfolded
    assert "SUMMARY:Follow up with someone" in unfolded
    assert "LOCATION:someone's garden" in unfolded

    named = invoke(["export", "--format", "ics", "--with-names"]).output.replace("\r\n ", "")
    assert "Siobhán" in named and "Follow up with Siobhán Ní Bhriain" in named


def test_ics_uids_are_stable_and_lines_folded(
    invoke: Invoke, private_home: Path, tmp_path: Path
) -> None:
    seed(private_home)
    first, again = tmp_path / "first.ics", tmp_path / "again.ics"
    invoke(["export", "--format", "ics", "--output", str(first)])
    invoke(["export", "-f", "ics", "-o", str(again)], now=FIXED_NOW + timedelta(hours=1))
    raw = first.read_bytes()
    assert raw == again.read_bytes(), "nothing changed, so the file is the same"
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and all(b"\n" not in line for line in lines), "CRLF line ends"
    assert all(len(line) <= 75 for line in lines), "folded at 75 octets"
    assert any(line.startswith(b" ") for line in lines), "the test has a long line to fold"
    assert set(calendar(raw.decode("utf-8"))) == set(calendar(again.read_text("utf-8")))


@pytest.mark.parametrize(
    ("remind", "trigger"),
    [("30m", timedelta(minutes=-30)), ("1h30m", timedelta(minutes=-90)), ("none", None)],
)
def test_remind_sets_or_drops_the_reminder(
    invoke: Invoke, private_home: Path, remind: str, trigger: timedelta | None
) -> None:
    seeded = seed(private_home)
    result = invoke(["export", "--format", "ics", "--remind", remind])
    assert result.exit_code == 0, result.output
    event = calendar(result.output)[f"plan-{seeded['plans'][1].id}@mumcoach"]
    found = [a.decoded("TRIGGER") for a in alarms(event)]
    assert found == ([trigger] if trigger else [])


# -- bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "pdf"], "pdf"),
        (
            ["--format", "ics", "--remind", "soon"],
            '--remind must be a time before the event like "1h"',
        ),
        (
            ["--format", "markdown", "--with-names"],
            "--remind and --with-names are for --format ics",
        ),
        (["--format", "csv"], "add --output FOLDER"),
        (["--output", "/no/such/folder/out.json"], "doesn't exist; nothing was written"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    invoke: Invoke, private_home: Path, args: list[str], message: str
) -> None:
    seed(private_home)
    result = invoke(["export", *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_output_that_is_a_folder_or_a_file_in_the_way(
    invoke: Invoke, private_home: Path, tmp_path: Path
) -> None:
    seed(private_home)
    result = invoke(["export", "--output", str(tmp_path)])
    assert result.exit_code == 2 and "is a folder" in result.output
    blocker = tmp_path / "file.txt"
    blocker.write_text("keep me")
    result = invoke(["export", "--format", "csv", "--output", str(blocker)])
    assert result.exit_code == 2 and "is a file" in result.output
    assert blocker.read_text() == "keep me"


def test_a_damaged_journal_is_not_exported(
    invoke: Invoke, private_home: Path, tmp_path: Path
) -> None:
    private_home.mkdir(parents=True)
    (private_home / "journal.json").write_text('{"schema_version": 2, "people": [', "utf-8")
    target = tmp_path / "out.json"
    result = invoke(["export", "--output", str(target)])
    assert result.exit_code == 3
    assert "damaged" in result.output and not target.exists()


def test_a_plan_at_an_online_place_is_exported_with_the_step_she_saw(
    invoke: Invoke, private_home: Path
) -> None:
    assert invoke(["init", "--name", "Bea", "--not-for-me", "groups"]).exit_code == 0
    made = invoke(["plan", "--place", "Mums of Leeds", "--setting", "online", "--json"])
    assert made.exit_code == 0, made.output
    online = "Read a few posts in the group and react to one"
    generic = "Go and stay the whole session"
    ics = invoke(["export", "--format", "ics"]).stdout.replace("\r\n ", "")
    markdown = invoke(["export", "--format", "markdown"]).stdout
    step_line = next(line for line in markdown.splitlines() if line.startswith("- **Step:**"))
    for text in (ics, step_line):
        assert online in text
        assert generic not in text
