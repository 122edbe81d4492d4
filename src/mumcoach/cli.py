"""The command line: parse options, hand off to one command, render; every error ends here."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

from mumcoach import helptext
from mumcoach.coercion import defer_coercion
from mumcoach.context import AppContext
from mumcoach.errors import BAD_INPUT, CANCELLED, UNEXPECTED, MumcoachError

CANCELLED_MESSAGE = "Cancelled — nothing was saved."
STOPPED_AFTER_SAVE = "Stopped — what you'd answered was already saved."
STOPPED_DRAFT_KEPT = "Stopped — your answers so far are kept; run `mumcoach {command}` to carry on."
STOPPED_BOTH = (
    "Stopped — what was saved stays saved, and your answers since are kept; run "
    "`mumcoach {command}` to carry on."
)


class FunnelGroup(TyperGroup):
    """The one exit point: expected errors become one kind line and their exit code."""

    def main(  # type: ignore[override]
        self,
        args: Any = None,
        prog_name: str | None = None,
        standalone_mode: bool = True,
        **kw: Any,
    ) -> Any:
        """Usage errors (`--mood x`, an unknown option) as one line, not Typer's framed box."""
        if not standalone_mode:
            return super().main(args=args, prog_name=prog_name, standalone_mode=False, **kw)
        try:
            code = super().main(args=args, prog_name=prog_name, standalone_mode=False, **kw)
        except TyperException as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # `mumcoach` alone: the help
                typer.echo(exc.format_message())
            else:
                _err(usage_line(exc))
            sys.exit(getattr(exc, "exit_code", BAD_INPUT))
        except typer.Abort:
            _err(CANCELLED_MESSAGE)
            sys.exit(CANCELLED)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            result = super().invoke(ctx)
            _warn_after_save(ctx.obj)
            return result
        except (typer.Exit, TyperException):
            raise
        except (KeyboardInterrupt, typer.Abort, EOFError):
            _show_traceback_if_debug(ctx)
            _err(cancelled_message(ctx.obj, ctx.invoked_subcommand))
            raise typer.Exit(CANCELLED) from None
        except MumcoachError as exc:
            _show_traceback_if_debug(ctx)
            _err(exc.message)
            raise typer.Exit(exc.exit_code) from None
        except Exception as exc:
            if _debugging(ctx):
                raise
            _err(
                f"mumcoach hit an unexpected problem ({type(exc).__name__}) and stopped. Your "
                "journal is safe. Run again with --debug to see the details."
            )
            raise typer.Exit(UNEXPECTED) from None


def cancelled_message(app: object, command: str | None = None) -> str:
    """What Ctrl-C left behind, truthfully: already saved, kept as a draft, or nothing."""
    if isinstance(app, AppContext):
        saved = "store" in vars(app) and app.store.saved
        kept = [d.command for d in app.drafts if d.on_disk]
        if kept:
            again = command or kept[-1]
            return (STOPPED_BOTH if saved else STOPPED_DRAFT_KEPT).format(command=again)
        if saved:
            return STOPPED_AFTER_SAVE
    return CANCELLED_MESSAGE


def _warn_after_save(app: object) -> None:
    """Problems after a save that lost nothing (a backup copy, a folder sync), one line each."""
    if isinstance(app, AppContext) and "store" in vars(app):
        for warning in app.store.warnings:
            _err(warning)


def usage_line(exc: TyperException) -> str:
    """A usage error in one short line, with where to find help."""
    from mumcoach.text import clean

    message = " ".join(clean(exc.format_message()).split())
    param = getattr(exc, "param", None)
    if "valid integer" in message and param is not None and getattr(param, "opts", None):
        message = f"{param.opts[0]} must be a whole number"
    if len(message) > 200:
        message = message[:199] + "…"
    ctx = getattr(exc, "ctx", None)
    where = f"`{ctx.command_path} --help`" if ctx is not None else "`mumcoach --help`"
    return f"{message.rstrip('.')} (see {where})."


