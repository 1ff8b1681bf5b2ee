"""Drafting a new year's codebook (`preventie codeboek`): the example both ways, a CSV export
without labels, the command line, and the pipeline run on the reviewed drafts."""

from __future__ import annotations

import contextlib
import dataclasses
import io
from pathlib import Path

import pandas as pd
import pytest
import yaml

from conftest import ROOT, copy_project, run_snakemake
from next_year import TICKS, export_2021
from preventie import canon
from preventie.__main__ import main
from preventie.codebook import Codebook, load_codebook, parse_codebook
from preventie.errors import PipelineError
from preventie.exports import RawExport, read_input
from preventie.ingest import ingest_survey
from preventie.tools import codebook_draft
from preventie.tools.codebook_draft import labels, writing
from preventie.tools.codebook_draft.variables import Variable, declared_codes

EXAMPLE = ROOT / "resources/example"
MARK = f"# {labels.REVIEW}"


def draft(target: Path, export: Path, year: int, codebook: Path, previous: Path) -> tuple[int, str, str]:
    """Run the command; (return code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    args = ["codeboek", str(export), "--year", str(year), "--previous-codebook", str(codebook)]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([*args, "--previous-export", str(previous), "--output", str(target)])
    return code, out.getvalue(), err.getvalue()


def example_draft(folder: Path, year: int, previous: int) -> tuple[Path, str]:
    target = folder / f"concept_{year}.yaml"
    code, summary, err = draft(
        target,
        EXAMPLE / f"enquete_{year}.sav",
        year,
        EXAMPLE / f"codeboek_{previous}.yaml",
        EXAMPLE / f"enquete_{previous}.sav",
    )
    assert code == 0, err
    return target, summary


@pytest.fixture(scope="module")
def drafts(tmp_path_factory) -> dict[int, tuple[Path, str]]:
    """The example's 2020 drafted from 2019 and its 2019 drafted from 2020: (file, summary)."""
    folder = tmp_path_factory.mktemp("concepten")
    return {2020: example_draft(folder, 2020, 2019), 2019: example_draft(folder, 2019, 2020)}


def reviewed(path: Path) -> Codebook:
    """The draft as the pipeline reads it once an analyst removed `concept: true`."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert raw.pop("concept") is True
    return parse_codebook(raw, "concept")


def by_entry(book: Codebook) -> dict[str, object]:
    """Every entry of a parsed codebook, by the name the draft's lines have."""
    out: dict[str, object] = {f"keys.{role}": var for role, var in book.key_vars().items()}
    out["keys.completed"] = (book.completed_var, book.completed_values)
    out.update({f"pii.{var}": True for var in book.pii})
    out.update({f"single.{name}": spec for name, spec in book.single.items()})
    out.update({f"numeric.{name}": var for name, var in book.numeric.items()})
    out.update({"multi.selected": book.selected, "multi.not_selected": book.not_selected})
    for set_name, options in book.multi.items():
        out.update({f"multi.{set_name}.{option}": var for option, var in options.items()})
    return out


def entry_lines(text: str) -> dict[str, str]:
    """Every line of a draft that is an entry (not a comment), by the name the draft's lines have;
    a set's own line as multi.<set>."""
    out, section, set_name = {}, None, None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip())
        body = line.split("  #")[0].strip()
        key = body.removeprefix("- ").split(":")[0]
        if indent == 0:
            section, name = key, key
        elif section == "multi" and indent == 2 and body.endswith(":"):
            set_name, name = key, f"multi.{key}"
        elif section == "multi" and indent == 4:
            name = f"multi.{set_name}.{key}"
        else:
            name = f"{section}.{key}"
        out[name] = line
    return out


def marked(text: str) -> set[str]:
    """The entries whose line carries '# CONTROLEREN' (a mark on a set's line marks its options)."""
    lines = entry_lines(text)
    sets = {
        name.removeprefix("multi.")
        for name, line in lines.items()
        if name.startswith("multi.") and line.split("  #")[0].strip().endswith(":") and MARK in line
    }
    options = {name for name in lines if name.count(".") == 2 and name.split(".")[1] in sets}
    return {name for name, line in lines.items() if MARK in line} | options


def variables(book: Codebook) -> dict[str, str]:
    """The raw variable of every entry of a codebook, by the name the draft's lines have."""
    out = {f"keys.{role}": var for role, var in book.key_vars().items()}
    out.update({f"pii.{var}": var for var in book.pii})
    out.update({f"single.{name}": spec.var for name, spec in book.single.items()})
    out.update({f"numeric.{name}": var for name, var in book.numeric.items()})
    for set_name, options in book.multi.items():
        out.update({f"multi.{set_name}.{option}": var for option, var in options.items()})
    return out


def summary_section(summary: str, title: str) -> tuple[int, list[str]]:
    """(the count in its heading, its rows) of one section of the change summary."""
    lines = summary.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{title} ("))
    rows = []
    for line in lines[start + 1 :]:
        if not line.startswith("  "):
            break
        rows.append(line[2:])
    return int(lines[start].rsplit("(", 1)[1].rstrip(")")), [] if rows == ["(geen)"] else rows


def same_entries(got: Codebook, want: Codebook, skip: set[str]) -> list[str]:
    """The entries (other than `skip`) in which two codebooks differ."""
    a, b = by_entry(got), by_entry(want)
    return sorted(k for k in (a.keys() | b.keys()) - skip if a.get(k) != b.get(k))


def hand_written(year: int) -> Codebook:
    return dataclasses.replace(load_codebook(str(EXAMPLE / f"codeboek_{year}.yaml")), source="concept")


# Marked in 2020 (from 2019), each for a reason an analyst should look at:
# - keys.initiative_id (token), keys.initiative_name (Q01_naam), keys.submitted_at (afgerond_op),
#   keys.completed (status) and numeric.n_interventies (Q06): last year's label differs; found by
#   what the values say (ids of form NI-9999, names seen last year, a date/time, value labels
#   'Afgerond'/'Gedeeltelijk ingevuld', whole counts);
# - the three contact variables: their labels gained 'contactpersoon'; found as the same kind
#   of personal data; and Q43_opmerkingen, new, proposed as personal data (free remarks);
# - doelgroepen.alle_inwoners (Q05_8) and financiering.overig (Q14_4): options new this year,
#   matched to the canonical option by their text.
MARKED_2020 = {
    "keys.initiative_id",
    "keys.initiative_name",
    "keys.submitted_at",
    "keys.completed",
    "pii.Q40_contactnaam",
    "pii.Q41_email",
    "pii.Q42_telefoon",
    "pii.Q43_opmerkingen",
    "numeric.n_interventies",
    "multi.doelgroepen.alle_inwoners",
    "multi.financiering.overig",
}
# The other way round the same keys, contact variables and count; nothing new to propose.
MARKED_2019 = {
    "keys.initiative_id",
    "keys.initiative_name",
    "keys.submitted_at",
    "keys.completed",
    "pii.contactpersoon",
    "pii.emailadres",
    "pii.telefoonnummer",
    "numeric.n_interventies",
}


@pytest.mark.parametrize("year", [2020, 2019])
def test_the_draft_is_a_valid_codebook_that_starts_as_a_concept(drafts, year):
    path, _ = drafts[year]
    text = path.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip()]
    assert lines[0].startswith("# Concept-codeboek") and "preventie codeboek" in lines[0]
    assert [line for line in lines if not line.startswith("#")][0] == "concept: true"
    assert reviewed(path).year == year
    assert str(ROOT) not in text  # file names only


