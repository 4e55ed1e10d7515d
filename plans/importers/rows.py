"""From recognised table rows to themes and actions, whatever the file format."""

import re

from django.utils.text import capfirst

from .parsed import ParsedAction, ParsedPlan, ParsedTheme, TableMapping
from .shapes import FIELD_LABELS, Shape, closest, normalise, read_metrics, read_status, status_from_colour

NUMBER_WORDS = {word: str(n) for n, word in enumerate(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty".split(), start=1)}
ROMAN = {r: str(n) for n, r in enumerate("i ii iii iv v vi vii viii ix x xi xii".split(), start=1)}
SECTION_HEADING = re.compile(r"^\s*(?:section\s+)?(\d{1,2})[.):]\s+(.{3,150})$", re.I)
# "SECTION Four: Diverse and Engaged Workforce", "Section IV – …", "Part two. …"
SECTION_WORDS = re.compile(r"^\s*(?:section|part)\s+([a-z0-9-]+)\s*[.):–—-]\s*(.{3,150})$", re.I)


COLOUR_NAMES = {"red": "red", "amber": "amber", "green": "green", "complete": "blue"}


LEAD_AT_END = re.compile(r"^(?P<title>.*\S)\s+[–—-]\s*(?P<leads>[A-Za-zА-я&/]{1,12}(?:[ ,]+[A-Za-zА-я&/]{1,12}){0,4})\s*$")


def split_lead(item: str) -> tuple[str, str]:
    """ "Review where we advertise - HoS/HR" gives the action and "HoS/HR"; an item without one gives ""."""
    match = LEAD_AT_END.match(item)
    if match and any(c.isupper() for c in match["leads"]):
        return match["title"].strip(), match["leads"].strip()
    return item, ""


METRIC_HEADING = re.compile(r"^\s*metric\s*(\d)\b[:.]?\s*(.*)$", re.I)
ACHIEVED = {"what we ve achieved", "what we have achieved"}
WORKING_TOWARDS = {"what we re working towards", "what we are working towards"}


class ImportRefused(Exception):
    """The file cannot be imported; the message says why and where."""


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
        self.abbreviations: dict[str, str] = {}
        self.abbreviated: list[ParsedAction] = []
        self.candidate = None  # (table label, row number, shape, found columns, headers): the nearest miss
        self.row_fills: list[str] = []
        self.colours: dict[str, str] = {}

    # Context: paragraphs and key–value tables between action tables ------------------------------

    def context_text(self, text: str) -> None:
        text = (text or "").strip()
        if not text:
            return
        if not self.plan.title and len(text) <= 200:
            self.plan.title = text
            return
        heading = SECTION_HEADING.match(text) or SECTION_WORDS.match(text)
        code = ""
        if heading and len(text) <= 160:
            word = heading.group(1).lower()
            code = word if word.isdigit() else NUMBER_WORDS.get(word) or ROMAN.get(word, "")
            numberish = re.fullmatch(r"[ivxlc]+|\d+|(twenty|thirty|forty|fifty)\S*|\w+-\w+", word)
            if not code and not numberish:
                heading = None
        if heading and len(text) <= 160:
            if not code:
                self.plan.warnings.append(
                    f"The heading “{text[:80]}” looks like a new section but its number “{heading.group(1)}” cannot be "
                    "read: its actions were put in a theme of their own with references numbered from 1 — check them.")
            self.pending = {"code": code, "title": heading.group(2).strip()}
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
            listed = ", ".join(f"“{h}”" for h in unread)
            self.plan.warnings.append(f"{capfirst(label)}: the column{'s' if len(unread) > 1 else ''} {listed} "
                                      f"{'were' if len(unread) > 1 else 'was'} not recognised and not read.")
        absent = [FIELD_LABELS.get(f, f) for f in shape.missing(mapping)]
        if absent:
            self.plan.warnings.append(f"{capfirst(label)} has no column we read as {' or '.join(absent)}: "
                                      f"{'those are' if len(absent) > 1 else 'that is'} left blank.")
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

    def row(self, label: str, number: int, values: list[list[str]], fills: list[str] | None = None) -> None:
        """One table row, as each cell's items (paragraphs or lines), and each cell's fill colour."""
        cells: dict[str, list[str]] = {}
        colours: dict[str, str] = {}
        fills = fills or []
        for index, field_name in self.mapping.items():
            items = values[index] if index < len(values) else []
            cells[field_name] = list(items)  # spreadsheet cells come unescaped (edi_tracker.tables)
            colours[field_name] = fills[index] if index < len(fills) else ""
        self.row_fills = [f for f in fills if f]
        self.colours = colours
        if not any(any(i.strip() for i in items) for items in cells.values()):
            if any(status_from_colour(f) for f in self.row_fills):
                self.note(f"{capfirst(label)}, row {number}: only coloured cells, no text; skipped.")
            return  # a blank row
        where = f"{capfirst(label)}, row {number}"
        getattr(self, f"_row_{self.shape.key}")(cells, where)

    def note(self, text: str) -> None:
        self.plan.notes.append(text)

    @staticmethod
    def _text(cells, name, sep="\n") -> str:
        return sep.join(i.strip() for i in cells.get(name, []) if i.strip())

    @staticmethod
    def _as_written(cells, name) -> str:
        """A cell's text as the export wrote it (tabs and indents kept): the flat shape is read back unchanged."""
        text = "\n".join(cells.get(name, []))
        return text if text.strip() else ""

    def _status(self, cells, where) -> tuple[str, str]:
        """The row's status and where it came from: the status column's words, else its fill colour (or,
        when there is no status column, the one RAG colour the row's cells share)."""
        raw = self._text(cells, "status", " ")
        status = read_status(raw)
        column = next((h for h, f in self.plan.tables[-1].columns if f == FIELD_LABELS["status"]), "status")
        if status:
            return status, f"the “{column}” column"
        if status is None:
            self.plan.warnings.append(f"{where}: the status “{raw}” is not one we know (R, A, G, complete…); it was left out.")
            return "", ""
        if "status" in self.mapping.values():
            colour = status_from_colour(self.colours.get("status", ""))
            if colour:
                return colour, f"the {COLOUR_NAMES[colour]} fill of the “{column}” cell"
            return "", ""
        # Blue is left out here: plans highlight rows in blue for other reasons (race equality actions, seed 004).
        found = {status_from_colour(f) for f in self.row_fills} - {"", "complete"}
        if len(found) == 1:
            colour = found.pop()
            return colour, f"the {COLOUR_NAMES[colour]} fill of the row’s cells"
        if len(found) > 1:
            self.plan.warnings.append(f"{where}: the cells are filled in different RAG colours; no status was read.")
        return "", ""

    def _previous(self):
        return self.theme.actions[-1] if self.theme and self.theme.actions else None

    def _continue_previous(self, cells, where) -> bool:
        """A row with no action but success measures (or a lead, a deadline) continues the action above:
        Word pushes the rest of a row to the next page as a row of its own."""
        previous = self._previous()
        extra = [m for m in cells.get("measures", []) if m.strip()]
        if previous is None or not (extra or self._text(cells, "dependencies") or self._text(cells, "resources")):
            return False
        previous.measures += extra
        for name in ("dependencies", "resources"):
            more = self._text(cells, name)
            if more:
                setattr(previous, name, (getattr(previous, name) + "\n" + more).strip())
        for name in ("lead_officer", "deadline_text"):
            if not getattr(previous, name):
                setattr(previous, name, self._text(cells, name, " "))
        self.note(f"{where}: no action of its own; its {'success measures were' if extra else 'text was'} added to "
                  f"{previous.reference} above (a row continued after a page break).")
        return True

    def _row_strategy(self, cells, where) -> None:
        title = self._text(cells, "title", " ")
        reference = self._text(cells, "reference", " ")
        if not title:
            if not reference and self._continue_previous(cells, where):
                return
            self.note(f"{where}: no action in the “{self._header('title')}” column; skipped.")
            return
        theme_title = self._text(cells, "theme", " ")
        if theme_title:
            self.theme = self._theme_named(theme_title[:250])
        elif self.theme is None:
            self.theme = self._theme_named("Actions")
        reference = reference or self._generated_reference(self.theme.code or "A")
        status, status_source = self._status(cells, where)
        self.theme.actions.append(ParsedAction(
            reference=reference, title=title, lead_officer=self._text(cells, "lead_officer", " "),
            dependencies=self._text(cells, "dependencies"), resources=self._text(cells, "resources"),
            measures=[m for m in cells.get("measures", []) if m.strip()],
            deadline_text=self._text(cells, "deadline_text", " "), status=status, status_source=status_source,
            commentary=self._text(cells, "commentary"), source=where,
        ))

    def _header(self, field_name: str) -> str:
        return next((self.plan.tables[-1].columns[i][0] for i, f in self.mapping.items() if f == field_name), field_name)

    def _row_eflg(self, cells, where) -> None:
        evidence = self._text(cells, "evidence")
        title = self._text(cells, "title")
        status, status_source = self._status(cells, where)
        has_more = bool(status or self._text(cells, "lead_officer") or self._text(cells, "deadline_text"))
        converted = not title and evidence and has_more
        if converted:
            # A row with a RAG, an owner or a deadline but no gap: the evidence cell is what is being done.
            title = evidence
            self.note(f"{where}: no gap, but a status, owner or deadline: imported as an action titled by its evidence.")
        elif not title:
            if evidence:
                self.last_evidence = evidence
                self.note(f"{where}: evidence without a gap; kept with the next gap as its evidence.")
            else:
                self.note(f"{where}: no gap and no evidence; skipped.")
            return
        elif evidence:
            self.last_evidence = evidence
        code = self.theme.code or self._unnumbered_code()
        self.theme.actions.append(ParsedAction(
            reference=self._generated_reference(code), title=title, lead_officer=self._text(cells, "lead_officer", " "),
            dependencies=f"Evidence: {self.last_evidence}" if self.last_evidence and not converted else "",
            deadline_text=self._text(cells, "deadline_text", " "), status=status, status_source=status_source,
            commentary="Status as given in the imported plan." if status else "", source=where,
        ))

    def _unnumbered_code(self) -> str:
        """A code for a theme whose heading gave no number: one past the highest so far, never a merge."""
        numbers = [int(t.code) for t in self.plan.themes if t.code.isdigit()]
        self.theme.code = str(max(numbers, default=0) + 1)
        return self.theme.code

    def _row_scwres(self, cells, where) -> None:
        metric_text = self._text(cells, "metric", " ")
        metrics = read_metrics(metric_text)
        if metric_text:
            number = metrics[0].rstrip("ab") if metrics else str(len(self.plan.themes) + 1)
            self.theme = self._theme_named(metric_text[:250], f"M{number}", metrics)
        elif self.theme is None:
            self.theme = self._theme_named("Actions")
        how = [m for m in cells.get("measures", []) if m.strip()]
        items = [i.strip() for i in cells.get("title", []) if i.strip()]
        if not items:
            self.note(f"{where}: no action in the “{self._header('title')}” column; "
                      + ("its measures were not read." if how else "skipped."))
        for item in items:
            if re.fullmatch(r"(image:\s*)?[\w .-]+\.(xlsx|docx|pdf|png|jpg)", item, re.I):
                self.note(f"{where}: “{item}” is an embedded file’s label, not an action; skipped.")
                continue
            self.theme.actions.append(ParsedAction(
                reference=self._generated_reference(self.theme.code or "M"), title=item,
                deadline_text=self._text(cells, "deadline_text", " "), measures=list(how),
                metrics=list(self.theme.metrics), tags=["race"], source=where,
            ))

    def _row_interim(self, cells, where) -> None:
        """An objective with its lead and several specific actions, each naming its lead by an abbreviation
        ("… – HoS/HR, L&DM") that a key table explains; a row with no objective continues the one above."""
        objective = self._text(cells, "objective", " ")
        number = self._text(cells, "reference", " ").rstrip(".")
        if objective:
            code = number or str(len(self.plan.themes) + 1)
            self.theme = self._theme_named(objective[:250], code)
            self.theme.sponsor = self._text(cells, "lead_officer", " ")
            data = self._text(cells, "evidence")
            if data:
                self.theme.objective = f"Data from WRES metrics: {data}"
        elif self.theme is None:
            self.note(f"{where}: specific actions with no objective above them; skipped.")
            return
        items = [i.strip() for i in cells.get("title", []) if i.strip()]
        if not items:
            self.note(f"{where}: no specific action; its other cells were not read.")
            return
        measures = [m for m in cells.get("measures", []) if m.strip()]
        for item in items:
            title, leads = split_lead(item)
            self.theme.actions.append(ParsedAction(
                reference=self._generated_reference(self.theme.code), title=title,
                lead_officer=leads or self.theme.sponsor, measures=list(measures),
                deadline_text=self._text(cells, "deadline_text", " "), commentary=self._text(cells, "commentary"),
                tags=["race"], source=where,
            ))
            if leads:
                self.abbreviated.append(self.theme.actions[-1])

    def narrative(self, paragraphs: list[str]) -> None:
        """A plan with no tables (the borough SC-WRES plan): per "METRIC n" heading, the paragraphs under
        "What we've achieved" are complete actions and those under "What we're working towards" are to do."""
        mode, theme, count = None, None, 0
        for text in (p.strip() for p in paragraphs):
            if not text:
                continue
            metric = METRIC_HEADING.match(text)
            if metric:
                number, rest = metric.group(1), metric.group(2).strip(" :.–-")
                theme = self._theme_named(f"Metric {number}", f"M{number}", read_metrics(f"metric {number}"))
                if rest and theme.title == f"Metric {number}":
                    theme.title = rest[:250]
                mode = None
                continue
            key = normalise(text.replace("’", "'"))
            if key in ACHIEVED:
                mode = "achieved"
                continue
            if key in WORKING_TOWARDS:
                mode = "towards"
                continue
            if theme is None:
                continue
            if mode is None:
                if theme.title.startswith("Metric ") and len(text) <= 250:
                    theme.title = text
                elif not theme.objective:
                    theme.objective = text
                continue
            count += 1
            theme.actions.append(ParsedAction(
                reference=self._generated_reference(theme.code), title=text, metrics=list(theme.metrics), tags=["race"],
                status="complete" if mode == "achieved" else "",
                status_source="the heading “What we’ve achieved”" if mode == "achieved" else "",
                source=f"Under “{'What we’ve achieved' if mode == 'achieved' else 'What we’re working towards'}” for "
                       f"metric {theme.code[1:]}",
            ))
        if count:
            self.plan.framework = "sc_wres"
            self.plan.tables.append(TableMapping(
                "the document’s headings", "SC-WRES plan without tables (METRIC n, What we’ve achieved, What we’re "
                "working towards)", [("METRIC n", "theme, linked to that metric"),
                                     ("What we’ve achieved", "complete actions"),
                                     ("What we’re working towards", "actions to do")]))

    def abbreviation(self, name: str, short: str) -> None:
        """One row of a key table (Name/Job Title | Abbreviation)."""
        if name.strip() and short.strip() and normalise(short) != "abbreviation":
            self.abbreviations[normalise(short)] = name.strip()

    def _expand_leads(self) -> None:
        unknown = []
        for action in self.abbreviated:
            names = []
            for short in re.split(r"\s*,\s*", action.lead_officer):
                name = self.abbreviations.get(normalise(short))
                if name is None:
                    unknown.append(short)
                names.append(name or short)
            action.lead_officer = "; ".join(names)
        if unknown and self.abbreviated:
            listed = ", ".join(f"“{u}”" for u in dict.fromkeys(unknown))
            self.plan.warnings.append(f"The lead abbreviations {listed} are not in the key table (Name/Job Title | "
                                      "Abbreviation), so they were kept as written.")

    def _row_flat(self, cells, where) -> None:
        title = self._text(cells, "title")
        reference = self._text(cells, "reference", " ")
        if not title or not reference:
            self.note(f"{where}: no reference or no title; skipped.")
            return
        status, status_source = self._status(cells, where)
        theme_title = self._text(cells, "theme", " ") or "Actions"
        theme = self._theme_named(theme_title, self._text(cells, "theme_code", " "))
        theme.actions.append(ParsedAction(
            reference=reference, title=title, lead_officer=self._text(cells, "lead_officer", " "),
            dependencies=self._as_written(cells, "dependencies"), resources=self._as_written(cells, "resources"),
            measures=[line.strip() for m in cells.get("measures", []) for line in m.splitlines() if line.strip()],
            deadline_text=self._text(cells, "deadline_text", " "), status=status, status_source=status_source,
            commentary=self._as_written(cells, "commentary"), next_steps=self._as_written(cells, "next_steps"),
            metrics=read_metrics(self._text(cells, "metrics", ",")),
            tags=[t.strip() for t in self._text(cells, "tags", ",").split(",") if t.strip()], source=where,
        ))

    def nearest(self, label: str, rows: list[tuple[int, list[str]]]) -> None:
        """Remember the header row of `label` that came nearest to a shape, for a refusal that helps."""
        for number, headers in rows:
            found = closest(headers)
            if found and (self.candidate is None or len(found[1]) > len(self.candidate[3])):
                self.candidate = (label, number, found[0], found[1], headers)

    def _generated_reference(self, prefix: str) -> str:
        self.counters[prefix] = self.counters.get(prefix, 0) + 1
        return f"{prefix}.{self.counters[prefix]}"

    # The end ----------------------------------------------------------------------------------------

    def finish(self) -> ParsedPlan:
        plan = self.plan
        self._expand_leads()
        plan.themes = [t for t in plan.themes if t.actions]
        if not plan.tables and self.candidate:
            label, number, shape, found, headers = self.candidate
            known = ", ".join(f"“{headers[i]}” ({FIELD_LABELS.get(f, f)})" for i, f in sorted(found.items()))
            missing = " and ".join(FIELD_LABELS.get(f, f) for f in shape.required if f not in found.values())
            unknown = [h for i, h in enumerate(headers) if i not in found and h.strip()]
            raise ImportRefused(
                f"No table in this file has a header we recognise. The nearest is {label}, row {number}, which looks like "
                f"the {shape.name}: we found {known}, but no column for {missing or 'the rest'}"
                + (f" (we did not recognise {', '.join(f'“{h}”' for h in unknown)})" if unknown else "")
                + ". Rename that column and import again."
            )
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
