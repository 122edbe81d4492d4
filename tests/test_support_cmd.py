"""`mumcoach support`: the right numbers for her region, emergency first, even on a bad day."""

from __future__ import annotations

from pathlib import Path

from conftest import Invoke, plain


def test_support_uses_the_profile_region_emergency_first(invoke: Invoke) -> None:
    invoke(["init", "--region", "ie"])
    shown = plain(invoke(["support"]).rich)
    assert "112" in shown and "Pieta" in shown
    assert shown.index("112") < shown.index("Samaritans")
    assert "last checked" in shown
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
