"""Every metric of metrics.md on a workforce small enough to check on paper. Year 2022: the window is
1 April 2021 to 31 March 2022, the snapshot 31 March 2022."""

from datetime import date
from decimal import Decimal

import pytest

from metrics.compute import compute, quartile_sizes, quartiles

from . import builders as b

D = date


@pytest.fixture
def world(org):
    # In post (14): W1–W8 and W11 White, B1–B4 BME, N1 not known. Leavers in the year (3): W9, W10, B5.
    low = {"band": "Scale 1-3", "pay": 10}
    high = {"band": "Scale 4-6", "pay": 20}
    people = [
        {"id": "W1", "group": "white", **low, "sex": "female", "regulated": True},
        {"id": "W2", "group": "white", **low, "sex": "female", "regulated": True},
        {"id": "W3", "group": "white", **low, "sex": "male", "regulated": True},
        {"id": "W4", "group": "white", **low, "sex": "male", "regulated": True},
        {"id": "W5", "group": "white", **high, "sex": "female", "senior_manager": True, "disability": "yes"},
        {"id": "W6", "group": "white", **high, "sex": "male", "senior_manager": True},
        {"id": "W7", "group": "white", **high, "sex": "male", "disability": "no"},
        {"id": "W8", "group": "white", **high, "sex": "male", "disability": "prefer_not_to_say"},
        {"id": "W11", "group": "white", **high, "sex": "male", "leaving_date": D(2022, 6, 30)},  # leaves after the snapshot: in post
        {"id": "B1", "group": "bme", **low, "sex": "female", "regulated": True},
        {"id": "B2", "group": "bme", **low, "sex": "female", "regulated": True},
        {"id": "B3", "group": "bme", **low, "sex": "male"},
        {"id": "B4", "group": "bme", **high, "sex": "male", "senior_manager": True},
        {"id": "N1", "group": "not_known", **low, "sex": "female"},
        {"id": "W9", "group": "white", "band": "Scale 1-3", "leaving_date": D(2021, 6, 30)},
        {"id": "W10", "group": "white", "band": "Scale 1-3", "leaving_date": D(2021, 6, 30)},
        {"id": "B5", "group": "bme", "band": "Scale 1-3", "leaving_date": D(2022, 1, 15)},
    ]
    b.staff(org, 2022, people)
    b.cases(org, 2022, [
        ("W1", "disciplinary", D(2021, 5, 1)), ("W1", "disciplinary", D(2021, 7, 1)),  # one employee, counted once
        ("B1", "disciplinary", D(2021, 10, 1)),
        ("B2", "disciplinary", D(2021, 3, 1)),  # before the window: does not count
        ("W2", "fitness_to_practise", D(2021, 9, 9)),
        ("X9", "disciplinary", D(2021, 9, 9)),  # not in the staff extract: never counts
    ])
    b.cpd(org, 2022, [
        ("W3", False, True, D(2021, 11, 1)), ("W3", False, True, D(2021, 12, 1)),
        ("B3", False, True, D(2022, 2, 1)),
        ("B4", True, True, D(2022, 2, 1)),  # mandatory: does not count
        ("W4", False, False, D(2022, 2, 1)),  # not funded: does not count
        ("N1", False, True, D(2022, 2, 1)),  # not known: on neither side
    ])
    b.recruitment(org, 2022,
                  [("white", True, i < 2, D(2021, 6, 1)) for i in range(10)]
                  + [("bme", True, i < 1, D(2021, 6, 1)) for i in range(8)]
                  + [("bme", True, True, D(2020, 6, 1))]  # decided before the window
                  + [("white", False, False, D(2021, 6, 1))] * 5)  # not shortlisted: in neither count
    b.survey(org, 2022,
             [("white", True, False)] + [("white", False, False)] * 3
             + [("bme", True, None)] * 2 + [("bme", False, None)] * 3 + [("bme", None, None)])
    return compute(org, 2022)


def test_period_and_workforce(world):
    assert world["period"] == {"start": "2021-04-01", "end": "2022-03-31", "snapshot": "2022-03-31"}
    assert world["workforce"] == {"in_post": 14, "leavers": 3, "in_year": 17}


