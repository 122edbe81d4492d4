"""The number scales answers are kept on (mood 1–5, energy 0–10, …), for the journal and drafts.

A module of its own so a question can check its answer without importing the journal's models.
"""

from typing import Annotated

from pydantic import Field

ZeroToTen = Annotated[int, Field(ge=0, le=10)]
OneToFive = Annotated[int, Field(ge=1, le=5)]
OneToSeven = Annotated[int, Field(ge=1, le=7)]
Percent = Annotated[int, Field(ge=0, le=100)]
Minutes = Annotated[int, Field(ge=0, le=24 * 60)]
UclaAnswer = Annotated[int, Field(ge=1, le=3)]
