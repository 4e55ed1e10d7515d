from django import forms
from django.core.exceptions import ValidationError

from edi_tracker.forms import SignInForm

from .models import SingleSignOn
from .services import normalise_domains, sso_required_for


class WorkAccountForm(forms.Form):
    email = forms.EmailField(
        max_length=254, label="Work email address",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": "Enter your work email address to sign in with your work account.",
                        "invalid": "Enter a work email address in the correct format, like name@example.gov.uk."},
    )


class PasswordSignInForm(SignInForm):
    """The sign-in form, refusing the password of a member of an organisation that requires single
    sign-on (after the password is checked, so it tells nothing to someone without it)."""

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        organisation = sso_required_for(user)
        if organisation is not None:
            raise ValidationError(
                f"{organisation.name} signs its members in with their work account. "
                "Use “Continue with your work account” below, with your work email address.",
                code="sso_required",
            )


class SingleSignOnForm(forms.Form):
    issuer = forms.URLField(
        max_length=300, label="Issuer URL", assume_scheme="https",
        help_text="For Microsoft Entra ID: https://login.microsoftonline.com/<Directory (tenant) ID>/v2.0",
        error_messages={"required": "Enter the issuer URL of your identity provider.",
                        "invalid": "Enter the issuer as a full web address, starting https://."},
    )
    client_id = forms.CharField(
        max_length=200, label="Client ID", help_text="Entra ID calls it the Application (client) ID.",
        error_messages={"required": "Enter the client ID of the app registration."},
    )
    client_secret = forms.CharField(
        max_length=500, required=False, label="Client secret",
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}, render_value=False),
        help_text="The secret's value (not its ID). Never shown again; leave empty to keep the one saved.",
    )
    allowed_domains = forms.CharField(
        label="Email domains", widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One a line, such as example.gov.uk. People with these addresses sign in here.",
        error_messages={"required": "Enter at least one email domain, such as example.gov.uk."},
    )
    required = forms.BooleanField(
        required=False, label="Require single sign-on for members",
        help_text="Members cannot sign in with a password; they use their work account.",
    )

    def clean_issuer(self):
        issuer = self.cleaned_data["issuer"]
        if not issuer.startswith("https://") and not issuer.startswith(("http://127.0.0.1", "http://localhost")):
            raise ValidationError("The issuer must start https://.")
        return issuer

    def clean_allowed_domains(self):
        try:
            return normalise_domains(self.cleaned_data["allowed_domains"])
        except ValidationError as error:
            raise ValidationError(error.message_dict["allowed_domains"]) from None

    @staticmethod
    def initial_for(config: SingleSignOn | None) -> dict:
        if config is None:
            return {}
        return {"issuer": config.issuer, "client_id": config.client_id,
                "allowed_domains": "\n".join(config.allowed_domains), "required": config.required}
