-- A second held-out set (split holdout2), written blind: from memory of public documentation examples, dbt models,
-- BI-tool and ORM output, migrations and text-to-SQL benchmarks, without reading the analyser or the other splits.
-- Labels follow build.py's docstring; names as written, unquoted.
-- Corrected after scoring: ON CONFLICT (did) DO NOTHING was labelled UPSERT; it updates nothing, so by the rule
-- build.py states (as for INSERT IGNORE / INSERT OR IGNORE) it is an INSERT.

## op=SELECT tables=weather dialect=postgresql source=holdout2/pgdocs
SELECT city, temp_lo, temp_hi, prcp, date FROM weather WHERE city = 'San Francisco' AND prcp > 0.0;
## op=SELECT tables=weather,cities dialect=postgresql source=holdout2/pgdocs
SELECT weather.city, weather.temp_lo, weather.temp_hi, weather.prcp, weather.date, cities.location
    FROM weather JOIN cities ON weather.city = cities.name;
## op=UPDATE tables=weather dialect=postgresql source=holdout2/pgdocs
UPDATE weather SET temp_hi = temp_hi - 2,  temp_lo = temp_lo - 2 WHERE date > '1994-11-28';
## op=DELETE tables=weather dialect=postgresql source=holdout2/pgdocs
DELETE FROM weather WHERE city = 'Hayward';
## op=CREATE tables=cities dialect=postgresql source=holdout2/pgdocs
CREATE TABLE cities (
        name     varchar(80) primary key,
        location point
);
## op=CREATE tables=weather dialect=postgresql source=holdout2/pgdocs
CREATE TABLE weather (
        city      varchar(80) references cities(name),
        temp_lo   int,
        temp_hi   int,
        prcp      real,
        date      date
);
## op=CREATE tables=myview,weather,cities dialect=postgresql source=holdout2/pgdocs
CREATE VIEW myview AS
    SELECT name, temp_lo, temp_hi, prcp, date, location
        FROM weather, cities
        WHERE city = name;
## op=SELECT tables=empsalary dialect=postgresql source=holdout2/pgdocs
SELECT depname, empno, salary, avg(salary) OVER (PARTITION BY depname) FROM empsalary;
## op=SELECT tables=empsalary dialect=postgresql source=holdout2/pgdocs
SELECT depname, empno, salary, enroll_date
FROM
  (SELECT depname, empno, salary, enroll_date,
          rank() OVER (PARTITION BY depname ORDER BY salary DESC, empno) AS pos
     FROM empsalary
  ) AS ss
WHERE pos < 3;
## op=SELECT tables=orders dialect=postgresql source=holdout2/pgdocs
WITH regional_sales AS (
    SELECT region, SUM(amount) AS total_sales
    FROM orders
    GROUP BY region
), top_regions AS (
    SELECT region
    FROM regional_sales
    WHERE total_sales > (SELECT SUM(total_sales)/10 FROM regional_sales)
)
SELECT region,
       product,
       SUM(quantity) AS product_units,
       SUM(amount) AS product_sales
FROM orders
WHERE region IN (SELECT region FROM top_regions)
GROUP BY region, product;
## op=SELECT tables=parts dialect=postgresql source=holdout2/pgdocs
WITH RECURSIVE included_parts(sub_part, part, quantity) AS (
    SELECT sub_part, part, quantity FROM parts WHERE part = 'our_product'
  UNION ALL
    SELECT p.sub_part, p.part, p.quantity * pr.quantity
    FROM included_parts pr, parts p
    WHERE p.part = pr.sub_part
)
SELECT sub_part, SUM(quantity) as total_quantity
FROM included_parts
GROUP BY sub_part;
## op=INSERT tables=products_log,products dialect=postgresql source=holdout2/pgdocs
WITH moved_rows AS (
    DELETE FROM products
    WHERE
        "date" >= '2010-10-01' AND
        "date" < '2010-11-01'
    RETURNING *
)
INSERT INTO products_log
SELECT * FROM moved_rows;
## op=UPSERT tables=distributors dialect=postgresql source=holdout2/pgdocs
INSERT INTO distributors (did, dname)
    VALUES (5, 'Gizmo Transglobal'), (6, 'Associated Computing, Inc')
    ON CONFLICT (did) DO UPDATE SET dname = EXCLUDED.dname;
## op=INSERT tables=distributors dialect=postgresql source=holdout2/pgdocs
INSERT INTO distributors (did, dname) VALUES (7, 'Redline GmbH')
    ON CONFLICT (did) DO NOTHING;
## op=INSERT tables=films,tmp_films dialect=postgresql source=holdout2/pgdocs
INSERT INTO films SELECT * FROM tmp_films WHERE date_prod < '2004-05-07';
## op=UPDATE tables=employees,accounts dialect=postgresql source=holdout2/pgdocs
UPDATE employees SET sales_count = sales_count + 1 FROM accounts
  WHERE accounts.name = 'Acme Corporation'
  AND employees.id = accounts.sales_person;