def _debugging(ctx: typer.Context) -> bool:
    return bool(ctx.params.get("debug")) or (isinstance(ctx.obj, AppContext) and ctx.obj.debug)


def _show_traceback_if_debug(ctx: typer.Context) -> None:
    if _debugging(ctx):
        traceback.print_exc()


def _err(message: str) -> None:
    typer.echo(message, err=True)


COMMANDS = tuple(helptext.COMMANDS)
MODULES = {"import": "import_"}  # a command whose name is a Python keyword


class LazyGroup(FunnelGroup):
    """Builds only the command being run: Typer turning every signature into options costs
    more than the rest of start-up, and most runs use one command."""

    def list_commands(self, ctx: typer.Context) -> list[str]:  # type: ignore[override]
        return list(COMMANDS)

    def _main_shell_completion(
        self, ctx_args: Any, prog_name: str, complete_var: str | None = None
    ) -> None:
        """The shell asking for completions: Typer's bash, zsh and fish answers (only then)."""
        if os.environ.get(complete_var or "_MUMCOACH_COMPLETE"):
            from typer._completion_classes import completion_init

            completion_init()
        super()._main_shell_completion(ctx_args, prog_name, complete_var)

    def get_help(self, ctx: typer.Context) -> str:  # type: ignore[override]
        """The same plain screen as `mumcoach --help` answered at once by the entry point."""
        return helptext.root_help().rstrip("\n")

    def get_command(self, ctx: typer.Context, name: str) -> Any:  # type: ignore[override]
        if name not in COMMANDS:
            return None
        import importlib

        module = importlib.import_module(f"mumcoach.commands.{MODULES.get(name, name)}")
        holder = typer.Typer(add_completion=False, rich_markup_mode=None)
        module.register(holder)
        built = typer.main.get_command(holder)
        inner = getattr(built, "commands", {})
        command = inner.get(name, built) if isinstance(inner, dict) else built
        from mumcoach.helpdetail import polish

        polish(command, name)
        defer_coercion(command, ctx)
        return command

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        defer_coercion(self, ctx)  # the root's own options (--home, --debug, …)
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=LazyGroup,
    help="\n\n".join((helptext.SUMMARY, *helptext.ABOUT)),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: Rich's would import markdown, pygments and tracebacks
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(helptext.version_line(), nl=False)
        raise typer.Exit()


def _completion(option: str) -> Callable[[bool], None]:
    """--show-completion / --install-completion for this shell (naming one: launch.py)."""

    def answer(value: bool) -> None:
        if value:
            from mumcoach.completion import answer

            text, code = answer(option, None)
            typer.echo(text, nl=False)
            raise typer.Exit(code)

    return answer


def _help(option: str) -> str:
    return helptext.OPTIONS[option][1]


@app.callback()
def root(
    ctx: typer.Context,
    home: Annotated[
        Path | None,
        typer.Option("--home", help=_help("home")),
    ] = None,
    no_input: Annotated[bool, typer.Option("--no-input", help=_help("no_input"))] = False,
    debug: Annotated[bool, typer.Option("--debug", help=_help("debug"))] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help=_help("version")),
    ] = False,
    install_completion: Annotated[
        bool,
        typer.Option(
            "--install-completion",
            callback=_completion("--install-completion"),
            is_eager=True,
            help=_help("install_completion"),
        ),
    ] = False,
    show_completion: Annotated[
        bool,
        typer.Option(
            "--show-completion",
            callback=_completion("--show-completion"),
            is_eager=True,
            help=_help("show_completion"),
        ),
    ] = False,
) -> None:
    app_ctx = ctx.obj if isinstance(ctx.obj, AppContext) else AppContext()
    if home is not None:
        app_ctx.home = home
    if no_input:
        app_ctx.interactive = False
    app_ctx.debug = app_ctx.debug or debug
    ctx.obj = app_ctx


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    degrade_output()
    app(args=argv if argv is not None else sys.argv[1:], prog_name="mumcoach")


def degrade_output() -> None:
    """Any terminal, any locale: characters it cannot show become replacement characters
    instead of an error (after a save, an error while printing would invite a duplicate)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
