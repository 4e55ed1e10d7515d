from django import template

register = template.Library()


@register.filter
def humanise(value) -> str:
    """`sexual_orientation` → `Sexual orientation`; `True` → `Yes`."""
    if value is True or value == "True":
        return "Yes"
    if value is False or value == "False":
        return "No"
    if value is None or value == "None":
        return "Blank"
    text = str(value).replace("_", " ")
    return text[:1].upper() + text[1:]


@register.filter
def count_or_suppressed(value, threshold) -> str:
    """A published count: suppressed counts are null and shown as “withheld”, never as 0. A count hidden
    because it is small (1 to threshold − 1) and one withheld so that a small one elsewhere cannot be
    worked out look the same: told apart, the second would say it is at least the threshold, and the
    disclosure audit (metrics.audit) shows that this narrows hidden counts. So neither is shown as
    “<threshold”, which is untrue of the second; the page's footnote (`withheld_footnote`) says what
    “withheld” covers."""
    return "withheld" if value is None else f"{value:,}"


@register.filter
def withheld_footnote(threshold) -> str:
    return (f"“Withheld” is a count of fewer than {threshold} people, or a number withheld so that a small number "
            "elsewhere cannot be worked out. The two are not told apart: telling them apart would itself give small "
            "numbers away.")


@register.filter
def pct(value) -> str:
    return "–" if value is None else f"{value:.1f}%"


@register.filter
def ratio(value) -> str:
    return "–" if value is None else f"{value:.2f}"


@register.filter
def rate_pct(value) -> str:
    """A rate (a fraction) as a percentage."""
    return "–" if value is None else f"{value * 100:.1f}%"


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def split(value: str) -> list[str]:
    return value.split()
