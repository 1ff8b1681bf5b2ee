"""Linking: order of methods, normalisation, fuzzy margin, the links file."""

import re
from unittest.mock import patch

import numpy as np
import pandas as pd
import pyreadstat
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from conftest import copy_project, inventory, run_snakemake, submissions
from preventie import link as link_module
from preventie import nearest
from preventie.errors import PipelineError
from preventie.exports import read_input
from preventie.link import METHODS, _reasons, link_submissions, read_links, token_mismatch, unlinked_warning
from preventie.nearest import best_two
from preventie.normalise import normalise_ids, normalise_name

INVENTORY = inventory(
    [
        {"initiatief_id": "NI-0001", "naam": "Gezond Leven Zwolle"},
        {"initiatief_id": "NI-0002", "naam": "Welzijn op Recept Kerkrade"},
        {"initiatief_id": "NI-0003", "naam": "Welzijn op Recept Lelystad"},
        {"initiatief_id": "NI-0004", "naam": "Sámen Fit in de Wijk!"},
        {"initiatief_id": "NI-0005", "naam": "Vitaal Twente"},
        {"initiatief_id": "NI-0006", "naam": "Vitaal Twente"},
    ]
)


def link(rows, manual=None, threshold=90):
    return link_submissions(submissions(rows), INVENTORY, manual, threshold).set_index("submission_id")


def test_normalisation_lowercases_strips_accents_and_removes_punctuation():
    names = pd.Series(["  Sámen   Fit-in de Wijk! ", "'s-Gravenhage", "Súdwest-Fryslân", ""])
    assert normalise_name(names).tolist()[:3] == ["samen fitin de wijk", "sgravenhage", "sudwestfryslan"]
    assert pd.isna(normalise_name(names).iloc[3])


def normalised_with_pandas(names: pd.Series) -> pd.Series:
    """normalise_name as a chain of pandas string methods, as it was written first: the definition."""
    text = names.astype("string").str.lower().str.normalize("NFKD")
    text = text.str.replace(r"[\u0300-\u036f]", "", regex=True)
    text = text.str.replace(r"[^\w\s]|_", "", regex=True)
    text = text.str.replace(r"\s+", " ", regex=True).str.strip()
    return text.mask(text == "", pd.NA)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.none() | st.text(max_size=12) | st.sampled_from(["İ Ǆ ß ø ﬁ ½ ٣", "x\u0301\u00a0_y", "\t\n"])))
def test_normalising_names_in_one_pass_is_the_pandas_chain(values):
    names = pd.Series(values, dtype="object", name="naam")
    pd.testing.assert_series_equal(normalise_name(names), normalised_with_pandas(names))


def ids_in_three_passes(values: pd.Series) -> pd.Series:
    """normalise_ids as it was first written (each value, then white space, then the id's form):
    the definition the one-pass version must keep."""
    import re

    def one(value):
        if isinstance(value, (float, np.floating)) and np.isfinite(value) and float(value).is_integer():
            return str(int(value))
        return None if value is None or pd.isna(value) else str(value)

    text = values.astype(object).map(one, na_action="ignore").astype("string")
    text = text.map(lambda v: " ".join(v.split()), na_action="ignore").astype("string")
    text = text.mask(text == "", pd.NA)
    whole, zeros = re.compile(r"^([+-]?\d+)[.,]0+$"), re.compile(r"^0+(?=[0-9]+$)")
    return text.map(lambda v: zeros.sub("", whole.sub(r"\1", v)).upper(), na_action="ignore").astype("string")


ID_CELLS = st.one_of(
    st.none(),
    st.text(alphabet=" \t0123.,+-NIniß\u00a0", max_size=8),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(-(2.0**60), 2.0**60).map(round),
    st.integers(-(10**20), 10**20),
    # the edges of the shortcuts: ids already canonical or not, floats beyond an exact integer
    st.sampled_from(["0162", "00", "0", "NI-0162", "ni-1", "-", " 5162.0 ", "5162,00", "A  B"]),
    st.sampled_from([2.0**53, 2.0**53 + 2, 1e19, -(2.0**63), 2.0**64, -0.0]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ID_CELLS, max_size=20), st.sampled_from(["object", "string", "float64", "Float64"]))
