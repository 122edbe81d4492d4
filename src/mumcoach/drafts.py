"""Unfinished answers kept on disk as they are typed: Ctrl-C, a crash or a failed save loses none.

One private file per command (`drafts/checkin.json`, 0600 in a 0700 folder inside the data
folder, never anywhere else). It holds the flags and answers file she gave and every answer she
typed, in order. The next run of that command offers to carry on: the answers are replayed and
only the questions after them are asked. A draft goes only after a successful save.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from mumcoach.paths import FILE_MODE, drafts_dir, ensure_private_dir, tighten
from mumcoach.text import clean_any
from mumcoach.words import short_weekday_day

DRAFT_KIND = "mumcoach-draft"
DRAFT_VERSION = 1
NOUNS = {"init": "set-up", "plan": "plan", "checkin": "check-in"}


def plain_value(value: Any) -> Any:
    """An answer as JSON can hold it (dates as ISO text, which every check reads back)."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain_value(v) for k, v in value.items()}
    return value


@dataclass
class Draft:
    """One command's unfinished answers; written after every answer when `persist`."""

    path: Path
    command: str
    started_at: datetime
    given: dict[str, Any] = field(default_factory=dict)
    answers: list[tuple[str, Any]] = field(default_factory=list)
    replay: dict[str, list[Any]] = field(default_factory=dict)
    persist: bool = True
    on_disk: bool = False
    write_failed: bool = False

    @property
    def noun(self) -> str:
        return NOUNS.get(self.command, self.command)

    @property
    def size(self) -> int:
        """How many answers it holds, replayed or not."""
        return len(self.answers) + sum(len(v) for v in self.replay.values())

    def pending(self) -> bool:
        """Answers from an earlier run that this run has not used (yet)."""
        return any(self.replay.values())

    def take(self, key: str) -> tuple[bool, Any]:
        """The next answer an earlier run gave to `key`, if any is left."""
        queue = self.replay.get(key)
        if not queue:
            return False, None
        return True, queue.pop(0)

    def record(self, key: str, value: Any) -> None:
        self.answers.append((key, plain_value(value)))
        if self.persist:
            self.write()

    def to_json(self) -> dict[str, Any]:
        pending = [(k, v) for k, queue in self.replay.items() for v in queue]
        return {
            "kind": DRAFT_KIND,
            "version": DRAFT_VERSION,
            "command": self.command,
            "started_at": self.started_at.isoformat(timespec="seconds"),
            "given": plain_value(self.given),
            "answers": [list(pair) for pair in [*self.answers, *pending]],
        }

    def write(self, data: dict[str, Any] | None = None) -> Path | None:
        """Keep it (or `data`) on disk now; None (and `write_failed`) when the disk refuses."""
        from mumcoach.durable import atomic_write
        from mumcoach.errors import StorageFailed

        data = self.to_json() if data is None else data
        payload = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
        try:
            ensure_private_dir(self.path.parent.parent)  # the data folder, owner-only too
            ensure_private_dir(self.path.parent)
            atomic_write(self.path, payload)
        except StorageFailed as exc:
            if not _written(exc):
                self.write_failed = True
                return None
        except OSError:
            self.write_failed = True
            return None
        self.on_disk = True
        self.write_failed = False
        return self.path

    def remove(self) -> bool:
        """Remove it after a successful save; False if it could not be removed."""
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            return False
        self.on_disk = False
        return True


def _written(exc: Exception) -> bool:
    """A folder sync failing after the rename still leaves the draft written."""
    from mumcoach.durable import NotSynced

    return isinstance(exc, NotSynced)


def draft_path(home: Path, command: str) -> Path:
    return drafts_dir(home) / f"{command}.json"


