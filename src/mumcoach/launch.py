"""The console entry point: --version and --help at once, then the CLI with a tuned collector."""

from __future__ import annotations

import gc
import os
import sys

# A run builds many objects that live until it ends (the journal's records) and little cyclic
# garbage, so the collector's default of a pass every 700 allocations mostly re-walks the
# journal. Collect rarely instead; at the end, freeze everything so the last pass at exit
# walks nothing.
GC_THRESHOLDS = (50_000, 50, 1000)


def quick_answer(argv: list[str]) -> tuple[str, int] | None:
    """What to print, and the exit code, for a run that needs no command at all."""
    if os.environ.get("_MUMCOACH_COMPLETE"):  # the shell asking for completions: Typer answers
        return None
    from mumcoach import helptext

    if argv == ["--version"]:
        return helptext.version_line(), 0
    if argv in (["--help"], ["-h"]):
        return helptext.root_help(), 0
    if not argv:  # like any usage error, but with the help to read
        return helptext.root_help(), 2
    if len(argv) <= 2 and argv[0] in ("--show-completion", "--install-completion"):
        from mumcoach.completion import answer  # "--show-completion zsh": Typer can't parse it

        return answer(argv[0], argv[1] if len(argv) == 2 else None)
    return None


PLUGIN_LOADER = "pydantic.plugin._loader"


def without_pydantic_plugins() -> None:
    """Run with no pydantic plugins: none sees her journal as it is validated (a plugin may send
    what it sees anywhere), and pydantic's plugin loader, which imports importlib.metadata
    (~15 ms) to look for them, is never imported. pydantic asks the loader only for
    `get_plugins()`; anything else falls back to the real module, with plugins switched off."""
    if PLUGIN_LOADER in sys.modules:
        return
    import types

    loader = types.ModuleType(PLUGIN_LOADER, "No pydantic plugins for mumcoach (launch.py).")

    def get_plugins() -> tuple[()]:
        return ()

    def real(name: str) -> object:
        if name.startswith("__"):  # the import system asking about a package (`__path__`)
            raise AttributeError(name)
        import importlib

        os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
        if sys.modules.get(PLUGIN_LOADER) is loader:
            del sys.modules[PLUGIN_LOADER]
        return getattr(importlib.import_module(PLUGIN_LOADER), name)

    loader.get_plugins = get_plugins  # type: ignore[attr-defined]
    loader.__getattr__ = real  # type: ignore[method-assign]
    sys.modules[PLUGIN_LOADER] = loader


def main() -> None:
    argv = sys.argv[1:]
    quick = quick_answer(argv)
    if quick is not None:
        text, code = quick
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:  # `mumcoach --help | head -3`: the reader has what it wanted
            sys.stdout = None
        sys.exit(code)
    gc.set_threshold(*GC_THRESHOLDS)
    from mumcoach import collector

    collector.pause_while_reading()
    without_pydantic_plugins()
    from mumcoach.cli import main as run

    try:
        run(argv)
    finally:
        sys.stdout.flush()
        gc.freeze()
