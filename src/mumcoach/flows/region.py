"""Ask her region when no journal or backup can tell it (the support screen's last resort)."""

from __future__ import annotations

from mumcoach.content import Content
from mumcoach.prompter import Choice, Prompter
from mumcoach.vocab import REGIONS
from mumcoach.words import REGION_TITLES


def ask_region(prompter: Prompter, content: Content) -> str:
    choices = [Choice(code, REGION_TITLES[code]) for code in REGIONS]
    return prompter.select("region", content.question("region"), choices, "other")
