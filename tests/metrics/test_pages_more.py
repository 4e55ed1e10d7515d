"""The metrics pages: published figures only, trend and words, settings, charts."""

import re

import pytest
from django.urls import reverse

from edi_tracker.models import AuditEvent, Role
from metrics import selectors
from metrics.services import results_recompute
from plans import services as plan_services

from . import builders as b


def _year(org, year, white, bme, leavers_white=0, leavers_bme=0, senior=(0, 0), nk=0):
    people = ([{"id": f"W{i}", "group": "white", "band": "Scale 1-3", "pay": 10, "sex": "female",
                "senior_manager": i < senior[0]} for i in range(white)]
              + [{"id": f"B{i}", "group": "bme", "band": "Scale 4-6", "pay": 20, "sex": "male",
                  "senior_manager": i < senior[1]} for i in range(bme)]
              + [{"id": f"N{i}", "group": "not_known", "band": "Scale 4-6", "pay": 20, "sex": "male"} for i in range(nk)]
              + [{"id": f"WL{i}", "group": "white", "leaving_date": b.D(year - 1, 9, 1)} for i in range(leavers_white)]
              + [{"id": f"BL{i}", "group": "bme", "leaving_date": b.D(year - 1, 9, 1)} for i in range(leavers_bme)])
    b.staff(org, year, people)
    results_recompute(organisation=org, year=year)


def test_a_suppressed_figure_never_appears_in_the_page(client_for, viewer, org):
    # Threshold 10. 37 White, 23 BME and 3 not known in post. Not known 3 is hidden everywhere, and so is every
    # share that would reveal it: 3 of 63 = 4.8%; 3 of the 26 in Scale 4-6 = 11.5%.
    _year(org, 2022, white=37, bme=23, nk=3)
    html = client_for(viewer).get(reverse("metrics:year", args=[org.slug, 2022])).content.decode()
    assert "4.8%" not in html and "11.5%" not in html
    assert not re.search(r">\s*3\s*<", html)
    band = re.search(r"Scale 4-6</th>(.*?)</tr>", html, re.S).group(1)
    # Row Scale 4-6: BME 23, not known 3 → the 3 is hidden and, the row showing its total, so is the 23.
    assert "withheld" in band and "&lt;10" not in band and "23" not in band
    # The raw document still holds them, for HR through the command.
    assert selectors.raw_results(org, 2022)["metric_1"]["workforce"]["not_known"] == 3


def test_trend_words_and_parity(client_for, viewer, org):
    # 2021: leavers White 10 of 50 (0.2), BME 10 of 40 (0.25) → RL 1.25: within the range of parity.
    # 2022: leavers White 10 of 50 (0.2), BME 20 of 40 (0.5) → RL 2.50: BME staff 2.50 times as likely.
    _year(org, 2021, white=40, bme=30, leavers_white=10, leavers_bme=10)
    _year(org, 2022, white=40, bme=20, leavers_white=10, leavers_bme=20)
    summaries = {s["key"]: s for s in selectors.metric_summaries(org, 2022)}
    leaving = summaries["8"]
    assert (leaving["value"], leaving["previous"], leaving["trend"], leaving["within_parity"]) == (2.5, 1.25, "up", False)
    assert leaving["words"] == "2.50: Black, Asian and minority ethnic staff are 2.50 times as likely as White staff."
    assert summaries["2"]["no_data"] == "No data for 2022: upload a recruitment extract." and summaries["2"]["value"] is None
    assert summaries["9"]["no_data"] is None and summaries["9"]["value"] is None  # no senior managers marked
    assert summaries["9"]["words"] == "Cannot be calculated: the staff extract marks no senior managers in post."
    # Metric 3's extract is missing: no data, never zero.
    assert summaries["3"]["words"] == "No data for 2022: upload a casework extract."
    earlier = {s["key"]: s for s in selectors.metric_summaries(org, 2021)}
    assert earlier["8"]["within_parity"] is True and "within the range of parity" in earlier["8"]["words"]
    assert earlier["8"]["previous"] is None and earlier["8"]["trend"] is None
    assert [s["key"] for s in selectors.metric_summaries(org, 2022)] == ["1", "2", "3", "4", "5", "6", "7a", "7b", "8", "9"]
    assert selectors.available_years(org) == [2021, 2022]
    # The summaries from documents fetched in one query are the same as those fetched year by year.
    assert selectors.metric_summaries(org, 2022, selectors.published_by_year(org)) == selectors.metric_summaries(org, 2022)
    html = client_for(viewer).get(reverse("metrics:year", args=[org.slug, 2022])).content.decode()
    assert "Trend" in html and "Outside parity" in html and ">2021</a>" in html


