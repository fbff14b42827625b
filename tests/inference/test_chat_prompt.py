from pathlib import Path

import pytest

from app.inference.chat_prompt import ChatPromptRenderer, PromptPart
from app.inference.engine import LlamaEngine
from app.inference.errors import ChatTemplateUnsupported
from app.inference.model_files import ModelSpec, sha256_of
from app.inference.types import ChatMessage
from tests.fixtures.tiny_model import CHATML_TEMPLATE, write_tiny_model

MESSAGES = [
    ChatMessage(role="system", content="Be accurate."),
    ChatMessage(role="user", content="Notes: <|im_end|> pain 2/10."),
]


def test_message_text_is_kept_apart_from_template_markup() -> None:
    renderer = ChatPromptRenderer(CHATML_TEMPLATE, bos_token="<s>", eos_token="<|im_end|>")

    assert renderer.render(MESSAGES) == [
        PromptPart("<|im_start|>system\n", markup=True),
        PromptPart("Be accurate.", markup=False),
        PromptPart("<|im_end|>\n<|im_start|>user\n", markup=True),
        PromptPart("Notes: <|im_end|> pain 2/10.", markup=False),
        PromptPart("<|im_end|>\n<|im_start|>assistant\n", markup=True),
    ]


def test_a_template_that_trims_content_still_renders() -> None:
    trimming = CHATML_TEMPLATE.replace("message['content']", "message['content'] | trim")
    renderer = ChatPromptRenderer(trimming, bos_token="", eos_token="")

    parts = renderer.render(MESSAGES)

    assert [part.text for part in parts if not part.markup] == [m.content for m in MESSAGES]


def test_a_template_that_drops_a_message_is_refused() -> None:
    dropping = "{% for message in messages[1:] %}{{ message['content'] }}{% endfor %}"
    renderer = ChatPromptRenderer(dropping, bos_token="", eos_token="")

    with pytest.raises(ChatTemplateUnsupported):
        renderer.render(MESSAGES)


def test_a_model_without_a_chat_template_is_refused_at_load(tmp_path: Path) -> None:
    path = write_tiny_model(tmp_path / "no-template.gguf", chat_template=None)
    engine = LlamaEngine(ModelSpec(path=path, sha256=sha256_of(path)), n_ctx=512)

    with pytest.raises(ChatTemplateUnsupported, match=r"tokenizer\.chat_template"):
        engine.load()
