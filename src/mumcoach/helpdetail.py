"""What each command's --help adds: option labels that read as words, and a few examples."""

from __future__ import annotations

import types
from typing import Any

# An option's value, named for what she types: `--met NAME`, `--date DATE`.
LABELS: dict[str, str] = {
    "--date": "DATE",
    "--end": "DATE",
    "--met": "NAME",
    "--see": "NAME",
    "--name": "NAME",
    "--child": "NAME",
    "--child-age": "AGE",
    "--place": "PLACE",
    "--where": "PLACE",
    "--step": "STEP",
    "--setting": "SETTING",
    "--recurring": "WHEN",
    "--schedule": "WHEN",
    "--stage": "STAGE",
    "--region": "REGION",
    "--tried": "ANSWER",
    "--fear-came-true": "ANSWER",
    "--time": "TIME",
    "--format": "FORMAT",
    "--remind": "TIME",
    "--id": "ID",
    "--answers": "FILE",
    "--output": "PATH",
    "--home": "PATH",
    "--ucla": "A,B,C",
}
# An argument, by its parameter name.
ARGUMENTS: dict[str, str] = {
    "name": "NAME",
    "into": "NAME",
    "text": "TEXT",
    "followup": "FOLLOW_UP",
    "step_id": "STEP",
    "step": "STEP",
    "day": "DATE",
    "path": "PATH",
    "title": "TITLE",
    "place": "PLACE",
}
# Where a name means something else: a command group -> {argument: label}.
ARGUMENTS_IN: dict[str, dict[str, str]] = {"places": {"into": "PLACE"}}
BY_TYPE = {"int": "N", "float": "N", "Path": "PATH"}

# A parameter (argument name or long option) -> the function in completion.py offering values.
COMPLETED = {
    "place": "place_names",
    "places into": "place_names",
    "name": "people_names",
    "into": "people_names",
    "--met": "people_names",
    "--see": "people_names",
    "--place": "place_names",
    "step_id": "step_ids",
    "--step": "step_ids",
}
# Every command (by its path) with one or two examples: (what to type, what it does).
EXAMPLES: dict[str, tuple[tuple[str, str], ...]] = {
    "init": (
        ("mumcoach init", "set up, or change your answers"),
        ("mumcoach init --answers me.toml", "the same from a file, no questions"),
    ),
    "plan": (
        ("mumcoach plan", "a small plan before a group"),
        ("mumcoach plan --date tuesday --place Hartbeeps", "start with the day and place"),
    ),
    "checkin": (
        ("mumcoach checkin", "the evening check-in"),
        ('mumcoach checkin --mood 4 --met Sarah --proud "I went"', "a quick one, no questions"),
    ),
    "review": (
        ("mumcoach review", "the last seven days"),
        ("mumcoach review --end 2026-11-14 --json", "an earlier week, as JSON"),
    ),
    "people": (
        ("mumcoach people", "everyone, by stage"),
        ("mumcoach people show sar", "her card: the start of a name is enough"),
    ),
    "people show": (
        ("mumcoach people show Sarah", "her card"),
        ('mumcoach people show "Isla\'s mum" --json', "found by her child; as JSON"),
    ),
    "people add": (
        ('mumcoach people add Sarah --child Oscar --where "Baby Sensory"', "someone new"),
    ),
    "people edit": (
        ("mumcoach people edit Sarah --child-age 9m", "correct a detail"),
        ("mumcoach people edit Sarah --stage friend", "set her stage by hand"),
    ),
    "people note": (('mumcoach people note Sarah "Starts back at work in May"', "remember it"),),
    "people done": (
        ("mumcoach people done Sarah", "mark a follow-up done (asks which)"),
        ("mumcoach people done Sarah --all", "all of hers"),
    ),
    "people merge": (('mumcoach people merge "Sara B" Sarah', "two cards that are one person"),),
    "people forget": (("mumcoach people forget Sarah", "forget her completely (asks first)"),),
    "places": (
        ("mumcoach places", "where you go, when, and who you've met there"),
        ("mumcoach places --json", "the same as JSON"),
    ),
    "places edit": (
        ('mumcoach places edit Hartbeeps --schedule "Tuesdays 10:00"', "when it happens"),
        ('mumcoach places edit hart --name "Hartbeeps at St Mary\'s"', "a clearer name"),
    ),
    "places merge": (
        ('mumcoach places merge "Hartbeeps class" Hartbeeps', "two names for one place"),
    ),
    "ladder": (
        ("mumcoach ladder", "your steps and the one suggested next"),
        ("mumcoach ladder --json", "the same as JSON"),
    ),
    "ladder rate": (("mumcoach ladder rate swap-numbers 6", "how hard it feels to you now"),),
    "ladder not-for-me": (
        ("mumcoach ladder not-for-me hosting", "leave out a whole setting"),
        ("mumcoach ladder not-for-me suggest-coffee", "or one step"),
    ),
    "ladder add": (
        (
            'mumcoach ladder add "Stay for tea after rhyme time" --difficulty 4',
            "a step of your own",
        ),
    ),
    "support": (
        ("mumcoach support", "support lines for your region"),
        ("mumcoach support --region uk", "another region's"),
    ),
    "doctor": (("mumcoach doctor", "where your data is, and whether all is well"),),
    "export": (
        ("mumcoach export --format markdown --output diary.md", "a diary to read or print"),
        ("mumcoach export --format ics --output plans.ics", "your plans in your calendar"),
    ),
    "import": (
        ("mumcoach import ~/Downloads/journal.json --dry-run", "see what would change"),
        ("mumcoach import ~/Downloads/journal.json", "merge it in"),
    ),
    "undo": (("mumcoach undo", "take back the last save (shows it first)"),),
    "edit": (
        ("mumcoach edit checkin yesterday --mood 4", "correct one answer"),
        ("mumcoach edit plan tuesday", "change a plan in your editor"),
    ),
    "edit checkin": (
        ("mumcoach edit checkin yesterday --mood 4", "correct one answer"),
        ("mumcoach edit checkin 2026-11-21", "change it in your editor"),
    ),
    "edit plan": (
        ("mumcoach edit plan tuesday --time 10:30", "correct the time"),
        ("mumcoach edit plan 2026-11-24", "change it in your editor"),
    ),
    "erase": (("mumcoach erase", "remove everything mumcoach keeps (asks first)"),),
}


