# Held-out statements: written before the analyser was tuned on the rest of the corpus and scored only at the end.
# Format (every .sql file here): a "## key=value ..." header line, then the statement, up to the next header.
# op: the expected operation (- for none); tables: comma-separated, unquoted, the primary table first (- for none).
# split defaults to "tune" except in this file, where it is "holdout".

## op=SELECT tables=customer,orders,lineitem dialect=ansi source=tpch/q18
select c_name, c_custkey, o_orderkey, o_orderdate, o_totalprice, sum(l_quantity)
from customer, orders, lineitem
where o_orderkey in (select l_orderkey from lineitem group by l_orderkey having sum(l_quantity) > 300)
  and c_custkey = o_custkey and o_orderkey = l_orderkey
group by c_name, c_custkey, o_orderkey, o_orderdate, o_totalprice
order by o_totalprice desc, o_orderdate
limit 100;

## op=SELECT tables=lineitem,part dialect=ansi source=tpch/q19
select sum(l_extendedprice * (1 - l_discount)) as revenue
from lineitem, part
where (p_partkey = l_partkey and p_brand = 'Brand#12' and p_container in ('SM CASE', 'SM BOX', 'SM PACK', 'SM PKG')
       and l_quantity >= 1 and l_quantity <= 1 + 10 and p_size between 1 and 5
       and l_shipmode in ('AIR', 'AIR REG') and l_shipinstruct = 'DELIVER IN PERSON')
   or (p_partkey = l_partkey and p_brand = 'Brand#23' and p_container in ('MED BAG', 'MED BOX', 'MED PKG', 'MED PACK')
       and l_quantity >= 10 and l_quantity <= 10 + 10 and p_size between 1 and 10
       and l_shipmode in ('AIR', 'AIR REG') and l_shipinstruct = 'DELIVER IN PERSON')

## op=SELECT tables=supplier,nation,partsupp,part,lineitem dialect=ansi source=tpch/q20
select s_name, s_address from supplier, nation
where s_suppkey in (
    select ps_suppkey from partsupp
    where ps_partkey in (select p_partkey from part where p_name like 'forest%')
      and ps_availqty > (select 0.5 * sum(l_quantity) from lineitem
                         where l_partkey = ps_partkey and l_suppkey = ps_suppkey
                           and l_shipdate >= date '1994-01-01' and l_shipdate < date '1994-01-01' + interval '1' year))
  and s_nationkey = n_nationkey and n_name = 'CANADA'
order by s_name

## op=SELECT tables=customer,orders dialect=ansi source=tpch/q22
select cntrycode, count(*) as numcust, sum(c_acctbal) as totacctbal
from (
    select substring(c_phone from 1 for 2) as cntrycode, c_acctbal
    from customer
    where substring(c_phone from 1 for 2) in ('13', '31', '23', '29', '30', '18', '17')
      and c_acctbal > (select avg(c_acctbal) from customer where c_acctbal > 0.00
                       and substring(c_phone from 1 for 2) in ('13', '31', '23', '29', '30', '18', '17'))
      and not exists (select * from orders where o_custkey = c_custkey)
) as custsale
group by cntrycode
order by cntrycode

## op=SELECT tables=store_sales,date_dim,store,household_demographics,customer_address,customer dialect=ansi source=tpcds/q46-form
select c_last_name, c_first_name, ca_city, bought_city, ss_ticket_number, amt, profit
from (select ss_ticket_number, ss_customer_sk, ca_city bought_city, sum(ss_coupon_amt) amt, sum(ss_net_profit) profit
      from store_sales, date_dim, store, household_demographics, customer_address
      where store_sales.ss_sold_date_sk = date_dim.d_date_sk and store_sales.ss_store_sk = store.s_store_sk
        and store_sales.ss_hdemo_sk = household_demographics.hd_demo_sk
        and store_sales.ss_addr_sk = customer_address.ca_address_sk
        and (household_demographics.hd_dep_count = 4 or household_demographics.hd_vehicle_count = 3)
        and date_dim.d_dow in (6, 0) and date_dim.d_year in (1999, 1999 + 1, 1999 + 2)
      group by ss_ticket_number, ss_customer_sk, ss_addr_sk, ca_city) dn, customer, customer_address current_addr
