"""Tables: the flow, the collaboration categories, the characteristics of the analysed
initiatives (with Wilson intervals), the trend, selective non-response and transitions.

The flow counts come each from their own stage table, so the identities between them are
real checks: the run stops when one does not hold.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import canon, stats
from .classify import AFSTEMMING, CATEGORIES
from .errors import PipelineError
from .flow import FLOW_LABELS, FLOW_STEPS, IDENTITIES
from .inclusion import CRITERIA
from .numbers import percentage


def collaboration_table(records: pd.DataFrame) -> pd.DataFrame:
    """samenwerking.csv: count and percentage of analysed initiatives per category."""
    counts = records["categorie"].value_counts().reindex(list(CATEGORIES), fill_value=0)
    total = int(counts.sum())
    return pd.DataFrame(
        {
            "categorie": list(CATEGORIES),
            "label": list(CATEGORIES.values()),
            "n": counts.to_numpy().astype("int64"),
            "pct": pd.Series([percentage(n, total) for n in counts], dtype="Float64"),
        }
    )


def flow_members(
    inventory: pd.DataFrame,
    respons: pd.DataFrame,
    inclusion: pd.DataFrame,
    overname: pd.DataFrame,
    records: pd.DataFrame,
    links: pd.DataFrame,
    discarded: pd.DataFrame,
    year: int,
) -> dict[str, pd.Series]:
    """The ids behind every flow step, each from the table that decides it: initiative ids,
    and submission ids for the steps about submissions (`flow_counts` counts them, so
    `preventie herleid` lists exactly what the flow counted)."""
    responded = respons["respons"].astype(bool)
    included = inclusion["geincludeerd"].astype(bool)
    outcome = overname["uitkomst"].astype("object")
    reason = discarded["reden"].astype("object")
    coalition = records["preventiecoalitie"].fillna(False).astype(bool)
    new = coalition & (records["coalitie_startjaar"] == year).fillna(False).astype(bool)
    ids, inclusion_ids = respons["initiatief_id"], inclusion["initiatief_id"]
    submissions = discarded["submission_id"]
    members = {
        "geidentificeerd": inventory["initiatief_id"],
        "respons": ids[responded],
        "non_respons": ids[~responded],
        "respons_geincludeerd": inclusion_ids[included],
        "respons_geexcludeerd": inclusion_ids[~included],
        **{f"excl_{c}": inclusion_ids[inclusion["reden"].astype("object") == c] for c in CRITERIA},
        "overgenomen": overname["initiatief_id"][outcome == "overgenomen"],
        "overgenomen_geexcludeerd": overname["initiatief_id"][outcome == "overgenomen_geexcludeerd"],
        **{
            f"niet_overgenomen_{o}": overname["initiatief_id"][outcome == o]
            for o in ("bestaat_niet", "bestaan_onbekend", "geen_respons_vorig_jaar", "geen_vorig_jaar")
        },
        "geanalyseerd": records["initiatief_id"],
        "preventiecoalities": records["initiatief_id"][coalition],
        "preventiecoalities_nieuw": records["initiatief_id"][new],
        "inzendingen": links["submission_id"],
        **{f"inzendingen_{r}": submissions[reason == r] for r in ("ongekoppeld", "negeer", "dubbel", "onbruikbaar")},
    }
    return {step: members[step] for step in FLOW_STEPS}


def flow_counts(*tables, **named) -> dict[str, int]:
    """Every flow step counted (arguments as `flow_members`)."""
    return {step: len(ids) for step, ids in flow_members(*tables, **named).items()}


def flow_table(counts: dict[str, int]) -> pd.DataFrame:
    """stroom.csv: each step with its label and count."""
    return pd.DataFrame(
        {
            "stap": list(counts),
            "label": [FLOW_LABELS[step] for step in counts],
            "n": pd.Series(list(counts.values()), dtype="int64"),
        }
    )


def identity_table(counts: dict[str, int], collaboration: pd.DataFrame) -> pd.DataFrame:
    """Each flow identity with both sides' values and whether it holds."""
    values = dict(counts, samenwerking=int(collaboration["n"].sum()))
    rows = []
    for left, terms in IDENTITIES:
        right = sum(values[t] for t in terms)
        rows.append(
            {
                "identiteit": f"{left} = {' + '.join(terms)}",
                "links": values[left],
                "rechts": right,
                "uitwerking": " + ".join(str(values[t]) for t in terms),
                "klopt": values[left] == right,
            }
        )
    return pd.DataFrame(rows)


def check_identities(identities: pd.DataFrame) -> None:
    """Stop the run when a flow identity does not hold."""
    broken = identities[~identities["klopt"]]
    if len(broken):
        first = broken.iloc[0]
        raise PipelineError(
            f"stroomidentiteit klopt niet: {first['identiteit']} "
            f"({first['links']} ≠ {first['uitwerking']} = {first['rechts']})"
            + (f"; en nog {len(broken) - 1} andere" if len(broken) > 1 else ""),
            hint="Dit wijst op een fout in de pijplijn; meld het met de tabellen uit deze run",
        )


