-- A third held-out set (split holdout3), written blind: public SQL of styles and sources not in the other
-- splits (vendor docs' examples, pg_dump / mysqldump output, migration tools, ORM and BI-tool output, dbt
-- models, text-to-SQL benchmarks, agent-style SQL). Labelled by hand from build.py's rules before the analyser
-- was run on it. Names as written, unquoted.

## op=SELECT tables=pgbench_accounts dialect=postgresql source=holdout3/pgbench
SELECT abalance FROM pgbench_accounts WHERE aid = 48213;
## op=UPDATE tables=pgbench_accounts dialect=postgresql source=holdout3/pgbench
UPDATE pgbench_accounts SET abalance = abalance + -2371 WHERE aid = 48213;
## op=UPDATE tables=pgbench_tellers dialect=postgresql source=holdout3/pgbench
UPDATE pgbench_tellers SET tbalance = tbalance + -2371 WHERE tid = 7;
## op=INSERT tables=pgbench_history dialect=postgresql source=holdout3/pgbench
INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (7, 1, 48213, -2371, CURRENT_TIMESTAMP);
## op=TRUNCATE tables=pgbench_history dialect=postgresql source=holdout3/pgbench
truncate table pgbench_history;
## op=SELECT tables=manufacturers dialect=postgresql source=holdout3/pgdocs-lateral
SELECT m.name
FROM manufacturers m LEFT JOIN LATERAL get_product_names(m.id) pname ON true
WHERE pname IS NULL;
## op=SELECT tables=foo,bar dialect=postgresql source=holdout3/pgdocs-lateral primary=foo
SELECT * FROM foo, LATERAL (SELECT * FROM bar WHERE bar.id = foo.bar_id) ss;
## op=SELECT tables=items_sold dialect=postgresql source=holdout3/pgdocs-grouping
SELECT brand, size, sum(sales) FROM items_sold GROUP BY GROUPING SETS ((brand), (size), ());
## op=SELECT tables=items_sold dialect=postgresql source=holdout3/pgdocs-grouping
SELECT brand, size, sum(sales) FROM items_sold GROUP BY ROLLUP (brand, size);
## op=SELECT tables=graph dialect=postgresql source=holdout3/pgdocs-cte
WITH RECURSIVE search_graph(id, link, data, depth) AS (
    SELECT g.id, g.link, g.data, 0
    FROM graph g
  UNION ALL
    SELECT g.id, g.link, g.data, sg.depth + 1
    FROM graph g, search_graph sg
    WHERE g.id = sg.link
) SEARCH DEPTH FIRST BY id SET ordercol
SELECT * FROM search_graph ORDER BY ordercol;
## op=SELECT tables=- dialect=postgresql source=holdout3/pgdocs-cte
WITH RECURSIVE t(n) AS (
    VALUES (1)
  UNION ALL
    SELECT n+1 FROM t WHERE n < 100
)
SELECT sum(n) FROM t;
## op=CREATE tables=measurement dialect=postgresql source=holdout3/pgdocs-partitioning
CREATE TABLE measurement (
    city_id         int not null,
    logdate         date not null,
    peaktemp        int,
    unitsales       int
) PARTITION BY RANGE (logdate);
## op=CREATE tables=measurement_y2008m01,measurement dialect=postgresql source=holdout3/pgdocs-partitioning
CREATE TABLE measurement_y2008m01 PARTITION OF measurement
    FOR VALUES FROM ('2008-01-01') TO ('2008-02-01')
    WITH (parallel_workers = 4)
    TABLESPACE fasttablespace;
## op=ALTER tables=measurement_y2008m02 dialect=postgresql source=holdout3/pgdocs-partitioning
ALTER TABLE measurement_y2008m02 ADD CONSTRAINT y2008m02
   CHECK ( logdate >= DATE '2008-02-01' AND logdate < DATE '2008-03-01' );
## op=INDEX tables=measurement dialect=postgresql source=holdout3/pgdocs-partitioning
CREATE INDEX measurement_usls_idx ON ONLY measurement (unitsales);
## op=ALTER tables=accounts dialect=postgresql source=holdout3/pgdocs-rls
ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
## op=CREATE tables=accounts dialect=postgresql source=holdout3/pgdocs-rls
CREATE POLICY account_managers ON accounts TO managers
    USING (manager = current_user);
## op=SELECT tables=api dialect=postgresql source=holdout3/pgdocs-json
SELECT jdoc->'guid', jdoc->'name' FROM api WHERE jdoc @> '{"company": "Magnafone"}';
## op=SELECT tables=reservation dialect=postgresql source=holdout3/pgdocs-range
SELECT * FROM reservation WHERE during && tsrange('2010-01-01 14:30', '2010-01-01 15:30');
## op=CREATE tables=reservation dialect=postgresql source=holdout3/pgdocs-range
CREATE TABLE reservation (
    during tsrange,
    EXCLUDE USING GIST (during WITH &&)
);
## op=SELECT tables=pgweb dialect=postgresql source=holdout3/pgdocs-fts
SELECT title
FROM pgweb
WHERE to_tsvector('english', body) @@ to_tsquery('english', 'friend');
## op=INDEX tables=pgweb dialect=postgresql source=holdout3/pgdocs-fts
CREATE INDEX pgweb_idx ON pgweb USING GIN (to_tsvector('english', body));
## op=SELECT tables=sal_emp dialect=postgresql source=holdout3/pgdocs-arrays
SELECT name FROM sal_emp WHERE pay_by_quarter[1] <> pay_by_quarter[2];
## op=UPDATE tables=sal_emp dialect=postgresql source=holdout3/pgdocs-arrays
UPDATE sal_emp SET pay_by_quarter = '{25000,25000,27000,27000}'
    WHERE name = 'Carol';
## op=SELECT tables=tbl dialect=postgresql source=holdout3/pgdocs-tablesample
SELECT * FROM tbl TABLESAMPLE SYSTEM (0.1) REPEATABLE (200);
## op=CREATE tables=my_view,my_table dialect=postgresql source=holdout3/pgdocs-matview
CREATE MATERIALIZED VIEW my_view AS SELECT * FROM my_table;
## op=REFRESH tables=order_summary dialect=postgresql source=holdout3/pgdocs-matview
REFRESH MATERIALIZED VIEW order_summary;
## op=CREATE tables=emp dialect=postgresql source=holdout3/pgdocs-trigger
CREATE TRIGGER emp_stamp BEFORE INSERT OR UPDATE ON emp
    FOR EACH ROW EXECUTE FUNCTION emp_stamp();
## op=CREATE tables=accounts dialect=postgresql source=holdout3/pgdocs-trigger
CREATE TRIGGER check_update
    BEFORE UPDATE OF balance ON accounts
    FOR EACH ROW
    EXECUTE FUNCTION check_account_update();
## op=CREATE tables=films_like,films dialect=postgresql source=holdout3/pgdocs-like
CREATE TABLE films_like (LIKE films INCLUDING ALL);
## op=SELECT tables=a,u dialect=postgresql source=holdout3/pgdocs-table
SELECT * FROM (TABLE a) AS x UNION TABLE u;
## op=INSERT tables=distributors dialect=postgresql source=holdout3/pgdocs-insert
INSERT INTO distributors (did, dname) VALUES (10, 'Conrad International')
    ON CONFLICT ON CONSTRAINT distributors_pkey DO NOTHING;
## op=UPSERT tables=distributors dialect=postgresql source=holdout3/pgdocs-insert
INSERT INTO distributors AS d (did, dname) VALUES (8, 'Anvil Distribution')
    ON CONFLICT (did) DO UPDATE
    SET dname = EXCLUDED.dname || ' (formerly ' || d.dname || ')'
    WHERE d.zipcode <> '21201';
## op=DELETE tables=tasks dialect=postgresql source=holdout3/pgdocs-delete
DELETE FROM tasks WHERE status = 'DONE' RETURNING *;
## op=DELETE tables=user_logs dialect=postgresql source=holdout3/pgdocs-delete
WITH delete_batch AS (
  SELECT l.ctid FROM user_logs AS l
    WHERE l.status = 'archived'
    ORDER BY l.creation_date
    FOR UPDATE
    LIMIT 10000
)
DELETE FROM user_logs AS dl
  USING delete_batch AS del
  WHERE dl.ctid = del.ctid;
## op=UPDATE tables=accounts,employees dialect=postgresql source=holdout3/pgdocs-update
UPDATE accounts SET (contact_first_name, contact_last_name) =
    (SELECT first_name, last_name FROM employees
     WHERE employees.id = accounts.sales_person);
## op=UPDATE tables=summary,data dialect=postgresql source=holdout3/pgdocs-update
UPDATE summary s SET (sum_x, sum_y, avg_x, avg_y) =
    (SELECT sum(x), sum(y), avg(x), avg(y) FROM data d
     WHERE d.group_id = s.group_id);
## op=MERGE tables=wines,wine_stock_changes dialect=postgresql source=holdout3/pgdocs-merge
MERGE INTO wines w
USING wine_stock_changes s
ON s.winename = w.winename
WHEN NOT MATCHED AND s.stock_delta > 0 THEN
  INSERT VALUES(s.winename, s.stock_delta)
WHEN MATCHED AND w.stock + s.stock_delta > 0 THEN
  UPDATE SET stock = w.stock + s.stock_delta
WHEN MATCHED THEN
  DELETE
RETURNING merge_action(), w.*;
## op=LOCK tables=films dialect=postgresql source=holdout3/pgdocs-lock
LOCK TABLE films IN SHARE ROW EXCLUSIVE MODE;
## op=SELECT tables=films dialect=postgresql source=holdout3/pgdocs-select
SELECT kind, sum(len) AS total FROM films GROUP BY kind HAVING sum(len) < interval '5 hours';
## op=SELECT tables=distributors,actors dialect=postgresql source=holdout3/pgdocs-select
SELECT distributors.name
    FROM distributors
    WHERE distributors.name LIKE 'W%'
UNION
SELECT actors.name
    FROM actors
    WHERE actors.name LIKE 'W%';