def test_metric_1_share_of_each_pay_band(world):
    low, high = world["metric_1"]["bands"]  # ordered by median hourly pay: £10 before £20
    # Scale 1-3 in post: W1–W4 (4 White), B1–B3 (3 BME), N1 → 8; Scale 4-6: W5–W8, W11 (5), B4 (1) → 6.
    assert (low["band"], low["headcount"], low["white"], low["bme"], low["not_known"]) == ("Scale 1-3", 8, 4, 3, 1)
    assert (high["band"], high["headcount"], high["white"], high["bme"], high["not_known"]) == ("Scale 4-6", 6, 5, 1, 0)
    assert low["bme_pct"] == pytest.approx(37.5)  # 3 / 8
    workforce = world["metric_1"]["workforce"]
    assert (workforce["headcount"], workforce["white"], workforce["bme"]) == (14, 9, 4)
    assert workforce["bme_pct"] == pytest.approx(400 / 14)  # 28.571…
    assert low["bme_pct_difference"] == pytest.approx(37.5 - 400 / 14)  # +8.93 points
    assert high["bme_pct_difference"] == pytest.approx(100 / 6 - 400 / 14)  # −11.90 points


def test_pay_band_order_set_by_hr(world, org):
    org.pay_band_order = ["Scale 4-6", "Scale 1-3"]
    org.save()
    assert [b["band"] for b in compute(org, 2022)["metric_1"]["bands"]] == ["Scale 4-6", "Scale 1-3"]


def test_metric_2_appointed_from_shortlisting(world):
    m = world["metric_2"]
    # White 2 of 10 shortlisted (0.2); BME 1 of 8 (0.125); RL = 0.125 / 0.2 = 0.625.
    assert m["white"] == {"numerator": 2, "denominator": 10, "rate": 0.2}
    assert m["bme"] == {"numerator": 1, "denominator": 8, "rate": 0.125}
    assert m["relative_likelihood"] == pytest.approx(0.625)


def test_metric_3_disciplinary(world):
    m = world["metric_3"]
    # Workforce in the year: White 11 (9 in post + W9, W10), BME 5 (4 + B5). W1 twice counts once; B2's case
    # opened before the window; X9 is not staff. White 1/11, BME 1/5; RL = 0.2 / (1/11) = 2.2.
    assert (m["white"]["numerator"], m["white"]["denominator"]) == (1, 11)
    assert (m["bme"]["numerator"], m["bme"]["denominator"]) == (1, 5)
    assert m["relative_likelihood"] == pytest.approx(2.2)


def test_metric_4_fitness_to_practise_counts_regulated_staff_only(world):
    m = world["metric_4"]
    # Regulated: W1–W4 (White 4), B1, B2 (BME 2). W2's case: White 1/4 = 0.25, BME 0/2 = 0; RL = 0 / 0.25 = 0.
    assert (m["white"]["numerator"], m["white"]["denominator"], m["white"]["rate"]) == (1, 4, 0.25)
    assert (m["bme"]["numerator"], m["bme"]["denominator"]) == (0, 2)
    assert m["relative_likelihood"] == 0


def test_metric_5_funded_non_mandatory_cpd(world):
    m = world["metric_5"]
    # W3 (twice, counted once) and B3 count; B4's is mandatory, W4's unfunded, N1 is not known.
    assert (m["white"]["numerator"], m["white"]["denominator"]) == (1, 11)
    assert (m["bme"]["numerator"], m["bme"]["denominator"]) == (1, 5)
    assert m["relative_likelihood"] == pytest.approx(2.2)


def test_metric_8_leaving(world):
    m = world["metric_8"]
    # White 2 leavers of 11 (0.1818…); BME 1 of 5 (0.2); RL = 0.2 / (2/11) = 1.1.
    assert (m["white"]["numerator"], m["white"]["denominator"]) == (2, 11)
    assert (m["bme"]["numerator"], m["bme"]["denominator"]) == (1, 5)
    assert m["relative_likelihood"] == pytest.approx(1.1)


def test_metrics_6_and_7_survey(world):
    m6 = world["metric_6"]
    # White: 1 yes of 4 answered = 25%; BME: 2 of 5 answered = 40% (one left it blank); ratio 40 / 25 = 1.6.
    assert m6["white"] == {"numerator": 1, "denominator": 4, "pct": 25.0}
    assert m6["bme"] == {"numerator": 2, "denominator": 5, "pct": 40.0}
    assert m6["ratio"] == pytest.approx(1.6)
    # Colleagues: White 0 of 4 (0%), BME answered nobody: the ratio has no White base and is null.
    assert world["metric_7a"]["white"]["pct"] == 0 and world["metric_7a"]["ratio"] is None
    assert world["metric_7b"] is None  # the question was not in the survey extract


