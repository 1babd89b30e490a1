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
* **Modules.** ``sql_lexer`` turns the prefix into sanitized text and tokens with one linear regular
  expression (no backtracking blow-up); ``sql_scanner`` walks the tokens once with an iterative state
  machine (100k nested parentheses cost a list, never recursion). sqlparse's keyword tables are read,
  its process-wide settings are never touched.

Sanitization follows the OpenTelemetry rules for ``db.query.text``: string, numeric (with an
adjacent sign), hex, bit, boolean and dollar-quoted literals become ``?``; comments are removed;
placeholders (``?``, ``%s``, ``%(name)s``, ``:name``, ``$1``, ``@p``) stay. Double-quoted text is an
identifier (ANSI SQL), so MySQL's non-ANSI double-quoted *strings* are not sanitized.

The summary follows ``db.query.summary``: operations and targets in the order written, with the
operation case preserved, at most 255 characters, cut only between items. An operation that merely
repeats the operation before it (a CTE body, an ``IN (SELECT ..)`` subquery, a ``UNION`` branch) is
not repeated, except for a derived table in ``FROM``, which OpenTelemetry's vectors spell out
(``SELECT SELECT orders customers``). Targets are the tables (an index DDL also names its index),
keeping their quotes in the summary; ``tables`` holds the unquoted names, de-duplicated, CTE names
excluded.

Non-``str`` input: ``bytes``/``bytearray``/``memoryview`` are decoded as UTF-8 (invalid bytes
replaced); anything else returns an empty ``StatementInfo`` with every field ``None`` or ``()``.
"""

from __future__ import annotations

import itertools
import re
import threading
from dataclasses import dataclass
from typing import NamedTuple

from .sql_lexer import MAX_ANALYSED_CHARS, tokenize
from .sql_scanner import MAX_SUMMARY_CHARS, scan

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

MAX_CACHED_CHARS = 8_192
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


def _analyze_text(text: str) -> StatementInfo:
    sanitized, toks = tokenize(text)
    operation, tables, summary = scan(toks)
    return StatementInfo(operation, tables, summary, sanitized)


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


def _store(key: str, info: StatementInfo) -> StatementInfo:
    if len(key) <= MAX_CACHED_CHARS and _maxsize > 0:
        with _lock:
            if len(_cache) >= _maxsize:
                _evict(len(_cache) - _maxsize + max(1, _maxsize // 4))
            _cache[key] = info
    return info


def _evict(count: int) -> None:
    # Dropping a batch keeps eviction amortised O(1); dropping one at a time from the front of a dict
    # rescans its deleted slots on every call.
    for key in list(itertools.islice(_cache, count)):
        _cache.pop(key, None)


def _miss(statement: object) -> StatementInfo:
    if isinstance(statement, (bytes, bytearray, memoryview)):  # analysed, not cached
        return _analyze_text(bytes(statement[: MAX_ANALYSED_CHARS * 4]).decode("utf-8", "replace"))
    if not isinstance(statement, str):
        return _EMPTY
    text = str.__str__(statement)  # a str subclass is cached as the plain string
    next(_misses)
    canonical = _normalise(text)
    if canonical != text:
        base = _cache_get(canonical)
        if base is None:
            base = _store(canonical, _analyze_text(canonical))
        # Reusable only if the canonical text has no literal and no comment (sanitizing it changed
        # nothing): then the variant, which differs only in placeholder lists, is sanitized as itself.
        if base.sanitized == canonical and len(canonical) <= MAX_ANALYSED_CHARS:
            info = StatementInfo(base.operation, base.tables, base.summary, text[:MAX_ANALYSED_CHARS])
            return _store(text, info)
    return _store(text, _analyze_text(text))


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
