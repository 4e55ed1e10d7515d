"""A generator of messy staff extracts, for the benchmarks: the spellings, formats and gaps of real
HR exports (several ethnicity wordings and NHS codes, £ signs, day-first and ISO dates, blanks)."""

import random

ETHNICITIES = [
    "White - English/Welsh/Scottish/Northern Irish/British", "White British", "A", "White - Irish", "Any other White background",
    "Black or Black British - African", "Black African", "N", "Black Caribbean", "M", "Asian or Asian British - Indian",
    "Pakistani", "Bangladeshi", "Chinese", "Mixed White and Asian", "White and Black Caribbean", "Arab", "Not stated",
    "Prefer not to say", "", "Z", "99",
]
BANDS = [("Scale 1-3", 10.5), ("Scale 4-6", 13.0), ("SO1", 16.5), ("SO2", 18.0), ("PO1-PO4", 21.0), ("PO5-PO8", 26.0),
         ("SMG1", 35.0), ("SMG2", 45.0)]
SEXES = ["F", "Female", "M", "Male", "female", "male", ""]
DISABILITY = ["N", "No", "Y", "Yes", "Prefer not to say", "", "Not disabled"]
HEADER = ["Employee Number", "Full Name", "Ethnic Origin", "Grade", "Department", "Gender", "Disabled", "Hourly Rate",
          "Full Pay Relevant", "Date Left", "Senior Manager", "Registered Social Worker"]


def staff_csv(rows: int, seed: int = 1) -> bytes:
    rng = random.Random(seed)
    lines = [",".join(HEADER)]
    for i in range(rows):
        band, pay = rng.choice(BANDS)
        pay = round(pay * rng.uniform(0.9, 1.1), 2)
        pay_text = f"£{pay}" if rng.random() < 0.5 else f"{pay}"
        left = ""
        roll = rng.random()
        if roll < 0.08:
            left = f"{rng.randint(1, 28):02d}/{rng.randint(4, 12):02d}/2021"
        elif roll < 0.12:
            left = f"2022-0{rng.randint(1, 3)}-{rng.randint(1, 28):02d}"
        lines.append(",".join([
            str(100000 + i), f"Person {i}", f'"{rng.choice(ETHNICITIES)}"', band, rng.choice(["Children's Social Care", "Education", "Commissioning"]),
            rng.choice(SEXES), rng.choice(DISABILITY), pay_text, rng.choice(["Y", "Y", "Y", "N"]), left,
            "Y" if band.startswith("SMG") else "N", rng.choice(["Y", "N"]),
        ]))
    return ("\n".join(lines) + "\n").encode("utf-8")