## op=CREATE tables=actor dialect=mysql source=holdout3/mysqldump-sakila
CREATE TABLE `actor` (
  `actor_id` smallint unsigned NOT NULL AUTO_INCREMENT,
  `first_name` varchar(45) NOT NULL,
  `last_name` varchar(45) NOT NULL,
  `last_update` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (`actor_id`),
  KEY `idx_actor_last_name` (`last_name`)
) ENGINE=InnoDB AUTO_INCREMENT=201 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;
## op=DROP tables=actor dialect=mysql source=holdout3/mysqldump-sakila
DROP TABLE IF EXISTS `actor`;
## op=LOCK tables=actor dialect=mysql source=holdout3/mysqldump-sakila
LOCK TABLES `actor` WRITE;
## op=INSERT tables=actor dialect=mysql source=holdout3/mysqldump-sakila
INSERT INTO `actor` VALUES (1,'PENELOPE','GUINESS','2006-02-15 04:34:33'),(2,'NICK','WAHLBERG','2006-02-15 04:34:33');
## op=ALTER tables=actor dialect=mysql source=holdout3/mysqldump-sakila
/*!40000 ALTER TABLE `actor` DISABLE KEYS */;
## op=CREATE tables=film_text dialect=mysql source=holdout3/mysqldump-sakila
CREATE TABLE `film_text` (
  `film_id` smallint NOT NULL,
  `title` varchar(255) NOT NULL,
  `description` text,
  PRIMARY KEY (`film_id`),
  FULLTEXT KEY `idx_title_description` (`title`,`description`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
## op=CREATE tables=film dialect=mysql source=holdout3/mysqldump-sakila
CREATE DEFINER=`root`@`localhost` TRIGGER `ins_film` AFTER INSERT ON `film` FOR EACH ROW BEGIN
    INSERT INTO film_text (film_id, title, description)
        VALUES (new.film_id, new.title, new.description);
  END;
## op=CREATE tables=actor_info,actor,film_actor,film_category,category,film dialect=mysql source=holdout3/mysqldump-sakila
CREATE ALGORITHM=UNDEFINED DEFINER=`root`@`localhost` SQL SECURITY INVOKER VIEW `actor_info` AS select `a`.`actor_id` AS `actor_id`,`a`.`first_name` AS `first_name` from (((`actor` `a` left join `film_actor` `fa` on((`a`.`actor_id` = `fa`.`actor_id`))) left join `film_category` `fc` on((`fa`.`film_id` = `fc`.`film_id`))) left join `category` `c` on((`fc`.`category_id` = `c`.`category_id`))) join `film` `f` on((`f`.`film_id` = `fa`.`film_id`)) group by `a`.`actor_id`,`a`.`first_name`;
## op=SELECT tables=film,film_category,category dialect=mysql source=holdout3/sakila-queries
SELECT c.name AS category, COUNT(*) AS films
FROM film f
JOIN film_category fc ON fc.film_id = f.film_id
JOIN category c ON c.category_id = fc.category_id
GROUP BY c.name
ORDER BY films DESC;
## op=SELECT tables=customer,payment dialect=mysql source=holdout3/sakila-queries
SELECT c.customer_id, c.first_name, c.last_name, SUM(p.amount) AS total
FROM customer c INNER JOIN payment p USING (customer_id)
GROUP BY c.customer_id ORDER BY total DESC LIMIT 5;
## op=SELECT tables=rental,inventory,film dialect=mysql source=holdout3/sakila-queries
SELECT r.rental_id, f.title FROM rental r
  STRAIGHT_JOIN inventory i ON i.inventory_id = r.inventory_id
  STRAIGHT_JOIN film f ON f.film_id = i.film_id
WHERE r.return_date IS NULL;
## op=SELECT tables=t1 dialect=mysql source=holdout3/mysqldocs-index-hints
SELECT * FROM t1 USE INDEX (i1) IGNORE INDEX FOR ORDER BY (i2) ORDER BY a;
## op=SELECT tables=t1,t2 dialect=mysql source=holdout3/mysqldocs-index-hints
SELECT * FROM t1 FORCE INDEX (idx_a) JOIN t2 IGNORE INDEX (PRIMARY) ON t1.a = t2.a;
## op=INSERT tables=tbl_name dialect=mysql source=holdout3/mysqldocs-insert
INSERT IGNORE INTO tbl_name (a,b,c) VALUES(1,2,3),(4,5,6);
## op=UPSERT tables=t1 dialect=mysql source=holdout3/mysqldocs-insert
INSERT INTO t1 (a,b,c) VALUES (1,2,3),(4,5,6) AS new
  ON DUPLICATE KEY UPDATE c = new.a+new.b;
## op=UPSERT tables=test dialect=mysql source=holdout3/mysqldocs-replace
REPLACE INTO test VALUES (1, 'Old', '2014-08-20 18:47:00');
## op=INSERT tables=ta,tb dialect=mysql source=holdout3/mysqldocs-insert-select
INSERT INTO ta (a, b) SELECT c, d FROM tb WHERE c > 100;
## op=UPDATE tables=items,month dialect=mysql source=holdout3/mysqldocs-update
UPDATE items,month SET items.price=month.price WHERE items.id=month.id;
## op=UPDATE tables=t dialect=mysql source=holdout3/mysqldocs-update
UPDATE t SET id = id + 1 ORDER BY id DESC;
## op=DELETE tables=somelog dialect=mysql source=holdout3/mysqldocs-delete
DELETE FROM somelog WHERE user = 'jcole'
ORDER BY timestamp_column LIMIT 1;
## op=SELECT tables=jemp dialect=mysql source=holdout3/mysqldocs-json
SELECT c, JSON_EXTRACT(c, "$.id"), g
FROM jemp
WHERE JSON_EXTRACT(c, "$.id") > 1
ORDER BY JSON_EXTRACT(c, "$.name");
## op=SELECT tables=- dialect=mysql source=holdout3/mysqldocs-json
SELECT *
FROM JSON_TABLE(
  '[{"a":"3"},{"a":2},{"b":1},{"a":0},{"a":[1,2]}]',
  "$[*]" COLUMNS(rowid FOR ORDINALITY, ac VARCHAR(100) PATH "$.a")
) AS tt;
## op=SELECT tables=sales dialect=mysql source=holdout3/mysqldocs-window
SELECT year, country, product, profit,
       SUM(profit) OVER() AS total_profit,
       SUM(profit) OVER(PARTITION BY country) AS country_profit
FROM sales
ORDER BY country, year, product, profit;
## op=SELECT tables=sales dialect=mysql source=holdout3/mysqldocs-rollup
SELECT year, country, product, SUM(profit) AS profit
FROM sales
GROUP BY year, country, product WITH ROLLUP;
## op=ALTER tables=t1 dialect=mysql source=holdout3/mysqldocs-alter
ALTER TABLE t1 CHANGE a b BIGINT NOT NULL, ALGORITHM=INPLACE, LOCK=NONE;
## op=ALTER tables=t2 dialect=mysql source=holdout3/mysqldocs-alter
ALTER TABLE t2 ADD c INT UNSIGNED NOT NULL AUTO_INCREMENT, ADD PRIMARY KEY (c);
## op=CREATE tables=new_tbl,orig_tbl dialect=mysql source=holdout3/mysqldocs-create-like
CREATE TABLE new_tbl LIKE orig_tbl;
## op=CREATE tables=test,t2 dialect=mysql source=holdout3/mysqldocs-create-select
CREATE TABLE test (a INT NOT NULL AUTO_INCREMENT, PRIMARY KEY (a), KEY(b)) ENGINE=InnoDB SELECT b,c FROM t2;
## op=SELECT tables=mysql.user dialect=mysql source=holdout3/tools
SELECT User, Host, plugin FROM mysql.user WHERE User NOT IN ('mysql.sys', 'mysql.session');
## op=SELECT tables=information_schema.TABLES dialect=mysql source=holdout3/tools
SELECT TABLE_NAME, ROUND((DATA_LENGTH + INDEX_LENGTH) / 1024 / 1024, 2) AS size_mb
FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'shop' ORDER BY size_mb DESC;
## op=SELECT tables=performance_schema.events_statements_summary_by_digest dialect=mysql source=holdout3/tools
SELECT DIGEST_TEXT, COUNT_STAR, SUM_TIMER_WAIT/1000000000000 AS total_s
FROM performance_schema.events_statements_summary_by_digest
ORDER BY SUM_TIMER_WAIT DESC LIMIT 10;
## op=SELECT tables=t1 dialect=mariadb source=holdout3/mariadbdocs
SELECT * FROM t1 FOR SYSTEM_TIME AS OF TIMESTAMP '2016-10-09 08:07:06';
## op=CREATE tables=t dialect=mariadb source=holdout3/mariadbdocs
CREATE OR REPLACE TABLE t (x INT) WITH SYSTEM VERSIONING;
## op=SELECT tables=seq_1_to_10 dialect=mariadb source=holdout3/mariadbdocs
SELECT seq FROM seq_1_to_10 WHERE seq % 2 = 0;
## op=DELETE tables=t dialect=mariadb source=holdout3/mariadbdocs
DELETE FROM t WHERE a > 5 RETURNING a;
## op=SELECT tables=t1,t2 dialect=mariadb source=holdout3/mariadbdocs
SELECT a FROM t1 WHERE b = 1 INTERSECT SELECT a FROM t2;
## op=SELECT tables=Sales.SalesOrderHeader,Sales.SalesTerritory dialect=mssql source=holdout3/mssqldocs-adventureworks
SELECT TOP (10) soh.SalesOrderID, st.Name, soh.TotalDue
FROM Sales.SalesOrderHeader AS soh
INNER JOIN Sales.SalesTerritory AS st ON st.TerritoryID = soh.TerritoryID
ORDER BY soh.TotalDue DESC;
## op=SELECT tables=HumanResources.EmployeeDepartmentHistory,HumanResources.Department dialect=mssql source=holdout3/mssqldocs-adventureworks
SELECT d.Name, COUNT(*) AS Employees
FROM HumanResources.EmployeeDepartmentHistory AS edh WITH (NOLOCK)
JOIN HumanResources.Department AS d WITH (NOLOCK) ON d.DepartmentID = edh.DepartmentID
WHERE edh.EndDate IS NULL
GROUP BY d.Name;
## op=SELECT tables=Production.Product dialect=mssql source=holdout3/mssqldocs-pivot
SELECT 'AverageCost' AS Cost_Sorted_By_Production_Days, [0], [1], [2], [3], [4]
FROM (SELECT DaysToManufacture, StandardCost FROM Production.Product) AS SourceTable
PIVOT (AVG(StandardCost) FOR DaysToManufacture IN ([0], [1], [2], [3], [4])) AS PivotTable;
## op=SELECT tables=pvt dialect=mssql source=holdout3/mssqldocs-pivot
SELECT VendorID, Employee, Orders
FROM (SELECT VendorID, Emp1, Emp2, Emp3, Emp4, Emp5 FROM pvt) p
UNPIVOT (Orders FOR Employee IN (Emp1, Emp2, Emp3, Emp4, Emp5)) AS unpvt;
## op=SELECT tables=Sales.SalesPerson,Sales.SalesOrderHeader dialect=mssql source=holdout3/mssqldocs-apply
SELECT sp.BusinessEntityID, x.SalesOrderID
FROM Sales.SalesPerson AS sp
CROSS APPLY (SELECT TOP (3) SalesOrderID FROM Sales.SalesOrderHeader h
             WHERE h.SalesPersonID = sp.BusinessEntityID ORDER BY h.OrderDate DESC) AS x;
## op=UPDATE tables=Production.Product dialect=mssql source=holdout3/mssqldocs-update
UPDATE Production.Product
SET ListPrice = ListPrice * 2
OUTPUT inserted.ProductID, deleted.ListPrice, inserted.ListPrice
WHERE ProductNumber LIKE 'BK-%';
## op=UPDATE tables=Production.Product dialect=mssql source=holdout3/mssqldocs-update
UPDATE TOP (10) Production.Product SET Color = N'Metallic Red' WHERE Color = N'Red';
## op=DELETE tables=Production.ProductCostHistory dialect=mssql source=holdout3/mssqldocs-delete
DELETE TOP (20) FROM Production.ProductCostHistory WHERE StandardCost > 1000.00;
## op=INSERT tables=dbo.EmployeeSales,Sales.SalesPerson,HumanResources.Employee dialect=mssql source=holdout3/mssqldocs-insert
INSERT INTO dbo.EmployeeSales (DataSource, BusinessEntityID, LastName, SalesDollars)
SELECT 'SELECT Statement', sp.BusinessEntityID, c.LastName, sp.SalesYTD
FROM Sales.SalesPerson AS sp
INNER JOIN HumanResources.Employee AS c ON sp.BusinessEntityID = c.BusinessEntityID
WHERE sp.BusinessEntityID LIKE '2%';
## op=INSERT tables=dbo.EmployeeSales dialect=mssql source=holdout3/mssqldocs-insert
INSERT dbo.EmployeeSales EXECUTE dbo.uspGetEmployeeSales;
## op=MERGE tables=Production.UnitMeasure,#UnitMeasureTemp dialect=mssql source=holdout3/mssqldocs-merge
MERGE Production.UnitMeasure WITH (HOLDLOCK) AS tgt
USING #UnitMeasureTemp AS src
    ON (tgt.UnitMeasureCode = src.UnitMeasureCode)
WHEN MATCHED THEN UPDATE SET Name = src.Name
WHEN NOT MATCHED BY TARGET THEN INSERT (UnitMeasureCode, Name) VALUES (src.UnitMeasureCode, src.Name)
WHEN NOT MATCHED BY SOURCE THEN DELETE
OUTPUT $action, inserted.*, deleted.*;
## op=CREATE tables=dbo.Customers dialect=mssql source=holdout3/mssqldocs-trigger
CREATE TRIGGER reminder1 ON dbo.Customers AFTER INSERT, UPDATE AS RAISERROR ('Notify Customer Relations', 16, 10);
## op=CREATE tables=dbo.Department,dbo.DepartmentHistory dialect=mssql source=holdout3/mssqldocs-temporal
CREATE TABLE dbo.Department
(
    DeptID INT NOT NULL PRIMARY KEY CLUSTERED,
    DeptName VARCHAR(50) NOT NULL,
    ValidFrom DATETIME2 GENERATED ALWAYS AS ROW START,
    ValidTo DATETIME2 GENERATED ALWAYS AS ROW END,
    PERIOD FOR SYSTEM_TIME (ValidFrom, ValidTo)
)
WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = dbo.DepartmentHistory));
## op=SELECT tables=dbo.Department dialect=mssql source=holdout3/mssqldocs-temporal
SELECT * FROM dbo.Department FOR SYSTEM_TIME AS OF '2021-09-01 T10:00:00.7230011';
## op=SELECT tables=sys.tables,sys.schemas dialect=mssql source=holdout3/tools
SELECT s.name AS schema_name, t.name AS table_name
FROM sys.tables t JOIN sys.schemas s ON s.schema_id = t.schema_id
ORDER BY s.name, t.name;
## op=SELECT tables=sys.dm_exec_query_stats dialect=mssql source=holdout3/tools
SELECT TOP 20 qs.total_worker_time / qs.execution_count AS avg_cpu, st.text
FROM sys.dm_exec_query_stats AS qs
CROSS APPLY sys.dm_exec_sql_text(qs.sql_handle) AS st
ORDER BY avg_cpu DESC;
## op=INDEX tables=Sales.SalesOrderDetail dialect=mssql source=holdout3/mssqldocs-index
CREATE NONCLUSTERED INDEX IX_SalesOrderDetail_ProductID ON Sales.SalesOrderDetail (ProductID)
    INCLUDE (OrderQty, UnitPrice) WHERE ModifiedDate > '20200101' WITH (FILLFACTOR = 80);
