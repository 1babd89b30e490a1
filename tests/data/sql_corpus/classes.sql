# The error classes issue #14 lists, and their generalizations (tuning set).

## op=SELECT tables=shop_product,shop_category dialect=postgresql source=classes/distinct-quoted
SELECT DISTINCT "shop_product"."id", "shop_product"."name" FROM "shop_product" INNER JOIN "shop_category" ON ("shop_product"."category_id" = "shop_category"."id") WHERE "shop_category"."slug" = %s

## op=SELECT tables=a dialect=mssql source=classes/distinct-brackets
SELECT DISTINCT [a].[b] FROM [a]

## op=SELECT tables=t dialect=ansi source=classes/distinct-literal
SELECT DISTINCT 1 FROM t

## op=SELECT tables=t dialect=ansi source=classes/distinct-star
SELECT DISTINCT * FROM t

## op=SELECT tables=t dialect=mysql source=classes/distinct-backtick
SELECT DISTINCT `t`.`c` FROM `t`

## op=SELECT tables=t dialect=postgresql source=classes/distinct-placeholder
SELECT DISTINCT %(p)s AS k FROM t

## op=SELECT tables=t dialect=postgresql source=classes/distinct-paren
SELECT DISTINCT (a) FROM t

## op=SELECT tables=logs dialect=postgresql source=classes/distinct-on
SELECT DISTINCT ON (host) host, ts FROM logs ORDER BY host, ts DESC

## op=SELECT tables=t dialect=postgresql source=classes/distinct-string
SELECT DISTINCT 'a' FROM t

## op=SELECT tables=t dialect=ansi source=classes/all
SELECT ALL * FROM t

## op=SELECT tables=t dialect=postgresql source=classes/is-distinct-from
SELECT * FROM t WHERE "t"."a" IS DISTINCT FROM "t"."b"

## op=SELECT tables=t dialect=postgresql source=classes/is-not-distinct-from
SELECT * FROM t WHERE a IS NOT DISTINCT FROM 'x'

## op=SELECT tables=t,u dialect=postgresql source=classes/distinct-subquery
SELECT * FROM t WHERE id IN (SELECT DISTINCT "u"."tid" FROM "u")

## op=SELECT tables=t dialect=mysql source=classes/distinctrow
SELECT DISTINCTROW `a` FROM `t`

## op=UPDATE tables=orders,users dialect=postgresql source=classes/with-update
WITH big AS (SELECT user_id FROM users WHERE spend > 1000) UPDATE orders SET priority = 1 WHERE user_id IN (SELECT user_id FROM big)

## op=DELETE tables=archive,cutoff_source dialect=postgresql source=classes/with-delete
WITH c AS (SELECT max(ts) AS m FROM cutoff_source) DELETE FROM archive USING c WHERE archive.ts < c.m

## op=INSERT tables=archive,queue dialect=postgresql source=classes/with-insert
WITH moved AS (DELETE FROM queue WHERE done RETURNING *) INSERT INTO archive SELECT * FROM moved

## op=UPSERT tables=stats,events dialect=postgresql source=classes/with-upsert
WITH agg AS (SELECT k, count(*) AS n FROM events GROUP BY k) INSERT INTO stats (k, n) SELECT k, n FROM agg ON CONFLICT (k) DO UPDATE SET n = excluded.n

## op=MERGE tables=target,source dialect=postgresql source=classes/with-merge
WITH s AS (SELECT * FROM source) MERGE INTO target t USING s ON t.id = s.id WHEN MATCHED THEN DELETE

## op=CREATE tables=s,t dialect=ansi source=classes/with-create-as
WITH x AS (SELECT * FROM t) CREATE TABLE s AS SELECT * FROM x

## op=UPDATE tables=t,u,v dialect=postgresql source=classes/with-two-update
WITH a AS (SELECT * FROM u), b AS (SELECT * FROM v JOIN a ON a.id = v.id) UPDATE t SET x = 1 FROM b WHERE t.id = b.id

## op=INSERT tables=x,z dialect=postgresql source=classes/insert-then-with
INSERT INTO x WITH y AS (SELECT * FROM z) SELECT * FROM y

## op=INSERT tables=x,z dialect=postgresql source=classes/insert-cols-then-with
INSERT INTO x (a, b) WITH y (a, b) AS (SELECT a, b FROM z) SELECT a, b FROM y

## op=INSERT tables=dbo.t,dbo.s dialect=mssql source=classes/insert-table-hint
INSERT INTO dbo.t WITH (TABLOCK) SELECT * FROM dbo.s

## op=CREATE tables=v,t dialect=postgresql source=classes/view-as-with
CREATE VIEW v AS WITH w AS (SELECT * FROM t) SELECT * FROM w

## op=SELECT tables=t dialect=postgresql source=classes/with-recursive
WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 10) SELECT * FROM r JOIN t ON t.n = r.n

## op=SELECT tables=orders dialect=postgresql source=classes/with-materialized
WITH o AS NOT MATERIALIZED (SELECT * FROM orders) SELECT count(*) FROM o

## op=CREATE tables=user dialect=sqlite source=classes/keyword-table
CREATE TABLE user (
	id INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	PRIMARY KEY (id)
)

