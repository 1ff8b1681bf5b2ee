"""`preventie herleid`: every printed number back to its cell and its initiatives."""

from __future__ import annotations

import pandas as pd
import pytest

from preventie import io
from preventie.__main__ import main
from preventie.errors import PipelineError
from preventie.factsheet.printed_numbers import NO_ROUNDING
from preventie.tools.explain_number import NOT_A_GROUP, Groups, herleid, matches

NUMBERS = pd.DataFrame(
    {
        "getal": ["49", "42%", "1.234", "< 0,001"],
        "zin": ["Bij 49 daarvan (42%) stemmen ze af.", "Bij 49 daarvan (42%) stemmen ze af.", "Van de 1.234 ...", "p"],
    }
)


@pytest.mark.parametrize(
    "query, found",
    [("49", ["49"]), ("42%", ["42%"]), ("42", ["42%"]), ("1.234", ["1.234"]), ("stemmen ZE", ["49", "42%"])],
)
def test_a_query_is_a_printed_number_or_a_sentence_fragment(query, found):
    assert matches(NUMBERS, query)["getal"].tolist() == found


@pytest.fixture(scope="module")
def results(example_run):
    return example_run / "results"


@pytest.fixture(scope="module")
def numbers(results):
    return io.read_table(results / "2020/factsheet/getallen.csv", "getallen")


@pytest.mark.e2e
def test_every_count_in_the_text_is_the_number_of_its_initiatives(results, numbers):
    """Recounting the ids behind each printed count gives the printed count: herleid lists what
    the tables counted, for every count in the factsheet that stands for a group."""
    groups = Groups(results, 2020)
    checked = 0
    for _, number in numbers.iterrows():
        if number["afronding"] != NO_ROUNDING or number["tabel"] in NOT_A_GROUP:
            continue
        found = groups.rows(number["tabel"], number["rij"], number["kolom"])
        if isinstance(found, str):  # a difference of two years, or a published historical count
            assert number["tabel"] == "trend", (number.to_dict(), found)
            continue
        assert len(found[1]) == int(number["getal"].replace(".", "")), number.to_dict()
        checked += 1
    assert checked > 80


@pytest.mark.e2e
def test_every_percentage_is_its_numerator_over_its_denominator(results, numbers):
    lines = {}
    for _, number in numbers[numbers["getal"].str.endswith("%")].drop_duplicates("getal").iterrows():
        lines[number["getal"]] = herleid(number["getal"], 2020, results)
    for printed, output in lines.items():
        text = "\n".join(output)
        place = numbers[numbers["getal"] == printed].iloc[0]
        assert pd.notna(place["herleiding"]), place.to_dict()
        n, of = place["herleiding"].split(" van ")
        assert f"teller: initiatieven ({n.replace('.', '')})" in text or "teller: initiatieven van" in text, printed
        assert f"({of.replace('.', '')})" in text, printed


@pytest.mark.e2e
def test_herleid_49_shows_each_place_its_source_and_its_initiatives(results):
    text = "\n".join(herleid("49", 2020, results))
    assert text.startswith("'49' staat ")
    assert "Bij 49 daarvan (42%) stemmen gemeente en zorgverzekeraar hun inzet af" in text
    assert f"bron: tabel samenwerking ({results}/2020/tabellen/samenwerking.csv), rij informele_afspraken" in text
    assert "herleiding: 49 = 13 informele afspraken + 36 formele afspraken" in text
    assert "initiatieven (49): NI-" in text and "samenstelling: zie [" in text


@pytest.mark.e2e
def test_herleid_never_shows_personal_data(example_run, results, numbers):
    import pyreadstat

    raw, _ = pyreadstat.read_sav(str(example_run / "resources/example/enquete_2020.sav"))
    personal = {
        str(v).strip()
        for col in ("Q01_naam", "Q40_contactnaam", "Q41_email", "Q42_telefoon", "Q43_opmerkingen")
        for v in raw[col].dropna()
        if len(str(v).strip()) > 3
    }
    text = "\n".join(line for query in ("49", "116", "42%", "respons") for line in herleid(query, 2020, results))
    assert personal and not [p for p in personal if p in text]


@pytest.mark.e2e
def test_the_command_line_answers_or_says_what_is_wrong(results, capsys):
    assert main(["herleid", "116", "--year", "2020", "--results", str(results)]) == 0
    out = capsys.readouterr().out
    assert "116 = 93 respondenten die aan de criteria voldoen + 23 met overgenomen antwoorden" in out
    assert main(["herleid", "777", "--year", "2020", "--results", str(results)]) == 1
    assert capsys.readouterr().err.strip() == (
        "FOUT: '777' staat niet in de factsheet van 2020. "
        "Zoek een getal zoals het gedrukt is (49, 42%, 1.234) of een stukje van de zin"
    )
    assert main(["herleid", "49", "--year", "2019", "--results", str(results)]) == 1
    assert "geen getallenlijst van de factsheet van 2019" in capsys.readouterr().err


def test_without_results_herleid_says_to_run_first(tmp_path):
    with pytest.raises(PipelineError, match="Draai eerst snakemake"):
        herleid("49", 2020, tmp_path)
