"""Controlled vocabularies and the normalisers that map free text onto them (metrics.md §2, §7).

Every lookup is on a key with case, spaces and punctuation removed, so `White - Irish`,
`white: irish` and `WHITE IRISH` are one key.
"""

import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from .models import Declared, EthnicGroup, Ethnicity, Sex, WresGroup


def key(text) -> str:
    return re.sub(r"[^a-z0-9]+", "", str(text or "").lower())


E = Ethnicity
GROUP_OF = {
    E.WHITE_BRITISH: EthnicGroup.WHITE, E.WHITE_IRISH: EthnicGroup.WHITE, E.WHITE_GYPSY_TRAVELLER: EthnicGroup.WHITE,
    E.WHITE_ROMA: EthnicGroup.WHITE, E.WHITE_OTHER: EthnicGroup.WHITE,
    E.MIXED_WHITE_BLACK_CARIBBEAN: EthnicGroup.MIXED, E.MIXED_WHITE_BLACK_AFRICAN: EthnicGroup.MIXED,
    E.MIXED_WHITE_ASIAN: EthnicGroup.MIXED, E.MIXED_OTHER: EthnicGroup.MIXED,
    E.ASIAN_INDIAN: EthnicGroup.ASIAN, E.ASIAN_PAKISTANI: EthnicGroup.ASIAN, E.ASIAN_BANGLADESHI: EthnicGroup.ASIAN,
    E.ASIAN_CHINESE: EthnicGroup.ASIAN, E.ASIAN_OTHER: EthnicGroup.ASIAN,
    E.BLACK_AFRICAN: EthnicGroup.BLACK, E.BLACK_CARIBBEAN: EthnicGroup.BLACK, E.BLACK_OTHER: EthnicGroup.BLACK,
    E.OTHER_ARAB: EthnicGroup.OTHER, E.OTHER_ANY: EthnicGroup.OTHER,
    E.PREFER_NOT_TO_SAY: EthnicGroup.NOT_KNOWN, E.NOT_KNOWN: EthnicGroup.NOT_KNOWN,
}


def wres_group(ethnicity: str) -> str:
    group = GROUP_OF[ethnicity]
    if group == EthnicGroup.NOT_KNOWN:
        return WresGroup.NOT_KNOWN
    return WresGroup.WHITE if group == EthnicGroup.WHITE else WresGroup.BME


