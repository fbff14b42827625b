"""The folded note that lower-case patterns read instead of ignoring case."""

import re

from app.domain.deidentify.vocabulary import folded


def test_folding_keeps_every_offset_and_folds_what_ignorecase_folds() -> None:
    text = "MR LOMAX, Dr\u212aane \u0130\u0131\u017f É"
    assert len(folded(text)) == len(text)
    assert folded(text) == "mr lomax, drkane iis É"
    pattern = re.compile(r"\b(?:mr|dr)[a-z]*\b|[a-z]+")
    ignoring = re.compile(pattern.pattern, re.IGNORECASE)
    assert [m.span() for m in pattern.finditer(folded(text))] == [
        m.span() for m in ignoring.finditer(text)
    ]
