"""How an action's status is presented, in one table: its word, GOV.UK tag, chart colour and hatch, and the
order in which dashboards, charts and the PDF list the statuses.

Status is a plans concept (`plans.models.Status` holds the values and the form labels), but its
presentation sits here, at the bottom of the dependency arrow, so that `plans`, the chart module
(`edi_tracker.charts`), the templates (`includes/status_tag.html`, through the `status_look` filter) and
the PDF all read the same table. The word always travels with the colour; the hatch tells the bars apart
when the colour cannot (printed in grey, or for a reader who cannot see the difference).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class StatusLook:
    value: str  # plans.models.Status value
    word: str  # short word for tags, tables, charts and the PDF ("Amber"); forms use the long label
    tag_class: str  # GOV.UK tag modifier
    colour: str  # bar colour in charts (GOV.UK colours)
    hatch: str  # matplotlib hatch pattern, distinct for each status
    text_colour: str  # colour of a number written on the bar


# In the order the dashboards, charts and PDF list them: what needs attention first.
STATUS_LOOKS: tuple[StatusLook, ...] = (
    StatusLook("red", "Red", "govuk-tag--red", "#d4351c", "///", "#ffffff"),
    StatusLook("amber", "Amber", "govuk-tag--orange", "#f47738", "\\\\\\", "#ffffff"),
    StatusLook("green", "Green", "govuk-tag--green", "#00703c", "|||", "#ffffff"),
    StatusLook("complete", "Complete", "govuk-tag--blue", "#1d70b8", "xxx", "#ffffff"),
    StatusLook("not_started", "Not started", "govuk-tag--grey", "#b1b4b6", "", "#0b0c0c"),
)
BY_VALUE: dict[str, StatusLook] = {look.value: look for look in STATUS_LOOKS}
STATUS_ORDER: list[str] = [look.value for look in STATUS_LOOKS]
DEFAULT = BY_VALUE["not_started"]


def status_look(value: str | None) -> StatusLook:
    """The presentation of a status value; an empty or unknown value is shown as not started."""
    return BY_VALUE.get(str(value or ""), DEFAULT)


def status_word(value: str | None) -> str:
    return status_look(value).word
