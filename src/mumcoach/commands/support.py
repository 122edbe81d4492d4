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
    from mumcoach.views.support import support_data, support_screen

    app = app_context(ctx)
    if region is not None and region.lower() not in REGIONS:
        raise BadInput(f"region (--region) must be one of: {', '.join(REGIONS)}.")
    chosen = region.lower() if region else _profile_region(app)
    if as_json:
        print_json("support", support_data(chosen, app.content))
        return
    app.console.print(support_screen(chosen, app.content))


def _profile_region(app: AppContext) -> str:
    """The profile's region; a damaged journal must never hide the support screen, so fall back
    on the newest backup, then on "other" (your local emergency number)."""
    from mumcoach.errors import MumcoachError

    try:
        return region_of(app.store.load())
    except MumcoachError:
        pass
    backup = app.store.latest_backup()
    try:
        return region_of(app.store.parse(backup.read_bytes(), backup)) if backup else "other"
    except (MumcoachError, OSError):
        return "other"
