"""Small helpers for GOV.UK Design System markup. No business rules here."""

from django import template
from django.forms import CheckboxInput, CheckboxSelectMultiple, ClearableFileInput, RadioSelect, Select, SelectMultiple, Textarea

from edi_tracker.forms import GovukDateInput

register = template.Library()


@register.filter
def widget_kind(field) -> str:
    widget = field.field.widget
    if isinstance(widget, GovukDateInput):
        return "date"
    if isinstance(widget, CheckboxInput):
        return "checkbox"
    # Before RadioSelect: Django's CheckboxSelectMultiple is a subclass of it.
    if isinstance(widget, CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, RadioSelect):
        return "radios"
    if isinstance(widget, (Select, SelectMultiple)):
        return "select"
    if isinstance(widget, Textarea):
        return "textarea"
    if isinstance(widget, ClearableFileInput) or widget.input_type == "file":
        return "file"
    return "input"


@register.filter
def govuk_widget(field, extra_class: str = ""):
    """Render the field's widget with the GOV.UK class and the ARIA links to its hint and error."""
    kind = widget_kind(field)
    if kind == "date":  # the three boxes take their classes from the widget; the fieldset is described
        return field.as_widget(attrs={"aria-invalid": "true"} if field.errors else {})
    css = {
        "input": "govuk-input", "textarea": "govuk-textarea", "select": "govuk-select",
        "file": "govuk-file-upload", "checkbox": "govuk-checkboxes__input",
    }.get(kind, "")
    if field.errors:
        css += {"input": " govuk-input--error", "textarea": " govuk-textarea--error",
                "select": " govuk-select--error", "file": " govuk-file-upload--error"}.get(kind, "")
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-hint")
    if field.errors:
        described.append(f"{field.auto_id}-error")
    attrs = {"class": f"{css} {extra_class}".strip()}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def querystring_with(context, **kwargs) -> str:
    """The current query string with some parameters replaced (for sorting and pagination links)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value is None or value == "":
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"
