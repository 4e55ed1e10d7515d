"""The neutral result of reading a plan file, whatever its format: what the editor previews, and
what the import service stores. It round-trips through JSON (kept in the session between steps)."""

from dataclasses import asdict, dataclass, field


@dataclass
class ParsedAction:
    reference: str
    title: str
    lead_officer: str = ""
    dependencies: str = ""
    resources: str = ""
    measures: list[str] = field(default_factory=list)
    deadline_text: str = ""
    status: str = ""  # a plans.models.Status value, or "" when the file gives none
    commentary: str = ""
    next_steps: str = ""
    metrics: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    source: str = ""  # "table 2, row 5"
    status_source: str = ""  # where the status came from: "the RAG column", "the cell's red fill"


@dataclass
class ParsedTheme:
    title: str
    code: str = ""
    objective: str = ""
    sponsor: str = ""
    metrics: list[str] = field(default_factory=list)
    actions: list[ParsedAction] = field(default_factory=list)


@dataclass
class TableMapping:
    table: str  # "table 2" or "sheet Plan"
    shape: str  # the shape's name, for the editor
    columns: list[tuple[str, str]]  # (header as written, what it was read as)


@dataclass
class ParsedPlan:
    filename: str
    title: str = ""
    framework: str = "local"
    themes: list[ParsedTheme] = field(default_factory=list)
    tables: list[TableMapping] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what became of rows that are not actions, sheets not read

    @property
    def actions(self) -> list[ParsedAction]:
        return [action for theme in self.themes for action in theme.actions]

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "ParsedPlan":
        themes = [
            ParsedTheme(**{**t, "actions": [ParsedAction(**a) for a in t["actions"]]}) for t in data["themes"]
        ]
        tables = [TableMapping(t["table"], t["shape"], [tuple(c) for c in t["columns"]]) for t in data["tables"]]
        return cls(filename=data["filename"], title=data["title"], framework=data["framework"], themes=themes,
                   tables=tables, warnings=list(data["warnings"]), notes=list(data.get("notes", [])))