@pytest.mark.parametrize("year, previous", [(2020, 2019), (2019, 2020)])
def test_every_entry_not_marked_is_the_hand_written_one(drafts, year, previous):
    path, _ = drafts[year]
    got, want = reviewed(path), hand_written(year)
    unmarked = set(by_entry(got)) - marked(path.read_text(encoding="utf-8"))
    assert len(unmarked) >= 40  # the bulk of the codebook is decided without review
    assert [k for k in sorted(unmarked) if by_entry(got)[k] != by_entry(want).get(k)] == []


def test_few_entries_are_marked_and_these_ones(drafts):
    marks = {year: marked(path.read_text(encoding="utf-8")) for year, (path, _) in drafts.items()}
    assert len(marks[2020]) <= 11 and len(marks[2019]) <= 8
    assert marks == {2020: MARKED_2020, 2019: MARKED_2019}


@pytest.mark.parametrize("year", [2020, 2019])
def test_the_marked_entries_are_right_too(drafts, year):
    path, _ = drafts[year]
    assert reviewed(path) == hand_written(year)


def test_the_summary_names_renames_renumbered_codes_and_new_options(drafts):
    _, summary = drafts[2020]
    for expected in (
        "Hernoemd (46)",
        "keys.initiative_id",
        "ni_code → token",
        "single.samenwerking",
        "formeel 1 → 4, informeel 2 → 3, in_gesprek 3 → 2, geen_contact 4 → 1, null 8 → 9",
        "nee 0 → 2, null 8 → 9",
        "niet aangevinkt 2 → 0",
        "multi.doelgroepen.alle_inwoners  Q05_8 'Alle inwoners'",
        "multi.financiering.overig        Q14_4 'Overige financiering'",
        "Q43_opmerkingen  'Opmerkingen' als persoonsgegeven (pii)",
        "Te controleren (# CONTROLEREN in het concept) (11)",
    ):
        assert expected in summary, expected
    # new in 2020: a question the pipeline does not read; the other way round 2019's own
    assert summary_section(summary, "Nieuwe vragen") == (
        1,
        ["Q09  'In welk jaar is het initiatief gestart?' (getal), als commentaar in het concept"],
    )
    _, back = drafts[2019]
    assert summary_section(back, "Nieuwe vragen") == (
        1,
        ["v12_startjaar  'Startjaar van het initiatief' (getal), als commentaar in het concept"],
    )
    for expected in (
        "formeel 4 → 1",
        "multi.doelgroepen.alle_inwoners  Q05_8 'Alle inwoners'",  # dropped: 2019 did not ask it
        "pii.Q43_opmerkingen",
        "Vervallen (geen tegenhanger dit jaar) (3)",
    ):
        assert expected in back, expected
    assert "@" not in summary + back  # labels and names, never answers


def test_the_draft_is_the_same_every_time(drafts, tmp_path):
    path, summary = drafts[2020]
    again, summary_again = example_draft(tmp_path, 2020, 2019)
    assert again.read_bytes() == path.read_bytes()
    assert summary_again.splitlines()[1:] == summary.splitlines()[1:]  # the first line names the file


def test_a_draft_left_a_concept_is_refused(drafts):
    path, _ = drafts[2020]
    with pytest.raises(PipelineError, match=r"codeboek is nog een concept \(concept: true\).*CONTROLEREN"):
        load_codebook(str(path), year=2020)


# --- a CSV export: only names and the codes that occur ------------------------------------------


@pytest.fixture(scope="module")
def csv_draft(tmp_path_factory) -> tuple[Path, str]:
    """2021 as a CSV export (2020's data; Q06 renamed, a code 7 that no label explains, the
    e-mail addresses once more under a meaningless name), drafted from 2020."""
    folder = tmp_path_factory.mktemp("csv")
    data = read_input(EXAMPLE / "enquete_2020.sav").data.rename(columns={"Q06": "aantal_interventies"})
    data["x7"] = data["Q41_email"]
    data.loc[0, "Q02"] = 7
    data.to_csv(folder / "export_2021.csv", index=False, sep=";")
    target = folder / "concept_2021.yaml"
    code, summary, err = draft(
        target, folder / "export_2021.csv", 2021, EXAMPLE / "codeboek_2020.yaml", EXAMPLE / "enquete_2020.sav"
    )
    assert code == 0, err
    return target, summary


def test_a_csv_export_is_drafted_with_every_entry_marked(csv_draft, drafts):
    path, summary = csv_draft
    text = path.read_text(encoding="utf-8")
    book = reviewed(path)
    marks = marked(text)
    assert set(by_entry(book)) <= marks  # no labels to compare: nothing is decided unseen
    assert len(marks) > len(marked(drafts[2020][0].read_text(encoding="utf-8")))
    assert "alleen op naam (geen labels)" in text
    # what it could take over by name is last year's; what it could not is left out, not guessed
    previous = hand_written(2020)
    assert same_entries(book, previous, skip={"numeric.n_interventies", "pii.x7"}) == []
    # Q06 renamed without labels: nothing tells that aantal_interventies is it, so the count is
    # taken as not asked (to review) and aantal_interventies offered as a new question
    assert (
        "numeric.n_interventies  niet gevraagd: vorig jaar Q06 'Hoeveel preventieve interventies biedt het initiatief"
        " aan?'" in summary
    )
    assert "#   <naam>: {var: aantal_interventies}  # aantal_interventies" in text
    assert summary_section(summary, "Nieuwe vragen")[1] == [
        "aantal_interventies  (getal), als commentaar in het concept"
    ]
    assert summary_section(summary, "Niet gebruikt, net als vorig jaar")[1] == ["Q09"]
    q02 = next(line for line in text.splitlines() if line.startswith("  doet_preventie:"))
    assert "code(s) 7 komen voor, niet in de map" in q02
    # personal data recognised by its values alone
    assert "pii.x7: nieuw: x7 lijkt op een e-mailadres (persoonsgegevens)" in summary


# --- 2021: a questionnaire that changed the way survey tools change year to year ----------------

