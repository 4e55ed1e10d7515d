"""Presentation helpers for pictures (dates stored as ISO text in snapshots)."""

from datetime import date

from django import template
from django.utils.dateformat import format as date_format

register = template.Library()


@register.filter
def isodate(value: str, fmt: str = "j F Y") -> str:
    """'2022-09-30' -> '30 September 2022'; empty stays empty."""
    if not value:
        return ""
    try:
        return date_format(date.fromisoformat(value), fmt)
    except ValueError:
        return value
