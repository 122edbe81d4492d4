"""The fixed words the journal, the content and the coach share, each declared once."""

from __future__ import annotations

from typing import Literal, get_args

Setting = Literal["groups", "classes", "school-gate", "soft-play", "online", "hosting"]
SETTINGS: tuple[Setting, ...] = get_args(Setting)
RegionCode = Literal["uk", "ie", "us", "au", "ca", "other"]
REGIONS: tuple[RegionCode, ...] = get_args(RegionCode)
Answer = Literal["yes", "partly", "no"]
ANSWERS: tuple[Answer, ...] = get_args(Answer)
StartedBy = Literal["me", "them"]
# How far you have come with someone, lowest first (coach/stages.py derives it).
Stage = Literal["nodded", "names", "chatted", "numbers", "met-up", "friend"]
STAGES: tuple[Stage, ...] = get_args(Stage)
# How a setting reads inside a sentence: "try it somewhere new, like {place}".
SETTING_PLACES: dict[str, str] = {
    "groups": "a baby or toddler group",
    "classes": "a class",
    "school-gate": "the school gate",
    "soft-play": "soft play or the park",
    "online": "an online parents' group",
    "hosting": "your home",
}
