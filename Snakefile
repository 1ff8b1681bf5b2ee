# Evaluatie "Preventie in het zorgstelsel": van enquête-export tot factsheet, per jaar.
# `snakemake --cores 4` bouwt het standaardjaar uit config/config.yaml (zie README).
from snakemake.utils import min_version

min_version("9.0")


# What `snakemake --report` (make report) shows first: what the pipeline does, how to read the
# report, and the version and code hash of the run (from its manifest).
report: "workflow/report/workflow.rst"


# config/config.yaml (the example years) is read in rules/common.smk, with --configfile and
# --config on top: there every configuration error becomes one FOUT line.
include: "rules/common.smk"
include: "rules/ingest.smk"
include: "rules/link.smk"
include: "rules/response.smk"
include: "rules/inclusion.smk"
include: "rules/carry_forward.smk"
include: "rules/classify.smk"
include: "rules/tables.smk"
include: "rules/figures.smk"
include: "rules/factsheet.smk"
include: "rules/audit.smk"


rule all:
    default_target: True
    input:
        get_final_outputs(),
