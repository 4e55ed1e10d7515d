from datetime import date

from django import forms
from django.conf import settings

from edi_tracker.uploads import check_size

from .models import Ethnicity, ExtractKind


def _default_year() -> int:
    today = date.today()
    return today.year if today.month > 3 else today.year - 1


class ExtractUploadForm(forms.Form):
    kind = forms.ChoiceField(choices=ExtractKind.choices, label="What the file holds", widget=forms.RadioSelect,
                             error_messages={"required": "Choose what the file holds: staff, recruitment, casework, CPD or survey"})
    year = forms.IntegerField(
        min_value=2000, max_value=2100, initial=_default_year, label="Reporting year",
        help_text="The year of its 31 March snapshot: 2022 covers 1 April 2021 to 31 March 2022.",
        error_messages={"required": "Enter the reporting year, for example 2022",
                        "invalid": "Enter the reporting year as a number, for example 2022",
                        "min_value": "Enter a reporting year from 2000 to 2100",
                        "max_value": "Enter a reporting year from 2000 to 2100"},
    )
    file = forms.FileField(label="Extract file", help_text="CSV (UTF-8) or Excel (.xlsx), first row the column headers, up to 50 MB.",
                           error_messages={"required": "Choose the extract file to upload",
                                           "empty": "The submitted file is empty: choose the extract file"})

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_size(upload, settings.WORKFORCE_MAX_BYTES, "The extract file")
        return upload


class ExtractConfirmForm(forms.Form):
    replace = forms.BooleanField(required=False, label="Replace the current extract of this kind and year")


class EthnicityMappingForm(forms.Form):
    value = forms.CharField(max_length=200, widget=forms.HiddenInput)
    ethnicity = forms.ChoiceField(choices=[("", "Choose a category")] + list(Ethnicity.choices), label="Category")
