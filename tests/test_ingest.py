"""Ingest: readers, codebook-driven mapping, PII, inventory validation."""

import geopandas
import numpy as np
import pandas as pd
import pyreadstat
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import box

from conftest import ROOT
from fixtures import write_xlsx
from preventie import exports, io
from preventie.codebook import normalise_codes, parse_codebook
from preventie.errors import PipelineError
from preventie.ingest import ingest_survey
from preventie.inventory import ingest_inventory
from preventie.link import link_submissions
from preventie.municipal_successors import municipal_successors
from preventie.normalise import mask_personal_data, normalise_text
from preventie.privacy import PERSONAL_DATA

CODEBOOK = {
    "year": 2020,
    "keys": {
        "submission_id": "rid",
        "initiative_id": "token",
        "initiative_name": "naam",
        "submitted_at": "klaar_op",
        "completed": {"var": "status", "values": [1]},
    },
    "pii": ["email"],
    "single": {
        "doet_preventie": {"var": "Q02", "map": {1: "ja", 2: "nee", 9: None}},
        "reikwijdte": {"var": "Q03", "map": {1: "wijk", 2: "gemeente", 5: "landelijk"}},
    },
    "numeric": {"n_interventies": {"var": "Q06"}},
    "multi": {
        "selected": [1],
        "partijen": {"gemeente": "P1", "zorgverzekeraar": "P2", "ggd": "P3", "overig": "P4"},
    },
}


def raw_export(**changes) -> exports.RawExport:
    data = pd.DataFrame(
        {
            "rid": [101, 102, 103, 104],
            "token": ["NI-0001", "", None, "NI-0004"],
            "naam": ["Gezond  Leven ", "Samen Fit", "x", "y"],
            "klaar_op": pd.to_datetime(["2020-11-01 10:00", "2020-11-02 11:00", None, "2020-11-03 00:00"]),
            "status": [1.0, 1.0, 2.0, 1.0],
            "email": ["a.jansen@voorbeeld.nl", "b@c.nl", "", "d@e.nl"],
            "Q02": [1.0, 2.0, 9.0, np.nan],
            "Q03": [2, "1", 1.0, 5],
            "Q06": [3.0, 0.0, np.nan, 12.0],
            "P1": [1, 0, np.nan, 1],
            "P2": [1, 0, np.nan, 0],
            "P3": [1, 0, np.nan, np.nan],
            "P4": [0, 1, np.nan, 1],
        }
    )
    for col, values in changes.items():
        data[col] = values
    return exports.RawExport(data)


def ingest(export=None, book=CODEBOOK, strict=True):
    return ingest_survey(export or raw_export(), parse_codebook(book, "cb.yaml"), "enquete.sav", strict)


def test_keys_become_canonical_columns():
    subs = ingest().submissions
    assert subs["submission_id"].tolist() == ["101", "102", "103", "104"]
    assert subs["token"].isna().tolist() == [False, True, True, False]
    assert subs["naam_ingevuld"].iloc[0] == "Gezond Leven"  # white space collapsed
    assert subs["afgerond"].tolist() == [True, True, False, True]
    assert pd.isna(subs["ingediend_op"].iloc[2])


def test_single_map_null_targets_and_system_missing_are_missing():
    subs = ingest().submissions
    assert subs["doet_preventie"].tolist()[:2] == ["ja", "nee"]
    assert subs["doet_preventie"].isna().tolist() == [False, False, True, True]  # 9 -> null, NaN
    assert list(subs["doet_preventie"].cat.categories) == ["ja", "nee"]


def test_codes_match_whatever_their_type():
    subs = ingest().submissions
    assert subs["reikwijdte"].tolist() == ["gemeente", "wijk", "wijk", "landelijk"]


def test_multiple_response_sets_and_n_partijen():
    subs = ingest().submissions
    assert subs["partijen_gemeente"].tolist()[:2] == [True, False]
    # row 3: every option missing -> set unanswered
    assert subs.loc[2, ["partijen_gemeente", "partijen_ggd"]].isna().all()
    # row 4: answered set, a missing option inside it counts as not ticked
    assert subs.loc[3, "partijen_ggd"] == False  # noqa: E712
    assert subs["n_partijen"].tolist()[:2] == [3, 1]
    assert pd.isna(subs["n_partijen"].iloc[2])
    assert subs["n_partijen"].iloc[3] == 2  # gemeente + overig (overig counts as one)


def test_selected_codes_decide_what_is_ticked():
    book = dict(CODEBOOK, multi={"selected": [2], "not_selected": [1], "partijen": {"gemeente": "P1"}})
    export = raw_export(P1=[2, 1, np.nan, 1])
    subs = ingest(export, book).submissions
    assert subs["partijen_gemeente"].tolist()[:2] == [True, False]


def test_a_multiple_response_code_no_mapping_declares_is_an_error():
    export = raw_export(P2=[1, 7, np.nan, 0])  # 0/1 export with a stray 7
    with pytest.raises(PipelineError) as info:
        ingest(export)
    assert str(info.value) == (
        "enquete.sav: variabele 'P2': code(s) niet in het codeboek (multi.partijen."
        "zorgverzekeraar; aangevinkt: 1, niet aangevinkt: 0): 7 (inzendingen: 102)"
    )


