"""Write the demo's workforce extracts (fixtures/demo/workforce/KIND-YEAR.csv): a believable children's
services workforce of about 1,500 people over two reporting years, in the messy spellings of a real HR
export. Deterministic (seeded), so running it again writes the same files; `load_demo` uploads them
through the same check and confirm as a user's upload.

    .venv/bin/python scripts/make_demo_extracts.py
"""

import random
from datetime import date


BANDS = [("Scale 1-3", 11.8), ("Scale 4-6", 14.2), ("SO1-SO2", 17.4), ("PO1-PO4", 21.9), ("PO5-PO8", 26.5),
         ("SMG1-SMG3", 38.0)]
WHITE = ["White - English/Welsh/Scottish/Northern Irish/British", "White British", "White - Irish", "Any other White background"]
BME = ["Black or Black British - African", "Black Caribbean", "Asian or Asian British - Indian", "Pakistani", "Bangladeshi",
       "Mixed White and Black Caribbean", "Any other Black background", "Arab", "Chinese", "Any other mixed background"]
UNKNOWN = ["Not stated", "Prefer not to say", ""]


def _person_group(rng: random.Random, band_index: int) -> str:
    # BME staff are over-represented in the lower bands and under-represented at the top, as in the seeds.
    bme_share = [0.52, 0.48, 0.44, 0.38, 0.30, 0.18][band_index]
    roll = rng.random()
    return "unknown" if roll < 0.06 else ("bme" if roll < 0.06 + bme_share else "white")


def _csv(header: list[str], rows: list[list]) -> bytes:
    def cell(value) -> str:
        text = "" if value is None else str(value)
        return f'"{text}"' if "," in text else text

    return ("\n".join([",".join(header)] + [",".join(cell(v) for v in row) for row in rows]) + "\n").encode()


def demo_extracts(year: int, seed: int = 7) -> dict[str, bytes]:
    rng = random.Random(seed + year)
    start = date(year - 1, 4, 1)
    staff, people = [], []
    for i in range(1500):
        band_index = min(int(rng.random() ** 1.4 * len(BANDS)), len(BANDS) - 1)
        band, pay = BANDS[band_index]
        group = _person_group(rng, band_index)
        ethnicity = rng.choice({"white": WHITE, "bme": BME, "unknown": UNKNOWN}[group])
        employee = f"E{10000 + i}"
        left = ""
        leave_roll = rng.random() * (1.25 if group == "bme" else 1.0)
        if leave_roll < 0.11:
            left = date.fromordinal(start.toordinal() + rng.randrange(360)).strftime("%d/%m/%Y")
        sex = "F" if rng.random() < 0.78 else "M"
        hourly = round(pay * rng.uniform(0.94, 1.06) * (0.97 if sex == "F" and band_index > 2 else 1.0), 2)
        staff.append([employee, f"Person {i}", ethnicity, band, sex, rng.choice(["N", "N", "N", "N", "Y", "Prefer not to say", ""]),
                      f"£{hourly}", "Y", left, "Y" if band_index == 5 else "N", "Y" if band_index in (2, 3) else "N"])
        people.append((employee, group, band_index))
    cases, cpd = [], []
    for employee, group, band_index in people:
        if rng.random() < (0.045 if group == "bme" else 0.02):
            cases.append([f"C{len(cases) + 1}", employee, "Disciplinary", _day(rng, start)])
        if band_index in (2, 3) and rng.random() < (0.02 if group == "bme" else 0.012):
            cases.append([f"C{len(cases) + 1}", employee, "Fitness to Practise", _day(rng, start)])
        if rng.random() < (0.22 if group == "bme" else 0.3):
            cpd.append([employee, "Leadership development", "N", "Y", _day(rng, start)])
        if rng.random() < 0.5:
            cpd.append([employee, "Safeguarding refresher", "Y", "Y", _day(rng, start)])
    recruitment = []
    for n in range(520):
        group = "bme" if rng.random() < 0.55 else "white"
        appointed_chance = 0.16 if group == "bme" else 0.24
        recruitment.append([f"A{n}", f"V{n % 40}", rng.choice(BME if group == "bme" else WHITE), "Yes",
                            "Yes" if rng.random() < appointed_chance else "No", _day(rng, start)])
    survey = []
    for n in range(800):
        group = "bme" if rng.random() < 0.45 else "white"
        survey.append([rng.choice(BME if group == "bme" else WHITE),
                       "Yes" if rng.random() < (0.31 if group == "bme" else 0.24) else "No",
                       "Yes" if rng.random() < (0.17 if group == "bme" else 0.11) else "No",
                       "Yes" if rng.random() < (0.12 if group == "bme" else 0.09) else ("No" if rng.random() < 0.95 else "")])
    return {
        "staff": _csv(["Employee Number", "Full Name", "Ethnic Origin", "Grade", "Gender", "Disabled", "Hourly Rate",
                       "Full Pay Relevant", "Date Left", "Senior Manager", "Registered Social Worker"], staff),
        "casework": _csv(["Case Ref", "Employee Number", "Case Type", "Date Opened"], cases),
        "cpd": _csv(["Employee Number", "Course", "Mandatory", "Funded", "Date"], cpd),
        "recruitment": _csv(["Applicant ID", "Vacancy Reference", "Ethnicity", "Shortlisted", "Appointed", "Decision Date"], recruitment),
        "survey": _csv(["Ethnicity", "Harassment from public", "Harassment from colleagues", "Harassment from managers"], survey),
    }


def _day(rng: random.Random, start: date) -> str:
    return date.fromordinal(start.toordinal() + rng.randrange(364)).isoformat()


if __name__ == "__main__":
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / "fixtures" / "demo" / "workforce"
    folder.mkdir(parents=True, exist_ok=True)
    for year in (2025, 2026):
        for kind, data in demo_extracts(year).items():
            (folder / f"{kind}-{year}.csv").write_bytes(data)
