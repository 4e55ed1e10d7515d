"""The pay gaps' arrays (metrics.compute.PayData: NumPy, one counted row per distinct pay and combination
of values) against the plain definitions on generated pay: each person one by one, the quartiles by
quartiles_of_runs (runs of equal pay shared by largest remainder), the median by counted_median, the mean
as sum ÷ count. Ties are frequent (few distinct pays), so runs cross quartile boundaries often."""

import math
from collections import Counter

from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from metrics.compute import PayData, counted_median, quartile_sizes, quartiles

SEXES = ("female", "male", "other", "not_known")
ETHNICITIES = ("white_british", "white_irish", "asian_indian", "black_african", "not_known")
DISABILITIES = ("yes", "no", "prefer_not_to_say")

person = st.tuples(
    st.one_of(st.none(), st.sampled_from([7.5, 9.25, 10.0, 10.1, 12.0, 20.0, 31.125])),  # hourly pay (None: not full-pay relevant)
    st.one_of(st.none(), st.sampled_from([50.0, 100.0, 250.5])),  # bonus (None: none above 0)
    st.sampled_from(SEXES), st.sampled_from(ETHNICITIES), st.sampled_from(DISABILITIES),
)


def counted(people):
    """The rows of metrics.compute.pay_data's query: one per distinct person, with its count, in an
    arbitrary order (the query has no ORDER BY)."""
    return [(*key, n) for key, n in sorted(Counter(people).items(), key=lambda item: repr(item[0]), reverse=True)]


def plain_stats(pays):
    if not pays:
        return 0, None, None
    return len(pays), sum(pays) / len(pays), counted_median(sorted(Counter(pays).items()))


@hsettings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(person, max_size=60))
def test_pay_data_matches_the_plain_definitions(people):
    data = PayData(counted(people))
    for column, field, groups in ((2, "sex", {"female": {"female"}, "male": {"male"}}),
                                  (3, "ethnicity", {"bme": {"asian_indian", "black_african"},
                                                    "white": {"white_british", "white_irish"}, "not_known": {"not_known"}}),
                                  (4, "disability", {"disabled": {"yes"}, "not_disabled": {"no"}})):
        characteristic = data.of(field)
        assert characteristic.relevant == Counter(p[column] for p in people)
        for values in [*groups.values(), set(groups["female" if field == "sex" else next(iter(groups))]) | {"nobody"}]:
            for kind, at in (("hourly", 0), ("bonus", 1)):
                count, mean, median = characteristic.stats(values, kind)
                pays = [p[at] for p in people if p[column] in values and p[at] is not None]
                expected = plain_stats(pays)
                assert (count, median) == (expected[0], expected[2])
                assert (mean is None) == (expected[1] is None)
                assert mean is None or math.isclose(mean, expected[1], rel_tol=1e-12)
        group_of = {value: key for key, values in groups.items() for value in values}
        ranked = [(p[0], group_of[p[column]]) for p in people if p[0] is not None and p[column] in group_of]
        table = characteristic.quartiles(groups)
        if not ranked:
            assert table is None
            continue
        assert table == quartiles(ranked, list(groups))
        assert [row["count"] for row in table] == quartile_sizes(len(ranked))


def test_a_run_of_equal_pay_across_three_quartiles_is_shared_as_quartiles_of_runs_shares_it():
    # 9 women and 3 men at £10 between one man at £5 and one woman at £20: 14 ranked, quartiles of
    # 4, 3, 4, 3; the run of 12 takes 3, 3, 4 and 2 places.
    people = [(5.0, None, "male", "white_british", "no")] + [(10.0, None, "female", "white_british", "no")] * 9 \
        + [(10.0, None, "male", "white_british", "no")] * 3 + [(20.0, None, "female", "white_british", "no")]
    table = PayData(counted(people)).of("sex").quartiles({"female": {"female"}, "male": {"male"}})
    assert [(row["female"], row["male"]) for row in table] == [(2, 2), (2, 1), (3, 1), (3, 0)]
    assert table == quartiles([(p[0], p[2]) for p in people], ["female", "male"])