## op=DELETE tables=films,producers dialect=postgresql source=holdout2/pgdocs
DELETE FROM films USING producers
  WHERE producer_id = producers.id AND producers.name = 'foo';
## op=MERGE tables=customer_account,recent_transactions dialect=postgresql source=holdout2/pgdocs
MERGE INTO customer_account ca
USING recent_transactions t
ON t.customer_id = ca.customer_id
WHEN MATCHED THEN
  UPDATE SET balance = balance + transaction_value
WHEN NOT MATCHED THEN
  INSERT (customer_id, balance)
  VALUES (t.customer_id, t.transaction_value);
## op=ALTER tables=distributors dialect=postgresql source=holdout2/pgdocs
ALTER TABLE distributors ADD COLUMN address varchar(30);
## op=ALTER tables=distributors dialect=postgresql source=holdout2/pgdocs
ALTER TABLE distributors ALTER COLUMN street TYPE varchar(100);
## op=DROP tables=films,distributors dialect=postgresql source=holdout2/pgdocs
DROP TABLE films, distributors;
## op=CREATE tables=films_recent,films dialect=postgresql source=holdout2/pgdocs
CREATE TABLE films_recent AS
  SELECT * FROM films WHERE date_prod >= '2002-01-01';
## op=CREATE tables=films_recent,films dialect=postgresql source=holdout2/pgdocs
SELECT * INTO films_recent FROM films WHERE date_prod >= '2002-01-01';
## op=SELECT tables=- dialect=postgresql source=holdout2/pgdocs
SELECT * FROM generate_series(2,4);
## op=TRANSACTION tables=- dialect=postgresql source=holdout2/pgdocs
BEGIN;
## op=SELECT tables=pg_catalog.pg_class,pg_catalog.pg_namespace dialect=postgresql source=holdout2/psql
SELECT n.nspname as "Schema",
  c.relname as "Name"
FROM pg_catalog.pg_class c
     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r','p','')
      AND n.nspname <> 'pg_catalog'
ORDER BY 1,2;
## op=SELECT tables=information_schema.tables dialect=postgresql source=holdout2/tools
SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema');
## op=SELECT tables=employees dialect=mysql source=holdout2/mysqldocs
SELECT * FROM employees WHERE hire_date >= '2000-01-01' ORDER BY last_name LIMIT 10;
## op=SELECT tables=pet dialect=mysql source=holdout2/mysqldocs
SELECT name, birth, CURDATE(), TIMESTAMPDIFF(YEAR,birth,CURDATE()) AS age FROM pet ORDER BY age;
## op=SELECT tables=pet,event dialect=mysql source=holdout2/mysqldocs
SELECT pet.name, TIMESTAMPDIFF(YEAR,birth,date) AS age, remark
  FROM pet INNER JOIN event
    ON pet.name = event.name
  WHERE event.type = 'litter';
## op=SELECT tables=shop dialect=mysql source=holdout2/mysqldocs
SELECT article, dealer, price
FROM   shop s1
WHERE  price=(SELECT MAX(s2.price)
              FROM shop s2
              WHERE s1.article = s2.article)
ORDER BY article;
## op=CREATE tables=pet dialect=mysql source=holdout2/mysqldocs
CREATE TABLE pet (name VARCHAR(20), owner VARCHAR(20), species VARCHAR(20), sex CHAR(1), birth DATE, death DATE);
## op=INSERT tables=pet dialect=mysql source=holdout2/mysqldocs
INSERT INTO pet VALUES ('Puffball','Diane','hamster','f','1999-03-30',NULL);
## op=UPSERT tables=t1 dialect=mysql source=holdout2/mysqldocs
INSERT INTO t1 (a,b,c) VALUES (1,2,3)
  ON DUPLICATE KEY UPDATE c=c+1;
