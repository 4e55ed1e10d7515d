"""Disclosure control across the documents published together (metrics.md §1, §6): a year's figures are
published for social care, adults', children's and all staff, and adults + children = social care ⊆ all.
A count hidden in one scope must not be worked back from the counts published for the others."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, settings as hsettings, strategies as st

from metrics.audit import audit, audit_set
from metrics.compute import compute, scopes_with_staff, to_jsonable
from metrics.disclosure import publish, publish_set
from metrics.relations import relations_of_set
from metrics.selectors import raw_set
from metrics.services import results_recompute
from tests.factories import OrganisationFactory

from . import builders as b
from .test_audit import COLUMNS, organisations

AREA_COLUMNS = ["employee_id", "ethnicity", "pay_band", "social_care_area"]


def _people(counts):
    """counts: {area: (White, BME)}, everyone in Band A."""
    people = []
    for area, (white, bme) in counts.items():
        for group, n in (("white", white), ("bme", bme)):
            people += [{"id": f"{area[0]}{group[0]}{i}", "group": group, "band": "Band A", "social_care_area": area}
                       for i in range(n)]
    return people


@pytest.fixture
def leaky(org):
    # Adults: White 30, BME 12. Children: White 25, BME 4. Not social care: White 20, BME 13.
    # Social care: White 55, BME 16. All staff: White 75, BME 29.
    b.staff(org, 2022, _people({"adults": (30, 12), "children": (25, 4), "none": (20, 13)}), columns=AREA_COLUMNS)
    results_recompute(organisation=org, year=2022)
    raws = raw_set(org, 2022)
    assert sorted(raws) == ["adults", "all", "children", "social_care"]
    return raws


def test_each_scope_published_on_its_own_passes_its_own_audit_but_the_set_gives_the_childrens_bme_away(leaky):
    alone = {scope: publish(raw, 10)[0] for scope, raw in leaky.items()}
    for scope, raw in leaky.items():
        result = audit(alone[scope], 10, raw=raw)
        assert result.passed, (scope, result.describe())
    assert alone["children"]["metric_1"]["workforce"]["bme"] is None  # 4, hidden in the children's document…
    assert alone["adults"]["metric_1"]["workforce"]["bme"] == 12
    assert alone["social_care"]["metric_1"]["workforce"]["bme"] == 16
    # …but social care's 16 − adults' 12 = 4: the audit of the documents together finds it.
    result = audit_set(alone, 10, raw=leaky)
    narrowed = {r.place: (r.low, r.high) for r in result.narrowed}
    assert narrowed["children:metric_1.workforce.bme"] == (4, 4)
    assert "children:metric_1.workforce.bme is narrowed to 4–4 (1 values); it is 4." in result.describe()


def test_published_together_no_count_is_worked_back_across_scopes(leaky):
    together = publish_set(leaky, 10)
    published = {scope: doc for scope, (doc, _) in together.items()}
    result = audit_set(published, 10, raw=leaky)
    assert result.passed, result.describe()
    assert "children:metric_1.workforce.bme" in {r.place for r in result.ranges}
    # The sum is broken: adults' or social care's BME is withheld too.
    assert None in (published["adults"]["metric_1"]["workforce"]["bme"],
                    published["social_care"]["metric_1"]["workforce"]["bme"])
    # The whole-organisation sections are published the same in every scope.
    for scope in ("social_care", "adults", "children"):
        assert published[scope]["declaration_rates"] == published["all"]["declaration_rates"]


def test_the_pages_and_the_command_publish_the_scopes_together(client_for, viewer, org, leaky, capsys):
    import json

    from django.core.management import call_command

    together = {scope: doc for scope, (doc, _) in publish_set(leaky, 10).items()}
    html = client_for(viewer).get(reverse("metrics:year", args=[org.slug, 2022]), {"scope": "adults"})
    assert html.status_code == 200
    call_command("metrics", org.slug, "2022", "--json", "--published", "--scope", "adults")
    printed = json.loads(capsys.readouterr().out)
    assert printed["metric_1"]["workforce"] == together["adults"]["metric_1"]["workforce"]
    # A null count is withheld, small or protecting a small one: the notes say so and do not tell them apart.
    assert printed["notes"]["suppressed"] == ("a null count is withheld: fewer than 10 people, or a number withheld so "
                                              "that a small number elsewhere cannot be worked out")
    assert "withheld" not in printed


def test_the_relations_tie_social_care_to_its_areas_and_to_all_staff_by_band_name(leaky):
    rel = relations_of_set(leaky)
    terms = {frozenset(t.items()) for t, _ in rel.lines}
    assert frozenset({"adults:metric_1.workforce.bme": 1, "children:metric_1.workforce.bme": 1,
                      "social_care:metric_1.workforce.bme": -1}.items()) in terms
    within = [t for t, _ in rel.lines if "social_care:metric_1.bands[0].white" in t and "all:metric_1.bands[0].white" in t]
    assert within and within[0]["all:metric_1.bands[0].white"] == -1  # social care + the rest = all staff


# Generated organisations with both areas ---------------------------------------------------------------------

@st.composite
def organisations_with_areas(draw, sizes):
    people, threshold = draw(organisations(sizes))
    for person in people:
        person["social_care_area"] = draw(st.sampled_from(["adults", "adults", "children", "children", "none"]))
    return people, threshold


def check_generated_set(people, threshold):
    org = OrganisationFactory(disclosure_threshold=threshold)
    b.staff(org, 2022, people, columns=COLUMNS + ["social_care_area"])
    raws = {scope: to_jsonable(compute(org, 2022, scope)) for scope in scopes_with_staff(org, 2022)}
    published = {scope: doc for scope, (doc, _) in publish_set(raws, threshold).items()}
    result = audit_set(published, threshold, raw=raws)
    assert result.passed, result.describe()


@pytest.mark.parametrize("sizes", [(12, 25), (60, 90)], ids=["small", "medium"])
def test_no_suppressed_count_of_a_generated_organisation_with_both_areas_is_narrowed_across_scopes(db, sizes):
    @hsettings(max_examples=6 if sizes[0] < 50 else 3, deadline=None, derandomize=True, phases=[Phase.generate],
               suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(organisations_with_areas(sizes))
    def run(case):
        check_generated_set(*case)

    run()


def test_a_year_whose_staff_extract_lacks_columns_says_which_figures_are_missing_and_which_column_brings_them(
        client_for, viewer, org, capsys):
    import json

    from django.core.management import call_command

    # A staff extract of the old shape: no regulated, senior manager, sex, disability, pay, bonus or area column.
    b.staff(org, 2022, [{"id": f"W{i}", "group": "white"} for i in range(12)],
            columns=["employee_id", "ethnicity", "pay_band"])
    b.cases(org, 2022, [("W1", "disciplinary", b.D(2021, 9, 1))])
    results_recompute(organisation=org, year=2022)
    html = client_for(viewer).get(reverse("metrics:year", args=[org.slug, 2022])).content.decode()
    section = html[html.index('id="missing-figures"'):]
    section = section[:section.index("</div>")]
    assert "Figures missing for 2022" in section
    assert "Metric 4 (entering the fitness to practise process): add regulated (Registered Social Worker, Regulated Professional)." in section
    assert "Metric 9 (senior management): add senior_manager (Senior Manager, SMT)." in section
    assert "The gender pay gap: add sex (Gender, Legal Sex)." in section
    assert "The mean and median bonus gaps and the proportion receiving a bonus: add bonus_pay (Bonus, Bonus Pay)." in section
    call_command("metrics", org.slug, "2022", "--json")
    notes = json.loads(capsys.readouterr().out)["notes"]
    assert notes["metric_4"] == "the staff extract has no regulated column"
    assert "metric 4 (entering the fitness to practise process): add regulated (Registered Social Worker, " \
           "Regulated Professional)" in notes["missing_figures"]
    assert "the disability pay gap: add disability (Disabled, Disability Status)" in notes["missing_figures"]


def test_the_not_known_share_of_a_scoped_page_is_of_the_whole_organisations_staff_in_post():
    from metrics.selectors import data_quality

    # The social care scope: 6 in post; the declaration rates are the whole organisation's 20 in post.
    document = {"workforce": {"in_post": 6}, "declaration_rates": {
        "ethnicity": {"declared": 15, "prefer_not_to_say": 2, "not_known": 3, "rate_pct": 75.0},
        "sex": {"declared": None, "prefer_not_to_say": 0, "not_known": None, "rate_pct": None}}}
    shares = {row["name"]: row["not_known_share_pct"] for row in data_quality(document)}
    assert shares == {"ethnicity": 25.0, "sex": None}  # (2 + 3) ÷ 20; withheld counts give no share