FINANCING = "Uit welke bronnen worden de afspraken gefinancierd?"


def draft_2021(folder: Path, drop: tuple[str, ...] = ()) -> tuple[Path, str, Path]:
    """The 2021 export drafted from 2020 with the command: (draft, summary, export)."""
    export = export_2021(folder / "enquete_2021.sav", drop)
    target = folder / "concept_2021.yaml"
    code, summary, err = draft(target, export, 2021, EXAMPLE / "codeboek_2020.yaml", EXAMPLE / "enquete_2020.sav")
    assert code == 0, err
    return target, summary, export


@pytest.fixture(scope="module")
def changed(tmp_path_factory) -> tuple[Path, str, Path]:
    return draft_2021(tmp_path_factory.mktemp("2021"))


@pytest.fixture(scope="module")
def fewer(tmp_path_factory) -> tuple[Path, str, Path]:
    """As `changed`, and a single question (Q10, gemeente_betrokken) and the count (Q06) gone too."""
    return draft_2021(tmp_path_factory.mktemp("2021_minder"), drop=("Q10", "Q06"))


def question_of(label: str) -> str:
    return label.split(" - ")[0]


def test_a_question_gone_from_the_export_is_not_asked(changed):
    path, summary, _ = changed
    text = path.read_text(encoding="utf-8")
    # out of the mapping: the pipeline takes a set the codebook does not name as not asked
    assert "financiering" not in reviewed(path).multi
    was = f"'{FINANCING}': Q14_1 'Wmo', Q14_2 'Zvw', Q14_3 'Wpg', Q14_4 'Overige financiering'"
    assert f"\n  # niet gevraagd in 2021: financiering (vorig jaar {was})  # CONTROLEREN: geen variabele" in text
    assert summary_section(summary, "Vervallen (geen tegenhanger dit jaar)") == (
        1,
        [f"multi.financiering  niet gevraagd: vorig jaar {was}"],
    )
    assert f"multi.financiering: niet gevraagd in 2021 (vorig jaar {was}): geen variabele" in summary
    # the count in the summary is the number of lines the analyst finds with '# CONTROLEREN:'
    count = int(summary.splitlines()[2].split()[0])
    assert (
        count == text.count(f"{MARK}:") == summary_section(summary, "Te controleren (# CONTROLEREN in het concept)")[0]
    )


@pytest.mark.parametrize(
    "section, name, was",
    [
        ("single", "gemeente_betrokken", "Q10 'Is de gemeente betrokken bij het initiatief?'"),
        ("numeric", "n_interventies", "Q06 'Hoeveel preventieve interventies biedt het initiatief aan?'"),
    ],
)
def test_a_single_question_or_a_count_gone_is_not_asked(fewer, section, name, was):
    path, summary, _ = fewer
    text = path.read_text(encoding="utf-8")
    assert name not in getattr(reviewed(path), section)
    assert f"\n  # niet gevraagd in 2021: {name} (vorig jaar {was})  # CONTROLEREN: geen variabele" in text
    assert f"{section}.{name}: niet gevraagd in 2021 (vorig jaar {was}): geen variabele" in summary
    assert f"{section}.{name}" in "\n".join(summary_section(summary, "Vervallen (geen tegenhanger dit jaar)")[1])


def test_an_option_gone_from_a_question_still_asked_is_left_out_and_listed(drafts):
    # 2019 did not ask 'Alle inwoners': the option is left out, as a comment in its question,
    # not to review (no option of its question is left that could be it)
    path, summary = drafts[2019]
    text = path.read_text(encoding="utf-8")
    assert "alle_inwoners" not in reviewed(path).multi["doelgroepen"]
    assert "\n    # niet gevraagd in 2019: alle_inwoners (vorig jaar Q05_8 'Alle inwoners')\n" in text
    assert (
        "multi.doelgroepen.alle_inwoners  Q05_8 'Alle inwoners'"
        in summary_section(summary, "Vervallen (geen tegenhanger dit jaar)")[1]
    )


@pytest.fixture(scope="module")
def example_2020() -> tuple[RawExport, Codebook]:
    return read_input(EXAMPLE / "enquete_2020.sav"), load_codebook(str(EXAMPLE / "codeboek_2020.yaml"))


def draft_in_memory(example_2020, change) -> tuple[Codebook, str, str]:
    """2021 as `change(data, labels, values)` makes it from the 2020 export (the data it returns,
    labels and value labels changed in place): (the reviewed draft, the draft, the summary)."""
    before, book = example_2020
    data, labels = before.data.copy(), dict(before.variable_labels)
    values = {var: dict(codes) for var, codes in before.value_labels.items()}
    now = RawExport(change(data, labels, values), labels, values)
    result = codebook_draft.draft_codebook(
        now, before, book, 2021, ("nu.sav", "codeboek_2020.yaml", "enquete_2020.sav")
    )
    text = codebook_draft.render(result)
    book = parse_codebook({k: v for k, v in yaml.safe_load(text).items() if k != "concept"}, "concept")
    return book, text, codebook_draft.summary(result, "concept.yaml")


def test_an_option_gone_while_its_question_has_options_the_draft_cannot_place_is_to_review(example_2020):
    def change(data, labels, values):
        labels["Q14_5"], values["Q14_5"] = f"{FINANCING} - Eigen bijdrage", TICKS
        return data.drop(columns=["Q14_3"]).assign(Q14_5=data["Q14_1"])

    book, text, summary = draft_in_memory(example_2020, change)
    assert set(book.multi["financiering"]) == {"wmo", "zvw", "overig"}
    assert (
        "\n    # niet gevraagd in 2021: wpg (vorig jaar Q14_3 'Wpg')  # CONTROLEREN: vorig jaar Q14_3"
        f" '{FINANCING} - Wpg' niet gevonden, maar de vraag heeft nieuwe opties die het concept niet plaatst:"
        f" Q14_5 '{FINANCING} - Eigen bijdrage'; is het er een van?\n" in text
    )
    assert "\n    # eigen_bijdrage: Q14_5  # nieuwe optie 'Eigen bijdrage': geen canonieke optie\n" in text
    assert "multi.financiering.wpg: vorig jaar Q14_3" in summary


def test_no_variable_of_another_question_takes_a_canonical_option(changed):
    path, _, export = changed
    book = reviewed(path)
    labels, before = read_input(export).variable_labels, read_input(EXAMPLE / "enquete_2020.sav").variable_labels
    previous = hand_written(2020)
    for set_name, options in book.multi.items():
        asked = question_of(before[next(iter(previous.multi[set_name].values()))])
        assert {question_of(labels[var]) for var in options.values()} == {asked}, set_name
    # the new options of other questions stay out; 'Samen Sportief in Beweging' is one of its own
    used = set(variables(book).values())
    assert not used & {"Q05_9", "Q08_5", "Q15"}
    assert book.multi["gli_programmas"]["samen_sportief"] == "Q08_6"


