"""Remove HIPAA Safe Harbor identifiers from note text, giving each person a consistent tag.

Built on Microsoft Presidio (analyzer and anonymizer) with spaCy's English model,
philter-lite's name and word lists and GeoNames' list of US towns (resources/gazetteer), plus
nursing recognizers measured on real ICU nursing notes
(`python -m bench.deidentify`; figures and remaining misses in docs/factcheck.md). The same
person keeps one tag through a note ("[PATIENT]", "[RELATIVE-1]", "[CLINICIAN-2]"); dates are
removed or shifted by one offset per copy; drugs, doses, vitals, ventilator settings and fluids
are never replaced. A person still reviews the copy before it leaves the hospital.
"""

from app.domain.deidentify.deidentifier import (
    DateMethod,
    DeidentifiedText,
    Replacement,
    deidentify,
)

__all__ = ["DateMethod", "DeidentifiedText", "Replacement", "deidentify"]
