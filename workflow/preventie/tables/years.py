"""This year against earlier years: the trend, the transitions between categories of initiatives
that answered in both years, and the change of shares since last year."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import stats
from ..classify import AFSTEMMING, CATEGORIES
from ..numbers import percentage
from .significance import test_rows

TREND_COLUMNS = [
    "jaar",
    "geanalyseerd",
    "afstemming",
    "pct_afstemming",
    "formeel",
    "pct_formeel",
    "bron",
    "gepubliceerd",
]
# Where a year's figures come from: only published (a year without data here), recomputed and
# equal to what was published, recomputed with a declared revision, or new (not yet published).
TREND_SOURCES = ("gepubliceerd", "herberekend", "herzien", "nieuw")


def trend_table(classifications: dict[int, pd.DataFrame], published: dict[int, dict | None]) -> pd.DataFrame:
    """Analysed initiatives and the share with afstemming (and formal) per year.

    Years with data come from their classification; `published` (config historical, see
    config.published) supplies the analysed count of earlier years without data here (their
    shares are not known here), and says for a year with data whether its figures were published
    before (recomputed, or revised) or are new. Published years after the last year with data
    are left out.
    """
    last = max(classifications)
    rows = []
    for year, figures in sorted(published.items()):
        if year not in classifications and year <= last and figures is not None:
            rows.append(
                {
                    "jaar": year,
                    "geanalyseerd": figures["analysed"],
                    "bron": "gepubliceerd",
                    "gepubliceerd": figures["analysed"],
                }
            )
    for year, table in sorted(classifications.items()):
        category = table["categorie"].astype("object")
        n = len(table)
        agreed = int(category.isin(AFSTEMMING).sum())
        formal = int((category == "formele_afspraken").sum())
        figures = published.get(year)
        rows.append(
            {
                "jaar": year,
                "geanalyseerd": n,
                "afstemming": agreed,
                "pct_afstemming": percentage(agreed, n),
                "formeel": formal,
                "pct_formeel": percentage(formal, n),
                "bron": "nieuw" if figures is None else ("herzien" if figures["revision"] else "herberekend"),
                "gepubliceerd": None if figures is None else figures["analysed"],
            }
        )
    table = pd.DataFrame(rows, columns=TREND_COLUMNS).sort_values("jaar", ignore_index=True)
    return table.astype(
        {
            "jaar": "Int64",
            "geanalyseerd": "Int64",
            "afstemming": "Int64",
            "formeel": "Int64",
            "pct_afstemming": "Float64",
            "pct_formeel": "Float64",
            "bron": "string",
            "gepubliceerd": "Int64",
        }
    )


# Order of "more formal" for transitions: the categories from the least to the most formal, as
# classify lists them; onbekend is outside the order.
FORMALITY = tuple(code for code in CATEGORIES if code != "onbekend")
TRANSITION_COLUMNS = ["van", "naar", "n"]


def carried(classification: pd.DataFrame) -> pd.Series:
    """Records whose answers were carried from the year before (they did not answer themselves)."""
    return classification["bron"].astype("string").str.startswith("overgenomen").fillna(False).astype(bool)


def transition_tables(previous: pd.DataFrame | None, current: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Category transitions of initiatives that answered the survey themselves in both years,
    and the direction of the change with an exact McNemar test.

    `previous` is last year's classification (None without last year), `current` this year's
    analysed records. Carried answers cannot change, so an initiative carried into either
    year is left out, and counted as such.
    """
    cats = list(CATEGORIES)
    grid = pd.MultiIndex.from_product([cats, cats], names=["van", "naar"])
    if previous is None:
        empty = pd.DataFrame(index=grid).reset_index().assign(n=0)
        return _typed_transitions(empty), test_rows([("in_beide_jaren", 0, "geen vorig jaar in de configuratie")])
    both = previous[["initiatief_id", "categorie", "bron"]].merge(
        current[["initiatief_id", "categorie", "bron"]], on="initiatief_id", suffixes=("_vorig", "_nu")
    )
    with_carried = carried(both.rename(columns={"bron_vorig": "bron"})) | carried(
        both.rename(columns={"bron_nu": "bron"})
    )
    own = both[~with_carried.to_numpy()]
    counts = own.groupby(["categorie_vorig", "categorie_nu"], observed=False).size().rename("n")
    counts.index = counts.index.set_names(["van", "naar"])
    table = counts.reindex(grid, fill_value=0).reset_index()
    rows = [
        ("in_beide_jaren", len(both), "initiatieven geanalyseerd in beide jaren"),
        (
            "overgenomen_niet_meegeteld",
            int(with_carried.sum()),
            "waarvan met overgenomen antwoorden in een van beide jaren: kunnen niet veranderen, tellen niet mee",
        ),
        ("zelf_in_beide_jaren", len(own), "zelf de vragenlijst ingevuld in beide jaren: hierover gaan de overgangen"),
    ]
    return _typed_transitions(table), test_rows(rows + _direction(own))