# --- characteristics of the analysed initiatives ----------------------------------------

SET_COLUMNS = ["kenmerk", "n", "noemer", "ontbrekend", "pct", "ci_laag", "ci_hoog", "gevraagd", "opmerking"]
# Below this denominator the factsheet gives no percentage (config policy.min_denominator).
MIN_DENOMINATOR = 10
RECOGNISED_GLI = ("beweegkuur", "cool", "slimmer", "samen_sportief")


@dataclass(frozen=True)
class ExtraRow:
    """A row of an item table besides the item's options: the initiatives with any of `options` ticked."""

    label: str  # how a reader names the row (the factsheet's tables and sentences)
    options: tuple[str, ...]


@dataclass(frozen=True)
class ItemTable:
    """Which item a table describes, over which analysed initiatives, with which extra rows."""

    item: str
    population: str  # "alle", "gli" or "afstemming"
    extra: dict[str, ExtraRow] = field(default_factory=dict)

    @property
    def labels(self) -> dict[str, str]:
        """How a reader names each row: the item's options (a single question's values) and the extra rows."""
        own = canon.MULTIS[self.item].options if self.item in canon.MULTIS else canon.SINGLES[self.item].values
        return {**dict(own), **{code: row.label for code, row in self.extra.items()}}


ITEM_TABLES = {
    "partijen": ItemTable("partijen", "alle"),
    "vws_interventies": ItemTable(
        "vws_interventies",
        "alle",
        {
            "een_of_meer": ExtraRow(
                "Minstens één van deze interventies", tuple(canon.MULTIS["vws_interventies"].options)
            )
        },
    ),
    "gli_programmas": ItemTable(
        "gli_programmas", "gli", {"erkend": ExtraRow("Een erkend GLI-programma", RECOGNISED_GLI)}
    ),
    "afspraken": ItemTable("afspraken", "afstemming"),
    "financiering": ItemTable("financiering", "afstemming"),
    "doelgroepen": ItemTable("doelgroepen", "alle"),
}


def by_share(table: pd.DataFrame) -> list[str]:
    """The asked options of an item table by descending n/noemer; ties keep the table's order."""
    asked = table[table["noemer"].astype(int) > 0]
    share = asked["n"].astype(float) / asked["noemer"].astype(float)
    order = asked.assign(_share=share.to_numpy(), _i=range(len(asked)))
    return [str(k) for k in order.sort_values(["_share", "_i"], ascending=[False, True])["kenmerk"]]


def population(records: pd.DataFrame, which: str) -> pd.DataFrame:
    """The analysed initiatives an item applies to."""
    if which == "alle":
        return records
    if which == "gli":
        return records[records["vws_interventies_gli"].astype("boolean").fillna(False).astype(bool)]
    if which == "afstemming":
        return records[records["categorie"].astype("object").isin(AFSTEMMING)]
    raise ValueError(which)


def _row(code: str, n: int, denominator: int, base: int) -> dict:
    return {
        "kenmerk": code,
        "n": n,
        "noemer": denominator,
        "ontbrekend": base - denominator,
        **stats.proportion(n, denominator),
    }


def item_masks(base: pd.DataFrame, spec: ItemTable) -> dict[str, tuple[pd.Series, pd.Series]]:
    """Per row of an item table: which records of the population count in n and in the noemer.

    The denominator counts the records where the item (for a set: that option) is answered;
    an option the year's codebook did not have gives noemer 0. Extra rows ("een_of_meer",
    "erkend") count records with any of their options ticked, over the records that answered
    the set.
    """
    masks = {}
    if spec.item in canon.MULTIS:
        answered = canon.set_answered(base, spec.item).astype(bool)
        for code, row in spec.extra.items():
            cols = [canon.option_column(spec.item, o) for o in row.options if canon.option_column(spec.item, o) in base]
            ticked = base[cols].astype("boolean").fillna(False).any(axis=1) if cols else answered & False
            masks[code] = (ticked.astype(bool) & answered, answered)
        for option in canon.MULTIS[spec.item].options:
            col = canon.option_column(spec.item, option)
            values = base[col] if col in base else pd.Series(pd.NA, index=base.index, dtype="boolean")
            masks[option] = (values.eq(True).fillna(False).astype(bool), values.notna())
    else:
        values = base[spec.item].astype("object")
        for value in canon.SINGLES[spec.item].values:
            masks[value] = (values == value, values.notna())
    return masks


def row_asked(spec: ItemTable, code: str, asked: set[str]) -> bool:
    """Whether a row of an item table was in the year's questionnaire: its option (any of an extra
    row's options), or for a single question the question itself."""
    if spec.item not in canon.MULTIS:
        return spec.item in asked
    options = spec.extra[code].options if code in spec.extra else (code,)
    return any(canon.option_column(spec.item, o) in asked for o in options)


