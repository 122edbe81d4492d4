"""The ladder core and the suggestion rule, as a table of small hand-built journals."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from mumcoach.coach.ladder import (
    NothingToSuggest,
    Suggestion,
    attempts_from,
    build_history,
    effective_ladder,
    find_step,
    ladder_position,
    mastered_count,
    placement_from_ratings,
    progress,
    ratings_for_placement,
    suggest,
)
from mumcoach.coach.past import history_and_before
from mumcoach.content import Content, load_content
from mumcoach.models import CheckIn, CustomStep, Journal, Ladder, Plan, Profile

DAY0 = date(2026, 10, 1)


def _suggest(
    content: Content, journal: Journal, *, until: date | None = None, **kwargs: Any
) -> Suggestion:
    """suggest() over a history built once, as every command does."""
    return suggest(build_history(content, journal, until), **kwargs)


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content({})


@dataclass
class Try:
    """One plan and (unless tried is None) its check-in."""

    step: str
    tried: str | None = "yes"
    expected: int | None = 2
    fear: str | None = "no"
    setting: str | None = "groups"


def yes(step: str, setting: str = "groups", expected: int = 2, fear: str = "no") -> Try:
    return Try(step, "yes", expected, fear, setting)


def skip(step: str, expected: int | None = 5) -> Try:
    return Try(step, "no", expected, None)


def mastered(step: str, settings: tuple[str, ...] = ("groups", "classes", "groups")) -> list[Try]:
    return [yes(step, s) for s in settings]


@dataclass
class J:
    """A hand-built journal: tries one a day from DAY0, plus ladder and profile choices."""

    tries: list[Try] = field(default_factory=list)
    ratings: dict[str, int] = field(default_factory=dict)
    steps_out: list[str] = field(default_factory=list)
    settings_out: list[str] = field(default_factory=list)
    start: str | None = None
    custom: list[tuple[str, int, list[str]]] = field(default_factory=list)

    def build(self) -> Journal:
        journal = Journal(
            ladder=Ladder(
                ratings=self.ratings,
                not_for_me=self.steps_out,
                start_step=self.start,
                custom_steps=[
                    CustomStep(id=i, title=i.title(), difficulty=d, settings=s, created=DAY0)
                    for i, d, s in self.custom
                ],
            ),
        )
        if self.settings_out:
            journal.profile = Profile(created=DAY0, not_for_me=self.settings_out)
        for n, t in enumerate(self.tries):
            add_try(journal, t, DAY0 + timedelta(days=n))
        return journal


def add_try(journal: Journal, t: Try, day: date) -> Plan:
    at = datetime.combine(day, datetime.min.time())
    plan = Plan(
        date=day, created_at=at, step_id=t.step, setting=t.setting, expected_anxiety=t.expected
    )
    journal.plans.append(plan)
    if t.tried is not None:
        journal.checkins.append(
            CheckIn(
                date=day,
                created_at=at + timedelta(hours=12),
                plan_id=plan.id,
                tried=t.tried,
                fear_came_true=t.fear if t.tried != "no" else None,
                actual_anxiety=3,
                mood=3,
            )
        )
    return plan


# (id, journal, suggest() keyword arguments, kind, step id, words the reason must contain)
CASES: list[Any] = [
    # 1-5: the working step and rule 5's kinds
    ("brand-new", J(), {}, "start", "find-a-group", ["start gently"]),
    (
        "placement-rated",
        J(start="ask-open-question", ratings={"stay-the-session": 2}),
        {},
        "placement",
        "ask-open-question",
        ['You rated "Go and stay', "2/10", "next step up"],
    ),
    (
        "placement-unrated",
        J(start="ask-open-question"),
        {},
        "placement",
        "ask-open-question",
        ["start gently"],
    ),
    (
        "placement-start-not-for-me",
        J(start="ask-open-question", steps_out=["ask-open-question"]),
        {},
        "placement",
        "go-back",
        [],
    ),
    (
        "placement-kept-after-history",
        J(start="greet-by-name", tries=[yes("greet-by-name")]),
        {},
        "repeat",
        "greet-by-name",
        [],
    ),
    (
        "repeat",
        J(tries=[yes("find-a-group"), yes("find-a-group")]),
        {},
        "repeat",
        "find-a-group",
        ["twice so far"],
    ),
    (
        "skips-are-not-attempts",
        J(tries=[yes("find-a-group"), skip("find-a-group")]),
        {},
        "repeat",
        "find-a-group",
        ["once so far"],
    ),
    (
        "move-up",
        J(tries=mastered("find-a-group")),
        {},
        "move-up",
        "stay-the-session",
        ["Find one group", "3 times", "didn't happen 3 times"],
    ),
    (
        "move-up-counts-every-attempt",
        J(tries=[*mastered("find-a-group"), yes("find-a-group")]),
        {},
        "move-up",
        "stay-the-session",
        ["4 times"],
    ),
    # mastery is not reached without all three parts of the rule
    (
        "not-mastered-latest-expected-4",
        J(
            tries=[
                yes("find-a-group"),
                yes("find-a-group", "classes"),
                yes("find-a-group", expected=4),
            ]
        ),
        {},
        "repeat",
        "find-a-group",
        ["3 times so far"],
    ),
    (
        "mastered-latest-expected-counts",
        J(
            tries=[
                yes("find-a-group", expected=7),
                yes("find-a-group", "classes", expected=5),
                yes("find-a-group", expected=3),
            ]
        ),
        {},
        "move-up",
        "stay-the-session",
        [],
    ),
    (
        "not-mastered-fear-always-came-true",
        J(tries=[yes("find-a-group", s, fear="yes") for s in ("groups", "classes", "groups")]),
        {},
        "repeat",
        "find-a-group",
        [],
    ),
    (
        "not-mastered-fear-partly",
        J(tries=[yes("find-a-group", s, fear="partly") for s in ("groups", "classes", "groups")]),
        {},
        "repeat",
        "find-a-group",
        [],
    ),
    (
        "not-mastered-two-attempts",
        J(tries=mastered("find-a-group", ("groups", "classes"))),
        {},
        "repeat",
        "find-a-group",
        ["twice so far"],
    ),
    (
        "mastery-is-kept",
        J(tries=[*mastered("find-a-group"), yes("find-a-group", expected=6)]),
        {},
        "move-up",
        "stay-the-session",
        [],
    ),
    # 2: a new setting once, then move on
    (
        "new-setting",
        J(tries=mastered("find-a-group", ("groups",) * 3)),
        {},
        "new-setting",
        "find-a-group",
        ["like a class"],
    ),
    (
        "new-setting-skips-ruled-out",
        J(tries=mastered("find-a-group", ("groups",) * 3), settings_out=["classes"]),
        {},
        "new-setting",
        "find-a-group",
        ["soft play or the park"],
    ),
    (
        "new-setting-today",
        J(tries=mastered("find-a-group", ("groups",) * 3)),
        {"setting": "online"},
        "new-setting",
        "find-a-group",
        ["an online parents' group"],
    ),
    (
        "new-setting-not-where-she-goes-today",
        J(tries=mastered("find-a-group", ("groups",) * 3)),
        {"setting": "groups"},
        "move-up",
        "stay-the-session",
        [],
    ),
    (
        "new-setting-done-once-move-on",
        J(tries=[*mastered("find-a-group", ("groups",) * 3), yes("find-a-group", "classes")]),
        {},
        "move-up",
        "stay-the-session",
        ["4 times"],
    ),
    (
        "new-setting-offered-once-she-moved-on",
        J(tries=[*mastered("find-a-group", ("groups",) * 3), yes("stay-the-session")]),
        {},
        "repeat",
        "stay-the-session",
        [],
    ),
    (
        "new-setting-needs-another-setting",
        J(
            custom=[("custom-wave", 0, ["school-gate"])],
            tries=mastered("custom-wave", ("school-gate",) * 3),
        ),
        {},
        "move-up",
        "find-a-group",
        ["Custom-Wave"],
    ),
    # 3: too anxious, or skipped twice -> an easier half-step (else the step below)
    (
        "expected-8-half-step",
        J(start="suggest-going-together", tries=[Try("suggest-going-together", None, 8)]),
        {},
        "easier-anxiety",
        "ask-other-classes",
        ["8/10", "Ask what other classes"],
    ),
    (
        "expected-9-no-half-step-step-below",
        J(start="ask-open-question", tries=[Try("ask-open-question", None, 9)]),
        {},
        "easier-anxiety",
        "say-hello",
        ["9/10"],
    ),
    (
        "expected-7-no-easier",
        J(start="suggest-going-together", tries=[Try("suggest-going-together", None, 7)]),
        {},
        "start",
        "suggest-going-together",
        [],
    ),
    (
        "first-half-step-done-next-one",
        J(
            start="suggest-going-together",
            tries=[Try("suggest-going-together", None, 8), yes("ask-other-classes")],
        ),
        {},
        "easier-anxiety",
        "mention-your-class",
        ["8/10"],
    ),
    (
        "half-steps-done-back-to-step",
        J(
            start="suggest-going-together",
            tries=[
                Try("suggest-going-together", None, 8),
                yes("ask-other-classes"),
                yes("mention-your-class"),
            ],
        ),
        {},
        "start",
        "suggest-going-together",
        [],
    ),
    (
        "two-skips-half-step",
        J(start="suggest-coffee", tries=[skip("suggest-coffee"), skip("suggest-coffee")]),
        {},
        "easier-skips",
        "walk-out-together",
        ["2 times"],
    ),
    (
        "two-skips-no-half-step-step-below",
        J(tries=[*mastered("find-a-group"), skip("stay-the-session"), skip("stay-the-session")]),
        {},
        "easier-skips",
        "find-a-group",
        ["Go and stay"],
    ),
    (
        "skip-attempt-skip-is-one-skip",
        J(
            start="suggest-coffee",
            tries=[
                skip("suggest-coffee"),
                yes("suggest-coffee", expected=5),
                skip("suggest-coffee"),
            ],
        ),
        {},
        "repeat",
        "suggest-coffee",
        [],
    ),
    # 4: low energy -> a smaller step, never "skip"
    (
        "low-energy-half-step",
        J(start="suggest-coffee"),
        {"energy": 3},
        "low-energy",
        "walk-out-together",
        ["3/10"],
    ),
    (
        "low-energy-step-below",
        J(start="ask-open-question"),
        {"energy": 0},
        "low-energy",
        "say-hello",
        ["0/10"],
    ),
    ("low-energy-first-step-itself", J(), {"energy": 2}, "low-energy", "find-a-group", ["2/10"]),
    ("energy-4-not-low", J(), {"energy": 4}, "start", "find-a-group", []),
    # "not for me" is never suggested
    ("not-for-me-step", J(steps_out=["find-a-group"]), {}, "start", "stay-the-session", []),
    (
        "not-for-me-settings",
        J(settings_out=["groups", "classes", "soft-play", "online"]),
        {},
        "start",
        "smile-and-eye-contact",
        [],
    ),
    (
        "not-for-me-never-the-easier-step",
        J(start="ask-open-question", steps_out=["say-hello"]),
        {"energy": 1},
        "low-energy",
        "smile-and-eye-contact",
        [],
    ),
    (
        "not-for-me-half-step",
        J(start="suggest-coffee", steps_out=["walk-out-together"]),
        {"energy": 1},
        "low-energy",
        "mention-the-cafe",
        [],
    ),
    (
        "not-for-me-new-setting",
        J(
            tries=mastered("find-a-group", ("groups",) * 3),
            settings_out=["classes", "soft-play", "online"],
        ),
        {},
        "move-up",
        "stay-the-session",
        [],
    ),
    # custom steps and re-ratings change the order
    ("custom-step-slots-in", J(custom=[("custom-wave", 0, [])]), {}, "start", "custom-wave", []),
    (
        "custom-step-without-settings-fits-anywhere",
        J(
            custom=[("custom-wave", 5, [])],
            settings_out=["groups", "classes", "school-gate", "soft-play", "online", "hosting"],
        ),
        {},
        "start",
        "custom-wave",
        [],
    ),
    (
        "re-rating-moves-a-step-up",
        J(ratings={"find-a-group": 9}),
        {},
        "start",
        "stay-the-session",
        [],
    ),
    ("re-rating-moves-a-step-down", J(ratings={"go-back": 0}), {}, "start", "go-back", []),
]


@pytest.mark.parametrize(
    ("journal", "kwargs", "kind", "step_id", "words"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_suggest(
    content: Content,
    journal: J,
    kwargs: dict[str, Any],
    kind: str,
    step_id: str,
    words: list[str],
) -> None:
    built = journal.build()
    got = _suggest(content, built, **kwargs)
    assert (got.kind, got.step_id) == (kind, step_id), got.reason
    assert got.title == find_step(content, built, step_id).worded_for(got.setting).title
    for word in words:
        assert word in got.reason
    assert got.reason.count("\n") == 0
    assert got.step_id not in built.ladder.not_for_me


def test_thresholds_come_from_content(content: Content) -> None:
    low = content.rules.energy.low_at_most
    assert _suggest(content, Journal(), energy=low).kind == "low-energy"
    assert _suggest(content, Journal(), energy=low + 1).kind == "start"
    strict = content.rules.model_copy(
        update={
            "mastery": content.rules.mastery.model_copy(update={"min_attempts": 4}),
        }
    )
    journal = J(tries=mastered("find-a-group")).build()
    assert _suggest(content, journal).kind == "move-up"
    content.rules, saved = strict, content.rules
    try:
        assert _suggest(content, journal).kind == "repeat"
    finally:
        content.rules = saved


def test_easier_step_id(content: Content) -> None:
    def easier(j: J) -> str | None:
        return _suggest(content, j.build()).easier_step_id

    assert easier(J()) is None  # the first step has nothing below it
    assert easier(J(start="suggest-going-together")) == "ask-other-classes"
    assert easier(J(start="ask-open-question")) == "say-hello"
    assert easier(J(start="ask-open-question", steps_out=["say-hello"])) == "smile-and-eye-contact"
    half = _suggest(
        content,
        J(
            start="suggest-going-together",
            tries=[Try("suggest-going-together", None, 8), yes("ask-other-classes")],
        ).build(),
    )
    assert (half.step_id, half.easier_step_id) == ("mention-your-class", "ask-other-classes")


def everything_mastered(content: Content) -> list[Try]:
    tries = []
    for step in content.steps:
        tries += [
            yes(step.id, step.settings[0]),
            yes(step.id, step.settings[-1]),
            yes(step.id, step.settings[0]),
        ]
    return tries


def test_all_mastered(content: Content) -> None:
    journal = J(tries=everything_mastered(content)).build()
    got = _suggest(content, journal)
    assert (got.kind, got.step_id) == ("all-mastered", "host-coffee-morning")
    assert got.setting in {"hosting", "online"}
    assert mastered_count(build_history(content, journal)) == len(content.steps)
    assert ladder_position(build_history(content, journal)) == len(content.steps) + 1
    journal.ladder.not_for_me = ["host-coffee-morning"]
    assert _suggest(content, journal).step_id == "invite-play-date"
    assert _suggest(content, journal, setting="school-gate").setting == "school-gate"
    low = _suggest(content, journal, energy=1)
    assert (low.kind, low.step_id) == ("low-energy", "ask-her-free-days")


def test_nothing_available(content: Content) -> None:
    journal = J(steps_out=[s.id for s in content.steps]).build()
    with pytest.raises(NothingToSuggest):
        _suggest(content, journal)
    assert placement_from_ratings(build_history(content, journal), {}) is None


# ---- the effective ladder -------------------------------------------------------------------


def test_effective_ladder_order_and_ratings(content: Content) -> None:
    default = effective_ladder(content, Journal())
    assert [s.id for s in default] == [s.id for s in content.steps]  # authored order kept
    assert [s.position for s in default] == list(range(1, len(content.steps) + 1))
    journal = J(ratings={"find-a-group": 6}, custom=[("custom-wave", 3, ["school-gate"])]).build()
    ladder = effective_ladder(content, journal)
    ids = [s.id for s in ladder]
    find = ladder[ids.index("find-a-group")]
    assert (find.difficulty, find.default_difficulty, find.rated) == (6, 1, True)
    assert ids.index("find-a-group") == ids.index("suggest-going-together") - 1
    assert ids.index("custom-wave") == ids.index("say-hello") + 1
    wave = ladder[ids.index("custom-wave")]
    assert wave.custom and wave.settings == ("school-gate",)


def test_find_step(content: Content) -> None:
    journal = J(custom=[("custom-wave", 3, [])]).build()
    half = find_step(content, journal, "walk-out-together")
    assert half.half_of == "suggest-coffee"
    assert half.position == find_step(content, journal, "suggest-coffee").position
    assert find_step(content, journal, "custom-wave").custom
    with pytest.raises(KeyError):
        find_step(content, journal, "no-such-step")


# ---- attempts, progress and position over time ----------------------------------------------


def test_attempts_from_joins_and_until(content: Content) -> None:
    journal = J(tries=[yes("find-a-group"), Try("find-a-group", None, 6), skip("go-back")]).build()
    attempts = attempts_from(journal)
    assert [(a.step_id, a.tried, a.expected_anxiety) for a in attempts] == [
        ("find-a-group", "yes", 2),
        ("find-a-group", None, 6),
        ("go-back", "no", 5),
    ]
    assert attempts[0].plan_id == journal.plans[0].id
    assert attempts[0].fear_came_true == "no" and attempts[0].actual_anxiety == 3
    assert len(attempts_from(journal, until=DAY0 + timedelta(days=1))) == 2
    # a check-in made after `until` is not known yet
    late = journal.checkins[0].model_copy(update={"date": DAY0 + timedelta(days=5)})
    journal.checkins[0] = late
    assert attempts_from(journal, until=DAY0 + timedelta(days=2))[0].tried is None


def test_progress(content: Content) -> None:
    journal = J(
        tries=[
            *mastered("find-a-group"),
            skip("stay-the-session"),
            yes("stay-the-session"),
            skip("stay-the-session"),
        ],
        steps_out=["host-coffee-morning"],
    ).build()
    rows = {r.step.id: r for r in progress(build_history(content, journal))}
    find, stay = rows["find-a-group"], rows["stay-the-session"]
    assert (find.status, find.attempts, find.fear_not_happened) == ("mastered", 3, 3)
    assert find.settings_tried == ("groups", "classes")
    assert find.mastered_on == DAY0 + timedelta(days=2)
    assert (stay.status, stay.attempts, stay.skips, stay.latest_expected) == ("trying", 1, 1, 5)
    assert rows["say-hello"].status == "new"
    assert rows["host-coffee-morning"].status == "not-for-me"
    early = {
        r.step.id: r for r in progress(build_history(content, journal, DAY0 + timedelta(days=1)))
    }
    assert (early["find-a-group"].status, early["find-a-group"].attempts) == ("trying", 2)


def test_ladder_position_until(content: Content) -> None:
    journal = J(tries=[*mastered("find-a-group"), *mastered("stay-the-session")]).build()
    assert ladder_position(build_history(content, Journal())) == 1
    assert ladder_position(build_history(content, journal, DAY0 + timedelta(days=1))) == 1
    assert ladder_position(build_history(content, journal, DAY0 + timedelta(days=2))) == 2
    assert ladder_position(build_history(content, journal)) == 3
    assert mastered_count(build_history(content, journal, DAY0 + timedelta(days=2))) == 1
    placed = J(start="greet-by-name").build()
    assert (
        ladder_position(build_history(content, placed))
        == find_step(content, placed, "greet-by-name").position
    )


# ---- placement --------------------------------------------------------------------------------


def test_ratings_for_placement(content: Content) -> None:
    samples = ratings_for_placement(content)
    assert 3 <= len(samples) <= 4 and len(set(samples)) == len(samples)
    diffs = [content.step(s).difficulty for s in samples]
    assert diffs == sorted(diffs) and diffs[0] <= 3 and diffs[-1] >= 7


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        pytest.param({}, "find-a-group", id="nothing-rated"),
        pytest.param(
            {"stay-the-session": 5, "ask-open-question": 6}, "find-a-group", id="none-easy"
        ),
        pytest.param(
            {"stay-the-session": 1, "ask-open-question": 2, "suggest-going-together": 7},
            "go-back",
            id="just-above-the-hardest-easy-sample",
        ),
        pytest.param({"stay-the-session": 0}, "smile-and-eye-contact", id="one-easy"),
        pytest.param(
            {"stay-the-session": 6, "suggest-going-together": 1},
            "find-a-group",
            id="an-easy-rating-high-up-never-skips-a-hard-one-below",
        ),
        pytest.param(
            {
                "stay-the-session": 0,
                "ask-open-question": 0,
                "suggest-going-together": 0,
                "invite-play-date": 3,
            },
            "host-coffee-morning",
            id="all-easy",
        ),
    ],
)
def test_placement_from_ratings(content: Content, ratings: dict[str, int], expected: str) -> None:
    assert placement_from_ratings(build_history(content, Journal()), ratings) == expected


def test_placement_skips_not_for_me_and_mastered(content: Content) -> None:
    journal = J(steps_out=["go-back"], tries=mastered("greet-by-name")).build()
    assert (
        placement_from_ratings(build_history(content, journal), {"ask-open-question": 2})
        == "sit-and-chat"
    )


def test_history_before_is_the_history_built_at_that_cut(content: Content) -> None:
    """A review's "before" comes from the same read as its "now": the same at every cut, a
    check-in made after the cut included (its plan is not tried yet, by then)."""
    tries = [*mastered("find-a-group"), skip("go-back"), *mastered("go-back"), yes("say-hello")]
    journal = J(tries=tries).build()
    late = journal.checkins[3].model_copy(update={"date": DAY0 + timedelta(days=6)})
    journal.checkins[3] = late
    end = DAY0 + timedelta(days=len(tries) + 1)
    fields = ("attempts", "tracks", "checkins", "shown", "ruled_out")
    for days in range(-1, len(tries) + 1):
        cut = DAY0 + timedelta(days=days)
        built, (_, before) = (
            build_history(content, journal, cut),
            history_and_before(content, journal, end, cut),
        )
        assert all(getattr(built, f) == getattr(before, f) for f in fields), cut
        assert ladder_position(built) == ladder_position(before)
    before = history_and_before(content, journal, end, DAY0 + timedelta(days=4))[1]
    assert before.attempts[3].tried is None
