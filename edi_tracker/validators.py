"""Validators shared by the forms and the services of every app."""

import re

from django.core.exceptions import ValidationError

LINE_BREAK = re.compile(r"[\r\n\u2028\u2029\v\f\x85]")
LINE_BREAKS_AND_SPACES = re.compile(r"\s*[\r\n\u2028\u2029\v\f\x85]+\s*")


def one_line(value: str, what: str = "The title") -> str:
    """Refuse a text with a line break: titles end up in email subjects, page titles and file names."""
    if value and LINE_BREAK.search(value):
        raise ValidationError(f"{what} must be on one line: remove its line breaks.", code="one_line")
    return value


def fold_lines(text: str) -> str:
    """The text on one line: its line breaks, and the spaces around them, become single spaces."""
    return LINE_BREAKS_AND_SPACES.sub(" ", text or "").strip()
