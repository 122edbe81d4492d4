"""`mumcoach init`: onboarding, and editing the profile later without losing anything."""

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

if TYPE_CHECKING:
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
        app, answers, flags, INIT_KEYS, draft="init", resume=resume, discard=discard_draft
    )
    run_onboarding(app, asker, app.store.load())


def run_onboarding(app: AppContext, asker: Asker, journal: Journal) -> None:
    """Ask, save in one update, then welcome — or stop at once for the crisis screen."""
    from mumcoach.coach.ladder import suggest
    from mumcoach.coach.past import build_history
    from mumcoach.flows.ask import CrisisStop
    from mumcoach.flows.onboarding import Onboarding, apply_onboarding, ask_onboarding
    from mumcoach.views.coaching import welcome_view

    today = app.today()
    try:
        answers = ask_onboarding(asker, app.content, journal, today)
    except CrisisStop as stop:
        # Keep what she wrote, then show help at once, in her region if she gave it.
        partial = stop.partial
        if isinstance(partial, Onboarding):
            try:
                save_answers(
                    app,
                    asker,
                    lambda: app.store.update(
                        lambda j: apply_onboarding(j, partial, app.content, today)
                    ),
                )
            finally:
                show_crisis(app, partial.region)
        else:
            show_crisis(app, region_of(journal))
        return

    def save(j: Journal) -> Journal:
        apply_onboarding(j, answers, app.content, today)
        return j

    saved = save_answers(app, asker, lambda: app.store.update(save))
    suggestion = suggest(build_history(app.content, saved))
    app.console.print(welcome_view(app.content, answers.name, suggestion))


def onboard_if_new(app: AppContext, journal: Journal) -> Journal:
    """First plan or check-in with a terminal: run onboarding first and save it."""
    if journal.profile is not None or not app.can_ask:
        return journal
    run_onboarding(app, make_asker(app, None, {}, (), draft="init"), journal)
    return app.store.load()