def test_metric_9_senior_management(world):
    m = world["metric_9"]
    # Senior in post: W5, W6, B4 → 1 of 3 BME = 33.3%; workforce 4 of 14 = 28.6%; difference +4.76 points.
    assert (m["senior"]["headcount"], m["senior"]["bme"]) == (3, 1)
    assert m["senior"]["bme_pct"] == pytest.approx(100 / 3)
    assert m["difference_pp"] == pytest.approx(100 / 3 - 400 / 14)


def test_gender_pay_gap(world):
    gender = world["pay_gaps"]["gender"]
    # Women: W1, W2, B1, B2, N1 at £10 and W5 at £20 → mean 70/6 = 11.667, median 10.
    # Men: W3, W4, B3 at £10; W6, W7, W8, W11, B4 at £20 → mean 130/8 = 16.25, median 20.
    assert gender["employees"] == {"female": 6, "male": 8, "left_out": 0}
    assert gender["mean_pct"] == pytest.approx((16.25 - 70 / 6) / 16.25 * 100)  # 28.21%
    assert gender["median_pct"] == pytest.approx(50.0)  # (20 − 10) / 20


def test_quartiles_share_a_run_of_equal_pay_across_a_boundary(world):
    # 14 people: q = 3, r = 2 → sizes 4, 3, 4, 3. Ranked: eight at £10 (5 women, 3 men), six at £20 (1, 5).
    # The £10 run takes Q1's 4 places, Q2's 3 and 1 of Q3's. Exact shares (places × members ÷ 8):
    #   Q1 women 2.5, men 1.5; Q2 women 1.875, men 1.125; Q3 women 0.625, men 0.375. Whole parts: Q1 2+1,
    #   Q2 1+1, Q3 0+0: one place left in each quartile; women have 2 members left, men 1.
    #   Largest remainder over the whole run: Q2 women .875 → Q2 2+1; Q3 women .625 → Q3 1+0 (women done);
    #   then .5 each in Q1: women first (the comparison group) but none left → Q1 men → Q1 2+2.
    # The £20 run takes Q3's other 3 places and Q4's 3: exact 0.5 woman and 2.5 men in each; whole parts 0+2
    #   and 0+2; the four remainders are equal (.5): women first, the lower quartile first → Q3's woman; then
    #   men in Q4 (Q3 is full) → Q3 1+2, Q4 0+3.
    # Totals: Q1 (2, 2), Q2 (2, 1), Q3 (1 + 1, 0 + 2), Q4 (0, 3): women 6, men 8.
    rows = world["pay_gaps"]["gender"]["quartiles"]
    assert [(r["count"], r["female"], r["male"]) for r in rows] == [(4, 2, 2), (3, 2, 1), (4, 2, 2), (3, 0, 3)]
    assert sum(r["female"] for r in rows) == 6 and sum(r["male"] for r in rows) == 8
    assert rows[0]["female_pct"] == 50.0 and rows[3]["male_pct"] == 100.0


def test_quartile_sizes_for_counts_not_divisible_by_four():
    assert quartile_sizes(14) == [4, 3, 4, 3]
    assert quartile_sizes(13) == [4, 3, 3, 3]
    assert quartile_sizes(15) == [4, 4, 4, 3]
    assert quartile_sizes(16) == [4, 4, 4, 4]
    rows = quartiles([(i, "a") for i in range(13)], ["a"])
    assert [r["a"] for r in rows] == [4, 3, 3, 3]


def test_ethnicity_pay_gap_leaves_not_known_out_of_the_gap_but_in_the_ranking(world):
    ethnicity = world["pay_gaps"]["ethnicity_wres"]  # the SC-WRES view: White against BME
    # White: W1–W4 £10, W5–W8 and W11 £20 → mean 140/9 = 15.556, median 20.
    # BME: B1–B3 £10, B4 £20 → mean 50/4 = 12.5, median 10.
    assert ethnicity["employees"] == {"white": 9, "bme": 4, "not_known": 1}
    assert ethnicity["mean_pct"] == pytest.approx((140 / 9 - 12.5) / (140 / 9) * 100)
    assert ethnicity["median_pct"] == pytest.approx(50.0)
    assert sum(r["count"] for r in ethnicity["quartiles"]) == 14  # N1 is ranked
    assert sum(r["not_known"] for r in ethnicity["quartiles"]) == 1


