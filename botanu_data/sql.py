"""SQL statement analysis: operation, tables, query summary and sanitized text.

``analyze(statement)`` is the single entry point. It is pure (no OpenTelemetry import), never raises,
and is cheap enough to be called for every statement an engine executes:

* **Cache.** Results are kept in a bounded dict keyed by the exact statement string, so a repeated
  statement costs one dict lookup. The hit path does nothing else. On a miss, SQLAlchemy's
  varying-length ``IN (?, ?, ?)`` expansions and multi-row ``VALUES (?, ?), (?, ?)`` batches are
  first collapsed to one element; if the collapsed statement is known (or can be analysed once) and
  contains no literal, its result is reused without tokenizing the long variant. Statements longer
  than ``MAX_CACHED_CHARS`` are never stored under their own key, so memory is bounded by
  ``maxsize * 2 * MAX_CACHED_CHARS`` whatever is thrown at it. When full, the oldest quarter of the
  entries is dropped (insertion order). ``set_cache_size`` / ``cache_info`` / ``cache_clear``
  manage it.
* **Bounded prefix.** Only the first ``MAX_ANALYSED_CHARS`` characters of a statement are analysed,
  so one call costs bounded time however large or hostile the input. Tables, operations or an
  ``ON CONFLICT`` clause beyond the prefix are not seen, and ``sanitized`` is the sanitized prefix
  only (text past the prefix is dropped, never passed through). A literal cut by the prefix boundary
  is still a literal.
* **Thread-safety.** Analysis keeps no shared state; the cache is a dict read without a lock (a
  single atomic lookup) and written under a lock. Hit/miss counters are statistics, not invariants.
* **Tokenizer.** A single linear regular expression (every quoted form runs to its closing delimiter
  or to the end of the text, so there is no backtracking blow-up) feeds a small iterative state
  machine: 100k nested parentheses cost a list, never recursion. sqlparse's full ``parse()`` is
  about 20x slower, and its lexer alone (about 5x slower) takes ~150 ms on 16 KiB of ``(``, so only
  sqlparse's keyword tables are used (read-only) to tell SQL keywords from names. sqlparse's
  process-wide settings are never touched.

Sanitization follows the OpenTelemetry rules for ``db.query.text``: string, numeric (with an
adjacent sign), hex, bit, boolean and dollar-quoted literals become ``?``; comments are removed;
placeholders (``?``, ``%s``, ``%(name)s``, ``:name``, ``$1``, ``@p``) stay. Double-quoted text is an
identifier (ANSI SQL), so MySQL's non-ANSI double-quoted *strings* are not sanitized.

The summary follows ``db.query.summary``: operations and targets in the order written, with the
operation case preserved, at most 255 characters, cut only between items. An operation that merely
repeats the operation before it (a CTE body, an ``IN (SELECT ..)`` subquery, a ``UNION`` branch) is
not repeated, except for a derived table in ``FROM``, which OpenTelemetry's vectors spell out
(``SELECT SELECT orders customers``). Targets are the tables (an index DDL also names its index),
keeping their quotes in the summary; ``tables`` holds the
unquoted names, de-duplicated, CTE names excluded.

Non-``str`` input: ``bytes``/``bytearray``/``memoryview`` are decoded as UTF-8 (invalid bytes
replaced); anything else returns an empty ``StatementInfo`` with every field ``None`` or ``()``.
"""

from __future__ import annotations

import itertools
import re
import threading
from dataclasses import dataclass
from typing import NamedTuple

from sqlparse import keywords as _sqlparse_keywords

__all__ = [
    "MAX_ANALYSED_CHARS",
    "MAX_CACHED_CHARS",
    "MAX_SUMMARY_CHARS",
    "CacheInfo",
    "StatementInfo",
    "analyze",
    "cache_clear",
    "cache_info",
    "set_cache_size",
]

MAX_ANALYSED_CHARS = 16_384
MAX_CACHED_CHARS = 8_192
MAX_SUMMARY_CHARS = 255
_MAX_DEPTH = 256
# SQLAlchemy's own compiled-statement cache defaults to 500 entries per engine; 2048 leaves room for
# several engines plus IN/VALUES variants, and is at most 2048 * 2 * 8 KiB = 32 MiB (typically < 4 MiB).
DEFAULT_CACHE_SIZE = 2048


