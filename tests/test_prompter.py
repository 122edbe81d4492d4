"""The prompt seam: the scripted prompter fails loudly; the real one uses unsafe_ask for Ctrl-C."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from mumcoach.prompter import (
    SKIP,
    Choice,
    Prompter,
    QuestionaryPrompter,
    ScriptedPrompter,
    UnexpectedQuestion,
)

COLOURS = [Choice("red", "Red"), Choice("green", "Green"), Choice("blue", "Blue")]


# -- ScriptedPrompter -----------------------------------------------------------------------------


def test_scripted_prompter_is_a_prompter() -> None:
    prompter: Prompter = ScriptedPrompter({})
    assert prompter is not None


def test_an_unscripted_question_fails_loudly_naming_it() -> None:
    prompter = ScriptedPrompter({"name": "Aoife"})
    with pytest.raises(UnexpectedQuestion, match="unscripted question 'mood': How are you"):
        prompter.scale("mood", "How are you?", 1, 5)
    assert isinstance(UnexpectedQuestion("x"), AssertionError), "pytest must report it as a failure"


def test_list_answers_are_consumed_in_order_then_run_out() -> None:
    prompter = ScriptedPrompter(
        {"person_name": ["Niamh", "Priya"], "another_person": [True, False]}
    )
    assert prompter.text("person_name", "Name?") == "Niamh"
    assert prompter.confirm("another_person", "Anyone else?") is True
    assert prompter.text("person_name", "Name?") == "Priya"
    assert prompter.confirm("another_person", "Anyone else?") is False
    assert prompter.asked == ["person_name", "another_person", "person_name", "another_person"]
    assert prompter.unused() == {}
    with pytest.raises(UnexpectedQuestion, match="person_name"):
        prompter.text("person_name", "Name?")


def test_unused_reports_answers_nobody_asked_for() -> None:
    prompter = ScriptedPrompter({"name": "Aoife", "goal": ["one", "two"]})
    prompter.text("goal", "Goal?")
    assert prompter.unused() == {"name": ["Aoife"], "goal": ["two"]}


@pytest.mark.parametrize(
    ("answer", "low", "high", "optional"),
    [
        (0, 1, 5, False),
        (6, 1, 5, False),
        (11, 0, 10, True),
        ("3", 1, 5, False),
        (None, 1, 5, False),
        (2.5, 1, 5, False),
    ],
)
def test_an_out_of_range_scale_answer_fails_loudly(
    answer: Any, low: int, high: int, optional: bool
) -> None:
    prompter = ScriptedPrompter({"mood": answer})
    with pytest.raises(UnexpectedQuestion, match=f"outside {low}–{high} for 'mood'"):
        prompter.scale("mood", "Mood?", low, high, optional=optional)


def test_scale_accepts_its_ends_and_a_skip_when_optional() -> None:
    prompter = ScriptedPrompter({"energy": [0, 10, None]})
    assert prompter.scale("energy", "Energy?", 0, 10) == 0
    assert prompter.scale("energy", "Energy?", 0, 10) == 10
    assert prompter.scale("energy", "Energy?", 0, 10, optional=True) is None


def test_a_select_answer_that_is_not_a_choice_fails_loudly() -> None:
    prompter = ScriptedPrompter({"colour": ["green", "purple"]})
    assert prompter.select("colour", "Colour?", COLOURS) == "green"
    with pytest.raises(UnexpectedQuestion, match="'purple' is not a choice for 'colour'"):
        prompter.select("colour", "Colour?", COLOURS)


def test_a_checkbox_answer_outside_the_choices_fails_loudly() -> None:
    prompter = ScriptedPrompter({"colours": [["red", "blue"], ["red", "pink"]]})
    assert prompter.checkbox("colours", "Colours?", COLOURS) == ["red", "blue"]
    with pytest.raises(UnexpectedQuestion, match="not all choices for 'colours'"):
        prompter.checkbox("colours", "Colours?", COLOURS)


def test_a_scripted_exception_is_raised_like_ctrl_c_would_be() -> None:
    prompter = ScriptedPrompter({"name": ["Aoife", KeyboardInterrupt()]})
    assert prompter.text("name", "Name?") == "Aoife"
    with pytest.raises(KeyboardInterrupt):
        prompter.text("name", "Name?")


# -- QuestionaryPrompter with questionary replaced by fakes ---------------------------------------


FakeQuestionary = tuple[list[dict[str, Any]], dict[str, Any]]


class FakeQuestion:
    def __init__(self, kind: str, calls: list[dict[str, Any]], answer: Any) -> None:
        self.kind, self.calls, self.answer = kind, calls, answer

    def unsafe_ask(self) -> Any:
        self.calls[-1]["asked_with"] = "unsafe_ask"
        if isinstance(self.answer, BaseException):
            raise self.answer
        return self.answer

    def ask(self) -> Any:  # questionary's ask() swallows Ctrl-C and returns None
        raise AssertionError("QuestionaryPrompter must use unsafe_ask(), not ask()")


@pytest.fixture
def fake_questionary(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeQuestionary]:
    """Replace questionary's prompts; yields (calls made, answers to give by kind)."""
    import questionary

    calls: list[dict[str, Any]] = []
    answers: dict[str, Any] = {}

    def fake(kind: str) -> Any:
        def make(message: str, **kwargs: Any) -> FakeQuestion:
            calls.append({"kind": kind, "message": message, **kwargs})
            return FakeQuestion(kind, calls, answers[kind])

        return make

    for kind in ("select", "checkbox", "text", "confirm"):
        monkeypatch.setattr(questionary, kind, fake(kind))
    monkeypatch.setattr("mumcoach.prompter.accept_typed_digits", lambda question, values: None)
    yield calls, answers


