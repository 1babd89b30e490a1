"""SQL statement analysis: operation, tables, query summary and sanitized text.

``analyze(statement, dialect=None)`` is the single entry point. It is pure (no OpenTelemetry import),
never raises, and is cheap enough to be called for every statement an engine executes:

* **Dialect.** ``dialect`` is SQLAlchemy's dialect name (``engine.dialect.name``); it picks the lexer's
  literal rules (``lexer.Rules``: which quotes make strings, backslash escapes, ``[name]``, ``:1``,
  dollar quotes, ...). Names with the same rules share one family of caches; ``None`` or an unknown
  name: the default (ANSI-ish) rules.
* **Cache.** Per dialect family, results are kept in a bounded dict keyed by the exact statement
  string, so a repeated statement costs one dict lookup. The hit path does nothing else. On a miss,
  the statement's *shape* (``shape``: its literals masked, one linear pass at ~6% of an analysis)
  is looked up in a second bounded dict: statements of one shape have one result (the same operation,
  tables, summary and sanitized text), so a new string of a known shape is analysed no more. Before the
  shape, the commonest statements are looked up by a quicker, finer key found without a regular expression
  (``shape.quick_key_parts``: the text with strings' contents dropped and digits as ``0``; only keys that hold
  are stored, so a candidate is looked up unchecked). On a shape miss, SQLAlchemy's varying-length
  ``IN (?, ?, ?)`` expansions and multi-row ``VALUES (?, ?), (?, ?)`` batches are first collapsed to one
  element; if the collapsed statement is known (or can be analysed once) and contains no literal, its result
  is reused without tokenizing the long variant.
  Statements longer than ``MAX_CACHED_CHARS`` are never stored under their own key nor shaped, and a
  shape is at most ``shape.MAX_SHAPE_PIECES`` pieces, so memory is bounded whatever is thrown at
  it. When a dict is full, its oldest quarter is dropped (insertion order). ``set_cache_size`` (per
  dict) / ``cache_info`` / ``cache_clear`` manage them.
* **Bounded prefix.** Only the first ``MAX_ANALYSED_CHARS`` characters of a statement are analysed,
  so one call costs bounded time however large or hostile the input. Tables, operations or an
  ``ON CONFLICT`` clause beyond the prefix are not seen, and ``sanitized`` is the sanitized prefix
  only (text past the prefix is dropped, never passed through). A literal cut by the prefix boundary
  is still a literal.
* **Thread-safety.** Analysis keeps no shared state; the caches are dicts read without a lock (a
  single atomic lookup) and written under a lock. Hit/miss counters are statistics, not invariants.
* **Modules.** ``lexer`` turns the prefix into sanitized text and tokens with one linear regular
  expression (no backtracking blow-up); ``scanner`` walks the tokens once with an iterative state
  machine (100k nested parentheses cost a list, never recursion). sqlparse's keyword tables are read,
  its process-wide settings are never touched.

Sanitization follows the OpenTelemetry rules for ``db.query.text``: string, numeric (with an
adjacent sign), hex, bit, boolean and dollar-quoted literals become ``?``; comments are removed;
placeholders (``?``, ``%s``, ``%(name)s``, ``:name``, ``$1``, ``@p``) stay. Without a dialect, double-quoted
text is an identifier (ANSI SQL); with one whose double quotes make strings (MySQL/MariaDB, BigQuery,
Spark/Databricks/Hive) they are literals, as are BigQuery's triple-quoted and raw/bytes strings.

The summary follows ``db.query.summary``: operations and targets in the order written, with the
operation case preserved, at most 255 characters, cut only between items. An operation that merely
repeats the operation before it (a CTE body, an ``IN (SELECT ..)`` subquery, a ``UNION`` branch) is
not repeated, except for a derived table in ``FROM``, which OpenTelemetry's vectors spell out
(``SELECT SELECT orders customers``). Targets are the tables (an index DDL also names its index),
keeping their quotes in the summary; ``tables`` holds the unquoted names, de-duplicated, CTE names
excluded, the statement's own table first (a write's target, a query's first FROM table: ``scanner._primary``).

Non-``str`` input: ``bytes``/``bytearray``/``memoryview`` are decoded as UTF-8 (invalid bytes
replaced); anything else returns an empty ``StatementInfo`` with every field ``None`` or ``()``.
"""

from __future__ import annotations

import itertools
import re
import threading
from dataclasses import dataclass
from typing import NamedTuple

from .lexer import DEFAULT_RULES, DIALECT_RULES, MAX_ANALYSED_CHARS, Rules, rules_for, tokenize
from .scanner import MAX_SUMMARY_CHARS, scan
from .shape import Shape, quick_key_parts, shape_function

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


def _analyze_text(text: str, rules: Rules = DEFAULT_RULES) -> StatementInfo:
    sanitized, toks = tokenize(text, rules)
    operation, tables, summary = scan(toks, rules.family)
    return StatementInfo(operation, tables, summary, sanitized)


class _Caches:
    """One dialect family's caches: by exact statement string, by quick key and by shape (``shape``)."""

    __slots__ = ("rules", "by_text", "by_quick_key", "by_shape", "quick_key", "quick_key_holds", "shape")

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.by_text: dict[str, StatementInfo] = {}
        self.by_quick_key: dict[bytes, StatementInfo] = {}
        self.by_shape: dict[Shape, StatementInfo] = {}
        family = None if rules is DEFAULT_RULES else rules.family
        self.quick_key, self.quick_key_holds = quick_key_parts(family)
        self.shape = shape_function(family)


_default = _Caches(DEFAULT_RULES)
_cache = _default.by_text
_cache_get = _cache.get
_families: dict[Rules, _Caches] = {DEFAULT_RULES: _default}
_by_dialect: dict[str, _Caches] = {}  # dialect names seen that have their own rules (a bounded set)
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


