"""The action list's filters (django-filter)."""

import re

import django_filters
from django import forms
from django.db.models import F, Q
from django.http import QueryDict
from django.utils import timezone

from edi_tracker.forms import GovukDateField
from edi_tracker.text import long_date

from .models import Action, Status, Tag, Theme
from .models import PlanStatus
from .selectors import inconsistent_q, overdue_q, stale_q

# Actions without a deadline or an update come last, whichever way the list is sorted.
SORTS = {
    "reference": ("plan__title", "order", "id"),
    "deadline": (F("deadline_date").asc(nulls_last=True), "order", "id"),
    "-deadline": (F("deadline_date").desc(nulls_last=True), "order", "id"),
    "status": ("status", "order", "id"),
    "updated": (F("last_update_at").desc(nulls_last=True), "order", "id"),
    "lead": ("lead_officer", "order", "id"),
}
SORT_CHOICES = [
    ("reference", "Plan order"),
    ("deadline", "Deadline, soonest first"),
    ("-deadline", "Deadline, latest first"),
    ("status", "Status"),
    ("updated", "Most recently updated"),
    ("lead", "Lead officer"),
]


OFFICER_PREFIX = "officer:"


class GovukDateFilter(django_filters.Filter):
    """A date in the GOV.UK day, month and year boxes (`<name>_day`, `<name>_month`, `<name>_year`)."""

    field_class = GovukDateField


class ActionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search", help_text="Reference, title or lead officer")
    plan = django_filters.ModelChoiceFilter(queryset=None, empty_label="All plans")
    status = django_filters.MultipleChoiceFilter(choices=Status.choices, widget=forms.CheckboxSelectMultiple)
    theme = django_filters.ModelChoiceFilter(
        queryset=None, empty_label="All themes", help_text="The themes of the plan chosen above.")
    lead = django_filters.ChoiceFilter(method="by_lead", label="Lead", empty_label="Anyone")
    tag = django_filters.ModelChoiceFilter(queryset=None, field_name="tags", empty_label="Any tag")
    overdue = django_filters.BooleanFilter(method="by_overdue", label="Overdue only", widget=forms.CheckboxInput)
    stale = django_filters.BooleanFilter(
        method="by_stale", label="Not updated this quarter", widget=forms.CheckboxInput
    )
    inconsistent = django_filters.BooleanFilter(
        method="by_inconsistent", label="Reported green but overdue", widget=forms.CheckboxInput
    )
    needs_review = django_filters.BooleanFilter(
        method="by_needs_review", label="Deadline needs review", widget=forms.CheckboxInput
    )
    active = django_filters.BooleanFilter(method="by_active", label="Active plans only", widget=forms.CheckboxInput)
    deadline_from = GovukDateFilter(field_name="deadline_date", lookup_expr="gte", label="Deadline from")
    deadline_to = GovukDateFilter(field_name="deadline_date", lookup_expr="lte", label="Deadline to")
    sort = django_filters.ChoiceFilter(choices=SORT_CHOICES, method="sort_by", label="Sort by", empty_label=None)

    class Meta:
        model = Action
        fields: list = []

    def __init__(self, data=None, *args, organisation, leads, officers=(), **kwargs):
        data = self._theme_within_plan(data, organisation)
        super().__init__(data, *args, **kwargs)
        self.filters["plan"].queryset = organisation.plans.all()
        # Only the chosen plan's themes: every plan's together would repeat near-identical titles. With
        # no plan chosen the list is empty and the page says to choose a plan first.
        plan_id = self.data.get("plan") if self.data else None
        self.plan_chosen = bool(plan_id and str(plan_id).isdigit())
        self.filters["theme"].queryset = (
            Theme.objects.filter(plan__organisation=organisation, plan_id=plan_id) if self.plan_chosen
            else Theme.objects.none()
        )
        self.filters["tag"].queryset = Tag.objects.filter(organisation=organisation)
        # Lead officers as written in the plans, and the members who keep actions up to date.
        self.filters["lead"].extra["choices"] = [
            ("me", "Me"),
            ("Lead officers, as written in the plans", [(OFFICER_PREFIX + name, name) for name in officers]),
            ("Members of EDI Tracker", [(str(u.pk), str(u)) for u in leads]),
        ]
        self.user = kwargs.get("request").user if kwargs.get("request") else None

    def drawn_from(self) -> dict:
        """Everything the filter panel (plans/_action_filters.html) is drawn from, JSON-able: the query it
        is bound to (but the page number) and every field's choices as they are now (plans, themes, tags,
        lead officers and members, by value and label). Two requests with the same draw the same panel, so
        it is cached under a digest of this (edi_tracker.caching.by_content): a new plan, theme, tag or
        member changes it, and nothing needs to be invalidated."""
        data = self.data or {}
        query = sorted((name, data.getlist(name) if hasattr(data, "getlist") else [data[name]])
                       for name in data if name != "page")
        choices = {name: list(field.choices) for name, field in self.form.fields.items() if hasattr(field, "choices")}
        return {"query": query, "choices": choices}

    @staticmethod
    def _theme_within_plan(data, organisation):
        """A theme given without its plan (a link from a theme) chooses its plan too; a theme of another
        plan than the one chosen is dropped, so changing the plan never leaves a hidden stale theme."""
        if not data or not data.get("theme"):
            return data
        theme_id, plan_id = data.get("theme"), data.get("plan")
        if not str(theme_id).isdigit():
            return data
        theme_plan = Theme.objects.filter(pk=theme_id, plan__organisation=organisation).values_list("plan_id", flat=True).first()
        data = data.copy()
        if theme_plan is None:
            data.pop("theme")
        elif not plan_id:
            data["plan"] = str(theme_plan)
        elif str(plan_id) != str(theme_plan):
            data.pop("theme")
        return data

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(reference__icontains=value) | Q(title__icontains=value) | Q(lead_officer__icontains=value)
        )

    def by_lead(self, queryset, name, value):
        if value == "me":
            return queryset.filter(lead_user=self.user)
        if value.startswith(OFFICER_PREFIX):
            # As written, but case and spacing do not count ("Head of  HR" is "Head of HR").
            words = value.removeprefix(OFFICER_PREFIX).split()
            if not words:
                return queryset.none()
            return queryset.filter(lead_officer__iregex=r"^\s*" + r"\s+".join(re.escape(w) for w in words) + r"\s*$")
        return queryset.filter(lead_user_id=value)

    def chosen(self, query: QueryDict) -> list[dict]:
        """The filters in use, each with the address of the same list without it: the removable tags
        above the results. `query` is the request's GET; a status is removed one value at a time."""
        if not self.is_bound:
            return []
        self.form.is_valid()
        cleaned = getattr(self.form, "cleaned_data", {})
        chosen = []

        def without(*names, value=None):
            remaining = query.copy()
            remaining.pop("page", None)
            for name in names:
                if value is None:
                    remaining.pop(name, None)
                else:
                    remaining.setlist(name, [v for v in remaining.getlist(name) if v != value])
            encoded = remaining.urlencode()
            return f"?{encoded}" if encoded else "?"

        if cleaned.get("q", "").strip():
            chosen.append({"label": f"Search: “{cleaned['q'].strip()}”", "url": without("q")})
        if cleaned.get("plan"):
            chosen.append({"label": f"Plan: {cleaned['plan']}", "url": without("plan", "theme")})
        words = dict(Status.choices)
        for value in cleaned.get("status") or []:
            chosen.append({"label": f"Status: {words[value]}", "url": without("status", value=value)})
        if cleaned.get("theme"):
            chosen.append({"label": f"Theme: {cleaned['theme']}", "url": without("theme")})
        lead = cleaned.get("lead")
        if lead:
            if lead == "me":
                label = "Me"
            elif lead.startswith(OFFICER_PREFIX):
                label = lead.removeprefix(OFFICER_PREFIX)
            else:
                label = next((text for value, text in self.filters["lead"].extra["choices"][2][1] if value == lead), lead)
            chosen.append({"label": f"Lead: {label}", "url": without("lead")})
        if cleaned.get("tag"):
            chosen.append({"label": f"Tag: {cleaned['tag']}", "url": without("tag")})
        for name in ("overdue", "stale", "inconsistent", "needs_review", "active"):
            if cleaned.get(name):
                chosen.append({"label": str(self.form.fields[name].label), "url": without(name)})
        for name in ("deadline_from", "deadline_to"):
            if cleaned.get(name):
                chosen.append({
                    "label": f"{self.form.fields[name].label} {long_date(cleaned[name])}",
                    "url": without(name, f"{name}_day", f"{name}_month", f"{name}_year"),
                })
        return chosen

    def by_overdue(self, queryset, name, value):
        return queryset.filter(overdue_q(timezone.localdate())) if value else queryset

    def by_stale(self, queryset, name, value):
        return queryset.filter(stale_q(timezone.localdate())) if value else queryset

    def by_inconsistent(self, queryset, name, value):
        return queryset.filter(inconsistent_q(timezone.localdate())) if value else queryset

    def by_needs_review(self, queryset, name, value):
        return queryset.filter(deadline_needs_review=True) if value else queryset

    def by_active(self, queryset, name, value):
        return queryset.filter(plan__status=PlanStatus.ACTIVE) if value else queryset

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, SORTS["reference"]))