def test_disability_pay_gap_uses_declared_values_only(world):
    disability = world["pay_gaps"]["disability"]
    # Disabled: W5 £20. Not disabled: W7 £20. W8 preferred not to say; the rest are not known.
    assert disability["employees"] == {"disabled": 1, "not_disabled": 1, "left_out": 12}
    assert disability["mean_pct"] == 0 and disability["median_pct"] == 0


def test_declaration_rates(world):
    rates = world["declaration_rates"]
    # Ethnicity: 13 of 14 in post declared (N1 not known) = 92.86%.
    assert rates["ethnicity"] == {"declared": 13, "prefer_not_to_say": 0, "not_known": 1, "rate_pct": pytest.approx(1300 / 14)}
    # Disability: W5 yes, W7 no → 2 declared; W8 prefer not to say; 11 not known.
    assert rates["disability"] == {"declared": 2, "prefer_not_to_say": 1, "not_known": 11, "rate_pct": pytest.approx(200 / 14)}


def test_a_metric_without_its_extract_is_null_never_zero(org):
    document = compute(org, 2023)
    assert document["workforce"] is None and document["metric_2"] is None and document["pay_gaps"] is None
    b.recruitment(org, 2023, [("white", True, True, None)], columns=("ethnicity", "shortlisted", "appointed"))
    document = compute(org, 2023)
    # No date column: every row counts for the year it was uploaded for. No BME applicants: RL null.
    assert document["metric_2"]["white"] == {"numerator": 1, "denominator": 1, "rate": 1.0}
    assert document["metric_2"]["bme"]["denominator"] == 0 and document["metric_2"]["relative_likelihood"] is None
    assert document["metric_3"] is None


def test_not_known_on_both_sides_is_left_out(org):
    b.staff(org, 2022, [{"id": f"N{i}", "group": "not_known", "leaving_date": D(2021, 5, 1)} for i in range(5)])
    m8 = compute(org, 2022)["metric_8"]
    assert m8["white"]["denominator"] == 0 and m8["bme"]["denominator"] == 0 and m8["relative_likelihood"] is None


def test_only_current_extracts_count(org):
    b.staff(org, 2022, [{"id": "W1", "group": "white"}])
    old = b.extract(org, "staff", 2022, ["employee_id"], status="replaced")
    from workforce.models import StaffRecord

    StaffRecord.objects.create(extract=old, organisation=org, year=2022, row_number=2, employee_key="OLD",
                               ethnicity="black_african", ethnic_group="black", wres_group="bme", pay_band="A")
    assert compute(org, 2022)["workforce"]["in_post"] == 1


def test_a_leaver_before_the_window_is_left_out_of_every_figure(org):
    # The uploader refuses to store such rows; were one stored, it still never counts.
    # In the year: W1 in post, W2 left in the window, B1 in post. B2 left on 31 March 2021, the day before
    # the window opens, and had a disciplinary case and funded CPD in the window.
    b.staff(org, 2022, [
        {"id": "W1", "group": "white"}, {"id": "W2", "group": "white", "leaving_date": D(2021, 4, 1)},
        {"id": "B1", "group": "bme"}, {"id": "B2", "group": "bme", "leaving_date": D(2021, 3, 31)},
    ])
    b.cases(org, 2022, [("B2", "disciplinary", D(2021, 4, 1))])
    b.cpd(org, 2022, [("B2", False, True, D(2021, 4, 1))])
    document = compute(org, 2022)
    assert document["workforce"] == {"in_post": 2, "in_year": 3, "leavers": 1}  # W2 left on the window's first day
    assert document["metric_8"]["bme"] == {"numerator": 0, "denominator": 1, "rate": 0.0}  # B1 only
    assert document["metric_3"]["bme"]["numerator"] == 0 and document["metric_3"]["bme"]["denominator"] == 1
    assert document["metric_5"]["bme"]["numerator"] == 0
    assert document["metric_1"]["workforce"]["headcount"] == 2


