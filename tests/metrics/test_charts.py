"""The charts are pure: a (published) §8 document in, SVG text out, the same for the same figures."""

from xml.dom import minidom

from edi_tracker import charts

DOCUMENT = {
    "year": 2022,
    "metric_1": {"bands": [
        {"band": "Scale 1-3", "white_pct": 62.5, "bme_pct": 30.0, "not_known_pct": 7.5},
        {"band": "PO1-PO4", "white_pct": 80.0, "bme_pct": None, "not_known_pct": None},  # suppressed shares
    ]},
    "pay_gaps": {"gender": {"quartiles": [{"quartile": n, "female_pct": 75.0, "male_pct": 25.0} for n in (1, 2, 3, 4)]},
                 "ethnicity": None},
}


def test_pay_band_chart_names_itself_and_labels_its_bars():
    svg = charts.pay_band_chart(DOCUMENT, "Global Majority")
    root = minidom.parseString(svg).documentElement
    assert root.getAttribute("role") == "img"
    title_id, desc_id = root.getAttribute("aria-labelledby").split()
    titles = {e.getAttribute("id"): e.firstChild.data for e in root.getElementsByTagName("title") + root.getElementsByTagName("desc")
              if e.getAttribute("id")}
    assert titles[title_id] == "Ethnicity of staff in each pay band, 2022"
    assert "Global Majority" in titles[desc_id]
    # Bands, legend words and each share of 6% or more written on its bar: colour is never alone.
    for text in ("Scale 1-3", "PO1-PO4", "Global Majority", "Not known", "62%", "30%", "8%", "80%"):
        assert f">{text}<" in svg, text
    assert "Date" not in svg and svg == charts.pay_band_chart(DOCUMENT, "Global Majority")


def test_quartile_charts_and_missing_figures():
    svg = charts.quartile_chart(DOCUMENT, "gender", "BME")
    for text in ("Pay quartiles by sex, 2022", "Lower", "Lower middle", "Upper middle", "Upper", "Women", "Men", "75%", "25%"):
        assert f">{text}<" in svg, text
    assert charts.quartile_chart(DOCUMENT, "ethnicity", "BME") is None
    assert charts.pay_band_chart({"year": 2022, "metric_1": None}, "BME") is None
