"""Municipal reorganisations, read from the boundaries themselves: which municipality of this
year took over the area of one that no longer exists, so a code that is no longer valid is named
with its successor."""

from __future__ import annotations

import pandas as pd

# The boundaries are generalised, and not the same way every year: between the files of two
# years an unchanged municipality overlaps a neighbour by a few percent (up to 3% between the
# shipped files of 2020 and 2021; Haaren's 1.5% with Heusden is such a sliver). A smaller share
# of an old municipality's area names no successor.
SUCCESSOR_MIN_SHARE = 0.05

SUCCESSOR_COLUMNS = (
    "gemeente_code",
    "gemeente_naam",
    "laatste_jaar",
    "tot",
    "opvolger_code",
    "opvolger_naam",
    "aandeel",
)
SUCCESSOR_DTYPES = {"laatste_jaar": "int64", "tot": "int64", "aandeel": "float64"}


def municipal_successors(boundaries, earlier: dict, year: int, min_share: float = SUCCESSOR_MIN_SHARE) -> pd.DataFrame:
    # Long: one overlay of the boundaries, then its shares read per old municipality.
    """What became of every municipality of an earlier year's boundaries whose code is not in
    this year's: the municipalities of `boundaries` that cover its area, with their share of it
    (largest first; shares below `min_share` dropped unless nothing else covers it).

    `boundaries` and the values of `earlier` (year -> boundaries) are GeoDataFrames with
    `statcode`, `statnaam` and polygons. A code is placed where the latest earlier year that
    has it draws it (`laatste_jaar`); `tot` is the next year of `earlier` and `year`. No
    hand-made list of mergers: every reorganisation the files show is covered.
    """
    current = _polygons(boundaries)
    current_names = dict(zip(current["statcode"], current["statnaam"]))
    years = sorted({*earlier, year})
    found: list[pd.DataFrame] = []
    placed: set[str] = set(current["statcode"])
    for old_year in sorted((y for y in earlier if y < year), reverse=True):
        old = earlier[old_year]
        if old.crs is not None and current.crs is not None and old.crs != current.crs:
            old = old.to_crs(current.crs)
        gone = _polygons(old[~old["statcode"].isin(placed)])
        if gone.empty:
            continue
        placed |= set(gone["statcode"])
        gone_at, current_at = current.sindex.query(gone.geometry, predicate="intersects")
        overlap = (
            gone.geometry.iloc[gone_at]
            .reset_index(drop=True)
            .intersection(current.geometry.iloc[current_at].reset_index(drop=True))
            .area
        )
        pieces = (
            pd.DataFrame(
                {
                    "gemeente_code": gone["statcode"].to_numpy()[gone_at],
                    "opvolger_code": current["statcode"].to_numpy()[current_at],
                    "area": overlap.to_numpy(),
                }
            )
            .groupby(["gemeente_code", "opvolger_code"], as_index=False)["area"]
            .sum()
        )
        area = gone.assign(area=gone.geometry.area).groupby("statcode")["area"].sum()
        pieces["aandeel"] = pieces["area"] / pieces["gemeente_code"].map(area)
        pieces = pieces[pieces["aandeel"] > 0].sort_values(
            ["gemeente_code", "aandeel", "opvolger_code"], ascending=[True, False, True]
        )
        pieces = pieces[~pieces["gemeente_code"].duplicated() | (pieces["aandeel"] >= min_share)]
        found.append(
            pieces.assign(
                gemeente_naam=pieces["gemeente_code"].map(dict(zip(gone["statcode"], gone["statnaam"]))),
                laatste_jaar=old_year,
                tot=next(y for y in years if y > old_year),
                opvolger_naam=pieces["opvolger_code"].map(current_names),
            )
        )
    if not found:
        return pd.DataFrame({c: pd.Series(dtype=SUCCESSOR_DTYPES.get(c, "str")) for c in SUCCESSOR_COLUMNS})
    result = pd.concat(found, ignore_index=True)[list(SUCCESSOR_COLUMNS)]
    return result.sort_values(
        ["gemeente_code", "aandeel", "opvolger_code"], ascending=[True, False, True], ignore_index=True
    )


def _polygons(boundaries):
    """Code, name and polygons of a boundaries file, repaired where a ring crosses itself (a
    hand-edited file): an intersection with an invalid polygon fails."""
    frame = boundaries[["statcode", "statnaam", "geometry"]].reset_index(drop=True)
    return frame.set_geometry(frame.geometry.make_valid())
