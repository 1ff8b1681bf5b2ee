"""The nearest-name search: the groups only skip names that cannot matter, so index, best and
second are those of scoring every pair, whatever the names (ties, duplicates, empty names, one
name, far and near names, many groups and blocks)."""

from unittest.mock import patch

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from preventie import nearest
from preventie.nearest import best_two, group_names, upper_bounds

# few letters, so that names are near, equal or tied; the space makes token-like words
NAMES = st.text(alphabet="ab c", max_size=9)


@st.composite
def near_names(draw, pool: list[str]) -> str:
    """A name of the pool with a letter or two added or dropped: near names, whose scores sit
    close to each other and to the bounds, or a name of its own."""
    name = draw(st.sampled_from(pool) | NAMES)
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(name)))
        name = (
            name[:at] + draw(st.sampled_from("abc ")) + name[at:] if draw(st.booleans()) else name[:at] + name[at + 1 :]
        )
    return name


@st.composite
def search_case(draw) -> tuple[list[str], list[str]]:
    pool = draw(st.lists(st.text(alphabet="ab c", min_size=3, max_size=12), min_size=1, max_size=5))
    return draw(st.lists(near_names(pool), min_size=1, max_size=8)), draw(
        st.lists(near_names(pool), min_size=1, max_size=60)
    )


def brute_force(queries, choices):
    """Every pair scored; a stable sort on descending score ranks them (the definition)."""
    scores = process.cdist(list(queries), list(choices), scorer=fuzz.ratio)
    order = np.argsort(-scores, axis=1, kind="stable")
    rows = np.arange(len(queries))
    second = scores[rows, order[:, 1]] if len(choices) > 1 else np.zeros(len(queries), dtype=np.float32)
    return order[:, 0], scores[rows, order[:, 0]], second


@settings(max_examples=1000, deadline=None)
@given(search_case(), st.integers(1, 40), st.integers(0, 3))
def test_best_two_is_what_scoring_every_pair_gives(case, cells, rounds):
    queries, choices = (np.array(names, dtype=object) for names in case)
    # from one query per block upwards; from no round of one group to three before the rest
    with patch.object(nearest, "BLOCK_CELLS", cells), patch.object(nearest, "ROUNDS", rounds):
        got = best_two(queries, choices)
    for found, expected in zip(got, brute_force(queries, choices)):
        np.testing.assert_array_equal(found, expected)


@settings(max_examples=200, deadline=None)
@given(search_case())
def test_no_name_scores_above_its_groups_bound(case):
    queries, choices = case
    groups = group_names(choices)
    bound = upper_bounds(queries, groups)
    for g, names in enumerate(groups.names):
        scores = process.cdist(queries, names, scorer=fuzz.ratio)
        assert (scores.max(axis=1) <= bound[:, g] + nearest.ROUNDING).all()


def test_every_name_is_in_exactly_one_group_in_its_order():
    choices = [f"naam {i % 7} {'x' * (i % 5)}" for i in range(50)]
    groups = group_names(choices)
    assert len(groups.centres) == 7  # about the square root of 50
    everyone = np.concatenate(groups.members)
    assert sorted(everyone.tolist()) == list(range(50))
    assert all((np.diff(part) > 0).all() for part in groups.members)
    assert all(names == [choices[i] for i in part] for names, part in zip(groups.names, groups.members))


def test_far_groups_are_not_scored():
    """Two clusters of names far apart: a query near one never scores the other group."""
    near = [f"gezond leven zwolle {chr(97 + i)}" for i in range(8)]
    far = [f"qqqqqqqqqqqqqqqqqqqqqqqq {chr(97 + i)}" for i in range(8)]
    choices = np.array(near + far, dtype=object)
    scored = []
    original = process.cdist

    def counting(queries, names, **kwargs):
        if kwargs["scorer"] is fuzz.ratio:  # scoring, not the distances to the centres
            scored.extend(names)
        return original(queries, names, **kwargs)

    with patch.object(nearest.process, "cdist", counting):
        idx, best, _ = best_two(np.array(["gezond leven zwole a"], dtype=object), choices)
    assert idx.tolist() == [0] and best[0] > 90
    assert not set(far) & set(scored)
