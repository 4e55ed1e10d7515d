"""Small helpers for the words the product writes."""

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
