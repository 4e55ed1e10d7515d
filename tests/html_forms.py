"""The forms of a page, and what a browser would submit from each when nobody touches it.

A browser does not send what the HTML says verbatim: an `<input type="date">` whose value is not ISO
`YYYY-MM-DD` shows empty and sends "", a number input sends "" for anything that is not a number,
a text input drops line breaks, a textarea drops the newline right after its start tag, and every line
break of a submitted value is sent as CRLF. This module does the same, so that a test can post a form
back "unchanged" exactly as Chromium would."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NUMBER = re.compile(r"^-?(\d+(\.\d+)?|\.\d+)([eE][-+]?\d+)?$")
SKIPPED_TYPES = {"submit", "button", "reset", "image", "file"}


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    types: dict[str, str] = field(default_factory=dict)  # name -> input type, "select" or "textarea"
    has_file: bool = False

    def data(self) -> dict[str, list[str]]:
        data: dict[str, list[str]] = {}
        for name, value in self.fields:
            data.setdefault(name, []).append(value)
        return data


def _sanitise(kind: str, value: str) -> str:
    """HTML's value sanitisation algorithm, for the input types our forms use."""
    if kind == "date":
        return value if DATE.match(value) else ""
    if kind == "number":
        return value if NUMBER.match(value.strip()) and value == value.strip() else ""
    if kind in ("email", "url"):
        return re.sub(r"[\r\n]", "", value).strip()
    if kind in ("text", "search", "tel", "password", "hidden"):
        return re.sub(r"[\r\n]", "", value) if kind != "hidden" else value
    return value


def _crlf(value: str) -> str:
    return re.sub(r"\r\n|\r|\n", "\r\n", value)


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: dict | None = None
        self.option: dict | None = None
        self.textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self.form = Form(action=a.get("action", ""), method=a.get("method", "get").lower())
            self.forms.append(self.form)
        elif self.form is None or "disabled" in a:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            self.form.types[a["name"]] = kind
            if kind == "file":
                self.form.has_file = True
            if kind in SKIPPED_TYPES:
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.form.fields.append((a["name"], a.get("value", "on")))
                return
            self.form.fields.append((a["name"], _sanitise(kind, a.get("value", ""))))
        elif tag == "select" and a.get("name"):
            self.select = {"name": a["name"], "multiple": "multiple" in a, "options": []}
            self.form.types[a["name"]] = "select"
        elif tag == "option" and self.select is not None:
            self.option = {"value": a.get("value"), "selected": "selected" in a, "text": ""}
            self.select["options"].append(self.option)
        elif tag == "textarea" and a.get("name"):
            self.textarea = {"name": a["name"], "text": ""}
            self.form.types[a["name"]] = "textarea"

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea["text"] += data
        elif self.option is not None:
            self.option["text"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "option":
            self.option = None
        elif tag == "select" and self.select is not None:
            options = self.select["options"]
            chosen = [o for o in options if o["selected"]]
            if not chosen and not self.select["multiple"] and options:
                chosen = options[:1]
            for option in chosen:
                value = option["value"] if option["value"] is not None else option["text"].strip()
                self.form.fields.append((self.select["name"], value))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            text = self.textarea["text"]
            text = text[1:] if text.startswith("\n") else text  # the parser drops that newline
            self.form.fields.append((self.textarea["name"], text))
            self.textarea = None


def forms_of(html: str) -> list[Form]:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.forms


def submitted(form: Form) -> dict[str, list[str]]:
    """What the browser sends: every line break as CRLF."""
    return {name: [_crlf(v) for v in values] for name, values in form.data().items()}