## op=DROP tables=task dialect=sqlite source=classes/keyword-table
DROP TABLE task

## op=ALTER tables=role dialect=sqlite source=classes/keyword-table
ALTER TABLE role ADD c int

## op=CREATE tables=temp dialect=sqlite source=classes/keyword-table
CREATE TABLE temp (a int)

## op=SELECT tables=start dialect=mssql source=classes/keyword-table
SELECT * FROM start WITH (NOLOCK)

## op=DROP tables=user dialect=sqlite source=classes/keyword-table
DROP TABLE IF EXISTS user

## op=CREATE tables=session dialect=sqlite source=classes/keyword-table
CREATE TABLE session (id INTEGER PRIMARY KEY, data TEXT)

## op=INDEX tables=user dialect=sqlite source=classes/keyword-table
CREATE INDEX ix_user_name ON user (name)

## op=UPDATE tables=user dialect=sqlite source=classes/keyword-table
UPDATE user SET name=? WHERE user.id = ?

## op=DELETE tables=task dialect=sqlite source=classes/keyword-table
DELETE FROM task WHERE task.id = ?

## op=CREATE tables=event dialect=sqlite source=classes/keyword-table
CREATE TABLE event (id INTEGER NOT NULL, PRIMARY KEY (id))

## op=CREATE tables=data dialect=mysql source=classes/keyword-table
CREATE TABLE IF NOT EXISTS data (id int)

## op=ALTER tables=user dialect=sqlite source=classes/keyword-table
ALTER TABLE user RENAME COLUMN name TO full_name

## op=CREATE tables=sequence dialect=sqlite source=classes/keyword-table
CREATE TABLE sequence (n int)

## op=DROP tables=stage dialect=postgresql source=classes/keyword-table
DROP TABLE stage

## op=SELECT tables=policy dialect=mysql source=classes/keyword-table
SELECT * FROM policy

## op=CREATE tables=v,t dialect=mssql source=classes/ddl-modifiers
CREATE OR ALTER VIEW v AS SELECT * FROM t

## op=CREATE tables=posts_fts dialect=sqlite source=classes/ddl-modifiers
CREATE VIRTUAL TABLE posts_fts USING fts5(title, body)

## op=CREATE tables=geo dialect=sqlite source=classes/ddl-modifiers
CREATE VIRTUAL TABLE IF NOT EXISTS geo USING rtree(id, minX, maxX)

## op=CREATE tables=v_users,users dialect=mysql source=classes/ddl-modifiers
CREATE ALGORITHM=UNDEFINED DEFINER=`root`@`localhost` SQL SECURITY DEFINER VIEW `v_users` AS select `users`.`id` AS `id` from `users`

## op=CREATE tables=v2,t dialect=mysql source=classes/ddl-modifiers
CREATE DEFINER=root@localhost VIEW v2 AS SELECT a FROM t

## op=CREATE tables=v3,t dialect=mysql source=classes/ddl-modifiers
CREATE OR REPLACE ALGORITHM = TEMPTABLE VIEW v3 AS SELECT a FROM t

## op=CREATE tables=tmp dialect=postgresql source=classes/ddl-modifiers
CREATE TEMP TABLE tmp (a int)

## op=CREATE tables=tmp2 dialect=postgresql source=classes/ddl-modifiers
CREATE TEMPORARY TABLE IF NOT EXISTS tmp2 (a int) ON COMMIT DROP

## op=CREATE tables=gtt dialect=oracle source=classes/ddl-modifiers
CREATE GLOBAL TEMPORARY TABLE gtt (a NUMBER) ON COMMIT PRESERVE ROWS

## op=CREATE tables=u dialect=postgresql source=classes/ddl-modifiers
CREATE UNLOGGED TABLE u (a int)

## op=CREATE tables=mv,big dialect=postgresql source=classes/ddl-modifiers
CREATE MATERIALIZED VIEW IF NOT EXISTS mv AS SELECT * FROM big WITH NO DATA

## op=CREATE tables=ext.logs dialect=databricks source=classes/ddl-modifiers
CREATE EXTERNAL TABLE IF NOT EXISTS ext.logs (line STRING) LOCATION 's3://bucket/logs'

## op=CREATE tables=ds.tv,ds.t dialect=bigquery source=classes/ddl-modifiers
CREATE OR REPLACE TEMP VIEW ds.tv AS SELECT * FROM ds.t

## op=CREATE tables=ft dialect=postgresql source=classes/ddl-modifiers
CREATE FOREIGN TABLE ft (a int) SERVER remote OPTIONS (table_name 'x')

## op=CREATE tables=v,emp dialect=oracle source=classes/ddl-modifiers
CREATE OR REPLACE FORCE EDITIONABLE VIEW v AS SELECT * FROM emp

## op=CREATE tables=rv dialect=postgresql source=classes/ddl-modifiers
CREATE RECURSIVE VIEW rv (n) AS VALUES (1) UNION ALL SELECT n + 1 FROM rv WHERE n < 5

## op=DROP tables=mv dialect=postgresql source=classes/ddl-modifiers
DROP MATERIALIZED VIEW IF EXISTS mv

## op=CREATE tables=dt,src dialect=snowflake source=classes/ddl-modifiers
CREATE OR REPLACE DYNAMIC TABLE dt TARGET_LAG = '1 minute' WAREHOUSE = wh AS SELECT * FROM src

