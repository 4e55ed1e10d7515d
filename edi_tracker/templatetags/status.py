"""The status presentation table (edi_tracker.status) for templates: `{{ value|status_look }}`."""

from django import template
from django.utils.html import format_html

from edi_tracker.status import StatusLook, status_look as look_of

register = template.Library()


@register.filter
def status_look(value) -> StatusLook:
    """The word, GOV.UK tag class and chart colour of a status value ("amber")."""
    return look_of(value)


@register.simple_tag
def status_tag(value) -> str:
    """The status's GOV.UK tag, as includes/status_tag.html draws it, without an include: for tables that show
    it on every row (a dashboard has hundreds)."""
    look = look_of(value)
    return format_html('<strong class="govuk-tag app-status {}">{}</strong>', look.tag_class, look.word)