def test_an_undeclared_multiple_response_code_is_missing_with_a_warning_when_not_strict():
    result = ingest(raw_export(P2=[1, 7, np.nan, 0]), strict=False)
    subs = result.submissions
    assert pd.isna(subs.loc[1, "partijen_zorgverzekeraar"])  # missing, not "not ticked"
    assert subs.loc[1, "partijen_gemeente"] == False  # noqa: E712  (the set itself is answered)
    assert any("'P2'" in w and ": 7 (inzendingen: 102)" in w for w in result.warnings)
    report = result.report.set_index("variabele")
    assert report.loc["P2", "niet_gemapt"] == "7"


def test_selected_and_not_selected_may_not_overlap():
    book = dict(CODEBOOK, multi={"selected": [1], "not_selected": [1.0, 0], "partijen": {"gemeente": "P1"}})
    with pytest.raises(PipelineError, match="code\\(s\\) 1 staan in multi.selected én multi.not_selected"):
        parse_codebook(book, "cb.yaml")


def test_options_not_in_the_codebook_are_absent_not_guessed():
    subs = ingest().submissions
    assert "partijen_thuiszorg" not in subs.columns
    assert "samenwerking" not in subs.columns


def test_pii_never_leaves_ingest():
    result = ingest()
    text = result.submissions.to_csv() + result.report.to_csv()
    assert "a.jansen@voorbeeld.nl" not in text
    assert "email" not in result.submissions.columns
    assert result.report.loc[result.report["variabele"] == "email", "soort"].item() == "pii"


def test_unmapped_code_names_file_variable_code_and_ids():
    export = raw_export(Q03=[2, 7, 7, 1])
    with pytest.raises(PipelineError) as info:
        ingest(export)
    message = str(info.value)
    assert "enquete.sav" in message and "'Q03'" in message and "7" in message
    assert "102" in message and "103" in message
    assert "\n" not in message


def test_unmapped_code_is_a_warning_and_missing_when_not_strict():
    export = raw_export(Q03=[2, 7, 7, 1])
    result = ingest(export, strict=False)
    assert result.submissions["reikwijdte"].isna().tolist() == [False, True, True, False]
    assert any("Q03" in w and "7" in w for w in result.warnings)
    row = result.report[result.report["variabele"] == "Q03"]
    assert row["niet_gemapt"].item() == "7"


def test_non_whole_number_in_numeric_is_an_error():
    export = raw_export(Q06=[3.0, 2.5, np.nan, 1.0])
    with pytest.raises(PipelineError, match=r"'Q06'.*2.5.*inzendingen: 102"):
        ingest(export)


def test_missing_variable_names_the_closest_existing_names():
    export = raw_export()
    export.data = export.data.rename(columns={"Q02": "Q02a"})
    with pytest.raises(PipelineError, match=r"ontbreken in de export: Q02 \(dichtstbij: Q02a"):
        ingest(export)


def test_duplicate_submission_ids_are_an_error():
    export = raw_export(rid=[101, 101, 103, 104])
    with pytest.raises(PipelineError, match="meer dan eens.*101"):
        ingest(export)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2020-11-03 14:05", "2020-11-03 14:05"),
        ("03-11-2020 14:05", "2020-11-03 14:05"),  # Dutch day-first notation
        ("03-11-2020", "2020-11-03 00:00"),
        ("2020-11-03T14:05:00", "2020-11-03 14:05"),
    ],
)
def test_timestamps_in_common_notations(text, expected):
    export = raw_export(klaar_op=[text, text, "", None])
    stamps = ingest(export).submissions["ingediend_op"]
    assert stamps.iloc[0] == pd.Timestamp(expected)
    assert stamps.iloc[2:].isna().all()


def test_unreadable_timestamp_is_an_error():
    export = raw_export(klaar_op=["gisteren", "2020-11-01", None, None])
    with pytest.raises(PipelineError, match="datum/tijd niet te lezen.*gisteren.*101"):
        ingest(export)


def test_codebook_report_lists_codes_with_labels_and_counts():
    export = raw_export()
    export.value_labels = {"Q02": {1.0: "Ja", 2.0: "Nee", 9.0: "Weet niet"}}
    report = ingest(export).report
    q02 = report[report["variabele"] == "Q02"].iloc[0]
    assert q02["codes_gezien"] == "1=Ja: 1; 2=Nee: 1; 9=Weet niet: 1; leeg: 1"
    not_asked = report[report["canoniek"] == "samenwerking"].iloc[0]
    assert not not_asked["in_codeboek"] and not_asked["variabele"] == ""
    ids = report[report["canoniek"] == "submission_id"].iloc[0]
    assert "101" not in ids["codes_gezien"]


