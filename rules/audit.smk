rule audit:
    """Every intermediate table of the year in one workbook for reviewers."""
    input:
        tables=get_audit_tables,
        code=code_of("audit"),
    output:
        workbook=reported("audit/audit_{year}.xlsx", "Audit", caption="audit"),
    log:
        log_of("audit"),
    conda:
        CONDA_ENV
    resources:
        **RESOURCES["audit"],
    script:
        adapter("audit")


rule manifest:
    """sha256 of every input and output of the year and of the code of each stage, package versions,
    renderer, config."""
    input:
        unpack(get_manifest_inputs),
    output:
        manifest=out("manifest.json"),
    log:
        log_of("manifest"),
    conda:
        CONDA_ENV
    resources:
        **RESOURCES["manifest"],
    params:
        config=config,
        stages=get_manifest_stages,
    script:
        adapter("manifest")
