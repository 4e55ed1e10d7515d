from django import forms
from django.conf import settings

from edi_tracker.forms import GovukDateField, Textarea

from .models import DEPENDENCIES_LABEL, Framework, Metric, Plan, PlanStatus, ReviewFrequency, Status


class ProgressUpdateForm(forms.Form):
    status = forms.ChoiceField(choices=Status.choices, widget=forms.RadioSelect, label="Status")
    commentary = forms.CharField(
        widget=Textarea(attrs={"rows": 4}), required=False,
        help_text="What has happened since the last update. Red and amber need a commentary.",
    )
    next_steps = forms.CharField(widget=Textarea(attrs={"rows": 3}), required=False, label="Next steps")
    next_steps_timeframe = forms.CharField(
        max_length=100, required=False, label="Timeframe for the next steps", help_text="For example, by end of March."
    )
    evidence_link = forms.URLField(
        required=False, max_length=500, label="Link to evidence", assume_scheme="https",
        help_text="A link to a document on your intranet or SharePoint.",
    )
    evidence_file = forms.FileField(
        required=False, label="Evidence file",
        help_text=f"PDF, image, Word, Excel or PowerPoint, smaller than {settings.EVIDENCE_MAX_BYTES // (1024 * 1024)} MB.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Required for red and amber only, as its hint says: not labelled "optional".
        self.fields["commentary"].show_optional = False


class PlanForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = [
            "title", "framework", "description", "status", "period_start", "period_end", "sponsor", "approved_by",
            "approved_on", "review_frequency",
        ]
        widgets = {"description": Textarea(attrs={"rows": 3})}
        # Dates in the GOV.UK day, month and year boxes, with its error messages.
        field_classes = {"period_start": GovukDateField, "period_end": GovukDateField, "approved_on": GovukDateField}
        labels = {"sponsor": "Sponsor (role title)", "approved_by": "Approved by"}

    def clean(self):
        data = super().clean()
        if data.get("period_start") and data.get("period_end") and data["period_end"] < data["period_start"]:
            self.add_error("period_end", "The end of the period must be after its start.")
        return data


class ThemeForm(forms.Form):
    code = forms.CharField(max_length=20, required=False, help_text="For example, CP or 1.")
    title = forms.CharField(max_length=250)
    objective = forms.CharField(widget=Textarea(attrs={"rows": 3}), required=False)
    sponsor = forms.CharField(max_length=200, required=False, label="Sponsor (role title)")
    metrics = forms.MultipleChoiceField(
        choices=Metric.choices, required=False, widget=forms.CheckboxSelectMultiple,
        label="SC-WRES metrics this theme addresses",
    )


class ActionForm(forms.Form):
    reference = forms.CharField(max_length=30, help_text="Unique in the plan, for example CP1 or HW 3.")
    title = forms.CharField(widget=Textarea(attrs={"rows": 3}), label="Action")
    theme = forms.ModelChoiceField(queryset=None, required=False, empty_label="No theme")
    lead_officer = forms.CharField(max_length=250, required=False, label="Lead officer, as written in the plan")
    lead_user = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="Nobody yet", label="Lead in EDI Tracker",
        help_text="The member who keeps this action's progress up to date.",
    )
    dependencies = forms.CharField(widget=Textarea(attrs={"rows": 2}), required=False)
    resources = forms.CharField(widget=Textarea(attrs={"rows": 2}), required=False, label="Resource implications")
    resource_cost = forms.DecimalField(required=False, min_value=0, max_digits=12, decimal_places=2, label="Cost (£)")
    deadline_text = forms.CharField(
        max_length=200, required=False, label="Deadline",
        help_text="As the plan writes it: for example Dec 22, Q1 2022/23, Ongoing or TBC.",
    )
    measures = forms.CharField(
        widget=Textarea(attrs={"rows": 4}), required=False, label="Success measures",
        help_text="One per line.",
    )
    tags = forms.CharField(max_length=300, required=False, help_text="Separated by commas, for example race, disability.")
    metrics = forms.MultipleChoiceField(
        choices=Metric.choices, required=False, widget=forms.CheckboxSelectMultiple,
        label="SC-WRES metrics this action addresses",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, plan, leads, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = plan.themes.all()
        self.fields["lead_user"].queryset = leads
        self.fields["dependencies"].label = DEPENDENCIES_LABEL.get(plan.framework, "Dependencies")

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data["measures"] = [line for line in data["measures"].splitlines() if line.strip()]
        data["tags"] = [t.strip() for t in data["tags"].split(",") if t.strip()]
        return data


class MeasureMetForm(forms.Form):
    met = forms.BooleanField(required=False)


__all__ = ["Framework", "PlanStatus", "ReviewFrequency"]


class BulkProgressForm(forms.Form):
    """One status and one commentary for several actions; `versions` carries what the editor saw of each
    (`pk:version` pairs), so that an action changed since is reported, not overwritten."""

    status = forms.ChoiceField(choices=Status.choices, widget=forms.RadioSelect, label="New status for every chosen action")
    commentary = forms.CharField(
        widget=Textarea(attrs={"rows": 4}), required=False,
        help_text="It goes into each action's history. Red and amber need a commentary.",
    )
    next_steps = forms.CharField(widget=Textarea(attrs={"rows": 3}), required=False, label="Next steps")
    next_steps_timeframe = forms.CharField(
        max_length=100, required=False, label="Timeframe for the next steps", help_text="For example, by end of March."
    )
    versions = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commentary"].show_optional = False

    @staticmethod
    def encode_versions(actions) -> str:
        return " ".join(f"{a.pk}:{a.version}" for a in actions)

    def clean_versions(self) -> dict[int, int]:
        versions = {}
        for pair in self.cleaned_data["versions"].split():
            pk, _, version = pair.partition(":")
            if not (pk.isdigit() and version.isdigit()):
                raise forms.ValidationError("The list of chosen actions is damaged: choose the actions again.")
            versions[int(pk)] = int(version)
        return versions


class ChaseForm(forms.Form):
    """The actions whose leads to email, chosen on the chase page."""

    actions = forms.MultipleChoiceField(
        choices=(), widget=forms.CheckboxSelectMultiple, label="Actions to chase",
        error_messages={"required": "Choose at least one action whose lead to chase."},
    )

    def __init__(self, *args, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actions"].choices = [(str(a.pk), a.reference) for a in actions]
