"""What is common, typical or normal in general.

"BPH, which is a common condition in micu", "a common side effect of the medication", "which
is normal for patients with COPD": a small model explains its patient by what is usual for
others. A nursing note records its own patient and never states such a rule, so the clause is
the model's own, backed only where the notes write it themselves.

A judgement about this patient ("which is normal for her", "BP 120/80, which is normal") is
no generalisation and is left to the rules that weigh readings.
"""

import re

from app.domain.factcheck.claims.notes import SourceNotes, holds_any

_USUAL = r"(?:common|typical|usual|frequent|classic)"
"""What is usual for others wherever it is said ("common in micu"); "normal" and "expected" judge
a finding as often ("normal in appearance", "pain as expected"), so only what is normal or
expected for a population (`_POPULATION`) is a generalisation."""
_KIND = (
    r"(?:conditions?|side\s+effects?|adverse\s+effects?|complications?|causes?|symptoms?"
    r"|findings?|problems?|occurrences?|presentations?|reactions?|signs?|features?|issues?"
    r"|treatments?|therap(?:y|ies)|medications?|drugs?|procedures?|practices?|interventions?"
    r"|risks?|diagnos[ie]s)"
)
_OTHERS = r"(?!(?:him|her|them|this|the\s+patient|pt|patient|the\s+pt|our|his|their)\b)"
"""Not this patient: "typical for her" judges the patient, "typical for patients" others."""
_POPULATION = (
    r"(?:\w+\s+){0,2}(?:patients|people|individuals|adults|elderly|men|women|those|anyone|most)\b"
)
_GENERALISATION = re.compile(
    rf"\b(?:which|that|this|it|these|they)\s+(?:is|are|was|were)\s+(?:a\s+|an\s+)?"
    rf"(?:(?:very|quite|fairly|relatively|also|not\s+un)\s*)?"
    rf"(?:{_USUAL}\s+(?:{_KIND}\b|(?:for|in|among|after|with)\s+{_OTHERS})"
    rf"|(?:normal|expected)\s+(?:{_KIND}\b|(?:for|in|among|after|with)\s+{_POPULATION}))"
    rf"|\b(?:a|an|the)\s+(?:(?:very|most|well-known|known)\s+)?"
    rf"(?:common|typical|usual|frequent|classic|known|well-known)\s+{_KIND}\s+"
    rf"(?:of|in|for|among|after|with|seen)\b"
    rf"|\bas\s+is\s+(?:often\s+the\s+case|{_USUAL}|normal|expected)\s+(?:in|for|with|among|after)\s+"
    rf"{_OTHERS}"
    r"|\b(?:commonly|typically|usually|frequently|often)\s+(?:seen|found|occurs?|associated"
    r"|observed|experienced)\s+(?:in|with|among|after)\s+(?:(?:\w+\s+){0,2})"
    r"(?:patients|people|individuals|adults|elderly|those)\b",
    re.IGNORECASE,
)
"""A clause that states what is usual for others: "which is a common condition in micu",
"a common side effect of", "as is usual in", "which is normal for patients with", "commonly
seen in elderly patients"."""

_CUES = ("common", "typical", "usual", "normal", "expected", "frequent", "classic", "known")
"""Letters every generalisation holds."""


def invented_generalisation(sentence: str, notes: SourceNotes) -> str | None:
    """A clause saying what is common, typical or normal in general, which the notes never
    write."""
    if not holds_any(sentence, _CUES):
        return None
    for match in _GENERALISATION.finditer(sentence):
        if not notes.repeat(match.group(0)):
            return (
                f"Not found in the notes: “{match.group(0).strip()}” states what is usual in "
                "general; the notes say no such thing about their patient."
            )
    return None