## op=CREATE tables=lt,raw dialect=databricks source=classes/ddl-modifiers
CREATE OR REFRESH STREAMING TABLE lt AS SELECT * FROM STREAM(raw)

## op=CREATE tables=#tmp dialect=mssql source=classes/temp-table
CREATE TABLE #tmp (id int)

## op=SELECT tables=#tmp dialect=mssql source=classes/temp-table
SELECT * FROM #tmp

## op=DROP tables=#tmp dialect=mssql source=classes/temp-table
DROP TABLE #tmp

## op=INSERT tables=##g dialect=mssql source=classes/temp-table
INSERT INTO ##g VALUES (1)

## op=SELECT tables=t,#ids dialect=mssql source=classes/temp-table
SELECT t.* FROM t JOIN #ids i ON i.id = t.id

## op=DROP tables=#t dialect=mssql source=classes/temp-table
DROP TABLE IF EXISTS #t

## op=CREATE tables=new_table,old_table dialect=mssql source=classes/select-into
SELECT * INTO new_table FROM old_table

## op=CREATE tables=#x,t dialect=mssql source=classes/select-into
SELECT a, b INTO #x FROM t WHERE a > 1

## op=CREATE tables=dbo.backup,dbo.src dialect=mssql source=classes/select-into
SELECT * INTO [dbo].[backup] FROM [dbo].[src]

## op=CREATE tables=films_recent,films dialect=postgresql source=classes/select-into
SELECT * INTO films_recent FROM films WHERE date_prod >= '2002-01-01'

## op=CREATE tables=tmp_t,t dialect=postgresql source=classes/select-into
SELECT * INTO TEMP TABLE tmp_t FROM t

## op=SELECT tables=t dialect=mysql source=classes/select-into-var
SELECT a INTO @x FROM t LIMIT 1

## op=SELECT tables=t dialect=mysql source=classes/select-into-outfile
SELECT a, b INTO OUTFILE '/tmp/result.txt' FROM t

## op=CREATE tables=dbo.t dialect=mssql source=classes/filegroup
CREATE TABLE [dbo].[t] ([id] [int] NOT NULL) ON [PRIMARY]

## op=CREATE tables=t dialect=mssql source=classes/filegroup
CREATE TABLE t (id int, doc nvarchar(max)) ON [PRIMARY] TEXTIMAGE_ON [PRIMARY]

## op=INDEX tables=t dialect=mssql source=classes/filegroup
CREATE INDEX ix ON t (a) ON [PRIMARY]

## op=INDEX tables=dbo.t dialect=mssql source=classes/filegroup
CREATE UNIQUE CLUSTERED INDEX ix ON dbo.t (a) WITH (ONLINE = ON) ON fg_data

## op=ALTER tables=dbo.t dialect=mssql source=classes/filegroup
ALTER TABLE [dbo].[t] ADD CONSTRAINT [PK_t] PRIMARY KEY CLUSTERED ([id] ASC) ON [PRIMARY]

## op=SELECT tables=my-project.dataset.table dialect=bigquery source=classes/bq-dashed
SELECT * FROM my-project.dataset.table

## op=SELECT tables=my-project.dataset.table dialect=bigquery source=classes/bq-dashed
SELECT * FROM `my-project`.dataset.table

## op=SELECT tables=my-project.dataset.table dialect=bigquery source=classes/bq-dashed
SELECT * FROM `my-project.dataset.table`

## op=INSERT tables=my-project.ds.t,my-project.ds.s dialect=bigquery source=classes/bq-dashed
INSERT INTO my-project.ds.t SELECT * FROM my-project.ds.s

## op=SELECT tables=a-b-c.ds.t,x-y.ds.u dialect=bigquery source=classes/bq-dashed
SELECT * FROM a-b-c.ds.t JOIN x-y.ds.u USING (id)

## op=SELECT tables=proj-123.ds.t dialect=bigquery source=classes/bq-dashed
SELECT * FROM proj-123.ds.t

## op=SELECT tables=t,u dialect=postgresql source=classes/tablesample
SELECT * FROM t TABLESAMPLE SYSTEM (10) JOIN u ON u.id = t.id

## op=SELECT tables=t,u dialect=mssql source=classes/tablesample
SELECT * FROM t TABLESAMPLE (10 PERCENT) INNER JOIN u ON u.id = t.id

## op=SELECT tables=t,u dialect=databricks source=classes/tablesample
SELECT * FROM t TABLESAMPLE (5 ROWS) AS s, u

## op=SELECT tables=t,u dialect=snowflake source=classes/tablesample
SELECT * FROM t SAMPLE (10) JOIN u ON u.id = t.id

## op=SELECT tables=t dialect=postgresql source=classes/rows-from
SELECT * FROM ROWS FROM (generate_series(1, 3), generate_series(1, 2)) AS x(a, b) JOIN t ON t.a = x.a

## op=INSERT tables=t dialect=databricks source=classes/insert-overwrite-directory
INSERT OVERWRITE DIRECTORY '/tmp/dest' USING parquet SELECT * FROM t

