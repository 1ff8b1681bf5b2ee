"""The trend: one axis, bars split by afstemming, each year marked by its source; its reader view."""

from __future__ import annotations

import pandas as pd
import pytest

from figure_inputs import (
    close_figures,  # noqa: F401 (autouse: every figure a test draws is closed)
    read_back,
    trend_table,
)
from preventie.figures import data_view
from preventie.figures.trend import trend_chart


def test_trend_marks_published_recomputed_and_new_years_and_states_the_numbers():
    figure = trend_chart(trend_table())
    texts = [t.get_text() for t in figure.figure.axes[0].texts]
    assert "81 *" in texts and "95 †" in texts and "116" in texts  # a new year is unmarked
    assert "81 in 2018; 95 in 2019; 116 in 2020" in figure.alt and "42% in 2020" in figure.alt
    assert "Het aantal van 2018 komt uit een eerdere factsheet" in figure.alt
    assert "Het aantal van 2019 is herberekend en gelijk aan het gepubliceerde" in figure.alt
    notes = " ".join(t.get_text() for t in figure.figure.texts)
    assert "* Gepubliceerd aantal uit een eerdere factsheet, niet herberekend." in notes
    assert "† Herberekend uit de gegevens; gelijk aan het gepubliceerde aantal." in notes


def test_trend_marks_a_revised_year_with_what_was_published():
    trend = trend_table()
    trend["geanalyseerd"] = [81, 97, 116]
    trend["bron"] = ["gepubliceerd", "herzien", "nieuw"]
    figure = trend_chart(trend)
    assert "97 ‡" in [t.get_text() for t in figure.figure.axes[0].texts]
    notes = " ".join(t.get_text() for t in figure.figure.texts)
    assert "‡ Herberekend en herzien; gepubliceerd was 95 in 2019 (zie de tekst)." in notes
    assert "Het aantal van 2019 (gepubliceerd was 95) is herberekend en herzien." in figure.alt


def test_trend_has_one_value_axis_with_bars_split_by_afstemming():
    figure = trend_chart(trend_table())
    assert len(figure.figure.axes) == 1  # no second y-axis
    ax = figure.figure.axes[0]
    bars = sorted((round(p.get_x() + p.get_width() / 2), p.get_y(), p.get_height()) for p in ax.patches)
    assert bars == [(2018, 0, 81), (2019, 0, 44), (2019, 44, 51), (2020, 0, 49), (2020, 49, 67)]
    texts = [t.get_text() for t in ax.texts]
    assert {"44 (46%)", "51 (54%)", "49 (42%)", "67 (58%)"} <= set(texts)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Met afstemming", "Zonder afstemming", "Verdeling niet bekend"]
    data = figure.data.set_index("jaar")
    assert data.loc[2020, ["afstemming", "zonder_afstemming"]].tolist() == [49, 67]
    assert data.loc[2020, "pct_zonder_afstemming"] == pytest.approx(57.8)
    assert pd.isna(data.loc[2018, "zonder_afstemming"])


def test_trend_label_of_a_thin_part_moves_beside_its_bar():
    trend = pd.DataFrame(
        {
            "jaar": [2019, 2020],
            "geanalyseerd": [95, 116],
            "afstemming": pd.array([2, 49], "Int64"),
            "pct_afstemming": pd.array([2.1, 42.2], "Float64"),
            "bron": ["nieuw", "nieuw"],
            "gepubliceerd": pd.array([None, None], "Int64"),
        }
    )
    ax = trend_chart(trend).figure.axes[0]
    (thin,) = [t for t in ax.texts if t.get_text() == "2 (2%)"]
    assert thin.get_position()[0] > 2019 + 0.3 and thin.get_ha() == "left"  # beside the bar, on white


def test_data_view_trend(tmp_path):
    figure = trend_chart(trend_table())
    view = data_view("trend", read_back(figure, tmp_path, "trend"))
    assert " | ".join(view.columns) == (  # as a reader sees the header
        "Jaar | Geanalyseerde initiatieven | Met afstemming | Zonder afstemming | "
        "Percentage met afstemming | Percentage zonder afstemming | Bron | Gepubliceerd aantal"
    )
    assert view.iloc[2].tolist()[:7] == ["2020", 116, 49, 67, 42.2, 57.8, "Deze analyse"]  # a year is a label
    assert pd.isna(view.iloc[2]["Gepubliceerd aantal"])
    assert view.iloc[0]["Bron"] == "Eerder gepubliceerd" and pd.isna(view.iloc[0]["Met afstemming"])
    assert view.iloc[1][["Bron", "Gepubliceerd aantal"]].tolist() == ["Herberekend, gelijk aan gepubliceerd", 95]
    assert pd.isna(view.iloc[0]["Percentage met afstemming"])
    assert view["Geanalyseerde initiatieven"].dtype == "int64" and view["Met afstemming"].dtype == "Int64"
