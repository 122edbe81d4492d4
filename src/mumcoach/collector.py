"""The garbage collector kept out of the way while a command-line run reads the journal.

Reading a journal makes tens of thousands of records that all live until the run ends, and no
reference cycles, so each pass the collector makes while they are read walks them for nothing
(about a tenth of the reading time). In a run started from the command line (launch.py) it is
paused while the journal is read, and the records are then moved out of its sight for the rest
of the run (`gc.freeze`): refcounting still frees anything dropped, and a short run never needs
back what a cycle among them might hold. Elsewhere (tests, a library user) nothing changes.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_paused_while_reading = False


def pause_while_reading() -> None:
    """For this run: pause the collector while the journal is read (launch.py)."""
    global _paused_while_reading
    _paused_while_reading = True


@contextmanager
def reading() -> Iterator[None]:
    """Around reading the journal: the collector paused, if this run asked for it."""
    if not (_paused_while_reading and gc.isenabled()):
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()