def test_a_single_question_never_takes_another_question_with_the_same_answers(fewer):
    # Q15 has the Ja/Nee/Weet niet of Q10 (and of Q02 and Q11): no evidence that it is Q10
    path, summary, _ = fewer
    assert "Q15" not in variables(reviewed(path)).values()
    assert summary_section(summary, "Nieuwe vragen")[1][0].startswith("Q15  'Werkt het initiatief samen met")


def test_an_option_relabelled_in_its_place_is_found_by_its_place(example_2020):
    # the question renumbered (Q14 → Q16) and its third option relabelled: only its place says it
    def change(data, labels, values):
        for i in range(1, 5):
            labels[f"Q16_{i}"], values[f"Q16_{i}"] = labels.pop(f"Q14_{i}"), values.pop(f"Q14_{i}")
        labels["Q16_3"] = f"{FINANCING} - Wet publieke gezondheid"
        return data.rename(columns={f"Q14_{i}": f"Q16_{i}" for i in range(1, 5)})

    book, text, _ = draft_in_memory(example_2020, change)
    assert book.multi["financiering"] == {"wmo": "Q16_1", "zvw": "Q16_2", "wpg": "Q16_3", "overig": "Q16_4"}
    line = entry_lines(text)["multi.financiering.wpg"]
    assert f"CONTROLEREN: Q14_3 '{FINANCING} - Wpg' → Q16_3 '{FINANCING} - Wet publieke gezondheid'" in line
    assert "zelfde plek in de vraag (3 van 4)" in line


def test_without_labels_an_option_is_looked_for_among_its_name_family_only(example_2020):
    # a CSV export: no labels; the financing question gone, a new target group Q05_9
    def change(data, labels, values):
        labels.clear()
        values.clear()
        return data.drop(columns=["Q14_1", "Q14_2", "Q14_3", "Q14_4"]).assign(Q05_9=data["Q05_1"])

    book, text, summary = draft_in_memory(example_2020, change)
    assert "financiering" not in book.multi and "Q05_9" not in variables(book).values()
    assert "\n  # niet gevraagd in 2021: financiering (vorig jaar" in text
    assert "\n    # q05_9: Q05_9  # nieuwe optie (geen label): geen canonieke optie\n" in text
    assert summary_section(summary, "Nieuwe antwoordopties")[1] == [
        "multi.doelgroepen  Q05_9: geen canonieke optie, als commentaar in het concept"
    ]


def test_new_options_and_new_questions_are_listed_and_written_commented_out(changed):
    path, summary, _ = changed
    text = path.read_text(encoding="utf-8")
    assert summary_section(summary, "Nieuwe antwoordopties") == (
        3,
        [
            "multi.gli_programmas.samen_sportief  Q08_6 'Samen Sportief in Beweging'",
            "multi.gli_programmas                 Q08_5 'Leefstijlroer': geen canonieke optie, als commentaar in het"
            " concept",
            "multi.doelgroepen                    Q05_9 'Mensen met een migratieachtergrond': geen canonieke optie, als"
            " commentaar in het concept",
        ],
    )
    assert summary_section(summary, "Nieuwe vragen") == (
        1,
        [
            "Q15  'Werkt het initiatief samen met het onderwijs?' (enkelvoudig: 1 = Ja; 2 = Nee; 9 = Weet niet), als"
            " commentaar in het concept"
        ],
    )
    # Q09 was in 2020's export too, and 2020's codebook left it out
    assert summary_section(summary, "Niet gebruikt, net als vorig jaar") == (
        1,
        ["Q09  'In welk jaar is het initiatief gestart?'"],
    )
    # the canonical option is proposed, to review; the others wait in their question, commented out
    assert (
        "\n    samen_sportief: Q08_6  # CONTROLEREN: nieuwe optie Q08_6 'Welke GLI-programma's worden aangeboden? -"
        " Samen Sportief in Beweging': gelijk aan de canonieke optie 'Samen Sportief in Beweging'\n" in text
    )
    option = "    # mensen_met_een_migratieachtergrond: Q05_9  # nieuwe optie 'Mensen met een migratieachtergrond'"
    assert option in text.split("\n  doelgroepen:")[1]
    enabled = yaml.safe_load(text.replace(option, option.replace("# ", "", 1)))
    assert enabled["multi"]["doelgroepen"]["mensen_met_een_migratieachtergrond"] == "Q05_9"
    # the new question: its lines without '#' are a codebook entry, once it has a canonical name
    block = text.split("# Nieuwe vragen:")[1].splitlines()
    entry = [line[2:] for line in block if line.startswith(("# single:", "#   "))]
    assert yaml.safe_load("\n".join(entry)) == {
        "single": {"<naam>": {"var": "Q15", "map": {1: "ja", 2: "nee", 9: None}}}
    }


@pytest.mark.parametrize("which", [2020, 2019, "csv"])
def test_every_line_to_review_shows_last_years_and_the_proposed_variable_with_their_labels(drafts, csv_draft, which):
    path = csv_draft[0] if which == "csv" else drafts[which][0]
    previous = {2020: 2019, 2019: 2020, "csv": 2020}[which]
    export = path.parent / "export_2021.csv" if which == "csv" else EXAMPLE / f"enquete_{which}.sav"
    now, before = read_input(export).variable_labels, read_input(EXAMPLE / f"enquete_{previous}.sav").variable_labels
    got, was = variables(reviewed(path)), variables(load_codebook(str(EXAMPLE / f"codeboek_{previous}.yaml")))
    checked = 0
    for name, line in entry_lines(path.read_text(encoding="utf-8")).items():
        if MARK not in line or name not in got:
            continue
        comment = line.split(MARK)[1]
        var = got[name]
        assert (f"{var} '{now[var]}'" if now.get(var) else f" {var}") in comment, line
        if name in was:  # pii lines are named by this year's variable: last year's is another name
            assert f"{was[name]} '{before[was[name]]}'" in comment, line
        checked += 1
    assert checked >= 7


def test_the_reviewed_2021_draft_reads_the_financing_question_as_not_asked(changed, tmp_path):
    path, _, export = changed
    target = tmp_path / "2021.yaml"
    target.write_text(path.read_text(encoding="utf-8").replace("concept: true\n", ""), encoding="utf-8")
    book = load_codebook(str(target), year=2021)
    raw = read_input(export)
    result = ingest_survey(raw, book, str(export))
    assert not [column for column in result.submissions.columns if column.startswith("financiering_")]
    report = result.report.set_index("canoniek")
    for option in canon.MULTIS["financiering"].options:
        row = report.loc[canon.option_column("financiering", option)]
        assert not row["in_codeboek"] and row["variabele"] == ""
    # the new canonical option is read from its own variable; recoded answers by their labels
    ticked = result.submissions["gli_programmas_samen_sportief"]
    assert ticked.fillna(False).tolist() == raw.data["Q08_6"].eq(1).tolist()
    assert (result.submissions["doet_preventie"] == "nee").sum() == (raw.data["Q02"] == 0).sum() > 0


