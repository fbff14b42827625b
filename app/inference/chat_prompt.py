"""Render chat messages with the model's own template, keeping message text apart from markup.

A model's chat template wraps each message in control tokens (`<|im_start|>user` ...). If the
rendered prompt were tokenized as one string with special tokens enabled, notes that happen to
contain `<|im_end|><|im_start|>system` would become real turn boundaries: an injection no prompt
wording can defend against. So messages are rendered as placeholders, the markup around them is
tokenized with special tokens, and each message's text is tokenized as plain text.
"""

import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import jinja2
from llama_cpp.llama_chat_format import Jinja2ChatFormatter

from app.inference.errors import ChatTemplateUnsupported
from app.inference.types import ChatMessage


@dataclass(frozen=True)
class PromptPart:
    """A run of prompt text; `markup` parts come from the template and may hold special tokens."""

    text: str
    markup: bool


class ChatPromptRenderer:
    """Renders messages into prompt parts with a Jinja chat template taken from GGUF metadata."""

    def __init__(self, template: str, *, bos_token: str, eos_token: str) -> None:
        try:
            self._formatter = Jinja2ChatFormatter(
                template=template,
                bos_token=bos_token,
                eos_token=eos_token,
                add_generation_prompt=True,
            )
        except jinja2.TemplateError as error:
            raise ChatTemplateUnsupported(
                f"The model's chat template is not valid Jinja ({type(error).__name__})."
            ) from None

    def render(self, messages: Sequence[ChatMessage]) -> list[PromptPart]:
        nonce = secrets.token_hex(8)
        # Not whitespace or control characters: templates often `trim` message content.
        placeholders = [f"[[message:{nonce}:{index}]]" for index in range(len(messages))]
        conversation: list[Any] = [
            {"role": message.role, "content": placeholder}
            for message, placeholder in zip(messages, placeholders, strict=True)
        ]
        try:
            rendered = self._formatter(messages=conversation).prompt
        except (jinja2.TemplateError, ValueError, TypeError) as error:
            raise ChatTemplateUnsupported(
                f"The model's chat template could not render the conversation "
                f"({type(error).__name__})."
            ) from None
        pieces = re.split(rf"\[\[message:{nonce}:(\d+)\]\]", rendered)
        # re.split alternates markup and captured placeholder indexes: m, i, m, i, ..., m
        markup, indexes = pieces[0::2], [int(index) for index in pieces[1::2]]
        if indexes != list(range(len(messages))):
            raise ChatTemplateUnsupported(
                "The model's chat template drops, repeats or reorders messages; WardScribe "
                "cannot use it safely."
            )
        parts: list[PromptPart] = []
        for index, text in enumerate(markup):
            if text:
                parts.append(PromptPart(text, markup=True))
            if index < len(messages) and messages[index].content:
                parts.append(PromptPart(messages[index].content, markup=False))
        return parts