## op=TRUNCATE tables=HumanResources.JobCandidate dialect=mssql source=holdout3/mssqldocs-truncate
TRUNCATE TABLE HumanResources.JobCandidate;
## op=SELECT tables=Blogs dialect=mssql source=holdout3/efcore
SELECT [b].[BlogId], [b].[Rating], [b].[Url]
FROM [Blogs] AS [b]
WHERE [b].[Rating] > 3
ORDER BY [b].[Url]
OFFSET @__p_0 ROWS FETCH NEXT @__p_1 ROWS ONLY;
## op=UPDATE tables=Blogs dialect=mssql source=holdout3/efcore
SET IMPLICIT_TRANSACTIONS OFF;
SET NOCOUNT ON;
UPDATE [Blogs] SET [Url] = @p0
OUTPUT 1
WHERE [BlogId] = @p1;
## op=DELETE tables=Posts dialect=mssql source=holdout3/efcore
DELETE FROM [p]
FROM [Posts] AS [p]
WHERE [p].[Rating] < 3;
## op=MERGE tables=Posts dialect=mssql source=holdout3/efcore
SET NOCOUNT ON;
MERGE [Posts] USING (
VALUES (@p0, @p1, 0),
(@p2, @p3, 1)) AS i ([BlogId], [Title], _Position) ON 1=0
WHEN NOT MATCHED THEN
INSERT ([BlogId], [Title])
VALUES (i.[BlogId], i.[Title])
OUTPUT INSERTED.[PostId], i._Position;
## op=CREATE tables=__EFMigrationsHistory dialect=mssql source=holdout3/efcore-migrations
CREATE TABLE [__EFMigrationsHistory] (
    [MigrationId] nvarchar(150) NOT NULL,
    [ProductVersion] nvarchar(32) NOT NULL,
    CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
);
## op=INSERT tables=__EFMigrationsHistory dialect=mssql source=holdout3/efcore-migrations
INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20240101120000_InitialCreate', N'8.0.0');
## op=SELECT tables=employees,departments dialect=oracle source=holdout3/oracledocs-hr
SELECT e.last_name, d.department_name
  FROM employees e, departments d
  WHERE e.department_id = d.department_id(+);
## op=SELECT tables=employees dialect=oracle source=holdout3/oracledocs-hr
SELECT employee_id, last_name, manager_id, LEVEL
  FROM employees
  START WITH manager_id IS NULL
  CONNECT BY PRIOR employee_id = manager_id
  ORDER SIBLINGS BY last_name;
## op=SELECT tables=employees dialect=oracle source=holdout3/oracledocs-hr
SELECT * FROM (SELECT last_name, salary FROM employees ORDER BY salary DESC) WHERE ROWNUM <= 5;
## op=SELECT tables=employees,jobs dialect=oracle source=holdout3/oracledocs-hr
SELECT last_name, job_title FROM employees NATURAL JOIN jobs WHERE salary > 10000;
## op=SELECT tables=sales_view_ref dialect=oracle source=holdout3/oracledocs-model
SELECT country, prod, year, s
  FROM sales_view_ref
  MODEL
    PARTITION BY (country)
    DIMENSION BY (prod, year)
    MEASURES (sale s)
    RULES (s[prod='Mouse Pad', year=2001] = s['Mouse Pad', 1999] + s['Mouse Pad', 2000])
  ORDER BY country, prod, year;
## op=INSERT tables=sales,new_sales dialect=oracle source=holdout3/oracledocs-insert-all primary=sales
INSERT ALL
  INTO sales (prod_id, cust_id, amount) VALUES (product_id, customer_id, weekly_start_date)
  INTO sales (prod_id, cust_id, amount) VALUES (product_id, customer_id, weekly_start_date+1)
SELECT product_id, customer_id, weekly_start_date FROM new_sales;
## op=UPDATE tables=employees dialect=oracle source=holdout3/oracledocs-update
UPDATE employees SET salary = salary * 1.1 WHERE department_id = 100 RETURNING salary INTO :bnd1;
## op=SELECT tables=employees dialect=oracle source=holdout3/oracledocs-flashback
SELECT * FROM employees AS OF TIMESTAMP TO_TIMESTAMP('2004-04-04 09:30:00', 'YYYY-MM-DD HH:MI:SS')
  WHERE last_name = 'Chung';
## op=CREATE tables=emp_view,employees dialect=oracle source=holdout3/oracledocs-view
CREATE OR REPLACE FORCE EDITIONABLE VIEW emp_view AS SELECT employee_id, last_name FROM employees WITH READ ONLY;
## op=SELECT tables=orders dialect=oracle source=holdout3/oracledocs-fetch
SELECT order_id, order_total FROM orders ORDER BY order_total DESC FETCH FIRST 5 PERCENT ROWS WITH TIES;
## op=SELECT tables=user_tables dialect=oracle source=holdout3/tools
SELECT table_name, num_rows FROM user_tables ORDER BY num_rows DESC NULLS LAST;
## op=DELETE tables=hr.job_history dialect=oracle source=holdout3/oracledocs-delete
DELETE FROM hr.job_history WHERE end_date < ADD_MONTHS(SYSDATE, -120);
## op=INSERT tables=phonebook2 dialect=sqlite source=holdout3/sqlitedocs-upsert
INSERT INTO phonebook2(name,phonenumber,validDate)
  VALUES('Alice','704-555-1212','2018-05-08')
  ON CONFLICT(name) DO NOTHING;
## op=INSERT tables=t1 dialect=sqlite source=holdout3/sqlitedocs-insert
INSERT OR IGNORE INTO t1(a,b) VALUES(1,2);
## op=UPSERT tables=t1 dialect=sqlite source=holdout3/sqlitedocs-insert
INSERT OR REPLACE INTO t1(a,b) VALUES(1,2);
## op=UPSERT tables=kv dialect=sqlite source=holdout3/sqlitedocs-insert
REPLACE INTO kv(k, v) VALUES ('theme', 'dark');
## op=UPDATE tables=inventory,sales dialect=sqlite source=holdout3/sqlitedocs-update-from
UPDATE inventory
   SET quantity = quantity - daily.amt
  FROM (SELECT sum(quantity) AS amt, itemId FROM sales GROUP BY 2) AS daily
 WHERE inventory.itemId = daily.itemId;
