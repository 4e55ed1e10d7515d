import datetime

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError

from .models import Role, User


class DateInput(forms.DateInput):
    """An `<input type="date">`, whose value a browser only reads as ISO `YYYY-MM-DD`: in any other
    format (such as the locale's `01/04/2022`) the field shows empty and an unchanged save erases it."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):
        super().__init__(attrs=attrs, format=format)


class GovukDateInput(forms.MultiWidget):
    """The GOV.UK date input: day, month and year boxes (https://design-system.service.gov.uk/components/
    date-input/), sent as `<name>_day`, `<name>_month` and `<name>_year`. Drawn by includes/field.html
    inside a fieldset whose legend is the field's label."""

    template_name = "edi_tracker/widgets/date_input.html"  # in the app, where the form renderer finds it
    PARTS = (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4))

    def __init__(self, attrs=None):
        widgets = {
            name: forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}) for name, _label, _width in self.PARTS
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, str):
            try:
                value = datetime.date.fromisoformat(value)
            except ValueError:
                return [None, None, None]
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        # An ISO date under the field's own name (a link such as ?deadline_from=2023-04-01) is read too.
        if name in data and not any(f"{name}_{part}" in data for part, _label, _width in self.PARTS):
            return data.get(name)
        return super().value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and super().value_omitted_from_data(data, files, name)

    def get_context(self, name, value, attrs):
        attrs = dict(attrs or {})
        error = attrs.pop("aria-invalid", None) == "true"
        attrs.pop("class", None)
        attrs.pop("aria-describedby", None)  # on the fieldset
        context = super().get_context(name, value, attrs)
        base_id = context["widget"]["attrs"].get("id")
        for sub, (part, label, width) in zip(context["widget"]["subwidgets"], self.PARTS):
            sub["label"] = label
            if base_id:  # id_deadline_day, as the error summary links to (id_for_label), not id_deadline_0
                sub["attrs"]["id"] = f"{base_id}_{part}"
            sub["attrs"]["class"] = f"govuk-input govuk-date-input__input govuk-input--width-{width}" + (
                " govuk-input--error" if error else "")
            if self.attrs.get("autocomplete_prefix"):
                sub["attrs"]["autocomplete"] = f"{self.attrs['autocomplete_prefix']}-{part}"
        return context

    def id_for_label(self, id_):
        # The legend labels the group; the first box gets the focus from an error summary's link.
        return f"{id_}_day" if id_ else id_


class GovukDateField(forms.Field):
    """A date entered in three boxes, with the GOV.UK Design System's error messages, which name the
    field: "Deadline must include a month", "Deadline must be a real date", "Enter the deadline"."""

    widget = GovukDateInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):  # an ISO date given as initial data or by code
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                raise ValidationError(f"{self._name()} must be a real date", code="invalid") from None
        day, month, year = (str(part or "").strip() for part in value)
        if not (day or month or year):
            return None
        missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
        if missing:
            raise ValidationError(f"{self._name()} must include a {' and '.join(missing)}", code="incomplete")
        if not (day.isdecimal() and month.isdecimal() and year.isdecimal()):  # "²".isdigit(), but int("²") fails
            raise ValidationError(f"{self._name()} must be a real date", code="invalid")
        if len(year) != 4:
            raise ValidationError(f"{self._name()} year must include 4 numbers", code="invalid_year")
        try:
            return datetime.date(int(year), int(month), int(day))
        except (ValueError, OverflowError):
            raise ValidationError(f"{self._name()} must be a real date", code="invalid") from None

    def validate(self, value):
        if value in self.empty_values and self.required:
            raise ValidationError(f"Enter {self._name().lower()}", code="required")

    def _name(self) -> str:
        return str(self.label or "Date")


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].help_text = "If you joined by an emailed invitation, it is your email address."


class PasswordResetRequestForm(PasswordResetForm):
    email = forms.EmailField(
        max_length=254, label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": "Enter the email address of your account.",
                        "invalid": "Enter an email address in the correct format, like name@example.org."},
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(
        max_length=150, label="Email address",
        help_text="We email them a link to join. It works once, for a limited time.",
        error_messages={"required": "Enter the email address of the person to invite.",
                        "invalid": "Enter an email address in the correct format, like name@example.org."},
    )
    role = forms.ChoiceField(choices=Role.choices, error_messages={"required": "Choose a role."})


class NewAccountForm(forms.Form):
    """A person new to EDI Tracker, accepting an invitation: their email address becomes their user name."""

    display_name = forms.CharField(
        max_length=150, required=False, label="Your name or role title",
        help_text="How you are named in histories, for example Head of HR.",
    )
    password1 = forms.CharField(
        label="Password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters; not a common password, not only numbers, not like your email address.",
        error_messages={"required": "Enter a password."},
    )
    password2 = forms.CharField(
        label="Confirm password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter the password again."},
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2:
            if password1 != password2:
                self.add_error("password2", "The two passwords do not match.")
            else:
                try:
                    password_validation.validate_password(password1, User(username=self.email, email=self.email))
                except ValidationError as error:
                    self.add_error("password1", error)
        return cleaned


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)
