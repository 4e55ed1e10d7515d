"""The columns of a plan as one table — declared once, for the export and for reading it back (the
importer's flat shape): the header people read, and the other names a file may give a column."""

from edi_tracker.status import STATUS_LOOKS
from edi_tracker.tables import Column, Columns


PLAN_COLUMNS = Columns([
    Column("reference", label="Reference", required=True),
    Column("theme_code", label="Theme code"),
    Column("theme", label="Theme", required=True),
    Column("title", label="Action", required=True),
    Column("lead_officer", label="Lead officer"),
    Column("dependencies", label="Dependencies"),
    Column("resources", label="Resources"),
    Column("measures", label="Success measures", aliases=("success_measures",)),
    Column("deadline_text", label="Deadline"),
    Column("deadline_date", kind="date", label="Deadline date"),
    Column("status", label="Status", required=True),
    Column("commentary", label="Latest commentary", aliases=("latest_commentary",)),
    Column("next_steps", label="Next steps"),
    Column("metrics", label="Metrics"),
    Column("tags", label="Tags"),
])

# A status as people write it: "Amber", not "amber" or "Amber – at risk". The importer reads these back.
# The words are those of the one table of status presentation (edi_tracker.status).
STATUS_WORDS = {look.value: look.word for look in STATUS_LOOKS}