# Municipalities of the 2020 inventory merged or split by 2021 (Eemsdelta; Haaren, mostly to Vught)
MERGED_2021 = {"GM0003": "GM1979", "GM0010": "GM1979", "GM0024": "GM1979", "GM0788": "GM0865"}


@pytest.mark.e2e
def test_a_pipeline_run_on_the_reviewed_2021_draft_reports_financing_as_not_asked(tmp_path):
    workdir = copy_project(tmp_path)
    path, _, _ = draft_2021(workdir / "resources/example")
    (workdir / "config/codebooks/2021.yaml").write_text(
        path.read_text(encoding="utf-8").replace("concept: true\n", ""), encoding="utf-8"
    )
    inventory = pd.read_csv(EXAMPLE / "inventaris_2020.csv", dtype=str, keep_default_na=False)
    inventory["gemeente_code"] = inventory["gemeente_code"].replace(MERGED_2021)
    inventory.to_csv(workdir / "resources/example/inventaris_2021.csv", index=False)
    survey = {
        "inventory": "resources/example/inventaris_2021.csv",
        "survey": "resources/example/enquete_2021.sav",
        "codebook": "config/codebooks/2021.yaml",
        "links": None,
    }
    config = {"year": 2021, "first_year": 2021, "years": {2021: survey}}  # only its ingest is built here
    (workdir / "config/2021.yaml").write_text(yaml.safe_dump(config), "utf-8")
    report = "results/2021/ingest/codeboekrapport.csv"
    result = run_snakemake(workdir, report, "--configfile", "config/2021.yaml")
    assert result.returncode == 0, result.stderr[-4000:]
    rows = pd.read_csv(workdir / report, dtype=str, keep_default_na=False).set_index("canoniek")
    financing = [canon.option_column("financiering", option) for option in canon.MULTIS["financiering"].options]
    assert rows.loc[financing, ["variabele", "in_codeboek"]].to_dict("list") == {
        "variabele": [""] * 4,
        "in_codeboek": ["nee"] * 4,
    }
    assert rows.loc["gli_programmas_samen_sportief", "variabele"] == "Q08_6"


# --- smaller cases ------------------------------------------------------------------------------


def tiny_book(**single) -> Codebook:
    return parse_codebook(
        {
            "year": 2020,
            "keys": {"submission_id": "id", "completed": {"var": "klaar", "values": [1]}},
            "single": single or {"doet_preventie": {"var": "p", "map": {1: "ja", 2: "nee", 9: None}}},
        },
        "vorig.yaml",
    )


def tiny_export(columns: dict[str, list], labels: dict[str, str], values: dict[str, dict]) -> RawExport:
    return RawExport(pd.DataFrame(columns), labels, values)


LAST_YEAR = tiny_export(
    {"id": [1, 2, 3], "klaar": [1, 1, 2], "p": [1, 2, 9]},
    {"id": "Respondentnummer", "klaar": "Afgerond", "p": "Richt het initiatief zich op preventie?"},
    {"klaar": {1: "Ja", 2: "Nee"}, "p": {1: "Ja", 2: "Nee", 9: "Weet niet"}},
)


def test_codes_follow_their_labels_and_a_new_answer_is_never_guessed():
    now = tiny_export(
        {"id": [1, 2, 3], "klaar": [1, 1, 0], "vraag": [0, 1, 3]},
        {"id": "Respondentnummer", "klaar": "Afgerond", "vraag": "Richt het initiatief zich op preventie?"},
        {"klaar": {1: "Ja", 0: "Nee"}, "vraag": {0: "Nee", 1: "Ja", 3: "Anders", 8: "Weet niet"}},
    )
    result = codebook_draft.draft_codebook(now, LAST_YEAR, tiny_book(), 2021, ("nu.sav", "vorig.yaml", "vorig.sav"))
    text = codebook_draft.render(result)
    line = next(line for line in text.splitlines() if line.startswith("  doet_preventie:"))
    assert line.startswith("  doet_preventie: {var: vraag, map: {0: nee, 1: ja, 8: null}}  # CONTROLEREN: ")
    assert "code 3 'Anders' heeft geen tegenhanger: niet in de map" in line
    assert "nee 2 → 0, null 9 → 8" in codebook_draft.summary(result, "concept.yaml")


def test_two_variables_with_last_years_label_are_both_named():
    now = tiny_export(
        {"id": [1, 2], "klaar": [1, 1], "p1": [1, 2], "p2": [2, 1]},
        {
            "id": "Respondentnummer",
            "klaar": "Afgerond",
            "p1": "Richt het initiatief zich op preventie?",
            "p2": "Richt het initiatief zich op preventie?",
        },
        {v: {1: "Ja", 2: "Nee", 9: "Weet niet"} for v in ("p1", "p2")} | {"klaar": {1: "Ja", 2: "Nee"}},
    )
    result = codebook_draft.draft_codebook(now, LAST_YEAR, tiny_book(), 2021, ("nu.sav", "vorig.yaml", "vorig.sav"))
    line = next(line for line in codebook_draft.render(result).splitlines() if line.startswith("  doet_preventie:"))
    assert "{var: p1," in line and "; ook p2 heeft dit label" in line
    assert (
        "CONTROLEREN: p 'Richt het initiatief zich op preventie?' → p1 'Richt het initiatief zich op preventie?'"
        in line
    )


def test_a_required_key_without_any_candidate_stays_visible():
    now = tiny_export({"p": [1, 2]}, {"p": "Richt het initiatief zich op preventie?"}, {"p": {1: "Ja", 2: "Nee"}})
    result = codebook_draft.draft_codebook(now, LAST_YEAR, tiny_book(), 2021, ("nu.sav", "vorig.yaml", "vorig.sav"))
    text = codebook_draft.render(result)
    assert (
        "  submission_id: ONTBREEKT_submission_id  # CONTROLEREN: geen tegenhanger van vorig jaar id 'Respondentnummer'"
        in text
    )
    parse_codebook({k: v for k, v in yaml.safe_load(text).items() if k != "concept"}, "concept")


@pytest.mark.parametrize(
    "label, said",
    [
        ("Ja", True),
        ("Aangevinkt", True),
        ("Niet aangevinkt", False),
        ("Nee", False),
        ("Weet niet", False),
        ("GGD", None),
        ("True", True),  # Qualtrics: Finished, a tick box
        ("False", False),
    ],
)
def test_what_a_value_label_says(label, said):
    assert labels.polarity(label) is said


