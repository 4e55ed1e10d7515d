from django import forms


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=80, label="Name", help_text="What will use it, for example Power BI board pack.",
        error_messages={"required": "Enter a name for the token, such as Power BI board pack.",
                        "max_length": "The name must be 80 characters or fewer."},
    )
    expires_days = forms.IntegerField(
        required=False, min_value=1, max_value=3650, label="Expires after (days)",
        help_text="Leave empty for a token that works until it is revoked.",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": "Enter the number of days as a whole number, like 365.",
                        "min_value": "The expiry must be between 1 and 3650 days.",
                        "max_value": "The expiry must be between 1 and 3650 days."},
    )
