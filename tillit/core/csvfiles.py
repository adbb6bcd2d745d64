"""Reading the files municipalities keep their registers in: CSV (UTF-8 with or without BOM, ',' or
';' as Swedish Excel writes it) and the first sheet of an XLSX workbook, with the same header rules."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tillit.core.privacy import PLACEHOLDER, find_personnummer, redact_personnummer


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
    header = _checked_header(next(reader, []), required, optional)
    return list(_rows(reader, header))


def read_table(path: str | Path, *, required: list[str], optional: list[str] = ()) -> list[CsvRow]:
    """A CSV file, or the first sheet of an .xlsx workbook, with the same header rules and rows."""
    if str(path).lower().endswith(".xlsx"):
        return _read_xlsx(path, required=required, optional=optional)
    return read_csv(path, required=required, optional=optional)


def _checked_header(cells, required: list[str], optional) -> list[str]:
    header = [str(h or "").strip().lower() for h in cells]
    missing = [c for c in required if c not in header]
    if missing:
        raise CsvFileError(
            f"Rubrikraden saknar kolumnerna: {', '.join(missing)}. Rubrikraden ska vara: "
            f"{','.join([*required, *optional])}"
        )
    unknown = [c for c in header if c and c not in required and c not in optional]
    if unknown:
        raise CsvFileError(f"Okända kolumner i rubrikraden: {', '.join(unknown)}.")
    return header


def _cell_text(cell) -> str:
    """An Excel cell as the text a CSV export would hold (2025.0 → "2025")."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _read_xlsx(path: str | Path, *, required: list[str], optional) -> list[CsvRow]:
    from openpyxl import load_workbook  # only needed for workbooks

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise CsvFileError("Excel-filen kan inte läsas. Spara den som .xlsx och försök igen.") from None
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = _checked_header(next(rows, ()), required, optional)
        return list(_rows(([_cell_text(c) for c in cells] for cells in rows), header))
    finally:
        workbook.close()


def _rows(reader, header: list[str]) -> Iterator[CsvRow]:
    for index, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue  # blank lines (often at the end of an Excel export)
        values = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header) if name}
        yield CsvRow(line=index, values=values)


def guard_rows(rows: list[CsvRow], *, redact: bool) -> tuple[list[CsvRow], list[str]]:
    """The personnummer guard for imported files (every column of every row), where no one can be
    asked line by line: either every line holding a personnummer is listed as an error (the whole
    file is refused, nothing imported), or, with `redact`, each number is replaced by the
    placeholder. Returns the rows to import and the errors."""
    errors: list[str] = []
    guarded: list[CsvRow] = []
    for row in rows:
        columns = [name for name, value in row.values.items() if find_personnummer(value)]
        if columns and redact:
            row = CsvRow(row.line, {k: redact_personnummer(v) if k in columns else v for k, v in row.values.items()})
        elif columns:
            named = ", ".join(columns)
            errors.append(
                f"rad {row.line}: personnummer i kolumnen {named}. Ta bort det ur filen, eller importera med "
                f"--redact-personnummer så ersätts det med ”{PLACEHOLDER}”"
            )
        guarded.append(row)
    return guarded, errors


def add_redact_argument(parser) -> None:
    """The import commands' `--redact-personnummer` flag (see `guard_rows`)."""
    parser.add_argument(
        "--redact-personnummer",
        action="store_true",
        help="Ersätt personnummer i filen med en platshållare i stället för att avvisa filen.",
    )


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
