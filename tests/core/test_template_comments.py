"""Django's {# … #} comment is one line only: one that spans lines is shown on the page as text."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def test_no_template_has_a_multi_line_short_comment():
    found = []
    for path in TEMPLATES.rglob("*.html"):
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if re.search(r"\{#(?!.*#\})", line):
                found.append(f"{path.relative_to(TEMPLATES)}:{number}")
    assert found == [], "use {% comment %} … {% endcomment %} for a comment over several lines"