@pytest.mark.parametrize(
    "label, said",
    [
        ("Afgerond", True),
        ("Gedeeltelijk ingevuld", False),
        ("True", True),
        ("False", False),
        ("Finished", True),
        ("Not finished", False),
        ("Unfinished", False),
        ("Completed", True),
        ("Incomplete", False),
        ("Aangevinkt", None),  # ticked is not completed
    ],
)
def test_what_a_value_label_says_of_completion(label, said):
    assert labels.polarity(label, labels.COMPLETED) is said


def test_a_multiple_response_label_is_split_after_its_question():
    assert labels.split_option("Welke partijen zijn betrokken? - Huisarts/POH - wijk") == (
        "Welke partijen zijn betrokken?",
        "Huisarts/POH - wijk",
    )
    assert labels.split_option("Naam van het initiatief") is None


# --- the command line -----------------------------------------------------------------------------


def one_fout_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("FOUT: "), err
    return lines[0]


def test_command_line_writes_the_draft_and_prints_the_summary(drafts):
    path, summary = drafts[2020]
    assert path.exists()
    assert summary.startswith(f"Concept-codeboek 2020 geschreven naar {path}\n")
    assert "11 regel(s) met '# CONTROLEREN'" in summary


def test_command_line_mistakes_are_one_fout_line(tmp_path):
    book, export = EXAMPLE / "codeboek_2019.yaml", EXAMPLE / "enquete_2019.sav"
    code, _, err = draft(tmp_path / "c.yaml", tmp_path / "bestaat_niet.sav", 2020, book, export)
    assert code == 1 and "bestaat_niet.sav: bestand niet gevonden" in one_fout_line(err)
    code, _, err = draft(tmp_path / "c.yaml", EXAMPLE / "enquete_2020.sav", 2019, book, export)
    assert code == 1 and "--year 2019 is het jaar van het vorige codeboek zelf" in one_fout_line(err)
    code, _, err = draft(tmp_path / "c.yaml", EXAMPLE / "enquete_2020.sav", 20, book, export)
    assert code == 1 and "geen jaartal" in one_fout_line(err)
    # last year's codebook must belong to last year's export
    code, _, err = draft(tmp_path / "c.yaml", EXAMPLE / "enquete_2020.sav", 2021, book, EXAMPLE / "enquete_2020.sav")
    assert code == 1 and "ontbreken in de export" in one_fout_line(err)
    assert not (tmp_path / "c.yaml").exists()


def test_a_reviewed_codebook_is_never_overwritten(tmp_path):
    target = tmp_path / "2020.yaml"
    target.write_bytes((EXAMPLE / "codeboek_2020.yaml").read_bytes())
    code, _, err = draft(
        target, EXAMPLE / "enquete_2020.sav", 2020, EXAMPLE / "codeboek_2019.yaml", EXAMPLE / "enquete_2019.sav"
    )
    assert code == 1 and "bestaat al en is geen concept" in one_fout_line(err)
    assert target.read_bytes() == (EXAMPLE / "codeboek_2020.yaml").read_bytes()


# --- the pipeline on the drafts -------------------------------------------------------------------


@pytest.mark.e2e
def test_the_reviewed_drafts_give_the_published_tables(example_run, drafts, tmp_path):
    workdir = copy_project(tmp_path)
    folder = workdir / "config/codebooks"
    for year, (path, _) in drafts.items():
        (folder / f"{year}.yaml").write_bytes(path.read_bytes())
    example = {2019: {"links": None}, 2020: {"links": "resources/example/koppelingen_2020.csv"}}
    years = {
        year: {
            "inventory": f"resources/example/inventaris_{year}.csv",
            "survey": f"resources/example/enquete_{year}.sav",
            "codebook": f"config/codebooks/{year}.yaml",
            **spec,
        }
        for year, spec in example.items()
    }
    # the example's series, with these codebooks: a config with years brings its own first year and figures
    example = yaml.safe_load((ROOT / "config/config.yaml").read_text(encoding="utf-8"))
    series = {"years": years, "first_year": example["first_year"], "historical": example["historical"]}
    (workdir / "config/concept.yaml").write_text(yaml.safe_dump(series), encoding="utf-8")
    # the tables of 2020 (with what they need of 2019), not the factsheet
    target = ("results/2020/tabellen/stroom.csv", "--configfile", "config/concept.yaml")
    review = folder / "2019.yaml"
    review.write_text(review.read_text(encoding="utf-8").replace("concept: true\n", ""), encoding="utf-8")

    # 2020 still a concept: refused with one line
    result = run_snakemake(workdir, *target)
    assert result.returncode != 0
    fout = [line for line in result.stderr.splitlines() if line.startswith("FOUT [")]
    assert fout == [
        "FOUT [ingest 2020]: config/codebooks/2020.yaml: codeboek is nog een concept (concept: true). "
        "Controleer elke regel met '# CONTROLEREN' en verwijder daarna de regel 'concept: true'"
    ], result.stderr[-3000:]

    review = folder / "2020.yaml"
    review.write_text(review.read_text(encoding="utf-8").replace("concept: true\n", ""), encoding="utf-8")
    result = run_snakemake(workdir, *target)
    assert result.returncode == 0, result.stderr[-4000:]
    published = sorted(p.name for p in (example_run / "results/2020/tabellen").glob("*.csv"))
    assert {"stroom.csv", "samenwerking.csv", "partijen.csv", "doelgroepen.csv"} <= set(published)
    assert sorted(p.name for p in (workdir / "results/2020/tabellen").glob("*.csv")) == published
    for name in published:
        drafted = (workdir / "results/2020/tabellen" / name).read_bytes()
        assert drafted == (example_run / "results/2020/tabellen" / name).read_bytes(), name


# --- Qualtrics: Finished 1 = False, 2 = True; declared missing codes ------------------------------


