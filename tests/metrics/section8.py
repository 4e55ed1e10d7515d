"""A raw document in the shape of metrics.md §8, worked out by hand, for the disclosure audit's tests.

A council of 60 in post on 31 March 2022 (scope all): White 40 (White British 32, other White 8), BME 14,
not known 6. Four leavers in the year (White 3, BME 1), none on 31 March: 64 in the year. Four staff on
reduced-pay leave (White British 2, other White 1, BME 1; by disability: 3 not disabled, 1 not known),
everyone else full-pay relevant with an hourly pay: 56 in the hourly-pay population.

    pay band      White  BME  Not known  All
    Band A           25   10          3   38
    Band B           15    4          3   22
    workforce        40   14          6   60

Sex, in post: 37 women, 19 men, 2 other, 2 not known; in the hourly-pay population 35 women, 18 men and
3 others or not known (the left out of the gender gap). Disability, in post: 5 disabled, 45 not
disabled, 3 prefer not to say, 7 not known.
"""

import copy


def pct(n, d):
    return None if not d else n / d * 100


def rate(n, d):
    return None if not d else n / d


def _rates(white, bme, share=rate):
    name = "rate" if share is rate else "pct"
    doc = {"white": {"numerator": white[0], "denominator": white[1], name: share(*white)},
           "bme": {"numerator": bme[0], "denominator": bme[1], name: share(*bme)}}
    w, b = share(*white), share(*bme)
    if share is rate:
        doc["relative_likelihood"] = b / w if w else None
        doc["relative_likelihood_nhs"] = w / b if w and b else None
    else:
        doc["ratio"] = b / w if w else None
    return doc


def _row(white, bme, not_known, **extra):
    headcount = white + bme + not_known
    return {**extra, "headcount": headcount, "white": white, "bme": bme, "not_known": not_known,
            "white_pct": pct(white, headcount), "bme_pct": pct(bme, headcount), "not_known_pct": pct(not_known, headcount)}


def _quartiles(rows, groups):
    out = []
    for number, counts in enumerate(rows, start=1):
        count = sum(counts)
        row = {"quartile": number, "count": count, **dict(zip(groups, counts))}
        row.update({f"{g}_pct": pct(n, count) for g, n in zip(groups, counts)})
        out.append(row)
    return out


def _measures(employees, relevant, quartiles=None, **extra):
    measures = {"mean_pct": 8.1, "median_pct": 5.2, "bonus_mean_pct": None, "bonus_median_pct": None,
                "bonus_received_pct": {g: 0.0 for g in relevant}, "employees": employees, "relevant_employees": relevant}
    if quartiles is not None:
        measures["quartiles"] = quartiles
    measures.update(extra)
    return measures


def document() -> dict:
    bands = [_row(25, 10, 3, band="Band A"), _row(15, 4, 3, band="Band B")]
    workforce = _row(40, 14, 6)
    workforce.pop("band", None)
    for band in bands:
        band["bme_pct_difference"] = band["bme_pct"] - workforce["bme_pct"]
    return copy.deepcopy({
        "organisation": "hand-worked", "year": 2022, "scope": "all",
        "period": {"start": "2021-04-01", "end": "2022-03-31", "snapshot": "2022-03-31"},
        "workforce": {"in_post": 60, "in_year": 64, "leavers": 4},
        "metric_1": {"bands": bands, "workforce": workforce, "national_bands": None, "national_bands_basis": None,
                     "national_bands_left_out": 60},
        "metric_2": _rates((12, 40), (5, 30)),
        "metric_3": _rates((2, 43), (0, 15)),
        "metric_4": None,
        "metric_5": _rates((20, 43), (8, 15)),
        "metric_6": _rates((10, 35), (6, 12), share=pct),
        "metric_7a": _rates((8, 35), (4, 12), share=pct),
        "metric_7b": None,
        # Leavers: White 3 of 43 in the year (40 in post + 3), BME 1 of 15 (14 + 1).
        "metric_8": _rates((3, 43), (1, 15)),
        "metric_9": {"senior": {"headcount": 12, "bme": 2, "bme_pct": pct(2, 12)},
                     "workforce": {"headcount": 60, "bme": 14, "bme_pct": pct(14, 60)},
                     "difference_pp": pct(2, 12) - pct(14, 60),
                     "relative_likelihood": (2 / 14) / (10 / 40), "relative_likelihood_nhs": (10 / 40) / (2 / 14)},
        "pay_gaps": {
            # 53 women and men ranked: quartiles of 14, 13, 13, 13.
            "gender": _measures({"female": 35, "male": 18, "left_out": 3}, {"female": 37, "male": 19},
                                _quartiles([(12, 2), (10, 3), (8, 5), (5, 8)], ("female", "male")), statutory=False),
            # All 56 ranked: quartiles of 14.
            "ethnicity": {
                "reference": "white_british",
                "comparisons": {"other_ethnic_groups": _measures({"other_ethnic_groups": 20, "white_british": 30},
                                                                 {"other_ethnic_groups": 22, "white_british": 32})},
                "employees": {"white_british": 30, "other_ethnic_groups": 20, "not_known": 6},
                "relevant_employees": {"white_british": 32, "other_ethnic_groups": 22, "not_known": 6},
                "quartiles": _quartiles([(6, 6, 2), (7, 5, 2), (8, 5, 1), (9, 4, 1)],
                                        ("white_british", "other_ethnic_groups", "not_known")),
            },
            # White relevant 40 (in post, metric 1) and 37 with an hourly pay: the 3 others are on reduced-pay
            # leave, a number the document never prints but gives away unless it is protected.
            "ethnicity_wres": _measures({"white": 37, "bme": 13, "not_known": 6}, {"white": 40, "bme": 14, "not_known": 6}),
            # 47 with a declared disability ranked: quartiles of 12, 12, 12, 11.
            "disability": _measures({"disabled": 5, "not_disabled": 42, "not_known": 9},
                                    {"disabled": 5, "not_disabled": 45, "not_known": 10},
                                    _quartiles([(2, 10), (1, 11), (1, 11), (1, 10)], ("disabled", "not_disabled"))),
        },
        "declaration_rates": {
            "ethnicity": {"declared": 54, "prefer_not_to_say": 2, "not_known": 4, "rate_pct": pct(54, 60)},
            "disability": {"declared": 50, "prefer_not_to_say": 3, "not_known": 7, "rate_pct": pct(50, 60)},
            "sex": {"declared": 58, "prefer_not_to_say": 0, "not_known": 2, "rate_pct": pct(58, 60)},
        },
        "notes": {"metric_4": "the staff extract has no regulated column", "metric_7b": "the survey did not ask it"},
    })
