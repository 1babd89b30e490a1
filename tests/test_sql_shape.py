"""Statement shapes (sql.shape): two statements of one shape analyse alike, the shape pass agrees with the
lexer's literal rules for every dialect family, and the caches keyed on shapes stay bounded."""

from __future__ import annotations

import os
import random
import re
import time

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from botanu_data import sql as sqlmod
from botanu_data.sql import _analyze_new, _Caches, analyze, cache_clear, cache_info, set_cache_size
from botanu_data.sql.lexer import DEFAULT_RULES, DIALECT_RULES, token_regex
from botanu_data.sql.shape import MAX_SHAPED_CHARS, _splitter, quick_key_function, quick_key_parts, shape_of

# BOTANU_SHAPE_EXAMPLES=20000 for a longer hunt
_SETTINGS = settings(max_examples=int(os.environ.get("BOTANU_SHAPE_EXAMPLES", "400")), deadline=None,
                     suppress_health_check=[HealthCheck.too_slow])
FAMILIES = sorted({rules.family: name for name, rules in DIALECT_RULES.items()}.values())
DIALECTS = [None, *FAMILIES]


def fresh(statement: str, dialect: str | None) -> sqlmod.StatementInfo:
    """What ``analyze`` gives a statement on its own: no cache involved."""
    caches = _Caches(DEFAULT_RULES if dialect is None else DIALECT_RULES[dialect])
    return _analyze_new(statement, caches)


# -- the default rules are the lexer's old ones, token for token ------------------------------------------