def remark(asked: bool, denominator: int, year: int, minimum: int) -> str:
    """What a reader of the table must know about a row: not asked that year (never filled from
    answers carried over from the year before), or a denominator too small for a percentage."""
    if not asked:
        return f"niet gevraagd in {year}"
    if 0 < denominator < minimum:
        return f"noemer kleiner dan {minimum}: geen percentage in de factsheet"
    return ""


def item_table(
    records: pd.DataFrame,
    spec: ItemTable,
    asked: set[str] | None = None,
    year: int | None = None,
    minimum: int = MIN_DENOMINATOR,
) -> pd.DataFrame:
    """kenmerk,n,noemer,ontbrekend,pct,ci_laag,ci_hoog for one item (rows as `item_masks`), with
    whether the row was asked in `year` (`asked`: the year's canonical columns, see
    `canon.asked_in`; None: every column the records have) and a remark for the reader."""
    base = population(records, spec.population)
    if asked is None:
        asked = set(records.columns)
    rows = []
    for code, (counted, answered) in item_masks(base, spec).items():
        row = _row(code, int(counted.sum()), int(answered.sum()), len(base))
        was_asked = row_asked(spec, code, asked)
        rows.append({**row, "gevraagd": was_asked, "opmerking": remark(was_asked, row["noemer"], year, minimum)})
    table = pd.DataFrame(rows, columns=SET_COLUMNS)
    for col in ("n", "noemer", "ontbrekend"):
        table[col] = table[col].astype("Int64")
    for col in ("pct", "ci_laag", "ci_hoog"):
        table[col] = table[col].astype("Float64")
    return table.astype({"gevraagd": "boolean", "opmerking": "string"})


# --- trend over the years -------------------------------------------------------------------

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


# --- selective non-response -------------------------------------------------------------------

NON_RESPONSE_COLUMNS = ["bron", "geidentificeerd", "respons", "non_respons", "pct", "ci_laag", "ci_hoog"]
TEST_COLUMNS = ["grootheid", "waarde", "toelichting"]


def non_response_table(inventory: pd.DataFrame, respons: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Response rate per source of the inventory, and a chi-square test of independence."""
    joined = inventory[["initiatief_id", "bron"]].merge(respons[["initiatief_id", "respons"]], on="initiatief_id")
    responded = joined["respons"].astype(bool)
    sources = (
        list(inventory["bron"].cat.categories) if hasattr(inventory["bron"], "cat") else sorted(joined["bron"].unique())
    )
    rows = []
    for source in [*sources, "totaal"]:
        mask = np.ones(len(joined), bool) if source == "totaal" else (joined["bron"].astype("object") == source)
        n, k = int(mask.sum()), int((responded & mask).sum())
        rows.append(
            {"bron": source, "geidentificeerd": n, "respons": k, "non_respons": n - k, **stats.proportion(k, n)}
        )
    table = pd.DataFrame(rows, columns=NON_RESPONSE_COLUMNS)
    table = table.astype(
        {
            "bron": "string",
            "geidentificeerd": "Int64",
            "respons": "Int64",
            "non_respons": "Int64",
            "pct": "Float64",
            "ci_laag": "Float64",
            "ci_hoog": "Float64",
        }
    )
    counts = table[table["bron"] != "totaal"][["respons", "non_respons"]].to_numpy(dtype=float)
    return table, _test_rows(_chi_square_rows(counts, "respons naar bron"))


def _chi_square_rows(counts: np.ndarray, what: str) -> list[tuple[str, float | None, str]]:
    result = stats.chi_square(counts)
    if result is None:
        return [("chi2_statistiek", None, f"geen toets: te weinig gevulde rijen of kolommen ({what})")]
    note = f"Pearson chi-kwadraat, {what}"
    if result["min_verwacht"] < 5:
        note += "; let op: kleinste verwachte aantal < 5, toets is een benadering"
    return [
        ("chi2_statistiek", result["statistiek"], note),
        ("chi2_vrijheidsgraden", result["vrijheidsgraden"], ""),
        ("chi2_p_waarde", result["p_waarde"], ""),
        ("chi2_min_verwacht", result["min_verwacht"], "kleinste verwachte celfrequentie"),
    ]


def _test_rows(rows: list[tuple[str, float | None, str]]) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=TEST_COLUMNS)
    return table.astype({"grootheid": "string", "waarde": "Float64", "toelichting": "string"})


# --- transitions between two years -------------------------------------------------------------

# Order of "more formal" for transitions; onbekend is outside the order.
FORMALITY = (
    "geen_van_beide",
    "alleen_een",
    "apart_betrokken",
    "in_gesprek",
    "informele_afspraken",
    "formele_afspraken",
)
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
        return _typed_transitions(empty), _test_rows([("in_beide_jaren", 0, "geen vorig jaar in de configuratie")])
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
    return _typed_transitions(table), _test_rows(rows + _direction(own))


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


# --- shares this year against last year -----------------------------------------------------------

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