## op=CREATE tables=t1 dialect=sqlite source=holdout3/sqlitedocs-strict
CREATE TABLE t1(a INT, b TEXT, c ANY) STRICT, WITHOUT ROWID;
## op=CREATE tables=email dialect=sqlite source=holdout3/sqlitedocs-fts5
CREATE VIRTUAL TABLE email USING fts5(sender, title, body, tokenize = 'porter ascii');
## op=SELECT tables=email dialect=sqlite source=holdout3/sqlitedocs-fts5
SELECT highlight(email, 2, '<b>', '</b>') FROM email WHERE email MATCH 'fts5' ORDER BY rank;
## op=SELECT tables=user dialect=sqlite source=holdout3/sqlitedocs-json
SELECT DISTINCT user.name
  FROM user, json_each(user.phone)
 WHERE json_each.value LIKE '704-%';
## op=CREATE tables=customers dialect=sqlite source=holdout3/sqlitedocs-trigger
CREATE TRIGGER update_customer_address UPDATE OF address ON customers
  BEGIN
    UPDATE orders SET address = new.address WHERE customer_name = old.name;
  END;
## op=CREATE tables=ex1 dialect=sqlite source=holdout3/sqlitedocs-generated
CREATE TABLE ex1(
   a INTEGER PRIMARY KEY,
   b INT,
   c TEXT,
   d INT GENERATED ALWAYS AS (a*abs(b)) VIRTUAL,
   e TEXT GENERATED ALWAYS AS (substr(c,b,b+1)) STORED
);
## op=ALTER tables=t1 dialect=sqlite source=holdout3/sqlitedocs-alter
ALTER TABLE t1 DROP COLUMN c;
## op=SELECT tables=sqlite_schema dialect=sqlite source=holdout3/tools
SELECT name FROM sqlite_schema WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY 1;
## op=INDEX tables=purchaseorder dialect=sqlite source=holdout3/sqlitedocs-partial-index
CREATE INDEX po_parent ON purchaseorder(parent_po) WHERE parent_po IS NOT NULL;
## op=SELECT tables=bigquery-public-data.github_repos.commits dialect=bigquery source=holdout3/bqdocs-unnest
SELECT repo_name, COUNT(*) AS commits
FROM `bigquery-public-data.github_repos.commits`, UNNEST(repo_name) AS repo_name
GROUP BY repo_name ORDER BY commits DESC LIMIT 10;
## op=SELECT tables=bigquery-public-data.new_york.citibike_trips dialect=bigquery source=holdout3/bqdocs
SELECT start_station_name, AVG(tripduration) AS avg_duration
FROM `bigquery-public-data`.new_york.citibike_trips
WHERE EXTRACT(YEAR FROM starttime) = 2017
GROUP BY start_station_name;
## op=SELECT tables=mydataset.mytable dialect=bigquery source=holdout3/bqdocs-qualify
SELECT item, purchases, category
FROM mydataset.mytable
QUALIFY ROW_NUMBER() OVER (PARTITION BY category ORDER BY purchases DESC) = 1;
## op=SELECT tables=mydataset.produce dialect=bigquery source=holdout3/bqdocs-pivot
SELECT * FROM mydataset.produce
PIVOT(SUM(sales) FOR quarter IN ('Q1', 'Q2', 'Q3', 'Q4'));
## op=SELECT tables=mydataset.produce dialect=bigquery source=holdout3/bqdocs-pivot
SELECT * FROM mydataset.produce
UNPIVOT(sales FOR quarter IN (Q1, Q2, Q3, Q4));
## op=SELECT tables=mydataset.mytable dialect=bigquery source=holdout3/bqdocs-timetravel
SELECT * FROM mydataset.mytable
  FOR SYSTEM_TIME AS OF TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 1 HOUR);
## op=CREATE tables=mydataset.newtable dialect=bigquery source=holdout3/bqdocs-ddl
CREATE TABLE mydataset.newtable (x INT64, y STRING)
PARTITION BY _PARTITIONDATE
CLUSTER BY y
OPTIONS(partition_expiration_days=3, description="a table partitioned by ingestion time");
## op=CREATE tables=mydataset.mytable_snapshot,mydataset.mytable dialect=bigquery source=holdout3/bqdocs-ddl
CREATE SNAPSHOT TABLE mydataset.mytable_snapshot CLONE mydataset.mytable
  FOR SYSTEM_TIME AS OF TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 1 HOUR);
## op=UPDATE tables=dataset.Inventory,dataset.NewArrivals dialect=bigquery source=holdout3/bqdocs-dml
UPDATE dataset.Inventory
SET quantity = quantity +
  (SELECT quantity FROM dataset.NewArrivals
   WHERE Inventory.product = NewArrivals.product),
    supply_constrained = false
WHERE product IN (SELECT product FROM dataset.NewArrivals);
## op=SELECT tables=region-us.INFORMATION_SCHEMA.JOBS_BY_PROJECT dialect=bigquery source=holdout3/bqdocs-infoschema
SELECT job_id, user_email, total_bytes_billed
FROM `region-us`.INFORMATION_SCHEMA.JOBS_BY_PROJECT
WHERE creation_time > TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 1 DAY)
ORDER BY total_bytes_billed DESC;
## op=SELECT tables=mydataset.mytable dialect=bigquery source=holdout3/bqdocs-ml
SELECT * FROM ML.PREDICT(MODEL `mydataset.mymodel`, (SELECT * FROM mydataset.mytable));
## op=SELECT tables=snowflake_sample_data.tpch_sf1.customer dialect=snowflake source=holdout3/snowflakedocs
SELECT c_mktsegment, COUNT(*) FROM snowflake_sample_data.tpch_sf1.customer GROUP BY 1 ORDER BY 2 DESC;
## op=SELECT tables=car_sales dialect=snowflake source=holdout3/snowflakedocs-semistructured
SELECT value:name::string AS customer_name
FROM car_sales, LATERAL FLATTEN(input => src:customer);
## op=SELECT tables=monthly_sales dialect=snowflake source=holdout3/snowflakedocs-pivot
SELECT *
  FROM monthly_sales
    PIVOT(SUM(amount) FOR month IN ('JAN', 'FEB', 'MAR', 'APR'))
      AS p
  ORDER BY empid;
## op=CREATE tables=mytable_clone,mytable dialect=snowflake source=holdout3/snowflakedocs-clone
CREATE OR REPLACE TABLE mytable_clone CLONE mytable AT(OFFSET => -60*5);
## op=SELECT tables=my_table dialect=snowflake source=holdout3/snowflakedocs-timetravel
SELECT * FROM my_table AT(TIMESTAMP => 'Fri, 01 May 2015 16:20:00 -0700'::timestamp_tz);
## op=CREATE tables=dt_orders,raw_orders dialect=snowflake source=holdout3/snowflakedocs-dynamic
CREATE OR REPLACE DYNAMIC TABLE dt_orders
  TARGET_LAG = '20 minutes'
  WAREHOUSE = mywh
  AS
    SELECT order_id, amount FROM raw_orders WHERE amount > 0;
