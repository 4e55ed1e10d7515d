"""The rows of an action table (plans/_action_table.html), written in Python: a plan page has hundreds of
them, and drawn by the template engine they were most of its cost (bench/profile_pages.py). The markup is
the template's; every value is escaped as the template would escape it."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


def _flags(action) -> str:
    """The flags plans.selectors.with_flags annotated (none when it did not)."""
    overdue, stale = getattr(action, "is_overdue", False), getattr(action, "is_stale", False)
    if not (overdue or stale or action.deadline_needs_review):
        return ""
    flags = [word for word, on in (("Overdue", overdue), ("Not updated this quarter", stale),
                                   ("Green but overdue", getattr(action, "is_inconsistent", False)),
                                   ("Deadline needs review", action.deadline_needs_review)) if on]
    return "<div>" + "".join(f'<span class="app-flag">{word}</span>' for word in flags) + "</div>"


@register.simple_tag(takes_context=True)
def action_rows(context, actions, show_plan=False, select_name="", select_form="") -> str:
    """One <tr> per action, as plans/_action_table.html lays them out."""
    base = escape(context.get("action_url_base", ""))
    rows = []
    for action in actions:
        pk = action.pk
        select = ""
        if select_name:
            name = escape(select_name)
            form = f' form="{escape(select_form)}"' if select_form else ""
            select = (f'<td class="govuk-table__cell app-action-table__select"><div class="govuk-checkboxes '
                      f'govuk-checkboxes--small"><div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" '
                      f'type="checkbox" id="{name}-{pk}" name="{name}" value="{pk}"{form}><label class="govuk-label '
                      f'govuk-checkboxes__label" for="{name}-{pk}"><span class="govuk-visually-hidden">Select '
                      f'{escape(action.reference)}</span></label></div></div></td>')
        where = ""
        if show_plan:
            theme = f" · {escape(action.theme.title)}" if action.theme else ""
            where = f'<br><span class="govuk-body-s">{escape(action.plan.title)}{theme}</span>'
        lead = escape(action.lead_officer or "None given")
        if action.lead_user:
            lead += f'<br><span class="govuk-body-s">In EDI Tracker: {escape(str(action.lead_user))}</span>'
        deadline = escape(action.deadline_text or "None given")
        if action.deadline_date:
            deadline += f'<br><span class="govuk-body-s">by {escape(action.deadline_date_label)}</span>'
        rows.append(
            f'<tr class="govuk-table__row app-action-table__row">{select}'
            f'<td class="govuk-table__cell app-action-table__ref"><span class="app-card-key">Ref </span>{escape(action.reference)}</td>'
            f'<td class="govuk-table__cell app-action-table__action"><a class="govuk-link" href="{base}{pk}/">'
            f'{escape(action.title_short)}</a>{where}\n{_flags(action)}</td>'
            f'<td class="govuk-table__cell app-action-table__lead"><span class="app-card-key">Lead</span>'
            f'<span class="app-card-value">{lead}</span></td>'
            f'<td class="govuk-table__cell app-action-table__deadline"><span class="app-card-key">Deadline</span>'
            f'<span class="app-card-value">{deadline}</span></td>'
            f'<td class="govuk-table__cell app-action-table__status"><span class="app-card-key">Status</span>'
            f'<span class="app-card-value"><strong class="govuk-tag app-status {escape(action.status_tag_class)}">'
            f'{escape(action.status_short)}</strong></span></td></tr>\n'
        )
    return mark_safe("".join(rows))
