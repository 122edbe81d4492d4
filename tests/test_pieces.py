"""A large journal read in pieces is exactly the journal read whole, whatever its layout."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mumcoach import pieces, store
from mumcoach.errors import JournalDamaged
from mumcoach.models import SCHEMA_VERSION, Journal
from mumcoach.paths import JOURNAL_NAME
from mumcoach.store import Store

FIXTURE = Path(__file__).parent / "fixtures" / "journal_v1.json"


@pytest.fixture(autouse=True)
def tiny_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cut even the small test journal into pieces: at every record of every list."""
    monkeypatch.setattr(pieces, "PIECE", 1)
    monkeypatch.setattr(pieces, "SMALLEST", 0)


@pytest.fixture
def raw(tmp_path: Path) -> bytes:
    """The test journal as mumcoach writes it, with an unknown list of records of its own."""
    home = tmp_path / "home"
    home.mkdir(mode=0o700)
    shutil.copyfile(FIXTURE, home / JOURNAL_NAME)

    def change(journal: Journal) -> None:
        assert journal.__pydantic_extra__ is not None
        journal.__pydantic_extra__["photos"] = [{"file": "a.jpg"}, {"file": "b.jpg"}]

    Store(home).update(change)
    return (home / JOURNAL_NAME).read_bytes()


def in_pieces(text: bytes, tmp_path: Path) -> Journal | None:
    """The journal in `text` as read from a file a piece at a time, if it can be."""
    path = tmp_path / JOURNAL_NAME
    path.write_bytes(text)
    with path.open("rb") as file:
        return pieces.read_file_in_pieces(file)


def load(text: bytes, tmp_path: Path) -> Journal:
    (tmp_path / JOURNAL_NAME).write_bytes(text)
    return Store(tmp_path).load()


def test_a_journal_mumcoach_wrote_is_read_in_pieces_as_it_is_whole(
    raw: bytes, tmp_path: Path
) -> None:
    path = tmp_path / JOURNAL_NAME
    path.write_bytes(raw)
    with path.open("rb") as file:
        assert len(list(pieces._cut_file(file))) > 5
    cut = in_pieces(raw, tmp_path)
    assert cut is not None and cut == Journal.model_validate_json(raw)
    assert store.serialise(cut) == raw  # every record, every unknown field, in order
    assert cut.model_fields_set == Journal.model_validate_json(raw).model_fields_set
    assert Store(tmp_path).load() == cut


def relaid(raw: bytes, layout: str) -> bytes:
    """The same journal laid out otherwise: by hand, by another tool, or written oddly."""
    data = json.loads(raw)
    if layout == "compact":
        return json.dumps(data).encode()
    if layout == "indent-2":
        return json.dumps(data, indent=2, ensure_ascii=False).encode()
    if layout == "people-first":  # and the cuts still where mumcoach would make them
        first = {"people": data.pop("people"), **data}
        return json.dumps(first, indent=1, ensure_ascii=False).encode()
    if layout == "people-twice":  # the last one counts
        return raw.replace(b'\n "loneliness": [', b'\n "people": [],\n "loneliness": [', 1)
    if layout == "plans-twice":
        return raw.replace(b'\n "people": [', b'\n "plans": [],\n "people": [', 1)
    if layout == "plans-split":  # an empty list, then the real one: the order is not sure
        return raw.replace(b'\n "plans": [', b'\n "plans": [],\n "ideas": [],\n "plans": [', 1)
    # records of a check-in's own list laid out as if they were the journal's people
    inside = b'\n "people": [\n  {\n "name": "X", "created": "2026-01-01"\n  },\n  {\n'
    inside += b' "name": "Y", "created": "2026-01-01"\n  }\n ],'
    return raw.replace(b'\n   "date":', inside + b'\n   "date":', 1)


# whether each is read in pieces (else whole, as pieces could not tell it for sure)
LAYOUTS = {
    "compact": False,  # nowhere to cut
    "indent-2": False,
    "people-first": True,  # the order of the lists is read from the first piece
    "people-twice": False,
    "plans-twice": False,
    "plans-split": False,
    "inside": False,  # a cut inside a check-in makes a piece that is not JSON
}


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_any_layout_reads_as_it_would_whole(raw: bytes, layout: str, tmp_path: Path) -> None:
    text = relaid(raw, layout)
    assert text != raw
    assert (in_pieces(text, tmp_path) is not None) is LAYOUTS[layout]
    assert load(text, tmp_path) == Journal.model_validate_json(text)


def test_a_damaged_record_in_a_piece_is_reported_where_it_is_in_the_file(
    raw: bytes, tmp_path: Path
) -> None:
    broken = raw.replace(b'"mood": 4', b'"mood": 40', 1)
    assert broken != raw
    with pytest.raises(JournalDamaged, match=r"checkins\[\d\]\.mood \(input should be less"):
        load(broken, tmp_path)


def test_an_older_journal_in_pieces_is_still_moved_up(tmp_path: Path) -> None:
    old = FIXTURE.read_bytes()
    journal = load(json.dumps(json.loads(old), indent=1).encode(), tmp_path)
    assert journal.schema_version == SCHEMA_VERSION
    assert all(p.id and p.updated_at for p in journal.people)


@pytest.mark.parametrize(
    ("edit", "cut"),
    [(b'"Pri\\u001b[31mya\\nS."', False), (b'"Priya\\nS."', True)],
    ids=["escapes: read whole", "a line break: in pieces"],
)
def test_text_hand_edited_into_a_large_journal_is_cleaned(
    raw: bytes, tmp_path: Path, edit: bytes, cut: bool
) -> None:
    edited = raw.replace(b'"Priya"', edit)
    assert (in_pieces(edited, tmp_path) is not None) is cut
    names = [p.name for p in load(edited, tmp_path).people]
    assert "Priya S." in names and not any("\x1b" in n or "\n" in n for n in names)
