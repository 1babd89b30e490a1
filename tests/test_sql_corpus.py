"""botanu_data.sql.analyze scored on a labelled corpus of public SQL (tests/data/sql_corpus).

ORM-generated statements (what SQLAlchemy emits on five dialects, what Django emits) are asserted one by one:
operation, primary table (``tables[0]``, what ``db.collection.name`` reports) and the exact table set. The rest
(TPC-H, TPC-DS, parsers' fixtures across dialects, sqlparse's test SQL, the error classes of issue #14) is scored
in aggregate against the issue's goals; the misses are printed. The held-out part (``split: holdout``) was
written before the analyser was tuned on the rest and is scored separately, as is a second one written blind
later (``split: holdout2``), a third (``split: holdout3``) and a fourth (``split: holdout4``).

    python tests/test_sql_corpus.py [--holdout]   # prints the scores and every miss
"""

from __future__ import annotations

import importlib.util
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from botanu_data.sql import analyze

CORPUS_DIR = Path(__file__).parent / "data" / "sql_corpus"
CORPUS = [json.loads(line) for line in (CORPUS_DIR / "corpus.jsonl").read_text(encoding="utf-8").splitlines()]
ORM_SOURCES = ("sqlalchemy/", "django/")
# the goals, for statements outside the ORM-generated part
GOALS = {"operation": 0.995, "primary": 0.98, "table_set": 0.975, "precision": 0.99}


def _dialect(entry: dict) -> str | None:
    return None if entry["dialect"] == "ansi" else entry["dialect"]


def _is_orm(entry: dict) -> bool:
    return entry["source"].startswith(ORM_SOURCES)


@dataclass
class Score:
    total: int = 0
    operation: int = 0
    primary: int = 0
    table_set: int = 0
    found: int = 0  # tables reported
    right: int = 0  # ... of which are expected
    misses: list[str] = field(default_factory=list)

    def add(self, entry: dict) -> None:
        info = analyze(entry["sql"], _dialect(entry))
        got_primary = info.tables[0] if info.tables else None
        checks = (info.operation == entry["operation"], got_primary == entry["primary"],
                  set(info.tables) == set(entry["tables"]))
        self.total += 1
        self.operation += checks[0]
        self.primary += checks[1]
        self.table_set += checks[2]
        self.found += len(set(info.tables))
        self.right += len(set(info.tables) & set(entry["tables"]))
        if not all(checks):
            self.misses.append(f"{entry['source']} [{entry['dialect']}]: got {info.operation} {list(info.tables)}, "
                               f"want {entry['operation']} {entry['tables']}\n    {entry['sql'][:200]!r}")

    def rates(self) -> dict[str, float]:
        n = max(self.total, 1)
        return {"operation": self.operation / n, "primary": self.primary / n, "table_set": self.table_set / n,
                "precision": self.right / self.found if self.found else 1.0}

    def report(self, label: str) -> str:
        rates = " ".join(f"{k}={v:.1%}" for k, v in self.rates().items())
        return f"{label}: {self.total} statements, {rates}, {len(self.misses)} misses"


def score(split: str, orm: bool | None = None) -> Score:
    result = Score()
    for entry in CORPUS:
        if entry["split"] == split and (orm is None or _is_orm(entry) == orm):
            result.add(entry)
    return result


