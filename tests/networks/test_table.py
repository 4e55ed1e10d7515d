"""The network table is the members' published documents, side by side, with medians worked out by hand."""

import io
import json
import statistics

from decimal import Decimal

import pytest
from django.core.management import call_command

from metrics.disclosure import get_path
from networks.selectors import ALL_FIGURES, network_table, pay_band_table, share_cell, summary

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
    # …and each broad ethnic group of BME with it, in the workforce row and every national band, as published
    bands = pay_band_table(table)
    for m in table["members"]:
        row = next(r for r in bands["rows"] if r["organisation"] == m["organisation"])
        published_rows = [m["document"]["metric_1"]["workforce"]] + m["document"]["metric_1"]["national_bands"]
        for group in row["groups"]:
            assert len(group["cells"]) == len(published_rows) == 4
            for cell, published_row in zip(group["cells"], published_rows):
                count, pct = published_row[group["group"]], published_row[f"{group['group']}_pct"]
                assert cell["text"] == share_cell(count, pct, m["threshold"])["text"]
                if count is not None and count > 3 and pct is not None:
                    assert cell["text"] == f"{pct:.1f}%"
        for published_row in published_rows:
            groups = [published_row[g] for g in ("asian", "black", "mixed", "other")]
            if None not in groups and published_row["bme"] is not None:
                assert sum(groups) == published_row["bme"]
    # the generated members have staff of every broad group, some of it published
    shown = {g for m in table["members"] for g in ("asian", "black", "mixed", "other")
             if m["document"]["metric_1"]["workforce"][g]}
    assert shown == {"asian", "black", "mixed", "other"}
    # the network total of a group is the sum of the members' published counts, where all are published
    for i, total in enumerate(table["totals"]):
        for g in ("asian", "black", "mixed", "other"):
            cells = [([m["document"]["metric_1"]["workforce"]] + m["document"]["metric_1"]["national_bands"])[i][g]
                     for m in table["members"]]
            assert total[g] == (None if None in cells else sum(cells))
    printed_totals = printed["totals"]
    assert printed_totals == json.loads(json.dumps(table["totals"]))


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


def test_a_members_local_population_by_group_is_shown_beside_each_groups_shares(network, three):
    from metrics.services import organisation_metric_settings_update
    from networks import services

    north = three[0]
    organisation_metric_settings_update(
        organisation=north, actor=None, disclosure_threshold=10, bme_label=north.bme_label,
        local_population_bme_pct=Decimal("41"), pay_band_order=[], local_population_white_pct=Decimal("59"),
        local_population_asian_pct=Decimal("18.5"), local_population_black_pct=Decimal("13.2"),
        local_population_mixed_pct=None, local_population_other_pct=Decimal("4.2"))
    services.publish_metrics(network=network, organisation=north, year=YEAR, scope="all")
    services.publish_metrics(network=network, organisation=three[1], year=YEAR, scope="all")
    table = network_table(network, YEAR)
    member = next(m for m in table["members"] if m["organisation"] == north.slug)
    assert member["local_population"] == {"bme": 41.0, "asian": 18.5, "black": 13.2, "other": 4.2, "white": 59.0}
    rows = {r["organisation"]: r for r in pay_band_table(table)["rows"]}
    local = {g["group"]: g["local"] and g["local"]["text"] for g in rows[north.slug]["groups"]}
    assert local == {"bme": "41.0%", "asian": "18.5%", "black": "13.2%", "mixed": "not set", "other": "4.2%",
                     "white": "59.0%", "not_known": None}
    assert {g["local"]["text"] for g in rows[three[1].slug]["groups"] if g["local"]} == {"not set"}
    # the settings as they were when it published: a later change does not alter the publication
    organisation_metric_settings_update(organisation=north, actor=None, disclosure_threshold=10, bme_label=north.bme_label,
                                        local_population_bme_pct=None, pay_band_order=[], local_population_asian_pct=None)
    assert next(m for m in network_table(network, YEAR)["members"] if m["organisation"] == north.slug)[
        "local_population"]["asian"] == 18.5
    printed = command_json("network_table", "alliance", str(YEAR), "--json")
    assert next(m for m in printed["members"] if m["organisation"] == north.slug)["local_population"] == {
        "bme": 41.0, "asian": 18.5, "black": 13.2, "other": 4.2, "white": 59.0}


def test_a_publication_older_than_the_groups_shows_them_as_not_published(network, published):
    # A document published before metric 1 gave the broad groups has no such keys: "not published", never
    # "withheld", and the network's total of the group is not shown.
    old = published[0]
    for row in [old.document["metric_1"]["workforce"]] + old.document["metric_1"]["national_bands"]:
        for g in ("asian", "black", "mixed", "other"):
            row.pop(g), row.pop(f"{g}_pct")
    old.save(update_fields=["document"])
    table = network_table(network, YEAR)
    bands = pay_band_table(table)
    row = next(r for r in bands["rows"] if r["organisation"] == old.organisation.slug)
    assert {c["text"] for g in row["groups"] if g["group"] == "asian" for c in g["cells"]} == {"not published"}
    assert {c["text"] for g in bands["total"]["groups"] if g["group"] == "asian" for c in g["cells"]} == {"not shown"}
    assert all(total["asian"] is None for total in table["totals"])
