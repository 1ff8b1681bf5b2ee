"""Names of outputs that several parts refer to, importable without heavy dependencies
(the workflow imports this while it parses). Where each lies: `paths`."""

from . import paths

# The five figures of a year, as results/{year}/figuren/{name}.{png,svg,alt.txt,csv}, in the order of
# the factsheet (figure N is the N-th): the names of the registry preventie.figures.FIGURES, which
# has a module per name with its caption.
FIGURE_NAMES = ("kaart_initiatieven", "partijen", "kaart_samenwerking", "trend", "stroom")

# The tables of a year's tables stage, as results/{year}/tabellen/{name}.csv (each with its schema).
TABLE_NAMES = (
    "stroom",
    "stroom_identiteiten",
    "samenwerking",
    "gemeenten",
    "partijen",
    "vws_interventies",
    "gli_programmas",
    "afspraken",
    "financiering",
    "doelgroepen",
    "trend",
    "gepubliceerd_toets",
    "verandering",
    "non_respons",
    "non_respons_toets",
    "overgangen",
    "overgangen_toets",
)

# The tables the factsheet reads: all but the identity checks (the methods cite the flow), the
# transition counts (the text uses their tests) and the municipalities (only the map draws them).
FACTSHEET_TABLES = tuple(name for name in TABLE_NAMES if name not in ("stroom_identiteiten", "overgangen", "gemeenten"))

# The stages of a year in the order the data flows through them (each a rule, a script and a log).
STAGES = ("ingest", "link", "response", "inclusion", "carry_forward", "classify", "tables", "figures", "factsheet")
# The stages that gather a year's results for reviewers, after the analysis: its warnings, its
# audit workbook and its data package (the manifest comes last of all).
GATHERING = ("warning_list", "audit", "datapackage")

# The audit workbook's sheets after the explanation: (sheet name, table schema, path under results/{year}/),
# the warnings of the run first.
AUDIT_SHEETS = (
    ("waarschuwingen", "waarschuwingen", paths.WARNINGS),
    ("codeboekrapport", "codeboekrapport", paths.CODEBOOK_REPORT),
    ("koppeling", "koppeling", paths.LINKS),
    ("respons", "respons", paths.RESPONSE),
    ("vervallen inzendingen", "inzendingen_vervallen", paths.DISCARDED),
    ("inclusie", "inclusie", paths.INCLUSION),
    ("overname", "overname", paths.CARRIED_OVER),
    ("classificatie", "classificatie", paths.CLASSIFICATION),
    *((name, name, paths.table(name)) for name in TABLE_NAMES),
)
# The last sheet, in the audit of the factsheet's year only: every number the text prints.
NUMBERS_SHEET = ("getallen", "getallen", paths.NUMBERS)