def _typed_transitions(table: pd.DataFrame) -> pd.DataFrame:
    return table[TRANSITION_COLUMNS].astype({"van": "string", "naar": "string", "n": "Int64"})


def _direction(own: pd.DataFrame) -> list:
    rank = {c: i for i, c in enumerate(FORMALITY)}
    before = own["categorie_vorig"].astype("object").map(rank)
    after = own["categorie_nu"].astype("object").map(rank)
    known = before.notna() & after.notna()
    was_formal = own["categorie_vorig"].astype("object") == "formele_afspraken"
    is_formal = own["categorie_nu"].astype("object") == "formele_afspraken"
    b, c = int((was_formal & ~is_formal).sum()), int((~was_formal & is_formal).sum())
    return [
        ("formeler", int((known & (after > before)).sum()), "naar een formelere categorie"),
        ("gelijk", int((known & (after == before)).sum()), "zelfde categorie"),
        ("minder_formeel", int((known & (after < before)).sum()), "naar een minder formele categorie"),
        ("onbekend_in_een_jaar", int((~known).sum()), "categorie onbekend in een van beide jaren"),
        ("mcnemar_formeel_naar_niet", b, "formeel -> niet formeel"),
        ("mcnemar_niet_naar_formeel", c, "niet formeel -> formeel"),
        ("mcnemar_p_waarde", stats.mcnemar_exact(b, c), "exacte McNemar-toets op de gepaarde initiatieven"),
    ]


CHANGE_COLUMNS = [
    "kenmerk",
    "jaar_vorig",
    "n_vorig",
    "noemer_vorig",
    "pct_vorig",
    "n_nu",
    "noemer_nu",
    "pct_nu",
    "toets",
    "p_waarde",
    "min_verwacht",
    "significant",
]
SHARES = {"afstemming": AFSTEMMING, "formeel": ("formele_afspraken",)}
SIGNIFICANCE = 0.05


def change_table(classifications: dict[int, pd.DataFrame], year: int) -> pd.DataFrame:
    """Per share (afstemming, formeel): last year and this year, and whether the change is
    significant at 5%: Pearson chi-square on the 2x2 table, or Fisher exact when an expected
    count is below 5 (where chi-square's approximation fails). Empty without last year."""
    rows = []
    if year - 1 in classifications:
        for name, categories in SHARES.items():
            counts = {}
            for which, y in (("vorig", year - 1), ("nu", year)):
                category = classifications[y]["categorie"].astype("object")
                counts[which] = (int(category.isin(categories).sum()), len(category))
            (k1, n1), (k2, n2) = counts["vorig"], counts["nu"]
            table = np.array([[k1, n1 - k1], [k2, n2 - k2]])
            chi = stats.chi_square(table)
            exact = chi is None or chi["min_verwacht"] < 5
            p = stats.fisher_exact(table) if exact else chi["p_waarde"]
            rows.append(
                {
                    "kenmerk": name,
                    "jaar_vorig": year - 1,
                    "n_vorig": k1,
                    "noemer_vorig": n1,
                    "pct_vorig": percentage(k1, n1),
                    "n_nu": k2,
                    "noemer_nu": n2,
                    "pct_nu": percentage(k2, n2),
                    "toets": "Fisher exact" if exact else "chi-kwadraat",
                    "p_waarde": p,
                    "min_verwacht": None if chi is None else chi["min_verwacht"],
                    "significant": p is not None and p < SIGNIFICANCE,
                }
            )
    table = pd.DataFrame(rows, columns=CHANGE_COLUMNS)
    return table.astype(
        {
            "kenmerk": "string",
            "jaar_vorig": "Int64",
            "n_vorig": "Int64",
            "noemer_vorig": "Int64",
            "pct_vorig": "Float64",
            "n_nu": "Int64",
            "noemer_nu": "Int64",
            "pct_nu": "Float64",
            "toets": "string",
            "p_waarde": "Float64",
            "min_verwacht": "Float64",
            "significant": "boolean",
        }
    )
