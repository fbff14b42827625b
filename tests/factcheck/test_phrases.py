from app.domain.factcheck.phrases import PhraseIndex, Words


def test_the_longest_phrase_wins_where_phrases_overlap() -> None:
    index = PhraseIndex([("urine", "weak"), ("urine output", "strong")])
    matches = index.find_all(Words("urine output 850 mL"))
    assert [(match.meaning, match.end) for match in matches] == [("strong", 12)]


def test_phrases_match_across_hyphens_and_slashes() -> None:
    index = PhraseIndex([("blood pressure", "bp"), ("B/P", "bp")])
    assert len(index.find_all(Words("blood-pressure and B/P"))) == 2


def test_exact_phrases_match_only_with_their_capitals() -> None:
    index = PhraseIndex([], exact=[("K", "potassium")])
    assert [match.start for match in index.find_all(Words("k K"))] == [2]


def test_a_search_can_be_limited_to_part_of_the_text() -> None:
    index = PhraseIndex([("latex", "latex")])
    words = Words("latex. Allergies: latex")
    assert [match.start for match in index.find_all(words, start=7)] == [18]