def test_ids_are_normalised_in_one_pass_as_in_three(values, dtype):
    column = pd.Series(values, dtype=object)
    if dtype == "string":  # a text column, as pyarrow and the CSV reader give it
        column = column.map(lambda v: v if isinstance(v, str) else None).astype("string")
    elif dtype != "object":  # a numeric column, as SPSS gives it (whole numbers up to 2**60 too)
        column = pd.Series([float(v) if isinstance(v, (int, float)) else None for v in values], dtype=dtype)
    got = normalise_ids(column)
    pd.testing.assert_series_equal(got, ids_in_three_passes(column), check_names=False)


def test_token_that_is_an_inventory_id_links():
    out = link([{"token": "NI-0002", "naam_ingevuld": "iets heel anders"}])
    assert out.loc["1", "initiatief_id"] == "NI-0002" and out.loc["1", "methode"] == "token"
    assert out.loc["1", "score"] < 50  # a reviewer sees the name does not fit the token


def test_exact_normalised_name_links_when_unique():
    out = link([{"naam_ingevuld": "SAMEN fit, in DE wijk."}])
    assert out.loc["1", ["initiatief_id", "methode"]].tolist() == ["NI-0004", "naam"]
    assert out.loc["1", "score"] == 100


def test_unknown_token_falls_back_to_the_name_and_says_so():
    out = link([{"token": "NI-9999", "naam_ingevuld": "Gezond Leven Zwolle"}])
    assert out.loc["1", "methode"] == "naam"
    assert "NI-9999" in out.loc["1", "toelichting"]


def test_fuzzy_match_needs_threshold_and_margin():
    out = link([{"naam_ingevuld": "Gezond Leven Zwole"}, {"naam_ingevuld": "Gezond Leven"}])
    assert out.loc["1", ["initiatief_id", "methode"]].tolist() == ["NI-0001", "fuzzy"]
    assert out.loc["1", "score"] >= 90
    assert out.loc["2", "methode"] == "ongekoppeld"
    assert "onder drempel 90" in out.loc["2", "toelichting"]


def test_threshold_comes_from_policy():
    out = link([{"naam_ingevuld": "Gezond Leven"}], threshold=75)
    assert out.loc["1", "initiatief_id"] == "NI-0001"


def test_near_tie_is_not_linked():
    # equally close to Kerkrade and Lelystad: best must beat the runner-up by 5 points
    out = link([{"naam_ingevuld": "Welzijn op Recept"}], threshold=60)
    assert out.loc["1", "methode"] == "ongekoppeld"
    assert "niet 5 punten boven de tweede" in out.loc["1", "toelichting"]


def test_the_reason_names_the_margin_the_match_needed(monkeypatch):
    monkeypatch.setattr(link_module, "FUZZY_MARGIN", 7.5)
    out = link([{"naam_ingevuld": "Welzijn op Recept"}], threshold=60)
    assert "niet 7.5 punten boven de tweede" in out.loc["1", "toelichting"]


def test_name_twice_in_inventory_is_not_linked_by_name():
    out = link([{"naam_ingevuld": "Vitaal Twente"}])
    assert out.loc["1", "methode"] == "ongekoppeld"
    assert "meer dan eens" in out.loc["1", "toelichting"]


def test_manual_link_wins_over_everything_and_negeer_is_kept_apart():
    manual = pd.Series(["NI-0003", "negeer"], index=["1", "2"])
    out = link([{"token": "NI-0002"}, {"token": "NI-0001"}, {"naam_ingevuld": "Welzijn op Recept"}], manual)
    assert out.loc["1", ["initiatief_id", "methode"]].tolist() == ["NI-0003", "handmatig"]
    assert out.loc["2", "methode"] == "negeer" and pd.isna(out.loc["2", "initiatief_id"])
    assert out.loc["3", "methode"] == "ongekoppeld"


def test_nothing_to_go_on_is_unlinked_not_dropped():
    out = link([{"token": None, "naam_ingevuld": None}])
    assert len(out) == 1 and out.loc["1", "methode"] == "ongekoppeld"
    assert out.loc["1", "toelichting"] == "geen token en geen naam"


def links_file(rows):
    return pd.DataFrame(rows, columns=["submission_id", "initiatief_id"])


