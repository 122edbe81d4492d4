"""The top-level help and version as plain text, built without Typer so they show at once."""

from __future__ import annotations

import os

from mumcoach import __version__

SUMMARY = (
    "A private, offline coach for making friends with other parents, one small step at a time."
)
ABOUT = (
    "Daily: mumcoach plan before a group, mumcoach checkin each evening, mumcoach review weekly.",
    "mumcoach is a coach, not therapy or a crisis service. If you might be in danger, run "
    "mumcoach support or call your local emergency number.",
)

# Every command with the first line of its own help, in the order --help lists them (the daily
# loop first). Listing them this way builds no command; tests check it against the real ones.
COMMANDS: dict[str, str] = {
    "init": "Set up (or edit) your profile: name, region, children, settings, goal.",
    "plan": "Plan a step for a group, class or play date, with a prediction to test.",
    "checkin": "Check in for the day: test your plan, mood, people met, one proud thing.",
    "review": "Look back over the week: steps, fears tested, people, mood, next focus.",
    "people": "Everyone you've met, by stage, with what you remember and what's due.",
    "places": "Where you go, when it happens and who you've met there; rename or merge places.",
    "ladder": (
        "See your ladder of steps and the one suggested next; re-rate, rule out or add steps."
    ),
    "support": "Show support lines and the emergency number for your region, any time.",
    "doctor": "Check the journal, content, permissions and backups, and say where they are.",
    "export": "Export everything: JSON, a Markdown diary, CSV files, or a calendar of your plans.",
    "import": "Merge in another device's journal or JSON export; the later change wins.",
    "undo": "Undo the last save, from the backups, after showing what it takes back.",
    "edit": "Correct a check-in or a plan: by flags, or in your editor.",
    "erase": "Remove everything mumcoach keeps here: journal, backups, drafts, lock, cache.",
}

# The options every command shares: (how it is written, what it does). cli.py uses these words.
OPTIONS: dict[str, tuple[str, str]] = {
    "home": ("--home PATH", "Keep the journal in this folder (overrides $MUMCOACH_HOME)."),
    "no_input": ("--no-input", "Never ask; use flags and answers files only."),
    "debug": ("--debug", "Show full tracebacks."),
    "version": ("--version", "Show the version and exit."),
    "install_completion": (
        "--install-completion [SHELL]",
        "Complete commands, options and names with Tab in bash, zsh or fish.",
    ),
    "show_completion": (
        "--show-completion [SHELL]",
        "Print that completion script, to look at or install by hand.",
    ),
    "help": ("-h, --help", "Show this message and exit."),
}

EXAMPLES = (
    ("mumcoach plan", "a small plan before a group"),
    ('mumcoach checkin --mood 4 --proud "I went"', "a quick check-in, no questions"),
    ("mumcoach review --json", "the week's numbers, for scripts"),
    ("mumcoach people show sar", "her card: the start of a name is enough"),
    ("mumcoach COMMAND --help", "every option of one command"),
)

NARROWEST, WIDEST = 60, 100


def version_line() -> str:
    return f"mumcoach {__version__}\n"


def root_help(width: int | None = None) -> str:
    """The whole `mumcoach --help` screen, wrapped to the terminal (60 to 100 columns)."""
    width = width or terminal_width()
    lines = ["Usage: mumcoach [OPTIONS] COMMAND [ARGS]...", ""]
    for paragraph in (SUMMARY, *ABOUT):
        lines += [*_wrap(paragraph, width - 2, "  "), ""]
    lines += ["Options:", *_table(list(OPTIONS.values()), width), ""]
    lines += ["Commands:", *_table(list(COMMANDS.items()), width), ""]
    lines += ["Examples:", *_table(list(EXAMPLES), width)]
    return "\n".join(lines) + "\n"


def terminal_width() -> int:
    try:
        columns = int(os.environ.get("COLUMNS") or os.get_terminal_size().columns)
    except (ValueError, OSError):
        columns = 80
    return max(NARROWEST, min(WIDEST, columns))


def _table(rows: list[tuple[str, str]], width: int) -> list[str]:
    """Two columns: the left one as wide as its widest entry, the right one wrapped."""
    left = max(len(name) for name, _ in rows) + 4
    out = []
    for name, text in rows:
        wrapped = _wrap(text, width - left, " " * left)
        out.append(f"  {name:<{left - 2}}{wrapped[0].lstrip()}")
        out += wrapped[1:]
    return out


def _wrap(text: str, width: int, indent: str) -> list[str]:
    """Greedy word wrap (textwrap would cost an import for a few lines)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(indent + current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return [*lines, indent + current]