def test_codebook_report_lists_the_exports_unused_variables_without_their_values(tmp_path):
    export = raw_export(
        Q20=[1.0, 2.0, 1.0, np.nan],  # a new question
        opmerking=["mail c.bakker@voorbeeld.nl", "", None, "bel 06-98765432"],  # undeclared PII
        Q21=[1.0, 698765432.0, np.nan, 1.0],  # labelled, with a value that has no label
    )
    export.variable_labels = {"Q20": "Werkt het initiatief samen met de huisarts?", "opmerking": "Opmerkingen"}
    export.value_labels = {"Q20": {1.0: "Ja", 2.0: "Nee", 3.0: "Weet niet"}, "Q21": {1.0: "Ja"}}
    report = ingest(export).report
    unused = report[report["soort"] == "niet_gebruikt"].set_index("variabele")
    assert unused.index.tolist() == ["Q20", "opmerking", "Q21"]  # not the codebook's, not its PII
    assert unused.loc["Q20", "label"] == "Werkt het initiatief samen met de huisarts?"
    assert unused.loc["Q20", "codes_gezien"] == "1=Ja: 2; 2=Nee: 1; 3=Weet niet: 0; leeg: 1"
    assert unused.loc["opmerking", "codes_gezien"] == "ingevuld: 2; leeg: 2"
    assert unused.loc["Q21", "codes_gezien"] == "1=Ja: 2; zonder label: 1; leeg: 1"
    assert (unused["canoniek"] == "").all() and not unused["in_codeboek"].any()
    io.write_table(report, tmp_path / "codeboekrapport.csv", "codeboekrapport")
    written = (tmp_path / "codeboekrapport.csv").read_text(encoding="utf-8")
    assert "niet_gebruikt" in written
    for value in ("c.bakker", "voorbeeld.nl", "98765432"):
        assert value not in written


# --- readers --------------------------------------------------------------------------------


def test_sav_keeps_codes_and_labels(tmp_path):
    path = tmp_path / "e.sav"
    df = pd.DataFrame({"Q02": [1.0, 2.0], "naam": ["a", "b"]})
    pyreadstat.write_sav(
        df, str(path), column_labels={"Q02": "Doet preventie"}, variable_value_labels={"Q02": {1: "Ja", 2: "Nee"}}
    )
    export = exports.read_input(path)
    assert export.data["Q02"].tolist() == [1.0, 2.0]
    assert export.variable_labels["Q02"] == "Doet preventie"
    assert export.value_labels["Q02"] == {1.0: "Ja", 2.0: "Nee"}


@pytest.mark.parametrize("bom", [True, False])
@pytest.mark.parametrize("sep", [",", ";"])
def test_csv_with_or_without_bom_and_either_separator(tmp_path, bom, sep):
    path = tmp_path / "e.csv"
    text = f"rid{sep}naam\n1{sep}Één\n2{sep}\n"
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    data = exports.read_input(path).data
    assert list(data.columns) == ["rid", "naam"]
    assert data["naam"].tolist() == ["Één", ""]


def test_xlsx_is_read(tmp_path):
    path = tmp_path / "e.xlsx"
    pd.DataFrame({"rid": [1, 2], "Q02": [1, 9]}).to_excel(path, index=False)
    data = exports.read_input(path).data
    assert data["Q02"].tolist() == [1, 9]


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("e.sav", b"this is not spss", "kan niet gelezen worden als SPSS-bestand"),
        ("e.xlsx", b"PK nope", "kan niet gelezen worden als Excel-bestand"),
        ("e.pdf", b"%PDF-1.7", "onbekend bestandstype"),
    ],
)
def test_unreadable_files_are_one_clear_error(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(PipelineError, match=message) as info:
        exports.read_input(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_a_dutch_excel_csv_is_read_as_it_is(tmp_path):
    path = tmp_path / "e.csv"  # ';', cp1252, decimal commas, trailing empty rows
    path.write_bytes("rid;naam;Q02\r\n1;caf\xe9;1,00\r\n2;;2,00\r\n;;\r\n;;\r\n".encode("cp1252"))
    export = exports.read_input(path)
    assert export.data["naam"].tolist() == ["café", ""] and export.empty_rows == 2
    assert (export.encoding, export.separator) == ("cp1252", ";")
    assert export.describe() == "2 rijen, 3 kolommen, tekenset cp1252, scheidingsteken ';', 2 lege rij(en) overgeslagen"
    assert normalise_codes(export.data["Q02"]).tolist() == ["1", "2"]


def test_a_wrong_encoding_points_at_the_setting_of_that_file(tmp_path):
    path = tmp_path / "e.csv"
    path.write_bytes("rid,naam\n1,caf\xe9\n".encode("latin-1"))
    with pytest.raises(PipelineError) as info:
        exports.read_input(path, encoding="utf-8", setting="years.2020.inventory")
    assert str(info.value) == (
        f"{path}: tekens niet te lezen als utf-8. Zet de juiste 'encoding' bij "
        "years.2020.inventory in de configuratie (bijv. cp1252)"
    )
    assert exports.read_input(path, encoding="cp1252").data["naam"].tolist() == ["café"]


# --- inventory ------------------------------------------------------------------------------


def inventory_frame(**changes) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "initiatief_id": ["NI-0002", "NI-0001", "NI-0003"],
            "naam": ["B", "A", "C"],
            "bron": ["vorige_inventarisatie", "sleutelfiguur", "overig"],
            "gemeente_code": ["GM0363", "GM0599", "GM0014"],
            "preventiecoalitie": ["ja", "nee", "Nee"],
            "coalitie_startjaar": ["2019", "", ""],
            "bestaat_nog": ["", "ja", "onbekend"],
        }
    )
    for col, values in changes.items():
        frame[col] = values
    return frame


