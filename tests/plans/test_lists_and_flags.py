"""Derived flags, My actions' order, and the action list's filters, sorting and pagination."""

from datetime import date, datetime, timezone

import re

import pytest
from django.urls import reverse

from plans import selectors, services
from plans.models import Action

TODAY = date(2022, 11, 15)  # in 2022/23 Q3 (October–December 2022)


def at(y, m, d):
    return datetime(y, m, d, 12, tzinfo=timezone.utc)


@pytest.fixture
def actions(plan, theme, editor, lead):
    def make(ref, deadline, status=None, updated=None, **kwargs):
        action = services.action_create(plan=plan, actor=editor, theme=theme, reference=ref, title=f"Action {ref}",
                                        deadline_text=deadline, lead_user=kwargs.pop("lead_user", lead), **kwargs)
        if status:
            services.progress_update_record(action=action, author=lead, status=status,
                                            commentary="Why", at=updated or at(2022, 10, 20))
        return Action.objects.get(pk=action.pk)

    return {
        # overdue (deadline passed, not complete) and, being green, inconsistent; updated this quarter
        "late_green": make("L1", "Sept 22", "green", lead_officer="Head of HR"),
        # overdue, red, and not updated since last quarter: stale too
        "late_red_stale": make("L2", "Oct 22", "red", at(2022, 9, 20)),
        # complete after its deadline: neither overdue nor stale
        "done": make("D1", "Jun 22", "complete", at(2022, 6, 1), lead_officer="Head of  HR"),
        # future deadline, amber, updated this quarter
        "amber": make("A1", "Q4 2022/23", "amber", tags=["race"]),
        # never updated: stale; deadline needs review
        "untouched": make("U1", "TBC", lead_user=None),
        # future, green, updated this quarter: nothing to flag
        "fine": make("F1", "March 2023", "green"),
    }


def flags(action):
    return (action.is_overdue, action.is_stale, action.is_inconsistent)


def test_derived_flags(actions):
    got = {key: flags(selectors.with_flags(Action.objects.filter(pk=a.pk), TODAY).get()) for key, a in actions.items()}
    assert got == {
        "late_green": (True, False, True),
        "late_red_stale": (True, True, False),
        "done": (False, False, False),
        "amber": (False, False, False),
        "untouched": (False, True, False),
        "fine": (False, False, False),
    }


def test_my_actions_puts_what_needs_attention_first(actions, lead, org):
    order = [a.reference for a in selectors.my_actions(lead, org, TODAY)]
    # overdue first (by deadline), then red, amber, stale, the rest, complete last; U1 has no lead user.
    assert order == ["L1", "L2", "A1", "F1", "D1"]


def test_organisation_summary_counts(actions, org):
    summary = selectors.organisation_summary(org, TODAY)
    assert summary == {"total": 6, "overdue": 2, "stale": 2, "inconsistent": 1, "red": 1, "amber": 1, "needs_review": 1}


@pytest.mark.parametrize("query,expected", [
    ("", ["L1", "L2", "D1", "A1", "U1", "F1"]),
    ("status=red&status=amber", ["L2", "A1"]),
    ("q=a1", ["A1"]),
    ("q=ACTION+L", ["L1", "L2"]),
    ("tag=TAG", ["A1"]),
    ("lead=me", []),
    ("lead=LEAD", ["L1", "L2", "D1", "A1", "F1"]),
    ("deadline_from=2022-10-01&deadline_to=2023-03-31", ["L2", "A1", "F1"]),
    # the GOV.UK date input's three boxes, as the filter form sends them
    ("deadline_from_day=1&deadline_from_month=10&deadline_from_year=2022"
     "&deadline_to_day=31&deadline_to_month=3&deadline_to_year=2023", ["L2", "A1", "F1"]),
    ("lead=officer:Head+of+HR", ["L1", "D1"]),  # "Head of  HR" too: spacing does not count
    ("theme=THEME&sort=-deadline", ["A1", "F1", "L2", "L1", "D1", "U1"]),  # A1 and F1 tie on 31 March 2023
    ("sort=deadline", ["D1", "L1", "L2", "A1", "F1", "U1"]),
])
def test_action_list_filters(client_for, actions, editor, lead, theme, org, query, expected):
    tag = actions["amber"].tags.get()
    query = query.replace("TAG", str(tag.pk)).replace("LEAD", str(lead.pk)).replace("THEME", str(theme.pk))
    response = client_for(editor).get(reverse("plans:action-list", args=[org.slug]) + "?" + query)
    assert response.status_code == 200
    refs = [a.reference for a in response.context["page"].object_list]
    if "sort=" in query:
        assert refs == expected
    else:
        assert sorted(refs) == sorted(expected)


