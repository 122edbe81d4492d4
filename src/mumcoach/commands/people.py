"""`mumcoach people`: everyone you've met, one person's card, small edits, and forgetting."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from mumcoach.commands import app_context, print_json
from mumcoach.text import one_line

if TYPE_CHECKING:
    import re

    from mumcoach.context import AppContext
    from mumcoach.flows.ask import Asker
    from mumcoach.models import Journal, Person

NameArg = Annotated[
    str, typer.Argument(help="Her name, its start, her child's (\"Isla's mum\") or her id.")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
T = TypeVar("T")
ChildOpt = Annotated[str | None, typer.Option("--child", help="Her child's name.")]
AgeOpt = Annotated[
    str | None,
    typer.Option("--child-age", help="Her child's age (8m, 3y) or birth month (2025-03)."),
]


def register(app: typer.Typer) -> None:
    people_app = typer.Typer(
        help="Everyone you've met, by stage, with what you remember and what's due.",
        invoke_without_command=True,
        no_args_is_help=False,
    )
    people_app.callback(invoke_without_command=True)(people)
    people_app.command("show", help="Show one person's card: details, time together, follow-ups.")(
        show
    )
    people_app.command("add", help="Add someone you've met by hand.")(add)
    people_app.command("edit", help="Change someone's name, child, child's age or stage.")(edit)
    people_app.command("note", help="Remember something about someone.")(note)
    people_app.command("done", help="Mark one of her follow-ups as done (or --all).")(done)
    people_app.command("merge", help="Put two cards for one person together, losing nothing.")(
        merge
    )
    people_app.command("forget", help="Forget someone completely, in the journal and backups.")(
        forget
    )
    app.add_typer(people_app, name="people")


# ---- commands ---------------------------------------------------------------------------------


def people(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Everyone you've met, by stage, with what you remember and what's due."""
    if ctx.invoked_subcommand is not None:
        return
    from mumcoach.coach.people import people_rows

    app = app_context(ctx)
    rows = people_rows(app.store.load(), app.today())
    if as_json:
        from mumcoach.views.data import row_data

        print_json("people", {"people": [row_data(r) for r in rows]})
        return
    from mumcoach.views.people import people_list_view

    app.console.print(people_list_view(rows, app.today()))


def show(ctx: typer.Context, name: NameArg, as_json: JsonOpt = False) -> None:
    from mumcoach.coach.people import person_card

    app = app_context(ctx)
    journal = app.store.load()
    card = person_card(journal, _pick(app, name, journal), app.today())
    hours = app.content.rules.hours
    horizons = {"casual": hours.casual, "friend": hours.friend, "close": hours.close}
    if as_json:
        from mumcoach.views.data import card_data

        print_json("person", {**card_data(card, horizons), "safety": None})
        return
    from mumcoach.views.people import person_card_view

    threshold = app.content.rules.reciprocity.unreturned_invitations
    note = None
    if card.unreturned_invitations >= threshold:
        note = app.content.say(
            "reciprocity.note", name=card.row.name, count=card.unreturned_invitations
        )
    view = person_card_view(
        card,
        app.today(),
        horizons=horizons,
        horizon_note=app.content.say(
            "hours.horizon",
            casual=app.content.rules.hours.casual,
            friend=app.content.rules.hours.friend,
            close=app.content.rules.hours.close,
        ),
        reciprocity_note=note,
    )
    app.console.print(view)