@dataclass(frozen=True, slots=True)
class StatementInfo:
    operation: str | None
    tables: tuple[str, ...]
    summary: str | None
    sanitized: str | None


class CacheInfo(NamedTuple):
    hits: int
    misses: int
    size: int
    maxsize: int


_EMPTY = StatementInfo(None, (), None, None)

# ---------------------------------------------------------------------------------------------------
# Tokenizer
# ---------------------------------------------------------------------------------------------------

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

# Kinds of significant tokens handed to the state machine.
_W, _Q, _P, _L, _O = "w", "q", "p", "l", "o"  # word, quoted identifier, placeholder, literal, operator
_LITERAL_GROUPS = frozenset({"str", "num", "dlr"})
_BOOLEANS = frozenset({"TRUE", "FALSE"})
# A sign is part of a numeric literal unless it follows something that makes it a binary operator.
_SIGN_BLOCKERS = frozenset({_Q, _P})


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


_KEYWORDS = _build_keywords()


def _tokenize(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Return (sanitized text, significant tokens). Comments are dropped, literals become ``?``."""
    out: list[str] = []
    toks: list[tuple[str, str]] = []
    append_out = out.append
    append_tok = toks.append
    changed = False
    prev_kind = _O  # kind of the significant token before the current one
    sign_ok = False  # out[-1] is a sign that may belong to the number that follows
    for m in _TOKEN_RE.finditer(text):
        group = m.lastgroup
        tok = m.group()
        if group == "ws":
            append_out(tok)
            sign_ok = False
            continue
        if group == "cmt":
            changed = True
            sign_ok = False
            continue
        if group == "word":
            if len(tok) in (4, 5) and tok.upper() in _BOOLEANS:
                append_out("?")
                changed = True
                append_tok((_L, tok))
                prev_kind = _L
            else:
                append_out(tok)
                append_tok((_W, tok))
                prev_kind = _W
            sign_ok = False
            continue
        if group in _LITERAL_GROUPS:
            changed = True
            if sign_ok and group == "num":
                out[-1] = "?"  # "-12" is one literal
            else:
                append_out("?")
            append_tok((_L, tok))
            prev_kind = _L
            sign_ok = False
            continue
        append_out(tok)
        if group == "op":
            sign_ok = tok in "+-" and _sign_starts_literal(prev_kind, toks)
            append_tok((_O, tok))
            prev_kind = _O
        else:
            sign_ok = False
            kind = _Q if group == "qid" else _P if group == "ph" else _O
            append_tok((kind, tok))
            prev_kind = kind
    return ("".join(out) if changed else text), toks


def _sign_starts_literal(prev_kind: str, toks: list[tuple[str, str]]) -> bool:
    # toks[-1] is the token before the sign (the sign itself is not yet appended).
    if prev_kind in _SIGN_BLOCKERS:
        return False
    if prev_kind == _W:
        return toks[-1][1].upper() in _KEYWORDS  # "SELECT -1" but not "a-1"
    return not (prev_kind == _O and toks and toks[-1][1] == ")")  # "f(x)-1" is a subtraction


# ---------------------------------------------------------------------------------------------------
# Statement state machine
# ---------------------------------------------------------------------------------------------------

_TRANSACTION_VERBS = frozenset({"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE", "ABORT"})
_DDL_VERBS = frozenset({"CREATE", "DROP", "ALTER", "TRUNCATE", "REINDEX"})
_DML_VERBS = frozenset({"SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "REPLACE"})
_INSERT_VERBS = frozenset({"INSERT", "REPLACE", "UPSERT"})
_SCANNED_VERBS = frozenset({"EXPLAIN", "COPY", "CALL", "EXEC", "EXECUTE", "VALUES", "TABLE"})
_DDL_MODIFIERS = frozenset(
    {
        "OR", "REPLACE", "TEMP", "TEMPORARY", "UNIQUE", "GLOBAL", "LOCAL", "UNLOGGED", "TRANSIENT",
        "VOLATILE", "EXTERNAL", "CONCURRENTLY", "IF", "NOT", "EXISTS", "CLUSTERED", "NONCLUSTERED",
        "FULLTEXT", "SPATIAL", "ONLINE", "OFFLINE", "DEFINER", "ALGORITHM", "SECURE", "RECURSIVE",
        "FORCE", "IGNORE", "SQL", "SECURITY",
    }
)  # fmt: skip
_TABLE_KINDS = frozenset({"TABLE", "VIEW"})
_DDL_KINDS = frozenset(
    {
        "MATERIALIZED", "TABLE", "VIEW", "INDEX", "SCHEMA", "DATABASE", "SEQUENCE", "TYPE", "FUNCTION",
        "PROCEDURE", "TRIGGER", "EXTENSION", "ROLE", "USER", "DOMAIN", "STAGE", "WAREHOUSE", "STREAM",
        "TASK", "COLLATION", "POLICY", "RULE", "EVENT", "TABLESPACE", "SYSTEM",
    }
)  # fmt: skip
_NAME_SKIP = frozenset({"IF", "NOT", "EXISTS", "ONLY"})
_INSERT_SKIP = frozenset(
    {"OR", "REPLACE", "IGNORE", "LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "OVERWRITE", "ALL", "FIRST",
     "ABORT", "FAIL", "ROLLBACK", "ONLY", "QUICK", "TABLE"}
)  # fmt: skip
_FROM_SKIP = frozenset({"LATERAL", "ONLY"})
_JOINS = frozenset({"JOIN", "STRAIGHT_JOIN", "APPLY"})
_CLAUSE_ENDS = frozenset(
    {
        "WHERE", "GROUP", "ORDER", "HAVING", "LIMIT", "OFFSET", "FETCH", "FOR", "SET", "UNION",
        "INTERSECT", "EXCEPT", "MINUS", "RETURNING", "WINDOW", "QUALIFY", "VALUES", "SELECT", "WHEN",
        "CONNECT", "START", "PIVOT", "UNPIVOT", "INTO", "DEFAULT", "ON", "USING", "PARTITION",
        "LOCK", "MATCH_RECOGNIZE", "SAMPLE", "TABLESAMPLE",
    }
)  # fmt: skip
_SET_OPS = frozenset({"UNION", "INTERSECT", "EXCEPT", "MINUS"})
_RESERVED_NOT_NAMES = _CLAUSE_ENDS | _JOINS | frozenset(
    {"AS", "FROM", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL", "OUTER", "WITH", "INSERT", "UPDATE",
     "DELETE", "MERGE", "THEN", "AND", "OR", "NOT", "IS", "IN", "NULL"}
)  # fmt: skip

# Expectations: what the next name is.
_E_NONE, _E_FROM, _E_TABLE, _E_INSERT, _E_TARGET, _E_CTE, _E_DELETE = range(7)


class _Item(NamedTuple):
    op: str | None  # operation text as written (None for a target)
    key: str  # upper-cased operation, or the unquoted target name
    text: str  # target as written
    forced: bool = False  # derived-table operation, always shown
    table: bool = True  # target counts as a table


def _unquote(part: str) -> str:
    first = part[0]
    if first == '"' and len(part) > 1:
        return part[1:-1].replace('""', '"') if part.endswith('"') else part[1:]
    if first == "`" and len(part) > 1:
        return part[1:-1].replace("``", "`") if part.endswith("`") else part[1:]
    if first == "[" and part.endswith("]"):
        return part[1:-1]
    return part


class _Scanner:
    """Walks significant tokens once; collects the main operation, targets and summary items."""

    __slots__ = (
        "items", "ctes", "operation", "upsert", "depth0_verb", "first_verb", "stmt_index", "stack",
        "verb", "head", "in_from", "expect", "relist", "derived", "pending", "pending_dot", "ddl",
        "ddl_kind", "delete_candidate", "prev_word", "skip_stmt", "with_state", "leading",
    )  # fmt: skip

    def __init__(self) -> None:
        self.items: list[_Item | None] = []  # None separates statements
        self.ctes: set[str] = set()
        self.operation: str | None = None
        self.upsert = False
        self.stmt_index = 0
        self._reset_statement()

    # -- statement / frame state --------------------------------------------------------------------

    def _reset_statement(self) -> None:
        self.depth0_verb: str | None = None
        self.first_verb: str | None = None
        self.leading: str | None = None
        self.stack: list[tuple] = []
        self.verb: str | None = None
        self.head = True
        self.in_from = False
        self.expect = _E_NONE
        self.relist = _E_NONE  # what a comma re-arms in this frame
        self.derived = False
        self.pending: list[str] | None = None
        self.pending_dot = False
        self.ddl: list[str] | None = None  # DDL operation words while reading "CREATE [..] TABLE"
        self.ddl_kind = ""
        self.delete_candidate: list[str] | None = None
        self.prev_word = ""
        self.skip_stmt = False
        self.with_state = 0  # 0 none, 1 expect CTE name, 2 after name, 3 after the CTE list

    def _push(self) -> None:
        self.stack.append(
            (self.verb, self.head, self.in_from, self.expect, self.relist, self.derived, self.with_state)
        )

    def _pop(self) -> None:
        (self.verb, self.head, self.in_from, self.expect, self.relist, self.derived, self.with_state) = (
            self.stack.pop()
        )

    # -- output -------------------------------------------------------------------------------------

    def _emit_op(self, text: str, key: str, forced: bool = False) -> None:
        self.items.append(_Item(text, key, text, forced))

    def _emit_target(self, parts: list[str], table: bool) -> None:
        written = ".".join(parts)
        self.items.append(_Item(None, ".".join(_unquote(p) for p in parts), written, False, table))

    def _commit_pending(self, next_tok: str) -> None:
        parts, kind = self.pending, self.expect
        self.pending = None
        self.expect = _E_NONE
        if parts is None:
            return
        if kind == _E_FROM and next_tok == "(":
            return  # table function, e.g. generate_series(..), UNNEST(..), FLATTEN(..)
        if kind == _E_CTE:
            self.ctes.add(".".join(_unquote(p) for p in parts).lower())
            self.with_state = 2
        elif kind == _E_DELETE:
            self.delete_candidate = parts
        else:
            self._emit_target(parts, kind != _E_TARGET)

    def _set_verb(self, verb: str, text: str, forced: bool) -> None:
        if self.first_verb is None:
            self.first_verb = verb
        if not self.stack and self.depth0_verb is None:
            self.depth0_verb = verb
        self.verb = verb
        self.head = False
        self.derived = False
        self.in_from = False
        self.expect = self.relist = _E_NONE
        self._emit_op(text, verb, forced)

    # -- main loop ------------------------------------------------------------------------------------

    def run(self, toks: list[tuple[str, str]]) -> None:
        for kind, tok in toks:
            if self.pending is not None:
                if self.pending_dot:
                    self.pending_dot = False
                    if kind in (_W, _Q):
                        self.pending.append(tok)
                        continue
                elif tok == ".":
                    self.pending_dot = True
                    continue
                self._commit_pending(tok)
            if tok == ";" and kind == _O:
                self._end_statement()
                continue
            if self.skip_stmt:
                continue
            if kind == _W:
                self._word(tok)
            elif kind == _Q:
                self._name(tok)
            elif kind == _O:
                self._punct(tok)
            else:
                self.head = False
                if self.expect != _E_CTE:
                    self.expect = _E_NONE
        self._end_statement()

    def _end_statement(self) -> None:
        if self.pending is not None:
            self._commit_pending("")
        if self.delete_candidate is not None:
            self._emit_target(self.delete_candidate, True)
        if self.stmt_index == 0:
            self.operation = self._main_operation()
        if self.first_verb is not None:
            self.items.append(None)
            self.stmt_index += 1
        self._reset_statement()

    def _main_operation(self) -> str | None:
        verb = self.depth0_verb or self.first_verb
        if verb is None:
            return None
        if verb in _INSERT_VERBS:
            return "UPSERT" if (self.upsert or verb != "INSERT") else "INSERT"
        return verb

    def _name(self, tok: str) -> None:
        """A word that is not a keyword here, or a quoted identifier."""
        if self.ddl is not None:
            self._ddl_word(tok, "")
        self.head = False
        if self.with_state == 2:
            self.with_state = 0
        if self.expect != _E_NONE:
            self.pending = [tok]
            self.pending_dot = False

    def _word(self, tok: str) -> None:
        up = tok.upper()
        prev = self.prev_word
        self.prev_word = up
        if self.ddl is not None and self._ddl_word(tok, up):
            return
        if self.with_state == 1:  # expecting a CTE name
            if up != "RECURSIVE":
                self._name(tok)
            return
        if self.with_state == 2:  # after a CTE name or body
            if up in ("AS", "NOT", "MATERIALIZED"):
                return
            self.with_state = 0
            self.head = True
        if self.head and self._head_word(tok, up):
            return
        expect = self.expect
        if expect != _E_NONE:
            if expect == _E_FROM and up in _FROM_SKIP:
                return
            if expect == _E_INSERT:
                if up == "INTO":
                    self.expect = _E_TABLE
                    return
                if up in _INSERT_SKIP:
                    if up == "REPLACE" and prev == "OR":
                        self.upsert = True
                    return
            if expect == _E_TABLE and up in _NAME_SKIP:
                return
            if up not in _RESERVED_NOT_NAMES or (expect == _E_TABLE and prev == "INTO"):
                self._name(tok)
                return
            self.expect = _E_NONE
        self.head = False
        verb = self.verb
        if up == "SELECT":
            self._set_verb("SELECT", tok, self.derived and self.first_verb is not None)
            return
        if up == "FROM":
            if prev == "DISTINCT" or verb is None or verb in ("GRANT", "REVOKE", "COPY"):
                return
            self.delete_candidate = None
            self.in_from = True
            self.expect = self.relist = _E_FROM
            return
        if up in _JOINS:
            if self.in_from:
                self.expect = _E_FROM
            return
        if up == "INTO" and verb in ("INSERT", "REPLACE", "UPSERT", "MERGE"):
            self.expect = _E_TABLE
            return
        if up == "USING" and verb in ("DELETE", "MERGE"):
            self.in_from = True
            self.expect = self.relist = _E_FROM
            return
        if up == "ON" and self.ddl_kind == "INDEX":
            self.expect = _E_TABLE
            return
        if up == "UPDATE" and prev in ("DO", "KEY") and (self.depth0_verb or self.first_verb) == "INSERT":
            self.upsert = True
            return
        if up == "AS":
            if self.ddl_kind in _TABLE_KINDS:  # CREATE TABLE t AS SELECT ..
                self.head = True
            return
        if up in _CLAUSE_ENDS and up != "ON" and up != "USING":
            if up == "WHERE" and self.delete_candidate is not None:
                self._emit_target(self.delete_candidate, True)
                self.delete_candidate = None
            self.in_from = False
            self.relist = _E_NONE
            if up in _SET_OPS:
                self.head = True

    def _head_word(self, tok: str, up: str) -> bool:
        """A word at the start of a statement or subquery. Returns True when consumed."""
        if up == "WITH":
            self.with_state = 1
            self.expect = _E_CTE
            return True
        outer = not self.stack and self.first_verb is None and not self.leading
        if outer:
            if up not in _KEYWORDS:  # not SQL we know: no operation, no tables from it
                self.skip_stmt = True
                return True
            self.leading = up
        if up == "SELECT":
            self._set_verb("SELECT", tok, self.derived and self.first_verb is not None)
            return True
        if up in _DML_VERBS:
            self._set_verb(up, tok, False)
            if up in _INSERT_VERBS or up == "MERGE":
                self.expect = _E_INSERT
            elif up == "UPDATE":
                self.expect = self.relist = _E_FROM
                self.in_from = True
            elif up == "DELETE":
                self.expect = _E_DELETE
            return True
        self.head = False
        if not outer:
            return False
        if up in _DDL_VERBS:
            self.ddl = [tok]
            self.ddl_kind = ""
            self.verb = up
            self.first_verb = self.depth0_verb = "INDEX" if up == "REINDEX" else up
            if up == "TRUNCATE":
                self.expect = self.relist = _E_TABLE
            return True
        if up in _TRANSACTION_VERBS or up == "START":
            self.first_verb = self.depth0_verb = "TRANSACTION"
            self._emit_op(tok, "TRANSACTION")
            self.skip_stmt = True
            return True
        # Any other command: the operation is its keyword; a few carry a table or a target.
        self.first_verb = self.depth0_verb = self.verb = up
        self._emit_op(tok, up)
        if up == "EXPLAIN":
            self.head = True
        elif up in ("CALL", "EXEC", "EXECUTE"):
            self.expect = _E_TARGET
        elif up == "COPY":
            self.expect = _E_INSERT
        elif up not in _SCANNED_VERBS:
            self.skip_stmt = True
        return True

    def _ddl_word(self, tok: str, up: str) -> bool:
        """Words right after CREATE/DROP/ALTER/TRUNCATE/REINDEX, up to the object's name."""
        ddl = self.ddl
        if ddl is None:
            return False
        if up in _DDL_MODIFIERS:
            return True
        if up in _DDL_KINDS:
            ddl.append(tok)
            if up in ("TABLE", "VIEW", "INDEX"):
                self.ddl_kind = up
            return True
        # The first other token is the object's name (or a clause when there is none, e.g. ON).
        self.ddl = None
        if self.ddl_kind == "INDEX" and self.first_verb in ("CREATE", "DROP", "ALTER"):
            self.first_verb = self.depth0_verb = "INDEX"
        self._emit_op(" ".join(ddl), self.first_verb or "")
        if self.ddl_kind in _TABLE_KINDS or self.verb == "TRUNCATE":
            self.expect = _E_TABLE
            if self.verb in ("DROP", "TRUNCATE"):
                self.relist = _E_TABLE
        elif up != "ON" and (up or tok[:1] in "\"`["):
            self.expect = _E_TARGET
        return False

    def _punct(self, tok: str) -> None:
        if self.ddl is not None:
            self._ddl_word("", "")
        if tok == "(":
            if len(self.stack) >= _MAX_DEPTH:  # no real statement nests this deep: stop analysing it
                self.skip_stmt = True
                return
            derived = self.expect == _E_FROM
            self._push()
            self.head = True
            self.verb = None
            self.in_from = derived
            self.expect = self.relist = _E_FROM if derived else _E_NONE
            self.derived = derived
            self.with_state = 0
            return
        if tok == ")":
            if self.stack:
                self._pop()
                self.head = False
                self.expect = _E_NONE
            return
        if tok == ",":
            if self.with_state == 2:
                self.with_state = 1
                self.expect = _E_CTE
                return
            if self.relist != _E_NONE:
                self.expect = self.relist
            return
        if tok == "{":  # JDBC escape: {call proc(?)}
            return
        self.head = False
        if self.expect != _E_CTE:
            self.expect = _E_NONE


def _summary(items: list[_Item | None], ctes: set[str]) -> str | None:
    parts: list[str] = []
    last_op = ""
    group: set[str] = set()
    for item in items:
        if item is None:
            if parts and parts[-1] != ";":
                parts.append(";")
            last_op = ""
            continue
        if item.op is not None:
            if item.forced or item.key != last_op:
                parts.append(item.op)
                last_op = item.key
                group = set()
            continue
        if item.key.lower() in ctes or item.text in group:
            continue
        group.add(item.text)
        parts.append(item.text)
    while parts and parts[-1] == ";":
        parts.pop()
    if not parts:
        return None
    out = ""
    for part in parts:
        candidate = part if not out else (out + part if part == ";" else out + " " + part)
        if len(candidate) > MAX_SUMMARY_CHARS:
            break
        out = candidate
    out = out.rstrip(";")
    return out or None


def _analyze_text(text: str) -> StatementInfo:
    prefix = text if len(text) <= MAX_ANALYSED_CHARS else text[:MAX_ANALYSED_CHARS]
    sanitized, toks = _tokenize(prefix)
    scanner = _Scanner()
    scanner.run(toks)
    operation = scanner.operation
    if operation is None:
        return StatementInfo(None, (), None, sanitized)
    seen: dict[str, None] = {}
    ctes = scanner.ctes
    for item in scanner.items:
        if item is not None and item.op is None and item.table and item.key.lower() not in ctes:
            seen.setdefault(item.key, None)
    return StatementInfo(operation, tuple(seen), _summary(scanner.items, ctes), sanitized)


# ---------------------------------------------------------------------------------------------------
# Cache
# ---------------------------------------------------------------------------------------------------

_cache: dict[str, StatementInfo] = {}
_cache_get = _cache.get
_lock = threading.Lock()
_maxsize = DEFAULT_CACHE_SIZE
_hits = itertools.count()  # next() on a count is atomic under the GIL: a cheap hit counter
_misses = itertools.count()

_PH = r"(?:\?|%s|%\(\w+\)s|:\w+|\$\d+)"
# Case-sensitive, starting with a literal so the scan is a fast substring search: this is a cache
# optimisation for SQLAlchemy's own renders ("IN (", "VALUES ("), not a parser.
_IN_LIST_RE = re.compile(r"IN(?<![\w$]IN) \(" + _PH + r"(?:, " + _PH + r")+\)")
_ROW = r"\(" + _PH + r"(?:, " + _PH + r")*\)"
_VALUES_RE = re.compile(r"VALUES(?<![\w$]VALUES) (" + _ROW + r")(?:, " + _ROW + r")+")


def _collapse_in(m: re.Match[str]) -> str:
    return m.group()[: m.group().index(",")] + ")"


def _normalise(text: str) -> str:
    """Collapse placeholder-only IN lists and VALUES rows to one element (a cache key, not SQL)."""
    if "IN (" in text:
        text = _IN_LIST_RE.sub(_collapse_in, text)
    if "VALUES (" in text:
        text = _VALUES_RE.sub(r"VALUES \1", text)
    return text


def _store(key: str, info: StatementInfo) -> None:
    if len(key) > MAX_CACHED_CHARS or _maxsize <= 0:
        return
    with _lock:
        if len(_cache) >= _maxsize:
            _evict(len(_cache) - _maxsize + max(1, _maxsize // 4))
        _cache[key] = info


def _evict(count: int) -> None:
    # Dropping a batch keeps eviction amortised O(1); dropping one at a time from the front of a dict
    # rescans its deleted slots on every call.
    for key in list(itertools.islice(_cache, count)):
        _cache.pop(key, None)


def _lookup_or_analyze(text: str) -> StatementInfo:
    info = _cache_get(text)
    if info is None:
        info = _analyze_text(text)
        _store(text, info)
    return info


def _miss(statement: object) -> StatementInfo:
    if type(statement) is not str:
        if isinstance(statement, str):
            statement = str.__str__(statement)
        elif isinstance(statement, (bytes, bytearray, memoryview)):
            statement = bytes(statement[: MAX_ANALYSED_CHARS * 4]).decode("utf-8", "replace")
            return _analyze_text(statement)
        else:
            return _EMPTY
    text: str = statement  # type: ignore[assignment]
    next(_misses)
    canonical = _normalise(text)
    if canonical != text:
        base = _lookup_or_analyze(canonical)
        # Reusable only if the canonical text has no literal and no comment (sanitizing it changed
        # nothing): then the variant, which differs only in placeholder lists, is sanitized as itself.
        if base.sanitized == canonical and len(canonical) <= MAX_ANALYSED_CHARS:
            sanitized = text if len(text) <= MAX_ANALYSED_CHARS else text[:MAX_ANALYSED_CHARS]
            info = StatementInfo(base.operation, base.tables, base.summary, sanitized)
            _store(text, info)
            return info
    info = _analyze_text(text)
    _store(text, info)
    return info


def analyze(statement: object) -> StatementInfo:
    """Analyse one SQL statement; cached, thread-safe, never raises.

    Only the first ``MAX_ANALYSED_CHARS`` characters are analysed, and ``sanitized`` is then the
    sanitized prefix. ``bytes`` are decoded as UTF-8; other non-``str`` input gives an empty result.
    """
    try:
        info = _cache_get(statement)  # type: ignore[arg-type]
    except Exception:  # unhashable or hostile __hash__/__eq__
        info = None
    if info is not None:
        next(_hits)
        return info
    try:
        return _miss(statement)
    except Exception:
        return _EMPTY


def set_cache_size(n: int) -> None:
    """Set the maximum number of cached statements (0 disables the cache)."""
    global _maxsize
    size = max(0, int(n))
    with _lock:
        _maxsize = size
        if len(_cache) > size:
            _evict(len(_cache) - size)


def cache_info() -> CacheInfo:
    return CacheInfo(_count_value(_hits), _count_value(_misses), len(_cache), _maxsize)


def cache_clear() -> None:
    """Empty the cache and reset its counters."""
    global _hits, _misses
    with _lock:
        _cache.clear()
        _hits = itertools.count()
        _misses = itertools.count()


def _count_value(counter: itertools.count) -> int:
    return int(repr(counter)[6:-1])