# The category names, each with the wordings of the 2001, 2011 and 2021 censuses and common short forms.
_NAMES = {
    E.WHITE_BRITISH: ["English, Welsh, Scottish, Northern Irish or British", "English/Welsh/Scottish/Northern Irish/British",
                      "British", "White British", "English", "Welsh", "Scottish", "Northern Irish", "White English",
                      "White Scottish", "White Welsh", "White UK"],
    E.WHITE_IRISH: ["Irish", "White Irish"],
    E.WHITE_GYPSY_TRAVELLER: ["Gypsy or Irish Traveller", "Gypsy", "Irish Traveller", "Traveller", "Gypsy Traveller",
                              "White Gypsy or Irish Traveller"],
    E.WHITE_ROMA: ["Roma", "White Roma"],
    E.WHITE_OTHER: ["Other White", "Any other White background", "Other White background", "White other",
                    "Any other white", "White European", "White - other"],
    E.MIXED_WHITE_BLACK_CARIBBEAN: ["White and Black Caribbean", "Mixed White and Black Caribbean"],
    E.MIXED_WHITE_BLACK_AFRICAN: ["White and Black African", "Mixed White and Black African"],
    E.MIXED_WHITE_ASIAN: ["White and Asian", "Mixed White and Asian"],
    E.MIXED_OTHER: ["Other Mixed or Multiple ethnic groups", "Other Mixed", "Any other Mixed background",
                    "Any other Mixed/Multiple ethnic background", "Other Mixed background", "Mixed other",
                    "Any other mixed or multiple ethnic background", "Mixed"],
    E.ASIAN_INDIAN: ["Indian", "Asian Indian", "British Indian"],
    E.ASIAN_PAKISTANI: ["Pakistani", "Asian Pakistani", "British Pakistani"],
    E.ASIAN_BANGLADESHI: ["Bangladeshi", "Asian Bangladeshi", "British Bangladeshi"],
    E.ASIAN_CHINESE: ["Chinese", "Asian Chinese", "Chinese or other ethnic group: Chinese"],
    E.ASIAN_OTHER: ["Other Asian", "Any other Asian background", "Other Asian background", "Asian other"],
    E.BLACK_AFRICAN: ["African", "Black African"],
    E.BLACK_CARIBBEAN: ["Caribbean", "Black Caribbean"],
    E.BLACK_OTHER: ["Other Black", "Any other Black background", "Any other Black/African/Caribbean background",
                    "Other Black background", "Black other", "Any other Black, Black British, or Caribbean background"],
    E.OTHER_ARAB: ["Arab", "Other Arab"],
    E.OTHER_ANY: ["Any other ethnic group", "Other ethnic group", "Any other", "Other", "Other ethnic background",
                  "Any other ethnic background"],
    E.PREFER_NOT_TO_SAY: ["Prefer not to say", "Not stated", "Not declared", "Information refused", "Refused",
                          "Declined", "Do not wish to disclose", "Not disclosed", "I do not wish to disclose"],
    E.NOT_KNOWN: ["Not known", "Unknown", "Not recorded", "Blank"],
}
# Group prefixes the censuses and systems put before a category, in any of their wordings.
_PREFIXES = {
    EthnicGroup.WHITE: ["White"],
    EthnicGroup.MIXED: ["Mixed", "Mixed or Multiple ethnic groups", "Mixed/multiple ethnic groups",
                        "Mixed/Multiple ethnic group", "Multiple"],
    EthnicGroup.ASIAN: ["Asian", "Asian or Asian British", "Asian/Asian British", "Asian, Asian British or Asian Welsh",
                        "Asian British", "Asian or Asian British or Asian Welsh"],
    EthnicGroup.BLACK: ["Black", "Black or Black British", "Black/African/Caribbean/Black British",
                        "Black, Black British, Black Welsh, Caribbean or African", "Black British",
                        "Black, African, Caribbean or Black British"],
    EthnicGroup.OTHER: ["Other ethnic group", "Other", "Chinese or other ethnic group", "Other Ethnic Groups"],
}
# NHS Data Dictionary ethnic category codes (2001 census categories).
NHS_CODES = {
    "A": E.WHITE_BRITISH, "B": E.WHITE_IRISH, "C": E.WHITE_OTHER, "D": E.MIXED_WHITE_BLACK_CARIBBEAN,
    "E": E.MIXED_WHITE_BLACK_AFRICAN, "F": E.MIXED_WHITE_ASIAN, "G": E.MIXED_OTHER, "H": E.ASIAN_INDIAN,
    "J": E.ASIAN_PAKISTANI, "K": E.ASIAN_BANGLADESHI, "L": E.ASIAN_OTHER, "M": E.BLACK_CARIBBEAN,
    "N": E.BLACK_AFRICAN, "P": E.BLACK_OTHER, "R": E.ASIAN_CHINESE, "S": E.OTHER_ANY, "Z": E.PREFER_NOT_TO_SAY,
    "99": E.NOT_KNOWN,
}


def _build_ethnicity_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for category, names in _NAMES.items():
        lookup[key(category.label)] = category
        lookup[key(category.value)] = category
        for name in names:
            lookup.setdefault(key(name), category)
            group = GROUP_OF[category]
            for prefix in _PREFIXES.get(group, []):
                lookup.setdefault(key(f"{prefix} {name}"), category)
    for code, category in NHS_CODES.items():
        lookup[key(code)] = category
    lookup[""] = E.NOT_KNOWN
    return lookup


ETHNICITY = _build_ethnicity_lookup()

