"""One module per command: each parses options and hands off; `register(app)` adds it to the CLI."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import typer

from mumcoach.context import AppContext

if TYPE_CHECKING:
    from rich.console import Console

    from mumcoach.drafts import Draft
    from mumcoach.flows.ask import Asker
    from mumcoach.flows.safety import SafetyWatch
    from mumcoach.models import Journal
    from mumcoach.views.json_out import Kind
    from mumcoach.vocab import RegionCode


def region_of(journal: Journal) -> RegionCode:
    """Her region for support numbers (models.region_of, imported only when asked)."""
    from mumcoach.models import region_of as of

    return of(journal)


def app_context(ctx: typer.Context) -> AppContext:
    """The AppContext the root callback stored on the click context."""
    obj = ctx.find_root().obj
    assert isinstance(obj, AppContext)
    return obj


T = TypeVar("T")


def make_asker(
    app: AppContext,
    answers_file: Path | None,
    flags: Mapping[str, Any],
    keys: Iterable[str],
    *,
    draft: str | None = None,
    resume: bool = False,
    discard: bool = False,
    as_json: bool = False,
) -> Asker:
    """An Asker over the answers file and flags (flags win), its free text screened for crises
    by a SafetyWatch (`asker.watch`; call `asker.watch.know(journal)` once it is loaded).

    With `draft` (the command's name), every answer is kept in a private draft as it comes in,
    and an unfinished draft from an earlier run is offered back (or taken with --resume, or
    dropped with --discard-draft)."""
    from mumcoach.flows.answers_file import load_answers, merge_answers
    from mumcoach.flows.ask import Asker

    answers = merge_answers(load_answers(answers_file, keys), flags)
    kept = _open_draft(app, draft, answers, resume=resume, discard=discard) if draft else None
    if kept is not None:
        answers = {**kept.given, **answers}
        kept.given = answers
        for key in answers:  # a flag given now wins over the answer typed then
            kept.replay.pop(key, None)
    return Asker(
        app.prompter if app.can_ask else None,
        answers,
        interactive=app.can_ask,
        watch=safety_watch(app, as_json=as_json),
        draft=kept,
    )


def safety_watch(app: AppContext, *, as_json: bool = False) -> SafetyWatch:
    """Screens free text; a softer signal shows the support lines (on stderr under --json)."""
    from mumcoach.flows.safety import SafetyWatch

    def show_support(watch: SafetyWatch, asked: bool) -> None:
        from mumcoach.views.support import safety_check_notice

        notice = safety_check_notice(watch.region, app.content, asked=asked)
        screens(app, as_json).print(notice)

    return SafetyWatch(app.content, app.prompter if app.can_ask else None, show_support)


def watch_of(asker: Asker) -> SafetyWatch:
    from mumcoach.flows.safety import SafetyWatch

    assert isinstance(asker.watch, SafetyWatch)
    return asker.watch


def screens(app: AppContext, as_json: bool) -> Console:
    """Where screens go: the console, or stderr when stdout carries --json."""
    if not as_json or app.console_override is not None:
        return app.console
    from rich.console import Console

    return Console(stderr=True, highlight=False, emoji=False)


def _open_draft(
    app: AppContext, command: str, answers: Mapping[str, Any], *, resume: bool, discard: bool
) -> Draft:
    """This run's draft: a new one, or the unfinished one she chose to carry on."""
    from mumcoach.drafts import new_draft, read_draft, when_started
    from mumcoach.errors import NeedsAnswer
    from mumcoach.words import plural

    home, now = app.data_dir, app.now()
    fresh = new_draft(home, command, now, persist=app.can_ask)
    app.drafts.append(fresh)
    earlier = read_draft(home, command)
    if earlier is None:
        return fresh
    found = app.content.say("draft.found", what=earlier.noun, when=when_started(earlier, now))
    if not resume and not discard:
        if not app.can_ask:
            raise NeedsAnswer(
                f"{found} It is kept in {earlier.path}. Pass --resume to finish it, or "
                "--discard-draft to start fresh."
            )
        from mumcoach.flows.resume import carry_on

        resume = carry_on(app.prompter, app.content, found)
    if not resume:
        earlier.remove()
        return fresh
    earlier.persist = app.can_ask
    app.drafts[-1] = earlier
    if earlier.size and app.can_ask:
        count = plural(earlier.size, "answer")  # "1 answer", "7 answers"
        app.console.print(app.content.say("draft.carrying_on", count=count))
    return earlier


def save_answers(app: AppContext, asker: Asker, save: Callable[[], T]) -> T:
    """Save through `save`; the draft goes only once the journal holds the answers.

    A save that fails keeps the draft and says where it is, in one line (exit 9); if even the
    draft cannot be written, what she typed is printed so that nothing is lost."""
    from mumcoach.errors import NeedsAnswer

    draft = asker.draft
    if draft is not None and draft.pending() and not app.can_ask:
        raise NeedsAnswer(
            f"Your unfinished {draft.noun} holds answers only a terminal can take back (such as "
            f"the people you met); run `mumcoach {draft.command}` in a terminal to finish it, or "
            "pass --discard-draft."
        )
    try:
        result = save()
    except BaseException as exc:
        if draft is None or app.store.saved:
            if draft is not None:
                _drop(app, draft)
            raise
        raise _kept(app, draft, exc) from exc
    if draft is not None:
        _drop(app, draft)
    return result


def _drop(app: AppContext, draft: Draft) -> None:
    if not draft.remove():
        app.store.warnings.append(
            f"Saved. The draft {draft.path} could not be removed; please delete it so it is "
            "not offered again."
        )


def _kept(app: AppContext, draft: Draft, exc: BaseException) -> BaseException:
    """The one line a failed save ends with, after keeping the draft."""
    import json

    from mumcoach.errors import DRAFT_KEPT, MumcoachError, StorageFailed

    if isinstance(exc, KeyboardInterrupt | SystemExit):
        draft.write()
        return exc
    why = _why(exc)
    path = draft.write()
    if path is not None:
        return MumcoachError(
            f"Could not save your {draft.noun} ({why}). It is kept in {path}; run "
            f"`mumcoach {draft.command} --resume` to save it.",
            exit_code=DRAFT_KEPT,
        )
    typer.echo(json.dumps(draft.to_json(), ensure_ascii=False, indent=1))
    return StorageFailed(
        f"Could not save your {draft.noun} ({why}), nor keep it as a draft; what you typed "
        "is printed above so you can copy it."
    )


def _why(exc: BaseException) -> str:
    """A failure's reason in a few words, never journal content."""
    from mumcoach.errors import JournalBusy, JournalDamaged, MumcoachError

    cause = exc.__cause__ if isinstance(exc.__cause__, OSError) else exc
    if isinstance(cause, OSError):
        return (cause.strerror or type(cause).__name__).rstrip(".")
    if isinstance(exc, JournalBusy):
        return "another mumcoach was saving"
    if isinstance(exc, JournalDamaged):
        return "the journal is damaged; `mumcoach doctor` says more"
    if isinstance(exc, MumcoachError):
        return exc.message.split(". ")[0].rstrip(".")
    return f"an unexpected {type(exc).__name__}"


def show_crisis(app: AppContext, region: str, *, as_json: bool = False) -> None:
    """Stop coaching and show the crisis screen: emergency number first, no more questions."""
    from mumcoach.views.support import crisis_screen

    screens(app, as_json).print(crisis_screen(region, app.content))


def crisis_exit(
    app: AppContext, region: str, json_out: tuple[Kind, Mapping[str, Any]] | None = None
) -> NoReturn:
    """After a tier-1 stop (what she gave already saved): the crisis screen, the `--json` if
    asked for, and the exit code that tells a script coaching stopped (errors.CRISIS_SHOWN)."""
    from mumcoach.errors import CRISIS_SHOWN

    show_crisis(app, region, as_json=json_out is not None)
    if json_out is not None:
        print_json(*json_out)
    raise typer.Exit(CRISIS_SHOWN)


def save_and_stop(
    app: AppContext,
    asker: Asker,
    region: str,
    save: Callable[[], T],
    json_out: tuple[Kind, Callable[[T], Mapping[str, Any]]] | None,
) -> NoReturn:
    """A tier-1 stop: save every answer given, then stop for the crisis screen. If the save
    itself fails, the crisis screen still shows first, then the save's own error."""
    try:
        saved = save_answers(app, asker, save)
    except BaseException:
        show_crisis(app, region, as_json=json_out is not None)
        raise
    crisis_exit(app, region, (json_out[0], json_out[1](saved)) if json_out else None)


def print_json(kind: Kind, data: Mapping[str, Any]) -> None:
    """Print one `--json` result in the shared envelope (views/json_out.py)."""
    from mumcoach.views.json_out import json_text

    typer.echo(json_text(kind, data))


ResumeOption = typer.Option(
    "--resume", help="Carry on an unfinished run from where it stopped (its answers are kept)."
)
DiscardOption = typer.Option(
    "--discard-draft", help="Delete an unfinished run's answers and start fresh."
)

AnswersOption = typer.Option(
    "--answers",
    help="A TOML or JSON file of answers (keys are option names with _ for -).",
)
