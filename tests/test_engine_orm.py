"""instrument_engine under the ORM: Session flushes, eager loading, bulk inserts (insertmanyvalues) and upserts."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import sqlalchemy
from conftest import Telemetry
from opentelemetry.trace import StatusCode
from sqlalchemy import ForeignKey, String, insert, select
from sqlalchemy.dialects import mysql, postgresql, sqlite
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, joinedload, mapped_column, relationship, selectinload
from test_engine import DIALECTS, Target, db_spans, make_target

from botanu_data import instrument_engine, uninstrument_engine


@pytest.fixture(params=DIALECTS)
def target(request: pytest.FixtureRequest, tmp_path: Any) -> Target:
    return make_target(request.param, request, tmp_path)


@dataclass
class Models:
    base: type[DeclarativeBase]
    parent: Any
    child: Any
    parents: str  # table names
    children: str


def make_models() -> Models:
    """Mapped classes on fresh, uniquely named tables (the databases are shared)."""
    suffix = uuid.uuid4().hex[:10]
    parents, children = f"bp_{suffix}", f"bc_{suffix}"

    class Base(DeclarativeBase):
        pass

    class Parent(Base):
        __tablename__ = parents
        id: Mapped[int] = mapped_column(primary_key=True)
        name: Mapped[str] = mapped_column(String(64), unique=True)
        qty: Mapped[int] = mapped_column(default=0)
        children: Mapped[list[Child]] = relationship(back_populates="parent", order_by="Child.id")

    class Child(Base):
        __tablename__ = children
        id: Mapped[int] = mapped_column(primary_key=True)
        parent_id: Mapped[int] = mapped_column(ForeignKey(f"{parents}.id"))
        label: Mapped[str] = mapped_column(String(64))
        parent: Mapped[Parent] = relationship(back_populates="children")

    return Models(Base, Parent, Child, parents, children)


@pytest.fixture
def models(target: Target) -> Iterator[Models]:
    found = make_models()
    setup = sqlalchemy.create_engine(target.url)
    found.base.metadata.create_all(setup)
    yield found
    found.base.metadata.drop_all(setup)
    setup.dispose()


@pytest.fixture
def engine(target: Target, otel: Telemetry) -> Iterator[sqlalchemy.Engine]:
    eng = sqlalchemy.create_engine(target.url, insertmanyvalues_page_size=3)
    instrument_engine(eng)
    with eng.connect():
        pass
    otel.exporter.clear()
    yield eng
    uninstrument_engine(eng)
    eng.dispose()


def seed(engine: sqlalchemy.Engine, m: Models) -> None:
    with Session(engine) as session:
        session.add_all([
            m.parent(id=1, name="p1", children=[m.child(id=1, label="a"), m.child(id=2, label="b")]),
            m.parent(id=2, name="p2", children=[m.child(id=3, label="c")]),
            m.parent(id=3, name="p3"),
        ])
        session.commit()


def test_session_flush_and_commit(target: Target, engine: sqlalchemy.Engine, models: Models, otel: Telemetry) -> None:
    m = models
    with otel.tracer.start_as_current_span("request") as request_span:
        seed(engine, m)
    spans = db_spans(otel)
    names = [s.name for s in spans]
    assert names.count("COMMIT") == 1
    assert names.index("COMMIT") > names.index(f"BATCH INSERT {m.children}")
    # explicit primary keys: the unit of work inserts each table in one executemany batch
    inserts = [s for s in spans if s.attributes["db.operation"] in ("INSERT", "BATCH")]
    assert [(s.attributes["db.collection.name"], s.attributes["db.operation"]) for s in inserts] == [
        (m.parents, "BATCH"), (m.children, "BATCH"),
    ]
    assert [s.attributes["db.operation.batch.size"] for s in inserts] == [3, 3]
    assert all(s.parent.span_id == request_span.get_span_context().span_id for s in spans)
    assert otel.total("botanu.data.operations", db__collection__name=m.children) == 1
    assert otel.counter.started == otel.counter.ended


def load_parents(engine: sqlalchemy.Engine, m: Models, otel: Telemetry, loader: Any) -> tuple[list[Any], list[Any]]:
    """Seeded parents loaded with their children through ``loader``, and the spans of that load alone."""
    seed(engine, m)
    with Session(engine) as session:
        otel.exporter.clear()
        parents = session.scalars(select(m.parent).options(loader).order_by(m.parent.id)).unique().all()
        for parent in parents:
            _ = parent.children  # loaded already: no further statement
        return list(parents), db_spans(otel)


def test_joinedload_is_one_select_over_both_tables(
    target: Target, engine: sqlalchemy.Engine, models: Models, otel: Telemetry
) -> None:
    m = models
    parents, spans = load_parents(engine, m, otel, joinedload(m.parent.children))
    assert [len(p.children) for p in parents] == [2, 1, 0]
    (span,) = spans
    assert span.name == f"SELECT {m.parents} {m.children}"
    assert span.attributes["db.operation"] == "SELECT"
    assert span.attributes["db.collection.name"] == m.parents
    assert span.attributes["botanu.data.tables"] == (m.parents, m.children)
    if target.rows_returned:
        assert span.attributes["botanu.data.rows_returned"] == 4  # 2 + 1 children rows, plus p3 outer-joined
    else:
        assert "botanu.data.rows_returned" not in span.attributes


def test_selectinload_is_two_selects(
    target: Target, engine: sqlalchemy.Engine, models: Models, otel: Telemetry
) -> None:
    m = models
    parents, spans = load_parents(engine, m, otel, selectinload(m.parent.children))
    assert [[c.label for c in p.children] for p in parents] == [["a", "b"], ["c"], []]
    first, second = spans
    assert (first.name, first.attributes["botanu.data.tables"]) == (f"SELECT {m.parents}", (m.parents,))
    assert (second.name, second.attributes["botanu.data.tables"]) == (f"SELECT {m.children}", (m.children,))
    if target.rows_returned:
        assert (first.attributes["botanu.data.rows_returned"], second.attributes["botanu.data.rows_returned"]) == (3, 3)
    assert otel.counter.started == otel.counter.ended


def test_bulk_insert_executemany(target: Target, engine: sqlalchemy.Engine, models: Models, otel: Telemetry) -> None:
    m = models
    with Session(engine) as session:
        session.execute(insert(m.parent), [{"name": f"bulk{i}", "qty": i} for i in range(5)])
        session.commit()
    (batch,) = [s for s in db_spans(otel) if s.attributes["db.operation"] == "BATCH"]
    assert batch.name == f"BATCH INSERT {m.parents}"
    assert batch.attributes["db.operation.name"] == "BATCH INSERT"
    assert batch.attributes["db.operation.batch.size"] == 5
    assert batch.attributes["botanu.data.rows_affected"] == 5
    assert otel.total("botanu.data.rows", botanu__data__direction="affected", db__collection__name=m.parents) == 5


def test_insertmanyvalues_split_into_pages(
    target: Target, engine: sqlalchemy.Engine, models: Models, otel: Telemetry
) -> None:
    m = models
    with Session(engine) as session:
        # server-generated keys: the ORM needs RETURNING, so SQLAlchemy sends insertmanyvalues batches
        session.add_all([m.parent(name=f"n{i}") for i in range(7)])
        session.flush()
        ids = sorted(p.id for p in session.scalars(select(m.parent)))
        session.commit()
    assert len(ids) == 7
    batches = [s for s in db_spans(otel) if s.attributes["db.operation"] == "BATCH"]
    sizes = [s.attributes["db.operation.batch.size"] for s in batches]
    if target.name == "sqlite":
        # SQLite cannot promise RETURNING order for a multi-row INSERT, so SQLAlchemy sends one row per batch
        assert sizes == [1] * 7
    else:
        assert sizes == [3, 3, 1]  # insertmanyvalues_page_size=3
    for span in batches:
        assert span.attributes["db.operation.name"] == "BATCH INSERT"
        assert span.attributes["db.collection.name"] == m.parents
        assert span.name.startswith(f"BATCH INSERT {m.parents}")
    assert otel.total("botanu.data.operations", db__operation="BATCH", db__collection__name=m.parents) == len(sizes)


def _upsert(target: Target, table: sqlalchemy.Table, rows: list[dict[str, Any]]) -> Any:
    if target.name == "mariadb":
        stmt = mysql.insert(table).values(rows)
        return stmt.on_duplicate_key_update(qty=stmt.inserted.qty)
    dialect_insert = postgresql.insert if target.name == "postgresql" else sqlite.insert
    stmt = dialect_insert(table).values(rows)
    return stmt.on_conflict_do_update(index_elements=["id"], set_={"qty": stmt.excluded.qty})


def test_upsert(target: Target, engine: sqlalchemy.Engine, models: Models, otel: Telemetry) -> None:
    m = models
    table = m.parent.__table__
    with Session(engine) as session:
        session.execute(insert(table).values(id=1, name="p1", qty=1))
        otel.exporter.clear()
        session.execute(_upsert(target, table, [{"id": 1, "name": "p1", "qty": 5}, {"id": 2, "name": "p2", "qty": 6}]))
        session.commit()
        assert session.scalars(select(m.parent.qty).order_by(m.parent.id)).all() == [5, 6]
    upsert = [s for s in db_spans(otel) if s.attributes["db.operation"] == "UPSERT"]
    assert len(upsert) == 1
    span = upsert[0]
    assert span.name == f"INSERT {m.parents}"
    assert span.attributes["db.operation.name"] == "INSERT"
    assert span.attributes["db.collection.name"] == m.parents
    # MySQL/MariaDB count an updated row twice (1 inserted + 2 updated)
    assert span.attributes["botanu.data.rows_affected"] == (3 if target.name == "mariadb" else 2)
    assert otel.total("botanu.data.operations", db__operation="UPSERT", db__collection__name=m.parents) == 1


def test_flush_error_rolls_back(target: Target, engine: sqlalchemy.Engine, models: Models, otel: Telemetry) -> None:
    m = models
    seed(engine, m)
    otel.exporter.clear()
    with Session(engine) as session:
        session.add(m.parent(id=9, name="p1"))  # the name is taken
        with pytest.raises(sqlalchemy.exc.IntegrityError):
            session.commit()
        session.rollback()
    failed = [s for s in db_spans(otel) if s.status.status_code is StatusCode.ERROR]
    assert len(failed) == 1
    assert failed[0].attributes["error.type"] == target.error_type
    assert failed[0].attributes["db.response.status_code"] == target.unique_code
    assert [s.name for s in db_spans(otel)][-1] == "ROLLBACK"
    assert otel.counter.started == otel.counter.ended
