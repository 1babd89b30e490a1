# SQL as Django's ORM emits it (its compiler's quoting, aliasing and parameter style per backend) for a small model
# set: polls (Question, Choice), blog (Blog, Entry, Author), shop (Product, Category, Tag), auth and sessions.
# Exact per-statement assertions apply to every entry here (source django/...).

## op=SELECT tables=polls_question dialect=postgresql source=django/postgresql
SELECT "polls_question"."id", "polls_question"."question_text", "polls_question"."pub_date" FROM "polls_question" WHERE "polls_question"."pub_date" <= %s ORDER BY "polls_question"."pub_date" DESC LIMIT 5

## op=SELECT tables=polls_question dialect=postgresql source=django/postgresql
SELECT "polls_question"."id", "polls_question"."question_text", "polls_question"."pub_date" FROM "polls_question" WHERE "polls_question"."id" = %s LIMIT 21

## op=SELECT tables=shop_product,shop_product_tags,shop_tag dialect=postgresql source=django/postgresql
SELECT DISTINCT "shop_product"."id", "shop_product"."name", "shop_product"."price", "shop_product"."category_id" FROM "shop_product" INNER JOIN "shop_product_tags" ON ("shop_product"."id" = "shop_product_tags"."product_id") INNER JOIN "shop_tag" ON ("shop_product_tags"."tag_id" = "shop_tag"."id") WHERE "shop_tag"."name" IN (%s, %s)

## op=SELECT tables=blog_entry dialect=postgresql source=django/postgresql
SELECT DISTINCT ON ("blog_entry"."blog_id") "blog_entry"."id", "blog_entry"."blog_id", "blog_entry"."headline", "blog_entry"."pub_date" FROM "blog_entry" ORDER BY "blog_entry"."blog_id" ASC, "blog_entry"."pub_date" DESC

## op=SELECT tables=blog_entry dialect=postgresql source=django/postgresql
SELECT DISTINCT "blog_entry"."blog_id" FROM "blog_entry"

## op=SELECT tables=blog_entry,blog_entry_authors dialect=postgresql source=django/postgresql
SELECT COUNT(*) FROM (SELECT DISTINCT "blog_entry"."id" AS "col1", "blog_entry"."headline" AS "col2" FROM "blog_entry" INNER JOIN "blog_entry_authors" ON ("blog_entry"."id" = "blog_entry_authors"."entry_id") WHERE "blog_entry_authors"."author_id" IN (%s, %s)) subquery

## op=INSERT tables=polls_choice dialect=postgresql source=django/postgresql
INSERT INTO "polls_choice" ("question_id", "choice_text", "votes") VALUES (%s, %s, %s) RETURNING "polls_choice"."id"

## op=INSERT tables=shop_tag dialect=postgresql source=django/postgresql
INSERT INTO "shop_tag" ("name") VALUES (%s), (%s), (%s) RETURNING "shop_tag"."id"

## op=UPSERT tables=shop_product dialect=postgresql source=django/postgresql
INSERT INTO "shop_product" ("sku", "name", "price") VALUES (%s, %s, %s), (%s, %s, %s) ON CONFLICT("sku") DO UPDATE SET "name" = EXCLUDED."name", "price" = EXCLUDED."price" RETURNING "shop_product"."id"

## op=INSERT tables=shop_tag dialect=postgresql source=django/postgresql
INSERT INTO "shop_tag" ("name") VALUES (%s) ON CONFLICT DO NOTHING

## op=UPDATE tables=polls_choice dialect=postgresql source=django/postgresql
UPDATE "polls_choice" SET "votes" = ("polls_choice"."votes" + %s) WHERE "polls_choice"."id" = %s

## op=UPDATE tables=shop_product dialect=postgresql source=django/postgresql
UPDATE "shop_product" SET "price" = CASE WHEN ("shop_product"."id" = %s) THEN %s WHEN ("shop_product"."id" = %s) THEN %s ELSE NULL END WHERE "shop_product"."id" IN (%s, %s)

