"""The invisible characters that make text display in another order than it is read.

Embeddings, overrides and isolates (Unicode bidi classes LRE, RLE, PDF, LRO, RLO, LRI, RLI,
FSI, PDI) reorder what a screen shows without changing what a program reads:
``Heparin 5\u202e000 01\u202c`` shows another dose than the model and the fact checker see.
The direction marks (LRM, RLM, ALM), which right-to-left text needs and which cannot reorder
letters, are not among them. `app.domain.source_input` removes the same set from notes.
"""

import unicodedata

_REORDERING = frozenset({"LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI"})


def is_bidi_control(char: str) -> bool:
    return unicodedata.bidirectional(char) in _REORDERING
