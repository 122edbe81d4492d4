"""Lets `python -m mumcoach` run the command line."""

from mumcoach.cli import main

main()
