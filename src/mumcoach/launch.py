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
    from mumcoach.cli import main as run

    try:
        run(argv)
    finally:
        sys.stdout.flush()
        gc.freeze()
