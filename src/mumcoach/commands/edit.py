"""`mumcoach edit checkin|plan DATE`: correct an entry by flags, or in her editor as TOML."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from mumcoach.commands import app_context
from mumcoach.words import day_month_year

if TYPE_CHECKING:
    from mumcoach.coach.edit import Entry, Kind
    from mumcoach.context import AppContext

DateArg = Annotated[
    str,
    typer.Argument(
        help='The day of the entry: "today", "yesterday", "tuesday" or 2026-11-21.',
        metavar="DATE",
        show_default=False,
    ),
]
IdOpt = Annotated[
    str | None, typer.Option("--id", help="Which entry, when there are two that day.", metavar="ID")
]
NewDateOpt = Annotated[
    str | None, typer.Option("--date", help="Move it to another day.", metavar="DATE")
]
EnergyOpt = Annotated[str | None, typer.Option(help="Energy, 0-10.", metavar="N")]


def _text(help_text: str) -> Any:
    return typer.Option(help=f'{help_text} ("" clears it).', metavar="TEXT")


def register(app: typer.Typer) -> None:
    edit_app = typer.Typer(
        help="Correct a check-in or a plan: by flags, or in your editor.",
        no_args_is_help=True,
    )
    edit_app.command(
        "checkin",
        help="Correct a check-in: by flags, or with none in your editor ($EDITOR).",
    )(checkin)
    edit_app.command(
        "plan",
        help="Correct a plan: by flags, or with none in your editor ($EDITOR).",
    )(plan)
    app.add_typer(edit_app, name="edit")


def checkin(
    ctx: typer.Context,
    day: DateArg,
    entry_id: IdOpt = None,
    new_date: NewDateOpt = None,
    tried: Annotated[
        str | None, typer.Option(help="Did you try the plan: yes, partly or no.", metavar="ANSWER")
    ] = None,
    actual_anxiety: Annotated[
        str | None, typer.Option(help="How anxious it felt, 0-10.", metavar="N")
    ] = None,
    fear_came_true: Annotated[
        str | None,
        typer.Option(help="Did the feared outcome happen: yes, partly or no.", metavar="ANSWER"),
    ] = None,
    what: Annotated[str | None, _text("What happened")] = None,
    learned: Annotated[str | None, _text("What you learned")] = None,
    mood: Annotated[str | None, typer.Option(help="Mood, 1-5.", metavar="N")] = None,
    energy: EnergyOpt = None,
    proud: Annotated[str | None, _text("One thing you're proud of")] = None,
) -> None:
    flags = {
        "tried": tried,
        "actual_anxiety": actual_anxiety,
        "fear_came_true": fear_came_true,
        "what": what,
        "learned": learned,
        "mood": mood,
        "energy": energy,
        "proud": proud,
    }
    _edit(app_context(ctx), "checkin", day, entry_id, new_date, flags)


def plan(
    ctx: typer.Context,
    day: DateArg,
    entry_id: IdOpt = None,
    new_date: NewDateOpt = None,
    at: Annotated[
        str | None, typer.Option("--time", help='When it starts, like 10:00 ("" clears it).')
    ] = None,
    step: Annotated[
        str | None, typer.Option(help="The step (an id from `mumcoach ladder`).", metavar="STEP")
    ] = None,
    if_then: Annotated[str | None, _text("Your if-then plan")] = None,
    fear: Annotated[str | None, _text("What you fear will happen")] = None,
    likelihood: Annotated[
        str | None, typer.Option(help="How likely you think it is, 0-100.", metavar="N")
    ] = None,
    expected_anxiety: Annotated[
        str | None, typer.Option(help="How anxious you expect to feel, 0-10.", metavar="N")
    ] = None,
    safety_behaviour: Annotated[str | None, _text("The safety behaviour to drop")] = None,
    energy: EnergyOpt = None,
) -> None:
    flags = {
        "time": at,
        "step_id": step,
        "if_then": if_then,
        "fear": fear,
        "likelihood": likelihood,
        "expected_anxiety": expected_anxiety,
        "safety_behaviour": safety_behaviour,
        "energy": energy,
    }
    _edit(app_context(ctx), "plan", day, entry_id, new_date, flags)


def _edit(
    app: AppContext,
    kind: Kind,
    day: str,
    entry_id: str | None,
    new_date: str | None,
    flags: dict[str, str | None],
) -> None:
    from mumcoach.coach.edit import people_removed, replace_entry, with_changes
    from mumcoach.views.records import record_label, removed_from_checkin

    journal = app.store.load()
    entry = _find(app, journal, kind, day, entry_id)
    changes: dict[str, Any] = {k: v for k, v in flags.items() if v is not None}
    if new_date is not None:
        changes["date"] = _day(app, "date", new_date, kind)
    if "time" in changes and changes["time"]:
        changes["time"] = _time(changes["time"])
    if "step_id" in changes:
        _check_step(app, journal, changes["step_id"])
    label = record_label("checkins" if kind == "checkin" else "plans", entry, None)
    new = with_changes(entry, changes) if changes else _in_editor(app, entry, label)
    if new is None:
        app.console.print("Nothing was changed.")
        return
    saved = new
    gone = people_removed(entry, saved)  # she asked for it: a deletion the store allows
    app.store.update(lambda j: replace_entry(j, saved), deletion=bool(gone))
    app.console.print(f"Saved your changes to {label}.", markup=False)
    if gone:
        app.console.print(removed_from_checkin(gone), markup=False)
    _crisis_check(app, journal, saved)


def _find(app: AppContext, journal: Any, kind: Kind, day: str, entry_id: str | None) -> Entry:
    from mumcoach.coach.edit import entries_on
    from mumcoach.errors import BadInput

    on = _day(app, "DATE", day, kind)
    found = entries_on(journal, kind, on)
    what = "check-ins" if kind == "checkin" else "plans"
    if entry_id is not None:
        found = [e for e in found if e.id.startswith(entry_id)]
    if not found:
        raise BadInput(
            f"There are no {what}{' with that id' if entry_id else ''} on {day_month_year(on)}."
        )
    if len(found) == 1:
        return found[0]
    from mumcoach.commands import make_asker
    from mumcoach.flows.data import pick_entry

    picked = pick_entry(make_asker(app, None, {}, ()), app.content, what, found)
    return next(e for e in found if e.id == picked)


def _in_editor(app: AppContext, entry: Entry, label: str) -> Entry | None:
    from mumcoach.coach.edit import with_changes
    from mumcoach.errors import NeedsAnswer
    from mumcoach.flows.edit import edit_until_valid, file_editor
    from mumcoach.views.edit_toml import parse, render

    if not app.can_ask:
        raise NeedsAnswer(
            "Give the changes as flags (see --help), or run it in a terminal to use your editor."
        )
    kind = "checkin" if entry.__class__.__name__ == "CheckIn" else "plan"

    def read(text: str) -> Entry:
        changes, people = parse(text, kind)
        if changes.get("step_id"):
            _check_step(app, app.store.load(), changes["step_id"])
        if kind == "checkin" and people is None:  # every [[interactions]] block deleted
            people = {}
        return with_changes(entry, changes, people)

    title = f"Editing {label}"
    return edit_until_valid(render(entry, title), read, file_editor(app.data_dir, app.env))


def _day(app: AppContext, key: str, text: str, kind: Kind) -> Any:
    from mumcoach.dates import DateError, parse_date
    from mumcoach.errors import BadInput

    try:
        return parse_date(text, app.today(), direction="back" if kind == "checkin" else "ahead")
    except DateError as exc:
        raise BadInput(f"{key} {exc}.") from None


def _time(text: str) -> Any:
    from mumcoach.dates import DateError, parse_time
    from mumcoach.errors import BadInput

    try:
        return parse_time(text)
    except DateError as exc:
        raise BadInput(f"--time {exc}.") from None


def _check_step(app: AppContext, journal: Any, step_id: str) -> None:
    from mumcoach.coach.ladder import all_steps, effective_ladder
    from mumcoach.errors import BadInput

    if step_id not in all_steps(effective_ladder(app.content, journal)):
        raise BadInput("step must be a step id from `mumcoach ladder`.")


def _crisis_check(app: AppContext, journal: Any, entry: Entry) -> None:
    from mumcoach.coach.safety import mentions_crisis
    from mumcoach.commands import region_of, show_crisis

    texts = [getattr(entry, k, None) for k in ("what", "learned", "proud", "if_then", "fear")]
    if any(t and mentions_crisis(t, app.content.safety) for t in texts):
        show_crisis(app, region_of(journal))
