"""Support, crisis and low-mood screens: the emergency number first, then the region's lines."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from mumcoach.content import Content, Region


def _emergency(region: Region, content: Content, *, note: bool = True) -> Text:
    text = Text(content.say("support.emergency", emergency=region.emergency), style="bold")
    if note and region.emergency_note:
        note_text = content.say("support.emergency_note", note=region.emergency_note)
        text.append(" " + note_text, style="dim")
    return text


def _lines(region: Region, heading: str) -> list[RenderableType]:
    if not region.lines:
        return []
    out: list[RenderableType] = [Text(""), Text(heading)]
    for line in region.lines:
        text = Text("  • ")
        text.append(line.name, style="bold")
        text.append(f": {line.contact}")
        if line.note:
            text.append(f" ({line.note})", style="dim")
        out.append(text)
    return out


def _verified(region: Region, content: Content) -> Text:
    day = region.last_verified
    when = f"{day.day} {day:%B %Y}"
    return Text(content.say("support.last_verified", date=when), style="dim")


def support_screen(region_code: str, content: Content) -> RenderableType:
    """Where to get help: emergency number, support lines, when they were checked, not-therapy."""
    region = content.region(region_code)
    parts: list[RenderableType] = [_emergency(region, content)]
    parts += _lines(region, content.say("support.lines_heading"))
    parts += [Text(""), _verified(region, content), Text(content.say("not_therapy"))]
    return Panel(Group(*parts), title=content.say("support.title"), title_align="left")


def crisis_screen(region_code: str, content: Content) -> RenderableType:
    """The crisis screen: very short, the emergency number first and boldest, then the lines."""
    region = content.region(region_code)
    emergency = content.say("crisis.emergency", emergency=region.emergency)
    parts: list[RenderableType] = [Text(emergency, style="bold reverse")]
    parts += _lines(region, content.say("crisis.lines_heading"))
    return Panel(
        Group(*parts), title=content.say("crisis.intro"), title_align="left", border_style="bold"
    )


def low_mood_notice(region_code: str, content: Content) -> RenderableType:
    """A kind note after a run of low mood, with the region's support lines."""
    region = content.region(region_code)
    parts: list[RenderableType] = [Text(content.say("low_mood.message"))]
    parts += _lines(region, content.say("support.lines_heading"))
    parts += [Text(""), _emergency(region, content, note=False), Text(content.say("not_therapy"))]
    return Panel(Group(*parts), title=content.say("support.title"), title_align="left")


def support_data(region_code: str, content: Content) -> dict[str, Any]:
    """`mumcoach support --json`: the region's emergency number first, then its support lines."""
    region = content.region(region_code)
    return {
        "region": region.code,
        "region_name": region.name,
        "emergency": region.emergency,
        "emergency_note": region.emergency_note,
        "lines": [{"name": x.name, "contact": x.contact, "note": x.note} for x in region.lines],
        "last_verified": region.last_verified.isoformat(),
    }
