"""Find the coaching content (prompts/*.toml), validate it strictly, and give it handy access."""

from __future__ import annotations

import os
import re
import string
import tomllib
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from mumcoach.errors import ContentInvalid

Setting = Literal["groups", "classes", "school-gate", "soft-play", "online", "hosting"]
SETTINGS: tuple[Setting, ...] = get_args(Setting)
RegionCode = Literal["uk", "ie", "us", "au", "ca", "other"]
REGIONS: tuple[RegionCode, ...] = get_args(RegionCode)
OpenerStage = Literal["hello", "getting-to-know", "again", "closer"]
OPENER_STAGES: tuple[OpenerStage, ...] = get_args(OpenerStage)
FollowupWhen = Literal[
    "after-first-chat",
    "after-numbers",
    "after-meetup",
    "before-next-session",
    "missed-her",
    "been-a-while",
    "no-reply-yet",
]
FOLLOWUP_WHENS: tuple[FollowupWhen, ...] = get_args(FollowupWhen)

# Custom steps live in the journal with ids of the form "custom-…": shipped ids may not use it.
CUSTOM_STEP_PREFIX = "custom-"
ENV_VAR = "MUMCOACH_PROMPTS"
FILES = (
    "ladder.toml",
    "openers.toml",
    "followups.toml",
    "messages.toml",
    "questions.toml",
    "rules.toml",
    "support.toml",
    "safety.toml",
    "ucla.toml",
)

# Message ids the code relies on, with the only placeholders each may use.
REQUIRED_MESSAGES: dict[str, frozenset[str]] = {
    k: frozenset(v.split())
    for k, v in {
        "reason.start": "step",
        "reason.placement": "rated rating step",
        "reason.repeat": "step attempts",
        "reason.move_up": "previous attempts step",
        "reason.new_setting": "step setting",
        "reason.easier_anxiety": "step expected",
        "reason.easier_skips": "step skips",
        "reason.low_energy": "energy step",
        "reason.all_mastered": "step",
        "reason.not_for_me": "",
        "plan.easier_option": "step",
        "reflect.fear_not_happened": "fear likelihood",
        "reflect.fear_partly": "fear",
        "reflect.fear_happened": "fear",
        "reflect.anxiety_lower": "expected actual",
        "reflect.anxiety_same": "actual",
        "reflect.anxiety_higher": "expected actual",
        "reflect.not_tried": "",
        "reflect.partly_tried": "",
        "reflect.no_plan": "",
        "reflect.liking_gap": "name liked they_liked",
        "review.liking_gap": "gap over",
        "reflect.proud": "",
        "reflect.followup": "name message",
        "reflect.next_step": "step reason",
        "reflect.thanks": "",
        "cue.acceptance": "",
        "cue.names": "",
        "cue.drop_safety": "behaviour",
        "reciprocity.note": "name count",
        "review.empty": "",
        "review.headline.experiments": "not_happened tested",
        "review.headline.checkins": "checkins",
        "review.headline.people": "people",
        "review.headline.quiet": "",
        "review.focus": "step reason",
        "review.ucla_trend": "",
        "hours.horizon": "casual friend close",
        "not_therapy": "",
        "low_mood.message": "",
        "crisis.intro": "",
        "support.emergency": "emergency",
        "support.emergency_note": "note",
        "support.lines_heading": "",
        "support.last_verified": "date",
        "support.title": "",
        "crisis.lines_heading": "",
        "crisis.emergency": "emergency",
        "not_for_me.ok": "",
    }.items()
}

REQUIRED_QUESTIONS: tuple[str, ...] = (
    # init
    "name",
    "region",
    "children",
    "child_name",
    "child_age",
    "more_children",
    "not_for_me",
    "goal",
    "rate",
    # plan
    "place",
    "new_place",
    "place_setting",
    "recurring",
    "step",
    "if_then",
    "fear",
    "likelihood",
    "expect",
    "energy",
    "drop",
    # checkin
    "tried",
    "anxiety",
    "fear_came_true",
    "what",
    "learned",
    "mood",
    "energy_today",
    "met_anyone",
    "person_name",
    "child",
    "where",
    "detail",
    "minutes",
    "started_by",
    "swapped_numbers",
    "meetup",
    "invited",
    "invited_me",
    "liked_them",
    "they_liked_me",
    "follow_up",
    "follow_up_due",
    "another_person",
    "proud",
    "ucla_offer",
)


