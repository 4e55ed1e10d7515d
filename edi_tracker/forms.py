from django import forms
from django.contrib.auth.forms import AuthenticationForm

from .models import Role


class DateInput(forms.DateInput):
    """An `<input type="date">`, whose value a browser only reads as ISO `YYYY-MM-DD`: in any other
    format (such as the locale's `01/04/2022`) the field shows empty and an unchanged save erases it."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):
        super().__init__(attrs=attrs, format=format)


class Textarea(forms.Textarea):
    """A textarea whose lines end as they are stored: browsers send every line break as CRLF, so
    without this a form saved unchanged would change every multi-line text it holds."""

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is inactive.",
    }


class MemberAddForm(forms.Form):
    username = forms.CharField(max_length=150, help_text="An existing user's username, or a new one.")
    display_name = forms.CharField(
        max_length=150, required=False, label="Name or role title", help_text="For example, Head of HR."
    )
    email = forms.EmailField(required=False, label="Email address")
    role = forms.ChoiceField(choices=Role.choices)


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)
