"""A draft that repeats a cue many times is checked in time proportional to its length."""

import time

from app.domain.factcheck import check_draft

SHORT_REPEATS = 750
LONG_REPEATS = 3_000
"""Four times as long: a linear check takes about four times as long, a quadratic one sixteen."""


def _seconds(text: str) -> float:
    """The fastest of three checks in processor time: other work on the machine counts little."""
    timings = []
    for _ in range(3):
        started = time.process_time()
        check_draft(text, text)
        timings.append(time.process_time() - started)
    return min(timings)


def test_repeated_allergies_cue_scales_linearly() -> None:
    check_draft("Allergies: penicillin. BP 120/80", "Allergies: penicillin. BP 120/80")

    short = _seconds("Allergies: " * SHORT_REPEATS)
    long = _seconds("Allergies: " * LONG_REPEATS)

    # Generous for a loaded machine: linear is 4x; the quadratic reading took 9x (1.2 s, 11.3 s).
    assert long < 7 * short + 0.05
    assert long < 2.0