# The lexer's expression before dialects existed, the reference for dialect=None, with two deliberate changes made
# since (issue #14): a lone "\r" ends a line comment, and SQL Server's #temp / ##temp names are words.
_OLD_TOKEN_RE = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<cmt>--[^\r\n]*|/\*(?s:.*?)(?:\*/|\Z))
  | (?P<str>(?:[NnEeBbXxRr]|[Uu]&)?'(?:[^'\\]+|''|\\(?s:.))*(?:'|\\?\Z))
  | (?P<word>(?:\#\#?)?[^\W\d][\w$]*)
  | (?P<qid>"(?:[^"]+|"")*(?:"|\Z)|`(?:[^`]+|``)*(?:`|\Z)|\[(?![\d+\-.'"\s])[^\]\['",\n]*\])
  | (?P<num>(?:0[xX][0-9A-Fa-f]+|0[bB][01]+|(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)[\w$]*)
  | (?P<op2>::|:=|<=|>=|<>|!=|\|\||->>|->|=>)
  | (?P<ph>%\(\w*\)s|%s|\?\d*|:[^\W\d]\w*|:\d+|\$\d+|@@?\w+|__\[POSTCOMPILE_\w+\])
  | (?P<dlr>\$(?P<tag>(?:[^\W\d]\w*)?)\$(?s:.*?)(?:\$(?P=tag)\$|\Z))
  | (?P<op>(?s:.))
    """,
    re.VERBOSE,
)

# Fragments chosen to sit on every boundary the lexer and the shape pass must agree on.
_FRAGMENTS = [
    "SELECT", "FROM", "WHERE", "t", "t1", "x_2", "a$b", "E", "e", "N", "q", "r", "b", "rb", "U&", "X", "TRUE",
    "false", " ", "\n", ",", "(", ")", "[", "]", ".", "-", "+", "/", "*", "#", ":", "::", "=", "<=", "->",
    "'", "''", "'''", '"', '""', '"""', "`", "\\", "$", "$$", "$a$", "$1", "?", "?1", ":1", ":a", "%s",
    "%(p1)s", "@p", "@@v", "--", "/*", "*/", "0", "1", "42", ".5", "1e+5", "1.5e-3", "0x1F", "0b1", "1abc",
    "'x'", "'it''s'", "'a\\'b'", "E'\\''", "q'[x']'", "\"a'b\"", "[x 1]", "x[0:1]", "x[OFFSET(1)]", "$12.5",
    "__[POSTCOMPILE_p]", "\r", "\u0663", "ſ", "!", "/*!", "/*!40000 ", "/*M!1 ",
]  # fmt: skip
_soup = st.lists(st.sampled_from(_FRAGMENTS), max_size=40).map("".join)


@_SETTINGS
@given(st.one_of(_soup, st.text(max_size=200)))
def test_the_default_rules_tokenize_as_before(text: str) -> None:
    # (whitespace is no longer a token of its own: each match takes the whitespace before its token)
    # (and the commonest words and punctuation are tried first, as "word" and "op1": "wordx" is a word, "op1" an op)
    renamed = {"wordx": "word", "op1": "op"}
    new = [(renamed.get(m.lastgroup, m.lastgroup), m.group(m.lastgroup))
           for m in token_regex(DEFAULT_RULES).finditer(text) if m.lastgroup]
    old = [(m.lastgroup, m.group()) for m in _OLD_TOKEN_RE.finditer(text) if m.lastgroup != "ws"]
    assert new == old


# -- same shape, same analysis ------------------------------------------------------------------------------


def _masked_spans(text: str, dialect: str | None) -> list[tuple[int, int, str | None]]:
    """(start, end, mark) of what the shape pass masks: mark None for a number, else the opening character."""
    rules = DEFAULT_RULES if dialect is None else DIALECT_RULES[dialect]
    pattern = _splitter(rules).__self__  # type: ignore[attr-defined]
    spans = []
    for m in pattern.finditer(text):
        if m.group("kept") is None:
            spans.append((m.start(), m.end(), m.group("first")))
    return spans


_REPLACEMENTS = {
    None: ["7", "123456", "1.5", "2e10", "0x1F", ".25", "9abc"],
    "'": ["'z'", "'z''z'", "'\\'z'", "'$$'", "'--'", "'\"'", "'", "'''z'''", "'a\\\\'"],
    '"': ['"z"', '"z""z"', '"\\"z"', '"', '"""z"""', "\"'\""],
    "$": ["$$z$$", "$a$z$a$", "$$", "$a$'$a$"],
    "-": ["-- z", "--", "-- 'z"],
    "/": ["/* z */", "/*", "/* ' */"],
    "#": ["# z", "#", "# '"],
}


@_SETTINGS
@given(st.sampled_from(DIALECTS), _soup, st.randoms(use_true_random=False))
@example(None, "SELECT $$a$$1", None)
def test_statements_of_one_shape_analyse_alike(dialect: str | None, text: str, rnd) -> None:  # noqa: ANN001
    """Replace what the shape pass masks by other literals of the same kind (any text the lexer might end
    elsewhere): whenever the shape stays the same, so does the analysis."""
    shape = shape_of(text, dialect)
    if shape is None:
        return
    spans = _masked_spans(text, dialect)
    pieces, last = [], 0
    for start, end, mark in spans:
        pieces += [text[last:start], rnd.choice(_REPLACEMENTS[mark])]
        last = end
    variant = "".join(pieces) + text[last:]
    if shape_of(variant, dialect) == shape:
        assert fresh(variant, dialect) == fresh(text, dialect), (text, variant)


_secret_text = st.text(alphabet="abcXYZ '\\\"\n$%:-", min_size=1, max_size=10).map(lambda s: "SECRET" + s)


def _sq(body: str, backslash: bool) -> str:
    body = body.replace("\\", "\\\\") if backslash else body
    return "'" + body.replace("'", "''") + "'"


def _literal_forms(dialect: str | None):  # noqa: ANN202
    """Literals of every kind the lexer knows for ``dialect``, each hiding a marked body."""
    rules = DEFAULT_RULES if dialect is None else DIALECT_RULES[dialect]
    backslash = rules.backslash_escapes
    forms = [
        _secret_text.map(lambda s: _sq(s, backslash)),
        st.integers(10**6, 10**15).map(str),
        st.integers(10**6, 10**15).map(lambda n: f"-{n}"),
        st.integers(10**6, 10**15).map(lambda n: f"+{n}e-{n % 30}"),
        st.integers(10**6, 10**15).map(lambda n: f"0x{n:x}"),
        st.floats(1e6, 1e12, allow_nan=False).map(repr),
        st.sampled_from(["TRUE", "false"]),
    ]
    if rules.escape_prefix_only or rules is DEFAULT_RULES:
        forms.append(_secret_text.map(lambda s: "E" + _sq(s, True)))
    if rules.dollar_quotes:
        forms.append(_secret_text.map(lambda s: "$q$" + s.replace("$", "") + "$q$"))
    if rules.double_quoted_strings:
        forms.append(_secret_text.map(lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'))
    if rules.triple_quoted_strings:
        forms.append(_secret_text.map(lambda s: "'''" + s.replace("\\", "\\\\").replace("'", "\\'") + "'''"))
        forms.append(_secret_text.map(lambda s: 'r"""' + s.replace("\\", "").replace('"', "") + '"""'))
    if rules.q_quotes:
        forms.append(_secret_text.map(lambda s: "q'[" + s + "]'"))
    if rules.money:
        forms.append(st.integers(10**6, 10**9).map(lambda n: f"${n}.25"))
    return st.one_of(forms)


_TEMPLATES = [
    "SELECT n, s FROM t WHERE id = {0} AND n >= {1} AND s <> {0}",
    "SELECT {0}, {1} FROM t1 JOIN t2 ON t1.id = t2.id",
    "INSERT INTO t (a, b) VALUES ({0}, {1}), (?, %s)",
    "UPDATE t SET a = {0} WHERE b IN ({1}, {0}, :p, %(p1)s, $1, @p) -- {1}",
    "DELETE FROM t WHERE a = {0}/* {1} */",
    "WITH x AS (SELECT {0} AS v) SELECT * FROM x WHERE v > {1}",
    "SELECT CASE WHEN a = {0} THEN -{1} END FROM t",
    "SELECT a FROM t WHERE a LIKE {0} ESCAPE {1}",
]


@_SETTINGS
@given(st.sampled_from(DIALECTS), st.sampled_from(_TEMPLATES), st.data())
def test_literals_of_every_kind_share_the_shape_of_their_statement(dialect: str | None, template: str,
                                                                   data: st.DataObject) -> None:
    forms = _literal_forms(dialect)
    first = template.format(data.draw(forms), data.draw(forms))
    second = template.format(data.draw(forms), data.draw(forms))
    info = fresh(first, dialect)
    assert "SECRET" not in (info.sanitized or "")
    shape = shape_of(first, dialect)
    if shape is not None and shape == shape_of(second, dialect):
        assert fresh(second, dialect) == info
    # a statement of one shape found through the cache is what it is on its own
    cache_clear()
    analyze(first, dialect)
    assert analyze(second, dialect) == fresh(second, dialect)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_same_shape_for_new_numbers_and_strings(dialect: str | None) -> None:
    a = "SELECT n, s FROM t WHERE id = 17 AND n >= 4711 AND s <> 'x4711' AND f = 1.5e-3"
    b = "SELECT n, s FROM t WHERE id = 18 AND n >= 9 AND s <> 'it''s' AND f = 0x1F"
    assert shape_of(a, dialect) == shape_of(b, dialect) is not None
    assert fresh(a, dialect) == fresh(b, dialect)


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize(("a", "b"), [
    ("SELECT n FROM t WHERE id = 1", "SELECT n FROM u WHERE id = 1"),  # an identifier
    ("SELECT n FROM t1 WHERE id = 1", "SELECT n FROM t2 WHERE id = 1"),  # a digit inside a name
    ("SELECT * FROM t WHERE a = $1", "SELECT * FROM t WHERE a = $2"),  # placeholders are not masked
    ("SELECT * FROM t WHERE a = ?1", "SELECT * FROM t WHERE a = ?2"),
    ("SELECT * FROM t WHERE a = %(p1)s", "SELECT * FROM t WHERE a = %(p2)s"),
    ("SELECT * FROM t WHERE a = @p1", "SELECT * FROM t WHERE a = @p2"),
    ("SELECT * FROM t WHERE a = :p1", "SELECT * FROM t WHERE a = :p2"),
    ("SELECT `t 1`.a FROM `t 1`", "SELECT `t 2`.a FROM `t 2`"),
    ("SELECT TRUE FROM t", "SELECT t FROM t"),  # a boolean is not a name
    ("SELECT -1 FROM t", "SELECT -'x' FROM t"),  # a signed number is one literal, a string is not
    ("SELECT 1 FROM t", "SELECT FROM t"),
    ("SELECT 1 FROM t", "SELECT 'x' FROM t"),
])  # fmt: skip
def test_different_statements_are_different_shapes(dialect: str | None, a: str, b: str) -> None:
    shape_a, shape_b = shape_of(a, dialect), shape_of(b, dialect)
    if "$1" in a and dialect in ("mssql", "sybase"):  # SQL Server's money literal: $1 is one dollar
        assert shape_a == shape_b
        return
    assert shape_a is None or shape_a != shape_b


def test_what_gets_no_shape() -> None:
    assert shape_of("SELECT " + "1, " * MAX_SHAPED_CHARS) is None
    assert shape_of("SELECT " + "1," * 1_000) is None  # too many pieces
    assert shape_of("SELECT " + "1," * 100) is not None
    assert shape_of("SELECT %s$$x$$ FROM t") is None  # is $$ a dollar quote? depends on the token before
    assert shape_of("SELECT %s$$x$$ FROM t", "mysql") is not None  # no dollar quotes there
    assert shape_of("SELECT a FROM t WHERE b = %s1e+5") is None  # is 1e+5 a number? depends on the %s
    assert shape_of("SELECT a FROM t WHERE b = %(1)s") is None


def test_caches_stay_bounded_under_a_stream_of_new_shapes() -> None:
    cache_clear()
    set_cache_size(64)
    try:
        for i in range(1000):
            analyze(f"SELECT c{i} FROM t{i} WHERE id = {i}", "postgresql")
            analyze(f"SELECT c{i} FROM t{i} WHERE id = {i}")
        assert cache_info().size <= 2 * 64
        assert sqlmod.shape_cache_size() <= 2 * 64
        assert cache_info().misses == 2000
    finally:
        set_cache_size(sqlmod.DEFAULT_CACHE_SIZE)
        cache_clear()


def test_a_known_shape_is_not_analysed_again() -> None:
    cache_clear()
    analyze("SELECT n FROM t WHERE id = 1")
    before = cache_info()
    info = analyze("SELECT n FROM t WHERE id = 2")
    assert info.sanitized == "SELECT n FROM t WHERE id = ?"
    assert sqlmod.shape_cache_size() == 1 and cache_info().misses == before.misses + 1
    assert analyze("SELECT n FROM t WHERE id = 2") is info  # then by its own text


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("hostile", [
    "SELECT * FROM t WHERE id IN (" + ", ".join(str(i) for i in range(200_000)) + ")",
    "(" * 100_000, "/*" + "x" * 1_000_000, "'" + "x" * 1_000_000, "$$" + "x" * 1_000_000,
    "1" * 8_000, "'',"* 2_700, "\"" * 8_000, "-" * 8_000, "[" * 8_000, "#" * 8_000, "$a" * 4_000,
])  # fmt: skip
def test_the_shape_pass_is_bounded_on_hostile_input(dialect: str | None, hostile: str) -> None:
    start = time.perf_counter()
    shape_of(hostile, dialect)
    analyze(hostile, dialect)
    assert time.perf_counter() - start < 2.0


# -- the quick key: finer than the shape, never coarser ------------------------------------------------------

# the fragments some dialect gives a quick key (":" and "[" in PostgreSQL's, ...)
_QUICK_FRAGMENTS = [f for f in _FRAGMENTS if any(quick_key_function(d)(f"SELECT {f} FROM t") for d in DIALECTS)]
_quick_soup = st.lists(st.sampled_from(_QUICK_FRAGMENTS + ["'x'", "'a-b'", "12", " 3.25 ", "(7)"]),
                       max_size=40).map("".join)
_STRING_BODY = "".join(c for c in map(chr, range(32, 127)) if c not in "'\\") + "\n\té東\u0663"


def _other_literals(text: str, rnd) -> str:  # noqa: ANN001
    """``text`` with other digits outside its strings and other bodies in them (its quick key's parts)."""
    parts = text.split("'")
    for index, part in enumerate(parts):
        if index % 2:
            parts[index] = "".join(rnd.choice(_STRING_BODY) for _ in range(rnd.randrange(8)))
        else:
            parts[index] = re.sub(r"\d", lambda _: str(rnd.randrange(10)), part)
    return "'".join(parts)


@_SETTINGS
@given(st.sampled_from(DIALECTS), st.one_of(_soup, _quick_soup), st.randoms(use_true_random=False))
@example(None, "SELECT x FROM t WHERE a = 17 AND s = 'it''s' AND f = 1.5e-3", random.Random(1))
def test_one_quick_key_one_shape(dialect: str | None, text: str, rnd) -> None:  # noqa: ANN001
    """Statements that differ only in their digits and their strings' bodies have one quick key (when they have
    one), and then one shape and one analysis."""
    quick_key = quick_key_function(dialect)
    key = quick_key(text)
    if key is None:
        return
    variant = _other_literals(text, rnd)
    assert quick_key(variant) == key
    shapes = shape_of(text, dialect), shape_of(variant, dialect)
    if None not in shapes:  # (the shape pass refuses a few texts it cannot key safely, such as "'x$$'")
        assert shapes[0] == shapes[1], (text, variant)
    assert fresh(variant, dialect) == fresh(text, dialect), (text, variant)


@_SETTINGS
@given(st.sampled_from(DIALECTS), st.sampled_from(_TEMPLATES), st.data())
def test_literals_of_one_quick_key_share_the_shape(dialect: str | None, template: str, data: st.DataObject) -> None:
    forms = _literal_forms(dialect)
    first = template.format(data.draw(forms), data.draw(forms))
    second = template.format(data.draw(forms), data.draw(forms))
    quick_key = quick_key_function(dialect)
    if quick_key(first) is not None and quick_key(first) == quick_key(second):
        assert shape_of(first, dialect) == shape_of(second, dialect)
        assert fresh(first, dialect) == fresh(second, dialect)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_a_quick_key_for_new_numbers_and_strings(dialect: str | None) -> None:
    quick_key = quick_key_function(dialect)
    a = "SELECT n, s FROM t WHERE id = 17 AND n >= 4711 AND s <> 'x4711' AND d > '2026-12-03'"
    b = "SELECT n, s FROM t WHERE id = 93 AND n >= 1234 AND s <> 'its' AND d > '--/*$\"%#'"
    if dialect in ("oracle", "bigquery"):  # q'[..]' and '''..''' strings: no quick key there
        assert quick_key(a) is None
        return
    assert quick_key(a) == quick_key(b) is not None
    assert quick_key(a) != quick_key("SELECT n, s FROM t WHERE id = 7 AND n >= 4711 AND s <> 'x'")  # digits' count
    assert quick_key(a) != quick_key(a.replace("FROM t", "FROM u"))
    assert quick_key(a) != quick_key(a.replace("'x4711'", "'it''s'"))  # (one string still, but a finer key)
    assert quick_key(a) == quick_key(a.replace("'x4711'", "'Zoë 東京'"))  # strings' bodies may be any text


@pytest.mark.parametrize("text", [
    "SELECT n FROM t1 WHERE id = 1",  # a digit in a name
    "SELECT * FROM t WHERE a = ?1", "SELECT * FROM t WHERE a = @p1", "SELECT * FROM t WHERE a = $1",
    "SELECT * FROM t WHERE a = :1", "SELECT * FROM t WHERE a = %s", "SELECT * FROM t WHERE a = %(p)s",
    "SELECT 1e5 FROM t", "SELECT 0x1F FROM t",  # (the number's extent is the shape pass's to find)
    "SELECT a FROM t -- it's", "SELECT a /* it's */ FROM t", "SELECT a FROM t # it's",
    'SELECT "it\'s" FROM t', "SELECT `it's` FROM t", "SELECT [it's] FROM t", "SELECT $$it's$$ FROM t",
    "SELECT 'open FROM t", "SELECT 'a\\'b' FROM t", "SELECT é FROM t", "SELECT " + "1, " * MAX_SHAPED_CHARS,
])  # fmt: skip
def test_what_gets_no_quick_key(text: str) -> None:
    assert quick_key_function()(text) is None


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize(("a", "b"), [
    ("SELECT n FROM t WHERE id = 1", "SELECT n FROM u WHERE id = 1"),
    ("SELECT TRUE FROM t", "SELECT t FROM t"),
    ("SELECT -1 FROM t", "SELECT -'x' FROM t"),
    ("SELECT 1 FROM t", "SELECT FROM t"),
    ("SELECT 1 FROM t", "SELECT 'x' FROM t"),
    ("SELECT 'a' 'b' FROM t", "SELECT 'a''b' FROM t"),
    ("SELECT 1.5 FROM t", "SELECT 15 FROM t"),
])  # fmt: skip
def test_different_statements_are_different_quick_keys(dialect: str | None, a: str, b: str) -> None:
    quick_key = quick_key_function(dialect)
    assert quick_key(a) is None or quick_key(a) != quick_key(b)


def test_a_statement_found_by_its_quick_key_is_analysed_as_itself() -> None:
    cache_clear()
    first = analyze("SELECT n FROM t WHERE id = 17 AND s = 'a'", "postgresql")
    second = analyze("SELECT n FROM t WHERE id = 42 AND s = 'bcd'", "postgresql")
    assert second is first and first == fresh("SELECT n FROM t WHERE id = 42 AND s = 'bcd'", "postgresql")
    assert sqlmod.shape_cache_size() == 1 and cache_info().misses == 2


@pytest.mark.parametrize("dialect", DIALECTS)
def test_a_candidate_key_that_does_not_hold_is_never_stored(dialect: str | None) -> None:
    """Caches look a candidate key up without asking whether it holds: ``t1`` and ``t2`` have one candidate
    (digits as ``0``), which does not hold, so neither is ever found by it."""
    candidate, holds = quick_key_parts(dialect)
    a, b = "SELECT n FROM t1 WHERE id = 1", "SELECT n FROM t2 WHERE id = 2"
    key = candidate(a)
    assert key is None or (key == candidate(b) and not holds(key))
    cache_clear()
    assert analyze(a, dialect).tables == ("t1",) and analyze(b, dialect).tables == ("t2",)
    assert not sqlmod._caches_for(dialect).by_quick_key if dialect else not sqlmod._default.by_quick_key


@pytest.mark.parametrize("text", ["SELECT n FROM t WHERE id = 1", "SELECT n, s FROM t WHERE s <> 'x4711'"])
def test_the_two_steps_are_the_quick_key(text: str) -> None:
    candidate, holds = quick_key_parts()
    key = candidate(text)
    assert key is not None and holds(key) and key == quick_key_function()(text)
