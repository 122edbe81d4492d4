"""`mumcoach ladder`: see the ladder and the next step; re-rate, rule out or add steps."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from mumcoach.commands import app_context, print_json
from mumcoach.text import one_line

if TYPE_CHECKING:
    from datetime import date

    from mumcoach.coach.ladder import LadderStep
    from mumcoach.content import Content
    from mumcoach.models import Journal

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

    from mumcoach.coach.ladder import NothingToSuggest, Suggestion, find_step, progress, suggest
    from mumcoach.views.ladder import ladder_data, ladder_view

    app = app_context(ctx)
    content, journal = app.content, app.store.load()
    rows = progress(content, journal)
    suggestion: Suggestion | None
    try:
        suggestion = suggest(content, journal)
        note = None
    except NothingToSuggest as exc:
        suggestion, note = None, exc.message
    if as_json:
        print_json("ladder", ladder_data(rows, suggestion))
        return
    easier = None
    if suggestion is not None and suggestion.easier_step_id:
        title = find_step(content, journal, suggestion.easier_step_id).title
        easier = content.say("plan.easier_option", step=title)
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
    app = app_context(ctx)
    content = app.content
    value = _zero_to_ten(rating, "The rating")

    def change(journal: Journal) -> str:
        step = _step(content, journal, step_id)
        journal.ladder.ratings = {**journal.ladder.ratings, step.id: value}
        default = step.default_difficulty
        was = f" (the default is {default})" if value != default else ""
        return f'Saved: "{step.title}" is {value}/10 for you{was}. Your ladder is in your order.'

    app.console.print(app.store.update(change))


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
            help="A step id, or one of: groups, classes, school-gate, soft-play, online, hosting.",
        ),
    ],
    undo: Annotated[bool, typer.Option("--undo", help="Put it back on your ladder.")] = False,
) -> None:
    from mumcoach.models import SETTINGS

    app = app_context(ctx)
    content, today = app.content, app.today()
    key = what.strip().lower()

    def change(journal: Journal) -> str:
        if key in SETTINGS:
            return _mark_setting(content, journal, key, undo=undo, today=today)
        return _mark_step(content, journal, what.strip(), undo=undo)

    app.console.print(app.store.update(change))


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
            help="Where it fits (repeatable): groups, classes, "
            "school-gate, soft-play, online, hosting.",
        ),
    ] = None,
    drop: Annotated[
        str | None, typer.Option("--drop", help="One safety behaviour to drop while doing it.")
    ] = None,
    if_then: Annotated[
        str | None, typer.Option("--if-then", help='Your plan: "If …, then I\'ll …".')
    ] = None,
) -> None:
    from mumcoach.errors import BadInput
    from mumcoach.models import SETTINGS, CustomStep

    app = app_context(ctx)
    today = app.today()
    name = " ".join(title.split())
    if not name:
        raise BadInput('The step needs a title, e.g. mumcoach ladder add "Wave at the gate".')
    if difficulty is None:
        raise BadInput("Say how hard it feels with --difficulty N (0–10).")
    value = _zero_to_ten(difficulty, "--difficulty")
    settings = [s.strip().lower() for s in setting or []]
    for s in settings:
        if s not in SETTINGS:
            raise BadInput(f"Unknown setting {s!r}: use one of {', '.join(SETTINGS)}.")

    def change(journal: Journal) -> str:
        taken = {c.id for c in journal.ladder.custom_steps}
        step = CustomStep.model_validate(
            {
                "id": _unique_id(name, taken),
                "title": name,
                "difficulty": value,
                "settings": list(dict.fromkeys(settings)),
                "safety_behaviour": one_line(drop),
                "if_then": one_line(if_then),
                "created": today,
            }
        )
        journal.ladder.custom_steps = [*journal.ladder.custom_steps, step]
        return f'Added "{name}" ({value}/10) to your ladder as {step.id}. Your steps count.'

    app.console.print(app.store.update(change))


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


def _step(content: Content, journal: Journal, step_id: str) -> LadderStep:
    from mumcoach.coach.ladder import find_step
    from mumcoach.errors import BadInput

    try:
        return find_step(content, journal, step_id)
    except KeyError:
        raise BadInput(
            f"There is no step {step_id!r}. `mumcoach ladder --json` lists the step ids."
        ) from None


def _mark_step(content: Content, journal: Journal, step_id: str, *, undo: bool) -> str:
    step = _step(content, journal, step_id)
    marked = list(journal.ladder.not_for_me)
    if undo:
        if step.id not in marked:
            return f'"{step.title}" wasn\'t marked "not for me"; nothing to change.'
        journal.ladder.not_for_me = [s for s in marked if s != step.id]
        return f'"{step.title}" is back on your ladder.'
    if step.id in marked:
        return f'"{step.title}" is already marked "not for me".'
    journal.ladder.not_for_me = [*marked, step.id]
    return f'"{step.title}": {content.say("not_for_me.ok")}'


def _mark_setting(
    content: Content, journal: Journal, setting: str, *, undo: bool, today: date
) -> str:
    from mumcoach.models import Profile

    current = list(journal.profile.not_for_me) if journal.profile else []
    if undo:
        if setting not in current:
            return f'{setting} wasn\'t marked "not for me"; nothing to change.'
        assert journal.profile is not None
        journal.profile.not_for_me = [s for s in current if s != setting]
        journal.profile.updated = today
        return f"Back in: {setting}. Steps there can be suggested again."
    if setting in current:
        return f'{setting} is already marked "not for me".'
    if journal.profile is None:
        journal.profile = Profile(created=today)
    journal.profile.not_for_me = [*current, setting]  # type: ignore[list-item]
    journal.profile.updated = today
    return f"{setting.capitalize()}: {content.say('not_for_me.ok')}"


def _unique_id(title: str, taken: set[str]) -> str:
    """custom-<slug of the title>, with -2, -3… added if that id is already used."""
    import re
    import unicodedata

    from mumcoach.content import CUSTOM_STEP_PREFIX

    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:40].strip("-") or "step"
    base = f"{CUSTOM_STEP_PREFIX}{slug}"
    found, n = base, 2
    while found in taken:
        found, n = f"{base}-{n}", n + 1
    return found
