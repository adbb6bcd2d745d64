"""The report's "Nyckeltal och resultat": drafted from the `kpis` figures (this year against last
year, riket, target, gender split, "Källa: Kolada"), with a chart that renders."""

from __future__ import annotations

import pytest

from tillit.core.charts import to_svg
from tillit.kpis.demo import demo_step
from tillit.kpis.models import Kpi, KpiSource, KpiValue
from tillit.kpis.report_sections import chart, kpi_sentence
from tillit.reports import engine

pytestmark = pytest.mark.django_db


def test_the_section_is_drafted_from_kolada_values_with_source_riket_and_gender(org):
    demo_step(rng=None, today=None)
    draft = engine.draft(scope=org.soc, year=2025)
    section = draft.section("nyckeltal")
    assert section is not None and section.title == "Nyckeltal och resultat"
    text = section.text
    assert "Källa: Kolada (U33401)." in text
    assert "riket" in text and "kvinnor" in text
    entry = next(e for e in draft.figures.published["kpis"] if e["code"] == "U33401")
    assert set(entry) >= {"code", "title", "source", "municipality", "riket", "change"}
    assert section.chart == "kpis" and section.tables


def test_sentence_compares_with_last_year_riket_target_and_gender(org):
    kpi = Kpi.objects.create(
        code="EGEN01", title="Andel avvikelser mottagna i tid", source=KpiSource.MANUAL, measure="procent", target=90
    )
    for year, value in ((2024, 80.0), (2025, 85.5)):
        KpiValue.objects.create(kpi=kpi, unit=org.soc, year=year, value=value)
    KpiValue.objects.create(kpi=kpi, unit=org.soc, year=2025, gender="K", value=87.5)
    KpiValue.objects.create(kpi=kpi, unit=org.soc, year=2025, gender="M", value=83.5)
    KpiValue.objects.create(kpi=kpi, municipality_code="0000", year=2025, value=84.0)
    from tillit.kpis.report_sections import figures

    entry = figures(scope=org.soc, year=2025)["kpis"][0]
    sentence = kpi_sentence(entry, 2025)
    assert sentence.startswith("Andel avvikelser mottagna i tid: 85,5 % 2025 jämfört med 80 % 2024 (en förbättring).")
    assert "Målvärdet 90 % är inte nått." in sentence
    assert "För kvinnor är värdet 4 procentenheter högre än för män" in sentence
    assert "Källa: egen, inmatad (EGEN01)." in sentence
    assert "Kolada" not in sentence


def test_lower_is_better_and_the_chart_renders(org):
    demo_step(rng=None, today=None)
    from tillit.kpis.report_sections import figures

    data = {"year": 2025, **figures(scope=org.soc, year=2025)}
    days = next(e for e in data["kpis"] if e["code"] == "U33401")
    assert days["direction"] == "lagre"
    spec = chart(data)
    assert spec is not None
    assert "<svg" in to_svg(spec)
    assert chart({"year": 2025, "kpis": []}) is None
