"""Benchmark for botanu_data.sql.analyze, printed as ratios against baselines measured in the same run.

    python benchmarks/sql_analysis.py          # 100,000 distinct statements for the memory check
    python benchmarks/sql_analysis.py --full   # 1,000,000
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import time
import timeit

import sqlalchemy as sa
import sqlparse
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import DeclarativeBase, Mapped, joinedload, mapped_column, relationship
from sqlparse.lexer import Lexer

from botanu_data import sql as sqlmod
from botanu_data.sql import analyze, cache_clear, cache_info, set_cache_size


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(50))
    email: Mapped[str] = mapped_column(sa.String(100))
    orders: Mapped[list[Order]] = relationship()


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    total: Mapped[int]
    status: Mapped[str] = mapped_column(sa.String(20))


def orm_select() -> str:
    stmt = (
        sa.select(User).options(joinedload(User.orders)).where(User.name.in_(["a", "b"]))
        .where(User.email.like("x%")).order_by(User.id).limit(10)
    )
    return str(stmt.compile(dialect=postgresql.dialect()))


def best_per_call(func, number: int, repeat: int = 5) -> float:
    return min(timeit.repeat(func, number=number, repeat=repeat)) / number


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mib() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20


def bench_hit() -> None:
    stmt = orm_select()
    cache_clear()
    analyze(stmt)
    plain = {stmt: object()}
    key = stmt[:]  # same object; a real caller passes SQLAlchemy's cached string
    hit = best_per_call(lambda: analyze(key), 200_000)
    get = plain.get
    lookup = best_per_call(lambda: get(key), 200_000)
    print(f"hit:  analyze() {hit * 1e9:7.0f} ns   dict.get() {lookup * 1e9:5.0f} ns   ratio {hit / lookup:4.1f}x")


def bench_miss() -> None:
    stmt = orm_select()
    lexer = Lexer.get_default_instance()
    parse = best_per_call(lambda: sqlparse.parse(stmt), 50, 3)
    lex = best_per_call(lambda: list(lexer.get_tokens(stmt)), 100, 3)
    set_cache_size(0)
    try:
        miss = best_per_call(lambda: analyze(stmt), 1000)
    finally:
        set_cache_size(sqlmod.DEFAULT_CACHE_SIZE)
    print(f"miss: {len(stmt)}-char ORM SELECT: analyze() {miss * 1e6:6.1f} us   sqlparse.parse() {parse * 1e6:7.1f} us"
          f"   sqlparse lexer {lex * 1e6:6.1f} us")
    print(f"      ratio miss/parse {miss / parse:.3f} (budget 0.30)   miss/lexer-only {miss / lex:.3f}")


def bench_normalisation() -> None:
    rng = random.Random(7)
    lengths = [rng.randint(1, 300) for _ in range(3000)]
    stmts = [
        "SELECT orders.id, orders.total FROM orders WHERE orders.user_id IN ("
        + ", ".join(f"%(user_id_1_{i})s" for i in range(n)) + ")"
        for n in lengths
    ]
    rows = [rng.randint(1, 100) for _ in range(3000)]
    batches = ["INSERT INTO orders (user_id, total) VALUES " + ", ".join("(?, ?)" for _ in range(n))
               + " RETURNING id" for n in rows]

    def run(items: list[str]) -> float:
        cache_clear()
        start = time.perf_counter()
        for s in items:
            analyze(s)
        return (time.perf_counter() - start) / len(items)

    real = sqlmod._normalise
    for label, items in (("IN (?, ..) 1-300 long", stmts), ("VALUES batches 1-100 rows", batches)):
        with_norm = run(items)
        sqlmod._normalise = lambda s: s  # the same stream with normalisation switched off
        try:
            without = run(items)
        finally:
            sqlmod._normalise = real
        print(f"norm: {label:26s} {len(set(items)):4d} distinct: with {with_norm * 1e6:6.1f} us/call   "
              f"without {without * 1e6:7.1f} us/call   speed-up {without / with_norm:4.1f}x")


def bench_hostile() -> None:
    cases = {
        "1 MB IN-list": "SELECT * FROM t WHERE id IN (" + ", ".join(str(i) for i in range(150_000)) + ")",
        "40k-row VALUES": "INSERT INTO t (a, b) VALUES " + ", ".join(f"({i}, 'v{i}')" for i in range(40_000)),
        "100k nested (": "SELECT " + "(" * 100_000 + "1" + ")" * 100_000,
        "1 MB of (": "(" * 1_000_000,
        "1 MB of ,": "," * 1_000_000,
        "100k unclosed /*": "SELECT 1 " + "/*" * 100_000,
        "100k $a$": "SELECT " + "$a$" * 100_000 + "$b$",
        "random bytes": bytes(random.Random(1).getrandbits(8) for _ in range(1_000_000)),
        "NUL characters": "SELECT \x00 FROM t WHERE a = '\x00'" * 30_000,
    }
    set_cache_size(0)
    try:
        worst = 0.0
        parts = []
        for name, text in cases.items():
            times = []
            for _ in range(3):
                start = time.perf_counter()
                analyze(text)
                times.append(time.perf_counter() - start)
            worst = max(worst, statistics.median(times))
            parts.append(f"{name} {statistics.median(times) * 1e3:.1f}")
    finally:
        set_cache_size(sqlmod.DEFAULT_CACHE_SIZE)
    print("hostile (ms): " + ", ".join(parts))
    print(f"      worst {worst * 1e3:.1f} ms (prefix {sqlmod.MAX_ANALYSED_CHARS} chars)")


def bench_memory(count: int) -> None:
    cache_clear()
    template = ("SELECT users.id, users.name, users.email FROM users JOIN orders ON orders.user_id = users.id "
                "WHERE users.name = 'n{0}' AND orders.total > {0} ORDER BY users.id LIMIT %(param_1)s")
    for i in range(20_000):
        analyze(template.format(i))
    before_peak, before_now = peak_rss_mib(), current_rss_mib()
    start = time.perf_counter()
    for i in range(20_000, count):
        analyze(template.format(i))
    elapsed = time.perf_counter() - start
    info = cache_info()
    print(f"memory: {count:,} distinct statements ({elapsed / (count - 20_000) * 1e6:.1f} us each), cache size "
          f"{info.size}/{info.maxsize}")
    print(f"      peak RSS before {before_peak:.1f} MiB, after {peak_rss_mib():.1f} MiB; current RSS "
          f"{before_now:.1f} -> {current_rss_mib():.1f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true", help="run the memory check over 1,000,000 statements")
    args = parser.parse_args()
    bench_hit()
    bench_miss()
    bench_normalisation()
    bench_hostile()
    bench_memory(1_000_000 if args.full else 100_000)


if __name__ == "__main__":
    main()
