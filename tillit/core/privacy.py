"""The personal-data guard for free text: find valid Swedish personnummer and samordningsnummer
as people really type them, and offer to replace them with a placeholder.

One guard for every free-text field of every app (screens, API, imports): call
`find_personnummer` to warn or refuse, `redact_personnummer` to replace.
"""

from __future__ import annotations

import re

from personnummer import personnummer

PLACEHOLDER = "[personnummer borttaget]"

# 10 or 12 digits, the last four optionally set off by -, +, an en dash, a space, or " - ".
# Digits may follow a letter or a hyphen ("id-198211059954") but never another digit, so longer
# digit runs (case numbers, amounts) are not cut in pieces. Only numbers with a valid date and
# check digit count (personnummer.valid), so most other ten-digit numbers are left alone.
_CANDIDATE = re.compile(r"(?<!\d)(\d{2})?(\d{6})(\s?[-+\u2013]\s?|\s)?(\d{4})(?!\d)")


def _normalised(match: re.Match[str]) -> str:
    century, date, separator, last = match.group(1) or "", match.group(2), match.group(3) or "", match.group(4)
    return f"{century}{date}{'+' if '+' in separator else '-'}{last}"


def _matches(text: str) -> list[re.Match[str]]:
    return [m for m in _CANDIDATE.finditer(text or "") if personnummer.valid(_normalised(m))]


def find_personnummer(text: str) -> list[str]:
    """Every substring of `text` that is a valid personnummer or samordningsnummer, as typed."""
    return [m.group(0) for m in _matches(text)]


def redact_personnummer(text: str) -> str:
    """`text` with every valid personnummer or samordningsnummer replaced by PLACEHOLDER."""
    for match in reversed(_matches(text)):
        text = text[: match.start()] + PLACEHOLDER + text[match.end() :]
    return text


def redact_counted(text: str) -> tuple[str, int]:
    """`text` redacted, and how many numbers were replaced (to tell the sender)."""
    found = len(_matches(text))
    return (redact_personnummer(text) if found else text), found


# Paths where no human can be asked (the public form, the public follow-up, imports run with
# --redact-personnummer) replace automatically and say so with this text.
REDACTED_NOTICE = (
    "Vi har tagit bort ett personnummer ur texten och ersatt det med ”" + PLACEHOLDER + "”. "
    "Personnummer behövs inte för att vi ska kunna hantera ärendet."
)
