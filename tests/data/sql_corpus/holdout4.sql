-- A fourth held-out set (split holdout4), written blind: public real-world SQL of the kinds applications send,
-- not already in the other splits. About 70% queries and DML (ORM output of Prisma, Django, Rails, Hibernate,
-- EF Core, Sequelize, GORM, Ecto, Doctrine, SQLAlchemy; text-to-SQL / agent answers; BI and dashboard queries;
-- dbt models; ETL MERGE / upserts; pandas.read_sql-style inlined literals) and about 30% DDL, admin and
-- migrations, across PostgreSQL, MySQL/MariaDB, SQLite, SQL Server, Oracle, BigQuery, Snowflake, Redshift,
-- Databricks, DuckDB, Trino and ClickHouse: 387 statements, 263 queries and DML (68%: SELECT, INSERT, UPDATE,
-- DELETE, MERGE, upserts, COPY) and 124 DDL / admin / migration statements (32%). Labelled by hand from
-- build.py's rules before the analyser was run on it. Names as written, unquoted.

## op=SELECT tables=public.User dialect=postgresql source=holdout4/prisma-log
SELECT "public"."User"."id", "public"."User"."credentialsId" FROM "public"."User" WHERE "public"."User"."id" = $1 OFFSET $2
## op=SELECT tables=public.Credentials dialect=postgresql source=holdout4/prisma-log
SELECT "public"."Credentials"."id" FROM "public"."Credentials" WHERE (1=1 AND "public"."Credentials"."id" IN ($1)) OFFSET $2
## op=UPDATE tables=public.Credentials dialect=postgresql source=holdout4/prisma-log
UPDATE "public"."Credentials" SET "expires" = $1, "refreshToken" = $2, "accessToken" = $3, "updatedAt" = $4 WHERE "public"."Credentials"."id" IN ($5)
## op=INSERT tables=public.Post dialect=postgresql source=holdout4/prisma-log
INSERT INTO "public"."Post" ("title","content","published","authorId") VALUES ($1,$2,$3,$4) RETURNING "public"."Post"."id", "public"."Post"."title", "public"."Post"."content", "public"."Post"."published", "public"."Post"."authorId"
## op=SELECT tables=public.Post dialect=postgresql source=holdout4/prisma-log
SELECT "public"."Post"."id", "public"."Post"."title", "public"."Post"."authorId" FROM "public"."Post" WHERE ("public"."Post"."published" = $1 AND "public"."Post"."title"::text ILIKE $2) ORDER BY "public"."Post"."id" ASC LIMIT $3 OFFSET $4
## op=SELECT tables=public.Post dialect=postgresql source=holdout4/prisma-log
SELECT COUNT(*) AS "_count._all" FROM (SELECT "public"."Post"."id" FROM "public"."Post" WHERE "public"."Post"."authorId" = $1 OFFSET $2) AS "sub"
## op=DELETE tables=public.Session dialect=postgresql source=holdout4/prisma-log
DELETE FROM "public"."Session" WHERE "public"."Session"."expires" < $1
## op=SELECT tables=prisma.User dialect=mysql source=holdout4/prisma-mysql
SELECT `prisma`.`User`.`id`, `prisma`.`User`.`email`, `prisma`.`User`.`name` FROM `prisma`.`User` WHERE `prisma`.`User`.`email` = ? LIMIT ? OFFSET ?
## op=SELECT tables=shop_order,auth_user dialect=postgresql source=holdout4/django
SELECT "shop_order"."id", "shop_order"."customer_id", "shop_order"."created", "auth_user"."id", "auth_user"."username", "auth_user"."email" FROM "shop_order" INNER JOIN "auth_user" ON ("shop_order"."customer_id" = "auth_user"."id") WHERE "shop_order"."created" >= '2024-01-01T00:00:00+00:00'::timestamptz ORDER BY "shop_order"."created" DESC LIMIT 21
## op=SELECT tables=shop_order dialect=postgresql source=holdout4/django
SELECT COUNT(*) AS "__count" FROM "shop_order" WHERE "shop_order"."status" IN ('paid', 'shipped')
## op=SELECT tables=shop_orderitem dialect=postgresql source=holdout4/django
SELECT "shop_orderitem"."product_id", SUM("shop_orderitem"."quantity") AS "total" FROM "shop_orderitem" GROUP BY "shop_orderitem"."product_id" ORDER BY "total" DESC LIMIT 10
## op=UPDATE tables=django_session dialect=postgresql source=holdout4/django
UPDATE "django_session" SET "session_data" = 'eyJfYXV0aF91c2VyX2lkIjoiMSJ9', "expire_date" = '2024-06-01T12:00:00+00:00'::timestamptz WHERE "django_session"."session_key" = 'k3y'
## op=SELECT tables=django_content_type dialect=sqlite source=holdout4/django
SELECT "django_content_type"."id", "django_content_type"."app_label", "django_content_type"."model" FROM "django_content_type" WHERE ("django_content_type"."app_label" = 'auth' AND "django_content_type"."model" = 'permission') LIMIT 21
## op=SELECT tables=auth_permission,auth_user_user_permissions,django_content_type dialect=mysql source=holdout4/django
SELECT `django_content_type`.`app_label`, `auth_permission`.`codename` FROM `auth_permission` INNER JOIN `auth_user_user_permissions` ON (`auth_permission`.`id` = `auth_user_user_permissions`.`permission_id`) INNER JOIN `django_content_type` ON (`auth_permission`.`content_type_id` = `django_content_type`.`id`) WHERE `auth_user_user_permissions`.`user_id` = 1
## op=SELECT tables=blog_entry,blog_entry_authors dialect=postgresql source=holdout4/django
SELECT DISTINCT ON ("blog_entry"."blog_id") "blog_entry"."id", "blog_entry"."headline" FROM "blog_entry" LEFT OUTER JOIN "blog_entry_authors" ON ("blog_entry"."id" = "blog_entry_authors"."entry_id") ORDER BY "blog_entry"."blog_id" ASC, "blog_entry"."pub_date" DESC
## op=SELECT tables=blog_blog,blog_entry dialect=postgresql source=holdout4/django
SELECT "blog_blog"."id", "blog_blog"."name", (SELECT U0."headline" FROM "blog_entry" U0 WHERE U0."blog_id" = ("blog_blog"."id") ORDER BY U0."pub_date" DESC LIMIT 1) AS "newest_headline" FROM "blog_blog"
## op=INSERT tables=django_admin_log dialect=postgresql source=holdout4/django
INSERT INTO "django_admin_log" ("action_time", "user_id", "content_type_id", "object_id", "object_repr", "action_flag", "change_message") VALUES ('2024-05-02T09:11:00+00:00'::timestamptz, 1, 7, '42', 'Order 42', 2, '[{"changed": {"fields": ["Status"]}}]') RETURNING "django_admin_log"."id"
## op=DELETE tables=taggit_taggeditem dialect=postgresql source=holdout4/django
DELETE FROM "taggit_taggeditem" WHERE "taggit_taggeditem"."id" IN (31, 32, 33)
## op=SELECT tables=articles,comments dialect=postgresql source=holdout4/rails
SELECT "articles".* FROM "articles" INNER JOIN "comments" ON "comments"."article_id" = "articles"."id" WHERE "comments"."status" = $1 ORDER BY "articles"."created_at" DESC LIMIT $2 OFFSET $3
## op=SELECT tables=comments dialect=postgresql source=holdout4/rails
SELECT "comments".* FROM "comments" WHERE "comments"."article_id" IN ($1, $2, $3, $4)
## op=UPDATE tables=users dialect=postgresql source=holdout4/rails
UPDATE "users" SET "sign_in_count" = $1, "current_sign_in_at" = $2, "last_sign_in_at" = $3, "updated_at" = $4 WHERE "users"."id" = $5
## op=INSERT tables=active_storage_attachments dialect=postgresql source=holdout4/rails
INSERT INTO "active_storage_attachments" ("name", "record_type", "record_id", "blob_id", "created_at") VALUES ($1, $2, $3, $4, $5) RETURNING "id"
## op=SELECT tables=schema_migrations dialect=postgresql source=holdout4/rails
SELECT "schema_migrations"."version" FROM "schema_migrations" ORDER BY "schema_migrations"."version" ASC
## op=SELECT tables=products dialect=mysql source=holdout4/rails
SELECT COUNT(*) FROM `products` WHERE `products`.`discarded_at` IS NULL AND `products`.`category_id` = 12
## op=UPSERT tables=page_views dialect=postgresql source=holdout4/rails-upsert-all
INSERT INTO "page_views" ("path","day","count","created_at","updated_at") VALUES ('/pricing', '2024-03-01', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP) ON CONFLICT ("path","day") DO UPDATE SET "count"=excluded."count","updated_at"=(CASE WHEN "page_views"."count" IS NOT DISTINCT FROM excluded."count" THEN "page_views"."updated_at" ELSE CURRENT_TIMESTAMP END) RETURNING "id"
## op=INSERT tables=events dialect=sqlite source=holdout4/rails-insert-all
INSERT INTO "events" ("name","payload","created_at","updated_at") VALUES ('signup', '{}', STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW'), STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW')) ON CONFLICT  DO NOTHING RETURNING "id"
## op=SELECT tables=employee,department dialect=postgresql source=holdout4/hibernate
select e1_0.id,e1_0.department_id,d1_0.id,d1_0.name,e1_0.email,e1_0.first_name from employee e1_0 left join department d1_0 on d1_0.id=e1_0.department_id where e1_0.id=?
## op=SELECT tables=book_author,author dialect=postgresql source=holdout4/hibernate
select a1_0.book_id,a1_1.id,a1_1.name from book_author a1_0 join author a1_1 on a1_1.id=a1_0.author_id where a1_0.book_id=?
## op=SELECT tables=- dialect=postgresql source=holdout4/hibernate
select nextval('employee_seq')
## op=INSERT tables=employee dialect=postgresql source=holdout4/hibernate
insert into employee (department_id,email,first_name,last_name,id) values (?,?,?,?,?)
## op=UPDATE tables=product dialect=mysql source=holdout4/hibernate
update product set name=?,price=?,version=? where id=? and version=?
## op=SELECT tables=orders dialect=oracle source=holdout4/hibernate
select o1_0.id,o1_0.customer_id,o1_0.total from orders o1_0 where o1_0.status=? order by o1_0.created_at desc offset ? rows fetch first ? rows only
## op=SELECT tables=Customer dialect=mssql source=holdout4/hibernate
select c1_0.id,c1_0.name from Customer c1_0 with (updlock,holdlock,rowlock) where c1_0.id=?
## op=SELECT tables=hibernate_sequences dialect=mysql source=holdout4/hibernate
select tbl.next_val from hibernate_sequences tbl where tbl.sequence_name=? for update
## op=SELECT tables=Blogs,Posts dialect=mssql source=holdout4/efcore
SELECT [b].[BlogId], [b].[Url], [p].[PostId], [p].[BlogId], [p].[Content], [p].[Title] FROM [Blogs] AS [b] LEFT JOIN [Posts] AS [p] ON [b].[BlogId] = [p].[BlogId] ORDER BY [b].[BlogId]
## op=SELECT tables=Blogs dialect=mssql source=holdout4/efcore
SELECT TOP(1) [b].[BlogId], [b].[Rating], [b].[Url] FROM [Blogs] AS [b] WHERE [b].[Url] LIKE N'%dotnet%'
## op=SELECT tables=Orders dialect=mssql source=holdout4/efcore
SELECT [o].[Id], [o].[CustomerId], [o].[OrderDate] FROM [Orders] AS [o] WHERE [o].[OrderDate] >= @__start_0 ORDER BY [o].[OrderDate] DESC OFFSET @__p_1 ROWS FETCH NEXT @__p_2 ROWS ONLY
## op=UPDATE tables=Blogs dialect=mssql source=holdout4/efcore-executeupdate
UPDATE [b]
SET [b].[Rating] = [b].[Rating] + 1
FROM [Blogs] AS [b]
WHERE [b].[Url] LIKE N'%.net%'
## op=INSERT tables=Blogs dialect=sqlite source=holdout4/efcore-sqlite
INSERT INTO "Blogs" ("Name", "Url")
VALUES (@p0, @p1)
RETURNING "BlogId";
## op=SELECT tables=__EFMigrationsHistory dialect=postgresql source=holdout4/efcore-npgsql
SELECT "MigrationId", "ProductVersion"
FROM "__EFMigrationsHistory"
ORDER BY "MigrationId";
## op=SELECT tables=Users dialect=postgresql source=holdout4/sequelize
SELECT "id", "firstName", "lastName", "email", "createdAt", "updatedAt" FROM "Users" AS "User" WHERE "User"."email" = 'jane@example.com' LIMIT 1;
## op=SELECT tables=Projects,Tasks dialect=postgresql source=holdout4/sequelize
SELECT "Project"."id", "Project"."title", "Tasks"."id" AS "Tasks.id", "Tasks"."title" AS "Tasks.title" FROM "Projects" AS "Project" LEFT OUTER JOIN "Tasks" AS "Tasks" ON "Project"."id" = "Tasks"."projectId" WHERE "Project"."ownerId" = 5;
## op=INSERT tables=Users dialect=mysql source=holdout4/sequelize
INSERT INTO `Users` (`id`,`firstName`,`lastName`,`createdAt`,`updatedAt`) VALUES (DEFAULT,?,?,?,?);
## op=UPSERT tables=Settings dialect=mysql source=holdout4/sequelize-upsert
INSERT INTO `Settings` (`key`,`value`,`createdAt`,`updatedAt`) VALUES (?,?,?,?) ON DUPLICATE KEY UPDATE `value`=VALUES(`value`),`updatedAt`=VALUES(`updatedAt`);
## op=UPDATE tables=Users dialect=sqlite source=holdout4/sequelize
UPDATE `Users` SET `lastLogin`=$1,`updatedAt`=$2 WHERE `id` = $3
## op=SELECT tables=users dialect=mysql source=holdout4/gorm
SELECT * FROM `users` WHERE name = 'jinzhu' AND `users`.`deleted_at` IS NULL ORDER BY `users`.`id` LIMIT 1
## op=SELECT tables=orders dialect=mysql source=holdout4/gorm
SELECT * FROM `orders` WHERE `orders`.`user_id` IN (1,2,3) AND `orders`.`deleted_at` IS NULL
## op=UPDATE tables=users dialect=mysql source=holdout4/gorm
UPDATE `users` SET `deleted_at`='2024-02-10 20:21:22.342' WHERE `users`.`id` = 10 AND `users`.`deleted_at` IS NULL
## op=UPSERT tables=users dialect=postgresql source=holdout4/gorm-clauses
INSERT INTO "users" ("name","age","created_at","updated_at","deleted_at") VALUES ('jinzhu',18,'2024-01-01 00:00:00','2024-01-01 00:00:00',NULL) ON CONFLICT ("id") DO UPDATE SET "name"="excluded"."name","age"="excluded"."age" RETURNING "id"
## op=SELECT tables=users,companies dialect=postgresql source=holdout4/gorm
SELECT "users"."id","users"."name","Company"."id" AS "Company__id","Company"."name" AS "Company__name" FROM "users" LEFT JOIN "companies" "Company" ON "users"."company_id" = "Company"."id" AND "Company"."deleted_at" IS NULL WHERE "users"."deleted_at" IS NULL
## op=SELECT tables=posts dialect=postgresql source=holdout4/ecto
SELECT p0."id", p0."title", p0."body", p0."inserted_at", p0."updated_at" FROM "posts" AS p0 WHERE (p0."published" = TRUE) ORDER BY p0."inserted_at" DESC LIMIT $1
## op=INSERT tables=comments dialect=postgresql source=holdout4/ecto
INSERT INTO "comments" ("body","post_id","inserted_at","updated_at") VALUES ($1,$2,$3,$4) RETURNING "id"
## op=SELECT tables=users,posts dialect=postgresql source=holdout4/ecto
SELECT u0."id", u0."name", count(p1."id") FROM "users" AS u0 LEFT OUTER JOIN "posts" AS p1 ON p1."user_id" = u0."id" GROUP BY u0."id"
## op=SELECT tables=public.oban_jobs dialect=postgresql source=holdout4/oban
SELECT o0."id", o0."state", o0."queue", o0."worker", o0."args" FROM "public"."oban_jobs" AS o0 WHERE (o0."state" = 'available') AND (o0."queue" = $1) ORDER BY o0."priority", o0."scheduled_at", o0."id" LIMIT $2 FOR UPDATE SKIP LOCKED
## op=SELECT tables=product,category dialect=mysql source=holdout4/doctrine
SELECT p0_.id AS id_0, p0_.name AS name_1, p0_.price AS price_2, c1_.id AS id_3, c1_.name AS name_4 FROM product p0_ INNER JOIN category c1_ ON p0_.category_id = c1_.id WHERE p0_.price > ? ORDER BY p0_.price ASC
## op=SELECT tables=user dialect=mysql source=holdout4/doctrine
SELECT t0.id AS id_1, t0.email AS email_2, t0.roles AS roles_3, t0.password AS password_4 FROM user t0 WHERE t0.email = ? LIMIT 1
## op=SELECT tables=doctrine_migration_versions dialect=postgresql source=holdout4/doctrine-migrations
SELECT * FROM doctrine_migration_versions
## op=SELECT tables=users,addresses dialect=postgresql source=holdout4/sqlalchemy-log
SELECT users.id, users.name, users.fullname, addresses_1.id AS id_1, addresses_1.user_id, addresses_1.email_address
FROM users LEFT OUTER JOIN addresses AS addresses_1 ON users.id = addresses_1.user_id
WHERE users.name = %(name_1)s ORDER BY addresses_1.id
## op=INSERT tables=user_account dialect=sqlite source=holdout4/sqlalchemy-tutorial
INSERT INTO user_account (name, fullname) VALUES (?, ?) RETURNING id
## op=SELECT tables=user_account,address dialect=sqlite source=holdout4/sqlalchemy-tutorial
SELECT user_account.name, address.email_address
FROM user_account JOIN address ON user_account.id = address.user_id
WHERE user_account.name = ? OR address.email_address LIKE ?
## op=UPDATE tables=alembic_version dialect=postgresql source=holdout4/alembic
UPDATE alembic_version SET version_num='4b1f9c2a7d3e' WHERE alembic_version.version_num = '1a2b3c4d5e6f'
## op=SELECT tables=celery_taskmeta dialect=postgresql source=holdout4/celery-db-backend
SELECT celery_taskmeta.id AS celery_taskmeta_id, celery_taskmeta.task_id AS celery_taskmeta_task_id, celery_taskmeta.status AS celery_taskmeta_status FROM celery_taskmeta WHERE celery_taskmeta.task_id = %(task_id_1)s
## op=SELECT tables=wp_posts dialect=mysql source=holdout4/wordpress
SELECT SQL_CALC_FOUND_ROWS  wp_posts.ID FROM wp_posts  WHERE 1=1  AND ((wp_posts.post_type = 'post' AND (wp_posts.post_status = 'publish'))) ORDER BY wp_posts.post_date DESC LIMIT 0, 10
## op=SELECT tables=wp_options dialect=mysql source=holdout4/wordpress
SELECT option_name, option_value FROM wp_options WHERE autoload = 'yes'
## op=SELECT tables=wp_terms,wp_term_taxonomy,wp_term_relationships dialect=mysql source=holdout4/wordpress
SELECT t.*, tt.*, tr.object_id FROM wp_terms AS t  INNER JOIN wp_term_taxonomy AS tt ON t.term_id = tt.term_id INNER JOIN wp_term_relationships AS tr ON tr.term_taxonomy_id = tt.term_taxonomy_id WHERE tt.taxonomy IN ('category', 'post_tag', 'post_format') AND tr.object_id IN (1, 5, 9) ORDER BY t.name ASC
## op=UPSERT tables=wp_options dialect=mysql source=holdout4/wordpress
INSERT INTO `wp_options` (`option_name`, `option_value`, `autoload`) VALUES ('_transient_doing_cron', '1714000000.1234', 'yes') ON DUPLICATE KEY UPDATE `option_name` = VALUES(`option_name`), `option_value` = VALUES(`option_value`), `autoload` = VALUES(`autoload`)
## op=SELECT tables=knex_migrations dialect=postgresql source=holdout4/knex
select "name" from "knex_migrations" order by "id" asc
## op=SELECT tables=photo,user dialect=postgresql source=holdout4/typeorm
SELECT "photo"."id" AS "photo_id", "photo"."url" AS "photo_url", "user"."id" AS "user_id", "user"."name" AS "user_name" FROM "photo" "photo" LEFT JOIN "user" "user" ON "user"."id"="photo"."userId" WHERE "user"."name" = $1

