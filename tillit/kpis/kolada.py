"""Kolada v3 client and parser (https://api.kolada.se/v3, no key; cite "Källa: Kolada").

The data shape: ``{"count": n, "values": [{"kpi": "U33401", "municipality": "1489", "period": 2018,
"values": [{"gender": "T", "value": 103.0, "count": 1, "status": ""}, …]}], "next_url": …}``.
`value` may be null. The paging link is `next_url` in most clients and `next_page` in one: both are
followed. Year lists are sent at most 25 at a time. The same parser reads a saved response
(`manage.py import_kolada --file`), so offline installations and tests use the real code path.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from django.conf import settings

from tillit.kpis.models import Gender

MAX_YEARS_PER_REQUEST = 25
MAX_PAGES = 1000  # a loop guard: a server that keeps sending the same link must not hang the import


class KoladaError(Exception):
    """Fetching or reading Kolada data failed; the message is Swedish and meant for the user."""


@dataclass(frozen=True)
class KoladaValue:
    kpi: str
    municipality: str
    period: int
    gender: str
    value: float | None
    count: int | None
    status: str


def parse(payload: Any) -> tuple[list[KoladaValue], str | None]:
    """The values of one response page and the link to the next page (None on the last page)."""
    if not isinstance(payload, dict) or not isinstance(payload.get("values"), list):
        raise KoladaError("Svaret från Kolada har inte det väntade formatet (fältet ”values” saknas).")
    found: list[KoladaValue] = []
    for entry in payload["values"]:
        try:
            kpi, municipality, period = str(entry["kpi"]), str(entry["municipality"]), int(entry["period"])
            for item in entry.get("values") or []:
                gender = str(item.get("gender") or Gender.TOTAL)
                if gender not in Gender.values:
                    raise ValueError(gender)
                raw = item.get("value")
                found.append(
                    KoladaValue(
                        kpi=kpi,
                        municipality=municipality,
                        period=period,
                        gender=gender,
                        value=None if raw is None else float(raw),
                        count=item.get("count"),
                        status=str(item.get("status") or ""),
                    )
                )
        except (KeyError, TypeError, ValueError, AttributeError):
            raise KoladaError(
                f"Svaret från Kolada har inte det väntade formatet (värdet {json.dumps(entry)[:120]})."
            ) from None
    next_link = payload.get("next_url") or payload.get("next_page") or None
    return found, next_link


def parse_file(path: str | Path) -> list[KoladaValue]:
    """A saved Kolada response (one page, or a list of pages)."""
    try:
        payload = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise KoladaError(f"Filen kan inte läsas: {exc.strerror}.") from None
    except json.JSONDecodeError:
        raise KoladaError("Filen är inte giltig JSON (ett sparat svar från Kolada väntades).") from None
    pages = payload if isinstance(payload, list) else [payload]
    return [value for page in pages for value in parse(page)[0]]


def _chunks(items: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class KoladaClient:
    """Reads data from Kolada's API; every failure becomes a KoladaError with a Swedish message."""

    def __init__(self, base_url: str | None = None, *, timeout: float = 30.0) -> None:
        self.base_url = (base_url or settings.KOLADA_BASE_URL).rstrip("/")
        self.timeout = timeout

    def data(self, *, kpis: Sequence[str], municipalities: Sequence[str], years: Sequence[int]) -> list[KoladaValue]:
        """Values of `kpis` for `municipalities` in `years` (all pages, years in groups of 25)."""
        found: list[KoladaValue] = []
        with httpx.Client(timeout=self.timeout, headers={"Accept": "application/json"}) as client:
            for group in _chunks(sorted(set(years)), MAX_YEARS_PER_REQUEST):
                url: str | None = (
                    f"{self.base_url}/data/kpi/{','.join(kpis)}/municipality/{','.join(municipalities)}"
                    f"/year/{','.join(str(y) for y in group)}"
                )
                pages = 0
                while url:
                    pages += 1
                    if pages > MAX_PAGES:
                        raise KoladaError("Kolada skickade fler sidor än väntat; hämtningen avbröts.")
                    values, url = parse(self._get(client, url))
                    found.extend(values)
        return found

    def _get(self, client: httpx.Client, url: str) -> Any:
        try:
            response = client.get(url)
        except httpx.TimeoutException:
            raise KoladaError("Kolada svarade inte i tid. Försök igen senare.") from None
        except httpx.HTTPError:
            raise KoladaError(
                "Det gick inte att nå Kolada. Kontrollera nätverksanslutningen (eller inställningen "
                "KOLADA_BASE_URL) och försök igen."
            ) from None
        if response.status_code != 200:
            raise KoladaError(f"Kolada svarade med felkod {response.status_code}. Försök igen senare.")
        try:
            return response.json()
        except ValueError:
            raise KoladaError("Svaret från Kolada var inte giltig JSON.") from None
