"""Link: which inventory initiative each submission belongs to, with method, score and reason.

Order, first hit wins: manual links file -> token that is an inventory id -> normalised name
equal to exactly one inventory name -> fuzzy name match (unique best, clear margin) ->
unlinked. Nothing is dropped here: every submission gets a row. When a whole class of tokens
misses the inventory for one reason (a form no inventory id has), `token_mismatch` says so.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from .errors import PipelineError, list_items
from .frames import is_in
from .nearest import best_two
from .normalise import mask_personal_data, normalise_ids, normalise_name
from .privacy import mask

METHODS = ("handmatig", "token", "naam", "fuzzy", "negeer", "ongekoppeld")
IGNORE = "negeer"
FUZZY_MARGIN = 5.0

COLUMNS = [
    "submission_id",
    "initiatief_id",
    "methode",
    "score",
    "toelichting",
    "naam_ingevuld",
    "naam_inventaris",
]


def read_links(raw: pd.DataFrame, source: str, inventory_ids: pd.Series, submission_ids: pd.Series) -> pd.Series:
    """The manual links file as submission_id -> initiatief_id (or 'negeer'), validated."""
    missing = [c for c in ("submission_id", "initiatief_id") if c not in raw.columns]
    if missing:
        raise PipelineError(
            f"verplichte kolom(men) ontbreken: {', '.join(missing)}",
            file=source,
            hint="Verwacht de kolommen submission_id,initiatief_id",
        )
    ids = normalise_ids(raw["submission_id"])
    targets = normalise_ids(raw["initiatief_id"])
    lines = pd.Series(np.arange(len(raw)) + 2, index=raw.index)
    empty = ids.isna() | targets.isna()
    if empty.any():
        raise PipelineError("lege cel", file=source, rows=lines[empty].tolist(), rows_label="regels")
    dup = ids.duplicated(keep=False)
    if dup.any():
        raise PipelineError(
            "submission_id staat meer dan eens in het koppelbestand",
            file=source,
            rows=sorted(ids[dup].unique()),
            rows_label="inzendingen",
        )
    unknown_sub = ~is_in(ids, submission_ids)
    if unknown_sub.any():
        raise PipelineError(
            "submission_id komt niet voor in de enquête-export",
            file=source,
            rows=ids[unknown_sub].tolist(),
            rows_label="inzendingen",
        )
    ignore = targets == IGNORE.upper()
    unknown_target = ~is_in(targets, inventory_ids) & ~ignore
    if unknown_target.any():
        raise PipelineError(
            "initiatief_id staat niet in de inventarisatie: " + list_items(targets[unknown_target]),
            file=source,
            rows=lines[unknown_target].tolist(),
            rows_label="regels",
            hint="Gebruik een id uit de inventarisatie of 'negeer'",
        )
    targets = targets.where(~ignore, IGNORE)
    return pd.Series(targets.to_numpy(), index=ids.to_numpy(), name="initiatief_id")


def sort_tokens(names: pd.Series) -> np.ndarray:
    """Each normalised name with its words in sorted order ("" when missing): what
    token_sort_ratio compares, so that the fuzzy search can score these with plain ratio.
    (Python and rapidfuzz both order words by code point.)"""
    return np.array([" ".join(sorted(name.split())) for name in names.fillna("").tolist()], dtype=object)


def pair_scores(queries: np.ndarray, choices: np.ndarray) -> np.ndarray:
    """token_sort_ratio of each query with the choice at the same position (both token-sorted)."""
    if len(queries) == 0:
        return np.zeros(0, dtype=np.float32)
    return process.cpdist(queries.tolist(), choices.tolist(), scorer=fuzz.ratio, dtype=np.float32, workers=1)


def link_submissions(
    submissions: pd.DataFrame,
    inventory: pd.DataFrame,
    manual: pd.Series | None = None,
    threshold: float = 90.0,
    workers: int = 1,
) -> pd.DataFrame:
    # Long: the methods in their order of precedence, each vectorised over every submission.
    """One row per submission: initiatief_id (or empty), method, score and the reason.

    Only submissions that no manual link, token or exact name links are fuzzy-matched, each
    against the whole inventory (nearest.best_two; `workers`: threads for that search)."""
    subs = submissions[["submission_id", "token", "naam_ingevuld"]].reset_index(drop=True)
    inv_ids = inventory["initiatief_id"].reset_index(drop=True)
    inv_names = normalise_name(inventory["naam"]).reset_index(drop=True)
    names = normalise_name(subs["naam_ingevuld"])
    has_name = names.notna().to_numpy()

    manual = manual if manual is not None else pd.Series(dtype="string")
    manual_target = subs["submission_id"].map(manual).astype("string")
    token_hit = is_in(subs["token"], inv_ids).to_numpy()

    name_counts = inv_names.value_counts()
    exact_count = names.map(name_counts).fillna(0).astype(int).to_numpy()
    exact_target = names.map(pd.Series(inv_ids.to_numpy(), index=inv_names.to_numpy()).groupby(level=0).first())

    is_manual = manual_target.notna().to_numpy(bool)
    is_ignore = is_manual & (manual_target == IGNORE).fillna(False).to_numpy(bool)
    is_token = ~is_manual & token_hit
    is_name = ~is_manual & ~is_token & has_name & (exact_count == 1)
    # Only what the earlier methods left over is searched; the best and second-best score
    # appear nowhere else (not in the score or reason of a linked row).
    searched = ~is_manual & ~is_token & ~is_name & has_name
    sorted_names = sort_tokens(names)
    sorted_inv = sort_tokens(inv_names)
    best_idx, best, second = _best_two_of(searched, sorted_names, sorted_inv, workers)
    fuzzy_ok = has_name & (best >= threshold) & (best - second >= FUZZY_MARGIN)
    is_fuzzy = searched & fuzzy_ok

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

    # (an empty inventory never gets here: ingest refuses it)
    best_id = inv_ids.to_numpy()[best_idx] if len(inv_ids) else np.full(len(subs), "", dtype=object)
    linked_name = target.map(pd.Series(inventory["naam"].to_numpy(), index=inv_ids.to_numpy()))
    score = _score_to_target(names, target, inv_ids, sorted_names, sorted_inv)
    score[method == "ongekoppeld"] = np.where(has_name, best, np.nan)[method == "ongekoppeld"]

    out = pd.DataFrame(
        {
            "submission_id": subs["submission_id"],
            "initiatief_id": target,
            "methode": pd.Categorical(method, categories=METHODS),
            "score": pd.Series(np.round(score, 1), dtype="Float64"),
            "toelichting": _reasons(
                method, subs["token"], token_hit, has_name, exact_count, best, second, best_id, threshold
            ),
            "naam_ingevuld": subs["naam_ingevuld"],
            "naam_inventaris": linked_name.astype("string"),
        }
    )
    return out[COLUMNS]


def _best_two_of(searched, sorted_names, sorted_inv, workers) -> tuple[np.ndarray, ...]:
    """best_two of the searched submissions (each distinct name once); zeros for the others."""
    rows = np.flatnonzero(searched)
    codes, distinct = pd.factorize(sorted_names[rows])
    found = best_two(np.asarray(distinct, dtype=object), sorted_inv, workers)
    out = tuple(np.zeros(len(searched), dtype=values.dtype) for values in found)
    for full, values in zip(out, found):
        full[rows] = values[codes]
    return out


def _score_to_target(names, target, inv_ids, sorted_names, sorted_inv) -> np.ndarray:
    """Similarity of the typed name to the linked initiative's name (NaN when not applicable)."""
    position = pd.Series(np.arange(len(inv_ids)), index=inv_ids.to_numpy())
    col = target.map(position)
    out = np.full(len(names), np.nan)
    ok = (col.notna() & names.notna()).to_numpy(bool)
    out[ok] = pair_scores(sorted_names[ok], sorted_inv[col[ok].astype(int).to_numpy()])
    return out