def test_overdue_and_stale_filters_use_today(client_for, actions, editor, org, time_machine=None):
    client = client_for(editor)
    overdue = client.get(reverse("plans:action-list", args=[org.slug]) + "?overdue=on")
    # Relative to the real today (2026 or later), every dated, unfinished action is overdue.
    assert {a.reference for a in overdue.context["page"].object_list} == {"L1", "L2", "A1", "F1"}
    stale = client.get(reverse("plans:action-list", args=[org.slug]) + "?stale=on")
    assert {a.reference for a in stale.context["page"].object_list} == {"L1", "L2", "A1", "F1", "U1"}


def test_every_count_on_the_home_page_links_to_exactly_those_actions(client_for, actions, editor, org):
    # An overdue action of a draft plan (an import not yet made active) counts nowhere on the home page.
    draft = services.plan_create(organisation=org, actor=editor, title="Imported draft", status="draft")
    services.action_create(plan=draft, actor=editor, reference="X1", title="Draft action", deadline_text="Sept 22")
    client = client_for(editor)
    html = client.get(reverse("plans:org-home", args=[org.slug])).content.decode()
    links = re.findall(r'href="([^"]*/actions/\?active=on&amp;[^"]+)">(\d+) ([^<]+)</a>', html)
    assert {words for _, _, words in links} == {"overdue", "not updated this quarter", "red (off track)",
                                                 "amber (at risk)", "reported green but overdue",
                                                 "with a deadline that needs review"}
    for href, count, words in links:
        listed = client.get(href.replace("&amp;", "&")).context["page"].paginator.count
        assert listed == int(count), (words, listed, count)
    # Without "active plans only" the draft's action is listed too.
    everything = client.get(reverse("plans:action-list", args=[org.slug]) + "?overdue=on")
    assert "X1" in {a.reference for a in everything.context["page"].object_list}


def test_inconsistent_and_needs_review_filters(client_for, actions, editor, org):
    client = client_for(editor)
    url = reverse("plans:action-list", args=[org.slug])
    # Relative to the real today every dated unfinished green action is overdue, so inconsistent.
    assert {a.reference for a in client.get(url + "?inconsistent=on").context["page"].object_list} == {"L1", "F1"}
    assert [a.reference for a in client.get(url + "?needs_review=on").context["page"].object_list] == ["U1"]