def test_appointed_without_shortlisted_never_counts(org):
    # White: 4 shortlisted, 1 appointed; plus 3 rows appointed but not shortlisted (an error at check time).
    # Only the shortlist counts: 1 / 4 = 0.25, not 4 / 4 or 4 / 7.
    b.recruitment(org, 2022, [("white", True, i == 0, D(2021, 6, 1)) for i in range(4)]
                  + [("white", False, True, D(2021, 6, 1))] * 3
                  + [("bme", True, True, D(2021, 6, 1)), ("bme", True, False, D(2021, 6, 1))])
    m = compute(org, 2022)["metric_2"]
    assert m["white"] == {"numerator": 1, "denominator": 4, "rate": 0.25}
    assert m["bme"] == {"numerator": 1, "denominator": 2, "rate": 0.5}
    assert m["relative_likelihood"] == pytest.approx(2.0)  # 0.5 / 0.25


def test_zero_denominators_and_a_zero_white_rate_give_no_likelihood(org):
    # Casework: nobody White has a case (rate 0) → RL null, not infinite; BME 1 of 2.
    b.staff(org, 2022, [{"id": "W1", "group": "white"}, {"id": "B1", "group": "bme"}, {"id": "B2", "group": "bme"}])
    b.cases(org, 2022, [("B1", "disciplinary", D(2021, 8, 1))])
    document = compute(org, 2022)
    assert document["metric_3"]["white"]["rate"] == 0 and document["metric_3"]["bme"]["rate"] == 0.5
    assert document["metric_3"]["relative_likelihood"] is None
    # The extract has a regulated column but nobody is regulated: both denominators are 0, both rates null.
    assert document["metric_4"]["white"] == {"numerator": 0, "denominator": 0, "rate": None}
    assert document["metric_4"]["relative_likelihood"] is None
    # No senior managers: the senior BME % is null, and so is the difference.
    assert document["metric_9"]["senior"] == {"headcount": 0, "bme": 0, "bme_pct": None}
    assert document["metric_9"]["difference_pp"] is None
    # Nobody has pay: no hourly figures at all, and no quartiles.
    gender = document["pay_gaps"]["gender"]
    assert gender["mean_pct"] is None and gender["median_pct"] is None and gender["quartiles"] is None
    assert gender["relevant_employees"] == {"female": 0, "male": 0}  # nobody's sex is known either


def test_metric_4_is_no_data_without_a_regulated_column_never_the_whole_workforce(org):
    # Without the column there is no denominator to use: metric 4 is null, and the notes say why. With it,
    # W1 and B1 regulated: W1's case → White 1 of 1 = 1.0, BME 0 of 1 = 0 → RL 0 / 1 = 0.
    people = [{"id": "W1", "group": "white", "regulated": None}, {"id": "W2", "group": "white", "regulated": None},
              {"id": "B1", "group": "bme", "regulated": None}]
    b.staff(org, 2022, people, columns=["employee_id", "ethnicity", "pay_band"])
    b.cases(org, 2022, [("W1", "fitness_to_practise", D(2022, 3, 31))])  # the window's last day counts
    document = compute(org, 2022)
    assert document["metric_4"] is None
    assert document["notes"]["metric_4"] == "the staff extract has no regulated column"
    assert document["metric_3"] is not None  # the casework extract is there: only metric 4 lacks its column
    people = [{"id": "W1", "group": "white", "regulated": True}, {"id": "W2", "group": "white", "regulated": False},
              {"id": "B1", "group": "bme", "regulated": True}]
    b.staff(org, 2023, people, columns=["employee_id", "ethnicity", "pay_band", "regulated"])
    b.cases(org, 2023, [("W1", "fitness_to_practise", D(2023, 3, 31))])
    m4 = compute(org, 2023)["metric_4"]
    assert (m4["white"]["numerator"], m4["white"]["denominator"], m4["bme"]["denominator"]) == (1, 1, 1)
    assert m4["relative_likelihood"] == 0 and m4["relative_likelihood_nhs"] is None  # 1 ÷ 0 has no value


def test_metric_9_needs_the_senior_manager_column(org):
    b.staff(org, 2022, [{"id": "W1", "group": "white"}], columns=["employee_id", "ethnicity", "pay_band"])
    assert compute(org, 2022)["metric_9"] is None