def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Her name.")],
    child: ChildOpt = None,
    child_age: AgeOpt = None,
    where: Annotated[str | None, typer.Option("--where", help="Where you met.")] = None,
    detail: Annotated[
        str | None, typer.Option("--detail", help="Something to remember about her.")
    ] = None,
    met: Annotated[
        str | None,
        typer.Option(
            "--met", metavar="DATE", help="When you first met (YYYY-MM-DD); default today."
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Add her even if someone has the same name.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    from mumcoach.coach.people_edit import add_person
    from mumcoach.errors import BadInput
    from mumcoach.flows.ask import check_date
    from mumcoach.flows.people import (
        child_age_answer,
        clean_name,
        confirm_add_another,
    )

    app = app_context(ctx)
    today = app.today()
    name = clean_name(name, "name")
    age = child_age_answer("child_age", child_age, today) if child_age else None
    first_met = check_date("met", met) if met else today
    if first_met > today:
        raise BadInput("met (--met) can't be in the future.")
    journal = app.store.load()
    if not confirm_add_another(_asker(app), app.content, journal, name, today, force=force):
        app.console.print("Nothing was changed.")
        return
    person, journal = _save(
        app,
        lambda j: add_person(
            j,
            name=name,
            child=one_line(child),
            child_age=age,
            first_met=first_met,
            where=one_line(where),
            detail=one_line(detail),
            today=today,
        ),
    )
    texts = {"name": name, "child": person.child, "where": person.first_met_where, "detail": detail}
    _after_save(app, journal, person, as_json, f"Added {_label(app, journal, person)}.", texts)


def edit(
    ctx: typer.Context,
    name: NameArg,
    new_name: Annotated[str | None, typer.Option("--name", help="Her new name.")] = None,
    child: ChildOpt = None,
    child_age: AgeOpt = None,
    stage: Annotated[
        str | None,
        typer.Option(
            "--stage",
            help="nodded, names, chatted, numbers, met-up or friend; 'auto' to derive it again.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Rename her even if someone else has that name.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    from mumcoach.coach.people_edit import edit_person
    from mumcoach.errors import BadInput
    from mumcoach.flows.people import (
        check_stage,
        child_age_answer,
        clean_name,
        refuse_namesake,
    )

    app = app_context(ctx)
    today = app.today()
    changes: dict[str, str | None] = {}
    if new_name is not None:
        changes["name"] = clean_name(new_name, "name")
    if child is not None:
        changes["child"] = one_line(child)
    if child_age is not None:
        age = child_age.strip()
        changes["child_age"] = child_age_answer("child_age", age, today) if age else None
    if stage is not None:
        changes["stage"] = check_stage(stage)
    if not changes:
        raise BadInput("Nothing to change: pass --name, --child, --child-age or --stage.")
    journal = app.store.load()
    person_id = _pick(app, name, journal).id
    if changes.get("name") and not force:
        refuse_namesake(journal, person_id, str(changes["name"]), today, typed=name)
    person, journal = _save(app, lambda j: edit_person(j, person_id, changes, today))
    texts = {"name": changes.get("name"), "child": changes.get("child")}
    _after_save(app, journal, person, as_json, f"Updated {_label(app, journal, person)}.", texts)


def note(
    ctx: typer.Context,
    name: NameArg,
    text: Annotated[str, typer.Argument(help="What to remember.")],
    as_json: JsonOpt = False,
) -> None:
    from mumcoach.coach.people_edit import add_note
    from mumcoach.errors import BadInput

    app = app_context(ctx)
    cleaned = one_line(text)
    if not cleaned:
        raise BadInput("The note is empty.")
    person_id = _pick(app, name).id
    person, journal = _save(app, lambda j: add_note(j, person_id, cleaned, app.today()))
    _after_save(app, journal, person, as_json, f"Noted for {person.name}.", {"note": cleaned})


def done(
    ctx: typer.Context,
    name: NameArg,
    followup: Annotated[
        str | None,
        typer.Argument(help="Which follow-up: its id from `people show` (default: asks)."),
    ] = None,
    every: Annotated[bool, typer.Option("--all", help="Mark all her follow-ups done.")] = False,
) -> None:
    from mumcoach.coach.people import open_followups
    from mumcoach.coach.people_edit import complete_followups
    from mumcoach.flows.people import pick_followups
    from mumcoach.words import plural

    app = app_context(ctx)
    journal = app.store.load()
    person = _pick(app, name, journal)
    mine = [f for f in open_followups(journal, app.today()) if f.person_id == person.id]
    if not mine:
        app.console.print(f"Nothing open with {person.name}: you're all caught up.")
        return
    chosen = pick_followups(_asker(app), app.content, person, mine, followup, every=every)
    ids = {f.interaction_id for f in chosen}
    count = app.store.update(lambda j: complete_followups(j, person.id, app.today(), ids))
    left = len(mine) - count
    still = f" {left} still open." if left > 0 else ""
    done_ = plural(count, "follow-up")
    app.console.print(f"Marked {done_} with {person.name} as done. Well done.{still}")


def merge(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The person to fold in (her card goes).")],
    into: Annotated[str, typer.Argument(help="The person to keep (her card stays).")],
    yes: Annotated[bool, typer.Option("--yes", help="Don't ask for confirmation.")] = False,
) -> None:
    from mumcoach.coach.merge import merge_people, plan_merge
    from mumcoach.errors import BadInput
    from mumcoach.flows.people import confirm_merge
    from mumcoach.views.people import merge_view

    app = app_context(ctx)
    journal = app.store.load()
    gone, kept = _pick(app, name, journal), _pick(app, into, journal)
    if gone.id == kept.id:
        raise BadInput("Those are the same person: nothing to merge.")
    plan = plan_merge(journal, gone.id, kept.id)
    app.console.print(merge_view(plan))
    if not confirm_merge(_asker(app), app.content, yes=yes):
        app.console.print("Nothing was changed.")
        return
    merged = app.store.update(
        lambda j: merge_people(j, gone.id, kept.id, app.today()), deletion=True
    )
    app.console.print(f"Merged: everything is on {merged.name}'s card now.")


def forget(
    ctx: typer.Context,
    name: NameArg,
    yes: Annotated[bool, typer.Option("--yes", help="Don't ask for confirmation.")] = False,
) -> None:
    from mumcoach.coach.forget import forget_names, forget_person, scrub_pattern
    from mumcoach.coach.people_edit import known_person
    from mumcoach.drafts import scrub_drafts
    from mumcoach.errors import MumcoachError, StorageFailed
    from mumcoach.flows.people import confirm_forget
    from mumcoach.views.people import forgot_text

    app = app_context(ctx)
    journal = app.store.load()
    person = _pick(app, name, journal)
    heading = f"Forgetting {_label(app, journal, person)} can't be undone."
    if not confirm_forget(_asker(app), app.content, heading, yes=yes):
        app.console.print("Nothing was changed.")
        return

    def change(journal: Journal) -> tuple[list[str], re.Pattern[str] | None]:
        known_person(journal, person.id)
        names = forget_names(journal, person.id)
        pattern = scrub_pattern(journal, person.id)
        forget_person(journal, person.id)
        return names, pattern

    names, pattern = app.store.update(change, deletion=True)
    scrub_drafts(app.data_dir, pattern, person.id)  # her name must not wait in a draft either
    try:
        rewritten, removed = app.store.rewrite_backups(
            lambda backup: forget_person(backup, person.id, extra_names=names, mark=False) > 0
        )
    except MumcoachError as exc:
        raise StorageFailed(
            f"Forgot {person.name} in the journal, but could not clean the backups "
            f"({exc.message}) Some backups in {app.store.backup_dir} may still mention her; "
            "delete that folder's files to remove every trace."
        ) from exc
    app.console.print(forgot_text(person.name, rewritten, removed))


# ---- helpers ----------------------------------------------------------------------------------


def _asker(app: AppContext) -> Asker:
    from mumcoach.commands import make_asker

    return make_asker(app, None, {}, ())


def _save(app: AppContext, change: Callable[[Journal], T]) -> tuple[T, Journal]:
    """Apply one change in one save; hands back its result and the saved journal."""
    return app.store.update(lambda journal: (change(journal), journal))


def _pick(app: AppContext, query: str, journal: Journal | None = None) -> Person:
    """The one person `query` names, asking which when it isn't clear (see flows/people.py)."""
    from mumcoach.flows.people import pick_person

    journal = app.store.load() if journal is None else journal
    return pick_person(_asker(app), app.content, journal, query, app.today())


def _label(app: AppContext, journal: Journal, person: Person) -> str:
    from mumcoach.coach.people import person_row
    from mumcoach.views.people import person_label

    return person_label(person_row(journal, person, app.today()), app.today())


def _after_save(
    app: AppContext,
    journal: Journal,
    person: Person,
    as_json: bool,
    done: str,
    texts: dict[str, str | None],
) -> None:
    """What she typed is saved; now the safety screen hears it. Tier 1: the crisis screen and
    its exit code; tier 2: the direct question (or the lines). Then `done`, or her card as JSON."""
    from mumcoach.coach.people import person_card
    from mumcoach.commands import crisis_exit, safety_watch
    from mumcoach.flows.ask import CrisisStop
    from mumcoach.views.data import card_data

    def card(safety: str | None) -> dict[str, object]:
        hours = app.content.rules.hours
        horizons = {"casual": hours.casual, "friend": hours.friend, "close": hours.close}
        saved = next(p for p in journal.people if p.id == person.id)
        return {**card_data(person_card(journal, saved, app.today()), horizons), "safety": safety}

    watch = safety_watch(app, as_json=as_json)
    watch.know(journal)
    try:
        watch.check_all(texts.items())
    except CrisisStop:
        crisis_exit(app, watch.region, ("person", card("crisis")) if as_json else None)
    if as_json:
        print_json("person", card(watch.state))
    else:
        app.console.print(done)
