"""Reading CSV files from other systems: UTF-8 with or without BOM, ',' or ';' (Swedish Excel)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


class CsvFileError(ValueError):
    """The file cannot be read at all (encoding, header)."""


@dataclass(frozen=True)
class CsvRow:
    line: int  # line number in the file, counting the header as line 1
    values: dict[str, str]


def read_csv(path: str | Path, *, required: list[str], optional: list[str] = ()) -> list[CsvRow]:
    """All rows with stripped values; the header must hold `required` (in any order)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise CsvFileError("Filen är inte sparad som UTF-8. Spara den som ”CSV UTF-8” och försök igen.") from None
    except OSError as exc:
        raise CsvFileError(f"Filen kan inte läsas: {exc.strerror}.") from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(text.splitlines(), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader, [])]
    missing = [c for c in required if c not in header]
    if missing:
        raise CsvFileError(
            f"Rubrikraden saknar kolumnerna: {', '.join(missing)}. Rubrikraden ska vara: "
            f"{','.join([*required, *optional])}"
        )
    unknown = [c for c in header if c and c not in required and c not in optional]
    if unknown:
        raise CsvFileError(f"Okända kolumner i rubrikraden: {', '.join(unknown)}.")
    return list(_rows(reader, header))


def _rows(reader, header: list[str]) -> Iterator[CsvRow]:
    for index, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue  # blank lines (often at the end of an Excel export)
        values = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header) if name}
        yield CsvRow(line=index, values=values)


def run_import(command, importer, file: str, summary) -> None:
    """Shared body of the import commands: every bad line to stderr and a non-zero exit, or the summary."""
    from django.core.management.base import CommandError

    try:
        result = importer(file)
    except CsvFileError as exc:
        raise CommandError(str(exc)) from None
    if result.errors:
        for line in result.errors:
            command.stderr.write(line)
        count = len(result.errors)
        raise CommandError(f"Inget importerades: {count} {'rad har' if count == 1 else 'rader har'} fel.")
    command.stdout.write(summary(result))
