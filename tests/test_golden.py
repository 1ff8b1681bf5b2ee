"""The embedded example reproduces the published 2020 factsheet (characteristics and flow) exactly."""

from __future__ import annotations

import pandas as pd
import pyreadstat
import pytest

pytestmark = pytest.mark.e2e

PUBLISHED_FLOW_2020 = {
    "geidentificeerd": 301,
    "respons": 195,
    "non_respons": 106,
    "respons_geincludeerd": 93,
    "overgenomen": 23,
    "geanalyseerd": 116,
    "preventiecoalities": 12,
    "preventiecoalities_nieuw": 4,
}
PUBLISHED_CATEGORIES_2020 = {
    "onbekend": 2,
    "geen_van_beide": 4,
    "alleen_een": 29,
    "apart_betrokken": 20,
    "in_gesprek": 12,
    "informele_afspraken": 13,
    "formele_afspraken": 36,
}


def table(run, year: int, name: str) -> pd.DataFrame:
    return pd.read_csv(run / f"results/{year}/{name}", keep_default_na=False, na_values=[""])


def test_flow_2020_equals_the_published_numbers(example_run):
    flow = table(example_run, 2020, "tabellen/stroom.csv").set_index("stap")["n"]
    assert {k: int(flow[k]) for k in PUBLISHED_FLOW_2020} == PUBLISHED_FLOW_2020


def test_collaboration_categories_2020_equal_figure_3(example_run):
    collab = table(example_run, 2020, "tabellen/samenwerking.csv")
    assert collab["categorie"].tolist() == list(PUBLISHED_CATEGORIES_2020)  # display order
    assert dict(zip(collab["categorie"], collab["n"])) == PUBLISHED_CATEGORIES_2020
    afstemming = collab.set_index("categorie").loc[["informele_afspraken", "formele_afspraken"], "n"].sum()
    assert afstemming == 49
    assert collab["label"].iloc[2] == "Alleen gemeente of zorgverzekeraar betrokken"


def test_2019_has_95_analysed(example_run):
    flow = table(example_run, 2019, "tabellen/stroom.csv").set_index("stap")["n"]
    assert flow["geanalyseerd"] == 95
    # no 2018 data: nothing carried, every non-responder says so
    assert flow["overgenomen"] == 0
    assert flow["niet_overgenomen_geen_vorig_jaar"] == flow["non_respons"]


def test_every_identity_was_checked_and_holds(example_run):
    for year in (2019, 2020):
        identities = table(example_run, year, "tabellen/stroom_identiteiten.csv")
        assert len(identities) == 7 and (identities["klopt"] == "ja").all()


def test_analysis_file_in_three_formats_agrees(example_run):
    base = example_run / "results/2020/analyse/analysebestand"
    parquet = pd.read_parquet(f"{base}.parquet")
    csv = pd.read_csv(f"{base}.csv")
    sav, meta = pyreadstat.read_sav(f"{base}.sav")
    assert len(parquet) == len(csv) == len(sav) == 116
    assert parquet["initiatief_id"].tolist() == csv["initiatief_id"].tolist() == sav["initiatief_id"].tolist()
    labels = dict(zip(meta.column_names, meta.column_labels))
    assert labels["gemeente_betrokken"] == "Gemeente betrokken"
    assert meta.variable_value_labels["categorie"][7.0] == "Formele afspraken"
    assert set(parquet["bron"]) == {"respons_2020", "overgenomen_2019"}
    assert (parquet["bron"] == "overgenomen_2019").sum() == 23


# Published 2020 characteristics: kenmerk -> (n, noemer, whole percent in the factsheet)
PUBLISHED_ITEMS_2020 = {
    "partijen": {
        "gemeente": (107, 116, 92),
        "zorgverzekeraar": (79, 116, 68),
        "huisarts_poh": (81, 116, 70),
        "welzijn": (64, 116, 55),
        "thuiszorg": (55, 116, 47),
        "ggd": (55, 116, 47),
        "paramedici": (53, 116, 46),
        "sociaal_werk": (52, 116, 45),
        "inwoners": (48, 116, 41),
        "kennisinstituut": (39, 116, 34),
        "beroepsonderwijs": (31, 116, 27),
    },
    "vws_interventies": {
        "een_of_meer": (81, 116, 70),
        "welzijn_op_recept": (58, 116, 50),
        "gli": (36, 116, 31),
        "valpreventie": (34, 116, 29),
        "kinderen_overgewicht": (28, 116, 24),
        "diabetes": (28, 116, 24),
    },
    "gli_programmas": {
        "erkend": (26, 36, 72),
        "beweegkuur": (13, 36, 36),
        "cool": (18, 36, 50),
        "slimmer": (11, 36, 31),
        "anders": (12, 36, 33),
    },
    "afspraken": {"beide": (29, 47, 62)},
}


@pytest.mark.parametrize("name", list(PUBLISHED_ITEMS_2020))
def test_characteristics_2020_equal_the_published_figures(example_run, name):
    from preventie.numbers import percentage

    rows = table(example_run, 2020, f"tabellen/{name}.csv").set_index("kenmerk")
    for code, (n, noemer, whole) in PUBLISHED_ITEMS_2020[name].items():
        assert (rows.loc[code, "n"], rows.loc[code, "noemer"]) == (n, noemer), code
        assert percentage(n, noemer, 0) == whole, code  # the rounding the factsheet uses
        assert rows.loc[code, "ci_laag"] < rows.loc[code, "pct"] < rows.loc[code, "ci_hoog"]


def test_samen_sportief_was_not_asked_in_2020(example_run):
    rows = table(example_run, 2020, "tabellen/gli_programmas.csv").set_index("kenmerk")
    assert rows.loc["samen_sportief", "noemer"] == 0 and pd.isna(rows.loc["samen_sportief", "pct"])


def test_trend_has_2018_from_config_and_computed_years(example_run):
    trend = table(example_run, 2020, "tabellen/trend.csv").set_index("jaar")
    assert trend["geanalyseerd"].to_dict() == {2018: 81, 2019: 95, 2020: 116}
    assert trend.loc[2020, "afstemming"] == 49
