"""Names of outputs that several parts refer to, importable without heavy dependencies
(the workflow imports this while it parses)."""

# The five figures of a year, as results/{year}/figuren/{name}.{png,svg,alt.txt,csv}.
FIGURE_NAMES = ("kaart_initiatieven", "partijen", "kaart_samenwerking", "stroom", "trend")
