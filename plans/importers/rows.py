"""From recognised table rows to themes and actions, whatever the file format."""

import re

from .parsed import ParsedAction, ParsedPlan, ParsedTheme, TableMapping
from .shapes import FIELD_LABELS, Shape, normalise, read_metrics, read_status

SECTION_HEADING = re.compile(r"^\s*(?:section\s+)?(\d{1,2})[.)]\s+(.{3,150})$", re.I)
FORMULA_ESCAPED = re.compile(r"^'(?=[=+\-@\t\r])")


class ImportRefused(Exception):
    """The file cannot be imported; the message says why and where."""


def unescape(text: str) -> str:
    """Undo edi_tracker.exports.safe_cell, so that export then import gives back the same text."""
    return FORMULA_ESCAPED.sub("", text)


class TableReader:
    """Collects themes and actions from the rows of recognised tables, with the context above them."""

    def __init__(self, plan: ParsedPlan):
        self.plan = plan
        self.pending: dict = {}  # the theme described by the text since the last action table
        self.theme: ParsedTheme | None = None
        self.shape: Shape | None = None
        self.mapping: dict[int, str] = {}
        self.last_evidence = ""
        self.in_aspirations = False
        self.counters: dict[str, int] = {}

    # Context: paragraphs and key–value tables between action tables ------------------------------

    def context_text(self, text: str) -> None:
        text = (text or "").strip()
        if not text:
            return
        if not self.plan.title and len(text) <= 200:
            self.plan.title = text
            return
        heading = SECTION_HEADING.match(text)
        if heading and len(text) <= 150:
            self.pending = {"code": heading.group(1), "title": heading.group(2).strip()}
            self.in_aspirations = False
            return
        lowered = text.lower()
        if lowered.startswith(("lead officer for the section", "lead officer for this section", "lead officer:")):
            self.pending["sponsor"] = text.split(":", 1)[1].strip() if ":" in text else ""
            self.in_aspirations = False
            return
        if lowered.startswith(("our aspirations", "aspirations")):
            self.in_aspirations = True
            rest = text.split(":", 1)[1].strip() if ":" in text else ""
            self.pending["objective"] = rest
            return
        if self.in_aspirations:
            self.pending["objective"] = (self.pending.get("objective", "") + "\n" + text).strip()

    def context_pair(self, key: str, value: str) -> None:
        key_n = normalise(key)
        if "theme" in key_n or key_n in {"objective area", "workstream", "priority"}:
            self.pending = {"title": value.strip()}
        elif "sponsor" in key_n or key_n.startswith("lead"):
            self.pending["sponsor"] = value.strip()
        elif key_n.startswith("objective"):
            self.pending["objective"] = value.strip()
            code = re.findall(r"\d+", key_n)
            if code:
                self.pending["code"] = code[0]

    # Tables ---------------------------------------------------------------------------------------

    def start_table(self, label: str, shape: Shape, mapping: dict[int, str], header: list[str]) -> None:
        self.shape, self.mapping = shape, mapping
        if self.plan.framework == "local" and shape.framework != "local":
            self.plan.framework = shape.framework
        columns = [(header[i], FIELD_LABELS.get(mapping[i], mapping[i]) if i in mapping else "not read")
                   for i in range(len(header))]
        self.plan.tables.append(TableMapping(label, shape.name, columns))
        unread = [h for i, h in enumerate(header) if i not in mapping and h.strip()]
        if unread:
            self.plan.warnings.append(f"{label.capitalize()}: the columns {', '.join(unread)} were not read.")
        if shape.key in ("strategy", "eflg"):
            self._enter_theme()
        self.last_evidence = ""

    def _enter_theme(self) -> None:
        """Use the theme described above this table; a table repeating the last theme continues it."""
        if self.pending.get("title"):
            key = (self.pending.get("code", ""), self.pending["title"])
            existing = next((t for t in self.plan.themes if (t.code, t.title) == key), None)
            if existing is None:
                existing = ParsedTheme(title=self.pending["title"], code=self.pending.get("code", ""),
                                       objective=self.pending.get("objective", ""), sponsor=self.pending.get("sponsor", ""))
                self.plan.themes.append(existing)
            self.theme = existing
            self.pending = {}
            self.in_aspirations = False
        elif self.theme is None:
            self.theme = self._theme_named("Actions")

    def _theme_named(self, title: str, code: str = "", metrics: list[str] | None = None) -> ParsedTheme:
        for theme in self.plan.themes:
            if theme.title == title and theme.code == code:
                return theme
        theme = ParsedTheme(title=title, code=code, metrics=metrics or [])
        self.plan.themes.append(theme)
        return theme

    def row(self, label: str, number: int, values: list[list[str]]) -> None:
        """One table row, as each cell's items (paragraphs or lines)."""
        cells: dict[str, list[str]] = {}
        for index, field_name in self.mapping.items():
            items = values[index] if index < len(values) else []
            cells[field_name] = [unescape(item) for item in items]
        if not any(any(i.strip() for i in items) for items in cells.values()):
            return  # a blank row
        where = f"{label.capitalize()}, row {number}"
        getattr(self, f"_row_{self.shape.key}")(cells, where)

    @staticmethod
    def _text(cells, name, sep="\n") -> str:
        return sep.join(i.strip() for i in cells.get(name, []) if i.strip())

    def _status(self, cells, where) -> str:
        raw = self._text(cells, "status", " ")
        status = read_status(raw)
        if status is None:
            self.plan.warnings.append(f"{where}: the status “{raw}” is not one we know (R, A, G, complete…); it was left out.")
            return ""
        return status

    def _row_strategy(self, cells, where) -> None:
        title = self._text(cells, "title", " ")
        if not title:
            self.plan.warnings.append(f"{where}: a row without an action was skipped.")
            return
        reference = self._text(cells, "reference", " ") or self._generated_reference(self.theme.code or "A")
        self.theme.actions.append(ParsedAction(
            reference=reference, title=title, lead_officer=self._text(cells, "lead_officer", " "),
            dependencies=self._text(cells, "dependencies"), resources=self._text(cells, "resources"),
            measures=[m for m in cells.get("measures", []) if m.strip()],
            deadline_text=self._text(cells, "deadline_text", " "), source=where,
        ))

    def _row_eflg(self, cells, where) -> None:
        evidence = self._text(cells, "evidence")
        if evidence:
            self.last_evidence = evidence
        title = self._text(cells, "title")
        if not title:
            if evidence:
                self.plan.warnings.append(f"{where}: evidence without a gap was kept with the next gap.")
            return
        code = self.theme.code or str(len(self.plan.themes))
        self.theme.actions.append(ParsedAction(
            reference=self._generated_reference(code), title=title, lead_officer=self._text(cells, "lead_officer", " "),
            dependencies=f"Evidence: {self.last_evidence}" if self.last_evidence else "",
            deadline_text=self._text(cells, "deadline_text", " "), status=self._status(cells, where),
            commentary="Status as given in the imported plan." if self._text(cells, "status") else "", source=where,
        ))

    def _row_scwres(self, cells, where) -> None:
        metric_text = self._text(cells, "metric", " ")
        metrics = read_metrics(metric_text)
        if metric_text:
            number = metrics[0].rstrip("ab") if metrics else str(len(self.plan.themes) + 1)
            self.theme = self._theme_named(metric_text[:250], f"M{number}", metrics)
        elif self.theme is None:
            self.theme = self._theme_named("Actions")
        how = [m for m in cells.get("measures", []) if m.strip()]
        for item in cells.get("title", []):
            item = item.strip()
            if not item or re.fullmatch(r"(image:\s*)?[\w .-]+\.(xlsx|docx|pdf|png|jpg)", item, re.I):
                continue  # an embedded file's label, not an action
            self.theme.actions.append(ParsedAction(
                reference=self._generated_reference(self.theme.code or "M"), title=item,
                deadline_text=self._text(cells, "deadline_text", " "), measures=list(how),
                metrics=list(self.theme.metrics), tags=["race"], source=where,
            ))

    def _row_flat(self, cells, where) -> None:
        title = self._text(cells, "title")
        reference = self._text(cells, "reference", " ")
        if not title or not reference:
            self.plan.warnings.append(f"{where}: a row without a reference or a title was skipped.")
            return
        theme_title = self._text(cells, "theme", " ") or "Actions"
        theme = self._theme_named(theme_title, self._text(cells, "theme_code", " "))
        theme.actions.append(ParsedAction(
            reference=reference, title=title, lead_officer=self._text(cells, "lead_officer", " "),
            dependencies=self._text(cells, "dependencies"), resources=self._text(cells, "resources"),
            measures=[line.strip() for m in cells.get("measures", []) for line in m.splitlines() if line.strip()],
            deadline_text=self._text(cells, "deadline_text", " "), status=self._status(cells, where),
            commentary=self._text(cells, "commentary"), next_steps=self._text(cells, "next_steps"),
            metrics=read_metrics(self._text(cells, "metrics", ",")),
            tags=[t.strip() for t in self._text(cells, "tags", ",").split(",") if t.strip()], source=where,
        ))

    def _generated_reference(self, prefix: str) -> str:
        self.counters[prefix] = self.counters.get(prefix, 0) + 1
        return f"{prefix}.{self.counters[prefix]}"

    # The end ----------------------------------------------------------------------------------------

    def finish(self) -> ParsedPlan:
        plan = self.plan
        plan.themes = [t for t in plan.themes if t.actions]
        if not plan.tables:
            raise ImportRefused(
                "No table in this file has a header we recognise. We read tables headed like "
                "“No. | Action | Lead Officer | … | Deadline”, “What can the Council already evidence? | What are the gaps? | "
                "By when | Responsible officer | RAG”, “Metrics | Details of the action | Timescale | How we will know”, "
                "or an EDI Tracker export."
            )
        if not plan.actions:
            raise ImportRefused("The tables we recognised have no actions in them.")
        seen: dict[str, str] = {}
        for action in plan.actions:
            key = action.reference.lower()
            if key in seen:
                raise ImportRefused(
                    f"The reference {action.reference} is used twice ({seen[key]} and {action.source.lower()}). "
                    "References must be unique in a plan: change one and import again."
                )
            seen[key] = action.source.lower()
        plan.title = plan.title or plan.filename.rsplit(".", 1)[0]
        from .limits import check_limits, fold_titles  # limits raises ImportRefused, defined here

        fold_titles(plan)
        check_limits(plan)
        return plan