def read_draft(home: Path, command: str) -> Draft | None:
    """The unfinished draft of `command`, if there is one that can be read.

    One that cannot be read is moved aside (never silently replaced) and ignored."""
    path = draft_path(home, command)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
        if data.get("kind") != DRAFT_KIND or data.get("command") != command:
            raise ValueError("not a draft")
        replay: dict[str, list[Any]] = {}
        for key, value in data["answers"]:
            replay.setdefault(str(key), []).append(clean_any(value, multiline=True))
        given = clean_any(data.get("given") or {}, multiline=True)
        if not isinstance(given, dict):
            raise ValueError("given is not a table")
        tighten(path, FILE_MODE)
        return Draft(
            path=path,
            command=command,
            started_at=datetime.fromisoformat(data["started_at"]),
            given=given,
            replay=replay,
            on_disk=True,
        )
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        with contextlib.suppress(OSError):
            os.replace(path, path.with_name(f"{path.name}.unreadable"))
        return None


def new_draft(home: Path, command: str, now: datetime, *, persist: bool) -> Draft:
    return Draft(path=draft_path(home, command), command=command, started_at=now, persist=persist)


def when_started(draft: Draft, now: datetime) -> str:
    """'21:40', 'yesterday at 21:40' or 'Tue 18 Nov at 21:40', for "from …"."""
    at = f"{draft.started_at:%H:%M}"
    days = (now.date() - draft.started_at.date()).days
    if days == 0:
        return at
    if days == 1:
        return f"yesterday at {at}"
    return f"{short_weekday_day(draft.started_at)} at {at}"


def scrub_drafts(home: Path, pattern: re.Pattern[str] | None, person_id: str) -> int:
    """Forget a person in every draft too (`people forget`): a person met under her name, or
    picked as her, goes whole; her name elsewhere is replaced as in the journal.

    Returns how many drafts changed; a draft that cannot be rewritten is removed."""
    folder = drafts_dir(home)
    if not folder.is_dir():
        return 0
    changed = 0
    for path in sorted(folder.iterdir()):
        try:
            text = path.read_text("utf-8")
            data = json.loads(text)
            data["given"] = _scrub(data.get("given") or {}, pattern)
            data["answers"] = _without_her(data["answers"], pattern, person_id)
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            if pattern is None or pattern.search(path.read_bytes().decode("utf-8", "replace")):
                path.unlink(missing_ok=True)  # a copy we cannot read must not keep her name
                changed += 1
            continue
        if json.loads(text) == data:
            continue
        changed += 1
        draft = Draft(path=path, command=str(data.get("command")), started_at=datetime.now())
        if draft.write(data) is None:
            path.unlink(missing_ok=True)
    return changed


PERSON_START, PERSON_END, PICKED = "person_name", "another_person", "which_person"


def _without_her(
    answers: list[list[Any]], pattern: re.Pattern[str] | None, person_id: str
) -> list[list[Any]]:
    """Every answer, less those about a person met under her name or picked as her."""
    blocks: list[list[list[Any]]] = [[]]
    for key, value in answers:
        if key == PERSON_START:
            blocks.append([])
        blocks[-1].append([key, value])
        if key == PERSON_END:
            blocks.append([])
    kept: list[list[Any]] = []
    for block in blocks:
        about_her = any(
            (k == PERSON_START and _mentions(v, pattern)) or (k == PICKED and v == person_id)
            for k, v in block
        )
        if not about_her:
            kept += [[k, _scrub(v, pattern)] for k, v in block]
    return kept


def _mentions(value: Any, pattern: re.Pattern[str] | None) -> bool:
    return pattern is not None and isinstance(value, str) and bool(pattern.search(value))


def _scrub(value: Any, pattern: re.Pattern[str] | None) -> Any:
    from mumcoach.coach.forget import FORGOTTEN

    if isinstance(value, str):
        return pattern.sub(FORGOTTEN, value) if pattern is not None else value
    if isinstance(value, list):
        people = [
            v for v in value if not (isinstance(v, dict) and _mentions(v.get("name"), pattern))
        ]
        return [v for v in (_scrub(v, pattern) for v in people) if v != FORGOTTEN]
    if isinstance(value, dict):
        return {k: _scrub(v, pattern) for k, v in value.items()}
    return value
