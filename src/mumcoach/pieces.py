"""Validate a large journal piece by piece, so its whole JSON tree is never in memory at once.

Reading a journal straight from its bytes first turns all of them into a tree (about twice the
file's size) and only then makes the records, so both are in memory together: for ten years,
10 MB on top of the records' own. Here the bytes are cut between two records of a list, as
mumcoach writes it (`\\n  },\\n  {\\n`, the records of a top-level list), into pieces of about
PIECE bytes; each piece is framed to be a journal of its own (`{"plans": [` … `]}`), validated,
and the pieces joined. Nothing here trusts the layout: a cut in the wrong place makes a piece
that is not valid JSON, which list a piece continues is known from the pieces before it as
validated, and anything unclear (a key written twice, an order that cannot be told) gives up,
so the caller reads the file whole.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from pydantic import ValidationError

from mumcoach.models import Journal
from mumcoach.text import may_change

PIECE = 128 * 1024  # smaller pieces, smaller peak; the same time (measured 64 KB to 512 KB)
SMALLEST = 4 * PIECE  # smaller journals are read whole: their tree costs little
_CUT = b"\n  },\n  {\n"  # one record of a top-level list ends, the next begins
_END = len(b"\n  }")  # where a piece ends, inside the cut
_NEXT = len(b"\n  },")  # where the next begins


def read_file_in_pieces(file: BinaryIO) -> Journal | None:
    """The journal in `file`, read and validated a piece at a time; None if it is small,
    cannot be cut or any piece does not validate (the caller then reads it whole and says
    what is wrong)."""
    if os.fstat(file.fileno()).st_size < SMALLEST:
        return None
    try:
        return _validate(_cut_file(file))
    except (ValidationError, ValueError, RecursionError):
        return None


def _cut_file(file: BinaryIO) -> Iterator[bytes]:
    """The file's bytes piece by piece: cut at the first record boundary after every PIECE."""
    buffer = bytearray()
    while block := file.read(PIECE):
        buffer += block
        while (cut := buffer.find(_CUT, PIECE)) >= 0:
            yield bytes(buffer[: cut + _END])
            del buffer[: cut + _NEXT]
    yield bytes(buffer)


def _validate(chunks: Iterable[bytes]) -> Journal | None:
    journal: Journal | None = None
    name = ""  # the list a piece continues: open when the piece before it ended
    seen: set[str] = set()  # top-level keys met so far
    ahead = iter(chunks)
    chunk = next(ahead, None)
    while chunk is not None:
        following = next(ahead, None)
        first, last = journal is None, following is None
        if first and last:
            return None  # nowhere to cut: read whole
        before = b"" if first else b'{"%s": [' % name.encode()
        text = b"".join((before, chunk, b"" if last else b"]}"))
        # what cleaning could change, found for each piece (cuts are never inside text); with
        # no escapes but \" \\ \/ \n \t, a key is written as it reads, so it can be looked for
        context = may_change(text)
        if context is None:
            return None  # hand-edited: read whole
        if not first and text.find(b'"%s"' % name.encode(), len(before)) >= 0:
            return None  # its key again (written twice?): only a whole read can say which wins
        piece = Journal.model_validate_json(text, context=context)
        extra = piece.__pydantic_extra__ or {}
        keys = (set(piece.model_fields_set) | set(extra)) - {name}
        if keys & seen:
            return None  # a key written twice
        seen |= keys
        if journal is None:
            journal = piece
        else:
            _join(journal, piece, name)
        if not last:
            name = _open_at_end(text, piece, keys) if keys else name
            if not name:
                return None
        chunk = following
    return journal


def _open_at_end(text: bytes, piece: Journal, keys: set[str]) -> str:
    """The list left open at the end of a piece that began `keys`: the last list among them,
    told by where each is written if it began more than one (and only if each is written
    once in it, so that where is sure); "" when it cannot be told."""
    lists = [key for key in keys if isinstance(_value(piece, key), list)]
    if len(lists) == 1:
        return lists[0]
    quoted = [b'"%s"' % key.encode() for key in lists]
    if not lists or any(text.count(key) != 1 for key in quoted):
        return ""
    return max(zip(map(text.find, quoted), lists, strict=True))[1]


def _value(journal: Journal, key: str) -> Any:
    if key in type(journal).model_fields:
        return journal.__dict__[key]
    return (journal.__pydantic_extra__ or {}).get(key)


def _join(journal: Journal, piece: Journal, name: str) -> None:
    """Add what `piece` holds to `journal`: the list it continues extended, other keys set
    (unknown ones in the order they came, as they are written back in that order)."""
    fields = type(journal).model_fields
    for key in piece.model_fields_set & fields.keys():
        if key == name:
            journal.__dict__[key].extend(piece.__dict__[key])
        else:
            journal.__dict__[key] = piece.__dict__[key]
    assert journal.__pydantic_extra__ is not None  # extra="allow"
    for key, value in (piece.__pydantic_extra__ or {}).items():
        if key == name:
            journal.__pydantic_extra__[key].extend(value)
        else:
            journal.__pydantic_extra__[key] = value
    merged = journal.__pydantic_fields_set__ | piece.__pydantic_fields_set__
    object.__setattr__(journal, "__pydantic_fields_set__", merged)