where ss_customer_sk = c_customer_sk and customer.c_current_addr_sk = current_addr.ca_address_sk
  and current_addr.ca_city <> bought_city
order by c_last_name, c_first_name, ca_city, bought_city, ss_ticket_number
limit 100

## op=SELECT tables=store_sales,store_returns,catalog_sales,date_dim,store,item dialect=ansi source=tpcds/q25-form
select i_item_id, i_item_desc, s_store_id, s_store_name, sum(ss_net_profit) as store_sales_profit,
       sum(sr_net_loss) as store_returns_loss, sum(cs_net_profit) as catalog_sales_profit
from store_sales, store_returns, catalog_sales, date_dim d1, date_dim d2, date_dim d3, store, item
where d1.d_moy = 4 and d1.d_year = 2001 and d1.d_date_sk = ss_sold_date_sk and i_item_sk = ss_item_sk
  and s_store_sk = ss_store_sk and ss_customer_sk = sr_customer_sk and ss_item_sk = sr_item_sk
  and ss_ticket_number = sr_ticket_number and sr_returned_date_sk = d2.d_date_sk
  and d2.d_moy between 4 and 10 and d2.d_year = 2001 and sr_customer_sk = cs_bill_customer_sk
  and sr_item_sk = cs_item_sk and cs_sold_date_sk = d3.d_date_sk and d3.d_moy between 4 and 10 and d3.d_year = 2001
group by i_item_id, i_item_desc, s_store_id, s_store_name
order by i_item_id, i_item_desc, s_store_id, s_store_name
limit 100

## op=SELECT tables=web_sales,date_dim,catalog_sales dialect=ansi source=tpcds/q2-form
with wscs as (select sold_date_sk, sales_price
              from (select ws_sold_date_sk sold_date_sk, ws_ext_sales_price sales_price from web_sales
                    union all
                    select cs_sold_date_sk sold_date_sk, cs_ext_sales_price sales_price from catalog_sales) x),
     wswscs as (select d_week_seq, sum(case when (d_day_name = 'Sunday') then sales_price else null end) sun_sales
                from wscs, date_dim where d_date_sk = sold_date_sk group by d_week_seq)
select d_week_seq1, round(sun_sales1 / sun_sales2, 2)
from (select wswscs.d_week_seq d_week_seq1, sun_sales sun_sales1 from wswscs, date_dim
      where date_dim.d_week_seq = wswscs.d_week_seq and d_year = 2001) y,
     (select wswscs.d_week_seq d_week_seq2, sun_sales sun_sales2 from wswscs, date_dim
      where date_dim.d_week_seq = wswscs.d_week_seq and d_year = 2001 + 1) z
where d_week_seq1 = d_week_seq2 - 53
order by d_week_seq1

## op=SELECT tables=catalog_sales,customer,customer_address,date_dim dialect=ansi source=tpcds/q15
select ca_zip, sum(cs_sales_price)
from catalog_sales, customer, customer_address, date_dim
where cs_bill_customer_sk = c_customer_sk and c_current_addr_sk = ca_address_sk
  and (substr(ca_zip, 1, 5) in ('85669', '86197', '88274', '83405', '86475', '85392', '85460', '80348', '81792')
       or ca_state in ('CA', 'WA', 'GA') or cs_sales_price > 500)
  and cs_sold_date_sk = d_date_sk and d_qoy = 2 and d_year = 2001
group by ca_zip order by ca_zip limit 100

## op=SELECT tables=store_sales,household_demographics,time_dim,store dialect=ansi source=tpcds/q96
select count(*) from store_sales, household_demographics, time_dim, store
where ss_sold_time_sk = time_dim.t_time_sk and ss_hdemo_sk = household_demographics.hd_demo_sk
  and ss_store_sk = s_store_sk and time_dim.t_hour = 20 and time_dim.t_minute >= 30
  and household_demographics.hd_dep_count = 7 and store.s_store_name = 'ese'