def test_the_organisations_words_for_bme_are_used(client_for, viewer, org):
    org.bme_label = "Global Majority"
    org.save()
    _year(org, 2022, white=40, bme=20, leavers_white=10, leavers_bme=20)
    html = client_for(viewer).get(reverse("metrics:year", args=[org.slug, 2022])).content.decode()
    assert "Global Majority staff are 2.50 times as likely as White staff" in html


def test_linked_actions_show_reference_title_and_status(client_for, viewer, editor, org):
    _year(org, 2022, white=40, bme=20)
    plan = plan_services.plan_create(organisation=org, actor=editor, title="SC-WRES plan")
    action = plan_services.action_create(plan=plan, actor=editor, reference="THR1", title="Reverse mentoring for leavers",
                                         metrics=["8", "7a"])
    html = client_for(viewer).get(reverse("metrics:year", args=[org.slug, 2022])).content.decode()
    row = re.search(r"8\. Leaving the organisation</th>(.*?)</tr>", html, re.S).group(1)
    assert reverse("plans:action-detail", args=[org.slug, action.pk]) in row
    assert "THR1" in row and "Reverse mentoring for leavers" in row and "Not started" in row


def test_the_cached_page_shows_a_linked_actions_new_status_at_once_and_only_to_its_organisation(
        client_for, viewer, editor, lead, org, make_member, other_org):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _year(org, 2022, white=40, bme=20)
    _year(other_org, 2022, white=40, bme=20)
    plan = plan_services.plan_create(organisation=org, actor=editor, title="SC-WRES plan", status="active")
    action = plan_services.action_create(plan=plan, actor=editor, reference="THR1", title="Reverse mentoring",
                                         metrics=["8"], lead_user=lead)
    url = reverse("metrics:year", args=[org.slug, 2022])
    client = client_for(viewer)

    def page():
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url).content.decode()
        return re.search(r"8\. Leaving the organisation</th>(.*?)</tr>", html, re.S).group(1), html, len(queries)

    row, first, computed = page()
    assert "Not started" in row
    again, html, from_cache = page()
    unmasked = lambda text: re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)  # noqa: E731
    assert again == row and unmasked(html) == unmasked(first) and from_cache < computed  # the body from the cache
    plan_services.progress_update_record(action=action, author=lead, status="red", commentary="No mentors yet.")
    row, _, _ = page()
    assert "Red" in row and "Not started" not in row  # the save shows at once
    theirs = client_for(make_member(Role.VIEWER, organisation=other_org, username="elsewhere-viewer")).get(
        reverse("metrics:year", args=[other_org.slug, 2022])).content.decode()
    assert "THR1" not in theirs and "Reverse mentoring" not in theirs  # never another organisation's cached body


def test_index_explains_when_there_are_no_figures_and_goes_to_the_latest_year(client_for, viewer, hr, org):
    response = client_for(viewer).get(reverse("metrics:index", args=[org.slug]))
    assert response.status_code == 200 and "There are no figures yet" in response.content.decode()
    assert reverse("workforce:index", args=[org.slug]) not in response.content.decode()  # a viewer cannot upload
    assert reverse("workforce:index", args=[org.slug]) in client_for(hr).get(reverse("metrics:index", args=[org.slug])).content.decode()
    _year(org, 2021, white=20, bme=20)
    _year(org, 2022, white=20, bme=20)
    response = client_for(viewer).get(reverse("metrics:index", args=[org.slug]))
    assert response.status_code == 302 and response["Location"] == reverse("metrics:year", args=[org.slug, 2022])
    assert client_for(viewer).get(reverse("metrics:year", args=[org.slug, 2019])).status_code == 404


def test_hr_sees_the_upload_history_link_and_viewers_do_not(client_for, viewer, hr, org):
    _year(org, 2022, white=20, bme=20)
    url = reverse("metrics:year", args=[org.slug, 2022])
    history = reverse("workforce:index", args=[org.slug])
    assert f'href="{history}">Upload history and check reports' in client_for(hr).get(url).content.decode()
    assert "Upload history" not in client_for(viewer).get(url).content.decode()


@pytest.mark.parametrize("name,words", [("metric-1", [b"Scale 1-3", b"Scale 4-6", b"Ethnicity of staff in each pay band, 2022"]),
                                        ("gender-quartiles", [b"Lower middle", b"Pay quartiles by sex, 2022", b"Women"]),
                                        ("ethnicity-quartiles", [b"Upper", b"Pay quartiles by ethnicity, 2022"])])
