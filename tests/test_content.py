"""The shipped content loads and is complete; broken or overridden content is handled kindly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mumcoach.content import (
    FILES,
    REGIONS,
    REQUIRED_MESSAGES,
    REQUIRED_QUESTIONS,
    SETTINGS,
    Content,
    HalfStep,
    Step,
    find_prompts_dirs,
    load_content,
    placeholders,
)
from mumcoach.content import files as content_files
from mumcoach.errors import CONTENT_INVALID, ContentInvalid

SHIPPED = Path(__file__).resolve().parents[1] / "prompts"

LADDER_IDS = [
    "find-a-group",
    "stay-the-session",
    "smile-and-eye-contact",
    "say-hello",
    "ask-open-question",
    "go-back",
    "greet-by-name",
    "sit-and-chat",
    "share-something-true",
    "suggest-going-together",
    "suggest-coffee",
    "swap-numbers",
    "follow-up-message",
    "invite-play-date",
    "host-coffee-morning",
]
LADDER_DIFFICULTY = [1, 2, 2, 3, 4, 3, 4, 5, 5, 6, 7, 7, 6, 8, 9]  # science.md §8

# The message ids and placeholders the coach relies on (the brief's list).
MESSAGES = {
    "reason.start": {},
    "reason.placement": {"rated": "Say hello", "rating": 3},
    "reason.repeat": {"attempts": 2, "times": "twice"},
    "reason.move_up": {
        "previous": "Say hello",
        "times": "3 times",
        "expected": 2,
        "not_happened": "twice",
    },
    "reason.new_setting": {"setting": "soft play"},
    "reason.easier_anxiety": {"step": "Swap numbers", "expected": 8},
    "reason.easier_rated": {"step": "Swap numbers", "rating": 9},
    "reason.easier_skips": {"step": "Swap numbers", "skips": 2},
    "reason.low_energy": {"energy": 2},
    "reason.low_energy_same": {"energy": 2},
    "reason.shown": {"did": "swapped numbers with Sarah and Priya"},
    "reason.found_place": {"place": "Hartbeeps"},
    "reason.chosen": {},
    "reason.chosen_easier": {"step": "Swap numbers"},
    "reason.all_mastered": {},
    "evidence.numbers": {"names": "Sarah and Priya"},
    "reflect.next_step_at": {"place": "Hartbeeps", "step": "Say hello", "reason": "Ready."},
    "cue.acceptance_online": {},
    "cue.names_online": {},
    "reflect.fear_not_happened": {"fear": "she'll ignore me", "likelihood": 70},
    "reflect.fear_partly": {"fear": "awkward silence"},
    "reflect.fear_happened": {"fear": "awkward silence"},
    "reflect.anxiety_lower": {"expected": 7, "actual": 4},
    "reflect.anxiety_same": {"actual": 5},
    "reflect.anxiety_higher": {"expected": 4, "actual": 7},
    "reflect.not_tried": {},
    "reflect.partly_tried": {},
    "reflect.no_plan": {"day": "on Thursday"},
    "reflect.liking_gap": {"name": "Sarah", "liked": 6, "they_liked": 3},
    "review.liking_gap": {"gap": "2.0", "over": "over 2 rated chats"},
    "reflect.followup": {"name": "Sarah", "message": "Hi Sarah!"},
    "reflect.proud": {},
    "reflect.next_step": {"step": "Say hello", "reason": "You're ready."},
    "reflect.thanks": {},
    "cue.acceptance": {},
    "cue.names": {},
    "cue.drop_safety": {"behaviour": "phone in hand"},
    "reciprocity.note": {"name": "Sarah", "count": 3},
    "review.empty": {"span": "this week"},
    "review.headline.experiments": {"not_happened": 9, "tested": 11},
    "review.headline.checkins": {"checkins": 5, "span": "this week"},
    "review.headline.people": {"people": 4, "span": "in these 14 days"},
    "review.headline.quiet": {},
    "review.focus": {"step": "Swap numbers", "reason": "You're ready."},
    "review.focus_at": {"place": "Hartbeeps", "step": "Swap numbers", "reason": "Ready."},
    "hours.horizon": {"casual": 50, "friend": 90, "close": 200},
    "not_therapy": {},
    "low_mood.message": {"services": "Your doctor or midwife"},
    "crisis.intro": {},
}


@pytest.fixture(scope="module")
def shipped() -> Content:
    return load_content({})


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def shipped_text(name: str) -> str:
    return (SHIPPED / name).read_text(encoding="utf-8")


# ---- the shipped content ---------------------------------------------------------------------


def test_every_shipped_file_loads_from_the_checkout(shipped: Content) -> None:
    assert set(shipped.sources) == set(FILES)
    for name, path in shipped.sources.items():
        assert path.name == name and path.is_file()


def test_default_env_is_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MUMCOACH_PROMPTS", raising=False)
    assert len(load_content().steps) == 15


def test_ladder_is_science_section_8_in_order(shipped: Content) -> None:
    assert [s.id for s in shipped.steps] == LADDER_IDS
    assert [s.difficulty for s in shipped.steps] == LADDER_DIFFICULTY
    assert shipped.steps[0].safety_behaviour is None
    assert all(s.safety_behaviour for s in shipped.steps[1:])


def test_big_steps_have_easier_half_steps(shipped: Content) -> None:
    for step in shipped.steps:
        if step.difficulty >= 6:
            assert step.half_steps, step.id
        for half in step.half_steps:
            assert half.difficulty < step.difficulty
            assert shipped.parent(half.id) is step


def test_every_step_is_complete(shipped: Content) -> None:
    for step in shipped.steps:
        assert step.if_then.startswith("If ") and ", then I" in step.if_then
        assert step.online, step.id
        assert 1 <= len(step.tips) <= 3
        assert "science.md §8" in step.source
        assert set(step.settings) <= set(SETTINGS)


def test_step_and_half_step_ids_are_unique(shipped: Content) -> None:
    ids = [s.id for s in shipped.steps] + [h.id for s in shipped.steps for h in s.half_steps]
    assert len(ids) == len(set(ids))
    assert not any(i.startswith("custom-") for i in ids)


def test_step_lookup(shipped: Content) -> None:
    assert isinstance(shipped.step("swap-numbers"), Step)
    half = shipped.step("walk-out-together")
    assert isinstance(half, HalfStep)
    assert shipped.parent("walk-out-together").id == "suggest-coffee"
    assert shipped.number("walk-out-together") == 11
    assert shipped.number("find-a-group") == 1
    with pytest.raises(KeyError):
        shipped.step("no-such-step")


def test_openers(shipped: Content) -> None:
    assert len(shipped.openers) >= 36
    ids = [o.id for o in shipped.openers]
    assert len(ids) == len(set(ids))
    covered = {s for o in shipped.openers for s in o.settings}
    assert covered == set(SETTINGS)
    assert not any("how old" in o.text.lower() for o in shipped.openers)
    assert {o.stage for o in shipped.openers} == {"hello", "getting-to-know", "again", "closer"}


def test_every_step_and_setting_gets_fitting_openers(shipped: Content) -> None:
    for step in shipped.steps:
        for setting in step.settings:
            picked = shipped.openers_for(step.id, setting)
            assert len(picked) == 3
            assert step.id in picked[0].steps and setting in picked[0].settings, (step.id, setting)


def test_openers_for_is_deterministic_and_rotates(shipped: Content) -> None:
    first = shipped.openers_for("say-hello", "school-gate", n=3)
    assert first == shipped.openers_for("say-hello", "school-gate", n=3)
    rotated = shipped.openers_for("say-hello", "school-gate", n=3, rotate=1)
    assert [o.id for o in rotated] != [o.id for o in first]
    assert all("say-hello" in o.steps and "school-gate" in o.settings for o in rotated[:2])


def test_openers_for_a_half_step_or_custom_step(shipped: Content) -> None:
    half = shipped.openers_for("walk-out-together", "groups")
    assert "suggest-coffee" in half[0].steps
    custom = shipped.openers_for("custom-my-own-step", "online", n=5)
    assert len(custom) == 5 and all("online" in o.settings for o in custom)


def test_followups(shipped: Content) -> None:
    assert len(shipped.followups) >= 8
    for f in shipped.followups:
        assert placeholders(f.text) <= {"name", "child"}
        assert f.source
        assert f.text.format(name="Sarah", child="Alfie")
    assert shipped.followups_for("after-first-chat")


@pytest.mark.parametrize(("message_id", "fields"), sorted(MESSAGES.items()))
def test_message_exists_and_formats(
    shipped: Content, message_id: str, fields: dict[str, object]
) -> None:
    text = shipped.say(message_id, **fields)
    assert text and "{" not in text
    for value in fields.values():
        if isinstance(value, str):
            assert value in text
    assert shipped.messages[message_id].source


def test_required_messages_cover_the_brief(shipped: Content) -> None:
    assert set(MESSAGES) <= set(REQUIRED_MESSAGES)
    for message_id, allowed in REQUIRED_MESSAGES.items():
        assert placeholders(shipped.messages[message_id].text) <= allowed


def test_messages_stay_kind(shipped: Content) -> None:
    words = " ".join(m.text.lower() for m in shipped.messages.values())
    for unkind in ("should have", "failed", "you must", "lazy"):
        assert unkind not in words
    assert "coach, not therapy" in shipped.say("not_therapy")
    low = shipped.say("low_mood.message", services=shipped.regions["uk"].services)
    assert "GP" in low and "health visitor" in low and "midwife" in low
    liking = shipped.say("reflect.liking_gap", name="Sam", liked=6, they_liked=3)
    assert "%" not in liking  # no effect size is quoted


def test_say_unknown_message(shipped: Content) -> None:
    with pytest.raises(KeyError):
        shipped.say("no.such.message")


def test_questions(shipped: Content) -> None:
    for key in REQUIRED_QUESTIONS:
        assert shipped.question(key).strip()
        assert "{" not in shipped.question(key)
    with pytest.raises(KeyError):
        shipped.question("nope")


def test_rules(shipped: Content) -> None:
    r = shipped.rules
    assert (r.mastery.min_attempts, r.mastery.max_expected_anxiety) == (3, 3)
    assert r.mastery.min_fear_not_happened == 1
    assert (r.easier.expected_anxiety_at_least, r.easier.skips) == (8, 2)
    assert r.energy.low_at_most == 3
    assert r.reciprocity.unreturned_invitations == 3
    assert (r.low_mood.mood_at_most, r.low_mood.days, r.low_mood.window_days) == (2, 4, 14)
    assert (r.hours.casual, r.hours.friend, r.hours.close) == (50, 90, 200)
    assert (r.plan.open_days, r.review.days, r.ucla.min_days_between) == (3, 7, 7)
    for table in (r.mastery, r.easier, r.energy, r.reciprocity, r.low_mood, r.hours, r.plan):
        assert table.source


def test_support_regions(shipped: Content) -> None:
    assert set(shipped.regions) == set(REGIONS)
    for region in shipped.regions.values():
        # No shipped number has been checked at its source yet: none may claim a date.
        assert region.last_verified() is None or region.code == "other"
        assert all(day is None for _, day in region.numbers())
    uk = shipped.regions["uk"]
    assert uk.emergency == "999"
    assert [line.contact for line in uk.lines][0] == "116 123"
    assert shipped.regions["us"].emergency == "911"
    assert shipped.regions["au"].emergency == "000"
    assert shipped.regions["ie"].emergency_note == "not re-checked"
    assert shipped.regions["ca"].emergency_note == "not re-checked"
    other = shipped.regions["other"]
    assert other.emergency == "your local emergency number" and other.lines == ()
    assert shipped.region("zz") is other


def test_ucla_is_the_three_item_scale(shipped: Content) -> None:
    u = shipped.ucla
    assert u.items[0] == "How often do you feel that you lack companionship?"
    assert [a.label for a in u.answers] == ["Hardly ever or never", "Some of the time", "Often"]
    assert "Hughes" in u.source
    assert not list(SHIPPED.glob("*spin*"))


def test_safety_content_loads(shipped: Content) -> None:
    safety = shipped.safety
    assert {"suicide", "self_harm", "harm_baby", "passive_soft"} <= set(safety.categories())
    assert {r.tier for r in safety.rule} == {1, 2}
    assert all(r.source for r in safety.rule) and all(g.source for g in safety.guard)
    assert all(w.source for w in safety.words.values()) and safety.normalise.source


def test_importing_content_stays_light() -> None:
    heavy = "{'rich', 'questionary', 'typer'}"
    code = f"import sys, mumcoach.content; print(sorted({heavy} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ---- finding folders and overriding ----------------------------------------------------------


def test_find_prompts_dirs(tmp_path: Path) -> None:
    assert find_prompts_dirs({}) == [SHIPPED]
    assert find_prompts_dirs({"MUMCOACH_PROMPTS": str(tmp_path)}) == [tmp_path, SHIPPED]
    assert find_prompts_dirs({"MUMCOACH_PROMPTS": str(tmp_path / "missing")}) == [SHIPPED]


def test_override_file_replaces_shipped_one_and_others_fall_back(tmp_path: Path) -> None:
    text = shipped_text("messages.toml").replace(
        "mumcoach is a coach, not therapy or a crisis service.", "Just a coach, love."
    )
    write(tmp_path, "messages.toml", text)
    loaded = load_content({"MUMCOACH_PROMPTS": str(tmp_path)})
    assert loaded.say("not_therapy") == "Just a coach, love."
    assert loaded.sources["messages.toml"] == tmp_path / "messages.toml"
    assert loaded.sources["ladder.toml"] == SHIPPED / "ladder.toml"


def test_override_via_monkeypatched_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = shipped_text("rules.toml").replace("low_at_most = 3", "low_at_most = 5")
    write(tmp_path, "rules.toml", rules)
    monkeypatch.setenv("MUMCOACH_PROMPTS", str(tmp_path))
    assert load_content().rules.energy.low_at_most == 5


def test_no_shipped_prompts_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "site" / "mumcoach" / "content" / "loader.py"
    monkeypatch.setattr(content_files, "__file__", str(fake))
    with pytest.raises(ContentInvalid, match="prompts"):
        load_content({})


# ---- broken content: one readable line naming the file and the place ------------------------


def broken(name: str, old: str, new: str, expected: str, case: str) -> object:
    """A test case: the shipped file with `old` replaced (once) by `new`."""
    text = shipped_text(name)
    assert old in text, old
    return pytest.param(name, text.replace(old, new, 1), expected, id=case)


OPENERS = shipped_text("openers.toml")
FIRST = OPENERS.index("[[opener]]")
FIRST_OPENER = OPENERS[FIRST : OPENERS.index("[[opener]]", FIRST + 1)]
SAY_HELLO = 'steps = ["say-hello", "stay-the-session"'

BROKEN = [
    broken(
        "ladder.toml",
        'id = "find-a-group"',
        'id = "find-a-group',
        "ladder.toml: line ",
        "toml-syntax",
    ),
    broken(
        "ladder.toml",
        "difficulty = 1\n",
        'difficulty = "easy"\n',
        "ladder.toml: step[1].difficulty: ",
        "wrong-type",
    ),
    broken(
        "ladder.toml",
        "difficulty = 9\n",
        "difficulty = 11\n",
        "ladder.toml: step[15].difficulty: ",
        "out-of-range",
    ),
    broken(
        "ladder.toml",
        "difficulty = 1\n",
        "difficulty = 1\ncolour = 'red'\n",
        "ladder.toml: step[1].colour: unknown field",
        "unknown-field",
    ),
    broken(
        "ladder.toml",
        'id = "stay-the-session"',
        'id = "find-a-group"',
        "ladder.toml: step[2].id: duplicate id 'find-a-group'",
        "duplicate-step",
    ),
    broken(
        "ladder.toml",
        'id = "invite-one-family"',
        'id = "go-back"',
        "ladder.toml: step[15].half_steps[1].id: duplicate id 'go-back'",
        "duplicate-half",
    ),
    broken(
        "ladder.toml",
        'id = "go-back"',
        'id = "custom-go-back"',
        "ladder.toml: step[6].id: ids starting 'custom-'",
        "custom-namespace",
    ),
    broken(
        "ladder.toml",
        "difficulty = 3\n",
        "difficulty = 6\n",
        "ladder.toml: step[4]: a step of difficulty 6 needs at least one half-step",
        "missing-half-step",
    ),
    broken(
        "ladder.toml",
        'settings = ["hosting", "online"]',
        'settings = ["pub"]',
        "ladder.toml: step[15].settings[1]: ",
        "unknown-setting",
    ),
    broken(
        "openers.toml",
        FIRST_OPENER,
        FIRST_OPENER + FIRST_OPENER,
        "openers.toml: opener[2].id: duplicate 'first-time-too'",
        "duplicate-opener",
    ),
    broken(
        "openers.toml",
        SAY_HELLO,
        SAY_HELLO.replace("say-hello", "say-helo"),
        "openers.toml: opener[1].steps[1]: no step with id 'say-helo'",
        "bad-opener-step",
    ),
    broken(
        "messages.toml",
        'id = "reason.start"',
        'id = "reason.begin"',
        "messages.toml: message 'reason.start' is missing",
        "missing-message",
    ),
    broken(
        "messages.toml",
        "Let's start gently here.",
        "{name}, let's start here.",
        "messages.toml: message 'reason.start': unknown placeholder {name}",
        "bad-placeholder",
    ),
    broken(
        "messages.toml",
        "Let's start gently here.",
        "Let's {start",
        "messages.toml: message[1].text: ",
        "malformed-template",
    ),
    broken("rules.toml", "skips = 2", "skips = 'two'", "rules.toml: easier.skips: ", "rules-type"),
    broken(
        "rules.toml",
        "window_days = 14",
        "window_days = 3",
        "rules.toml: low_mood: days cannot be more than window_days",
        "rules-logic",
    ),
    broken(
        "support.toml",
        'code = "ca"',
        'code = "uk"',
        "support.toml: region[5].code: duplicate 'uk'",
        "duplicate-region",
    ),
    broken(
        "support.toml",
        'services = "Your GP, health visitor or midwife"\n',
        "",
        "support.toml: region[1].services: Field required",
        "no-services",
    ),
    broken(
        "safety.toml",
        '"<harm> ...3 <child>",',
        '"<harms> ...3 <child>",',
        "safety.toml: top level: pattern '<harms> ...3 <child>' uses <harms>, which is not in",
        "bad-safety-pattern",
    ),
    broken(
        "safety.toml",
        'gona = "going to"',
        'gonna = "going to"',
        "safety.toml: normalise.rewrite: rewrite key 'gonna' must be written as the screen sees",
        "unsqueezed-rewrite-key",
    ),
    broken(
        "questions.toml",
        "\nmood = ",
        "\nmoood = ",
        "questions.toml: question 'mood' is missing",
        "missing-question",
    ),
    broken(
        "ucla.toml",
        '    "How often do you feel left out?",\n',
        "",
        "ucla.toml: items[3]: Field required",
        "ucla-two-items",
    ),
    broken(
        "followups.toml",
        "{child} today!",
        "{baby} today!",
        "followups.toml: followup[1]: text may only use",
        "followup-placeholder",
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), BROKEN)
def test_broken_file_gives_one_readable_line(
    tmp_path: Path, name: str, text: str, expected: str
) -> None:
    path = write(tmp_path, name, text)
    with pytest.raises(ContentInvalid) as caught:
        load_content({"MUMCOACH_PROMPTS": str(tmp_path)})
    message = caught.value.message
    assert "\n" not in message
    assert message.startswith(str(path) + ": ")
    assert expected in message, message
    assert "Traceback" not in message and "pydantic" not in message
    assert caught.value.exit_code == CONTENT_INVALID