def test_quartiles_with_a_run_across_two_boundaries_and_seven_people():
    # n = 7: q = 1, r = 3 → sizes 2, 2, 2, 1. Ranked: a(£1), then five at £2 (3 "a", 2 "b"), then b(£3).
    # The £2 run takes places 2–6: Q1 takes 1 place, Q2 2 places, Q3 2 places.
    #   Q1, 1 place of 5 left (a 3, b 2): a 0.6, b 0.4 → 0 and 0; the place goes to the larger remainder, a → a 1.
    #   Q2, 2 places of 4 left (a 2, b 2): 1 and 1.
    #   Q3, 2 places of 2 left (a 1, b 1): 1 and 1.
    # Q4 is b at £3. Totals: a 2 + 1 + 1 = 4 (one at £1, three at £2); b 1 + 1 + 1 = 3.
    pairs = [(1, "a"), (2, "a"), (2, "a"), (2, "a"), (2, "b"), (2, "b"), (3, "b")]
    rows = quartiles(pairs, ["a", "b"])
    assert [(r["count"], r["a"], r["b"]) for r in rows] == [(2, 2, 0), (2, 1, 1), (2, 1, 1), (1, 0, 1)]
    assert rows[1]["a_pct"] == 50.0


def test_every_quartile_keeps_its_size_and_every_group_its_members():
    # A hundred runs of random size and make-up; whatever the ties, nothing is lost or invented.
    import random

    rng = random.Random(4)
    for n in range(1, 60):
        pairs = [(rng.randrange(5), rng.choice("xyz")) for _ in range(n)]
        rows = quartiles(pairs, ["x", "y", "z"])
        assert [r["count"] for r in rows] == quartile_sizes(n)
        assert all(r["x"] + r["y"] + r["z"] == r["count"] for r in rows)
        for g in "xyz":
            assert sum(r[g] for r in rows) == sum(1 for _, h in pairs if h == g)


def test_medians_of_counted_pay():
    from decimal import Decimal

    from metrics.compute import counted_median

    # 10, 10, 12, 20 → even count: (10 + 12) / 2 = 11.  10, 12, 20 → 12.
    assert counted_median([(Decimal(10), 2), (Decimal(12), 1), (Decimal(20), 1)]) == 11
    assert counted_median([(Decimal(10), 1), (Decimal(12), 1), (Decimal(20), 1)]) == 12
    assert counted_median([]) is None


def test_pay_gaps_leave_out_other_sexes_and_compare_ethnic_groups_with_the_threshold(org):
    # Threshold 3 so that a group of three is compared. Full-pay relevant in post, with pay:
    #   White men £20 ×3; Asian women £15 ×3; a woman of not known ethnicity £10; one "other" sex £30 (left
    #   out of the gender gap, kept in the ethnicity gap as White); a man not full-pay relevant (£50, left out).
    org.disclosure_threshold = 3
    org.save()
    b.staff(org, 2022,
            [{"id": f"W{i}", "group": "white", "sex": "male", "pay": 20} for i in range(3)]
            + [{"id": f"A{i}", "group": "asian", "sex": "female", "pay": 15} for i in range(3)]
            + [{"id": "N1", "group": "not_known", "sex": "female", "pay": 10},
               {"id": "O1", "group": "white", "sex": "other", "pay": 30},
               {"id": "X1", "group": "white", "sex": "male", "pay": 50, "fpr": False}])
    gaps = compute(org, 2022)["pay_gaps"]
    gender = gaps["gender"]
    # Men £20 ×3 → mean = median = 20. Women 15, 15, 15, 10 → mean 13.75, median 15.
    # Mean gap (20 − 13.75) / 20 = 31.25%; median gap (20 − 15) / 20 = 25%.
    assert gender["employees"] == {"female": 4, "male": 3, "left_out": 1}
    assert gender["mean_pct"] == pytest.approx(31.25) and gender["median_pct"] == pytest.approx(25.0)
    ethnicity = gaps["ethnicity"]
    # White British 20, 20, 20, 30 → mean 22.5, median 20; other ethnic groups (Asian) 15 ×3.
    # Mean gap 7.5 / 22.5 = 33.33%, median 25%.
    assert ethnicity["employees"] == {"white_british": 4, "other_ethnic_groups": 3, "not_known": 1}
    others = ethnicity["comparisons"]["other_ethnic_groups"]
    assert others["mean_pct"] == pytest.approx(100 / 3) and others["median_pct"] == pytest.approx(25.0)
    # Asian has 3 ≥ threshold: compared with White British on its own; the other groups have nobody.
    assert list(ethnicity["comparisons"]) == ["other_ethnic_groups", "asian"]
    assert ethnicity["comparisons"]["asian"]["median_pct"] == pytest.approx(25.0)
    # 8 ranked (q = 2): £10 N1, £15 A×3, £20 W×3, £30 O1 → Q1 N1+A, Q2 A A, Q3 W W, Q4 W O1.
    assert [(q["white_british"], q["other_ethnic_groups"], q["not_known"]) for q in ethnicity["quartiles"]] == [
        (0, 1, 1), (0, 2, 0), (2, 0, 0), (2, 0, 0)]
    assert gaps["ethnicity_wres"]["employees"] == {"white": 4, "bme": 3, "not_known": 1}


