"""`mumcoach support`: the right numbers for her region, emergency first, even on a bad day."""

from __future__ import annotations

from pathlib import Path

from conftest import Invoke, plain


def test_support_uses_the_profile_region_emergency_first(invoke: Invoke) -> None:
    invoke(["init", "--region", "ie"])
    shown = plain(invoke(["support"]).rich)
    assert "112" in shown and "Pieta" in shown
    assert shown.index("112") < shown.index("Samaritans")
    assert "have not been checked" in shown and "checked on" not in shown
    assert "not therapy or a crisis service" in shown


def test_support_for_another_region_and_with_no_profile(invoke: Invoke) -> None:
    assert "988" in plain(invoke(["support", "--region", "US"]).rich)
    assert "your local emergency number" in plain(invoke(["support"]).rich)


def test_support_rejects_an_unknown_region(invoke: Invoke) -> None:
    result = invoke(["support", "--region", "mars"])
    assert result.exit_code == 2
    assert "region (--region) must be one of: uk, ie, us, au, ca, other." in result.output


def test_a_damaged_journal_never_hides_the_support_screen(
    invoke: Invoke, private_home: Path
) -> None:
    invoke(["init", "--region", "uk"])
    (private_home / "journal.json").write_text('{"schema_version": 1, "profile": ')
    result = invoke(["support"])
    assert result.exit_code == 0
    assert "999" in plain(result.rich)  # the region, from the newest backup
    for backup in (private_home / "backups").iterdir():
        backup.write_text("damaged too")
    result = invoke(["support"])
    assert result.exit_code == 0
    assert "your local emergency number" in plain(result.rich)


def test_support_json_gives_the_region_emergency_first(invoke: Invoke) -> None:
    import json

    invoke(["init", "--region", "ie"])
    result = invoke(["support", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data)[:4] == ["schema_version", "kind", "region", "region_name"]
    assert (data["schema_version"], data["kind"]) == (1, "support")
    assert (data["region"], data["region_name"]) == ("ie", "Ireland")
    assert (data["emergency"], data["emergency_note"]) == ("112 or 999", "not re-checked")
    assert data["lines"][1] == {
        "name": "Pieta",
        "contact": "1800 247 247, or text HELP to 51444",
        "note": None,
        "last_verified": None,
    }
    assert data["last_verified"] is None  # never claimed: no number was checked at the source
    assert data["emergency_last_verified"] is None
    other = json.loads(invoke(["support", "--region", "us", "--json"]).stdout)
    assert other["region"] == "us" and "988" in str(other["lines"])


def test_doctor_notes_numbers_never_or_long_ago_checked(tmp_path: Path) -> None:
    import datetime as dt

    from mumcoach.content import Content, load_content
    from mumcoach.context import AppContext
    from mumcoach.doctor import Check, run_checks

    def numbers_check(content: Content, today: dt.date) -> Check:
        app = AppContext(home=tmp_path, now=lambda: dt.datetime.combine(today, dt.time(9)))
        app.content = content
        return next(c for c in run_checks(app).checks if c.name == "Support numbers")

    shipped = load_content({})
    note = numbers_check(shipped, dt.date(2026, 11, 21))
    assert not note.ok and note.exit_code == 0  # a note: mumcoach still works
    assert "17 of 17 never checked" in note.detail

    def all_checked(day: dt.date) -> Content:
        regions = {}
        for code, region in shipped.regions.items():
            lines = tuple(x.model_copy(update={"last_verified": day}) for x in region.lines)
            regions[code] = region.model_copy(
                update={"lines": lines, "emergency_last_verified": day}
            )
        content = load_content({})
        content.regions = regions
        return content

    fresh = numbers_check(all_checked(dt.date(2026, 6, 1)), dt.date(2026, 11, 21))
    assert fresh.ok and "within a year" in fresh.detail
    stale = numbers_check(all_checked(dt.date(2025, 6, 1)), dt.date(2026, 11, 21))
    assert not stale.ok and "17 not checked for over a year" in stale.detail


def test_with_nothing_readable_support_asks_her_region(invoke: Invoke, private_home: Path) -> None:
    invoke(["init", "--region", "uk"])
    (private_home / "journal.json").write_text("damaged")
    for backup in (private_home / "backups").iterdir():
        backup.write_text("damaged too")
    result = invoke(["support"], script={"region": "ie"})
    assert result.exit_code == 0
    assert "Pieta" in plain(result.rich)
    assert result.prompter.asked == ["region"]