## op=INSERT tables=src dialect=databricks source=classes/insert-overwrite-directory
INSERT OVERWRITE DIRECTORY USING parquet OPTIONS (path '/tmp/d') SELECT a FROM src

## op=INSERT tables=t,s dialect=databricks source=classes/insert-overwrite-table
INSERT OVERWRITE TABLE t SELECT * FROM s

## op=SELECT tables=users dialect=postgresql source=classes/table-function
SELECT * FROM users u JOIN LATERAL unnest(u.tags) AS tag ON true

## op=SELECT tables=- dialect=postgresql source=classes/table-function
SELECT * FROM json_each('{"a":1}')

## op=SELECT tables=t dialect=postgresql source=classes/table-function
SELECT * FROM t, generate_series(1, t.n) WITH ORDINALITY AS g(i, ord)

## op=SELECT tables=- dialect=snowflake source=classes/table-function
SELECT * FROM TABLE(RESULT_SCAN(LAST_QUERY_ID()))

## op=SELECT tables=t dialect=oracle source=classes/table-function
SELECT * FROM t, XMLTABLE('/r' PASSING t.doc COLUMNS a NUMBER PATH 'a') x

## op=SELECT tables=t dialect=mysql source=classes/table-function
SELECT * FROM t, JSON_TABLE(t.doc, '$[*]' COLUMNS (a INT PATH '$.a')) AS jt

## op=SELECT tables=t,u dialect=sqlite source=classes/line-comment-cr escapes=1
SELECT * FROM t -- a comment\rJOIN u ON u.id = t.id

## op=SELECT tables=t dialect=postgresql source=classes/values-derived
SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(id, name) JOIN t USING (id)

## op=CREATE tables=public.orders dialect=postgresql source=classes/trigger-on-table
CREATE OR REPLACE TRIGGER orders_audit AFTER INSERT OR UPDATE OR DELETE ON public.orders FOR EACH ROW EXECUTE PROCEDURE audit.if_modified_func()

## op=CREATE tables=payments dialect=postgresql source=classes/trigger-on-table
CREATE CONSTRAINT TRIGGER payments_check AFTER INSERT ON payments DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_payment()

## op=DROP tables=orders dialect=postgresql source=classes/trigger-on-table
DROP TRIGGER IF EXISTS orders_audit ON orders CASCADE

## op=ALTER tables=orders dialect=postgresql source=classes/trigger-on-table
ALTER TRIGGER orders_audit ON orders RENAME TO orders_history

## op=CREATE tables=notes dialect=sqlite source=classes/trigger-on-table
CREATE TRIGGER IF NOT EXISTS main.notes_ai AFTER INSERT ON notes BEGIN INSERT INTO notes_fts(rowid, body) VALUES (new.id, new.body); END

## op=CREATE tables=dbo.Orders dialect=mssql source=classes/trigger-on-table
CREATE OR ALTER TRIGGER [dbo].[trg_Orders_Update] ON [dbo].[Orders] AFTER UPDATE AS BEGIN SET NOCOUNT ON; UPDATE o SET ModifiedAt = GETDATE() FROM dbo.Orders o JOIN inserted i ON i.Id = o.Id; END

## op=CREATE tables=- dialect=mssql source=classes/trigger-on-table
CREATE TRIGGER ddl_guard ON ALL SERVER FOR CREATE_DATABASE AS PRINT 'no'

## op=CREATE tables=wp_posts dialect=mysql source=classes/trigger-on-table
CREATE TRIGGER before_post_update BEFORE UPDATE ON wp_posts FOR EACH ROW SET NEW.post_modified = NOW()

## op=CREATE tables=documents dialect=postgresql source=classes/policy-on-table
CREATE POLICY tenant_isolation ON documents AS RESTRICTIVE FOR SELECT TO app_user USING (tenant_id = current_setting('app.tenant')::int)

## op=DROP tables=documents dialect=postgresql source=classes/policy-on-table
DROP POLICY IF EXISTS tenant_isolation ON documents

## op=CREATE tables=orders_stream,raw.orders dialect=snowflake source=classes/stream-on-table
CREATE OR REPLACE STREAM orders_stream ON TABLE raw.orders APPEND_ONLY = TRUE

## op=LOCK tables=accounts,ledger dialect=postgresql source=classes/table-command
LOCK TABLE ONLY accounts, ledger IN ACCESS EXCLUSIVE MODE NOWAIT

## op=LOCK tables=orders dialect=oracle source=classes/table-command
LOCK TABLE orders IN EXCLUSIVE MODE

## op=REFRESH tables=analytics.daily_sales dialect=postgresql source=classes/table-command
REFRESH MATERIALIZED VIEW analytics.daily_sales WITH DATA

## op=VACUUM tables=events dialect=postgresql source=classes/table-command
VACUUM (VERBOSE, ANALYZE) events

## op=VACUUM tables=delta.events dialect=databricks source=classes/table-command
VACUUM delta.events RETAIN 168 HOURS

## op=ANALYZE tables=public.orders dialect=postgresql source=classes/table-command
ANALYZE VERBOSE public.orders

## op=ANALYZE tables=sales dialect=databricks source=classes/table-command
ANALYZE TABLE sales COMPUTE STATISTICS FOR COLUMNS amount, region