## op=UPDATE tables=items,month dialect=mysql source=holdout2/mysqldocs
UPDATE items,month SET items.price=month.price
WHERE items.id=month.id;
## op=DELETE tables=t1,t2,t3 dialect=mysql source=holdout2/mysqldocs
DELETE t1, t2 FROM t1 INNER JOIN t2 INNER JOIN t3
WHERE t1.id=t2.id AND t2.id=t3.id;
## op=ALTER tables=t2 dialect=mysql source=holdout2/mysqldocs
ALTER TABLE t2 ADD INDEX (d), ADD UNIQUE (a);
## op=CREATE tables=shop dialect=mysql source=holdout2/mysqldump
CREATE TABLE `shop` (
  `article` int unsigned NOT NULL DEFAULT '0',
  `dealer` char(20) NOT NULL DEFAULT '',
  `price` decimal(16,2) NOT NULL DEFAULT '0.00',
  PRIMARY KEY (`article`,`dealer`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
## op=INSERT tables=shop dialect=mysql source=holdout2/mysqldump
INSERT INTO `shop` VALUES (1,'A',3.45),(1,'B',3.99),(2,'A',10.99),(3,'B',1.45);
## op=DROP tables=shop dialect=mysql source=holdout2/mysqldump
DROP TABLE IF EXISTS `shop`;
## op=SELECT tables=wp_posts dialect=mysql source=holdout2/wordpress
SELECT SQL_CALC_FOUND_ROWS  wp_posts.ID FROM wp_posts  WHERE 1=1  AND wp_posts.post_type = 'post' AND ((wp_posts.post_status = 'publish'))  ORDER BY wp_posts.post_date DESC LIMIT 0, 10;
## op=SELECT tables=wp_terms,wp_term_taxonomy,wp_term_relationships dialect=mysql source=holdout2/wordpress
SELECT t.*, tt.*, tr.object_id FROM wp_terms AS t  INNER JOIN wp_term_taxonomy AS tt ON t.term_id = tt.term_id INNER JOIN wp_term_relationships AS tr ON tr.term_taxonomy_id = tt.term_taxonomy_id WHERE tt.taxonomy IN ('category', 'post_tag', 'post_format') AND tr.object_id IN (1) ORDER BY t.name ASC;
## op=TRANSACTION tables=- dialect=mysql source=holdout2/mysqldocs
START TRANSACTION;
## op=SELECT tables=users dialect=mysql source=holdout2/rails
SELECT `users`.* FROM `users` WHERE `users`.`email` = 'a@example.com' LIMIT 1;
## op=INSERT tables=users dialect=mysql source=holdout2/rails
INSERT INTO `users` (`email`, `created_at`, `updated_at`) VALUES ('a@example.com', '2024-01-01 10:00:00', '2024-01-01 10:00:00');
## op=SELECT tables=schema_migrations dialect=mysql source=holdout2/rails
SELECT `schema_migrations`.`version` FROM `schema_migrations` ORDER BY `schema_migrations`.`version` ASC;
## op=CREATE tables=ar_internal_metadata dialect=postgresql source=holdout2/rails
CREATE TABLE "ar_internal_metadata" ("key" character varying NOT NULL PRIMARY KEY, "value" character varying, "created_at" timestamp(6) NOT NULL, "updated_at" timestamp(6) NOT NULL);
## op=SELECT tables=posts,comments dialect=postgresql source=holdout2/rails
SELECT "posts".* FROM "posts" INNER JOIN "comments" ON "comments"."post_id" = "posts"."id" WHERE "comments"."approved" = TRUE ORDER BY "posts"."created_at" DESC LIMIT 20 OFFSET 40;
## op=UPDATE tables=posts dialect=postgresql source=holdout2/rails
UPDATE "posts" SET "title" = 'New title', "updated_at" = '2024-03-01 12:00:00.123456' WHERE "posts"."id" = 42;
## op=ALTER tables=posts dialect=postgresql source=holdout2/rails
ALTER TABLE "posts" ADD "published_at" timestamp(6);
## op=ALTER tables=comments dialect=postgresql source=holdout2/rails
ALTER TABLE "comments" ADD CONSTRAINT "fk_rails_2fd19c0db7" FOREIGN KEY ("post_id") REFERENCES "posts" ("id");
## op=SELECT tables=alembic_version dialect=postgresql source=holdout2/alembic
SELECT alembic_version.version_num FROM alembic_version;
## op=UPDATE tables=alembic_version dialect=postgresql source=holdout2/alembic
UPDATE alembic_version SET version_num='ae1027a6acf' WHERE alembic_version.version_num = '1975ea83b712';
## op=CREATE tables=account dialect=postgresql source=holdout2/alembic
CREATE TABLE account (
	id SERIAL NOT NULL, 
	name VARCHAR(50) NOT NULL, 
	description VARCHAR(200), 
	PRIMARY KEY (id)
);
## op=ALTER tables=account dialect=postgresql source=holdout2/alembic
ALTER TABLE account ADD COLUMN last_transaction_date TIMESTAMP WITHOUT TIME ZONE;
## op=DROP tables=account dialect=postgresql source=holdout2/alembic
DROP TABLE account;
## op=CREATE tables=public.flyway_schema_history dialect=postgresql source=holdout2/flyway
CREATE TABLE "public"."flyway_schema_history" (
    "installed_rank" INT NOT NULL,
    "version" VARCHAR(50),
    "description" VARCHAR(200) NOT NULL,
    "checksum" INT,
    "success" BOOLEAN NOT NULL
);
## op=CREATE tables=PERSON dialect=postgresql source=holdout2/flyway
create table PERSON (
    ID int not null,
    NAME varchar(100) not null
);
## op=SELECT tables=Sales.SalesOrderHeader dialect=mssql source=holdout2/mssqldocs
SELECT TOP (10) SalesOrderID, OrderDate, TotalDue FROM Sales.SalesOrderHeader ORDER BY TotalDue DESC;
## op=SELECT tables=Production.Product,Production.ProductSubcategory dialect=mssql source=holdout2/mssqldocs
SELECT p.Name AS ProductName, s.Name AS SubcategoryName
FROM Production.Product AS p
INNER JOIN Production.ProductSubcategory AS s
    ON p.ProductSubcategoryID = s.ProductSubcategoryID
WHERE s.Name LIKE N'%Bikes%';
## op=SELECT tables=HumanResources.Employee,Person.Person dialect=mssql source=holdout2/mssqldocs
SELECT e.BusinessEntityID, p.FirstName, p.LastName
FROM HumanResources.Employee AS e WITH (NOLOCK)
JOIN Person.Person AS p ON e.BusinessEntityID = p.BusinessEntityID;
## op=CREATE tables=dbo.NewProducts,Production.Product dialect=mssql source=holdout2/mssqldocs
SELECT * INTO dbo.NewProducts FROM Production.Product WHERE ListPrice > $25 AND ListPrice < $100;
## op=MERGE tables=Production.ProductInventory,Sales.SalesOrderDetail,Sales.SalesOrderHeader dialect=mssql source=holdout2/mssqldocs
MERGE Production.ProductInventory AS target
USING (SELECT ProductID, SUM(OrderQty) FROM Sales.SalesOrderDetail AS sod
    JOIN Sales.SalesOrderHeader AS soh
    ON sod.SalesOrderID = soh.SalesOrderID
    AND soh.OrderDate = '20070401'
    GROUP BY ProductID) AS source (ProductID, OrderQty)
ON (target.ProductID = source.ProductID)
WHEN MATCHED AND target.Quantity - source.OrderQty <= 0
    THEN DELETE
WHEN MATCHED
    THEN UPDATE SET target.Quantity = target.Quantity - source.OrderQty;
## op=UPDATE tables=Sales.SalesPerson,Sales.SalesOrderHeader dialect=mssql source=holdout2/mssqldocs
UPDATE Sales.SalesPerson
SET SalesYTD = SalesYTD + SubTotal
FROM Sales.SalesPerson AS sp
JOIN Sales.SalesOrderHeader AS so
    ON sp.BusinessEntityID = so.SalesPersonID
    AND so.OrderDate = (SELECT MAX(OrderDate)
                        FROM Sales.SalesOrderHeader
                        WHERE SalesPersonID = sp.BusinessEntityID);
## op=DELETE tables=Production.ProductCostHistory dialect=mssql source=holdout2/mssqldocs
DELETE FROM Production.ProductCostHistory WHERE StandardCost BETWEEN 12.00 AND 14.00 AND EndDate IS NULL;
## op=CREATE tables=dbo.Customers dialect=mssql source=holdout2/mssqldocs
CREATE TABLE [dbo].[Customers] (
    [CustomerID] INT IDENTITY(1,1) NOT NULL,
    [Name] NVARCHAR(100) NOT NULL,
    CONSTRAINT [PK_Customers] PRIMARY KEY CLUSTERED ([CustomerID] ASC)
) ON [PRIMARY];
## op=CREATE tables=#Orders dialect=mssql source=holdout2/mssqldocs
CREATE TABLE #Orders (OrderID int PRIMARY KEY, Amount money);
## op=INSERT tables=#Orders,dbo.Orders dialect=mssql source=holdout2/mssqldocs
INSERT INTO #Orders (OrderID, Amount) SELECT OrderID, Amount FROM dbo.Orders WHERE OrderDate >= '2024-01-01';
## op=DELETE tables=dbo.Orders dialect=mssql source=holdout2/mssqldocs
WITH cte AS (
    SELECT OrderID, CustomerID, ROW_NUMBER() OVER (PARTITION BY CustomerID ORDER BY OrderDate DESC) AS rn
    FROM dbo.Orders
)
DELETE FROM cte WHERE rn > 1;
## op=SELECT tables=app_user dialect=mssql source=holdout2/sqlalchemy-like
SELECT app_user.id, app_user.name FROM app_user ORDER BY app_user.id OFFSET 20 ROWS FETCH FIRST 10 ROWS ONLY;
## op=ALTER tables=dbo.Customers dialect=mssql source=holdout2/efcore
ALTER TABLE [dbo].[Customers] ADD [Email] nvarchar(max) NULL;
## op=SELECT tables=Blogs,Posts dialect=mssql source=holdout2/efcore
SELECT [b].[BlogId], [b].[Url], [p].[PostId], [p].[Title]
FROM [Blogs] AS [b]
LEFT JOIN [Posts] AS [p] ON [b].[BlogId] = [p].[BlogId]
ORDER BY [b].[BlogId];
## op=INSERT tables=Blogs dialect=mssql source=holdout2/efcore
SET NOCOUNT ON;
INSERT INTO [Blogs] ([Url])
OUTPUT INSERTED.[BlogId]
VALUES (@p0);
## op=SELECT tables=employees,departments dialect=oracle source=holdout2/oracledocs
SELECT e.last_name, d.department_name FROM employees e, departments d WHERE e.department_id = d.department_id (+);
## op=SELECT tables=employees dialect=oracle source=holdout2/oracledocs
SELECT employee_id, last_name, manager_id, LEVEL
   FROM employees
   START WITH employee_id = 100
   CONNECT BY PRIOR employee_id = manager_id;
## op=SELECT tables=DUAL dialect=oracle source=holdout2/oracledocs
SELECT SYSDATE FROM DUAL;
## op=SELECT tables=hr.employees dialect=oracle source=holdout2/oracledocs
SELECT * FROM hr.employees WHERE ROWNUM <= 5;
## op=MERGE tables=bonuses,employees dialect=oracle source=holdout2/oracledocs
MERGE INTO bonuses D
   USING (SELECT employee_id, salary, department_id FROM employees
   WHERE department_id = 80) S
   ON (D.employee_id = S.employee_id)
   WHEN MATCHED THEN UPDATE SET D.bonus = D.bonus + S.salary*.01
     DELETE WHERE (S.salary > 8000)
   WHEN NOT MATCHED THEN INSERT (D.employee_id, D.bonus)
     VALUES (S.employee_id, S.salary*.01)
     WHERE (S.salary <= 8000);
## op=INSERT tables=sales,new_sales dialect=oracle source=holdout2/oracledocs
INSERT ALL
   INTO sales (prod_id, cust_id, amount) VALUES (product_id, customer_id, amt)
SELECT product_id, customer_id, amt FROM new_sales;
## op=CREATE tables=departments_demo dialect=oracle source=holdout2/oracledocs
CREATE TABLE departments_demo
    ( department_id    NUMBER(4)
    , department_name  VARCHAR2(30)
           CONSTRAINT  dept_name_nn  NOT NULL
    , manager_id       NUMBER(6)
    , location_id      NUMBER(4)
    ) ;
## op=UPDATE tables=employees dialect=oracle source=holdout2/oracledocs
UPDATE employees SET commission_pct = NULL WHERE job_id = 'SH_CLERK';
## op=ALTER tables=employees dialect=oracle source=holdout2/oracledocs
ALTER TABLE employees MODIFY (salary NUMBER(10,2));
## op=DROP tables=departments_demo dialect=oracle source=holdout2/oracledocs
DROP TABLE departments_demo PURGE;
## op=SELECT tables=albums dialect=sqlite source=holdout2/sqlitedocs
SELECT AlbumId, Title FROM albums ORDER BY Title LIMIT 10 OFFSET 5;
## op=SELECT tables=tracks,albums,artists dialect=sqlite source=holdout2/sqlitetutorial
SELECT trackid, tracks.name AS track, albums.title AS album, artists.name AS artist
FROM tracks
INNER JOIN albums ON albums.albumid = tracks.albumid
INNER JOIN artists ON artists.artistid = albums.artistid;
## op=CREATE tables=email dialect=sqlite source=holdout2/sqlitedocs
CREATE VIRTUAL TABLE email USING fts5(sender, title, body);
## op=SELECT tables=email dialect=sqlite source=holdout2/sqlitedocs
SELECT * FROM email WHERE email MATCH 'fts5' ORDER BY rank;
## op=UPSERT tables=vocabulary dialect=sqlite source=holdout2/sqlitedocs
INSERT INTO vocabulary(word) VALUES('jovial')
  ON CONFLICT(word) DO UPDATE SET count=count+1;
## op=SELECT tables=sqlite_master dialect=sqlite source=holdout2/sqlitedocs
SELECT name FROM sqlite_master WHERE type='table' ORDER BY name;
## op=CREATE tables=contacts dialect=sqlite source=holdout2/sqlitetutorial
CREATE TABLE IF NOT EXISTS contacts (
	contact_id INTEGER PRIMARY KEY,
	first_name TEXT NOT NULL,
	email TEXT NOT NULL UNIQUE
);
## op=ALTER tables=contacts dialect=sqlite source=holdout2/sqlitetutorial
ALTER TABLE contacts RENAME TO people;
## op=TRANSACTION tables=- dialect=sqlite source=holdout2/sqlitedocs
BEGIN IMMEDIATE TRANSACTION;
## op=CREATE tables=user dialect=sqlite source=holdout2/flask-sqlalchemy
CREATE TABLE user (
	id INTEGER NOT NULL, 
	username VARCHAR(80) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (username)
);
## op=SELECT tables=user dialect=sqlite source=holdout2/flask-sqlalchemy
SELECT user.id AS user_id, user.username AS user_username FROM user WHERE user.username = ? LIMIT ? OFFSET ?;
## op=SELECT tables=bigquery-public-data.samples.shakespeare dialect=bigquery source=holdout2/bqdocs
SELECT word, SUM(word_count) AS count
FROM `bigquery-public-data.samples.shakespeare`
WHERE word LIKE '%raisin%'
GROUP BY word;
## op=SELECT tables=bigquery-public-data.usa_names.usa_1910_2013 dialect=bigquery source=holdout2/bqdocs
SELECT name, gender, SUM(number) AS total
FROM `bigquery-public-data.usa_names.usa_1910_2013`
GROUP BY name, gender
ORDER BY total DESC
LIMIT 10;
## op=SELECT tables=bigquery-public-data.google_analytics_sample.ga_sessions_* dialect=bigquery source=holdout2/bqdocs
SELECT date, SUM(totals.visits) AS visits
FROM `bigquery-public-data.google_analytics_sample.ga_sessions_*`
WHERE _TABLE_SUFFIX BETWEEN '20170701' AND '20170731'
GROUP BY date;
## op=SELECT tables=mydataset.sequences dialect=bigquery source=holdout2/bqdocs
SELECT id, flattened
FROM mydataset.sequences
CROSS JOIN UNNEST(sequences.some_numbers) AS flattened;
## op=CREATE tables=mydataset.newtable,mydataset.oldtable dialect=bigquery source=holdout2/bqdocs
CREATE OR REPLACE TABLE mydataset.newtable
PARTITION BY DATE(ts)
CLUSTER BY customer_id
AS SELECT * FROM mydataset.oldtable;
## op=MERGE tables=dataset.DetailedInventory,dataset.Inventory dialect=bigquery source=holdout2/bqdocs
MERGE dataset.DetailedInventory T
USING dataset.Inventory S
ON T.product = S.product
WHEN NOT MATCHED AND quantity < 20 THEN
  INSERT(product, quantity, supply_constrained, comments)
  VALUES(product, quantity, true, ARRAY<STRUCT<created DATE, comment STRING>>[(DATE('2016-01-01'), 'comment1')])
WHEN NOT MATCHED THEN
  INSERT(product, quantity, supply_constrained)
  VALUES(product, quantity, false);
## op=DELETE tables=dataset.Inventory dialect=bigquery source=holdout2/bqdocs
DELETE dataset.Inventory WHERE quantity = 0;
## op=UPDATE tables=dataset.Inventory,dataset.NewArrivals dialect=bigquery source=holdout2/bqdocs
UPDATE dataset.Inventory i
SET quantity = i.quantity + n.quantity,
    supply_constrained = false
FROM dataset.NewArrivals n
WHERE i.product = n.product;
## op=SELECT tables=my-project.analytics.events dialect=bigquery source=holdout2/bqdocs
SELECT user_pseudo_id, COUNT(*) AS n FROM `my-project.analytics.events` WHERE event_date = "20240101" GROUP BY 1;
## op=SELECT tables=snowflake_sample_data.tpch_sf1.orders dialect=snowflake source=holdout2/snowflakedocs
SELECT o_orderpriority, COUNT(*) FROM snowflake_sample_data.tpch_sf1.orders GROUP BY 1 ORDER BY 1;
## op=SELECT tables=car_sales dialect=snowflake source=holdout2/snowflakedocs
SELECT src:dealership::string AS dealership, value:name::string AS customer
FROM car_sales,
LATERAL FLATTEN(input => src:customer);
## op=CREATE tables=mytable_clone,mytable dialect=snowflake source=holdout2/snowflakedocs
CREATE OR REPLACE TABLE mytable_clone CLONE mytable;
## op=CREATE tables=mytable dialect=snowflake source=holdout2/snowflakedocs
CREATE OR REPLACE TRANSIENT TABLE mytable (amount NUMBER, created_at TIMESTAMP_NTZ);
## op=SELECT tables=mytable dialect=snowflake source=holdout2/snowflakedocs
SELECT * FROM mytable AT(OFFSET => -60*5);
## op=INSERT tables=sales_summary,sales dialect=snowflake source=holdout2/snowflakedocs
INSERT OVERWRITE INTO sales_summary SELECT region, SUM(amount) FROM sales GROUP BY region;
## op=MERGE tables=target_table,source_table dialect=snowflake source=holdout2/snowflakedocs
MERGE INTO target_table t USING source_table s ON t.id = s.id
  WHEN MATCHED AND s.op = 'D' THEN DELETE
  WHEN MATCHED THEN UPDATE SET t.v = s.v
  WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, s.v);
## op=SELECT tables=weather dialect=snowflake source=holdout2/snowflakedocs
SELECT city, temperature FROM weather QUALIFY ROW_NUMBER() OVER (PARTITION BY city ORDER BY observed_at DESC) = 1;
## op=SELECT tables=event dialect=redshift source=holdout2/redshiftdocs
SELECT eventname, starttime FROM event WHERE starttime BETWEEN '2008-01-01' AND '2008-01-31' ORDER BY starttime LIMIT 10;
## op=SELECT tables=sales,date dialect=redshift source=holdout2/redshiftdocs
SELECT sum(qtysold)
FROM sales, date
WHERE sales.dateid = date.dateid
AND caldate = '2008-01-05';
## op=CREATE tables=event_backup,event dialect=redshift source=holdout2/redshiftdocs
CREATE TABLE event_backup DISTKEY(eventid) SORTKEY(starttime) AS SELECT * FROM event;
## op=CREATE tables=newevent,event dialect=redshift source=holdout2/redshiftdocs
SELECT * INTO newevent FROM event;
## op=DELETE tables=category dialect=redshift source=holdout2/redshiftdocs
DELETE FROM category WHERE catid BETWEEN 6 AND 8;
## op=UPDATE tables=category,event dialect=redshift source=holdout2/redshiftdocs
UPDATE category SET catid = 100
FROM event
WHERE event.catid = category.catid AND category.catgroup = 'Concerts';
## op=SELECT tables=stl_query dialect=redshift source=holdout2/redshiftdocs
SELECT query, trim(querytxt) AS sqlquery FROM stl_query WHERE userid > 1 ORDER BY starttime DESC LIMIT 5;
## op=SELECT tables=samples.nyctaxi.trips dialect=databricks source=holdout2/databricksdocs
SELECT pickup_zip, avg(fare_amount) AS avg_fare FROM samples.nyctaxi.trips GROUP BY pickup_zip ORDER BY avg_fare DESC LIMIT 10;
## op=CREATE tables=main.default.people dialect=databricks source=holdout2/databricksdocs
CREATE TABLE IF NOT EXISTS main.default.people (id INT, name STRING, age INT) USING DELTA;
## op=MERGE tables=people10m,people10mupdates dialect=databricks source=holdout2/databricksdocs
MERGE INTO people10m
USING people10mupdates
ON people10m.id = people10mupdates.id
WHEN MATCHED THEN
  UPDATE SET *
WHEN NOT MATCHED THEN
  INSERT *;
## op=INSERT tables=students,visiting_students dialect=databricks source=holdout2/databricksdocs
INSERT INTO students TABLE visiting_students;
## op=INSERT tables=sales_by_day,sales dialect=databricks source=holdout2/databricksdocs
INSERT OVERWRITE sales_by_day PARTITION (dt = '2024-01-01') SELECT store, SUM(amount) FROM sales WHERE dt = '2024-01-01' GROUP BY store;
## op=SELECT tables=- dialect=duckdb source=holdout2/duckdbdocs
SELECT * FROM read_csv_auto('flights.csv');
## op=CREATE tables=ontime dialect=duckdb source=holdout2/duckdbdocs
CREATE TABLE ontime AS SELECT * FROM read_parquet('ontime/*.parquet');
## op=SELECT tables=tbl dialect=duckdb source=holdout2/duckdbdocs
SELECT * EXCLUDE (city) FROM tbl WHERE x > 1 ORDER BY ALL;
## op=SELECT tables=cities dialect=duckdb source=holdout2/duckdbdocs
PIVOT cities ON year USING sum(population);
## op=SELECT tables=trades,prices dialect=duckdb source=holdout2/duckdbdocs
SELECT t.*, p.price
FROM trades t ASOF JOIN prices p
  ON t.symbol = p.symbol AND t.when >= p.when;
## op=SELECT tables=raw.jaffle_shop.orders dialect=snowflake source=holdout2/dbt
with source as (
    select * from raw.jaffle_shop.orders
),
renamed as (
    select
        id as order_id,
        user_id as customer_id,
        order_date,
        status
    from source
)
select * from renamed
## op=SELECT tables=analytics.stg_customers,analytics.stg_orders,analytics.stg_payments dialect=postgresql source=holdout2/dbt
with customers as (
    select * from "analytics"."stg_customers"
),
orders as (
    select * from "analytics"."stg_orders"
),
payments as (
    select * from "analytics"."stg_payments"
),
customer_orders as (
    select customer_id, min(order_date) as first_order, count(order_id) as number_of_orders
    from orders
    group by customer_id
)
select customers.customer_id, customer_orders.first_order, customer_orders.number_of_orders
from customers
left join customer_orders using (customer_id)
## op=CREATE tables=analytics.dbt_prod.fct_orders,analytics.dbt_prod.stg_orders dialect=snowflake source=holdout2/dbt
create or replace transient table analytics.dbt_prod.fct_orders
         as
        (
select order_id, customer_id, amount from analytics.dbt_prod.stg_orders where status != 'returned'
        );
## op=CREATE tables=analytics.dbt_prod.stg_payments__dbt_tmp,raw.stripe.payment dialect=postgresql source=holdout2/dbt
create view "analytics"."dbt_prod"."stg_payments__dbt_tmp" as (
    select id as payment_id, orderid as order_id, amount / 100 as amount from raw.stripe.payment
  );
## op=SELECT tables=PUBLIC.ORDERS dialect=postgresql source=holdout2/metabase
SELECT "source"."CATEGORY" AS "CATEGORY", "source"."count" AS "count" FROM (SELECT "PUBLIC"."ORDERS"."CATEGORY" AS "CATEGORY", count(*) AS "count" FROM "PUBLIC"."ORDERS" GROUP BY "PUBLIC"."ORDERS"."CATEGORY" ORDER BY "PUBLIC"."ORDERS"."CATEGORY" ASC) AS "source" LIMIT 1048575
## op=SELECT tables=public.orders,public.products dialect=postgresql source=holdout2/metabase
SELECT "public"."orders"."id" AS "id", "Products"."title" AS "Products__title" FROM "public"."orders" LEFT JOIN "public"."products" AS "Products" ON "public"."orders"."product_id" = "Products"."id" WHERE "public"."orders"."created_at" >= timestamp with time zone '2024-01-01 00:00:00.000Z' LIMIT 2000
## op=SELECT tables=public.birth_names dialect=postgresql source=holdout2/superset
SELECT name AS name, sum(num) AS "SUM(num)"
FROM public.birth_names
WHERE ds >= TO_TIMESTAMP('1960-01-01 00:00:00.000000', 'YYYY-MM-DD HH24:MI:SS.US')
GROUP BY name
ORDER BY "SUM(num)" DESC
LIMIT 100;
## op=SELECT tables=public.birth_names dialect=postgresql source=holdout2/superset
SELECT DATE_TRUNC('day', ds) AS __timestamp, gender AS gender, COUNT(*) AS count
FROM
  (SELECT * FROM public.birth_names WHERE state = 'CA') AS virtual_table
GROUP BY DATE_TRUNC('day', ds), gender
LIMIT 10000;
## op=SELECT tables=singer dialect=sqlite source=holdout2/spider
SELECT count(*) FROM singer
## op=SELECT tables=concert,stadium dialect=sqlite source=holdout2/spider
SELECT T2.name, count(*) FROM concert AS T1 JOIN stadium AS T2 ON T1.stadium_id = T2.stadium_id GROUP BY T1.stadium_id
## op=SELECT tables=singer,singer_in_concert dialect=sqlite source=holdout2/spider
SELECT name FROM singer WHERE singer_id NOT IN (SELECT singer_id FROM singer_in_concert)
## op=SELECT tables=head dialect=sqlite source=holdout2/spider
SELECT name, born_state, age FROM head ORDER BY age
## op=SELECT tables=student,has_pet,pets dialect=sqlite source=holdout2/spider
SELECT count(*) FROM student AS T1 JOIN has_pet AS T2 ON T1.stuid = T2.stuid JOIN pets AS T3 ON T2.petid = T3.petid WHERE T1.sex = 'F' AND T3.pettype = 'dog'
## op=SELECT tables=frpm,schools dialect=sqlite source=holdout2/bird
SELECT T2.Phone FROM frpm AS T1 INNER JOIN schools AS T2 ON T1.CDSCode = T2.CDSCode WHERE T1.`Charter Funding Type` = 'Directly funded' ORDER BY T1.`Enrollment (K-12)` DESC LIMIT 1
## op=SELECT tables=satscores dialect=sqlite source=holdout2/bird
SELECT CAST(SUM(CASE WHEN NumGE1500 > 0 THEN 1 ELSE 0 END) AS REAL) * 100 / COUNT(*) FROM satscores
## op=SELECT tables=polls_question dialect=postgresql source=holdout2/django
SELECT "polls_question"."id", "polls_question"."question_text", "polls_question"."pub_date" FROM "polls_question" WHERE "polls_question"."pub_date" <= '2024-05-01T10:00:00+00:00'::timestamptz ORDER BY "polls_question"."pub_date" DESC LIMIT 5
## op=SELECT tables=polls_choice,polls_question dialect=postgresql source=holdout2/django
SELECT DISTINCT "polls_choice"."id", "polls_choice"."choice_text" FROM "polls_choice" INNER JOIN "polls_question" ON ("polls_choice"."question_id" = "polls_question"."id") WHERE "polls_question"."id" = 1
## op=UPDATE tables=polls_choice dialect=postgresql source=holdout2/django
UPDATE "polls_choice" SET "votes" = ("polls_choice"."votes" + 1) WHERE "polls_choice"."id" = 3
## op=INSERT tables=django_session dialect=postgresql source=holdout2/django
INSERT INTO "django_session" ("session_key", "session_data", "expire_date") VALUES ('abc123', 'e30:1', '2024-05-15T10:00:00+00:00'::timestamptz)
## op=SELECT tables=auth_user dialect=mysql source=holdout2/django
SELECT `auth_user`.`id`, `auth_user`.`password`, `auth_user`.`username` FROM `auth_user` WHERE `auth_user`.`username` = 'admin' LIMIT 21
## op=CREATE tables=polls_choice dialect=sqlite source=holdout2/django
CREATE TABLE "polls_choice" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "choice_text" varchar(200) NOT NULL, "votes" integer NOT NULL, "question_id" bigint NOT NULL REFERENCES "polls_question" ("id") DEFERRABLE INITIALLY DEFERRED)
## op=SELECT tables=django_migrations dialect=sqlite source=holdout2/django
SELECT "django_migrations"."id", "django_migrations"."app", "django_migrations"."name" FROM "django_migrations"