def test_inventory_is_typed_and_sorted():
    inv = ingest_inventory(inventory_frame(), "inv.csv").frame
    assert inv["initiatief_id"].tolist() == ["NI-0001", "NI-0002", "NI-0003"]
    assert inv["preventiecoalitie"].tolist() == [False, True, False]
    assert inv["coalitie_startjaar"].tolist()[1] == 2019
    assert inv["bestaat_nog"].isna().tolist() == [False, True, False]


def test_inventory_optional_columns_may_be_absent():
    inv = ingest_inventory(inventory_frame().drop(columns=["coalitie_startjaar", "bestaat_nog"]), "inv.csv").frame
    assert inv["bestaat_nog"].isna().all()


@pytest.mark.parametrize(
    "changes, message",
    [
        (
            {"initiatief_id": ["NI-0001", "NI-0001", "NI-0003"]},
            r"initiatief_id komt meer dan eens voor: NI-0001.*regels: 2, 3",
        ),
        ({"bron": ["vorige_inventarisatie", "internet", "overig"]}, r"'bron': onbekende waarde.*regels: 3"),
        ({"gemeente_code": ["GM0363", "0599", "GM0014"]}, r"'gemeente_code': geen CBS-gemeentecode"),
        ({"preventiecoalitie": ["ja", "misschien", "nee"]}, r"'preventiecoalitie': verwacht ja of nee"),
        ({"coalitie_startjaar": ["twintig", "", ""]}, r"'coalitie_startjaar': geen jaartal"),
        ({"coalitie_startjaar": ["2019", "2018", ""]}, r"startjaar ingevuld terwijl preventiecoalitie 'nee'"),
        ({"bestaat_nog": ["", "wellicht", ""]}, r"'bestaat_nog': onbekende waarde"),
        ({"naam": ["B", "", "C"]}, r"'naam': lege waarde"),
        # identifiers collide after normalising: white space, case, a float's '.0'
        (
            {"initiatief_id": ["NI-0001", " ni-0001 ", "NI-0003"]},
            r"initiatief_id komt meer dan eens voor: NI-0001 \(geschreven als NI-0001, ni-0001;.*regels: 2, 3",
        ),
        ({"initiatief_id": [5162.0, "5162", "NI-0003"]}, r"initiatief_id komt meer dan eens voor: 5162 "),
    ],
)
def test_inventory_errors_name_column_and_lines(changes, message):
    with pytest.raises(PipelineError, match=message):
        ingest_inventory(inventory_frame(**changes), "inv.csv")


def test_identifiers_are_normalised_wherever_they_are_read():
    inv = ingest_inventory(inventory_frame(initiatief_id=[" ni-0002", 5162.0, "NI-0003 "]), "inv.csv").frame
    assert inv["initiatief_id"].tolist() == ["5162", "NI-0002", "NI-0003"]
    subs = ingest(
        raw_export(token=[" ni-0001 ", 5162.0, None, "NI-0004"], rid=[101.0, "102", 103, " 104 "])
    ).submissions
    assert subs["token"].tolist()[:2] == ["NI-0001", "5162"] and subs["token"].iloc[3] == "NI-0004"
    assert subs["submission_id"].tolist() == ["101", "102", "103", "104"]


MUNICIPALITIES = {"GM0363": "Amsterdam", "GM0599": "Rotterdam", "GM0014": "Groningen", "GM0010": "Delfzijl"}


def test_a_coalition_cannot_start_after_the_reporting_year():
    with pytest.raises(PipelineError) as info:
        ingest_inventory(inventory_frame(coalitie_startjaar=["2021", "", ""]), "inv.csv", 2020, MUNICIPALITIES)
    assert str(info.value) == (
        "inv.csv: variabele 'coalitie_startjaar': startjaar ligt na het rapportagejaar 2020 (regels: 2)"
    )


def test_a_municipality_code_not_in_the_years_boundaries_names_the_nearest():
    with pytest.raises(PipelineError) as info:
        ingest_inventory(inventory_frame(gemeente_code=["GM0363", "GM0012", "GM0014"]), "inv.csv", 2020, MUNICIPALITIES)
    assert str(info.value) == (
        "inv.csv: variabele 'gemeente_code': geen gemeente in de gemeentegrenzen van 2020: GM0012 (dichtstbij: "
        "GM0010 Delfzijl, GM0014 Groningen, GM0363 Amsterdam) (regels: 3). Gebruik de code van dat jaar "
        "(na een gemeentelijke herindeling de nieuwe gemeente)"
    )


# --- municipal reorganisations, found in the shipped boundaries -----------------------------

GEO = ROOT / "resources/geo"


