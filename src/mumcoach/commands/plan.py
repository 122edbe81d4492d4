"""`mumcoach plan`: before a group or play date — one step, an if-then plan, a prediction."""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mumcoach.commands import (
    AnswersOption,
    DiscardOption,
    ResumeOption,
    app_context,
    make_asker,
    print_json,
    save_and_stop,
    save_answers,
    watch_of,
)
from mumcoach.commands.init import onboard_if_new

if TYPE_CHECKING:
    from datetime import date

    from mumcoach.coach.plan import PlanDraft
    from mumcoach.context import AppContext
    from mumcoach.models import Journal, Plan


def register(app: typer.Typer) -> None:
    app.command(help="Plan a step for a group, class or play date, with a prediction to test.")(
        plan
    )


def plan(
    ctx: typer.Context,
    date: Annotated[
        str | None,
        typer.Option(
            help="The day of the event: 2026-11-24, today, tomorrow, tuesday, next tuesday, "
            "in 3 days (default: the place's next session, else today)."
        ),
    ] = None,
    time: Annotated[
        str | None, typer.Option(help="When it starts, e.g. 10:00 (default: the place's time).")
    ] = None,
    place: Annotated[
        str | None, typer.Option(help="Where: a place you've been before, or a new one.")
    ] = None,
    setting: Annotated[
        str | None, typer.Option(help="For a new place: groups, classes, school-gate, …")
    ] = None,
    recurring: Annotated[
        str | None,
        typer.Option(
            help="For a new place: when it is, e.g. 'Tuesdays 10:00', 'Mon and Thu 9:30'."
        ),
    ] = None,
    step: Annotated[
        str | None, typer.Option(help="A step id (default: the suggested step).")
    ] = None,
    if_then: Annotated[str | None, typer.Option(help="Your if-then plan.")] = None,
    fear: Annotated[str | None, typer.Option(help="What you fear will happen.")] = None,
    likelihood: Annotated[int | None, typer.Option(help="How likely that feels, 0–100 %.")] = None,
    expect: Annotated[
        int | None, typer.Option(help="How anxious you expect to feel, 0–10.")
    ] = None,
    energy: Annotated[int | None, typer.Option(help="Your energy today, 0–10.")] = None,
    see: Annotated[
        list[str] | None,
        typer.Option(help="Someone you hope to see there, by name or id (repeatable)."),
    ] = None,
    answers: Annotated[Path | None, AnswersOption] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the saved plan as JSON.")] = False,
    resume: Annotated[bool, ResumeOption] = False,
    discard_draft: Annotated[bool, DiscardOption] = False,
) -> None:
    from mumcoach.errors import MumcoachError
    from mumcoach.flows.ask import CrisisStop
    from mumcoach.flows.plan import PLAN_KEYS, ask_plan, keep_stopped

    app = app_context(ctx)
    flags = {
        "date": date,
        "time": time,
        "place": place,
        "setting": setting,
        "recurring": recurring,
        "step": step,
        "if_then": if_then,
        "fear": fear,
        "likelihood": likelihood,
        "expect": expect,
        "energy": energy,
        "see": see,
    }
    asker = make_asker(
        app,
        answers,
        flags,
        PLAN_KEYS,
        draft="plan",
        resume=resume,
        discard=discard_draft,
        as_json=as_json,
    )
    journal = onboard_if_new(app, app.store.load(reuse=True))
    watch = watch_of(asker)
    watch.know(journal)
    today = app.today()
    try:
        draft = ask_plan(asker, app.content, journal, app.now())
    except CrisisStop as stop:
        partial = stop.partial
        if not asker.interactive:  # every answer given (flags, a file), asking nothing more
            with suppress(MumcoachError):
                partial = ask_plan(asker.replay(stop.key), app.content, journal, app.now())
                keep_stopped(partial, stop, today)
        save_and_stop(
            app,
            asker,
            watch.region,
            lambda: _save(app, partial, today),
            ("plan", lambda done: _json(done[0], partial, "crisis")) if as_json else None,
        )
    saved, journal = save_answers(app, asker, lambda: _save(app, draft, today))
    if as_json:
        print_json("plan", _json(saved, draft, watch.state))
        return
    _show_card(app, journal, saved, draft)


def _save(app: AppContext, draft: PlanDraft, today: date) -> tuple[Plan, Journal]:
    from mumcoach.coach.plan import save_plan

    def save(j: Journal) -> tuple[Plan, Journal]:
        return save_plan(j, draft, app.content, app.now(), today), j

    return app.store.update(save)


def _json(saved: Plan, draft: PlanDraft, safety: str | None) -> dict[str, Any]:
    from mumcoach.views.coaching import plan_json

    return {**plan_json(saved, draft.place, draft.suggestion), "safety": safety}


def _show_card(app: AppContext, journal: Journal, saved: Plan, draft: PlanDraft) -> None:
    from dataclasses import replace

    from mumcoach.coach.cues import people_for_place
    from mumcoach.coach.ladder import find_step
    from mumcoach.coach.plan import cue_lines, fresh_tips
    from mumcoach.coach.safety import child_names, unheard
    from mumcoach.views.coaching import plan_card

    setting = saved.setting
    step = find_step(app.content, journal, saved.step_id).worded_for(setting)
    easier = None
    if saved.easier_step_id and saved.easier_step_id != saved.step_id:
        easier = find_step(app.content, journal, saved.easier_step_id).worded_for(setting)
    place = next((p for p in journal.places if p.id == saved.place_id), None)
    safety, names = app.content.safety, child_names(journal)
    cues = [
        replace(
            cue,
            last_detail=unheard(cue.last_detail, safety, names),
            follow_up=unheard(cue.follow_up, safety, names),
        )
        for cue in people_for_place(journal, place, app.today())
    ]
    remember = cue_lines(app.content, setting, step.safety_behaviour)
    tips = fresh_tips(step.tips, [*remember, *saved.openers])
    app.console.print(plan_card(saved, step, place, easier, remember, tips, cues, app.content))
