"""SQL scanner: one pass over the lexer's tokens that finds the operation, the tables and the summary.

``scan(tokens)`` runs a small iterative state machine: parentheses push and pop a frame on a list
(never recursion), and a statement nested deeper than ``_MAX_DEPTH`` is no longer analysed. The
summary rules it implements are described in ``botanu_data.sql``; the words it knows are ``vocabulary``'s.
"""

from __future__ import annotations

from typing import NamedTuple

from .lexer import KEYWORDS, LITERAL, OP, QUOTED, WORD
from .vocabulary import (
    ACL_KIND_PREFIXES,
    ACL_NOT_TABLES,
    ACL_TABLE_KINDS,
    ACL_VERBS,
    AFTER_KIND_SKIP,
    CLAUSE_ENDS,
    COMMENT_ON_KINDS,
    DDL_KINDS,
    DDL_LISTS,
    DDL_MODIFIERS,
    DDL_VERBS,
    DML_VERBS,
    FROM_SKIP,
    GUARDED_STARTS,
    INSERT_SKIP,
    INSERT_VERBS,
    INTO_FILES,
    INTO_SKIP,
    JOINS,
    NAME_SKIP,
    NOT_ON_TABLES,
    ON_TABLE_KINDS,
    RESERVED_NOT_NAMES,
    ROUTINE_KINDS,
    SAMPLES,
    SCANNED_VERBS,
    SET_OPS,
    STATEMENT_WORDS,
    TABLE_COMMAND_SKIP,
    TABLE_COMMAND_WORDS,
    TABLE_COMMANDS,
    TABLE_KINDS,
    TABLE_POSITION_NAMES,
    TRANSACTION_VERBS,
)

MAX_SUMMARY_CHARS = 255
_MAX_DEPTH = 256

# what run() does with the tokens of a statement it otherwise skips
_H_NONE, _H_REST, _H_TABLE_AFTER, _H_ACL, _H_GUARD = range(5)
# Expectations: what the next name is.
_E_NONE, _E_FROM, _E_TABLE, _E_INSERT, _E_TARGET, _E_CTE, _E_DELETE, _E_INTO = range(8)
_E_TABLE_NAMES = (_E_FROM, _E_TABLE, _E_INSERT, _E_DELETE, _E_INTO)  # where a dashed BigQuery name may stand
# WITH clause states (_W_CLAUSE: a CTE's SEARCH / CYCLE clause, up to the statement or the next CTE).
_W_NONE, _W_NAME, _W_AFTER_NAME, _W_CLAUSE = range(4)


class _Item(NamedTuple):
    op: str | None  # operation text as written (None for a target)
    key: str  # upper-cased operation, or the unquoted target name
    text: str  # target as written
    forced: bool = False  # derived-table operation, always shown
    table: bool = True  # target counts as a table
    main: bool = False  # named by the outermost statement itself (not in a subquery or CTE body): see _primary


def _unquote(part: str) -> str:
    first = part[0]
    if first in '"`' and len(part) > 1:
        return part[1:-1].replace(first * 2, first) if part.endswith(first) else part[1:]
    if first == "[" and part.endswith("]"):
        return part[1:-1]
    return part


def _joined_name(parts: list[str]) -> str:
    return ".".join(_unquote(p) for p in parts)


_SESSION_VERBS = frozenset({"SET", "USE"})


def scan(toks: list[tuple[str, str]], family: str = "default") -> tuple[str | None, tuple[str, ...], str | None]:
    """Return (operation, tables, summary) for the lexer's significant tokens (``family``: the lexer rules')."""
    scanner = _Scanner(family == "spark", family == "mssql")
    scanner.run(toks)
    if scanner.operation is None:
        scanner.operation = scanner.session_verb
    if scanner.operation is None:
        return None, (), None
    ctes = scanner.ctes
    primary = _primary(scanner.items, ctes, scanner.cte_marks)
    alias = None
    if primary is not None and scanner.aliases:  # UPDATE s SET .. FROM dbo.Stock AS s: s is dbo.Stock
        alias, primary = primary, scanner.aliases.get(primary.lower(), primary)
        if alias == primary:
            alias = None
    tables: dict[str, None] = {primary: None} if primary is not None else {}  # ordered, de-duplicated
    for item in scanner.items:
        if item is not None and item.op is None and item.table and item.key.lower() not in ctes and item.key != alias:
            tables[item.key] = None
    return scanner.operation, tuple(tables), _summary(scanner.items, ctes)


