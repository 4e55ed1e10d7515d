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


@register.simple_tag(takes_context=True)
def dashboard_rows(context, rows, shown: int) -> str:
    """The first `shown` rows of a dashboard list (reports/_dashboard_rows.html), written in Python: the
    template engine drew them at a cost the dashboards paid again after every save (bench/profile_pages.py).
    The markup is the template's; every value is escaped as the template would escape it."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe
    from django.utils.text import Truncator

    from edi_tracker.templatetags.status import status_tag

    base = escape(context.get("action_url_base", ""))
    days: dict[str, str] = {}
    out = []
    for row in rows[:shown]:
        title = row["title"]
        if len(title) > 100:
            title = Truncator(title).chars(100)
        last = row["last_update"]
        if last not in days:
            days[last] = escape(isodate(last) or "Never")
        out.append(
            f'<tr class="govuk-table__row"><td class="govuk-table__cell"><a class="govuk-link" href="{base}'
            f'{escape(row["id"])}/">{escape(row["reference"])}: {escape(title)}</a></td><td class="govuk-table__cell">'
            f'{escape(row["lead"])}</td><td class="govuk-table__cell">{escape(row["deadline_text"])}</td>'
            f'<td class="govuk-table__cell">{status_tag(row["status"])}</td><td class="govuk-table__cell">'
            f'{days[last]}</td></tr>'
        )
    return mark_safe("".join(out))
