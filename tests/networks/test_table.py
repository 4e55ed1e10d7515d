"""The network table is the members' published documents, side by side, with medians worked out by hand."""

import io
import json
import statistics

import pytest
from django.core.management import call_command

from metrics.disclosure import get_path
from networks.selectors import ALL_FIGURES, network_table, share_cell, summary

from .conftest import YEAR


def command_json(*args) -> dict:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return json.loads(out.getvalue())


def test_the_network_table_is_each_members_published_document(network, three, published):
    table = network_table(network, YEAR)
    assert [m["organisation"] for m in table["members"]] == sorted(o.slug for o in three)
    printed = command_json("network_table", "alliance", str(YEAR), "--json")
    for org in three:
        expected = command_json("metrics", org.slug, str(YEAR), "--json", "--published", "--scope", "all")
        member = next(m for m in table["members"] if m["organisation"] == org.slug)
        assert member["document"] == expected
        from_command = next(m for m in printed["members"] if m["organisation"] == org.slug)
        assert from_command["scope"] == "all" and from_command["figures"] == expected
    # the three grading schemes meet in the national salary bands
    for m in table["members"]:
        assert [b["band"] for b in m["document"]["metric_1"]["national_bands"]] == [
            "Less than £30,000", "£30,000 to £69,999", "£70,000 and over"]
    assert printed["medians"] == json.loads(json.dumps(table["medians"]))


def test_medians_and_quartiles_by_hand():
    # four values: median (1.0 + 2.0) / 2; inclusive quartiles at positions 0.75 and 2.25 of 0..3
    assert summary([4.0, 0.5, 2.0, 1.0]) == {"count": 4, "median": 1.5, "lower_quartile": 0.875, "upper_quartile": 2.5}
    # three values: the middle one; quartiles halfway to each neighbour
    assert summary([0.9, 0.6, 1.5]) == {"count": 3, "median": 0.9, "lower_quartile": 0.75, "upper_quartile": 1.2}
    assert summary([1.1]) == {"count": 1, "median": 1.1, "lower_quartile": None, "upper_quartile": None}
    assert summary([]) == {"count": 0, "median": None, "lower_quartile": None, "upper_quartile": None}


def test_the_networks_medians_are_of_the_members_published_values(network, published):
    table = network_table(network, YEAR)
    # a figure every member published: the middle value, quartiles halfway to each neighbour (QUARTILE.INC)
    figure = next(f for f in ALL_FIGURES.values()
                  if all(get_path(m["document"], f.path) is not None for m in table["members"]))
    low, middle, high = sorted(get_path(m["document"], figure.path) for m in table["members"])
    places = 2 if figure.kind == "rl" else 1
    assert table["medians"][figure.key] == {
        "path": figure.path, "count": 3, "median": round(middle, places),
        "lower_quartile": round(low + (middle - low) / 2, places),
        "upper_quartile": round(middle + (high - middle) / 2, places)}
    # a figure some members suppressed: the median is of those who published it
    shown = sorted(v for v in (get_path(m["document"], "metric_1.workforce.bme_pct") for m in table["members"])
                   if v is not None)
    assert table["medians"]["metric_1"]["count"] == len(shown) >= 2
    assert table["medians"]["metric_1"]["median"] == round(sum(shown[len(shown) // 2 - 1: len(shown) // 2 + 1]) / 2
                                                           if len(shown) % 2 == 0 else shown[len(shown) // 2], 1)


@pytest.mark.parametrize("count, shown", [(0, "0.0%"), (1, "<10%"), (3, "<10%"), (4, "13.3%"), (None, "withheld")])
def test_the_seeds_small_share_rule_at_its_boundary(count, shown):
    pct = None if count is None else count / 30 * 100
    assert share_cell(count, pct, 3)["text"] == shown
