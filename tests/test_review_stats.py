"""The weekly review's numbers, on hand-built journals whose answers are worked out by hand."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest

from mumcoach.coach.review import (
    build_review,
    parse_ucla,
    record_ucla,
    streak,
    ucla_due,
)
from mumcoach.content import Content, load_content
from mumcoach.errors import BadInput
from mumcoach.models import CheckIn, Interaction, Journal, Loneliness, Person, Plan, Profile
from mumcoach.views.review_json import review_json

END = date(2026, 11, 21)  # a Saturday; the default window is Sun 15 .. Sat 21 Nov
START = date(2026, 11, 15)


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content({})


# ---- builders (also used by test_review_view.py and test_review_cmd.py) ---------------------


def d(day: int, month: int = 11) -> date:
    return date(2026, month, day)


def at(day: date, hour: int = 20) -> datetime:
    return datetime(day.year, day.month, day.day, hour)


def plan(pid: str, day: date, step: str, expected: int | None = None, **fields: Any) -> Plan:
    return Plan(
        id=pid, date=day, created_at=at(day, 9), step_id=step, expected_anxiety=expected, **fields
    )


def checkin(day: date, *interactions: Interaction, mood: int | None = 3, **fields: Any) -> CheckIn:
    fields.setdefault("created_at", at(day))
    return CheckIn(date=day, mood=mood, interactions=list(interactions), **fields)


def met(pid: str, name: str, **fields: Any) -> Interaction:
    return Interaction(person_id=pid, name=name, **fields)


def person(pid: str, name: str, first_met: date) -> Person:
    return Person(id=pid, name=name, created=first_met, first_met=first_met)


def full_week() -> Journal:
    """A busy week, 15–21 Nov 2026, with history before it.

    Plans in the window (start step say-hello, so the ladder sits at step 4 throughout):
      p1 16 Nov say-hello          expected 6 → tried yes,    felt 3, fear no
      p2 17 Nov say-hello          expected 5 → tried partly, felt 4, fear partly
      p3 18 Nov ask-open-question  expected 8 → tried yes,    felt 6, fear yes
      p4 19 Nov ask-open-question  expected 7 → tried no (no fear answer, no actual)
      p5 21 Nov say-hello          expected 4 → no check-in yet (planned only)
    and p0 on 10 Nov (before the window), tried yes, fear no: not counted.

    People:
      Sarah  met 1 Nov, chatted 10 min then; 17 Nov swapped numbers (15 min, liked 5 / 2),
             follow-up due 20 Nov, open                 → moved up chatted → numbers
      Priya  first met 16 Nov: 3 min, detail, liked 6 / 4, follow-up due 25 Nov → new
      Jo     met 1 Oct; 2 Nov chatted 20 min (follow-up due 10 Nov, done 12 Nov);
             18 Nov meet-up 90 min, liked 5 / 5, follow-up due 21 Nov (today)
                                                         → moved up chatted → met-up
      Amira  met 1 Oct; invited 5 Oct, 20 Oct, 19 Nov, never invited back → 3 unreturned
    """
    sarah, priya, jo, amira = "sarah", "priya", "jo", "amira"
    journal = Journal(
        profile=Profile(region="uk", created=d(1, 10)),
        people=[
            person(sarah, "Sarah", d(1)),
            person(priya, "Priya", d(16)),
            person(jo, "Jo", d(1, 10)),
            person(amira, "Amira", d(1, 10)),
        ],
        plans=[
            plan("p0", d(10), "say-hello", 6),
            plan("p1", d(16), "say-hello", 6),
            plan("p2", d(17), "say-hello", 5),
            plan("p3", d(18), "ask-open-question", 8),
            plan("p4", d(19), "ask-open-question", 7),
            plan("p5", d(21), "say-hello", 4),
        ],
        checkins=[
            checkin(d(5, 10), met(amira, "Amira", invited=True)),
            checkin(d(20, 10), met(amira, "Amira", invited=True)),
            checkin(d(1), met(sarah, "Sarah", minutes=10)),
            checkin(
                d(2),
                met(
                    jo,
                    "Jo",
                    minutes=20,
                    follow_up="lend the book",
                    follow_up_due=d(10),
                    follow_up_done=d(12),
                ),
            ),
            checkin(
                d(10), plan_id="p0", tried="yes", fear_came_true="no", actual_anxiety=3, mood=2
            ),
            checkin(
                d(16),
                met(
                    priya,
                    "Priya",
                    minutes=3,
                    detail="twins, Leo and Max",
                    liked_them=6,
                    they_liked_me=4,
                    follow_up="ask about the sling library",
                    follow_up_due=d(25),
                ),
                plan_id="p1",
                tried="yes",
                actual_anxiety=3,
                fear_came_true="no",
                mood=3,
                energy=5,
            ),
            checkin(
                d(17),
                met(
                    sarah,
                    "Sarah",
                    minutes=15,
                    swapped_numbers=True,
                    liked_them=5,
                    they_liked_me=2,
                    follow_up="send the swimming timetable",
                    follow_up_due=d(20),
                ),
                plan_id="p2",
                tried="partly",
                actual_anxiety=4,
                fear_came_true="partly",
                mood=4,
                energy=6,
            ),
            checkin(
                d(18),
                met(
                    jo,
                    "Jo",
                    minutes=90,
                    meetup=True,
                    liked_them=5,
                    they_liked_me=5,
                    follow_up="text about soft play",
                    follow_up_due=d(21),
                ),
                plan_id="p3",
                tried="yes",
                actual_anxiety=6,
                fear_came_true="yes",
                mood=2,
                energy=3,
            ),
            checkin(
                d(19), met(amira, "Amira", invited=True), plan_id="p4", tried="no", mood=3, energy=4
            ),
            checkin(d(20), mood=4, energy=7),
        ],
    )
    journal.ladder.start_step = "say-hello"
    return journal


# ---- the full week ----------------------------------------------------------------------------


def test_full_week_counts(content: Content) -> None:
    r = build_review(content, full_week(), END, 7)
    assert (r.start, r.end, r.days) == (START, END, 7)
    # check-ins dated 16, 17, 18, 19, 20 Nov
    assert r.checkins == 5
    # none on 21 Nov yet, so the streak runs back from 20 Nov: 20, 19, 18, 17, 16 → 5
    assert r.streak_days == 5
    # p1..p5 planned; yes: p1, p3; partly: p2; no: p4; p5 has no check-in yet
    assert (r.steps.planned, r.steps.tried, r.steps.partly, r.steps.not_tried) == (5, 2, 1, 1)
    assert not r.empty


def test_full_week_experiments(content: Content) -> None:
    e = build_review(content, full_week(), END, 7).experiments
    # tested = plans whose check-in answered the fear question: p1 (no), p2 (partly), p3 (yes)
    assert (e.tested, e.feared_happened, e.feared_partly, e.feared_not_happened) == (3, 1, 1, 1)
    # expected (6 + 5 + 8) / 3 = 6.33 → 6.3; actual (3 + 4 + 6) / 3 = 4.33 → 4.3
    assert (e.mean_expected_anxiety, e.mean_actual_anxiety, e.pairs) == (6.3, 4.3, 3)


def test_full_week_per_step_chart_in_ladder_order(content: Content) -> None:
    charts = build_review(content, full_week(), END, 7).per_step
    got = [
        (c.step_id, c.planned, c.tested, c.pairs, c.mean_expected_anxiety, c.mean_actual_anxiety)
        for c in charts
    ]
    assert got == [
        # say-hello: p1, p2, p5 planned; p1, p2 tested; expected (6+5)/2, felt (3+4)/2
        ("say-hello", 3, 2, 2, 5.5, 3.5),
        # ask-open-question: p3, p4 planned; only p3 tested: 8 expected, felt 6
        ("ask-open-question", 2, 1, 1, 8.0, 6.0),
    ]
    assert charts[0].title == content.step("say-hello").title


def test_full_week_liking_gap_funnel_and_people(content: Content) -> None:
    r = build_review(content, full_week(), END, 7)
    # gaps in the window: Priya 6-4 = 2, Sarah 5-2 = 3, Jo 5-5 = 0 → 5/3 = 1.67 → 1.7
    assert (r.liking_gap_mean, r.liking_gap_count) == (1.7, 3)
    # names: Priya (first met 16 Nov); chats: Priya (detail), Sarah (15 min), Jo (90 min) —
    # Amira's invitation had neither minutes nor a detail; numbers: Sarah; meet-ups: Jo
    f = r.funnel
    assert (f.names_learned, f.chats, f.numbers_swapped, f.meetups) == (1, 3, 1, 1)
    p = r.people
    assert p.new == ("Priya",)
    assert {(m.name, m.before, m.after) for m in p.moved} == {
        ("Sarah", "chatted", "numbers"),
        ("Jo", "chatted", "met-up"),
    }
    # 3 + 15 + 90 + 0 minutes = 108 min = 1.8 h; four different people
    assert (p.hours_together, p.connected) == (1.8, 4)
    assert [(u.name, u.invitations) for u in p.reciprocity] == [("Amira", 3)]


def test_full_week_followups_mood_and_focus(content: Content) -> None:
    r = build_review(content, full_week(), END, 7)
    # Sarah's (due 20 Nov, overdue) and Jo's (due 21 Nov, today); Priya's is due 25 Nov and
    # Jo's book was done on 12 Nov
    assert [(f.name, f.due, f.overdue) for f in r.followups] == [
        ("Sarah", d(20), True),
        ("Jo", d(21), False),
    ]
    assert [x.mood for x in r.daily] == [None, 3, 4, 2, 3, 4, None]
    assert [x.energy for x in r.daily] == [None, 5, 6, 3, 4, 7, None]
    assert [x.date for x in r.daily] == [START + timedelta(days=n) for n in range(7)]
    # she had invited Amira on three days before the week began: that shows "invite her to a
    # play date" done (rules.toml [evidence]), so her working step is the one above it
    assert (r.ladder_start, r.ladder_end) == (15, 15)
    assert r.focus is not None and r.focus.step_id == "host-coffee-morning"
    assert r.focus.reason.startswith("You've invited Amira")
    # moods up to the end: 2, 3, 4, 2, 3, 4 → two ≤ 2, the rule needs 4 of the last 7
    assert r.signpost is False
    assert r.region == "uk"
    # headline: the experiments come first: 1 of 3 fears did not come true
    assert r.headline == content.say("review.headline.experiments", not_happened=1, tested=3)


def test_json_has_every_key_and_the_same_numbers(content: Content) -> None:
    data = review_json(build_review(content, full_week(), END, 7))
    assert data["window"] == {"start": "2026-11-15", "end": "2026-11-21", "days": 7}
    assert data["steps"] == {"planned": 5, "tried": 2, "partly": 1, "not_tried": 1}
    assert data["experiments"]["mean_expected_anxiety"] == 6.3
    assert data["funnel"] == {"names_learned": 1, "chats": 3, "numbers_swapped": 1, "meetups": 1}
    assert data["followups_due"] == 2
    assert data["people"]["moved_up"] == 2 and data["people"]["new"] == 1
    assert data["people"]["reciprocity_notes"] == [{"name": "Amira", "unreturned": 3}]
    assert data["suggestion"]["id"] == "host-coffee-morning"
    assert data["mood"][1] == {"date": "2026-11-16", "value": 3.0}


# ---- quieter weeks ------------------------------------------------------------------------------


def test_week_with_no_plans(content: Content) -> None:
    journal = Journal(checkins=[checkin(d(17), mood=4), checkin(d(18), mood=5)])
    r = build_review(content, journal, END, 7)
    assert (r.steps.planned, r.steps.tried, r.steps.partly, r.steps.not_tried) == (0, 0, 0, 0)
    assert r.experiments.tested == 0
    assert r.experiments.mean_expected_anxiety is None
    assert r.experiments.mean_actual_anxiety is None
    assert r.per_step == ()
    assert r.liking_gap_mean is None
    # 17 and 18 Nov, but nothing on 20 or 21 Nov: no streak running at the end of the window
    assert (r.checkins, r.streak_days) == (2, 0)
    # nobody met, two check-ins: the check-ins headline
    assert r.headline == content.say("review.headline.checkins", checkins=2, span="this week")
    assert not r.empty


def test_partial_data_means_over_what_exists(content: Content) -> None:
    journal = Journal(
        plans=[
            plan("a", d(16), "say-hello", 6),
            plan("b", d(17), "say-hello", None),  # no expected anxiety
            plan("c", d(18), "say-hello", 4),
        ],
        checkins=[
            checkin(
                d(16),
                met("x", "Xin", liked_them=6),
                plan_id="a",
                tried="yes",
                fear_came_true="no",
                actual_anxiety=None,
            ),  # no actual anxiety
            checkin(
                d(17),
                met("y", "Yas", liked_them=5, they_liked_me=3),
                plan_id="b",
                tried="yes",
                fear_came_true="no",
                actual_anxiety=2,
            ),
            checkin(d(18), plan_id="c", tried="yes", fear_came_true="partly", actual_anxiety=5),
        ],
    )
    r = build_review(content, journal, END, 7)
    e = r.experiments
    # all three tested; only c has both numbers: expected 4, felt 5
    assert (e.tested, e.pairs, e.mean_expected_anxiety, e.mean_actual_anxiety) == (3, 1, 4.0, 5.0)
    # only Yas was rated both ways: 5 - 3 = 2
    assert (r.liking_gap_mean, r.liking_gap_count) == (2.0, 1)
    # people never entered as Person records still count, by the name logged
    assert r.people.connected == 2


def test_a_tried_step_without_a_fear_answer_is_not_tested(content: Content) -> None:
    journal = Journal(
        plans=[plan("a", d(16), "say-hello", 6)],
        checkins=[checkin(d(16), plan_id="a", tried="yes", actual_anxiety=3)],
    )
    r = build_review(content, journal, END, 7)
    assert (r.steps.tried, r.experiments.tested, r.experiments.mean_actual_anxiety) == (1, 0, None)


def test_empty_journal_has_every_number_at_zero(content: Content) -> None:
    r = build_review(content, Journal(), END, 7)
    assert r.empty
    data = review_json(r)
    assert data["checkins"] == 0 and data["streak_days"] == 0
    assert data["experiments"]["mean_actual_anxiety"] is None
    assert data["liking_gap_mean"] is None
    assert data["mood"] == [
        {"date": (START + timedelta(days=n)).isoformat(), "value": None} for n in range(7)
    ]
    assert data["signpost"] is False
    assert data["ladder"]["position_start"] == data["ladder"]["position_end"] == 1
    assert r.headline == content.say("review.headline.quiet")


# ---- dates: back-dating, window edges, streaks ------------------------------------------------


def test_back_dated_checkin_counts_in_the_week_it_is_about(content: Content) -> None:
    # Entered on 19 Nov about 12 Nov: it belongs to the week of 12 Nov, not this one.
    late = checkin(d(12), mood=4, created_at=at(d(19)))
    this_week = build_review(content, Journal(checkins=[late]), END, 7)
    assert this_week.checkins == 0
    last_week = build_review(content, Journal(checkins=[late]), d(14), 7)  # 8–14 Nov
    assert last_week.checkins == 1
    assert [x.mood for x in last_week.daily] == [None, None, None, None, 4.0, None, None]


def test_window_edges_end_and_days(content: Content) -> None:
    journal = Journal(checkins=[checkin(d(n), mood=3) for n in (8, 14, 15, 21, 22)])
    # 15..21 Nov: 15 and 21 are both inside, 14 and 22 outside
    assert build_review(content, journal, END, 7).checkins == 2
    # --end 14 Nov: 8..14 Nov holds 8 and 14
    assert build_review(content, journal, d(14), 7).checkins == 2
    # --days 1: only 21 Nov itself
    one = build_review(content, journal, END, 1)
    assert (one.start, one.checkins, len(one.daily)) == (END, 1, 1)
    # --days 14: 8..21 Nov holds 8, 14, 15, 21
    assert build_review(content, journal, END, 14).checkins == 4
    # nothing after the end counts: the 22 Nov check-in does not make a streak
    assert build_review(content, journal, END, 7).streak_days == 1


def test_streak_rule() -> None:
    days = {d(n) for n in (14, 16, 17, 18, 19, 20)}
    # no check-in on 21 Nov yet: count back from 20 Nov: 20, 19, 18, 17, 16 → 5 (15 missing)
    assert streak(days, d(21)) == 5
    # with one on the end day, it counts from there: 21..16 → 6
    assert streak(days | {d(21)}, d(21)) == 6
    # two days without one break it
    assert streak(days, d(22)) == 0
    assert streak(set(), d(21)) == 0


# ---- ladder and stages over the window --------------------------------------------------------


def test_ladder_position_start_vs_end(content: Content) -> None:
    # Start step say-hello (4). Mastery needs 3 real attempts, latest expected ≤ 3 and the fear
    # not happening once. Two attempts before the window, the third on 17 Nov → mastered then,
    # so the ladder moves from step 4 to step 5 during the week.
    journal = Journal(
        plans=[plan(f"h{n}", d(n), "say-hello", 3) for n in (5, 10)]
        + [plan("h17", d(17), "say-hello", 2)],
        checkins=[
            checkin(d(n), plan_id=f"h{n}", tried="yes", fear_came_true="no", actual_anxiety=2)
            for n in (5, 10, 17)
        ],
    )
    journal.ladder.start_step = "say-hello"
    r = build_review(content, journal, END, 7)
    assert (r.ladder_start, r.ladder_end) == (4, 5)
    # a window ending before the third attempt still shows step 4
    earlier = build_review(content, journal, d(14), 7)
    assert (earlier.ladder_start, earlier.ladder_end) == (4, 4)


def test_people_moved_up_stage_as_of_the_window_dates(content: Content) -> None:
    journal = Journal(
        people=[person("a", "Ana", d(1)), person("b", "Bea", d(1)), person("c", "Cat", d(17))],
        checkins=[
            checkin(d(1), met("a", "Ana"), met("b", "Bea", swapped_numbers=True)),
            # Ana: names → chatted (a detail) this week; Bea: numbers again, not a move;
            # Cat is new this week (nothing → chatted) and counts as new, not as moved up
            checkin(
                d(17),
                met("a", "Ana", detail="likes baby yoga"),
                met("b", "Bea", minutes=30),
                met("c", "Cat", minutes=10),
            ),
            # after the window: must not count
            checkin(d(23), met("b", "Bea", meetup=True)),
        ],
    )
    r = build_review(content, journal, END, 7)
    assert [(m.name, m.before, m.after) for m in r.people.moved] == [("Ana", "names", "chatted")]
    assert r.people.new == ("Cat",)
    # a week later Bea's meet-up moves her numbers → met-up
    later = build_review(content, journal, d(28), 7)
    assert [(m.name, m.after) for m in later.people.moved] == [("Bea", "met-up")]


def test_new_person_from_a_back_dated_checkin_is_new_in_that_week(content: Content) -> None:
    # Logged on 21 Nov about 12 Nov: first_met says 21 Nov, the interaction says 12 Nov.
    journal = Journal(
        people=[person("z", "Zoe", d(21))],
        checkins=[checkin(d(12), met("z", "Zoe", minutes=10), created_at=at(d(21)))],
    )
    assert build_review(content, journal, END, 7).people.new == ()
    assert build_review(content, journal, d(14), 7).people.new == ("Zoe",)


def test_reciprocity_counts_as_of_the_window_end(content: Content) -> None:
    invites = [checkin(d(n), met("m", "Mia", invited=True)) for n in (2, 9, 17)]
    journal = Journal(people=[person("m", "Mia", d(1))], checkins=invites)
    assert [u.invitations for u in build_review(content, journal, END, 7).people.reciprocity] == [3]
    # by 14 Nov only two were unreturned: no note yet
    assert build_review(content, journal, d(14), 7).people.reciprocity == ()
    # once she invites back the count starts again
    journal.checkins.append(checkin(d(20), met("m", "Mia", invited_me=True)))
    assert build_review(content, journal, END, 7).people.reciprocity == ()


# ---- safety, loneliness -----------------------------------------------------------------------


def test_signpost_counts_low_days_in_the_fortnight_up_to_the_end(content: Content) -> None:
    # moods 1, 2, 2, 1 on 14, 16, 17, 18 Nov: four low days in the 14 days to 21 Nov → fires
    low = [checkin(d(n), mood=m) for n, m in ((14, 1), (16, 2), (17, 2), (18, 1))]
    assert build_review(content, Journal(checkins=low), END, 7).signpost is True
    # good days after them do not hide them: still four low days in the fortnight
    good = [checkin(d(n), mood=4) for n in (19, 20, 21)]
    assert build_review(content, Journal(checkins=low + good), END, 7).signpost is True
    # by 28 Nov, 14 Nov has left the fortnight: three low days → quiet
    assert build_review(content, Journal(checkins=low + good), d(28), 7).signpost is False
    # four low check-ins on one day are one low day
    one_day = [checkin(d(18), mood=1) for _ in range(4)]
    assert build_review(content, Journal(checkins=one_day), END, 7).signpost is False
    # check-ins without a mood (a crisis stopped them) are skipped, not read as low
    assert (
        build_review(
            content, Journal(checkins=[checkin(d(n), mood=None) for n in range(15, 22)]), END, 7
        ).signpost
        is False
    )


def test_loneliness_trend_is_totals_up_to_the_end(content: Content) -> None:
    journal = Journal(
        loneliness=[
            Loneliness(date=d(14), answers=[3, 2, 3]),
            Loneliness(date=d(1), answers=[3, 3, 3]),
            Loneliness(date=d(28), answers=[1, 1, 1]),
        ]
    )
    r = build_review(content, journal, END, 7)
    # oldest first; 28 Nov is after the window end
    assert [(p.date, p.total) for p in r.loneliness] == [(d(1), 9), (d(14), 8)]
    assert review_json(r)["loneliness"] == [
        {"date": "2026-11-01", "answers": [3, 3, 3], "total": 9},
        {"date": "2026-11-14", "answers": [3, 2, 3], "total": 8},
    ]


def test_ucla_parsing_due_and_recording() -> None:
    assert parse_ucla("2,1,3") == [2, 1, 3]
    assert parse_ucla(" 1, 1 ,1 ") == [1, 1, 1]
    for bad in ("2,1", "2,1,4", "0,1,2", "a,b,c", "", "1,2,3,1"):
        with pytest.raises(BadInput):
            parse_ucla(bad)
    journal = Journal()
    assert ucla_due(journal, END, 7)
    record_ucla(journal, d(15), [2, 2, 2])
    assert not ucla_due(journal, END, 7)  # 6 days later
    assert ucla_due(journal, d(22), 7)  # 7 days later
    record_ucla(journal, d(22), None)  # offered, "not now"
    assert journal.ucla_offered == d(22) and len(journal.loneliness) == 1
    assert not ucla_due(journal, d(28), 7)
    record_ucla(journal, d(29), [1, 2, 3])
    record_ucla(journal, d(29), [1, 1, 3])  # the same day again replaces, never duplicates
    assert [(e.date, e.answers) for e in journal.loneliness] == [
        (d(15), [2, 2, 2]),
        (d(29), [1, 1, 3]),
    ]


# ---- years of data ----------------------------------------------------------------------


def five_years() -> Journal:
    """A check-in a day for five years, a plan most days, a few people a week."""
    first = date(2021, 11, 22)
    people = [person(f"p{n}", f"Parent {n}", first) for n in range(60)]
    plans, checkins = [], []
    steps = ["say-hello", "ask-open-question", "go-back", "greet-by-name"]
    for n in range(5 * 365):
        day = first + timedelta(days=n)
        pid = f"plan{n}"
        plans.append(plan(pid, day, steps[n % 4], n % 10))
        who = people[n % 60]
        checkins.append(
            checkin(
                day,
                met(
                    who.id,
                    who.name,
                    minutes=n % 40,
                    liked_them=5,
                    they_liked_me=4,
                    invited=n % 7 == 0,
                    follow_up="say hi",
                    follow_up_due=day,
                ),
                plan_id=pid,
                tried=("yes", "partly", "no")[n % 3],
                fear_came_true="no",
                actual_anxiety=n % 8,
                mood=1 + n % 5,
                energy=n % 11,
            )
        )
    return Journal(people=people, plans=plans, checkins=checkins)


def test_five_years_of_data_reviews_only_the_window(content: Content) -> None:
    # Speed over years of data is measured by benchmarks/bench.py, not by a timed test.
    journal = five_years()
    r = build_review(content, journal, date(2026, 11, 20), 7)
    assert r.checkins == 7 and r.steps.planned == 7
    assert r.start == date(2026, 11, 14)