def _primary(items: list[_Item | None], ctes: set[str], marks: list[tuple[str, int]]) -> str | None:
    """The table ``tables[0]`` (``db.collection.name``) names: the first table the outermost statement names itself
    (a write's target; a query's first FROM item, a derived table there standing for its own first table), a CTE
    name standing for its CTE's first table. ``WITH big AS (SELECT .. FROM users) UPDATE orders ..`` is about
    ``orders``, and ``SELECT (SELECT count(*) FROM b) FROM a`` about ``a``. None: the first table named."""
    if not marks:  # the common case
        for item in items:
            if item is not None and item.main and item.op is None and item.table:
                return item.key if item.key.lower() not in ctes else None
        return None
    cte_first: dict[str, str | None] = {}
    for index, (name, start) in enumerate(marks):  # a CTE's body: after its name, up to the next CTE's name
        end = marks[index + 1][1] if index + 1 < len(marks) else len(items)
        cte_first.setdefault(name, _first_table(items, start, end, ctes, cte_first, stop_at_main=True))
    return _first_table(items, 0, len(items), ctes, cte_first, stop_at_main=False, main_only=True)


def _first_table(items: list[_Item | None], start: int, end: int, ctes: set[str], cte_first: dict[str, str | None],
                 stop_at_main: bool, main_only: bool = False) -> str | None:
    for position in range(start, end):
        item = items[position]
        if item is None or (stop_at_main and item.main):
            if stop_at_main:
                return None
            continue
        if item.op is None and item.table and (item.main or not main_only):
            key = item.key.lower()
            if key not in ctes:
                return item.key
            if cte_first.get(key):
                return cte_first[key]
    return None


def _summary(items: list[_Item | None], ctes: set[str]) -> str | None:
    """Operations and targets in order, at most ``MAX_SUMMARY_CHARS``, cut only between items."""
    parts: list[str] = []
    last_op = ""
    group: set[str] = set()  # targets already named since the last operation
    for item in items:
        if item is None:  # end of a statement
            if parts and parts[-1] != ";":
                parts.append(";")
            last_op = ""
        elif item.op is not None:
            if item.forced or item.key != last_op:
                parts.append(item.op)
                last_op = item.key
                group = set()
        elif item.text not in group and item.key.lower() not in ctes:
            group.add(item.text)
            parts.append(item.text)
    out = ""
    for part in parts:
        candidate = out + part if part == ";" or not out else f"{out} {part}"
        if len(candidate) > MAX_SUMMARY_CHARS:
            break
        out = candidate
    return out.rstrip(";") or None