## op=UPDATE tables=shop_product,shop_category dialect=postgresql source=django/postgresql
UPDATE "shop_product" SET "price" = ("shop_product"."price" * %s) WHERE "shop_product"."id" IN (SELECT U0."id" FROM "shop_product" U0 INNER JOIN "shop_category" U1 ON (U0."category_id" = U1."id") WHERE U1."slug" = %s)

## op=DELETE tables=polls_choice dialect=postgresql source=django/postgresql
DELETE FROM "polls_choice" WHERE "polls_choice"."question_id" IN (%s)

## op=SELECT tables=polls_question dialect=postgresql source=django/postgresql
SELECT COUNT(*) AS "__count" FROM "polls_question"

## op=SELECT tables=auth_user dialect=postgresql source=django/postgresql
SELECT 1 AS "a" FROM "auth_user" WHERE "auth_user"."username" = %s LIMIT 1

## op=SELECT tables=shop_tag,shop_product_tags dialect=postgresql source=django/postgresql
SELECT ("shop_product_tags"."product_id") AS "_prefetch_related_val_product_id", "shop_tag"."id", "shop_tag"."name" FROM "shop_tag" INNER JOIN "shop_product_tags" ON ("shop_tag"."id" = "shop_product_tags"."tag_id") WHERE "shop_product_tags"."product_id" IN (%s, %s, %s)

## op=SELECT tables=blog_entry,blog_blog,auth_user dialect=postgresql source=django/postgresql
SELECT "blog_entry"."id", "blog_entry"."headline", "blog_blog"."id", "blog_blog"."name", "auth_user"."id", "auth_user"."username" FROM "blog_entry" INNER JOIN "blog_blog" ON ("blog_entry"."blog_id" = "blog_blog"."id") LEFT OUTER JOIN "auth_user" ON ("blog_entry"."editor_id" = "auth_user"."id") WHERE "blog_entry"."pub_date" >= %s

## op=SELECT tables=blog_blog,blog_entry dialect=postgresql source=django/postgresql
SELECT "blog_blog"."id", "blog_blog"."name", (SELECT U0."headline" FROM "blog_entry" U0 WHERE U0."blog_id" = ("blog_blog"."id") ORDER BY U0."pub_date" DESC LIMIT 1) AS "newest" FROM "blog_blog"

## op=SELECT tables=blog_blog,blog_entry dialect=postgresql source=django/postgresql
SELECT "blog_blog"."id", "blog_blog"."name", COUNT("blog_entry"."id") AS "num_entries" FROM "blog_blog" LEFT OUTER JOIN "blog_entry" ON ("blog_blog"."id" = "blog_entry"."blog_id") GROUP BY "blog_blog"."id", "blog_blog"."name" ORDER BY "num_entries" DESC

## op=SELECT tables=blog_blog,blog_entry dialect=postgresql source=django/postgresql
SELECT "blog_blog"."id", "blog_blog"."name" FROM "blog_blog" WHERE EXISTS(SELECT 1 AS "a" FROM "blog_entry" U0 WHERE (U0."blog_id" = ("blog_blog"."id") AND U0."rating" > %s) LIMIT 1)

## op=SELECT tables=blog_entry dialect=postgresql source=django/postgresql
SELECT "blog_entry"."id", ROW_NUMBER() OVER (PARTITION BY "blog_entry"."blog_id" ORDER BY "blog_entry"."pub_date" DESC) AS "rn" FROM "blog_entry"

## op=SELECT tables=shop_product dialect=postgresql source=django/postgresql
SELECT "shop_product"."id", "shop_product"."stock" FROM "shop_product" WHERE "shop_product"."id" = %s LIMIT 21 FOR UPDATE

## op=SELECT tables=blog_blog,blog_author dialect=postgresql source=django/postgresql
(SELECT "blog_blog"."name" AS "col1" FROM "blog_blog") UNION (SELECT "blog_author"."name" AS "col1" FROM "blog_author") LIMIT 21

## op=SELECT tables=django_session dialect=postgresql source=django/postgresql
SELECT "django_session"."session_key", "django_session"."session_data", "django_session"."expire_date" FROM "django_session" WHERE ("django_session"."expire_date" > %s AND "django_session"."session_key" = %s) LIMIT 21