def test_charts_are_svg_named_for_assistive_technology_with_their_labels(client_for, viewer, org, name, words):
    _year(org, 2022, white=40, bme=20)
    response = client_for(viewer).get(reverse("metrics:chart", args=[org.slug, 2022, name]))
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    svg = response.content
    assert b'role="img"' in svg and b"aria-labelledby=" in svg and b"<desc id=" in svg
    for word in words:
        assert word in svg
    # The same figures give the same bytes.
    assert client_for(viewer).get(reverse("metrics:chart", args=[org.slug, 2022, name])).content == svg


def test_unknown_chart_and_outsider_chart(client_for, viewer, outsider, org):
    _year(org, 2022, white=40, bme=20)
    assert client_for(viewer).get(reverse("metrics:chart", args=[org.slug, 2022, "pie"])).status_code == 404
    assert client_for(outsider).get(reverse("metrics:chart", args=[org.slug, 2022, "metric-1"])).status_code == 404


def test_settings_are_saved_audited_and_reorder_the_bands(client_for, hr, org):
    _year(org, 2022, white=40, bme=20)
    url = reverse("metrics:settings", args=[org.slug])
    response = client_for(hr).post(url, {"disclosure_threshold": "5", "bme_label": "Global Majority",
                                         "local_population_bme_pct": "37.5", "pay_band_order": "Scale 4-6\n\nScale 1-3\n"})
    assert response.status_code == 302
    org.refresh_from_db()
    assert (org.disclosure_threshold, org.bme_label, float(org.local_population_bme_pct), org.pay_band_order) == (
        5, "Global Majority", 37.5, ["Scale 4-6", "Scale 1-3"])
    event = AuditEvent.objects.get(organisation=org, verb="organisation.metric_settings")
    assert event.actor == hr and event.changes["disclosure_threshold"] == ["10", "5"]
    # The stored figures were recomputed with the new order.
    assert [band["band"] for band in selectors.raw_results(org, 2022)["metric_1"]["bands"]] == ["Scale 4-6", "Scale 1-3"]


