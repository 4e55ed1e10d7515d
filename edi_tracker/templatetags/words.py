"""Template filters for plurals, articles and lists of words: the helpers of edi_tracker.text."""

from django import template

from edi_tracker import text

register = template.Library()


@register.filter
def counted(count, nouns: str) -> str:
    """{{ n|counted:"action" }} → "1 action" / "3 actions"; {{ n|counted:"person,people" }}."""
    singular, _, plural_form = nouns.partition(",")
    return text.plural(int(count or 0), singular, plural_form or None)


@register.filter
def agree(count, forms: str) -> str:
    """{{ n|agree:"it,them" }} → "it" when n is 1, "them" otherwise."""
    singular, _, plural_form = forms.partition(",")
    return text.agree(int(count or 0), singular, plural_form)


@register.filter
def word_list(items) -> str:
    return text.word_list(items)


@register.filter
def status_counts(counts) -> str:
    return text.status_counts_phrase(counts)


@register.filter
def with_article(phrase) -> str:
    return text.with_article(str(phrase))


@register.filter
def long_date(value) -> str:
    """{{ plan.approved_on|long_date }} → "30 April 2023" (also from an ISO date string)."""
    return text.long_date(value)
