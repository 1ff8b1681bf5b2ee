"""Nearest names: per searched name the best and the second-best inventory name by
token_sort_ratio, exactly the values that scoring every pair gives, without scoring every pair.

Why exact: the best and second-best score decide a fuzzy link (best >= threshold and best -
second >= margin), a reviewer reads both in the reason, and an unlinked row shows its best
score. A search that may miss a name would change those.

How. fuzz.ratio(a, b) = 100 * (1 - d / (len a + len b)), with d the Indel distance (the fewest
insertions and deletions from a to b), and the Indel distance is a metric. The inventory is
split into groups around about sqrt(m) evenly spaced names, its centres: each name joins its
nearest centre, and a group's radius is the largest distance of a member to its centre. By the
triangle inequality a member of a group is at least d(query, centre) - radius from the query,
and at least the difference of their lengths, which bounds its ratio from above. Each query
scores whole groups, the highest bound first, and skips every group whose bound is below the
second-best score found so far: such a group can hold neither the best nor the second.

Cost: m * sqrt(m) distances to build the groups, then per query the groups that can matter.
On the example x1000 (301,000 names, 11,000 searched names) that is 2% of the pairs. Where every
name is about as far from every other, every group is scored, as without the groups.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

# Distances, bounds or scores computed at once, whatever the inventory's size: 16 million cells
# (64 MB as int32 distances, 128 MB as float64 bounds).
BLOCK_CELLS = 1 << 24
# Bounds are float64, scores float32 (as rapidfuzz gives them): a group whose bound is this close
# below the second-best score is scored too, so rounding never skips one.
ROUNDING = 1e-3
# Rounds of one group per query before the rest is scored at once. On the example x1000, 2020:
# 1 round scores 438 million pairs, 8 rounds 62 million, as many as needed 56 million; each
# round is a pass over the groups (about 30 ms there), so a few rounds win.
ROUNDS = 8


@dataclass(frozen=True)
class Groups:
    """The inventory names grouped around centres (see the module docstring)."""

    centres: list[str]
    members: list[np.ndarray]  # per group the positions of its names, ascending
    names: list[list[str]]  # per group its names, in that order
    radius: np.ndarray  # per group the largest Indel distance of a member to the centre
    shortest: np.ndarray  # per group the length of its shortest name
    longest: np.ndarray  # per group the length of its longest name


def group_names(choices: list[str], workers: int = 1) -> Groups:
    """Every name joins its nearest centre (of equal distances the first), about sqrt(m) centres
    evenly spaced over the inventory's order: deterministic, and every name in one group."""
    m = len(choices)
    picks = np.unique(np.linspace(0, m - 1, max(1, int(np.sqrt(m)))).round().astype(np.intp))
    centres = [choices[i] for i in picks]
    group = np.empty(m, dtype=np.intp)
    distance = np.empty(m, dtype=np.int64)
    step = max(1, BLOCK_CELLS // len(centres))
    for start in range(0, m, step):
        part = slice(start, start + step)
        block = process.cdist(choices[part], centres, scorer=Indel.distance, dtype=np.int32, workers=workers)
        group[part] = block.argmin(axis=1)
        distance[part] = block[np.arange(len(block)), group[part]]
    # a centre whose name equals an earlier centre's gets no members: it is no group
    kept, group = np.unique(group, return_inverse=True)
    centres = [centres[g] for g in kept]
    lengths = np.fromiter(map(len, choices), dtype=np.int64, count=m)
    k = len(centres)
    radius, longest = np.zeros(k, dtype=np.int64), np.zeros(k, dtype=np.int64)
    shortest = np.full(k, np.iinfo(np.int64).max)
    np.maximum.at(radius, group, distance)
    np.maximum.at(longest, group, lengths)
    np.minimum.at(shortest, group, lengths)
    order = np.argsort(group, kind="stable")
    edges = np.searchsorted(group[order], np.arange(k + 1))
    members = [order[edges[g] : edges[g + 1]] for g in range(k)]
    return Groups(centres, members, [[choices[i] for i in part] for part in members], radius, shortest, longest)


def upper_bounds(queries: list[str], groups: Groups, workers: int = 1) -> np.ndarray:
    """Per query and group the highest ratio any member can reach (float64, queries x groups):
    the Indel distance is at least d(query, centre) - radius and at least the nearest length
    difference, and the sum of lengths at most the query's plus the group's longest."""
    length = np.fromiter(map(len, queries), dtype=np.int64, count=len(queries))[:, None]
    to_centre = process.cdist(queries, groups.centres, scorer=Indel.distance, dtype=np.int32, workers=workers)
    apart = np.maximum(np.maximum(groups.shortest - length, length - groups.longest), 0)
    least = np.maximum(to_centre - groups.radius, apart)
    total = length + groups.longest
    return np.where(total > 0, 100.0 * (1.0 - least / np.maximum(total, 1)), 100.0)


def merge_top_two(state: tuple[np.ndarray, ...], rows: np.ndarray, scores: np.ndarray, positions: np.ndarray) -> None:
    """Fold one block of scores (rows x members, members at `positions`, ascending) into the
    running (index, best, second) of those rows: of equal best scores the lowest index, and the
    second is the second-highest score counting ties, as a full row's stable ranking gives."""
    index, best, second = state
    at = np.arange(len(rows))
    top = scores.argmax(axis=1)  # the first maximum: the lowest position of equal scores
    block_best = scores[at, top]
    block_second = np.full(len(rows), -np.inf, dtype=np.float32)
    if scores.shape[1] > 1:
        scores[at, top] = -np.inf
        block_second = scores.max(axis=1)
    old_index, old_best, old_second = index[rows], best[rows], second[rows]
    second[rows] = np.maximum(np.minimum(old_best, block_best), np.maximum(old_second, block_second))
    index[rows] = np.where(
        block_best > old_best,
        positions[top],
        np.where(block_best == old_best, np.minimum(old_index, positions[top]), old_index),
    )
    best[rows] = np.maximum(old_best, block_best)


def best_two(queries: np.ndarray, choices: np.ndarray, workers: int = 1) -> tuple[np.ndarray, ...]:
    """Per query: the index of the best choice, its score and the second-best score, as a stable
    sort on descending score over every choice ranks them (of equal scores the lowest index
    first; second 0 with a single choice). Queries and choices are token-sorted (link.sort_tokens);
    scores are token_sort_ratio as float32, as rapidfuzz's cdist gives them. A block of queries
    at a time, so memory stays bounded."""
    n, m = len(queries), len(choices)
    if m == 0:
        return np.zeros(n, dtype=np.intp), np.zeros(n), np.zeros(n)
    state = (np.full(n, m, dtype=np.intp), np.full(n, -np.inf, dtype=np.float32), np.full(n, -np.inf, dtype=np.float32))
    if n:
        groups = group_names(choices.tolist(), workers)
        queries = queries.tolist()
        step = max(1, BLOCK_CELLS // len(groups.centres))
        for start in range(0, n, step):
            _search(queries[start : start + step], start, groups, state, workers)
    index, best, second = state
    if m == 1:
        second[:] = 0
    return index, best, second


def _search(queries: list[str], offset: int, groups: Groups, state: tuple[np.ndarray, ...], workers: int) -> None:
    """Best first, in rounds: each round scores per query its most promising group not scored
    yet, if that group's bound reaches the query's second-best so far (which only rises); after
    ROUNDS rounds every group whose bound still reaches it is scored at once."""
    bound = upper_bounds(queries, groups, workers)
    scored = np.zeros(bound.shape, dtype=bool)
    rows = np.arange(len(queries))
    second = state[2][offset : offset + len(queries)]  # a view: merge_top_two raises it
    for _ in range(ROUNDS):
        open_bound = np.where(scored, -np.inf, bound)
        top = open_bound.argmax(axis=1)
        worth = open_bound[rows, top] >= second - ROUNDING
        if not worth.any():
            return
        wanted = np.zeros(bound.shape, dtype=bool)
        wanted[rows[worth], top[worth]] = True
        _score_groups(queries, offset, wanted, groups, state, workers)
        scored |= wanted
    _score_groups(queries, offset, (bound >= second[:, None] - ROUNDING) & ~scored, groups, state, workers)


def _score_groups(queries, offset, wanted, groups: Groups, state, workers) -> None:
    """Score each group against the queries that want it (wanted: queries x groups)."""
    for g in np.flatnonzero(wanted.any(axis=0)):
        rows = np.flatnonzero(wanted[:, g])
        scores = process.cdist([queries[r] for r in rows], groups.names[g], scorer=fuzz.ratio, workers=workers)
        merge_top_two(state, rows + offset, scores, groups.members[g])
