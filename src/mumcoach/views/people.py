"""Renders people memory: the list by stage, one person's card, and both as JSON-ready data."""

from __future__ import annotations

from datetime import date

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from mumcoach.coach.merge import MergePlan
from mumcoach.coach.people import FollowUp, PersonCard, PersonRow
from mumcoach.models import STAGES, Interaction
from mumcoach.words import (
    STAGE_LABELS,
    day_month_near,
    day_month_year,
    hours_text,
    plural,
    stage_word,
)

EMPTY = (
    "No one here yet. People are added when you log a chat in `mumcoach checkin`, "
    "or with `mumcoach people add NAME`."
)


# ---- small formatters -------------------------------------------------------------------------


def when(day: date | None, today: date) -> str:
    """'21 Nov 2026 (today)', '18 Nov 2026 (3 days ago)'."""
    if day is None:
        return "—"
    return f"{day_month_year(day)} ({relative(day, today)})"


def relative(day: date, today: date) -> str:
    gap = (today - day).days
    if gap == 0:
        return "today"
    if gap == 1:
        return "yesterday"
    if gap == -1:
        return "tomorrow"
    if gap < 0:
        return f"in {-gap} days"
    if gap <= 60:
        return f"{gap} days ago"
    if gap < 730:  # past two months: "3331 days ago" says less than "9 years ago"
        return f"{gap // 30} months ago"
    return f"{gap // 365} years ago"


def child_text(child: str | None, age: str | None) -> str:
    return ", ".join(part for part in (child, age) if part) or "—"


def person_label(row: PersonRow, today: date, *, seen: bool = False) -> str:
    """'Sarah (Isla, 4m)', with ', last seen 3 days ago' when `seen` (to tell two apart)."""
    child = ", ".join(part for part in (row.child, row.child_age) if part)
    label = f"{row.name} ({child})" if child else row.name
    if seen and row.last_contact is not None:
        label += f", last seen {relative(row.last_contact, today)}"
    return label


def followup_text(item: FollowUp, today: date) -> Text:
    if item.due is None:
        return Text(item.text)
    if item.overdue:
        return Text.assemble(
            (f"overdue since {day_month_near(item.due, today)}: ", "bold red"), item.text
        )
    if item.due == today:
        return Text.assemble(("due today: ", "bold yellow"), item.text)
    return Text.assemble(item.text, (f" (by {day_month_near(item.due, today)})", "dim"))


def times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


# ---- the list ---------------------------------------------------------------------------------


def people_list_view(rows: list[PersonRow], today: date) -> RenderableType:
    """Everyone grouped by stage, with last contact and what is due (* = stage set by you)."""
    if not rows:
        return Text(EMPTY)
    cells = {r.id: _cells(r, today) for r in rows}
    widths = [max(c[i].cell_len for c in cells.values()) for i in range(3)]
    parts: list[RenderableType] = []
    for stage in STAGES:
        group = [r for r in rows if r.stage == stage]
        if group:
            table = _table(widths)
            for row in group:
                table.add_row(*cells[row.id], _due(row.open_followups, today))
            parts += [Text(f"{STAGE_LABELS[stage]} ({len(group)})", style="bold"), table]
    return Group(*parts)


def _cells(row: PersonRow, today: date) -> tuple[Text, Text, Text]:
    name = Text(row.name)
    if row.stage_set_by_hand:
        name.append(" *", style="dim")
    last = relative(row.last_contact, today) if row.last_contact else "—"
    return name, Text(child_text(row.child, row.child_age)), Text(last)


def _table(widths: list[int]) -> Table:
    """One stage's table; every stage gets the same column widths so they line up."""
    table = Table(box=None, padding=(0, 2), header_style="dim", pad_edge=False)
    for column, width in zip(("Name", "Child", "Last contact"), widths, strict=True):
        table.add_column(column, min_width=max(width, len(column)), no_wrap=True)
    table.add_column("Due", ratio=1, overflow="fold")
    return table


def _due(items: tuple[FollowUp, ...], today: date) -> Text:
    if not items:
        return Text("")
    shown = Text("\n").join(followup_text(f, today) for f in items[:2])
    if len(items) > 2:
        shown.append(f"\n+{len(items) - 2} more", style="dim")
    return shown


# ---- the card ---------------------------------------------------------------------------------


def person_card_view(
    card: PersonCard,
    today: date,
    *,
    horizons: dict[str, int],
    horizon_note: str,
    reciprocity_note: str | None = None,
) -> RenderableType:
    """One person's card: who she is, your time together, what you remember and promised."""
    row = card.row
    parts: list[RenderableType] = [_title(card), _facts(card, today, horizons)]
    parts.append(Text(horizon_note, style="dim"))
    if reciprocity_note:
        parts += [Text(""), Text(reciprocity_note)]
    if card.details:
        parts += [Text(""), Text("Remembered", style="bold")]
        parts += [
            Text.assemble((f"  {day_month_near(d, today)}  ", "dim"), text)
            for d, text in card.details
        ]
    if card.interactions:
        parts += [Text(""), Text("Together", style="bold"), _interactions(card.interactions)]
    if row.open_followups:
        parts += [Text(""), Text("Follow-ups", style="bold")]
        parts += [
            Text.assemble(("  " + f.short_id + "  ", "dim"), followup_text(f, today))
            for f in row.open_followups
        ]
    return Group(*parts)


