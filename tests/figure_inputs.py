"""Small inputs of the figures for their tests: boundaries, records, tables; every figure drawn."""

from __future__ import annotations

import geopandas
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from shapely.geometry import box

from preventie import canon
from preventie.classify import CATEGORIES
from preventie.figures import FIGURES, Sources, read_data, write_data
from preventie.flow import FLOW_STEPS
from preventie.tables import municipality_table

BOUNDARIES = geopandas.GeoDataFrame(
    {"statcode": ["GM0001", "GM0002", "GM0003"], "statnaam": ["Aduard", "Bedum", "Cadzand"]},
    geometry=[box(0, 0, 10_000, 10_000), box(10_000, 0, 20_000, 10_000), box(0, 10_000, 10_000, 20_000)],
    crs=28992,
)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def records(codes, coalitions, categories=None):
    n = len(codes)
    return pd.DataFrame(
        {
            "initiatief_id": [f"NI-{i:04d}" for i in range(n)],
            "gemeente_code": codes,
            "preventiecoalitie": pd.array(coalitions, "boolean"),
            "categorie": pd.Categorical(categories or ["formele_afspraken"] * n, categories=list(CATEGORIES)),
        }
    )


def category_counts(data: pd.DataFrame) -> pd.DataFrame:
    counts = data["categorie"].value_counts().reindex(list(CATEGORIES), fill_value=0)
    return pd.DataFrame({"categorie": list(CATEGORIES), "n": counts.to_numpy()})


def labelled(figure, label):
    """The marker collections of the map with this legend label."""
    return [c for c in figure.figure.axes[0].collections if c.get_label() == label]


def flow_counts(scale: int = 1) -> dict[str, int]:
    counts = dict.fromkeys(FLOW_STEPS, 7 * scale)
    counts.update(non_respons=40 * scale, overgenomen=5 * scale)
    return counts


PUBLISHED_FLOW = {
    "geidentificeerd": 301,
    "respons": 195,
    "non_respons": 106,
    "respons_geincludeerd": 93,
    "respons_geexcludeerd": 102,
    "excl_E1": 41,
    "excl_E2": 8,
    "excl_E3": 30,
    "excl_E4": 23,
    "overgenomen": 23,
    "overgenomen_geexcludeerd": 4,
    "niet_overgenomen_bestaat_niet": 14,
    "niet_overgenomen_bestaan_onbekend": 19,
    "niet_overgenomen_geen_respons_vorig_jaar": 46,
    "niet_overgenomen_geen_vorig_jaar": 0,
    "geanalyseerd": 116,
    "preventiecoalities": 12,
    "preventiecoalities_nieuw": 4,
    "inzendingen": 215,
    "inzendingen_ongekoppeld": 3,
    "inzendingen_negeer": 1,
    "inzendingen_dubbel": 9,
    "inzendingen_onbruikbaar": 7,
}


def flow_table(counts: dict[str, int]) -> pd.DataFrame:
    return pd.DataFrame({"stap": list(counts), "n": list(counts.values())})


def parties_table(noemer_overig=116):
    options = list(canon.MULTIS["partijen"].options)  # gemeente, zorgverzekeraar, ..., overig
    n = [107, 79, 81, 64, 55, 55, 53, 52, 48, 39, 31, 14]
    noemer = [116] * 11 + [noemer_overig]
    return pd.DataFrame({"kenmerk": options, "n": n, "noemer": noemer})


def trend_table():
    return pd.DataFrame(
        {
            "jaar": [2018, 2019, 2020],
            "geanalyseerd": [81, 95, 116],
            "afstemming": pd.array([None, 44, 49], "Int64"),
            "pct_afstemming": pd.array([None, 46.3, 42.2], "Float64"),
            "bron": ["gepubliceerd", "herberekend", "nieuw"],
            "gepubliceerd": pd.array([81, 95, None], "Int64"),
        }
    )


def all_figures():
    """Every figure of the registry, drawn as the figures stage draws it (`make`), from small inputs."""
    data = records(["GM0001"] * 7 + ["GM0002", "GM0003"], [True] + [False] * 8, [*CATEGORIES, "onbekend", "in_gesprek"])
    tables = {
        "partijen": parties_table(),
        "samenwerking": category_counts(data),
        "gemeenten": municipality_table(data),
        "stroom": flow_table(PUBLISHED_FLOW),
        "trend": trend_table(),
    }
    sources = Sources(year=2020, records=data, boundaries=BOUNDARIES, tables=tables)
    return {name: spec.make(sources) for name, spec in FIGURES.items()}


def read_back(figure, tmp_path, name) -> pd.DataFrame:
    """The figure's CSV written and read back with its schema, as the figures stage does before it
    makes the reader's view of it."""
    path = tmp_path / f"{name}.csv"
    write_data(name, figure.data, path)
    return read_data(name, path)
