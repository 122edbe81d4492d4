"""`mumcoach support`: the support screen — emergency number first, then the region's lines."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from mumcoach.commands import app_context, print_json, region_of

if TYPE_CHECKING:
    from mumcoach.context import AppContext


def register(app: typer.Typer) -> None:
    app.command(help="Show support lines and the emergency number for your region, any time.")(
        support
    )


def support(
    ctx: typer.Context,
    region: Annotated[
        str | None, typer.Option(help="Show another region: uk, ie, us, au, ca or other.")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the numbers as JSON instead of a screen.")
    ] = False,
) -> None:
    from mumcoach.errors import BadInput
    from mumcoach.models import REGIONS

    app = app_context(ctx)
    if region is not None and region.lower() not in REGIONS:
        raise BadInput(f"region (--region) must be one of: {', '.join(REGIONS)}.")
    chosen = region.lower() if region else _profile_region(app)
    if as_json:
        from mumcoach.views.data import support_data

        print_json("support", support_data(chosen, app.content))
        return
    from mumcoach.views.support import support_screen

    app.console.print(support_screen(chosen, app.content))


def _profile_region(app: AppContext) -> str:
    """The profile's region. Nothing in the journal's state may hide the support screen: a
    damaged, strange or unreadable journal falls back on the newest readable backup, then on
    asking (with a terminal), then on "other" (your local emergency number)."""
    try:
        journal = app.store.load()
        if journal.profile is not None or not app.store.exists():
            return region_of(journal)
    except Exception:  # noqa: BLE001 - whatever went wrong, support must still show
        pass
    try:
        for backup in app.store.backups():
            try:
                journal = app.store.parse(backup.read_bytes(), backup)
            except Exception:  # noqa: BLE001
                continue
            if journal.profile is not None:
                return region_of(journal)
    except Exception:  # noqa: BLE001
        pass
    return _ask_region(app)


def _ask_region(app: AppContext) -> str:
    if not app.can_ask:
        return "other"
    from mumcoach.flows.region import ask_region

    try:
        return ask_region(app.prompter, app.content)
    except Exception:  # noqa: BLE001
        return "other"
