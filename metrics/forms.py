from django import forms


class MetricSettingsForm(forms.Form):
    disclosure_threshold = forms.IntegerField(
        min_value=3, max_value=20, label="Smallest number shown",
        help_text="Counts from 1 to one less than this are shown as “<N”, never as a number. Between 3 and 20.",
    )
    bme_label = forms.CharField(max_length=80, label="Words for Black, Asian and minority ethnic staff",
                                help_text="For example, Global Majority, or Black, Asian and Multi-Ethnic.")
    local_population_bme_pct = forms.DecimalField(
        required=False, min_value=0, max_value=100, decimal_places=2, label="Local population's BME share (%)",
        help_text="Shown beside metric 9 for comparison.",
    )
    pay_band_order = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 6}), label="Order of pay bands",
        help_text="One band per line, lowest paid first. Leave blank to order bands by their median hourly pay.",
    )

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["pay_band_order"] = [line.strip() for line in data["pay_band_order"].splitlines() if line.strip()]
        return data
