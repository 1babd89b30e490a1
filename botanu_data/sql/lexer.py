"""SQL lexer: turns the bounded prefix of a statement into sanitized text and significant tokens.

One linear regular expression per dialect family (every quoted form runs to its closing delimiter or to
the end of the text, so there is no backtracking blow-up) splits the text; literals become ``?`` and
comments are dropped on the way. sqlparse's full ``parse()`` is about 20x slower, and its lexer alone
(about 5x slower) takes ~150 ms on 16 KiB of ``(``, so only sqlparse's keyword tables are used
(read-only) to tell SQL keywords from names. sqlparse's process-wide settings are never touched.

Literal rules depend on the dialect (``Rules``, looked up by SQLAlchemy's dialect name): whether ``"``
quotes a string (BigQuery, MySQL/MariaDB without ANSI_QUOTES, Spark/Databricks/Hive) or a name, whether a
backslash escapes a quote, triple-quoted strings, ``[name]`` (SQL Server, SQLite), ``:1`` placeholders
(Oracle, SQLite, Snowflake) versus array slices ``x[0:1]``, dollar quotes, ``#`` comments, Oracle's
``q'[...]'``, SQL Server's ``$12.50`` money. Without a dialect (or an unknown one) the rules are the ANSI-ish
defaults this lexer always had. ``shape`` builds its literal mask from the same fragments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlparse import keywords as _sqlparse_keywords

MAX_ANALYSED_CHARS = 16_384

# Kinds of significant tokens handed to the scanner.
WORD, QUOTED, PARAM, LITERAL, OP = "w", "q", "p", "l", "o"  # PARAM: a placeholder
_CHANGED_GROUPS = frozenset({"cmt", "str", "num", "dlr"})  # tokens the sanitized text does not keep as written
_BOOLEANS = frozenset({"TRUE", "FALSE"})


@dataclass(frozen=True)
class Rules:
    """How one dialect family writes literals, names and placeholders."""

    family: str
    backslash_escapes: bool = True  # a backslash escapes the next character inside '...'
    escape_prefix_only: bool = False  # ... only in E'...' (PostgreSQL's standard_conforming_strings)
    double_quoted_strings: bool = False  # "..." is a string, not a name
    triple_quoted_strings: bool = False  # '''...''' and """...""" (BigQuery)
    string_prefixes: str = r"[NnEeBbXxRr]|[Uu]&"  # letters glued before a quote (regex alternatives)
    bracket_names: bool = True  # [name] (SQL Server, SQLite)
    colon_numbers: bool = True  # :1 is a placeholder (else ':' then the number 1, as in x[0:1])
    dollar_quotes: bool = True  # $$...$$ / $tag$...$tag$
    money: bool = False  # $12.50 is a number (SQL Server)
    hash_comments: bool = False  # '#' starts a comment to the end of the line
    q_quotes: bool = False  # Oracle's q'[...]' / nq'{...}'
    executable_comments: bool = False  # MySQL's /*!40000 .. */ and MariaDB's /*M!100100 .. */ run their text


DEFAULT_RULES = Rules("default")
_POSTGRES = Rules("postgresql", backslash_escapes=False, escape_prefix_only=True,
                  string_prefixes=r"[NnBbXx]|[Uu]&", bracket_names=False, colon_numbers=False)
_MYSQL = Rules("mysql", double_quoted_strings=True, string_prefixes=r"[NnBbXx]", bracket_names=False,
               colon_numbers=False, dollar_quotes=False, hash_comments=True, executable_comments=True)
_BIGQUERY = Rules("bigquery", double_quoted_strings=True, triple_quoted_strings=True,
                  string_prefixes=r"[Rr][Bb]|[Bb][Rr]|[RrBb]", bracket_names=False, colon_numbers=False,
                  dollar_quotes=False, hash_comments=True)
_SPARK = Rules("spark", double_quoted_strings=True, string_prefixes=r"[RrXx]", bracket_names=False,
               colon_numbers=False, dollar_quotes=False)
_MSSQL = Rules("mssql", backslash_escapes=False, string_prefixes=r"[Nn]", colon_numbers=False,
               dollar_quotes=False, money=True)
_SQLITE = Rules("sqlite", backslash_escapes=False, string_prefixes=r"[Xx]", dollar_quotes=False)
_ORACLE = Rules("oracle", backslash_escapes=False, string_prefixes=r"[Nn]", bracket_names=False,
                dollar_quotes=False, q_quotes=True)
_SNOWFLAKE = Rules("snowflake", string_prefixes=r"[Xx]", bracket_names=False)
_TRINO = Rules("trino", backslash_escapes=False, string_prefixes=r"[Xx]|[Uu]&", bracket_names=False,
               colon_numbers=False, dollar_quotes=False)
_REDSHIFT = Rules("redshift", bracket_names=False, colon_numbers=False)
_CLICKHOUSE = Rules("clickhouse", string_prefixes=r"[Xx]", bracket_names=False, colon_numbers=False,
                    hash_comments=True)

# SQLAlchemy dialect names (``engine.dialect.name``) -> rules; other names get DEFAULT_RULES.
DIALECT_RULES: dict[str, Rules] = {
    "postgresql": _POSTGRES, "postgres": _POSTGRES, "cockroachdb": _POSTGRES, "duckdb": _POSTGRES,
    "redshift": _REDSHIFT, "mysql": _MYSQL, "mariadb": _MYSQL, "bigquery": _BIGQUERY,
    "databricks": _SPARK, "spark": _SPARK, "sparksql": _SPARK, "hive": _SPARK, "mssql": _MSSQL,
    "sybase": _MSSQL, "sqlite": _SQLITE, "oracle": _ORACLE, "snowflake": _SNOWFLAKE, "trino": _TRINO,
    "presto": _TRINO, "awsathena": _TRINO, "athena": _TRINO, "clickhouse": _CLICKHOUSE,
}  # fmt: skip


def rules_for(dialect: str | None) -> Rules:
    """The literal rules of a SQLAlchemy dialect name (``None`` or unknown: the defaults)."""
    if dialect is None:
        return DEFAULT_RULES
    rules = DIALECT_RULES.get(dialect)
    if rules is None and isinstance(dialect, str):
        rules = DIALECT_RULES.get(dialect.lower().split("+", 1)[0])
    return rules or DEFAULT_RULES


# -- fragments, shared with shape.py (which must cut literals exactly where the lexer does) -------------
# A quoted body starts after its opening quote and runs to its closing quote or to the end of the text.
def quoted_body(quote: str, backslash: bool) -> str:
    q = re.escape(quote)
    if backslash:
        return rf"(?:[^{q}\\]+|{q}{q}|\\(?s:.))*(?:{q}|\\?\Z)"
    return rf"(?:[^{q}]+|{q}{q})*(?:{q}|\Z)"


def triple_body(quote: str) -> str:  # after the three opening quotes
    q = re.escape(quote)
    return rf"(?:[^{q}\\]+|\\(?s:.)|{q}(?!{q}{q}))*(?:{q}{q}{q}|\\?\Z)"


# after Oracle's q' : the delimiter pairs, or any other character closing itself. It never fails (even on
# q' at the end), so that whether q' opens such a string depends only on the character before the q.
Q_QUOTE_BODY = (r"(?:\[(?s:.*?)(?:\]'|\Z)|\{(?s:.*?)(?:\}'|\Z)|\((?s:.*?)(?:\)'|\Z)|<(?s:.*?)(?:>'|\Z)"
                r"|(?P<qd>(?s:.))(?s:.*?)(?:(?P=qd)'|\Z)|\Z)")
# A prefix that changes where its string ends (E'..', q'..') counts only after a character that cannot end
# a word (#temp included: "#E'x'" is the name #E then a string), a number or a dollar quote: the same condition
# shape.py can check by looking behind.
PREFIX_START = r"(?<![\w$.#])"
# MySQL runs the text of /*! .. */ (mysqldump writes /*!40000 ALTER TABLE `t` DISABLE KEYS */): its opener, with
# the version, is neither a comment nor a token, and its "*/" is dropped from the tokens (a "*" right before a "/"
# is no SQL otherwise)
EXECUTABLE_COMMENT_OPENER = r"/\*M?!\d*"
# A lone "\r" ends a line comment too (PostgreSQL's and SQL Server's scanners; SQLite's reads on to "\n", and the
# text between is then analysed as SQL: a comment holds no bound value, and literals in it are still masked)
LINE_COMMENT_BODY = r"[^\r\n]*"
BLOCK_COMMENT_BODY = r"(?s:.*?)(?:\*/|\Z)"  # after /*
DOLLAR_BODY = r"(?P<tag>(?:[^\W\d]\w*)?)\$(?s:.*?)(?:\$(?P=tag)\$|\Z)"  # after the first $
# A number swallows letters glued to it ("1abc"): treating an odd identifier as a literal is the safe
# mistake. (Hex and binary forms are spelled out for readability; "[\w$]*" would take them anyway.)
NUMBER = r"(?:0[xX][0-9A-Fa-f]+|0[bB][01]+|(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)[\w$]*"
DQ_NAME = r'"(?:[^"]+|"")*(?:"|\Z)'
BACKTICK_NAME = r"`(?:[^`]+|``)*(?:`|\Z)"
BRACKET_NAME = r"""\[(?![\d+\-.'"\s])[^\]\['",\n]*\]"""
NAMED_PYFORMAT = r"%\(\w*\)s"


def _string_branch(rules: Rules) -> str:
    single = quoted_body("'", rules.backslash_escapes)
    forms = []
    if rules.q_quotes:  # before the plain prefixes: "nq'" / "q'" (a letter glued to a word is part of it)
        forms.append(PREFIX_START + r"[Nn]?[Qq]'" + Q_QUOTE_BODY)
    if rules.escape_prefix_only:
        forms.append(PREFIX_START + r"[Ee]'" + quoted_body("'", True))
    quotes = []
    if rules.triple_quoted_strings:
        quotes.append("'''" + triple_body("'"))
        if rules.double_quoted_strings:
            quotes.append('"""' + triple_body('"'))
    quotes.append("'" + single)
    if rules.double_quoted_strings:
        quotes.append('"' + quoted_body('"', rules.backslash_escapes))
    forms.append(f"(?:{rules.string_prefixes})?(?:{'|'.join(quotes)})")
    return "|".join(forms)


def _placeholder_branch(rules: Rules) -> str:
    forms = [NAMED_PYFORMAT, r"%s", r"\?\d*", r":[^\W\d]\w*"]
    if rules.colon_numbers:
        forms.append(r":\d+")
    if not rules.money:
        forms.append(r"\$\d+")
    forms += [r"@@?\w+", r"__\[POSTCOMPILE_\w+\]"]
    return "|".join(forms)


def token_pattern(rules: Rules) -> str:
    r"""The lexer's regular expression for ``rules``. Branch order matters: prefixed strings before words,
    ``::``/``:=`` before ``:name``, numbers before the single-character catch-all. Every quoted form ends
    at its delimiter *or the end of the text*, so each branch either matches or fails at once.

    Whitespace is not a token: each match takes the whitespace before its token, which halves the matches a
    statement costs (the token is the named group, ``m.group(m.lastgroup)``). The last branch matches the end
    of the text, with no group, so trailing whitespace is one match too; since some branch always matches after
    the whitespace, ``\s*`` never backtracks.

    The commonest tokens are tried first where no earlier branch could take them, so that they do not pay for
    failing the others: a word whose first letter prefixes no string in any dialect (not N E B X R U Q) and the
    punctuation that starts no other token (``,`` ``(`` ``)`` ``*`` ``;``, a ``.`` before no digit). Other
    words (``N'x'`` is a string) come after the strings, as ``wordx``; the tokens are the same."""
    comments = [r"--" + LINE_COMMENT_BODY, r"/\*" + BLOCK_COMMENT_BODY]  # (after the executable opener's branch)
    if rules.hash_comments:
        comments.append("#" + LINE_COMMENT_BODY)
    names = [] if rules.double_quoted_strings else [DQ_NAME]
    names.append(BACKTICK_NAME)
    if rules.bracket_names:
        names.append(BRACKET_NAME)
    number = (r"\$(?=\.?\d)" + NUMBER + "|" + NUMBER) if rules.money else NUMBER
    branches = [
        ("word", r"(?![NnEeBbXxRrUuQq])[^\W\d][\w$]*"),
        ("op1", r"[,()*;]|\.(?!\d)"),
        *([("xc", EXECUTABLE_COMMENT_OPENER)] if rules.executable_comments else []),
        ("cmt", "|".join(comments)),
        ("str", _string_branch(rules)),
        # SQL Server's #temp and ##global temp tables are names; where "#" starts a comment it cannot be
        ("wordx", (r"[^\W\d][\w$]*" if rules.hash_comments else r"(?:##?)?[^\W\d][\w$]*")),
        ("qid", "|".join(names)),
        ("num", number),
        ("op2", r"::|:=|<=|>=|<>|!=|\|\||->>|->|=>"),
        ("ph", _placeholder_branch(rules)),
    ]
    if rules.dollar_quotes:
        branches.append(("dlr", r"\$" + DOLLAR_BODY))
    branches.append(("op", r"(?s:.)"))
    return r"\s*(?:" + "|".join(f"(?P<{name}>{body})" for name, body in branches) + r"|\Z)"


_compiled: dict[Rules, re.Pattern[str]] = {}


def token_regex(rules: Rules) -> re.Pattern[str]:
    pattern = _compiled.get(rules)
    if pattern is None:
        pattern = _compiled[rules] = re.compile(token_pattern(rules))
    return pattern


_TOKEN_RE = token_regex(DEFAULT_RULES)


def _build_keywords() -> frozenset[str]:
    """SQL keywords, from sqlparse's tables (read-only), plus statement verbs it lacks."""
    words: set[str] = set()
    for name in dir(_sqlparse_keywords):
        table = getattr(_sqlparse_keywords, name)
        if name.startswith("KEYWORDS") and isinstance(table, dict):
            words.update(k for k in table if isinstance(k, str))
    words.update(
        {
            "PRAGMA", "RELEASE", "REFRESH", "DISCARD", "PUT", "LIST", "UNDROP", "OPTIMIZE", "REPAIR",
            "KILL", "HANDLER", "IMPORT", "EXPORT", "UNLOAD", "REMOVE", "UPSERT", "REINDEX", "DESC",
            "MSCK", "REVOKE", "GRANT", "TRUNCATE", "VACUUM", "SAVEPOINT", "DETACH", "ATTACH",
            # DuckDB's, SQL Server's, Snowflake's, Databricks' and MySQL's own commands
            "SUMMARIZE", "INSTALL", "UNINSTALL", "DBCC", "RESTORE", "WAITFOR", "RAISERROR", "THROW", "BULK",
            "RECONFIGURE", "DENY", "UNSET", "UNCACHE", "FSCK", "REORG", "CHECKSUM", "REASSIGN", "PURGE", "XA",
        }
    )  # fmt: skip
    return frozenset(words)


KEYWORDS = _build_keywords()


def tokenize(text: str, rules: Rules = DEFAULT_RULES) -> tuple[str, list[tuple[str, str]]]:
    """Return (sanitized prefix, significant tokens) for the first ``MAX_ANALYSED_CHARS`` characters.

    Comments are dropped and literals become ``?``; a literal cut by the prefix boundary is still a
    literal. When nothing changes, the prefix itself is returned as the sanitized text.
    """
    text = text[:MAX_ANALYSED_CHARS]  # the whole string itself when it is short enough
    toks: list[tuple[str, str]] = []
    append_tok = toks.append
    # The sanitized text is built only when something changes: the kept text between changes is sliced
    # from ``text`` (most statements from an ORM have no literal and no comment: nothing is copied).
    pieces: list[str] | None = None
    pos = 0  # text[:pos] is in pieces
    # where a "+"/"-" that starts a literal is, while it is the last token ("-12" is one literal); -2: none
    sign_at = -2
    regex = _TOKEN_RE if rules is DEFAULT_RULES else token_regex(rules)
    executable = rules.executable_comments
    star_end = -2  # where the last "*" ended (executable comments: a "/" right after it closes one)
    for m in regex.finditer(text):
        group = m.lastgroup
        if group == "word" or group == "wordx":
            tok = m[group]
            if not (len(tok) in (4, 5) and tok.upper() in _BOOLEANS):
                append_tok((WORD, tok))
                sign_at = -2
                continue
        elif group is None:  # the end of the text
            break
        elif group not in _CHANGED_GROUPS:
            tok = m[group]
            if group == "op" and tok in "+-" and _sign_starts_literal(toks):
                sign_at = m.end() - 1
                append_tok((OP, tok))
                continue
            if executable:
                if group == "xc":  # /*!40000: what follows is SQL
                    sign_at = -2
                    continue
                if tok == "/" and star_end == m.end() - 1:
                    del toks[-1]  # the "*/" closing /*! .. */
                    sign_at = star_end = -2
                    continue
                if tok == "*":
                    star_end = m.end()
            append_tok((QUOTED if group == "qid" else PARAM if group == "ph" else OP, tok))
            sign_at = -2
            continue
        else:
            tok = m[group]
        # a comment (dropped) or a literal (a boolean too: "?")
        end = m.end()
        start = end - len(tok)
        if pieces is None:
            pieces = []
        if group == "cmt":
            pieces.append(text[pos:start])
        else:
            if group == "num" and sign_at == start - 1:
                start = sign_at
            pieces.append(text[pos:start])
            pieces.append("?")
            append_tok((LITERAL, tok))
        pos = end
        sign_at = -2
    if pieces is None:
        return text, toks
    pieces.append(text[pos:])
    return "".join(pieces), toks


def _sign_starts_literal(toks: list[tuple[str, str]]) -> bool:
    """Whether a ``+``/``-`` after ``toks`` is a sign rather than a binary operator."""
    if not toks:
        return True
    kind, prev = toks[-1]
    if kind == WORD:
        return prev.upper() in KEYWORDS  # "SELECT -1" but not "a-1"
    if kind == OP:
        return prev != ")"  # "f(x)-1" is a subtraction
    return kind == LITERAL  # after a quoted name or a placeholder it is an operator