def test_select_uses_unsafe_ask_with_the_choices_and_default(fake_questionary: Any) -> None:
    calls, answers = fake_questionary
    answers["select"] = "green"
    assert QuestionaryPrompter().select("colour", "Colour?", COLOURS, default="blue") == "green"
    (call,) = calls
    assert call["kind"] == "select" and call["message"] == "Colour?"
    assert call["asked_with"] == "unsafe_ask"
    assert [(c.value, c.title) for c in call["choices"]] == [(c.value, c.title) for c in COLOURS]
    assert call["default"] == "blue"


def test_checkbox_text_and_confirm_use_unsafe_ask(fake_questionary: Any) -> None:
    calls, answers = fake_questionary
    answers.update(checkbox=["red"], text="Aoife", confirm=False)
    prompter = QuestionaryPrompter()
    assert prompter.checkbox("colours", "Colours?", COLOURS, default=["blue"]) == ["red"]
    assert prompter.text("name", "Name?", default="A") == "Aoife"
    assert prompter.confirm("ok", "OK?", default=True) is False
    assert [c["kind"] for c in calls] == ["checkbox", "text", "confirm"]
    assert all(c["asked_with"] == "unsafe_ask" for c in calls)
    assert [c.checked for c in calls[0]["choices"]] == [False, False, True]
    assert calls[1]["default"] == "A" and calls[2]["default"] is True


def test_scale_asks_a_select_of_numbers_and_returns_an_int(fake_questionary: Any) -> None:
    calls, answers = fake_questionary
    answers["select"] = "4"
    assert QuestionaryPrompter().scale("mood", "Mood", 1, 5, default=3) == 4
    assert [c.value for c in calls[0]["choices"]] == ["1", "2", "3", "4", "5"]
    assert calls[0]["default"] == "3" and calls[0]["message"].startswith("Mood")

    answers["select"] = SKIP
    assert QuestionaryPrompter().scale("energy", "Energy", 0, 10, optional=True) is None
    assert calls[1]["choices"][0].value == SKIP
    assert calls[1]["default"] == SKIP, "Enter on an optional scale must not record a number"


@pytest.mark.parametrize("kind", ["select", "checkbox", "text", "confirm", "scale"])
def test_ctrl_c_raises_keyboard_interrupt_instead_of_returning_none(
    fake_questionary: Any, kind: str
) -> None:
    calls, answers = fake_questionary
    for name in ("select", "checkbox", "text", "confirm"):
        answers[name] = KeyboardInterrupt()
    prompter = QuestionaryPrompter()
    asks: dict[str, Callable[[], object]] = {
        "select": lambda: prompter.select("k", "?", COLOURS),
        "checkbox": lambda: prompter.checkbox("k", "?", COLOURS),
        "text": lambda: prompter.text("k", "?"),
        "confirm": lambda: prompter.confirm("k", "?"),
        "scale": lambda: prompter.scale("k", "?", 1, 5),
    }
    with pytest.raises(KeyboardInterrupt):
        asks[kind]()
    assert calls[-1]["asked_with"] == "unsafe_ask"


