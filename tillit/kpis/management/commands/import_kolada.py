"""`manage.py import_kolada --kpi U33401,U21468 --years 2017-2025 [--municipality 1489] [--compare 1480,1490]`
or `manage.py import_kolada --file FILE.json`: Kolada values for the municipality (on the top unit),
riket ("0000") and a comparison group. A failed fetch changes nothing; re-running changes nothing."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tillit.kpis.importer import store_kolada
from tillit.kpis.kolada import KoladaClient, KoladaError, parse_file
from tillit.kpis.models import RIKET

CODE = re.compile(r"^[0-9A-Za-z]{4}$")


def parse_years(text: str) -> list[int]:
    """ "2017-2025", "2019,2021" or a mix; a Swedish CommandError when it is not that."""
    years: set[int] = set()
    for part in filter(None, (p.strip() for p in text.split(","))):
        match = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", part)
        if not match:
            raise CommandError(f"Ogiltigt år ”{part}”: skriv till exempel 2017-2025 eller 2019,2021.")
        first, last = int(match.group(1)), int(match.group(2) or match.group(1))
        if last < first:
            raise CommandError(f"Ogiltigt intervall ”{part}”: det första året ska komma först.")
        years.update(range(first, last + 1))
    if not years:
        raise CommandError("Ange minst ett år med --years.")
    return sorted(years)


def _codes(text: str, what: str) -> list[str]:
    codes = [c.strip() for c in text.split(",") if c.strip()]
    bad = [c for c in codes if not re.fullmatch(r"[0-9A-Za-z]{1,32}", c)]
    if bad:
        raise CommandError(f"Ogiltig {what}: {', '.join(bad)}.")
    return codes


class Command(BaseCommand):
    help = "Hämta nyckeltal från Kolada (kommunen, riket och en jämförelsegrupp), eller läs ett sparat svar."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--kpi", default="", help="Kolada-koder, kommaseparerade (U33401,U21468)")
        parser.add_argument("--years", default="", help="År: 2017-2025 eller 2019,2021")
        parser.add_argument("--municipality", default="", help="Kommunkod (standard: KOLADA_MUNICIPALITY)")
        parser.add_argument("--compare", default="", help="Jämförelsekommuner, kommaseparerade kommunkoder")
        parser.add_argument("--file", default="", help="Ett sparat svar från Kolada (JSON) i stället för att hämta")

    def handle(self, *args, kpi: str, years: str, municipality: str, compare: str, file: str, **options) -> None:
        municipality = municipality or settings.KOLADA_MUNICIPALITY
        if not CODE.match(municipality or ""):
            raise CommandError(
                "Kommunkoden saknas eller är ogiltig: ange --municipality 1489 eller inställningen KOLADA_MUNICIPALITY."
            )
        try:
            if file:
                values = parse_file(file)
            else:
                if not kpi:
                    raise CommandError("Ange nyckeltal med --kpi, till exempel --kpi U33401,U21468.")
                municipalities = [municipality, RIKET, *_codes(compare, "kommunkod")]
                values = KoladaClient().data(
                    kpis=_codes(kpi, "nyckeltalskod"),
                    municipalities=list(dict.fromkeys(municipalities)),
                    years=parse_years(years),
                )
            result = store_kolada(actor=None, values=values, municipality=municipality)
        except KoladaError as exc:
            raise CommandError(f"{exc} Ingenting ändrades.") from None
        except ValidationError as exc:
            raise CommandError(f"{' '.join(exc.messages)} Ingenting ändrades.") from None
        self.stdout.write(
            f"Kolada: {len(values)} värden lästa; nya {result.created}, ändrade {result.updated}, "
            f"oförändrade {result.unchanged}. Källa: Kolada."
        )
