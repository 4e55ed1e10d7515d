from django import forms

from edi_tracker.quarters import FinancialQuarter
from plans.models import Plan, PlanStatus

from . import selectors


def quarter_choices(since=None) -> list[tuple[str, str]]:
    return [(q.slug, q.label + (" (this quarter, so far)" if i == 0 else "")) for i, q in
            enumerate(selectors.recent_quarters(since=since))]


def parse_quarter_slug(slug: str) -> FinancialQuarter:
    """'2022-23-q2' -> FinancialQuarter(2022, 2)."""
    return FinancialQuarter.parse(slug.replace("-q", " Q").replace("-", "/", 1))


class DashboardFilterForm(forms.Form):
    """Quarter, theme and lead of a dashboard (GET). Unknown values are errors, and the defaults apply."""

    quarter = forms.ChoiceField(label="Quarter", required=False)
    theme = forms.ModelChoiceField(queryset=None, required=False, empty_label="All themes", label="Theme")
    lead = forms.ModelChoiceField(queryset=None, required=False, empty_label="Anyone", label="Lead")

    def __init__(self, *args, themes, leads, since=None, show_plan: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"].choices = quarter_choices(since)
        self.fields["quarter"].error_messages["invalid_choice"] = (
            "Choose a quarter from the list: %(value)s is not a quarter of this organisation's plans.")
        self.fields["theme"].queryset = themes
        self.fields["theme"].error_messages["invalid_choice"] = "Choose a theme from the list."
        self.fields["lead"].queryset = leads
        self.fields["lead"].error_messages["invalid_choice"] = "Choose a lead from the list."
        if show_plan:
            self.fields["theme"].label_from_instance = lambda t: f"{t.plan.title}: {t}"

    def filters(self) -> dict:
        """The valid filters (a field with an error falls back to its default)."""
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        slug = data.get("quarter")
        return {
            "quarter": parse_quarter_slug(slug) if slug else selectors.recent_quarters(count=1)[0],
            "theme": data.get("theme"),
            "lead": data.get("lead"),
        }


class ReportRequestForm(forms.Form):
    plan = forms.ModelChoiceField(queryset=None, label="Plan", empty_label=None,
                                  error_messages={"required": "Choose the plan to report on.",
                                                  "invalid_choice": "Choose a plan from the list."})
    quarter = forms.ChoiceField(label="Quarter", error_messages={
        "required": "Choose the quarter to report on.",
        "invalid_choice": "Choose a quarter from the list: %(value)s is not a quarter of this organisation's plans."})

    def __init__(self, *args, organisation, since=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.filter(organisation=organisation).exclude(
            status=PlanStatus.CLOSED).order_by("title")
        self.fields["quarter"].choices = quarter_choices(since)
        # The quarter that ended last is what a board usually wants.
        self.fields["quarter"].initial = selectors.recent_quarters(count=2)[1].slug

    def clean_quarter(self) -> FinancialQuarter:
        return parse_quarter_slug(self.cleaned_data["quarter"])


class RecipientForm(forms.Form):
    name = forms.CharField(label="Name or role title", max_length=200,
                           help_text="For example, Chair of the EDI board.",
                           error_messages={"required": "Enter the recipient's name or role title, such as Chair of the EDI board."})
    email = forms.CharField(label="Email address", max_length=254,
                            error_messages={"required": "Enter the recipient's email address."})
