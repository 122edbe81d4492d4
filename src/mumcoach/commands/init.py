"""`mumcoach init`: onboarding, and editing the profile later without losing anything."""

from __future__ import annotations

from contextlib import suppress
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
    save_and_stop,
    save_answers,
    watch_of,
)

if TYPE_CHECKING:
    from datetime import date

    from mumcoach.coach.profile import Onboarding
    from mumcoach.context import AppContext
    from mumcoach.flows.ask import Asker
    from mumcoach.models import Journal


def register(app: typer.Typer) -> None:
    app.command(help="Set up (or edit) your profile: name, region, children, settings, goal.")(init)


def init(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option(help="Your first name (optional).")] = None,
    region: Annotated[
        str | None, typer.Option(help="For support numbers: uk, ie, us, au, ca or other.")
    ] = None,
    child: Annotated[
        list[str] | None, typer.Option(help="A child as NAME:AGE, e.g. Jasper:8m (repeatable).")
    ] = None,
    not_for_me: Annotated[
        list[str] | None,
        typer.Option(help="A setting that's not for you (repeatable): groups, classes, …"),
    ] = None,
    goal: Annotated[str | None, typer.Option(help="Your goal, in your own words.")] = None,
    rate: Annotated[
        list[str] | None, typer.Option(help="Rate a step 0–10 as STEP_ID=N (repeatable).")
    ] = None,
    start_step: Annotated[
        str | None, typer.Option(help="Start the ladder at this step id instead.")
    ] = None,
    answers: Annotated[Path | None, AnswersOption] = None,
    resume: Annotated[bool, ResumeOption] = False,
    discard_draft: Annotated[bool, DiscardOption] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the saved profile as JSON instead of a welcome.")
    ] = False,
) -> None:
    from mumcoach.flows.onboarding import INIT_KEYS

    app = app_context(ctx)
    flags = {
        "name": name,
        "region": region,
        "child": child,
        "not_for_me": not_for_me,
        "goal": goal,
        "rate": rate,
        "start_step": start_step,
    }
    asker = make_asker(
        app,
        answers,
        flags,
        INIT_KEYS,
        draft="init",
        resume=resume,
        discard=discard_draft,
        as_json=as_json,
    )
    run_onboarding(app, asker, app.store.load(), as_json=as_json)


def run_onboarding(
    app: AppContext, asker: Asker, journal: Journal, *, as_json: bool = False
) -> None:
    """Ask, save in one update, then welcome — or, on crisis words, save every answer given and
    stop at once for the crisis screen (in her region if she gave it)."""
    from mumcoach.coach.ladder import suggest
    from mumcoach.coach.past import build_history
    from mumcoach.errors import MumcoachError
    from mumcoach.flows.ask import CrisisStop
    from mumcoach.flows.onboarding import ask_onboarding
    from mumcoach.views.coaching import init_json, welcome_view

    today = app.today()
    watch = watch_of(asker)
    watch.know(journal)
    try:
        answers = ask_onboarding(asker, app.content, journal, today)
    except CrisisStop as stop:
        partial: Onboarding = stop.partial
        if not asker.interactive:  # every answer given (flags, a file), asking nothing more
            with suppress(MumcoachError):
                partial = ask_onboarding(asker.replay(), app.content, journal, today)
        save_and_stop(
            app,
            asker,
            partial.region,
            lambda: app.store.update(lambda j: _apply(j, partial, app, today)),
            ("init", lambda saved: init_json(saved, "crisis", None)) if as_json else None,
        )

    saved = save_answers(
        app, asker, lambda: app.store.update(lambda j: _apply(j, answers, app, today))
    )
    suggestion = suggest(build_history(app.content, saved))
    if as_json:
        print_json("init", init_json(saved, watch.state, suggestion))
        return
    app.console.print(welcome_view(app.content, answers.name, suggestion))


def _apply(journal: Journal, answers: Onboarding, app: AppContext, today: date) -> Journal:
    from mumcoach.coach.profile import apply_onboarding

    apply_onboarding(journal, answers, app.content, today)
    return journal


def onboard_if_new(app: AppContext, journal: Journal) -> Journal:
    """First plan or check-in with a terminal: run onboarding first and save it."""
    if journal.profile is not None or not app.can_ask:
        return journal
    run_onboarding(app, make_asker(app, None, {}, (), draft="init"), journal)
    return app.store.load()
