"""The action list's filters (django-filter)."""

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils import timezone

from edi_tracker.forms import DateInput

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


class ActionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search", help_text="Reference, title or lead officer")
    plan = django_filters.ModelChoiceFilter(queryset=None, empty_label="All plans")
    status = django_filters.MultipleChoiceFilter(choices=Status.choices, widget=forms.CheckboxSelectMultiple)
    theme = django_filters.ModelChoiceFilter(queryset=None, empty_label="All themes")
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
    deadline_from = django_filters.DateFilter(
        field_name="deadline_date", lookup_expr="gte", label="Deadline from",
        widget=DateInput(),
    )
    deadline_to = django_filters.DateFilter(
        field_name="deadline_date", lookup_expr="lte", label="Deadline to",
        widget=DateInput(),
    )
    sort = django_filters.ChoiceFilter(choices=SORT_CHOICES, method="sort_by", label="Sort by", empty_label=None)

    class Meta:
        model = Action
        fields: list = []

    def __init__(self, *args, organisation, leads, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["plan"].queryset = organisation.plans.all()
        self.filters["theme"].queryset = Theme.objects.filter(plan__organisation=organisation).select_related("plan")
        self.filters["tag"].queryset = Tag.objects.filter(organisation=organisation)
        self.filters["lead"].extra["choices"] = [("me", "Me")] + [(str(u.pk), str(u)) for u in leads]
        self.user = kwargs.get("request").user if kwargs.get("request") else None

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
        return queryset.filter(lead_user_id=value)

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
