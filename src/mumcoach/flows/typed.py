"""Read what people actually type: "sixty", "60%", "5 mths", "2.5 years", "an hour"."""

from __future__ import annotations

import re

UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
FILLER = re.compile(r"^(?:about|around|roughly|maybe|approx\.?|~)\s*|\s*(?:ish|or so)$")
NUMBER_SUFFIX = re.compile(r"\s*(?:%|per\s*cent|percent|mins?|minutes?)$")
HOURS = re.compile(r"^(.+?)\s*(?:hours?|hrs?|h)$")


def words_to_number(text: str) -> float | None:
    """'60', '2.5', 'sixty', 'sixty-five', 'a hundred', 'a half', 'one and a half' → a number."""
    text = text.strip().lower().replace("-", " ")
    try:
        return float(text)
    except ValueError:
        pass
    half = 0.0
    for ending in (" and a half", " and half"):
        if text.endswith(ending):
            text, half = text[: -len(ending)].strip(), 0.5
    if text in ("a half", "half", "half a", "half an"):
        return 0.5
    total, seen = 0, False
    for word in text.replace(" and ", " ").split():
        if word in UNITS:
            total += UNITS.index(word)
        elif word in TENS:
            total += (TENS.index(word) + 2) * 10
        elif word == "hundred":
            total = max(total, 1) * 100
        elif word in ("a", "an", "one") and not seen:
            total += 1 if word == "one" else 0
            if word != "one":
                total = total or 1
        else:
            try:
                total += int(word)
            except ValueError:
                return None
        seen = True
    return total + half if seen else None


def read_number(text: str, *, minutes: bool = False) -> int | None:
    """A whole number as typed: '60', '60%', 'sixty', 'about 20', '20 mins'; with `minutes`,
    hours too ('an hour', '1.5 hours'). None when it cannot be read."""
    text = FILLER.sub("", text.strip().lower()).strip()
    scale = 1
    hours = HOURS.match(text) if minutes else None
    if hours:
        text, scale = hours.group(1).strip(), 60
    else:
        text = NUMBER_SUFFIX.sub("", text).strip()
    value = words_to_number(text)
    if value is None:
        return None
    value *= scale
    return int(value) if value == int(value) else None


AGE_UNIT = {
    "w": "w",
    "wk": "w",
    "wks": "w",
    "week": "w",
    "weeks": "w",
    "m": "m",
    "mo": "m",
    "mos": "m",
    "mth": "m",
    "mths": "m",
    "mnth": "m",
    "mnths": "m",
    "month": "m",
    "months": "m",
    "y": "y",
    "yr": "y",
    "yrs": "y",
    "year": "y",
    "years": "y",
}
AGE_PART = re.compile(r"([0-9.]+|[a-z]+(?:[ -][a-z]+)*?)\s*(" + "|".join(AGE_UNIT) + r")\b")
LIMITS = {"w": 520, "m": 240, "y": 60}
AND_A_HALF = re.compile(r"\b(\d+|" + "|".join(UNITS[1:13]) + r")\s+and\s+a\s+half\b")


def read_age(text: str) -> str | int | None:
    """'8m', '8 months', '5 mths', 'six months', '18 months', '2.5 years', '1y 6m', '3 weeks'
    → '8m' … '30m', '18m', '3w'. A bare number ('3') comes back as the int 3: ask its unit.
    None when it cannot be read."""
    text = FILLER.sub("", text.strip().lower()).replace(" old", "").strip()
    text = AND_A_HALF.sub(lambda m: f"{int(words_to_number(m.group(1)) or 0)}.5", text)
    text = re.sub(r"\band\b|,", " ", text).strip()
    bare = words_to_number(text)
    if bare is not None:
        return int(bare) if bare == int(bare) and 0 <= bare <= 60 else None
    parts = AGE_PART.findall(text)
    if not parts or AGE_PART.sub("", text).strip():
        return None
    months = weeks = 0.0
    units = set()
    for amount, unit_word in parts:
        value = words_to_number(amount)
        unit = AGE_UNIT[unit_word]
        if value is None or value < 0 or value > LIMITS[unit] or unit in units:
            return None
        units.add(unit)
        if unit == "w":
            weeks += value
        else:
            months += value * (12 if unit == "y" else 1)
    if weeks and months:
        return None
    if weeks:
        return f"{round(weeks)}w"
    if months % 12 == 0 and months >= 24 and len(parts) == 1 and "y" in units:
        return f"{int(months // 12)}y"
    if months != int(months):
        return f"{round(months * 4.345)}w" if months < 3 else f"{round(months)}m"
    return f"{int(months)}m" if "m" in units or months % 12 else f"{int(months // 12)}y"