def _reasons(method, token, token_hit, has_name, exact_count, best, second, best_id, threshold) -> pd.Series:
    """A short Dutch reason per submission, so a reviewer can check each decision."""
    best_s = pd.Series(best).round(1).astype(str)
    second_s = pd.Series(second).round(1).astype(str)
    bad_token = (token.notna() & ~pd.Series(token_hit)).to_numpy(bool)
    # what a respondent typed into the code field, masked; only a token that is no id is quoted
    quoted = pd.Series("", index=token.index, dtype="string")
    quoted[bad_token] = mask_personal_data(token[bad_token].astype("string"))[0].fillna("")
    prefix = np.where(bad_token, "token '" + quoted.astype(str) + "' is geen initiatief-id; ", "")
    unlinked = np.select(
        [~has_name, exact_count > 1, best < threshold],
        [
            "geen token en geen naam",
            "naam komt meer dan eens voor in de inventarisatie",
            "beste naamscore "
            + best_s
            + " onder drempel "
            + f"{threshold:g}"
            + " ("
            + pd.Series(best_id).astype(str)
            + ")",
        ],
        default="beste naamscore " + best_s + f" niet {FUZZY_MARGIN:g} punten boven de tweede (" + second_s + ")",
    )
    reason = np.select(
        [method == "negeer", method == "handmatig", method == "token", method == "naam", method == "fuzzy"],
        [
            "koppelbestand: negeer",
            "koppelbestand",
            "token is een initiatief-id",
            "genormaliseerde naam gelijk",
            "naamscore " + best_s + ", tweede " + second_s,
        ],
        default=unlinked,
    )
    return pd.Series(prefix + reason, dtype="string")


