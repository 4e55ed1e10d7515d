"""The table shapes plans come in, recognised by their header row (case- and punctuation-insensitive,
with aliases), and the reading of header text into the fields of an action."""

import re
from dataclasses import dataclass

from ..columns import PLAN_COLUMNS
from ..models import Metric, Status


def normalise(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (text or "").lower()).strip()


@dataclass(frozen=True)
class Shape:
    name: str  # shown to the editor
    key: str
    framework: str
    # field -> aliases, each a normalised prefix of the header ("success measure" matches "Success measure(s)")
    columns: dict[str, tuple[str, ...]]
    required: tuple[str, ...]

    def match(self, headers: list[str]) -> dict[int, str] | None:
        """Column index -> field, when the headers are this shape's; None when they are not."""
        found: dict[int, str] = {}
        texts = [normalise(h) for h in headers]
        # Exact names first, then headers that begin with a name ("Success measure(s)", "Timescale to …").
        for exact in (True, False):
            for index, text in enumerate(texts):
                if not text or index in found:
                    continue
                for field_name, aliases in self.columns.items():
                    if field_name in found.values():
                        continue
                    if any(text == alias or (not exact and text.startswith(alias + " ")) for alias in aliases):
                        found[index] = field_name
                        break
        return found if all(f in found.values() for f in self.required) else None


STRATEGY = Shape(
    name="Strategy action table (No. | Action | Lead Officer | Dependencies | Resource implications | Success measures | Deadline)",
    key="strategy", framework="local",
    columns={
        "reference": ("no", "no.", "ref", "reference", "action no", "number"),
        "title": ("action", "actions"),
        "lead_officer": ("lead officer", "lead", "lead officers", "owner"),
        "dependencies": ("dependencies", "dependency"),
        "resources": ("resource implications", "resources", "resource"),
        "measures": ("success measure", "success measures", "success criteria", "success measure s", "measures of success"),
        "deadline_text": ("deadline", "deadlines", "timescale", "by when", "due"),
    },
    required=("reference", "title", "deadline_text"),
)
EFLG = Shape(
    name="Equality Framework improvement table (What can the Council already evidence? | What are the gaps? | By when | Responsible officer | RAG)",
    key="eflg", framework="eflg",
    columns={
        "evidence": ("what can the council already evidence", "what can we already evidence", "evidence"),
        "title": ("what are the gaps", "gaps", "what needs to be done"),
        "deadline_text": ("by when", "when", "deadline"),
        "lead_officer": ("responsible officer", "by whom", "responsible", "who"),
        "status": ("rag", "rag status", "status"),
    },
    required=("evidence", "title", "status"),
)
SCWRES = Shape(
    name="SC-WRES action plan (Metrics | Details of the action | Timescale | How we will know)",
    key="scwres", framework="sc_wres",
    columns={
        "metric": ("metrics", "metric", "wres metric"),
        "title": ("details of the action", "action", "actions"),
        "deadline_text": ("timescale", "timescale to start seeing a change", "by when", "deadline"),
        "measures": ("how we will know", "how will we know", "success measure"),
    },
    required=("metric", "title", "measures"),
)
FLAT = Shape(
    name="EDI Tracker export (Reference | Theme | Action | … | Status)",
    key="flat", framework="local",
    # The export's own columns (plans.columns), declared once for writing and reading.
    columns={c.name: tuple(dict.fromkeys(normalise(k) for k in (c.name, c.label, *c.aliases))) for c in PLAN_COLUMNS},
    required=tuple(c.name for c in PLAN_COLUMNS if c.required),
)
# The flat shape first: its exact column names would otherwise half-match the others.
SHAPES = [FLAT, EFLG, SCWRES, STRATEGY]

FIELD_LABELS = {
    "reference": "reference", "title": "action", "lead_officer": "lead officer", "dependencies": "dependencies",
    "resources": "resource implications", "measures": "success measures", "deadline_text": "deadline (as written)",
    "status": "status", "evidence": "evidence (kept with each gap)", "metric": "SC-WRES metric", "theme": "theme",
    "deadline_date": "(derived from the deadline; ignored)", "commentary": "latest commentary", "next_steps": "next steps",
    "metrics": "SC-WRES metrics", "tags": "tags", "theme_code": "theme code",
}


def recognise(headers: list[str]) -> tuple[Shape, dict[int, str]] | None:
    for shape in SHAPES:
        mapping = shape.match(headers)
        if mapping is not None:
            return shape, mapping
    return None


STATUS_WORDS = {
    "r": Status.RED, "red": Status.RED, "off track": Status.RED,
    "a": Status.AMBER, "amber": Status.AMBER, "at risk": Status.AMBER,
    "g": Status.GREEN, "green": Status.GREEN, "on track": Status.GREEN,
    "b": Status.COMPLETE, "blue": Status.COMPLETE, "complete": Status.COMPLETE, "completed": Status.COMPLETE,
    "c": Status.COMPLETE, "done": Status.COMPLETE,
    "not started": Status.NOT_STARTED, "ns": Status.NOT_STARTED,
}
for _status in Status:
    STATUS_WORDS[normalise(_status.label)] = _status.value
    STATUS_WORDS[normalise(_status.value)] = _status.value


def read_status(text: str) -> str | None:
    """A plans.models.Status value; "" for blank; None for a word we cannot read."""
    value = normalise(text)
    if not value:
        return ""
    return STATUS_WORDS.get(value)


def read_metrics(text: str) -> list[str]:
    """Metric keys named in a cell: "METRIC 7: … a. Colleague b. Manager" gives 7a and 7b."""
    keys = []
    for number, letter in re.findall(r"metric\s*(\d)\s*([ab])?\b", text or "", re.I):
        if number == "7" and not letter:
            keys += ["7a", "7b"]
        else:
            keys.append(number + (letter or "").lower())
    if not keys and re.fullmatch(r"\s*(\d[ab]?)(\s*[,;/]\s*\d[ab]?)*\s*", text or ""):
        keys = re.findall(r"\d[ab]?", text)
    return [k for k in dict.fromkeys(keys) if k in Metric.values]
