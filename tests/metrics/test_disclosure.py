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
    # …unless the line's total is public: then hiding the 0 is the only protection left.
    assert secondary([[3, 0, 3]], {(0, 0)}, known=frozenset({(0, 2)})) == {(0, 0), (0, 1)}


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
    assert list(raw) == ["organisation", "year", "scope", "period", "workforce", "metric_1", "metric_2", "metric_3",
                         "metric_4", "metric_5", "metric_6", "metric_7a", "metric_7b", "metric_8", "metric_9", "pay_gaps",
                         "declaration_rates", "notes"]
    assert raw["workforce"] == {"in_post": 3, "leavers": 0, "in_year": 3} and raw["metric_2"] is None
    call_command("metrics", org.slug, "2022", "--json", "--published")
    published = json.loads(capsys.readouterr().out)
    assert published["workforce"]["in_post"] is None  # 3 < 10


def test_totals_are_cells_of_their_lines_so_nothing_hidden_can_be_worked_back(org):
    # Threshold 10.            White  BME  Not known  All
    #   Band A (£10)              30   20          0   50
    #   Band B (£20)               0    9          0    9
    #   Whole workforce           30   29          0   59
    # Primary: B's BME 9 and B's total 9 (row B then holds two hidden cells). The BME column holds one
    # (9 of 20, 9, 29) and so does the "All" column (50, 9, 59): had the totals been left out of the lines,
    # B's 9 would follow from 59 − 50 or 29 − 20. Each column gets a second hidden cell, and the audit
    # confirms that B's 9 keeps at least 5 possible values given everything else published.
    from metrics.audit import audit

    b.staff(org, 2022, [{"id": f"W{i}", "group": "white", "band": "A", "pay": 10} for i in range(30)]
            + [{"id": f"B{i}", "group": "bme", "band": "A", "pay": 10} for i in range(20)]
            + [{"id": f"C{i}", "group": "bme", "band": "B", "pay": 20} for i in range(9)])
    raw = results_recompute(organisation=org, year=2022).document
    published, _ = publish(raw, 10)
    a, bb = published["metric_1"]["bands"]
    assert (bb["white"], bb["bme"], bb["not_known"], bb["headcount"]) == (0, None, 0, None)
    assert a["bme"] is None and None in (a["white"], a["headcount"])
    result = audit(published, 10, raw=raw)
    assert result.passed, result.describe()
    ranges = {r.place: (r.low, r.high) for r in result.ranges}
    assert ranges["metric_1.bands[1].bme"][1] - ranges["metric_1.bands[1].bme"][0] + 1 >= 5


def test_quartiles_are_protected_against_their_column_totals(org):
    # Threshold 10. 40 staff, quartiles of 10. Women £10 ×20 (Q1, Q2), £20 ×5; men £20 ×5, £30 ×10.
    #              Women  Men  All
    #   Q1            10    0   10
    #   Q2            10    0   10
    #   Q3             5    5   10
    #   Q4             0   10   10
    #   employees     25   15   40
    # Each quartile's size (10) follows from the 40 ranked, so it is public and never hidden.
    # Primary: Q3's 5 and 5 (row Q3: two hidden). Column women holds one: its next smallest, Q1's 10, goes
    # (Q1 before Q2 on a tie); column men likewise: Q4's 10. Row Q1 then holds one, and its size is public:
    # with men shown as 0, women would be 10 − 0; so the 0 is hidden too ("<10", true of 0). Row Q4 likewise.
    # Women's 25 stays shown, yet Q3's 5 cannot be worked out: Q1 + Q3 + Q4 women = 15 and each quartile's
    # women + men = 10 leave many answers.
    b.staff(org, 2022, [{"id": f"F{i}", "group": "white", "sex": "female", "pay": 10} for i in range(20)]
            + [{"id": f"G{i}", "group": "white", "sex": "female", "pay": 20} for i in range(5)]
            + [{"id": f"M{i}", "group": "white", "sex": "male", "pay": 20} for i in range(5)]
            + [{"id": f"N{i}", "group": "white", "sex": "male", "pay": 30} for i in range(10)])
    published, _ = publish(results_recompute(organisation=org, year=2022).document, 10)
    gender = published["pay_gaps"]["gender"]
    assert [(q["female"], q["male"], q["count"]) for q in gender["quartiles"]] == [
        (None, None, 10), (10, 0, 10), (None, None, 10), (None, None, 10)]
    assert gender["employees"] == {"female": 25, "male": 15, "left_out": 0}


