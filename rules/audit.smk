rule audit:
    """Every intermediate table of the year in one workbook for reviewers."""
    input:
        tables=[out(path) for _, _, path in AUDIT_SHEETS],
    output:
        workbook=report(
            out("audit/audit_{year}.xlsx"),
            caption="../workflow/report/audit.rst",
            category="Audit",
            subcategory="{year}",
        ),
    log:
        "logs/audit/{year}.log",
    resources:
        mem_mb=1000,
    conda:
        "../workflow/envs/preventie.yaml"
    script:
        "../scripts/audit.py"


rule manifest:
    """sha256 of every input and output of the year, package versions, renderer, config."""
    input:
        unpack(get_manifest_inputs),
    output:
        manifest=out("manifest.json"),
    log:
        "logs/manifest/{year}.log",
    params:
        config=config,
    resources:
        mem_mb=1000,
    conda:
        "../workflow/envs/preventie.yaml"
    script:
        "../scripts/manifest.py"
