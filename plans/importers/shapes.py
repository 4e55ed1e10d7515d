"""The table shapes plans come in, recognised by their header row (case- and punctuation-insensitive,
with aliases), and the reading of header text into the fields of an action."""

import colorsys
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
    expected: tuple[str, ...] = ()  # read when present; their absence is a warning, not a refusal

    def found(self, headers: list[str]) -> dict[int, str]:
        """Column index -> field for every header this shape knows, whether or not it is complete."""
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
        return found

    def missing(self, found: dict[int, str]) -> list[str]:
        return [f for f in self.required + self.expected if f not in found.values()]

    def match(self, headers: list[str]) -> dict[int, str] | None:
        """Column index -> field, when the headers are this shape's (its required columns and at least one
        other it knows); None when they are not."""
        found = self.found(headers)
        if not all(f in found.values() for f in self.required) or len(found) < 2:
            return None
        return found


STRATEGY = Shape(
    name="Strategy action table (No. | Action | Lead Officer | Dependencies | Resource implications | Success measures | Deadline)",
    key="strategy", framework="local",
    columns={
        "reference": ("no", "no.", "ref", "reference", "action no", "action ref", "number", "id", "ref no"),
        "theme": ("theme", "objective", "priority", "workstream", "area", "outcome"),
        "title": ("action", "actions", "action description", "description", "what we will do", "activity", "task"),
        "lead_officer": ("lead officer", "lead", "lead officers", "owner", "action owner", "responsible officer",
                         "responsible", "officer", "accountable officer", "who", "by whom", "lead person"),
        "dependencies": ("dependencies", "dependency"),
        "resources": ("resource implications", "resources", "resource"),
        "measures": ("success measure", "success measures", "success criteria", "success measure s", "measures of success",
                     "measures", "outcomes", "how we will know", "kpi", "kpis"),
        "deadline_text": ("deadline", "deadlines", "timescale", "timescales", "by when", "due", "due date", "target date",
                          "target", "completion date", "date", "timeframe", "when", "end date"),
        "status": ("rag", "rag status", "status", "rag rating", "brag", "brag status"),
        "commentary": ("progress", "update", "progress update", "latest update", "commentary", "comments", "progress to date"),
    },
    required=("title",),
    expected=("reference", "lead_officer", "deadline_text"),
)
EFLG = Shape(
    name="Equality Framework improvement table (What can the Council already evidence? | What are the gaps? | By when | Responsible officer | RAG)",
    key="eflg", framework="eflg",
    columns={
        "evidence": ("what can the council already evidence", "what can we already evidence", "evidence"),
        "title": ("what are the gaps", "gaps", "what needs to be done"),
        "deadline_text": ("by when", "when", "deadline", "target date", "due date", "timescale"),
        "lead_officer": ("responsible officer", "by whom", "responsible", "who", "owner", "lead officer", "lead"),
        "status": ("rag", "rag status", "status", "rag rating"),
    },
    required=("evidence", "title"),
    expected=("status", "deadline_text", "lead_officer"),
)
SCWRES = Shape(
    name="SC-WRES action plan (Metrics | Details of the action | Timescale | How we will know)",
    key="scwres", framework="sc_wres",
    columns={
        "metric": ("metrics", "metric", "wres metric"),
        "title": ("details of the action", "action", "actions"),
        "deadline_text": ("timescale", "timescale to start seeing a change", "by when", "deadline", "target date",
                          "due date", "timeframe"),
        "measures": ("how we will know", "how will we know", "success measure"),
    },
    required=("metric", "title"),
    expected=("measures", "deadline_text"),
)
INTERIM = Shape(
    name="SC-WRES interim plan (No. | Objective | Lead | Data from WRES metrics | Specific action | Indicators | "
         "Timeframe | Progress)",
    key="interim", framework="sc_wres",
    columns={
        "reference": ("no", "no.", "ref", "number"),
        "objective": ("objective", "objectives", "local authority objective"),
        "lead_officer": ("lead", "lead officer", "owner"),
        "evidence": ("data from wres metrics", "data from the wres metrics", "data", "wres data"),
        "title": ("specific action", "specific actions"),
        "measures": ("indicators of improvement", "indicators", "indicators of improvement what does good look like",
                     "what does good look like"),
        "deadline_text": ("timeframe", "timescale", "by when", "deadline"),
        "commentary": ("progress", "progress update", "update"),
    },
    required=("objective", "title"),
    expected=("lead_officer", "deadline_text"),
)
FLAT = Shape(
    name="EDI Tracker export (Reference | Theme | Action | … | Status)",
    key="flat", framework="local",
    # The export's own columns (plans.columns), declared once for writing and reading.
    columns={c.name: tuple(dict.fromkeys(normalise(k) for k in (c.name, c.label, *c.aliases))) for c in PLAN_COLUMNS},
    required=tuple(c.name for c in PLAN_COLUMNS if c.required),
)
# The flat shape first: its exact column names would otherwise half-match the others.
SHAPES = [FLAT, EFLG, SCWRES, INTERIM, STRATEGY]

FIELD_LABELS = {
    "reference": "reference", "title": "action", "lead_officer": "lead officer", "dependencies": "dependencies",
    "resources": "resource implications", "measures": "success measures", "deadline_text": "deadline (as written)",
    "status": "status", "evidence": "evidence (kept with each gap)", "metric": "SC-WRES metric", "theme": "theme",
    "deadline_date": "(derived from the deadline; ignored)", "commentary": "latest commentary", "next_steps": "next steps",
    "metrics": "SC-WRES metrics", "tags": "tags", "theme_code": "theme code", "objective": "objective (the theme)",
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


def status_from_colour(rgb: str) -> str:
    """A status read from a fill colour (RRGGBB): red, amber, green or blue (complete); "" for white,
    greys and other colours. Pale fills count ("Light Red Fill" FFC7CE is red)."""
    if not re.fullmatch(r"[0-9A-Fa-f]{6}", rgb or ""):
        return ""
    r, g, b = (int(rgb[i:i + 2], 16) / 255 for i in (0, 2, 4))
    hue, saturation, value = colorsys.rgb_to_hsv(r, g, b)
    if saturation < 0.15 or value < 0.25:
        return ""
    hue *= 360
    if hue < 20 or hue >= 330:
        return Status.RED.value
    if hue < 65:
        return Status.AMBER.value
    if 75 <= hue < 170:
        return Status.GREEN.value
    if 185 <= hue < 260:
        return Status.COMPLETE.value
    return ""


def closest(headers: list[str]) -> tuple[Shape, dict[int, str]] | None:
    """The shape these headers come nearest to (most columns known), when they know at least two."""
    def nearness(pair):
        shape, found = pair
        return len(found), -sum(1 for f in shape.required if f not in found.values())

    best = max(((shape, shape.found(headers)) for shape in SHAPES), key=nearness)
    return best if len(best[1]) >= 2 else None