def _title(card: PersonCard) -> Text:
    title = Text(card.row.name, style="bold")
    title.append(f" · {stage_word(card.row.stage)}")
    if card.row.stage_set_by_hand:
        title.append(" (set by you)", style="dim")
    return title


def _facts(card: PersonCard, today: date, horizons: dict[str, int]) -> Table:
    row = card.row
    grid = Table.grid(padding=(0, 2))
    grid.add_row("Child", Text(child_text(row.child, row.child_age)))
    met = when(card.first_met, today) if card.first_met else "—"
    if card.first_met_where:
        met = f"{met} at " if card.first_met else "at "
        grid.add_row("First met", Text(met) + Text(card.first_met_where))
    else:
        grid.add_row("First met", Text(met))
    grid.add_row("Last contact", when(row.last_contact, today))
    together = hours_text(row.hours_together) or "none logged yet"
    grid.add_row("Hours together", f"{together}{_horizon(row, horizons)}")
    grid.add_row("Invitations", _invitations(card))
    return grid


def _horizon(row: PersonRow, horizons: dict[str, int]) -> str:
    """' — roughly 48 h more to the ~50 h of a casual friend' (a horizon, never a rule)."""
    if row.hours_together == 0:
        return ""
    labels = {"casual": "a casual friend", "friend": "a friend", "close": "a close friend"}
    for key, label in labels.items():
        target = horizons.get(key)
        if target and row.hours_together < target:
            more = max(1, round(target - row.hours_together))
            return f" — roughly {more} h more to the ~{target} h of {label}"
    close = horizons.get("close")
    return f" — past the ~{close} h people quote for a close friend" if close else ""


def _invitations(card: PersonCard) -> str:
    made, received = card.row.invitations_made, card.row.invitations_received
    mine = f"you invited her {times(made)}" if made else "you haven't invited her yet"
    hers = f"she invited you {times(received)}" if received else "she hasn't invited you yet"
    text = f"{mine}; {hers}"
    if card.unreturned_invitations:
        text += f" ({card.unreturned_invitations} not returned yet)"
    return text


def _interactions(items: tuple[tuple[date, Interaction], ...]) -> Table:
    table = Table(box=None, padding=(0, 2), header_style="dim", pad_edge=False)
    for column in ("Date", "Where", "Min", "Started", "Numbers", "Meet-up", "Invites", "Liking"):
        table.add_column(column)
    for day, i in items:
        table.add_row(
            day_month_year(day),
            Text(i.where or "—"),
            str(i.minutes) if i.minutes is not None else "—",
            {"me": "you", "them": "her"}.get(i.started_by or "", "—"),
            "✓" if i.swapped_numbers else "",
            "✓" if i.meetup else "",
            _invites(i),
            _liking(i),
        )
    return table


def _invites(i: Interaction) -> str:
    return " ".join(
        text for flag, text in ((i.invited, "you→her"), (i.invited_me, "her→you")) if flag
    )


def _liking(i: Interaction) -> str:
    parts = []
    if i.liked_them is not None:
        parts.append(f"you {i.liked_them}/7")
    if i.they_liked_me is not None:
        parts.append(f"her (your guess) {i.they_liked_me}/7")
    return " · ".join(parts)


# ---- merging ----------------------------------------------------------------------------------


def merge_view(plan: MergePlan) -> Text:
    """What `people merge` will do, shown before it asks."""
    gone, kept = plan.gone.name, plan.kept.name
    moving = [
        plural(n, one, many)
        for n, one, many in (
            (plan.chats, "chat", "chats"),
            (plan.notes, "note", "notes"),
            (plan.followups, "open follow-up", "open follow-ups"),
            (plan.invitations, "invitation", "invitations"),
            (plan.links, "plan to see her", "plans to see her"),
        )
        if n
    ]
    lines = [Text.assemble("Merge “", (gone, "bold"), "” into ", (kept, "bold"), ":")]
    if moving:
        listed = ", ".join(moving[:-1]) + (" and " if len(moving) > 1 else "") + moving[-1]
        one = len(moving) == 1 and moving[0].startswith("1 ")
        lines.append(Text(f"  • {listed} {'moves' if one else 'move'} to {kept}'s card."))
    else:
        lines.append(Text(f"  • Nothing is logged with {gone} yet; only her card goes."))
    if plan.gains:
        gains = "; ".join(f"{what}: {value}" for what, value in plan.gains)
        lines.append(Text(f"  • {kept}'s card takes what only {gone}'s had: {gains}."))
    if plan.keeps_name_as_note:
        lines.append(Text(f"  • {kept} keeps her name; “{gone}” is kept as a note."))
    lines.append(Text(f"  • Then {gone}'s card goes from your people list."))
    return Text("\n").join(lines)


def forgot_text(name: str, rewritten: int, removed: int) -> str:
    where = f"from {plural(rewritten, 'backup')}" if rewritten else ""
    text = f"Forgot {name}. Removed her from the journal" + (f" and {where}." if where else ".")
    if removed:
        text += f" {removed} unreadable backup{'s were' if removed != 1 else ' was'} deleted too."
    return text
