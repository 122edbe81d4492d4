"""Lets `python -m mumcoach` run the command line."""

from mumcoach.launch import main

main()