## op=OPTIMIZE tables=t1 dialect=mysql source=classes/table-command
OPTIMIZE NO_WRITE_TO_BINLOG TABLE t1

## op=OPTIMIZE tables=events dialect=databricks source=classes/table-command
OPTIMIZE events WHERE date >= '2024-01-01' ZORDER BY (user_id)

## op=SELECT tables=sales dialect=duckdb source=classes/pivot-statement
PIVOT sales ON region IN ('EU', 'US') USING sum(amount) AS total, count(*) AS n GROUP BY year ORDER BY year

## op=SELECT tables=sales dialect=duckdb source=classes/pivot-statement
WITH pivoted AS (PIVOT sales ON year USING sum(amount)) SELECT * FROM pivoted

## op=CREATE tables=sales_pivot,sales dialect=duckdb source=classes/pivot-statement
CREATE TABLE sales_pivot AS PIVOT sales ON year USING sum(amount)

## op=SELECT tables=wide dialect=duckdb source=classes/pivot-statement
UNPIVOT wide ON COLUMNS(* EXCLUDE id) INTO NAME k VALUE v

## op=SELECT tables=raw_events dialect=databricks source=classes/stream-source
SELECT * FROM STREAM(raw_events)

## op=CREATE tables=clean,LIVE.raw dialect=databricks source=classes/stream-source
CREATE OR REFRESH STREAMING LIVE TABLE clean AS SELECT * FROM STREAM(LIVE.raw) WHERE ok

## op=CREATE tables=silver,bronze,dim dialect=databricks source=classes/stream-source
CREATE OR REFRESH STREAMING TABLE silver AS SELECT b.*, d.name FROM STREAM bronze b JOIN dim d ON d.id = b.dim_id

## op=SELECT tables=stream dialect=postgresql source=classes/stream-source
SELECT id FROM stream WHERE channel = $1

## op=CREATE tables=t_new,t_old dialect=postgresql source=classes/create-like
CREATE TEMP TABLE t_new (LIKE t_old INCLUDING DEFAULTS INCLUDING CONSTRAINTS)

## op=CREATE tables=archive.orders,public.orders dialect=postgresql source=classes/create-like
CREATE TABLE IF NOT EXISTS archive.orders (LIKE public.orders)

## op=SELECT tables=a,b dialect=postgresql source=classes/table-subquery
SELECT * FROM (TABLE a) x JOIN (TABLE b) y ON x.id = y.id

## op=SELECT tables=a,b dialect=postgresql source=classes/table-subquery
TABLE a UNION ALL TABLE b

## op=INSERT tables=archive,staging dialect=postgresql source=classes/table-subquery
INSERT INTO archive (TABLE staging)

## op=SELECT tables=tree dialect=postgresql source=classes/cte-search-cycle
WITH RECURSIVE t(id, parent) AS (SELECT id, parent FROM tree WHERE parent IS NULL UNION ALL SELECT c.id, c.parent FROM tree c JOIN t ON c.parent = t.id) CYCLE id SET is_cycle USING path SELECT * FROM t WHERE NOT is_cycle

## op=SELECT tables=tree dialect=postgresql source=classes/cte-search-cycle
WITH RECURSIVE t AS (SELECT * FROM tree) SEARCH BREADTH FIRST BY id SET ord SELECT id FROM t ORDER BY ord

## op=ALTER tables=film dialect=mysql source=classes/executable-comment
/*!40000 ALTER TABLE `film` ENABLE KEYS */

## op=SET tables=- dialect=mysql source=classes/executable-comment
/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */

## op=SELECT tables=t1,t2 dialect=mariadb source=classes/executable-comment
SELECT /*! STRAIGHT_JOIN */ t1.a FROM t1, t2 WHERE t1.a = t2.a

## op=CREATE tables=v,t dialect=mysql source=classes/executable-comment
/*!50001 CREATE ALGORITHM=UNDEFINED */ /*!50013 DEFINER=`root`@`localhost` SQL SECURITY DEFINER */ /*!50001 VIEW `v` AS select `t`.`a` AS `a` from `t` */

## op=CREATE tables=dbo.Employee,dbo.EmployeeHistory dialect=mssql source=classes/history-table
CREATE TABLE dbo.Employee (Id int PRIMARY KEY, SysStart datetime2 GENERATED ALWAYS AS ROW START, SysEnd datetime2 GENERATED ALWAYS AS ROW END, PERIOD FOR SYSTEM_TIME (SysStart, SysEnd)) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = dbo.EmployeeHistory, DATA_CONSISTENCY_CHECK = ON))

## op=ALTER tables=dbo.Employee,dbo.EmployeeHistory dialect=mssql source=classes/history-table
ALTER TABLE dbo.Employee SET (SYSTEM_VERSIONING = ON (HISTORY_TABLE = dbo.EmployeeHistory))

## op=CREATE tables=events_mv,events_agg,events dialect=clickhouse source=classes/mv-to-table
CREATE MATERIALIZED VIEW IF NOT EXISTS events_mv TO events_agg AS SELECT toStartOfHour(ts) AS h, count() AS c FROM events GROUP BY h

## op=SELECT tables=visits dialect=clickhouse source=classes/array-join
SELECT v.id, g FROM visits AS v LEFT ARRAY JOIN v.goals AS g WHERE g > 0

