"""Every metric of metrics.md on a workforce small enough to check on paper. Year 2022: the window is
1 April 2021 to 31 March 2022, the snapshot 31 March 2022."""

from datetime import date

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
    # £10 run: Q1 takes 4 places → women 4×5/8 = 2.5, men 4×3/8 = 1.5 → 2 and 1; the place left goes to the
    #   equal remainder with more members left (women) → 3 women, 1 man. Q2 takes 3 of the 4 left (2 and 2)
    #   → 1.5 each → 1 and 1, the tie to women → 2, 1. Q3 takes the last place: 1 man.
    # £20 run: Q3 takes 3 places → woman 3×1/6 = 0.5, men 3×5/6 = 2.5 → 0 and 2, the tie to men → 0, 3.
    #   Q4 takes the other 3: 1 woman, 2 men.
    rows = world["pay_gaps"]["gender"]["quartiles"]
    assert [(r["count"], r["female"], r["male"]) for r in rows] == [(4, 3, 1), (3, 2, 1), (4, 0, 4), (3, 1, 2)]
    assert sum(r["female"] for r in rows) == 6 and sum(r["male"] for r in rows) == 8


def test_quartile_sizes_for_counts_not_divisible_by_four():
    assert quartile_sizes(14) == [4, 3, 4, 3]
    assert quartile_sizes(13) == [4, 3, 3, 3]
    assert quartile_sizes(15) == [4, 4, 4, 3]
    assert quartile_sizes(16) == [4, 4, 4, 4]
    rows = quartiles([(i, "a") for i in range(13)], ["a"])
    assert [r["a"] for r in rows] == [4, 3, 3, 3]


def test_ethnicity_pay_gap_leaves_not_known_out_of_the_gap_but_in_the_ranking(world):
    ethnicity = world["pay_gaps"]["ethnicity"]
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
    assert disability["employees"] == {"disabled": 1, "not_disabled": 1}
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
