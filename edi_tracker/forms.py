from django import forms
from django.contrib.auth.forms import AuthenticationForm

from .models import Role


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
