"""Builds corpus.jsonl: the hand-labelled statements of the *.sql files here, plus what SQLAlchemy emits.

    python tests/data/sql_corpus/build.py        # rewrites corpus.jsonl next to this file

Each line of corpus.jsonl is one statement: ``sql``, ``dialect`` (SQLAlchemy's dialect name, ``ansi`` for none),
``operation`` (None for none), ``primary`` (the table ``db.collection.name`` should name, None for none),
``tables`` (every table, unquoted, CTE names excluded), ``source`` and ``split`` (``tune``; for holdout*.sql, the
file's name: ``holdout``, ``holdout2``, ``holdout3``, ``holdout4``).

The primary table is the one the outermost statement is about: a write's target (INSERT/UPDATE/DELETE/MERGE, the
created, altered or dropped table, the new table of ``SELECT ... INTO``); for a query, the first table of its own
FROM clause (a derived table there stands for its own first table, a CTE name for its CTE's). Subqueries in the
select list, WHERE or CTE bodies the query does not read first do not make it. No such table: the first table.
An object made on a table (CREATE TRIGGER x .. ON t, CREATE POLICY p ON t) names t; the trigger or policy is
not a table (nor is what a trigger's body touches: creating it reads and writes nothing); likewise CREATE RULE r AS
ON event TO t names t, COMMENT ON TABLE t / COLUMN t.c and GRANT / REVOKE .. ON [TABLE] t name t (ON SCHEMA,
DATABASE, FUNCTION, SEQUENCE, ALL TABLES IN SCHEMA, MySQL's db.*: none). A command that works on a table's data
(LOCK TABLE t, VACUUM t, REFRESH MATERIALIZED VIEW v, OPTIMIZE t, CLUSTER ix ON t) names it; one that reads only
the catalog (SHOW CREATE TABLE t, DESCRIBE t) names none.

The operation is the statement's verb (SELECT for a query, DuckDB's PIVOT / UNPIVOT and PostgreSQL's TABLE t
included; CREATE for SELECT .. INTO new_table). An INSERT that may update rows is an UPSERT: ON CONFLICT ..
DO UPDATE, ON DUPLICATE KEY UPDATE, INSERT OR REPLACE, REPLACE INTO. One that only skips conflicting rows
updates nothing and stays an INSERT: ON CONFLICT .. DO NOTHING, INSERT IGNORE, INSERT OR IGNORE.

The *.sql files hold the hand-written entries: a ``## key=value ...`` header (op, tables with the primary first,
dialect, source, optionally primary=, split=, escapes=1 for ``\\r`` written as an escape), then the statement up to
the next header. The SQLAlchemy part compiles real Core/ORM statements for a small model set on five dialects and
labels each by hand (the expected tables are written next to each statement, never taken from an analyser).
tests/test_sql_corpus.py checks that corpus.jsonl is what this script builds.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects import mysql, oracle, postgresql, sqlite
from sqlalchemy.dialects.mssql import pyodbc as mssql_pyodbc
from sqlalchemy.orm import DeclarativeBase, Mapped, aliased, joinedload, mapped_column, relationship
from sqlalchemy.schema import CreateIndex, CreateTable, DropTable

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "corpus.jsonl"


def _entry(sql: str, dialect: str, op: str | None, tables: list[str], source: str, split: str = "tune",
           primary: str | None = None) -> dict:
    return {"sql": sql, "dialect": dialect, "operation": op, "primary": primary or (tables[0] if tables else None),
            "tables": tables, "source": source, "split": split}


def handwritten() -> Iterator[dict]:
    for path in sorted(HERE.glob("*.sql")):
        default_split = path.stem if path.stem.startswith("holdout") else "tune"  # holdout .. holdout4
        header: dict[str, str] | None = None
        body: list[str] = []
        with path.open(encoding="utf-8", newline="") as fh:  # a "\r" in a statement stays as written
            lines = fh.read().split("\n")
        for line in [*lines, "## end"]:
            if line.startswith("## "):
                if header is not None:
                    yield _from_block(header, "\n".join(body).strip(), default_split)
                header = dict(part.split("=", 1) for part in line[3:].split()) if line != "## end" else None
                body = []
            elif header is not None:
                body.append(line)
            # lines before the first header are the file's comments


def _from_block(header: dict[str, str], sql: str, default_split: str) -> dict:
    if header.get("escapes") == "1":
        sql = sql.replace("\\r", "\r").replace("\\n", "\n")
    op = None if header["op"] == "-" else header["op"]
    tables = [] if header["tables"] == "-" else header["tables"].split(",")
    return _entry(sql, header["dialect"], op, tables, header["source"], header.get("split", default_split),
                  header.get("primary"))


# -- SQLAlchemy ------------------------------------------------------------------------------------------------


def sqlalchemy_statements() -> Iterator[dict]:
    class Base(DeclarativeBase):
        pass

    # Flask-SQLAlchemy and SQLModel name tables after the class: "user", "task" (keywords SQLite leaves unquoted)
    class User(Base):
        __tablename__ = "user"
        id: Mapped[int] = mapped_column(primary_key=True)
        name: Mapped[str] = mapped_column(sa.String(50), index=True)
        email: Mapped[str] = mapped_column(sa.String(100))
        addresses: Mapped[list[Address]] = relationship(back_populates="user")
        tasks: Mapped[list[Task]] = relationship()

    class Address(Base):
        __tablename__ = "address"
        id: Mapped[int] = mapped_column(primary_key=True)
        user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id"))
        city: Mapped[str] = mapped_column(sa.String(50))
        user: Mapped[User] = relationship(back_populates="addresses")

    class Task(Base):
        __tablename__ = "task"
        id: Mapped[int] = mapped_column(primary_key=True)
        user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id"))
        title: Mapped[str] = mapped_column(sa.String(100))
        done: Mapped[bool] = mapped_column(default=False)

    class Order(Base):
        __tablename__ = "orders"
        __table_args__ = {"schema": "sales"}
        id: Mapped[int] = mapped_column(primary_key=True)
        user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id"))
        total: Mapped[int]
        status: Mapped[str] = mapped_column(sa.String(20))

    archive = sa.Table("order_archive", Base.metadata, sa.Column("id", sa.Integer, primary_key=True),
                       sa.Column("total", sa.Integer))
    scratch = sa.Table("scratch", Base.metadata, sa.Column("k", sa.String(10)), prefixes=["TEMPORARY"])

    # each with its usual driver's parameter style (psycopg2's %(name)s, mysqlclient's %s, pyodbc's ?, ...)
    dialects = {"postgresql": postgresql.dialect(), "mysql": mysql.dialect(), "sqlite": sqlite.dialect(),
                "mssql": mssql_pyodbc.dialect(), "oracle": oracle.dialect()}

    def common() -> Iterator[tuple[str, object, str | None, list[str]]]:
        """(name, statement, operation, tables with the primary first), every dialect."""
        yield "select-where", sa.select(User).where(User.name == "a"), "SELECT", ["user"]
        yield "select-joinedload", (sa.select(User).options(joinedload(User.addresses))
                                    .where(User.name.in_(["a", "b"])).order_by(User.id).limit(10)), "SELECT", \
            ["user", "address"]
        yield "selectinload-in", sa.select(Address).where(Address.user_id.in_([1, 2, 3])), "SELECT", ["address"]
        yield "join-distinct", (sa.select(User).join(User.addresses).where(Address.city == "x").distinct()), \
            "SELECT", ["user", "address"]
        yield "distinct-column", sa.select(User.name).distinct(), "SELECT", ["user"]
        yield "count", sa.select(sa.func.count()).select_from(User), "SELECT", ["user"]
        yield "group-having", (sa.select(User.name, sa.func.count(Address.id)).join(User.addresses)
                               .group_by(User.name).having(sa.func.count(Address.id) > 1)), "SELECT", \
            ["user", "address"]
        yield "in-subquery", (sa.select(User).where(User.id.in_(sa.select(Task.user_id).where(Task.done)))), \
            "SELECT", ["user", "task"]
        yield "scalar-subquery", sa.select(User.name, sa.select(sa.func.count(Task.id))
                                           .where(Task.user_id == User.id).scalar_subquery()), "SELECT", \
            ["user", "task"]
        yield "exists", sa.select(User).where(sa.exists().where(Address.user_id == User.id)), "SELECT", \
            ["user", "address"]
        big = sa.select(Order.user_id).where(Order.total > 100).cte("big")
        yield "cte-select", sa.select(User).join(big, big.c.user_id == User.id), "SELECT", ["user", "sales.orders"]
        tree = sa.select(Task.id).where(Task.id == 1).cte("tree", recursive=True)
        tree = tree.union_all(sa.select(Task.id).join(tree, Task.user_id == tree.c.id))
        yield "cte-recursive", sa.select(tree), "SELECT", ["task"]
        yield "union", sa.union(sa.select(User.name), sa.select(Task.title)), "SELECT", ["user", "task"]
        sub = sa.select(Task.user_id, sa.func.count().label("n")).group_by(Task.user_id).subquery()
        yield "derived", sa.select(User.name, sub.c.n).join(sub, sub.c.user_id == User.id), "SELECT", \
            ["user", "task"]
        alias = aliased(User)
        yield "self-join-alias", sa.select(User.name, alias.name).join(alias, alias.id == User.id), "SELECT", \
            ["user"]
        yield "orders-schema", (sa.select(Order).where(Order.status == "open").order_by(Order.id)
                                .offset(5).limit(5)), "SELECT", ["sales.orders"]
        yield "for-update", sa.select(Task).where(Task.id == 3).with_for_update(), "SELECT", ["task"]
        yield "window", sa.select(Task.id, sa.func.row_number().over(partition_by=Task.user_id,
                                                                    order_by=Task.id)), "SELECT", ["task"]
        yield "outer-join", sa.select(User, Address).outerjoin(User.addresses), "SELECT", ["user", "address"]
        yield "insert", sa.insert(User).values(name="a", email="b"), "INSERT", ["user"]
        yield "insert-task", sa.insert(Task).values(user_id=1, title="t"), "INSERT", ["task"]
        yield "insert-multi", sa.insert(Task).values([{"user_id": 1, "title": "a"}, {"user_id": 2, "title": "b"}]), \
            "INSERT", ["task"]
        yield "insert-from-select", (sa.insert(archive).from_select(["id", "total"],
                                                                    sa.select(Order.id, Order.total))), "INSERT", \
            ["order_archive", "sales.orders"]
        done = sa.select(Order.id, Order.total).where(Order.status == "done").cte("done_orders")
        yield "insert-from-select-cte", (sa.insert(archive).from_select(["id", "total"], sa.select(done))), \
            "INSERT", ["order_archive", "sales.orders"]
        yield "update", sa.update(User).where(User.id == 5).values(name="x"), "UPDATE", ["user"]
        yield "update-task", sa.update(Task).where(Task.user_id == 5).values(done=True), "UPDATE", ["task"]
        yield "update-correlated", (sa.update(User).values(name=sa.select(Task.title).where(Task.user_id == User.id)
                                                           .limit(1).scalar_subquery())), "UPDATE", ["user", "task"]
        late = sa.select(Order.user_id).where(Order.status == "late").cte("late")
        yield "update-cte", (sa.update(Task).where(Task.user_id.in_(sa.select(late.c.user_id)))
                             .values(done=False)), "UPDATE", ["task", "sales.orders"]
        yield "delete", sa.delete(Address).where(Address.city == "x"), "DELETE", ["address"]
        yield "delete-task", sa.delete(Task).where(Task.done), "DELETE", ["task"]
        yield "delete-subquery", (sa.delete(Address).where(Address.user_id.in_(sa.select(User.id)
                                                                               .where(User.name == "z")))), \
            "DELETE", ["address", "user"]
        gone = sa.select(User.id).where(User.name == "gone").cte("gone")
        yield "delete-cte", (sa.delete(Task).where(Task.user_id.in_(sa.select(gone.c.id)))), "DELETE", \
            ["task", "user"]
        for table in (User.__table__, Address.__table__, Task.__table__, Order.__table__, archive):
            tables = ["sales.orders" if table.schema else table.name]
            yield f"create-{table.name}", CreateTable(table), "CREATE", tables
            yield f"drop-{table.name}", DropTable(table), "DROP", tables
        yield "create-temp", CreateTable(scratch), "CREATE", ["scratch"]
        for index in User.__table__.indexes:
            yield "create-index", CreateIndex(index), "INDEX", ["user"]
        extra_index = sa.Index("ix_task_title", Task.title)
        yield "create-index-task", CreateIndex(extra_index), "INDEX", ["task"]

    # one statement each dialect renders its own way (UPDATE .. FROM, UPDATE t1, t2, DELETE .. USING, OUTPUT, ...)
    multi_update = sa.update(Task).where(Task.user_id == User.id).where(User.name == "a").values(done=True)
    multi_delete = sa.delete(Task).where(Task.user_id == User.id).where(User.name == "a")
    returning = sa.insert(Task).values(user_id=1, title="t").returning(Task.id)

    def specific(name: str) -> Iterator[tuple[str, object, str | None, list[str]]]:
        if name == "postgresql":
            ins = postgresql.insert(User).values(id=1, name="a", email="b")
            yield "on-conflict-update", ins.on_conflict_do_update(index_elements=[User.id],
                                                                  set_={"name": ins.excluded.name}), \
                "UPSERT", ["user"]
            yield "on-conflict-nothing", ins.on_conflict_do_nothing(), "INSERT", ["user"]
            yield "insert-returning", returning, "INSERT", \
                ["task"]
            yield "update-from", multi_update, "UPDATE", ["task", "user"]
            yield "delete-using", multi_delete, \
                "DELETE", ["task", "user"]
            yield "distinct-on", (sa.select(Task).ext(postgresql.distinct_on(Task.user_id))
                                  .order_by(Task.user_id, Task.id)), "SELECT", ["task"]
            lat = sa.select(Task.title).where(Task.user_id == User.id).limit(1).lateral("t")
            yield "lateral", sa.select(User.name, lat.c.title).join(lat, sa.true()), "SELECT", ["user", "task"]
            series = sa.func.generate_series(1, 10).table_valued("value")
            yield "table-valued", sa.select(series.c.value).join(User, User.id == series.c.value), "SELECT", \
                ["user"]
            yield "tablesample", sa.select(sa.tablesample(User, sa.func.bernoulli(1), name="u")
                                           ).join(Task, Task.user_id == sa.literal_column("u.id")), "SELECT", \
                ["user", "task"]
            yield "for-update-skip", sa.select(Task).with_for_update(skip_locked=True, of=Task), "SELECT", ["task"]
        elif name == "mysql":
            ins = mysql.insert(User).values(id=1, name="a", email="b")
            yield "on-duplicate", ins.on_duplicate_key_update(name=ins.inserted.name), "UPSERT", ["user"]
            yield "insert-ignore", sa.insert(Task).prefix_with("IGNORE").values(user_id=1, title="t"), "INSERT", \
                ["task"]
            yield "multi-update", multi_update, "UPDATE", ["task", "user"]
            yield "multi-delete", multi_delete, \
                "DELETE", ["task", "user"]
            yield "for-share", sa.select(Task).with_for_update(read=True), "SELECT", ["task"]
        elif name == "sqlite":
            ins = sqlite.insert(User).values(id=1, name="a", email="b")
            yield "on-conflict-update", ins.on_conflict_do_update(index_elements=[User.id],
                                                                  set_={"name": ins.excluded.name}), \
                "UPSERT", ["user"]
            yield "insert-or-replace", sa.insert(Task).prefix_with("OR REPLACE").values(user_id=1, title="t"), \
                "UPSERT", ["task"]
            yield "insert-returning", returning, "INSERT", \
                ["task"]
            each = sa.func.json_each(sa.literal_column("task.title")).table_valued("value")
            yield "json-each", sa.select(Task.id, each.c.value).join(each, sa.true()), "SELECT", ["task"]
            yield "update-from", multi_update, "UPDATE", ["task", "user"]
        elif name == "mssql":
            yield "insert-output", returning, "INSERT", \
                ["task"]
            yield "update-from", multi_update, "UPDATE", ["task", "user"]
            yield "delete-from-join", multi_delete, \
                "DELETE", ["task", "user"]
            yield "top-offset", sa.select(Task).order_by(Task.id).offset(10).limit(10), "SELECT", ["task"]
            yield "with-hint", sa.select(Task).with_hint(Task, "WITH (NOLOCK)"), "SELECT", ["task"]
        elif name == "oracle":
            yield "insert-returning", returning, "INSERT", \
                ["task"]
            yield "fetch-first", sa.select(Task).order_by(Task.id).offset(10).limit(10), "SELECT", ["task"]
            yield "for-update-nowait", sa.select(Task).with_for_update(nowait=True), "SELECT", ["task"]

    for name, dialect in dialects.items():
        for label, stmt, op, tables in [*common(), *specific(name)]:
            try:
                compiled = stmt.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})  # type: ignore
            except sa.exc.CompileError:  # a form the dialect has not (Oracle's multi-row VALUES)
                continue
            yield _entry(str(compiled).strip(), name, op, tables, f"sqlalchemy/{name}/{label}")


def build() -> list[dict]:
    return [*handwritten(), *sqlalchemy_statements()]


def main() -> None:
    entries = build()
    with OUTPUT.open("w", encoding="utf-8", newline="\n") as fh:
        for entry in entries:
            fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
    print(f"{len(entries)} statements -> {OUTPUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