def polish(command: Any, path: str) -> None:
    """Give `command` (and its subcommands) word labels and its examples, in place."""
    group = path.split()[0]
    for param in command.params:
        is_argument = param.param_type_name == "argument"
        label = (ARGUMENTS_IN.get(group, {}).get(param.name) if is_argument else None) or _label(
            param
        )
        if label is not None:
            param.metavar = label
        if is_argument:  # its label says it all: no "<str>" after it
            param.display_type_rich = _no_type
        key = param.name if is_argument else max(param.opts, key=len)
        key = f"{group} {key}" if f"{group} {key}" in COMPLETED else key
        if key in COMPLETED:  # offer her people's names, places or step ids
            param._custom_shell_complete = _lazy_completer(COMPLETED[key])
    examples = EXAMPLES.get(path)
    if examples:
        command.format_epilog = types.MethodType(_examples_section(examples), command)
    for name, sub in getattr(command, "commands", {}).items():  # a group's subcommands
        polish(sub, f"{path} {name}")


def _label(param: Any) -> str | None:
    """Click's parameters, read by their attributes (Typer bundles its own Click)."""
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return None
    if param.metavar is not None and not param.metavar.startswith("<"):
        return str(param.metavar)  # set by the command itself
    if param.param_type_name == "argument":
        return ARGUMENTS.get(param.name or "", (param.name or "VALUE").upper())
    long = max(param.opts, key=len)
    if long in LABELS:
        return LABELS[long]
    desc = param.type_descriptor  # Typer's own description of the value's type
    if desc.is_choice:
        return "|".join(str(getattr(c, "value", c)) for c in desc.choices or ())
    return BY_TYPE.get(getattr(desc.annotation, "__name__", ""), "TEXT")


def _lazy_completer(name: str) -> Any:
    """Calls mumcoach.completion's `name` only when the shell asks, so runs never import it."""

    def complete(ctx: Any, param: Any, incomplete: str) -> list[str]:
        from mumcoach import completion

        found: list[str] = getattr(completion, name)(ctx, param, incomplete)
        return found

    return complete


def _no_type(ctx: Any) -> None:
    return None


def _examples_section(examples: tuple[tuple[str, str], ...]) -> Any:
    """An "Examples:" section after the options: what it does, then the line to type."""

    def format_epilog(self: Any, ctx: Any, formatter: Any) -> None:
        with formatter.section("Examples"):
            for line, what in examples:
                if what:
                    formatter.write_text(f"{what[0].upper()}{what[1:]}:")
                with formatter.indentation():
                    formatter.write_text(f"\b\n{line}")

    return format_epilog
