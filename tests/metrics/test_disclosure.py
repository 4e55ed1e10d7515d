"""Disclosure control (metrics.md §6) on tables worked out by hand."""

import json

from django.core.management import call_command

from metrics.disclosure import publish, secondary
from metrics.services import results_recompute

from . import builders as b


def test_secondary_suppression_on_a_table_that_needs_both():
    # Threshold 10. Row 0 has one small cell (4): primary hides it. Row 0 would give it away from its total,
    # so its next smallest cell (12) is hidden; column 0 likewise, so 20 (its next smallest) is hidden;
    # column 1 now holds 12 alone, so 15 goes. Every row and column then has 0 or 2 hidden cells.
    matrix = [
        [4, 12, 50],
        [20, 15, 30],
        [25, 40, 35],
    ]
    primary = {(0, 0)}
    hidden = secondary(matrix, primary)
    assert hidden == {(0, 0), (0, 1), (1, 1), (1, 0)}
    for i in range(3):
        assert sum((i, j) in hidden for j in range(3)) != 1
        assert sum((j, i) in hidden for j in range(3)) != 1


def test_zero_is_shown_and_never_chosen_to_hide_another():
    assert secondary([[3, 0, 0, 40]], {(0, 0)}) == {(0, 0), (0, 3)}
    assert secondary([[0, 20, 30]], set()) == set()


def test_published_document_suppresses_small_counts_and_the_rates_built_on_them(org):
    # Threshold 10: 12 White and 4 BME in post in one band.
    b.staff(org, 2022, [{"id": f"W{i}", "group": "white", "band": "B", "pay": 10 + i, "sex": "female"} for i in range(12)]
            + [{"id": f"B{i}", "group": "bme", "band": "B", "pay": 10, "sex": "male"} for i in range(4)])
    raw = results_recompute(organisation=org, year=2022).document
    published, suppressed = publish(raw, org.disclosure_threshold)
    band = published["metric_1"]["bands"][0]
    # BME 4 is hidden; the row shows its total (16), so the next smallest cell is hidden too: not known is 0
    # (shown, protects nothing), so White 12 goes.
    assert band["bme"] is None and band["bme_pct"] is None and band["white"] is None
    assert band["not_known"] == 0 and band["headcount"] == 16
    assert "metric_1.bands[0].bme" in suppressed and "metric_1.bands[0].white" in suppressed
    # Metric 8: 0 leavers shown; BME denominator 4 hidden → rate and RL hidden.
    m8 = published["metric_8"]
    assert m8["white"]["numerator"] == 0 and m8["bme"]["denominator"] is None and m8["relative_likelihood"] is None
    # The gender gap compares 12 women with 4 men: too few men, no gap published.
    assert published["pay_gaps"]["gender"]["mean_pct"] is None
    assert published["pay_gaps"]["gender"]["employees"]["male"] is None
    # The raw document is untouched.
    assert raw["metric_1"]["bands"][0]["bme"] == 4


def test_metrics_command_prints_the_document(org, capsys):
    b.staff(org, 2022, [{"id": f"W{i}", "group": "white", "pay": 10} for i in range(3)])
    call_command("metrics", org.slug, "2022", "--json")
    raw = json.loads(capsys.readouterr().out)
    assert list(raw) == ["organisation", "year", "period", "workforce", "metric_1", "metric_2", "metric_3", "metric_4",
                         "metric_5", "metric_6", "metric_7a", "metric_7b", "metric_8", "metric_9", "pay_gaps",
                         "declaration_rates"]
    assert raw["workforce"] == {"in_post": 3, "leavers": 0, "in_year": 3} and raw["metric_2"] is None
    call_command("metrics", org.slug, "2022", "--json", "--published")
    published = json.loads(capsys.readouterr().out)
    assert published["workforce"]["in_post"] is None  # 3 < 10


def test_a_line_that_only_zeros_could_protect_hides_its_total(org):
    # Threshold 10. Band A: 30 White, 20 BME. Band B: 0 White, 9 BME. BME 9 is hidden; its column's next
    # smallest (20) too; band A then hides White 30; the White column has nothing else to hide (0), so its
    # total is hidden rather than give 30 away.
    b.staff(org, 2022, [{"id": f"W{i}", "group": "white", "band": "A", "pay": 10} for i in range(30)]
            + [{"id": f"B{i}", "group": "bme", "band": "A", "pay": 10} for i in range(20)]
            + [{"id": f"C{i}", "group": "bme", "band": "B", "pay": 20} for i in range(9)])
    published, _ = publish(results_recompute(organisation=org, year=2022).document, 10)
    a, bb = published["metric_1"]["bands"]
    assert (a["white"], a["bme"], bb["white"], bb["bme"]) == (None, None, 0, None)
    assert published["metric_1"]["workforce"]["white"] is None
