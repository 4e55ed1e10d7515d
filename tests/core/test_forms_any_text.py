"""Any text, of any length, in any text field of the product's forms: a page with a message or a
saved change, never a 500, and never half of it stored.

The forms are read from their pages (tests/html_forms.py); each text, number, email or URL input and
each textarea gets, one field at a time, each of a few known-hostile values (too long for its column,
a line break, a NUL...), then Hypothesis fills all of them at once with any characters, from empty
to far longer than any column."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings, strategies as st

from tests.html_forms import forms_of, submitted
from tests.snapshots import difference, snapshot

from .form_world import world  # noqa: F401 - the fixture

TEXT_TYPES = {"text", "number", "email", "url", "search", "tel", "textarea"}

# The pages with a form that creates or edits something: URL name -> (page, where its form posts).
PAGES = {
    "plans:plan-create": ("plans/new/", ""),
    "plans:plan-edit": ("plans/{plan_pk}/edit/", ""),
    "plans:theme-create": ("plans/{plan_pk}/themes/new/", ""),
    "plans:theme-edit": ("plans/{plan_pk}/themes/{theme_pk}/edit/", ""),
    "plans:action-create": ("plans/{plan_pk}/actions/new/", ""),
    "plans:action-edit": ("actions/{pk}/edit/", ""),
    "plans:progress-create": ("actions/{pk}/", "progress/"),
    "metrics:settings": ("metrics/settings/", ""),
    "reports:recipients": ("reports/recipients/", ""),
}
HOSTILE = ["x" * 61, "y" * 251, "z" * 5001, "A title\non two lines", "nul\x00here", "1e309", "race, " + "t" * 70]

any_text = st.one_of(
    st.text(max_size=300),
    st.tuples(st.text(min_size=1, max_size=20), st.integers(1, 3000)).map(lambda t: (t[0] * t[1])[: t[1]]),
    st.sampled_from(HOSTILE),
)


def the_form(client, url: str, action: str):
    for form in forms_of(client.get(url).content.decode()):
        if form.method == "post" and (form.action == action or (action and form.action.endswith(action))):
            return form
    raise AssertionError(f"no form posting to “{action}” on {url}")


def post_checked(client, target: str, data: dict, what: str) -> None:
    """Post in a savepoint rolled back after, so that each try starts from the same world."""
    savepoint = transaction.savepoint()
    try:
        before = snapshot()
        response = client.post(target, data)
        assert response.status_code < 500, f"{what} answered {response.status_code}"
        if response.status_code != 302:
            assert response.status_code in (200, 400, 409), f"{what} answered {response.status_code}"
            assert difference(before, snapshot()) == {}, f"{what} was refused but part of it was stored"
    finally:
        transaction.savepoint_rollback(savepoint)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_any_text_in_any_field_gives_a_page_or_a_save_never_a_500(client_for, admin_member, org, world, name):
    ids, per_name = world
    page, action = PAGES[name]
    url = f"/o/{org.slug}/" + page.format(**ids, theme_pk=per_name["plans:theme-edit"]["pk"])
    target = url + action
    client = client_for(admin_member)
    form = the_form(client, url, action)
    base = submitted(form)
    fields = sorted(n for n, kind in form.types.items() if kind in TEXT_TYPES)
    assert fields, f"no text field found on {url}"

    for field in fields:
        for value in HOSTILE:
            post_checked(client, target, {**base, field: [value]}, f"{name} with {field}={value[:30]!r}…")

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.fixed_dictionaries({field: any_text for field in fields}))
    def any_texts(texts):
        post_checked(client, target, {**base, **{k: [v] for k, v in texts.items()}}, f"{name} with {texts!r}")

    any_texts()
