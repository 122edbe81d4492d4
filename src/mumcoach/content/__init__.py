"""The coaching content (prompts/*.toml): its schema, contract, loader and the loaded catalog."""

from __future__ import annotations

import os
from collections.abc import Mapping

from mumcoach.content.catalog import Content
from mumcoach.content.contract import CUSTOM_STEP_PREFIX, REQUIRED_MESSAGES, REQUIRED_QUESTIONS
from mumcoach.content.files import ENV_VAR, FILES, find_prompts_dirs
from mumcoach.content.safety import SafetyContent
from mumcoach.content.schema import (
    FOLLOWUP_WHENS,
    OPENER_STAGES,
    REGIONS,
    SETTINGS,
    Followup,
    FollowupWhen,
    HalfStep,
    Ladder,
    LowMood,
    Message,
    Opener,
    OpenerStage,
    Region,
    RegionCode,
    Rules,
    Setting,
    Step,
    SupportLine,
    Ucla,
    placeholders,
)


def load_content(env: Mapping[str, str] = os.environ) -> Content:
    """Read and check every content file (content/loader.py, imported only when needed: a run
    usually has the checked content from the cache, content/cache.py)."""
    from mumcoach.content.loader import load_content as load

    return load(env)


__all__ = [
    "CUSTOM_STEP_PREFIX",
    "ENV_VAR",
    "FILES",
    "FOLLOWUP_WHENS",
    "OPENER_STAGES",
    "REGIONS",
    "REQUIRED_MESSAGES",
    "REQUIRED_QUESTIONS",
    "SETTINGS",
    "Content",
    "Followup",
    "FollowupWhen",
    "HalfStep",
    "Ladder",
    "LowMood",
    "Message",
    "Opener",
    "OpenerStage",
    "Region",
    "RegionCode",
    "Rules",
    "SafetyContent",
    "Setting",
    "Step",
    "SupportLine",
    "Ucla",
    "find_prompts_dirs",
    "load_content",
    "placeholders",
]