def qualtrics_2021(folder: Path) -> tuple[Path, Path, Path]:
    """Last year's export and codebook (the example's 2020, completion as `voltooid` 1 = Nee,
    2 = Ja) and this year's Qualtrics export of the same answers, with Qualtrics' own columns first
    (Finished 1 = False, 2 = True): (export, last year's codebook, last year's export)."""
    import numpy as np
    import pyreadstat

    data, meta = pyreadstat.read_sav(str(EXAMPLE / "enquete_2020.sav"))
    labels = dict(zip(meta.column_names, meta.column_labels, strict=True))
    values = {var: dict(codes) for var, codes in meta.variable_value_labels.items()}
    flipped = data["status"].map({1.0: 2.0, 2.0: 1.0})  # 1 = afgerond became 2

    before = data.rename(columns={"status": "voltooid"}).assign(voltooid=flipped)
    labels_before = {("voltooid" if k == "status" else k): v for k, v in labels.items()}
    labels_before["voltooid"] = "Vragenlijst voltooid"
    values_before = {("voltooid" if k == "status" else k): v for k, v in values.items()}
    values_before["voltooid"] = {1.0: "Nee", 2.0: "Ja"}
    previous = folder / "enquete_2020.sav"
    pyreadstat.write_sav(
        before,
        str(previous),
        column_labels=[labels_before.get(c) for c in before.columns],
        variable_value_labels=values_before,
    )
    book = folder / "codeboek_2020.yaml"
    text = (EXAMPLE / "codeboek_2020.yaml").read_text(encoding="utf-8")
    book.write_text(
        text.replace("completed: {var: status, values: [1]}", "completed: {var: voltooid, values: [2]}"),
        encoding="utf-8",
    )

    n = len(data)
    start = pd.Series(pd.Timestamp("2021-10-01 09:00") + pd.to_timedelta(np.arange(n) * 3607, unit="s"))
    end = start + pd.to_timedelta(600 + np.arange(n) * 7, unit="s")
    qualtrics = {
        "StartDate": ("Start Date", start),
        "EndDate": ("End Date", end),
        "Status": ("Response Type", np.zeros(n)),
        "IPAddress": ("IP Address", [f"145.{i % 250}.{i % 7}.{i % 200}" for i in range(n)]),
        "Progress": ("Progress", np.where(flipped == 2.0, 100.0, 40.0)),
        "Duration__in_seconds_": ("Duration (in seconds)", (end - start).dt.total_seconds()),
        "Finished": ("Finished", flipped),
        "RecordedDate": ("Recorded Date", end),
        "ResponseId": ("Response ID", [f"R_{i:04d}{'abcdefghij'[i % 10]}XyZ" for i in range(n)]),
        "RecipientLastName": ("Recipient Last Name", [["Jansen", "de Vries", "Bakker"][i % 3] for i in range(n)]),
        "RecipientFirstName": ("Recipient First Name", [["Anna", "Piet", "Sara", "Jan"][i % 4] for i in range(n)]),
        "RecipientEmail": ("Recipient Email", [f"contact{i}@voorbeeld.nl" for i in range(n)]),
        "ExternalReference": ("External Data Reference", data["token"]),
        "LocationLatitude": ("Location Latitude", 52.0 + np.arange(n) / 1000),
        "LocationLongitude": ("Location Longitude", 5.0 + np.arange(n) / 1000),
        "DistributionChannel": ("Distribution Channel", ["email"] * n),
        "UserLanguage": ("User Language", ["NL"] * n),
    }
    answers = data.drop(columns=["respondent_id", "token", "status", "afgerond_op"])
    now = pd.concat([pd.DataFrame({k: v for k, (_, v) in qualtrics.items()}), answers], axis=1)
    labels_now = {k: label for k, (label, _) in qualtrics.items()} | labels
    values_now = {k: v for k, v in values.items() if k in answers} | {
        "Finished": {1.0: "False", 2.0: "True"},
        "Status": {0.0: "IP Address", 1.0: "Survey Preview", 2.0: "Survey Test", 8.0: "Spam"},
    }
    export = folder / "qualtrics_2021.sav"
    pyreadstat.write_sav(
        now, str(export), column_labels=[labels_now.get(c) for c in now.columns], variable_value_labels=values_now
    )
    return export, book, previous


def test_a_qualtrics_export_is_drafted_from_its_labels_finished_2_is_completed(tmp_path):
    export, book, previous = qualtrics_2021(tmp_path)
    target = tmp_path / "concept_2021.yaml"
    code, summary, err = draft(target, export, 2021, book, previous)
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    lines = entry_lines(text)
    assert lines["keys.completed"] == (
        "  completed: {var: Finished, values: [2]}  # CONTROLEREN: voltooid 'Vragenlijst voltooid' → Finished "
        "'Finished'; ander label dan vorig jaar; waardelabels False / True; label of naam noemt de afronding; "
        "code 2 'True' gelezen als afgerond"
    )
    book_2021 = reviewed(target)
    assert book_2021.submission_id == "ResponseId" and book_2021.initiative_id == "ExternalReference"
    assert {"keys.submission_id", "keys.initiative_id", "keys.submitted_at", "keys.completed"} <= marked(text)
    # what Qualtrics records of a respondent is personal data, never read
    qualtrics_personal = {
        "RecipientEmail",
        "RecipientFirstName",
        "RecipientLastName",
        "IPAddress",
        "LocationLatitude",
        "LocationLongitude",
    }
    assert qualtrics_personal <= set(book_2021.pii)
    assert {f"pii.{var}" for var in qualtrics_personal} <= marked(text)
    # the answers map as last year's (the same labels), unmarked
    assert same_entries(
        book_2021, hand_written(2020), skip=set(variables(book_2021)) - set(variables(hand_written(2020)))
    ) == [
        "keys.completed",
        "keys.initiative_id",
        "keys.submission_id",
        "keys.submitted_at",
    ]
    # read with the reviewed draft, Finished 2 is completed and 1 is not
    raw = read_input(export)
    submissions = ingest_survey(raw, book_2021, export.name).submissions
    assert submissions["afgerond"].tolist() == (raw.data["Finished"] == 2).tolist()
    assert submissions["afgerond"].sum() == (read_input(previous).data["voltooid"] == 2).sum() > 0


@pytest.mark.parametrize(
    "codes, labels, proposed, renumbered",
    [
        ([2], {1: "Nee", 2: "Ja"}, [2], None),
        ([1], {1: "Afgerond", 2: "Gedeeltelijk ingevuld"}, [2], "afgerond 1 → 2"),
        ([1], {}, [2], "afgerond 1 → 2"),  # last year without labels: only this year's say it
    ],
)
def test_completion_follows_this_years_labels_never_last_years_number(codes, labels, proposed, renumbered):
    before = tiny_export(
        {"id": [1, 2, 3], "klaar": [codes[0]] * 3, "p": [1, 2, 9]},
        {"id": "Respondentnummer", "klaar": "Afgerond", "p": "Richt het initiatief zich op preventie?"},
        {"klaar": labels} if labels else {},
    )
    book = parse_codebook(
        {
            "year": 2020,
            "keys": {"submission_id": "id", "completed": {"var": "klaar", "values": codes}},
            "single": {"doet_preventie": {"var": "p", "map": {1: "ja", 2: "nee", 9: None}}},
        },
        "vorig.yaml",
    )
    now = tiny_export(
        {"id": [1, 2, 3], "Finished": [1, 2, 2], "p": [1, 2, 9]},
        {"id": "Respondentnummer", "Finished": "Finished", "p": "Richt het initiatief zich op preventie?"},
        {"Finished": {1: "False", 2: "True"}, "p": {1: "Ja", 2: "Nee", 9: "Weet niet"}},
    )
    result = codebook_draft.draft_codebook(now, before, book, 2021, ("nu.sav", "vorig.yaml", "vorig.sav"))
    line = entry_lines(codebook_draft.render(result))["keys.completed"]
    assert line.startswith(f"  completed: {{var: Finished, values: {proposed}}}  # CONTROLEREN: ")
    assert line.endswith("code 2 'True' gelezen als afgerond")
    rows = summary_section(codebook_draft.summary(result, "concept.yaml"), "Antwoordcodes anders genummerd")[1]
    assert rows == ([f"keys.completed  {renumbered}"] if renumbered else [])


