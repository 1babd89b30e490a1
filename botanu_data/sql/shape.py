"""A statement's shape: its text with every literal masked, found by one cheap pass (``shape_of``).

Two statements with one shape analyse alike (operation, tables, summary, sanitized text), so ``sql.analyze``
and the engine hooks key their work on it: a statement whose shape was seen costs this pass plus dict hits.
In front of it, ``quick_key_function`` gives the commonest statements (no names with digits, no comments, no
quoted names, no placeholders with digits) a finer key from a few byte-string operations, which cost a
fraction of a regex pass among a driver's work: a statement whose quick key was seen skips the pass. Caches
use it in two steps (``quick_key_parts``): they store only keys that hold and look a candidate up unchecked.

The pass is one ``re.split`` (C code, linear like the lexer: every quoted form ends at its delimiter or the
end of the text) with a pattern that starts with a character class, so the regex engine skips the text
between interesting characters at C speed instead of matching every token as the lexer does. It stops
only where a literal may start (a digit, ``.``, a quote, ``$``, ``-``, ``/``, ``#``), at the quoted names
that may hide such characters (``"a 'b"``, ```x 1```, ``[x 1]``) and, where ``:1`` is a placeholder, at
colons. The lexer's literal rules are mirrored exactly, from the same fragments (``lexer``):

* a masked span is always one literal token of the lexer (a string, number, dollar-quoted string) or a
  comment, and is replaced by the kind the lexer's output depends on (a number vs. the first character of
  anything else: ``'``, ``"``, ``$``, ``-``, ``/``, ``#``);
* everything else is kept verbatim. A digit glued after a word character, ``$``, ``?``, ``@`` (or ``:`` where
  ``:1`` is a placeholder) is kept: it is inside a name or a placeholder, or, rarely, a number the lexer
  masks while the shape keeps it (a finer shape is only a missed sharing, never a wrong one);
* a prefix letter (``N'..'``, ``E'..'``, ``q'..'``) stays in the kept text, and where it changes how the
  string ends (PostgreSQL's ``E'..'``, Oracle's ``q'[..]'``) the shape looks behind the quote with the same
  condition the lexer uses.

Statements the pass cannot key safely get no shape (``None``; the callers then key on the exact text): text
longer than ``MAX_SHAPED_CHARS`` or with more than ``MAX_SHAPE_PIECES`` pieces, a number right after ``%s``
or ``%(name)s``, a digit in ``%(1)s``, and, where dollar quotes exist, a ``$`` right after a placeholder or
another ``$`` (``%s$$x$$``: whether that opens a dollar quote depends on the token before, which this pass
does not track).

The shape is the tuple of the split's pieces (the text between matches, then each match's groups, ``None``
for a group that took no part): every match yields the same number of pieces, so it is unambiguous, and a
tuple is cheaper to build and hash than a string joined from it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .lexer import (
    BACKTICK_NAME,
    BLOCK_COMMENT_BODY,
    BRACKET_NAME,
    DEFAULT_RULES,
    DOLLAR_BODY,
    DQ_NAME,
    EXECUTABLE_COMMENT_OPENER,
    LINE_COMMENT_BODY,
    PREFIX_START,
    Q_QUOTE_BODY,
    Rules,
    quoted_body,
    rules_for,
    triple_body,
)

MAX_SHAPED_CHARS = 8_192  # sql.MAX_CACHED_CHARS: longer statements are keyed (or not) as before
MAX_SHAPE_PIECES = 2_048  # ~500 literals, names and comments: a statement with more has no shape (its key
# would be large; statements like that are rare, and analysed as before)

# A shape: the text between what the pattern matches, and per match its groups (None where a group took
# no part). Every match yields the same number of pieces, so the sequence is unambiguous.
Shape = tuple[str | None, ...]

_EXPONENT_AND_TAIL = r"(?:[eE][+-]?\d+)?[\w$]*"
_NUMBER_AFTER_DIGIT = r"\d*(?:\.\d*)?" + _EXPONENT_AND_TAIL  # lexer.NUMBER's extent, its first digit read


def shape_pattern(rules: Rules) -> str:
    """The pattern ``shape_of`` splits on. Its leading class consumes the first character (so the regex
    engine skips to candidates at C speed), and each alternative checks that character by looking behind:
    a number, masked (nothing captured: its digits are not part of the shape) | ``(?P<first>)`` the first
    character, then either the rest of a string-like literal or comment, masked, or ``(?P<kept>)`` the rest
    of a name or placeholder, kept verbatim."""
    kept = [DQ_NAME] if not rules.double_quoted_strings else []
    kept += [BACKTICK_NAME] + ([BRACKET_NAME] if rules.bracket_names else [])
    kept_rest = [f"(?<={body[:_first_length(body)]}){body[_first_length(body):]}" for body in kept]
    # Any other digit glued after a word character or a placeholder's sigil is inside a name or a
    # placeholder ("t1", "$1", "?1"): kept verbatim, over the extent of a word.
    kept_rest.append(r"(?<=[\w$?@]\d)[\w$]*")
    if rules.executable_comments:  # /*!40000 opens SQL, kept verbatim with its version (as the lexer keeps it)
        kept_rest.append(r"(?<=/)" + EXECUTABLE_COMMENT_OPENER[1:])
    if rules.colon_numbers:
        # The lexer pairs a run of colons into "::" first: after an odd run, ":1" is a placeholder (kept
        # with its digits); after an even one, a digit starts a number
        kept_rest += [r"(?<=:)(?:::)*\d[\w$]*", r"(?<=:):(?:::)*(?!:)", r"(?<=:)(?:::)*(?!:)"]

    strings = []
    if rules.q_quotes:
        strings.append(rf"(?:(?<={PREFIX_START}[Qq]')|(?<={PREFIX_START}[Nn][Qq]'))" + Q_QUOTE_BODY)
    if rules.escape_prefix_only:
        strings.append(rf"(?<={PREFIX_START}[Ee]')" + quoted_body("'", True))
    if rules.triple_quoted_strings:
        strings.append(r"(?<=')''" + triple_body("'"))
        if rules.double_quoted_strings:
            strings.append(r'(?<=")""' + triple_body('"'))
    strings.append(r"(?<=')" + quoted_body("'", rules.backslash_escapes))
    if rules.double_quoted_strings:
        strings.append(r'(?<=")' + quoted_body('"', rules.backslash_escapes))
    block_start = r"(?<=/)\*(?!M?!)" if rules.executable_comments else r"(?<=/)\*"
    strings += [r"(?<=-)-" + LINE_COMMENT_BODY, block_start + BLOCK_COMMENT_BODY]
    if rules.hash_comments:
        strings.append(r"(?<=#)" + LINE_COMMENT_BODY)
    if rules.dollar_quotes:
        strings.append(r"(?<=\$)(?<![\w$]\$)" + DOLLAR_BODY)  # (not in a name: "a$b$")

    numbers = [r"(?<=\d)(?<![\w$?@]\d)" + _NUMBER_AFTER_DIGIT, r"(?<=\.)\d+" + _EXPONENT_AND_TAIL]
    if rules.money:
        numbers.append(r"(?<=\$)(?<![\w$]\$)(?:\d+(?:\.\d*)?|\.\d+)" + _EXPONENT_AND_TAIL)

    first = "[" + re.escape("\"`['-/#$." + (":" if rules.colon_numbers else "")) + r"\d]"
    # numbers first, the commonest candidates (every alternative is told apart by its first character, so
    # their order changes nothing else)
    return (f"{first}(?:{'|'.join(numbers)}|(?<=(?P<first>.))(?:{'|'.join(strings)}"
            f"|(?P<kept>{'|'.join(kept_rest)})))")


def _first_length(fragment: str) -> int:
    """Length of the pattern text of a fragment's first character (``"``, `````, ``\\[``, ``%``)."""
    return 2 if fragment.startswith("\\") else 1


