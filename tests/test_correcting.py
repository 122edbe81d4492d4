"""`undo`, `edit` and `erase` through the CLI: each does what it says and nothing else."""

from __future__ import annotations

import json
import os
import shutil
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXED_NOW, Invoke, plain

from mumcoach.store import Store

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def journal(private_home: Path) -> Path:
    """The v2 fixture, saved once by mumcoach (so its backups start here)."""
    private_home.mkdir(parents=True)
    shutil.copyfile(FIXTURES / "journal_v2.json", private_home / "journal.json")
    (private_home / "journal.json").chmod(0o600)
    Store(private_home, now=lambda: FIXED_NOW - timedelta(hours=2)).update(lambda j: None)
    return private_home / "journal.json"


def files(home: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file()}


# -- undo ----------------------------------------------------------------------------------------


def test_undo_shows_what_it_removes_and_takes_back_only_the_last_save(
    invoke: Invoke, journal: Path
) -> None:
    before = json.loads(journal.read_text(encoding="utf-8"))
    assert invoke(["people", "note", "Niamh", "Her sister lives in Cork"]).exit_code == 0
    checkin = ["checkin", "--mood", "4", "--proud", "I went back", "--date", "2026-11-20"]
    assert invoke(checkin).exit_code == 0, "the last save"

    result = invoke(["undo", "--yes"])
    assert result.exit_code == 0, result.output
    said = plain(result.rich)
    assert "Undo the last save" in said and "remove the check-in of 20 Nov" in said
    assert "note" not in said, "only the last save"
    assert said.endswith("Done: your journal is as it was before that save.")
    journal_now = Store(journal.parent).load()
    assert len(journal_now.checkins) == 2
    assert journal_now.people[0].notes[-1].text == "Her sister lives in Cork"

    # Again: the save before, the note.
    result = invoke(["undo", "--yes"])
    assert "remove a note about Niamh of 21 Nov" in plain(result.rich)
    after = json.loads(journal.read_text(encoding="utf-8"))
    assert [n["text"] for n in after["people"][0]["notes"]] == [
        n["text"] for n in before["people"][0]["notes"]
    ]


def test_undo_puts_back_an_earlier_version_and_asks_first(invoke: Invoke, journal: Path) -> None:
    assert invoke(["edit", "checkin", "2026-11-04", "--mood", "2"]).exit_code == 0
    saved = journal.read_bytes()

    no = invoke(["undo"], script={"confirm_undo": False})
    assert "put back the earlier version of the check-in of 4 Nov" in plain(no.rich)
    assert "Nothing was changed." in no.rich and journal.read_bytes() == saved

    without_terminal = invoke(["undo"])
    assert without_terminal.exit_code == 7 and "pass --yes" in without_terminal.output

    yes = invoke(["undo"], script={"confirm_undo": True})
    assert yes.exit_code == 0
    checkin = Store(journal.parent).load().checkins[0]
    assert checkin.mood == 4 and checkin.updated_at == FIXED_NOW, "undoing is a change too"


def test_undo_never_crosses_a_forget(invoke: Invoke, journal: Path) -> None:
    assert invoke(["people", "forget", "Priya", "--yes"]).exit_code == 0
    saved = files(journal.parent)
    result = invoke(["undo", "--yes"])
    assert result.exit_code == 2
    assert "forgotten stay forgotten" in result.output
    assert files(journal.parent) == saved


def test_undo_refuses_when_there_is_nothing_or_a_hand_edit(
    invoke: Invoke, private_home: Path, journal: Path
) -> None:
    result = invoke(["undo", "--yes"])  # the fixture's first save changed nothing in it
    assert result.exit_code == 2 and "changed nothing that undo could take back" in result.output
    for old in Store(private_home).backups()[1:]:
        old.unlink()
    result = invoke(["undo", "--yes"])
    assert result.exit_code == 2 and "no backup from before the last save" in result.output

    invoke(["people", "note", "Niamh", "Likes swimming"])
    journal.write_text(journal.read_text(encoding="utf-8").replace("swimming", "running"))
    saved = files(private_home)
    result = invoke(["undo", "--yes"])
    assert result.exit_code == 2 and "changed outside mumcoach" in result.output
    assert files(private_home) == saved


def test_undo_on_a_new_journal(invoke: Invoke) -> None:
    result = invoke(["undo"])
    assert result.exit_code == 2 and "nothing to undo yet" in result.output


