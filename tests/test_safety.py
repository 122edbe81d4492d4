"""The screen's workings: tiers, normalising, names, guards, everyday idioms; low mood."""

from __future__ import annotations

import datetime as dt

import pytest

from mumcoach.coach.mood import low_days, low_mood_holds
from mumcoach.coach.safety import (
    Screen,
    low_mood_signpost,
    mentions_crisis,
    screen,
)
from mumcoach.content import Content, LowMood, SafetyContent, load_content
from mumcoach.content.safety import normalise
from mumcoach.models import CheckIn, Journal


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content({})


@pytest.fixture(scope="module")
def safety(content: Content) -> SafetyContent:
    return content.safety


CRISIS = [
    # suicide
    "I want to die",
    "Honestly some days I just wanna die",
    "I've been feeling suicidal since the birth",
    "thinking about suicide again",
    "I could just end it all",
    "Everyone would be better off without me",
    "I don't want to be here anymore",
    "I don't want to be here any more.",
    "I wish I wasn't alive",
    "I'm going to kill myself",
    "I might take my own life",
    "there's no point in living like this",
    "I feel like ending it",
    "nobody would miss me",
    "want to go to sleep and never wake up",
    "thought about taking all my pills",
    # self-harm
    "I've started self-harming again",
    "I self harmed last night",
    "I want to hurt myself",
    "been cutting myself",
    "I cut my wrists",
    # harming the baby, intrusive thoughts
    "scared I might hurt the baby",
    "I'm scared I'll hurt the baby",
    "thoughts of harming my baby",
    "I keep having intrusive thoughts about hurting him",
    "I keep picturing smothering him",
    "afraid I could drop her down the stairs",
    "sometimes I want to shake my baby",
    "I'm worried I will harm my son",
    "I'm frightened I might hurt my little one",
    # shouting, punctuation, odd spacing, accents
    "I WANT TO DIE!!!",
    "kill...myself",
    "Self-harm",
    "Suïcidal",
]

MISSPELT = [
    "feeling sucidal today",
    "i keep thinking about sucide",
    "suiciiiidal",
    "I want to kil myself",
    "kill my self",
    "I wanna kill meself",
    "I want too die",
    "I want to diiiie",
    "thinking of slef harm",
    "scared i'll hurt the babby",
    "I’m scared I’ll hurt my bubba",  # curly apostrophes
    "thoughts of harming my bby",
    "unalive myself",
    "I dont wnat to live",
]

# "Not" cases: negation does not cancel a match (see prompts/safety.toml for why).
NEGATED = [
    "I'm not suicidal, just exhausted",
    "I would never hurt my baby but the thoughts scare me",
    "I don't want to die, I just want sleep",
]

EVERYDAY = [
    "killing time before nursery pick-up",
    "I could murder a coffee",
    "dying to see her again!",
    "the baby was cutting a tooth all night",
    "harmless fun at soft play",
    "this nap schedule is killing me",
    "we watched Suicide Squad, the film, last night",
    "I nearly died of embarrassment when he screamed",
    "I wanted to die of embarrassment",
    "killed myself laughing at her story",
    "I worried I'd hurt her feelings by not replying",
    "I hope I didn't hurt her feelings",
    "I need to cut myself some slack",
    "I've been cutting myself off from friends",
    "cut myself chopping onions, ouch",
    "dropping the baby off at nursery",
    "shaking the baby bottle while she screamed",
    "I smother my baby with kisses",
    "my back is killing me",
    "the kids are driving me mad",
    "she was so funny I was in stitches",
    "walked 5 kms with the pram",
    "hurt my back lifting the car seat",
    "my daughter hurt her knee",
    "the baby monitor died",
    "I'd kill for a nap",
    "she's killing it at baby yoga",
    "I was so tired I could die",
    "I'm dying for a wee",
    "I want this teething to end",
    "I drowned my sorrows in cake",
    "",
    "   ",
]


@pytest.mark.parametrize("text", CRISIS)
def test_crisis_words_fire(safety: SafetyContent, text: str) -> None:
    assert mentions_crisis(text, safety)


@pytest.mark.parametrize("text", MISSPELT)
def test_misspellings_and_colloquial_forms_fire(safety: SafetyContent, text: str) -> None:
    assert mentions_crisis(text, safety)


@pytest.mark.parametrize("text", NEGATED)
def test_negation_does_not_cancel(safety: SafetyContent, text: str) -> None:
    assert mentions_crisis(text, safety)


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_phrases_do_not_fire(safety: SafetyContent, text: str) -> None:
    assert not mentions_crisis(text, safety)


def test_a_guard_does_not_hide_a_real_crisis_nearby(safety: SafetyContent) -> None:
    assert mentions_crisis("watched suicide squad and I want to die", safety)
    assert mentions_crisis("killed myself laughing but honestly I'm suicidal", safety)


def test_spelled_out_letters_are_a_known_gap(safety: SafetyContent) -> None:
    # Letter-by-letter spelling is not caught: documented, not silently assumed.
    assert not mentions_crisis("s u i c i d e", safety)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'm SO tired!!", "im so tired"),
        ("don’t", "dont"),
        ("Kiiiill   myself", "kil myself"),
        ("self-harm", "self harm"),
        ("café", "cafe"),
        ("tired. so tired", "tired . so tired"),
        ("kill...myself", "kil myself"),
        ("cant do this 😭😭", "cant do this"),
        ("2.5 kms", "25 kms"),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("I want to die", 1),
        ("I can't do this anymore", 2),
        ("what's the point.", 2),
        ("I keep having intrusive thoughts", 2),
        ("we had a lovely time at the library", None),
    ],
)
def test_two_tiers(safety: SafetyContent, text: str, tier: int | None) -> None:
    found = screen(text, safety)
    assert (found.tier if found else None) == tier