_compiled: dict[Rules, Callable[[str], list[str | None]]] = {}
# %s and %(name)s end in a letter but do not take a number right after them, which the lexer reads as one
# ("%s1e+5", over "+" and "."), and "%(1)s" is a placeholder holding a digit: the pass, which leaves
# placeholders alone (SQLAlchemy's pyformat statements are full of them), does not key these
_unsure_percent = re.compile(r"[%)]s\d|%\(\d").search
# Where a dollar quote may open right after a token that ends in a word character or "$" (a placeholder:
# "%s$$x$$", "$1$a$..$a$"; or another dollar quote), which this pass cannot tell from a "$" inside a name
_unsure_dollar = re.compile(r"(?:%s|\)s|\?\d+|:\w+|\$\d+|@\w+)\$|[\w$]\$\$").search


def _splitter(rules: Rules) -> Callable[[str], list[str | None]]:
    split = _compiled.get(rules)
    if split is None:
        split = _compiled[rules] = re.compile(shape_pattern(rules)).split
    return split


def shape_function(dialect: str | None = None) -> Callable[[str], Shape | None]:
    """``shape_of`` for one dialect, resolved once (the engine hooks keep one per engine)."""
    rules = rules_for(dialect)
    split = _splitter(rules)
    dollar_quotes = rules.dollar_quotes

    def shape(text: str) -> Shape | None:
        if (len(text) > MAX_SHAPED_CHARS or ("%" in text and _unsure_percent(text))
                or (dollar_quotes and "$" in text and _unsure_dollar(text))):
            return None
        key = tuple(split(text))
        return key if len(key) <= MAX_SHAPE_PIECES else None

    return shape


# -- a quicker key for the commonest statements ----------------------------------------------------------

