"""Small helpers for the words the product writes."""

import datetime
from pathlib import Path

# Initialisms read letter by letter whose first letter sounds like a vowel: "an HR officer", "an XLSX file".
_VOWEL_SOUND_LETTERS = set("AEFHILMNORSX")


def with_article(phrase: str) -> str:
    """`phrase` after "a" or "an", by how it is said: an Excel workbook, a Word document, an HR data
    officer, a CSV file, a .pdf file ("dot pdf")."""
    first_word = phrase.split(" ", 1)[0]
    if first_word[:1].lower() in set("aeiou"):
        vowel = not first_word.lower().startswith(("uni", "use", "usu", "eu", "one"))
    elif first_word.isupper() and len(first_word) > 1:
        vowel = first_word[0] in _VOWEL_SOUND_LETTERS
    else:
        vowel = False
    return f"{'an' if vowel else 'a'} {phrase}"


def shorten_filename(name: str, limit: int) -> str:
    """A file's name (without folders) cut to `limit` characters, keeping its extension: the stem is
    shortened, never the type."""
    name = Path(name).name
    if len(name) <= limit:
        return name
    suffix = Path(name).suffix
    if not suffix or len(suffix) >= limit:
        return name[:limit]
    return name[: limit - len(suffix)].rstrip(". ") + suffix


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """`count` and the noun agreeing with it: "1 action", "0 actions", "3 people" (with `plural_form`)."""
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


def agree(count: int, singular: str, plural_form: str) -> str:
    """The word agreeing with `count`, without the number: agree(n, "it", "them"), agree(n, "has", "have")."""
    return singular if count == 1 else plural_form


def word_list(items, conjunction: str = "and") -> str:
    """Items as written in a sentence: "red", "red and amber", "3 red, 2 amber and 1 not started"."""
    items = [str(item) for item in items if str(item)]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def role_phrase(role_label: str) -> str:
    """A role's name inside a sentence, with its article: "an action lead", "a plan editor", "an HR data
    officer" (the label's capital is kept only for an initialism)."""
    first, _, rest = role_label.partition(" ")
    if not (first.isupper() and len(first) > 1):
        first = first.lower()
    return with_article(f"{first} {rest}".strip())


def status_counts_phrase(counts) -> str:
    """(value, word, count) triples as "3 red, 2 amber and 1 not started", leaving out the zeros."""
    return word_list(f"{count} {word.lower()}" for _value, word, count in counts if count)


def long_date(value) -> str:
    """A date as people read it, "30 April 2023": from a date, a datetime (in local time) or an ISO
    "2023-04-30" string; empty stays empty and any other text is returned as it is."""
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value[:10])
        except ValueError:
            return value
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{value.day} {value:%B %Y}"