def test_her_childrens_names_are_targets(safety: SafetyContent) -> None:
    assert screen("I'm scared I'll hurt Ollie", safety) != screen(
        "I'm scared I'll hurt Ollie", safety, ["Ollie"]
    )
    assert mentions_crisis("I keep thinking about hurting Ollie", safety, ["Ollie"])
    assert not mentions_crisis("Ollie hurt his knee at soft play", safety, ["Ollie"])


def test_sentence_ends_break_proximity(safety: SafetyContent) -> None:
    assert mentions_crisis("I could hurt the baby", safety)
    assert not mentions_crisis("It hurt. The baby is fine though", safety)


def test_a_guard_blanks_only_its_own_words(safety: SafetyContent) -> None:
    assert not mentions_crisis("I cut myself a slice of cake", safety)
    assert mentions_crisis("I cut myself a slice of cake and then I cut my arms", safety)


def test_a_distance_is_not_text_speak(safety: SafetyContent) -> None:
    assert screen("walked 5 kms with the pram", safety) is None
    assert screen("walked 2 kms today", safety) is None
    assert mentions_crisis("i wnt 2 kms", safety)
    assert mentions_crisis("kms", safety)


def test_one_typo_in_a_long_word(safety: SafetyContent) -> None:
    assert mentions_crisis("feeling suicdal", safety)
    assert mentions_crisis("thinking about an ovredose", safety)
    assert not mentions_crisis("my mother helped with the baby", safety)


def test_rules_come_from_the_content(safety: SafetyContent) -> None:
    rule = safety.rule[0].model_copy(update={"patterns": ("pine|pineapple",)})
    override = safety.model_copy(update={"rule": (rule,)})
    assert mentions_crisis("I ate a pineapple", override)
    assert not mentions_crisis("I ate a pineapple", safety)


def test_pattern_syntax(safety: SafetyContent) -> None:
    engine = Screen(safety)
    words = engine.words("my toddler keeps on trying to hurt the baby")
    assert engine.spans(engine.compile("toddler ...4 hurt"), words) == [(2, 8)]
    assert engine.spans(engine.compile("toddler ...3 hurt"), words) == []
    assert engine.spans(engine.compile("<harm> the? <child>"), words) == [(7, 10)]
    assert engine.spans(engine.compile("!i hurt"), words) == [(6, 8)]
    assert engine.spans(engine.compile("keeps on|trying*2 trying"), words)


# ---- low mood --------------------------------------------------------------------------------


LOW = LowMood(mood_at_most=2, days=4, window_days=14, source="test")
TODAY = dt.date(2026, 11, 21)


def checkins(*day_moods: tuple[int, int], hour: int = 20) -> list[CheckIn]:
    """(days before today, mood) pairs as check-ins."""
    return [
        CheckIn(
            date=TODAY - dt.timedelta(days=ago),
            created_at=dt.datetime.combine(TODAY - dt.timedelta(days=ago), dt.time(hour)),
            mood=mood,
        )
        for ago, mood in day_moods
    ]


@pytest.mark.parametrize(
    ("day_moods", "expected"),
    [
        ((), False),
        (((0, 1), (1, 1), (2, 1)), False),  # three low days: not yet
        (((0, 1), (1, 2), (5, 1), (13, 2)), True),  # four low days within the fortnight
        (((0, 1), (1, 2), (5, 1), (14, 2)), False),  # the fourth has left the window
        (((0, 1), (30, 1), (60, 1), (90, 1)), False),  # a month apart is not "lately"
        (((0, 3), (1, 3), (2, 3), (3, 3)), False),
    ],
)
def test_low_mood_counts_calendar_days(
    day_moods: tuple[tuple[int, int], ...], expected: bool
) -> None:
    assert low_mood_holds(checkins(*day_moods), TODAY, LOW) is expected


def test_a_day_counts_once_by_its_latest_mood() -> None:
    same_day = checkins((0, 1), (0, 1), (0, 1), (0, 1))
    assert low_days(same_day, TODAY, LOW) == 1
    morning_low = checkins((0, 1), (1, 1), (2, 1), (3, 1), hour=8)
    evening_better = checkins((0, 4), hour=21)
    assert low_days(morning_low + evening_better, TODAY, LOW) == 3


def test_the_full_message_once_per_spell_then_a_pointer_until_moods_recover() -> None:
    journal = Journal()
    journal.checkins = checkins((1, 1), (2, 1), (3, 2))
    assert low_mood_signpost(journal, TODAY, LOW) is None
    journal.checkins += checkins((0, 2))
    assert low_mood_signpost(journal, TODAY, LOW) == "message"
    assert journal.low_mood_noted == TODAY
    tomorrow = TODAY + dt.timedelta(days=1)
    journal.checkins += checkins((-1, 1))
    assert low_mood_signpost(journal, tomorrow, LOW) == "pointer"
    later = TODAY + dt.timedelta(days=20)  # the low days have left the window
    assert low_mood_signpost(journal, later, LOW) is None and journal.low_mood_noted is None
    journal.checkins += checkins(*((-20 - n, 1) for n in range(4)))
    assert low_mood_signpost(journal, TODAY + dt.timedelta(days=23), LOW) == "message"


def test_the_shipped_rule(content: Content) -> None:
    low = content.rules.low_mood
    assert (low.mood_at_most, low.days, low.window_days) == (2, 4, 14)
