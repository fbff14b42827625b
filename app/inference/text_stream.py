"""Turn a stream of token bytes into display text, as soon as it is safe to show.

Two things make a token's text unsafe to show at once: a token can end in the middle of a UTF-8
character (byte-fallback vocabularies split emoji and accented letters into several tokens), and
it can be the start of a stop sequence the model is spelling out in plain text (`<|im_end|>`),
which must never reach the nurse. Text is held back only as long as either could still happen.
"""

import codecs
from collections.abc import Iterable


class TextStream:
    """Accepts token bytes with `feed` and returns the text that can be shown now."""

    def __init__(self, stop_sequences: Iterable[str]) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._stops = tuple(sorted({stop for stop in stop_sequences if stop}, key=len))
        self._stop_initials = frozenset(stop[0] for stop in self._stops)
        self._pending = ""
        self._started = False
        self.stopped = False
        """True once a stop sequence appeared; everything from it on is dropped."""

    def feed(self, piece: bytes) -> str:
        if self.stopped:
            return ""
        self._pending += self._decoder.decode(piece)
        return self._release(final=False)

    def finish(self) -> str:
        """The text still held back, at the end of generation."""
        if self.stopped:
            return ""
        self._pending += self._decoder.decode(b"", final=True)
        return self._release(final=True)

    def _release(self, *, final: bool) -> str:
        if not self._started:
            # Drafts start with their first word, not the space or newline a tokenizer put first.
            self._pending = self._pending.lstrip()
            self._started = bool(self._pending)
        stop_at = min(
            (index for stop in self._stops if (index := self._pending.find(stop)) >= 0),
            default=-1,
        )
        if stop_at >= 0:
            self.stopped = True
            ready, self._pending = self._pending[:stop_at], ""
            return ready.rstrip()
        held = 0 if final else self._partial_stop_length()
        ready = self._pending[: len(self._pending) - held]
        self._pending = self._pending[len(ready) :]
        return ready

    def _partial_stop_length(self) -> int:
        """Length of the longest tail of the pending text that begins some stop sequence."""
        if not self._stops:
            return 0
        tail = self._pending[-(len(self._stops[-1]) - 1) :] if len(self._stops[-1]) > 1 else ""
        for start, char in enumerate(tail):
            if char in self._stop_initials:
                candidate = tail[start:]
                if any(stop.startswith(candidate) for stop in self._stops):
                    return len(candidate)
        return 0
