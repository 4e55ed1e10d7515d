from django import forms

from edi_tracker.forms import Textarea
from edi_tracker.models import Organisation

THRESHOLD_MESSAGE = "Enter the smallest number shown as a whole number from 3 to 20."
LOCAL_MESSAGE = "Enter the local population's BME share as a percentage from 0 to 100, for example 37.5."


def _local_field(group: str) -> forms.DecimalField:
    label = dict(Organisation.LOCAL_GROUPS)[group]
    message = f"Enter the local population's {label} share as a percentage from 0 to 100, for example 12.5."
    return forms.DecimalField(
        required=False, min_value=0, max_value=100, max_digits=5, decimal_places=2, label=f"{label} (%)",
        error_messages={k: message for k in ("invalid", "min_value", "max_value", "max_digits", "max_decimal_places",
                                             "max_whole_digits")})


class MetricSettingsForm(forms.Form):
    disclosure_threshold = forms.IntegerField(
        min_value=3, max_value=20, label="Smallest number shown",
        help_text="Counts from 1 to one less than this are shown as “<N”, never as a number. Between 3 and 20.",
        error_messages={"required": THRESHOLD_MESSAGE, "invalid": THRESHOLD_MESSAGE, "min_value": THRESHOLD_MESSAGE,
                        "max_value": THRESHOLD_MESSAGE},
    )
    bme_label = forms.CharField(
        max_length=80, label="Words for Black, Asian and minority ethnic staff",
        help_text="For example, Global Majority, or Black, Asian and Multi-Ethnic.",
        error_messages={"required": "Enter the words to show for Black, Asian and minority ethnic staff.",
                        "max_length": "The words for Black, Asian and minority ethnic staff must be 80 characters or fewer."},
    )
    local_population_bme_pct = forms.DecimalField(
        required=False, min_value=0, max_value=100, max_digits=5, decimal_places=2,
        label="Local population's BME share (%)", help_text="Shown beside metric 9 for comparison.",
        error_messages={"invalid": LOCAL_MESSAGE, "min_value": LOCAL_MESSAGE, "max_value": LOCAL_MESSAGE,
                        "max_digits": LOCAL_MESSAGE, "max_decimal_places": LOCAL_MESSAGE, "max_whole_digits": LOCAL_MESSAGE},
    )
    local_population_white_pct = _local_field("white")
    local_population_asian_pct = _local_field("asian")
    local_population_black_pct = _local_field("black")
    local_population_mixed_pct = _local_field("mixed")
    local_population_other_pct = _local_field("other")
    pay_band_order = forms.CharField(
        required=False, widget=Textarea(attrs={"rows": 6}), label="Order of pay bands",
        help_text="One band per line, lowest paid first. Leave blank to order bands by their median hourly pay.",
    )

    social_care_adults = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Directorates of adults' social care",
        help_text="One directorate per line, spelt as in the staff extract's directorate column. Used when the extract "
                  "has no social care area column. Leave both boxes blank to count all staff.",
    )
    social_care_children = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Directorates of children's social care",
        help_text="One directorate per line.",
    )
    pay_period_days = forms.IntegerField(
        required=False, min_value=1, max_value=366, label="Days in the relevant pay period",
        help_text="Used to work out hourly pay from ordinary pay when a row has no pay period days. Usually 31 (March).",
        error_messages={"min_value": "Enter the days in the pay period as a whole number from 1 to 366.",
                        "max_value": "Enter the days in the pay period as a whole number from 1 to 366.",
                        "invalid": "Enter the days in the pay period as a whole number from 1 to 366."},
    )

    @staticmethod
    def _lines(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip()]

    def clean_social_care_adults(self) -> list[str]:
        return self._lines(self.cleaned_data["social_care_adults"])

    def clean_social_care_children(self) -> list[str]:
        return self._lines(self.cleaned_data["social_care_children"])

    def clean_pay_band_order(self) -> list[str]:
        bands = [line.strip() for line in self.cleaned_data["pay_band_order"].splitlines() if line.strip()]
        seen = set()
        for band in bands:
            if band in seen:
                raise forms.ValidationError(f"The pay band “{band}” is listed twice in the order of pay bands: list each band once.")
            seen.add(band)
        return bands

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)
