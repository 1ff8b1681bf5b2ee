"""Factsheet: from the year's tables and texts to the resolved source (`render.py` makes the documents).

The template (reports/factsheet.qmd.j2, Jinja2) contains no numbers of its own: every count,
percentage and "toename"/"stijging" comes from `context.build_context`, which reads the tables
the pipeline wrote. What analysts write per year (reports/teksten/<year>/: one Markdown file per
slot, text boxes, a metadata file) and the shared bibliography fill the other parts; a slot
without a file disappears. The resolved `.qmd` is kept as an output, so a reviewer reads the
exact text, with its references inline.

The modules, in the order the stage uses them:

- `texts`: the analysts' texts, read and checked (slots, text boxes, metadata, years);
- `captions`: the figures as the text includes them (caption, alt text, the data under each);
- `context`: every template variable, from the tables;
- `dutch`: the grammar those variables are written with (agreement, enumerations, courses);
- `template`: the template filled in, the resolved source;
- `printed_numbers`: every number the text prints, with its source, read back from the resolved
  source into the list of numbers (factsheet/getallen.csv).
"""
