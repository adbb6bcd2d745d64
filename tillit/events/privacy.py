"""Personal-data guard for free text: find valid Swedish personnummer and offer to replace them."""

from __future__ import annotations

import re

from personnummer import personnummer

PLACEHOLDER = "[personnummer borttaget]"

# 10 or 12 digits with an optional -/+ before the last four; word boundaries so that longer
# digit runs (phone numbers, case numbers) are not cut in pieces.
_CANDIDATE = re.compile(r"(?<![\d-])(\d{2})?(\d{6})([-+]?)(\d{4})(?![\d])")


def find_personnummer(text: str) -> list[str]:
    """Every substring of `text` that is a valid personnummer or samordningsnummer (Luhn-checked)."""
    found = []
    for match in _CANDIDATE.finditer(text or ""):
        candidate = match.group(0)
        if personnummer.valid(candidate):
            found.append(candidate)
    return found


def redact_personnummer(text: str) -> str:
    for candidate in find_personnummer(text):
        text = text.replace(candidate, PLACEHOLDER)
    return text