## op=SELECT tables=customers,orders dialect=postgresql source=holdout4/llm-agent
SELECT c.customer_id, c.first_name, c.last_name, SUM(o.amount) AS total_spent
FROM customers c
JOIN orders o ON o.customer_id = c.customer_id
WHERE o.order_date >= DATE '2023-01-01'
GROUP BY c.customer_id, c.first_name, c.last_name
ORDER BY total_spent DESC
LIMIT 5;
## op=SELECT tables=employees,departments dialect=mysql source=holdout4/llm-agent
SELECT d.department_name, AVG(e.salary) AS avg_salary
FROM employees e
INNER JOIN departments d ON e.department_id = d.department_id
GROUP BY d.department_name
HAVING AVG(e.salary) > 60000
ORDER BY avg_salary DESC;
## op=SELECT tables=sales dialect=postgresql source=holdout4/llm-agent
WITH monthly AS (
  SELECT date_trunc('month', sale_date) AS month, SUM(amount) AS revenue
  FROM sales
  GROUP BY 1
)
SELECT month, revenue,
       revenue - LAG(revenue) OVER (ORDER BY month) AS mom_change,
       ROUND(100.0 * (revenue - LAG(revenue) OVER (ORDER BY month)) / NULLIF(LAG(revenue) OVER (ORDER BY month), 0), 2) AS mom_pct
FROM monthly
ORDER BY month;
## op=SELECT tables=products,order_items dialect=sqlite source=holdout4/llm-agent
SELECT p.product_name, COUNT(oi.order_id) AS times_ordered
FROM products p
LEFT JOIN order_items oi ON oi.product_id = p.product_id
GROUP BY p.product_id
ORDER BY times_ordered DESC
LIMIT 10;
## op=SELECT tables=employees dialect=postgresql source=holdout4/llm-agent
SELECT name, salary
FROM (
  SELECT name, salary, DENSE_RANK() OVER (ORDER BY salary DESC) AS rnk
  FROM employees
) ranked
WHERE rnk = 2;
## op=SELECT tables=users,orders dialect=postgresql source=holdout4/llm-agent
SELECT u.id, u.email
FROM users u
WHERE NOT EXISTS (
  SELECT 1 FROM orders o WHERE o.user_id = u.id AND o.created_at > NOW() - INTERVAL '90 days'
);
## op=SELECT tables=information_schema.columns dialect=postgresql source=holdout4/llm-agent-schema
SELECT table_name, column_name, data_type
FROM information_schema.columns
WHERE table_schema = 'public'
ORDER BY table_name, ordinal_position;
## op=SELECT tables=INFORMATION_SCHEMA.TABLES dialect=mssql source=holdout4/llm-agent-schema
SELECT TABLE_SCHEMA, TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_SCHEMA, TABLE_NAME;
## op=SELECT tables=Track,Genre dialect=sqlite source=holdout4/chinook
SELECT g.Name AS Genre, COUNT(t.TrackId) AS Tracks, ROUND(AVG(t.Milliseconds) / 60000.0, 2) AS AvgMinutes
FROM Track t JOIN Genre g ON g.GenreId = t.GenreId
GROUP BY g.Name
ORDER BY Tracks DESC;
## op=SELECT tables=Invoice,Customer,Employee dialect=sqlite source=holdout4/chinook
SELECT e.FirstName || ' ' || e.LastName AS SalesRep, SUM(i.Total) AS Sales
FROM Invoice i
JOIN Customer c ON c.CustomerId = i.CustomerId
JOIN Employee e ON e.EmployeeId = c.SupportRepId
WHERE strftime('%Y', i.InvoiceDate) = '2013'
GROUP BY e.EmployeeId;
## op=SELECT tables=concert,singer_in_concert,singer dialect=sqlite source=holdout4/spider
SELECT T2.name, count(*) FROM concert AS T1 JOIN singer_in_concert AS T3 ON T1.concert_id = T3.concert_id JOIN singer AS T2 ON T3.singer_id = T2.singer_id GROUP BY T2.singer_id
## op=SELECT tables=stadium,concert dialect=sqlite source=holdout4/spider
SELECT name, capacity FROM stadium WHERE stadium_id NOT IN (SELECT stadium_id FROM concert)
## op=SELECT tables=frpm,schools dialect=sqlite source=holdout4/bird
SELECT T2.Phone FROM frpm AS T1 INNER JOIN schools AS T2 ON T1.CDSCode = T2.CDSCode WHERE T1.`Charter School (Y/N)` = 1 AND T1.`Enrollment (K-12)` > 500 ORDER BY T1.`Free Meal Count (K-12)` DESC LIMIT 3
## op=SELECT tables=account,district dialect=sqlite source=holdout4/bird
SELECT COUNT(T1.account_id) FROM account AS T1 INNER JOIN district AS T2 ON T1.district_id = T2.district_id WHERE T2.A3 = 'east Bohemia' AND T1.frequency = 'POPLATEK PO OBRATU'
## op=SELECT tables=bigquery-public-data.stackoverflow.posts_questions dialect=bigquery source=holdout4/llm-agent-bq
SELECT EXTRACT(YEAR FROM creation_date) AS year, COUNT(*) AS questions
FROM `bigquery-public-data.stackoverflow.posts_questions`
WHERE tags LIKE '%python%'
GROUP BY year
ORDER BY year;
## op=SELECT tables=bigquery-public-data.github_repos.languages dialect=bigquery source=holdout4/bq-public
SELECT lang.name AS language, COUNT(*) AS repos
FROM `bigquery-public-data.github_repos.languages`, UNNEST(language) AS lang
GROUP BY language
ORDER BY repos DESC
LIMIT 20;
## op=SELECT tables=bigquery-public-data.google_analytics_sample.ga_sessions_* dialect=bigquery source=holdout4/bq-public
SELECT date, SUM(totals.visits) AS visits, SUM(totals.transactions) AS transactions
FROM `bigquery-public-data.google_analytics_sample.ga_sessions_*`
WHERE _TABLE_SUFFIX BETWEEN '20170701' AND '20170731'
GROUP BY date
ORDER BY date;
## op=SELECT tables=bigquery-public-data.samples.shakespeare dialect=bigquery source=holdout4/bq-public
SELECT word, SUM(word_count) AS total FROM `bigquery-public-data.samples.shakespeare` WHERE corpus = "hamlet" GROUP BY word ORDER BY total DESC LIMIT 10
## op=SELECT tables=snowflake_sample_data.tpch_sf1.orders dialect=snowflake source=holdout4/llm-agent-snowflake
SELECT o_orderpriority, COUNT(*) AS order_count
FROM snowflake_sample_data.tpch_sf1.orders
WHERE o_orderdate >= '1995-01-01'::date
GROUP BY o_orderpriority
ORDER BY o_orderpriority;
## op=SELECT tables=analytics.events dialect=snowflake source=holdout4/snowflake-docs-qualify
SELECT user_id, event_name, event_ts
FROM analytics.events
QUALIFY ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY event_ts DESC) = 1;
## op=SELECT tables=raw.web_events dialect=snowflake source=holdout4/snowflake-docs-flatten
SELECT e.id, f.value:sku::string AS sku, f.value:qty::int AS qty
FROM raw.web_events e, LATERAL FLATTEN(input => e.payload:items) f
WHERE e.event_type = 'checkout';
## op=SELECT tables=public.orders dialect=postgresql source=holdout4/metabase
SELECT "public"."orders"."category" AS "category", count(*) AS "count" FROM "public"."orders" GROUP BY "public"."orders"."category" ORDER BY "public"."orders"."category" ASC
## op=SELECT tables=public.orders,public.people dialect=postgresql source=holdout4/metabase
SELECT "People"."state" AS "People__state", sum("public"."orders"."total") AS "sum" FROM "public"."orders" LEFT JOIN "public"."people" "People" ON "public"."orders"."user_id" = "People"."id" WHERE ("public"."orders"."created_at" >= timestamp with time zone '2024-01-01 00:00:00.000Z') GROUP BY "People"."state" ORDER BY "sum" DESC, "People"."state" ASC LIMIT 1048575
## op=SELECT tables=public.flights dialect=postgresql source=holdout4/superset
SELECT DATE_TRUNC('day', dep_time) AS __timestamp, count(*) AS count
FROM public.flights
WHERE dep_time >= TO_TIMESTAMP('2024-04-01 00:00:00.000000', 'YYYY-MM-DD HH24:MI:SS.US') AND dep_time < TO_TIMESTAMP('2024-04-08 00:00:00.000000', 'YYYY-MM-DD HH24:MI:SS.US')
GROUP BY DATE_TRUNC('day', dep_time)
LIMIT 10000
## op=SELECT tables=birth_names dialect=mysql source=holdout4/superset
SELECT name AS name, sum(num) AS `SUM(num)` FROM birth_names WHERE ds >= '1960-01-01 00:00:00' AND gender = 'girl' GROUP BY name ORDER BY `SUM(num)` DESC LIMIT 50
## op=SELECT tables=wb_health_population dialect=postgresql source=holdout4/superset
SELECT country_name AS country_name, year AS year, sum("SP_POP_TOTL") AS "SUM(SP_POP_TOTL)"
FROM wb_health_population
JOIN (SELECT country_name AS country_name__, sum("SP_POP_TOTL") AS mme_inner__
      FROM wb_health_population
      GROUP BY country_name ORDER BY mme_inner__ DESC LIMIT 10) AS anon_1 ON country_name = country_name__
