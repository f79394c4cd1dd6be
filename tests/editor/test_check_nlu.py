"""The near-duplicate search finds every pair of examples an editor must see, compared in blocks of length."""

from __future__ import annotations

from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from bot.editor import check_nlu

# Few letters and short texts, so that near duplicates of every length ratio occur.
TEXTS = st.lists(st.text(alphabet="ab c", min_size=0, max_size=14), min_size=0, max_size=40)


@settings(max_examples=200, deadline=None)
@given(forms=TEXTS, threshold=st.sampled_from([0.8, 0.9, 0.95]))
def test_every_pair_that_reaches_the_threshold_is_a_candidate(forms: list[str], threshold: float) -> None:
    with mock.patch.object(check_nlu, "COMPARED_AT_ONCE", 3):  # many blocks even for a few examples
        found = list(check_nlu.candidate_pairs(forms, threshold))
    reaching = {
        (i, j)
        for i in range(len(forms))
        for j in range(i + 1, len(forms))
        if fuzz.ratio(forms[i], forms[j]) >= threshold * 100
    }
    assert reaching <= set(found)
    assert len(found) == len(set(found)) and all(i < j for i, j in found)  # each pair once
