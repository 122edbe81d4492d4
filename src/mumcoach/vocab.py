"""The fixed words the journal, the content and the coach share, each declared once."""

from __future__ import annotations

from typing import Literal, get_args

Setting = Literal["groups", "classes", "school-gate", "soft-play", "online", "hosting"]
SETTINGS: tuple[Setting, ...] = get_args(Setting)
RegionCode = Literal["uk", "ie", "us", "au", "ca", "other"]
REGIONS: tuple[RegionCode, ...] = get_args(RegionCode)
Answer = Literal["yes", "partly", "no"]
ANSWERS: tuple[Answer, ...] = get_args(Answer)
REAL: tuple[Answer, ...] = ("yes", "partly")  # a "real attempt": tried, at least partly
StartedBy = Literal["me", "them"]
# How far you have come with someone, lowest first (coach/stages.py derives it).
Stage = Literal["nodded", "names", "chatted", "numbers", "met-up", "friend"]
STAGES: tuple[Stage, ...] = get_args(Stage)
# What she logs that can show a step done (see ladder.toml `shown_by`, rules.toml [evidence]).
EvidenceKind = Literal[
    "named-place",
    "went-back",
    "name-learned",
    "long-chat",
    "knew-her",
    "shared",
    "numbers",
    "follow-up",
    "invited",
    "meetup",
    "hosted",
]
EVIDENCE_KINDS: tuple[EvidenceKind, ...] = get_args(EvidenceKind)
