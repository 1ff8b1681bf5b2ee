"""The year's warnings: every stage's in one table, in the order of the run, masked."""

from __future__ import annotations

from preventie import io
from preventie.naming import STAGES
from preventie.warning_list import combine, counts, stage_table


def test_warnings_are_ordered_by_year_then_stage_as_the_data_flows():
    tables = [
        stage_table([("cijfer_zonder_bron", "c")], "factsheet", 2020),
        stage_table([("ongekoppeld", "b1"), ("token_vorm", "b2")], "link", 2020),
        stage_table([], "tables", 2020),
        stage_table([("ongekoppeld", "a")], "link", 2019),
        stage_table([("persoonsgegevens", "p")], "ingest", 2020),
    ]
    table = combine(tables)
    assert table["melding"].tolist() == ["a", "p", "b1", "b2", "c"]
    assert table[["jaar", "stap", "nr"]].values.tolist() == [
        [2019, "link", 1],
        [2020, "ingest", 1],
        [2020, "link", 1],
        [2020, "link", 2],
        [2020, "factsheet", 1],
    ]
    assert (
        counts(table)
        == "2019: 1 (ongekoppeld 1); 2020: 4 (cijfer_zonder_bron 1, ongekoppeld 1, persoonsgegevens 1, token_vorm 1)"
    )
    assert STAGES.index("ingest") < STAGES.index("link") < STAGES.index("factsheet")


def test_every_text_is_masked_and_the_table_round_trips(tmp_path):
    table = combine([stage_table([("ongekoppeld", "naam: =HYPERLINK(x) bel 06-12345678")], "link", 2020)])
    assert table["melding"].tolist() == ["naam: =HYPERLINK(x) bel [telefoonnummer]"]
    io.write_table(table, tmp_path / "waarschuwingen.csv", "waarschuwingen")
    assert (
        io.read_table(tmp_path / "waarschuwingen.csv", "waarschuwingen")["melding"].tolist()
        == table["melding"].tolist()
    )


def test_no_warnings_is_an_empty_table_with_the_schema(tmp_path):
    table = combine([stage_table([], stage, 2020) for stage in STAGES])
    io.write_table(table, tmp_path / "w.csv", "waarschuwingen")
    assert (tmp_path / "w.csv").read_text(encoding="utf-8") == "jaar,stap,nr,soort,melding\n"
    assert counts(table) == "geen"
