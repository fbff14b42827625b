"""Only the sentences of a passage that the notes support.

The model writes the prose of a grounded draft from the notes, and a small model still adds
what the notes never said ("caused by a fever-reduced respiratory response", a name for the
patient). The safety net already knows, sentence by sentence, which words the notes back
(`app.domain.factcheck`): a passage keeps only the sentences it finds in the notes and in which
it flags no fact, so what the nurse reviews is prose grounded like the facts around it.
"""

from app.domain.factcheck import check_draft


def supported_sentences(source: str, passage: str) -> str:
    """`passage` less every sentence not found in `source` or holding a flagged fact."""
    if not passage.strip():
        return ""
    report = check_draft(source, passage)
    flags = [*report.unsupported, *report.contradicted]
    kept: list[str] = []
    previous_end = 0
    for sentence in report.sentences:
        end = sentence.end
        while end < len(passage) and passage[end] in _CLOSING:
            end += 1
        if sentence.supported and not any(
            flag.start < sentence.end and sentence.start < flag.end for flag in flags
        ):
            gap = passage[previous_end : sentence.start]
            kept.append(
                ("\n" if "\n" in gap and kept else " " if kept else "")
                + passage[sentence.start : end]
            )
        previous_end = end
    return "".join(kept).strip()


_CLOSING = ".!?;)\"'"
