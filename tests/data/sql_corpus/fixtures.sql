# Statement shapes from parsers' test fixtures and vendors' documentation examples, per dialect (tuning set).

## op=SELECT tables=weather,cities dialect=postgresql source=fixtures/postgresql
SELECT * FROM weather LEFT OUTER JOIN cities ON weather.city = cities.name

## op=SELECT tables=weather dialect=postgresql source=fixtures/postgresql
SELECT city, count(*) FILTER (WHERE temp_lo < 45), max(temp_lo) FROM weather GROUP BY city HAVING max(temp_lo) < 40

## op=SELECT tables=empsalary dialect=postgresql source=fixtures/postgresql
SELECT depname, empno, salary, rank() OVER (PARTITION BY depname ORDER BY salary DESC) FROM empsalary

## op=SELECT tables=empsalary dialect=postgresql source=fixtures/postgresql
SELECT sum(salary) OVER w, avg(salary) OVER w FROM empsalary WINDOW w AS (PARTITION BY depname ORDER BY salary DESC)

## op=INSERT tables=films,tmp_films dialect=postgresql source=fixtures/postgresql
INSERT INTO films SELECT * FROM tmp_films WHERE date_prod < '2004-05-07'

## op=UPSERT tables=distributors dialect=postgresql source=fixtures/postgresql
INSERT INTO distributors AS d (did, dname) VALUES (8, 'Anvil Distribution') ON CONFLICT (did) DO UPDATE SET dname = EXCLUDED.dname || ' (formerly ' || d.dname || ')' WHERE d.zipcode <> '21201'

## op=UPDATE tables=employees,accounts dialect=postgresql source=fixtures/postgresql
UPDATE employees SET sales_count = sales_count + 1 FROM accounts WHERE accounts.name = 'Acme Corporation' AND employees.id = accounts.sales_person

## op=UPDATE tables=weather dialect=postgresql source=fixtures/postgresql
UPDATE weather SET temp_lo = temp_lo+1, temp_hi = temp_lo+15, prcp = DEFAULT WHERE city = 'San Francisco' AND date = '2003-07-03' RETURNING temp_lo, temp_hi, prcp

## op=DELETE tables=films,producers dialect=postgresql source=fixtures/postgresql
DELETE FROM films USING producers WHERE producer_id = producers.id AND producers.name = 'foo'

## op=DELETE tables=films,producers dialect=postgresql source=fixtures/postgresql
DELETE FROM films WHERE producer_id IN (SELECT id FROM producers WHERE name = 'foo')

## op=CREATE tables=films dialect=postgresql source=fixtures/postgresql
CREATE TABLE films (code char(5) CONSTRAINT firstkey PRIMARY KEY, title varchar(40) NOT NULL, did integer NOT NULL, date_prod date, kind varchar(10), len interval hour to minute)

## op=CREATE tables=measurement_y2006m02,measurement dialect=postgresql source=fixtures/postgresql
CREATE TABLE measurement_y2006m02 PARTITION OF measurement FOR VALUES FROM ('2006-02-01') TO ('2006-03-01')

## op=CREATE tables=films_recent,films dialect=postgresql source=fixtures/postgresql
CREATE TABLE films_recent AS SELECT * FROM films WHERE date_prod >= '2002-01-01'

## op=ALTER tables=distributors dialect=postgresql source=fixtures/postgresql
ALTER TABLE distributors ALTER COLUMN street DROP NOT NULL

## op=ALTER tables=distributors dialect=postgresql source=fixtures/postgresql
ALTER TABLE IF EXISTS distributors ADD COLUMN address varchar(30)

## op=INDEX tables=films dialect=postgresql source=fixtures/postgresql
CREATE UNIQUE INDEX title_idx ON films (title) INCLUDE (director, rating)

## op=TRUNCATE tables=bigtable,fattable dialect=postgresql source=fixtures/postgresql
TRUNCATE bigtable, fattable RESTART IDENTITY

## op=SELECT tables=t dialect=postgresql source=fixtures/postgresql
SELECT * FROM t WHERE ts > now() - interval '1 hour' ORDER BY ts DESC NULLS LAST LIMIT 5 OFFSET 10

## op=SELECT tables=orders dialect=postgresql source=fixtures/postgresql
SELECT id FROM orders WHERE status = ANY(%(statuses)s) FOR NO KEY UPDATE OF orders NOWAIT

## op=SELECT tables=a,b dialect=postgresql source=fixtures/postgresql
SELECT * FROM a FULL JOIN b ON a.k = b.k WHERE a.k IS NULL OR b.k IS NULL

