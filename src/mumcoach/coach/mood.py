"""The low-mood rule (rules.toml [low_mood]): enough low days lately, by calendar day."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mumcoach.content import LowMood
    from mumcoach.models import CheckIn


def low_days(checkins: Iterable[CheckIn], today: date, low: LowMood) -> int:
    """Calendar days in the window ending today whose latest mood was at or below the line."""
    first = today - timedelta(days=low.window_days - 1)
    latest: dict[date, tuple[datetime, int]] = {}
    for c in checkins:
        newer = c.date not in latest or c.created_at >= latest[c.date][0]
        if c.mood is not None and first <= c.date <= today and newer:
            latest[c.date] = (c.created_at, c.mood)
    return sum(1 for _, mood in latest.values() if mood <= low.mood_at_most)


def low_mood_holds(checkins: Iterable[CheckIn], today: date, low: LowMood) -> bool:
    """The low-mood rule: enough low days lately."""
    return low_days(checkins, today, low) >= low.days