## op=CREATE tables=mystream,mytable dialect=snowflake source=holdout3/snowflakedocs-stream
CREATE STREAM mystream ON TABLE mytable;
## op=SELECT tables=snowflake.account_usage.query_history dialect=snowflake source=holdout3/snowflakedocs-account-usage
SELECT warehouse_name, SUM(credits_used_cloud_services) AS credits
FROM snowflake.account_usage.query_history
WHERE start_time >= DATEADD(day, -7, CURRENT_TIMESTAMP())
GROUP BY 1;
## op=SELECT tables=t1 dialect=snowflake source=holdout3/snowflakedocs-sample
SELECT * FROM t1 SAMPLE BERNOULLI (20.3);
## op=SELECT tables=- dialect=snowflake source=holdout3/snowflakedocs-generator
SELECT SEQ4(), UNIFORM(1, 10, RANDOM(12)) FROM TABLE(GENERATOR(ROWCOUNT => 10));
## op=SELECT tables=sales dialect=redshift source=holdout3/redshiftdocs-tickit
SELECT sellerid, SUM(pricepaid) AS total FROM sales GROUP BY sellerid ORDER BY 2 DESC LIMIT 10;
## op=SELECT tables=event,venue dialect=redshift source=holdout3/redshiftdocs-tickit
SELECT eventname, venuename FROM event, venue WHERE event.venueid = venue.venueid AND venuestate = 'NY';
## op=SELECT tables=listing,sales dialect=redshift source=holdout3/redshiftdocs-tickit
SELECT listing.sellerid, SUM(sales.qtysold)
FROM listing LEFT OUTER JOIN sales ON sales.listid = listing.listid
GROUP BY 1 ORDER BY 1 LIMIT 10;
## op=CREATE tables=venue_ident dialect=redshift source=holdout3/redshiftdocs-ddl
CREATE TABLE venue_ident(venueid bigint identity(0, 1), venuename varchar(100))
DISTSTYLE KEY DISTKEY (venueid) COMPOUND SORTKEY (venueid);
## op=SELECT tables=svv_table_info dialect=redshift source=holdout3/tools
SELECT "table", size, tbl_rows, unsorted FROM svv_table_info ORDER BY size DESC;
## op=SELECT tables=people10m dialect=databricks source=holdout3/databricksdocs-timetravel
SELECT count(*) FROM people10m VERSION AS OF 5;
## op=SELECT tables=main.default.sales dialect=databricks source=holdout3/databricksdocs
SELECT * FROM main.default.sales TIMESTAMP AS OF '2024-01-01';
## op=CREATE tables=bronze_events dialect=databricks source=holdout3/databricksdocs-dlt
CREATE OR REFRESH STREAMING TABLE bronze_events
AS SELECT * FROM STREAM read_files('/Volumes/main/raw/events', format => 'json');
## op=CREATE tables=silver_events,bronze_events dialect=databricks source=holdout3/databricksdocs-dlt
CREATE OR REFRESH STREAMING TABLE silver_events
AS SELECT id, ts FROM STREAM(bronze_events) WHERE id IS NOT NULL;
## op=CREATE tables=daily_counts,silver_events dialect=databricks source=holdout3/databricksdocs-dlt
CREATE OR REFRESH MATERIALIZED VIEW daily_counts
AS SELECT date(ts) AS d, count(*) AS n FROM silver_events GROUP BY 1;
## op=OPTIMIZE tables=events dialect=databricks source=holdout3/databricksdocs-optimize
OPTIMIZE events ZORDER BY (eventType);
## op=INSERT tables=students,persons dialect=databricks source=holdout3/sparkdocs-insert
INSERT INTO students PARTITION (student_id = 444444) SELECT name, address FROM persons WHERE name = "Dora Williams";
## op=DELETE tables=events dialect=databricks source=holdout3/databricksdocs-delete
DELETE FROM events WHERE date < '2017-01-01';
## op=SELECT tables=cities dialect=duckdb source=holdout3/duckdbdocs-pivot
PIVOT cities ON year USING sum(population) GROUP BY country;
## op=SELECT tables=cities dialect=duckdb source=holdout3/duckdbdocs-pivot
SELECT * FROM (PIVOT cities ON year USING sum(population)) pivoted WHERE country = 'NL';
## op=SELECT tables=monthly_sales dialect=duckdb source=holdout3/duckdbdocs-unpivot
UNPIVOT monthly_sales ON jan, feb, mar, apr INTO NAME month VALUE sales;
## op=SELECT tables=monthly_sales dialect=duckdb source=holdout3/duckdbdocs-unpivot
UNPIVOT monthly_sales ON COLUMNS(* EXCLUDE (empid, dept)) INTO NAME month VALUE sales;
## op=SELECT tables=- dialect=duckdb source=holdout3/duckdbdocs-files
SELECT * FROM read_parquet('s3://bucket/*.parquet') LIMIT 10;
## op=CREATE tables=trips dialect=duckdb source=holdout3/duckdbdocs-files
CREATE TABLE trips AS SELECT * FROM read_csv_auto('trips.csv');
## op=SELECT tables=tbl dialect=duckdb source=holdout3/duckdbdocs-select
SELECT * EXCLUDE (city) FROM tbl;
## op=SELECT tables=tbl dialect=duckdb source=holdout3/duckdbdocs-select
SELECT COLUMNS('number\d+') FROM tbl;
## op=SELECT tables=tbl dialect=duckdb source=holdout3/duckdbdocs-groupby-all
SELECT city, street_name, avg(income) FROM tbl GROUP BY ALL ORDER BY ALL;
## op=SELECT tables=tbl dialect=duckdb source=holdout3/duckdbdocs-from-first
FROM tbl SELECT i, s;
## op=SELECT tables=- dialect=duckdb source=holdout3/duckdbdocs
SELECT * FROM range(10) t(i) USING SAMPLE 10%;
## op=COPY tables=lineitem dialect=duckdb source=holdout3/duckdbdocs-copy
COPY lineitem TO 'lineitem.parquet' (FORMAT parquet, COMPRESSION zstd);
## op=SELECT tables=hive.sales.orders dialect=trino source=holdout3/trinodocs
SELECT orderstatus, count(*) FROM hive.sales.orders GROUP BY orderstatus;
## op=SELECT tables=tpch.sf1.nation,tpch.sf1.region dialect=trino source=holdout3/trinodocs
SELECT n.name, r.name FROM tpch.sf1.nation n JOIN tpch.sf1.region r ON n.regionkey = r.regionkey;
## op=SELECT tables=- dialect=trino source=holdout3/trinodocs-unnest
SELECT student, score
FROM (VALUES ('John', ARRAY[7, 10, 9]), ('Mary', ARRAY[4, 8, 9])) AS tests (student, scores)
CROSS JOIN UNNEST(scores) AS t(score);
## op=CREATE tables=iceberg.web.page_views,hive.web.raw_page_views dialect=trino source=holdout3/trinodocs-ctas
CREATE TABLE IF NOT EXISTS iceberg.web.page_views
WITH (format = 'PARQUET', partitioning = ARRAY['day(view_time)'])
AS SELECT * FROM hive.web.raw_page_views;
## op=SELECT tables=memory.default.events dialect=trino source=holdout3/trinodocs-match-recognize
SELECT * FROM memory.default.events
MATCH_RECOGNIZE (
  PARTITION BY custkey ORDER BY orderdate
  MEASURES A.totalprice AS starting_price
  ONE ROW PER MATCH
  PATTERN (A B+ C+)
  DEFINE B AS totalprice < PREV(totalprice), C AS totalprice > PREV(totalprice)
);
## op=SELECT tables=iceberg.web.page_views$snapshots dialect=trino source=holdout3/trinodocs-iceberg
SELECT * FROM iceberg.web."page_views$snapshots" ORDER BY committed_at DESC;
## op=SELECT tables=hits dialect=clickhouse source=holdout3/clickhousedocs
SELECT CounterID, count() AS c FROM hits GROUP BY CounterID ORDER BY c DESC LIMIT 20;
## op=SELECT tables=default.trips dialect=clickhouse source=holdout3/clickhousedocs-nyc-taxi
SELECT passenger_count, avg(total_amount) FROM default.trips GROUP BY passenger_count SETTINGS max_threads = 8;
## op=SELECT tables=visits dialect=clickhouse source=holdout3/clickhousedocs-sample
SELECT Title, count() * 10 AS PageViews FROM visits SAMPLE 0.1 WHERE CounterID = 34 GROUP BY Title ORDER BY PageViews DESC LIMIT 1000;
## op=SELECT tables=t dialect=clickhouse source=holdout3/clickhousedocs-final
SELECT * FROM t FINAL WHERE x = 1;
## op=SELECT tables=arrays_test dialect=clickhouse source=holdout3/clickhousedocs-array-join
SELECT s, arr FROM arrays_test ARRAY JOIN arr;
## op=CREATE tables=uk_price_paid dialect=clickhouse source=holdout3/clickhousedocs-ddl
CREATE TABLE uk_price_paid
(
    price UInt32,
    date Date,
    postcode1 LowCardinality(String),
    type Enum8('terraced' = 1, 'semi-detached' = 2, 'detached' = 3, 'flat' = 4, 'other' = 0)
)
ENGINE = MergeTree
ORDER BY (postcode1, date);
## op=INSERT tables=uk_price_paid dialect=clickhouse source=holdout3/clickhousedocs-insert
INSERT INTO uk_price_paid SELECT toUInt32(price_string) AS price, parseDateTimeBestEffortUS(time) AS date
FROM url('http://prod1.publicdata.landregistry.gov.uk.s3-website-eu-west-1.amazonaws.com/pp-complete.csv', 'CSV');
## op=CREATE tables=daily_mv,daily,hits dialect=clickhouse source=holdout3/clickhousedocs-mv
CREATE MATERIALIZED VIEW daily_mv TO daily AS SELECT toDate(EventTime) AS day, count() AS c FROM hits GROUP BY day;
## op=ALTER tables=visits dialect=clickhouse source=holdout3/clickhousedocs-mutation
ALTER TABLE visits DELETE WHERE Duration < 10;
## op=SELECT tables=system.parts dialect=clickhouse source=holdout3/clickhousedocs-system
SELECT table, formatReadableSize(sum(bytes_on_disk)) AS size FROM system.parts WHERE active GROUP BY table ORDER BY sum(bytes_on_disk) DESC;
## op=SELECT tables=public.flyway_schema_history dialect=postgresql source=holdout3/flyway
SELECT "installed_rank","version","description","type","script","checksum","installed_on","installed_by","execution_time","success" FROM "public"."flyway_schema_history" WHERE "installed_rank" > $1 ORDER BY "installed_rank";
## op=CREATE tables=public.databasechangeloglock dialect=postgresql source=holdout3/liquibase
CREATE TABLE public.databasechangeloglock (ID INTEGER NOT NULL, LOCKED BOOLEAN NOT NULL, LOCKGRANTED TIMESTAMP WITHOUT TIME ZONE, LOCKEDBY VARCHAR(255), CONSTRAINT databasechangeloglock_pkey PRIMARY KEY (ID));
## op=UPDATE tables=public.databasechangeloglock dialect=postgresql source=holdout3/liquibase
UPDATE public.databasechangeloglock SET LOCKED = TRUE, LOCKEDBY = 'host (10.0.0.5)', LOCKGRANTED = NOW() WHERE ID = 1 AND LOCKED = FALSE;
## op=SELECT tables=public.databasechangelog dialect=postgresql source=holdout3/liquibase
SELECT MD5SUM FROM public.databasechangelog WHERE MD5SUM IS NOT NULL LIMIT 1;
## op=INSERT tables=public.databasechangelog dialect=postgresql source=holdout3/liquibase
INSERT INTO public.databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, DESCRIPTION, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID) VALUES ('1', 'bob', 'db/changelog/db.changelog-master.yaml', NOW(), 1, '9:abc', 'createTable tableName=person', '', 'EXECUTED', NULL, NULL, '4.25.0', '1234567890');
## op=CREATE tables=active_storage_blobs dialect=postgresql source=holdout3/rails-schema
CREATE TABLE "active_storage_blobs" ("id" bigserial primary key, "key" character varying NOT NULL, "filename" character varying NOT NULL, "content_type" character varying, "metadata" text, "service_name" character varying NOT NULL, "byte_size" bigint NOT NULL, "checksum" character varying, "created_at" timestamp(6) NOT NULL);
## op=INDEX tables=active_storage_blobs dialect=postgresql source=holdout3/rails-schema
CREATE UNIQUE INDEX "index_active_storage_blobs_on_key" ON "active_storage_blobs" ("key");
## op=ALTER tables=active_storage_attachments dialect=postgresql source=holdout3/rails-schema
ALTER TABLE "active_storage_attachments" ADD CONSTRAINT "fk_rails_c3b3935057"
FOREIGN KEY ("blob_id")
  REFERENCES "active_storage_blobs" ("id")
