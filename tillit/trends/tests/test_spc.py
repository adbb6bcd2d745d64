"""Golden tests for the styrdiagram module: Anhøj limits, control limits and funnel limits computed by
hand or from first principles, a seeded shift that must be found and a stable series that must not."""

from __future__ import annotations

import math
import random
from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tillit.trends import spc

# --- Run charts ---------------------------------------------------------------------------------

# The brief's table (Anhøj & Olesen 2014; qicharts2): n → (longest run allowed, fewest crossings).
BRIEF = {10: (6, 2), 12: (7, 3), 16: (7, 4), 20: (7, 6), 24: (8, 8)}
# Further values, also published in the qicharts2 documentation.
MORE = {30: (8, 10), 50: (9, 19), 100: (10, 41)}


def _qbinom_005(trials: int) -> int:
    """R's qbinom(0.05, trials, 0.5) from first principles: walk the exact CDF as fractions."""
    cdf = Fraction(0)
    for k in range(trials + 1):
        cdf += Fraction(math.comb(trials, k), 2**trials)
        if cdf >= Fraction(5, 100):
            return k
    raise AssertionError("unreachable")


def _run_max(n: int) -> int:
    # round(log2(n)) without floating point: the k with 2^(k - ½) ≤ n < 2^(k + ½), i.e. 2^(2k−1) ≤ n².
    k = 0
    while 2 ** (2 * k + 1) <= n * n:
        k += 1
    return k + 3


@pytest.mark.parametrize(("n", "expected"), sorted({**BRIEF, **MORE}.items()))
def test_anhoej_limits_match_the_published_table(n, expected):
    assert (spc.longest_run_max(n), spc.crossings_min(n)) == expected


@pytest.mark.parametrize("n", [*range(10, 41), 50, 64, 99, 100, 150, 200])
def test_anhoej_limits_follow_the_formulas(n):
    assert spc.longest_run_max(n) == _run_max(n)
    assert spc.crossings_min(n) == _qbinom_005(n - 1)


def test_points_on_the_median_are_dropped_and_runs_and_crossings_counted():
    # Median 5: the three 5s are dropped; sides B B A A A B A B A A → runs 2,3,1,1,1,2; crossings 5.
    values = [1, 2, 5, 7, 8, 9, 3, 5, 6, 4, 7, 8, 5]
    chart = spc.run_chart(values)
    assert chart.centre == 5
    assert chart.n_useful == 10
    assert chart.longest_run == 3
    assert chart.longest == spc.Run(spc.Side.ABOVE, 3, 5, 3)
    assert chart.crossings == 5
    assert (chart.longest_run_max, chart.crossings_min) == (6, 2)
    assert not chart.signal


def test_fewer_than_ten_useful_points_give_no_signal():
    chart = spc.run_chart([1, 1, 1, 1, 1, 9, 9, 9, 9, 9, 5])  # 5 is the median: 10 useful points
    assert chart.n_useful == 10 and chart.valid
    short = spc.run_chart([1, 1, 1, 1, 9, 9, 9, 9, 5])
    assert short.n_useful == 8 and not short.valid
    assert (short.run_signal, short.crossing_signal, short.longest_run_max, short.crossings_min) == (
        False,
        False,
        None,
        None,
    )


def test_missing_periods_are_skipped_and_a_frozen_median_is_used():
    chart = spc.run_chart([1, None, 3, 2, None, 10, 11, 12], baseline=4)
    assert chart.centre == 2  # median of 1, 3, 2
    assert chart.n_useful == 5  # the 2 on the median and the Nones are dropped


def test_an_empty_series_has_no_centre():
    chart = spc.run_chart([None, None])
    assert chart.centre is None and not chart.signal


# --- Control charts -----------------------------------------------------------------------------


def test_c_chart_limits_by_hand():
    # CL = 4, 3√4 = 6 → [0 (floored from −2), 10].
    chart = spc.c_chart([2, 4, 6, 4, 4])
    assert chart.centre == 4
    assert {(p.lower, p.upper) for p in chart.points} == {(0.0, 10.0)}
    assert chart.outside == []