def test_bonus_figures_only_with_a_bonus_column(org):
    people = [{"id": "M1", "group": "white", "sex": "male", "pay": 20, "bonus_pay": Decimal("100")},
              {"id": "M2", "group": "white", "sex": "male", "pay": 20},
              {"id": "F1", "group": "white", "sex": "female", "pay": 20, "bonus_pay": Decimal("80")}]
    b.staff(org, 2022, people)
    document = compute(org, 2022)
    assert document["pay_gaps"]["gender"]["bonus_mean_pct"] is None
    assert document["pay_gaps"]["gender"]["bonus_received_pct"] is None
    assert "bonus_pay column" in document["notes"]["pay_gaps.bonus"]
    b.staff(org, 2023, people, columns=["employee_id", "ethnicity", "pay_band", "sex", "hourly_pay", "bonus_pay"])
    gender = compute(org, 2023)["pay_gaps"]["gender"]
    # Men receiving: 1 of 2 = 50%; women 1 of 1 = 100%. Bonus gap (100 − 80) / 100 = 20%.
    assert gender["bonus_received_pct"] == {"female": 100, "male": 50}
    assert gender["bonus_mean_pct"] == pytest.approx(20.0) and gender["bonus_median_pct"] == pytest.approx(20.0)


def test_declaration_rates_cover_the_characteristics_in_the_extract(org):
    # 4 in post: sex F, M, other, prefer not to say → declared 3 (other is an answer and a declaration),
    # prefer not to say 1 → 75%. Sexual orientation: 2 declared, 1 prefer not to say, 1 not known → 50%.
    # Religion is not in the extract: no row for it.
    b.staff(org, 2022, [
        {"id": "1", "group": "white", "sex": "female", "sexual_orientation": "declared:heterosexual"},
        {"id": "2", "group": "white", "sex": "male", "sexual_orientation": "declared:gay"},
        {"id": "3", "group": "bme", "sex": "other", "sexual_orientation": "prefer_not_to_say"},
        {"id": "4", "group": "not_known", "sex": "prefer_not_to_say", "sexual_orientation": "not_known"},
        {"id": "5", "group": "white", "sex": "female", "leaving_date": D(2021, 12, 1)},  # a leaver: not in post
    ], columns=["employee_id", "ethnicity", "pay_band", "sex", "sexual_orientation", "leaving_date"])
    rates = compute(org, 2022)["declaration_rates"]
    assert list(rates) == ["ethnicity", "sex", "sexual_orientation"]
    assert rates["sex"] == {"declared": 3, "prefer_not_to_say": 1, "not_known": 0, "rate_pct": 75.0}
    assert rates["sexual_orientation"] == {"declared": 2, "prefer_not_to_say": 1, "not_known": 1, "rate_pct": 50.0}
    assert rates["ethnicity"]["rate_pct"] == 75.0  # 3 of 4: "4" is not known


def test_metric_7b_and_a_survey_question_nobody_answered(org):
    # White: 2 of 4 answered yes (50%); BME: 3 of 4 (75%) → ratio 1.5.
    from workforce.models import SurveyRecord

    e = b.extract(org, "survey", 2022, ["ethnicity", "harassment_managers"])
    answers = [("white", True), ("white", True), ("white", False), ("white", False), ("bme", True), ("bme", True),
               ("bme", True), ("bme", False), ("not_known", True)]
    SurveyRecord.objects.bulk_create(
        SurveyRecord(extract=e, organisation=org, year=2022, row_number=n, ethnicity=b.ETHNICITY_OF[g],
                     ethnic_group="white" if g == "white" else ("black" if g == "bme" else "not_known"),
                     wres_group=g, harassment_managers=yes) for n, (g, yes) in enumerate(answers, start=2))
    document = compute(org, 2022)
    assert document["metric_7b"]["white"]["pct"] == 50 and document["metric_7b"]["bme"]["pct"] == 75
    assert document["metric_7b"]["ratio"] == pytest.approx(1.5)
    assert document["metric_6"] is None and document["metric_7a"] is None
