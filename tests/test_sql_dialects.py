"""analyze(statement, dialect): the dialect's own literal rules, so that no literal survives sanitization."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from botanu_data.sql import analyze
from botanu_data.sql.lexer import DIALECT_RULES, rules_for

# (dialect, statement, sanitized): each statement keeps a literal in its sanitized text without the dialect
CASES = [
    ("bigquery", 'SELECT TIMESTAMP "2008-12-25 15:30:00+00"', "SELECT TIMESTAMP ?"),
    ("bigquery", 'SELECT """multi\nline "secret" text""" AS s FROM t', "SELECT ? AS s FROM t"),
    ("bigquery", "SELECT '''it's a secret''' FROM t", "SELECT ? FROM t"),
    ("bigquery", r"SELECT r'\d+secret', b'bytes', rb'\x00', BR'\x01' FROM t", "SELECT ?, ?, ?, ? FROM t"),
    ("bigquery", 'SELECT * FROM `my-project.ds.t` WHERE s = "secret" # and a "comment"',
     "SELECT * FROM `my-project.ds.t` WHERE s = ? "),
    ("bigquery", "SELECT arr[OFFSET(12345)], arr[SAFE_ORDINAL(678)] FROM t",
     "SELECT arr[OFFSET(?)], arr[SAFE_ORDINAL(?)] FROM t"),
    ("mysql", 'SELECT * FROM users WHERE name = "secret" AND x = \'it\\\'s\'',
     "SELECT * FROM users WHERE name = ? AND x = ?"),
    ("mariadb", 'UPDATE `t` SET s = "a \\" secret" # "x"\nWHERE id = 5', "UPDATE `t` SET s = ? \nWHERE id = ?"),
    ("databricks", 'SELECT * FROM t WHERE s = "secret" AND r = r\'\\d\'', "SELECT * FROM t WHERE s = ? AND r = ?"),
    ("hive", 'SELECT "secret" FROM t', "SELECT ? FROM t"),
    ("postgresql", "SELECT (ARRAY[1,2,3])[2:12345] FROM t", "SELECT (ARRAY[?,?,?])[?:?] FROM t"),
    ("postgresql", "SELECT 'C:\\', 'secret' FROM t", "SELECT ?, ? FROM t"),
    ("duckdb", "SELECT l[1:4711] FROM t", "SELECT l[?:?] FROM t"),
    ("trino", "SELECT 'C:\\', 'secret' FROM t", "SELECT ?, ? FROM t"),
    ("awsathena", "SELECT x[12345], 'a\\' FROM t WHERE s = 'secret'", "SELECT x[?], ? FROM t WHERE s = ?"),
    ("snowflake", "SELECT arr[i + 4711], $$secret$$ FROM t WHERE a = :1", "SELECT arr[i + ?], ? FROM t WHERE a = :1"),
    ("mssql", "SELECT [order id], 'C:\\', 'secret', $12.50 FROM [my table]",
     "SELECT [order id], ?, ?, ? FROM [my table]"),
    ("sqlite", "SELECT [a b], 'C:\\', 'secret' FROM t", "SELECT [a b], ?, ? FROM t"),
    ("oracle", "SELECT q'[it's a secret]', nq'{x}', 'C:\\', 'y' FROM dual WHERE a = :1",
     "SELECT ?, ?, ?, ? FROM dual WHERE a = :1"),
    ("clickhouse", "SELECT 'it\\'s', \"col\" FROM t # 'x", "SELECT ?, \"col\" FROM t "),
]


@pytest.mark.parametrize(("dialect", "statement", "sanitized"), CASES)
def test_the_dialects_literals_are_replaced(dialect: str, statement: str, sanitized: str) -> None:
    assert analyze(statement, dialect).sanitized == sanitized
    assert analyze(statement).sanitized != sanitized  # (the default rules leave a literal, or a comment)


def test_postgresql_escape_strings_keep_their_backslash_escapes() -> None:
    assert analyze("SELECT E'it\\'s', e'\\\\', 'secret' FROM t", "postgresql").sanitized == "SELECT ?, ?, ? FROM t"


def test_without_a_dialect_double_quotes_are_names_as_before() -> None:
    info = analyze('SELECT "secret" FROM "users"')
    assert info.sanitized == 'SELECT "secret" FROM "users"'
    assert info.tables == ("users",)
    assert analyze('SELECT "a" FROM "users"', "postgresql").tables == ("users",)
    assert analyze("SELECT * FROM `users`", "mysql").tables == ("users",)


def test_the_dialect_keys_the_cache() -> None:
    statement = 'SELECT "x" FROM t'
    assert analyze(statement, "mysql").sanitized == "SELECT ? FROM t"
    assert analyze(statement).sanitized == statement
    assert analyze(statement, "postgresql").sanitized == statement
    assert analyze(statement, "mysql").sanitized == "SELECT ? FROM t"


def test_mysql_runs_the_text_of_executable_comments() -> None:
    # mysqldump writes /*!40000 ALTER TABLE `t` DISABLE KEYS */: MySQL and MariaDB run it; other comments are dropped
    info = analyze("/*!40000 ALTER TABLE `actor` DISABLE KEYS */;", "mysql")
    assert (info.operation, info.tables) == ("ALTER", ("actor",))
    assert info.sanitized == "/*!40000 ALTER TABLE `actor` DISABLE KEYS */;"
    info = analyze("SELECT /*! STRAIGHT_JOIN */ a FROM t1, t2 WHERE b = 'secret' /*M!100100 AND c = 7 */", "mariadb")
    assert (info.operation, info.tables) == ("SELECT", ("t1", "t2"))
    assert info.sanitized == "SELECT /*! STRAIGHT_JOIN */ a FROM t1, t2 WHERE b = ? /*M!100100 AND c = ? */"
    assert analyze("/*!40000 ALTER TABLE `actor` DISABLE KEYS */;").operation is None  # a comment elsewhere
    assert analyze("SELECT /*+ BKA(t1) */ * FROM t1", "mysql").sanitized == "SELECT  * FROM t1"  # a hint


def test_databricks_stream_t_reads_t() -> None:
    # Delta Live Tables' FROM STREAM t; elsewhere "FROM stream s" is a table named stream, aliased s
    for dialect in ("databricks", "spark"):
        assert analyze("SELECT * FROM STREAM raw.events e JOIN d ON true", dialect).tables == ("raw.events", "d")
    assert analyze("SELECT * FROM STREAM(raw.events)").tables == ("raw.events",)
    assert analyze("SELECT * FROM STREAM read_files('/p', format => 'json')", "databricks").tables == ()
    assert analyze("SELECT * FROM stream s JOIN d ON true", "postgresql").tables == ("stream", "d")


def test_dialect_names() -> None:
    assert rules_for("mariadb") is rules_for("mysql") is rules_for("MySQL")
    assert rules_for("postgresql+psycopg") is rules_for("postgresql")
    assert rules_for("no-such-dialect") is rules_for(None)
    assert analyze("SELECT 1", "no-such-dialect").sanitized == "SELECT ?"
    assert analyze("SELECT 1", 42).sanitized == "SELECT ?"  # type: ignore[arg-type]  # a bad value: defaults


_body = st.text(alphabet="abcXYZ '\"\\\n$:-#[]", min_size=1, max_size=12).map(lambda s: "SECRET" + s)


def _forms(dialect: str) -> list[st.SearchStrategy[str]]:
    """Every literal spelling the dialect has, around a body that may hold any quote or backslash."""
    rules = DIALECT_RULES[dialect]

    def quoted(quote: str, backslash: bool, prefix: str = "") -> st.SearchStrategy[str]:
        def render(body: str) -> str:
            if backslash:
                body = body.replace("\\", "\\\\")
            return prefix + quote + body.replace(quote, quote + quote) + quote
        return _body.map(render)

    forms = [quoted("'", rules.backslash_escapes), st.integers(10**6, 10**12).map(str),
             st.integers(10**6, 10**12).map(lambda n: f"-{n}.5e+3")]
    if rules.escape_prefix_only:
        forms.append(quoted("'", True, "E"))
    if rules.double_quoted_strings:
        forms.append(quoted('"', rules.backslash_escapes))
    if rules.triple_quoted_strings:
        forms.append(_body.map(lambda s: '"""' + s.replace("\\", "\\\\").replace('"', '\\"') + '"""'))
        forms.append(_body.map(lambda s: "r'''" + s.replace("\\", "").replace("'", "") + "'''"))
    if rules.dollar_quotes:
        forms.append(_body.map(lambda s: "$t$" + s.replace("$", "") + "$t$"))
    if rules.q_quotes:
        forms.append(_body.map(lambda s: "q'<" + s.replace(">", "") + ">'"))
    if rules.money:
        forms.append(st.integers(10**6, 10**9).map(lambda n: f"${n}.99"))
    return forms


_TEMPLATES = [
    "SELECT {0} AS a, x[{1}] FROM t WHERE s = {0}",
    "SELECT * FROM t WHERE s IN ({0}, {1}) AND arr[1:{1}] = b",
    "INSERT INTO t (a, b) VALUES ({0}, {1})",
    "UPDATE t SET a = {0} WHERE b = {1} -- done",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(DIALECT_RULES)), st.sampled_from(_TEMPLATES), st.data())
def test_no_literal_survives_when_the_dialect_is_given(dialect: str, template: str, data: st.DataObject) -> None:
    if "[1:" in template and DIALECT_RULES[dialect].colon_numbers:
        template = template.replace("[1:", "[1 : ")  # there ":1" is a placeholder (and arrays have no slices)
    if DIALECT_RULES[dialect].bracket_names:
        template = template.replace("x[{1}]", "x[ {1}]")  # there [..] is a name (and arrays have no index)
    forms = st.one_of(_forms(dialect))
    first, second = data.draw(forms), data.draw(forms)
    statement = template.format(first, second)
    sanitized = analyze(statement, dialect).sanitized or ""
    assert "SECRET" not in sanitized, (statement, sanitized)
    assert not re.search(r"\d{6}", sanitized), (statement, sanitized)


@pytest.mark.parametrize(("statement", "operation", "tables", "summary"), [
    # an Oracle package's routines run when called, not when the package is created: its body is not read
    ("CREATE OR REPLACE PACKAGE BODY emp_mgmt AS PROCEDURE fire(id NUMBER) IS BEGIN DELETE FROM employees WHERE "
     "employee_id = id; END; END emp_mgmt;", "CREATE", (), "CREATE PACKAGE BODY emp_mgmt"),
    ("DROP PACKAGE BODY emp_mgmt", "DROP", (), "DROP PACKAGE BODY emp_mgmt"),
    ("CREATE TABLE body (id NUMBER)", "CREATE", ("body",), "CREATE TABLE body"),  # BODY only after PACKAGE
    ("SELECT * FROM package", "SELECT", ("package",), "SELECT package"),
])
def test_oracle_packages_are_routines(statement: str, operation: str, tables: tuple[str, ...], summary: str) -> None:
    info = analyze(statement, "oracle")
    assert (info.operation, info.tables, info.summary) == (operation, tables, summary)
