"""Counting tokens with the server's own tokenizer, so long notes are fitted as they would be here.

OpenAI's API has no tokenizer endpoint; each server has its own. At connection time one harmless
probe (the text `x`) finds which this server speaks:

- llama.cpp's `llama-server`: `/apply-template` renders the chat with the model's template and
  `/tokenize` counts it: exact.
- vLLM: `/tokenize` counts a chat (`messages`) or a text (`prompt`): exact.
- llama-cpp-python's `llama_cpp.server`: `/extras/tokenize/count` counts each message's text;
  the template's markup around the messages is counted as ChatML's (`LlamaCppPythonTokenizer`).
- none of these: one token per UTF-8 byte. Every token of a byte-level or byte-fallback
  vocabulary holds at least one byte, so this never undercounts: long notes are condensed sooner
  than they need to be, but never overflow the server's context (which some servers would
  answer by silently cutting the prompt).
"""

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from app.inference.types import ChatMessage

PostJson = Callable[[str, dict[str, Any]], Any | None]
"""POST a JSON body to a path under the server's URL; the decoded answer, or None when the
server has no such endpoint or refuses the body's shape."""

_MARKUP_PER_MESSAGE = 8
"""ChatML and Llama 3 wrap a message in 4-5 tokens; 8 leaves room for longer role headers."""
_MARKUP_MARGIN = 2
_GENERATION_PROMPT = 8
_PROBE = "x"


class ServerTokenizer(Protocol):
    name: str
    exact: bool

    def count_text(self, text: str) -> int: ...

    def count_prompt(self, messages: Sequence[ChatMessage]) -> int: ...


def _as_dicts(messages: Sequence[ChatMessage]) -> list[dict[str, str]]:
    return [{"role": message.role, "content": message.content} for message in messages]


class LlamaServerTokenizer:
    name = "llama-server /tokenize"
    exact = True

    def __init__(self, post: PostJson) -> None:
        self._post = post

    def count_text(self, text: str) -> int:
        return self._count(text, special=False)

    def count_prompt(self, messages: Sequence[ChatMessage]) -> int:
        answer = self._post("apply-template", {"messages": _as_dicts(messages)})
        if not isinstance(answer, dict) or not isinstance(answer.get("prompt"), str):
            raise ValueError("the server's /apply-template answer has no prompt")
        return self._count(answer["prompt"], special=True)

    def _count(self, text: str, *, special: bool) -> int:
        answer = self._post(
            "tokenize", {"content": text, "add_special": special, "parse_special": special}
        )
        return len(_field(answer, "tokens", list))


class VllmTokenizer:
    name = "vLLM /tokenize"
    exact = True

    def __init__(self, post: PostJson, model: str) -> None:
        self._post = post
        self._model = model

    def count_text(self, text: str) -> int:
        answer = self._post(
            "tokenize", {"model": self._model, "prompt": text, "add_special_tokens": False}
        )
        return int(_field(answer, "count", int))

    def count_prompt(self, messages: Sequence[ChatMessage]) -> int:
        body = {"model": self._model, "messages": _as_dicts(messages)}
        answer = self._post("tokenize", {**body, "add_generation_prompt": True})
        return int(_field(answer, "count", int))


class LlamaCppPythonTokenizer:
    """Counts each message's text on the server, and the template's markup as ChatML's.

    The server tokenizes with special tokens on, so ChatML's markup counts exactly for ChatML
    models; for any other template its `<|im_start|>` strings become several plain tokens each,
    more than that template's own few control tokens, so the count errs high, never low.
    """

    name = "llama_cpp.server /extras/tokenize/count (template markup estimated)"
    exact = False

    def __init__(self, post: PostJson, model: str) -> None:
        self._post = post
        self._model = model
        self._markup: dict[str, int] = {}

    def count_text(self, text: str) -> int:
        answer = self._post("extras/tokenize/count", {"model": self._model, "input": text})
        return int(_field(answer, "count", int))

    def count_prompt(self, messages: Sequence[ChatMessage]) -> int:
        texts = sum(self.count_text(message.content) for message in messages)
        markup = sum(self._markup_of(message.role) for message in messages)
        return texts + markup + self._markup_of("assistant")

    def _markup_of(self, role: str) -> int:
        if role not in self._markup:
            wrapping = self.count_text(f"<|im_start|>{role}\n") + self.count_text("<|im_end|>\n")
            self._markup[role] = wrapping + _MARKUP_MARGIN
        return self._markup[role]


class ByteBoundTokenizer:
    name = "none: one token per byte (an upper bound)"
    exact = False

    def count_text(self, text: str) -> int:
        return len(text.encode("utf-8"))

    def count_prompt(self, messages: Sequence[ChatMessage]) -> int:
        texts = sum(self.count_text(message.content) for message in messages)
        return texts + _MARKUP_PER_MESSAGE * len(messages) + _GENERATION_PROMPT


def probe_tokenizer(post: PostJson, model: str) -> ServerTokenizer:
    """The most exact tokenizer this server offers; probes send only the text `x`."""
    candidates: list[ServerTokenizer] = [
        LlamaServerTokenizer(post),
        VllmTokenizer(post, model),
        LlamaCppPythonTokenizer(post, model),
    ]
    for candidate in candidates:
        try:
            candidate.count_text(_PROBE)
        except ValueError:
            continue
        if not isinstance(candidate, LlamaServerTokenizer) or _renders_templates(post):
            return candidate
    return ByteBoundTokenizer()


def _renders_templates(post: PostJson) -> bool:
    answer = post("apply-template", {"messages": [{"role": "user", "content": _PROBE}]})
    return isinstance(answer, dict) and isinstance(answer.get("prompt"), str)


def _field(answer: Any, name: str, kind: type) -> Any:
    """`answer[name]` when the answer is a JSON object holding one of `kind`; else ValueError."""
    value = answer.get(name) if isinstance(answer, dict) else None
    if not isinstance(value, kind) or isinstance(value, bool):
        raise ValueError(f"the server's answer has no {name}")
    return value
