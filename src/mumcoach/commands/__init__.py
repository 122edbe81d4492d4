"""One module per command: each parses options and hands off; `register(app)` adds it to the CLI."""

from __future__ import annotations

import typer

from mumcoach.context import AppContext


def app_context(ctx: typer.Context) -> AppContext:
    """The AppContext the root callback stored on the click context."""
    obj = ctx.find_root().obj
    assert isinstance(obj, AppContext)
    return obj