## op=UPDATE tables=django_session dialect=postgresql source=django/postgresql
UPDATE "django_session" SET "session_data" = %s, "expire_date" = %s WHERE "django_session"."session_key" = %s

## op=SELECT tables=django_content_type dialect=postgresql source=django/postgresql
SELECT "django_content_type"."id", "django_content_type"."app_label", "django_content_type"."model" FROM "django_content_type" WHERE ("django_content_type"."app_label" = %s AND "django_content_type"."model" = %s) LIMIT 21

## op=SELECT tables=django_migrations dialect=postgresql source=django/postgresql
SELECT "django_migrations"."id", "django_migrations"."app", "django_migrations"."name", "django_migrations"."applied" FROM "django_migrations"

## op=CREATE tables=polls_question dialect=postgresql source=django/postgresql
CREATE TABLE "polls_question" ("id" bigint NOT NULL PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY, "question_text" varchar(200) NOT NULL, "pub_date" timestamp with time zone NOT NULL)

## op=ALTER tables=polls_choice dialect=postgresql source=django/postgresql
ALTER TABLE "polls_choice" ADD CONSTRAINT "polls_choice_question_id_c5b4b260_fk_polls_question_id" FOREIGN KEY ("question_id") REFERENCES "polls_question" ("id") DEFERRABLE INITIALLY DEFERRED

## op=INDEX tables=polls_choice dialect=postgresql source=django/postgresql
CREATE INDEX "polls_choice_question_id_c5b4b260" ON "polls_choice" ("question_id")

## op=INDEX tables=shop_product dialect=postgresql source=django/postgresql
CREATE INDEX "shop_product_name_3f4b9a_like" ON "shop_product" ("name" varchar_pattern_ops)

## op=TRANSACTION tables=- dialect=postgresql source=django/postgresql
SAVEPOINT "s140089_x1"

## op=TRANSACTION tables=- dialect=postgresql source=django/postgresql
RELEASE SAVEPOINT "s140089_x1"

## op=SELECT tables=polls_question dialect=sqlite source=django/sqlite
SELECT "polls_question"."id", "polls_question"."question_text", "polls_question"."pub_date" FROM "polls_question" WHERE "polls_question"."id" = ? LIMIT 21

## op=SELECT tables=shop_product,shop_category dialect=sqlite source=django/sqlite
SELECT DISTINCT "shop_product"."id", "shop_product"."name" FROM "shop_product" INNER JOIN "shop_category" ON ("shop_product"."category_id" = "shop_category"."id") WHERE "shop_category"."slug" = ?

## op=INSERT tables=polls_question dialect=sqlite source=django/sqlite
INSERT INTO "polls_question" ("question_text", "pub_date") VALUES (?, ?) RETURNING "polls_question"."id"

## op=CREATE tables=polls_question dialect=sqlite source=django/sqlite
CREATE TABLE "polls_question" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "question_text" varchar(200) NOT NULL, "pub_date" datetime NOT NULL)

## op=CREATE tables=new__polls_choice dialect=sqlite source=django/sqlite
CREATE TABLE "new__polls_choice" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "votes" integer NOT NULL, "question_id" bigint NOT NULL REFERENCES "polls_question" ("id") DEFERRABLE INITIALLY DEFERRED)

## op=INSERT tables=new__polls_choice,polls_choice dialect=sqlite source=django/sqlite
INSERT INTO "new__polls_choice" ("id", "votes", "question_id") SELECT "id", "votes", "question_id" FROM "polls_choice"

## op=DROP tables=polls_choice dialect=sqlite source=django/sqlite
DROP TABLE "polls_choice"

## op=ALTER tables=new__polls_choice dialect=sqlite source=django/sqlite
ALTER TABLE "new__polls_choice" RENAME TO "polls_choice"

## op=UPSERT tables=shop_tag dialect=sqlite source=django/sqlite
INSERT INTO "shop_tag" ("name", "uses") VALUES (?, ?) ON CONFLICT("name") DO UPDATE SET "uses" = EXCLUDED."uses"