GROUP BY country_name, year
LIMIT 50000
## op=SELECT tables=orders dialect=postgresql source=holdout4/grafana
SELECT
  $__timeGroupAlias(created_at, '1h'),
  count(*) AS "orders"
FROM orders
WHERE $__timeFilter(created_at)
GROUP BY 1
ORDER BY 1
## op=SELECT tables=http_requests dialect=mysql source=holdout4/grafana
SELECT UNIX_TIMESTAMP(ts) DIV 60 * 60 AS "time", status, COUNT(*) AS value FROM http_requests WHERE ts BETWEEN FROM_UNIXTIME(1714000000) AND FROM_UNIXTIME(1714086400) GROUP BY 1, 2 ORDER BY 1
## op=SELECT tables=looker_demo.order_items,looker_demo.users dialect=bigquery source=holdout4/looker
SELECT
    users.state  AS users_state,
    COUNT(DISTINCT order_items.order_id ) AS order_items_order_count,
    COALESCE(SUM(order_items.sale_price ), 0) AS order_items_total_sale_price
FROM `looker_demo.order_items`  AS order_items
LEFT JOIN `looker_demo.users`  AS users ON order_items.user_id = users.id
GROUP BY
    1
ORDER BY
    2 DESC
LIMIT 500
## op=SELECT tables=dbo.Superstore dialect=mssql source=holdout4/tableau
SELECT [Superstore].[Region] AS [Region], SUM([Superstore].[Sales]) AS [sum:Sales:ok] FROM [dbo].[Superstore] [Superstore] GROUP BY [Superstore].[Region]
## op=SELECT tables=web_events dialect=redshift source=holdout4/mode-analytics
SELECT DATE_TRUNC('week', occurred_at) AS week, COUNT(DISTINCT user_id) AS weekly_active_users
FROM web_events
WHERE occurred_at >= GETDATE() - INTERVAL '12 weeks'
GROUP BY 1
ORDER BY 1;
## op=SELECT tables=trips dialect=clickhouse source=holdout4/clickhouse-nyc-taxi
SELECT passenger_count, avg(total_amount) FROM trips GROUP BY passenger_count
## op=SELECT tables=trips dialect=clickhouse source=holdout4/clickhouse-nyc-taxi
SELECT pickup_ntaname, toStartOfHour(pickup_datetime) AS pickup_hour, count(*) AS trips FROM trips WHERE pickup_date >= '2015-07-01' GROUP BY pickup_ntaname, pickup_hour ORDER BY pickup_hour SETTINGS max_threads = 8
## op=SELECT tables=uk_price_paid dialect=clickhouse source=holdout4/clickhouse-uk-prices
SELECT town, district, count() AS c, round(avg(price)) AS price, bar(price, 0, 5000000, 100) FROM uk_price_paid WHERE date >= '2020-01-01' GROUP BY town, district HAVING c >= 100 ORDER BY price DESC LIMIT 100
## op=SELECT tables=system.parts dialect=clickhouse source=holdout4/clickhouse-admin
SELECT table, formatReadableSize(sum(bytes_on_disk)) AS size, sum(rows) AS rows FROM system.parts WHERE active GROUP BY table ORDER BY sum(bytes_on_disk) DESC
## op=SELECT tables=hits dialect=clickhouse source=holdout4/clickbench
SELECT SearchPhrase, MIN(URL), COUNT(*) AS c FROM hits WHERE URL LIKE '%google%' AND SearchPhrase <> '' GROUP BY SearchPhrase ORDER BY c DESC LIMIT 10;
## op=SELECT tables=hits dialect=duckdb source=holdout4/clickbench
SELECT UserID, extract(minute FROM EventTime) AS m, SearchPhrase, COUNT(*) FROM hits GROUP BY UserID, m, SearchPhrase ORDER BY COUNT(*) DESC LIMIT 10;
## op=SELECT tables=- dialect=duckdb source=holdout4/duckdb-docs
SELECT * FROM read_parquet('s3://bucket/events/*.parquet') WHERE event_date = DATE '2024-01-01';
## op=SELECT tables=- dialect=duckdb source=holdout4/duckdb-docs
SELECT station, avg(temp) FROM 'weather/*.csv' GROUP BY ALL ORDER BY ALL;
## op=SELECT tables=flights dialect=duckdb source=holdout4/duckdb-docs
SELECT origin, dest, count(*) AS n FROM flights GROUP BY ALL ORDER BY n DESC LIMIT 5;
## op=SELECT tables=hive.web.page_views dialect=trino source=holdout4/trino-docs
SELECT approx_distinct(user_id) AS users, date_trunc('day', view_time) AS day
FROM hive.web.page_views
WHERE view_time > current_timestamp - INTERVAL '7' DAY
GROUP BY 2
ORDER BY 2
## op=SELECT tables=tpch.sf1.nation,tpch.sf1.region dialect=trino source=holdout4/trino-docs
SELECT n.name AS nation, r.name AS region FROM tpch.sf1.nation n JOIN tpch.sf1.region r ON n.regionkey = r.regionkey ORDER BY 1
## op=SELECT tables=iceberg.analytics.events dialect=trino source=holdout4/trino-docs
SELECT * FROM iceberg.analytics.events FOR TIMESTAMP AS OF TIMESTAMP '2024-03-01 00:00:00 UTC' LIMIT 100
## op=SELECT tables=orders dialect=postgresql source=holdout4/pandas-read-sql
SELECT order_id, customer_id, amount, created_at FROM orders WHERE created_at BETWEEN '2024-01-01' AND '2024-01-31' AND region = 'EMEA'
## op=SELECT tables=sensor_readings dialect=sqlite source=holdout4/pandas-read-sql
SELECT * FROM sensor_readings WHERE device_id IN ('a1', 'b7', 'c3') AND ts >= 1714000000 ORDER BY ts
## op=SELECT tables=dbo.FactSales,dbo.DimDate dialect=mssql source=holdout4/pandas-read-sql
SELECT d.CalendarYear, d.MonthNumberOfYear, SUM(f.SalesAmount) AS Sales FROM dbo.FactSales f INNER JOIN dbo.DimDate d ON f.DateKey = d.DateKey WHERE d.CalendarYear = 2023 GROUP BY d.CalendarYear, d.MonthNumberOfYear ORDER BY 1, 2
## op=SELECT tables=HR.EMPLOYEES dialect=oracle source=holdout4/pandas-read-sql
SELECT EMPLOYEE_ID, FIRST_NAME, LAST_NAME, HIRE_DATE FROM HR.EMPLOYEES WHERE HIRE_DATE > TO_DATE('2005-01-01', 'YYYY-MM-DD') AND ROWNUM <= 100
## op=SELECT tables=stock_prices dialect=mysql source=holdout4/pandas-read-sql
SELECT symbol, trade_date, close FROM stock_prices WHERE symbol = 'AAPL' AND trade_date >= '2023-06-01' ORDER BY trade_date
## op=SELECT tables=public.weather dialect=postgresql source=holdout4/pandas-read-sql-chunks
SELECT * FROM public.weather WHERE station_id = 72530 AND obs_date >= '2020-01-01'::date LIMIT 50000 OFFSET 100000
## op=CREATE tables=analytics.dbt_jdoe.customers,analytics.dbt_jdoe.stg_customers,analytics.dbt_jdoe.stg_orders dialect=snowflake source=holdout4/dbt-jaffle-shop
create or replace transient table analytics.dbt_jdoe.customers
         as
        (with customers as (
    select * from analytics.dbt_jdoe.stg_customers
),
orders as (
    select * from analytics.dbt_jdoe.stg_orders
),
customer_orders as (
    select
        customer_id,
        min(order_date) as first_order_date,
        max(order_date) as most_recent_order_date,
        count(order_id) as number_of_orders
    from orders
    group by customer_id
)
select customers.customer_id, customers.first_name, customer_orders.number_of_orders
from customers
left join customer_orders using (customer_id)
        );
## op=CREATE tables=jaffle_shop.dbt_jdoe.stg_orders__dbt_tmp,jaffle_shop.dbt_jdoe.raw_orders dialect=postgresql source=holdout4/dbt-postgres-view
create view "jaffle_shop"."dbt_jdoe"."stg_orders__dbt_tmp" as (
    with source as (
    select * from "jaffle_shop"."dbt_jdoe"."raw_orders"
),
renamed as (
    select id as order_id, user_id as customer_id, order_date, status from source
)
select * from renamed
  );
## op=DROP tables=jaffle_shop.dbt_jdoe.stg_orders__dbt_backup dialect=postgresql source=holdout4/dbt-postgres-view
drop view if exists "jaffle_shop"."dbt_jdoe"."stg_orders__dbt_backup" cascade
## op=INSERT tables=analytics.fct_events,fct_events__dbt_tmp dialect=redshift source=holdout4/dbt-redshift-incremental
insert into "analytics"."fct_events" ("event_id", "user_id", "event_type", "occurred_at")
    (
        select "event_id", "user_id", "event_type", "occurred_at"
        from "fct_events__dbt_tmp"
    )
## op=DELETE tables=analytics.fct_events,fct_events__dbt_tmp dialect=redshift source=holdout4/dbt-redshift-incremental
delete from "analytics"."fct_events"
    where (event_id) in (
        select (event_id)
        from "fct_events__dbt_tmp"
    );
## op=MERGE tables=my-project.dbt_prod.sessions,my-project.dbt_prod.sessions__dbt_tmp dialect=bigquery source=holdout4/dbt-bigquery-merge
merge into `my-project`.`dbt_prod`.`sessions` as DBT_INTERNAL_DEST
        using (
        select * from `my-project`.`dbt_prod`.`sessions__dbt_tmp`
        ) as DBT_INTERNAL_SOURCE
        on (DBT_INTERNAL_SOURCE.session_id = DBT_INTERNAL_DEST.session_id)
    when matched then update set
        `session_id` = DBT_INTERNAL_SOURCE.`session_id`,`pageviews` = DBT_INTERNAL_SOURCE.`pageviews`
    when not matched then insert
        (`session_id`, `pageviews`)
    values
        (`session_id`, `pageviews`)
## op=CREATE tables=main.dbt_prod.orders_daily,main.dbt_prod.stg_orders dialect=databricks source=holdout4/dbt-databricks
create or replace table `main`.`dbt_prod`.`orders_daily`
      using delta
      as
      select order_date, count(*) as orders, sum(amount) as revenue
      from `main`.`dbt_prod`.`stg_orders`
      group by order_date
## op=SELECT tables=jaffle_shop.main.customers dialect=duckdb source=holdout4/dbt-tests
select
    customer_id as unique_field,
    count(*) as n_records