def test_a_published_pay_band_table_that_needs_primary_and_secondary_suppression(org):
    # Threshold 10, in post:            White  BME  Not known  All
    #   Band A (£10)                       40   25          0   65
    #   Band B (£20)                       30    6         12   48
    #   Band C (£30)                       20   15          3   38
    #   Whole workforce                    90   46         15  151
    # Primary: B's BME 6 and C's not known 3. Secondary: row B holds one hidden cell → its next smallest,
    # not known 12, goes; row C likewise → BME 15 goes. Columns BME and not known now hold two hidden cells
    # each, every row two or none: done. Totals are all ≥ 10 and no line is left with one hidden cell, so
    # they are shown; the hidden cells' shares and B's and C's difference from the workforce share go too.
    people = []
    for band, pay, counts in (("Band A", 10, (40, 25, 0)), ("Band B", 20, (30, 6, 12)), ("Band C", 30, (20, 15, 3))):
        for group, n in zip(("white", "bme", "not_known"), counts):
            people += [{"id": f"{band}{group}{i}", "group": group, "band": band, "pay": pay} for i in range(n)]
    b.staff(org, 2022, people)
    published, suppressed = publish(results_recompute(organisation=org, year=2022).document, 10)
    a, bb, c = published["metric_1"]["bands"]
    assert (a["white"], a["bme"], a["not_known"], a["headcount"]) == (40, 25, 0, 65)
    assert (bb["white"], bb["bme"], bb["not_known"], bb["headcount"]) == (30, None, None, 48)
    assert (c["white"], c["bme"], c["not_known"], c["headcount"]) == (20, None, None, 38)
    assert bb["white_pct"] == 62.5 and bb["bme_pct"] is None and bb["not_known_pct"] is None  # 30 / 48
    assert a["bme_pct_difference"] == round(2500 / 65 - 4600 / 151, 1)  # 38.46 − 30.46 = 8.0 points
    assert bb["bme_pct_difference"] is None and c["bme_pct_difference"] is None
    # every BME member of staff here is Black African: the broad groups are Black 46 and none of the others
    assert published["metric_1"]["workforce"] == {"headcount": 151, "white": 90, "bme": 46, "not_known": 15,
                                                  "white_pct": 59.6, "bme_pct": 30.5, "not_known_pct": 9.9,
                                                  "asian": 0, "black": 46, "mixed": 0, "other": 0, "asian_pct": 0.0,
                                                  "black_pct": 30.5, "mixed_pct": 0.0, "other_pct": 0.0}
    assert sorted(s for s in suppressed if s.startswith("metric_1")) == [
        "metric_1.bands[1].bme", "metric_1.bands[1].not_known", "metric_1.bands[2].bme", "metric_1.bands[2].not_known"]


def test_the_threshold_is_the_organisations(org):
    # 4 BME staff: hidden at the default 10, shown at 3.
    b.staff(org, 2022, [{"id": f"W{i}", "group": "white"} for i in range(20)] + [{"id": f"B{i}", "group": "bme"} for i in range(4)])
    raw = results_recompute(organisation=org, year=2022).document
    assert publish(raw, 10)[0]["metric_1"]["workforce"]["bme"] is None
    assert publish(raw, 3)[0]["metric_1"]["workforce"]["bme"] == 4


def test_declaration_rates_are_suppressed_along_their_row(org):
    # 25 in post: ethnicity declared 20, prefer not to say 0, not known 5. Threshold 10: not known 5 is hidden;
    # the row's total (25, the in-post headcount) is shown, so declared 20 is hidden as well, and the rate
    # with it. Prefer not to say 0 is shown.
    b.staff(org, 2022, [{"id": f"W{i}", "group": "white"} for i in range(20)] + [{"id": f"N{i}", "group": "not_known"} for i in range(5)])
    published, _ = publish(results_recompute(organisation=org, year=2022).document, 10)
    assert published["declaration_rates"]["ethnicity"] == {"declared": None, "prefer_not_to_say": 0, "not_known": None,
                                                           "rate_pct": None}
