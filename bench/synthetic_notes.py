"""Synthetic shift-note lines for the inference benchmarks: invented observations, no patient."""

_SHIFT_EVENTS = (
    "{h:02d}00 BP {sys}/{dia}, HR {hr}, RR {rr}, SpO2 {spo2}% on room air, temp {temp:.1f} C.",
    "{h:02d}15 Pain {pain}/10 left hip, paracetamol 1 g PO given as charted.",
    "{h:02d}30 Repositioned, pressure areas intact, encouraged fluids, drank {fluid} ml.",
    "{h:02d}45 Alert and oriented, mobilised to chair with one assist for {minutes} minutes.",
)


def shift_event(step: int, patient: int = 0) -> str:
    """The `step`th timed line of a shift; each `patient` gets other values at the same times."""
    value = step + 7 * patient
    return _SHIFT_EVENTS[step % len(_SHIFT_EVENTS)].format(
        h=(7 + step // 4) % 24,
        sys=110 + value % 37,
        dia=60 + value % 23,
        hr=60 + value % 41,
        rr=12 + value % 9,
        spo2=92 + value % 8,
        temp=36.2 + (value % 19) / 10,
        pain=value % 8,
        fluid=100 + 50 * (value % 7),
        minutes=10 + value % 30,
    )