## op=SELECT tables=t1,t2 dialect=postgresql source=fixtures/postgresql
SELECT a FROM t1 EXCEPT SELECT a FROM t2 ORDER BY 1

## op=SELECT tables=tbl dialect=postgresql source=fixtures/postgresql
SELECT x::numeric(10, 2), y::text[] FROM tbl WHERE z ~* '^ab' AND w !~ 'x'

## op=SELECT tables=- dialect=postgresql source=fixtures/postgresql
SELECT generate_series(1, 10)

## op=SELECT tables=information_schema.tables dialect=postgresql source=fixtures/postgresql
SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'

## op=COPY tables=country dialect=postgresql source=fixtures/postgresql
COPY country TO STDOUT (DELIMITER '|')

## op=EXPLAIN tables=foo dialect=postgresql source=fixtures/postgresql
EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM foo WHERE i = 4

## op=SELECT tables=orders,customers dialect=mysql source=fixtures/mysql
SELECT o.id, c.name FROM orders o INNER JOIN customers c ON c.id = o.customer_id WHERE o.created_at >= NOW() - INTERVAL 7 DAY

## op=SELECT tables=t dialect=mysql source=fixtures/mysql
SELECT SQL_CALC_FOUND_ROWS * FROM t WHERE a = 1 LIMIT 10, 20

## op=SELECT tables=t dialect=mysql source=fixtures/mysql
SELECT HIGH_PRIORITY STRAIGHT_JOIN a FROM t

## op=INSERT tables=tbl_name dialect=mysql source=fixtures/mysql
INSERT INTO tbl_name (a,b,c) VALUES(1,2,3),(4,5,6),(7,8,9)

## op=INSERT tables=tbl_temp2,tbl_temp1 dialect=mysql source=fixtures/mysql
INSERT INTO tbl_temp2 (fld_id) SELECT tbl_temp1.fld_order_id FROM tbl_temp1 WHERE tbl_temp1.fld_order_id > 100

## op=UPSERT tables=t1 dialect=mysql source=fixtures/mysql
INSERT INTO t1 (a,b,c) VALUES (1,2,3) ON DUPLICATE KEY UPDATE c=c+1

## op=UPSERT tables=test dialect=mysql source=fixtures/mysql
REPLACE INTO test VALUES (1, 'Old', '2014-08-20 18:47:00')

## op=UPDATE tables=items,month dialect=mysql source=fixtures/mysql
UPDATE items,month SET items.price=month.price WHERE items.id=month.id

## op=DELETE tables=t1,t2,t3 dialect=mysql source=fixtures/mysql
DELETE t1, t2 FROM t1 INNER JOIN t2 INNER JOIN t3 WHERE t1.id=t2.id AND t2.id=t3.id

## op=DELETE tables=t1,t2,t3 dialect=mysql source=fixtures/mysql
DELETE FROM t1, t2 USING t1 INNER JOIN t2 INNER JOIN t3 WHERE t1.id=t2.id AND t2.id=t3.id

## op=CREATE tables=t dialect=mysql source=fixtures/mysql
CREATE TABLE t (c CHAR(20) CHARACTER SET utf8 COLLATE utf8_bin) ENGINE=InnoDB

## op=ALTER tables=t1 dialect=mysql source=fixtures/mysql
ALTER TABLE t1 ADD INDEX (d), ADD UNIQUE (a)

## op=INDEX tables=lookup dialect=mysql source=fixtures/mysql
CREATE INDEX id_index ON lookup (id) USING BTREE

## op=DROP tables=db.t1 dialect=mysql source=fixtures/mysql
DROP TEMPORARY TABLE IF EXISTS db.t1

## op=SELECT tables=t dialect=mysql source=fixtures/mysql
SELECT * FROM t WHERE name = "double quoted string" AND note LIKE 'x%'

## op=SELECT tables=db1.t1,db2.t2 dialect=mysql source=fixtures/mysql
SELECT * FROM db1.t1 JOIN db2.t2 ON t1.a = t2.a

## op=SELECT tables=t1 dialect=mysql source=fixtures/mysql
SELECT a, b FROM t1 GROUP BY a WITH ROLLUP

## op=SHOW tables=- dialect=mysql source=fixtures/mysql
SHOW CREATE TABLE t1

## op=SELECT tables=t dialect=sqlite source=fixtures/sqlite
SELECT * FROM t WHERE a GLOB 'ab*' LIMIT 5

