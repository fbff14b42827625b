"""The first-run hint: the steps of a note, shown in the empty draft pane of a new user.

A nurse who has never drafted meets an empty desk; the draft pane's placeholder tells her the
steps and the keys, where she will look for the draft. It is a placeholder, not a banner, so
nothing on the desk moves when it goes: once she has a draft of her own it is the usual line.
"""

from PySide6.QtWidgets import QPlainTextEdit

from app.ui.drafts_list import DraftsList, Scope

FIRST_RUN_HINT = (
    "New to WardScribe? A note in four steps:\n"
    "1. Choose the patient at the top and check the identity line.\n"
    "2. Paste the shift notes on the left, or import them (Ctrl+O).\n"
    "3. Choose the note kind and press Generate (Alt+G).\n"
    "4. Read the draft against the notes, settle every flag on the right (F7 checks, F8 goes "
    "to the next), save (Ctrl+S) and sign.\n"
    "Press F1 for every key."
)
USUAL_HINT = "The draft appears here. Review and edit it before saving."


class FirstRunHint:
    """Follows the drafts list's first answer: no drafts of one's own means a new user."""

    def __init__(self, drafts_list: DraftsList, draft_edit: QPlainTextEdit) -> None:
        """Sets the usual hint now; the first-run hint replaces it if the first list is empty."""
        self._drafts_list = drafts_list
        self._draft_edit = draft_edit
        draft_edit.setPlaceholderText(USUAL_HINT)
        drafts_list.shown.connect(self._listed)

    @property
    def showing(self) -> bool:
        """Whether the editor shows the first-run hint."""
        return self._draft_edit.placeholderText() == FIRST_RUN_HINT

    def _listed(self, count: int) -> None:
        if self._drafts_list.scope is not Scope.MINE or self._drafts_list.filtered:
            return
        self._draft_edit.setPlaceholderText(FIRST_RUN_HINT if count == 0 else USUAL_HINT)
