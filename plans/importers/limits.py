"""The limits a stored plan has, applied to a file before anything is stored: every value that is too
long is refused with the row it is on, and titles are folded to one line (and the editor told)."""

from edi_tracker.validators import fold_lines

from ..models import Action, Plan, Tag, Theme
from .parsed import ParsedPlan
from .rows import ImportRefused

MAX_LISTED = 5


def _limit(model, field: str) -> int:
    return model._meta.get_field(field).max_length


ACTION_LIMITS = [(name, label, _limit(Action, name)) for name, label in (
    ("reference", "reference"), ("lead_officer", "lead officer"), ("deadline_text", "deadline"),
)]
THEME_LIMITS = [(name, label, _limit(Theme, name)) for name, label in (
    ("code", "code"), ("title", "title"), ("sponsor", "sponsor"),
)]


def fold_titles(plan: ParsedPlan) -> None:
    """Titles are one line (they become page titles, email subjects and file names)."""
    folded = []
    plan.title = fold_lines(plan.title)
    for theme in plan.themes:
        theme.title = fold_lines(theme.title)
        for action in theme.actions:
            title = fold_lines(action.title)
            if title != action.title.strip():
                folded.append(action.source.lower() or action.reference)
            action.title = title
    if folded:
        listed = ", ".join(folded[:MAX_LISTED]) + (f" and {len(folded) - MAX_LISTED} more" if len(folded) > MAX_LISTED else "")
        plan.warnings.append(f"Action titles are one line: the line breaks in {listed} were joined with spaces.")


def _texts(item, skip: str = "") -> list[str]:
    """Every text of a parsed theme or action, lists included."""
    texts = []
    for name, value in vars(item).items():
        if name == skip:
            continue
        texts += value if isinstance(value, list) else [value]
    return [t for t in texts if isinstance(t, str)]


def check_limits(plan: ParsedPlan) -> None:
    """Refuse the file, naming each row, when a value is longer than a plan can hold."""
    problems = []
    plan.title = plan.title.replace("\x00", "")
    if len(plan.title) > _limit(Plan, "title"):
        plan.title = plan.title[: _limit(Plan, "title") - 1].rstrip() + "…"  # the editor can change it after
    tag_limit = _limit(Tag, "name")
    for theme in plan.themes:
        for name, label, limit in THEME_LIMITS:
            value = getattr(theme, name)
            if len(value) > limit:
                problems.append(f"the theme “{theme.title[:40]}…” has a {label} of {len(value)} characters; "
                                f"the most is {limit}")
        for action in theme.actions:
            where = action.source or f"action {action.reference[:30]}"
            for name, label, limit in ACTION_LIMITS:
                value = getattr(action, name)
                if len(value) > limit:
                    problems.append(f"{where}: the {label} is {len(value)} characters long; the most is {limit}")
            for tag in action.tags:
                if len(tag) > tag_limit:
                    problems.append(f"{where}: the tag “{tag[:30]}…” is {len(tag)} characters long; "
                                    f"a tag can be at most {tag_limit}")
            if "\x00" in "".join(_texts(action)):
                problems.append(f"{where}: a cell holds a null character, which cannot be stored")
        if "\x00" in "".join(_texts(theme, skip="actions")):
            problems.append(f"the theme “{theme.title[:40]}” holds a null character, which cannot be stored")
    if problems:
        listed = "; ".join(problems[:MAX_LISTED])
        more = f"; and {len(problems) - MAX_LISTED} more" if len(problems) > MAX_LISTED else ""
        raise ImportRefused(f"Nothing can be imported until these are shortened: {listed}{more}.")
