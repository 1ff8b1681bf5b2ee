"""Back test against the published figures: a difference stops the run unless a revision is declared."""

import pandas as pd
import pytest
import yaml

from conftest import ROOT
from preventie import published
from preventie.errors import PipelineError

# The published figure 3 of 2020, as the example's configuration holds it.
PUBLISHED_2020 = yaml.safe_load((ROOT / "config/config.yaml").read_text(encoding="utf-8"))["historical"][2020][
    "categories"
]


def classification(counts: dict[str, int]) -> pd.DataFrame:
    return pd.DataFrame({"categorie": [c for c, n in counts.items() for _ in range(n)]})


def figures(analysed: int, categories=None, revision=None) -> dict:
    return {"analysed": analysed, "categories": categories, "revision": revision}


def test_a_year_equal_to_what_was_published_passes_and_is_listed_per_figure():
    table = published.back_test(2020, classification(PUBLISHED_2020), figures(116, PUBLISHED_2020))
    assert table["grootheid"].tolist() == ["geanalyseerd", *PUBLISHED_2020]
    assert table["klopt"].all() and not table["herzien"].any()
    published.check(table, 2020)


def test_nothing_published_is_nothing_to_test():
    table = published.back_test(2021, classification({"in_gesprek": 3}), None)
    assert table.empty
    published.check(table, 2021)


def test_a_recomputed_year_that_differs_stops_the_run_with_both_figures():
    recomputed = dict(PUBLISHED_2020, formele_afspraken=35, onbekend=3)
    table = published.back_test(2020, classification(recomputed), figures(116, PUBLISHED_2020))
    with pytest.raises(PipelineError) as err:
        published.check(table, 2020)
    assert str(err.value) == (
        "de herberekening van 2020 wijkt af van de gepubliceerde cijfers: onbekend: gepubliceerd 2, berekend 3; "
        "formele_afspraken: gepubliceerd 36, berekend 35. Zoek de oorzaak (codeboek, koppelingen, overname, "
        "inventarisatie) of leg de herziening met haar reden vast in de configuratie: historical.2020.revision"
    )


def test_the_analysed_total_alone_is_tested_too():
    table = published.back_test(2020, classification({"in_gesprek": 93}), figures(116))
    with pytest.raises(PipelineError, match="geanalyseerd: gepubliceerd 116, berekend 93"):
        published.check(table, 2020)


def test_a_declared_revision_lets_the_run_go_on_and_is_reported():
    reason = "Na publicatie zijn twee inzendingen alsnog gekoppeld."
    table = published.back_test(2019, classification({"in_gesprek": 97}), figures(95, revision=reason))
    published.check(table, 2019)
    revised = published.revisions(table)
    assert revised[["grootheid", "gepubliceerd", "berekend"]].values.tolist() == [["geanalyseerd", 95, 97]]
    assert revised.loc[0, "toelichting"] == reason


def test_a_revision_where_nothing_differs_is_refused():
    table = published.back_test(2019, classification({"in_gesprek": 95}), figures(95, revision="Iets is herzien."))
    with pytest.raises(PipelineError, match="historical.2019.revision geeft een herziening op, maar"):
        published.check(table, 2019)
