from django import forms

from edi_tracker.models import Organisation
from metrics.models import Scope


class PublishForm(forms.Form):
    year = forms.TypedChoiceField(coerce=int, label="Reporting year",
                                  error_messages={"required": "Choose the year whose figures you are publishing."})
    scope = forms.ChoiceField(
        label="Whose SC-WRES figures", widget=forms.RadioSelect,
        choices=[(Scope.ALL, "All staff"), (Scope.SOCIAL_CARE, "Social care staff (adults' and children's)"),
                 (Scope.ADULTS, "Adults' social care"), (Scope.CHILDREN, "Children's social care")],
        initial=Scope.SOCIAL_CARE, error_messages={"required": "Choose whose figures you are publishing."})

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, f"{y - 1}/{str(y)[2:]} (snapshot 31 March {y})") for y in years]


class InviteForm(forms.Form):
    organisation = forms.SlugField(
        label="Organisation's short name", help_text="As in its address: /o/short-name/",
        error_messages={"required": "Enter the short name of the organisation to invite."})

    def clean_organisation(self):
        slug = self.cleaned_data["organisation"]
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            raise forms.ValidationError(f"There is no organisation with the short name “{slug}”.")
        return organisation


class TableFilterForm(forms.Form):
    sort = forms.ChoiceField(required=False, label="Sort members by", choices=[
        ("name", "Name"), ("value", "Value, lowest first"), ("value-desc", "Value, highest first")])
    only = forms.ChoiceField(required=False, label="Show", choices=[
        ("", "Every member"), ("outside", "Only members outside the range of parity (0.80 to 1.25)")])
