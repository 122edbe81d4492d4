"""`mumcoach ladder`: see the ladder and the next step; re-rate, rule out or add steps."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from mumcoach.commands import app_context, print_json
from mumcoach.text import one_line
from mumcoach.words import SETTINGS_LISTED

if TYPE_CHECKING:
    from mumcoach.context import AppContext
    from mumcoach.vocab import Setting

HELP = "See your ladder of steps and the one suggested next; re-rate, rule out or add steps."

ladder_app = typer.Typer(help=HELP, invoke_without_command=True, no_args_is_help=False)


def register(app: typer.Typer) -> None:
    app.add_typer(ladder_app, name="ladder")


@ladder_app.callback()
def ladder(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print the ladder as JSON.")] = False,
) -> None:
    """See your ladder of steps and the one suggested next; re-rate, rule out or add steps."""
    if ctx.invoked_subcommand is not None:
        return

    from mumcoach.coach.ladder import NothingToSuggest, Suggestion, progress, suggest
    from mumcoach.coach.past import build_history

    app = app_context(ctx)
    content, journal = app.content, app.store.load()
    history = build_history(content, journal)
    rows = progress(history)
    suggestion: Suggestion | None
    try:
        suggestion = suggest(history)
        note = None
    except NothingToSuggest as exc:
        suggestion, note = None, exc.message
    if as_json:
        from mumcoach.views.data import ladder_data

        print_json("ladder", ladder_data(rows, suggestion))
        return
    from mumcoach.views.ladder import ladder_view

    easier = None
    if suggestion is not None and suggestion.easier_step_id:
        title = history.steps[suggestion.easier_step_id].title
        easier = content.say("plan.easier_option", step=title.rstrip("."))
    app.console.print(ladder_view(rows, suggestion, easier_line=easier, note=note))


@ladder_app.command(
    help="Re-rate a step 0–10 for yourself (how hard it would feel now).",
    context_settings={"ignore_unknown_options": True},  # so "-1" is a (bad) rating, not an option
)
def rate(
    ctx: typer.Context,
    step_id: Annotated[
        str,
        typer.Argument(metavar="STEP_ID", help="The step's id (see `mumcoach ladder --json`)."),
    ],
    rating: Annotated[str, typer.Argument(metavar="N", help="How hard it feels, 0–10.")],
) -> None:
    from mumcoach.coach.ladder_edit import rate_step
    from mumcoach.views.ladder import rated_line

    app = app_context(ctx)
    value = _zero_to_ten(rating, "The rating")
    rated = app.store.update(lambda journal: rate_step(app.content, journal, step_id, value))
    app.console.print(rated_line(rated))


@ladder_app.command(
    "not-for-me",
    help="Mark a step or a whole setting (groups, classes, school-gate, …) as not for you.",
)
def not_for_me(
    ctx: typer.Context,
    what: Annotated[
        str,
        typer.Argument(
            metavar="STEP_ID_OR_SETTING",
            help=f"A step id, or one of: {SETTINGS_LISTED}.",
        ),
    ],
    undo: Annotated[bool, typer.Option("--undo", help="Put it back on your ladder.")] = False,
) -> None:
    from mumcoach.coach.ladder_edit import mark_not_for_me
    from mumcoach.views.ladder import marked_line

    app = app_context(ctx)
    content, today = app.content, app.today()
    marked = app.store.update(
        lambda journal: mark_not_for_me(content, journal, what, undo=undo, today=today)
    )
    app.console.print(marked_line(marked, content))


@ladder_app.command(help="Add a step of your own to the ladder.")
def add(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="What the step is, in your words.")],
    difficulty: Annotated[
        str | None, typer.Option("--difficulty", metavar="N", help="How hard it feels, 0–10.")
    ] = None,
    setting: Annotated[
        list[str] | None,
        typer.Option(
            "--setting",
            metavar="S",
            help=f"Where it fits (repeatable): {SETTINGS_LISTED}.",
        ),
    ] = None,
    drop: Annotated[
        str | None, typer.Option("--drop", help="One safety behaviour to drop while doing it.")
    ] = None,
    if_then: Annotated[
        str | None, typer.Option("--if-then", help='Your plan: "If …, then I\'ll …".')
    ] = None,
) -> None:
    from mumcoach.coach.ladder_edit import add_custom_step
    from mumcoach.errors import BadInput
    from mumcoach.views.ladder import added_line

    app = app_context(ctx)
    today = app.today()
    name = " ".join(title.split())
    if not name:
        raise BadInput('The step needs a title, e.g. mumcoach ladder add "Wave at the gate".')
    if difficulty is None:
        raise BadInput("Say how hard it feels with --difficulty N (0–10).")
    value = _zero_to_ten(difficulty, "--difficulty")
    settings = [_setting(s) for s in setting or []]
    step = app.store.update(
        lambda journal: add_custom_step(
            journal,
            title=name,
            difficulty=value,
            settings=settings,
            safety_behaviour=one_line(drop),
            if_then=one_line(if_then),
            today=today,
        )
    )
    _screen_step(app, step.id, {"title": name, "drop": drop, "if_then": if_then})
    app.console.print(added_line(step))


def _screen_step(app: AppContext, step_id: str, texts: dict[str, str | None]) -> None:
    """Her step is saved; the safety screen hears its words. Tier 1: kept, never suggested as
    coaching (marked not for me), and the crisis screen; tier 2: the direct question or lines."""
    from mumcoach.commands import crisis_exit, safety_watch
    from mumcoach.flows.ask import CrisisStop

    watch = safety_watch(app)
    watch.know(app.store.load())
    try:
        watch.check_all(texts.items())
    except CrisisStop:
        from mumcoach.coach.ladder_edit import set_aside

        app.store.update(lambda journal: set_aside(journal, step_id))
        crisis_exit(app, watch.region)


# ---- helpers --------------------------------------------------------------------------------


def _zero_to_ten(text: str, what: str) -> int:
    from mumcoach.errors import BadInput

    try:
        value = int(text.strip())
    except ValueError:
        value = -1
    if not 0 <= value <= 10:
        raise BadInput(f"{what} must be a whole number from 0 to 10 (got {text!r}).")
    return value


def _setting(text: str) -> Setting:
    from mumcoach.errors import BadInput
    from mumcoach.vocab import SETTINGS

    wanted = text.strip().lower()
    for known in SETTINGS:
        if known == wanted:
            return known
    raise BadInput(f"Unknown setting {text.strip()!r}: use one of {', '.join(SETTINGS)}.")
