"""Clean text once where it enters: odd bytes become U+FFFD; escape codes never reach a screen."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

# ESC-led sequences: CSI (colours, cursor moves, clear screen), OSC (window titles, links), and
# the two-character escapes; then any C0/C1 control character left over.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC … BEL or ST
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC … ST
    r"|\x1b[@-Z\\-_]"  # two-character escapes
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
_CONTROLS_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROLS_MULTILINE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
SHORT = 40


def clean(text: str, *, multiline: bool = False) -> str:
    """`text` safe to keep and to print: lone surrogates (undecodable bytes) become U+FFFD,
    escape sequences and control characters go (newlines and tabs stay when `multiline`)."""
    if text.isascii() and text.isprintable():  # the usual case, and no surrogate is ASCII
        return text
    text = _SURROGATES.sub("\ufffd", text)
    if text.isprintable():
        return text
    text = _ESCAPES.sub("", text)
    text = text.replace("\r\n", "\n")
    if multiline:
        return _CONTROLS_MULTILINE.sub("", text)
    return _CONTROLS_LINE.sub(" ", text.replace("\n", " ").replace("\t", " ")).strip()


def clean_any(value: Any, *, multiline: bool = False) -> Any:
    """`clean` applied to every string inside lists and tables (answers files, drafts)."""
    if isinstance(value, str):
        return clean(value, multiline=multiline)
    if isinstance(value, list):
        return [clean_any(v, multiline=multiline) for v in value]
    if isinstance(value, dict):
        return {clean(str(k)): clean_any(v, multiline=multiline) for k, v in value.items()}
    return value


def short(value: Any, limit: int = SHORT) -> str:
    """A typed value quoted for an error message, cut short so an error stays one line."""
    text = clean(str(value))
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return repr(text)


def one_line(text: str | None) -> str | None:
    """Runs of spaces and line breaks collapsed to one space; None when nothing is left."""
    return " ".join((text or "").split()) or None


def strip_accents(text: str) -> str:
    """Accents taken off letters ('Zoë' → 'Zoe'): NFKD, then combining marks dropped."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
