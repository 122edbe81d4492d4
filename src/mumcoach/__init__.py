"""mumcoach: a private, offline coach for making friends with other parents.

Layers, each with one job, importing only downwards (tests/test_architecture.py checks):

- cli.py: the funnel: global options, lazy commands, every error as one line and an exit code.
- commands/<name>.py: options and wiring only: load, call one flow or coach function, save
  through the store, hand the result to a view.
- flows/: every question (prompter, flags or answers file).
- coach/: every decision and every change to the journal; never asks or prints.
- store.py, content/, models.py: the journal on disk; the coaching content and its contract;
  the journal's records.
- views/: render results as text and as JSON (views/json_out.py: one envelope for every --json).
- prompter.py: the only module that imports questionary.
"""

__version__ = "0.1.0"
