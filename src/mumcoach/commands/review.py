"""`mumcoach review`: the weekly reflection in numbers, with the optional UCLA loneliness check."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from mumcoach.commands import app_context, print_json

if TYPE_CHECKING:
    from mumcoach.context import AppContext
    from mumcoach.models import Journal


def register(app: typer.Typer) -> None:
    app.command(help="Look back over the week: steps, fears tested, people, mood, next focus.")(
        review
    )


def review(
    ctx: typer.Context,
    end: Annotated[
        str | None,
        typer.Option(help="The last day to look at (YYYY-MM-DD); default today.", metavar="DATE"),
    ] = None,
    days: Annotated[
        str | None,
        typer.Option(
            help="How many days to look back over, ending on --end (default 7).", metavar="N"
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the same numbers as JSON (never asks).")
    ] = False,
    ucla: Annotated[
        str | None,
        typer.Option(
            help="Record the 3-question loneliness check: three answers 1–3, like 2,1,3 "
            "(1 hardly ever, 2 some of the time, 3 often).",
            metavar="A,B,C",
        ),
    ] = None,
    no_ucla: Annotated[
        bool, typer.Option("--no-ucla", help="Don't offer the loneliness check this time.")
    ] = False,
) -> None:
    from mumcoach.coach.review import MAX_DAYS, build_review, parse_ucla
    from mumcoach.errors import BadInput

    app = app_context(ctx)
    content = app.content
    window_end, length = app.today(), content.rules.review.days
    if end is not None or days is not None:  # the checkers come with the question flows
        from mumcoach.flows.ask import check_date, check_int

        window_end = check_date("end", end) if end is not None else window_end
        length = check_int("days", days, 1, MAX_DAYS) if days is not None else length
    answers = parse_ucla(ucla) if ucla is not None else None
    if answers is not None and no_ucla:
        raise BadInput("Pass --ucla or --no-ucla, not both.")

    # only a review that may save (her answers, or the check offered) keeps what it read for the
    # save to reuse; the others skip counting every record of the journal for a save never made
    may_save = answers is not None or (app.can_ask and not (no_ucla or as_json))
    journal = app.store.load(reuse=may_save)
    if answers is not None:
        journal = _save_ucla(app, answers)
    elif not (no_ucla or as_json) and _may_offer(app, journal):
        from mumcoach.flows.loneliness import ask_ucla

        journal = _save_ucla(app, ask_ucla(app.prompter, content))
        app.console.print()

    result = build_review(content, journal, window_end, length)
    if as_json:
        from mumcoach.views.review_json import review_json

        print_json("review", review_json(result))
        return
    from mumcoach.views.review import render

    app.console.print(render(result, content))


def _may_offer(app: AppContext, journal: Journal) -> bool:
    """Offer only with someone to ask, to a journal already in use, once per interval."""
    from mumcoach.coach.review import ucla_due

    return (
        app.can_ask
        and app.store.exists()
        and ucla_due(journal, app.today(), app.content.rules.ucla.min_days_between)
    )


def _save_ucla(app: AppContext, answers: list[int] | None) -> Journal:
    """One save: today's answers if any, and that the check was offered today."""
    from mumcoach.coach.review import record_ucla

    today = app.today()
    return app.store.update(lambda journal: record_ucla(journal, today, answers))
