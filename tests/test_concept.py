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
from preventie import concept
from preventie.__main__ import main
from preventie.codebook import Codebook, load_codebook, parse_codebook
from preventie.errors import PipelineError
from preventie.io import RawExport, read_input

EXAMPLE = ROOT / "resources/example"
MARK = f"# {concept.REVIEW}"


def draft(target: Path, export: Path, year: int, codebook: Path, previous: Path) -> tuple[int, str, str]:
    """Run the command; (return code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    args = ["codeboek", str(export), "--jaar", str(year), "--vorig-codeboek", str(codebook)]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([*args, "--vorige-export", str(previous), "--uit", str(target)])
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


def marked(text: str) -> set[str]:
    """The entries whose line carries '# CONTROLEREN' (a mark on a set's line marks its options)."""
    out, section, set_name, marked_sets = set(), None, None, set()
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
            if MARK in line:
                marked_sets.add(key)
        elif section == "multi" and indent == 4:
            name = f"multi.{set_name}.{key}"
            if set_name in marked_sets:
                out.add(name)
        else:
            name = f"{section}.{key}"
        if MARK in line:
            out.add(name)
    return out


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
        "Q09              'In welk jaar is het initiatief gestart?' niet gebruikt",
        "Q43_opmerkingen  'Opmerkingen' als persoonsgegeven (pii)",
        "Te controleren (# CONTROLEREN in het concept) (11)",
    ):
        assert expected in summary, expected
    _, back = drafts[2019]
    for expected in (
        "formeel 4 → 1",
        "v12_startjaar  'Startjaar van het initiatief' niet gebruikt",
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
    assert "numeric.n_interventies  Q06 'Hoeveel preventieve interventies biedt het initiatief aan?'" in summary
    assert "aantal_interventies  niet gebruikt" in summary
    q02 = next(line for line in text.splitlines() if line.startswith("  doet_preventie:"))
    assert "code(s) 7 komen voor, niet in de map" in q02
    # personal data recognised by its values alone
    assert "pii.x7: nieuw: lijkt op een e-mailadres (persoonsgegevens)" in summary


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
    result = concept.draft_codebook(now, LAST_YEAR, tiny_book(), 2021, ("nu.sav", "vorig.yaml", "vorig.sav"))
    text = concept.render(result)
    line = next(line for line in text.splitlines() if line.startswith("  doet_preventie:"))
    assert line.startswith("  doet_preventie: {var: vraag, map: {0: nee, 1: ja, 8: null}}  # CONTROLEREN: ")
    assert "code 3 'Anders' heeft geen tegenhanger: niet in de map" in line
    assert "nee 2 → 0, null 9 → 8" in concept.summary(result, "concept.yaml")


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
    result = concept.draft_codebook(now, LAST_YEAR, tiny_book(), 2021, ("nu.sav", "vorig.yaml", "vorig.sav"))
    line = next(line for line in concept.render(result).splitlines() if line.startswith("  doet_preventie:"))
    assert "{var: p1," in line and "CONTROLEREN: ook p2 heeft dit label" in line


def test_a_required_key_without_any_candidate_stays_visible():
    now = tiny_export({"p": [1, 2]}, {"p": "Richt het initiatief zich op preventie?"}, {"p": {1: "Ja", 2: "Nee"}})
    result = concept.draft_codebook(now, LAST_YEAR, tiny_book(), 2021, ("nu.sav", "vorig.yaml", "vorig.sav"))
    text = concept.render(result)
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
    ],
)
def test_what_a_value_label_says(label, said):
    assert concept.polarity(label) is said


def test_a_multiple_response_label_is_split_after_its_question():
    assert concept.split_option("Welke partijen zijn betrokken? - Huisarts/POH - wijk") == (
        "Welke partijen zijn betrokken?",
        "Huisarts/POH - wijk",
    )
    assert concept.split_option("Naam van het initiatief") is None


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
    assert code == 1 and "--jaar 2019 is het jaar van het vorige codeboek zelf" in one_fout_line(err)
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
    (workdir / "config/concept.yaml").write_text(yaml.safe_dump({"years": years}), encoding="utf-8")
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