# The quick key's byte classes: a word character or a placeholder's sigil "a", a digit "0", "-" for "-", "/" and
# "*" (so that one search for "--" finds "--" and "/*", and rarely "**" or "*-": those go without a key); every
# other byte stands for itself. What may open a name, a quoted form or a placeholder the key does not follow is
# deleted by the same translate: a shorter result means the text has no key.
_WORD_BYTES = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_?@"
_DIGIT_BYTES = b"0123456789"
_DIGITS_AS_ZERO = bytes.maketrans(_DIGIT_BYTES, b"0" * 10)


def _byte_classes(rules: Rules) -> tuple[bytes, bytes]:
    """(the translate table, the bytes it deletes) of ``rules``."""
    table = bytearray(range(256))
    for byte in _WORD_BYTES:
        table[byte] = ord("a")
    for byte in _DIGIT_BYTES:
        table[byte] = ord("0")
    for byte in b"-/*":
        table[byte] = ord("-")
    return bytes(table), b'"`$\\%#' + (b"[" if rules.bracket_names else b"") + (b":" if rules.colon_numbers else b"")


def quick_key_function(dialect: str | None = None) -> Callable[[str], bytes | None]:
    """A key for ``text`` finer than its shape, found with a few byte-string operations and no regular
    expression (a regex pass costs several times more among a driver's work than on its own): the text with
    its strings' contents dropped and every digit turned into ``0``. Two texts with one quick key have one
    shape (``shape_of``), so a cache keyed on it may stand in front of the shape's.

    It holds only where every quote is a string's and every digit a number's: text whose single quotes pair
    up (with no backslash where one escapes a quote), and outside whose strings all is ASCII, no digit follows a
    word character or a placeholder's sigil (``t1``, ``?1``, ``1e5``), no comment opens, and nothing of ``"``
    `````, ``$``, ``\\``, ``%``, ``#`` (nor ``[`` or ``:`` where they open names or placeholders) appears.
    Anything else has no quick key (``None``); dialects with Oracle's ``q'[..]'`` or BigQuery's triple-quoted
    strings have none at all. ``tests/test_sql_shape.py`` checks the claim on generated statements."""
    candidate, holds = quick_key_parts(dialect)

    def quick_key(text: str) -> bytes | None:
        key = candidate(text)
        return key if key is not None and holds(key) else None

    return quick_key


def quick_key_parts(dialect: str | None = None) -> tuple[Callable[[str], bytes | None], Callable[[bytes], bool]]:
    """``quick_key_function`` in two steps, for a cache in front of the shape's: ``candidate(text)``, the key
    if ``text`` has one (else ``None`` or a key that does not hold), and ``holds(key)``, whether it does.
    Whether a key holds depends on the key alone (it keeps every byte that decides it), so a cache that stores
    only keys that hold may look a candidate up without asking: a hit is a key that holds. That spares the
    commonest case, a new string of a known shape, the check."""
    rules = rules_for(dialect)
    if rules.q_quotes or rules.triple_quoted_strings:
        return _no_quick_key, _never
    classes, unfollowed = _byte_classes(rules)
    escapes = rules.backslash_escapes or rules.escape_prefix_only  # a backslash may hide a quote in a string

    def candidate(text: str) -> bytes | None:
        # (the text's own split and join, then bytes for the translate: a str translate looks each character
        # up in a dict)
        if len(text) > MAX_SHAPED_CHARS or (escapes and "\\" in text):
            return None
        parts = text.split("'")  # (the strings' bodies are the odd parts)
        count = len(parts)
        if count == 1:
            outside = text
        elif count == 3:  # one string, the commonest case: two concatenations are cheaper than a slice and a join
            outside = parts[0] + "'" + parts[2]
        elif count & 1:
            outside = "'".join(parts[::2])
        else:  # a string left open
            return None
        try:
            return outside.encode("ascii").translate(_DIGITS_AS_ZERO)
        except UnicodeEncodeError:
            return None

    def holds(key: bytes) -> bool:
        # (digits are "0" in the key as in the classes: the key's classes are its text's; searches in str are
        # cheaper to call than in bytes)
        kinds = key.translate(classes, unfollowed).decode("ascii")
        return len(kinds) == len(key) and "a0" not in kinds and "--" not in kinds

    return candidate, holds


def _no_quick_key(text: str) -> None:
    return None


def _never(key: bytes) -> bool:
    return False


_default_shape = shape_function(None)
_shapes_by_rules: dict[Rules, Callable[[str], Shape | None]] = {DEFAULT_RULES: _default_shape}


def shape_of(text: str, dialect: str | None = None) -> Shape | None:
    """The shape of ``text`` (a ``str``) under ``dialect``'s literal rules, or ``None`` when it has none."""
    if dialect is None:
        return _default_shape(text)
    rules = rules_for(dialect)
    shape = _shapes_by_rules.get(rules)
    if shape is None:
        shape = _shapes_by_rules[rules] = shape_function(rules.family if rules is not DEFAULT_RULES else None)
    return shape(text)


__all__ = [
    "MAX_SHAPED_CHARS", "MAX_SHAPE_PIECES", "Shape", "quick_key_function", "quick_key_parts", "shape_function",
    "shape_of",
]
