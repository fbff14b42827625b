"""What the desk says of a grounded draft's prose while its facts are already on screen.

The facts-only draft appears at once; the nurse must know whether the passages marked
"[To be written.]" are still coming (the model is loading or writing) or are theirs to write
(no model, facts only asked for, notes too thin), in plain words and without model jargon.
"""

from app.domain.generation_guards import NotesTooThin
from app.services.draft_so_far import DraftSoFar, ProseState

_NO_MODEL = (
    "No model could be loaded on this computer, so the passages marked [To be written.] cannot "
    "be written for you: write them from the notes. Ask IT if this keeps happening."
)
_STATES = {
    ProseState.LOADING: (
        "The facts from the notes are in. The model is loading; the passages marked "
        "[To be written.] will follow in this draft."
    ),
    ProseState.WRITING: (
        "The facts from the notes are in. The model is writing the passages marked "
        "[To be written.], one after another."
    ),
    ProseState.DONE: "The model has written its passages; the draft is being saved.",
    ProseState.NO_MODEL: _NO_MODEL,
}


def prose_notice(so_far: DraftSoFar) -> str:
    """The notice for the draft as it stands."""
    if so_far.prose is ProseState.NOT_ASKED:
        return facts_only_notice(so_far.reason)
    return _STATES[so_far.prose]


def facts_only_notice(reason: str | None) -> str:
    """Why a saved draft holds only the facts from the notes; "" when the model wrote its part."""
    if reason is None:
        return ""
    if reason == "asked":
        return "Facts only, as asked: the passages marked [To be written.] are yours to write."
    if reason == NotesTooThin.reason:
        return (
            "The notes are too short for the model to write from without inventing: the "
            "passages marked [To be written.] are yours to write."
        )
    return _NO_MODEL
