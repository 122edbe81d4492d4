"""The warm reflection after a check-in: prediction against reality, the liking gap, what's next."""

from __future__ import annotations

from collections.abc import Sequence

from mumcoach.content import Content
from mumcoach.models import CheckIn, Person, Plan


def prediction_lines(
    content: Content, checkin: CheckIn, plan: Plan | None, day: str = "today"
) -> list[str]:
    """How the plan's prediction compared with what happened (science.md §2); `day` is how
    the day it is about reads in a sentence: 'today' or 'on Thursday' (words.on_day)."""
    if plan is None:
        return [no_plan_line(content, checkin, day)]
    if checkin.tried == "no":
        return [content.say("reflect.not_tried")]
    lines = [content.say("reflect.partly_tried")] if checkin.tried == "partly" else []
    fear = None if "fear" in plan.flagged else plan.fear  # words the screen heard: never quoted
    if fear and checkin.fear_came_true == "no":
        if plan.likelihood is None:
            lines.append(content.say("reflect.fear_not_happened_plain", fear=fear))
        else:
            lines.append(
                content.say("reflect.fear_not_happened", fear=fear, likelihood=plan.likelihood)
            )
    elif not fear and checkin.fear_came_true == "no":
        lines.append(content.say("reflect.not_as_bad"))
    elif fear and checkin.fear_came_true == "partly":
        lines.append(content.say("reflect.fear_partly", fear=fear))
    elif fear and checkin.fear_came_true == "yes":
        lines.append(content.say("reflect.fear_happened", fear=fear))
    expected, actual = plan.expected_anxiety, checkin.actual_anxiety
    if expected is not None and actual is not None:
        if actual < expected:
            lines.append(content.say("reflect.anxiety_lower", expected=expected, actual=actual))
        elif actual > expected:
            lines.append(content.say("reflect.anxiety_higher", expected=expected, actual=actual))
        else:
            lines.append(content.say("reflect.anxiety_same", actual=actual))
    return lines


def no_plan_line(content: Content, checkin: CheckIn, day: str = "today") -> str:
    """A day without a plan: kind to her mood, and not the same line every day."""
    again = checkin.date.toordinal() % 2 == 1
    if checkin.mood is not None and checkin.mood <= 2:
        if again:
            return content.say("reflect.no_plan_low_again")
        return content.say("reflect.no_plan_low", day=day)
    if checkin.mood is not None and checkin.mood >= 4:
        return content.say("reflect.no_plan_good", day=day)
    if again:
        return content.say("reflect.no_plan_again")
    return content.say("reflect.no_plan", day=day)


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
            name = _proper(card.name if card else interaction.name)
            child = _proper(interaction.child or (card.child if card else None) or "") or (
                "your little one"
            )
            message = pick.text.format(name=name, child=child)
            return content.say("reflect.followup", name=name, message=message)
    return None


def reflection(
    content: Content,
    checkin: CheckIn,
    plan: Plan | None,
    people: Sequence[Person] = (),
    day: str = "today",
) -> list[str]:
    """Every line of the reflection except the next step, in reading order; `day` as in
    prediction_lines."""
    lines = prediction_lines(content, checkin, plan, day)
    for extra in (liking_gap_line(content, checkin), followup_line(content, checkin, people)):
        if extra:
            lines.append(extra)
    if checkin.proud and "proud" not in checkin.flagged:  # no praise for words the screen heard
        lines.append(content.say("reflect.proud"))
    return lines


def _proper(name: str) -> str:
    """A name typed all in lower case ("sarah") starts with a capital in a message."""
    return name[:1].upper() + name[1:] if name.islower() else name