from "jaffle_shop"."main"."customers"
where customer_id is not null
group by customer_id
having count(*) > 1
## op=SELECT tables=analytics.dbt_prod.orders,analytics.dbt_prod.customers dialect=snowflake source=holdout4/dbt-tests-relationships
with child as (
    select customer_id as from_field
    from analytics.dbt_prod.orders
    where customer_id is not null
),
parent as (
    select customer_id as to_field
    from analytics.dbt_prod.customers
)
select from_field
from child
left join parent on child.from_field = parent.to_field
where parent.to_field is null
## op=MERGE tables=dw.dim_customer,staging.customers dialect=snowflake source=holdout4/etl-merge-scd1
MERGE INTO dw.dim_customer AS tgt
USING (SELECT customer_id, name, email, updated_at FROM staging.customers WHERE load_date = CURRENT_DATE) AS src
ON tgt.customer_id = src.customer_id
WHEN MATCHED AND src.updated_at > tgt.updated_at THEN UPDATE SET tgt.name = src.name, tgt.email = src.email, tgt.updated_at = src.updated_at
WHEN NOT MATCHED THEN INSERT (customer_id, name, email, updated_at) VALUES (src.customer_id, src.name, src.email, src.updated_at);
## op=MERGE tables=dbo.DimProduct,stage.Product dialect=mssql source=holdout4/etl-merge-scd1
MERGE dbo.DimProduct AS T
USING stage.Product AS S
ON T.ProductKey = S.ProductKey
WHEN MATCHED AND (T.ListPrice <> S.ListPrice OR T.Name <> S.Name) THEN
    UPDATE SET T.ListPrice = S.ListPrice, T.Name = S.Name, T.ModifiedDate = GETDATE()
WHEN NOT MATCHED BY TARGET THEN
    INSERT (ProductKey, Name, ListPrice, ModifiedDate) VALUES (S.ProductKey, S.Name, S.ListPrice, GETDATE())
WHEN NOT MATCHED BY SOURCE THEN
    DELETE
OUTPUT $action, inserted.ProductKey, deleted.ProductKey;
## op=MERGE tables=sales.target_accounts,sales.account_updates dialect=databricks source=holdout4/databricks-merge-cdc
MERGE INTO sales.target_accounts t
USING (
  SELECT * FROM sales.account_updates
  QUALIFY ROW_NUMBER() OVER (PARTITION BY account_id ORDER BY change_ts DESC) = 1
) s
ON t.account_id = s.account_id
WHEN MATCHED AND s.op = 'D' THEN DELETE
WHEN MATCHED THEN UPDATE SET *
WHEN NOT MATCHED AND s.op != 'D' THEN INSERT *
## op=MERGE tables=warehouse.inventory,staging.inventory_delta dialect=redshift source=holdout4/redshift-merge
MERGE INTO warehouse.inventory USING staging.inventory_delta AS d
ON warehouse.inventory.sku = d.sku
WHEN MATCHED THEN UPDATE SET qty = d.qty, updated_at = d.updated_at
WHEN NOT MATCHED THEN INSERT VALUES (d.sku, d.qty, d.updated_at);
## op=MERGE tables=CUSTOMERS,CUSTOMERS_STG dialect=oracle source=holdout4/oracle-merge
MERGE INTO CUSTOMERS c
USING (SELECT CUSTOMER_ID, CUST_NAME, CREDIT_LIMIT FROM CUSTOMERS_STG) s
ON (c.CUSTOMER_ID = s.CUSTOMER_ID)
WHEN MATCHED THEN UPDATE SET c.CUST_NAME = s.CUST_NAME, c.CREDIT_LIMIT = s.CREDIT_LIMIT
  DELETE WHERE (s.CREDIT_LIMIT = 0)
WHEN NOT MATCHED THEN INSERT (CUSTOMER_ID, CUST_NAME, CREDIT_LIMIT) VALUES (s.CUSTOMER_ID, s.CUST_NAME, s.CREDIT_LIMIT)
## op=MERGE tables=mydataset.daily_totals,mydataset.transactions dialect=bigquery source=holdout4/bq-merge
MERGE mydataset.daily_totals T
USING (
  SELECT DATE(ts) AS day, account, SUM(amount) AS total
  FROM mydataset.transactions
  WHERE DATE(ts) = CURRENT_DATE()
  GROUP BY day, account
) S
ON T.day = S.day AND T.account = S.account
WHEN MATCHED THEN UPDATE SET total = S.total
WHEN NOT MATCHED THEN INSERT (day, account, total) VALUES (day, account, total)
## op=UPSERT tables=metrics_hourly,metrics_raw dialect=postgresql source=holdout4/etl-upsert
INSERT INTO metrics_hourly (metric, hour, value)
SELECT metric, date_trunc('hour', ts), sum(value)
FROM metrics_raw
WHERE ts >= now() - interval '1 hour'
GROUP BY 1, 2
ON CONFLICT (metric, hour) DO UPDATE SET value = metrics_hourly.value + EXCLUDED.value;
## op=UPSERT tables=inventory dialect=mysql source=holdout4/etl-upsert
INSERT INTO inventory (sku, warehouse_id, qty) VALUES ('SKU-1', 3, 10), ('SKU-2', 3, 4) AS new
ON DUPLICATE KEY UPDATE qty = inventory.qty + new.qty;
## op=UPSERT tables=kv dialect=sqlite source=holdout4/etl-upsert
INSERT INTO kv (k, v, updated) VALUES ('last_sync', '2024-05-01T10:00:00Z', unixepoch())
ON CONFLICT(k) DO UPDATE SET v = excluded.v, updated = excluded.updated;
## op=UPSERT tables=feature_flags dialect=sqlite source=holdout4/etl-upsert
REPLACE INTO feature_flags (name, enabled) VALUES ('new_checkout', 1);
## op=INSERT tables=audit_log dialect=postgresql source=holdout4/etl-upsert
INSERT INTO audit_log (event_id, actor, action) VALUES ('9b2f', 'svc-sync', 'import') ON CONFLICT ON CONSTRAINT audit_log_pkey DO NOTHING;
## op=INSERT tables=user_tags dialect=mysql source=holdout4/etl-upsert
INSERT IGNORE INTO user_tags (user_id, tag) VALUES (7, 'beta'), (7, 'vip');
## op=INSERT tables=analytics.events_2024,raw.events dialect=clickhouse source=holdout4/clickhouse-etl
INSERT INTO analytics.events_2024 SELECT * FROM raw.events WHERE toYear(event_time) = 2024
## op=INSERT tables=- dialect=clickhouse source=holdout4/clickhouse-etl
INSERT INTO FUNCTION s3('https://bucket.s3.amazonaws.com/out/data.parquet', 'Parquet') SELECT number FROM numbers(10)
## op=INSERT tables=default.page_hits dialect=clickhouse source=holdout4/clickhouse-etl
INSERT INTO default.page_hits (url, hits, day) FORMAT JSONEachRow {"url": "/a", "hits": 3, "day": "2024-01-01"}
## op=INSERT tables=lakehouse.bronze.orders dialect=databricks source=holdout4/databricks-copy
INSERT INTO lakehouse.bronze.orders SELECT *, current_timestamp() AS _ingested_at FROM read_files('/Volumes/main/raw/orders/', format => 'json')
## op=COPY tables=lakehouse.bronze.customers dialect=databricks source=holdout4/databricks-copy
COPY INTO lakehouse.bronze.customers
FROM '/Volumes/main/raw/customers/'
FILEFORMAT = CSV
FORMAT_OPTIONS ('header' = 'true', 'inferSchema' = 'true')
COPY_OPTIONS ('mergeSchema' = 'true');
## op=INSERT tables=silver.sessions,bronze.clicks dialect=databricks source=holdout4/databricks-etl
INSERT OVERWRITE silver.sessions PARTITION (dt = '2024-05-01')
SELECT session_id, user_id, min(ts), max(ts) FROM bronze.clicks WHERE dt = '2024-05-01' GROUP BY session_id, user_id
## op=COPY tables=raw.orders dialect=snowflake source=holdout4/snowflake-copy
COPY INTO raw.orders FROM @raw.s3_stage/orders/ FILE_FORMAT = (TYPE = 'JSON') MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE;
## op=COPY tables=public.listings dialect=redshift source=holdout4/redshift-copy
COPY public.listings FROM 's3://my-bucket/tickit/listings_pipe.txt' IAM_ROLE 'arn:aws:iam::123456789012:role/RedshiftCopy' DELIMITER '|' REGION 'us-west-2';
## op=COPY tables=staging.trips dialect=postgresql source=holdout4/psql-copy
COPY staging.trips (trip_id, started_at, ended_at, distance_km) FROM STDIN WITH (FORMAT csv, HEADER true)
## op=COPY tables=orders dialect=postgresql source=holdout4/psql-copy
COPY (SELECT * FROM orders WHERE created_at >= '2024-01-01') TO STDOUT WITH CSV HEADER
## op=INSERT tables=#staging_orders dialect=mssql source=holdout4/ssis-etl
INSERT INTO #staging_orders (OrderID, CustomerID, Total) SELECT OrderID, CustomerID, Total FROM OPENJSON(@json) WITH (OrderID int, CustomerID int, Total money)
## op=UPDATE tables=dbo.Orders,#staging_orders dialect=mssql source=holdout4/ssis-etl
UPDATE o SET o.Total = s.Total FROM dbo.Orders AS o INNER JOIN #staging_orders AS s ON s.OrderID = o.OrderID;
## op=DELETE tables=dbo.Sessions dialect=mssql source=holdout4/cleanup-job
DELETE TOP (5000) FROM dbo.Sessions WHERE LastSeen < DATEADD(day, -30, SYSUTCDATETIME());
## op=DELETE tables=job_runs dialect=postgresql source=holdout4/cleanup-job
DELETE FROM job_runs WHERE id IN (SELECT id FROM job_runs WHERE finished_at < now() - interval '14 days' LIMIT 10000);
## op=DELETE tables=logs dialect=mysql source=holdout4/cleanup-job
DELETE FROM logs WHERE created_at < NOW() - INTERVAL 30 DAY ORDER BY id LIMIT 10000;
## op=DELETE tables=events dialect=clickhouse source=holdout4/clickhouse-delete
DELETE FROM events WHERE user_id = 42
## op=UPDATE tables=accounts dialect=postgresql source=holdout4/pgbench-style
UPDATE accounts SET balance = balance - 100.00 WHERE id = 1 RETURNING balance;
## op=UPDATE tables=products,price_changes dialect=postgresql source=holdout4/update-from
UPDATE products p SET price = pc.new_price, updated_at = now() FROM price_changes pc WHERE pc.product_id = p.id AND pc.effective_date = CURRENT_DATE;
## op=UPDATE tables=orders,customers dialect=mysql source=holdout4/update-join
UPDATE orders o JOIN customers c ON c.id = o.customer_id SET o.region = c.region WHERE o.region IS NULL;
## op=DELETE tables=order_items,orders dialect=mysql source=holdout4/delete-join
DELETE oi FROM order_items oi JOIN orders o ON o.id = oi.order_id WHERE o.status = 'cancelled';
## op=UPDATE tables=employees dialect=oracle source=holdout4/oracle-docs
UPDATE employees SET salary = salary * 1.1 WHERE department_id = 50 RETURNING salary INTO :new_salary
## op=INSERT tables=sales_history,sales dialect=oracle source=holdout4/oracle-docs
INSERT /*+ APPEND */ INTO sales_history SELECT * FROM sales WHERE sale_date < ADD_MONTHS(TRUNC(SYSDATE), -12)
## op=INSERT tables=small_orders,medium_orders,large_orders,orders dialect=oracle source=holdout4/oracle-docs-multitable primary=small_orders
INSERT ALL
  WHEN order_total < 1000 THEN INTO small_orders
  WHEN order_total >= 1000 AND order_total < 10000 THEN INTO medium_orders
  ELSE INTO large_orders