@pytest.mark.parametrize("field,value,message", [
    ("disclosure_threshold", "2", "Enter the smallest number shown as a whole number from 3 to 20."),
    ("disclosure_threshold", "21", "Enter the smallest number shown as a whole number from 3 to 20."),
    ("disclosure_threshold", "ten", "Enter the smallest number shown as a whole number from 3 to 20."),
    ("bme_label", "", "Enter the words to show for Black, Asian and minority ethnic staff."),
    ("local_population_bme_pct", "120", "Enter the local population&#x27;s BME share as a percentage from 0 to 100"),
    ("pay_band_order", "A\nB\nA", "The pay band “A” is listed twice in the order of pay bands"),
])
def test_bad_settings_are_refused_with_a_message_and_nothing_changes(client_for, admin_member, org, field, value, message):
    data = {"disclosure_threshold": "12", "bme_label": "Global Majority", "local_population_bme_pct": "", "pay_band_order": ""}
    data[field] = value
    response = client_for(admin_member).post(reverse("metrics:settings", args=[org.slug]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and message in html
    org.refresh_from_db()
    assert org.disclosure_threshold == 10 and org.bme_label != "Global Majority"
    assert not AuditEvent.objects.filter(organisation=org, verb="organisation.metric_settings").exists()


def test_the_local_population_by_ethnic_group_is_saved_and_checked(client_for, admin_member, org):
    url = reverse("metrics:settings", args=[org.slug])
    data = {"disclosure_threshold": "10", "bme_label": "Global Majority", "local_population_bme_pct": "41",
            "pay_band_order": "", "local_population_white_pct": "59", "local_population_asian_pct": "18.5",
            "local_population_black_pct": "13.2", "local_population_mixed_pct": "", "local_population_other_pct": "4.2"}
    client = client_for(admin_member)
    page = client.get(url).content.decode()
    assert "Local population by ethnic group (%)" in page and "Asian, Asian British or Asian Welsh (%)" in page
    assert client.post(url, data).status_code == 302
    org.refresh_from_db()
    assert org.local_population() == {"bme": 41.0, "white": 59.0, "asian": 18.5, "black": 13.2, "other": 4.2}
    event = AuditEvent.objects.get(organisation=org, verb="organisation.metric_settings")
    assert event.changes["local_population_asian_pct"] == [None, "18.5"]
    sentence = event.sentence
    assert "local population's Asian share" in " ".join([sentence.text, *sentence.details])
    for changed, message in (
        ({"local_population_asian_pct": "-1"},
         "Enter the local population&#x27;s Asian, Asian British or Asian Welsh share as a percentage from 0 to 100"),
        ({"local_population_white_pct": "90"}, "add up to 125.9%: they cannot add up to more than 100%"),
        ({"local_population_bme_pct": "20"}, "Asian, Black, Mixed and Other shares add up to 35.9%, more than its Black, "
                                             "Asian and minority ethnic share (20"),
    ):
        response = client.post(url, {**data, **changed})
        assert response.status_code == 200
        html = response.content.decode()
        assert "There is a problem" in html and message in html, message
    org.refresh_from_db()
    assert org.local_population() == {"bme": 41.0, "white": 59.0, "asian": 18.5, "black": 13.2, "other": 4.2}


@pytest.mark.parametrize("role", Role.values)
def test_every_role_reads_the_year_page_index_and_charts(client_for, make_member, org, role):
    _year(org, 2022, white=40, bme=20)
    client = client_for(make_member(role))
    assert client.get(reverse("metrics:year", args=[org.slug, 2022])).status_code == 200
    assert client.get(reverse("metrics:index", args=[org.slug])).status_code == 302
    assert client.get(reverse("metrics:chart", args=[org.slug, 2022, "metric-1"])).status_code == 200


def test_why_a_headline_is_missing_is_said_in_words(org):
    # Leavers: White 0 of 40, BME 20 of 40 → the White rate is zero: no likelihood. Survey: 12 White and
    # 4 BME respondents; the BME 4 is hidden (< 10), and the ratio built on it is not published.
    _year(org, 2022, white=40, bme=20, leavers_bme=20)
    b.survey(org, 2022, [("white", True, False)] * 12 + [("bme", True, True)] * 4)
    results_recompute(organisation=org, year=2022)
    summaries = {s["key"]: s for s in selectors.metric_summaries(org, 2022)}
    assert summaries["8"]["value"] is None
    assert summaries["8"]["words"] == "Cannot be calculated: the White rate is zero, so there is nothing to compare with."
    assert summaries["6"]["value"] is None and summaries["6"]["words"].startswith("Not published: a count it needs is withheld")


def test_the_year_page_runs_a_fixed_number_of_queries_whatever_the_number_of_actions(client_for, viewer, editor, org):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _year(org, 2021, white=40, bme=20)
    _year(org, 2022, white=40, bme=20)
    plan = plan_services.plan_create(organisation=org, actor=editor, title="SC-WRES plan")
    client = client_for(viewer)
    url = reverse("metrics:year", args=[org.slug, 2022])

    def count():
        from django.core.cache import cache

        cache.clear()  # the figures are cached until they change (actions do not change them): count them computed
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    plan_services.action_create(plan=plan, actor=editor, reference="A0", title="First", metrics=["1"])
    few = count()
    for n in range(1, 30):
        plan_services.action_create(plan=plan, actor=editor, reference=f"A{n}", title=f"Action {n}", metrics=["1", "8", "7a"])
    assert count() == few
    # Session and user (2), membership (1), the scopes stored for the year (1), every year's result of the
    # scope (1), the linked actions (1).
    assert few == 6
    _year(org, 2020, white=40, bme=20)  # another year in the trend: no more queries
    assert count() == 6


def test_a_cached_chart_shows_new_settings_and_new_figures_at_once(client_for, viewer, hr, org):
    # The charts are cached for every member (edi_tracker.caching); the services that change them say so.
    from metrics.services import organisation_metric_settings_update

    _year(org, 2022, white=40, bme=20)
    url = reverse("metrics:chart", args=[org.slug, 2022, "metric-1"])
    client = client_for(viewer)
    first = client.get(url).content
    assert b"Global Majority" not in first and client.get(url).content == first
    organisation_metric_settings_update(organisation=org, actor=hr, disclosure_threshold=10, bme_label="Global Majority",
                                        local_population_bme_pct=None, pay_band_order=[])
    relabelled = client.get(url).content
    assert b"Global Majority" in relabelled
    # A new order of the pay bands recomputes the year's figures: the bars change places.
    organisation_metric_settings_update(organisation=org, actor=hr, disclosure_threshold=10, bme_label="Global Majority",
                                        local_population_bme_pct=None, pay_band_order=["Scale 4-6", "Scale 1-3"])
    reordered = client.get(url).content
    assert reordered != relabelled  # the same figures give the same bytes (above), so this is the new order
