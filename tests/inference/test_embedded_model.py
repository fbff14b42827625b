"""The embedded Qwen2.5 0.5B model drafting from a made-up shift note (no real patient)."""

import pytest

from app.domain.note_templates import load_template, missing_sections
from app.domain.notes import NoteKind
from app.inference.engine import LlamaEngine
from app.inference.model_files import EMBEDDED_MODEL_FILENAME, EMBEDDED_MODEL_SHA256
from app.inference.prompt import build_messages

SYNTHETIC_SHIFT_NOTES = """\
Bed 12, 74-year-old woman, day 2 after right total hip replacement. Hx type 2 diabetes, HTN.
0715 Handover received. Alert and oriented x3. Pain 6/10 right hip at rest.
0730 Oxycodone 5 mg PO given as charted. 0830 pain 3/10.
0800 BP 142/84, HR 92, RR 18, SpO2 95% on room air, temp 37.9 C.
0900 Dressing dry and intact. Pedal pulses present, toes warm.
1000 BGL 11.2 mmol/L, insulin given as per chart.
1130 Mobilised to chair with physio and frame, one assist, tolerated 20 minutes.
1300 Voided 250 ml. Drinking well, tolerating diet.
1400 Temp 38.1 C. Registrar informed, bloods and urine sample sent, awaiting results.
1500 Daughter visited, updated on plan.
Plan: repeat temp at 1600, chase blood results, physio again tomorrow morning, \
check BGL before dinner.
"""


@pytest.mark.slow
def test_the_embedded_model_loads_with_its_metadata(embedded_engine: LlamaEngine) -> None:
    info = embedded_engine.info

    assert info.model_file == EMBEDDED_MODEL_FILENAME
    assert info.model_sha256 == EMBEDDED_MODEL_SHA256


@pytest.mark.slow
def test_the_embedded_model_drafts_an_sbar_note_with_its_headings(
    embedded_engine: LlamaEngine,
) -> None:
    template = load_template(NoteKind.SHIFT_SBAR)
    params = template.params.model_copy(update={"temperature": 0.0, "max_tokens": 400})

    draft = "".join(
        embedded_engine.generate(
            embedded_engine.tokenize(build_messages(template, SYNTHETIC_SHIFT_NOTES)), params
        )
    )

    assert len(missing_sections(template, draft)) <= 1, draft
    assert "<|im_end|>" not in draft
    assert "<|endoftext|>" not in draft
