"""The one place that turns an audit entry into sentences a person reads (the audit log page).

Entries are written by the services of every app (`edi_tracker.services.audit_record`) with a verb, a
summary and, for edits, `changes` as `{"field": [old, new]}`. Nothing here reads another table: an entry
says what it says even after the thing it names is gone. The apps above the core give the words of their
stored values with `register_value_words` (plans does, from `PlansConfig.ready`), so that a status reads
"Amber", not `amber`; everything else about the sentence is decided here.

`describe(event)` returns an `AuditSentence`: one sentence, and for an edit of several fields one more per
field. Every verb any service writes has its sentence (tests/core/test_audit_sentences.py greps for them).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

from .models import AuditEvent, Role


@dataclass
class AuditSentence:
    text: str
    details: list[str] = field(default_factory=list)


# How a field is named in a sentence ("its deadline"), for every field an entry's changes can hold.
FIELD_NAMES = {
    # plans
    "title": "title", "framework": "framework", "description": "description", "period_start": "start of the period",
    "period_end": "end of the period", "status": "status", "sponsor": "sponsor", "approved_by": "approver",
    "approved_on": "approval date", "review_frequency": "review frequency", "code": "code", "objective": "objective",
    "metrics": "SC-WRES metrics", "theme": "theme", "lead_officer": "lead officer", "lead_user": "lead in EDI Tracker",
    "dependencies": "dependencies", "resources": "resource implications", "resource_cost": "cost",
    "deadline_text": "deadline", "reference": "reference", "order": "position in the plan", "tags": "tags",
    "success_measures": "success measures",
    # the core and metrics
    "role": "role", "disclosure_threshold": "disclosure threshold",
    "bme_label": "words for Black, Asian and minority ethnic staff",
    "local_population_bme_pct": "local population's Black, Asian and minority ethnic share",
    "local_population_white_pct": "local population's White share",
    "local_population_asian_pct": "local population's Asian share",
    "local_population_black_pct": "local population's Black share",
    "local_population_mixed_pct": "local population's Mixed or Multiple ethnic groups share",
    "local_population_other_pct": "local population's Other ethnic group share",
    "pay_band_order": "order of the pay bands", "social_care_adults": "adults' social care directorates",
    "social_care_children": "children's social care directorates", "pay_period_days": "pay period (days)",
    "standard_weekly_hours": "standard weekly hours", "active": "receiving the reports",
}

_VALUE_WORDS: dict[str, dict[str, str]] = {"role": {value: label for value, label in Role.choices}}


def register_value_words(field_name: str, words: dict[str, str]) -> None:
    """Say how the stored values of a field read (`{"amber": "Amber"}`); an app calls it from its ready()."""
    _VALUE_WORDS.setdefault(field_name, {}).update({str(k): str(v) for k, v in words.items()})


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _value(field_name: str, value) -> str:
    """A stored value as words: a date as 30 April 2023, a status by its word, nothing as "nothing"."""
    if value is None or value == "" or value == []:
        return "nothing"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(_value(field_name, v) for v in value)
    text = str(value)
    words = _VALUE_WORDS.get(field_name, {})
    if text in words:
        return words[text]
    if _ISO_DATE.match(text):
        return long_date(date.fromisoformat(text))
    if _ISO_DATETIME.match(text):
        moment = datetime.fromisoformat(text)
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return f"{long_date(moment.date())} at {moment:%H:%M}"
    if field_name in ("title", "deadline_text", "description", "objective", "bme_label", "lead_officer", "sponsor",
                      "dependencies", "resources", "approved_by", "code", "reference"):
        return f"“{text[:200]}{'…' if len(text) > 200 else ''}”"
    return text


def _possessive(name: str) -> str:
    return f"{name}’" if name.endswith("s") else f"{name}’s"


def change_sentence(owner: str, field_name: str, change) -> str:
    """`Changed HW 3’s deadline from “April 2023” to “March 2024”.` (`owner` "its" for an unnamed owner.)"""
    what = FIELD_NAMES.get(field_name, field_name.replace("_", " "))
    whose = "its" if owner == "its" else _possessive(owner)
    if not isinstance(change, (list, tuple)) or len(change) != 2:
        return f"Changed {whose} {what}: {_value(field_name, change)}."
    old, new = change
    if old in (None, "", []):
        return f"Set {whose} {what} to {_value(field_name, new)}."
    if new in (None, "", []):
        return f"Cleared {whose} {what} (it was {_value(field_name, old)})."
    return f"Changed {whose} {what} from {_value(field_name, old)} to {_value(field_name, new)}."


def _edit(owner: str, changes: dict, headline: str) -> AuditSentence:
    sentences = [change_sentence(owner, name, change) for name, change in changes.items()]
    if len(sentences) == 1:
        return AuditSentence(sentences[0])
    return AuditSentence(headline, sentences)


def _quoted(summary: str) -> str:
    """The first “quoted” name in a summary, with its quotes."""
    found = re.search(r"“[^”]*”", summary)
    return found.group(0) if found else "the plan"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _refs(refs: list) -> str:
    refs = [str(r) for r in refs]
    if len(refs) > 12:
        return ", ".join(refs[:12]) + f" and {len(refs) - 12} more"
    return refs[0] if len(refs) == 1 else ", ".join(refs[:-1]) + " and " + refs[-1]


def _role_word(value) -> str:
    return _value("role", value)


def _new_role(e: AuditEvent) -> str:
    """The role an entry gave, from its `role: [old, new]` change (ValueError for an entry of another shape)."""
    change = e.changes.get("role")
    if not isinstance(change, list) or len(change) != 2 or change[1] not in _VALUE_WORDS["role"]:
        raise ValueError("no role given")
    return _role_word(change[1])


# One describer per verb --------------------------------------------------------------------------------

def _plan_imported(e: AuditEvent) -> AuditSentence:
    c = e.changes
    created, updated = c.get("created", []), c.get("updated", [])
    total = len(created) + len(updated)
    into = _quoted(e.summary)
    text = f"Imported {_count(total, 'action')} into {into}"
    if c.get("file"):
        text += f" from {c['file']}"
    text += f": {len(created)} added, {len(updated)} updated."
    details = []
    if c.get("status_changes"):
        details.append(f"Took the status of {_refs(c['status_changes'])} from the file.")
    missing = c.get("missing_from_file") or []
    if missing:
        one = len(missing) == 1
        details.append(f"{_refs(missing)} {'is' if one else 'are'} in the plan but not in the file, and "
                       f"{'was' if one else 'were'} left as {'it was' if one else 'they were'}.")
    return AuditSentence(text, details)


def _action_ref(e: AuditEvent, pattern: str) -> str:
    found = re.match(pattern, e.summary)
    return found.group(1) if found else "the action"


def _progress(e: AuditEvent) -> AuditSentence:
    ref = e.summary.split(":", 1)[0] if ":" in e.summary else "the action"
    old, new = (e.changes.get("status") or [None, None])[:2]
    if old == new or old in (None, ""):
        return AuditSentence(f"Recorded progress on {ref}: {_value('status', new)}.")
    return AuditSentence(f"Changed {_possessive(ref)} status from {_value('status', old)} to {_value('status', new)}.")


def _measure(e: AuditEvent, met: bool) -> AuditSentence:
    ref = e.summary.split(":", 1)[0]
    measure = e.changes.get("measure", "")
    text = f"Marked {_possessive(ref)} success measure{f' “{measure}”' if measure else ''} as {'met' if met else 'not met'}."
    return AuditSentence(text)


def _chased(e: AuditEvent) -> AuditSentence:
    c = e.changes
    emailed = c.get("emailed", [])
    n_actions = sum(len(item.get("actions", [])) for item in emailed)
    text = (f"Emailed {_count(len(emailed), 'lead')} about {_count(n_actions, 'action')}"
            if emailed else "Chased the leads of some actions, but emailed nobody")
    details = [f"Asked {item['lead']} to update {_refs(item['actions'])}." for item in emailed]
    details += [f"Nobody was emailed about {item['action']}: {item['why'][:1].lower()}{item['why'][1:]}"
                for item in c.get("not_reached", [])]
    details += [f"The email to {item['lead']} about {_refs(item['actions'])} could not be sent ({item['why']})."
                for item in c.get("failed", [])]
    return AuditSentence(text + ".", details)


def _report(e: AuditEvent, template: str) -> AuditSentence:
    found = re.match(r"Highlight report (.+?) of (“.*”)", e.summary)
    quarter, plan = (found.group(1), found.group(2)) if found else ("", "the plan")
    pages = re.search(r"\((\d+) pages?\)", e.summary)
    text = template.format(quarter=quarter, plan=plan, pages=_count(int(pages.group(1)), "page") if pages else "")
    details = []
    for key in ("previous_failure", "reason"):
        if e.changes.get(key):
            reason = str(e.changes[key]).strip().rstrip(".")
            details.append(f"{'The earlier failure' if key == 'previous_failure' else 'The reason'}: {reason}.")
    return AuditSentence(text, details)


def _before(summary: str, marker: str) -> str:
    return summary.split(marker, 1)[0] if marker in summary else summary


DESCRIBERS: dict[str, Callable[[AuditEvent], AuditSentence]] = {
    # the core
    "organisation.created": lambda e: AuditSentence(f"Created the organisation {e.summary.removeprefix('Organisation ').removesuffix(' created')}."),
    "membership.added": lambda e: AuditSentence(
        f"Added {_before(e.summary, ' added as ')} as {_new_role(e)}."),
    "membership.role_changed": lambda e: AuditSentence(change_sentence(_before(e.summary, " is now "), "role",
                                                                       e.changes.get("role"))),
    "membership.removed": lambda e: AuditSentence(
        f"Removed {_before(e.summary, ' removed from')} from the organisation"
        + (f" (they were {_role_word(e.changes['role'][0])})" if e.changes.get("role") else "") + "."),
    "invitation.created": lambda e: AuditSentence(
        f"Invited {_before(e.summary, ' invited as ')} as {_new_role(e)}."),
    "invitation.renewed": lambda e: AuditSentence(
        f"Invited {_before(e.summary, ' invited as ')} again, as {_new_role(e)}."),
    "invitation.role_changed": lambda e: AuditSentence(change_sentence(
        "the invitation to " + _before(e.summary.removeprefix("The invitation to "), " now gives"), "role",
        e.changes.get("role"))),
    "invitation.resent": lambda e: AuditSentence(
        f"Sent the invitation to {_before(e.summary.removeprefix('The invitation to '), ' sent again')} again."),
    "invitation.revoked": lambda e: AuditSentence(
        f"Withdrew the invitation to {_before(e.summary.removeprefix('The invitation to '), ' withdrawn')}."),
    "invitation.accepted": lambda e: AuditSentence(
        f"Accepted the invitation to {_before(e.summary, ' accepted the invitation')} and joined as "
        f"{e.summary.rsplit(' joined as ', 1)[-1]}."),
    # plans
    "plan.created": lambda e: AuditSentence(f"Created the plan {_quoted(e.summary)}."),
    "plan.updated": lambda e: _edit(f"the plan {_quoted(e.summary)}", e.changes, f"Edited the plan {_quoted(e.summary)}:"),
    "plan.imported": _plan_imported,
    "theme.created": lambda e: AuditSentence(
        f"Added the theme {_quoted(e.summary)} to {re.findall(r'“[^”]*”', e.summary)[-1] if e.summary.count('“') > 1 else 'the plan'}."),
    "theme.updated": lambda e: _edit(f"the theme {_quoted(e.summary)}", e.changes, f"Edited the theme {_quoted(e.summary)}:"),
    "action.created": lambda e: AuditSentence(
        f"Added action {_action_ref(e, r'Action (.+) added to')} to {_quoted(e.summary)}."),
    "action.updated": lambda e: _edit(_action_ref(e, r"Action (.+) edited"), e.changes,
                                      f"Edited action {_action_ref(e, r'Action (.+) edited')}:"),
    "measure.met": lambda e: _measure(e, True),
    "measure.unmet": lambda e: _measure(e, False),
    "progress.recorded": _progress,
    "leads.chased": _chased,
    # workforce and metrics
    "extract.confirmed": lambda e: AuditSentence(
        "Stored the " + e.summary[0].lower() + e.summary[1:].replace(" stored (", " (", 1) + "."),
    "extract.rechecked": lambda e: AuditSentence(
        "Checked the " + e.summary[0].lower() + e.summary[1:].replace(" checked again", " again", 1) + "."),
    "ethnicity.mapped": lambda e: AuditSentence(
        "Mapped the ethnicity " + e.summary.removeprefix("Ethnicity ").replace(" mapped to ", " to ", 1) + "."),
    "organisation.metric_settings": lambda e: _edit("the workforce figures settings", e.changes,
                                                    "Changed the workforce figures settings:"),
    "organisation.social_care_areas": lambda e: _edit("the social care and pay settings", e.changes,
                                                      "Changed the social care and pay settings:"),
    # reports
    "report.requested": lambda e: _report(e, "Asked for the {quarter} highlight report of {plan}."),
    "report.made": lambda e: _report(e, "Made the {quarter} highlight report of {plan} ({pages})."),
    "report.superseded": lambda e: _report(e, "Made the {quarter} highlight report of {plan} again; the earlier one is kept as superseded."),
    "report.failed": lambda e: _report(e, "Could not make the {quarter} highlight report of {plan}."),
    "report.not_queued": lambda e: _report(e, "Could not start making the {quarter} highlight report of {plan}."),
    "report.retried": lambda e: _report(e, "Tried the {quarter} highlight report of {plan} again."),
    "report.email_failed": lambda e: _report(e, "Could not email the {quarter} highlight report of {plan} to every recipient."),
    "report.email_resent": lambda e: _report(e, "Sent the {quarter} highlight report of {plan} to its recipients again."),
    "recipient.added": lambda e: AuditSentence(
        f"Added {_before(e.summary, ' will receive')} to the report recipients."),
    "recipient.paused": lambda e: AuditSentence(
        f"Paused the reports to {_before(e.summary, ' will no longer receive')}."),
    "recipient.resumed": lambda e: AuditSentence(
        f"Resumed the reports to {_before(e.summary, ' will receive')}."),
    "recipient.removed": lambda e: AuditSentence(
        f"Removed {_before(e.summary, ' removed from the report recipients')} from the report recipients."),
    # single sign-on and the API's tokens
    "sso.configured": lambda e: AuditSentence(
        ("Set up" if " set up: " in e.summary else "Changed") + " single sign-on: "
        + e.summary.split(": ", 1)[1] + "."),
    "api_token.created": lambda e: AuditSentence(
        "Created the API token " + e.summary.removeprefix("API token ").replace(" created", "", 1) + "."),
    "api_token.revoked": lambda e: AuditSentence(
        "Revoked the API token " + _before(e.summary.removeprefix("API token "), " revoked") + "."),
    "api_token.used": lambda e: AuditSentence(
        "The API token " + e.summary.removeprefix("API token ").replace(" used today", " was used today", 1) + "."),
    # networks (the entries a network writes in its member's log)
    "network.invited": lambda e: AuditSentence(
        f"{_before(e.summary, ' invited to ')} was invited to join {e.summary.rsplit(' invited to ', 1)[-1]}."),
    "network.joined": lambda e: AuditSentence(e.summary + "."),
    "network.declined": lambda e: AuditSentence(e.summary + "."),
    "network.left": lambda e: AuditSentence(e.summary + "."),
    "network.published": lambda e: AuditSentence("Published " + e.summary.replace(" published to ", " to ", 1) + "."),
    "network.withdrawn": lambda e: AuditSentence("Withdrew " + e.summary.replace(" withdrawn from ", " from ", 1) + "."),
}


def describe(event: AuditEvent) -> AuditSentence:
    """The entry as sentences; an entry of a verb without its own sentence still reads as one."""
    describer = DESCRIBERS.get(event.verb)
    if describer is not None:
        try:
            return describer(event)
        except (KeyError, IndexError, TypeError, ValueError, AttributeError):
            pass  # an entry of an older shape: fall back to its summary, never fail the page
    text = event.summary.rstrip(".") + "."
    changes = event.changes if isinstance(event.changes, dict) else {}
    details = [change_sentence("its", name, change) for name, change in changes.items()]
    return AuditSentence(text, details)