def test_c_chart_with_a_frozen_baseline_flags_a_later_point():
    # Baseline = the first four points: CL 9, 3√9 = 9 → [0, 18]; 20 lies above, 18 does not.
    chart = spc.c_chart([9, 9, 9, 9, 18, 20], baseline=4)
    assert chart.centre == 9 and chart.baseline == 4
    assert chart.points[0].lower == 0 and chart.points[0].upper == 18
    assert chart.outside == [5]
    assert chart.points[5].above


def test_u_chart_limits_by_hand():
    # ū = 20/500 = 0.04; n=100: 3√(0.04/100) = 0.06; n=200: 3√(0.0002) = 0.0424264.
    chart = spc.u_chart([4, 6, 10], [100, 200, 200])
    assert chart.centre == pytest.approx(0.04)
    assert chart.points[0].lower == 0.0
    assert chart.points[0].upper == pytest.approx(0.10)
    assert chart.points[1].upper == pytest.approx(0.0824264, abs=1e-7)
    assert [p.value for p in chart.points] == pytest.approx([0.04, 0.03, 0.05])
    assert not chart.signal


def test_p_chart_limits_by_hand_and_clipping():
    # p̄ = 100/300 = 1/3; 3√(⅓·⅔/100) = 0.1414214 → [0.1919119, 0.4747547]; 0.5 lies above.
    chart = spc.p_chart([20, 30, 50], [100, 100, 100])
    assert chart.centre == pytest.approx(1 / 3)
    assert chart.points[0].lower == pytest.approx(0.1919119, abs=1e-7)
    assert chart.points[0].upper == pytest.approx(0.4747547, abs=1e-7)
    assert chart.outside == [2]
    # p̄ = 0.995: 0.995 + 3·0.0070534 > 1 → clipped to 1.
    high = spc.p_chart([99, 100], [100, 100])
    assert high.points[0].upper == 1.0
    assert high.points[0].lower == pytest.approx(0.995 - 3 * math.sqrt(0.995 * 0.005 / 100))
    with pytest.raises(ValueError, match="exceed"):
        spc.p_chart([101], [100])
    with pytest.raises(ValueError, match="positive"):
        spc.u_chart([1], [0])


def test_i_chart_limits_by_hand():
    # Mean 12; moving ranges 2, 1, 2, 1 → 1.5; 2.66 · 1.5 = 3.99 → [8.01, 15.99].
    chart = spc.i_chart([10, 12, 11, 13, 14])
    assert chart.centre == 12
    assert chart.moving_range == 1.5
    assert chart.points[0].lower == pytest.approx(8.01)
    assert chart.points[0].upper == pytest.approx(15.99)
    frozen = spc.i_chart([10, 12, 11, 13, 14, 20], baseline=5)
    assert frozen.outside == [5]


def test_laney_u_prime_widens_the_limits_of_over_dispersed_data():
    # ū = 100/400 = 0.25, σᵢ = √(0.25/100) = 0.05. u-chart: [0.10, 0.40] → 0.05 and 0.45 outside.
    counts, exposure = [5, 20, 30, 45], [100] * 4
    plain = spc.u_chart(counts, exposure)
    assert plain.points[0].lower == pytest.approx(0.10) and plain.points[0].upper == pytest.approx(0.40)
    assert plain.outside == [0, 3]
    # z = −4, −1, 1, 4; moving ranges 3, 2, 3 → 8/3; σ_z = (8/3)/1.128 = 2.3640662;
    # limits 0.25 ± 3 · 0.05 · 2.3640662 = 0.25 ± 0.3546099 → [0, 0.6046099]: nothing outside.
    laney = spc.u_chart(counts, exposure, laney=True)
    assert laney.kind == spc.ChartKind.U_PRIME
    assert laney.sigma_z == pytest.approx(2.3640662, abs=1e-7)
    assert laney.points[0].lower == 0.0
    assert laney.points[0].upper == pytest.approx(0.6046099, abs=1e-7)
    assert laney.outside == []
    assert spc.laney_needed(laney)


