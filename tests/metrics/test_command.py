"""The `metrics` command prints exactly the document of metrics.md §8."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.core.management import execute_from_command_line

from metrics.models import MetricResult
from metrics.selectors import raw_or_computed

from .test_compute import world  # noqa: F401  (the hand-worked workforce, as a fixture)

# The keys of metrics.md §8, level by level. Extra keys are allowed only where named below.
GROUP_RATE = {"numerator", "denominator", "rate"}
GROUP_PCT = {"numerator", "denominator", "pct"}
BAND = {"band", "headcount", "white", "bme", "not_known", "white_pct", "bme_pct", "not_known_pct", "bme_pct_difference"}
WORKFORCE_SHARES = {"headcount", "white", "bme", "not_known", "white_pct", "bme_pct", "not_known_pct"}
# Metric 1's national bands and workforce row also give the broad groups of BME (metrics.md §3).
BROAD = {"asian", "black", "mixed", "other", "asian_pct", "black_pct", "mixed_pct", "other_pct"}


SIX = {"mean_pct", "median_pct", "bonus_mean_pct", "bonus_median_pct", "bonus_received_pct", "employees",
       "relevant_employees"}


def assert_section_8(doc, quartiles=True):
    """`quartiles`: False for a published document of fewer than 4 × threshold staff ranked (withheld, null)."""
    assert list(doc) == ["organisation", "year", "scope", "period", "workforce", "metric_1", "metric_2", "metric_3",
                         "metric_4", "metric_5", "metric_6", "metric_7a", "metric_7b", "metric_8", "metric_9", "pay_gaps",
                         "declaration_rates", "notes"]
    assert doc["scope"] in ("all", "social_care", "adults", "children")
    assert set(doc["period"]) == {"start", "end", "snapshot"}
    assert set(doc["workforce"]) == {"in_post", "in_year", "leavers"}
    assert set(doc["metric_1"]) == {"bands", "workforce", "national_bands", "national_bands_basis", "national_bands_left_out"}
    assert all(set(band) == BAND for band in doc["metric_1"]["bands"])
    assert all(set(band) == BAND | BROAD for band in doc["metric_1"]["national_bands"] or [])
    assert set(doc["metric_1"]["workforce"]) == WORKFORCE_SHARES | BROAD
    for key in ("metric_2", "metric_3", "metric_4", "metric_5", "metric_8"):
        if doc[key] is None:
            assert doc["notes"][key], key  # every null has its reason
            continue
        assert set(doc[key]) == {"white", "bme", "relative_likelihood", "relative_likelihood_nhs"}, key
        assert set(doc[key]["white"]) == set(doc[key]["bme"]) == GROUP_RATE
    for key in ("metric_6", "metric_7a"):
        assert set(doc[key]) == {"white", "bme", "ratio"}, key
        assert set(doc[key]["white"]) == set(doc[key]["bme"]) == GROUP_PCT
    assert set(doc["metric_9"]) == {"senior", "workforce", "difference_pp", "relative_likelihood", "relative_likelihood_nhs"}
    assert set(doc["metric_9"]["senior"]) == set(doc["metric_9"]["workforce"]) == {"headcount", "bme", "bme_pct"}
    gaps = doc["pay_gaps"]
    assert set(gaps) == {"gender", "ethnicity", "ethnicity_wres", "disability"}
    assert set(gaps["gender"]) == SIX | {"statutory", "quartiles"}
    assert set(gaps["gender"]["employees"]) == {"female", "male", "left_out"}
    assert set(gaps["gender"]["relevant_employees"]) == {"female", "male"}
    if not quartiles:
        assert all(gaps[name]["quartiles"] is None for name in ("gender", "ethnicity", "ethnicity_wres", "disability"))
    assert [q["quartile"] for q in gaps["gender"]["quartiles"] or []] == ([1, 2, 3, 4] if quartiles else [])
    assert all({"quartile", "count", "female", "male", "female_pct", "male_pct"} <= set(q) for q in gaps["gender"]["quartiles"] or [])
    ethnicity = gaps["ethnicity"]
    assert set(ethnicity) == {"reference", "comparisons", "employees", "quartiles"} and ethnicity["reference"] == "white_british"
    assert "other_ethnic_groups" in ethnicity["comparisons"]
    assert set(ethnicity["comparisons"]) <= {"other_ethnic_groups", "mixed", "asian", "black", "other", "white_other"}
    assert all(set(c) == SIX for c in ethnicity["comparisons"].values())
    assert set(ethnicity["employees"]) == {"white_british", "other_ethnic_groups", "not_known"}
    assert all({"quartile", "count", "white_british", "other_ethnic_groups", "not_known"} <= set(q) for q in ethnicity["quartiles"] or [])
    assert set(gaps["ethnicity_wres"]) == SIX | {"quartiles"}
    assert set(gaps["ethnicity_wres"]["employees"]) == {"white", "bme", "not_known"}
    assert set(gaps["disability"]) == SIX | {"quartiles"}
    assert set(gaps["disability"]["employees"]) == {"disabled", "not_disabled", "left_out"}
    for rates in doc["declaration_rates"].values():
        assert set(rates) == {"declared", "prefer_not_to_say", "not_known", "rate_pct"}
    assert isinstance(doc["notes"], dict) and all(isinstance(v, str) for v in doc["notes"].values())


def test_raw_document_has_the_keys_of_section_8(org, world, capsys):  # noqa: F811
    call_command("metrics", org.slug, "2022", "--json")
    raw = json.loads(capsys.readouterr().out)
    assert_section_8(raw)
    assert raw["organisation"] == org.slug and raw["year"] == 2022
    assert raw["metric_7b"] is None  # the survey did not ask it
    # Raw figures are unrounded: 4 of 14 in post are BME = 28.5714…%.
    assert raw["metric_1"]["workforce"]["bme_pct"] == pytest.approx(400 / 14, abs=1e-9)
    assert raw["metric_1"]["workforce"]["bme"] == 4  # below the threshold, shown raw to HR
    # With no result stored, the command computed one from the records and stored it.
    assert MetricResult.objects.filter(organisation=org, year=2022).exists()


def test_published_document_applies_disclosure_control_and_rounds(org, world, capsys):  # noqa: F811
    call_command("metrics", org.slug, "2022", "--json", "--published")
    published = json.loads(capsys.readouterr().out)
    assert_section_8(published, quartiles=False)  # 14 ranked: fewer than 4 × 10
    workforce = published["metric_1"]["workforce"]
    # Threshold 10: White 9, BME 4 and not known 1 in the totals row are all below it (the in-post total, 14,
    # is shown).
    assert workforce["white"] is None and workforce["bme"] is None and workforce["not_known"] is None
    assert workforce["headcount"] == 14 and workforce["bme_pct"] is None
    # 3 leavers < 10, and in the year (17) − in post (14) would give them away: in the year goes too.
    assert published["workforce"] == {"in_post": 14, "in_year": None, "leavers": None}
    # Nothing between 1 and 9 is left anywhere in the published document.
    def counts(value, key=""):
        if isinstance(value, dict):
            for k, v in value.items():
                yield from counts(v, k)
        elif isinstance(value, list):
            for v in value:
                yield from counts(v, key)
        elif isinstance(value, int) and not isinstance(value, bool) and key not in ("year", "quartile"):
            yield key, value
    assert [(k, v) for k, v in counts(published) if 0 < v < 10] == []
    # And nothing hidden can be worked back, nor narrowed below 5 values (metrics.md §6).
    from metrics.audit import audit

    raw = raw_or_computed(org, 2022)
    result = audit(published, 10, raw=raw)
    assert result.passed and result.ranges, result.describe()


def test_published_percentages_have_one_decimal_place_and_ratios_two(org, capsys):
    from . import builders as b

    # Threshold 10. 30 White, 12 BME in post; leavers: 11 White (of 41 in the year) and 10 BME (of 22).
    # White leaving rate 11/41 = 0.268292…, BME 10/22 = 0.454545…; RL = 0.454545 / 0.268292 = 1.69421…
    # BME share of the in-post workforce 12/42 = 28.5714…% → 28.6.
    b.staff(org, 2022, [{"id": f"W{i}", "group": "white"} for i in range(30)]
            + [{"id": f"WL{i}", "group": "white", "leaving_date": b.D(2021, 9, 1)} for i in range(11)]
            + [{"id": f"B{i}", "group": "bme"} for i in range(12)]
            + [{"id": f"BL{i}", "group": "bme", "leaving_date": b.D(2021, 9, 1)} for i in range(10)])
    call_command("metrics", org.slug, "2022", "--json", "--published")
    published = json.loads(capsys.readouterr().out)
    assert published["metric_8"]["relative_likelihood"] == 1.69
    assert published["metric_8"]["white"]["rate"] == 0.268 and published["metric_8"]["bme"]["rate"] == 0.455
    assert published["metric_1"]["workforce"]["bme_pct"] == 28.6


def test_unknown_organisation_is_a_clear_error_with_exit_status_1(db, capsys):
    with pytest.raises(CommandError, match="There is no organisation “nowhere”"):
        call_command("metrics", "nowhere", "2022", "--json")
    with pytest.raises(SystemExit) as exit_:
        execute_from_command_line(["manage.py", "metrics", "nowhere", "2022", "--json"])
    assert exit_.value.code == 1
    assert "There is no organisation “nowhere”." in capsys.readouterr().err


def test_a_year_without_extracts_prints_nulls_and_stores_nothing(org, capsys):
    call_command("metrics", org.slug, "2031", "--json")
    document = json.loads(capsys.readouterr().out)
    assert document["year"] == 2031 and document["workforce"] is None and document["metric_2"] is None
    assert document["period"] == {"start": "2030-04-01", "end": "2031-03-31", "snapshot": "2031-03-31"}
    assert not MetricResult.objects.filter(organisation=org).exists()
