"""The analyst's tools of the command line (`preventie`), apart from the pipeline's stages: no rule
runs them, so a change here reruns nothing. Each reads the pipeline's results or its inputs.

- `check_config`: everything about a configuration checkable without a run (`preventie config`);
- `follow_initiative`: one initiative through a year's results (`preventie trace`);
- `explain_number`: where a printed number comes from (`preventie herleid`);
- `codebook_draft`: a new year's codebook from last year's (`preventie codeboek`).
"""
