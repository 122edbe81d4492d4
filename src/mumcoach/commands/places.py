"""`mumcoach places`: where you go, when it happens, who you've met there; rename and merge."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from mumcoach.commands import app_context, make_asker, print_json
from mumcoach.words import SETTINGS_LISTED

if TYPE_CHECKING:
    from mumcoach.context import AppContext
    from mumcoach.models import Journal, Place

PlaceArg = Annotated[str, typer.Argument(help="The place: its name, the start of it, or its id.")]


def register(app: typer.Typer) -> None:
    places_app = typer.Typer(
        help="Where you go, when it happens and who you've met there; rename or merge places.",
        invoke_without_command=True,
        no_args_is_help=False,
    )
    places_app.callback(invoke_without_command=True)(places)
    places_app.command("edit", help="Rename a place, or change its type or when it happens.")(edit)
    places_app.command("merge", help="Put two places that are one together, losing nothing.")(merge)
    app.add_typer(places_app, name="places")


def places(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Where you go, when it happens and who you've met there."""
    if ctx.invoked_subcommand is not None:
        return
    from mumcoach.coach.places import place_rows

    app = app_context(ctx)
    rows = place_rows(app.store.load(), app.today())
    if as_json:
        from mumcoach.views.data import place_data

        print_json("places", {"places": [place_data(r) for r in rows]})
        return
    from mumcoach.views.places import places_list_view  # imports Rich: only for the screen

    app.console.print(places_list_view(rows))


def edit(
    ctx: typer.Context,
    place: PlaceArg,
    name: Annotated[str | None, typer.Option("--name", help="Its new name.")] = None,
    setting: Annotated[
        str | None,
        typer.Option("--setting", help=f"{SETTINGS_LISTED}."),
    ] = None,
    schedule: Annotated[
        str | None,
        typer.Option("--schedule", help="When it happens, e.g. 'Tuesdays 10:00'; '' clears it."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Rename it even if another place has that name.")
    ] = False,
) -> None:
    from mumcoach.coach.places import edit_place
    from mumcoach.errors import BadInput
    from mumcoach.flows.ask import check_choice
    from mumcoach.flows.people import clean_name
    from mumcoach.flows.places import refuse_place_namesake, schedule_answer
    from mumcoach.models import SETTINGS
    from mumcoach.views.places import place_label

    app = app_context(ctx)
    today = app.today()
    changes: dict[str, object] = {}
    if name is not None:
        changes["name"] = clean_name(name, "name (--name)")
    if setting is not None:
        changes["setting"] = check_choice("setting", setting, SETTINGS) if setting.strip() else None
    if schedule is not None:
        changes.update(schedule_answer(schedule, today))
    if not changes:
        raise BadInput("Nothing to change: pass --name, --setting or --schedule.")
    journal = app.store.load()
    place_id = _pick(app, place, journal).id
    if "name" in changes and not force:
        refuse_place_namesake(journal, place_id, str(changes["name"]), typed=place)
    saved = app.store.update(lambda j: edit_place(j, place_id, changes))
    app.console.print(f"Updated {place_label(saved, today)}.")


def merge(
    ctx: typer.Context,
    place: Annotated[
        str, typer.Argument(help="The place to fold in (its name is kept as another).")
    ],
    into: Annotated[str, typer.Argument(help="The place to keep.")],
    yes: Annotated[bool, typer.Option("--yes", help="Don't ask for confirmation.")] = False,
) -> None:
    from mumcoach.coach.places import merge_places, plan_place_merge
    from mumcoach.errors import BadInput
    from mumcoach.flows.people import confirm_merge
    from mumcoach.views.places import place_merge_view

    app = app_context(ctx)
    journal = app.store.load()
    gone, kept = _pick(app, place, journal), _pick(app, into, journal)
    if gone.id == kept.id:
        raise BadInput("Those are the same place: nothing to merge.")
    app.console.print(place_merge_view(plan_place_merge(journal, gone.id, kept.id, app.today())))
    if not confirm_merge(make_asker(app, None, {}, ()), app.content, yes=yes):
        app.console.print("Nothing was changed.")
        return
    merged = app.store.update(lambda j: merge_places(j, gone.id, kept.id), deletion=True)
    app.console.print(f"Merged: everything is at {merged.name} now.")


def _pick(app: AppContext, query: str, journal: Journal) -> Place:
    from mumcoach.flows.places import pick_place

    return pick_place(make_asker(app, None, {}, ()), app.content, journal, query, app.today())