## op=UPSERT tables=phonebook dialect=sqlite source=fixtures/sqlite
INSERT INTO phonebook(name,phonenumber) VALUES('Alice','704-555-1212') ON CONFLICT(name) DO UPDATE SET phonenumber=excluded.phonenumber

## op=UPSERT tables=t dialect=sqlite source=fixtures/sqlite
REPLACE INTO t (a) VALUES (1)

## op=CREATE tables=t1 dialect=sqlite source=fixtures/sqlite
CREATE TABLE IF NOT EXISTS t1(a INTEGER PRIMARY KEY, b TEXT) WITHOUT ROWID

## op=CREATE tables=t2 dialect=sqlite source=fixtures/sqlite
CREATE TEMP TABLE t2(x)

## op=DROP tables=v1 dialect=sqlite source=fixtures/sqlite
DROP VIEW IF EXISTS v1

## op=SELECT tables=sqlite_master dialect=sqlite source=fixtures/sqlite
SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'

## op=SELECT tables=main.t dialect=sqlite source=fixtures/sqlite
SELECT * FROM "main"."t" WHERE "a" = ?1

## op=ALTER tables=t dialect=sqlite source=fixtures/sqlite
ALTER TABLE t RENAME TO t_old

## op=DELETE tables=t dialect=sqlite source=fixtures/sqlite
DELETE FROM t WHERE rowid IN (SELECT rowid FROM t LIMIT 10)

## op=SELECT tables=Person.Person dialect=mssql source=fixtures/mssql
SELECT TOP 10 FirstName, LastName FROM Person.Person WITH (NOLOCK) WHERE LastName LIKE N'S%'

## op=SELECT tables=Sales.Customer,Sales.SalesOrderHeader dialect=mssql source=fixtures/mssql
SELECT c.CustomerID, x.Total FROM Sales.Customer AS c OUTER APPLY (SELECT SUM(TotalDue) AS Total FROM Sales.SalesOrderHeader h WHERE h.CustomerID = c.CustomerID) AS x

## op=INSERT tables=dbo.Orders dialect=mssql source=fixtures/mssql
INSERT INTO [dbo].[Orders] ([CustomerId], [Total]) OUTPUT INSERTED.[Id] VALUES (@p0, @p1)

## op=UPDATE tables=dbo.Accounts dialect=mssql source=fixtures/mssql
UPDATE TOP (100) [dbo].[Accounts] SET [Flag] = 1 WHERE [Flag] = 0

## op=MERGE tables=dbo.Target,dbo.Source dialect=mssql source=fixtures/mssql
MERGE dbo.Target WITH (HOLDLOCK) AS t USING dbo.Source AS s ON t.Id = s.Id WHEN MATCHED THEN UPDATE SET t.V = s.V WHEN NOT MATCHED BY TARGET THEN INSERT (Id, V) VALUES (s.Id, s.V) WHEN NOT MATCHED BY SOURCE THEN DELETE;

## op=SELECT tables=master.dbo.sysdatabases dialect=mssql source=fixtures/mssql
SELECT name FROM master.dbo.sysdatabases

## op=SELECT tables=server1.db.dbo.t dialect=mssql source=fixtures/mssql
SELECT * FROM [server1].[db].[dbo].[t]

## op=DELETE tables=dbo.Events dialect=mssql source=fixtures/mssql
DELETE FROM [dbo].[Events] OUTPUT DELETED.* WHERE [Ts] < DATEADD(day, -30, GETDATE())

## op=SELECT tables=t dialect=mssql source=fixtures/mssql
SELECT [Order Id], [Total $] FROM [t] ORDER BY [Order Id]

## op=SELECT tables=t dialect=mssql source=fixtures/mssql
SELECT * FROM t ORDER BY id OFFSET 0 ROWS FETCH NEXT 50 ROWS ONLY OPTION (RECOMPILE)

## op=SELECT tables=employees dialect=oracle source=fixtures/oracle
SELECT last_name, salary FROM employees WHERE ROWNUM <= 10 ORDER BY salary DESC

## op=SELECT tables=employees dialect=oracle source=fixtures/oracle
SELECT LEVEL, last_name FROM employees CONNECT BY PRIOR employee_id = manager_id START WITH employee_id = 100

## op=INSERT tables=sales_hist,sales dialect=oracle source=fixtures/oracle
INSERT /*+ APPEND */ INTO sales_hist SELECT * FROM sales WHERE sale_date < :cutoff

## op=INSERT tables=small_orders,big_orders,orders dialect=oracle source=fixtures/oracle
INSERT ALL WHEN amount < 100 THEN INTO small_orders VALUES (id, amount) ELSE INTO big_orders VALUES (id, amount) SELECT id, amount FROM orders