order by count(*) limit 100

## op=SELECT tables=web_sales,item,date_dim dialect=ansi source=tpcds/q12
select i_item_id, i_item_desc, i_category, i_class, i_current_price, sum(ws_ext_sales_price) as itemrevenue,
       sum(ws_ext_sales_price) * 100 / sum(sum(ws_ext_sales_price)) over (partition by i_class) as revenueratio
from web_sales, item, date_dim
where ws_item_sk = i_item_sk and i_category in ('Sports', 'Books', 'Home') and ws_sold_date_sk = d_date_sk
  and d_date between cast('1999-02-22' as date) and (cast('1999-02-22' as date) + interval '30' day)
group by i_item_id, i_item_desc, i_category, i_class, i_current_price
order by i_category, i_class, i_item_id, i_item_desc, revenueratio
limit 100

## op=SELECT tables=store_sales,date_dim,customer,catalog_sales,web_sales dialect=ansi source=tpcds/q38-form
select count(*) from (
    select distinct c_last_name, c_first_name, d_date from store_sales, date_dim, customer
    where store_sales.ss_sold_date_sk = date_dim.d_date_sk and store_sales.ss_customer_sk = customer.c_customer_sk
      and d_month_seq between 1200 and 1200 + 11
    intersect
    select distinct c_last_name, c_first_name, d_date from catalog_sales, date_dim, customer
    where catalog_sales.cs_sold_date_sk = date_dim.d_date_sk
      and catalog_sales.cs_bill_customer_sk = customer.c_customer_sk and d_month_seq between 1200 and 1200 + 11
    intersect
    select distinct c_last_name, c_first_name, d_date from web_sales, date_dim, customer
    where web_sales.ws_sold_date_sk = date_dim.d_date_sk and web_sales.ws_bill_customer_sk = customer.c_customer_sk
      and d_month_seq between 1200 and 1200 + 11
) hot_cust
limit 100

## op=SELECT tables=date_dim,store_sales,item dialect=ansi source=tpcds/q52
select dt.d_year, item.i_brand_id brand_id, item.i_brand brand, sum(ss_ext_sales_price) ext_price
from date_dim dt, store_sales, item
where dt.d_date_sk = store_sales.ss_sold_date_sk and store_sales.ss_item_sk = item.i_item_sk
  and item.i_manager_id = 1 and dt.d_moy = 11 and dt.d_year = 2000
group by dt.d_year, item.i_brand, item.i_brand_id
order by dt.d_year, ext_price desc, brand_id
limit 100

## op=SELECT tables=orders dialect=postgresql source=classes/distinct-quoted
SELECT DISTINCT "orders"."customer_id", "orders"."placed_at" FROM "orders" WHERE "orders"."total" > 100

## op=SELECT tables=dbo.Customers,dbo.Orders dialect=mssql source=classes/distinct-brackets
SELECT DISTINCT [c].[Name] FROM [dbo].[Customers] AS [c] INNER JOIN [dbo].[Orders] AS [o] ON [o].[CustomerId] = [c].[Id]

## op=SELECT tables=events dialect=postgresql source=classes/distinct-on
SELECT DISTINCT ON ("events"."user_id") "events"."user_id", "events"."ts" FROM "events" ORDER BY "events"."user_id", "events"."ts" DESC

## op=SELECT tables=accounts dialect=mysql source=classes/distinct-literal
SELECT DISTINCT 'x' AS k FROM accounts

## op=SELECT tables=inventory dialect=sqlite source=classes/distinct-star
select distinct * from inventory where qty > 0

## op=SELECT tables=t,u dialect=postgresql source=classes/all-quoted
SELECT ALL "t"."a" FROM "t" JOIN "u" ON "u"."id" = "t"."u_id"

