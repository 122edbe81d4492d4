"""The weekly review as JSON-ready data (`mumcoach review --json`)."""

from __future__ import annotations

from typing import Any

from mumcoach.coach.review import WeeklyReview
from mumcoach.views.json_out import suggestion_data
from mumcoach.words import iso


def review_json(review: WeeklyReview) -> dict[str, Any]:
    """The review as JSON-ready data; every key is present even when there is nothing yet."""
    e = review.experiments
    return {
        "window": {"start": iso(review.start), "end": iso(review.end), "days": review.days},
        "headline": review.headline,
        "empty": review.empty,
        "checkins": review.checkins,
        "streak_days": review.streak_days,
        "steps": {
            "planned": review.steps.planned,
            "tried": review.steps.tried,
            "partly": review.steps.partly,
            "not_tried": review.steps.not_tried,
        },
        "ladder": {
            "position_start": review.ladder_start,
            "position_end": review.ladder_end,
            "steps": review.ladder_steps,
        },
        "experiments": {
            "tested": e.tested,
            "feared_happened": e.feared_happened,
            "feared_partly": e.feared_partly,
            "feared_not_happened": e.feared_not_happened,
            "mean_expected_anxiety": e.mean_expected_anxiety,
            "mean_actual_anxiety": e.mean_actual_anxiety,
            "anxiety_pairs": e.pairs,
        },
        "per_step": [
            {
                "id": s.step_id,
                "title": s.title,
                "planned": s.planned,
                "tested": s.tested,
                "anxiety_pairs": s.pairs,
                "mean_expected_anxiety": s.mean_expected_anxiety,
                "mean_actual_anxiety": s.mean_actual_anxiety,
            }
            for s in review.per_step
        ],
        "liking_gap_mean": review.liking_gap_mean,
        "liking_gap_count": review.liking_gap_count,
        "funnel": {
            "names_learned": review.funnel.names_learned,
            "chats": review.funnel.chats,
            "numbers_swapped": review.funnel.numbers_swapped,
            "meetups": review.funnel.meetups,
        },
        "followups_due": len(review.followups),
        "followups": [
            {"name": f.name, "text": f.text, "due": iso(f.due), "overdue": f.overdue}
            for f in review.followups
        ],
        "people": {
            "new": len(review.people.new),
            "new_names": list(review.people.new),
            "moved_up": len(review.people.moved),
            "moved": [
                {"name": m.name, "from": m.before, "to": m.after} for m in review.people.moved
            ],
            "connected": review.people.connected,
            "hours_together": round(review.people.hours_together, 1),
            "reciprocity_notes": [
                {"name": r.name, "unreturned": r.invitations} for r in review.people.reciprocity
            ],
        },
        "mood": [{"date": iso(d.date), "value": d.mood} for d in review.daily],
        "energy": [{"date": iso(d.date), "value": d.energy} for d in review.daily],
        "loneliness": [
            {"date": iso(p.date), "answers": list(p.answers), "total": p.total}
            for p in review.loneliness
        ],
        "suggestion": suggestion_data(review.focus),
        "focus_place": review.focus.place if review.focus else None,
        "signpost": review.signpost,
    }
