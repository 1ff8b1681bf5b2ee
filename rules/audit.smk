rule warning_list:
    """Every warning of the stages that ran for the year's results, in one table."""
    input:
        warnings=get_warning_logs,
        code=code_of("warning_list"),
    output:
        warnings=reported(paths.WARNINGS, "Controle"),
    log:
        log_of("warning_list"),
    conda:
        CONDA_ENV
    resources:
        **RESOURCES["warning_list"],
    script:
        adapter("warning_list")


rule audit:
    """Every intermediate table of the year in one workbook for reviewers."""
    input:
        tables=get_audit_tables,
        code=code_of("audit"),
    output:
        workbook=reported(paths.AUDIT, "Audit", caption="audit"),
    log:
        log_of("audit"),
    conda:
        CONDA_ENV
    resources:
        **RESOURCES["audit"],
    script:
        adapter("audit")


rule datapackage:
    """Every table of the year (the audit's) with its Table Schema and sha256, for `frictionless validate`."""
    input:
        tables=get_audit_tables,
        code=code_of("datapackage"),
    output:
        package=reported(paths.DATAPACKAGE, "Controle"),
    log:
        log_of("datapackage"),
    conda:
        CONDA_ENV
    resources:
        **RESOURCES["datapackage"],
    script:
        adapter("datapackage")


rule manifest:
    """sha256 of every input and output of the year and of the code of each stage, package versions,
    renderer, config."""
    input:
        unpack(get_manifest_inputs),
    output:
        manifest=reported(paths.MANIFEST, "Controle"),
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