@pytest.fixture(scope="module")
def boundaries():
    return {year: geopandas.read_file(GEO / f"gemeente_{year}.geojson") for year in (2019, 2020, 2021)}


def successors_in(boundaries, year, earlier):
    return municipal_successors(boundaries[year], {y: boundaries[y] for y in earlier}, year)


def test_the_boundaries_show_every_reorganisation_of_the_shipped_years(boundaries):
    found = successors_in(boundaries, 2021, (2019, 2020))
    assert {(r.gemeente_code, r.opvolger_code): round(r.aandeel, 2) for r in found.itertuples()} == {
        ("GM0003", "GM1979"): 1.0,  # Appingedam, Delfzijl and Loppersum became Eemsdelta
        ("GM0010", "GM1979"): 1.0,
        ("GM0024", "GM1979"): 1.0,
        ("GM0788", "GM0865"): 0.42,  # Haaren was split; its 1.5% sliver against Heusden is not
        ("GM0788", "GM0824"): 0.29,
        ("GM0788", "GM0855"): 0.18,
        ("GM0788", "GM0757"): 0.10,
    }
    assert set(found["laatste_jaar"]) == {2020} and set(found["tot"]) == {2021}
    # 2020 has exactly the municipalities of 2019: nothing to name there
    assert set(boundaries[2019]["statcode"]) == set(boundaries[2020]["statcode"])
    assert successors_in(boundaries, 2020, (2019,)).empty


def fail_2021(boundaries, codes, earlier=(2019, 2020)) -> str:
    municipalities = io.read_municipalities(GEO / "gemeente_2021.geojson")
    successors = successors_in(boundaries, 2021, earlier)
    with pytest.raises(PipelineError) as info:
        ingest_inventory(inventory_frame(gemeente_code=codes), "inv.csv", 2021, municipalities, successors)
    return str(info.value)


def test_a_merged_municipality_names_its_successor(boundaries):
    assert fail_2021(boundaries, ["GM0010", "GM0003", "GM0024"]) == (
        "inv.csv: variabele 'gemeente_code': geen gemeente in de gemeentegrenzen van 2021: "
        "GM0003 (Appingedam tot 2021, opgegaan in GM1979 Eemsdelta), "
        "GM0010 (Delfzijl tot 2021, opgegaan in GM1979 Eemsdelta), "
        "GM0024 (Loppersum tot 2021, opgegaan in GM1979 Eemsdelta) (regels: 2, 3, 4). "
        "Gebruik de code van dat jaar (na een gemeentelijke herindeling de nieuwe gemeente)"
    )


def test_a_split_municipality_names_each_part_and_a_code_that_never_existed_the_nearest(boundaries):
    assert fail_2021(boundaries, ["GM0014", "GM0788", "GM0012"]) == (
        "inv.csv: variabele 'gemeente_code': geen gemeente in de gemeentegrenzen van 2021: "
        "GM0012 (dichtstbij: GM0014 Groningen, GM0034 Almere, GM0037 Stadskanaal), "
        "GM0788 (Haaren tot 2021, verdeeld over GM0865 Vught (42% van de oppervlakte), GM0824 Oisterwijk "
        "(29%), GM0855 Tilburg (18%), GM0757 Boxtel (10%)) (regels: 3, 4). "
        "Gebruik de code van dat jaar (na een gemeentelijke herindeling de nieuwe gemeente)"
    )


def test_a_code_from_before_a_missing_year_is_placed_by_the_last_year_that_has_it(boundaries):
    assert "GM0010 (Delfzijl in 2019, opgegaan in GM1979 Eemsdelta) (regels: 2)" in fail_2021(
        boundaries, ["GM0010", "GM0599", "GM0014"], earlier=(2019,)
    )


def test_a_code_valid_in_the_year_needs_nothing_whatever_earlier_years_drew(boundaries):
    municipalities = io.read_municipalities(GEO / "gemeente_2021.geojson")
    frame = inventory_frame(gemeente_code=["GM1979", "GM0014", "GM0865"])  # new, grown in 2019, grown in 2021
    inventory = ingest_inventory(frame, "inv.csv", 2021, municipalities, successors_in(boundaries, 2021, (2019, 2020)))
    assert sorted(inventory.frame["gemeente_code"]) == ["GM0014", "GM0865", "GM1979"]


def test_successors_by_share_of_the_area_above_a_threshold_from_the_latest_year():
    def drawn(*municipalities):
        codes, shapes = zip(*municipalities)
        return geopandas.GeoDataFrame({"statcode": codes, "statnaam": codes}, geometry=list(shapes), crs=28992)

    now = drawn(("GM0002", box(0, 0, 7, 10)), ("GM0003", box(7, 0, 9.7, 10)), ("GM0004", box(9.7, 0, 20, 10)))
    earlier = {
        2017: drawn(("GM0001", box(100, 0, 110, 10))),  # drawn elsewhere before 2018: not used
        2018: drawn(("GM0001", box(0, 0, 10, 10)), ("GM0004", box(10, 0, 20, 10))),
    }
    found = municipal_successors(now, earlier, 2020)
    assert found["opvolger_code"].tolist() == ["GM0002", "GM0003"]  # GM0004's 3% is below 5%
    assert found["aandeel"].round(2).tolist() == [0.7, 0.27]
    assert set(found["laatste_jaar"]) == {2018} and set(found["tot"]) == {2020}


