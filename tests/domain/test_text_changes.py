"""Word-level changes between two versions of a note."""

from app.domain.text_changes import Change, ChangeKind, word_changes


def _join(changes: tuple[Change, ...], *kinds: ChangeKind) -> str:
    return "".join(change.text for change in changes if change.kind in kinds)


def test_kept_and_added_runs_join_into_the_new_text_and_kept_and_removed_into_the_old() -> None:
    old = "BP 132/84. Pain 2/10.\nAmbulating."
    new = "BP 128/80. Pain 2/10.\nAmbulating with walker.\n"

    changes = word_changes(old, new)

    assert _join(changes, ChangeKind.SAME, ChangeKind.ADDED) == new
    assert _join(changes, ChangeKind.SAME, ChangeKind.REMOVED) == old


def test_a_one_word_correction_marks_that_word_only() -> None:
    changes = word_changes("Pain 2/10 at rest.", "Pain 4/10 at rest.")

    assert changes == (
        Change(kind=ChangeKind.SAME, text="Pain "),
        Change(kind=ChangeKind.REMOVED, text="2/10"),
        Change(kind=ChangeKind.ADDED, text="4/10"),
        Change(kind=ChangeKind.SAME, text=" at rest."),
    )


def test_the_same_text_is_one_kept_run() -> None:
    assert word_changes("Same.", "Same.") == (Change(kind=ChangeKind.SAME, text="Same."),)