def test_completion_codes_taken_over_say_what_their_labels_are_now():
    now = tiny_export(
        {"id": [1, 2, 3], "klaar": [1, 2, 2], "p": [1, 2, 9]},
        {"id": "Respondentnummer", "klaar": "Afgerond", "p": "Richt het initiatief zich op preventie?"},
        {"klaar": {1: "Onvolledig", 2: "Klaar"}, "p": {1: "Ja", 2: "Nee", 9: "Weet niet"}},
    )
    result = codebook_draft.draft_codebook(now, LAST_YEAR, tiny_book(), 2021, ("nu.sav", "vorig.yaml", "vorig.sav"))
    line = entry_lines(codebook_draft.render(result))["keys.completed"]
    assert line.startswith("  completed: {var: klaar, values: [1]}  # CONTROLEREN: ")
    assert line.endswith(
        "geen code die afgerond betekent: codes van vorig jaar overgenomen (1 'Onvolledig' zegt het tegendeel)"
    )


def with_declared(missing: dict[str, list], labels: dict | None = None, column=(0, 1, 3, 8)) -> str:
    """The doet_preventie line of a draft for an export whose answer `vraag` has these value
    labels and declared missing codes (SPSS), last year's map {1: ja, 2: nee} without 'weet niet'."""
    before = tiny_export(
        {"id": [1, 2, 3], "klaar": [1, 1, 2], "p": [1, 2, 1]},
        {"id": "Respondentnummer", "klaar": "Afgerond", "p": "Richt het initiatief zich op preventie?"},
        {"klaar": {1: "Ja", 2: "Nee"}, "p": {1: "Ja", 2: "Nee"}},
    )
    book = tiny_book(doet_preventie={"var": "p", "map": {1: "ja", 2: "nee"}})
    labels = labels or {0: "Nee", 1: "Ja", 3: "Anders", 8: "Weet niet / geen mening"}
    now = RawExport(
        pd.DataFrame({"id": [1, 2, 3, 4], "klaar": [1, 1, 0, 1], "vraag": list(column)}),
        {"id": "Respondentnummer", "klaar": "Afgerond", "vraag": "Richt het initiatief zich op preventie?"},
        {"klaar": {1: "Ja", 0: "Nee"}, "vraag": labels},
        declared_missing={var: [(float(c), float(c)) for c in codes] for var, codes in missing.items()},
    )
    result = codebook_draft.draft_codebook(now, before, book, 2021, ("nu.sav", "vorig.yaml", "vorig.sav"))
    return entry_lines(codebook_draft.render(result))["single.doet_preventie"]


def test_declared_missing_codes_are_null_where_their_label_says_so_or_they_have_none():
    line = with_declared({"vraag": ["8", "99"]})
    assert line.startswith("  doet_preventie: {var: vraag, map: {0: nee, 1: ja, 8: null, 99: null}}  # CONTROLEREN: ")
    assert (
        "nieuwe code 8 'Weet niet / geen mening' als null opgenomen (in de export als ontbrekend gedeclareerd)" in line
    )
    assert "code 99 is in de export als ontbrekend gedeclareerd (geen waardelabel): als null" in line
    assert "code 3 'Anders' heeft geen tegenhanger: niet in de map" in line
    # not declared, 'Weet niet / geen mening' is no answer the draft knows: never guessed
    line = with_declared({})
    assert line.startswith("  doet_preventie: {var: vraag, map: {0: nee, 1: ja}}  # CONTROLEREN: ")
    assert "code 8 'Weet niet / geen mening' heeft geen tegenhanger: niet in de map" in line


def test_a_declared_missing_code_whose_label_says_an_answer_is_to_review_not_null():
    line = with_declared({"vraag": [3.0]})  # declared as a number, as SPSS stores it
    assert line.startswith("  doet_preventie: {var: vraag, map: {0: nee, 1: ja}}  # CONTROLEREN: ")
    assert (
        "code 3 'Anders' is in de export als ontbrekend gedeclareerd, maar het label zegt niet dat het antwoord "
        "ontbreekt: niet in de map" in line
    )
    line = with_declared({"vraag": ["1"]})
    assert "code 1 'Ja' is in de export als ontbrekend gedeclareerd, maar krijgt de waarde ja" in line


def test_a_new_question_gets_its_declared_missing_codes_as_null():
    var = Variable(
        "Q15",
        "Werkt het initiatief samen met het onderwijs?",
        value_labels={"1": "Ja", "2": "Nee", "7": "Weigert"},
        missing=frozenset({"7", "9"}),
    )
    assert writing.suggested_map(var) == "1: ja, 2: nee, 7: weigert, 9: null"
    var = dataclasses.replace(var, value_labels={"1": "Ja", "2": "Nee", "7": "Wil ik niet zeggen"})
    assert writing.suggested_map(var) == "1: ja, 2: nee, 7: null, 9: null"


def test_a_sav_export_with_declared_missing_codes_is_drafted_with_them_as_null(tmp_path):
    """End to end: the reader keeps SPSS's declared missing codes (RawExport.declared_missing)."""
    import pyreadstat

    export, book, previous = qualtrics_2021(tmp_path)
    data, meta = pyreadstat.read_sav(str(export))
    data.loc[data.index[:3], "Q02"] = 8.0  # 'Wil ik niet zeggen', declared missing, new this year
    values = {var: dict(codes) for var, codes in meta.variable_value_labels.items()}
    values["Q02"][8.0] = "Wil ik niet zeggen"
    pyreadstat.write_sav(
        data,
        str(export),
        column_labels=meta.column_labels,
        variable_value_labels=values,
        missing_ranges={"Q02": [8.0, 9.0]},
    )
    raw = read_input(export)
    assert sorted(declared_codes(raw, "Q02")) == ["8", "9"]
    target = tmp_path / "concept_2021.yaml"
    code, _, err = draft(target, export, 2021, book, previous)
    assert code == 0, err
    assert reviewed(target).single["doet_preventie"].map == {"1": "ja", "2": "nee", "8": None, "9": None}