def test_htmx_asks_for_the_results_only(client_for, actions, editor, org):
    response = client_for(editor).get(reverse("plans:action-list", args=[org.slug]) + "?status=red", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and "1 action" in html and "Action L2" in html


def test_a_bad_filter_value_is_reported_not_a_500(client_for, actions, editor, org):
    response = client_for(editor).get(reverse("plans:action-list", args=[org.slug]) + "?deadline_from=31/13/2022&status=purple")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Deadline from must be a real date" in html and "Select a valid choice" in html


def test_pagination(client_for, plan, editor, org):
    for i in range(55):
        services.action_create(plan=plan, actor=editor, reference=f"P{i:02d}", title=f"Paged {i}")
    client = client_for(editor)
    first = client.get(reverse("plans:action-list", args=[org.slug]))
    second = client.get(reverse("plans:action-list", args=[org.slug]) + "?page=2")
    assert len(first.context["page"].object_list) == 50 and len(second.context["page"].object_list) == 5
    assert "Page 1 of 2" in first.content.decode()


def test_the_theme_filter_offers_the_chosen_plans_themes_only(client_for, actions, editor, org, plan, theme):
    other = services.plan_create(organisation=org, actor=editor, title="Workforce plan")
    other_theme = services.theme_create(plan=other, actor=editor, title="Theme")  # the same title, elsewhere
    client = client_for(editor)
    url = reverse("plans:action-list", args=[org.slug])

    nothing_chosen = client.get(url)
    assert list(nothing_chosen.context["filter"].form.fields["theme"].queryset) == []
    assert "To filter by theme, choose a plan first." in nothing_chosen.content.decode()

    chosen = client.get(f"{url}?plan={plan.pk}")
    assert list(chosen.context["filter"].form.fields["theme"].queryset) == [theme]
    html = chosen.content.decode()
    assert f'<option value="{theme.pk}">' in html and f'<option value="{other_theme.pk}">' not in html

    # A theme alone (a link from a theme) chooses its plan; a theme of another plan is dropped, not hidden.
    alone = client.get(f"{url}?theme={theme.pk}")
    assert alone.context["filter"].form.cleaned_data["plan"] == plan
    assert sorted(a.reference for a in alone.context["page"].object_list) == ["A1", "D1", "F1", "L1", "L2", "U1"]
    mismatched = client.get(f"{url}?plan={other.pk}&theme={theme.pk}")
    assert mismatched.context["filter"].form.cleaned_data.get("theme") is None
    assert list(mismatched.context["page"].object_list) == []
    assert not mismatched.context["filter"].form.errors


def test_the_lead_filter_offers_lead_officers_as_written_and_members(client_for, actions, editor, lead, org):
    response = client_for(editor).get(reverse("plans:action-list", args=[org.slug]))
    choices = response.context["filter"].form.fields["lead"].choices
    groups = {label: options for label, options in choices if isinstance(options, (list, tuple))}
    assert [text for _value, text in groups["Lead officers, as written in the plans"]] == ["Head of HR"]
    assert (str(lead.pk), str(lead)) in groups["Members of EDI Tracker"]
    assert ("me", "Me") in choices


def test_chosen_filters_are_tags_that_each_remove_one(client_for, actions, editor, org, plan, theme):
    client = client_for(editor)
    url = reverse("plans:action-list", args=[org.slug])
    response = client.get(f"{url}?status=red&status=amber&plan={plan.pk}&theme={theme.pk}&overdue=on"
                          "&deadline_to_day=31&deadline_to_month=3&deadline_to_year=2023&page=1")
    tags = {tag["label"]: tag["url"] for tag in response.context["chosen_filters"]}
    assert set(tags) == {"Status: Red – off track", "Status: Amber – at risk", f"Plan: {plan.title}",
                         f"Theme: {theme}", "Overdue only", "Deadline to 31 March 2023"}
    # Each link is the same list without that one filter (and back on the first page).
    assert sorted(a.reference for a in response.context["page"].object_list) == ["A1", "L2"]
    without_red = client.get(url + tags["Status: Red – off track"])
    assert [a.reference for a in without_red.context["page"].object_list] == ["A1"]
    assert "status=red" not in tags["Status: Red – off track"] and "status=amber" in tags["Status: Red – off track"]
    assert "page=" not in tags["Overdue only"] and "overdue" not in tags["Overdue only"]
    assert "deadline_to" not in tags["Deadline to 31 March 2023"]
    assert "theme" not in tags[f"Plan: {plan.title}"]  # a theme belongs to its plan
    html = response.content.decode()
    assert 'Remove this filter: </span>Overdue only' in html
    assert client.get(url).context["chosen_filters"] == []


def test_status_filter_is_drawn_as_checkboxes(client_for, editor, org):
    html = client_for(editor).get(reverse("plans:action-list", args=[org.slug])).content.decode()
    assert 'name="status" type="checkbox" value="red"' in html
    assert 'name="status" type="radio"' not in html
    assert "govuk-checkboxes__input" in html