def test_links_file_is_validated():
    subs = pd.Series(["1", "2"])
    ok = read_links(links_file([["1", "NI-0001"], ["2.0", "Negeer"]]), "l.csv", INVENTORY["initiatief_id"], subs)
    assert ok.to_dict() == {"1": "NI-0001", "2": "negeer"}


@pytest.mark.parametrize(
    "rows, message",
    [
        ([["1", "NI-0001"], ["1", "NI-0002"]], "meer dan eens"),
        ([["9", "NI-0001"]], "komt niet voor in de enquête-export.*9"),
        ([["1", "NI-0042"]], "staat niet in de inventarisatie: NI-0042"),
        ([["1", ""]], "lege cel"),
    ],
)
def test_bad_links_file_is_one_clear_error(rows, message):
    with pytest.raises(PipelineError, match=message):
        read_links(links_file(rows), "l.csv", INVENTORY["initiatief_id"], pd.Series(["1", "2"]))


def test_links_file_needs_its_columns():
    with pytest.raises(PipelineError, match="submission_id,initiatief_id"):
        read_links(pd.DataFrame({"id": ["1"]}), "l.csv", INVENTORY["initiatief_id"], pd.Series(["1"]))


# --- the fuzzy search against a brute-force reference ----------------------------------------


def reference_link(submissions, inventory, manual=None, threshold=90.0):
    """The full-matrix algorithm (every submission against every inventory name, stable argsort
    on descending scores), as link_submissions was before the search was narrowed and blocked."""
    subs = submissions[["submission_id", "token", "naam_ingevuld"]].reset_index(drop=True)
    inv_ids = inventory["initiatief_id"].reset_index(drop=True)
    inv_names = normalise_name(inventory["naam"]).reset_index(drop=True)
    names = normalise_name(subs["naam_ingevuld"])
    scores = process.cdist(
        names.fillna("").tolist(), inv_names.fillna("").tolist(), scorer=fuzz.token_sort_ratio, workers=1
    )
    has_name = names.notna().to_numpy()
    order = np.argsort(-scores, axis=1, kind="stable")
    best_idx = order[:, 0]
    best = scores[np.arange(len(subs)), best_idx]
    second = scores[np.arange(len(subs)), order[:, 1]] if scores.shape[1] > 1 else np.zeros(len(subs))

    manual = manual if manual is not None else pd.Series(dtype="string")
    manual_target = subs["submission_id"].map(manual).astype("string")
    token_hit = subs["token"].isin(inv_ids).fillna(False).to_numpy(bool)
    exact_count = names.map(inv_names.value_counts()).fillna(0).astype(int).to_numpy()
    exact_target = names.map(pd.Series(inv_ids.to_numpy(), index=inv_names.to_numpy()).groupby(level=0).first())
    is_manual = manual_target.notna().to_numpy(bool)
    is_ignore = is_manual & (manual_target == "negeer").fillna(False).to_numpy(bool)
    is_token = ~is_manual & token_hit
    is_name = ~is_manual & ~is_token & has_name & (exact_count == 1)
    is_fuzzy = ~is_manual & ~is_token & ~is_name & has_name & (best >= threshold) & (best - second >= 5.0)
    method = np.select(
        [is_ignore, is_manual, is_token, is_name, is_fuzzy],
        ["negeer", "handmatig", "token", "naam", "fuzzy"],
        default="ongekoppeld",
    )
    target = pd.Series(pd.NA, index=subs.index, dtype="string")
    target[is_manual & ~is_ignore] = manual_target[is_manual & ~is_ignore]
    target[is_token] = subs["token"][is_token]
    target[is_name] = exact_target[is_name]
    target[is_fuzzy] = inv_ids.to_numpy()[best_idx[is_fuzzy]]
    col = target.map(pd.Series(np.arange(len(inv_ids)), index=inv_ids.to_numpy()))
    score = np.full(len(subs), np.nan)
    ok = (col.notna() & names.notna()).to_numpy(bool)
    score[ok] = scores[np.flatnonzero(ok), col[ok].astype(int).to_numpy()]
    score[method == "ongekoppeld"] = np.where(has_name, best, np.nan)[method == "ongekoppeld"]
    return pd.DataFrame(
        {
            "submission_id": subs["submission_id"],
            "initiatief_id": target,
            "methode": pd.Categorical(method, categories=METHODS),
            "score": pd.Series(np.round(score, 1), dtype="Float64"),
            "toelichting": _reasons(
                method,
                subs["token"],
                token_hit,
                has_name,
                exact_count,
                best,
                second,
                inv_ids.to_numpy()[best_idx],
                threshold,
            ),
            "naam_ingevuld": subs["naam_ingevuld"],
            "naam_inventaris": target.map(pd.Series(inventory["naam"].to_numpy(), index=inv_ids.to_numpy())).astype(
                "string"
            ),
        }
    )


