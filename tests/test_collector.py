"""The collector is paused while a command-line run reads the journal, and only then."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from mumcoach import collector
from mumcoach.models import CheckIn, Journal
from mumcoach.store import Store


@pytest.fixture
def paused_runs(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """As launch.py sets it up; the frozen objects are handed back to the collector after."""
    monkeypatch.setattr(collector, "_paused_while_reading", False)
    collector.pause_while_reading()
    yield
    gc.unfreeze()


def test_outside_a_command_line_run_reading_changes_nothing() -> None:
    frozen = gc.get_freeze_count()
    with collector.reading():
        assert gc.isenabled()
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def test_a_run_reads_with_the_collector_paused_then_keeps_it_off_the_records(
    paused_runs: None, private_home: Path
) -> None:
    store = Store(private_home)
    day = datetime(2026, 11, 21, 20, 30)
    store.update(lambda j: j.checkins.append(CheckIn(date=day.date(), created_at=day, mood=4)))
    seen: list[bool] = []
    real_parse = store.parse

    def parse(raw: bytes, source: Path) -> Journal:
        seen.append(gc.isenabled())
        return real_parse(raw, source)

    store.parse = parse  # type: ignore[method-assign]  # to see the collector as it reads
    journal = store.load()
    assert seen == [False]  # paused while reading
    assert gc.isenabled()  # and back on once it is read
    assert gc.get_freeze_count() > 0 and journal.checkins[0].mood == 4


def test_the_collector_comes_back_when_reading_fails(paused_runs: None) -> None:
    with pytest.raises(ValueError), collector.reading():
        raise ValueError("damaged")
    assert gc.isenabled()