@pytest.mark.parametrize("empty", [pd.DataFrame(columns=["initiatief_id", "naam"]), pd.DataFrame()])
def test_an_inventory_without_rows_is_named(empty):
    with pytest.raises(PipelineError, match=r"^inv.csv: bevat geen initiatieven \(alleen een kopregel, of leeg\)$"):
        ingest_inventory(empty, "inv.csv")


def test_a_survey_without_rows_is_named():
    export = exports.RawExport(raw_export().data.iloc[0:0])
    with pytest.raises(PipelineError, match=r"^enquete.sav: bevat geen inzendingen"):
        ingest(export)


def test_personal_data_typed_into_names_is_masked_and_counted_never_shown():
    export = raw_export(naam=["Gezond Leven (p.de.vries@example.nl)", "bel 06-12345678", "Fit 2020", "y"])
    result = ingest(export)
    assert result.submissions["naam_ingevuld"].tolist()[:3] == [
        "Gezond Leven ([e-mailadres])",
        "bel [telefoonnummer]",
        "Fit 2020",
    ]
    assert result.warnings == [
        "enquete.sav: variabele 'naam': 1 e-mailadres en 1 telefoonnummer in vrije tekst "
        "vervangen door een aanduiding (persoonsgegevens)"
    ]
    inventory = ingest_inventory(inventory_frame(naam=["B +31 (0)20 123 4567", "A", "C"]), "inv.csv")
    assert inventory.frame["naam"].tolist()[1] == "B [telefoonnummer]"
    assert "123 4567" not in " ".join(inventory.warnings) and "1 telefoonnummer" in inventory.warnings[0]


def test_missing_inventory_column_is_named():
    with pytest.raises(PipelineError, match="inv.csv: verplichte kolom\\(men\\) ontbreken: gemeente_code"):
        ingest_inventory(inventory_frame().drop(columns=["gemeente_code"]), "inv.csv")


# --- text normalisation and masking per distinct value, against the regex originals ---------

TEXTS = st.lists(
    st.one_of(
        st.none(),
        st.text(alphabet=st.sampled_from(list("ab@.-+0612345678 ~é\t\n\xa0\u2003\u2028\x1c\x0b\x85\x7f")), max_size=30),
        st.sampled_from(
            ["  Gezond  leven ", "Gezond  leven", "a \tb", "mail a@b.nl of 06-12345678", "", " ", "a@b.nl a@b.nl"]
        ),
    ),
    max_size=20,
)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_normalise_and_mask_per_distinct_value_equal_the_regex_originals(values):
    column = pd.Series(values, dtype="string")
    expected = column.str.strip().str.replace(r"\s+", " ", regex=True)
    expected = expected.mask(expected == "", pd.NA)
    got = normalise_text(column)
    pd.testing.assert_series_equal(got, expected)
    masked, counts = mask_personal_data(got)
    reference, want = got, {}
    for kind, pattern in PERSONAL_DATA.items():
        want[kind] = int(reference.str.count(pattern).sum())
        reference = reference.str.replace(pattern, f"[{kind}]", regex=True)
    pd.testing.assert_series_equal(masked, reference)
    assert counts == want


# --- exports as real survey tools write them (issue 18) ---------------------------------------

SUBMITTED = pd.to_datetime(["2020-11-01 10:00:00", "2020-11-02 11:05:37", None, "2020-11-02 11:05:38"])


def test_an_excel_serial_date_is_read_as_the_date_excel_shows(tmp_path):
    """A submission date stored as Excel's serial day number: read in the 1900 date system, to the
    second, so the latest of two submissions a second apart stays the latest; a CSV that Dutch
    Excel saved from such a sheet ('44137,4618' with a decimal comma) reads the same."""
    serial = (SUBMITTED - pd.Timestamp("1899-12-30")) / pd.Timedelta(days=1)
    write_xlsx(raw_export(klaar_op=serial.to_numpy()).data, tmp_path / "e.xlsx")
    clean = ingest(raw_export(klaar_op=SUBMITTED)).submissions["ingediend_op"]
    result = ingest_survey(exports.read_input(tmp_path / "e.xlsx"), parse_codebook(CODEBOOK, "cb.yaml"), "e.xlsx")
    pd.testing.assert_series_equal(result.submissions["ingediend_op"], clean)
    assert result.notes == [
        "e.xlsx: variabele 'klaar_op': 3 datum(s) als getal opgeslagen, gelezen als Excel-datum "
        "(dagen sinds 30-12-1899, het 1900-datumsysteem)"
    ]
    as_text = [f"{v:.10f}".replace(".", ",") if pd.notna(v) else "" for v in serial]
    csv = ingest(raw_export(klaar_op=as_text)).submissions["ingediend_op"]
    pd.testing.assert_series_equal(csv, clean)