SELECT order_id, order_total, customer_id FROM orders
## op=SELECT tables=employees dialect=oracle source=holdout4/oracle-docs-hierarchy
SELECT LPAD(' ', 2 * (LEVEL - 1)) || last_name AS org_chart, employee_id, manager_id
FROM employees
START WITH manager_id IS NULL
CONNECT BY PRIOR employee_id = manager_id
ORDER SIBLINGS BY last_name
## op=SELECT tables=orders dialect=oracle source=holdout4/oracle-docs
SELECT * FROM (SELECT o.*, ROWNUM rn FROM (SELECT * FROM orders ORDER BY order_date DESC) o WHERE ROWNUM <= 40) WHERE rn > 20
## op=SELECT tables=DUAL dialect=oracle source=holdout4/oracle-docs
SELECT SYSDATE, USER FROM DUAL
## op=SELECT tables=sh.sales dialect=oracle source=holdout4/oracle-docs-pivot
SELECT * FROM (SELECT prod_id, channel_id, amount_sold FROM sh.sales)
PIVOT (SUM(amount_sold) FOR channel_id IN (3 AS direct, 4 AS internet, 9 AS tele))
## op=SELECT tables=Sales.SalesOrderHeader dialect=mssql source=holdout4/mssql-docs
SELECT SalesPersonID, YEAR(OrderDate) AS SalesYear, SUM(TotalDue) AS Total
FROM Sales.SalesOrderHeader
WHERE SalesPersonID IS NOT NULL
GROUP BY ROLLUP (SalesPersonID, YEAR(OrderDate));
## op=SELECT tables=Production.Product,Sales.SalesOrderDetail dialect=mssql source=holdout4/mssql-docs
SELECT p.Name, x.TotalQty FROM Production.Product AS p CROSS APPLY (SELECT SUM(OrderQty) AS TotalQty FROM Sales.SalesOrderDetail AS d WHERE d.ProductID = p.ProductID) AS x WHERE x.TotalQty > 1000;
## op=SELECT tables=HumanResources.Employee dialect=mssql source=holdout4/mssql-docs
WITH DirectReports (ManagerID, EmployeeID, Title, EmployeeLevel) AS
(
    SELECT ManagerID, EmployeeID, Title, 0 AS EmployeeLevel
    FROM HumanResources.Employee
    WHERE ManagerID IS NULL
    UNION ALL
    SELECT e.ManagerID, e.EmployeeID, e.Title, EmployeeLevel + 1
    FROM HumanResources.Employee AS e
    INNER JOIN DirectReports AS d ON e.ManagerID = d.EmployeeID
)
SELECT ManagerID, EmployeeID, Title, EmployeeLevel
FROM DirectReports
ORDER BY ManagerID
OPTION (MAXRECURSION 100);
## op=SELECT tables=dbo.Orders dialect=mssql source=holdout4/mssql-json
SELECT OrderID, CustomerID FROM dbo.Orders WHERE OrderDate >= '20240101' FOR JSON PATH, ROOT('orders');
## op=SELECT tables=Person.Person dialect=mssql source=holdout4/mssql-docs
SELECT TOP 10 WITH TIES BusinessEntityID, LastName FROM Person.Person ORDER BY LastName;
## op=CREATE tables=#tmp_totals,Sales.SalesOrderHeader dialect=mssql source=holdout4/mssql-docs
SELECT CustomerID, SUM(TotalDue) AS Total INTO #tmp_totals FROM Sales.SalesOrderHeader GROUP BY CustomerID;
## op=SELECT tables=#tmp_totals dialect=mssql source=holdout4/mssql-docs
SELECT * FROM #tmp_totals WHERE Total > 10000 ORDER BY Total DESC;
## op=SELECT tables=film,film_category,category dialect=mysql source=holdout4/sakila
SELECT c.name AS category, COUNT(f.film_id) AS films, AVG(f.length) AS avg_length
FROM film f
JOIN film_category fc ON fc.film_id = f.film_id
JOIN category c ON c.category_id = fc.category_id
GROUP BY c.name
ORDER BY films DESC;
## op=SELECT tables=rental,inventory,film dialect=mysql source=holdout4/sakila
SELECT f.title, COUNT(r.rental_id) AS rentals FROM rental r JOIN inventory i ON i.inventory_id = r.inventory_id JOIN film f ON f.film_id = i.film_id WHERE r.rental_date >= '2005-07-01' GROUP BY f.title ORDER BY rentals DESC LIMIT 10;
## op=SELECT tables=payment,customer dialect=mysql source=holdout4/sakila
SELECT c.customer_id, c.email, SUM(p.amount) AS paid FROM payment p STRAIGHT_JOIN customer c ON c.customer_id = p.customer_id GROUP BY c.customer_id HAVING paid > 150;
## op=SELECT tables=actor dialect=mysql source=holdout4/sakila
SELECT SQL_NO_CACHE first_name, last_name FROM actor USE INDEX (idx_actor_last_name) WHERE last_name LIKE 'WAHL%';
## op=SELECT tables=employees.salaries dialect=mysql source=holdout4/mysql-employees
SELECT emp_no, MAX(salary) AS max_salary FROM employees.salaries GROUP BY emp_no ORDER BY max_salary DESC LIMIT 10;
## op=SELECT tables=pg_stat_statements dialect=postgresql source=holdout4/pg-admin
SELECT query, calls, total_exec_time, mean_exec_time, rows FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 20;
## op=SELECT tables=pg_stat_activity dialect=postgresql source=holdout4/pg-admin
SELECT pid, usename, state, now() - query_start AS duration, left(query, 80) FROM pg_stat_activity WHERE state <> 'idle' AND now() - query_start > interval '5 minutes' ORDER BY duration DESC;
## op=SELECT tables=pg_locks,pg_stat_activity dialect=postgresql source=holdout4/pg-admin
SELECT blocked.pid AS blocked_pid, blocking.pid AS blocking_pid, blocked.query
FROM pg_locks bl
JOIN pg_stat_activity blocked ON blocked.pid = bl.pid
JOIN pg_locks kl ON kl.locktype = bl.locktype AND kl.relation IS NOT DISTINCT FROM bl.relation AND kl.pid <> bl.pid
JOIN pg_stat_activity blocking ON blocking.pid = kl.pid
WHERE NOT bl.granted;
## op=SELECT tables=pg_class,pg_namespace dialect=postgresql source=holdout4/pg-admin
SELECT n.nspname, c.relname, pg_size_pretty(pg_total_relation_size(c.oid)) AS total
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
ORDER BY pg_total_relation_size(c.oid) DESC LIMIT 20;
## op=SELECT tables=- dialect=postgresql source=holdout4/pg-admin
SELECT pg_terminate_backend(12345);
## op=SELECT tables=v$session dialect=oracle source=holdout4/oracle-admin
SELECT sid, serial#, username, status, sql_id FROM v$session WHERE username IS NOT NULL AND status = 'ACTIVE'
## op=SELECT tables=snowflake.account_usage.query_history dialect=snowflake source=holdout4/snowflake-admin
SELECT warehouse_name, SUM(credits_used_cloud_services) AS credits, COUNT(*) AS queries
FROM snowflake.account_usage.query_history
WHERE start_time >= DATEADD(day, -7, CURRENT_TIMESTAMP())
GROUP BY warehouse_name
ORDER BY credits DESC;
## op=SELECT tables=region-us.INFORMATION_SCHEMA.JOBS_BY_PROJECT dialect=bigquery source=holdout4/bq-admin
SELECT user_email, SUM(total_bytes_billed) / POW(1024, 4) AS tib_billed
FROM `region-us`.INFORMATION_SCHEMA.JOBS_BY_PROJECT
WHERE creation_time > TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 30 DAY) AND job_type = 'QUERY'
GROUP BY user_email
ORDER BY tib_billed DESC;
## op=SELECT tables=stl_query dialect=redshift source=holdout4/redshift-admin
SELECT query, TRIM(querytxt) AS sql, starttime, DATEDIFF(seconds, starttime, endtime) AS secs FROM stl_query WHERE userid > 1 ORDER BY starttime DESC LIMIT 50;
## op=SELECT tables=svv_table_info dialect=redshift source=holdout4/redshift-admin
SELECT "schema", "table", size, tbl_rows, unsorted, stats_off FROM svv_table_info ORDER BY size DESC;
## op=SELECT tables=system.billing.usage dialect=databricks source=holdout4/databricks-admin
SELECT usage_date, sku_name, SUM(usage_quantity) AS dbus FROM system.billing.usage WHERE usage_date >= date_sub(current_date(), 30) GROUP BY ALL ORDER BY usage_date
## op=SELECT tables=system.runtime.queries dialect=trino source=holdout4/trino-admin
SELECT query_id, state, user, query FROM system.runtime.queries WHERE state = 'RUNNING'
## op=SELECT tables=Album,Artist dialect=postgresql source=holdout4/chinook-pg
SELECT "Artist"."Name", COUNT("Album"."AlbumId") AS albums FROM "Album" JOIN "Artist" ON "Artist"."ArtistId" = "Album"."ArtistId" GROUP BY "Artist"."Name" ORDER BY albums DESC LIMIT 5;
## op=SELECT tables=northwind.orders,northwind.order_details dialect=postgresql source=holdout4/northwind
SELECT o.ship_country, SUM(od.unit_price * od.quantity * (1 - od.discount)) AS revenue
FROM northwind.orders o JOIN northwind.order_details od ON od.order_id = o.order_id
GROUP BY o.ship_country ORDER BY revenue DESC;
## op=SELECT tables=Orders,Customers dialect=mssql source=holdout4/northwind
SELECT c.CompanyName, COUNT(o.OrderID) AS Orders FROM Orders o WITH (NOLOCK) INNER JOIN Customers c WITH (NOLOCK) ON c.CustomerID = o.CustomerID GROUP BY c.CompanyName ORDER BY Orders DESC;
## op=SELECT tables=bookings.flights,bookings.ticket_flights dialect=postgresql source=holdout4/postgrespro-demo
SELECT f.flight_no, f.scheduled_departure, count(tf.ticket_no) AS passengers
FROM bookings.flights f LEFT JOIN bookings.ticket_flights tf ON tf.flight_id = f.flight_id
WHERE f.status = 'Arrived'
GROUP BY f.flight_id
ORDER BY passengers DESC
LIMIT 10;
## op=SELECT tables=listings,calendar dialect=duckdb source=holdout4/duckdb-airbnb
SELECT l.neighbourhood, avg(c.price) AS avg_price FROM listings l JOIN calendar c USING (listing_id) WHERE c.available GROUP BY ALL ORDER BY avg_price DESC LIMIT 10;
## op=SUMMARIZE tables=taxi dialect=duckdb source=holdout4/duckdb-docs
SUMMARIZE taxi;
## op=SELECT tables=events dialect=duckdb source=holdout4/duckdb-docs
SELECT * EXCLUDE (payload) FROM events WHERE ts > now() - INTERVAL 1 DAY;
## op=SELECT tables=trades,prices dialect=duckdb source=holdout4/duckdb-asof
SELECT t.*, p.price FROM trades t ASOF JOIN prices p ON t.symbol = p.symbol AND t.ts >= p.ts;
## op=SELECT tables=orders,users dialect=postgresql source=holdout4/retool
select orders.id, orders.total, users.email from orders left join users on users.id = orders.user_id where orders.status = 'pending' and orders.created_at > '2024-04-01' order by orders.created_at desc limit 100
## op=SELECT tables=tickets dialect=postgresql source=holdout4/retool
SELECT * FROM tickets WHERE ({{ !search.value }} OR title ILIKE {{ '%' + search.value + '%' }}) ORDER BY id DESC
## op=SELECT tables=analytics.orders dialect=snowflake source=holdout4/hex-notebook
SELECT DATE_TRUNC('month', order_date) AS month, COUNT(*) AS orders, SUM(amount) AS gmv
FROM analytics.orders
WHERE order_date >= '2023-01-01'
GROUP BY 1
ORDER BY 1;
## op=SELECT tables=analytics.subscriptions dialect=snowflake source=holdout4/llm-agent-snowflake
SELECT plan, COUNT_IF(churned_at IS NULL) AS active, COUNT_IF(churned_at IS NOT NULL) AS churned, DIV0(churned, active + churned) AS churn_rate FROM analytics.subscriptions GROUP BY plan ORDER BY churn_rate DESC;
## op=SELECT tables=prod.analytics.user_events dialect=databricks source=holdout4/llm-agent-databricks
SELECT user_id, count_if(event_type = 'purchase') AS purchases, count(*) AS events
FROM prod.analytics.user_events
WHERE event_date BETWEEN '2024-04-01' AND '2024-04-30'
GROUP BY user_id
HAVING purchases > 0
ORDER BY purchases DESC
LIMIT 100
## op=SELECT tables=delta./mnt/data/events dialect=databricks source=holdout4/databricks-docs
SELECT * FROM delta.`/mnt/data/events` VERSION AS OF 12
## op=SELECT tables=main.default.people10m dialect=databricks source=holdout4/databricks-docs
SELECT * FROM main.default.people10m TIMESTAMP AS OF '2024-01-01'
## op=ALTER tables=shop_product dialect=postgresql source=holdout4/django-migrate
ALTER TABLE "shop_product" ADD CONSTRAINT "shop_product_category_id_9b5f_fk_shop_category_id" FOREIGN KEY ("category_id") REFERENCES "shop_category" ("id") DEFERRABLE INITIALLY DEFERRED;
## op=INDEX tables=shop_product dialect=postgresql source=holdout4/django-migrate
CREATE INDEX "shop_product_slug_30bd2d5d_like" ON "shop_product" ("slug" varchar_pattern_ops);
## op=ALTER tables=shop_order dialect=postgresql source=holdout4/django-migrate
ALTER TABLE "shop_order" ALTER COLUMN "tracking_code" DROP DEFAULT;
## op=CREATE tables=new__shop_order dialect=sqlite source=holdout4/django-migrate-sqlite
CREATE TABLE "new__shop_order" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "created" datetime NOT NULL, "status" varchar(20) NOT NULL, "tracking_code" varchar(64) NOT NULL);
## op=INSERT tables=new__shop_order,shop_order dialect=sqlite source=holdout4/django-migrate-sqlite
INSERT INTO "new__shop_order" ("id", "created", "status", "tracking_code") SELECT "id", "created", "status", '' FROM "shop_order";
## op=ALTER tables=new__shop_order dialect=sqlite source=holdout4/django-migrate-sqlite
ALTER TABLE "new__shop_order" RENAME TO "shop_order";
## op=CREATE tables=django_migrations dialect=mysql source=holdout4/django-migrate-mysql
CREATE TABLE `django_migrations` (`id` bigint AUTO_INCREMENT NOT NULL PRIMARY KEY, `app` varchar(255) NOT NULL, `name` varchar(255) NOT NULL, `applied` datetime(6) NOT NULL);
## op=CREATE tables=users dialect=postgresql source=holdout4/rails-migrate
CREATE TABLE "users" ("id" bigserial primary key, "email" character varying DEFAULT '' NOT NULL, "encrypted_password" character varying DEFAULT '' NOT NULL, "created_at" timestamp(6) NOT NULL, "updated_at" timestamp(6) NOT NULL)
## op=INDEX tables=users dialect=postgresql source=holdout4/rails-migrate
CREATE UNIQUE INDEX "index_users_on_email" ON "users" ("email")
## op=ALTER tables=line_items dialect=postgresql source=holdout4/rails-migrate
ALTER TABLE "line_items" ADD CONSTRAINT "fk_rails_11e15d5c6b" FOREIGN KEY ("order_id") REFERENCES "orders" ("id")
## op=INSERT tables=schema_migrations dialect=postgresql source=holdout4/rails-migrate
INSERT INTO "schema_migrations" ("version") VALUES ('20240501093000') RETURNING "version"
## op=CREATE tables=ar_internal_metadata dialect=sqlite source=holdout4/rails-migrate
CREATE TABLE IF NOT EXISTS "ar_internal_metadata" ("key" varchar NOT NULL PRIMARY KEY, "value" varchar, "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL)
## op=INDEX tables=post dialect=postgresql source=holdout4/alembic-autogenerate
CREATE INDEX ix_post_title ON post (title)
## op=ALTER tables=post dialect=postgresql source=holdout4/alembic-autogenerate
ALTER TABLE post ADD COLUMN published_at TIMESTAMP WITHOUT TIME ZONE
## op=CREATE tables=public.Post dialect=postgresql source=holdout4/prisma-migrate
CREATE TABLE "public"."Post" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "content" TEXT,
    "published" BOOLEAN NOT NULL DEFAULT false,
    "authorId" INTEGER NOT NULL,

    CONSTRAINT "Post_pkey" PRIMARY KEY ("id")
);
## op=ALTER tables=public.Post dialect=postgresql source=holdout4/prisma-migrate
ALTER TABLE "public"."Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "public"."User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
## op=CREATE tables=- dialect=postgresql source=holdout4/prisma-migrate
CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN');
## op=CREATE tables=_prisma_migrations dialect=postgresql source=holdout4/prisma-migrate
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);
## op=LOCK tables=public.flyway_schema_history dialect=postgresql source=holdout4/flyway
LOCK TABLE "public"."flyway_schema_history" IN ACCESS EXCLUSIVE MODE
## op=CREATE tables=DATABASECHANGELOGLOCK dialect=mysql source=holdout4/liquibase
CREATE TABLE DATABASECHANGELOGLOCK (ID INT NOT NULL, `LOCKED` TINYINT NOT NULL, LOCKGRANTED datetime NULL, LOCKEDBY VARCHAR(255) NULL, CONSTRAINT PK_DATABASECHANGELOGLOCK PRIMARY KEY (ID))
## op=UPDATE tables=DATABASECHANGELOGLOCK dialect=mysql source=holdout4/liquibase
UPDATE DATABASECHANGELOGLOCK SET `LOCKED` = 1, LOCKEDBY = 'host (10.0.0.5)', LOCKGRANTED = NOW() WHERE ID = 1 AND `LOCKED` = 0
## op=INSERT tables=DATABASECHANGELOG dialect=oracle source=holdout4/liquibase
INSERT INTO DATABASECHANGELOG (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, DESCRIPTION, EXECTYPE) VALUES ('1', 'alice', 'db/changelog.xml', SYSTIMESTAMP, 1, '9:abc', 'createTable tableName=person', 'EXECUTED')
## op=CREATE tables=schema_migrations dialect=postgresql source=holdout4/golang-migrate
CREATE TABLE IF NOT EXISTS "schema_migrations" (version bigint not null primary key, dirty boolean not null)
## op=SELECT tables=- dialect=postgresql source=holdout4/golang-migrate
SELECT pg_advisory_lock($1)
## op=CREATE tables=__EFMigrationsHistory dialect=mssql source=holdout4/efcore-migrate
IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
## op=INDEX tables=Posts dialect=mssql source=holdout4/efcore-migrate
CREATE INDEX [IX_Posts_BlogId] ON [Posts] ([BlogId]);
## op=ALTER tables=Blogs dialect=mssql source=holdout4/efcore-migrate
ALTER TABLE [Blogs] ADD [CreatedOn] datetime2 NOT NULL DEFAULT '0001-01-01T00:00:00.0000000';
## op=CREATE tables=users dialect=mysql source=holdout4/laravel-migrate
create table `users` (`id` bigint unsigned not null auto_increment primary key, `name` varchar(255) not null, `email` varchar(255) not null, `email_verified_at` timestamp null, `password` varchar(255) not null, `remember_token` varchar(100) null, `created_at` timestamp null, `updated_at` timestamp null) default character set utf8mb4 collate 'utf8mb4_unicode_ci'
## op=SELECT tables=migrations dialect=mysql source=holdout4/laravel-migrate
select max(`batch`) as aggregate from `migrations`
## op=CREATE tables=typeorm_metadata dialect=postgresql source=holdout4/typeorm-migrate
CREATE TABLE "typeorm_metadata" ("type" character varying NOT NULL, "database" character varying, "schema" character varying, "table" character varying, "name" character varying, "value" text)
## op=ALTER tables=photo dialect=postgresql source=holdout4/typeorm-migrate
ALTER TABLE "photo" ADD CONSTRAINT "FK_4494006ff358f754d07df5ccc87" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE NO ACTION ON UPDATE NO ACTION
## op=CREATE tables=users dialect=postgresql source=holdout4/ecto-migrate
CREATE TABLE "users" ("id" bigserial, "email" citext NOT NULL, "hashed_password" varchar(255) NOT NULL, "confirmed_at" timestamp(0), "inserted_at" timestamp(0) NOT NULL, "updated_at" timestamp(0) NOT NULL, PRIMARY KEY ("id"))
## op=CREATE tables=- dialect=postgresql source=holdout4/ecto-migrate
CREATE EXTENSION IF NOT EXISTS citext
## op=CREATE tables=- dialect=snowflake source=holdout4/snowflake-ddl
CREATE WAREHOUSE IF NOT EXISTS transforming WITH WAREHOUSE_SIZE = 'XSMALL' AUTO_SUSPEND = 60 AUTO_RESUME = TRUE INITIALLY_SUSPENDED = TRUE;
## op=ALTER tables=- dialect=snowflake source=holdout4/snowflake-ddl
ALTER WAREHOUSE transforming SET WAREHOUSE_SIZE = 'MEDIUM';
## op=CREATE tables=- dialect=snowflake source=holdout4/snowflake-ddl
CREATE OR REPLACE STAGE raw.s3_stage URL = 's3://acme-raw/' STORAGE_INTEGRATION = s3_int FILE_FORMAT = raw.json_format;
## op=CREATE tables=analytics.marts.daily_revenue,analytics.marts.orders dialect=snowflake source=holdout4/snowflake-ddl
CREATE OR REPLACE DYNAMIC TABLE analytics.marts.daily_revenue
  TARGET_LAG = '1 hour'
  WAREHOUSE = transforming
