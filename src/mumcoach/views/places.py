"""Renders places: the list with its schedule and who she has met there, and a merge plan."""

from __future__ import annotations

from datetime import date

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from mumcoach.coach.places import PlaceMergePlan, PlaceRow, place_schedule
from mumcoach.models import Place
from mumcoach.schedule import describe
from mumcoach.words import plural

EMPTY = (
    "No places yet. A place is added when you plan for it: `mumcoach plan --place NAME`, "
    "or pick “Somewhere new…” in `mumcoach plan`."
)
SEEN_SHOWN = 4


def place_label(place: Place, today: date) -> str:
    """'Hartbeeps (Tuesdays 10:00)': the name and, when known, when it happens."""
    schedule = place_schedule(place, today)
    when = describe(schedule) if schedule else place.recurring
    return f"{place.name} ({when})" if when and when not in place.name else place.name


def _seen(names: tuple[str, ...]) -> str:
    if not names:
        return "—"
    shown = ", ".join(names[:SEEN_SHOWN])
    return shown + (f" +{len(names) - SEEN_SHOWN} more" if len(names) > SEEN_SHOWN else "")


def places_list_view(rows: list[PlaceRow]) -> RenderableType:
    """Every place: its kind, when it happens, and who she has met there (most recent first)."""
    if not rows:
        return Text(EMPTY)
    table = Table(box=None, padding=(0, 2), header_style="dim", pad_edge=False)
    for column in ("Place", "Type", "When", "Plans", "Met there"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            Text(row.name),
            (row.setting or "—").replace("-", " "),
            Text(row.schedule or "—"),
            str(row.plans),
            Text(_seen(row.seen)),
        )
    return table


def place_merge_view(plan: PlaceMergePlan) -> Text:
    """What `places merge` will do, shown before it asks."""
    gone, kept = plan.gone.name, plan.kept.name
    lines = [Text.assemble("Merge “", (gone, "bold"), "” into ", (kept, "bold"), ":")]
    moves = "moves" if plan.plans == 1 else "move"
    lines.append(Text(f"  • {plural(plan.plans, 'plan')} {moves} to {kept}."))
    if plan.people:
        who = plural(plan.people, "person", "people")
        lines.append(Text(f"  • {who} you know from {gone} will show as met at {kept}."))
    if plan.gains:
        gains = "; ".join(f"{what}: {value}" for what, value in plan.gains)
        lines.append(Text(f"  • {kept} takes what only {gone} had: {gains}."))
    lines.append(
        Text(f"  • “{gone}” is kept as another name for {kept}, so typing it still works.")
    )
    return Text("\n").join(lines)