def unlinked_warning(unlinked: pd.Series, year: int | str) -> str:
    """The warning about unlinked submissions: how many, the first ids (every one is in
    koppeling.csv), and what to do. Named as everywhere: methode ongekoppeld in koppeling.csv,
    reden ongekoppeld in inzendingen_vervallen.csv, step inzendingen_ongekoppeld in stroom.csv."""
    return (
        f"{len(unlinked)} inzending(en) ongekoppeld: {list_items(unlinked)} (zie koppeling.csv, methode "
        f"ongekoppeld; koppel zo nodig via years.{year}.links, met negeer als ze niet meetellen)"
    )


# --- tokens that miss the inventory for one reason -------------------------------------------

MASKED = r"\[(?:e-mailadres|telefoonnummer)\]"


def id_form(ids: pd.Series) -> pd.Series:
    """The form of each id, digits as 9 ('NI-0162' -> 'NI-9999')."""
    return ids.astype("string").str.replace(r"[0-9]", "9", regex=True)


def token_mismatch(tokens: pd.Series, inventory_ids: pd.Series, year: int | str) -> str | None:
    """One line for the log when a class of tokens misses the inventory for one reason: tokens
    in a form that no initiatief_id has (the inventory writes 'NI-0162', the export 162), named
    with both forms and, where the token's number is that of exactly one initiatief_id, that
    too. None when at most one token is such (a typing error: the 'niet gekoppeld' warning
    names it). Tokens that only differ in case, spaces, '.0' or the leading zeros of a number
    never get here: `normalise_ids` made them equal."""
    tokens = tokens.dropna().astype("string")
    missing = tokens[~is_in(tokens, inventory_ids)]
    missing = missing[~missing.str.contains(MASKED)]
    inventory_forms = id_form(inventory_ids)
    foreign = missing[~is_in(id_form(missing), inventory_forms)].sort_values()
    if len(foreign) < 2:
        return None
    forms = id_form(foreign)
    shown = [f"{form} (bijv. {foreign[forms == form].iloc[0]})" for form in forms.value_counts(sort=True).index]
    common = inventory_forms.value_counts().index[0]
    example = sorted(inventory_ids[inventory_forms == common])[0]
    line = (
        f"{len(foreign)} token(s) hebben een vorm die geen initiatief-id heeft en zijn daarom niet op token "
        f"gekoppeld: {list_items(shown, 3)}; de ids in de inventarisatie: {common} (bijv. {example})"
    )
    by_number = pd.Series(inventory_ids.to_numpy(), index=_numbers(inventory_ids).to_numpy())
    by_number = by_number[by_number.index.notna() & ~by_number.index.duplicated(keep=False)]
    numbers = _numbers(foreign)
    same = numbers.isin(by_number.index)
    if same.any():
        first = same.to_numpy().argmax()
        line += (
            f". Bij {int(same.sum())} ervan is het getal dat van precies één initiatief-id "
            f"(bijv. {foreign.iloc[first]} en {by_number.loc[numbers.iloc[first]]})"
        )
    hint = f". Maak tokens en ids gelijk in de export of de inventarisatie, of koppel via years.{year}.links"
    return mask(line + hint)  # the tokens are what respondents typed: quoted masked, as in every message


def _numbers(ids: pd.Series) -> pd.Series:
    """The number in each id, its digits read as one whole number ('NI-0162' -> 162); NA without digits."""
    digits = ids.astype("string").str.replace(r"[^0-9]", "", regex=True)
    digits = digits.mask((digits == "") | (digits.str.len() > 18))  # more would not fit an int64
    return pd.to_numeric(digits, errors="coerce").astype("Int64")
