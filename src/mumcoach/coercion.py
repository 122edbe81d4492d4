"""Typer's option coercion, with its pydantic validator built only for a value that needs one."""

from __future__ import annotations

from typing import Any, get_args, get_origin

# Typer 0.29 builds a pydantic TypeAdapter for every option it processes, given or not
# (typer/core.py `_TyperParameter.process_value` → typer/_coercion.py `build_runtime_param`):
# about 2 ms each, and the first one imports typer._adapters. Most options of a run are left
# out (None), and most given ones are plain text, which the adapter returns unchanged. Every
# other value still goes through Typer's own coercion, so its errors read as they always did.


class Deferred:
    """Stands in for Typer's RuntimeParam: the same answers, its adapter built on first need."""

    __slots__ = ("descriptor", "plain", "real")

    def __init__(self, descriptor: Any) -> None:
        self.descriptor = descriptor
        self.real: Any = None
        info = descriptor.parameter_info
        custom = getattr(info, "parser", None) is not None or (
            getattr(info, "click_type", None) is not None
        )
        self.plain = None if custom else _plain_kind(descriptor.annotation, info)

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        multi = param.multiple or param.nargs == -1
        if value is None:  # left out: what RuntimeParam.coerce answers before any adapter
            return () if multi else None
        if self.plain == "str" and type(value) is str:
            return value
        if self.plain == "int" and (type(value) is int or _digits(value)):
            return int(value)
        plain_list = self.plain == "list[str]" and isinstance(value, list | tuple)
        if plain_list and all(type(item) is str for item in value):
            return list(value)
        if self.real is None:
            from typer._coercion import build_runtime_param

            self.real = build_runtime_param(self.descriptor)
        return self.real.coerce(value, param=param, ctx=ctx)


def _digits(value: object) -> bool:
    """Text that is plainly a whole number ("7", "010"): int() reads it as pydantic would."""
    return type(value) is str and 0 < len(value) <= 18 and value.isascii() and value.isdigit()


def _plain_kind(annotation: Any, info: Any) -> str | None:
    """ "str", "int" (no bounds) or "list[str]": the annotations whose values pass unchanged."""
    if annotation is str:
        return "str"
    if annotation is int and info.min is None and info.max is None and not info.clamp:
        return "int"
    if get_origin(annotation) is list and get_args(annotation) == (str,):
        return "list[str]"
    return None


def defer_coercion(command: Any, ctx: Any) -> None:
    """Give every Typer parameter of a command (its help option too) and of its subcommands a
    Deferred coercion; `ctx` is the command's context or its parent's (same help names)."""
    for param in command.get_params(ctx):
        if getattr(param, "_runtime_param", False) is None and hasattr(param, "type_descriptor"):
            param._runtime_param = Deferred(param.type_descriptor)
    for sub in getattr(command, "commands", {}).values():
        defer_coercion(sub, ctx)