# Few, short, overlapping words: equal scores, duplicate and reordered names, names that
# normalise to nothing, accents and punctuation are all common.
WORDS = st.sampled_from(
    [
        "gezond",
        "Gezond",
        "gezonde",
        "leven",
        "Zwolle",
        "zwole",
        "wijk",
        "Sámen",
        "samen",
        "fit",
        "a",
        "b",
        "ab",
        "ba",
        "e-mail",
        "!",
        "’s",
        "NI-0001",
    ]
)
NAMES = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)


def sometimes(values, one_in):
    """A value from `values` about once in `one_in` draws, else None."""
    return st.tuples(st.integers(1, one_in), values).map(lambda t: t[1] if t[0] == one_in else None)


@st.composite
def linking_case(draw):
    pool = draw(st.lists(NAMES, min_size=1, max_size=6))
    inv_names = draw(st.lists(st.sampled_from(pool) | NAMES, min_size=1, max_size=12))
    ids = [f"NI-{i:04d}" for i in range(1, len(inv_names) + 1)]
    reordered = st.sampled_from(pool).map(lambda name: " ".join(reversed(name.split(" "))))
    typed = st.one_of(st.none(), st.sampled_from(pool), reordered, NAMES)
    token = sometimes(st.just("NI-9999") | st.sampled_from(ids), 3)
    target = sometimes(st.just("negeer") | st.sampled_from(ids), 8)
    rows = draw(st.lists(st.tuples(token, typed, target), min_size=1, max_size=25))
    subs = [{"token": tok, "naam_ingevuld": name} for tok, name, _ in rows]
    manual = pd.Series({str(i + 1): link for i, (_, _, link) in enumerate(rows) if link}, dtype="string")
    threshold = draw(st.sampled_from([0, 50, 75, 90, 100]))
    cells = draw(st.integers(1, 4 * len(ids)))  # bounds per block: one query at a time and more
    return (
        inventory([{"initiatief_id": i, "naam": n} for i, n in zip(ids, inv_names)]),
        submissions(subs),
        manual,
        threshold,
        cells,
    )


@settings(max_examples=150, deadline=None)
@given(linking_case())
def test_narrowed_blocked_search_gives_the_brute_force_table(case):
    inv, subs, manual, threshold, cells = case
    with patch.object(nearest, "BLOCK_CELLS", cells):
        got = link_submissions(subs, inv, manual, threshold)
    pd.testing.assert_frame_equal(got, reference_link(subs, inv, manual, threshold))


def test_best_two_breaks_ties_towards_the_lowest_index_across_blocks():
    choices = np.array(["b a", "a b", "a b", "c"], dtype=object)  # token-sorted, as best_two expects
    with patch.object(nearest, "BLOCK_CELLS", 1):  # one query per block
        idx, best, second = best_two(np.array(["a b", "c", "x"], dtype=object), choices)
    assert idx.tolist() == [1, 3, 0]
    assert best.tolist() == [100, 100, 0] and second.tolist() == [100, 0, 0]  # "x" scores 0 everywhere
    assert best.dtype == second.dtype == np.float32


# --- tokens and input values as survey tools and people write them (issue 18) ------------------