def test_a_date_outside_the_surveys_period_is_refused_naming_the_variable(tmp_path):
    """A workbook in Excel for Mac's 1904 date system: the same serial numbers are dates 4 years
    earlier in the 1900 system, before the survey could have existed; and a SPSS date of 0 that
    a tool wrote for 'no date' is 1582. Both refused, never a wrong date."""
    mac = (SUBMITTED - pd.Timestamp("1904-01-01")) / pd.Timedelta(days=1)
    write_xlsx(raw_export(klaar_op=mac.to_numpy()).data, tmp_path / "mac.xlsx")
    with pytest.raises(PipelineError) as info:
        ingest_survey(exports.read_input(tmp_path / "mac.xlsx"), parse_codebook(CODEBOOK, "cb.yaml"), "mac.xlsx")
    assert str(info.value) == (
        "mac.xlsx: variabele 'klaar_op': datum/tijd buiten de periode waarin de enquête van 2020 ingevuld kan "
        "zijn (01-01-2019 t/m 31-12-2021): 42674.4166666667 = Excel-datum 2016-10-31 10:00:00 (in het "
        "1904-datumsysteem van Excel voor Mac: 2020-11-01 10:00:00), 42675.4622337963 = Excel-datum "
        "2016-11-01 11:05:37 (in het 1904-datumsysteem van Excel voor Mac: 2020-11-02 11:05:37), 42675.4622453704 "
        "= Excel-datum 2016-11-01 11:05:38 (in het 1904-datumsysteem van Excel voor Mac: 2020-11-02 11:05:38) "
        "(inzendingen: 101, 102, 104). Controleer keys.submitted_at en year in het codeboek. Een getal is gelezen "
        "als Excel-datum (dagen sinds 30-12-1899, het 1900-datumsysteem) of SPSS-datum/tijd (seconden sinds "
        "14-10-1582)"
    )
    epoch = SUBMITTED.where(SUBMITTED != SUBMITTED[0], pd.Timestamp("1970-01-01"))
    with pytest.raises(
        PipelineError, match=r"'klaar_op': datum/tijd buiten .*: 1970-01-01 00:00:00 \(inzendingen: 101\)"
    ):
        ingest(raw_export(klaar_op=epoch))


def test_spss_seconds_without_a_date_format_are_read_as_the_date_spss_shows(tmp_path):
    """SPSS stores a date/time as seconds since 14 October 1582; a variable computed without a
    date FORMAT (or exported so) holds the bare number, which pyreadstat hands back as a float."""
    seconds = (SUBMITTED - pd.Timestamp("1582-10-14").as_unit("s")) / pd.Timedelta(seconds=1)
    data = raw_export(klaar_op=seconds.to_numpy(), Q03=[2.0, 1.0, 1.0, 5.0]).data
    pyreadstat.write_sav(data, str(tmp_path / "e.sav"))
    export = exports.read_input(tmp_path / "e.sav")
    assert export.data["klaar_op"].dtype == "float64"  # no date format: a plain number
    result = ingest(export)
    clean = ingest(raw_export(klaar_op=SUBMITTED)).submissions["ingediend_op"]
    pd.testing.assert_series_equal(result.submissions["ingediend_op"], clean)
    assert result.notes == [
        "enquete.sav: variabele 'klaar_op': 3 datum(s) als getal opgeslagen, gelezen als SPSS-datum/tijd "
        "(seconden sinds 14-10-1582)"
    ]


def test_a_number_that_is_no_date_of_the_survey_is_refused():
    """Seconds since 1970, as a web tool writes them, read as SPSS seconds are 1633: refused."""
    with pytest.raises(PipelineError) as info:
        ingest(raw_export(klaar_op=[1604224800, 1604315137, None, -1]))
    assert str(info.value).startswith(
        "enquete.sav: variabele 'klaar_op': datum/tijd buiten de periode waarin de enquête van 2020 ingevuld kan "
        "zijn (01-01-2019 t/m 31-12-2021): 1604224800 = SPSS-datum/tijd 1633-08-14 10:00:00, 1604315137 = "
        "SPSS-datum/tijd 1633-08-15 11:05:37, -1 (geen datum) (inzendingen: 101, 102, 104)."
    )


def test_ids_that_differ_only_by_leading_zeros_are_one_id(tmp_path):
    """The inventory, kept in Excel with the id column as text, writes 0162; the SPSS export holds
    the token as a numeric variable, 162 (a number has no leading zeros). One id: linked by token,
    shown without the zeros; two such spellings in one inventory collide."""
    inventory_frame(initiatief_id=["0162", "0070", "1003"]).to_csv(tmp_path / "inv.csv", index=False)
    inventory = ingest_inventory(exports.read_input(tmp_path / "inv.csv").data, "inv.csv").frame
    assert inventory["initiatief_id"].tolist() == ["1003", "162", "70"]
    data = raw_export(token=[162.0, 70.0, np.nan, 1003.0], Q03=[2.0, 1.0, 1.0, 5.0]).data
    pyreadstat.write_sav(data, str(tmp_path / "e.sav"))
    subs = ingest(exports.read_input(tmp_path / "e.sav")).submissions
    links = link_submissions(subs, inventory).set_index("submission_id")
    assert links.loc[["101", "102", "104"], "methode"].tolist() == ["token"] * 3
    assert links.loc[["101", "102", "104"], "initiatief_id"].tolist() == ["162", "70", "1003"]
    with pytest.raises(PipelineError) as info:
        ingest_inventory(inventory_frame(initiatief_id=["0162", "162", "1003"]), "inv.csv")
    assert str(info.value) == (
        "inv.csv: variabele 'initiatief_id': initiatief_id komt meer dan eens voor: 162 (geschreven als 0162, 162; "
        "hoofdletters, spaties, '.0' en nullen vóór een id van alleen cijfers tellen niet mee) (regels: 2, 3)"
    )


