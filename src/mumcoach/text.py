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


# What `clean` could change in the text of a JSON file (`may_change`), as a validation context.
NOTHING = "nothing"
LINE_BREAKS = "line breaks"  # text with line breaks or tabs: only one-line fields would change
# Bytes a JSON file may hold that decode to text `clean` keeps as it is: printable ASCII, and
# line breaks between values (JSON allows no raw control character inside a string).
_PLAIN_BYTES = bytes(range(0x20, 0x7F)) + b"\n"
# A JSON escape other than \" \\ \/ \n \t may stand for a control character or a surrogate.
_ODD_ESCAPE = re.compile(rb"\\[^\"\\/nt]")
_BREAK_ESCAPE = re.compile(rb"\\[nt]")


def may_change(raw: bytes) -> str | None:
    """What `clean` could change in the strings of the JSON document `raw`, found by scanning
    its bytes once (far cheaper than cleaning tens of thousands of strings one by one):
    NOTHING when every character is printable and the only escapes are \\" \\\\ \\/;
    LINE_BREAKS when \\n or \\t escapes are there too; None when anything might change."""
    found = NOTHING
    if b"\\" in raw:
        if _ODD_ESCAPE.search(raw):
            return None
        if _BREAK_ESCAPE.search(raw):
            found = LINE_BREAKS
    try:  # what is left is whole UTF-8 sequences, unless the file is damaged
        printable = raw.translate(None, _PLAIN_BYTES).decode("utf-8").isprintable()
    except UnicodeDecodeError:
        return None
    return found if printable else None


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
