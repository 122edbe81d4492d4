"""`mumcoach checkin`: the evening check-in, then a short warm reflection and the next step."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mumcoach.commands import (
    AnswersOption,
    DiscardOption,
    ResumeOption,
    app_context,
    make_asker,
    region_of,
    save_answers,
    show_crisis,
)
from mumcoach.commands.init import onboard_if_new

if TYPE_CHECKING:
    from mumcoach.context import AppContext
    from mumcoach.flows.checkin_draft import CheckInDraft
    from mumcoach.models import CheckIn, Journal


def register(app: typer.Typer) -> None:
    app.command(help="Check in for the day: test your plan, mood, people met, one proud thing.")(
        checkin
    )


def checkin(
    ctx: typer.Context,
    date: Annotated[str | None, typer.Option(help="The day this is about (YYYY-MM-DD).")] = None,
    plan: Annotated[
        str | None,
        typer.Option(
            help="Which open plan this is about: its date (e.g. tuesday), its place, or none."
        ),
    ] = None,
    mood: Annotated[int | None, typer.Option(help="Mood today, 1–5.")] = None,
    energy: Annotated[int | None, typer.Option(help="Energy today, 0–10.")] = None,
    tried: Annotated[
        str | None, typer.Option(help="Did you try your planned step? yes, partly or no.")
    ] = None,
    anxiety: Annotated[int | None, typer.Option(help="How anxious it actually felt, 0–10.")] = None,
    fear_came_true: Annotated[
        str | None, typer.Option(help="Did the feared outcome happen? yes, partly or no.")
    ] = None,
    what: Annotated[str | None, typer.Option(help="What happened.")] = None,
    learned: Annotated[str | None, typer.Option(help="What you learned.")] = None,
    proud: Annotated[str | None, typer.Option(help="One thing you're proud of.")] = None,
    met: Annotated[
        list[str] | None, typer.Option(help="Someone you met, by name (repeatable).")
    ] = None,
    answers: Annotated[Path | None, AnswersOption] = None,
    resume: Annotated[bool, ResumeOption] = False,
    discard_draft: Annotated[bool, DiscardOption] = False,
) -> None:
    from mumcoach.flows.ask import CrisisStop
    from mumcoach.flows.checkin import CHECKIN_KEYS, CheckInFlow

    app = app_context(ctx)
    flags = {
        "date": date,
        "plan": plan,
        "mood": mood,
        "energy": energy,
        "tried": tried,
        "anxiety": anxiety,
        "fear_came_true": fear_came_true,
        "what": what,
        "learned": learned,
        "proud": proud,
        "met": met,
    }
    asker = make_asker(
        app, answers, flags, CHECKIN_KEYS, draft="checkin", resume=resume, discard=discard_draft
    )
    journal = onboard_if_new(app, app.store.load(reuse=True))
    try:
        draft = CheckInFlow(asker, app.content, journal, app.today()).run()
    except CrisisStop as stop:
        partial = stop.partial
        try:
            save_answers(app, asker, lambda: _save(app, partial))
        finally:
            show_crisis(app, region_of(journal))
        return
    saved, journal, notes = save_answers(app, asker, lambda: _save(app, draft))
    _reflect(app, journal, saved, draft, notes)


def _save(app: AppContext, draft: CheckInDraft) -> tuple[CheckIn, Journal, list[str]]:
    """One update: the check-in, its people, and any reciprocity note marked as said."""
    from mumcoach.coach.people import (
        mark_reciprocity_noted,
        reciprocity_notes_due,
        unreturned_invitations,
    )
    from mumcoach.flows.checkin import apply_checkin
    from mumcoach.flows.onboarding import default_profile

    content = app.content

    def change(j: Journal) -> tuple[CheckIn, Journal, list[str]]:
        default_profile(j, app.today())
        saved = apply_checkin(j, draft, app.now())
        due = reciprocity_notes_due(j, content.rules)
        notes = [
            content.say("reciprocity.note", name=p.name, count=unreturned_invitations(j, p))
            for p in due
        ]
        mark_reciprocity_noted(j, [p.id for p in due])
        return saved, j, notes

    return app.store.update(change)


def _reflect(
    app: AppContext, journal: Journal, saved: CheckIn, draft: CheckInDraft, notes: list[str]
) -> None:
    from mumcoach.coach.ladder import NothingToSuggest, suggest
    from mumcoach.coach.past import build_history
    from mumcoach.coach.plan import next_place
    from mumcoach.coach.reflect import reflection
    from mumcoach.coach.safety import low_mood_pattern
    from mumcoach.views.coaching import notes_view, reflection_view
    from mumcoach.views.support import low_mood_notice

    content = app.content
    lines = reflection(content, saved, draft.plan, journal.people)
    history = build_history(content, journal)
    place = next_place(journal, draft.date)
    try:
        upcoming = suggest(history, place=place)
    except NothingToSuggest:
        upcoming = None
    app.console.print(reflection_view(lines, upcoming, content, place))
    if notes:
        app.console.print(notes_view(notes))
    moods = [c.mood for c in sorted(journal.checkins, key=lambda c: (c.date, c.created_at))]
    if low_mood_pattern([m for m in moods if m is not None], content.rules):
        app.console.print(low_mood_notice(region_of(journal), content))
