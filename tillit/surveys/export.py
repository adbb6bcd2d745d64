"""Files for the keepers: the code list (CSV/XLSX; all codes or only the unused ones, for the
municipality's own reminder channel) and the results workbook (suppressed cells as on the page)."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

from tillit.surveys.models import Survey
from tillit.surveys.results import imported_questions, question_results, rate_table

CODE_HEADER = ["lopnummer", "enhet", "kod", "lank"]


def code_rows(survey: Survey, codes: list[tuple[int, str, str]], base_url: str) -> list[list[str]]:
    return [[str(number), unit, code, f"{base_url}?kod={code}"] for number, unit, code in codes]


def csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")  # Swedish Excel reads it as UTF-8


def xlsx_bytes(sheets: list[tuple[str, list[str], list[list[object]]]]) -> bytes:
    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append(header)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _cell(count) -> object:
    return str(count) if count.suppressed else count.value


def results_sheets(survey: Survey) -> list[tuple[str, list[str], list[list[object]]]]:
    table = rate_table(survey)
    rates = [
        [
            row.code,
            row.name,
            row.invited,
            _cell(row.answered_shown),
            "" if row.suppressed else row.rate,
            table.share_of_all(row) if table.share_of_all(row) is not None else "",
        ]
        for row in table.units
    ]
    questions, distribution = [], []
    for result in [*question_results(survey), *imported_questions(survey)]:
        share = result.share if result.share_shown else None
        questions.append(
            [
                result.code,
                result.text,
                "<" + str(result.limit) if result.suppressed else result.answers,
                share.n if share else "",
                share.positive if share else "",
                share.share if share else "",
                share.interval[0] if share else "",
                share.interval[1] if share else "",
                result.previous.share if result.previous and result.previous.n >= result.limit else "",
                result.national.share if result.national else "",
            ]
        )
        distribution += [[result.code, label, _cell(count)] for _, label, count in result.distribution]
    return [
        (
            "Svarsfrekvens",
            ["enhetskod", "enhet", "inbjudna", "svar", "svarsfrekvens_procent", "andel_av_alla_svar"],
            rates,
        ),
        (
            "Frågor",
            [
                "fraga",
                "text",
                "svar",
                "n_utan_vet_ej",
                "positiva",
                "andel_positiva",
                "ki_lag",
                "ki_hog",
                "forra_omgangen",
                "riket",
            ],
            questions,
        ),
        ("Fördelning", ["fraga", "svarsalternativ", "antal"], distribution),
    ]
