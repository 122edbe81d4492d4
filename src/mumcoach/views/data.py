"""JSON-ready data for the commands that also draw a screen: plain dicts, so `--json` never
imports Rich (views/review_json.py does the same for the review)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from mumcoach.views.json_out import suggestion_data
from mumcoach.words import iso

if TYPE_CHECKING:
    from mumcoach.coach.ladder import StepProgress, Suggestion
    from mumcoach.coach.people import FollowUp, PersonCard, PersonRow
    from mumcoach.coach.places import PlaceRow
    from mumcoach.content import Content
    from mumcoach.doctor import Report
    from mumcoach.models import Interaction


# ---- places ------------------------------------------------------------------------------------


def place_data(row: PlaceRow) -> dict[str, Any]:
    """One place as `mumcoach places --json` lists it."""
    return {
        "id": row.id,
        "name": row.name,
        "setting": row.setting,
        "schedule": row.schedule,
        "plans": row.plans,
        "last_planned": iso(row.last_planned),
        "met_there": list(row.seen),
    }


# ---- people ------------------------------------------------------------------------------------


def followup_data(item: FollowUp) -> dict[str, Any]:
    return {
        "id": item.short_id,
        "text": item.text,
        "due": iso(item.due),
        "overdue": item.overdue,
    }


def row_data(row: PersonRow) -> dict[str, Any]:
    """One person as `mumcoach people --json` lists her."""
    return {
        "id": row.id,
        "name": row.name,
        "child": row.child,
        "child_age": row.child_age,
        "stage": row.stage,
        "stage_set_by_hand": row.stage_set_by_hand,
        "last_contact": iso(row.last_contact),
        "hours_together": round(row.hours_together, 2),
        "invitations_made": row.invitations_made,
        "invitations_received": row.invitations_received,
        "open_followups": [followup_data(f) for f in row.open_followups],
    }


def card_data(card: PersonCard, horizons: dict[str, int]) -> dict[str, Any]:
    """One person as `mumcoach people show --json` gives her: the row plus the whole card."""
    return {
        **row_data(card.row),
        "derived_stage": card.derived_stage,
        "first_met": iso(card.first_met),
        "first_met_where": card.first_met_where,
        "unreturned_invitations": card.unreturned_invitations,
        "hours_horizon": dict(horizons),
        "details": [{"date": d.isoformat(), "text": text} for d, text in card.details],
        "interactions": [_interaction_data(day, i) for day, i in card.interactions],
    }


def _interaction_data(day: date, i: Interaction) -> dict[str, Any]:
    data = i.model_dump(mode="json", exclude={"person_id", "name"})
    return {"date": day.isoformat(), **data}


# ---- ladder, doctor, support -------------------------------------------------------------------


def ladder_data(rows: Sequence[StepProgress], suggestion: Suggestion | None) -> dict[str, Any]:
    """The JSON form of `mumcoach ladder --json`."""
    steps = [
        {
            "id": row.step.id,
            "title": row.step.title,
            "position": row.step.position,
            "difficulty": row.step.difficulty,
            "default_difficulty": row.step.default_difficulty,
            "status": row.status,
            "attempts": row.attempts,
            "settings": list(row.step.settings),
            "requires": list(row.step.requires),
            "ruled_out": row.status == "not-for-me",
            "shown_by": sorted({s.kind for s in row.shown}),
            "custom": row.step.custom,
        }
        for row in rows
    ]
    return {"steps": steps, "suggestion": suggestion_data(suggestion)}


def doctor_data(report: Report) -> dict[str, Any]:
    """`mumcoach doctor --json`: where things are, each check, the backups and the exit code."""
    return {
        "ok": report.exit_code == 0,
        "exit_code": report.exit_code,
        "data_dir": str(report.data_dir),
        "journal": str(report.journal),
        "content": [
            {"file": name, "path": str(path)} for name, path in report.content_sources.items()
        ],
        "checks": [
            {"name": c.name, "ok": c.ok, "detail": c.detail, "exit_code": c.exit_code}
            for c in report.checks
        ],
        "backups": [str(b) for b in report.backups],
    }


def support_data(region_code: str, content: Content) -> dict[str, Any]:
    """`mumcoach support --json`: the region's emergency number first, then its support lines."""
    region = content.region(region_code)
    verified = region.last_verified()
    return {
        "region": region.code,
        "region_name": region.name,
        "emergency": region.emergency,
        "emergency_note": region.emergency_note,
        "emergency_last_verified": region.emergency_last_verified,
        "lines": [
            {"name": x.name, "contact": x.contact, "note": x.note, "last_verified": x.last_verified}
            for x in region.lines
        ],
        "last_verified": iso(verified),
    }
