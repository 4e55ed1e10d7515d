"""Validators shared by the forms and the services of every app."""

import re

from django.core.exceptions import ValidationError

LINE_BREAK = re.compile(r"[\r\n\u2028\u2029\v\f\x85]")


def one_line(value: str, what: str = "The title") -> str:
    """Refuse a text with a line break: titles end up in email subjects, page titles and file names."""
    if value and LINE_BREAK.search(value):
        raise ValidationError(f"{what} must be on one line: remove its line breaks.", code="one_line")
    return value
