"""Property-based tests: analyze never raises, and sanitized text never contains a literal."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from botanu_data.sql import StatementInfo, analyze

_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Literal bodies are marked so that finding one in the output can only mean a leak.
_secret = st.text(alphabet="abcdefghij XYZ'\\\n%$:", min_size=1, max_size=12).map(lambda s: "SECRET" + s)
_number = st.integers(min_value=10**6, max_value=10**15)


def _string_literal(body: str) -> str:
    return "'" + body.replace("\\", "\\\\").replace("'", "''") + "'"


_literal = st.one_of(
    _secret.map(lambda s: (s, _string_literal(s))),
    _secret.map(lambda s: (s, "E" + _string_literal(s))),
    _secret.map(lambda s: (s.replace("$", ""), "$q$" + s.replace("$", "") + "$q$")),
    _number.map(lambda n: (str(n), str(n))),
    _number.map(lambda n: (str(n), "-" + str(n))),
    _number.map(lambda n: (format(n, "x"), "0x" + format(n, "x"))),
    st.floats(min_value=1e6, max_value=1e12, allow_nan=False).map(lambda f: (repr(f), repr(f))),
)

_TEMPLATES = [
    "SELECT * FROM t WHERE a = {0} AND b = {1}",
    "SELECT {0}, {1} FROM t",
    "INSERT INTO t (a, b) VALUES ({0}, {1})",
    "INSERT INTO t (a, b) VALUES (?, %s), ({0}, {1}) ON CONFLICT (a) DO UPDATE SET b = {1}",
    "UPDATE t SET a = {0} WHERE b IN ({1}, {0}, :p)",
    "DELETE FROM t WHERE a = {0} -- {1}",
    "WITH x AS (SELECT {0} AS v) SELECT * FROM x WHERE v > {1}",
    "SELECT * FROM t WHERE a = {0}/* {1} */",
    "SELECT CASE WHEN a = {0} THEN {1} END FROM t",
    "SELECT a FROM t WHERE a LIKE {0} ESCAPE {1}",
    "SELECT {0}{1}",
    "CALL p({0}, {1})",
]


@_SETTINGS
@given(st.text(max_size=400))
def test_never_raises_on_any_text(text: str) -> None:
    info = analyze(text)
    assert isinstance(info, StatementInfo)
    assert info.sanitized is not None
    assert info.summary is None or len(info.summary) <= 255


@_SETTINGS
@given(st.binary(max_size=400))
def test_never_raises_on_any_bytes(data: bytes) -> None:
    assert isinstance(analyze(data), StatementInfo)


@_SETTINGS
@given(st.one_of(st.none(), st.integers(), st.floats(), st.lists(st.text()), st.dictionaries(st.text(), st.text())))
def test_never_raises_on_other_objects(value: object) -> None:
    assert analyze(value) == StatementInfo(None, (), None, None)


@_SETTINGS
@given(st.sampled_from(_TEMPLATES), _literal, _literal)
def test_sanitized_contains_no_literal(template: str, first: tuple[str, str], second: tuple[str, str]) -> None:
    statement = template.format(first[1], second[1])
    info = analyze(statement)
    assert info.sanitized is not None
    for body, _ in (first, second):
        assert body not in info.sanitized, (statement, info.sanitized)
    assert "SECRET" not in info.sanitized


@_SETTINGS
@given(st.lists(st.sampled_from(["SELECT", "FROM", "t", "(", ")", ",", "'", "$a$", "/*", "*/", "--", "\n",
                                 "WITH", "x", "AS", "JOIN", "INSERT", "INTO", "VALUES", "?", ";", ".", '"',
                                 "`", "[", "]", "UPDATE", "SET", "=", "1"]), max_size=60))
def test_never_raises_on_sql_shaped_noise(parts: list[str]) -> None:
    info = analyze(" ".join(parts))
    assert isinstance(info.tables, tuple)
    assert all(isinstance(t, str) and t for t in info.tables)