;
## op=SELECT tables=users dialect=postgresql source=holdout3/activerecord
SELECT "users".* FROM "users" WHERE "users"."email" = $1 LIMIT $2;
## op=SELECT tables=articles,comments dialect=postgresql source=holdout3/activerecord
SELECT "articles".* FROM "articles" INNER JOIN "comments" ON "comments"."article_id" = "articles"."id" WHERE "comments"."status" = $1;
## op=SELECT tables=articles dialect=postgresql source=holdout3/activerecord
SELECT COUNT(*) FROM "articles" WHERE "articles"."published" = TRUE;
## op=SELECT tables=users dialect=postgresql source=holdout3/activerecord
SELECT 1 AS one FROM "users" WHERE "users"."email" = $1 LIMIT $2;
## op=INSERT tables=articles dialect=postgresql source=holdout3/activerecord
INSERT INTO "articles" ("title", "body", "created_at", "updated_at") VALUES ($1, $2, $3, $4) RETURNING "id";
## op=UPSERT tables=articles dialect=postgresql source=holdout3/activerecord-upsert-all
INSERT INTO "articles" ("id","title","created_at","updated_at") VALUES (1, 'Rails', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP) ON CONFLICT ("id") DO UPDATE SET updated_at=(CASE WHEN ("articles"."title" IS NOT DISTINCT FROM excluded."title") THEN "articles".updated_at ELSE CURRENT_TIMESTAMP END),"title"=excluded."title" RETURNING "id";
## op=INSERT tables=articles dialect=postgresql source=holdout3/activerecord-insert-all
INSERT INTO "articles" ("id","title") VALUES (1, 'Rails'), (2, 'Ruby') ON CONFLICT  DO NOTHING RETURNING "id";
## op=UPDATE tables=articles dialect=mysql source=holdout3/activerecord
UPDATE `articles` SET `articles`.`views` = COALESCE(`articles`.`views`, 0) + 1 WHERE `articles`.`id` = 7;
## op=DELETE tables=sessions dialect=mysql source=holdout3/activerecord
DELETE FROM `sessions` WHERE `sessions`.`updated_at` < '2024-01-01 00:00:00';
## op=SELECT tables=users dialect=mysql source=holdout3/laravel-eloquent
select * from `users` where `users`.`id` = ? limit 1;
## op=SELECT tables=tags,post_tag dialect=mysql source=holdout3/laravel-eloquent
select `tags`.*, `post_tag`.`post_id` as `pivot_post_id`, `post_tag`.`tag_id` as `pivot_tag_id` from `tags` inner join `post_tag` on `tags`.`id` = `post_tag`.`tag_id` where `post_tag`.`post_id` in (1, 2, 3);
## op=SELECT tables=users,posts dialect=mysql source=holdout3/laravel-eloquent
select `users`.*, (select count(*) from `posts` where `users`.`id` = `posts`.`user_id` and `posts`.`deleted_at` is null) as `posts_count` from `users` where `users`.`deleted_at` is null;
## op=CREATE tables=migrations dialect=mysql source=holdout3/laravel-migrations
create table `migrations` (`id` int unsigned not null auto_increment primary key, `migration` varchar(255) not null, `batch` int not null) default character set utf8mb4 collate 'utf8mb4_unicode_ci';
## op=ALTER tables=users dialect=mysql source=holdout3/laravel-migrations
alter table `users` add unique `users_email_unique`(`email`);
## op=INSERT tables=migrations dialect=mysql source=holdout3/laravel-migrations
insert into `migrations` (`migration`, `batch`) values ('2014_10_12_000000_create_users_table', 1);
## op=CREATE tables=jobs dialect=sqlite source=holdout3/laravel-migrations
create table "jobs" ("id" integer primary key autoincrement not null, "queue" varchar not null, "payload" text not null, "attempts" integer not null, "reserved_at" integer, "available_at" integer not null, "created_at" integer not null);
## op=CREATE tables=_prisma_migrations dialect=postgresql source=holdout3/prisma
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);
## op=CREATE tables=User dialect=postgresql source=holdout3/prisma-migrate
-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);
## op=ALTER tables=Post dialect=postgresql source=holdout3/prisma-migrate
-- AddForeignKey
ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
## op=SELECT tables=public.User dialect=postgresql source=holdout3/prisma-client
SELECT "public"."User"."id", "public"."User"."email", "public"."User"."name" FROM "public"."User" WHERE ("public"."User"."email" = $1 AND 1=1) LIMIT $2 OFFSET $3;
## op=SELECT tables=public.Post dialect=postgresql source=holdout3/prisma-client
SELECT "public"."Post"."id", "public"."Post"."title", "public"."Post"."authorId" FROM "public"."Post" WHERE "public"."Post"."authorId" IN ($1,$2,$3) OFFSET $4;
## op=INSERT tables=public.User dialect=postgresql source=holdout3/prisma-client
INSERT INTO "public"."User" ("email","name") VALUES ($1,$2) RETURNING "public"."User"."id", "public"."User"."email", "public"."User"."name";
## op=SELECT tables=alembic_version dialect=postgresql source=holdout3/alembic
SELECT alembic_version.version_num 
FROM alembic_version;
## op=CREATE tables=goose_db_version dialect=postgresql source=holdout3/goose
CREATE TABLE goose_db_version (
    id serial NOT NULL,
    version_id bigint NOT NULL,
    is_applied boolean NOT NULL,
    tstamp timestamp NULL default now(),
    PRIMARY KEY(id)
);
## op=SELECT tables=schema_migrations dialect=postgresql source=holdout3/golang-migrate
SELECT version, dirty FROM "schema_migrations" LIMIT 1;
## op=SELECT tables=Person dialect=postgresql source=holdout3/hibernate
select p1_0.id,p1_0.name,p1_0.nickName,p1_0.version from Person p1_0 where p1_0.name like ? escape '' order by p1_0.name offset ? rows fetch first ? rows only;
## op=SELECT tables=orders,order_lines dialect=postgresql source=holdout3/hibernate
select o1_0.id,l1_0.order_id,l1_0.id,l1_0.quantity,o1_0.customer_id from orders o1_0 left join order_lines l1_0 on o1_0.id=l1_0.order_id where o1_0.id=?;
## op=INSERT tables=Person dialect=postgresql source=holdout3/hibernate
insert into Person (name,nickName,version,id) values (?,?,?,?);
## op=UPDATE tables=Person dialect=postgresql source=holdout3/hibernate
update Person set name=?,nickName=?,version=? where id=? and version=?;
## op=SELECT tables=- dialect=postgresql source=holdout3/hibernate
select nextval('Person_SEQ');
## op=SELECT tables=Book,Book_Author,Author dialect=mysql source=holdout3/hibernate
select b1_0.id,b1_0.title from Book b1_0 join (Book_Author a1_0 join Author a1_1 on a1_1.id=a1_0.authors_id) on b1_0.id=a1_0.Book_id where a1_1.name=?;
## op=SELECT tables=customer dialect=oracle source=holdout3/hibernate-legacy
select * from ( select customer0_.id as id1_0_, customer0_.name as name2_0_ from customer customer0_ order by customer0_.name ) where rownum <= ?;
## op=SELECT tables=Users dialect=postgresql source=holdout3/sequelize
SELECT "id", "firstName", "lastName", "createdAt", "updatedAt" FROM "Users" AS "User" WHERE "User"."id" = 1;
## op=SELECT tables=Users,Tasks dialect=postgresql source=holdout3/sequelize
SELECT "User"."id", "User"."firstName", "Tasks"."id" AS "Tasks.id", "Tasks"."title" AS "Tasks.title" FROM "Users" AS "User" LEFT OUTER JOIN "Tasks" AS "Tasks" ON "User"."id" = "Tasks"."userId";
## op=INSERT tables=Users dialect=postgresql source=holdout3/sequelize
INSERT INTO "Users" ("id","firstName","lastName","createdAt","updatedAt") VALUES (DEFAULT,$1,$2,$3,$4) RETURNING "id","firstName","lastName","createdAt","updatedAt";
## op=CREATE tables=Users dialect=postgresql source=holdout3/sequelize-sync
CREATE TABLE IF NOT EXISTS "Users" ("id"   SERIAL , "firstName" VARCHAR(255), "lastName" VARCHAR(255), "createdAt" TIMESTAMP WITH TIME ZONE NOT NULL, "updatedAt" TIMESTAMP WITH TIME ZONE NOT NULL, PRIMARY KEY ("id"));
## op=SELECT tables=pg_class,pg_index,pg_attribute dialect=postgresql source=holdout3/sequelize-sync
SELECT i.relname AS name, ix.indisprimary AS primary, ix.indisunique AS unique, ix.indkey AS indkey, array_agg(a.attnum) as column_indexes, array_agg(a.attname) AS column_names FROM pg_class t, pg_class i, pg_index ix, pg_attribute a WHERE t.oid = ix.indrelid AND i.oid = ix.indexrelid AND a.attrelid = t.oid AND t.relkind = 'r' and t.relname = 'Users' GROUP BY i.relname, ix.indexrelid, ix.indisprimary, ix.indisunique, ix.indkey ORDER BY i.relname;
## op=UPSERT tables=Users dialect=mysql source=holdout3/sequelize
INSERT INTO `Users` (`id`,`firstName`,`createdAt`,`updatedAt`) VALUES (1,'Jane','2024-01-01 00:00:00','2024-01-01 00:00:00') ON DUPLICATE KEY UPDATE `firstName`=VALUES(`firstName`),`updatedAt`=VALUES(`updatedAt`);
## op=SELECT tables=users dialect=postgresql source=holdout3/gorm
SELECT * FROM "users" WHERE "users"."deleted_at" IS NULL ORDER BY "users"."id" LIMIT 1;
## op=SELECT tables=users dialect=mysql source=holdout3/gorm
SELECT * FROM `users` WHERE name = 'jinzhu' AND `users`.`deleted_at` IS NULL;
## op=INSERT tables=users dialect=postgresql source=holdout3/gorm
INSERT INTO "users" ("created_at","updated_at","deleted_at","name","age","birthday") VALUES ('2020-07-04 11:05:21.775','2020-07-04 11:05:21.775',NULL,'jinzhu',18,'2020-07-04 11:05:21.773') RETURNING "id";
## op=UPSERT tables=users dialect=postgresql source=holdout3/gorm
INSERT INTO "users" ("name","age") VALUES ('jinzhu',18) ON CONFLICT ("id") DO UPDATE SET "name"="excluded"."name","age"="excluded"."age";
## op=INSERT tables=users dialect=postgresql source=holdout3/gorm
INSERT INTO "users" ("name","age") VALUES ('jinzhu',18) ON CONFLICT DO NOTHING;
## op=UPDATE tables=users dialect=mysql source=holdout3/gorm
UPDATE `users` SET `deleted_at`='2020-07-04 11:05:21.775' WHERE `users`.`id` = 10 AND `users`.`deleted_at` IS NULL;
## op=SELECT tables=users,companies dialect=mysql source=holdout3/gorm
SELECT `users`.`id`,`users`.`name`,`Company`.`id` AS `Company__id`,`Company`.`name` AS `Company__name` FROM `users` LEFT JOIN `companies` `Company` ON `users`.`company_id` = `Company`.`id`;
## op=SELECT tables=django_admin_log,auth_user,django_content_type dialect=postgresql source=holdout3/django-admin
SELECT "django_admin_log"."id", "django_admin_log"."action_time", "auth_user"."username", "django_content_type"."model" FROM "django_admin_log" INNER JOIN "auth_user" ON ("django_admin_log"."user_id" = "auth_user"."id") LEFT OUTER JOIN "django_content_type" ON ("django_admin_log"."content_type_id" = "django_content_type"."id") WHERE "django_admin_log"."user_id" = 1 ORDER BY "django_admin_log"."action_time" DESC LIMIT 10;
## op=SELECT tables=auth_permission,auth_user_user_permissions,django_content_type dialect=postgresql source=holdout3/django-auth
SELECT "django_content_type"."app_label", "auth_permission"."codename" FROM "auth_permission" INNER JOIN "auth_user_user_permissions" ON ("auth_permission"."id" = "auth_user_user_permissions"."permission_id") INNER JOIN "django_content_type" ON ("auth_permission"."content_type_id" = "django_content_type"."id") WHERE "auth_user_user_permissions"."user_id" = 1;
## op=UPDATE tables=auth_user dialect=postgresql source=holdout3/django-auth
UPDATE "auth_user" SET "last_login" = '2024-05-01T10:00:00+00:00'::timestamptz WHERE "auth_user"."id" = 1;
## op=DELETE tables=django_session dialect=postgresql source=holdout3/django-session
DELETE FROM "django_session" WHERE "django_session"."expire_date" < '2024-05-01T10:00:00+00:00'::timestamptz;
## op=SELECT tables=blog_entry dialect=postgresql source=holdout3/django-aggregate
SELECT EXTRACT(YEAR FROM "blog_entry"."pub_date" AT TIME ZONE 'UTC') AS "year", COUNT("blog_entry"."id") AS "n" FROM "blog_entry" GROUP BY 1 ORDER BY 1 ASC;
## op=UPDATE tables=blog_entry dialect=postgresql source=holdout3/django-bulk-update
UPDATE "blog_entry" SET "rating" = CASE WHEN ("blog_entry"."id" = 1) THEN 5 WHEN ("blog_entry"."id" = 2) THEN 3 ELSE NULL END WHERE "blog_entry"."id" IN (1, 2);
## op=INDEX tables=blog_entry dialect=postgresql source=holdout3/django-migrations
CREATE INDEX CONCURRENTLY "blog_entry_pub_date_idx" ON "blog_entry" ("pub_date");
## op=ALTER tables=blog_entry dialect=postgresql source=holdout3/django-migrations
ALTER TABLE "blog_entry" ALTER COLUMN "headline" TYPE varchar(300);
## op=SELECT tables=posts dialect=postgresql source=holdout3/typeorm
SELECT "Post"."id" AS "Post_id", "Post"."title" AS "Post_title" FROM "posts" "Post" WHERE "Post"."id" IN ($1) LIMIT 1;
## op=SELECT tables=typeorm_metadata dialect=postgresql source=holdout3/typeorm
SELECT * FROM "typeorm_metadata" WHERE "type" = $1 AND "name" = $2;
## op=SELECT tables=users dialect=postgresql source=holdout3/ecto
SELECT u0."id", u0."name", u0."inserted_at" FROM "users" AS u0 WHERE (u0."age" > $1);
## op=INSERT tables=posts dialect=postgresql source=holdout3/ecto
INSERT INTO "posts" ("title","user_id","inserted_at","updated_at") VALUES ($1,$2,$3,$4) RETURNING "id";
## op=SELECT tables=users,posts dialect=postgresql source=holdout3/knex
select "users".*, count("posts"."id") as "post_count" from "users" left join "posts" on "posts"."user_id" = "users"."id" group by "users"."id";
## op=SELECT tables=accounts dialect=sqlite source=holdout3/knex
select `id`, `name` from `accounts` where `id` = ? limit ?;
## op=SELECT tables=product dialect=mysql source=holdout3/mybatis
SELECT id, name, price FROM product WHERE name LIKE CONCAT('%', ?, '%') AND price < ?;
## op=SELECT tables=PUBLIC.ORDERS,PUBLIC.PRODUCTS dialect=ansi source=holdout3/metabase-sample
SELECT "PUBLIC"."PRODUCTS"."CATEGORY" AS "PRODUCTS__CATEGORY", SUM("PUBLIC"."ORDERS"."TOTAL") AS "sum"
FROM "PUBLIC"."ORDERS"
LEFT JOIN "PUBLIC"."PRODUCTS" AS "PRODUCTS__via__PRODUCT_ID" ON "PUBLIC"."ORDERS"."PRODUCT_ID" = "PRODUCTS__via__PRODUCT_ID"."ID"
GROUP BY "PUBLIC"."PRODUCTS"."CATEGORY"
ORDER BY "PUBLIC"."PRODUCTS"."CATEGORY" ASC;
## op=SELECT tables=public.orders dialect=postgresql source=holdout3/metabase
SELECT DATE_TRUNC('month', "public"."orders"."created_at") AS "created_at", COUNT(*) AS "count"
FROM "public"."orders"
WHERE ("public"."orders"."created_at" >= DATE_TRUNC('month', (NOW() + INTERVAL '-12 month')))
GROUP BY DATE_TRUNC('month', "public"."orders"."created_at")
ORDER BY DATE_TRUNC('month', "public"."orders"."created_at") ASC;
## op=SELECT tables=public.people dialect=postgresql source=holdout3/metabase
SELECT "source"."state" AS "state", "source"."count" AS "count" FROM (SELECT "public"."people"."state" AS "state", COUNT(*) AS "count" FROM "public"."people" GROUP BY "public"."people"."state" ORDER BY "public"."people"."state" ASC) AS "source" WHERE "source"."count" > 100 LIMIT 1048575;
## op=SELECT tables=report_card dialect=postgresql source=holdout3/metabase-appdb
SELECT "report_card"."id", "report_card"."name" FROM "report_card" WHERE "report_card"."archived" = FALSE ORDER BY "report_card"."name";
## op=SELECT tables=public.birth_names dialect=postgresql source=holdout3/superset
SELECT gender AS gender, sum(num) AS "SUM(num)"
FROM public.birth_names
WHERE ds >= TO_TIMESTAMP('1961-01-01 00:00:00.000000', 'YYYY-MM-DD HH24:MI:SS.US') AND ds < TO_TIMESTAMP('2026-01-01 00:00:00.000000', 'YYYY-MM-DD HH24:MI:SS.US')
GROUP BY gender
LIMIT 50000;
## op=SELECT tables=public.wb_health_population dialect=postgresql source=holdout3/superset
SELECT country_name AS country_name, sum("SP_POP_TOTL") AS "SUM(SP_POP_TOTL)" FROM (SELECT * FROM public.wb_health_population WHERE year = 2014) AS virtual_table GROUP BY country_name ORDER BY "SUM(SP_POP_TOTL)" DESC LIMIT 10;
## op=SELECT tables=ab_user dialect=postgresql source=holdout3/superset-appdb
SELECT ab_user.id AS ab_user_id, ab_user.username AS ab_user_username FROM ab_user WHERE ab_user.username = %(username_1)s LIMIT %(param_1)s;
## op=SELECT tables=ecommerce.order_items,ecommerce.users dialect=bigquery source=holdout3/looker
SELECT
    users.state  AS users_state,
    COUNT(DISTINCT order_items.order_id ) AS order_items_order_count