SEX = {
    **{k: Sex.FEMALE for k in ("f", "female", "woman", "women", "w")},
    **{k: Sex.MALE for k in ("m", "male", "man", "men")},
    **{k: Sex.OTHER for k in ("other", "nonbinary", "x", "intersex", "identifiesanotherway")},
    **{k: Sex.PREFER_NOT_TO_SAY for k in ("prefernottosay", "notstated", "notdeclared", "refused", "informationrefused")},
    **{k: Sex.NOT_KNOWN for k in ("", "notknown", "unknown", "u")},
}
DECLARED = {
    **{k: Declared.YES for k in ("y", "yes", "true", "1", "disabled", "yesdisabled", "hasadisability")},
    **{k: Declared.NO for k in ("n", "no", "false", "0", "notdisabled", "nodisability", "nottdisabled")},
    **{k: Declared.PREFER_NOT_TO_SAY for k in ("prefernottosay", "notstated", "notdeclared", "refused", "informationrefused")},
    **{k: Declared.NOT_KNOWN for k in ("", "notknown", "unknown")},
}
YES_NO = {"y": True, "yes": True, "true": True, "1": True, "n": False, "no": False, "false": False, "0": False}
CASE_TYPES = {"disciplinary": "disciplinary", "discipline": "disciplinary", "fitnesstopractise": "fitness_to_practise",
              "fitnesstopractice": "fitness_to_practise", "ftp": "fitness_to_practise"}

SOCIAL_CARE_AREAS = {
    **{k: "adults" for k in ("adults", "adult", "adultsocialcare", "adultssocialcare", "asc", "adultservices")},
    **{k: "children" for k in ("children", "child", "childrens", "childrenssocialcare", "childrensocialcare", "csc",
                               "childrensservices")},
    **{k: "none" for k in ("none", "no", "notsocialcare", "n/a", "na", "")},
}

MONTHS = {m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
EXCEL_EPOCH = date(1899, 12, 30)


def parse_date(value) -> date | None:
    try:
        return _parse_date(value)
    except ValueError:
        raise ValueError("is not a date (write it like 2022-03-31 or 31/03/2022)") from None


def _parse_date(value) -> date | None:
    """ISO `2022-01-31`, `31/01/2022`, `31.01.2022`, `31-Jan-2022` or a real spreadsheet date.
    None for blank; ValueError for anything else."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]+)?", text):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text):
        return date(int(m[3]), int(m[2]), int(m[1]))
    if m := re.fullmatch(r"(\d{1,2})[- ]([A-Za-z]{3})[A-Za-z]*[- ](\d{4})", text):
        month = MONTHS.get(m[2].lower())
        if month:
            return date(int(m[3]), month, int(m[1]))
    if re.fullmatch(r"\d{5}(\.0+)?", text):  # a spreadsheet serial number
        return EXCEL_EPOCH + timedelta(days=int(float(text)))
    raise ValueError("is not a date (write it like 2022-03-31 or 31/03/2022)")


def parse_pay(value, limit=100000, too_large="is too large for an hourly rate") -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        amount = Decimal(str(value))
    else:
        text = str(value).strip().replace(",", "")
        if not text:
            return None
        text = text.removeprefix("£").strip()
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValueError("is not an amount of money (write it like 17.59 or £17.59)") from None
    if not amount.is_finite():
        raise ValueError("is not an amount of money")
    if amount < 0:
        raise ValueError("is negative: pay cannot be below zero")
    if amount > limit:
        raise ValueError(too_large)
    return amount


def parse_money(value) -> Decimal | None:
    """An amount of a period's pay, a salary or a bonus: `31250`, `£31,250.00`."""
    return parse_pay(value, limit=10_000_000, too_large="is too large for an amount of pay (more than £10,000,000)")


def parse_hours(value) -> Decimal | None:
    """Weekly hours: more than 0 and at most 168."""
    if value is None or str(value).strip() == "":
        return None
    try:
        hours = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError("is not a number of hours (write it like 37 or 22.5)") from None
    if not hours.is_finite() or not 0 < hours <= 168:
        raise ValueError("is not a number of weekly hours between 0 and 168")
    return hours


def parse_days(value) -> int | None:
    """Days in the relevant pay period: a whole number from 1 to 366."""
    if value is None or str(value).strip() == "":
        return None
    try:
        days = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError("is not a number of days (write it like 31)") from None
    if not days.is_finite() or days != days.to_integral_value() or not 1 <= days <= 366:
        raise ValueError("is not a whole number of days from 1 to 366")
    return int(days)