## op=SELECT tables=employees dialect=oracle source=fixtures/oracle
SELECT * FROM employees AS OF TIMESTAMP (SYSTIMESTAMP - INTERVAL '10' MINUTE) WHERE employee_id = :1

## op=UPDATE tables=employees dialect=oracle source=fixtures/oracle
UPDATE employees SET salary = salary * 1.1 WHERE department_id = :dept RETURNING salary INTO :new_sal

## op=SELECT tables=sales dialect=oracle source=fixtures/oracle
SELECT * FROM (SELECT product, quarter, amount FROM sales) PIVOT (SUM(amount) FOR quarter IN ('Q1' AS q1, 'Q2' AS q2))

## op=CREATE tables=hr.t dialect=oracle source=fixtures/oracle
CREATE TABLE hr.t (id NUMBER GENERATED ALWAYS AS IDENTITY, name VARCHAR2(50)) TABLESPACE users

## op=SELECT tables=db.sch.orders,db.sch.customers dialect=snowflake source=fixtures/snowflake
SELECT o.*, c.name FROM db.sch.orders o JOIN db.sch.customers c ON c.id = o.cust_id WHERE o.ts > DATEADD(day, -1, CURRENT_TIMESTAMP())

## op=SELECT tables=sales dialect=snowflake source=fixtures/snowflake
SELECT * FROM sales MATCH_RECOGNIZE (PARTITION BY id ORDER BY ts MEASURES FIRST(ts) AS start_ts PATTERN (A B+) DEFINE B AS price > PREV(price))

## op=COPY tables=mytable dialect=snowflake source=fixtures/snowflake
COPY INTO mytable FROM @my_stage/data/ FILE_FORMAT = (FORMAT_NAME = my_csv) ON_ERROR = 'CONTINUE'

## op=COPY tables=orders dialect=snowflake source=fixtures/snowflake
COPY INTO @my_stage/unload/ FROM (SELECT * FROM orders) FILE_FORMAT = (TYPE = PARQUET)

## op=CREATE tables=t2,t dialect=snowflake source=fixtures/snowflake
CREATE OR REPLACE TABLE t2 CLONE t

## op=MERGE tables=target_table,source_table dialect=snowflake source=fixtures/snowflake
MERGE INTO target_table USING source_table ON target_table.id = source_table.id WHEN MATCHED AND source_table.marked = 1 THEN DELETE WHEN MATCHED THEN UPDATE SET target_table.v = source_table.v WHEN NOT MATCHED THEN INSERT (id, v) VALUES (source_table.id, source_table.v)

## op=SELECT tables=t dialect=snowflake source=fixtures/snowflake
SELECT $1, $2 FROM t WHERE col:field::int = 3

## op=SELECT tables=events dialect=snowflake source=fixtures/snowflake
SELECT * FROM events CHANGES (INFORMATION => DEFAULT) AT (TIMESTAMP => '2024-01-01'::timestamp_tz)

## op=SELECT tables=project.dataset.orders dialect=bigquery source=fixtures/bigquery
SELECT * FROM `project.dataset.orders` WHERE DATE(created_at) = CURRENT_DATE()

## op=SELECT tables=ds.t dialect=bigquery source=fixtures/bigquery
SELECT s.name, x FROM ds.t AS s, UNNEST(s.items) AS x WITH OFFSET AS pos

## op=SELECT tables=ds.t_*,ds.other dialect=bigquery source=fixtures/bigquery
SELECT * FROM `ds.t_*` WHERE _TABLE_SUFFIX BETWEEN '20240101' AND '20240131' UNION ALL SELECT * FROM ds.other

## op=MERGE tables=ds.inventory,ds.new_arrivals dialect=bigquery source=fixtures/bigquery
MERGE ds.inventory T USING ds.new_arrivals S ON T.product = S.product WHEN MATCHED THEN UPDATE SET quantity = T.quantity + S.quantity WHEN NOT MATCHED THEN INSERT (product, quantity) VALUES (product, quantity)

## op=DELETE tables=ds.inventory dialect=bigquery source=fixtures/bigquery
DELETE FROM ds.inventory WHERE quantity = 0

## op=UPDATE tables=ds.inventory dialect=bigquery source=fixtures/bigquery
UPDATE ds.inventory SET quantity = quantity - 10 WHERE product LIKE '%washer%'

## op=CREATE tables=ds.new_table,ds.old_table dialect=bigquery source=fixtures/bigquery
CREATE TABLE ds.new_table PARTITION BY DATE(ts) CLUSTER BY id AS SELECT * FROM ds.old_table

