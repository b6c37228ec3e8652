"""Literal prefilters: the strings one of which every match of a pattern contains.

A rule pattern such as `\\bj1\\b|\\bh1b\\b|visa|sponsor` is tried by the regex engine at every
position of a sentence (a leading `\\b` gives it no first character to scan for). When no
string of `required_literals(pattern)` occurs in the text (substring tests, done in C), the
pattern cannot match there and is not run; when one occurs, the pattern itself decides. So a
prefiltered pattern answers exactly as the plain one. The rules compile their patterns with
`compile` (`eligibility.rules.common.R`).
"""

from __future__ import annotations

import re
from re import _constants as _C, _parser

_REPEATS = (_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", _C.MAX_REPEAT))


def required_literals(pattern: re.Pattern, case_blind: bool = False) -> tuple[str, ...] | None:
    """Strings one of which occurs in every match of `pattern`; None when none can be named.

    Case-blind patterns get None (their literals would need case folding), unless `case_blind`:
    then the literals are lower-cased and all ASCII (`CaseBlindPattern` looks for them in the
    lower-cased string), or None.
    """
    blind = bool(pattern.flags & re.IGNORECASE)
    if (blind and not case_blind) or pattern.flags & re.LOCALE or not isinstance(pattern.pattern, str):
        return None
    try:
        found = _sequence(list(_parser.parse(pattern.pattern, pattern.flags)), blind)
    except (AttributeError, IndexError, TypeError, ValueError, re.error):
        # (re._parser is private: a change in its tree shapes only turns the prefilter off)
        return None
    if found is None:
        return None
    if blind:
        found = tuple(sorted({s.lower() for s in found}))
        if not all(s.isascii() for s in found):
            return None
    # A literal containing another of the set adds nothing: the shorter one occurs too.
    return tuple(s for s in found if not any(t != s and t in s for t in found))


def required_pieces(pattern: re.Pattern, case_blind: bool = False) -> list[tuple[str, ...]]:
    """Every required piece of `pattern` after `required_literals`' own: literal sets one string of
    each of which occurs in every match (a pattern can match only where every piece has one),
    the more selective first, at most `_MAX_PIECES`; [] when there are none.

    "\\b(graduates?|img)\\s*\\(\\s*img\\s*\\)" needs "img" and "(" and ")": its
    literals are the first set, "(" and ")" the pieces that mostly rule it out.
    """
    first = required_literals(pattern, case_blind)
    if first is None:
        return []
    blind = bool(pattern.flags & re.IGNORECASE)
    try:
        pieces = _pieces(list(_parser.parse(pattern.pattern, pattern.flags)), blind)
    except (AttributeError, IndexError, TypeError, ValueError, re.error):
        return []
    out: list[tuple[str, ...]] = []
    for piece in pieces:
        if blind:
            piece = tuple(sorted({s.lower() for s in piece}))
            if not all(s.isascii() for s in piece):
                continue
        piece = tuple(s for s in piece if not any(t != s and t in s for t in piece))
        if piece != first and piece not in out:
            out.append(piece)
    out.sort(key=lambda piece: -min(map(len, piece)))
    return out[:_MAX_PIECES]


_MAX_PIECES = 3     # (each one costs a substring test or a few on every call that gets past the first)


def _better(a: tuple[str, ...] | None, b: tuple[str, ...] | None) -> tuple[str, ...] | None:
    """The more selective of two literal sets (its shortest string is longer)."""
    if not b:
        return a
    if not a:
        return b
    return b if min(map(len, b)) > min(map(len, a)) else a


def _sequence(items: list, blind: bool = False) -> tuple[str, ...] | None:
    """Required literals of a sequence of parsed items: any one required piece of it will do
    (the first of the most selective pieces).

    `blind`: the literals will be looked for case-blind, so case-blind groups count too."""
    best: tuple[str, ...] | None = None
    for piece in _pieces(items, blind):
        best = _better(best, piece)
    return best


def _pieces(items: list, blind: bool = False) -> list[tuple[str, ...]]:
    """Every required piece of a sequence of parsed items, in order: literal sets one string of
    each of which occurs in every match."""
    pieces: list[tuple[str, ...]] = []
    run: list[str] = []
    for op, av in items:
        if op is _C.LITERAL:
            run.append(chr(av))
            continue
        if run:                 # consecutive literals are consecutive characters of the match
            pieces.append(("".join(run),))
            run = []
        if op is _C.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            if add_flags & _C.SRE_FLAG_IGNORECASE and not blind:
                continue
            pieces += _pieces(list(sub), blind)
        elif op is _C.ATOMIC_GROUP:
            pieces += _pieces(list(av), blind)
        elif op is _C.BRANCH:
            alternatives = [_sequence(list(alt), blind) for alt in av[1]]
            if all(alternatives):
                pieces.append(tuple(sorted({s for alt in alternatives for s in alt})))
        elif op in _REPEATS and av[0] >= 1:
            pieces += _pieces(list(av[2]), blind)
        # anything else (classes, anchors, look-arounds, group references) requires no literal
    if run:
        pieces.append(("".join(run),))
    return pieces


class PrefilteredPattern:
    """A compiled pattern whose every method first checks its required literals.

    When none occurs in the string, the answer is the no-match one (None, [], the string
    unchanged, ...) without running the regex; otherwise the pattern runs as usual. Attributes
    (`pattern`, `flags`, `groups`) are the pattern's.
    """

    __slots__ = ("_p", "_lits")

    def __init__(self, pattern: re.Pattern, literals: tuple[str, ...]) -> None:
        self._p = pattern
        self._lits = literals

    def _absent(self, string: str) -> bool:
        for literal in self._lits:
            if literal in string:
                return False
        return True

    def search(self, string, *args):
        for literal in self._lits:      # (the check inlined: search is the rules' hot call)
            if literal in string:
                return self._p.search(string, *args)
        return None

    def match(self, string, *args):
        for literal in self._lits:
            if literal in string:
                return self._p.match(string, *args)
        return None

    def fullmatch(self, string, *args):
        return None if self._absent(string) else self._p.fullmatch(string, *args)

    # (search and match check the literals inline; every other method calls _absent)

    def finditer(self, string, *args):
        return iter(()) if self._absent(string) else self._p.finditer(string, *args)

    def findall(self, string, *args):
        return [] if self._absent(string) else self._p.findall(string, *args)

    def split(self, string, *args, **kwargs):
        return [string] if self._absent(string) else self._p.split(string, *args, **kwargs)

    def sub(self, repl, string, *args, **kwargs):
        return string if self._absent(string) else self._p.sub(repl, string, *args, **kwargs)

    def subn(self, repl, string, *args, **kwargs):
        return (string, 0) if self._absent(string) else self._p.subn(repl, string, *args, **kwargs)

    def __getattr__(self, name):
        if name in ("_p", "_lits") or name.startswith("__"):
            raise AttributeError(name)      # (not set yet, e.g. while unpickling: no recursion)
        return getattr(self._p, name)

    def __reduce__(self):
        return (compile, (self._p.pattern, self._p.flags))

    def __copy__(self):
        return self         # immutable, as re.Pattern

    def __deepcopy__(self, memo):
        return self

    def __repr__(self) -> str:
        return f"PrefilteredPattern({self._p!r})"


class _AllPieces(PrefilteredPattern):
    """A prefiltered pattern with further required pieces (`required_pieces`): it runs only
    where one of its literals and one string of each piece occur."""

    __slots__ = ("_also",)

    def __init__(self, pattern: re.Pattern, literals: tuple[str, ...],
                 also: list[tuple[str, ...]]) -> None:
        super().__init__(pattern, literals)
        self._also = tuple(also)

    def _absent(self, string: str) -> bool:
        for literal in self._lits:
            if literal in string:
                return self._piece_missing(string)
        return True

    def _piece_missing(self, string: str) -> bool:
        for piece in self._also:
            for literal in piece:
                if literal in string:
                    break
            else:
                return True
        return False

    def search(self, string, *args):
        for literal in self._lits:      # (the first check inlined, as in PrefilteredPattern)
            if literal in string:
                return None if self._piece_missing(string) else self._p.search(string, *args)
        return None

    def match(self, string, *args):
        for literal in self._lits:
            if literal in string:
                return None if self._piece_missing(string) else self._p.match(string, *args)
        return None


class _OneLiteral(PrefilteredPattern):
    """A prefiltered pattern with a single required literal (most are): one test, no loop."""

    __slots__ = ()

    def search(self, string, *args):
        return self._p.search(string, *args) if self._lits[0] in string else None

    def match(self, string, *args):
        return self._p.match(string, *args) if self._lits[0] in string else None


class CaseBlindPattern(PrefilteredPattern):
    """A case-blind (re.I) pattern, prefiltered on ASCII strings by its lower-cased literals.

    In an ASCII string only the two cases of an ASCII letter match it case-blind, so a literal
    absent from the lower-cased string is absent from every match. A string with other
    characters always runs the regex ("\u017f" matches "s" case-blind, the Kelvin sign "k").
    """

    __slots__ = ("_also",)

    def __init__(self, pattern: re.Pattern, literals: tuple[str, ...],
                 also: list[tuple[str, ...]] = ()) -> None:
        super().__init__(pattern, literals)
        self._also = tuple(also)      # further required pieces, lower-cased (`required_pieces`)

    def _absent(self, string: str) -> bool:
        if not string.isascii():
            return False
        low = string.lower()
        for literal in self._lits:
            if literal in low:
                break
        else:
            return True
        for piece in self._also:
            for literal in piece:
                if literal in low:
                    break
            else:
                return True
        return False

    def search(self, string, *args):
        return None if self._absent(string) else self._p.search(string, *args)

    def match(self, string, *args):
        return None if self._absent(string) else self._p.match(string, *args)

    def __repr__(self) -> str:
        return f"CaseBlindPattern({self._p!r})"


def compile(pattern: str, flags: int = 0) -> re.Pattern | PrefilteredPattern:
    """`re.compile`, prefiltered by the pattern's required literals when it has any."""
    compiled = re.compile(pattern, flags)
    if compiled.flags & re.IGNORECASE:
        literals = required_literals(compiled, case_blind=True)
        return CaseBlindPattern(compiled, literals, required_pieces(compiled, True)) if literals else compiled
    literals = required_literals(compiled)
    if not literals:
        return compiled
    also = required_pieces(compiled)
    if also:
        return _AllPieces(compiled, literals, also)
    return _OneLiteral(compiled, literals) if len(literals) == 1 else PrefilteredPattern(compiled, literals)


def alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern string: r"a|b(?:c|d)|[|]" -> ["a", "b(?:c|d)", "[|]"]."""
    out: list[str] = []
    depth, start, i, in_class = 0, 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2              # an escaped character, inside a class or not
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            i += 1 + (pattern[i + 1:i + 2] == "^")
            i += pattern[i:i + 1] == "]"     # "[]...]" and "[^]...]": that "]" is a member
            continue
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out


_PLAIN = re.compile(r"[^.^$*+?{}\[\]\\|()]*")     # no character with a meaning in a pattern


class AnyOf:
    """Whether `pattern` matches anywhere in a string (`pattern.search(s) is not None`).

    A pattern `A|B|C` matches somewhere exactly when one of its alternatives does, so they are
    tried one at a time: a plain-word alternative ("visa", "exchange visitor") is a substring
    test, each other one a prefiltered regex of its own, whose literals (`required_literals`)
    are its own (the whole pattern's are those of its weakest alternative). The rules' gates
    use it: one search of a long alternation tries every alternative at every position.
    """

    __slots__ = ("pattern", "_words", "_regexes")

    def __init__(self, pattern: str) -> None:
        re.compile(pattern)             # (a bad pattern fails here, as re.compile would)
        self.pattern = pattern
        parts = alternatives(pattern)
        self._words = tuple(p for p in parts if _PLAIN.fullmatch(p))
        self._regexes = tuple(compile(p) for p in parts if not _PLAIN.fullmatch(p))

    def __call__(self, string: str) -> bool:
        for word in self._words:
            if word in string:
                return True
        for regex in self._regexes:
            if regex.search(string) is not None:
                return True
        return False

    def __repr__(self) -> str:
        return f"AnyOf({self.pattern!r})"


# `re`'s module-level functions for the patterns the rules write inline (`rx.search(r"...", s)`):
# each pattern is compiled once, with its prefilter, and looked up by its text (re.search looks
# it up in re's own cache by type, text and flags on every call, and runs it unfiltered).
_INLINE: dict[str, re.Pattern | PrefilteredPattern] = {}
_INLINE_MAX = 4096      # (the rules write a few hundred: a bound only against runaway callers)


def _inline(pattern: str) -> re.Pattern | PrefilteredPattern:
    if len(_INLINE) >= _INLINE_MAX:
        _INLINE.clear()
    compiled = _INLINE[pattern] = compile(pattern)
    return compiled


def search(pattern: str, string: str) -> re.Match | None:
    """`re.search(pattern, string)`."""
    return (_INLINE.get(pattern) or _inline(pattern)).search(string)


def match(pattern: str, string: str) -> re.Match | None:
    """`re.match(pattern, string)`."""
    return (_INLINE.get(pattern) or _inline(pattern)).match(string)


def fullmatch(pattern: str, string: str) -> re.Match | None:
    """`re.fullmatch(pattern, string)`."""
    return (_INLINE.get(pattern) or _inline(pattern)).fullmatch(string)


def finditer(pattern: str, string: str):
    """`re.finditer(pattern, string)`."""
    return (_INLINE.get(pattern) or _inline(pattern)).finditer(string)


def split(pattern: str, string: str) -> list:
    """`re.split(pattern, string)`."""
    return (_INLINE.get(pattern) or _inline(pattern)).split(string)


def sub(pattern: str, repl, string: str) -> str:
    """`re.sub(pattern, repl, string)`."""
    return (_INLINE.get(pattern) or _inline(pattern)).sub(repl, string)