def placeholders(template: str) -> set[str]:
    """The `{field}` names a str.format template uses (ValueError if it is malformed)."""
    names = set()
    for _, field, _, _ in string.Formatter().parse(template):
        if field is None:
            continue
        if not field.isidentifier():
            raise ValueError(f"placeholder {{{field}}} must be a plain name like {{step}}")
        names.add(field)
    return names


def _template(value: str) -> str:
    placeholders(value)
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Template = Annotated[Text, AfterValidator(_template)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
MessageId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")]
Difficulty = Annotated[int, Field(ge=0, le=10)]
Source = Text


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


# ---- ladder ---------------------------------------------------------------------------------


class HalfStep(_Strict):
    id: Slug
    title: Text
    difficulty: Difficulty


class Step(_Strict):
    id: Slug
    title: Text
    difficulty: Difficulty
    settings: tuple[Setting, ...] = Field(min_length=1)
    safety_behaviour: Text | None = None
    if_then: Text
    online: Text | None = None
    half_steps: tuple[HalfStep, ...] = ()
    tips: tuple[Text, ...] = Field(min_length=1, max_length=3)
    source: Source

    @model_validator(mode="after")
    def _check(self) -> Step:
        if self.difficulty >= 6 and not self.half_steps:
            raise ValueError(f"a step of difficulty {self.difficulty} needs at least one half-step")
        for half in self.half_steps:
            if half.difficulty >= self.difficulty:
                raise ValueError(f"half-step {half.id!r} must be easier than its step")
        if not re.match(r"^If .+, then I\b", self.if_then, re.DOTALL):
            raise ValueError('if_then must read "If …, then I\'ll …"')
        if len(set(self.settings)) != len(self.settings):
            raise ValueError("settings lists a setting twice")
        return self


class Ladder(_Strict):
    source: Source
    step: tuple[Step, ...] = Field(min_length=1)


# ---- openers, follow-ups, messages, questions -----------------------------------------------


class Opener(_Strict):
    id: Slug
    text: Text
    stage: OpenerStage
    steps: tuple[Slug, ...] = Field(min_length=1)
    settings: tuple[Setting, ...] = Field(min_length=1)


class Openers(_Strict):
    source: Source
    opener: tuple[Opener, ...] = Field(min_length=1)


class Followup(_Strict):
    id: Slug
    text: Template
    when: FollowupWhen
    source: Source

    @model_validator(mode="after")
    def _check(self) -> Followup:
        extra = placeholders(self.text) - {"name", "child"}
        if extra:
            raise ValueError(f"text may only use {{name}} and {{child}}, not {{{min(extra)}}}")
        return self


class Followups(_Strict):
    followup: tuple[Followup, ...] = Field(min_length=1)


class Message(_Strict):
    id: MessageId
    text: Template
    source: Source


class Messages(_Strict):
    message: tuple[Message, ...] = Field(min_length=1)


class Questions(_Strict):
    questions: dict[Key, Text]

    @field_validator("questions")
    @classmethod
    def _complete(cls, questions: dict[str, str]) -> dict[str, str]:
        missing = [key for key in REQUIRED_QUESTIONS if key not in questions]
        if missing:
            raise ValueError(f"missing question(s): {', '.join(missing)}")
        return questions


# ---- rules ----------------------------------------------------------------------------------


class Mastery(_Strict):
    min_attempts: int = Field(ge=1)
    max_expected_anxiety: int = Field(ge=0, le=10)
    min_fear_not_happened: int = Field(ge=0)
    source: Source


class Easier(_Strict):
    expected_anxiety_at_least: int = Field(ge=0, le=10)
    skips: int = Field(ge=1)
    source: Source


class Energy(_Strict):
    low_at_most: int = Field(ge=0, le=10)
    source: Source


class Reciprocity(_Strict):
    unreturned_invitations: int = Field(ge=1)
    source: Source


class LowMood(_Strict):
    mood_at_most: int = Field(ge=1, le=5)
    count: int = Field(ge=1)
    window: int = Field(ge=1)
    source: Source

    @model_validator(mode="after")
    def _check(self) -> LowMood:
        if self.count > self.window:
            raise ValueError("count cannot be bigger than window")
        return self


class Hours(_Strict):
    casual: int = Field(gt=0)
    friend: int = Field(gt=0)
    close: int = Field(gt=0)
    source: Source

    @model_validator(mode="after")
    def _check(self) -> Hours:
        if not self.casual < self.friend < self.close:
            raise ValueError("hours must grow: casual < friend < close")
        return self


class PlanRules(_Strict):
    open_days: int = Field(ge=0)
    source: Source


class ReviewRules(_Strict):
    days: int = Field(ge=1)
    source: Source


class UclaRules(_Strict):
    min_days_between: int = Field(ge=0)
    source: Source


class Rules(_Strict):
    mastery: Mastery
    easier: Easier
    energy: Energy
    reciprocity: Reciprocity
    low_mood: LowMood
    hours: Hours
    plan: PlanRules
    review: ReviewRules
    ucla: UclaRules


# ---- support, safety, UCLA ------------------------------------------------------------------


class SupportLine(_Strict):
    name: Text
    contact: Text
    note: Text | None = None


class Region(_Strict):
    code: RegionCode
    name: Text
    emergency: Text
    emergency_note: Text | None = None
    last_verified: date
    lines: tuple[SupportLine, ...] = ()


class Support(_Strict):
    source: Source
    region: tuple[Region, ...] = Field(min_length=1)


_ALTERNATIVES = re.compile(r"\{([^{}]*)\}")
_MAX_EXPANSIONS = 5000


def expand(pattern: str) -> list[str]:
    """Spell out a pattern: "{hurt|harm} {my|the} baby" → four phrases; {|own} is optional."""
    parts = _ALTERNATIVES.split(pattern)
    if any(ch in parts[i] for i in range(0, len(parts), 2) for ch in "{}|"):
        raise ValueError(f"unbalanced {{ }} or stray | in {pattern!r}")
    out = [""]
    for i, part in enumerate(parts):
        options = part.split("|") if i % 2 else [part]
        out = [done + option for done in out for option in options]
        if len(out) > _MAX_EXPANSIONS:
            raise ValueError(f"{pattern!r} spells out more than {_MAX_EXPANSIONS} phrases")
    return [" ".join(phrase.split()) for phrase in out]


def _pattern(value: str) -> str:
    expand(value)
    return value


Pattern = Annotated[Text, AfterValidator(_pattern)]


class SafetyPhrases(_Strict):
    suicide: tuple[Pattern, ...] = Field(min_length=1)
    self_harm: tuple[Pattern, ...] = Field(min_length=1)
    harm_baby: tuple[Pattern, ...] = Field(min_length=1)


class SafetyContent(_Strict):
    """Crisis phrase patterns, idiom guards and word rewrites (see prompts/safety.toml)."""

    source: Source
    phrases: SafetyPhrases
    guards: tuple[Pattern, ...] = ()
    rewrite: dict[Text, Text] = {}

    def all_phrases(self) -> list[str]:
        """Every crisis phrase, patterns spelled out."""
        p = self.phrases
        return [x for pat in (*p.suicide, *p.self_harm, *p.harm_baby) for x in expand(pat)]

    def all_guards(self) -> list[str]:
        """Every guard idiom, patterns spelled out."""
        return [x for pat in self.guards for x in expand(pat)]


class UclaAnswer(_Strict):
    value: int = Field(ge=1, le=3)
    label: Text


class Ucla(_Strict):
    source: Source
    intro: Text
    note: Text
    items: tuple[Text, Text, Text]
    answers: tuple[UclaAnswer, UclaAnswer, UclaAnswer]

    @model_validator(mode="after")
    def _check(self) -> Ucla:
        if [a.value for a in self.answers] != [1, 2, 3]:
            raise ValueError("answers must be valued 1, 2, 3 in that order")
        return self


# ---- the loaded whole -----------------------------------------------------------------------


class Content:
    """All coaching content, validated, with lookups the coach and the flows need."""

    def __init__(
        self,
        *,
        ladder: Ladder,
        openers: Openers,
        followups: Followups,
        messages: Messages,
        questions: Questions,
        rules: Rules,
        support: Support,
        safety: SafetyContent,
        ucla: Ucla,
        sources: dict[str, Path],
    ) -> None:
        self.ladder = ladder
        self.steps: list[Step] = list(ladder.step)
        self.openers: list[Opener] = list(openers.opener)
        self.followups: list[Followup] = list(followups.followup)
        self.messages: dict[str, Message] = {m.id: m for m in messages.message}
        self.questions: dict[str, str] = dict(questions.questions)
        self.rules = rules
        self.regions: dict[str, Region] = {r.code: r for r in support.region}
        self.support_source = support.source
        self.safety = safety
        self.ucla = ucla
        self.sources = sources
        self._by_id: dict[str, Step | HalfStep] = {}
        self._parent: dict[str, Step] = {}
        for step in self.steps:
            self._by_id[step.id] = step
            self._parent[step.id] = step
            for half in step.half_steps:
                self._by_id[half.id] = half
                self._parent[half.id] = step

    def step(self, step_id: str) -> Step | HalfStep:
        """A step or half-step by id; KeyError if there is none."""
        return self._by_id[step_id]

    def parent(self, step_id: str) -> Step:
        """The step a half-step belongs to (a step is its own); KeyError if unknown."""
        return self._parent[step_id]

    def number(self, step_id: str) -> int:
        """The 1-based ladder position of a step (a half-step counts as its step)."""
        return self.steps.index(self.parent(step_id)) + 1

    def openers_for(
        self, step_id: str, setting: str | None, n: int = 3, *, rotate: int = 0
    ) -> list[Opener]:
        """Up to n openers, best fit first; `rotate` (e.g. a day number) varies equal fits.

        Order: tagged with the step and the setting; with a nearby step (±2) and the setting;
        with the step; with the setting; with a nearby step; anything else.
        """
        try:
            pos = self.number(step_id)
            near = {s.id for s in self.steps[max(0, pos - 3) : pos + 2]}
            here = {self.parent(step_id).id}
        except KeyError:  # a custom step: fall back on the setting alone
            near, here = set(), set()

        def tier(op: Opener) -> int:
            on_step = bool(here.intersection(op.steps))
            on_near = bool(near.intersection(op.steps))
            in_setting = setting in op.settings
            ranks = (
                on_step and in_setting,
                on_near and in_setting,
                on_step,
                in_setting,
                on_near,
                True,
            )
            return ranks.index(True)

        tiers: dict[int, list[Opener]] = {}
        for op in self.openers:
            tiers.setdefault(tier(op), []).append(op)
        out: list[Opener] = []
        for key in sorted(tiers):
            group = tiers[key]
            shift = rotate % len(group)
            out += group[shift:] + group[:shift]
        return out[:n]

    def followups_for(self, when: str) -> list[Followup]:
        """Follow-up templates for a moment, e.g. "after-first-chat"."""
        return [f for f in self.followups if f.when == when]

    def say(self, message_id: str, **fields: object) -> str:
        """A coach message with its {fields} filled in; KeyError for an unknown id or field."""
        return self.messages[message_id].text.format(**fields)

    def question(self, key: str) -> str:
        """The wording of one question; KeyError if unknown."""
        return self.questions[key]

    def region(self, code: str) -> Region:
        """A region's support numbers, falling back to "other" for an unknown code."""
        return self.regions.get(code) or self.regions["other"]


# ---- finding and loading --------------------------------------------------------------------


def _shipped_dirs() -> list[Path]:
    """The copy packaged in the wheel, then the source checkout (editable installs)."""
    here = Path(__file__).resolve()
    return [p for p in (here.parent / "prompts", here.parents[2] / "prompts") if p.is_dir()]


def find_prompts_dirs(env: Mapping[str, str] = os.environ) -> list[Path]:
    """Existing prompt folders, first match wins per file: $MUMCOACH_PROMPTS, packaged, checkout."""
    override = [Path(env[ENV_VAR]).expanduser()] if env.get(ENV_VAR) else []
    out: list[Path] = []
    for path in [*override, *_shipped_dirs()]:
        if path.is_dir() and path not in out:
            out.append(path)
    return out


M = TypeVar("M", bound=BaseModel)


def _loc(parts: Iterable[int | str]) -> str:
    """("step", 2, "difficulty") → "step[3].difficulty" (array entries counted from 1)."""
    out = ""
    for part in parts:
        if part == "[key]":
            out += " (the key)"
        elif isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "top level"


def _one_line(path: Path, err: ValidationError) -> str:
    errors = err.errors()
    first = errors[0]
    loc = [p for p in first["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
    problem = first["msg"].removeprefix("Value error, ")
    if first["type"] == "extra_forbidden":
        problem = "unknown field"
    elif first["type"] == "literal_error":
        problem = f"{problem}, got {first['input']!r}"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{path}: {_loc(loc)}: {problem}{more}".replace("\n", " ")


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        # tomllib says "Invalid value (at line 12, column 9)": lead with the line.
        msg = str(exc)
        where = re.search(r"\(at line (\d+), column \d+\)$", msg)
        if where:
            msg = f"line {where.group(1)}: {msg[: where.start()].strip()}"
        raise ContentInvalid(f"{path}: {msg}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentInvalid(f"{path}: cannot read: {exc}") from None


def _parse(model: type[M], path: Path, data: dict[str, Any]) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ContentInvalid(_one_line(path, exc)) from None


def _unique(path: Path, kind: str, ids: Iterable[str], field: str = "id") -> None:
    seen: set[str] = set()
    for where, item_id in enumerate(ids, start=1):
        if item_id in seen:
            raise ContentInvalid(f"{path}: {kind}[{where}].{field}: duplicate {item_id!r}")
        seen.add(item_id)


def _check(content: Content, models: dict[str, Any]) -> None:
    src = content.sources
    ladder: Ladder = models["ladder.toml"]
    seen: dict[str, str] = {}
    for i, step in enumerate(ladder.step, start=1):
        for item_id, loc in [(step.id, f"step[{i}].id")] + [
            (h.id, f"step[{i}].half_steps[{j}].id") for j, h in enumerate(step.half_steps, 1)
        ]:
            if item_id in seen:
                raise ContentInvalid(f"{src['ladder.toml']}: {loc}: duplicate id {item_id!r}")
            if item_id.startswith(CUSTOM_STEP_PREFIX):
                raise ContentInvalid(
                    f"{src['ladder.toml']}: {loc}: ids starting {CUSTOM_STEP_PREFIX!r} are kept "
                    "for your own custom steps"
                )
            seen[item_id] = loc
    _unique(src["openers.toml"], "opener", (o.id for o in content.openers))
    _unique(src["followups.toml"], "followup", (f.id for f in content.followups))
    _unique(src["messages.toml"], "message", (m.id for m in models["messages.toml"].message))
    _unique(src["support.toml"], "region", (r.code for r in models["support.toml"].region), "code")
    for i, op in enumerate(content.openers, start=1):
        for j, step_id in enumerate(op.steps, start=1):
            if step_id not in seen:
                raise ContentInvalid(
                    f"{src['openers.toml']}: opener[{i}].steps[{j}]: no step with id {step_id!r}"
                )
    for msg_id, allowed in REQUIRED_MESSAGES.items():
        if msg_id not in content.messages:
            raise ContentInvalid(f"{src['messages.toml']}: message {msg_id!r} is missing")
        extra = placeholders(content.messages[msg_id].text) - allowed
        if extra:
            can = ", ".join(f"{{{a}}}" for a in sorted(allowed)) or "no placeholders"
            raise ContentInvalid(
                f"{src['messages.toml']}: message {msg_id!r}: unknown placeholder "
                f"{{{min(extra)}}} (it can use {can})"
            )
    missing = [code for code in REGIONS if code not in content.regions]
    if missing:
        raise ContentInvalid(f"{src['support.toml']}: region {missing[0]!r} is missing")


_MODELS: dict[str, type[BaseModel]] = {
    "ladder.toml": Ladder,
    "openers.toml": Openers,
    "followups.toml": Followups,
    "messages.toml": Messages,
    "questions.toml": Questions,
    "rules.toml": Rules,
    "support.toml": Support,
    "safety.toml": SafetyContent,
    "ucla.toml": Ucla,
}


def load_content(env: Mapping[str, str] = os.environ) -> Content:
    """Load and check every content file, each from the first folder that has it."""
    shipped = _shipped_dirs()
    if not shipped:
        raise ContentInvalid(
            "the coaching content (prompts/) is missing from this install; reinstall mumcoach"
        )
    dirs = find_prompts_dirs(env)
    sources: dict[str, Path] = {}
    models: dict[str, Any] = {}
    for name in FILES:
        path = next((d / name for d in dirs if (d / name).is_file()), None)
        if path is None:
            raise ContentInvalid(f"{shipped[0] / name}: file is missing; reinstall mumcoach")
        sources[name] = path
        models[name] = _parse(_MODELS[name], path, _read(path))
    content = Content(
        ladder=models["ladder.toml"],
        openers=models["openers.toml"],
        followups=models["followups.toml"],
        messages=models["messages.toml"],
        questions=models["questions.toml"],
        rules=models["rules.toml"],
        support=models["support.toml"],
        safety=models["safety.toml"],
        ucla=models["ucla.toml"],
        sources=sources,
    )
    _check(content, models)
    return content
