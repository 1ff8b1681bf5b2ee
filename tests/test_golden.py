"""The embedded example reproduces the published 2020 factsheet (SPEC §3.6-3.7) exactly."""

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
    assert (parquet["initiatief_id"].tolist() == csv["initiatief_id"].tolist() == sav["initiatief_id"].tolist())
    labels = dict(zip(meta.column_names, meta.column_labels))
    assert labels["gemeente_betrokken"] == "Gemeente betrokken"
    assert meta.variable_value_labels["categorie"][7.0] == "Formele afspraken"
    assert set(parquet["bron"]) == {"respons_2020", "overgenomen_2019"}
    assert (parquet["bron"] == "overgenomen_2019").sum() == 23
