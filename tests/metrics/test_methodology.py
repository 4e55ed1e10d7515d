"""The revised methodology of metrics.md, each rule on a workforce small enough to check on paper
(issue 11, "Proof"). Year 2022: window 1 April 2021 to 31 March 2022, snapshot 31 March 2022."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command, execute_from_command_line

from metrics.compute import ScopeRefused, compute
from metrics.models import MetricSettings

from . import builders as b

D = date
PAY_COLUMNS = ["employee_id", "ethnicity", "pay_band", "sex", "disability", "hourly_pay", "full_pay_relevant",
               "leaving_date", "bonus_pay"]


# Gender: the six statutory measures ------------------------------------------------------------------------

@pytest.fixture
def gender(org):
    # All in post. Men £10, £20, £30, £40; bonuses M2 £100, M4 £300.
    # Women on full pay £10, £10, £20, £30; F3 a bonus of £100. F5 is on maternity leave (not full-pay
    # relevant: out of the hourly figures) and was paid a bonus of £200: she counts for bonus pay.
    # O1's sex is "other": left out of the gender figures, and counted as left out.
    people = [
        {"id": "M1", "group": "white", "sex": "male", "pay": 10},
        {"id": "M2", "group": "white", "sex": "male", "pay": 20, "bonus_pay": Decimal(100)},
        {"id": "M3", "group": "white", "sex": "male", "pay": 30},
        {"id": "M4", "group": "white", "sex": "male", "pay": 40, "bonus_pay": Decimal(300)},
        {"id": "F1", "group": "white", "sex": "female", "pay": 10},
        {"id": "F2", "group": "white", "sex": "female", "pay": 10},
        {"id": "F3", "group": "white", "sex": "female", "pay": 20, "bonus_pay": Decimal(100)},
        {"id": "F4", "group": "white", "sex": "female", "pay": 30},
        {"id": "F5", "group": "white", "sex": "female", "pay": 50, "fpr": False, "bonus_pay": Decimal(200)},
        {"id": "O1", "group": "white", "sex": "other", "pay": 25},
    ]
    b.staff(org, 2022, people, columns=PAY_COLUMNS)
    return compute(org, 2022)["pay_gaps"]["gender"]


def test_gender_hourly_pay_gaps(gender):
    # Men: mean (10+20+30+40)/4 = 25; median (20+30)/2 = 25. Women on full pay: 10, 10, 20, 30 → mean 17.5,
    # median (10+20)/2 = 15. Mean gap (25 − 17.5)/25 = 30%; median gap (25 − 15)/25 = 40%.
    assert gender["mean_pct"] == pytest.approx(30.0)
    assert gender["median_pct"] == pytest.approx(40.0)
    assert gender["employees"] == {"female": 4, "male": 4, "left_out": 1}  # O1 left out; F5 not full-pay relevant


def test_gender_bonus_measures_count_every_relevant_employee_including_maternity_leave(gender):
    # Paid a bonus: men M2 £100, M4 £300 → mean 200, median 200; women F3 £100 and F5 £200 (on maternity
    # leave, still a relevant employee) → mean 150, median 150. Gaps (200 − 150)/200 = 25% each.
    # (Over full-pay relevant staff only, the women's bonus would be F3's alone and the gap 50%.)
    assert gender["bonus_mean_pct"] == pytest.approx(25.0)
    assert gender["bonus_median_pct"] == pytest.approx(25.0)
    # Proportion receiving a bonus: men 2 of 4 = 50%; women 2 of 5 relevant (F5 included) = 40%.
    assert gender["bonus_received_pct"] == {"female": pytest.approx(40.0), "male": pytest.approx(50.0)}
    assert gender["relevant_employees"] == {"female": 5, "male": 4}
    assert gender["statutory"] is False  # 10 relevant employees, fewer than 250


def test_gender_quartiles_share_runs_by_largest_remainder_over_the_run(gender):
    # 8 ranked (women and men on full pay): £10 M1 F1 F2, £20 M2 F3, £30 M3 F4, £40 M4. n = 8: sizes 2, 2, 2, 2.
    # £10 run (places 1–3): Q1 takes 2, Q2 takes 1. Exact: Q1 women 2×2/3 = 1.333, men 0.667; Q2 women 0.667,
    #   men 0.333. Whole parts Q1 1+0, Q2 0+0. Remainders .667 (Q1 men, Q2 women) tie: women (the comparison
    #   group) first → Q2 woman; then Q1 man. Q1 (1 woman, 1 man), Q2 (1 woman).
    # £20 run (places 4–5): Q2 1, Q3 1; exact .5 each for both: women first, lower quartile first → Q2 woman;
    #   Q3 man (Q2 full, no woman left). £30 run likewise → Q3 woman, Q4 man. £40 → Q4 man.
    rows = gender["quartiles"]
    assert [(q["count"], q["female"], q["male"]) for q in rows] == [(2, 1, 1), (2, 2, 0), (2, 1, 1), (2, 0, 2)]
    assert [q["female_pct"] for q in rows] == [50.0, 100.0, 50.0, 0.0]
    assert [q["male_pct"] for q in rows] == [50.0, 0.0, 50.0, 100.0]


def test_the_statutory_flag_from_250_relevant_employees(org):
    # 250 in post (none with pay): statutory. A leaver in the year does not count as relevant.
    b.staff(org, 2022, [{"id": f"P{i}", "group": "white", "sex": "female"} for i in range(250)]
            + [{"id": "L1", "group": "white", "sex": "male", "leaving_date": D(2021, 6, 1)}])
    assert compute(org, 2022)["pay_gaps"]["gender"]["statutory"] is True


# Who is in post ----------------------------------------------------------------------------------------------

def test_a_leaver_on_31_march_is_in_post_and_a_leaver_and_a_starter_after_the_snapshot_is_left_out(org):
    # W1 in post; L1 leaves on 31 March 2022: in post on the snapshot AND a leaver in the window.
    # S1 starts on 1 April 2022, after the snapshot: left out of every figure. B1 started on 31 March 2022: in post.
    # In post: W1, L1, B1 = 3; leavers: L1 = 1; in the year: 3 (S1 nowhere).
    # Gender gap, men W1 £20 and L1 £10 (mean 15, median 15) against women B1 £12 (and S1 £5, left out):
    # (15 − 12)/15 = 20%. Counting S1, or dropping L1, would move it.
    b.staff(org, 2022, [
        {"id": "W1", "group": "white", "sex": "male", "pay": 20},
        {"id": "L1", "group": "white", "sex": "male", "pay": 10, "leaving_date": D(2022, 3, 31)},
        {"id": "S1", "group": "bme", "sex": "female", "pay": 5, "start_date": D(2022, 4, 1)},
        {"id": "B1", "group": "bme", "sex": "female", "pay": 12, "start_date": D(2022, 3, 31)},
    ], columns=PAY_COLUMNS + ["start_date"])
    document = compute(org, 2022)
    assert document["workforce"] == {"in_post": 3, "leavers": 1, "in_year": 3}
    assert document["metric_8"]["white"] == {"numerator": 1, "denominator": 2, "rate": 0.5}
    assert document["metric_8"]["bme"] == {"numerator": 0, "denominator": 1, "rate": 0.0}
    assert document["pay_gaps"]["gender"]["mean_pct"] == pytest.approx(20.0)
    assert document["pay_gaps"]["gender"]["relevant_employees"] == {"female": 1, "male": 2}


# Hourly pay worked out from ordinary pay --------------------------------------------------------------------

def test_hourly_pay_is_worked_out_from_ordinary_pay_days_and_weekly_hours(org):
    # The organisation's pay period is 28 days. M1 has an hourly rate, £20.
    # F1: ordinary pay £1,500 over a 30-day period, 35 hours: weekly 1500 × 7 / 30 = 350 → 350 / 35 = £10.
    # F2: ordinary pay £1,120, period blank (the setting, 28 days), 35 hours: 1120 × 7 / 28 = 280 → £8.
    # F3: neither an hourly rate nor weekly hours: left out of the hourly figures, and the notes say so.
    # Women mean (10 + 8)/2 = 9, median 9 → gaps (20 − 9)/20 = 55%.
    MetricSettings.objects.create(organisation=org, pay_period_days=28)
    b.staff(org, 2022, [
        {"id": "M1", "group": "white", "sex": "male", "pay": 20},
        {"id": "F1", "group": "white", "sex": "female", "ordinary_pay": Decimal(1500), "pay_period_days": 30,
         "weekly_hours": Decimal(35)},
        {"id": "F2", "group": "white", "sex": "female", "ordinary_pay": Decimal(1120), "weekly_hours": Decimal(35)},
        {"id": "F3", "group": "white", "sex": "female", "ordinary_pay": Decimal(900)},
    ], columns=["employee_id", "ethnicity", "pay_band", "sex", "hourly_pay", "ordinary_pay", "pay_period_days", "weekly_hours"])
    document = compute(org, 2022)
    gender = document["pay_gaps"]["gender"]
    assert gender["mean_pct"] == pytest.approx(55.0) and gender["median_pct"] == pytest.approx(55.0)
    assert gender["employees"] == {"female": 2, "male": 1, "left_out": 0}
    assert gender["relevant_employees"] == {"female": 3, "male": 1}
    assert document["notes"]["pay_gaps.hourly_left_out"].startswith("full-pay relevant employees with no hourly pay")


# Ethnicity: White British reference, broader groups, and the SC-WRES view -----------------------------------

def test_ethnicity_pay_gaps_against_white_british(org):
    # Threshold 3. Full-pay relevant, in post, hourly pay:
    #   White British WB1–WB4: £20, £20, £30, £30 → mean 25, median 25.
    #   White Irish WI1: £15 (White other than British: 1 < 3, not compared on its own).
    #   Indian A1–A3: £10, £15, £20 (Asian: 3 ≥ 3, compared).   African K1, K2: £10, £10 (Black: 2 < 3).
    #   Not known N1: £50 (left out of every gap, ranked in the quartiles).
    org.disclosure_threshold = 3
    org.save()
    people = ([{"id": f"WB{i}", "ethnicity": "white_british", "pay": p} for i, p in enumerate((20, 20, 30, 30))]
              + [{"id": "WI1", "ethnicity": "white_irish", "pay": 15}]
              + [{"id": f"A{i}", "ethnicity": "asian_indian", "pay": p} for i, p in enumerate((10, 15, 20))]
              + [{"id": f"K{i}", "ethnicity": "black_african", "pay": 10} for i in range(2)]
              + [{"id": "N1", "ethnicity": "not_known", "pay": 50}])
    b.staff(org, 2022, people)
    document = compute(org, 2022)
    ethnicity = document["pay_gaps"]["ethnicity"]
    assert ethnicity["reference"] == "white_british"
    assert list(ethnicity["comparisons"]) == ["other_ethnic_groups", "asian"]
    # All other ethnic groups (White Irish counts here): 10, 10, 10, 15, 15, 20 → mean 80/6 = 13.333, median
    # (10 + 15)/2 = 12.5. Mean gap (25 − 13.333)/25 = 46.667%; median gap (25 − 12.5)/25 = 50%.
    others = ethnicity["comparisons"]["other_ethnic_groups"]
    assert others["mean_pct"] == pytest.approx((25 - 80 / 6) / 25 * 100)
    assert others["median_pct"] == pytest.approx(50.0)
    assert others["employees"] == {"other_ethnic_groups": 6, "white_british": 4, "left_out": 1}
    # Asian: mean 15, median 15 → 40% and 40%.
    asian = ethnicity["comparisons"]["asian"]
    assert asian["mean_pct"] == pytest.approx(40.0) and asian["median_pct"] == pytest.approx(40.0)
    # Below the threshold: Black (2) and White other (1) are not compared on their own, and the notes say why.
    assert "at least 3 relevant employees" in document["notes"]["pay_gaps.ethnicity.comparisons.black"]
    assert "pay_gaps.ethnicity.comparisons.white_other" in document["notes"]
    # Quartiles, 11 ranked (q = 2, r = 3 → sizes 3, 3, 3, 2): £10 ×3 (others) fill Q1; £15 ×2 (others) go to Q2;
    # the £20 run (WB, WB, A3) takes Q2's last place and 2 of Q3's: exact Q2 others 1/3, WB 2/3; Q3 others 2/3,
    # WB 4/3 → whole parts Q3 WB 1; remainders .667 tie (Q2 WB, Q3 others): others (the comparison) first →
    # Q3 other; then Q2 WB. £30 ×2 (WB): Q3's last place and Q4's first. £50 N1 in Q4.
    assert [(q["white_british"], q["other_ethnic_groups"], q["not_known"]) for q in ethnicity["quartiles"]] == [
        (0, 3, 0), (1, 2, 0), (2, 1, 0), (1, 0, 1)]
    assert ethnicity["employees"] == {"white_british": 4, "other_ethnic_groups": 6, "not_known": 1}
    # The SC-WRES view: White (WB + WI) 20, 20, 30, 30, 15 → mean 23, median 20; BME (Asian, Black) 10, 15, 20,
    # 10, 10 → mean 13, median 10. Mean gap (23 − 13)/23 = 43.478%; median (20 − 10)/20 = 50%.
    wres = document["pay_gaps"]["ethnicity_wres"]
    assert wres["mean_pct"] == pytest.approx(1000 / 23) and wres["median_pct"] == pytest.approx(50.0)
    assert wres["employees"] == {"bme": 5, "white": 5, "not_known": 1}
    assert sum(q["not_known"] for q in wres["quartiles"]) == 1


# Disability ---------------------------------------------------------------------------------------------------

def test_disability_pay_gap_with_all_six_measures(org):
    # Disabled D1 £10 (bonus £50), D2 £20. Not disabled N1 £20 (bonus £100), N2 £20 (bonus £100), N3 £30.
    # P1 preferred not to say, £40: left out of the gaps and the quartiles.
    # Hourly: disabled mean 15, median 15; not disabled mean 70/3 = 23.333, median 20.
    #   Mean gap (23.333 − 15)/23.333 = 35.714%; median gap (20 − 15)/20 = 25%.
    # Bonus: disabled 50; not disabled 100, 100 → mean and median gaps (100 − 50)/100 = 50%.
    # Receiving: disabled 1 of 2 = 50%; not disabled 2 of 3 = 66.667%.
    b.staff(org, 2022, [
        {"id": "D1", "group": "white", "disability": "yes", "pay": 10, "bonus_pay": Decimal(50)},
        {"id": "D2", "group": "white", "disability": "yes", "pay": 20},
        {"id": "N1", "group": "white", "disability": "no", "pay": 20, "bonus_pay": Decimal(100)},
        {"id": "N2", "group": "white", "disability": "no", "pay": 20, "bonus_pay": Decimal(100)},
        {"id": "N3", "group": "white", "disability": "no", "pay": 30},
        {"id": "P1", "group": "white", "disability": "prefer_not_to_say", "pay": 40},
    ], columns=PAY_COLUMNS)
    disability = compute(org, 2022)["pay_gaps"]["disability"]
    assert disability["mean_pct"] == pytest.approx((70 / 3 - 15) / (70 / 3) * 100)
    assert disability["median_pct"] == pytest.approx(25.0)
    assert disability["bonus_mean_pct"] == pytest.approx(50.0) and disability["bonus_median_pct"] == pytest.approx(50.0)
    assert disability["bonus_received_pct"] == {"disabled": pytest.approx(50.0), "not_disabled": pytest.approx(200 / 3)}
    assert disability["employees"] == {"disabled": 2, "not_disabled": 3, "left_out": 1}
    assert disability["relevant_employees"] == {"disabled": 2, "not_disabled": 3}
    # Quartiles of the 5 declared (sizes 2, 1, 1, 1): £10 D1; the £20 run (D2, N1, N2) takes one place in each of
    # Q1, Q2, Q3: exact disabled 1/3, not disabled 2/3 in each → the .667s go first, lowest quartile first: Q1 and
    # Q2 take the not disabled; Q3 takes D2. £30 N3 is Q4.
    assert [(q["disabled"], q["not_disabled"]) for q in disability["quartiles"]] == [(1, 1), (0, 1), (1, 0), (0, 1)]


# Scopes -----------------------------------------------------------------------------------------------------

def _scoped_people(area_field: str):
    """Adults: AW1, AW2 White, AB1 BME in post, AB2 BME left in June. Children: CW1 White, CB1, CB2 BME.
    Not social care: XW1, XW2 White, XB1 BME."""
    areas = {"A": ("adults", "Adult Social Care"), "C": ("children", "Children's Social Care"), "X": ("none", "Highways")}
    people = []
    for ident, group in (("AW1", "white"), ("AW2", "white"), ("AB1", "bme"), ("AB2", "bme"), ("CW1", "white"),
                         ("CB1", "bme"), ("CB2", "bme"), ("XW1", "white"), ("XW2", "white"), ("XB1", "bme")):
        area, directorate = areas[ident[0]]
        person = {"id": ident, "group": group, "sex": "female" if group == "white" else "male", "pay": 10 if group == "bme" else 20}
        person.update({"social_care_area": area} if area_field == "column" else {"directorate": directorate})
        if ident == "AB2":
            person["leaving_date"] = D(2021, 6, 30)
        people.append(person)
    return people


def _assert_scopes(org):
    # Cases opened in the window for AB1, CW1 and XW1.
    by_scope = {scope: compute(org, 2022, scope) for scope in ("social_care", "adults", "children", "all")}
    workforce = {scope: doc["workforce"] for scope, doc in by_scope.items()}
    assert workforce == {"social_care": {"in_post": 6, "leavers": 1, "in_year": 7},
                         "adults": {"in_post": 3, "leavers": 1, "in_year": 4},
                         "children": {"in_post": 3, "leavers": 0, "in_year": 3},
                         "all": {"in_post": 9, "leavers": 1, "in_year": 10}}
    m3 = {scope: doc["metric_3"] for scope, doc in by_scope.items()}
    # Social care: White 1 (CW1) of 3 (AW1, AW2, CW1); BME 1 (AB1) of 4 → RL 0.25 / (1/3) = 0.75.
    assert (m3["social_care"]["white"]["numerator"], m3["social_care"]["white"]["denominator"]) == (1, 3)
    assert m3["social_care"]["relative_likelihood"] == pytest.approx(0.75)
    # Adults: White 0 of 2 → RL null. Children: White 1 of 1, BME 0 of 2 → RL 0.
    assert m3["adults"]["relative_likelihood"] is None and m3["children"]["relative_likelihood"] == 0
    # All: White 2 (CW1, XW1) of 5, BME 1 of 5 → RL 0.2 / 0.4 = 0.5.
    assert m3["all"]["relative_likelihood"] == pytest.approx(0.5)
    # Pay gaps and declaration rates are the whole organisation's, whatever the scope: White women £20
    # against BME men £10 → a gender gap of (10 − 20)/10 = −100%, over 9 in post.
    for doc in by_scope.values():
        assert doc["pay_gaps"] == by_scope["all"]["pay_gaps"]
        assert doc["declaration_rates"] == by_scope["all"]["declaration_rates"]
        assert "scope" not in doc["notes"]
    assert by_scope["all"]["pay_gaps"]["gender"]["mean_pct"] == pytest.approx(-100.0)
    assert sum(by_scope["adults"]["pay_gaps"]["gender"]["relevant_employees"].values()) == 9


def test_each_scope_from_the_social_care_area_column(org):
    b.staff(org, 2022, _scoped_people("column"), columns=["employee_id", "ethnicity", "pay_band", "sex", "hourly_pay",
                                                          "leaving_date", "social_care_area"])
    b.cases(org, 2022, [(who, "disciplinary", D(2021, 9, 1)) for who in ("AB1", "CW1", "XW1")])
    _assert_scopes(org)


def test_each_scope_from_the_organisations_directorates_set_by_the_command(org, capsys):
    b.staff(org, 2022, _scoped_people("mapping"), columns=["employee_id", "ethnicity", "pay_band", "sex", "hourly_pay",
                                                           "leaving_date", "directorate"])
    b.cases(org, 2022, [(who, "disciplinary", D(2021, 9, 1)) for who in ("AB1", "CW1", "XW1")])
    call_command("organisation_settings", org.slug, "--social-care", "adults=Adult Social Care",
                 "--social-care", "children=Children's Social Care")
    assert "adults' social care: Adult Social Care" in capsys.readouterr().out
    _assert_scopes(org)
    # The command prints each scope; the stored results hold social care, adults, children and all.
    call_command("metrics", org.slug, "2022", "--json", "--scope", "children")
    assert json.loads(capsys.readouterr().out)["workforce"] == {"in_post": 3, "in_year": 3, "leavers": 0}


def test_without_areas_every_row_is_in_scope_and_adults_or_children_are_refused(org, capsys):
    b.staff(org, 2022, _scoped_people("mapping"), columns=["employee_id", "ethnicity", "pay_band", "leaving_date", "directorate"])
    document = compute(org, 2022)
    assert document["scope"] == "social_care" and document["workforce"]["in_post"] == 9
    assert document["notes"]["scope"] == "all staff: no social care areas are set"
    with pytest.raises(ScopeRefused, match=f"no social care areas are set for {org.slug}"):
        compute(org, 2022, "adults")
    with pytest.raises(SystemExit) as exit_:
        execute_from_command_line(["manage.py", "metrics", org.slug, "2022", "--json", "--scope", "children"])
    assert exit_.value.code == 1
    captured = capsys.readouterr()
    assert f"no social care areas are set for {org.slug}" in captured.err and captured.out == ""


# Metric 1's national salary bands ------------------------------------------------------------------------------

def test_metric_1_national_bands_from_annual_salary_and_estimated_from_hourly_pay(org):
    # S1 White £25,000; S2 BME £30,000 (the boundary: the middle band); S3 White £70,000 (the top band).
    # E1 White, no salary, £15 an hour: 15 × 37 × 52.143 = £28,939.37 → below £30,000.
    # E2 BME, £20 an hour: 20 × 37 × 52.143 = £38,585.82 → the middle band.
    # E3 BME, £40 an hour but on reduced pay (not full-pay relevant), no salary: left out. N1, nothing: left out.
    b.staff(org, 2022, [
        {"id": "S1", "group": "white", "annual_salary": Decimal(25000)},
        {"id": "S2", "group": "bme", "annual_salary": Decimal(30000)},
        {"id": "S3", "group": "white", "annual_salary": Decimal(70000)},
        {"id": "E1", "group": "white", "pay": 15},
        {"id": "E2", "group": "bme", "pay": 20},
        {"id": "E3", "group": "bme", "pay": 40, "fpr": False},
        {"id": "N1", "group": "not_known"},
    ], columns=["employee_id", "ethnicity", "pay_band", "hourly_pay", "full_pay_relevant", "annual_salary"])
    m1 = compute(org, 2022)["metric_1"]
    assert [(r["band"], r["headcount"], r["white"], r["bme"], r["not_known"]) for r in m1["national_bands"]] == [
        ("Less than £30,000", 2, 2, 0, 0), ("£30,000 to £69,999", 2, 0, 2, 0), ("£70,000 and over", 1, 1, 0, 0)]
    assert m1["national_bands_basis"] == "annual salary and estimated from hourly pay"
    assert m1["national_bands_left_out"] == 2
    # The middle band is 100% BME against 3 of 7 in post (42.857%): +57.14 points.
    assert m1["national_bands"][1]["bme_pct_difference"] == pytest.approx(100 - 300 / 7)


def test_national_bands_basis_when_only_one_source_or_none(org):
    b.staff(org, 2022, [{"id": "S1", "group": "white", "annual_salary": Decimal(31000)}],
            columns=["employee_id", "ethnicity", "pay_band", "annual_salary"])
    assert compute(org, 2022)["metric_1"]["national_bands_basis"] == "annual salary"
    b.staff(org, 2023, [{"id": "E1", "group": "white", "pay": 40}], columns=["employee_id", "ethnicity", "pay_band", "hourly_pay"])
    m1 = compute(org, 2023)["metric_1"]
    # 40 × 37 × 52.143 = £77,171.64 → the top band.
    assert m1["national_bands_basis"] == "estimated from hourly pay" and m1["national_bands"][2]["white"] == 1
    b.staff(org, 2024, [{"id": "X1", "group": "white"}], columns=["employee_id", "ethnicity", "pay_band"])
    document = compute(org, 2024)
    assert document["metric_1"]["national_bands"] is None and document["metric_1"]["national_bands_left_out"] == 1
    assert "annual_salary" in document["notes"]["metric_1.national_bands"]


def test_metric_1_national_bands_and_workforce_by_broad_ethnic_group(org):
    # Ten in post, by annual salary:
    #   below £30,000:     A1 Asian (Indian), A2 Asian (Pakistani), K1 Black (African), W1 White, N1 not known
    #   £30,000–£69,999:   K2 Black (Caribbean), M1 Mixed (White and Asian), W2 White
    #   £70,000 and over:  O1 Other (Arab)
    #   no salary:         X1 Asian (Chinese) — left out of the bands, counted in the workforce row
    # Band shares (of the band's headcount, not known included):
    #   below £30,000 (5):  Asian 2/5 = 40%, Black 1/5 = 20%, Mixed 0%, Other 0%; BME 3/5 = 60% = 40 + 20
    #   £30,000–£69,999 (3): Black 1/3 = 33.33%, Mixed 1/3 = 33.33%; BME 2/3 = 66.67%
    #   £70,000 and over (1): Other 1/1 = 100%
    # Workforce (10): Asian 3 (A1, A2, X1) = 30%, Black 2 = 20%, Mixed 1 = 10%, Other 1 = 10%; BME 7 = 70%.
    salary = {"A1": 21000, "A2": 29999, "K1": 18000, "W1": 25000, "N1": 22000, "K2": 30000, "M1": 52000, "W2": 69999,
              "O1": 70000}
    ethnicity = {"A1": "asian_indian", "A2": "asian_pakistani", "K1": "black_african", "W1": "white_british",
                 "N1": "not_known", "K2": "black_caribbean", "M1": "mixed_white_asian", "W2": "white_irish",
                 "O1": "other_arab", "X1": "asian_chinese"}
    b.staff(org, 2022, [{"id": who, "ethnicity": e, "annual_salary": Decimal(salary[who]) if who in salary else None}
                        for who, e in ethnicity.items()], columns=["employee_id", "ethnicity", "pay_band", "annual_salary"])
    m1 = compute(org, 2022)["metric_1"]
    groups = ("asian", "black", "mixed", "other")
    assert [(r["headcount"], r["bme"], *(r[g] for g in groups)) for r in m1["national_bands"]] == [
        (5, 3, 2, 1, 0, 0), (3, 2, 0, 1, 1, 0), (1, 1, 0, 0, 0, 1)]
    low, middle, top = m1["national_bands"]
    assert (low["asian_pct"], low["black_pct"], low["mixed_pct"], low["bme_pct"]) == pytest.approx((40, 20, 0, 60))
    assert middle["black_pct"] == pytest.approx(100 / 3) and middle["mixed_pct"] == pytest.approx(100 / 3)
    assert (top["other_pct"], top["asian_pct"]) == pytest.approx((100, 0))
    assert m1["national_bands_left_out"] == 1
    wf = m1["workforce"]
    assert (wf["headcount"], wf["bme"], *(wf[g] for g in groups)) == (10, 7, 3, 2, 1, 1)
    assert (wf["asian_pct"], wf["black_pct"], wf["mixed_pct"], wf["other_pct"]) == pytest.approx((30, 20, 10, 10))
    # The broad groups add up to BME, band by band and in the workforce row.
    for row in m1["national_bands"] + [wf]:
        assert sum(row[g] for g in groups) == row["bme"]


# Metric 9 as a relative likelihood ----------------------------------------------------------------------------------

def test_metric_9_relative_likelihood_of_being_a_senior_manager(org):
    # In post: White 20 (4 senior), BME 10 (1 senior), not known 2 (1 senior).
    # Senior BME % = 1 of 6 = 16.667%; workforce BME % = 10 of 32 = 31.25%; difference −14.583 points.
    # RL = (1/10) ÷ (4/20) = 0.1 ÷ 0.2 = 0.5 ("50% less likely"); for NHS partners 1 ÷ 0.5 = 2.
    b.staff(org, 2022, [{"id": f"W{i}", "group": "white", "senior_manager": i < 4} for i in range(20)]
            + [{"id": f"B{i}", "group": "bme", "senior_manager": i < 1} for i in range(10)]
            + [{"id": f"N{i}", "group": "not_known", "senior_manager": i < 1} for i in range(2)])
    m9 = compute(org, 2022)["metric_9"]
    assert m9["senior"] == {"headcount": 6, "bme": 1, "bme_pct": pytest.approx(100 / 6)}
    assert m9["workforce"]["bme_pct"] == pytest.approx(31.25)
    assert m9["difference_pp"] == pytest.approx(100 / 6 - 31.25)
    assert m9["relative_likelihood"] == pytest.approx(0.5) and m9["relative_likelihood_nhs"] == pytest.approx(2.0)


def test_every_ratio_carries_its_nhs_inverse(org):
    # Leavers: White 2 of 10 (0.2), BME 4 of 10 (0.4): RL 2.0, NHS direction 0.5.
    b.staff(org, 2022, [{"id": f"W{i}", "group": "white", **({"leaving_date": D(2021, 7, 1)} if i < 2 else {})} for i in range(10)]
            + [{"id": f"B{i}", "group": "bme", **({"leaving_date": D(2021, 7, 1)} if i < 4 else {})} for i in range(10)])
    m8 = compute(org, 2022)["metric_8"]
    assert m8["relative_likelihood"] == pytest.approx(2.0) and m8["relative_likelihood_nhs"] == pytest.approx(0.5)


# Missing columns say which figures are missing and which column would bring them ----------------------------------

def test_a_staff_extract_without_the_new_columns_says_what_each_would_bring(org):
    b.staff(org, 2022, [{"id": "W1", "group": "white", "pay": 10}], columns=["employee_id", "ethnicity", "pay_band", "hourly_pay"])
    b.cases(org, 2022, [("W1", "fitness_to_practise", D(2021, 9, 1))])
    document = compute(org, 2022)
    notes = document["notes"]
    assert notes["metric_4"] == "the staff extract has no regulated column"
    assert "bonus_pay column" in notes["pay_gaps.bonus"]
    assert "sex column" in notes["pay_gaps.gender"] and document["pay_gaps"]["gender"] is None
    assert "disability column" in notes["pay_gaps.disability"]
    assert "senior_manager column" in notes["metric_9"] and document["metric_9"] is None
    assert notes["metric_2"] == "no data for 2022: upload a recruitment extract"
    assert "full_pay_relevant column" in notes["pay_gaps.full_pay_relevant"]
