"""The personnummer guard against the personnummer project's public test list, plus generated
numbers in every format people type.

Source of `data/personnummer_testdata.json`: https://github.com/personnummer/meta, file
`testdata/list.json` (commit 054929a0afca009dddbde94db6ea57ad7062d17f), the shared test data of the
personnummer libraries (the `personnummer` package on PyPI tests against it), copied verbatim as a
list of facts. See data/README.md.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from tillit.core.privacy import PLACEHOLDER, find_personnummer, redact_personnummer

FORMATS = ("long_format", "short_format", "separated_format", "separated_long")
ENTRIES = json.loads((Path(__file__).parent / "data" / "personnummer_testdata.json").read_text(encoding="utf-8"))
# The list's format cases (integer 0) are valid numbers written with a space before the last four
# digits; the project calls that format invalid, Tillit's guard catches it on purpose (people type it).
NUMBERS = [e for e in ENTRIES if e["integer"]]
SPACED = [e for e in ENTRIES if not e["integer"]]
CONTEXTS = ("{}", "Brukaren {} föll", "pnr: {}.", "({})", "id-{}", "kund{}")


def _cases(entries, contexts=CONTEXTS):
    return [pytest.param(e[f], ctx, id=f"{e[f]}|{ctx}") for e in entries for f in FORMATS for ctx in contexts]


def test_the_list_holds_valid_and_invalid_personnummer_and_samordningsnummer():
    kinds = {(e["valid"], e["type"]) for e in NUMBERS}
    assert kinds == {(True, "ssn"), (False, "ssn"), (True, "con"), (False, "con")}


@pytest.mark.parametrize(("number", "context"), _cases([e for e in NUMBERS if e["valid"]]))
def test_every_valid_number_is_found_in_every_format(number, context):
    text = context.format(number)
    assert find_personnummer(text) == [number]
    redacted = redact_personnummer(text)
    assert number not in redacted and redacted == context.format(PLACEHOLDER)


@pytest.mark.parametrize(("number", "context"), _cases([e for e in NUMBERS if not e["valid"]]))
def test_no_invalid_number_is_flagged(number, context):
    text = context.format(number)
    assert find_personnummer(text) == []
    assert redact_personnummer(text) == text


@pytest.mark.parametrize(("number", "context"), _cases(SPACED))
def test_space_separated_valid_numbers_are_caught(number, context):
    assert find_personnummer(context.format(number)) == [number]


# Generated numbers: the check digit by the Luhn algorithm over the ten-digit form, the formats of
# the project's list (long, short, separated short, separated long) plus the separators people type.


def _luhn(nine: str) -> str:
    total = 0
    for i, ch in enumerate(nine):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


def _generated(seed: int = 20261125, count: int = 60) -> list[tuple[str, str, bool]]:
    """(yyyymmdd, nnnc, coordination) for random birth dates 1900–2025, half samordningsnummer."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        born = date(1900, 1, 1) + timedelta(days=rng.randrange(0, 365 * 125))
        day = born.day + (60 if i % 2 else 0)
        ymd = f"{born:%Y%m}{day:02d}"
        serial = f"{rng.randrange(1, 1000):03d}"
        out.append((ymd, serial + _luhn(ymd[2:] + serial), bool(i % 2)))
    return out


def _formats(ymd: str, last: str) -> list[str]:
    short = ymd[2:]
    century_old = int(ymd[:4]) <= date.today().year - 100
    sep = "+" if century_old else "-"
    return [
        ymd + last,
        short + last,
        f"{short}{sep}{last}",
        f"{ymd}-{last}",
        f"{short} {last}",
        f"{ymd} {last}",
        f"{short}\u2013{last}",
        f"{short} - {last}",
    ]


GENERATED = _generated()


@pytest.mark.parametrize(("ymd", "last", "coordination"), GENERATED)
def test_generated_valid_numbers_are_found_in_every_format(ymd, last, coordination):
    for number in _formats(ymd, last):
        text = f"Anteckning om {number} i dag"
        assert find_personnummer(text) == [number], number
        assert PLACEHOLDER in redact_personnummer(text)


@pytest.mark.parametrize(("ymd", "last", "coordination"), GENERATED)
def test_generated_numbers_with_a_wrong_check_digit_are_not_flagged(ymd, last, coordination):
    wrong = last[:3] + str((int(last[3]) + 1) % 10)
    for number in _formats(ymd, wrong):
        assert find_personnummer(f"Anteckning om {number} i dag") == [], number


@pytest.mark.parametrize("ymd", ["19990230", "20010229", "19851301", "19850000", "19850192", "19850132"])
def test_impossible_dates_are_not_flagged_even_with_a_right_check_digit(ymd):
    last = "123" + _luhn(ymd[2:] + "123")
    for number in _formats(ymd, last):
        assert find_personnummer(f"Anteckning om {number} i dag") == [], number
