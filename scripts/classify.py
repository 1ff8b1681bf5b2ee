"""Snakemake adapter for the classify stage (see workflow/preventie/classify.py)."""

from preventie import canon, io, published
from preventie.classify import CATEGORIES, RULES, analysis_records, classification_table
from preventie.stage import log, run


def main(smk):
    year = int(smk.wildcards.year)
    records = analysis_records(
        io.read_parquet(smk.input.answers),
        io.read_table(smk.input.inclusion, "inclusie"),
        io.read_parquet(smk.input.carried),
        io.read_parquet(smk.input.inventory),
        year,
    )
    log.info("%d initiatieven geanalyseerd", len(records))
    classification = classification_table(records)
    back_test = published.back_test(year, classification, smk.params.published)
    published.check(back_test, year)
    for row in back_test.itertuples():
        log.info("gepubliceerd %s: %s, berekend %s", row.grootheid, row.gepubliceerd, row.berekend)
    io.write_parquet(records, smk.output.parquet)
    io.write_csv(records, smk.output.csv)
    io.write_sav(
        records,
        smk.output.sav,
        variable_labels=analysis_labels(),
        category_labels={
            "categorie": CATEGORIES,
            "regel": RULES,
            **{name: single.values for name, single in canon.SINGLES.items()},
        },
        file_label=f"Analysebestand netwerkinitiatieven {year}",
    )
    io.write_table(classification, smk.output.classification, "classificatie")


# The SPSS labels of the analysis file's own columns; the answers' labels come from canon.
OWN_LABELS = {
    "initiatief_id": "Initiatief-id (inventarisatie)",
    "naam": "Naam van het initiatief",
    "bron": "Bron van de antwoorden (eigen respons of overgenomen van vorig jaar)",
    "submission_id": "Inzending waarvan de antwoorden komen",
    "gemeente_code": "CBS-code hoofdgemeente",
    "preventiecoalitie": "Maakt gebruik van de subsidieregeling Preventiecoalities",
    "coalitie_startjaar": "Startjaar preventiecoalitie",
    "categorie": "Samenwerking gemeente en zorgverzekeraar (categorie)",
    "regel": "Beslisregel van de classificatie",
    "signalen": "Signalen voor controle",
    "overgenomen_variabelen": "Overgenomen variabelen (bij overname)",
}


def analysis_labels() -> dict[str, str]:
    return {**{c: canon.column_label(c) for c in canon.answer_columns()}, **OWN_LABELS}


run(snakemake, main)  # noqa: F821