def _caches_for(dialect: str) -> _Caches:
    caches = _by_dialect.get(dialect)
    if caches is None:
        rules = rules_for(dialect)
        caches = _families.get(rules)
        if caches is None:
            with _lock:
                caches = _families.setdefault(rules, _Caches(rules))
        if rules is not DEFAULT_RULES and isinstance(dialect, str) and dialect in DIALECT_RULES:
            _by_dialect[dialect] = caches  # only known names: the dict stays bounded
    return caches


def _store(cache: dict[str, StatementInfo], key: str, info: StatementInfo) -> StatementInfo:
    return _store_shape(cache, key, info) if len(key) <= MAX_CACHED_CHARS else info  # type: ignore[arg-type]


def _store_shape(cache: dict, key: Shape | bytes, info: StatementInfo) -> StatementInfo:
    """Keep ``info`` under ``key`` (a shape is bounded by shape.MAX_SHAPE_PIECES, a quick key by
    shape.MAX_SHAPED_CHARS)."""
    if _maxsize > 0:
        with _lock:
            if len(cache) >= _maxsize:
                _evict(cache, len(cache) - _maxsize + max(1, _maxsize // 4))
            cache[key] = info
    return info


def _evict(cache: dict, count: int) -> None:
    # Dropping a batch keeps eviction amortised O(1); dropping one at a time from the front of a dict
    # rescans its deleted slots on every call.
    for key in list(itertools.islice(cache, count)):
        cache.pop(key, None)


def _analyze_new(text: str, caches: _Caches) -> StatementInfo:
    """A statement string not in the cache: by its collapsed IN/VALUES form, else analysed."""
    by_text, rules = caches.by_text, caches.rules
    canonical = _normalise(text)
    if canonical != text:
        base = by_text.get(canonical)
        if base is None:
            base = _store(by_text, canonical, _analyze_text(canonical, rules))
        # Reusable only if the canonical text has no literal and no comment (sanitizing it changed
        # nothing): then the variant, which differs only in placeholder lists, is sanitized as itself.
        if base.sanitized == canonical and len(canonical) <= MAX_ANALYSED_CHARS:
            return StatementInfo(base.operation, base.tables, base.summary, text[:MAX_ANALYSED_CHARS])
    return _analyze_text(text, rules)


def _miss(statement: object, caches: _Caches) -> StatementInfo:
    if isinstance(statement, (bytes, bytearray, memoryview)):  # analysed, not cached
        text = bytes(statement[: MAX_ANALYSED_CHARS * 4]).decode("utf-8", "replace")
        return _analyze_text(text, caches.rules)
    if not isinstance(statement, str):
        return _EMPTY
    text = str.__str__(statement)  # a str subclass is cached as the plain string
    next(_misses)
    quick_key = caches.quick_key(text)  # (only keys that hold are stored)
    info = caches.by_quick_key.get(quick_key) if quick_key is not None else None
    if info is not None:
        return _store(caches.by_text, text, info)
    shape = caches.shape(text)
    if shape is None:
        return _store(caches.by_text, text, _analyze_new(text, caches))
    info = caches.by_shape.get(shape)
    if info is None:
        info = _store_shape(caches.by_shape, shape, _analyze_new(text, caches))
    if quick_key is not None and caches.quick_key_holds(quick_key):
        _store_shape(caches.by_quick_key, quick_key, info)
    return _store(caches.by_text, text, info)


def analyze(statement: object, dialect: str | None = None) -> StatementInfo:
    """Analyse one SQL statement; cached, thread-safe, never raises.

    ``dialect``: SQLAlchemy's dialect name (``engine.dialect.name``), for its literal rules (BigQuery's and
    MySQL's double-quoted strings, array slices, ...); ``None`` or an unknown name: ANSI-ish defaults.
    Only the first ``MAX_ANALYSED_CHARS`` characters are analysed, and ``sanitized`` is then the
    sanitized prefix. ``bytes`` are decoded as UTF-8; other non-``str`` input gives an empty result.
    """
    try:
        if dialect is None:
            caches = _default
            info = _cache_get(statement)  # type: ignore[arg-type]
        else:
            caches = _caches_for(dialect)
            info = caches.by_text.get(statement)  # type: ignore[arg-type]
    except Exception:  # unhashable or hostile __hash__/__eq__
        caches, info = _default, None
    if info is not None:
        next(_hits)
        return info
    try:
        return _miss(statement, caches)
    except Exception:
        return _EMPTY


def set_cache_size(n: int) -> None:
    """Set the maximum number of cached statements, of cached shapes and of quick keys, per dialect family (0
    disables the caches)."""
    global _maxsize
    size = max(0, int(n))
    with _lock:
        _maxsize = size
        for caches in _families.values():
            for cache in (caches.by_text, caches.by_quick_key, caches.by_shape):
                if len(cache) > size:
                    _evict(cache, len(cache) - size)


def cache_info() -> CacheInfo:
    """Hits and misses of the statement cache; ``size``: statements cached (every dialect family)."""
    size = sum(len(caches.by_text) for caches in _families.values())
    return CacheInfo(_count_value(_hits), _count_value(_misses), size, _maxsize)


def shape_cache_size() -> int:
    """Shapes cached, every dialect family."""
    return sum(len(caches.by_shape) for caches in _families.values())


def cache_clear() -> None:
    """Empty the caches and reset their counters."""
    global _hits, _misses
    with _lock:
        for caches in _families.values():
            caches.by_text.clear()
            caches.by_quick_key.clear()
            caches.by_shape.clear()
        _hits = itertools.count()
        _misses = itertools.count()


def _count_value(counter: itertools.count) -> int:
    return int(repr(counter)[6:-1])
