"""The warm reflection after a check-in: prediction against reality, the liking gap, what's next."""

from __future__ import annotations

from collections.abc import Sequence

from mumcoach.content import Content
from mumcoach.models import CheckIn, Person, Plan


def prediction_lines(content: Content, checkin: CheckIn, plan: Plan | None) -> list[str]:
    """How the plan's prediction compared with what happened (science.md §2)."""
    if plan is None:
        return [content.say("reflect.no_plan")]
    if checkin.tried == "no":
        return [content.say("reflect.not_tried")]
    lines = [content.say("reflect.partly_tried")] if checkin.tried == "partly" else []
    if plan.fear and checkin.fear_came_true == "no":
        likelihood = plan.likelihood if plan.likelihood is not None else "some"
        lines.append(
            content.say("reflect.fear_not_happened", fear=plan.fear, likelihood=likelihood)
        )
    elif plan.fear and checkin.fear_came_true == "partly":
        lines.append(content.say("reflect.fear_partly", fear=plan.fear))
    elif plan.fear and checkin.fear_came_true == "yes":
        lines.append(content.say("reflect.fear_happened", fear=plan.fear))
    expected, actual = plan.expected_anxiety, checkin.actual_anxiety
    if expected is not None and actual is not None:
        if actual < expected:
            lines.append(content.say("reflect.anxiety_lower", expected=expected, actual=actual))
        elif actual > expected:
            lines.append(content.say("reflect.anxiety_higher", expected=expected, actual=actual))
        else:
            lines.append(content.say("reflect.anxiety_same", actual=actual))
    return lines


def liking_gap_line(content: Content, checkin: CheckIn) -> str | None:
    """The liking-gap note (Boothby et al. 2018) for the widest gap in this check-in, if any."""
    gaps = [
        (i.liked_them - i.they_liked_me, i)
        for i in checkin.interactions
        if i.liked_them is not None
        and i.they_liked_me is not None
        and i.they_liked_me < i.liked_them
    ]
    if not gaps:
        return None
    _, widest = max(gaps, key=lambda pair: pair[0])
    return content.say(
        "reflect.liking_gap",
        name=widest.name,
        liked=widest.liked_them,
        they_liked=widest.they_liked_me,
    )


def followup_line(content: Content, checkin: CheckIn, people: Sequence[Person] = ()) -> str | None:
    """A ready-made message for someone she can now text (Liu et al. 2023), if anyone.

    Her name and her child's come from her own card (`people`), never from anyone else's.
    """
    cards = {p.id: p for p in people}
    for interaction in checkin.interactions:
        moment = (
            "after-meetup"
            if interaction.meetup
            else "after-numbers"
            if interaction.swapped_numbers
            else None
        )
        templates = content.followups_for(moment) if moment else []
        if templates:
            pick = templates[checkin.date.toordinal() % len(templates)]
            card = cards.get(interaction.person_id)
            name = card.name if card else interaction.name
            child = interaction.child or (card.child if card else None) or "your little one"
            message = pick.text.format(name=name, child=child)
            return content.say("reflect.followup", name=name, message=message)
    return None


def reflection(
    content: Content, checkin: CheckIn, plan: Plan | None, people: Sequence[Person] = ()
) -> list[str]:
    """Every line of the reflection except the next step, in reading order."""
    lines = prediction_lines(content, checkin, plan)
    for extra in (liking_gap_line(content, checkin), followup_line(content, checkin, people)):
        if extra:
            lines.append(extra)
    if checkin.proud:
        lines.append(content.say("reflect.proud"))
    return lines
