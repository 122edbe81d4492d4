"""Child process for the concurrency test: save COUNT people tagged TAG through Store.update.

Usage: python saver.py HOME TAG COUNT GO_FILE
Waits until GO_FILE exists (so two savers start together), then saves one person per update,
with a short random pause between saves as a person would leave. Prints "done N" at the end.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date
from pathlib import Path

from mumcoach.models import Journal, Person
from mumcoach.store import Store


def main() -> None:
    home, tag, count, go = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
    store = Store(home, lock_timeout=60)
    deadline = time.monotonic() + 30
    while not go.exists():
        if time.monotonic() > deadline:
            sys.exit("the go file never appeared")
        time.sleep(0.001)
    for i in range(count):

        def add(journal: Journal, name: str = f"{tag}-{i:03d}") -> None:
            journal.people.append(Person(name=name, created=date(2026, 11, 21)))

        store.update(add)
        time.sleep(random.uniform(0, 0.004))
    print(f"done {count}", flush=True)


if __name__ == "__main__":
    main()