## op=UPDATE tables=invoices,customers dialect=postgresql source=classes/with-update
WITH late AS (SELECT id FROM customers WHERE overdue) UPDATE invoices SET flagged = true WHERE customer_id IN (SELECT id FROM late)

## op=DELETE tables=sessions,users dialect=postgresql source=classes/with-delete
WITH gone AS (SELECT id FROM users WHERE deleted_at IS NOT NULL) DELETE FROM sessions WHERE user_id IN (SELECT id FROM gone)

## op=INSERT tables=daily_totals,payments dialect=postgresql source=classes/with-insert
WITH t AS (SELECT day, sum(amount) AS s FROM payments GROUP BY day) INSERT INTO daily_totals (day, total) SELECT day, s FROM t

## op=MERGE tables=dim_customer,stg_customer dialect=mssql source=classes/with-merge
WITH src AS (SELECT * FROM stg_customer WHERE batch = 7)
MERGE INTO dim_customer AS d USING src AS s ON d.id = s.id
WHEN MATCHED THEN UPDATE SET d.name = s.name
WHEN NOT MATCHED THEN INSERT (id, name) VALUES (s.id, s.name);

## op=CREATE tables=top_products,sales dialect=databricks source=classes/with-create-as
WITH ranked AS (SELECT product_id, rank() OVER (ORDER BY revenue DESC) AS r FROM sales) CREATE TABLE top_products AS SELECT * FROM ranked WHERE r <= 10

## op=INSERT tables=audit_log,changes dialect=postgresql source=classes/insert-then-with
INSERT INTO audit_log WITH recent AS (SELECT * FROM changes WHERE ts > '2024-01-01') SELECT * FROM recent

## op=CREATE tables=user dialect=sqlite source=classes/keyword-table
CREATE TABLE user (id INTEGER NOT NULL, name VARCHAR(50), PRIMARY KEY (id))

## op=DROP tables=role dialect=sqlite source=classes/keyword-table
DROP TABLE role

## op=ALTER tables=task dialect=sqlite source=classes/keyword-table
ALTER TABLE task ADD COLUMN done BOOLEAN

## op=CREATE tables=temp dialect=mysql source=classes/keyword-table
CREATE TABLE temp (k varchar(10))

## op=SELECT tables=user,role dialect=sqlite source=classes/keyword-table
SELECT user.id, role.name FROM user JOIN role ON role.user_id = user.id

## op=INSERT tables=task dialect=sqlite source=classes/keyword-table
INSERT INTO task (title) VALUES (?)

## op=SELECT tables=start,stop dialect=mssql source=classes/keyword-table
SELECT s.a FROM start s WITH (NOLOCK) JOIN stop p WITH (NOLOCK) ON p.id = s.id

## op=CREATE tables=v_orders,orders dialect=mssql source=classes/ddl-modifiers
CREATE OR ALTER VIEW v_orders AS SELECT id, total FROM orders

## op=CREATE tables=docs_fts dialect=sqlite source=classes/ddl-modifiers
CREATE VIRTUAL TABLE docs_fts USING fts5(title, body, tokenize = 'porter')

## op=CREATE tables=v_stock,stock dialect=mysql source=classes/ddl-modifiers
CREATE ALGORITHM=MERGE DEFINER=`admin`@`%` SQL SECURITY INVOKER VIEW `v_stock` AS select `stock`.`sku` AS `sku` from `stock`

## op=CREATE tables=scratch dialect=postgresql source=classes/ddl-modifiers
CREATE UNLOGGED TABLE IF NOT EXISTS scratch (k text PRIMARY KEY, v jsonb)

## op=CREATE tables=mv_sales,sales dialect=snowflake source=classes/ddl-modifiers
CREATE OR REPLACE SECURE MATERIALIZED VIEW mv_sales AS SELECT region, sum(amount) AS total FROM sales GROUP BY region

## op=CREATE tables=#staging,orders dialect=mssql source=classes/select-into
SELECT id, total INTO #staging FROM orders WHERE total > 10

