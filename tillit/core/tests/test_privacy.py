import pytest
from hypothesis import given
from hypothesis import strategies as st

from tillit.core.privacy import PLACEHOLDER, find_personnummer, redact_personnummer


def luhn_complete(nine: str) -> str:
    total = 0
    for i, ch in enumerate(nine):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return nine + str((10 - total % 10) % 10)


@pytest.mark.parametrize(
    "text",
    [
        "Brukaren 19121212-1212 föll",
        "pnr 121212-1212.",
        "191212121212 ringde",
        "1212121212",
        "född 121212+1212 (över 100 år)",
        "pnr 19121212 1212 i journalen",
        "pnr 121212 - 1212 i journalen",
        "pnr 121212–1212 (tankstreck)",
        "id-198211059954",
        "kund198211059954",
        "samordningsnummer 701063-2391",
    ],
)
def test_valid_personnummer_found(text):
    assert find_personnummer(text)
    assert PLACEHOLDER in redact_personnummer(text)


@pytest.mark.parametrize(
    "text",
    ["121212-1213", "telefon 070-1234567", "ärende 2026-00042", "belopp 1234567890123", ""],
)
def test_no_false_positives(text):
    assert find_personnummer(text) == []


def test_redaction_keeps_the_rest_of_the_text():
    assert redact_personnummer("A 121212-1212 och B 19121212 1212.") == f"A {PLACEHOLDER} och B {PLACEHOLDER}."


@given(
    st.dates().map(lambda d: d.strftime("%y%m%d")),
    st.integers(min_value=1, max_value=999).map(lambda n: f"{n:03d}"),
    st.sampled_from(["-", "", " ", " - ", "–"]),
)
def test_generated_valid_numbers_are_found_and_redacted(ymd, serial, sep):
    full = luhn_complete(ymd + serial)
    number = f"{full[:6]}{sep}{full[6:]}"
    text = f"Anteckning om {number} idag"
    assert find_personnummer(text) == [number]
    assert number not in redact_personnummer(text)