# -- QuestionaryPrompter driving real questionary through a pipe ----------------------------------


@pytest.fixture
def keys() -> Iterator[Any]:
    """Type into real questionary prompts: a pipe for input, output thrown away."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe.send_text


DOWN, ENTER, CTRL_C, SPACE = "\x1b[B", "\r", "\x03", " "


def test_real_questionary_select_and_text(keys: Any) -> None:
    keys(DOWN + ENTER)
    assert QuestionaryPrompter().select("colour", "Colour?", COLOURS) == "green"
    keys("Aoife" + ENTER)
    assert QuestionaryPrompter().text("name", "Name?") == "Aoife"


def test_real_questionary_scale_defaults_and_checkbox(keys: Any) -> None:
    keys(ENTER)
    assert QuestionaryPrompter().scale("mood", "Mood", 1, 5, default=3) == 3
    keys(ENTER)
    assert QuestionaryPrompter().scale("energy", "Energy", 0, 10, optional=True) is None
    keys(SPACE + DOWN + DOWN + SPACE + ENTER)
    assert QuestionaryPrompter().checkbox("colours", "Colours?", COLOURS) == ["red", "blue"]


@pytest.mark.parametrize("kind", ["select", "text", "confirm"])
def test_real_ctrl_c_raises_keyboard_interrupt(keys: Any, kind: str) -> None:
    keys(CTRL_C)
    prompter = QuestionaryPrompter()
    with pytest.raises(KeyboardInterrupt):
        if kind == "select":
            prompter.select("k", "?", COLOURS)
        elif kind == "text":
            prompter.text("k", "?")
        else:
            prompter.confirm("k", "?")


@pytest.mark.parametrize(
    ("typed", "low", "high", "optional", "chosen"),
    [
        ("7", 0, 10, True, 7),
        ("10", 0, 10, True, 10),
        ("1", 0, 10, False, 1),
        ("0", 0, 10, True, 0),
        ("4", 1, 5, False, 4),
        ("9", 1, 5, False, 3),  # not on this scale: ignored, the pointer stays put
        ("25", 1, 7, False, 5),  # "2" then "5": the last digit that fits wins
        ("7" + "\x1b[A", 0, 10, True, 6),  # typed, then an arrow key
    ],
)
def test_real_scales_take_typed_digits(
    keys: Any, typed: str, low: int, high: int, optional: bool, chosen: int
) -> None:
    keys(typed + ENTER)
    assert QuestionaryPrompter().scale("k", "?", low, high, optional=optional) == chosen


def test_real_text_with_a_check_shows_the_hint_and_waits_for_a_good_answer(keys: Any) -> None:
    seen: list[str] = []

    def check(typed: str) -> str | None:
        seen.append(typed)
        return None if typed.isdigit() else "A number, please."

    keys("lots" + ENTER + "\x7f" * 4 + "12" + ENTER)
    assert QuestionaryPrompter().text("k", "How many?", check=check) == "12"
    assert "lots" in seen


def test_scripted_text_with_a_check_records_the_hint_and_asks_again() -> None:
    prompter = ScriptedPrompter({"age": ["soon", "8 months"]})
    hint = "An age like 8 months, please."
    answer = prompter.text("age", "Age?", check=lambda t: None if "month" in t else hint)
    assert answer == "8 months"
    assert prompter.hints == [("age", hint)]
    assert prompter.asked == ["age", "age"]


def test_scripted_enter_on_a_scale_is_skip_when_optional_else_the_pointer() -> None:
    prompter = ScriptedPrompter({"k": [..., ..., ...]})
    assert prompter.scale("k", "?", 0, 10, optional=True) is None
    assert prompter.scale("k", "?", 1, 5) == 3
    assert prompter.scale("k", "?", 1, 5, default=4) == 4
