"""One error base: every expected failure carries a kind user message and an exit code."""

from __future__ import annotations

# Exit codes, documented in the README. 130 follows the shell convention for Ctrl-C.
OK = 0
UNEXPECTED = 1
BAD_INPUT = 2
JOURNAL_DAMAGED = 3
JOURNAL_TOO_NEW = 4
JOURNAL_BUSY = 5
CONTENT_INVALID = 6
NEEDS_ANSWER = 7
STORAGE_FAILED = 8
DRAFT_KEPT = 9  # the save failed; her answers are kept in a draft for --resume
CRISIS_SHOWN = 10  # words of suicide, self-harm or harming a child: coaching stopped (not an error)
CANCELLED = 130


class MumcoachError(Exception):
    """An expected failure with a one-line message for the person and an exit code."""

    exit_code = UNEXPECTED

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code


class BadInput(MumcoachError):
    exit_code = BAD_INPUT


class JournalDamaged(MumcoachError):
    exit_code = JOURNAL_DAMAGED


class JournalTooNew(MumcoachError):
    exit_code = JOURNAL_TOO_NEW


class JournalBusy(MumcoachError):
    exit_code = JOURNAL_BUSY


class ContentInvalid(MumcoachError):
    exit_code = CONTENT_INVALID


class NeedsAnswer(MumcoachError):
    exit_code = NEEDS_ANSWER


class StorageFailed(MumcoachError):
    exit_code = STORAGE_FAILED


class RefusedToDropRecords(MumcoachError):
    """A save that would silently lose records; a bug, never the person's fault."""

    exit_code = STORAGE_FAILED
