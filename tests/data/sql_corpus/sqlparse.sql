# Statements from sqlparse's test suite (tests/files and the parse/split/grouping tests), as data.

## op=SELECT tables=user,foo dialect=mysql source=sqlparse/tests/files/slashcomment
select * from user;
select * from user;
select * from foo;

## op=TRANSACTION tables=foo dialect=ansi source=sqlparse/tests/files/begincommit_1
-- postgresql, mysql
begin
/*comment*/
--comment
;
update foo
       set bar = 1;
commit;

## op=SELECT tables=foo dialect=ansi source=sqlparse/tests
SELECT foo.bar FROM foo

## op=SELECT tables=foo dialect=ansi source=sqlparse/tests
select x from (select y from foo where bar = 1) as bar

## op=SELECT tables=foo dialect=ansi source=sqlparse/tests
select a.b as c from foo as f

## op=SELECT tables=foo,bar dialect=ansi source=sqlparse/tests
select * from foo join bar on foo.id = bar.id

## op=SELECT tables=foo,bar dialect=ansi source=sqlparse/tests
select * from foo inner join bar using (id)

## op=SELECT tables=a,b,c dialect=ansi source=sqlparse/tests
select * from a, b, c where a.x = b.y

## op=INSERT tables=foo dialect=ansi source=sqlparse/tests
insert into foo values (1, 2), (3, 4)

## op=INSERT tables=foo dialect=ansi source=sqlparse/tests
INSERT INTO foo (a, b) VALUES (?, ?)

## op=DELETE tables=foo dialect=ansi source=sqlparse/tests
delete from foo where bar = 'baz'

## op=UPDATE tables=foo dialect=ansi source=sqlparse/tests
UPDATE foo SET a = 1, b = 'x' WHERE c IN (1, 2, 3)

## op=CREATE tables=foo dialect=ansi source=sqlparse/tests
CREATE TABLE foo (id integer, name varchar(10));

## op=DROP tables=foo dialect=ansi source=sqlparse/tests
drop table foo;

## op=ALTER tables=foo dialect=ansi source=sqlparse/tests
alter table foo add column bar integer;

## op=SELECT tables=foo dialect=ansi source=sqlparse/tests
select -- comment
  * from foo

## op=SELECT tables=foo dialect=ansi source=sqlparse/tests
/* multi
   line */ select * from foo

## op=SELECT tables=foo dialect=ansi source=sqlparse/tests
select * from foo where bar is not null order by baz desc limit 10

## op=SELECT tables=foo dialect=ansi source=sqlparse/tests
SELECT CASE WHEN a = 1 THEN 'one' ELSE 'other' END AS label FROM foo

## op=SELECT tables=foo dialect=ansi source=sqlparse/tests
select count(*) from foo group by bar having count(*) > 1

## op=SELECT tables=foo dialect=ansi source=sqlparse/tests
SELECT * FROM foo WHERE bar LIKE '%baz%' ESCAPE '\'

## op=SELECT tables=foo,bar dialect=ansi source=sqlparse/tests
select * from foo union all select * from bar

## op=SELECT tables=dbo.table dialect=mssql source=sqlparse/tests
SELECT * FROM [dbo].[table]

## op=SELECT tables=schema.table dialect=mysql source=sqlparse/tests
select * from `schema`.`table`

## op=SELECT tables=foo dialect=ansi source=sqlparse/tests
SELECT "foo"."bar" FROM "foo"

## op=SELECT tables=foo dialect=postgresql source=sqlparse/tests
select $$foo$$ from foo

## op=SELECT tables=foo dialect=ansi source=sqlparse/tests
select * from foo where x = :param and y = :2

## op=SELECT tables=- dialect=ansi source=sqlparse/tests
WITH foo AS (SELECT 1) SELECT * FROM foo