class _Scanner:
    """Walks significant tokens once; collects the main operation, targets and summary items."""

    __slots__ = (
        "items", "ctes", "operation", "upsert", "depth0_verb", "first_verb", "stack", "verb", "head",
        "in_from", "expect", "relist", "derived", "pending", "pending_glue", "ddl", "ddl_kind", "ddl_named",
        "ddl_value", "delete_candidate", "prev_word", "skip_stmt", "with_state", "leading", "side", "cte_marks",
        "select_into", "index_on", "top_expect", "aliases", "alias_of", "session_verb", "stream_word", "hook",
        "body", "spark", "rest_depth", "acl_stage", "acl_column", "blocks", "mssql", "guard_held",
    )  # fmt: skip

    def __init__(self, spark: bool = False, mssql: bool = False) -> None:
        self.spark = spark  # Spark / Databricks SQL: FROM STREAM t reads t
        self.mssql = mssql  # SQL Server: a CREATE PROCEDURE / FUNCTION is its whole batch
        self.items: list[_Item | None] = []  # None separates statements
        self.ctes: set[str] = set()  # lower-cased CTE names: not tables
        self.cte_marks: list[tuple[str, int]] = []  # (CTE name, len(items) when it was named): where its body starts
        # UPDATE statements only: lower-cased alias -> table, for SQL Server's UPDATE s SET .. FROM dbo.Stock AS s
        self.aliases: dict[str, str] = {}
        self.operation: str | None = None  # of the first statement that has one
        # a leading SET / USE (EF Core's "SET NOCOUNT ON; INSERT ..."): the batch's operation is the statement
        # it prepares, unless it is all there is
        self.session_verb: str | None = None
        self.upsert = False
        self.blocks = 0  # IF .. BEGIN blocks open (SQL Server): their END is no transaction
        # after BEGIN in a trigger's definition, the rest of the string is its body (BEGIN ..; ..; END): what it
        # will do when it fires is not what creating it does
        self.body = False
        self._reset_statement()

    # -- statement / frame state --------------------------------------------------------------------

    def _reset_statement(self) -> None:
        self.depth0_verb: str | None = None
        self.first_verb: str | None = None
        self.leading: str | None = None
        self.stack: list[tuple] = []
        self.verb: str | None = None
        self.head = True  # the next word may start a statement or subquery
        self.in_from = False
        self.expect = _E_NONE
        self.relist = _E_NONE  # what a comma re-arms in this frame
        self.derived = False
        self.pending: list[str] | None = None  # dotted name being read
        self.pending_glue = ""  # "." or "-" (BigQuery's my-project.ds.t) read after it: the name goes on
        self.ddl: list[str] | None = None  # DDL operation words while reading "CREATE [..] TABLE"
        self.ddl_kind = ""
        self.ddl_named = False  # the kind was read: the next word is the object's name, keyword or not
        self.ddl_value = False  # after "=" in "CREATE ALGORITHM=UNDEFINED DEFINER=`u`@`h` VIEW": skip the value
        self.side = 0  # subquery frames (not derived tables) around this point: a table named at 0 is "main"
        self.select_into = False  # SELECT ... INTO new_table at depth 0: a CREATE
        self.index_on = False  # CREATE INDEX .. ON t read: a later ON names a filegroup (ON [PRIMARY])
        self.top_expect = _E_NONE  # UPDATE/DELETE TOP (n): what to expect again after the parentheses
        self.alias_of: str | None = None  # in an UPDATE, the FROM table whose alias may come next
        self.delete_candidate: list[str] | None = None
        self.stream_word = False  # the name being read is the word STREAM (Databricks' STREAM t / STREAM(t))
        self.prev_word = ""
        self.skip_stmt = self.body
        # how skipped tokens are still read: _H_REST after CREATE TRIGGER x .. ON t / CREATE RULE r .. TO t (the
        # rest is the definition; a rule's DO (a; b) keeps its ";" inside the statement), _H_TABLE_AFTER between a
        # rule's ON and TO (ON SELECT TO t: the event is no query) or LOAD DATA and its INTO, _H_ACL in GRANT /
        # REVOKE / COMMENT (up to ON), _H_GUARD in SQL Server's IF condition
        self.hook = _H_NONE
        self.rest_depth = 0  # parentheses open in the skipped definition
        self.acl_stage = 0  # GRANT .. ON: 0 before ON, 1 after it, 2 after TABLE (the name follows), 3 after ::
        self.acl_column = False  # COMMENT ON COLUMN t.c: the table is the name less its last part
        self.with_state = _W_NONE
        self.guard_held: str | None = None  # in an IF's condition, a REPLACE not yet known to be a function

    def _push(self) -> None:
        self.stack.append(
            (self.verb, self.head, self.in_from, self.expect, self.relist, self.derived, self.with_state, self.side)
        )

    def _pop(self) -> None:
        (self.verb, self.head, self.in_from, self.expect, self.relist, self.derived, self.with_state,
         self.side) = self.stack.pop()

    # -- output -------------------------------------------------------------------------------------

    def _emit_op(self, text: str, key: str, forced: bool = False) -> None:
        self.items.append(_Item(text, key, text, forced))

    def _emit_target(self, parts: list[str], table: bool) -> None:
        self.items.append(_Item(None, _joined_name(parts), ".".join(parts), False, table, not self.side))

    def _commit_pending(self, next_tok: str) -> None:
        parts, kind = self.pending, self.expect
        self.pending = None
        self.expect = _E_NONE
        if self.stream_word:
            self.stream_word = False
            # Databricks' FROM STREAM(t) / FROM STREAM t read t; FROM stream [AS s] / FROM stream WHERE .. is a table.
            # FROM stream s is also a table "stream" aliased without AS: read as STREAM s only on Spark / Databricks
            first = next_tok[:1]
            name_follows = first != "" and (first.isalpha() or first in '"`[') and next_tok.upper() not in \
                RESERVED_NOT_NAMES
            if len(parts) == 1 and (next_tok == "(" or (self.spark and name_follows)):
                self.expect = kind
                return
        if parts is None or (kind == _E_FROM and (next_tok == "(" or next_tok.upper() == "FROM")):
            return  # a table function (generate_series(..), UNNEST(..), FLATTEN(..)), or PostgreSQL's ROWS FROM
        if kind == _E_CTE:
            name = _joined_name(parts).lower()
            self.ctes.add(name)
            self.cte_marks.append((name, len(self.items)))
            self.with_state = _W_AFTER_NAME
        elif kind == _E_DELETE:
            self.delete_candidate = parts
        else:
            if kind == _E_INTO:
                self.select_into = True
            elif self.depth0_verb in ACL_VERBS:  # GRANT .. ON a, b TO u: names up to the TO; then nothing more
                if next_tok == "*":  # MySQL's ON db.*: every table of db, none named
                    self.skip_stmt = True
                    return
                if self.acl_column and len(parts) > 1:
                    parts = parts[:-1]
                if next_tok != "," or self.depth0_verb == "COMMENT":
                    self.skip_stmt = True
                    self.hook = _H_NONE
            self._emit_target(parts, kind != _E_TARGET)
            if (self.index_on and self.ddl_kind in ("TRIGGER", "RULE")) or (
                    self.ddl_kind in ROUTINE_KINDS and self.verb in ("CREATE", "ALTER") and not self.stack):
                self.skip_stmt = True
                self.hook = _H_REST
                if self.mssql and self.ddl_kind in ROUTINE_KINDS:  # AS SET NOCOUNT ON; SELECT ..: all its body
                    self.body = True
            if kind == _E_FROM and self.depth0_verb == "UPDATE":
                self.alias_of = self.items[-1].key  # type: ignore[union-attr]

    def _set_verb(self, verb: str, text: str, forced: bool = False) -> None:
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

    def _select(self, tok: str) -> None:
        # A SELECT opening a derived table is always shown (OpenTelemetry's "SELECT SELECT orders").
        self._set_verb("SELECT", tok, self.derived and self.first_verb is not None)

    def _open_from(self) -> None:
        self.expect = self.relist = _E_FROM
        self.in_from = True

    # -- main loop ------------------------------------------------------------------------------------

    def run(self, toks: list[tuple[str, str]]) -> None:
        for kind, tok in toks:
            if self.pending is not None:
                glue = self.pending_glue
                if glue:
                    self.pending_glue = ""
                    if glue == "." and kind in (WORD, QUOTED):
                        self.pending.append(tok)
                        continue
                    # BigQuery's unquoted project names have dashes, and digits: my-project-123.ds.t (where
                    # "123.ds" is lexed as one number)
                    if glue == "-" and (kind == WORD or (kind == LITERAL and tok[0].isdigit())):
                        self.pending[-1] += "-" + tok
                        continue
                elif tok == "." or (tok == "-" and self.expect in _E_TABLE_NAMES and kind == OP):
                    self.pending_glue = tok
                    continue
                self._commit_pending(tok)
            if tok == ";" and kind == OP and not self.rest_depth:
                self._end_statement()
                continue
            if self.skip_stmt and not (self.hook and self._skipped(kind, tok)):
                continue
            if kind == WORD:
                self._word(tok)
            elif kind == QUOTED:
                self._name(tok)
            elif kind == OP:
                self._punct(tok)
            else:  # a placeholder or a literal ends a name list
                self.head = False
                if self.expect != _E_CTE:
                    self.expect = _E_NONE
        self._end_statement()

    def _skipped(self, kind: str, tok: str) -> bool:
        """A token of a statement otherwise skipped, for the few commands that still name a table in it. True when
        the statement is read again from this very token on."""
        hook = self.hook
        if hook == _H_REST:
            if kind == OP:
                if tok == "(":
                    self.rest_depth += 1
                elif tok == ")" and self.rest_depth:
                    self.rest_depth -= 1
            elif kind == WORD and tok.upper() == "BEGIN":  # a trigger's BEGIN ..; ..; END body: the rest
                self.body = True
        elif hook == _H_GUARD:
            held = self.guard_held
            if held is not None:
                self.guard_held = None
                if kind != OP or tok != "(":  # REPLACE [INTO] t: the statement, then this token in it
                    self._guarded(held)
                    return True
            if kind == OP:
                if tok == "(":  # IF NOT EXISTS (SELECT .. FROM t ..): the condition's query is read (up to its ")")
                    self.skip_stmt = False
                    self._punct(tok)
            elif kind == WORD:
                up = tok.upper()
                if up == "BEGIN":
                    self.blocks += 1
                elif up == "REPLACE":  # REPLACE(s, a, b) in the condition, or REPLACE INTO t: the next token says
                    self.guard_held = tok
                elif up in GUARDED_STARTS:  # the guarded statement: read as any statement is
                    self._guarded(tok)
        elif hook == _H_TABLE_AFTER:
            # the table follows TO in CREATE RULE r AS ON INSERT TO t (the event between is no query), INTO in
            # MySQL's / Hive's LOAD DATA [LOCAL] INFILE 'f' [REPLACE] INTO TABLE t
            word = tok.upper() if kind == WORD else ""
            if word == ("INTO" if self.depth0_verb == "LOAD" else "TO"):
                self.skip_stmt = False
                self.hook = _H_NONE
                self.expect = _E_TABLE
                self.prev_word = word  # (INTO TABLE t: TABLE is no name)
        else:
            self._acl_token(kind, tok)
        return False

    def _guarded(self, tok: str) -> None:
        """The statement an IF guards starts with ``tok``: read as any statement is."""
        self.skip_stmt = False
        self.hook = _H_NONE
        self.head = True
        self._word(tok)

    def _acl_token(self, kind: str, tok: str) -> None:
        """GRANT / REVOKE .. ON [TABLE] t, COMMENT ON TABLE t / COLUMN t.c / TRIGGER x ON t: finds where t is."""
        stage = self.acl_stage
        if kind == OP:
            if tok == "(":
                self.rest_depth += 1  # GRANT SELECT (col1) ON t: the ON of the statement is outside
            elif tok == ")":
                self.rest_depth = max(self.rest_depth - 1, 0)
            elif stage == 3 and tok == "::":  # SQL Server's ON OBJECT::dbo.t
                self.acl_stage = 2
            elif stage:  # ON *.* (MySQL's every table), ON db.*: no table
                self.hook = _H_NONE
            return
        up = tok.upper() if kind == WORD else ""
        if stage == 0:
            if up == "ON" and not self.rest_depth:
                self.acl_stage = 1
            elif up == "EXECUTE" and self.verb != "COMMENT":  # GRANT EXECUTE ON proc: a routine
                self.hook = _H_NONE
            return
        if stage == 1:
            if up in ACL_KIND_PREFIXES or up == "COLUMN" or up in COMMENT_ON_KINDS:
                self.acl_column = self.acl_column or up == "COLUMN"
                if up in COMMENT_ON_KINDS and self.verb == "COMMENT":
                    self.acl_stage = 0  # the table follows the next ON
                return
            if up in ACL_TABLE_KINDS:
                self.acl_stage = 2
                return
            if up == "OBJECT":
                self.acl_stage = 3
                return
            if up in ACL_NOT_TABLES or kind not in (WORD, QUOTED):
                self.hook = _H_NONE
                return
        elif stage == 3:
            self.hook = _H_NONE
            return
        self.skip_stmt = False  # the table's name: read on as any name is
        self.hook = _H_NONE
        self.rest_depth = 0
        self.expect = self.relist = _E_TABLE
        self._name(tok)

    def _end_statement(self) -> None:
        if self.pending is not None:
            self._commit_pending("")
        if self.delete_candidate is not None:
            self._emit_target(self.delete_candidate, True)
        if self.operation is None:  # the first statement with a verb names the operation
            verb = self.depth0_verb or self.first_verb
            if verb == "SELECT" and self.select_into:
                verb = "CREATE"  # SELECT .. INTO new_table creates and fills it, as CREATE TABLE .. AS does
            if verb in INSERT_VERBS:
                verb = "UPSERT" if (self.upsert or verb != "INSERT") else "INSERT"
            if verb in _SESSION_VERBS:
                self.session_verb = self.session_verb or verb
            else:
                self.operation = verb
        if self.first_verb is not None:
            self.items.append(None)
        self._reset_statement()

    def _name(self, tok: str) -> None:
        """A word that is not a keyword here, or a quoted identifier."""
        if self.ddl is not None:
            if self.ddl_value:  # DEFINER=`root`@`localhost`
                return
            self._end_ddl("")
        self.head = False
        if self.with_state == _W_AFTER_NAME:
            self.with_state = _W_NONE
        if self.alias_of is not None:
            self._alias(tok, "")
        if self.expect != _E_NONE:
            self.pending = [tok]
            self.pending_glue = ""

    def _word(self, tok: str) -> None:
        up = tok.upper()
        prev = self.prev_word
        # prev_word is the last word, maybe with quoted names or literals after it: DISTINCT is kept only in IS
        # [NOT] DISTINCT FROM, so that FROM in SELECT DISTINCT "a" FROM t (or * or 1) still opens the FROM list
        self.prev_word = up if up != "DISTINCT" or prev in ("IS", "NOT") else ""
        if self.ddl is not None and self._ddl_word(tok, up):
            return
        with_state = self.with_state
        if with_state:  # (_W_NONE is 0: one test for the common case)
            if with_state == _W_NAME:
                if up != "RECURSIVE":
                    self._name(tok)
                return
            # after a CTE name or body, or in its SEARCH / CYCLE clause
            if up in ("AS", "NOT", "MATERIALIZED"):
                return
            if up in ("SEARCH", "CYCLE") or (with_state == _W_CLAUSE and up not in DML_VERBS):
                self.with_state = _W_CLAUSE  # SEARCH DEPTH FIRST BY id SET ordercol, CYCLE id SET c USING p
                return
            self.with_state = _W_NONE
            self.head = True
        if self.head:
            if up in ("ALL", "DISTINCT") and prev in SET_OPS:
                return  # .. UNION ALL TABLE b: a query may still start
            if self._head_word(tok, up):
                return
        if self.expect != _E_NONE and self._expected_word(tok, up, prev):
            return
        # A keyword inside a statement: SELECT, FROM, a join, INTO, a clause end, ..
        self.head = False
        if up not in STATEMENT_WORDS:  # most words (column names, functions): one set lookup, not the chain
            if self.alias_of is not None:
                self._alias(tok, up)
            return
        verb = self.verb
        if up == "SELECT":
            self._select(tok)
        elif up == "FROM":
            if prev != "DISTINCT" and verb is not None and verb not in ("GRANT", "REVOKE", "COPY", "BULK"):
                self.delete_candidate = None
                self._open_from()
        elif up in JOINS:
            self.alias_of = None  # UPDATE t .. FROM s JOIN t x: past s's alias (t is a table here, x its alias)
            if self.in_from and prev != "ARRAY":
                self.expect = _E_FROM
            elif prev == "ARRAY":  # ClickHouse's [LEFT] ARRAY JOIN a, b: columns, not tables
                self.relist = _E_NONE
        elif up == "INTO" and verb in ("INSERT", "REPLACE", "UPSERT", "MERGE"):
            self.expect = _E_TABLE
        elif up == "INTO" and verb == "SELECT" and not self.stack and self.depth0_verb == "SELECT":
            self.expect = _E_INTO
        elif up == "USING" and (verb == "DELETE" or (verb == "MERGE" and not self.in_from)):
            # (MERGE INTO t USING s USING (id), DuckDB's: the second USING is the join's columns)
            self._open_from()
        elif up == "ON" and self.ddl_kind in ON_TABLE_KINDS and not self.index_on and not self.stack:
            self.index_on = True
            if self.ddl_kind == "RULE" and verb == "CREATE":  # CREATE RULE r AS ON UPDATE TO t: t follows TO
                self.skip_stmt = True
                self.hook = _H_TABLE_AFTER
            else:
                self.expect = _E_TABLE
        elif up == "ON" and self.depth0_verb == "CLUSTER" and not self.stack and self.items and \
                self.items[-1] is not None and self.items[-1].op is None:
            self.items.pop()  # PostgreSQL's old CLUSTER index ON t: the table is t, not the index
            self.expect = _E_TABLE
        elif up in ("ON", "USING") and verb == "PIVOT":  # DuckDB's PIVOT t ON col USING sum(x): columns follow
            self.in_from = False
            self.relist = _E_NONE
        elif up == "WITH" and verb in INSERT_VERBS and not self.stack and not self.in_from:
            # INSERT INTO x WITH y AS (..) SELECT .. FROM y (SQLAlchemy's from_select on MySQL and Oracle): a CTE
            # list, unless "(" follows (SQL Server's INSERT INTO t WITH (TABLOCK))
            self.with_state = _W_NAME
            self.expect = _E_CTE
        elif up in SAMPLES:
            pass  # FROM t TABLESAMPLE SYSTEM (10) JOIN u: the FROM list goes on
        elif (up == "OF" and prev == "PARTITION") or (up in ("CLONE", "LIKE") and not self.stack):
            if self.ddl_kind == "TABLE" and verb == "CREATE":  # CREATE TABLE t PARTITION OF / CLONE / LIKE s
                self.expect = _E_TABLE
        elif up == "TO" and verb == "CREATE" and self.ddl_kind == "VIEW" and not self.stack:
            self.expect = _E_TABLE  # ClickHouse's CREATE MATERIALIZED VIEW mv TO t AS ..: mv writes into t
        elif up == "UPDATE" and prev in ("DO", "KEY") and (self.depth0_verb or self.first_verb) == "INSERT":
            self.upsert = True
            self.in_from = False  # INSERT .. SELECT .. FROM s ON DUPLICATE KEY UPDATE a = 1, b = b + 1: columns
            self.relist = _E_NONE
        elif up == "TABLE" and verb in INSERT_VERBS:  # INSERT INTO t TABLE s (PostgreSQL, Spark): reads s
            self.expect = _E_FROM
        elif up == "AS":
            if self.ddl_kind in TABLE_KINDS:  # CREATE TABLE t AS SELECT ..
                self.head = True
        elif up in CLAUSE_ENDS and up != "ON" and up != "USING":
            if up == "WHERE" and self.delete_candidate is not None:
                self._emit_target(self.delete_candidate, True)
                self.delete_candidate = None
            self.in_from = False
            self.relist = _E_NONE
            self.alias_of = None
            if up in SET_OPS:
                self.head = True
        elif self.alias_of is not None:
            self._alias(tok, up)

    def _alias(self, tok: str, up: str) -> None:
        if up not in RESERVED_NOT_NAMES:
            self.aliases[_unquote(tok).lower()] = self.alias_of  # type: ignore[assignment]
        self.alias_of = None

    def _expected_word(self, tok: str, up: str, prev: str) -> bool:
        """A word where a name is expected. Returns True when consumed."""
        expect = self.expect
        if expect == _E_FROM and up in FROM_SKIP:
            return True
        if up == "TOP" and self.verb in ("UPDATE", "DELETE") and expect in (_E_FROM, _E_DELETE):
            self.top_expect, self.expect = expect, _E_NONE  # UPDATE TOP (100) t: the table follows the ")"
            return True
        if expect == _E_INTO:
            if up in INTO_SKIP:
                return True
            if up in INTO_FILES:
                self.expect = _E_NONE
                return True
        if expect == _E_INSERT:
            if up == "INTO" or (up == "INSERT" and prev == "BULK"):
                self.expect = _E_TABLE
                return True
            if up in INSERT_SKIP:
                if up == "REPLACE" and prev == "OR":
                    self.upsert = True
                return True
            if up == "DIRECTORY":  # Spark's INSERT OVERWRITE [LOCAL] DIRECTORY '/path' ..: no table
                self.expect = _E_NONE
                return True
            if up == "LOCAL" and prev == "OVERWRITE":
                return True
        if expect == _E_TABLE:
            if up in NAME_SKIP or (up == "TABLE" and prev in ("INTO", "ON")):
                return True  # (Hive/Spark's INSERT INTO TABLE t, Snowflake's CREATE STREAM s ON TABLE t)
            if up == "FUNCTION" and prev in ("INTO", "TABLE") and self.verb == "INSERT":
                self.expect = _E_FROM  # ClickHouse's INSERT INTO [TABLE] FUNCTION s3(..): a table function
                return True
            if up in TABLE_COMMAND_SKIP and prev in TABLE_COMMAND_WORDS and self.depth0_verb in TABLE_COMMANDS:
                return True  # LOCK TABLE t, REFRESH MATERIALIZED VIEW CONCURRENTLY v
            if prev == "ON" and up in NOT_ON_TABLES and self.index_on:
                self.expect = _E_NONE
                return True
        elif expect == _E_FROM and up == "STREAM":
            self.stream_word = True
        if up == "IGNORE" and expect == _E_FROM and self.verb == "UPDATE" and prev in ("UPDATE", "LOW_PRIORITY"):
            return True
        if (up not in RESERVED_NOT_NAMES or (expect == _E_TABLE and prev == "INTO")
                or (up in TABLE_POSITION_NAMES and expect != _E_DELETE)):
            self._name(tok)
            return True
        self.expect = _E_NONE
        return False

    def _head_word(self, tok: str, up: str) -> bool:
        """A word at the start of a statement or subquery. Returns True when consumed."""
        if up == "WITH":
            self.with_state = _W_NAME
            self.expect = _E_CTE
            return True
        # (after a leading WITH, CTE bodies have set first_verb: WITH x AS (..) CREATE TABLE s AS .. is a CREATE)
        outer = not self.stack and self.depth0_verb is None and not self.leading
        if outer:
            if up not in KEYWORDS:  # not SQL we know: no operation, no tables from it
                self.skip_stmt = True
                return True
            if up == "IF":  # IF <condition> [BEGIN] statement: the condition is skipped, the statement read
                self.session_verb = self.session_verb or "IF"  # (the operation when no statement follows)
                self.skip_stmt = True
                self.hook = _H_GUARD
                return True
            self.leading = up
        if up == "SELECT":
            self._select(tok)
            return True
        if up == "FROM" and outer:  # DuckDB's FROM-first query: FROM t [SELECT ..]
            self._set_verb("SELECT", "SELECT")
            self._open_from()
            return True
        if up in ("PIVOT", "UNPIVOT"):  # DuckDB's PIVOT t ON .. / UNPIVOT t ON ..: a query reading t
            self._set_verb("SELECT", tok)
            self._open_from()
            self.verb = "PIVOT"
            return True
        if up == "TABLE" and not outer:  # (TABLE a), .. UNION TABLE u: PostgreSQL's TABLE t is SELECT * FROM t
            self._set_verb("SELECT", tok)
            self.expect = _E_FROM
            return True
        if up == "LIKE" and len(self.stack) == 1 and self.ddl_kind == "TABLE" and self.depth0_verb == "CREATE":
            self.expect = _E_TABLE  # CREATE TABLE t (LIKE s ..): reads s
            return True
        if up in DML_VERBS:
            self._set_verb(up, tok)
            if up in INSERT_VERBS or up == "MERGE":
                self.expect = _E_INSERT
            elif up == "UPDATE":
                self._open_from()
            elif up == "DELETE":
                self.expect = _E_DELETE
            return True
        self.head = False
        if outer:
            self._command(tok, up)
        return outer

    def _command(self, tok: str, up: str) -> None:
        """The first word of a statement that is not a query or DML."""
        if up in DDL_VERBS:
            self.ddl = [tok]
            self.ddl_kind = ""
            self.verb = up
            self.first_verb = self.depth0_verb = "INDEX" if up == "REINDEX" else up
            if up == "TRUNCATE":
                self.expect = self.relist = _E_TABLE
            return
        if up in TRANSACTION_VERBS:
            if up == "END" and self.blocks:  # the END of an IF's BEGIN .. END block: no transaction
                self.blocks -= 1
                self.skip_stmt = True
                return
            self.first_verb = self.depth0_verb = "TRANSACTION"
            self._emit_op(tok, "TRANSACTION")
            self.skip_stmt = True
            return
        # Any other command: the operation is its keyword; a few carry a table or a target.
        self.first_verb = self.depth0_verb = self.verb = up
        self._emit_op(tok, up)
        if up == "EXPLAIN":
            self.head = True
        elif up == "TABLE":  # PostgreSQL's TABLE t is SELECT * FROM t
            self.first_verb = self.depth0_verb = "SELECT"
            self.expect = _E_FROM
        elif up in ("CALL", "EXEC", "EXECUTE"):
            self.expect = _E_TARGET
        elif up == "COPY" or up == "BULK":  # (SQL Server's BULK INSERT t FROM 'file')
            self.expect = _E_INSERT
        elif up == "LOAD":  # MySQL's / Hive's LOAD DATA .. INTO TABLE t (DuckDB's LOAD ext: none)
            self.skip_stmt = True
            self.hook = _H_TABLE_AFTER
        elif up in TABLE_COMMANDS:
            self.expect = self.relist = _E_TABLE
        elif up not in SCANNED_VERBS:
            self.skip_stmt = True
            if up in ACL_VERBS:
                self.hook = _H_ACL

    def _ddl_word(self, tok: str, up: str) -> bool:
        """Words right after CREATE/DROP/ALTER/TRUNCATE/REINDEX. Returns True when consumed."""
        if self.ddl_named:  # after the kind, any word is the name: CREATE TABLE user, DROP TABLE task
            if up in AFTER_KIND_SKIP or (up == "BODY" and self.ddl and self.ddl[-1].upper() == "PACKAGE"):
                if up == "BODY":
                    self.ddl.append(tok)  # type: ignore[union-attr]  # Oracle's PACKAGE BODY p: one kind of object
                return True
        elif up in DDL_MODIFIERS:
            self.ddl_value = False
            return True
        elif up in DDL_KINDS and (self.verb != "TRUNCATE" or up == "TABLE"):
            self.ddl_value = False
            self.ddl.append(tok)  # type: ignore[union-attr]
            if up in ("TABLE", "VIEW", "INDEX", "TRIGGER", "POLICY", "STREAM", "RULE", "PROCEDURE", "FUNCTION",
                      "PACKAGE"):
                self.ddl_kind = up
            self.ddl_named = up != "MATERIALIZED"  # (MATERIALIZED VIEW)
            return True
        elif self.ddl_value:
            return True
        self._end_ddl(up)
        return False

    def _end_ddl(self, up: str) -> None:
        """The first other token is the object's name (or a clause when there is none, e.g. ON)."""
        words, self.ddl = self.ddl, None
        self.ddl_named = self.ddl_value = False
        if self.ddl_kind == "INDEX" and self.first_verb in ("CREATE", "DROP", "ALTER"):
            self.first_verb = self.depth0_verb = "INDEX"
        self._emit_op(" ".join(words), self.first_verb or "")  # type: ignore[arg-type]
        # (Oracle's RENAME a TO b has no kind: a is a table)
        if self.ddl_kind in TABLE_KINDS or self.verb == "TRUNCATE" or (self.verb == "RENAME" and len(words) == 1):
            self.expect = _E_TABLE
            if self.verb in DDL_LISTS:
                self.relist = _E_TABLE
        elif up != "ON":
            self.expect = _E_TARGET

    def _punct(self, tok: str) -> None:
        self.alias_of = None
        if self.ddl is not None:
            if (tok == "=" and not self.ddl_named) or self.ddl_value:  # ALGORITHM=MERGE, DEFINER=u@h
                self.ddl_value = True
                return
            self._end_ddl("")
        if tok == "(":
            if len(self.stack) >= _MAX_DEPTH:  # no real statement nests this deep: stop analysing it
                self.skip_stmt = True
                return
            if self.with_state == _W_NAME:  # WITH (NOLOCK), WITH (TABLOCK): a table hint, not a CTE list
                self.with_state = _W_NONE
                self.expect = _E_NONE
            derived = self.expect == _E_FROM
            if self.expect == _E_TABLE and not self.stack and self.depth0_verb in TABLE_COMMANDS:
                self.top_expect = _E_TABLE  # VACUUM (VERBOSE, ANALYZE) t: the table follows the options
            side = self.side if derived else self.side + 1
            self._push()
            self.side = side
            self.head = True
            self.verb = None
            self.in_from = derived
            self.expect = self.relist = _E_FROM if derived else _E_NONE
            self.derived = derived
            self.with_state = _W_NONE
        elif tok == ")":
            if self.stack:
                self._pop()
                if self.hook == _H_GUARD and not self.stack:  # the end of a parenthesis in an IF's condition
                    self.skip_stmt = True
                self.head = False
                self.expect = self.top_expect
                self.top_expect = _E_NONE
        elif tok == ",":
            if self.with_state >= _W_AFTER_NAME:
                self.with_state = _W_NAME
                self.expect = _E_CTE
            elif self.relist != _E_NONE:
                self.expect = self.relist
        elif tok != "{":  # "{" opens a JDBC escape: {call proc(?)}
            self.head = False
            if tok == "=" and self.prev_word == "HISTORY_TABLE":  # SQL Server's temporal table: it writes there too
                self.expect = _E_TABLE
            elif self.expect != _E_CTE:
                self.expect = _E_NONE