FROM `ecommerce.order_items`  AS order_items
LEFT JOIN `ecommerce.users`  AS users ON order_items.user_id = users.id
GROUP BY
    1
ORDER BY
    2 DESC
LIMIT 500;
## op=SELECT tables=public.order_items,public.products dialect=postgresql source=holdout3/looker
WITH order_facts AS (SELECT order_id, SUM(sale_price) AS order_amount FROM public.order_items GROUP BY 1)
SELECT
    products.brand  AS "products.brand",
    COALESCE(SUM(order_facts.order_amount ), 0) AS "order_facts.total_amount"
FROM public.order_items  AS order_items
LEFT JOIN order_facts ON order_items.order_id = order_facts.order_id
LEFT JOIN public.products  AS products ON order_items.product_id = products.id
GROUP BY 1
ORDER BY 2 DESC
FETCH NEXT 500 ROWS ONLY;
## op=SELECT tables=PUBLIC.ORDERS dialect=snowflake source=holdout3/looker
SELECT
    TO_CHAR(DATE_TRUNC('month', CONVERT_TIMEZONE('UTC', 'America/Los_Angeles', CAST(orders."CREATED_AT"  AS TIMESTAMP_NTZ))), 'YYYY-MM') AS "orders.created_month",
    COUNT(DISTINCT orders."ID" ) AS "orders.count"
FROM "PUBLIC"."ORDERS"
     AS orders
GROUP BY
    (TO_CHAR(DATE_TRUNC('month', CONVERT_TIMEZONE('UTC', 'America/Los_Angeles', CAST(orders."CREATED_AT"  AS TIMESTAMP_NTZ))), 'YYYY-MM'))
ORDER BY
    1 DESC
LIMIT 500;
## op=SELECT tables=analytics.events dialect=redshift source=holdout3/tableau
SELECT "Custom SQL Query"."event_type" AS "event_type", COUNT(1) AS "cnt:Number of Records:ok" FROM (SELECT * FROM analytics.events WHERE ts > GETDATE() - 30) "Custom SQL Query" GROUP BY 1;
## op=SELECT tables=raw.jaffle_shop.customers dialect=snowflake source=holdout3/dbt-jaffle
with source as (
    select * from raw.jaffle_shop.customers
),
renamed as (
    select
        id as customer_id,
        first_name,
        last_name
    from source
)
select * from renamed;
## op=SELECT tables=analytics.stg_customers,analytics.stg_orders,analytics.stg_payments dialect=snowflake source=holdout3/dbt-jaffle
with customers as (
    select * from analytics.stg_customers
),
orders as (
    select * from analytics.stg_orders
),
payments as (
    select * from analytics.stg_payments
),
customer_orders as (
    select customer_id, min(order_date) as first_order, max(order_date) as most_recent_order, count(order_id) as number_of_orders
    from orders
    group by customer_id
),
customer_payments as (
    select orders.customer_id, sum(amount) as total_amount
    from payments
    left join orders on payments.order_id = orders.order_id
    group by orders.customer_id
),
final as (
    select customers.customer_id, customer_orders.first_order, customer_payments.total_amount as customer_lifetime_value
    from customers
    left join customer_orders on customers.customer_id = customer_orders.customer_id
    left join customer_payments on customers.customer_id = customer_payments.customer_id
)
select * from final;
## op=CREATE tables=analytics.dbt_prod.customers,analytics.dbt_prod.stg_customers dialect=snowflake source=holdout3/dbt-snowflake
create or replace transient table analytics.dbt_prod.customers
         as
        (select * from analytics.dbt_prod.stg_customers
        );
## op=MERGE tables=analytics.dbt_prod.orders,analytics.dbt_prod.orders__dbt_tmp dialect=snowflake source=holdout3/dbt-snowflake-incremental
merge into analytics.dbt_prod.orders as DBT_INTERNAL_DEST
        using analytics.dbt_prod.orders__dbt_tmp as DBT_INTERNAL_SOURCE
        on (
                DBT_INTERNAL_SOURCE.order_id = DBT_INTERNAL_DEST.order_id
            )
    when matched then update set
        "ORDER_ID" = DBT_INTERNAL_SOURCE."ORDER_ID","STATUS" = DBT_INTERNAL_SOURCE."STATUS"
    when not matched then insert
        ("ORDER_ID", "STATUS")
    values
        ("ORDER_ID", "STATUS");
## op=CREATE tables=analytics.dbt_prod.orders__dbt_tmp,analytics.dbt_prod.stg_orders,analytics.dbt_prod.orders dialect=snowflake source=holdout3/dbt-snowflake-incremental
create or replace temporary view analytics.dbt_prod.orders__dbt_tmp
  as (
    select * from analytics.dbt_prod.stg_orders
    where updated_at > (select max(updated_at) from analytics.dbt_prod.orders)
  );
## op=CREATE tables=my-project.dbt_prod.fct_sessions,my-project.dbt_prod.stg_events dialect=bigquery source=holdout3/dbt-bigquery
create or replace table `my-project`.`dbt_prod`.`fct_sessions`
partition by date(session_start)
cluster by user_id
OPTIONS()
as (
    select session_id, user_id, min(event_ts) as session_start
    from `my-project`.`dbt_prod`.`stg_events`
    group by 1, 2
  );