# -- edit by flags -------------------------------------------------------------------------------


def test_edit_checkin_by_flags_changes_only_what_was_asked(invoke: Invoke, journal: Path) -> None:
    before = Store(journal.parent).load().checkins[0]
    result = invoke(["edit", "checkin", "2026-11-04", "--mood", "2", "--learned", ""])
    assert result.exit_code == 0, result.output
    assert "Saved your changes to the check-in of 4 Nov." in result.rich
    after = Store(journal.parent).load().checkins[0]
    assert (after.mood, after.learned) == (2, None)
    assert after.updated_at == FIXED_NOW
    assert after.model_dump(exclude={"mood", "learned", "updated_at"}) == before.model_dump(
        exclude={"mood", "learned", "updated_at"}
    )
    assert after.model_extra == {"weather": "rain"}, "unknown fields kept"


def test_edit_plan_moves_and_times_it(invoke: Invoke, journal: Path) -> None:
    result = invoke(
        [
            "edit",
            "plan",
            "2026-11-11",
            "--date",
            "2026-11-12",
            "--time",
            "10:15",
            "--step",
            "say-hello",
        ]
    )
    assert result.exit_code == 0, result.output
    plan = Store(journal.parent).load().plans[1]
    assert (str(plan.date), str(plan.time), plan.step_id) == ("2026-11-12", "10:15:00", "say-hello")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["checkin", "2026-11-04", "--mood", "9"], "mood"),
        (["checkin", "2026-11-04", "--tried", "maybe"], "tried"),
        (["checkin", "2026-11-05", "--mood", "3"], "There are no check-ins on 5 Nov 2026"),
        (["checkin", "someday", "--mood", "3"], "DATE must be a date"),
        (["plan", "2026-11-11", "--step", "fly-to-the-moon"], "step must be a step id"),
        (["plan", "2026-11-11", "--time", "25:99"], "--time"),
        (["checkin", "2026-11-04"], "Give the changes as flags"),
    ],
)
def test_edit_bad_input_is_one_line_and_changes_nothing(
    invoke: Invoke, journal: Path, args: list[str], message: str
) -> None:
    saved = files(journal.parent)
    result = invoke(["edit", *args])
    assert result.exit_code in (2, 7), result.output
    assert message in result.output and len(result.output.strip().splitlines()) == 1
    assert files(journal.parent) == saved


def test_two_checkins_on_a_day_are_told_apart(invoke: Invoke, journal: Path) -> None:
    assert invoke(["checkin", "--mood", "3", "--date", "2026-11-04"]).exit_code == 0
    result = invoke(["edit", "checkin", "2026-11-04", "--mood", "5"])
    assert result.exit_code == 7 and "add --id" in result.output
    result = invoke(["edit", "checkin", "2026-11-04", "--id", "c00000000001", "--mood", "5"])
    assert result.exit_code == 0
    assert Store(journal.parent).load().checkins[0].mood == 5
    second = Store(journal.parent).load().checkins[-1].id
    result = invoke(["edit", "checkin", "2026-11-04", "--mood", "1"], script={"pick_entry": second})
    assert result.exit_code == 0, result.output
    assert Store(journal.parent).load().checkins[-1].mood == 1


# -- edit in $EDITOR -------------------------------------------------------------------------------

EDITOR_SCRIPT = """
import pathlib, sys
calls, path = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])  # $EDITOR's own, then ours
seen = calls.read_text(encoding="utf-8") if calls.exists() else ""
text = path.read_text(encoding="utf-8")
calls.write_text(seen + text + "\\n=====\\n", encoding="utf-8")
steps = {steps!r}
n = seen.count("=====")
if n < len(steps):
    old, new = steps[n]
    if old == "*":  # the whole text
        text = new
    elif new is None:  # everything from `old` on
        text = text[: text.index(old)]
    else:
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
"""


def editor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, steps: list[tuple[str, str | None]]
) -> Path:
    """$EDITOR is a script that makes one replacement per opening and logs what it saw: ("*",
    text) replaces the whole text, (start, None) cuts everything from `start` on."""
    script = tmp_path / "editor.py"
    calls = tmp_path / "calls.txt"
    script.write_text(EDITOR_SCRIPT.format(steps=steps), encoding="utf-8")
    monkeypatch.setenv("EDITOR", f'"{sys.executable}" "{script}" "{calls}"')
    monkeypatch.delenv("VISUAL", raising=False)
    return calls


