"""The evening check-in: test the open plan, mood and energy, the people met, one proud thing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from mumcoach.coach.checkin_draft import CheckInDraft, MetAnswers, MetPerson, open_plans
from mumcoach.content import Content
from mumcoach.errors import BadInput
from mumcoach.flows.ask import Asker, CrisisStop, check_date, flag
from mumcoach.prompter import Choice
from mumcoach.text import short
from mumcoach.vocab import ANSWERS
from mumcoach.words import another_day, day_month_year, quoted

if TYPE_CHECKING:
    from mumcoach.models import Journal, Plan

CHECKIN_KEYS = (
    "date",
    "plan",
    "mood",
    "energy",
    "tried",
    "anxiety",
    "fear_came_true",
    "what",
    "learned",
    "proud",
    "met",
    "people",
)
# The keys one person's table in an answers file may hold: exactly what the typed draft keeps.
PERSON_KEYS = tuple(MetAnswers.model_fields)
PERSON_FLAGS = {
    "swapped_numbers": "We swapped numbers",
    "meetup": "It was an arranged meet-up or play date",
    "invited": "I invited her to something",
    "invited_me": "She invited me to something",
    "shared": "I shared something small and true about me",
    "hosted": "I hosted: she came to mine (or to my get-together)",
}
FOLLOW_UP_DAYS = 3  # ladder step 13: "send a follow-up message within three days"


def answer_choices() -> list[Choice]:
    return [Choice(a, a) for a in ANSWERS]


class CheckInFlow:
    """Asks the check-in questions in order, keeping what was answered in `draft`.

    `journal` may be a function that reads it: then it is read after the first question (her
    mood needs nothing from it), so that question is on screen sooner. `on_plan` hears which
    plan the check-in tests once that is settled, before its questions, and how the day is
    named (`day`). `today` is the day it is about unless `date` says otherwise; `asked_on` the
    day she answers, when that is later (a draft carried on): then the questions name the day."""

    def __init__(
        self,
        asker: Asker,
        content: Content,
        journal: Journal | Callable[[], Journal],
        today: date,
        on_plan: Callable[[Plan | None, str | None], None] | None = None,
        now: datetime | None = None,
        asked_on: date | None = None,
    ) -> None:
        self.asker = asker
        self.now = now  # plans starting after it have not happened yet (open_plans)
        self.content = content
        # a function to read it with, or the journal itself
        self._read = journal if callable(journal) else None
        self._journal = None if callable(journal) else journal
        self.on_plan = on_plan
        day = (
            check_date("date", asker.answers["date"], today, "back")
            if asker.given("date")
            else today
        )
        self.draft = CheckInDraft(date=day, plan=None)
        # None when it is about today; else "Thursday", for questions that would say "today"
        self.day = another_day(day, asked_on or today)
        self.plan_settled = False
        if asker.given("plan"):  # a plan named by a flag or file is checked before anything
            self._settle_plan()
        self.current: MetPerson | None = None
        self.from_met: int | None = None  # scripted people from this index on came from --met

    @property
    def journal(self) -> Journal:
        if self._journal is None:
            assert self._read is not None
            self._journal = self._read()
        return self._journal

    def _settle_plan(self) -> None:
        """The plan this check-in tests (asking which when several are open), said once."""
        if self.plan_settled:
            return
        day = self.draft.date
        plans = open_plans(self.journal, day, self.content.rules.plan.open_days, self.now)
        self.draft.plan = self._which_plan(plans, day)
        self.plan_settled = True
        if self.on_plan is not None:
            self.on_plan(self.draft.plan, self.day)

    def _which_plan(self, plans: list[Plan], day: date) -> Plan | None:
        """That day's plan; when several are open (or `plan` names one), which one she means."""
        a = self.asker
        if a.given("plan"):
            wanted = str(a.answers["plan"]).strip()
            if wanted.lower() in ("none", "no", "0"):
                return None
            found = [p for p in plans if p.id == wanted or self._place_name(p) == wanted.lower()]
            if not found:
                on = check_date("plan", wanted, day, "back")
                found = [p for p in plans if p.date == on]
            if not found:
                raise BadInput(
                    "plan (--plan) names no open plan that has begun; leave it out to use today's."
                )
            return found[0]
        if len(plans) < 2 or not a.interactive or plans[0].date == day and plans[1].date != day:
            return plans[0] if plans else None
        choices = [Choice(p.id, self._plan_title(p)) for p in plans]
        choices.append(Choice("none", "None of these"))
        picked = a.select("plan", self.content.question("which_plan"), choices)
        return next((p for p in plans if p.id == picked), None)

    def _place_name(self, plan: Plan) -> str:
        place = next((p for p in self.journal.places if p.id == plan.place_id), None)
        return place.name.lower() if place else ""

    def _plan_title(self, plan: Plan) -> str:
        """'Tuesday 24 Nov at Hartbeeps: Say hello…', to pick a plan by."""
        title, place = self._step_and_place(plan)
        where = f" at {place}" if place else ""
        return f"{plan.date:%A} {plan.date.day} {plan.date:%b}{where}: {title}"

    def _step_and_place(self, plan: Plan) -> tuple[str, str | None]:
        """The plan's step as she saw it on its card, and the name of its place."""
        from mumcoach.coach.ladder import find_step

        try:
            title = plan.step_text or find_step(self.content, self.journal, plan.step_id).title
        except KeyError:
            title = plan.step_id
        place = next((p.name for p in self.journal.places if p.id == plan.place_id), None)
        return title, place

    def run(self) -> CheckInDraft:
        try:
            self._mood_and_energy()  # first, so the worst days are never missing from the trend
            self._settle_plan()
            self._test_plan()
            self._people()
            self._set("proud", self.asker.text("proud", self.content.question("proud", self.day)))
        except CrisisStop as stop:
            target = self.current.answers if self.current else self.draft.answers
            target.put("name" if stop.key == "person_name" else stop.key, stop.value)
            stop.partial = self.draft
            raise
        return self.draft

    def _set(self, key: str, value: Any) -> None:
        if value is not None:
            self.draft.answers.put(key, value)

    def _test_plan(self) -> None:
        a, q, plan = self.asker, self.content.question, self.draft.plan
        if plan is None:
            about_plan = [k for k in ("tried", "anxiety", "fear_came_true") if a.given(k)]
            if about_plan:
                raise BadInput(
                    f"{flag(about_plan[0])} is about a plan, and there is no plan from "
                    f"{day_month_year(self.draft.date)} or the days before it to test."
                )
            # No plan to test; still keep what happened if it was given.
            for key, question in (("what", q("what")), ("learned", q("learned"))):
                if a.given(key):
                    self._set(key, a.text(key, question))
            return
        # the step and the fear quoted as she wrote them, hours (or days) after she did
        title, place = self._step_and_place(plan)
        step = f"{q('tried')} “{quoted(title)}”{f' at {place}' if place else ''}"
        tried = a.select("tried", step, answer_choices())
        self._set("tried", tried)
        if tried in ("yes", "partly"):
            self._set("actual_anxiety", a.scale("anxiety", q("anxiety"), 0, 10))
            # With no fear written down — or one whose words the safety screen heard, never
            # quoted — "as badly as you expected?" stands in for it (science.md §1).
            fear = plan.fear if plan.fear and "fear" not in plan.flagged else None
            question = f"{q('fear_came_true')} “{quoted(fear)}”" if fear else q("went_badly")
            self._set("fear_came_true", a.select("fear_came_true", question, answer_choices()))
        self._set("what", a.text("what", q("what")))
        self._set("learned", a.text("learned", q("learned")))

    def _mood_and_energy(self) -> None:
        a, q = self.asker, self.content.question
        self._set("mood", a.scale("mood", q("mood", self.day), 1, 5, required=True))
        self.journal  # noqa: B018 — read now if it was left for after the first question
        self._set("energy", a.scale("energy", q("energy_today", self.day), 0, 10))

    def _people(self) -> None:
        a = self.asker
        scripted = self._scripted_people()
        if scripted is not None:
            for index, entry in enumerate(scripted):
                self.current = MetPerson(person_id=None)
                self.draft.people.append(self.current)
                where = f"people[{index}]."
                self._person(Asker(None, entry, interactive=False, watch=a.watch, where=where))
            self.current = None
            return
        if not a.interactive:
            return
        met_anyone = self.content.question("met_anyone", self.day)
        more = a.yes_no("met_anyone", met_anyone, default=False)
        while more:
            self.current = MetPerson(person_id=None)
            self.draft.people.append(self.current)
            self._person(a)
            if not self.current.answers.name:
                self.draft.people.pop()
            self.current = None
            more = a.yes_no(
                "another_person", self.content.question("another_person"), default=False
            )

    def _scripted_people(self) -> list[dict[str, Any]] | None:
        """People from the answers file and --met flags, or None to ask interactively."""
        a = self.asker
        if not a.given("people") and not a.given("met"):
            return None
        entries = a.answers.get("people") or []
        if not isinstance(entries, list):
            raise BadInput("people must be a list of tables, one per person met.")
        people: list[dict[str, Any]] = []
        for index, entry in enumerate(entries):
            if not isinstance(entry, dict):
                raise BadInput(f"people[{index}] must be a table of answers about one person.")
            if not isinstance(entry.get("name", ""), str):
                raise BadInput(f"people[{index}].name must be text.")
            if not str(entry.get("name") or "").strip():
                raise BadInput(f"people[{index}] needs at least a name.")
            unknown = sorted(set(entry) - set(PERSON_KEYS))
            if unknown:
                raise BadInput(
                    f"people[{index}] has an unknown key {short(unknown[0])}; allowed keys: "
                    f"{', '.join(PERSON_KEYS)}."
                )
            people.append(dict(entry))
        met = a.answers.get("met") or []
        named = {p["name"].strip().casefold() for p in people}
        self.from_met = len(people)  # entries from here on came from --met flags
        for name in [met] if isinstance(met, str) else list(met):
            if str(name).strip() and str(name).strip().casefold() not in named:
                people.append({"name": str(name).strip()})
        return people

    def _person(self, a: Asker) -> None:
        """One person's questions; unknown people get their child's name and age asked too."""
        assert self.current is not None
        q, met = self.content.question, self.current
        name = a.text("name" if not a.interactive else "person_name", q("person_name"))
        if not name:
            return
        met.answers.put("name", name)
        index = len(self.draft.people) - 1
        entry = "" if a.interactive else f"people[{index}]"
        if not a.interactive and self.from_met is not None and index >= self.from_met:
            entry = "--met"  # she typed a flag, not an answers-file list
        from mumcoach.flows.people import resolve_met  # only once she names someone

        known = resolve_met(a, self.content, self.journal, name, self.draft.date, entry=entry)
        met.person_id = known.id if known else None
        if known is None or a.given("child"):
            met.answers.put("child", a.text("child", q("child")))
        if known is None or a.given("child_age"):
            met.answers.put(
                "child_age",
                a.age(
                    "child_age",
                    q("child_age"),
                    unit_question=lambda n: self.content.say("ask.age_unit", n=n),
                ),
            )
        place = self._plan_place_name() or (self._last_where() if a.interactive else None)
        met.answers.put("where", a.text("where", q("where"), default=place))
        met.answers.put("detail", a.text("detail", q("detail")))
        met.answers.put("minutes", a.number("minutes", q("minutes"), 0, 24 * 60, minutes=True))
        met.answers.put(
            "started_by",
            a.select("started_by", q("started_by"), [Choice("me", "me"), Choice("them", "them")]),
        )
        self._person_flags(a)
        met.answers.put("liked_them", a.scale("liked_them", q("liked_them"), 1, 7))
        met.answers.put("they_liked_me", a.scale("they_liked_me", q("they_liked_me"), 1, 7))
        met.answers.put("follow_up", a.text("follow_up", q("follow_up")))
        if met.answers.follow_up or a.given("follow_up_due"):
            default_due = self.draft.date + timedelta(days=FOLLOW_UP_DAYS)
            met.answers.put(
                "follow_up_due",
                a.when(
                    "follow_up_due",
                    q("follow_up_due"),
                    default=default_due,
                    relative_to=self.draft.date,
                ),
            )

    def _person_flags(self, a: Asker) -> None:
        """Numbers, meet-up, invitations: one tick-box question when asking, four keys in files."""
        assert self.current is not None
        if not a.interactive or any(a.given(k) for k in PERSON_FLAGS):
            q = self.content.question
            asked = {
                "swapped_numbers": q("swapped_numbers"),
                "meetup": q("meetup"),
                "invited": q("invited"),
                "invited_me": q("invited_me"),
                "shared": q("shared"),
                "hosted": q("hosted"),
            }
            for key in PERSON_FLAGS:
                self.current.answers.put(key, a.yes_no(key, asked[key], default=False))
            return
        profile = self.journal.profile
        out = set(profile.not_for_me) if profile else set()
        shown = {k: t for k, t in PERSON_FLAGS.items() if not (k == "hosted" and "hosting" in out)}
        ticked = a.many(
            "person_flags",
            self.content.question("person_flags"),
            [Choice(key, title) for key, title in shown.items()],
        )
        for key in PERSON_FLAGS:
            self.current.answers.put(key, key in ticked)

    def _last_where(self) -> str | None:
        """Where she met the person before this one today: offered (pre-typed, so easy to
        change) for the next, who was most likely met there too."""
        earlier = (met.answers.where for met in reversed(self.draft.people[:-1]))
        return next((where for where in earlier if where), None)

    def _plan_place_name(self) -> str | None:
        plan = self.draft.plan
        if plan is None or plan.place_id is None:
            return None
        return next((p.name for p in self.journal.places if p.id == plan.place_id), None)