## op=INSERT tables=t dialect=postgresql source=classes/on-conflict-nothing
INSERT INTO t (id) SELECT generate_series(1, 10) ON CONFLICT DO NOTHING

## op=UPSERT tables=t dialect=postgresql source=classes/on-conflict-update
INSERT INTO t (id, n) VALUES ($1, 1) ON CONFLICT (id) WHERE NOT archived DO UPDATE SET n = t.n + 1

## op=SELECT tables=auth_user,auth_user_groups dialect=postgresql source=classes/distinct-quoted
SELECT DISTINCT "auth_user"."id", "auth_user"."username" FROM "auth_user" INNER JOIN "auth_user_groups" ON ("auth_user"."id" = "auth_user_groups"."user_id") WHERE "auth_user_groups"."group_id" IN (1, 2)

## op=SELECT tables=blog_entry,blog_entry_authors dialect=sqlite source=classes/distinct-quoted
SELECT DISTINCT "blog_entry"."id", "blog_entry"."headline" FROM "blog_entry" LEFT OUTER JOIN "blog_entry_authors" ON ("blog_entry"."id" = "blog_entry_authors"."entry_id") ORDER BY "blog_entry"."headline" ASC

## op=SELECT tables=dbo.Customers,dbo.Orders dialect=mssql source=classes/distinct-brackets
SELECT DISTINCT TOP (50) [c].[CustomerId], [c].[Name] FROM [dbo].[Customers] AS [c] INNER JOIN [dbo].[Orders] AS [o] ON [o].[CustomerId] = [c].[CustomerId]

## op=SELECT tables=products dialect=mysql source=classes/distinct-quoted
SELECT DISTINCT `products`.`category` FROM `products` WHERE `products`.`active` = 1

## op=SELECT tables=events dialect=postgresql source=classes/distinct-literal
SELECT DISTINCT 'x' AS marker, 1 FROM events WHERE ts > now() - interval '1 day'

## op=SELECT tables=t dialect=postgresql source=classes/distinct-star
SELECT COUNT(*) FROM (SELECT DISTINCT * FROM t) AS d

## op=SELECT tables=a,b dialect=postgresql source=classes/is-distinct-from
SELECT a.id FROM a JOIN b ON a.k IS NOT DISTINCT FROM b.k WHERE a.v IS DISTINCT FROM b.v

## op=DELETE tables=sessions,users dialect=postgresql source=classes/with-delete
WITH stale AS (SELECT id FROM users WHERE last_seen < now() - interval '1 year') DELETE FROM sessions WHERE user_id IN (SELECT id FROM stale)

## op=INSERT tables=daily_stats,events dialect=postgresql source=classes/with-insert
WITH agg AS (SELECT date_trunc('day', ts) AS d, count(*) AS n FROM events GROUP BY 1) INSERT INTO daily_stats (d, n) SELECT d, n FROM agg ON CONFLICT (d) DO NOTHING

## op=UPSERT tables=daily_stats,events dialect=postgresql source=classes/with-insert
WITH agg AS (SELECT date_trunc('day', ts) AS d, count(*) AS n FROM events GROUP BY 1) INSERT INTO daily_stats (d, n) SELECT d, n FROM agg ON CONFLICT (d) DO UPDATE SET n = EXCLUDED.n

## op=UPDATE tables=dbo.Products,dbo.OrderLines dialect=mssql source=classes/with-update
WITH totals AS (SELECT ProductId, SUM(Qty) AS Sold FROM dbo.OrderLines GROUP BY ProductId) UPDATE p SET p.Sold = t.Sold FROM dbo.Products AS p JOIN totals AS t ON t.ProductId = p.Id

## op=MERGE tables=dim_customer,stg_customer dialect=snowflake source=classes/with-merge
MERGE INTO dim_customer d USING (WITH latest AS (SELECT * FROM stg_customer QUALIFY ROW_NUMBER() OVER (PARTITION BY id ORDER BY updated_at DESC) = 1) SELECT * FROM latest) s ON d.id = s.id WHEN MATCHED THEN UPDATE SET d.name = s.name WHEN NOT MATCHED THEN INSERT (id, name) VALUES (s.id, s.name)

## op=CREATE tables=report,orders dialect=mssql source=classes/with-create-as
WITH big AS (SELECT CustomerId FROM orders WHERE Total > 100) SELECT * INTO report FROM big

## op=CREATE tables=user dialect=sqlite source=classes/keyword-table
CREATE TABLE user (id INTEGER NOT NULL, username VARCHAR(80) NOT NULL, PRIMARY KEY (id), UNIQUE (username))

## op=INSERT tables=order dialect=sqlite source=classes/keyword-table
INSERT INTO "order" (id, total) VALUES (?, ?)

## op=SELECT tables=group,user dialect=sqlite source=classes/keyword-table
SELECT "group".name FROM "group" JOIN user ON user.group_id = "group".id

## op=DROP tables=session dialect=sqlite source=classes/keyword-table
DROP TABLE IF EXISTS session

## op=ALTER tables=event dialect=sqlite source=classes/keyword-table
ALTER TABLE event ADD COLUMN location VARCHAR(120)

## op=UPDATE tables=comment dialect=sqlite source=classes/keyword-table
UPDATE comment SET body = ? WHERE comment.id = ?