def test_edit_in_the_editor_reopens_on_a_mistake_and_keeps_her_words(
    invoke: Invoke, journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = editor(
        tmp_path,
        monkeypatch,
        [
            ("mood = 4", "mood = 8"),  # out of range: reopened
            ('proud = "', 'proud = "Really: '),  # her fix of something else is kept too...
            ("mood = 8", "mood = 3"),  # ...and the mood fixed: saved
        ],
    )
    result = invoke(["edit", "checkin", "2026-11-04"], script={})
    assert result.exit_code == 0, result.output
    opened = calls.read_text(encoding="utf-8").split("=====")
    assert opened[0].startswith("# Editing the check-in of 4 Nov")
    assert 'what = "Said hello to the mum with the twins."' in opened[0]
    assert "[[interactions]]" in opened[0] and 'id = "i00000000001"' in opened[0]
    assert opened[1].lstrip().startswith("# Problem: Can't save that: mood")
    assert "mood = 8" in opened[1], "what she wrote is what she sees again"
    checkin = Store(journal.parent).load().checkins[0]
    assert (checkin.mood, checkin.proud) == (3, "Really: I went even though Rory was up at 5.")
    assert not list(journal.parent.glob(".edit-*")), "no copy left in the data folder"


def test_edit_in_the_editor_changes_a_person_met_and_can_be_cancelled(
    invoke: Invoke, journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor(tmp_path, monkeypatch, [("minutes = 10", "minutes = 40")])
    assert invoke(["edit", "checkin", "2026-11-04"], script={}).exit_code == 0
    assert Store(journal.parent).load().checkins[0].interactions[0].minutes == 40

    saved = files(journal.parent)
    (tmp_path / "again").mkdir()
    editor(tmp_path / "again", monkeypatch, [])  # opened and closed without a change
    result = invoke(["edit", "checkin", "2026-11-04"], script={})
    assert result.exit_code == 0 and "Nothing was changed." in result.rich
    assert files(journal.parent) == saved


def test_edit_in_the_editor_removes_someone_not_met_that_day_and_says_so(
    invoke: Invoke, journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = editor(tmp_path, monkeypatch, [("# Priya", None)])  # her block, the last, deleted
    result = invoke(["edit", "checkin", "2026-11-11"], script={})
    assert result.exit_code == 0, result.output
    assert "delete her [[interactions]] block" in calls.read_text(encoding="utf-8")
    saved = Store(journal.parent).load()
    assert [i.name for i in saved.checkins[1].interactions] == ["Niamh"]
    assert "Priya" in {p.name for p in saved.people}, "she stays in her people"
    said = plain(result.rich)
    assert "Removed from this check-in: Priya. She stays in your people list." in said
    assert invoke(["undo", "--yes"]).exit_code == 0  # and undo brings her back
    assert len(Store(journal.parent).load().checkins[1].interactions) == 2


def test_edit_in_the_editor_removes_the_only_person_met_too(
    invoke: Invoke, journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor(tmp_path, monkeypatch, [("# Niamh", None)])  # no [[interactions]] left at all
    result = invoke(["edit", "checkin", "2026-11-04"], script={})
    assert result.exit_code == 0, result.output
    assert "Removed from this check-in: Niamh." in plain(result.rich)
    assert Store(journal.parent).load().checkins[0].interactions == []


def test_edit_in_the_editor_cannot_add_someone_by_a_made_up_id(
    invoke: Invoke, journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = editor(
        tmp_path,
        monkeypatch,
        # a made-up id is refused; she then deletes everything, which cancels
        [('id = "i00000000001"', 'id = "i0000000000X"'), ("*", "")],
    )
    saved = files(journal.parent)
    result = invoke(["edit", "checkin", "2026-11-04"], script={})
    opened = calls.read_text(encoding="utf-8").split("=====")
    assert "someone new can't be added here" in opened[1]
    assert result.exit_code == 0 and "Nothing was changed." in result.rich
    assert files(journal.parent) == saved


# -- erase ---------------------------------------------------------------------------------------


def test_erase_needs_the_word_and_removes_everything_it_made(
    invoke: Invoke, journal: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    home = journal.parent
    invoke(["people", "note", "Niamh", "Likes swimming"])
    (home / "drafts").mkdir(mode=0o700)
    (home / "drafts" / "checkin.json").write_text("{}")
    conflict = home / "journal.sync-conflict-20261121-203000-ABCDEFG.json"
    conflict.write_text("{}")
    own = tmp_path / "my-prompts"
    own.mkdir()
    shutil.copyfile(Path(__file__).parents[1] / "prompts" / "openers.toml", own / "openers.toml")
    monkeypatch.setenv("MUMCOACH_PROMPTS", str(own))

    saved = files(home)
    for answer in ("", "yes", "ERASE it"):
        result = invoke(["erase"], script={"erase_word": answer})
        assert "Nothing was erased." in result.rich, answer
        assert files(home) == saved
    assert invoke(["erase"]).exit_code == 7, "no terminal: --yes needed"

    result = invoke(["erase"], script={"erase_word": "Erase"})
    assert result.exit_code == 0, result.output
    said = plain(result.rich)
    assert "your journal (2 check-ins, 2 plans, 2 people)" in said
    assert "3 backups in" in said and "1 unfinished set of answers (drafts)" in said
    assert "a copy of your journal a sync tool left" in said
    assert f"and the folder {home}. mumcoach keeps nothing now." in said
    assert f"Your own content folder, {own} ($MUMCOACH_PROMPTS), is left as it is." in said
    assert not home.exists()
    assert (own / "openers.toml").is_file()
    # the cache of checked content (hers included, from her content folder) goes too
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "mumcoach"
    assert f"the checked coaching content kept to start faster: {cache}" in said
    assert not cache.exists()


def test_erase_and_doctor_count_what_the_journal_holds_in_words(invoke: Invoke) -> None:
    assert invoke(["checkin", "--mood", "4", "--met", "Priya"]).exit_code == 0
    result = invoke(["erase"], script={"erase_word": ""})
    assert "your journal (1 check-in, 0 plans, 1 person)" in plain(result.rich)
    assert "Sound: 1 check-in, 0 plans, 1 person." in plain(invoke(["doctor"]).rich)


def test_erase_removes_a_cache_left_without_a_journal(invoke: Invoke) -> None:
    """`erase` run when only the cache is left (a command run without a journal made it)."""
    assert invoke(["support"]).exit_code == 0
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "mumcoach"
    assert any(cache.iterdir())
    result = invoke(["erase", "--yes"])
    assert result.exit_code == 0, result.output
    said = "".join(result.rich.split())  # a long path may be folded across lines
    assert f"Erased:removed1filefrom{cache}.mumcoachkeepsnothingnow." in said
    assert not cache.exists()
    assert "There is nothing to erase" in invoke(["erase", "--yes"]).rich


def test_erase_leaves_files_it_did_not_make(invoke: Invoke, journal: Path) -> None:
    home = journal.parent
    (home / "shopping.txt").write_text("nappies")
    result = invoke(["erase", "--yes"])
    assert result.exit_code == 0
    assert "These were not made by mumcoach" in plain(result.rich)
    assert [p.name for p in home.iterdir()] == ["shopping.txt"]
    again = invoke(["erase", "--yes"])
    assert "There is nothing to erase" in again.rich


def test_erase_does_not_touch_exports_elsewhere(
    invoke: Invoke, journal: Path, tmp_path: Path
) -> None:
    exported = tmp_path / "diary.md"
    assert invoke(["export", "-f", "markdown", "-o", str(exported)]).exit_code == 0
    assert invoke(["erase", "--yes"]).exit_code == 0
    assert exported.exists()
    assert datetime.now() > FIXED_NOW - timedelta(days=9999)


def test_undoing_a_big_import_lists_a_dozen_and_counts_the_rest(
    invoke: Invoke, private_home: Path, tmp_path: Path
) -> None:
    from mumcoach.models import CheckIn

    other = tmp_path / "other"

    def twenty(journal: Any) -> None:
        for day in range(1, 21):
            when = datetime(2026, 10, day, 20)
            journal.checkins.append(CheckIn(date=when.date(), created_at=when, mood=3))

    Store(other).update(twenty)
    invoke(["people", "add", "Grace"])  # this device's first save
    assert invoke(["import", str(other / "journal.json")]).exit_code == 0
    said = invoke(["undo"], script={"confirm_undo": False}).rich
    assert said.count("  - remove ") == 12
    assert "  - and 8 more" in said
