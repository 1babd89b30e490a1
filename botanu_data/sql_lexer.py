"""SQL lexer: turns the bounded prefix of a statement into sanitized text and significant tokens.

One linear regular expression (every quoted form runs to its closing delimiter or to the end of the
text, so there is no backtracking blow-up) splits the text; literals become ``?`` and comments are
dropped on the way. sqlparse's full ``parse()`` is about 20x slower, and its lexer alone (about 5x
slower) takes ~150 ms on 16 KiB of ``(``, so only sqlparse's keyword tables are used (read-only) to
tell SQL keywords from names. sqlparse's process-wide settings are never touched.
"""

from __future__ import annotations

import re

from sqlparse import keywords as _sqlparse_keywords

MAX_ANALYSED_CHARS = 16_384

# Branch order matters: prefixed strings before words, ``::``/``:=`` before ``:name``, numbers before
# the single-character catch-all. Every quoted form ends at its delimiter *or the end of the text*, so
# each branch either matches or fails at once, and the scan stays linear. A number swallows letters glued
# to it ("1abc"): treating an odd identifier as a literal is the safe mistake.
_TOKEN_RE = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<cmt>--[^\n]*|/\*(?s:.*?)(?:\*/|\Z))
  | (?P<str>(?:[NnEeBbXxRr]|[Uu]&)?'(?:[^'\\]+|''|\\(?s:.))*(?:'|\\?\Z))
  | (?P<word>[^\W\d][\w$]*)
  | (?P<qid>"(?:[^"]+|"")*(?:"|\Z)|`(?:[^`]+|``)*(?:`|\Z)|\[(?![\d+\-.'"\s])[^\]\['",\n]*\])
  | (?P<num>(?:0[xX][0-9A-Fa-f]+|0[bB][01]+|(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)[\w$]*)
  | (?P<op2>::|:=|<=|>=|<>|!=|\|\||->>|->|=>)
  | (?P<ph>%\(\w*\)s|%s|\?\d*|:[^\W\d]\w*|:\d+|\$\d+|@@?\w+|__\[POSTCOMPILE_\w+\])
  | (?P<dlr>\$(?P<tag>(?:[^\W\d]\w*)?)\$(?s:.*?)(?:\$(?P=tag)\$|\Z))
  | (?P<op>(?s:.))
    """,
    re.VERBOSE,
)

# Kinds of significant tokens handed to the scanner.
WORD, QUOTED, PARAM, LITERAL, OP = "w", "q", "p", "l", "o"  # PARAM: a placeholder
_LITERAL_GROUPS = frozenset({"str", "num", "dlr"})
_BOOLEANS = frozenset({"TRUE", "FALSE"})


def _build_keywords() -> frozenset[str]:
    """SQL keywords, from sqlparse's tables (read-only), plus statement verbs it lacks."""
    words: set[str] = set()
    for name in dir(_sqlparse_keywords):
        table = getattr(_sqlparse_keywords, name)
        if name.startswith("KEYWORDS") and isinstance(table, dict):
            words.update(k for k in table if isinstance(k, str))
    words.update(
        {
            "PRAGMA", "RELEASE", "REFRESH", "DISCARD", "PUT", "LIST", "UNDROP", "OPTIMIZE", "REPAIR",
            "KILL", "HANDLER", "IMPORT", "EXPORT", "UNLOAD", "REMOVE", "UPSERT", "REINDEX", "DESC",
            "MSCK", "REVOKE", "GRANT", "TRUNCATE", "VACUUM", "SAVEPOINT", "DETACH", "ATTACH",
        }
    )  # fmt: skip
    return frozenset(words)


KEYWORDS = _build_keywords()


def tokenize(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Return (sanitized prefix, significant tokens) for the first ``MAX_ANALYSED_CHARS`` characters.

    Comments are dropped and literals become ``?``; a literal cut by the prefix boundary is still a
    literal. When nothing changes, the prefix itself is returned as the sanitized text.
    """
    text = text[:MAX_ANALYSED_CHARS]  # the whole string itself when it is short enough
    out: list[str] = []
    toks: list[tuple[str, str]] = []
    append_out = out.append
    append_tok = toks.append
    changed = False
    sign_ok = False  # out[-1] is a sign that may belong to the number that follows
    for m in _TOKEN_RE.finditer(text):
        group = m.lastgroup
        tok = m.group()
        if group == "ws":
            append_out(tok)
        elif group == "word" and not (len(tok) in (4, 5) and tok.upper() in _BOOLEANS):
            append_out(tok)
            append_tok((WORD, tok))
        elif group == "cmt":
            changed = True
        elif group == "word" or group in _LITERAL_GROUPS:  # a boolean is a literal too
            changed = True
            if sign_ok and group == "num":
                out[-1] = "?"  # "-12" is one literal
            else:
                append_out("?")
            append_tok((LITERAL, tok))
        else:
            append_out(tok)
            if group == "op" and tok in "+-" and _sign_starts_literal(toks):
                append_tok((OP, tok))
                sign_ok = True
                continue
            append_tok((QUOTED if group == "qid" else PARAM if group == "ph" else OP, tok))
        sign_ok = False
    return ("".join(out) if changed else text), toks


def _sign_starts_literal(toks: list[tuple[str, str]]) -> bool:
    """Whether a ``+``/``-`` after ``toks`` is a sign rather than a binary operator."""
    if not toks:
        return True
    kind, prev = toks[-1]
    if kind == WORD:
        return prev.upper() in KEYWORDS  # "SELECT -1" but not "a-1"
    if kind == OP:
        return prev != ")"  # "f(x)-1" is a subtraction
    return kind == LITERAL  # after a quoted name or a placeholder it is an operator