def test_corpus_is_what_build_writes() -> None:
    spec = importlib.util.spec_from_file_location("sql_corpus_build", CORPUS_DIR / "build.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[spec.name] = module  # type: ignore[union-attr]  (its ORM models' annotations are resolved there)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    assert module.build() == CORPUS, "run python tests/data/sql_corpus/build.py"


def test_corpus_size_and_sources() -> None:
    assert len(CORPUS) >= 600
    sources = {entry["source"].split("/")[0] for entry in CORPUS}
    assert {"tpch", "tpcds", "fixtures", "sqlparse", "classes", "sqlalchemy", "django"} <= sources
    assert len({e["source"].split("/")[1] for e in CORPUS if e["source"].startswith("sqlalchemy/")}) == 5
    assert sum(e["split"] == "holdout" for e in CORPUS) >= 90


ORM = [e for e in CORPUS if _is_orm(e)]


@pytest.mark.parametrize("entry", ORM, ids=[f"{e['source']}-{i}" for i, e in enumerate(ORM)])
def test_orm_statement(entry: dict) -> None:
    info = analyze(entry["sql"], _dialect(entry))
    assert info.operation == entry["operation"]
    assert (info.tables[0] if info.tables else None) == entry["primary"]
    assert sorted(info.tables) == sorted(entry["tables"])


def test_public_sql_tuning_set_meets_the_goals() -> None:
    result = score("tune", orm=False)
    print("\n" + result.report("tuning set") + "\n" + "\n".join(result.misses))
    rates = result.rates()
    assert all(rates[k] >= goal for k, goal in GOALS.items()), result.report("tuning set")


def test_held_out_set_meets_the_goals() -> None:
    # Scored blind once, after tuning on the rest: operation 99.0%, primary 95.9%, table set 94.9%, precision 97.4%
    # (5 misses: 1 a labelling error, since corrected; INSERT INTO TABLE t, UPDATE LOW_PRIORITY t, SQL Server's
    # UPDATE alias .. FROM t AS alias, DuckDB's FROM-first query, each fixed as a class afterwards). So this set is
    # no longer blind: it guards those fixes.
    result = score("holdout", orm=False)
    print("\n" + result.report("held-out set") + "\n" + "\n".join(result.misses))
    rates = result.rates()
    assert all(rates[k] >= goal for k, goal in GOALS.items()), result.report("held-out set")



def test_second_held_out_set() -> None:
    # holdout2: 150 statements written blind (docs of PostgreSQL, MySQL, SQL Server, Oracle, SQLite, BigQuery,
    # Snowflake, Redshift, Databricks, DuckDB; dbt, Metabase, Superset, Rails, Alembic, Flyway, EF Core, Django,
    # Spider/BIRD), scored once: operation 97.3%, primary 98.7%, table set 98.7%, precision 100.0% (5 misses).
    # One was a labelling error (WITH moved_rows AS (DELETE ..) INSERT INTO products_log ..: the outermost
    # statement is the INSERT), corrected; with it: operation 98.0%, primary 99.3%, table set 98.7%, precision
    # 100.0%. Remaining misses, then: ON CONFLICT DO NOTHING read as INSERT (labelled UPSERT), EF Core's
    # "SET NOCOUNT ON; INSERT .." read as SET, Databricks' INSERT INTO t TABLE s losing s, DuckDB's PIVOT t.
    # The first of those was a second labelling error: DO NOTHING updates nothing, so it is an INSERT (the rule in
    # build.py, as for INSERT IGNORE), corrected; the other three were fixed as classes. So this set now guards them.
    _meets_the_goals("holdout2", "second held-out set", at_least=120)


def test_third_held_out_set() -> None:
    # holdout3: 312 public statements (PostgreSQL/MySQL/MariaDB/SQL Server/Oracle/SQLite/BigQuery/Snowflake/
    # Redshift/Databricks/DuckDB/Trino/ClickHouse docs, pg_dump and mysqldump output, Flyway, Liquibase, Rails,
    # Laravel, Prisma, Alembic, goose, Hibernate, EF Core, Sequelize, GORM, TypeORM, Ecto, Knex, Django, Metabase,
    # Superset, Looker, Tableau, dbt, Spider, BIRD, Chinook, agent-style SQL), labelled by hand first and scored
    # once, blind: operation 98.4%, primary 94.2%, table set 92.3%, precision 99.0% (25 misses). By class:
    # an object created ON a table, its table lost (CREATE TRIGGER x6, CREATE POLICY, Snowflake's CREATE STREAM
    # s ON TABLE t): 8; a command naming a table, the table lost (LOCK TABLE, LOCK TABLES, REFRESH MATERIALIZED
    # VIEW, Databricks' OPTIMIZE): 4; DuckDB's PIVOT / UNPIVOT statements, also in a subquery: 4; Databricks'
    # STREAM t / STREAM(t): 2; a table named in an option (SQL Server's HISTORY_TABLE = t, ClickHouse's
    # MATERIALIZED VIEW .. TO t): 2; a CTE's SEARCH clause read as the operation: 1; (TABLE a) .. UNION TABLE u: 1;
    # CREATE TABLE t (LIKE s): 1; MySQL's executable comment /*!40000 ALTER TABLE ..*/: 1; ClickHouse's ARRAY JOIN
    # column read as a table: 1. The classes were fixed afterwards, so this set now guards those fixes. (One
    # statement, a near-repeat of holdout2's Oracle MERGE example that scored right, was dropped afterwards: 311.)
    _meets_the_goals("holdout3", "third held-out set", at_least=250)


def test_fifth_held_out_set() -> None:
    # holdout5: 329 public statements copied from fetched files (Redshift's and Athena's developer guides, Ecto's
    # adapter tests, Spider's dev gold SQL, DuckDB's docs, MySQL's and PostgreSQL's own regression tests, Snowflake
    # quickstarts, ClickHouse docs, Oracle's HR sample schema, SQL Server docs; 72% queries and DML, 28% DDL and
    # admin; Redshift, PostgreSQL, SQLite, DuckDB, MySQL, Trino, SQL Server, Snowflake, ClickHouse, Oracle,
    # BigQuery), labelled by someone who never read the analyser, its tests or the rest of the corpus (only the
    # labelling rules of build.py and README), committed first and scored once, blind: operation 100.0%,
    # primary 99.7%, table set 98.5%, precision 99.2% (5 misses), every goal met. The misses: Redshift's UPDATE t
    # .. FROM s JOIN t alias (t read as the alias's, losing the target); DuckDB's MERGE .. USING (..) AS s USING
    # (id) (the join columns read as a table) x2; MySQL's ON DUPLICATE KEY UPDATE a = .., b = b + 1 (b read as a
    # table); ClickHouse's ARRAY JOIN a, b (b read as a table). Fixed as classes afterwards, so this set now
    # guards them.
    _meets_the_goals("holdout5", "fifth held-out set", at_least=300)


def _meets_the_goals(split: str, title: str, at_least: int) -> None:
    result = score(split, orm=False)
    print("\n" + result.report(title) + "\n" + "\n".join(result.misses))
    rates = result.rates()
    assert result.total >= at_least
    assert all(rates[k] >= goal for k, goal in GOALS.items()), result.report(split)

def test_fourth_held_out_set() -> None:
    # holdout4: 387 public statements of what applications send (263 queries and DML, 68%: Prisma, Django, Rails,
    # Hibernate, EF Core, Sequelize, GORM, Ecto, Doctrine, SQLAlchemy, jOOQ, Drizzle, Dapper output, agent and
    # text-to-SQL answers, Metabase/Superset/Looker/Tableau/Grafana queries, dbt models, ETL MERGE / upserts / COPY,
    # pandas.read_sql-style literals; 124 DDL / admin / migration statements, 32%) on PostgreSQL, MySQL, MariaDB,
    # SQLite, SQL Server, Oracle, BigQuery, Snowflake, Redshift, Databricks, DuckDB, Trino and ClickHouse, labelled
    # by hand and committed first, then scored once, blind: operation 99.0%, primary 98.2%, table set 98.2%,
    # precision 99.3% (9 misses). By class: a command word the analyser did not know, so no operation (DuckDB's
    # SUMMARIZE t and INSTALL x, SQL Server's DBCC): 3; SQL Server procedural text read as statements (CREATE
    # PROCEDURE .. AS BEGIN ..; END naming what its body reads; IF OBJECT_ID(..) IS NULL BEGIN CREATE TABLE ..
    # END read as IF): 2; a command's table lost (Snowflake's UNDROP TABLE t, MySQL's RENAME TABLE a TO b, c TO
    # a): 2; an option word read as the table (Redshift's VACUUM SORT ONLY t): 1; ClickHouse's INSERT INTO
    # FUNCTION s3(..) read as a table FUNCTION: 1. No miss was a labelling error. The classes were fixed afterwards
    # (with tuning entries of their own), so this set now guards those fixes.
    _meets_the_goals("holdout4", "fourth held-out set", at_least=300)


# -- differential test against sqlglot, an independent parser -------------------------------------------------

SQLGLOT_DIALECTS = {
    "ansi": None, "postgresql": "postgres", "mysql": "mysql", "sqlite": "sqlite", "mssql": "tsql", "oracle": "oracle",
    "bigquery": "bigquery", "snowflake": "snowflake", "redshift": "redshift", "databricks": "databricks",
    "duckdb": "duckdb", "trino": "trino", "clickhouse": "clickhouse",
}  # fmt: skip

# Where the two parsers disagree by design (the corpus labels side with botanu-data in each):
# (reason, test on (entry, ours, sqlglot's))
KNOWN_DISAGREEMENTS = [
    # a foreign key's REFERENCES t (in CREATE/ALTER TABLE) is a constraint, not a table the statement reads or writes
    ("references", lambda e, ours, glot: "REFERENCES" in e["sql"].upper() and ours < glot),
    # SQL Server's #temp / ##temp: the '#' is part of the name (a different table than "temp"); sqlglot drops it
    ("temp-name", lambda e, ours, glot: {n.lstrip("#") for n in ours} == glot and ours != glot),
    # Snowflake stages (@stage/path) and named file formats are not tables
    ("snowflake-stage", lambda e, ours, glot: e["dialect"] == "snowflake" and "@" in e["sql"] and ours < glot),
    # MySQL's SELECT .. INTO @var: a user variable, not a table (sqlglot reads "x" as one)
    ("into-variable", lambda e, ours, glot: "INTO @" in e["sql"] and ours < glot),
    # a lone "\r" ends a "--" comment (PostgreSQL, SQL Server); sqlglot reads on to "\n"
    ("cr-comment", lambda e, ours, glot: "\r" in e["sql"] and glot < ours),
    # an index's operator class (varchar_pattern_ops) is not a table
    ("opclass", lambda e, ours, glot: "_ops)" in e["sql"] and ours < glot),
    # ALTER TABLE t RENAME TO t2: one table, t (t2 is its new name)
    ("rename-to", lambda e, ours, glot: "RENAME TO" in e["sql"].upper() and ours < glot),
    # SQL Server's four-part server.db.schema.table: sqlglot keeps three parts
    ("four-part-name", lambda e, ours, glot: any(n.count(".") == 3 for n in ours)),
    # SQL Server's UPDATE alias SET .. FROM dbo.t AS alias: the alias is dbo.t (sqlglot adds it as a table)
    ("update-alias", lambda e, ours, glot: ours < glot and all(f"UPDATE {name} " in e["sql"] for name in glot - ours)),
    # a trigger's name is not a table (DROP TRIGGER x ON t names t)
    ("trigger-name", lambda e, ours, glot: "TRIGGER" in e["sql"].upper() and ours < glot),
    # MySQL runs the text of /*!40000 .. */ (mysqldump's); sqlglot drops it as a comment
    ("executable-comment", lambda e, ours, glot: "/*!" in e["sql"] and glot < ours),
    # COMMENT ON COLUMN t.c names t, COMMENT ON SCHEMA s no table (sqlglot: none, and s)
    ("comment-on", lambda e, ours, glot: e["sql"].upper().startswith("COMMENT ON ")),
    # a routine's name is not a table, nor is what its body will read when called (CREATE PROCEDURE p AS SELECT ..)
    ("routine-body", lambda e, ours, glot: " PROCEDURE " in e["sql"].upper() and ours < glot),
]


def _sqlglot_tables(sqlglot: object, entry: dict) -> set[str] | None:
    """The tables sqlglot finds (CTE names excluded), or None where it does not parse the statement."""
    exp = sqlglot.exp  # type: ignore[attr-defined]
    try:
        trees = sqlglot.parse(entry["sql"], read=SQLGLOT_DIALECTS[entry["dialect"]])  # type: ignore[attr-defined]
    except Exception:  # sqlglot's ParseError / TokenError: no opinion
        return None
    found: set[str] = set()
    for tree in trees:
        if tree is None:
            continue
        if isinstance(tree, exp.Command):  # sqlglot's fallback for syntax it does not support: no opinion
            return None
        ctes = {cte.alias_or_name.lower() for cte in tree.find_all(exp.CTE)}
        for table in tree.find_all(exp.Table):
            parts = [part for part in (table.catalog, table.db, table.name) if part]
            if parts and not (len(parts) == 1 and parts[0].lower() in ctes):
                found.add(".".join(parts))
    return found


def test_tables_agree_with_sqlglot() -> None:
    sqlglot = pytest.importorskip("sqlglot")
    import logging

    logging.getLogger("sqlglot").setLevel(logging.ERROR)  # its "falling back to a Command" warnings
    compared, unexplained, reasons = 0, [], dict.fromkeys((reason for reason, _ in KNOWN_DISAGREEMENTS), 0)
    for entry in CORPUS:
        if entry["split"] != "tune":
            continue
        glot = _sqlglot_tables(sqlglot, entry)
        if glot is None:
            continue
        compared += 1
        ours = set(analyze(entry["sql"], _dialect(entry)).tables)
        if ours == glot:
            continue
        reason = next((r for r, test in KNOWN_DISAGREEMENTS if test(entry, ours, glot)), None)
        if reason is None:
            unexplained.append(f"{entry['source']}: ours {sorted(ours)}, sqlglot {sorted(glot)}: {entry['sql'][:99]!r}")
        else:
            reasons[reason] += 1
    print(f"\ncompared {compared} statements with sqlglot; known disagreements {reasons}")
    assert compared >= 450
    assert not unexplained, "\n".join(unexplained)
    assert sum(reasons.values()) <= 0.1 * compared


def main() -> None:
    splits = ["tune", "holdout", "holdout2", "holdout3", "holdout4"] if "--holdout" in sys.argv else ["tune"]
    for split in splits:
        for orm in (True, False):
            result = score(split, orm)
            if result.total:
                print(result.report(f"{split} {'ORM' if orm else 'public'}"))
                print("\n".join(result.misses))


if __name__ == "__main__":
    main()