def test_laney_p_prime_by_hand():
    # p̄ = 0.5, σᵢ = √(0.25/100) = 0.05; y = 0.4, 0.6, 0.5 → z = −2, 2, 0; MR 4, 2 → 3; σ_z = 3/1.128.
    chart = spc.p_chart([40, 60, 50], [100, 100, 100], laney=True)
    assert chart.kind == spc.ChartKind.P_PRIME
    sigma_z = 3 / 1.128
    assert chart.sigma_z == pytest.approx(sigma_z)
    assert chart.points[0].upper == pytest.approx(min(1.0, 0.5 + 3 * 0.05 * sigma_z))
    assert chart.points[0].lower == pytest.approx(max(0.0, 0.5 - 3 * 0.05 * sigma_z))


def test_control_chart_rejects_bad_baselines():
    with pytest.raises(ValueError):
        spc.c_chart([], baseline=None)
    with pytest.raises(ValueError):
        spc.c_chart([1, 2], baseline=3)


# --- Funnel plots -------------------------------------------------------------------------------


def test_funnel_limits_by_hand():
    # Pooled 100/1000 = 0.1. n=100: sd 0.03 → 95 %: ±0.0587989, 99.8 %: ±0.0927070.
    result = spc.funnel([("A", 10, 100), ("B", 30, 200), ("C", 60, 700)], proportion=True)
    assert result.pooled == pytest.approx(0.1)
    a, b, c = result.units
    assert (a.lower95, a.upper95) == pytest.approx((0.0412011, 0.1587989), abs=1e-7)
    assert (a.lower998, a.upper998) == pytest.approx((0.0072930, 0.1927070), abs=1e-7)
    # B: 0.15 with n=200 (sd 0.0212132): above 95 % (0.1415772), inside 99.8 % (0.1655542).
    assert b.upper95 == pytest.approx(0.1415772, abs=1e-7)
    assert b.outside95 and b.above and not b.outside998
    assert not c.outside95
    assert result.limits(100, spc.Z95) == (a.lower95, a.upper95)


def test_rate_funnel_by_hand():
    # Pooled rate 0.04; n = 100: sd √(0.0004) = 0.02 → 99.8 %: 0.04 ± 0.0618046 → [0, 0.1018046].
    result = spc.funnel([("A", 4, 100), ("B", 16, 400)], proportion=False)
    assert result.pooled == pytest.approx(0.04)
    assert result.units[0].lower998 == 0.0
    assert result.units[0].upper998 == pytest.approx(0.1018046, abs=1e-7)


# --- Seeded series ------------------------------------------------------------------------------


def _poisson(rng: random.Random, rate: float) -> int:
    """Knuth's method (Python 3.11's random has no Poisson)."""
    limit, k, p = math.exp(-rate), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _shifted(seed: int) -> list[int]:
    rng = random.Random(seed)
    return [_poisson(rng, 4) for _ in range(12)] + [_poisson(rng, 8) for _ in range(12)]


def test_a_seeded_shift_is_detected():
    # 12 months at rate 4, then 12 at rate 8: the frozen baseline (the first 12 months: CL 3.75,
    # upper limit 9.56) is exceeded only after the shift.
    series = _shifted(20261101)
    chart = spc.c_chart(series, baseline=12)
    assert chart.outside and min(chart.outside) >= 12


