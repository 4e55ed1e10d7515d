"""The menu's items: `{% nav_item "All actions" "plans:action-list" %}` is one whole item.

The item whose address is the page's gets `aria-current="page"`; one whose address starts the page's (a
section, such as an action under All actions) or that names the page's view in `also` gets
`aria-current="true"`; both are drawn as the current item. Adding an item to the menu is one line in
templates/base.html or includes/nav_extra.html.
"""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_item(context, label: str, url_name: str, also: str = "", exact: bool = False) -> str:
    request = context["request"]
    organisation = context.get("organisation")
    try:
        url = reverse(url_name, args=[organisation.slug]) if organisation else reverse(url_name)
    except NoReverseMatch:
        url = reverse(url_name)
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else ""
    if request.path == url:
        current = "page"
    elif (not exact and request.path.startswith(url)) or (view_name and view_name in also.split()):
        current = "true"
    else:
        current = ""
    if not current:
        return format_html(
            '<li class="govuk-service-navigation__item"><a class="govuk-service-navigation__link" href="{}">{}</a></li>',
            url, label,
        )
    return format_html(
        '<li class="govuk-service-navigation__item govuk-service-navigation__item--active">'
        '<a class="govuk-service-navigation__link" href="{}" aria-current="{}">'
        '<strong class="govuk-service-navigation__active-fallback">{}</strong></a></li>',
        url, current, label,
    )
