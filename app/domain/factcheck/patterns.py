"""An alternation of many literal spellings, written as a trie so a regex engine can match it
by walking characters instead of trying every spelling in turn."""

import re
from collections.abc import Iterable

_END = ""
_Trie = dict[str, "_Trie"]


def literal_alternation(spellings: Iterable[str]) -> str:
    """A pattern matching any of the spellings, preferring the longest; a space in a spelling
    matches any run of whitespace, or none ("mm Hg", "mmHg"). Case is left to the flags."""
    trie: _Trie = {}
    for spelling in spellings:
        node = trie
        for character in spelling:
            node = node.setdefault(character, {})
        node[_END] = {}
    return f"(?:{_pattern(trie)})"


def _pattern(node: _Trie) -> str:
    branches = [
        (r"\s*" if character == " " else re.escape(character)) + _pattern(child)
        for character, child in sorted(node.items())
        if character != _END
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if _END in node else body
