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
        "late_green": make("L1", "Sept 22", "green"),
        # overdue, red, and not updated since last quarter: stale too
        "late_red_stale": make("L2", "Oct 22", "red", at(2022, 9, 20)),
        # complete after its deadline: neither overdue nor stale
        "done": make("D1", "Jun 22", "complete", at(2022, 6, 1)),
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
    assert "Enter a valid date" in html and "Select a valid choice" in html


def test_pagination(client_for, plan, editor, org):
    for i in range(55):
        services.action_create(plan=plan, actor=editor, reference=f"P{i:02d}", title=f"Paged {i}")
    client = client_for(editor)
    first = client.get(reverse("plans:action-list", args=[org.slug]))
    second = client.get(reverse("plans:action-list", args=[org.slug]) + "?page=2")
    assert len(first.context["page"].object_list) == 50 and len(second.context["page"].object_list) == 5
    assert "Page 1 of 2" in first.content.decode()