## op=INSERT tables=shop_tag dialect=sqlite source=django/sqlite
INSERT OR IGNORE INTO "shop_tag" ("name") VALUES (?), (?)

## op=DELETE tables=django_session dialect=sqlite source=django/sqlite
DELETE FROM "django_session" WHERE "django_session"."expire_date" < ?

## op=SELECT tables=blog_blog,blog_author dialect=sqlite source=django/sqlite
SELECT "blog_blog"."name" AS "col1" FROM "blog_blog" UNION SELECT "blog_author"."name" AS "col1" FROM "blog_author" LIMIT 21

## op=SELECT tables=polls_question dialect=mysql source=django/mysql
SELECT `polls_question`.`id`, `polls_question`.`question_text`, `polls_question`.`pub_date` FROM `polls_question` WHERE `polls_question`.`id` = %s LIMIT 21

## op=SELECT tables=shop_product,shop_product_tags,shop_tag dialect=mysql source=django/mysql
SELECT DISTINCT `shop_product`.`id`, `shop_product`.`name` FROM `shop_product` INNER JOIN `shop_product_tags` ON (`shop_product`.`id` = `shop_product_tags`.`product_id`) INNER JOIN `shop_tag` ON (`shop_product_tags`.`tag_id` = `shop_tag`.`id`) WHERE `shop_tag`.`name` IN (%s, %s)

## op=UPSERT tables=shop_product dialect=mysql source=django/mysql
INSERT INTO `shop_product` (`sku`, `name`) VALUES (%s, %s) AS `new` ON DUPLICATE KEY UPDATE `name` = `new`.`name`

## op=INSERT tables=shop_tag dialect=mysql source=django/mysql
INSERT IGNORE INTO `shop_tag` (`name`) VALUES (%s)

## op=UPDATE tables=shop_product,shop_category dialect=mysql source=django/mysql
UPDATE `shop_product` INNER JOIN `shop_category` ON (`shop_product`.`category_id` = `shop_category`.`id`) SET `shop_product`.`price` = (`shop_product`.`price` * %s) WHERE `shop_category`.`slug` = %s

## op=DELETE tables=polls_choice dialect=mysql source=django/mysql
DELETE FROM `polls_choice` WHERE `polls_choice`.`id` IN (%s, %s)

## op=CREATE tables=polls_question dialect=mysql source=django/mysql
CREATE TABLE `polls_question` (`id` bigint AUTO_INCREMENT NOT NULL PRIMARY KEY, `question_text` varchar(200) NOT NULL, `pub_date` datetime(6) NOT NULL)

## op=SELECT tables=POLLS_QUESTION dialect=oracle source=django/oracle
SELECT "POLLS_QUESTION"."ID", "POLLS_QUESTION"."QUESTION_TEXT" FROM "POLLS_QUESTION" WHERE "POLLS_QUESTION"."ID" = :arg0 FETCH FIRST 21 ROWS ONLY

## op=SELECT tables=SHOP_PRODUCT,SHOP_CATEGORY dialect=oracle source=django/oracle
SELECT DISTINCT "SHOP_PRODUCT"."ID", "SHOP_PRODUCT"."NAME" FROM "SHOP_PRODUCT" INNER JOIN "SHOP_CATEGORY" ON ("SHOP_PRODUCT"."CATEGORY_ID" = "SHOP_CATEGORY"."ID") WHERE "SHOP_CATEGORY"."SLUG" = :arg0

## op=SELECT tables=polls_question dialect=mssql source=django/mssql
SELECT TOP 21 [polls_question].[id], [polls_question].[question_text] FROM [polls_question] WHERE [polls_question].[id] = %s

## op=SELECT tables=shop_product,shop_category dialect=mssql source=django/mssql
SELECT DISTINCT [shop_product].[id], [shop_product].[name] FROM [shop_product] INNER JOIN [shop_category] ON ([shop_product].[category_id] = [shop_category].[id]) WHERE [shop_category].[slug] = %s