## op=DELETE tables=tag dialect=sqlite source=classes/keyword-table
DELETE FROM tag WHERE tag.id = ?

## op=CREATE tables=v_active,users dialect=mysql source=classes/ddl-modifiers
CREATE OR REPLACE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW v_active AS SELECT id FROM users WHERE active = 1

## op=CREATE tables=public.logs_2024 dialect=postgresql source=classes/ddl-modifiers
CREATE UNLOGGED TABLE IF NOT EXISTS public.logs_2024 (id bigint, msg text)

## op=CREATE tables=session_tmp dialect=oracle source=classes/ddl-modifiers
CREATE GLOBAL TEMPORARY TABLE session_tmp (id NUMBER) ON COMMIT PRESERVE ROWS

## op=CREATE tables=raw.events_ext dialect=snowflake source=classes/ddl-modifiers
CREATE OR REPLACE EXTERNAL TABLE raw.events_ext WITH LOCATION = @raw_stage/events/ FILE_FORMAT = (TYPE = PARQUET)

## op=CREATE tables=analytics.sessions_v,analytics.sessions dialect=snowflake source=classes/ddl-modifiers
CREATE OR REPLACE SECURE VIEW analytics.sessions_v AS SELECT * FROM analytics.sessions

## op=INSERT tables=#Recent,dbo.Orders dialect=mssql source=classes/temp-table
INSERT INTO #Recent (Id) SELECT Id FROM dbo.Orders WHERE OrderDate > DATEADD(day, -7, GETDATE())

## op=SELECT tables=#Recent,dbo.Customers dialect=mssql source=classes/temp-table
SELECT c.Name FROM #Recent r JOIN dbo.Customers c ON c.Id = r.CustomerId

## op=CREATE tables=#Work dialect=mssql source=classes/temp-table
CREATE TABLE #Work (Id int PRIMARY KEY, Note nvarchar(100))

## op=CREATE tables=#Top,Sales.SalesOrderHeader dialect=mssql source=classes/select-into
SELECT TOP (10) SalesOrderID, TotalDue INTO #Top FROM Sales.SalesOrderHeader ORDER BY TotalDue DESC

## op=CREATE tables=archive_2023,orders dialect=postgresql source=classes/select-into
SELECT * INTO TEMPORARY TABLE archive_2023 FROM orders WHERE created_at < '2024-01-01'

## op=SELECT tables=orders dialect=mysql source=classes/select-into
SELECT COUNT(*) INTO @n FROM orders

## op=SELECT tables=my-data-project.web.sessions,my-data-project.web.hits dialect=bigquery source=classes/bq-dashed
SELECT s.id, COUNT(h.id) FROM my-data-project.web.sessions s JOIN my-data-project.web.hits h ON h.session_id = s.id GROUP BY s.id

## op=INSERT tables=acme-analytics-2.mart.daily,acme-analytics-2.raw.events dialect=bigquery source=classes/bq-dashed
INSERT INTO acme-analytics-2.mart.daily (d, n) SELECT DATE(ts), COUNT(*) FROM acme-analytics-2.raw.events GROUP BY 1

## op=SELECT tables=orders,customers dialect=postgresql source=classes/tablesample
SELECT o.id FROM orders o TABLESAMPLE BERNOULLI (5) REPEATABLE (42) JOIN customers c ON c.id = o.customer_id

## op=SELECT tables=dbo.BigTable,dbo.Lookup dialect=mssql source=classes/tablesample
SELECT b.Id FROM dbo.BigTable AS b TABLESAMPLE (10 PERCENT) INNER JOIN dbo.Lookup AS l ON l.Id = b.LookupId

## op=SELECT tables=events,users dialect=snowflake source=classes/tablesample
SELECT e.* FROM events e SAMPLE (1000 ROWS), users u WHERE u.id = e.user_id

## op=SELECT tables=t,u dialect=postgresql source=classes/line-comment-cr escapes=1
SELECT t.a -- the key\r, u.b FROM t\r-- join on id\rJOIN u ON u.id = t.id

## op=SELECT tables=events dialect=postgresql source=classes/rows-from
SELECT e.id, x.* FROM events e, ROWS FROM (jsonb_to_recordset(e.payload) AS (k text, v int)) AS x

## op=INSERT tables=logs dialect=databricks source=classes/insert-overwrite-directory
INSERT OVERWRITE LOCAL DIRECTORY '/tmp/out' STORED AS orc SELECT * FROM logs WHERE day = '2024-01-01'

## op=CREATE tables=shoelace dialect=postgresql source=classes/create-rule
CREATE RULE shoelace_upd AS ON UPDATE TO shoelace
    DO INSTEAD
    UPDATE shoelace_data
       SET sl_name = NEW.sl_name,
           sl_avail = NEW.sl_avail
     WHERE sl_name = OLD.sl_name
## op=CREATE tables=shoelace dialect=postgresql source=classes/create-rule
CREATE RULE shoelace_ins AS ON INSERT TO shoelace
    DO INSTEAD
    INSERT INTO shoelace_data VALUES (
           NEW.sl_name,
           NEW.sl_avail,
           NEW.sl_color)