## op=ALTER tables=analytics.dbt_prod.stg_payments dialect=postgresql source=holdout3/dbt-postgres
alter table "analytics"."dbt_prod"."stg_payments" rename to "stg_payments__dbt_backup";
## op=INSERT tables=analytics.dbt_prod.events,events__dbt_tmp dialect=postgresql source=holdout3/dbt-postgres-incremental
insert into "analytics"."dbt_prod"."events" ("event_id", "event_ts", "user_id")
    (
        select "event_id", "event_ts", "user_id"
        from "events__dbt_tmp"
    );
## op=DELETE tables=analytics.dbt_prod.events,events__dbt_tmp dialect=postgresql source=holdout3/dbt-postgres-incremental
delete from "analytics"."dbt_prod"."events"
    where (event_id) in (
        select (event_id)
        from "events__dbt_tmp"
    );
## op=SELECT tables=analytics.information_schema.columns dialect=postgresql source=holdout3/dbt-postgres
select
          column_name,
          data_type,
          character_maximum_length,
          numeric_precision,
          numeric_scale
      from "analytics".information_schema.columns
      where table_name = 'stg_orders'
        and table_schema = 'dbt_prod'
      order by ordinal_position;
## op=SELECT tables=singer dialect=sqlite source=holdout3/spider
SELECT name, country, age FROM singer ORDER BY age DESC;
## op=SELECT tables=stadium,concert dialect=sqlite source=holdout3/spider
SELECT name FROM stadium WHERE stadium_id NOT IN (SELECT stadium_id FROM concert);
## op=SELECT tables=CARS_DATA dialect=sqlite source=holdout3/spider
SELECT avg(horsepower) FROM CARS_DATA WHERE YEAR < 1980;
## op=SELECT tables=COUNTRIES,CAR_MAKERS dialect=sqlite source=holdout3/spider
SELECT T1.CountryName FROM COUNTRIES AS T1 JOIN CAR_MAKERS AS T2 ON T1.CountryId = T2.Country GROUP BY T1.CountryId HAVING count(*) > 2 EXCEPT SELECT T1.CountryName FROM COUNTRIES AS T1 JOIN CAR_MAKERS AS T2 ON T1.CountryId = T2.Country WHERE T2.maker = 'fiat';
## op=SELECT tables=AIRPORTS,FLIGHTS dialect=sqlite source=holdout3/spider
SELECT T1.City FROM AIRPORTS AS T1 JOIN FLIGHTS AS T2 ON T1.AirportCode = T2.DestAirport GROUP BY T1.City ORDER BY count(*) DESC LIMIT 1;
## op=SELECT tables=employee,evaluation dialect=sqlite source=holdout3/spider
SELECT t1.name FROM employee AS t1 JOIN evaluation AS t2 ON t1.Employee_ID = t2.Employee_ID ORDER BY t2.bonus DESC LIMIT 1;
## op=SELECT tables=satscores,schools dialect=sqlite source=holdout3/bird primary=satscores
SELECT T2.Phone FROM satscores AS T1 INNER JOIN schools AS T2 ON T1.cds = T2.CDSCode WHERE T1.NumTstTakr > 500 ORDER BY T1.AvgScrMath DESC LIMIT 1;
## op=SELECT tables=posts,users dialect=sqlite source=holdout3/bird-codebase
SELECT T2.DisplayName FROM posts AS T1 INNER JOIN users AS T2 ON T1.OwnerUserId = T2.Id WHERE T1.Title = 'Eliciting priors from experts';
## op=SELECT tables=client,disp,account dialect=sqlite source=holdout3/bird-financial
SELECT CAST(SUM(T1.gender = 'F') AS REAL) * 100 / COUNT(T1.client_id) FROM client AS T1 INNER JOIN disp AS T2 ON T1.client_id = T2.client_id INNER JOIN account AS T3 ON T2.account_id = T3.account_id WHERE T3.frequency = 'POPLATEK TYDNE';
## op=SELECT tables=races,results,drivers dialect=sqlite source=holdout3/bird-formula1
SELECT T3.forename, T3.surname FROM races AS T1 INNER JOIN results AS T2 ON T1.raceId = T2.raceId INNER JOIN drivers AS T3 ON T2.driverId = T3.driverId WHERE T1.name = 'Australian Grand Prix' AND T1.year = 2008 AND T2.position = 1;
## op=SELECT tables=Customer,Invoice dialect=sqlite source=holdout3/chinook
SELECT c.FirstName, c.LastName, SUM(i.Total) AS spent FROM Customer c JOIN Invoice i ON i.CustomerId = c.CustomerId GROUP BY c.CustomerId ORDER BY spent DESC LIMIT 5;
## op=SELECT tables=Genre,Track dialect=sqlite source=holdout3/chinook
SELECT g.Name, COUNT(t.TrackId) FROM Genre g LEFT JOIN Track t ON t.GenreId = g.GenreId GROUP BY g.Name;
## op=SET tables=- dialect=postgresql source=holdout3/pg_dump
SET statement_timeout = 0;
## op=SELECT tables=- dialect=postgresql source=holdout3/pg_dump
SELECT pg_catalog.set_config('search_path', '', false);
## op=CREATE tables=public.customer dialect=postgresql source=holdout3/pg_dump
CREATE TABLE public.customer (
    customer_id integer DEFAULT nextval('public.customer_customer_id_seq'::regclass) NOT NULL,
    store_id smallint NOT NULL,
    first_name text NOT NULL,
    last_name text NOT NULL,
    email text,
    activebool boolean DEFAULT true NOT NULL,
    last_update timestamp with time zone DEFAULT now()
);
## op=ALTER tables=public.customer dialect=postgresql source=holdout3/pg_dump
ALTER TABLE public.customer OWNER TO postgres;
## op=ALTER tables=public.customer dialect=postgresql source=holdout3/pg_dump
ALTER TABLE ONLY public.customer
    ADD CONSTRAINT customer_pkey PRIMARY KEY (customer_id);
## op=ALTER tables=public.payment dialect=postgresql source=holdout3/pg_dump
ALTER TABLE ONLY public.payment
    ADD CONSTRAINT payment_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customer(customer_id) ON UPDATE CASCADE ON DELETE RESTRICT;
## op=COPY tables=public.customer dialect=postgresql source=holdout3/pg_dump
COPY public.customer (customer_id, store_id, first_name, last_name, email, activebool, last_update) FROM stdin;
## op=INDEX tables=public.customer dialect=postgresql source=holdout3/pg_dump
CREATE INDEX idx_last_name ON public.customer USING btree (last_name);
## op=CREATE tables=public.customer dialect=postgresql source=holdout3/pg_dump
CREATE TRIGGER last_updated BEFORE UPDATE ON public.customer FOR EACH ROW EXECUTE FUNCTION public.last_updated();
## op=CREATE tables=public.customer_list,public.customer,public.address,public.city,public.country dialect=postgresql source=holdout3/pg_dump
CREATE VIEW public.customer_list AS
 SELECT cu.customer_id AS id,
    (((cu.first_name || ' '::text) || cu.last_name)) AS name,
    a.address,
    city.city,
    country.country
   FROM (((public.customer cu
     JOIN public.address a ON ((cu.address_id = a.address_id)))
     JOIN public.city ON ((a.city_id = city.city_id)))
     JOIN public.country ON ((city.country_id = country.country_id)));
## op=SELECT tables=- dialect=postgresql source=holdout3/pg_dump
SELECT pg_catalog.setval('public.customer_customer_id_seq', 599, true);
## op=SELECT tables=orders dialect=postgresql source=holdout3/llm-agent
SELECT
  DATE_TRUNC('week', created_at) AS week,
  COUNT(*) AS order_count,
  ROUND(SUM(total_amount)::numeric, 2) AS revenue
FROM orders
WHERE created_at >= NOW() - INTERVAL '90 days'
GROUP BY 1
ORDER BY 1;
## op=SELECT tables=customers,orders dialect=postgresql source=holdout3/llm-agent
-- Find the top 10 customers by lifetime value
SELECT c.id, c.name, SUM(o.total_amount) AS lifetime_value
FROM customers c
JOIN orders o ON o.customer_id = c.id
WHERE o.status = 'completed'
GROUP BY c.id, c.name
ORDER BY lifetime_value DESC
LIMIT 10;
## op=SELECT tables=information_schema.columns dialect=postgresql source=holdout3/llm-agent
SELECT column_name, data_type, is_nullable
FROM information_schema.columns
WHERE table_schema = 'public' AND table_name = 'orders'
ORDER BY ordinal_position;
## op=SELECT tables=events dialect=postgresql source=holdout3/llm-agent
WITH daily AS (
  SELECT DATE(created_at) AS day, COUNT(DISTINCT user_id) AS dau
  FROM events
  GROUP BY 1
)
SELECT day, dau, AVG(dau) OVER (ORDER BY day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS dau_7d
FROM daily
ORDER BY day DESC
LIMIT 30;
## op=SELECT tables=users,subscriptions dialect=postgresql source=holdout3/llm-agent
SELECT u.plan, COUNT(*) FILTER (WHERE s.cancelled_at IS NOT NULL) * 100.0 / COUNT(*) AS churn_pct
FROM users u
LEFT JOIN subscriptions s ON s.user_id = u.id
GROUP BY u.plan;
## op=SELECT tables=products,order_items dialect=mysql source=holdout3/llm-agent
SELECT p.category, p.name, SUM(oi.quantity) AS units
FROM products p
INNER JOIN order_items oi ON oi.product_id = p.id
GROUP BY p.category, p.name
HAVING units > 100
ORDER BY units DESC;
## op=SELECT tables=employees dialect=sqlite source=holdout3/llm-agent
SELECT department, name, salary
FROM (
  SELECT department, name, salary, RANK() OVER (PARTITION BY department ORDER BY salary DESC) AS rnk
  FROM employees
) ranked
WHERE rnk <= 3;
## op=SELECT tables=pg_stat_user_tables dialect=postgresql source=holdout3/llm-agent
SELECT relname, n_live_tup, n_dead_tup, last_autovacuum FROM pg_stat_user_tables ORDER BY n_dead_tup DESC LIMIT 10;
## op=SELECT tables=shop.orders,shop.customers dialect=bigquery source=holdout3/llm-agent
SELECT
  c.country,
  COUNTIF(o.status = 'returned') / COUNT(*) AS return_rate
FROM `shop.orders` AS o
JOIN `shop.customers` AS c USING (customer_id)
GROUP BY c.country
ORDER BY return_rate DESC;
## op=EXPLAIN tables=orders dialect=postgresql source=holdout3/llm-agent
EXPLAIN ANALYZE SELECT * FROM orders WHERE customer_id = 42;