## op=SELECT tables=##shared dialect=mssql source=classes/temp-table
SELECT * FROM ##shared WHERE k = @k

## op=INSERT tables=#work,src dialect=mssql source=classes/temp-table
INSERT INTO #work (id) SELECT id FROM src

## op=CREATE tables=dbo.Widgets dialect=mssql source=classes/filegroup
CREATE TABLE [dbo].[Widgets] ([Id] [int] IDENTITY(1,1) NOT NULL, [Name] [nvarchar](50) NULL, CONSTRAINT [PK_Widgets] PRIMARY KEY CLUSTERED ([Id] ASC) WITH (PAD_INDEX = OFF) ON [PRIMARY]) ON [PRIMARY]

## op=INDEX tables=dbo.Widgets dialect=mssql source=classes/filegroup
CREATE NONCLUSTERED INDEX [IX_Widgets_Name] ON [dbo].[Widgets] ([Name] ASC) WITH (SORT_IN_TEMPDB = OFF) ON [PRIMARY]

## op=SELECT tables=acme-prod.sales.orders dialect=bigquery source=classes/bq-dashed
SELECT order_id FROM acme-prod.sales.orders WHERE created > @since

## op=SELECT tables=acme-prod.sales.orders,acme-prod.sales.items dialect=bigquery source=classes/bq-dashed
SELECT o.id FROM `acme-prod.sales.orders` o JOIN `acme-prod`.sales.items i ON i.order_id = o.id

## op=SELECT tables=big,small dialect=postgresql source=classes/tablesample
SELECT * FROM big TABLESAMPLE BERNOULLI (1) JOIN small ON small.id = big.sid

## op=SELECT tables=f dialect=postgresql source=classes/rows-from
SELECT * FROM f, ROWS FROM (generate_series(1, 3), unnest(ARRAY['a', 'b'])) AS x(n, s)

## op=INSERT tables=events dialect=databricks source=classes/insert-overwrite-directory
INSERT OVERWRITE LOCAL DIRECTORY '/tmp/out' STORED AS PARQUET SELECT * FROM events

## op=SELECT tables=orders dialect=postgresql source=classes/lateral
SELECT o.id, x.v FROM orders o CROSS JOIN LATERAL jsonb_array_elements(o.items) AS x(v)

## op=SELECT tables=people dialect=postgresql source=classes/table-function
SELECT p.name, t.tag FROM people p, jsonb_to_recordset(p.tags) AS t(tag text)

## op=SELECT tables=t dialect=mssql source=classes/openjson
SELECT t.id, j.value FROM t CROSS APPLY OPENJSON(t.doc) AS j

## op=SELECT tables=emp dialect=oracle source=fixtures/oracle
SELECT employee_id, last_name, manager_id FROM emp START WITH manager_id IS NULL CONNECT BY PRIOR employee_id = manager_id

## op=SELECT tables=hr.employees,hr.departments dialect=oracle source=fixtures/oracle
SELECT e.last_name, d.department_name FROM hr.employees e, hr.departments d WHERE e.department_id = d.department_id(+)

## op=SELECT tables=dual dialect=oracle source=fixtures/oracle
SELECT sysdate FROM dual

## op=MERGE tables=bonuses,employees dialect=oracle source=fixtures/oracle
MERGE INTO bonuses D USING (SELECT employee_id, salary FROM employees WHERE department_id = 80) S
ON (D.employee_id = S.employee_id)
WHEN MATCHED THEN UPDATE SET D.bonus = D.bonus + S.salary * .01
WHEN NOT MATCHED THEN INSERT (D.employee_id, D.bonus) VALUES (S.employee_id, S.salary * .01)

## op=SELECT tables=sales dialect=oracle source=fixtures/oracle
SELECT * FROM sales FETCH FIRST 5 ROWS ONLY

## op=SELECT tables=raw.events dialect=snowflake source=fixtures/snowflake
SELECT e.value:id::string AS id FROM raw.events r, LATERAL FLATTEN(input => r.payload:items) e