## op=CREATE tables=emp dialect=postgresql source=classes/create-rule
CREATE RULE protect_emp AS ON DELETE TO emp DO INSTEAD NOTHING

## op=COMMENT tables=mytable dialect=postgresql source=classes/comment-on
COMMENT ON TABLE mytable IS 'This is my table.'

## op=COMMENT tables=my_table dialect=postgresql source=classes/comment-on
COMMENT ON COLUMN my_table.my_column IS 'Employee ID number'

## op=COMMENT tables=hr.employees dialect=oracle source=classes/comment-on
COMMENT ON COLUMN hr.employees.job_id IS 'abbreviated job title'

## op=COMMENT tables=- dialect=postgresql source=classes/comment-on
COMMENT ON SCHEMA my_schema IS 'Departmental data'

## op=GRANT tables=films dialect=postgresql source=classes/grant-on
GRANT INSERT ON films TO PUBLIC

## op=GRANT tables=kinds dialect=postgresql source=classes/grant-on
GRANT ALL PRIVILEGES ON kinds TO manuel

## op=REVOKE tables=films dialect=postgresql source=classes/grant-on
REVOKE INSERT ON films FROM PUBLIC

## op=GRANT tables=mydb.myschema.mytable dialect=snowflake source=classes/grant-on
GRANT SELECT ON TABLE mydb.myschema.mytable TO ROLE analyst

## op=GRANT tables=- dialect=snowflake source=classes/grant-on
GRANT SELECT ON FUTURE TABLES IN SCHEMA mydb.myschema TO ROLE analyst

## op=GRANT tables=- dialect=mysql source=classes/grant-on
GRANT ALL ON db1.* TO 'jeffrey'@'localhost'

## op=CLUSTER tables=emp dialect=postgresql source=classes/cluster-old
CLUSTER emp_ind ON emp

## op=SUMMARIZE tables=lineitem dialect=duckdb source=classes/unknown-command
SUMMARIZE lineitem

## op=INSTALL tables=- dialect=duckdb source=classes/unknown-command
INSTALL spatial

## op=DBCC tables=- dialect=mssql source=classes/unknown-command
DBCC SHRINKFILE (N'Shop_log', 1)

## op=CREATE tables=Posts,__EFMigrationsHistory dialect=mssql source=classes/mssql-if-guard
IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'20231109_AddPosts')
BEGIN
    CREATE TABLE [Posts] (
        [PostId] int NOT NULL IDENTITY,
        [Title] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_Posts] PRIMARY KEY ([PostId])
    );
END;

## op=DROP tables=dbo.Staging dialect=mssql source=classes/mssql-if-guard
IF OBJECT_ID('dbo.Staging', 'U') IS NOT NULL DROP TABLE dbo.Staging;

## op=CREATE tables=- dialect=mssql source=classes/routine-body
CREATE PROCEDURE dbo.uspGetEmployees @LastName nvarchar(50) AS
SET NOCOUNT ON;
SELECT FirstName, LastName FROM HumanResources.vEmployee WHERE LastName = @LastName;

## op=CREATE tables=- dialect=mysql source=classes/routine-body
CREATE PROCEDURE citycount (IN country CHAR(3), OUT cities INT)
BEGIN
  SELECT COUNT(*) INTO cities FROM world.city WHERE CountryCode = country;
END

## op=UNDROP tables=mytable dialect=snowflake source=classes/table-command
UNDROP TABLE mytable

## op=RENAME tables=old_table,tmp_table dialect=mysql source=classes/table-command
RENAME TABLE old_table TO backup_table, tmp_table TO old_table

## op=VACUUM tables=listing dialect=redshift source=classes/table-command
VACUUM REINDEX listing

## op=CHECK tables=test.t1 dialect=mysql source=classes/table-command
CHECK TABLE test.t1 EXTENDED

## op=INSERT tables=- dialect=clickhouse source=classes/insert-function
INSERT INTO TABLE FUNCTION file('out.tsv', 'TSV', 'a UInt32') VALUES (1), (2)

## op=UPDATE tables=sales,listing dialect=redshift source=classes/update-target-joined
UPDATE sales SET qtysold = 0 FROM listing JOIN sales s ON listing.listid = s.listid WHERE listing.numtickets = 0

## op=UPDATE tables=orders,customers dialect=postgresql source=classes/update-target-joined
UPDATE orders SET flagged = true FROM customers LEFT JOIN orders o2 ON o2.customer_id = customers.id WHERE customers.banned

## op=MERGE tables=accounts,deposits dialect=duckdb source=classes/merge-using-columns
MERGE INTO accounts USING (SELECT id, amount FROM deposits) AS d USING (id) WHEN MATCHED THEN UPDATE SET balance = balance + d.amount WHEN NOT MATCHED THEN INSERT VALUES (d.id, d.amount)

## op=UPSERT tables=stats,events dialect=mysql source=classes/upsert-select-columns
INSERT INTO stats (day, hits) SELECT day, COUNT(*) FROM events GROUP BY day ON DUPLICATE KEY UPDATE hits = VALUES(hits), updated = NOW()

## op=SELECT tables=visits dialect=clickhouse source=classes/array-join-list
SELECT user_id, page, ts FROM visits ARRAY JOIN pages AS page, timestamps AS ts WHERE user_id = 42