## op=SELECT tables=ds.events dialect=bigquery source=fixtures/bigquery
SELECT * FROM ds.events FOR SYSTEM_TIME AS OF TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 1 HOUR)

## op=SELECT tables=ds.t dialect=bigquery source=fixtures/bigquery
SELECT ARRAY_AGG(x ORDER BY y LIMIT 1)[OFFSET(0)] FROM ds.t

## op=SELECT tables=public.sales,public.event dialect=redshift source=fixtures/redshift
SELECT eventname, SUM(pricepaid) FROM public.sales JOIN public.event USING (eventid) GROUP BY eventname ORDER BY 2 DESC LIMIT 10

## op=COPY tables=favoritemovies dialect=redshift source=fixtures/redshift
COPY favoritemovies FROM 's3://bucket/prefix' IAM_ROLE 'arn:aws:iam::0123456789012:role/MyRole' DELIMITER '|'

## op=UNLOAD tables=- dialect=redshift source=fixtures/redshift
UNLOAD ('select * from venue') TO 's3://bucket/unload/' IAM_ROLE 'arn:aws:iam::0123456789012:role/MyRole'

## op=CREATE tables=t dialect=redshift source=fixtures/redshift
CREATE TABLE t (id int ENCODE az64, ts timestamp) DISTSTYLE KEY DISTKEY (id) SORTKEY (ts)

## op=CREATE tables=temp_sales,sales dialect=redshift source=fixtures/redshift
CREATE TEMP TABLE temp_sales AS SELECT * FROM sales WHERE saletime > '2008-01-01'

## op=SELECT tables=default.people dialect=databricks source=fixtures/spark
SELECT name, age FROM default.people WHERE age > 21 CLUSTER BY age

## op=SELECT tables=t dialect=databricks source=fixtures/spark
SELECT * FROM t LATERAL VIEW explode(arr) tbl AS item

## op=SELECT tables=delta./data/events dialect=databricks source=fixtures/spark
SELECT * FROM delta.`/data/events` VERSION AS OF 3

## op=CREATE tables=students dialect=databricks source=fixtures/spark
CREATE TABLE IF NOT EXISTS students (id INT, name STRING) USING DELTA PARTITIONED BY (name)

## op=CREATE tables=v,t dialect=databricks source=fixtures/spark
CREATE OR REPLACE TEMPORARY VIEW v AS SELECT * FROM t

## op=DELETE tables=events dialect=databricks source=fixtures/spark
DELETE FROM events WHERE date < '2017-01-01'

## op=INSERT tables=students dialect=databricks source=fixtures/spark
INSERT INTO students VALUES ('Amy Smith', '123 Park Ave, San Jose', 111111)

## op=SELECT tables=t dialect=duckdb source=fixtures/duckdb
SELECT * EXCLUDE (secret) FROM t

## op=SELECT tables=t1,t2 dialect=duckdb source=fixtures/duckdb
SELECT * FROM t1 ASOF JOIN t2 ON t1.ts >= t2.ts

## op=SELECT tables=- dialect=duckdb source=fixtures/duckdb
SELECT * FROM read_csv_auto('data.csv')

## op=CREATE tables=t dialect=duckdb source=fixtures/duckdb
CREATE OR REPLACE TABLE t AS SELECT * FROM read_parquet('x.parquet')

## op=SELECT tables=t dialect=duckdb source=fixtures/duckdb
SELECT list_filter([1, 2, 3], x -> x > 1) FROM t

## op=SELECT tables=hive.web.page_views dialect=trino source=fixtures/trino
SELECT * FROM hive.web.page_views WHERE view_date = DATE '2024-01-01'

## op=SELECT tables=orders dialect=trino source=fixtures/trino
SELECT * FROM orders CROSS JOIN UNNEST(line_items) AS t (item)

## op=SELECT tables=tpch.tiny.nation dialect=trino source=fixtures/trino
SELECT name FROM tpch.tiny.nation TABLESAMPLE BERNOULLI (50)

## op=INSERT tables=orders,new_orders dialect=trino source=fixtures/trino
INSERT INTO orders SELECT * FROM new_orders

## op=SELECT tables=t dialect=clickhouse source=fixtures/clickhouse
SELECT * FROM t FINAL WHERE d = today() SETTINGS max_threads = 8

## op=SELECT tables=visits dialect=clickhouse source=fixtures/clickhouse
SELECT uniqExact(UserID) FROM visits SAMPLE 1/10 PREWHERE CounterID = 34
