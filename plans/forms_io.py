from django import forms


class PlanImportForm(forms.Form):
    file = forms.FileField(
        label="Plan file",
        help_text="A Word document (.docx), an Excel workbook (.xlsx) or a CSV file, smaller than 10 MB.",
    )


class PlanImportConfirmForm(forms.Form):
    """The preview's confirm button: which staged import it confirms."""

    token = forms.CharField(max_length=32)
