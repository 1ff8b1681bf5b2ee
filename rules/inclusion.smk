rule inclusion:
    """Inclusion criteria E1..E4 for this year's responders."""
    input:
        answers=out("respons/antwoorden.parquet"),
    output:
        inclusion=report(
            out("inclusie/inclusie.csv"),
            caption="../workflow/report/inclusie.rst",
            category="Inclusie",
            subcategory="{year}",
        ),
    log:
        "logs/inclusion/{year}.log",
    resources:
        mem_mb=1000,
    conda:
        "../workflow/envs/preventie.yaml"
    script:
        "../scripts/inclusion.py"
