"""The KPI page's styrdiagram (I-chart with limits, phases from trends) and the funnel plot that
compares units with a denominator (95 % and 99.8 % limits)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tillit.kpis.models import Kpi, KpiSource, KpiValue
from tillit.kpis.selectors import kpi_funnel, kpi_series, kpi_series_key
from tillit.testing.client import login
from tillit.testing.factories import UserFactory, assign
from tillit.trends.models import SeriesPhase

pytestmark = pytest.mark.django_db


@pytest.fixture
def quality(org):
    """A kvalitetsutvecklare for the whole förvaltning (SOC)."""
    user = UserFactory(username="kvalitet-soc")
    assign(user, "kvalitetsutvecklare", org.soc)
    return user


def _kpi(code: str = "TILLIT-AVV-MOTTAGEN", measure: str = "procent") -> Kpi:
    return Kpi.objects.create(code=code, title="Andel mottagna i tid", source=KpiSource.COMPUTED, measure=measure)


def _monthly(kpi, unit, values, year: int = 2025) -> None:
    KpiValue.objects.bulk_create(
        KpiValue(kpi=kpi, unit=unit, year=year + (m // 12), month=m % 12 + 1, value=v) for m, v in enumerate(values)
    )


def _yearly(kpi, unit, numerator, denominator, year: int = 2025) -> None:
    KpiValue.objects.create(
        kpi=kpi,
        unit=unit,
        year=year,
        value=100 * numerator / denominator,
        numerator=numerator,
        denominator=denominator,
    )


def test_series_is_monthly_when_there_are_monthly_values_else_yearly(org):
    kpi = _kpi()
    _monthly(kpi, org.soc, [80, None, 82])
    _yearly(kpi, org.soc, 8, 10)
    series = kpi_series(kpi, org.soc)
    assert series.monthly and series.periods[0] == date(2025, 1, 1) and series.values == [80, None, 82]
    other = _kpi("EGEN", measure="antal")
    KpiValue.objects.create(kpi=other, unit=org.soc, year=2024, value=3)
    KpiValue.objects.create(kpi=other, unit=org.soc, year=2025, value=5)
    yearly = kpi_series(other, org.soc)
    assert not yearly.monthly and yearly.values == [3, 5]


def test_kpi_page_shows_an_i_chart_with_the_month_outside_the_limits(client, org, quality):
    kpi = _kpi()
    _monthly(kpi, org.soc, [80, 82, 79, 81, 80, 82, 81, 79, 80, 81, 82, 40])
    login(client, quality)
    html = client.get(reverse("kpis:kpi_detail", kwargs={"code": kpi.code})).content.decode()
    assert "Styrdiagram: Socialförvaltningen" in html
    assert "Utanför gränserna:</strong> 2025-12 (40,0)" in html
    assert f"?serie={kpi_series_key(kpi.code, 'SOC').replace(':', '%3A')}" in html


def test_a_recorded_phase_freezes_the_kpi_chart_baseline(client, org, quality):
    kpi = _kpi()
    _monthly(kpi, org.soc, [50, 51, 49, 50, 50, 51, 90, 91, 89, 90, 90, 91])
    login(client, quality)
    url = reverse("kpis:kpi_detail", kwargs={"code": kpi.code})
    # Without a phase the whole stretch is the baseline: the centre line lies between the levels.
    assert "Utanför gränserna:</strong> 2025-01" in client.get(url).content.decode()
    SeriesPhase.objects.create(
        series_key=kpi_series_key(kpi.code, "SOC"), starts_on=date(2025, 1, 1), baseline_months=6, reason="Start"
    )
    html = client.get(url).content.decode()
    assert "Utanför gränserna:</strong> 2025-07" in html  # the jump stands out against the frozen baseline


def test_the_kpi_series_opens_on_the_trends_page(client, org, quality):
    kpi = _kpi()
    _monthly(kpi, org.soc, [80, 82, 79, 81])
    login(client, quality)
    url = f"{reverse('trends:series_detail')}?serie={kpi_series_key(kpi.code, 'SOC')}&ar=2025"
    html = client.get(url).content.decode()
    assert "I-diagram" in html and "Andel mottagna i tid, Socialförvaltningen" in html


def test_funnel_compares_the_lowest_units_in_scope(org, quality):
    kpi = _kpi()
    _yearly(kpi, org.soc, 300, 400)  # a parent is not compared with its own parts
    _yearly(kpi, org.vux1, 90, 100)
    _yearly(kpi, org.vux2, 20, 100)
    _yearly(kpi, org.ald1, 190, 200)
    funnel = kpi_funnel(org.user("kvalitetsutvecklare"), kpi)  # scope VUX: only two units
    assert funnel is None
    funnel = kpi_funnel(quality, kpi)
    assert funnel is not None and funnel.scale == 100 and funnel.proportion
    assert sorted(label for label, _, _ in funnel.units) == ["Boendestöd", "Hemtjänst Norr", "Missbruksvård"]


def test_kpi_page_draws_the_funnel_and_names_the_outlier(client, org, quality):
    kpi = _kpi()
    _yearly(kpi, org.vux1, 90, 100)
    _yearly(kpi, org.vux2, 20, 100)
    _yearly(kpi, org.ald1, 190, 200)
    login(client, quality)
    html = client.get(reverse("kpis:kpi_detail", kwargs={"code": kpi.code})).content.decode()
    assert "Enheterna jämförda 2025" in html
    assert '<th scope="row">Missbruksvård</th><td>20</td><td>100</td><td>20,0</td><td>Under 99,8 %-gränsen</td>' in html


def test_kpi_page_query_count_does_not_grow_with_values(client, org, quality, django_assert_max_num_queries):
    kpi = _kpi()
    for unit in (org.vux1, org.vux2, org.ald1, org.p1a, org.p2a):
        _monthly(kpi, unit, [50 + i % 7 for i in range(36)], year=2023)
        for year in (2023, 2024, 2025):
            _yearly(kpi, unit, 40 + year % 5, 80, year=year)
    login(client, quality)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("kpis:kpi_detail", kwargs={"code": kpi.code})).status_code == 200


def test_trend_signals_watch_monthly_kpi_series_too(org):
    from tillit.trends.selectors import series_signals

    kpi = _kpi()
    shifted = [80, 81, 79, 80, 82, 80, 81, 79, 80, 81, 80, 82, *[60, 61, 59, 60, 62, 60, 61, 59, 60, 61, 60, 62]]
    _monthly(kpi, org.vux1, shifted, year=2024)
    _monthly(kpi, org.vux2, [80, 81, 79, 82, 80, 79, 81, 80, 82, 79, 81, 80] * 2, year=2024)
    rows = {r["series"]["unit"]: r for r in series_signals(unit_ids=None, year=2025) if r["series"]["kind"] == "kpi"}
    assert rows["VUX1"]["series"] == {"kind": "kpi", "unit": "VUX1", "category": kpi.code}
    assert rows["VUX1"]["run_signal"] and rows["VUX1"]["n_useful"] == 24
    assert not (rows["VUX2"]["run_signal"] or rows["VUX2"]["crossing_signal"])
    SeriesPhase.objects.create(
        series_key=kpi_series_key(kpi.code, "VUX1"), starts_on=date(2024, 1, 1), baseline_months=12, reason="x"
    )
    (vux1,) = [r for r in series_signals(unit_ids={org.vux1.pk}, year=2025) if r["series"]["kind"] == "kpi"]
    assert vux1["points_outside_limits"] == [f"2025-{m:02d}" for m in range(1, 13)]


def test_units_table_of_a_computed_kpi_keeps_the_years_the_chart_the_months(client, org, quality):
    kpi = _kpi()
    _monthly(kpi, org.vux1, [70, 71, 72])
    _yearly(kpi, org.vux1, 71, 100)
    login(client, quality)
    html = client.get(reverse("kpis:kpi_detail", kwargs={"code": kpi.code})).content.decode()
    assert '<th scope="row">Boendestöd</th><td>2025</td>' in html
    assert "<td>2025-01</td>" not in html
