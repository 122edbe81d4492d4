"""`mumcoach checkin`: the evening check-in, then a short warm reflection and the next step."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mumcoach.commands import (
    AnswersOption,
    DiscardOption,
    ResumeOption,
    app_context,
    make_asker,
    print_json,
    region_of,
    save_and_stop,
    save_answers,
    watch_of,
)
from mumcoach.commands.init import onboard_if_new
from mumcoach.errors import MumcoachError
from mumcoach.paths import JOURNAL_NAME

ANSWERS_KEPT = "Your answers so far are kept; run `mumcoach checkin` to carry on."

if TYPE_CHECKING:
    from datetime import datetime

    from mumcoach.coach.checkin_draft import CheckInDraft
    from mumcoach.coach.ladder import Suggestion
    from mumcoach.coach.safety import Signpost
    from mumcoach.context import AppContext
    from mumcoach.flows.ask import Asker
    from mumcoach.models import CheckIn, Journal, Place, Plan


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
    mood: Annotated[int | None, typer.Option(help="Mood that day, 1–5.")] = None,
    energy: Annotated[int | None, typer.Option(help="Energy that day, 0–10.")] = None,
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
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the saved check-in and reflection as JSON.")
    ] = False,
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
        app,
        answers,
        flags,
        CHECKIN_KEYS,
        draft="checkin",
        resume=resume,
        discard=discard_draft,
        as_json=as_json,
    )
    watch = watch_of(asker)

    def read() -> Journal:
        journal = onboard_if_new(app, app.store.load(reuse=True))
        watch.know(journal)
        return journal

    def on_plan(tested: Plan | None, day: str | None) -> None:
        if tested is not None and "fear" in tested.flagged and not as_json:
            say = app.content.say
            flagged = say("safety.flagged_plan") if day is None else say("safety.flagged_plan_on")
            app.console.print(flagged)

    # Her mood, the first question, needs nothing from the journal: when she will be asked it
    # and onboarding is behind her, the journal is read just after it, not before.
    later = asker.interactive and not as_json and not asker.given("plan") and onboarded(app)
    source = _read_after(read, asker) if later else read()
    begun = _begun(app, asker)
    flow = CheckInFlow(
        asker, app.content, source, begun.date(), on_plan, now=begun, asked_on=app.today()
    )
    try:
        draft = flow.run()
    except CrisisStop as stop:
        from mumcoach.views.checkin_json import checkin_json

        journal = flow.journal
        partial = _everything_given(asker, app, journal, stop.partial)
        save_and_stop(
            app,
            asker,
            watch.region,
            lambda: _save(app, partial, crisis=True),
            ("checkin", lambda done: checkin_json(done[0], "crisis", [], None, [], None))
            if as_json
            else None,
        )
    journal = flow.journal
    saved, journal, notes, signpost = save_answers(app, asker, lambda: _save(app, draft))
    if as_json:
        from mumcoach.coach.reflect import reflection
        from mumcoach.views.checkin_json import checkin_json
        from mumcoach.words import on_day

        day = on_day(saved.date, app.today())
        lines = reflection(app.content, saved, draft.plan, journal.people, day)
        next_step = _next_step(app, journal, draft)[0]
        print_json("checkin", checkin_json(saved, watch.state, lines, next_step, notes, signpost))
        return
    _reflect(app, journal, saved, draft, notes, signpost)


HEAD = 1 << 16


def onboarded(app: AppContext) -> bool:
    """True when the journal file plainly opens with her profile and is not cut short: from
    its first 64 KiB and its last bytes, in well under a millisecond. False whenever that is
    not plain (then the whole file is read before any question)."""
    try:
        with (app.data_dir / JOURNAL_NAME).open("rb") as fh:
            head = fh.read(HEAD)
            whole = len(head) < HEAD
            if not whole:
                fh.seek(-16, os.SEEK_END)
                if not fh.read().rstrip().endswith(b"}"):
                    return False
        from pydantic_core import from_json

        top = from_json(head, allow_partial=not whole)
    except (OSError, ValueError):
        return False
    return isinstance(top, dict) and isinstance(top.get("profile"), dict)


def _begun(app: AppContext, asker: Asker) -> datetime:
    """When she began this check-in: now, or when the unfinished one she carries on was begun.
    It is about that day (her mood then, `--date tuesday` read as of then) and tests a plan
    that was open then, so Tuesday night's answers never go to Wednesday's plan."""
    return asker.draft.started_at if asker.draft is not None else app.now()


def _read_after(read: Callable[[], Journal], asker: Asker) -> Callable[[], Journal]:
    """`read`, for after a question: if the journal cannot be read, say her answers are kept
    (they are, in the draft, once one is written)."""

    def reading() -> Journal:
        try:
            return read()
        except MumcoachError as exc:
            if asker.draft is None or not asker.draft.on_disk:
                raise
            raise MumcoachError(f"{exc.message} {ANSWERS_KEPT}", exit_code=exc.exit_code) from exc

    return reading


def _everything_given(
    asker: Asker, app: AppContext, journal: Journal, partial: CheckInDraft
) -> CheckInDraft:
    """After a stop in a scripted run, every answer given (flags, a file), asking nothing more."""
    from mumcoach.errors import MumcoachError
    from mumcoach.flows.checkin import CheckInFlow

    if asker.interactive:
        return partial
    try:
        begun = _begun(app, asker)
        return CheckInFlow(asker.replay(), app.content, journal, begun.date(), now=begun).run()
    except MumcoachError:  # a later answer was bad: keep what was read before the stop
        return partial


def _save(
    app: AppContext, draft: CheckInDraft, *, crisis: bool = False
) -> tuple[CheckIn, Journal, list[str], Signpost | None]:
    """One update: the check-in, its people, any reciprocity note marked as said, and the
    low-mood signpost (once per low spell; not after a crisis stop, whose screen says more)."""
    from mumcoach.coach.checkin import save_checkin

    def change(j: Journal) -> tuple[CheckIn, Journal, list[str], Signpost | None]:
        saved, notes, signpost = save_checkin(
            j, draft, app.content, app.now(), app.today(), crisis=crisis
        )
        return saved, j, notes, signpost

    return app.store.update(change)


def _reflect(
    app: AppContext,
    journal: Journal,
    saved: CheckIn,
    draft: CheckInDraft,
    notes: list[str],
    signpost: Signpost | None,
) -> None:
    """The reflection, any notes, and the low-mood signpost if it is due."""
    from mumcoach.coach.reflect import reflection
    from mumcoach.views.coaching import notes_view, reflection_view
    from mumcoach.views.support import low_mood_notice, low_mood_pointer

    content = app.content
    from mumcoach.words import on_day, weekday_day_month

    lines = reflection(content, saved, draft.plan, journal.people, on_day(saved.date, app.today()))
    upcoming, place = _next_step(app, journal, draft)

    # a back-dated check-in is about that day, so its panel names the day instead of "Today"
    day = "Today" if saved.date == app.today() else weekday_day_month(saved.date)
    app.console.print(reflection_view(lines, upcoming, content, place, title=day))
    if notes:
        app.console.print(notes_view(notes))
    if signpost == "message":
        app.console.print(low_mood_notice(region_of(journal), content))
    elif signpost == "pointer":
        app.console.print(low_mood_pointer(content))


def _next_step(
    app: AppContext, journal: Journal, draft: CheckInDraft
) -> tuple[Suggestion | None, Place | None]:
    """The step to try next, at the place she is likely to go next."""
    from mumcoach.coach.ladder import NothingToSuggest, suggest
    from mumcoach.coach.past import build_history
    from mumcoach.coach.plan import next_place

    place = next_place(journal, draft.date)
    try:
        return suggest(build_history(app.content, journal), place=place), place
    except NothingToSuggest:
        return None, place