def test_a_class_of_tokens_that_misses_the_inventory_is_named_with_its_reason(tmp_path):
    """An SPSS export in which the survey tool kept the token as a numeric variable, the number of
    the id only (NI-0002 -> 2): those tokens miss the inventory for one reason, said in one line;
    a single typing error (NI-9999) is left to the 'niet gekoppeld' warning."""
    pyreadstat.write_sav(pd.DataFrame({"token": [2.0, 3.0, 5.0]}), str(tmp_path / "e.sav"))
    tokens = normalise_ids(read_input(tmp_path / "e.sav").data["token"])
    rows = [{"token": t, "naam_ingevuld": None} for t in tokens.tolist()]
    subs = submissions(rows + [{"token": "NI-9999"}])
    assert link_submissions(subs, INVENTORY)["methode"].tolist() == ["ongekoppeld"] * 4
    assert token_mismatch(subs["token"], INVENTORY["initiatief_id"], 2020) == (
        "3 token(s) hebben een vorm die geen initiatief-id heeft en zijn daarom niet op token gekoppeld: 9 (bijv. "
        "2); de ids in de inventarisatie: NI-9999 (bijv. NI-0001). Bij 3 ervan is het getal dat van precies één "
        "initiatief-id (bijv. 2 en NI-0002). Maak tokens en ids gelijk in de export of de inventarisatie, of "
        "koppel via years.2020.links"
    )
    assert (
        token_mismatch(submissions([{"token": "NI-9999"}, {"token": "2"}])["token"], INVENTORY["initiatief_id"], 2020)
        is None
    )


def test_a_token_or_links_file_value_with_personal_data_is_masked_where_it_is_quoted():
    """An e-mail address typed into the code field of the survey, and one pasted into the links
    file: the reason in koppeling.csv and the FOUT line quote them masked."""
    out = link([{"token": "j.jansen@voorbeeld.test", "naam_ingevuld": "Gezond Leven Zwolle"}])
    assert out.loc["1", "toelichting"] == "token '[e-mailadres]' is geen initiatief-id; genormaliseerde naam gelijk"
    with pytest.raises(PipelineError) as info:
        read_links(
            links_file([["1", "j.jansen@voorbeeld.test"]]), "l.csv", INVENTORY["initiatief_id"], pd.Series(["1"])
        )
    assert str(info.value) == (
        "l.csv: initiatief_id staat niet in de inventarisatie: [e-mailadres] (regels: 2). Gebruik een id uit de "
        "inventarisatie of 'negeer'"
    )


def test_the_unlinked_warning_names_the_first_ids_and_counts_the_rest():
    """A large year leaves thousands unlinked: one readable line, every id in koppeling.csv."""
    assert unlinked_warning(pd.Series([str(10000 + i) for i in range(25)]), 2021) == (
        "25 inzending(en) ongekoppeld: 10000, 10001, 10002, 10003, 10004, 10005, 10006, 10007, 10008, 10009 … en "
        "nog 15 (zie koppeling.csv, methode ongekoppeld; koppel zo nodig via years.2021.links, met negeer als ze "
        "niet meetellen)"
    )


def link_threads_planned(workdir) -> dict[str, int]:
    """The threads `snakemake -n` plans for each year's linking job (Snakemake prints a thread
    count only above one)."""
    result = run_snakemake(workdir, "-n", "--forceall")
    assert result.returncode == 0, result.stderr[-3000:]
    planned = {}
    for block in re.split(r"(?m)^rule ", result.stdout + result.stderr)[1:]:
        if block.startswith("link:"):
            year = re.search(r"wildcards: year=(\d{4})", block).group(1)
            threads = re.search(r"^\s+threads: (\d+)$", block, re.MULTILINE)
            planned[year] = int(threads.group(1)) if threads else 1
    return planned


def test_linking_asks_a_second_thread_only_for_a_large_inventory(tmp_path):
    """A small year links on one thread, so the two years link side by side on two cores; an
    inventory file of 1 MB or more (rules/common.smk) gets two."""
    workdir = copy_project(tmp_path)
    assert link_threads_planned(workdir) == {"2019": 1, "2020": 1}

    inventory_2020 = workdir / "resources" / "example" / "inventaris_2020.csv"
    text = inventory_2020.read_text(encoding="utf-8")
    header, rows = text.split("\n", 1)
    inventory_2020.write_text(header + "\n" + rows * (1_000_000 // len(rows) + 1), encoding="utf-8")
    assert link_threads_planned(workdir) == {"2019": 1, "2020": 2}
