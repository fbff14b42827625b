"""A grammar checked against the token the sampler chose, not against the whole vocabulary.

llama.cpp's grammar sampler, placed in a sampler chain, decodes and tests every one of the
vocabulary's tokens (152,000 for Qwen) at every step, which on a loaded two-core CPU cost a
third of a second per token. Most tokens a grammar of allowed numbers sees are ordinary words
it accepts, so, as llama.cpp's own `common_sampler` does, the chosen token is tested alone and
only a rejected one leads to a second draw over the whole vocabulary with the grammar applied
first. The second draw uses the same top-k, top-p and temperature as the first.
"""

import ctypes
import math
from typing import Any

import llama_cpp
import numpy as np

from app.domain.generation import GenerationParams
from app.inference.errors import GenerationFailed

_TOKEN_DATA = np.dtype([("id", "<i4"), ("logit", "<f4"), ("p", "<f4")], align=True)


class LazyGrammar:
    """One generation's grammar: `choose` returns the sampled token or an allowed replacement,
    and advances the grammar past it. Free it with `close`."""

    def __init__(self, vocab: Any, n_vocab: int, grammar: str, params: GenerationParams) -> None:
        self._grammar = llama_cpp.llama_sampler_init_grammar(vocab, grammar.encode(), b"root")
        if not self._grammar:
            raise GenerationFailed("llama.cpp could not parse the request's grammar.")
        self._n_vocab = n_vocab
        self._redraw = _redraw_chain(params, n_vocab)
        self._one = np.zeros(1, dtype=_TOKEN_DATA)
        self._one_array = _array_of(self._one)
        self._all = np.zeros(n_vocab, dtype=_TOKEN_DATA)
        self._all_array = _array_of(self._all)

    def choose(self, context: Any, token: int) -> int:
        """`token` if the grammar allows it here, else a token drawn from those it allows."""
        if not self._allows(token):
            token = self._draw_allowed(context)
        llama_cpp.llama_sampler_accept(self._grammar, token)
        return token

    def close(self) -> None:
        llama_cpp.llama_sampler_free(self._redraw)
        llama_cpp.llama_sampler_free(self._grammar)

    def _allows(self, token: int) -> bool:
        self._one["id"] = token
        self._one["logit"] = 0.0
        self._one_array.size = 1
        self._one_array.selected = -1
        llama_cpp.llama_sampler_apply(self._grammar, ctypes.byref(self._one_array))
        return not math.isinf(float(self._one["logit"][0]))

    def _draw_allowed(self, context: Any) -> int:
        logits = np.ctypeslib.as_array(
            llama_cpp.llama_get_logits_ith(context, -1), shape=(self._n_vocab,)
        )
        self._all["id"] = np.arange(self._n_vocab, dtype=np.int32)
        self._all["logit"] = logits
        self._all["p"] = 0.0
        self._all_array.size = self._n_vocab
        self._all_array.selected = -1
        self._all_array.sorted = False
        llama_cpp.llama_sampler_apply(self._grammar, ctypes.byref(self._all_array))
        llama_cpp.llama_sampler_apply(self._redraw, ctypes.byref(self._all_array))
        selected = int(self._all_array.selected)
        if selected < 0:
            raise GenerationFailed("The grammar allowed no token at this point.")
        return int(self._all["id"][selected])


def _array_of(data: np.ndarray[Any, Any]) -> Any:
    """A llama.cpp candidate array over `data`'s memory (which must outlive it)."""
    return llama_cpp.llama_token_data_array(
        data=data.ctypes.data_as(ctypes.POINTER(llama_cpp.llama_token_data)),
        size=len(data),
        selected=-1,
        sorted=False,
    )


def _redraw_chain(params: GenerationParams, n_vocab: int) -> Any:
    chain = llama_cpp.llama_sampler_chain_init(llama_cpp.llama_sampler_chain_default_params())
    if params.temperature == 0.0:
        llama_cpp.llama_sampler_chain_add(chain, llama_cpp.llama_sampler_init_greedy())
        return chain
    samplers = (
        llama_cpp.llama_sampler_init_top_k(params.top_k or n_vocab),
        llama_cpp.llama_sampler_init_top_p(params.top_p, 1),
        llama_cpp.llama_sampler_init_temp(params.temperature),
        llama_cpp.llama_sampler_init_dist(
            llama_cpp.LLAMA_DEFAULT_SEED if params.seed is None else params.seed
        ),
    )
    for sampler in samplers:
        llama_cpp.llama_sampler_chain_add(chain, sampler)
    return chain