## op=CREATE tables=analytics.daily dialect=snowflake source=fixtures/snowflake
CREATE OR REPLACE TRANSIENT TABLE analytics.daily (d date, n number) CLUSTER BY (d)

## op=SELECT tables=orders dialect=snowflake source=fixtures/snowflake
SELECT * FROM orders AT(OFFSET => -60*5) WHERE status = 'open'

## op=DELETE tables=public.logs dialect=redshift source=fixtures/redshift
DELETE FROM public.logs WHERE created < dateadd(day, -30, getdate())

## op=SELECT tables=spectrum.sales dialect=redshift source=fixtures/redshift
SELECT count(*) FROM spectrum.sales WHERE pricepaid > 30

## op=INSERT tables=db.target,db.source dialect=databricks source=fixtures/spark
INSERT INTO TABLE db.target PARTITION (dt = '2024-01-01') SELECT a, b FROM db.source

## op=SELECT tables=main.default.trips dialect=databricks source=fixtures/spark
SELECT * FROM main.default.trips TIMESTAMP AS OF '2024-01-01'

## op=MERGE tables=people10m,people10mupdates dialect=databricks source=fixtures/spark
MERGE INTO people10m USING people10mupdates ON people10m.id = people10mupdates.id
WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *

## op=SELECT tables=bigquery-public-data.samples.shakespeare dialect=bigquery source=fixtures/bigquery
SELECT word, SUM(word_count) AS c FROM `bigquery-public-data.samples.shakespeare` GROUP BY word ORDER BY c DESC LIMIT 10

## op=SELECT tables=ds.events dialect=bigquery source=fixtures/bigquery
SELECT * FROM ds.events WHERE _PARTITIONTIME >= TIMESTAMP("2024-01-01") QUALIFY ROW_NUMBER() OVER (PARTITION BY id) = 1

## op=SELECT tables=ds.t dialect=bigquery source=fixtures/bigquery
SELECT * EXCEPT (secret) REPLACE (UPPER(name) AS name) FROM ds.t

## op=SELECT tables=- dialect=duckdb source=fixtures/duckdb
SELECT * FROM 'data/*.parquet'

## op=SELECT tables=tbl dialect=duckdb source=fixtures/duckdb
FROM tbl SELECT a, b WHERE a > 1

## op=SELECT tables=weather dialect=duckdb source=fixtures/duckdb
SELECT city, max(temp_lo) FROM weather GROUP BY ALL

## op=UPDATE tables=products dialect=mysql source=fixtures/mysql
UPDATE LOW_PRIORITY products SET price = price * 1.1 WHERE category = 'x' ORDER BY id LIMIT 10

## op=DELETE tables=t1 dialect=mysql source=fixtures/mysql
DELETE IGNORE FROM t1 WHERE a < 5 LIMIT 100

## op=UPSERT tables=counters dialect=mysql source=fixtures/mysql
INSERT INTO counters (k, n) VALUES ('a', 1) AS new ON DUPLICATE KEY UPDATE n = counters.n + new.n

## op=SELECT tables=t1,t2 dialect=mysql source=fixtures/mysql
SELECT SQL_NO_CACHE t1.a FROM t1 FORCE INDEX (idx_a) LEFT JOIN t2 USE INDEX (idx_b) ON t1.id = t2.id

## op=SELECT tables=orders dialect=mysql source=fixtures/mysql
SELECT * FROM orders WHERE id = 5 LOCK IN SHARE MODE

