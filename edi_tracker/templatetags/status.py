"""The status presentation table (edi_tracker.status) for templates: `{{ value|status_look }}`."""

from django import template

from edi_tracker.status import StatusLook, status_look as look_of

register = template.Library()


@register.filter
def status_look(value) -> StatusLook:
    """The word, GOV.UK tag class and chart colour of a status value ("amber")."""
    return look_of(value)