def test_shifts_are_found_far_more_often_than_stable_series_are_flagged():
    # Over many seeds: the run chart alone finds about half of these short shifts (24 points), the
    # run chart or the frozen c-chart well over 90 %; the Anhøj rules flag stable series ≈ 5 % or less.
    seeds = range(300)
    found = sum(spc.run_chart(s).signal or spc.c_chart(s, baseline=12).signal for s in map(_shifted, seeds))
    false_runs = 0
    for seed in seeds:
        rng = random.Random(seed)
        false_runs += spc.run_chart([_poisson(rng, 6) for _ in range(24)]).signal
    assert found / len(seeds) > 0.9
    assert false_runs / len(seeds) < 0.06


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_stable_series_is_not_flagged(seed):
    rng = random.Random(seed)
    series = [_poisson(rng, 6) for _ in range(24)]
    assert not spc.run_chart(series).signal
    assert not spc.c_chart(series).signal


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=400))
def test_run_limits_are_monotone_in_n(n):
    assert spc.longest_run_max(n + 1) >= spc.longest_run_max(n)
    assert spc.crossings_min(n + 1) >= spc.crossings_min(n)


@settings(max_examples=60, deadline=None)
@given(st.permutations([_poisson(random.Random(7), 5) for _ in range(24)]))
def test_permuting_a_stable_series_never_crashes(series):
    chart = spc.run_chart(series)
    assert chart.n_useful <= 24
    assert chart.crossings <= max(chart.n_useful - 1, 0)
    assert chart.longest_run <= chart.n_useful
    spc.c_chart(series, baseline=12)
    spc.i_chart(series)


# --- Plain Swedish ------------------------------------------------------------------------------


def _months(first: date, n: int) -> list[date]:
    return [date(first.year + (first.month - 1 + i) // 12, (first.month - 1 + i) % 12 + 1, 1) for i in range(n)]


def test_a_run_is_explained_in_plain_swedish():
    # April 2024 – November 2025; the last eight months (April–November 2025) lie above the median.
    values = [9, 11.5, 8, 12, 10.5, 9.5, 11.5, 8.5, 12.2, 9.8, 11.2, 8.8, 14, 15, 13, 16, 14.5, 15.5, 13.5, 17]
    months = _months(date(2024, 4, 1), len(values))
    chart = spc.run_chart(values)
    assert chart.run_signal and chart.longest_run == 8
    text = spc.explain_run_chart(chart, subject="Avvikelser om läkemedel i Hemtjänst Norr", periods=months)
    assert text.startswith(
        "Avvikelser om läkemedel i Hemtjänst Norr har legat över medianen åtta månader i rad sedan april."
    )
    assert "Anhøj" not in text and "run" not in text


def test_a_finished_run_names_its_months_and_years():
    # Median 12.5: eight above (January–August 2024), then runs of at most four below.
    values = [20, 21, 22, 23, 24, 25, 26, 27, 1, 2, 3, 4, 15, 5, 6, 7, 16, 8, 9, 10]
    months = _months(date(2024, 1, 1), len(values))
    chart = spc.run_chart(values)
    assert chart.run_signal and chart.longest.side == spc.Side.ABOVE
    text = spc.explain_run_chart(chart, subject="Klagomål i Äldreomsorg", periods=months)
    assert "låg över medianen åtta månader i rad, från januari 2024 till augusti 2024." in text


def test_no_signal_and_too_few_points_are_explained():
    stable = spc.run_chart([1, 9, 2, 8, 3, 7, 4, 6, 5.5, 4.5, 6.5, 3.5])
    assert "inga tecken på förändring" in spc.explain_run_chart(stable, subject="Synpunkter")
    short = spc.run_chart([1, 2, 3])
    assert "minst 10" in spc.explain_run_chart(short, subject="Synpunkter")


def test_points_outside_control_limits_are_explained():
    chart = spc.c_chart([9, 9, 9, 9, 18, 20], baseline=4)
    months = _months(date(2025, 1, 1), 6)
    text = spc.explain_control_chart(chart, subject="Avvikelser i Hemtjänst Norr", periods=months, what="antalet")
    assert text == (
        "Avvikelser i Hemtjänst Norr: juni var antalet (20) högre än vad den vanliga variationen förklarar "
        "(gräns 18,00). Det är värt att ta reda på vad som hände."
    )


def test_false_alarms_are_stated_honestly():
    assert "ungefär två av dem" in spc.explain_false_alarms(40)
    assert "var tjugonde" in spc.explain_false_alarms(5)