AS
  SELECT order_date, SUM(amount) AS revenue FROM analytics.marts.orders GROUP BY order_date;
## op=CREATE tables=analytics.raw.events_clone,analytics.raw.events dialect=snowflake source=holdout4/snowflake-ddl
CREATE TABLE analytics.raw.events_clone CLONE analytics.raw.events AT (OFFSET => -3600);
## op=USE tables=- dialect=snowflake source=holdout4/snowflake-session
USE WAREHOUSE transforming;
## op=SHOW tables=- dialect=snowflake source=holdout4/snowflake-admin
SHOW TABLES IN SCHEMA analytics.raw;
## op=UNDROP tables=analytics.raw.events dialect=snowflake source=holdout4/snowflake-docs
UNDROP TABLE analytics.raw.events;
## op=CREATE tables=mydataset.top_pages,mydataset.page_views dialect=bigquery source=holdout4/bq-ddl
CREATE OR REPLACE MATERIALIZED VIEW mydataset.top_pages AS
SELECT url, COUNT(*) AS views FROM mydataset.page_views GROUP BY url;
## op=CREATE tables=- dialect=bigquery source=holdout4/bq-ddl
CREATE SCHEMA IF NOT EXISTS `my-project.staging` OPTIONS (location = "US");
## op=CREATE tables=- dialect=bigquery source=holdout4/bq-ddl
CREATE TEMP FUNCTION multiply(x INT64, y INT64) AS (x * y);
## op=CREATE tables=mydataset.sessions_ext dialect=bigquery source=holdout4/bq-ddl
CREATE EXTERNAL TABLE mydataset.sessions_ext
OPTIONS (format = 'PARQUET', uris = ['gs://acme-lake/sessions/*.parquet']);
## op=DELETE tables=mydataset.page_views dialect=bigquery source=holdout4/bq-dml
DELETE FROM mydataset.page_views WHERE DATE(viewed_at) < DATE_SUB(CURRENT_DATE(), INTERVAL 90 DAY);
## op=TRUNCATE tables=mydataset.staging_orders dialect=bigquery source=holdout4/bq-dml
TRUNCATE TABLE mydataset.staging_orders;
## op=CREATE tables=public.sales dialect=redshift source=holdout4/redshift-ddl
CREATE TABLE public.sales (
  salesid INTEGER NOT NULL,
  listid INTEGER NOT NULL DISTKEY,
  sellerid INTEGER NOT NULL,
  qtysold SMALLINT NOT NULL ENCODE az64,
  pricepaid DECIMAL(8,2),
  saletime TIMESTAMP
) SORTKEY (saletime);
## op=VACUUM tables=public.sales dialect=redshift source=holdout4/redshift-admin
VACUUM SORT ONLY public.sales TO 75 PERCENT;
## op=ANALYZE tables=public.sales dialect=redshift source=holdout4/redshift-admin
ANALYZE public.sales PREDICATE COLUMNS;
## op=CREATE tables=main.sales.orders dialect=databricks source=holdout4/databricks-ddl
CREATE TABLE IF NOT EXISTS main.sales.orders (
  order_id BIGINT GENERATED ALWAYS AS IDENTITY,
  customer_id BIGINT,
  amount DECIMAL(12, 2),
  order_date DATE
) USING DELTA
PARTITIONED BY (order_date)
TBLPROPERTIES ('delta.enableChangeDataFeed' = 'true');
## op=ALTER tables=main.sales.orders dialect=databricks source=holdout4/databricks-ddl
ALTER TABLE main.sales.orders SET TBLPROPERTIES ('delta.autoOptimize.optimizeWrite' = 'true');
## op=DESCRIBE tables=- dialect=databricks source=holdout4/databricks-admin
DESCRIBE HISTORY main.sales.orders;
## op=CREATE tables=- dialect=databricks source=holdout4/databricks-ddl
CREATE CATALOG IF NOT EXISTS dev COMMENT 'development catalog';
## op=CREATE tables=default.events dialect=clickhouse source=holdout4/clickhouse-ddl
CREATE TABLE IF NOT EXISTS default.events
(
    `event_time` DateTime,
    `user_id` UInt64,
    `event` LowCardinality(String),
    `props` Map(String, String)
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(event_time)
ORDER BY (user_id, event_time)
TTL event_time + INTERVAL 180 DAY
SETTINGS index_granularity = 8192;
## op=CREATE tables=events_local dialect=clickhouse source=holdout4/clickhouse-ddl
CREATE TABLE events_local ON CLUSTER '{cluster}' (event_time DateTime, user_id UInt64) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/events_local', '{replica}') ORDER BY user_id;
## op=ALTER tables=default.events dialect=clickhouse source=holdout4/clickhouse-ddl
ALTER TABLE default.events ADD COLUMN IF NOT EXISTS `country` LowCardinality(String) AFTER `user_id`;
## op=OPTIMIZE tables=default.events dialect=clickhouse source=holdout4/clickhouse-admin
OPTIMIZE TABLE default.events FINAL;
## op=CREATE tables=hive.web.page_views_orc,hive.web.page_views dialect=trino source=holdout4/trino-ddl
CREATE TABLE hive.web.page_views_orc WITH (format = 'ORC', partitioned_by = ARRAY['ds']) AS SELECT * FROM hive.web.page_views;
## op=CREATE tables=iceberg.analytics.events dialect=trino source=holdout4/trino-ddl
CREATE TABLE IF NOT EXISTS iceberg.analytics.events (event_id varchar, ts timestamp(6) with time zone, user_id bigint) WITH (partitioning = ARRAY['day(ts)'], format = 'PARQUET');
## op=SHOW tables=- dialect=trino source=holdout4/trino-admin
SHOW SCHEMAS FROM hive;
## op=CREATE tables=public.invoices dialect=postgresql source=holdout4/pg-ddl
CREATE TABLE public.invoices (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    account_id bigint NOT NULL REFERENCES public.accounts (id) ON DELETE CASCADE,
    amount_cents integer NOT NULL CHECK (amount_cents >= 0),
    status text NOT NULL DEFAULT 'draft',
    issued_at timestamptz,
    metadata jsonb NOT NULL DEFAULT '{}'::jsonb
);
## op=INDEX tables=public.invoices dialect=postgresql source=holdout4/pg-ddl
CREATE INDEX invoices_metadata_gin ON public.invoices USING gin (metadata jsonb_path_ops);
## op=INDEX tables=- dialect=postgresql source=holdout4/pg-ddl
DROP INDEX CONCURRENTLY IF EXISTS invoices_old_idx;
## op=ALTER tables=public.invoices dialect=postgresql source=holdout4/pg-ddl
ALTER TABLE ONLY public.invoices ADD CONSTRAINT invoices_status_check CHECK (status IN ('draft', 'open', 'paid', 'void')) NOT VALID;
## op=ALTER tables=public.invoices dialect=postgresql source=holdout4/pg-ddl
ALTER TABLE public.invoices VALIDATE CONSTRAINT invoices_status_check;
## op=ALTER tables=- dialect=postgresql source=holdout4/pg-ddl
ALTER SEQUENCE public.invoice_number_seq OWNED BY public.invoices.number;
## op=CREATE tables=- dialect=postgresql source=holdout4/pg-ddl
CREATE OR REPLACE FUNCTION public.set_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  NEW.updated_at = now();
  RETURN NEW;
END;
$$;
## op=CREATE tables=public.open_invoices,public.invoices dialect=postgresql source=holdout4/pg-ddl
CREATE OR REPLACE VIEW public.open_invoices AS
 SELECT i.id, i.account_id, i.amount_cents FROM public.invoices i WHERE i.status = 'open';
## op=CREATE tables=reporting.monthly_revenue,public.invoices dialect=postgresql source=holdout4/pg-ddl
CREATE MATERIALIZED VIEW reporting.monthly_revenue AS
SELECT date_trunc('month', issued_at) AS month, sum(amount_cents) / 100.0 AS revenue
FROM public.invoices WHERE status = 'paid' GROUP BY 1
WITH DATA;
## op=CREATE tables=- dialect=postgresql source=holdout4/pg-ddl
CREATE SCHEMA IF NOT EXISTS reporting AUTHORIZATION analytics;
## op=CREATE tables=- dialect=postgresql source=holdout4/pg-ddl
CREATE ROLE readonly WITH LOGIN PASSWORD 'changeme' NOSUPERUSER INHERIT NOCREATEDB NOCREATEROLE;
## op=ALTER tables=- dialect=postgresql source=holdout4/pg-admin
ALTER DEFAULT PRIVILEGES IN SCHEMA reporting GRANT SELECT ON TABLES TO readonly;
## op=GRANT tables=public.invoices dialect=postgresql source=holdout4/pg-admin
GRANT SELECT, INSERT, UPDATE ON TABLE public.invoices TO app_rw;
## op=COMMENT tables=public.invoices dialect=postgresql source=holdout4/pg-admin
COMMENT ON COLUMN public.invoices.amount_cents IS 'Invoice total in cents, tax included';
## op=CREATE tables=public.invoices dialect=postgresql source=holdout4/pg-rls
CREATE POLICY tenant_isolation ON public.invoices USING (account_id = current_setting('app.account_id')::bigint);
## op=CREATE tables=events_2024_05,events dialect=postgresql source=holdout4/pg-partman
CREATE TABLE IF NOT EXISTS events_2024_05 PARTITION OF events FOR VALUES FROM ('2024-05-01') TO ('2024-06-01');
## op=ALTER tables=events dialect=postgresql source=holdout4/pg-partman
ALTER TABLE events DETACH PARTITION events_2023_01 CONCURRENTLY;
## op=SET tables=- dialect=postgresql source=holdout4/pg-session
SET search_path TO app, public;
## op=SHOW tables=- dialect=postgresql source=holdout4/pg-session
SHOW server_version;
## op=SELECT tables=- dialect=postgresql source=holdout4/pg-session
SELECT set_config('app.account_id', '42', false);
## op=TRANSACTION tables=- dialect=postgresql source=holdout4/pg-session
SAVEPOINT sa_savepoint_1
## op=TRANSACTION tables=- dialect=postgresql source=holdout4/pg-session
ROLLBACK TO SAVEPOINT sa_savepoint_1
## op=INDEX tables=- dialect=postgresql source=holdout4/pg-admin
REINDEX INDEX CONCURRENTLY invoices_account_status_idx;
## op=EXPLAIN tables=public.invoices dialect=postgresql source=holdout4/pg-admin
EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT * FROM public.invoices WHERE account_id = 42 AND status = 'open';
## op=LISTEN tables=- dialect=postgresql source=holdout4/pg-notify
LISTEN invoice_events;
## op=SELECT tables=- dialect=postgresql source=holdout4/pg-notify
SELECT pg_notify('invoice_events', '{"id": 42}');
## op=CREATE tables=shop.orders dialect=mysql source=holdout4/mysql-ddl
CREATE TABLE `shop`.`orders` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `customer_id` bigint unsigned NOT NULL,
  `status` enum('new','paid','shipped','cancelled') NOT NULL DEFAULT 'new',
  `total` decimal(10,2) NOT NULL,
  `created_at` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (`id`),
  KEY `idx_customer` (`customer_id`),
  CONSTRAINT `fk_orders_customer` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`)
) ENGINE=InnoDB AUTO_INCREMENT=1001 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;
## op=INDEX tables=shop.orders dialect=mysql source=holdout4/mysql-ddl
CREATE INDEX idx_status_created ON shop.orders (status, created_at) ALGORITHM=INPLACE LOCK=NONE;
## op=INDEX tables=orders dialect=mysql source=holdout4/mysql-ddl
DROP INDEX idx_customer ON orders;
## op=RENAME tables=orders,orders_new dialect=mysql source=holdout4/gh-ost
RENAME TABLE orders TO orders_old, orders_new TO orders;
## op=CREATE tables=shop._orders_gho,shop.orders dialect=mysql source=holdout4/gh-ost
CREATE TABLE `shop`.`_orders_gho` LIKE `shop`.`orders`;
## op=ANALYZE tables=orders,order_items dialect=mysql source=holdout4/mysql-admin
ANALYZE TABLE orders, order_items;
## op=SHOW tables=- dialect=mysql source=holdout4/mysql-admin
SHOW FULL PROCESSLIST;
## op=SET tables=- dialect=mysql source=holdout4/mysql-session
SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED;
## op=SET tables=- dialect=mysql source=holdout4/mysql-session
SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci;
## op=KILL tables=- dialect=mysql source=holdout4/mysql-admin
KILL QUERY 12345;
## op=CREATE tables=- dialect=mysql source=holdout4/mysql-admin
CREATE USER IF NOT EXISTS 'report'@'%' IDENTIFIED BY 'secret';
## op=FLUSH tables=- dialect=mysql source=holdout4/mysql-admin
FLUSH PRIVILEGES;
## op=CREATE tables=orders dialect=mysql source=holdout4/mysql-trigger
CREATE TRIGGER orders_bi BEFORE INSERT ON orders FOR EACH ROW SET NEW.created_at = IFNULL(NEW.created_at, NOW());
## op=SELECT tables=- dialect=mariadb source=holdout4/mariadb-docs
SELECT NEXTVAL(s), NEXT VALUE FOR s;
## op=CREATE tables=t1 dialect=mariadb source=holdout4/mariadb-docs
CREATE TABLE t1 (x INT, start_ts TIMESTAMP(6) AS ROW START, end_ts TIMESTAMP(6) AS ROW END, PERIOD FOR SYSTEM_TIME(start_ts, end_ts)) WITH SYSTEM VERSIONING;
## op=SELECT tables=t1 dialect=mariadb source=holdout4/mariadb-docs
SELECT * FROM t1 FOR SYSTEM_TIME AS OF TIMESTAMP '2024-01-01 00:00:00';
## op=CREATE tables=dbo.AuditLog dialect=mssql source=holdout4/mssql-ddl
CREATE TABLE dbo.AuditLog (
    AuditLogId bigint IDENTITY(1,1) NOT NULL,
    TableName sysname NOT NULL,
    Action char(1) NOT NULL,
    ChangedAt datetime2(3) NOT NULL CONSTRAINT DF_AuditLog_ChangedAt DEFAULT (SYSUTCDATETIME()),
    CONSTRAINT PK_AuditLog PRIMARY KEY CLUSTERED (AuditLogId)
) WITH (DATA_COMPRESSION = PAGE);
## op=ALTER tables=dbo.AuditLog dialect=mssql source=holdout4/mssql-ddl
ALTER TABLE dbo.AuditLog ADD UserName nvarchar(128) NULL;
## op=INDEX tables=dbo.AuditLog dialect=mssql source=holdout4/mssql-admin
ALTER INDEX ALL ON dbo.AuditLog REBUILD WITH (FILLFACTOR = 90);
## op=CREATE tables=- dialect=mssql source=holdout4/mssql-ddl
CREATE OR ALTER PROCEDURE dbo.usp_GetAudit @TableName sysname AS
BEGIN
    SET NOCOUNT ON;
    SELECT TOP (100) * FROM dbo.AuditLog WHERE TableName = @TableName ORDER BY ChangedAt DESC;
END;
## op=EXEC tables=- dialect=mssql source=holdout4/mssql-app
EXEC dbo.usp_GetAudit @TableName = N'Orders';
## op=DROP tables=#tmp_totals dialect=mssql source=holdout4/mssql-etl
DROP TABLE IF EXISTS #tmp_totals;
## op=SET tables=- dialect=mssql source=holdout4/mssql-session
SET TRANSACTION ISOLATION LEVEL SNAPSHOT;
## op=DBCC tables=- dialect=mssql source=holdout4/mssql-admin
DBCC CHECKDB (N'Shop') WITH NO_INFOMSGS;
## op=CREATE tables=HR.EMPLOYEES_AUDIT dialect=oracle source=holdout4/oracle-ddl
CREATE TABLE HR.EMPLOYEES_AUDIT (
  AUDIT_ID NUMBER GENERATED ALWAYS AS IDENTITY,
  EMPLOYEE_ID NUMBER(6) NOT NULL,
  CHANGED_ON DATE DEFAULT SYSDATE,
  CONSTRAINT EMP_AUDIT_PK PRIMARY KEY (AUDIT_ID)
) TABLESPACE USERS;
## op=CREATE tables=- dialect=oracle source=holdout4/oracle-ddl
CREATE SEQUENCE HR.ORDERS_SEQ START WITH 1 INCREMENT BY 1 NOCACHE;
## op=INDEX tables=HR.EMPLOYEES dialect=oracle source=holdout4/oracle-ddl
CREATE INDEX HR.EMP_NAME_IX ON HR.EMPLOYEES (LAST_NAME, FIRST_NAME) ONLINE;
## op=COMMENT tables=HR.EMPLOYEES dialect=oracle source=holdout4/oracle-ddl
COMMENT ON TABLE HR.EMPLOYEES IS 'employees table. Contains 107 rows.';
## op=GRANT tables=HR.EMPLOYEES dialect=oracle source=holdout4/oracle-admin
GRANT SELECT, UPDATE ON HR.EMPLOYEES TO REPORTING;
## op=CALL tables=- dialect=oracle source=holdout4/oracle-admin
CALL DBMS_STATS.GATHER_TABLE_STATS('HR', 'EMPLOYEES');
## op=CREATE tables=HR.EMP_SNAPSHOT,HR.EMPLOYEES dialect=oracle source=holdout4/oracle-ddl
CREATE TABLE HR.EMP_SNAPSHOT NOLOGGING AS SELECT * FROM HR.EMPLOYEES WHERE DEPARTMENT_ID IS NOT NULL;
## op=CREATE tables=notes dialect=sqlite source=holdout4/sqlite-app
CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT, created_at TEXT DEFAULT (datetime('now'))) STRICT;
## op=CREATE tables=notes_fts dialect=sqlite source=holdout4/sqlite-fts
CREATE VIRTUAL TABLE IF NOT EXISTS notes_fts USING fts5(title, body, content='notes', content_rowid='id');
## op=SELECT tables=notes_fts,notes dialect=sqlite source=holdout4/sqlite-fts
SELECT notes.id, notes.title, snippet(notes_fts, 1, '<b>', '</b>', '...', 10) FROM notes_fts JOIN notes ON notes.id = notes_fts.rowid WHERE notes_fts MATCH 'sqlite AND fts5' ORDER BY rank LIMIT 20;
## op=PRAGMA tables=- dialect=sqlite source=holdout4/sqlite-app
PRAGMA journal_mode = WAL;
## op=PRAGMA tables=- dialect=sqlite source=holdout4/sqlite-app
PRAGMA foreign_keys = ON;
## op=VACUUM tables=- dialect=sqlite source=holdout4/sqlite-app
VACUUM;
## op=ATTACH tables=- dialect=sqlite source=holdout4/sqlite-app
ATTACH DATABASE 'archive.db' AS archive;
## op=INSERT tables=archive.notes,notes dialect=sqlite source=holdout4/sqlite-app
INSERT INTO archive.notes SELECT * FROM notes WHERE created_at < date('now', '-1 year');
## op=SELECT tables=notes dialect=sqlite source=holdout4/sqlite-json
SELECT notes.id, j.value FROM notes, json_each(notes.body, '$.tags') AS j WHERE j.value = 'todo';
## op=CREATE tables=duck.events dialect=duckdb source=holdout4/duckdb-docs
CREATE TABLE duck.events AS SELECT * FROM read_json_auto('events/*.json');
## op=INSTALL tables=- dialect=duckdb source=holdout4/duckdb-docs
INSTALL httpfs;
## op=ATTACH tables=- dialect=duckdb source=holdout4/duckdb-docs
ATTACH 'postgres:dbname=shop host=localhost' AS pg (TYPE postgres, READ_ONLY);
## op=COPY tables=- dialect=duckdb source=holdout4/duckdb-docs
COPY (SELECT * FROM 'input.csv') TO 'output.parquet' (FORMAT parquet);
## op=CREATE tables=- dialect=duckdb source=holdout4/duckdb-docs
CREATE MACRO add_tax(price, rate := 0.2) AS price * (1 + rate);
## op=SELECT tables=orders dialect=mysql source=holdout4/mysql-json
SELECT id, JSON_UNQUOTE(JSON_EXTRACT(meta, '$.channel')) AS channel, meta->>'$.coupon' AS coupon FROM orders WHERE JSON_CONTAINS(meta, '"promo"', '$.tags');
## op=SELECT tables=orders,order_items dialect=mysql source=holdout4/mysql-window
WITH ranked AS (
  SELECT o.customer_id, oi.product_id, SUM(oi.qty) AS qty,
         RANK() OVER (PARTITION BY o.customer_id ORDER BY SUM(oi.qty) DESC) AS rk
  FROM orders o JOIN order_items oi ON oi.order_id = o.id
  GROUP BY o.customer_id, oi.product_id
)
SELECT customer_id, product_id, qty FROM ranked WHERE rk <= 3;
## op=SELECT tables=public.events dialect=postgresql source=holdout4/cohort-retention
WITH cohorts AS (
  SELECT user_id, date_trunc('week', min(occurred_at)) AS cohort_week
  FROM public.events GROUP BY user_id
), activity AS (
  SELECT e.user_id, c.cohort_week, (date_trunc('week', e.occurred_at) - c.cohort_week) / 7 AS week_n
  FROM public.events e JOIN cohorts c USING (user_id)
)
SELECT cohort_week, week_n, count(DISTINCT user_id) AS users
FROM activity
GROUP BY 1, 2
ORDER BY 1, 2;
## op=SELECT tables=acme.analytics.funnel_events dialect=bigquery source=holdout4/bq-funnel
SELECT
  COUNTIF(step = 'view') AS viewed,
  COUNTIF(step = 'cart') AS carted,
  COUNTIF(step = 'purchase') AS purchased,
  SAFE_DIVIDE(COUNTIF(step = 'purchase'), COUNTIF(step = 'view')) AS conversion
FROM `acme.analytics.funnel_events`
WHERE event_date BETWEEN '2024-04-01' AND '2024-04-30';
## op=SELECT tables=orders dialect=redshift source=holdout4/redshift-listagg
SELECT customer_id, LISTAGG(DISTINCT status, ',') WITHIN GROUP (ORDER BY status) AS statuses FROM orders GROUP BY customer_id;
## op=SELECT tables=public.orders,public.order_items dialect=postgresql source=holdout4/llm-agent
SELECT o.id, o.created_at, json_agg(json_build_object('sku', oi.sku, 'qty', oi.qty)) AS items
FROM public.orders o
JOIN public.order_items oi ON oi.order_id = o.id
WHERE o.customer_id = 1042
GROUP BY o.id
ORDER BY o.created_at DESC
LIMIT 20;
## op=SELECT tables=products dialect=postgresql source=holdout4/pgvector
SELECT id, name, embedding <-> '[0.12, 0.53, 0.97]' AS distance FROM products ORDER BY embedding <-> '[0.12, 0.53, 0.97]' LIMIT 5;
## op=INDEX tables=products dialect=postgresql source=holdout4/pgvector
CREATE INDEX ON products USING hnsw (embedding vector_l2_ops);
## op=SELECT tables=documents dialect=postgresql source=holdout4/rag-agent
SELECT id, content, 1 - (embedding <=> $1) AS similarity FROM documents WHERE metadata @> '{"source": "handbook"}' ORDER BY embedding <=> $1 LIMIT 8;
## op=SELECT tables=catalog_product,catalog_category dialect=postgresql source=holdout4/django-admin
SELECT "catalog_product"."id", "catalog_product"."name", "catalog_product"."price", "catalog_category"."id", "catalog_category"."name" FROM "catalog_product" LEFT OUTER JOIN "catalog_category" ON ("catalog_product"."category_id" = "catalog_category"."id") WHERE UPPER("catalog_product"."name"::text) LIKE UPPER('%lamp%') ORDER BY "catalog_product"."id" DESC LIMIT 100
## op=SELECT tables=catalog_product dialect=postgresql source=holdout4/django-admin
SELECT COUNT(*) AS "__count" FROM "catalog_product" WHERE UPPER("catalog_product"."name"::text) LIKE UPPER('%lamp%')
## op=SELECT tables=accounts_user,accounts_user_groups,auth_group dialect=postgresql source=holdout4/django
SELECT "accounts_user"."id", "accounts_user"."email" FROM "accounts_user" WHERE "accounts_user"."id" IN (SELECT U1."user_id" FROM "accounts_user_groups" U1 INNER JOIN "auth_group" U2 ON (U1."group_id" = U2."id") WHERE U2."name" = 'editors')
## op=UPDATE tables=catalog_product dialect=postgresql source=holdout4/django-f-expression
UPDATE "catalog_product" SET "stock" = ("catalog_product"."stock" - 1) WHERE ("catalog_product"."id" = 17 AND "catalog_product"."stock" > 0)
## op=INSERT tables=catalog_product_tags dialect=postgresql source=holdout4/django-m2m
INSERT INTO "catalog_product_tags" ("product_id", "tag_id") VALUES (17, 3), (17, 9) ON CONFLICT DO NOTHING
## op=SELECT tables=catalog_product dialect=postgresql source=holdout4/django-exists
SELECT (1) AS "a" FROM "catalog_product" WHERE "catalog_product"."slug" = 'desk-lamp' LIMIT 1
## op=SELECT tables=catalog_review dialect=postgresql source=holdout4/django-aggregate
SELECT AVG("catalog_review"."rating") AS "rating__avg", COUNT("catalog_review"."id") AS "id__count" FROM "catalog_review" WHERE "catalog_review"."product_id" = 17
## op=SELECT tables=spree_products,spree_variants,spree_prices dialect=postgresql source=holdout4/rails-spree
SELECT DISTINCT "spree_products".* FROM "spree_products" INNER JOIN "spree_variants" ON "spree_variants"."deleted_at" IS NULL AND "spree_variants"."product_id" = "spree_products"."id" AND "spree_variants"."is_master" = $1 INNER JOIN "spree_prices" ON "spree_prices"."deleted_at" IS NULL AND "spree_prices"."variant_id" = "spree_variants"."id" WHERE "spree_products"."deleted_at" IS NULL AND "spree_prices"."currency" = $2 LIMIT $3
## op=SELECT tables=users dialect=mysql source=holdout4/rails-mysql
SELECT `users`.* FROM `users` WHERE `users`.`id` = 42 LIMIT 1
## op=SELECT tables=tags,taggings dialect=postgresql source=holdout4/rails-acts-as-taggable
SELECT "tags".* FROM "tags" INNER JOIN "taggings" ON "tags"."id" = "taggings"."tag_id" WHERE "taggings"."taggable_id" = $1 AND "taggings"."taggable_type" = $2 AND "taggings"."context" = $3
## op=SELECT tables=good_jobs dialect=postgresql source=holdout4/rails-good-job
SELECT "good_jobs".* FROM "good_jobs" WHERE "good_jobs"."finished_at" IS NULL AND ("good_jobs"."scheduled_at" <= '2024-05-02 10:00:00' OR "good_jobs"."scheduled_at" IS NULL) ORDER BY priority DESC NULLS LAST, created_at ASC LIMIT 1 FOR UPDATE SKIP LOCKED
## op=DELETE tables=solid_cache_entries dialect=mysql source=holdout4/rails-solid-cache
DELETE FROM `solid_cache_entries` WHERE `solid_cache_entries`.`id` IN (101, 102, 103)
## op=SELECT tables=customer,address dialect=postgresql source=holdout4/hibernate-join-fetch
select c1_0.id,a1_0.customer_id,a1_0.id,a1_0.city,a1_0.street,c1_0.name from customer c1_0 left join address a1_0 on c1_0.id=a1_0.customer_id where c1_0.name like ? escape ''
## op=SELECT tables=orders dialect=postgresql source=holdout4/spring-data
select count(o1_0.id) from orders o1_0 where o1_0.customer_id=?
## op=DELETE tables=order_line dialect=postgresql source=holdout4/hibernate
delete from order_line where order_id=?
## op=SELECT tables=Users dialect=mssql source=holdout4/dapper
SELECT Id, UserName, Email FROM Users WHERE Id = @Id
## op=INSERT tables=dbo.Orders dialect=mssql source=holdout4/dapper
INSERT INTO dbo.Orders (CustomerId, Total, CreatedAt) OUTPUT INSERTED.Id VALUES (@CustomerId, @Total, SYSUTCDATETIME());
## op=SELECT tables=AspNetUsers dialect=mssql source=holdout4/efcore-identity
SELECT TOP(1) [a].[Id], [a].[AccessFailedCount], [a].[Email], [a].[NormalizedUserName] FROM [AspNetUsers] AS [a] WHERE [a].[NormalizedUserName] = @__normalizedUserName_0
## op=SELECT tables=Products dialect=mssql source=holdout4/efcore-split-query
SELECT [p].[Id], [p].[Name], [p].[Price] FROM [Products] AS [p] WHERE [p].[CategoryId] IN (SELECT [v].[value] FROM OPENJSON(@__ids_0) WITH ([value] int '$') AS [v])
## op=SELECT tables=Orders,OrderLines dialect=postgresql source=holdout4/efcore-npgsql
SELECT o."Id", o."Number", o0."Id", o0."Sku" FROM "Orders" AS o LEFT JOIN "OrderLines" AS o0 ON o."Id" = o0."OrderId" WHERE o."CustomerId" = @__customerId_0 ORDER BY o."Id"
## op=SELECT tables=users dialect=postgresql source=holdout4/sqlx
SELECT id, username, created_at FROM users WHERE id = $1
## op=SELECT tables=todos dialect=sqlite source=holdout4/sqlx
SELECT id, description, done FROM todos ORDER BY id
## op=INSERT tables=public.accounts dialect=postgresql source=holdout4/jooq
insert into "public"."accounts" ("name", "balance") values (?, ?) returning "public"."accounts"."id"
## op=SELECT tables=public.author,public.book dialect=postgresql source=holdout4/jooq
select "public"."author"."first_name", "public"."author"."last_name", count(*) from "public"."author" join "public"."book" on "public"."author"."id" = "public"."book"."author_id" group by "public"."author"."first_name", "public"."author"."last_name" order by count(*) desc
## op=SELECT tables=posts dialect=postgresql source=holdout4/drizzle
select "id", "title", "author_id" from "posts" where "posts"."author_id" = $1 order by "posts"."created_at" desc limit $2
## op=UPDATE tables=posts dialect=sqlite source=holdout4/drizzle
update "posts" set "title" = ? where "posts"."id" = ? returning "id"
## op=SELECT tables=users,pets dialect=postgresql source=holdout4/kysely
select "users"."id", "pets"."name" as "pet_name" from "users" inner join "pets" on "pets"."owner_id" = "users"."id" where "users"."first_name" = $1
## op=SELECT tables=person dialect=postgresql source=holdout4/peewee
SELECT "t1"."id", "t1"."name", "t1"."birthday" FROM "person" AS "t1" WHERE ("t1"."name" = %s) LIMIT %s
## op=SELECT tables=tweet,user dialect=sqlite source=holdout4/peewee
SELECT "t1"."id", "t1"."content", "t2"."username" FROM "tweet" AS "t1" INNER JOIN "user" AS "t2" ON ("t1"."user_id" = "t2"."id") ORDER BY "t1"."timestamp" DESC
## op=SELECT tables=hero,team dialect=sqlite source=holdout4/sqlmodel
SELECT hero.id, hero.name, hero.secret_name, hero.age, hero.team_id, team.id AS id_1, team.name AS name_1 FROM hero JOIN team ON team.id = hero.team_id WHERE team.name = ?
## op=SELECT tables=hero dialect=sqlite source=holdout4/sqlmodel
SELECT hero.id, hero.name, hero.secret_name, hero.age FROM hero WHERE hero.age >= ? LIMIT ? OFFSET ?
## op=SELECT tables=items dialect=postgresql source=holdout4/fastapi-sqlalchemy
SELECT items.id, items.title, items.description, items.owner_id
FROM items
WHERE items.owner_id = %(owner_id_1)s
 LIMIT %(param_1)s OFFSET %(param_2)s
## op=SELECT tables=page,revision dialect=mysql source=holdout4/mediawiki
SELECT page_id,page_namespace,page_title,rev_id,rev_timestamp FROM `page` JOIN `revision` ON ((page_latest=rev_id)) WHERE page_namespace = 0 AND page_title = 'Main_Page' LIMIT 1
## op=SELECT tables=oc_filecache dialect=mysql source=holdout4/nextcloud
SELECT `fileid`, `storage`, `path`, `parent`, `name`, `mimetype`, `size`, `mtime` FROM `oc_filecache` WHERE (`storage` = 3) AND (`path_hash` = 'd41d8cd98f00b204e9800998ecf8427e')
## op=SELECT tables=issues,projects dialect=postgresql source=holdout4/gitlab
SELECT "issues".* FROM "issues" INNER JOIN "projects" ON "projects"."id" = "issues"."project_id" WHERE "projects"."namespace_id" = 9970 AND "issues"."state_id" = 1 ORDER BY "issues"."relative_position" ASC NULLS LAST, "issues"."id" DESC LIMIT 20
## op=SELECT tables=posts,topics dialect=postgresql source=holdout4/discourse
SELECT posts.id, posts.topic_id, posts.post_number FROM posts JOIN topics ON topics.id = posts.topic_id WHERE topics.deleted_at IS NULL AND posts.user_id = 12 ORDER BY posts.created_at DESC LIMIT 30
## op=SELECT tables=core_user,metabase_database dialect=postgresql source=holdout4/metabase-app-db
SELECT "core_user".* FROM "core_user" WHERE "core_user"."is_active" = TRUE AND "core_user"."id" IN (SELECT "creator_id" FROM "metabase_database" WHERE "engine" = 'postgres')
## op=SELECT tables=ab_user,ab_user_role,ab_role dialect=postgresql source=holdout4/superset-app-db
SELECT ab_user.id AS ab_user_id, ab_user.username AS ab_user_username, ab_role_1.id AS ab_role_1_id, ab_role_1.name AS ab_role_1_name FROM ab_user LEFT OUTER JOIN (ab_user_role AS ab_user_role_1 JOIN ab_role AS ab_role_1 ON ab_role_1.id = ab_user_role_1.role_id) ON ab_user.id = ab_user_role_1.user_id WHERE ab_user.username = %(username_1)s
## op=SELECT tables=dag_run dialect=postgresql source=holdout4/airflow
SELECT dag_run.state, dag_run.id, dag_run.dag_id, dag_run.run_id FROM dag_run WHERE dag_run.dag_id = %(dag_id_1)s AND dag_run.state = %(state_1)s ORDER BY dag_run.execution_date DESC LIMIT %(param_1)s
## op=UPDATE tables=task_instance dialect=postgresql source=holdout4/airflow
UPDATE task_instance SET state=%(state)s, updated_at=%(updated_at)s WHERE task_instance.dag_id = %(task_instance_dag_id)s AND task_instance.task_id = %(task_instance_task_id)s AND task_instance.run_id = %(task_instance_run_id)s AND task_instance.map_index = %(task_instance_map_index)s
## op=SELECT tables=job dialect=postgresql source=holdout4/airflow
SELECT job.id, job.dag_id, job.state, job.latest_heartbeat FROM job WHERE job.job_type = %(job_type_1)s AND job.state = %(state_1)s AND job.latest_heartbeat < %(latest_heartbeat_1)s FOR UPDATE OF job SKIP LOCKED
## op=SELECT tables=runs dialect=sqlite source=holdout4/mlflow
SELECT runs.run_uuid, runs.name, runs.status, runs.start_time FROM runs WHERE runs.experiment_id IN (?) AND runs.lifecycle_stage IN (?) ORDER BY runs.start_time DESC, runs.run_uuid LIMIT ? OFFSET ?
