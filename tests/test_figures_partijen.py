"""The bars of the involved parties: the order of the bars; its reader view."""

from __future__ import annotations

from figure_inputs import (
    close_figures,  # noqa: F401 (autouse: every figure a test draws is closed)
    parties_table,
    read_back,
)
from preventie.figures import data_view
from preventie.figures.partijen import bars_parties, party_order


def test_parties_gemeente_and_insurer_first_overig_last():
    order = party_order(parties_table())
    assert order[:3] == ["gemeente", "zorgverzekeraar", "huisarts_poh"] and order[-1] == "overig"
    assert party_order(parties_table(noemer_overig=0))[-1] == "beroepsonderwijs"  # not asked: left out
    figure = bars_parties(parties_table())
    ticks = sorted((t.get_position()[1], t.get_text()) for t in figure.figure.axes[0].get_yticklabels())
    assert ticks[-1][1] == "Gemeente" and ticks[-2][1] == "Zorgverzekeraar" and ticks[0][1] == "Overig"
    assert figure.data["percentage"].tolist()[:3] == ["92%", "68%", "70%"]
    assert "92%" in figure.alt and "68%" in figure.alt


def test_data_view_partijen(tmp_path):
    figure = bars_parties(parties_table())
    view = data_view("partijen", read_back(figure, tmp_path, "partijen"))
    assert list(view.columns) == ["Partij", "Aantal initiatieven", "Noemer", "Percentage"]
    assert view.iloc[0].tolist() == ["Gemeente", 107, 116, 92.2]
    assert view["Aantal initiatieven"].dtype == "int64" and view["Percentage"].dtype == "float64"