FAKE_EMAIL = "j.jansen@voorbeeld.test"


@pytest.mark.parametrize(
    "column, typed, message",
    [
        (
            "Q06",
            f"3 (zie mail aan {FAKE_EMAIL})",
            "variabele 'Q06': geen geheel getal ≥ 0 (numeric.n_interventies): 3 (zie mail aan [e-mailadres]) "
            "(inzendingen: 102)",
        ),
        (
            "Q03",
            "anders: bel 06-12345678",
            "variabele 'Q03': code(s) niet in het codeboek (single.reikwijdte): anders: bel [telefoonnummer] "
            "(inzendingen: 102)",
        ),
        (
            "klaar_op",
            f"na overleg met {FAKE_EMAIL}",
            "variabele 'klaar_op': datum/tijd niet te lezen (bijv. 'na overleg met [e-mailadres]') (inzendingen: "
            "102). Gebruik bijv. 2020-11-23 14:05 of 23-11-2020 14:05",
        ),
    ],
)
def test_personal_data_typed_into_a_value_is_masked_in_the_error_that_quotes_it(tmp_path, column, typed, message):
    """A CSV export keeps what a respondent typed into an open field (LimeSurvey, Qualtrics and
    Excel write it as text): the FOUT line quotes the value, never the e-mail address or phone
    number in it; nor does the warning and the codebook report when codes are not strict."""
    data = raw_export(klaar_op=["2020-11-01 10:00", "2020-11-02 11:00", "", "2020-11-03 00:00"]).data
    data[column] = data[column].astype(object)
    data.loc[1, column] = typed
    data.to_csv(tmp_path / "enquete.csv", index=False)
    export = exports.read_input(tmp_path / "enquete.csv")
    with pytest.raises(PipelineError) as info:
        ingest(export)
    assert str(info.value) == f"enquete.sav: {message}"
    if column != "klaar_op":
        result = ingest(export, strict=False)
        text = " ".join(result.warnings) + result.report.to_csv()
        assert "[" in text and "12345678" not in text and FAKE_EMAIL.split("@")[1] not in text


TYPED = {
    "(06) 11223344": "mobiel tussen haakjes",
    "06–22334455": "met het gedachtestreepje dat Word van '-' maakt",
    "06/33445566": "met een schuine streep",
    "+31 (0)20 123 45 67": "vast, internationaal",
    "naam(at)voorbeeld.test": "e-mail tegen spamrobots",
    "naam [at] voorbeeld.test": "e-mail met blokhaken",
}


def test_phone_numbers_and_email_as_people_type_them_never_reach_an_output(tmp_path):
    """An SPSS export (pyreadstat writes it as SPSS does) with contact details typed into the name
    and into the code field: masked in the submissions, the link table and its reasons."""
    names = [f"Gezond Leven, {typed}" for typed in TYPED]
    answers = {var: [1.0] * 6 for var in ("status", "Q02", "Q03", "Q06", "P1", "P2", "P3", "P4")}
    data = pd.DataFrame(
        {
            "rid": [101.0, 102.0, 103.0, 104.0, 105.0, 106.0],
            "token": [FAKE_EMAIL, "NI-0001", "", "", "", ""],
            "naam": names,
            "klaar_op": [np.nan] * 6,
            "email": [""] * 6,
            **answers,
        }
    )
    pyreadstat.write_sav(data, str(tmp_path / "e.sav"))
    result = ingest(exports.read_input(tmp_path / "e.sav"))
    links = link_submissions(result.submissions, ingest_inventory(inventory_frame(), "inv.csv").frame)
    text = result.submissions.to_csv() + links.to_csv() + " ".join(result.warnings)
    assert [typed for typed in TYPED if typed in text] == [] and "voorbeeld.test" not in text
    masked = ["Gezond Leven, [telefoonnummer]"] * 4 + ["Gezond Leven, [e-mailadres]"] * 2
    assert links["naam_ingevuld"].tolist() == masked
    assert links["toelichting"].iloc[0].startswith("token '[e-mailadres]' is geen initiatief-id; ")
    assert result.warnings == [
        "enquete.sav: variabele 'token': 1 e-mailadres in vrije tekst vervangen door een aanduiding (persoonsgegevens)",
        "enquete.sav: variabele 'naam': 2 e-mailadressen en 4 telefoonnummers in vrije tekst vervangen door een "
        "aanduiding (persoonsgegevens)",
    ]