## op=CREATE tables=shop.carts dialect=mysql source=fixtures/mysql
CREATE TABLE IF NOT EXISTS `shop`.`carts` (`id` int NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4

## op=SELECT tables=notes dialect=sqlite source=fixtures/sqlite
SELECT rowid, * FROM notes WHERE notes MATCH 'sqlite' ORDER BY rank

## op=SELECT tables=t dialect=sqlite source=fixtures/sqlite
SELECT * FROM t INDEXED BY t_idx WHERE a = 1

## op=UPSERT tables=vocabulary dialect=sqlite source=fixtures/sqlite
INSERT INTO vocabulary(word) VALUES('jovial') ON CONFLICT(word) DO UPDATE SET count=count+1

## op=SELECT tables=Sales.SalesOrderHeader dialect=mssql source=fixtures/mssql
SELECT TOP (10) WITH TIES SalesOrderID, TotalDue FROM Sales.SalesOrderHeader ORDER BY TotalDue DESC

## op=UPDATE tables=dbo.Stock,dbo.Orders dialect=mssql source=fixtures/mssql
UPDATE s SET s.qty = s.qty - o.qty FROM dbo.Stock AS s INNER JOIN dbo.Orders AS o ON o.sku = s.sku

## op=DELETE tables=dbo.Log dialect=mssql source=fixtures/mssql
DELETE TOP (1000) FROM dbo.Log WHERE Created < @cutoff

## op=SELECT tables=Production.Product dialect=mssql source=fixtures/mssql
SELECT Name, ListPrice FROM Production.Product ORDER BY ListPrice OFFSET 10 ROWS FETCH NEXT 10 ROWS ONLY

## op=EXEC tables=- dialect=mssql source=fixtures/mssql
EXEC sp_executesql @stmt, N'@id int', @id = 5

## op=SELECT tables=pg_catalog.pg_class,pg_catalog.pg_namespace dialect=postgresql source=fixtures/postgresql
SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = ANY (ARRAY['r', 'p'])

## op=SELECT tables=measurements dialect=postgresql source=fixtures/postgresql
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v) FILTER (WHERE v > 0) FROM measurements

## op=SELECT tables=items dialect=postgresql source=fixtures/postgresql
SELECT id FROM items WHERE tags @> ARRAY['x']::text[] AND doc ->> 'k' IS NOT NULL

## op=UPDATE tables=accounts,employees dialect=postgresql source=fixtures/postgresql
UPDATE accounts SET (contact_first_name, contact_last_name) = (SELECT first_name, last_name FROM employees WHERE employees.id = accounts.sales_person)

## op=DELETE tables=tasks dialect=postgresql source=fixtures/postgresql
DELETE FROM tasks WHERE CURRENT OF c_tasks

## op=INSERT tables=distributors dialect=postgresql source=fixtures/postgresql
INSERT INTO distributors (did, dname) VALUES (DEFAULT, 'XYZ Widgets') RETURNING did

## op=DROP tables=films,distributors dialect=postgresql source=fixtures/postgresql
DROP TABLE IF EXISTS films, distributors CASCADE

## op=ALTER tables=distributors dialect=postgresql source=fixtures/postgresql
ALTER TABLE distributors ADD CONSTRAINT zipchk CHECK (char_length(zipcode) = 5)

## op=INDEX tables=films dialect=postgresql source=fixtures/postgresql
CREATE INDEX CONCURRENTLY sales_quantity_index ON films USING gist (location) WITH (fillfactor = 70)

## op=TRANSACTION tables=- dialect=postgresql source=fixtures/postgresql
START TRANSACTION ISOLATION LEVEL REPEATABLE READ

## op=SELECT tables=foo dialect=ansi source=sqlparse/tests
select * from foo where bar = 1 and baz = 'ab;c'

## op=INSERT tables=foo dialect=ansi source=sqlparse/tests
insert into foo (a, b) values (1, 'x; y')

## op=SELECT tables=foo,bar dialect=ansi source=sqlparse/tests
SELECT a.x, b.y FROM foo a JOIN bar b USING (id) -- trailing comment

## op=SELECT tables=t dialect=ansi source=sqlparse/tests
select * from t where x = 'a''b' -- comment with 'quote'

## op=UPDATE tables=foo dialect=ansi source=sqlparse/tests
update foo set bar = 1 where baz = 2

## op=CREATE tables=myschema.t dialect=ansi source=sqlparse/tests
create table myschema.t (id integer primary key, name varchar(20) default 'x')
