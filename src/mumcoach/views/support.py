"""Support, crisis, safety-check and low-mood screens: emergency number first, then the lines."""

from __future__ import annotations

from datetime import date

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from mumcoach.content import Content, Region
from mumcoach.words import full_date


def _checked(day: date | None, content: Content) -> str:
    """ " (checked on 3 March 2026)" only where a check really happened; else nothing."""
    return f" ({content.say('support.checked_on', date=full_date(day))})" if day else ""


def _emergency(region: Region, content: Content, *, crisis: bool = False) -> Text:
    if crisis:
        text = Text(content.say("crisis.emergency", emergency=region.emergency), "bold reverse")
    else:
        text = Text(content.say("support.emergency", emergency=region.emergency), style="bold")
    note = ""
    if region.emergency_note:
        note = " " + content.say("support.emergency_note", note=region.emergency_note)
    note += _checked(region.emergency_last_verified, content)
    if note:
        text.append(note, style="dim")
    return text


def _lines(region: Region, content: Content, heading: str) -> list[RenderableType]:
    if not region.lines:
        return []
    out: list[RenderableType] = [Text(""), Text(heading)]
    for line in region.lines:
        text = Text("  • ")
        text.append(line.name, style="bold")
        text.append(f": {line.contact}")
        extra = (f" ({line.note})" if line.note else "") + _checked(line.last_verified, content)
        if extra:
            text.append(extra, style="dim")
        out.append(text)
    return out


def _honesty(region: Region, content: Content, *, short: bool = False) -> Text:
    """Say plainly when the numbers have not been checked; never claim a check that wasn't."""
    if region.numbers() and region.last_verified() is None:
        if short:
            return Text(content.say("crisis.not_checked"), style="dim")
        return Text(content.say("support.not_checked"), style="dim")
    return Text(content.say("support.if_one_fails"), style="dim")


def support_screen(region_code: str, content: Content) -> RenderableType:
    """Where to get help: emergency number, support lines, how sure the numbers are, not-therapy."""
    region = content.region(region_code)
    parts: list[RenderableType] = [_emergency(region, content)]
    parts += _lines(region, content, content.say("support.lines_heading"))
    parts += [Text(""), _honesty(region, content), Text(content.say("not_therapy"))]
    return Panel(Group(*parts), title=Text(content.say("support.title")), title_align="left")


def crisis_screen(region_code: str, content: Content) -> RenderableType:
    """The crisis screen: very short, the emergency number first and boldest, then the lines."""
    region = content.region(region_code)
    parts: list[RenderableType] = [_emergency(region, content, crisis=True)]
    parts += _lines(region, content, content.say("crisis.lines_heading"))
    parts.append(_honesty(region, content, short=True))
    return Panel(
        Group(*parts),
        title=Text(content.say("crisis.intro")),
        title_align="left",
        border_style="bold",
    )


def safety_check_notice(region_code: str, content: Content, *, asked: bool) -> RenderableType:
    """After a softer signal: a warm line (she answered no / not sure, or no one could ask), the
    lines and the emergency number; then the flow goes on."""
    region = content.region(region_code)
    warm = content.say("safety_check.warm") if asked else content.say("safety_check.scripted")
    parts: list[RenderableType] = [Text(warm)]
    parts += _lines(region, content, content.say("support.lines_heading"))
    parts += [Text(""), _emergency(region, content), _honesty(region, content)]
    return Panel(Group(*parts), title=Text(content.say("support.title")), title_align="left")


def low_mood_notice(region_code: str, content: Content) -> RenderableType:
    """A kind note once per low spell, naming the region's services, with its support lines."""
    region = content.region(region_code)
    parts: list[RenderableType] = [Text(content.say("low_mood.message", services=region.services))]
    parts += _lines(region, content, content.say("support.lines_heading"))
    parts += [Text(""), _emergency(region, content), Text(content.say("not_therapy"))]
    return Panel(Group(*parts), title=Text(content.say("support.title")), title_align="left")


def low_mood_pointer(content: Content) -> Text:
    """The one line shown while a low spell goes on, after its full message."""
    return Text(content.say("low_mood.pointer"))
