-- holdout5: public statements taken verbatim from vendor docs, sample databases, text-to-SQL gold SQL, ORM tests
-- and migration files; labelled blind by hand from build.py's rules (split=holdout5).
## op=DELETE tables=event,sales dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_DELETE.md split=holdout5
delete from event using sales where event.eventid=sales.eventid;
## op=DELETE tables=t1,t2 dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_DELETE.md split=holdout5
delete from t1
where col1 in(select col2 from t2);
## op=DELETE tables=category dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_DELETE.md split=holdout5
delete from category
where catid between 0 and 9;
## op=DELETE tables=listing,sales dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_DELETE.md split=holdout5
delete from listing
where listing.sellerid not in(select sales.sellerid from sales);
## op=DELETE tables=category,event dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_DELETE.md split=holdout5
delete from category
using event
where event.catid=category.catid and category.catid=9;
## op=DELETE tables=category,event dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_DELETE.md split=holdout5
delete from category
where catid in
(select category.catid from category, event
where category.catid=event.catid and category.catid=9);
## op=MERGE tables=target,source dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_MERGE.md split=holdout5
MERGE INTO target USING source ON target.id = source.id
WHEN MATCHED THEN UPDATE SET id = source.id, name = source.name
WHEN NOT MATCHED THEN INSERT VALUES (source.id, source.name);
## op=MERGE tables=target,source dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_MERGE.md split=holdout5
MERGE INTO target USING source ON target.id = source.id
WHEN MATCHED THEN DELETE
WHEN NOT MATCHED THEN INSERT VALUES (source.id, source.name);
## op=INSERT tables=source dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_MERGE.md split=holdout5
INSERT INTO source VALUES (102, 'Tony'), (103, 'Alice'), (104, 'Bill');
## op=SELECT tables=listing,sales dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_Join_examples.md split=holdout5
select listing.listid, sum(pricepaid) as price, sum(commission) as comm
from listing left outer join sales on sales.listid = listing.listid
where listing.listid between 1 and 5
group by 1
order by 1;
## op=SELECT tables=listing,sales dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_Join_examples.md split=holdout5
select listing.listid, sum(pricepaid) as price, sum(commission) as comm
from listing full join sales on sales.listid = listing.listid
where listing.listid between 1 and 5
and (listing.listid IS NULL or sales.listid IS NULL)
group by 1
order by 1;
## op=SELECT tables=sales,listing dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_Join_examples.md split=holdout5
select listing.listid, sum(pricepaid) as price, sum(commission) as comm
from sales join listing
on sales.listid=listing.listid and sales.eventid=listing.eventid
where listing.listid between 1 and 5
group by 1
order by 1;
## op=SELECT tables=sales,listing dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_Join_examples.md split=holdout5
select sales.listid as sales_listid, listing.listid as listing_listid
from sales cross join listing
where sales.listid between 1 and 5
and listing.listid between 1 and 5
order by 1,2;
## op=SELECT tables=listing,sales dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_Join_examples.md split=holdout5
select listid, sellerid, eventid, dateid, numtickets
from listing natural join sales
order by 1
limit 5;
## op=SELECT tables=listing,sales dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_Join_examples.md split=holdout5
select listid, listing.sellerid, eventid, listing.dateid, numtickets
from listing join sales
using (listid, eventid)
order by 1
limit 5;
## op=SELECT tables=category,event,sales,listing dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_Join_examples.md split=holdout5
select catgroup1, sold, unsold
from
(select catgroup, sum(qtysold) as sold
from category c, event e, sales s
where c.catid = e.catid and e.eventid = s.eventid
group by catgroup) as a(catgroup1, sold)
join
(select catgroup, sum(numtickets)-sum(qtysold) as unsold
from category c, event e, sales s, listing l
where c.catid = e.catid and e.eventid = s.eventid
and s.listid = l.listid
group by catgroup) as b(catgroup2, unsold)
on a.catgroup1 = b.catgroup2
order by 1;
## op=SELECT tables=venue dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_WITH_clause.md split=holdout5
with venuecopy as (select * from venue)
select * from venuecopy order by 1 limit 10;
## op=SELECT tables=sales,venue,event dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_WITH_clause.md split=holdout5
with venue_sales as
(select venuename, venuecity, sum(pricepaid) as venuename_sales
from sales, venue, event
where venue.venueid=event.venueid and event.eventid=sales.eventid
group by venuename, venuecity),
top_venues as
(select venuename
from venue_sales
where venuename_sales > 800000)
select venuename, venuecity, venuestate,
sum(qtysold) as venue_qty,
sum(pricepaid) as venue_sales
from sales, venue, event
where venue.venueid=event.venueid and event.eventid=sales.eventid
and venuename in(select venuename from top_venues)
group by venuename, venuecity, venuestate
order by venuename;
## op=SELECT tables=sales,date dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_WITH_clause.md split=holdout5
select caldate, sum(pricepaid) as daysales,
(with holidays as (select * from date where holiday ='t')
select sum(pricepaid)
from sales join holidays on sales.dateid=holidays.dateid
where caldate='2008-12-25') as dec25sales
from sales join date on sales.dateid=date.dateid
where caldate in('2008-12-25','2008-12-31')
group by caldate
order by caldate;
## op=SELECT tables=employee dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_WITH_clause.md split=holdout5
with recursive john_org(id, name, manager_id, level) as
( select id, name, manager_id, 1 as level
  from employee
  where name = 'John'
  union all
  select e.id, e.name, e.manager_id, level + 1 as next_level
  from employee e, john_org j
  where e.manager_id = j.id and level < 4
  )
 select distinct id, name, manager_id from john_org order by manager_id;
## op=INSERT tables=employee dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_WITH_clause.md split=holdout5
insert into employee(id, name, manager_id)  values
(100, 'Carlos', null),
(101, 'John', 100),
(102, 'Jorge', 101),
(103, 'Kwaku', 101),
(110, 'Liu', 101),
(106, 'Mateo', 102),
(110, 'Nikki', 103),
(104, 'Paulo', 103),
(105, 'Richard', 103),
(120, 'Saanvi', 104),
(200, 'Shirley', 104),
(201, 'Sofía', 102),
(205, 'Zhang', 104);
## op=CREATE tables=newevent,event dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_SELECT_INTO.md split=holdout5
select * into newevent from event;
## op=CREATE tables=profits,sales,users dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_SELECT_INTO.md split=holdout5
select username, lastname, sum(pricepaid-commission) as profit
into temp table profits
from sales, users
where sales.sellerid=users.userid
group by 1, 2
order by 3 desc;
## op=UPDATE tables=category dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/c_Examples_of_UPDATE_statements.md split=holdout5
update category
set catgroup='Theatre'
where catid between 6 and 8;
## op=UPDATE tables=category dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/c_Examples_of_UPDATE_statements.md split=holdout5
update category
set catdesc=default, catname='Shows'
where catgroup='Theatre';
## op=UPDATE tables=category,event,venue,sales dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/c_Examples_of_UPDATE_statements.md split=holdout5
update category
set catdesc='Broadway Musical'
where category.catid in
(select category.catid from category
join event on category.catid = event.catid
join venue on venue.venueid = event.venueid
join sales on sales.eventid = event.eventid
where venuecity='New York City' and catname='Musicals');
## op=UPDATE tables=category,event dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/c_Examples_of_UPDATE_statements.md split=holdout5
update category set catid=100
from event
where event.catid=category.catid
and catgroup='Concerts';
## op=UPDATE tables=category,event dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/c_Examples_of_UPDATE_statements.md split=holdout5
update category set catid=100
from event join category cat on event.catid=cat.catid
where cat.catgroup='Concerts';
## op=UPDATE tables=category,event dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/c_Examples_of_UPDATE_statements.md split=holdout5
update category set catid=100
from
(select event.catid from event left join category cat on event.catid=cat.catid) eventcat
where category.catid=eventcat.catid
and catgroup='Concerts';
## op=CREATE tables=category_stage dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/c_Examples_of_INSERT_30.md split=holdout5
create table category_stage
(catid smallint default 0,
catgroup varchar(10) default 'General',
catname varchar(10) default 'General',
catdesc varchar(50) default 'General');
## op=INSERT tables=category_stage,category dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/c_Examples_of_INSERT_30.md split=holdout5
insert into category_stage
(select * from category);
## op=INSERT tables=category_stage dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/c_Examples_of_INSERT_30.md split=holdout5
insert into category_stage values
(12, 'Concerts', 'Comedy', 'All stand-up comedy performances');
## op=INSERT tables=category_stage dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/c_Examples_of_INSERT_30.md split=holdout5
insert into category_stage values
(default, default, default, default),
(20, default, 'Country', default),
(21, 'Concerts', 'Rock', default);
## op=CREATE tables=category_ident dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/c_Examples_of_INSERT_30.md split=holdout5
create table category_ident
(catid int identity not null,
catgroup varchar(10) default 'General',
catname varchar(10) default 'General',
catdesc varchar(50) default 'General');
## op=INSERT tables=category_ident,category dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/c_Examples_of_INSERT_30.md split=holdout5
insert into category_ident(catgroup,catname,catdesc)
select catgroup,catname,catdesc from category;
## op=CREATE tables=sales_update,sales dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/merge-examples.md split=holdout5
create table sales_update as
select * from sales;
## op=UPDATE tables=sales_update dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/merge-examples.md split=holdout5
update sales_update
set qtysold = qtysold*2,
pricepaid = pricepaid*0.8,
commission = commission*1.1
where saletime > '2008-11-30'
and mod(sellerid, 5) = 0;
## op=INSERT tables=sales_update dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/merge-examples.md split=holdout5
insert into sales_update
select (salesid + 172456) as salesid, listid, sellerid, buyerid, eventid, dateid, qtysold, pricepaid, commission, getdate() as saletime
from sales_update
where saletime > '2008-11-30'
and mod(sellerid, 4) = 0;
## op=CREATE tables=stagesales,sales_update,sales dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/merge-examples.md split=holdout5
create temp table stagesales as
select * from sales_update
where sales_update.saletime > '2008-11-30'
and sales_update.salesid = (select sales.salesid from sales
where sales.salesid = sales_update.salesid
and sales.listid = sales_update.listid
and (sales_update.qtysold != sales.qtysold 
or sales_update.pricepaid != sales.pricepaid));
## op=DELETE tables=sales,stagesales dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/merge-examples.md split=holdout5
delete from sales
using stagesales
where sales.salesid = stagesales.salesid
and sales.listid = stagesales.listid
and sales.saletime > '2008-11-30';
## op=UPDATE tables=sales,stagesales dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/merge-examples.md split=holdout5
update sales
set qtysold = stagesales.qtysold,
pricepaid = stagesales.pricepaid
from stagesales
where sales.salesid = stagesales.salesid
and sales.listid = stagesales.listid
and stagesales.saletime > '2008-11-30'
and (sales.qtysold != stagesales.qtysold 
or sales.pricepaid != stagesales.pricepaid);
## op=DELETE tables=stagesales,sales dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/merge-examples.md split=holdout5
delete from stagesales
using sales
where sales.salesid = stagesales.salesid
and sales.listid = stagesales.listid;
## op=INSERT tables=sales,stagesales dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/merge-examples.md split=holdout5
insert into sales
select * from stagesales;
## op=CREATE tables=part dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_FROM_clause-pivot-unpivot-examples.md split=holdout5
CREATE TABLE part (
    partname varchar,
    manufacturer varchar,
    quality int,
    price decimal(12, 2)
);
## op=INSERT tables=part dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_FROM_clause-pivot-unpivot-examples.md split=holdout5
INSERT INTO part VALUES ('rudder', 'big parts co', 2, 3.75);
## op=SELECT tables=part dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_FROM_clause-pivot-unpivot-examples.md split=holdout5
SELECT *
FROM (SELECT partname, price FROM part) PIVOT (
    AVG(price) FOR partname IN ('prop', 'rudder', 'wing')
);
## op=SELECT tables=part dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_FROM_clause-pivot-unpivot-examples.md split=holdout5
SELECT manufacturer, quality, count(*)
FROM (SELECT quality, manufacturer FROM part)
WHERE quality IN (1, 2) OR quality IS NULL
GROUP BY manufacturer, quality
ORDER BY manufacturer;
## op=SELECT tables=part dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_FROM_clause-pivot-unpivot-examples.md split=holdout5
SELECT *
FROM (SELECT quality, manufacturer FROM part) PIVOT (
    count(*) AS count FOR quality IN (1 AS high, 2 AS low, NULL AS na)
);
## op=SELECT tables=bookings dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_FROM_clause-pivot-unpivot-examples.md split=holdout5
SELECT * FROM
    (SELECT
       booking_id,
       (date_trunc('week', booking_date::date) + '5 days'::interval)::date as enddate,
       hotel_code AS "hotel code"
FROM bookings
) PIVOT (
    count(booking_id) FOR enddate IN ('2023-02-04','2023-02-11','2023-02-18') 
);
## op=SELECT tables=bookings dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_FROM_clause-pivot-unpivot-examples.md split=holdout5
SELECT 
  booking_date,
  MAX(CASE WHEN hotel_code = 'FOREST_L' THEN 'forest is booked' ELSE '' END) AS FOREST_L,
  MAX(CASE WHEN hotel_code = 'DESERT_S' THEN 'desert is booked' ELSE '' END) AS DESERT_S,
  MAX(CASE WHEN hotel_code = 'OCEAN_WV' THEN 'ocean is booked' ELSE '' END)  AS OCEAN_WV
FROM bookings
GROUP BY booking_date
ORDER BY booking_date asc;
## op=CREATE tables=count_by_color dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_FROM_clause-pivot-unpivot-examples.md split=holdout5
CREATE TABLE count_by_color (quality varchar, red int, green int, blue int);
## op=SELECT tables=count_by_color dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_FROM_clause-pivot-unpivot-examples.md split=holdout5
SELECT *
FROM (
    SELECT red, green, blue
    FROM count_by_color
) UNPIVOT INCLUDE NULLS (
    cnt FOR color IN (red, green, blue)
);
## op=SELECT tables=count_by_color dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_FROM_clause-pivot-unpivot-examples.md split=holdout5
SELECT *
FROM count_by_color UNPIVOT (
    cnt FOR color IN (red AS r, green AS g, blue AS b)
);
## op=SELECT tables=sales,date dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_Subquery_examples.md split=holdout5
select qtr, sum(pricepaid) as qtrsales,
(select sum(pricepaid)
from sales join date on sales.dateid=date.dateid
where qtr='1' and year=2008) as q1sales
from sales join date on sales.dateid=date.dateid
where qtr in('2','3') and year=2008
group by qtr
order by qtr;
## op=SELECT tables=users,sales,venue dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_Subquery_examples.md split=holdout5
select firstname, lastname, city, max(qtysold) as maxsold
from users join sales on users.userid=sales.sellerid
where users.city not in(select venuecity from venue)
group by firstname, lastname, city
order by maxsold desc, city desc
limit 10;
## op=CREATE tables=eventdistsort1,event dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_CTAS_examples.md split=holdout5
create table eventdistsort1
distkey (eventid)
sortkey (eventid, dateid)
as
select eventid, venueid, dateid, eventname
from event;
## op=CREATE tables=eventdistevensort,event dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_CTAS_examples.md split=holdout5
create table eventdistevensort diststyle even sortkey (venueid)
as select eventid, venueid, dateid, eventname from event;
## op=CREATE tables=venuedistevent,event dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_CTAS_examples.md split=holdout5
create table venuedistevent distkey(venueid)
as select * from event;
## op=SELECT tables=listing,sales dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/c_example_union_query.md split=holdout5
select listid, sellerid, eventid from listing
union select listid, sellerid, eventid from sales
order by listid, sellerid, eventid desc limit 5;
## op=SELECT tables=sales,users dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/c_example_union_query.md split=holdout5
select listid, lastname, firstname, username,
pricepaid as price, 'S' as buyorsell
from sales, users
where sales.sellerid=users.userid
and pricepaid >=10000
union
select listid, lastname, firstname, username, pricepaid,
'B' as buyorsell
from sales, users
where sales.buyerid=users.userid
and pricepaid >=10000
order by 1, 2, 3, 4, 5;
## op=SELECT tables=sales,listing dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/c_example_unionall_query.md split=holdout5
select eventid, listid, 'Yes' as salesrow
from sales
where listid in(500,501,502)
union all
select eventid, listid, 'No'
from listing
where listid in(500,501,502)
order by listid asc;
## op=SELECT tables=category_stage,category dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/c_Example_MINUS_query.md split=holdout5
select * from category_stage
minus
select * from category;
## op=ALTER tables=venue dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_ALTER_TABLE_examples_basic.md split=holdout5
alter table venue
rename column venueseats to venuesize;
## op=ALTER tables=category dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_ALTER_TABLE_examples_basic.md split=holdout5
alter table category
drop constraint category_pkey;
## op=ALTER tables=event dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_ALTER_TABLE_examples_basic.md split=holdout5
alter table event alter column eventname type varchar(300);
## op=CREATE tables=t1 dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_ALTER_TABLE_examples_basic.md split=holdout5
create table t1(c0 int encode lzo, c1 bigint encode zstd, c2 varchar(16) encode lzo, c3 varchar(32) encode zstd);
## op=ALTER tables=t1 dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_ALTER_TABLE_examples_basic.md split=holdout5
alter table t1 alter column c2 encode bytedict;
## op=CREATE tables=inventory dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_ALTER_TABLE_examples_basic.md split=holdout5
create table inventory(
  inv_date_sk int4 not null ,
  inv_item_sk int4 not null ,
  inv_warehouse_sk int4 not null ,
  inv_quantity_on_hand int4
) diststyle even;
## op=ALTER tables=inventory dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_ALTER_TABLE_examples_basic.md split=holdout5
alter table inventory alter diststyle key distkey inv_warehouse_sk;
## op=ALTER tables=t1 dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_ALTER_TABLE_examples_basic.md split=holdout5
alter table t1 alter sortkey none;
## op=ALTER tables=tickit_category_redshift dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_ALTER_TABLE_examples_basic.md split=holdout5
ALTER TABLE tickit_category_redshift ROW LEVEL SECURITY ON FOR DATASHARES;
## op=ALTER tables=users dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_ALTER_TABLE_COL_ex-add-drop.md split=holdout5
alter table users
add column feedback_score int
default NULL;
## op=ALTER tables=users dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_ALTER_TABLE_COL_ex-add-drop.md split=holdout5
alter table users
drop column feedback_score cascade;
## op=SELECT tables=sales dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_WF_LAG.md split=holdout5
select buyerid, saletime, qtysold,
lag(qtysold,1) over (order by buyerid, saletime) as prev_qtysold
from sales where buyerid = 3 order by buyerid, saletime;
## op=SELECT tables=sales,event,date dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_WF_NTILE.md split=holdout5
select eventname, caldate, pricepaid, ntile(4)
over(order by pricepaid desc) from sales, event, date
where sales.eventid=event.eventid and event.dateid=date.dateid and eventname='Hamlet'
and caldate='2008-08-26'
order by 4;
## op=SELECT tables=winsales dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_WF_RANK.md split=holdout5
select salesid, sellerid, qty, rank() over
(partition by sellerid
order by qty desc) as rank
from winsales
order by 2,3,1;
## op=SELECT tables=winsales dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_WF_SUM.md split=holdout5
select salesid, dateid, sellerid, qty,
sum(qty) over (partition by sellerid
order by dateid, salesid rows unbounded preceding) as sum
from winsales
order by 2,1;
## op=SELECT tables=winsales dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_WF_SUM.md split=holdout5
select salesid, sellerid, qty,
sum(1) over (order by sellerid, salesid rows unbounded preceding) as rownum
from winsales
order by 2,1;
## op=SELECT tables=venue dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_WF_first_value.md split=holdout5
select venuestate, venueseats, venuename,
last_value(venuename)
over(partition by venuestate
order by venueseats desc
rows between unbounded preceding and unbounded following)
from (select * from venue where venueseats >0)
order by venuestate;
## op=SELECT tables=venue dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_WF_first_value.md split=holdout5
select venuestate, venueseats, venuename,
first_value(venuename ignore nulls)
over(partition by venuestate
order by venueseats desc
rows between unbounded preceding and unbounded following)
from (select * from venue where venuestate='CA')
order by venuestate;
## op=INSERT tables=venue dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_WF_first_value.md split=holdout5
insert into venue values(2000,null,'Stanford','CA',90000);
## op=SELECT tables=winsales dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_WF_LISTAGG.md split=holdout5
select listagg(distinct dateid,',') 
within group (order by sellerid desc,salesid asc)
over () as dates
from winsales
where buyerid  = 'b';
## op=SELECT tables=winsales dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_WF_LISTAGG.md split=holdout5
select buyerid, 
listagg(salesid,',')
within group (order by salesid)
over (partition by buyerid) as sales_id
from winsales
order by buyerid;
## op=CREATE tables=T1 dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_CREATE_TABLE_examples.md split=holdout5
create table T1 (
  col1 Varchar(20) collate case_insensitive
 );
## op=INSERT tables=T1 dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_CREATE_TABLE_examples.md split=holdout5
insert into T1 values ('bob'), ('john'), ('Tom'), ('JOHN'), ('Bob');
## op=CREATE tables=customer_interleaved dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_CREATE_TABLE_examples.md split=holdout5
create table customer_interleaved (
  c_custkey     	integer        not null,
  c_name        	varchar(25)    not null,
  c_address     	varchar(25)    not null,
  c_city        	varchar(10)    not null,
  c_nation      	varchar(15)    not null,
  c_region      	varchar(12)    not null,
  c_phone       	varchar(15)    not null,
  c_mktsegment      varchar(10)    not null)
diststyle all
interleaved sortkey (c_custkey, c_city, c_mktsegment);
## op=CREATE tables=cities dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_CREATE_TABLE_examples.md split=holdout5
create table if not exists cities(
cityid integer not null,
city varchar(100) not null,
state char(2) not null);
## op=CREATE tables=tempevent,event dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_CREATE_TABLE_examples.md split=holdout5
create temp table tempevent(like event);
## op=SELECT tables=pg_table_def dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_CREATE_TABLE_examples.md split=holdout5
select "column", type, encoding, distkey, sortkey
 from pg_table_def where tablename = 'tempevent';
## op=CREATE tables=venue_ident dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_CREATE_TABLE_examples.md split=holdout5
create table venue_ident(venueid bigint identity(0, 1),
venuename varchar(100),
venuecity varchar(30),
venuestate char(2),
venueseats integer,
primary key(venueid));
## op=CREATE tables=t1 dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_CREATE_TABLE_examples.md split=holdout5
CREATE TABLE t1(
  hist_id BIGINT IDENTITY NOT NULL, /* Cannot be overridden */
  base_id BIGINT GENERATED BY DEFAULT AS IDENTITY NOT NULL, /* Can be overridden */
  business_key varchar(10) ,
  some_field varchar(10)
);
## op=INSERT tables=T1 dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_CREATE_TABLE_examples.md split=holdout5
INSERT INTO T1 (base_id, business_key, some_field) values (DEFAULT, 'B','MNOP');
## op=INSERT tables=categorydef dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_CREATE_TABLE_examples.md split=holdout5
insert into categorydef values(default,default,default,default);
## op=CREATE tables=t3 dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_CREATE_TABLE_examples.md split=holdout5
create table t3(col1 int, col2 int sortkey) diststyle all;
## op=CREATE tables=t4 dialect=redshift source=holdout5/github:awsdocs/amazon-redshift-developer-guide/doc_source/r_CREATE_TABLE_examples.md split=holdout5
create table t4(c0 int encode delta, c1 varchar encode lzo) encode auto;
## op=MERGE tables=iceberg_table_sample,iceberg2_table_sample dialect=trino source=holdout5/github:awsdocs/amazon-athena-user-guide/doc_source/merge-into-statement.md split=holdout5
MERGE INTO iceberg_table_sample as ice1
USING iceberg2_table_sample as ice2
ON ice1.col1 = ice2.col1
WHEN NOT MATCHED 
THEN INSERT (col1)
      VALUES (ice2.col1)
## op=INSERT tables=canada_july_pageviews,vancouver_pageviews dialect=trino source=holdout5/github:awsdocs/amazon-athena-user-guide/doc_source/insert-into.md split=holdout5
INSERT INTO canada_july_pageviews
SELECT *
FROM vancouver_pageviews
WHERE date
    BETWEEN date '2019-07-01'
        AND '2019-07-31';
## op=INSERT tables=cities_usa,cities_world dialect=trino source=holdout5/github:awsdocs/amazon-athena-user-guide/doc_source/insert-into.md split=holdout5
INSERT INTO cities_usa (city,state)
SELECT city,state
FROM cities_world
    WHERE country='usa'
## op=INSERT tables=cities dialect=trino source=holdout5/github:awsdocs/amazon-athena-user-guide/doc_source/insert-into.md split=holdout5
INSERT INTO cities 
VALUES (1,'Lansing','MI','Si quaeris peninsulam amoenam circumspice'),
       (3,'Boise','ID','Esto perpetua')
## op=CREATE tables=my_orc_ctas_table,old_table dialect=trino source=holdout5/github:awsdocs/amazon-athena-user-guide/doc_source/ctas-examples.md split=holdout5
CREATE TABLE my_orc_ctas_table
WITH (
      external_location = 's3://my_athena_results/my_orc_stas_table/',
      format = 'ORC')
AS SELECT * 
FROM old_table;
## op=CREATE tables=ctas_csv_unpartitioned,table1 dialect=trino source=holdout5/github:awsdocs/amazon-athena-user-guide/doc_source/ctas-examples.md split=holdout5
CREATE TABLE ctas_csv_unpartitioned 
WITH (
     format = 'TEXTFILE', 
     external_location = 's3://my_athena_results/ctas_csv_unpartitioned/') 
AS SELECT key1, name1, address1, comment1
FROM table1;
## op=CREATE tables=ctas_json_partitioned,table1 dialect=trino source=holdout5/github:awsdocs/amazon-athena-user-guide/doc_source/ctas-examples.md split=holdout5
CREATE TABLE ctas_json_partitioned 
WITH (
     format = 'JSON', 
     external_location = 's3://my_athena_results/ctas_json_partitioned/', 
     partitioned_by = ARRAY['key1']) 
AS select name1, address1, comment1, key1 
FROM table1;
## op=CREATE tables=ctas_avro_bucketed,table1 dialect=trino source=holdout5/github:awsdocs/amazon-athena-user-guide/doc_source/ctas-examples.md split=holdout5
CREATE TABLE ctas_avro_bucketed 
WITH (
      format = 'AVRO', 
      external_location = 's3://my_athena_results/ctas_avro_bucketed/', 
      partitioned_by = ARRAY['nationkey'], 
      bucketed_by = ARRAY['mktsegment'], 
      bucket_count = 3) 
AS SELECT key1, name1, address1, phone1, acctbal, mktsegment, comment1, nationkey 
FROM table1;
## op=CREATE tables=ctas_iceberg_parquet,table1 dialect=trino source=holdout5/github:awsdocs/amazon-athena-user-guide/doc_source/ctas-examples.md split=holdout5
CREATE TABLE ctas_iceberg_parquet
WITH (table_type = 'ICEBERG',
      format = 'PARQUET', 
      location = 's3://my_athena_results/ctas_iceberg_parquet/', 
      is_external = false,
      partitioning = ARRAY['month(dt)'],
      vacuum_min_snapshots_to_keep = 10,
      vacuum_max_snapshot_age_ms = 259200
   ) 
AS SELECT key1, name1, dt FROM table1;
## op=SELECT tables=- dialect=trino source=holdout5/github:awsdocs/amazon-athena-user-guide/doc_source/flattening-arrays.md split=holdout5
WITH dataset AS (
  SELECT
    'engineering' as department,
    ARRAY['Sharon', 'John', 'Bob', 'Sally'] as users
)
SELECT department, names FROM dataset
CROSS JOIN UNNEST(users) as t(names)
## op=SELECT tables=- dialect=trino source=holdout5/github:awsdocs/amazon-athena-user-guide/doc_source/flattening-arrays.md split=holdout5
WITH
dataset AS (
 SELECT ARRAY[
   CAST(ROW('Sally', 'engineering', ARRAY[1,2,3,4]) AS ROW(name VARCHAR, department VARCHAR, scores ARRAY(INTEGER))),
   CAST(ROW('John', 'finance', ARRAY[7,8,9]) AS ROW(name VARCHAR, department VARCHAR, scores ARRAY(INTEGER))),
   CAST(ROW('Amy', 'devops', ARRAY[12,13,14,15]) AS ROW(name VARCHAR, department VARCHAR, scores ARRAY(INTEGER)))
 ] AS users
),
users AS (
 SELECT person, score
 FROM
   dataset,
   UNNEST(dataset.users) AS t(person),
   UNNEST(person.scores) AS t(score)
)
SELECT person.name, score FROM users
ORDER BY (score) DESC
LIMIT 1
## op=INSERT tables=iceberg_table,another_table dialect=trino source=holdout5/github:awsdocs/amazon-athena-user-guide/doc_source/querying-iceberg-updating-iceberg-table-data.md split=holdout5
INSERT INTO iceberg_table SELECT * FROM another_table
## op=DELETE tables=iceberg_table dialect=trino source=holdout5/github:awsdocs/amazon-athena-user-guide/doc_source/querying-iceberg-updating-iceberg-table-data.md split=holdout5
DELETE FROM iceberg_table WHERE category='c3'
## op=UPDATE tables=iceberg_table dialect=trino source=holdout5/github:awsdocs/amazon-athena-user-guide/doc_source/querying-iceberg-updating-iceberg-table-data.md split=holdout5
UPDATE iceberg_table SET category='c2' WHERE category='c1'
## op=MERGE tables=accounts,monthly_accounts_update dialect=trino source=holdout5/github:awsdocs/amazon-athena-user-guide/doc_source/querying-iceberg-updating-iceberg-table-data.md split=holdout5
MERGE INTO accounts t USING monthly_accounts_update s
ON t.customer = s.customer
WHEN MATCHED
THEN DELETE
## op=MERGE tables=accounts,monthly_accounts_update dialect=trino source=holdout5/github:awsdocs/amazon-athena-user-guide/doc_source/querying-iceberg-updating-iceberg-table-data.md split=holdout5
MERGE INTO accounts t USING monthly_accounts_update s
    ON (t.customer = s.customer)
    WHEN MATCHED AND s.address = 'Centreville'
        THEN DELETE
    WHEN MATCHED
        THEN UPDATE
            SET purchases = s.purchases + t.purchases, address = s.address
    WHEN NOT MATCHED
        THEN INSERT (customer, purchases, address)
              VALUES(s.customer, s.purchases, s.address)
## op=SELECT tables=alb_logs dialect=trino source=holdout5/github:awsdocs/amazon-athena-user-guide/doc_source/application-load-balancer-logs.md split=holdout5
SELECT COUNT(request_verb) AS
 count,
 request_verb,
 client_ip
FROM alb_logs
GROUP BY request_verb, client_ip
LIMIT 100;
## op=SELECT tables=alb_logs dialect=trino source=holdout5/github:awsdocs/amazon-athena-user-guide/doc_source/application-load-balancer-logs.md split=holdout5
SELECT client_ip, sum(received_bytes) 
FROM alb_logs
WHERE parse_datetime(time,'yyyy-MM-dd''T''HH:mm:ss.SSSSSS''Z') 
     BETWEEN parse_datetime('2018-05-30-12:00:00','yyyy-MM-dd-HH:mm:ss') 
     AND parse_datetime('2018-05-31-00:00:00','yyyy-MM-dd-HH:mm:ss') 
GROUP BY client_ip;
## op=SELECT tables=iceberg_table dialect=trino source=holdout5/github:awsdocs/amazon-athena-user-guide/doc_source/querying-iceberg-table-data.md split=holdout5
SELECT * FROM iceberg_table FOR TIMESTAMP AS OF TIMESTAMP '2020-01-01 10:00:00 UTC'
## op=SELECT tables=iceberg_table dialect=trino source=holdout5/github:awsdocs/amazon-athena-user-guide/doc_source/querying-iceberg-table-data.md split=holdout5
SELECT * FROM iceberg_table FOR VERSION AS OF 949530903748831860
## op=SELECT tables=cloudtrail_logs dialect=trino source=holdout5/github:awsdocs/amazon-athena-user-guide/doc_source/cloudtrail-logs.md split=holdout5
SELECT 
    awsregion,
    replace(unnested.resources_entry.ARN,'arn:aws:s3:::') as deleted_bucket,
    eventtime AS time_deleted,
    useridentity.username, 
    unnested.resources_entry.accountid as bucket_acct_id 
FROM cloudtrail_logs t
CROSS JOIN UNNEST(t.resources) unnested (resources_entry)
WHERE eventname = 'DeleteBucket'
ORDER BY eventtime
## op=SELECT tables=cloudtrail_logs dialect=trino source=holdout5/github:awsdocs/amazon-athena-user-guide/doc_source/cloudtrail-logs.md split=holdout5
SELECT 
    eventsource, 
    eventname,
    useridentity.sessioncontext.attributes.creationdate,
    useridentity.sessioncontext.sessionissuer.arn
FROM cloudtrail_logs
WHERE useridentity.sessioncontext.sessionissuer.arn IS NOT NULL
ORDER BY eventsource, eventname
LIMIT 10
## op=SELECT tables=vpc_flow_logs dialect=trino source=holdout5/github:awsdocs/amazon-athena-user-guide/doc_source/vpc-flow-logs.md split=holdout5
SELECT SUM(packets) AS
  packetcount,
  dstaddr
FROM vpc_flow_logs
WHERE dstport = 443 AND date > current_date - interval '7' day
GROUP BY dstaddr
ORDER BY packetcount DESC
LIMIT 10;
## op=SELECT tables=test_table_vpclogs dialect=trino source=holdout5/github:awsdocs/amazon-athena-user-guide/doc_source/vpc-flow-logs.md split=holdout5
SELECT interface_id,
       srcaddr,
       action,
       protocol,
       to_iso8601(from_unixtime(start)) AS start_time,
       to_iso8601(from_unixtime("end")) AS end_time
FROM test_table_vpclogs
WHERE DAY >= '2021/04/01'
  AND DAY < '2021/04/30'
## op=SELECT tables=cloudfront_logs dialect=trino source=holdout5/github:awsdocs/amazon-athena-user-guide/doc_source/cloudfront-logs.md split=holdout5
SELECT DISTINCT * 
FROM cloudfront_logs 
LIMIT 10;
## op=SELECT tables=- dialect=trino source=holdout5/github:awsdocs/amazon-athena-user-guide/doc_source/extracting-data-from-JSON.md split=holdout5
WITH dataset AS (
  SELECT '{"name": "Bob Smith",
           "org": "engineering",
           "projects": [{"name":"project1", "completed":false},{"name":"project2", "completed":true}]}'
    AS blob
)
SELECT json_array_get(json_extract(blob, '$.projects'), 0) AS item
FROM dataset
## op=SELECT tables=Templates,Documents dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
SELECT template_type_code FROM Templates EXCEPT SELECT template_type_code FROM Templates AS T1 JOIN Documents AS T2 ON T1.template_id  =  T2.template_id
## op=SELECT tables=Ref_template_types,Templates,Documents dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
SELECT DISTINCT T1.template_type_description FROM Ref_template_types AS T1 JOIN Templates AS T2 ON T1.template_type_code  = T2.template_type_code JOIN Documents AS T3 ON T2.Template_ID  =  T3.template_ID
## op=SELECT tables=Ref_template_types,Templates dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
SELECT T2.template_id FROM Ref_template_types AS T1 JOIN Templates AS T2 ON T1.template_type_code  = T2.template_type_code WHERE T1.template_type_description  =  "Presentation"
## op=SELECT tables=Paragraphs,Documents dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
SELECT count(*) FROM Paragraphs AS T1 JOIN Documents AS T2 ON T1.document_ID  =  T2.document_ID WHERE T2.document_name  =  'Summer Show'
## op=SELECT tables=Paragraphs,Documents dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
SELECT T1.document_id ,  T2.document_name FROM Paragraphs AS T1 JOIN Documents AS T2 ON T1.document_id  =  T2.document_id GROUP BY T1.document_id ORDER BY count(*) DESC LIMIT 1
## op=SELECT tables=Paragraphs dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
SELECT document_id FROM Paragraphs WHERE paragraph_text  =  'Brazil' INTERSECT SELECT document_id FROM Paragraphs WHERE paragraph_text  =  'Ireland'
## op=SELECT tables=course_arrange,course,teacher dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
SELECT T3.Name ,  T2.Course FROM course_arrange AS T1 JOIN course AS T2 ON T1.Course_ID  =  T2.Course_ID JOIN teacher AS T3 ON T1.Teacher_ID  =  T3.Teacher_ID ORDER BY T3.Name
## op=SELECT tables=course_arrange,teacher dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
SELECT T2.Name FROM course_arrange AS T1 JOIN teacher AS T2 ON T1.Teacher_ID  =  T2.Teacher_ID GROUP BY T2.Name HAVING COUNT(*)  >=  2
## op=SELECT tables=teacher,course_arrange dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
SELECT Name FROM teacher WHERE Teacher_id NOT IN (SELECT Teacher_id FROM course_arrange)
## op=SELECT tables=museum dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
SELECT name FROM museum WHERE num_of_staff  >  (SELECT min(num_of_staff) FROM museum WHERE open_year  >  2010)
## op=SELECT tables=visitor,visit dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
SELECT t2.visitor_id ,  t1.name ,  t1.Level_of_membership FROM visitor AS t1 JOIN visit AS t2 ON t1.id  =  t2.visitor_id GROUP BY t2.visitor_id ORDER BY sum(t2.Total_spent) DESC LIMIT 1
## op=SELECT tables=visitor,visit,museum dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
SELECT t1.name FROM visitor AS t1 JOIN visit AS t2 ON t1.id  =  t2.visitor_id JOIN museum AS t3 ON t3.Museum_ID  =  t2.Museum_ID WHERE t3.open_year  <  2009 INTERSECT SELECT t1.name FROM visitor AS t1 JOIN visit AS t2 ON t1.id  =  t2.visitor_id JOIN museum AS t3 ON t3.Museum_ID  =  t2.Museum_ID WHERE t3.open_year  >  2011
## op=SELECT tables=visitor,museum,visit dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
SELECT count(*) FROM visitor WHERE id NOT IN (SELECT t2.visitor_id FROM museum AS t1 JOIN visit AS t2 ON t1.Museum_ID  =  t2.Museum_ID WHERE t1.open_year  >  2010)
## op=SELECT tables=players,matches dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
SELECT T1.country_code ,  T1.first_name FROM players AS T1 JOIN matches AS T2 ON T1.player_id  =  T2.winner_id WHERE T2.tourney_name  =  'WTA Championships' INTERSECT SELECT T1.country_code ,  T1.first_name FROM players AS T1 JOIN matches AS T2 ON T1.player_id  =  T2.winner_id WHERE T2.tourney_name  =  'Australian Open'
## op=SELECT tables=players,rankings dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
SELECT T1.country_code ,  T1.first_name FROM players AS T1 JOIN rankings AS T2 ON T1.player_id  =  T2.player_id ORDER BY T2.tours DESC LIMIT 1
## op=SELECT tables=conductor,orchestra dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
SELECT T1.Name FROM conductor AS T1 JOIN orchestra AS T2 ON T1.Conductor_ID  =  T2.Conductor_ID WHERE Year_of_Founded  >  2008
## op=SELECT tables=orchestra,performance dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
SELECT Orchestra FROM orchestra WHERE Orchestra_ID NOT IN (SELECT Orchestra_ID FROM performance)
## op=SELECT tables=orchestra,performance dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
SELECT Year_of_Founded FROM orchestra AS T1 JOIN performance AS T2 ON T1.Orchestra_ID  =  T2.Orchestra_ID GROUP BY T2.Orchestra_ID HAVING COUNT(*)  >  1
## op=SELECT tables=Friend,Highschooler dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
SELECT T3.name FROM Friend AS T1 JOIN Highschooler AS T2 ON T1.student_id  =  T2.id JOIN Highschooler AS T3 ON T1.friend_id  =  T3.id WHERE T2.name  =  "Kyle"
## op=SELECT tables=Highschooler,Friend dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
SELECT name FROM Highschooler EXCEPT SELECT T2.name FROM Friend AS T1 JOIN Highschooler AS T2 ON T1.student_id  =  T2.id
## op=SELECT tables=Friend,Likes dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
SELECT student_id FROM Friend INTERSECT SELECT liked_id FROM Likes
## op=SELECT tables=Friend,Highschooler,Likes dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
SELECT T2.name FROM Friend AS T1 JOIN Highschooler AS T2 ON T1.student_id  =  T2.id INTERSECT SELECT T2.name FROM Likes AS T1 JOIN Highschooler AS T2 ON T1.liked_id  =  T2.id
## op=SELECT tables=Highschooler,Friend dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
SELECT min(grade) FROM Highschooler WHERE id NOT IN (SELECT T1.student_id FROM Friend AS T1 JOIN Highschooler AS T2 ON T1.student_id  =  T2.id)
## op=SELECT tables=Owners,Professionals dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
SELECT state FROM Owners INTERSECT SELECT state FROM Professionals
## op=SELECT tables=Professionals,Treatments dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
SELECT professional_id ,  last_name ,  cell_number FROM Professionals WHERE state  =  'Indiana' UNION SELECT T1.professional_id ,  T1.last_name ,  T1.cell_number FROM Professionals AS T1 JOIN Treatments AS T2 ON T1.professional_id  =  T2.professional_id GROUP BY T1.professional_id HAVING count(*)  >  2
## op=SELECT tables=dogs,treatments dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
select name from dogs where dog_id not in ( select dog_id from treatments group by dog_id having sum(cost_of_treatment)  >  1000 )
## op=SELECT tables=Professionals,Owners,Dogs dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
SELECT first_name FROM Professionals UNION SELECT first_name FROM Owners EXCEPT SELECT name FROM Dogs
## op=SELECT tables=Owners,Dogs,Treatments dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
SELECT T1.owner_id ,  T1.zip_code FROM Owners AS T1 JOIN Dogs AS T2 ON T1.owner_id  =  T2.owner_id JOIN Treatments AS T3 ON T2.dog_id  =  T3.dog_id GROUP BY T1.owner_id ORDER BY sum(T3.cost_of_treatment) DESC LIMIT 1
## op=SELECT tables=Treatment_types,Treatments dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
SELECT T1.treatment_type_description FROM Treatment_types AS T1 JOIN Treatments AS T2 ON T1.treatment_type_code  =  T2.treatment_type_code GROUP BY T1.treatment_type_code ORDER BY sum(cost_of_treatment) ASC LIMIT 1
## op=SELECT tables=Professionals,Treatments dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
SELECT DISTINCT T1.first_name ,  T1.last_name FROM Professionals AS T1 JOIN Treatments AS T2 WHERE cost_of_treatment  <  ( SELECT avg(cost_of_treatment) FROM Treatments )
## op=SELECT tables=Treatments,treatment_types dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
SELECT T1.cost_of_treatment ,  T2.treatment_type_description FROM Treatments AS T1 JOIN treatment_types AS T2 ON T1.treatment_type_code  =  T2.treatment_type_code
## op=SELECT tables=Dogs,Treatments dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
SELECT T1.name ,  T2.date_of_treatment FROM Dogs AS T1 JOIN Treatments AS T2 ON T1.dog_id  =  T2.dog_id WHERE T1.breed_code  =  ( SELECT breed_code FROM Dogs GROUP BY breed_code ORDER BY count(*) ASC LIMIT 1 )
## op=SELECT tables=Owners,Dogs dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
SELECT T1.last_name FROM Owners AS T1 JOIN Dogs AS T2 ON T1.owner_id  =  T2.owner_id WHERE T2.age  =  ( SELECT max(age) FROM Dogs )
## op=SELECT tables=Breeds,Dogs dialect=sqlite source=holdout5/github:xi-ix/spider_evaluation/dev_gold.sql split=holdout5
SELECT T1.breed_name FROM Breeds AS T1 JOIN Dogs AS T2 ON T1.breed_code  =  T2.breed_code GROUP BY T1.breed_name ORDER BY count(*) DESC LIMIT 1
## op=INSERT tables=tbl,other_tbl dialect=duckdb source=holdout5/github:duckdb/duckdb-web/docs/stable/sql/statements/insert.md split=holdout5
INSERT INTO tbl
    SELECT * FROM other_tbl;
## op=INSERT tables=tbl dialect=duckdb source=holdout5/github:duckdb/duckdb-web/docs/stable/sql/statements/insert.md split=holdout5
INSERT INTO tbl (i)
    VALUES (1), (DEFAULT), (3);
## op=INSERT tables=tbl dialect=duckdb source=holdout5/github:duckdb/duckdb-web/docs/stable/sql/statements/insert.md split=holdout5
INSERT OR IGNORE INTO tbl (i)
    VALUES (1);
## op=UPSERT tables=tbl dialect=duckdb source=holdout5/github:duckdb/duckdb-web/docs/stable/sql/statements/insert.md split=holdout5
INSERT OR REPLACE INTO tbl (i)
    VALUES (1);
## op=INSERT tables=tbl dialect=duckdb source=holdout5/github:duckdb/duckdb-web/docs/stable/sql/statements/insert.md split=holdout5
INSERT INTO tbl
    BY POSITION (b, a)
    VALUES (5, 42);
## op=INSERT tables=tbl dialect=duckdb source=holdout5/github:duckdb/duckdb-web/docs/stable/sql/statements/insert.md split=holdout5
INSERT INTO tbl BY NAME (SELECT 42 AS b, 32 AS a);
## op=INSERT tables=tbl dialect=duckdb source=holdout5/github:duckdb/duckdb-web/docs/stable/sql/statements/insert.md split=holdout5
INSERT INTO tbl
    VALUES (1, 84)
    ON CONFLICT DO NOTHING;
## op=UPSERT tables=tbl dialect=duckdb source=holdout5/github:duckdb/duckdb-web/docs/stable/sql/statements/insert.md split=holdout5
INSERT INTO tbl VALUES (1, 52), (1, 62) ON CONFLICT DO UPDATE SET j = EXCLUDED.j;
## op=UPSERT tables=tbl dialect=duckdb source=holdout5/github:duckdb/duckdb-web/docs/stable/sql/statements/insert.md split=holdout5
INSERT INTO tbl
    BY NAME (SELECT 1 AS i, 336 AS j)
    ON CONFLICT DO UPDATE SET j = EXCLUDED.j;
## op=UPSERT tables=t1,t2 dialect=duckdb source=holdout5/github:duckdb/duckdb-web/docs/stable/sql/statements/insert.md split=holdout5
INSERT INTO t1 BY NAME (SELECT id, val1 FROM t2)
    ON CONFLICT DO UPDATE
    SET val1 = EXCLUDED.val1;
## op=UPSERT tables=tbl dialect=duckdb source=holdout5/github:duckdb/duckdb-web/docs/stable/sql/statements/insert.md split=holdout5
INSERT INTO tbl
    VALUES (1, 20, 900)
    ON CONFLICT (j) DO UPDATE SET k = 5 * EXCLUDED.k;
## op=UPSERT tables=tbl dialect=duckdb source=holdout5/github:duckdb/duckdb-web/docs/stable/sql/statements/insert.md split=holdout5
INSERT INTO tbl
    SELECT DISTINCT ON(i) i, j
    FROM VALUES (1, 84), (1, 168) AS t (i, j)
    ON CONFLICT DO UPDATE SET j = j + EXCLUDED.j;
## op=INSERT tables=t2 dialect=duckdb source=holdout5/github:duckdb/duckdb-web/docs/stable/sql/statements/insert.md split=holdout5
INSERT INTO t2
    SELECT 2 AS i, 3 AS j
    RETURNING *, i * j AS i_times_j;
## op=INSERT tables=t3 dialect=duckdb source=holdout5/github:duckdb/duckdb-web/docs/stable/sql/statements/insert.md split=holdout5
INSERT INTO t3
    SELECT nextval('t3_key') AS i, 42 AS j
    UNION ALL
    SELECT nextval('t3_key') AS i, 43 AS j
    RETURNING *;
## op=CREATE tables=people dialect=duckdb source=holdout5/github:duckdb/duckdb-web/docs/stable/sql/statements/merge_into.md split=holdout5
CREATE TABLE people (id INTEGER, name VARCHAR, salary FLOAT);
## op=INSERT tables=people dialect=duckdb source=holdout5/github:duckdb/duckdb-web/docs/stable/sql/statements/merge_into.md split=holdout5
INSERT INTO people VALUES (1, 'John', 92_000.0), (2, 'Anna', 100_000.0);
## op=MERGE tables=people dialect=duckdb source=holdout5/github:duckdb/duckdb-web/docs/stable/sql/statements/merge_into.md split=holdout5
MERGE INTO people
    USING (
        SELECT
            unnest([3, 1]) AS id,
            unnest(['Sarah', 'John']) AS name,
            unnest([95_000.0, 105_000.0]) AS salary
    ) AS upserts
    ON (upserts.id = people.id)
    WHEN MATCHED THEN UPDATE
    WHEN NOT MATCHED THEN INSERT;
## op=MERGE tables=people dialect=duckdb source=holdout5/github:duckdb/duckdb-web/docs/stable/sql/statements/merge_into.md split=holdout5
MERGE INTO people
    USING (
        SELECT
            1 AS id, 
            98_000.0 AS salary
    ) AS salary_updates
    USING (id)
    WHEN MATCHED THEN UPDATE SET salary = salary_updates.salary;
## op=MERGE tables=people dialect=duckdb source=holdout5/github:duckdb/duckdb-web/docs/stable/sql/statements/merge_into.md split=holdout5
MERGE INTO people
    USING (
        SELECT
            unnest([3, 1]) AS id,
            unnest([89_000.0, 70_000.0]) AS salary
    ) AS upserts
    USING (id)
    WHEN MATCHED AND people.salary < 100_000.0 THEN UPDATE SET salary = upserts.salary
    -- Second update or delete condition
    WHEN MATCHED AND people.salary > 100_000.0 THEN DELETE
    WHEN NOT MATCHED THEN INSERT BY NAME
    RETURNING merge_action, *;
## op=SELECT tables=people dialect=duckdb source=holdout5/github:duckdb/duckdb-web/docs/stable/sql/statements/merge_into.md split=holdout5
FROM people
ORDER BY id;
## op=CREATE tables=original dialect=duckdb source=holdout5/github:duckdb/duckdb-web/docs/stable/sql/statements/update.md split=holdout5
CREATE OR REPLACE TABLE original AS
    SELECT 1 AS key, 'original value' AS value
    UNION ALL
    SELECT 2 AS key, 'original value 2' AS value;
## op=UPDATE tables=original,new dialect=duckdb source=holdout5/github:duckdb/duckdb-web/docs/stable/sql/statements/update.md split=holdout5
UPDATE original
    SET value = new.value
    FROM new
    WHERE original.key = new.key;
## op=UPDATE tables=original,new dialect=duckdb source=holdout5/github:duckdb/duckdb-web/docs/stable/sql/statements/update.md split=holdout5
UPDATE original
    SET value = (
        SELECT
            new.value
        FROM new
        WHERE original.key = new.key
    );
## op=UPDATE tables=original dialect=duckdb source=holdout5/github:duckdb/duckdb-web/docs/stable/sql/statements/update.md split=holdout5
UPDATE original AS true_original
    SET value = (
        SELECT
            new.value || ' a change!' AS value
        FROM original AS new
        WHERE true_original.key = new.key
    );
## op=INSERT tables=city dialect=duckdb source=holdout5/github:duckdb/duckdb-web/docs/stable/sql/statements/update.md split=holdout5
INSERT INTO city VALUES ('Paris', 700, 'FR'), ('Lyon', 200, 'FR'), ('Brussels', 400, 'BE');
## op=UPDATE tables=city,country dialect=duckdb source=holdout5/github:duckdb/duckdb-web/docs/stable/sql/statements/update.md split=holdout5
UPDATE city
SET revenue = revenue + 100
FROM country
WHERE city.country_code = country.code
  AND country.name = 'France';
## op=CREATE tables=t1 dialect=duckdb source=holdout5/github:duckdb/duckdb-web/docs/stable/sql/statements/create_table.md split=holdout5
CREATE TABLE t1 (
    i INTEGER NOT NULL,
    decimalnr DOUBLE CHECK (decimalnr < 10),
    date DATE UNIQUE,
    time TIMESTAMP
);
## op=CREATE tables=t1 dialect=duckdb source=holdout5/github:duckdb/duckdb-web/docs/stable/sql/statements/create_table.md split=holdout5
CREATE TEMP TABLE t1 AS
    SELECT *
    FROM read_csv('path/file.csv');
## op=CREATE tables=t1,t2 dialect=duckdb source=holdout5/github:duckdb/duckdb-web/docs/stable/sql/statements/create_table.md split=holdout5
CREATE TABLE t1 AS
    FROM t2
    LIMIT 0;
## op=CREATE tables=nums dialect=duckdb source=holdout5/github:duckdb/duckdb-web/docs/stable/sql/statements/create_table.md split=holdout5
CREATE TABLE nums AS
    SELECT i
    FROM range(0, 3) t(i);
## op=CREATE tables=t3 dialect=duckdb source=holdout5/github:duckdb/duckdb-web/docs/stable/sql/statements/create_table.md split=holdout5
CREATE TABLE t3 (
    id INTEGER PRIMARY KEY,
    x INTEGER,
    y INTEGER,
    CONSTRAINT x_smaller_than_y CHECK (x < y)
);
## op=CREATE tables=t1 dialect=duckdb source=holdout5/github:duckdb/duckdb-web/docs/stable/sql/statements/create_table.md split=holdout5
CREATE TABLE t1 (x FLOAT, two_x FLOAT GENERATED ALWAYS AS (2 * x) VIRTUAL);
## op=UPSERT tables=t1 dialect=mysql source=holdout5/github:mysql/mysql-server/mysql-test/t/insert_update.test split=holdout5
INSERT t1 VALUES (5,6,30) ON DUPLICATE KEY UPDATE c=c+100;
## op=UPSERT tables=t1 dialect=mysql source=holdout5/github:mysql/mysql-server/mysql-test/t/insert_update.test split=holdout5
INSERT t1 SET a=5 ON DUPLICATE KEY UPDATE b=0;
## op=UPSERT tables=t1 dialect=mysql source=holdout5/github:mysql/mysql-server/mysql-test/t/insert_update.test split=holdout5
INSERT t1 VALUES (2,1,11), (7,4,40) ON DUPLICATE KEY UPDATE c=c+VALUES(a);
## op=UPSERT tables=t1 dialect=mysql source=holdout5/github:mysql/mysql-server/mysql-test/t/insert_update.test split=holdout5
replace into t1 values(5,25),(6,26),(7,27),(8,28),(9,29);
## op=UPSERT tables=t1,t2 dialect=mysql source=holdout5/github:mysql/mysql-server/mysql-test/t/insert_update.test split=holdout5
INSERT t1 SELECT a,b,c FROM t2 WHERE d=1 ON DUPLICATE KEY UPDATE c=t1.c+100;
## op=UPSERT tables=t1,t2 dialect=mysql source=holdout5/github:mysql/mysql-server/mysql-test/t/insert_update.test split=holdout5
INSERT t1 SELECT a,b,c FROM t2 WHERE d=2 ON DUPLICATE KEY UPDATE c=t1.c+VALUES(t1.a);
## op=UPSERT tables=t1 dialect=mysql source=holdout5/github:mysql/mysql-server/mysql-test/t/insert_update.test split=holdout5
insert ignore into t1 select a from t1 as t2 on duplicate key update a=t1.a+1 ;
## op=UPSERT tables=t1 dialect=mysql source=holdout5/github:mysql/mysql-server/mysql-test/t/insert_update.test split=holdout5
INSERT INTO t1 ( a ) SELECT 0 ON DUPLICATE KEY UPDATE a = a + VALUES (a) ;
## op=CREATE tables=t1 dialect=mysql source=holdout5/github:mysql/mysql-server/mysql-test/t/insert_update.test split=holdout5
CREATE TABLE t1 (
  a BIGINT(20) NOT NULL DEFAULT 0,
  PRIMARY KEY  (a)
) ENGINE=MyISAM;
## op=UPSERT tables=t1 dialect=mysql source=holdout5/github:mysql/mysql-server/mysql-test/t/insert_update.test split=holdout5
INSERT INTO t1 VALUES (45, 2) ON DUPLICATE KEY UPDATE b =
  IF(VALUES(b) > t1.b, VALUES(b), t1.b);
## op=UPSERT tables=t1,t2,t3 dialect=mysql source=holdout5/github:mysql/mysql-server/mysql-test/t/insert_update.test split=holdout5
INSERT INTO t1 SELECT 1, a FROM t2 NATURAL JOIN t3 
  ON DUPLICATE KEY UPDATE j= a;
## op=DROP tables=t1,t2,t3 dialect=mysql source=holdout5/github:mysql/mysql-server/mysql-test/t/insert_update.test split=holdout5
DROP TABLE t1,t2,t3;
## op=UPSERT tables=t1 dialect=mysql source=holdout5/github:mysql/mysql-server/mysql-test/t/insert_update.test split=holdout5
INSERT t1 (f2) VALUES ('test') ON DUPLICATE KEY UPDATE f1 = LAST_INSERT_ID(f1);
## op=CREATE tables=t1 dialect=mysql source=holdout5/github:mysql/mysql-server/mysql-test/t/insert_update.test split=holdout5
CREATE TABLE `t1` (
  `id` int(11) PRIMARY KEY auto_increment,
  `f1` varchar(10) NOT NULL UNIQUE
)engine=myisam;
## op=UPSERT tables=t1 dialect=mysql source=holdout5/github:mysql/mysql-server/mysql-test/t/insert_update.test split=holdout5
INSERT IGNORE INTO t1 (f1) VALUES ("test1"),("test4")
	ON DUPLICATE KEY UPDATE id=LAST_INSERT_ID(id);
## op=CREATE tables=t1 dialect=mysql source=holdout5/github:mysql/mysql-server/mysql-test/t/insert_update.test split=holdout5
CREATE TABLE `t1` (
  `id` int(11) PRIMARY KEY auto_increment,
  `f1` varchar(10) NOT NULL UNIQUE,
  tim1 timestamp default '2003-01-01 00:00:00' on update current_timestamp
);
## op=UPSERT tables=t1 dialect=mysql source=holdout5/github:mysql/mysql-server/mysql-test/t/insert_update.test split=holdout5
REPLACE INTO t1 VALUES (0,"test1",null);
## op=UPSERT tables=t1 dialect=mysql source=holdout5/github:mysql/mysql-server/mysql-test/t/insert_update.test split=holdout5
INSERT  INTO t1 (c1) VALUES ('A'), ('X'), ('Y'), ('Z')
  ON DUPLICATE KEY UPDATE cnt=cnt+1;
## op=UPSERT tables=t1,t2 dialect=mysql source=holdout5/github:mysql/mysql-server/mysql-test/t/insert_update.test split=holdout5
INSERT IGNORE INTO t1 (id,c1) SELECT * FROM t2
  ON DUPLICATE KEY UPDATE c1=NULL, cnt=cnt+1;
## op=CREATE tables=t1 dialect=mysql source=holdout5/github:mysql/mysql-server/mysql-test/t/insert_update.test split=holdout5
create table t1(f1 int primary key,
 f2 timestamp NOT NULL default CURRENT_TIMESTAMP on update CURRENT_TIMESTAMP);
## op=CREATE tables=t_gb2312 dialect=mysql source=holdout5/github:mysql/mysql-server/mysql-test/t/insert_update.test split=holdout5
CREATE TABLE t_gb2312(
  a CHAR(20) CHARACTER SET gb2312,
  b VARCHAR(20) CHARACTER SET gb2312,
  c TEXT(20) CHARACTER SET gb2312
);
## op=INSERT tables=t_latin1 dialect=mysql source=holdout5/github:mysql/mysql-server/mysql-test/t/insert_update.test split=holdout5
INSERT INTO t_latin1 values(x'f242', x'f242', x'f242');
## op=UPDATE tables=t_utf8 dialect=mysql source=holdout5/github:mysql/mysql-server/mysql-test/t/insert_update.test split=holdout5
UPDATE t_utf8 SET a=x'e69687' where a=x'e4b8ad';
## op=CREATE tables=target dialect=postgresql source=holdout5/github:postgres/postgres/src/test/regress/sql/merge.sql split=holdout5
CREATE TABLE target (tid integer, balance integer)
  WITH (autovacuum_enabled=off);
## op=SELECT tables=source,target dialect=postgresql source=holdout5/github:postgres/postgres/src/test/regress/sql/merge.sql split=holdout5
SELECT t.ctid is not null as matched, t.*, s.* FROM source s FULL OUTER JOIN target t ON s.sid = t.tid ORDER BY t.tid, s.sid;
## op=ALTER tables=target2 dialect=postgresql source=holdout5/github:postgres/postgres/src/test/regress/sql/merge.sql split=holdout5
ALTER TABLE target2 OWNER TO regress_merge_no_privs;
## op=MERGE tables=target,source2 dialect=postgresql source=holdout5/github:postgres/postgres/src/test/regress/sql/merge.sql split=holdout5
MERGE INTO target
USING source2
ON target.tid = source2.sid
WHEN MATCHED THEN
	UPDATE SET balance = 0;
## op=MERGE tables=target2,source dialect=postgresql source=holdout5/github:postgres/postgres/src/test/regress/sql/merge.sql split=holdout5
MERGE INTO target2
USING source
ON target2.tid = source.sid
WHEN NOT MATCHED THEN
	INSERT DEFAULT VALUES;
## op=INSERT tables=target dialect=postgresql source=holdout5/github:postgres/postgres/src/test/regress/sql/merge.sql split=holdout5
INSERT INTO target SELECT generate_series(1000,2500), 0;
## op=ALTER tables=target dialect=postgresql source=holdout5/github:postgres/postgres/src/test/regress/sql/merge.sql split=holdout5
ALTER TABLE target ADD PRIMARY KEY (tid);
## op=ALTER tables=target dialect=postgresql source=holdout5/github:postgres/postgres/src/test/regress/sql/merge.sql split=holdout5
alter table target alter column tid drop not null;
## op=MERGE tables=target,source dialect=postgresql source=holdout5/github:postgres/postgres/src/test/regress/sql/merge.sql split=holdout5
MERGE INTO target t
USING source AS s
ON t.tid = s.sid
WHEN MATCHED AND t.balance > s.delta THEN
	UPDATE SET balance = t.balance - s.delta
WHEN MATCHED THEN
	DELETE
WHEN NOT MATCHED THEN
	INSERT VALUES (s.sid, s.delta);
## op=MERGE tables=target,source dialect=postgresql source=holdout5/github:postgres/postgres/src/test/regress/sql/merge.sql split=holdout5
MERGE INTO target t
USING source AS s
ON t.tid = s.sid
WHEN NOT MATCHED THEN
	INSERT (tid, balance) VALUES (s.sid, s.delta);
## op=CREATE tables=wq_target dialect=postgresql source=holdout5/github:postgres/postgres/src/test/regress/sql/merge.sql split=holdout5
CREATE TABLE wq_target (tid integer not null, balance integer DEFAULT -1)
  WITH (autovacuum_enabled=off);
## op=INSERT tables=wq_source dialect=postgresql source=holdout5/github:postgres/postgres/src/test/regress/sql/merge.sql split=holdout5
INSERT INTO wq_source (sid, balance) VALUES (1, 100);
## op=MERGE tables=wq_target,wq_source dialect=postgresql source=holdout5/github:postgres/postgres/src/test/regress/sql/merge.sql split=holdout5
MERGE INTO wq_target t
USING wq_source s ON t.tid = s.sid
WHEN NOT MATCHED AND s.balance <> 100 THEN
	INSERT (tid) VALUES (s.sid);
## op=MERGE tables=wq_target,wq_source,target dialect=postgresql source=holdout5/github:postgres/postgres/src/test/regress/sql/merge.sql split=holdout5
MERGE INTO wq_target t
USING wq_source s ON t.tid = s.sid
WHEN MATCHED AND t.balance > (SELECT max(balance) FROM target) THEN
	UPDATE SET balance = t.balance + s.balance;
## op=MERGE tables=wq_target,wq_source dialect=postgresql source=holdout5/github:postgres/postgres/src/test/regress/sql/merge.sql split=holdout5
MERGE INTO wq_target t
USING wq_source s ON (t.tid = s.sid)
WHEN matched and t = s or t.tid = s.sid THEN
	UPDATE SET balance = t.balance + s.balance;
## op=DROP tables=wq_target,wq_source dialect=postgresql source=holdout5/github:postgres/postgres/src/test/regress/sql/merge.sql split=holdout5
DROP TABLE wq_target, wq_source;
## op=CREATE tables=target dialect=postgresql source=holdout5/github:postgres/postgres/src/test/regress/sql/merge.sql split=holdout5
CREATE TRIGGER merge_asu AFTER UPDATE ON target FOR EACH STATEMENT EXECUTE PROCEDURE merge_trigfunc ();
## op=CREATE tables=target dialect=postgresql source=holdout5/github:postgres/postgres/src/test/regress/sql/merge.sql split=holdout5
create trigger merge_skip BEFORE INSERT OR UPDATE or DELETE
  ON target FOR EACH ROW EXECUTE FUNCTION skip_merge_op();
## op=SELECT tables=target,source dialect=postgresql source=holdout5/github:postgres/postgres/src/test/regress/sql/merge.sql split=holdout5
SELECT * FROM target full outer join source on (sid = tid);
## op=CREATE tables=arrays_test dialect=clickhouse source=holdout5/github:ClickHouse/ClickHouse/docs/en/sql-reference/statements/select/array-join.md split=holdout5
CREATE TABLE arrays_test
(
    s String,
    arr Array(UInt8)
) ENGINE = Memory;
## op=INSERT tables=arrays_test dialect=clickhouse source=holdout5/github:ClickHouse/ClickHouse/docs/en/sql-reference/statements/select/array-join.md split=holdout5
INSERT INTO arrays_test
VALUES ('Hello', [1,2]), ('World', [3,4,5]), ('Goodbye', []);
## op=SELECT tables=arrays_test dialect=clickhouse source=holdout5/github:ClickHouse/ClickHouse/docs/en/sql-reference/statements/select/array-join.md split=holdout5
SELECT s, arr
FROM arrays_test
LEFT ARRAY JOIN arr;
## op=SELECT tables=arrays_test dialect=clickhouse source=holdout5/github:ClickHouse/ClickHouse/docs/en/sql-reference/statements/select/array-join.md split=holdout5
SELECT s, arr, a, num, mapped
FROM arrays_test
ARRAY JOIN arr AS a, arrayEnumerate(arr) AS num, arrayMap(x -> x + 1, arr) AS mapped;
## op=SELECT tables=arrays_test dialect=clickhouse source=holdout5/github:ClickHouse/ClickHouse/docs/en/sql-reference/statements/select/array-join.md split=holdout5
SELECT s, arr, a, b
FROM arrays_test ARRAY JOIN arr as a, [['a','b'],['c']] as b
SETTINGS enable_unaligned_array_join = 1;
## op=CREATE tables=nested_test dialect=clickhouse source=holdout5/github:ClickHouse/ClickHouse/docs/en/sql-reference/statements/select/array-join.md split=holdout5
CREATE TABLE nested_test
(
    s String,
    nest Nested(
    x UInt8,
    y UInt32)
) ENGINE = Memory;
## op=SELECT tables=nested_test dialect=clickhouse source=holdout5/github:ClickHouse/ClickHouse/docs/en/sql-reference/statements/select/array-join.md split=holdout5
SELECT s, `nest.x`, `nest.y`
FROM nested_test
ARRAY JOIN `nest.x`, `nest.y`;
## op=SELECT tables=nested_test dialect=clickhouse source=holdout5/github:ClickHouse/ClickHouse/docs/en/sql-reference/statements/select/array-join.md split=holdout5
SELECT s, `n.x`, `n.y`, `nest.x`, `nest.y`, num
FROM nested_test
ARRAY JOIN nest AS n, arrayEnumerate(`nest.x`) AS num;
## op=DELETE tables=hits dialect=clickhouse source=holdout5/github:ClickHouse/ClickHouse/docs/en/sql-reference/statements/delete.md split=holdout5
DELETE FROM hits WHERE Title LIKE '%hello%';
## op=CREATE tables=limit_by dialect=clickhouse source=holdout5/github:ClickHouse/ClickHouse/docs/en/sql-reference/statements/select/limit-by.md split=holdout5
CREATE TABLE limit_by(id Int, val Int) ENGINE = Memory;
## op=SELECT tables=limit_by dialect=clickhouse source=holdout5/github:ClickHouse/ClickHouse/docs/en/sql-reference/statements/select/limit-by.md split=holdout5
SELECT * FROM limit_by ORDER BY id, val LIMIT 1, 2 BY id
## op=SELECT tables=hits dialect=clickhouse source=holdout5/github:ClickHouse/ClickHouse/docs/en/sql-reference/statements/select/limit-by.md split=holdout5
SELECT
    domainWithoutWWW(URL) AS domain,
    domainWithoutWWW(REFERRER_URL) AS referrer,
    device_type,
    count() cnt
FROM hits
GROUP BY domain, referrer, device_type
ORDER BY cnt DESC
LIMIT 5 BY domain, device_type
LIMIT 100
## op=INSERT tables=categories dialect=snowflake source=holdout5/github:Snowflake-Labs/sfquickstarts/site/sfguides/src/a-guide-to-implementing-a-pipeline-for-database-change-management/assets/dml.sql split=holdout5
INSERT INTO categories VALUES
	(1, 'Beverages', 'Soft drinks, coffees, teas, beers, and ales', '48656C6C6F'),
	(2, 'Condiments', 'Sweet and savory sauces, relishes, spreads, and seasonings', '48656C6C6F'),
	(3, 'Confections', 'Desserts, candies, and sweet breads', '48656C6C6F'),
	(4, 'Dairy Products', 'Cheeses', '48656C6C6F'),
	(5, 'Grains/Cereals', 'Breads, crackers, pasta, and cereal', '48656C6C6F'),
	(6, 'Meat/Poultry', 'Prepared meats', '48656C6C6F'),
	(7, 'Produce', 'Dried fruit and bean curd', '48656C6C6F'),
	(8, 'Seafood', 'Seaweed and fish', '48656C6C6F');
## op=CREATE tables=ENG.CDC_STREAMING_TABLE dialect=snowflake source=holdout5/github:Snowflake-Labs/sfquickstarts/site/sfguides/src/data_engineering_CDC_SnowpipeStreaming_DynamicTables/files/Data_Engineering_Streams_CDC_DT_VHOL.sql split=holdout5
create or replace table ENG.CDC_STREAMING_TABLE (RECORD_CONTENT variant);
## op=GRANT tables=ENG.CDC_STREAMING_TABLE dialect=snowflake source=holdout5/github:Snowflake-Labs/sfquickstarts/site/sfguides/src/data_engineering_CDC_SnowpipeStreaming_DynamicTables/files/Data_Engineering_Streams_CDC_DT_VHOL.sql split=holdout5
grant insert on table ENG.CDC_STREAMING_TABLE to role VHOL_CDC_AGENT;
## op=SELECT tables=ENG.CDC_STREAMING_TABLE dialect=snowflake source=holdout5/github:Snowflake-Labs/sfquickstarts/site/sfguides/src/data_engineering_CDC_SnowpipeStreaming_DynamicTables/files/Data_Engineering_Streams_CDC_DT_VHOL.sql split=holdout5
select RECORD_CONTENT:transaction:primaryKey_tokenized::string as orderid from ENG.CDC_STREAMING_TABLE limit 10;
## op=SELECT tables=ENG.CDC_STREAMING_TABLE dialect=snowflake source=holdout5/github:Snowflake-Labs/sfquickstarts/site/sfguides/src/data_engineering_CDC_SnowpipeStreaming_DynamicTables/files/Data_Engineering_Streams_CDC_DT_VHOL.sql split=holdout5
select
    RECORD_CONTENT:transaction:primaryKey_tokenized::varchar as orderid_tokenized,
    RECORD_CONTENT:transaction:record_after:orderid_encrypted::varchar as orderid_encrypted,
    RECORD_CONTENT:transaction:action::varchar as action,
    RECORD_CONTENT:transaction:committed_at::varchar as committed_at,
    RECORD_CONTENT:transaction:dbuser::varchar as dbuser,
    RECORD_CONTENT:transaction:record_before::variant as before,
    RECORD_CONTENT:transaction:record_after::variant as after
  from ENG.CDC_STREAMING_TABLE
  where RECORD_CONTENT:transaction:action::varchar='INSERT' limit 1000;
## op=SELECT tables=ENG.CDC_STREAMING_TABLE dialect=snowflake source=holdout5/github:Snowflake-Labs/sfquickstarts/site/sfguides/src/data_engineering_CDC_SnowpipeStreaming_DynamicTables/files/Data_Engineering_Streams_CDC_DT_VHOL.sql split=holdout5
select distinct RECORD_CONTENT:transaction:schema::varchar,RECORD_CONTENT:transaction:table::varchar from ENG.CDC_STREAMING_TABLE;
## op=CREATE tables=ENG.LIMIT_ORDERS_CURRENT_DT,ENG.CDC_STREAMING_TABLE dialect=snowflake source=holdout5/github:Snowflake-Labs/sfquickstarts/site/sfguides/src/data_engineering_CDC_SnowpipeStreaming_DynamicTables/files/Data_Engineering_Streams_CDC_DT_VHOL.sql split=holdout5
CREATE OR REPLACE DYNAMIC TABLE ENG.LIMIT_ORDERS_CURRENT_DT
LAG = '1 minute'
WAREHOUSE = 'VHOL_CDC_WH'
AS
SELECT * EXCLUDE (score,action) from (
  SELECT
    RECORD_CONTENT:transaction:primaryKey_tokenized::varchar as orderid_tokenized,
    RECORD_CONTENT:transaction:record_after:orderid_encrypted::varchar as orderid_encrypted,
    TO_TIMESTAMP_NTZ(RECORD_CONTENT:transaction:committed_at::number/1000) as lastUpdated,
    RECORD_CONTENT:transaction:action::varchar as action,
    RECORD_CONTENT:transaction:record_after:client::varchar as client,
    RECORD_CONTENT:transaction:record_after:ticker::varchar as ticker,
    RECORD_CONTENT:transaction:record_after:LongOrShort::varchar as position,
    RECORD_CONTENT:transaction:record_after:Price::number(38,3) as price,
    RECORD_CONTENT:transaction:record_after:Quantity::number(38,3) as quantity,
    RANK() OVER (
        partition by orderid_tokenized order by RECORD_CONTENT:transaction:committed_at::number desc) as score
  FROM ENG.CDC_STREAMING_TABLE
    WHERE
        RECORD_CONTENT:transaction:schema::varchar='PROD' AND RECORD_CONTENT:transaction:table::varchar='LIMIT_ORDERS'
)
WHERE score = 1 and action != 'DELETE';
## op=CREATE tables=ENG.LIMIT_ORDERS_SUMMARY_DT,ENG.CDC_STREAMING_TABLE dialect=snowflake source=holdout5/github:Snowflake-Labs/sfquickstarts/site/sfguides/src/data_engineering_CDC_SnowpipeStreaming_DynamicTables/files/Data_Engineering_Streams_CDC_DT_VHOL.sql split=holdout5
CREATE OR REPLACE DYNAMIC TABLE ENG.LIMIT_ORDERS_SUMMARY_DT
LAG = '1 minute'
WAREHOUSE = 'VHOL_CDC_WH'
AS
SELECT ticker,position,min(price) as MIN_PRICE,max(price) as MAX_PRICE, TO_DECIMAL(avg(price),38,2) as AVERAGE_PRICE,
    SUM(quantity) as TOTAL_SHARES,TO_DECIMAL(TOTAL_SHARES*AVERAGE_PRICE,38,2) as TOTAL_VALUE_USD
from (
  SELECT
    RECORD_CONTENT:transaction:action::varchar as action,
    RECORD_CONTENT:transaction:record_after:ticker::varchar as ticker,
    RECORD_CONTENT:transaction:record_after:LongOrShort::varchar as position,
    RECORD_CONTENT:transaction:record_after:Price::number(38,3) as price,
    RECORD_CONTENT:transaction:record_after:Quantity::number(38,3) as quantity
  FROM ENG.CDC_STREAMING_TABLE
  WHERE
        RECORD_CONTENT:transaction:schema::varchar='PROD' AND RECORD_CONTENT:transaction:table::varchar='LIMIT_ORDERS'
  QUALIFY RANK() OVER (
        partition by RECORD_CONTENT:transaction:primaryKey_tokenized::varchar order by RECORD_CONTENT:transaction:committed_at::number desc) = 1
)
WHERE action != 'DELETE' group by ticker,position order by position,TOTAL_VALUE_USD DESC
;
## op=SELECT tables=LIMIT_ORDERS_CURRENT_DT dialect=snowflake source=holdout5/github:Snowflake-Labs/sfquickstarts/site/sfguides/src/data_engineering_CDC_SnowpipeStreaming_DynamicTables/files/Data_Engineering_Streams_CDC_DT_VHOL.sql split=holdout5
SELECT count(*) FROM LIMIT_ORDERS_CURRENT_DT;
## op=ALTER tables=LIMIT_ORDERS_SUMMARY_DT dialect=snowflake source=holdout5/github:Snowflake-Labs/sfquickstarts/site/sfguides/src/data_engineering_CDC_SnowpipeStreaming_DynamicTables/files/Data_Engineering_Streams_CDC_DT_VHOL.sql split=holdout5
alter DYNAMIC TABLE LIMIT_ORDERS_SUMMARY_DT refresh;
## op=SELECT tables=LIMIT_ORDERS_SUMMARY_DT dialect=snowflake source=holdout5/github:Snowflake-Labs/sfquickstarts/site/sfguides/src/data_engineering_CDC_SnowpipeStreaming_DynamicTables/files/Data_Engineering_Streams_CDC_DT_VHOL.sql split=holdout5
select * from LIMIT_ORDERS_SUMMARY_DT where position='LONG' order by TOTAL_VALUE_USD;
## op=SELECT tables=PII.LIMIT_ORDERS_VW dialect=snowflake source=holdout5/github:Snowflake-Labs/sfquickstarts/site/sfguides/src/data_engineering_CDC_SnowpipeStreaming_DynamicTables/files/Data_Engineering_Streams_CDC_DT_VHOL.sql split=holdout5
select * from PII.LIMIT_ORDERS_VW where ticker='MMM' and position='LONG' order by ORDERID_PII;
## op=SELECT tables=VHOL_ENG_CDC.PII.LIMIT_ORDERS_VW dialect=snowflake source=holdout5/github:Snowflake-Labs/sfquickstarts/site/sfguides/src/data_engineering_CDC_SnowpipeStreaming_DynamicTables/files/Data_Engineering_Streams_CDC_DT_VHOL.sql split=holdout5
select * from VHOL_ENG_CDC.PII.LIMIT_ORDERS_VW limit 1000;
## op=SELECT tables=bigquery-public-data.samples.trigrams dialect=bigquery source=holdout5/github:robertsaxby/bigdata-summit-dublin/bigquery/README.md split=holdout5
SELECT *
FROM `bigquery-public-data.samples.trigrams`
WHERE ngram = 'terabytes of data'
## op=SELECT tables=bigquery-public-data.samples.trigrams dialect=bigquery source=holdout5/github:robertsaxby/bigdata-summit-dublin/bigquery/README.md split=holdout5
SELECT
  ngram,
  AVG(c.volume_count) AS avg_volume_count
FROM `bigquery-public-data.samples.trigrams`
JOIN UNNEST(cell) AS c
WHERE ngram = 'terabytes of data'
GROUP BY ngram
## op=SELECT tables=bigquery-public-data.samples.trigrams dialect=bigquery source=holdout5/github:robertsaxby/bigdata-summit-dublin/bigquery/README.md split=holdout5
WITH decomposed AS (
  SELECT first AS word, c.volume_count
  FROM `bigquery-public-data.samples.trigrams`
  JOIN UNNEST(cell) AS c

  UNION ALL

  SELECT second AS word, c.volume_count
  FROM `bigquery-public-data.samples.trigrams`
  JOIN UNNEST(cell) AS c

  UNION ALL

  SELECT third AS word, c.volume_count
  FROM `bigquery-public-data.samples.trigrams`
  JOIN UNNEST(cell) AS c
)

SELECT LOWER(word), SUM(volume_count) AS total
FROM decomposed
WHERE REGEXP_CONTAINS(word, r"^\w*$")
GROUP BY LOWER(word)
ORDER BY total DESC
LIMIT 50
## op=INSERT tables=Production.UpdatedInventory,Production.ProductInventory,Sales.SalesOrderDetail,Sales.SalesOrderHeader dialect=mssql source=holdout5/github:MicrosoftDocs/sql-docs/docs/t-sql/statements/merge-transact-sql.md split=holdout5
INSERT INTO Production.UpdatedInventory  
SELECT ProductID, LocationID, NewQty, PreviousQty
FROM  
(    MERGE Production.ProductInventory AS pi  
     USING (SELECT ProductID, SUM(OrderQty)
            FROM Sales.SalesOrderDetail AS sod  
            JOIN Sales.SalesOrderHeader AS soh  
            ON sod.SalesOrderID = soh.SalesOrderID  
            AND soh.OrderDate BETWEEN '20030701' AND '20030731'  
            GROUP BY ProductID) AS src (ProductID, OrderQty)  
     ON pi.ProductID = src.ProductID  
    WHEN MATCHED AND pi.Quantity - src.OrderQty >= 0
        THEN UPDATE SET pi.Quantity = pi.Quantity - src.OrderQty  
    WHEN MATCHED AND pi.Quantity - src.OrderQty <= 0
        THEN DELETE  
    OUTPUT $action, Inserted.ProductID, Inserted.LocationID,
        Inserted.Quantity AS NewQty, Deleted.Quantity AS PreviousQty)  
 AS Changes (Action, ProductID, LocationID, NewQty, PreviousQty)
 WHERE Action = 'UPDATE';
## op=CREATE tables=Production.UpdatedInventory dialect=mssql source=holdout5/github:MicrosoftDocs/sql-docs/docs/t-sql/statements/merge-transact-sql.md split=holdout5
CREATE TABLE Production.UpdatedInventory  
    (ProductID INT NOT NULL, LocationID int, NewQty int, PreviousQty int,  
     CONSTRAINT PK_Inventory PRIMARY KEY CLUSTERED (ProductID, LocationID));
## op=CREATE tables=#MyTempTable dialect=mssql source=holdout5/github:MicrosoftDocs/sql-docs/docs/t-sql/statements/merge-transact-sql.md split=holdout5
CREATE TABLE #MyTempTable  
    (ExistingCode nchar(3),  
     ExistingName nvarchar(50),  
     ExistingDate datetime,  
     ActionTaken nvarchar(10),  
     NewCode nchar(3),  
     NewName nvarchar(50),  
     NewDate datetime  
    );
## op=SELECT tables=Production.UnitMeasure dialect=mssql source=holdout5/github:MicrosoftDocs/sql-docs/docs/t-sql/statements/merge-transact-sql.md split=holdout5
SELECT UnitMeasureCode, Name FROM Production.UnitMeasure  
WHERE UnitMeasureCode = 'ABC';
## op=DELETE tables=Production.UnitMeasure dialect=mssql source=holdout5/github:MicrosoftDocs/sql-docs/docs/t-sql/statements/merge-transact-sql.md split=holdout5
DELETE FROM Production.UnitMeasure WHERE UnitMeasureCode IN ('ABC','XYZ');
## op=CREATE tables=City dialect=mssql source=holdout5/github:MicrosoftDocs/sql-docs/docs/t-sql/statements/merge-transact-sql.md split=holdout5
CREATE TABLE City
    (
        ID INTEGER PRIMARY KEY,
        CityName VARCHAR(100),
        StateName VARCHAR(100)
    )
AS NODE
## op=INSERT tables=City dialect=mssql source=holdout5/github:MicrosoftDocs/sql-docs/docs/t-sql/statements/merge-transact-sql.md split=holdout5
INSERT INTO City VALUES (1, 'Redmond', 'Washington'), (2, 'Seattle', 'Washington')
## op=CREATE tables=regions dialect=oracle source=holdout5/github:oracle-samples/db-sample-schemas/human_resources/hr_create.sql split=holdout5
CREATE TABLE regions
    ( region_id      NUMBER 
       CONSTRAINT  region_id_nn NOT NULL 
    , region_name    VARCHAR2(25) 
    );
## op=INDEX tables=regions dialect=oracle source=holdout5/github:oracle-samples/db-sample-schemas/human_resources/hr_create.sql split=holdout5
CREATE UNIQUE INDEX reg_id_pk
ON regions (region_id);
## op=ALTER tables=regions dialect=oracle source=holdout5/github:oracle-samples/db-sample-schemas/human_resources/hr_create.sql split=holdout5
ALTER TABLE regions
ADD ( CONSTRAINT reg_id_pk
       		 PRIMARY KEY (region_id)
    ) ;
## op=CREATE tables=countries dialect=oracle source=holdout5/github:oracle-samples/db-sample-schemas/human_resources/hr_create.sql split=holdout5
CREATE TABLE countries 
    ( country_id      CHAR(2) 
       CONSTRAINT  country_id_nn NOT NULL 
    , country_name    VARCHAR2(60) 
    , region_id       NUMBER 
    , CONSTRAINT     country_c_id_pk 
        	     PRIMARY KEY (country_id) 
    ) 
    ORGANIZATION INDEX;
## op=CREATE tables=locations dialect=oracle source=holdout5/github:oracle-samples/db-sample-schemas/human_resources/hr_create.sql split=holdout5
CREATE TABLE locations
    ( location_id    NUMBER(4)
    , street_address VARCHAR2(40)
    , postal_code    VARCHAR2(12)
    , city       VARCHAR2(30)
	CONSTRAINT     loc_city_nn  NOT NULL
    , state_province VARCHAR2(25)
    , country_id     CHAR(2)
    ) ;
## op=CREATE tables=employees dialect=oracle source=holdout5/github:oracle-samples/db-sample-schemas/human_resources/hr_create.sql split=holdout5
CREATE TABLE employees
    ( employee_id    NUMBER(6)
    , first_name     VARCHAR2(20)
    , last_name      VARCHAR2(25)
	 CONSTRAINT     emp_last_name_nn  NOT NULL
    , email          VARCHAR2(25)
	CONSTRAINT     emp_email_nn  NOT NULL
    , phone_number   VARCHAR2(20)
    , hire_date      DATE
	CONSTRAINT     emp_hire_date_nn  NOT NULL
    , job_id         VARCHAR2(10)
	CONSTRAINT     emp_job_nn  NOT NULL
    , salary         NUMBER(8,2)
    , commission_pct NUMBER(2,2)
    , manager_id     NUMBER(6)
    , department_id  NUMBER(4)
    , CONSTRAINT     emp_salary_min
                     CHECK (salary > 0) 
    , CONSTRAINT     emp_email_uk
                     UNIQUE (email)
    ) ;
## op=INDEX tables=job_history dialect=oracle source=holdout5/github:oracle-samples/db-sample-schemas/human_resources/hr_create.sql split=holdout5
CREATE UNIQUE INDEX jhist_emp_id_st_date_pk 
ON job_history (employee_id, start_date) ;
## op=CREATE tables=job_history dialect=oracle source=holdout5/github:oracle-samples/db-sample-schemas/human_resources/hr_create.sql split=holdout5
CREATE TABLE job_history
    ( employee_id   NUMBER(6)
	 CONSTRAINT    jhist_employee_nn  NOT NULL
    , start_date    DATE
	CONSTRAINT    jhist_start_date_nn  NOT NULL
    , end_date      DATE
	CONSTRAINT    jhist_end_date_nn  NOT NULL
    , job_id        VARCHAR2(10)
	CONSTRAINT    jhist_job_nn  NOT NULL
    , department_id NUMBER(4)
    , CONSTRAINT    jhist_date_interval
                    CHECK (end_date > start_date)
    ) ;
## op=INDEX tables=employees dialect=oracle source=holdout5/github:oracle-samples/db-sample-schemas/human_resources/hr_create.sql split=holdout5
CREATE INDEX emp_name_ix
       ON employees (last_name, first_name);
## op=INDEX tables=locations dialect=oracle source=holdout5/github:oracle-samples/db-sample-schemas/human_resources/hr_create.sql split=holdout5
CREATE INDEX loc_state_province_ix	
       ON locations (state_province);
## op=COMMENT tables=regions dialect=oracle source=holdout5/github:oracle-samples/db-sample-schemas/human_resources/hr_create.sql split=holdout5
COMMENT ON TABLE regions 
IS 'Regions table that contains region numbers and names. references with the Countries table.';
## op=COMMENT tables=locations dialect=oracle source=holdout5/github:oracle-samples/db-sample-schemas/human_resources/hr_create.sql split=holdout5
COMMENT ON COLUMN locations.city
IS 'A not null column that shows city where an office, warehouse, or 
production site of a company is located. ';
## op=ALTER tables=profiles dialect=postgresql source=holdout5/github:dobbbri/quasar-supabase/sql/rls/users_profile.sql split=holdout5
alter table profiles enable row level security;
## op=CREATE tables=profiles dialect=postgresql source=holdout5/github:dobbbri/quasar-supabase/sql/rls/users_profile.sql split=holdout5
create policy "User profile can be read by everyone."
  on profiles for select
  using ( true );
## op=CREATE tables=profiles dialect=postgresql source=holdout5/github:dobbbri/quasar-supabase/sql/rls/users_profile.sql split=holdout5
create policy "Users can update own profile."
  on profiles for update
  using ( auth.uid() = id );
## op=SELECT tables=schema dialect=postgresql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/postgres_test.exs split=holdout5
SELECT s0."x" FROM "schema" AS s0 INTERSECT ALL (SELECT s0."y" FROM "schema" AS s0 ORDER BY s0."y" LIMIT 40 OFFSET 20) INTERSECT ALL (SELECT s0."z" FROM "schema" AS s0 ORDER BY s0."z" LIMIT 60 OFFSET 30) ORDER BY rand LIMIT 5 OFFSET 10
## op=SELECT tables=schema dialect=postgresql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/postgres_test.exs split=holdout5
SELECT TRUE FROM "schema" AS s0 FOR SHARE NOWAIT
## op=SELECT tables=comments,posts dialect=postgresql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/postgres_test.exs split=holdout5
SELECT c0."x" FROM "comments" AS c0 WHERE (c0."post_id" IN (SELECT sp0."id" AS "id" FROM "posts" AS sp0 WHERE (sp0."title" = c0."subtitle")))
## op=SELECT tables=schema,schema1,schema2 dialect=postgresql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/postgres_test.exs split=holdout5
WITH "cte1" AS (SELECT s0."id" AS "id", $1 AS "smth" FROM "schema1" AS s0 WHERE ($2)), "cte2" AS (SELECT * FROM schema WHERE $3) SELECT s0."id", $4 FROM "schema" AS s0 INNER JOIN "schema2" AS s1 ON $5 INNER JOIN "schema2" AS s2 ON $6 WHERE ($7) AND ($8) GROUP BY $9, $10 HAVING ($11) AND ($12) UNION (SELECT s0."id", $13 FROM "schema1" AS s0 WHERE ($14)) UNION ALL (SELECT s0."id", $15 FROM "schema2" AS s0 WHERE ($16)) ORDER BY $17 LIMIT $18 OFFSET $19
## op=SELECT tables=schema dialect=postgresql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/postgres_test.exs split=holdout5
SELECT TRUE FROM "schema" AS s0 WHERE (extract($1 from s0."start_time") = $2::bigint) AND (extract($3 from s0."start_time") = $4::bigint)
## op=UPDATE tables=schema,schema2 dialect=postgresql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/postgres_test.exs split=holdout5
UPDATE "schema" AS s0 SET "x" = 0 FROM "schema2" AS s1 WHERE (s0."x" = s1."z") AND (s0."x" = 123)
## op=UPDATE tables=schema dialect=postgresql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/postgres_test.exs split=holdout5
UPDATE "schema" AS s0 SET "x" = $1 WHERE (s0."x" = $2) RETURNING s0."x" = $3
## op=UPDATE tables=first.schema dialect=postgresql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/postgres_test.exs split=holdout5
UPDATE "first"."schema" AS s0 SET "x" = 0
## op=DELETE tables=schema,schema2,schema3 dialect=postgresql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/postgres_test.exs split=holdout5
DELETE FROM "schema" AS s0 USING "schema2" AS s1, "schema3" AS s2 WHERE (s1."z" = s0."x") AND (s2."id" = s0."y") AND (s0."x" = 123)
## op=DELETE tables=prefix.schema dialect=postgresql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/postgres_test.exs split=holdout5
DELETE FROM "prefix"."schema" AS s0
## op=SELECT tables=schema dialect=postgresql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/postgres_test.exs split=holdout5
SELECT count(s0."x") OVER "w" FROM "schema" AS s0 WINDOW "w" AS (PARTITION BY s0."x")
## op=SELECT tables=schema dialect=postgresql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/postgres_test.exs split=holdout5
SELECT count(s0."x") OVER (PARTITION BY s0."x", s0."z" ORDER BY s0."x" ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING) FROM "schema" AS s0
## op=SELECT tables=comments,posts dialect=postgresql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/postgres_test.exs split=holdout5
SELECT s1."x", s1."z" FROM "comments" AS c0 INNER JOIN (SELECT sp0."x" AS "x", sp0."y" AS "z" FROM "posts" AS sp0 WHERE (sp0."title" = $1)) AS s1 ON TRUE
## op=SELECT tables=first.schema,second.schema2 dialect=postgresql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/postgres_test.exs split=holdout5
SELECT TRUE FROM "first"."schema" AS s0 INNER JOIN "second"."schema2" AS s1 ON s0."x" = s1."z"
## op=SELECT tables=schema,schema2 dialect=postgresql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/postgres_test.exs split=holdout5
SELECT s0."id", f1."z" FROM "schema" AS s0 INNER JOIN LATERAL (SELECT * FROM schema2 AS s2 WHERE s2.id = s0."x" AND s2.field = $1) AS f1 ON TRUE WHERE ((s0."id" > 0) AND (s0."id" < $2))
## op=SELECT tables=schema dialect=postgresql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/postgres_test.exs split=holdout5
SELECT s0."id" FROM "schema" AS s0 CROSS JOIN jsonb_each(s0."j") AS f1
## op=SELECT tables=schema dialect=postgresql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/postgres_test.exs split=holdout5
SELECT $1 FROM "schema" AS s0 INNER JOIN (SELECT $2 AS "x", $3 AS "w" FROM "schema" AS ss0) AS s1 ON TRUE WHERE (s0."x" = $4)
## op=UPSERT tables=schema dialect=postgresql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/postgres_test.exs split=holdout5
INSERT INTO "schema" AS s0 ("x","y") VALUES ($1,$2) ON CONFLICT ("x","y") DO UPDATE SET "z" = 'foo' RETURNING "z"
## op=UPSERT tables=schema dialect=postgresql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/postgres_test.exs split=holdout5
INSERT INTO "schema" ("x","y") VALUES ($1,$2) ON CONFLICT ON CONSTRAINT "foo" DO UPDATE SET "x" = EXCLUDED."x","y" = EXCLUDED."y"
## op=INSERT tables=schema dialect=postgresql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/postgres_test.exs split=holdout5
INSERT INTO "schema" ("x","y") VALUES ($1,$2) ON CONFLICT ("x","y") DO NOTHING
## op=INSERT tables=schema dialect=postgresql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/postgres_test.exs split=holdout5
INSERT INTO "schema" ("x","y","z") VALUES ($1,(SELECT s0."id" FROM "schema" AS s0),$5),(DEFAULT,(SELECT s0."id" FROM "schema" AS s0),$8) RETURNING "id"
## op=UPDATE tables=prefix.schema dialect=postgresql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/postgres_test.exs split=holdout5
UPDATE "prefix"."schema" SET "x" = $1, "y" = $2 WHERE "id" = $3 AND "updated_at" IS NULL
## op=DELETE tables=prefix.schema dialect=postgresql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/postgres_test.exs split=holdout5
DELETE FROM "prefix"."schema" WHERE "x" IS NULL AND "y" = $1
## op=CREATE tables=posts dialect=postgresql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/postgres_test.exs split=holdout5
CREATE TABLE "posts" ("a" jsonb DEFAULT '{"baz":"boom","foo":"bar"}')
## op=CREATE tables=posts dialect=postgresql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/postgres_test.exs split=holdout5
CREATE TABLE "posts" ("published_at" time(3), "submitted_at" time)
## op=DROP tables=foo.posts dialect=postgresql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/postgres_test.exs split=holdout5
DROP TABLE "foo"."posts"
## op=COMMENT tables=foo.posts dialect=postgresql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/postgres_test.exs split=holdout5
COMMENT ON COLUMN "foo"."posts"."updated_at" IS 'column comment 2'
## op=COMMENT tables=foo.posts dialect=postgresql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/postgres_test.exs split=holdout5
COMMENT ON TABLE "foo"."posts" IS 'table comment'
## op=DELETE tables=schema,schema2 dialect=mssql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/tds_test.exs split=holdout5
DELETE s0 FROM [schema] AS s0 INNER JOIN [schema2] AS s1 ON s0.[x] = s1.[z] WHERE (s0.[x] = 123)
## op=DELETE tables=schema dialect=mssql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/tds_test.exs split=holdout5
DELETE s0 OUTPUT DELETED.[id], DELETED.[x], DELETED.[y], DELETED.[z], DELETED.[w] FROM [schema] AS s0
## op=UPDATE tables=first.schema dialect=mssql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/tds_test.exs split=holdout5
UPDATE s0 SET s0.[x] = 0 FROM [first].[schema] AS s0
## op=SELECT tables=schema,schema2 dialect=mssql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/tds_test.exs split=holdout5
SELECT s0.[id], @1 FROM [schema] AS s0 INNER JOIN (SELECT * FROM schema2) AS f1 ON f1.[id] = s0.[id]
## op=SELECT tables=schema,foo.schema3 dialect=mssql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/tds_test.exs split=holdout5
SELECT CAST(1 as bit) FROM [schema] AS s0 INNER JOIN [foo].[schema3] AS s1 ON s1.[id] = s0.[y]
## op=SELECT tables=schema,schema2 dialect=mssql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/tds_test.exs split=holdout5
SELECT s0.[id], s2.[id] FROM [schema] AS s0 INNER JOIN [schema2] AS s1 ON 1 = 1 INNER JOIN [schema2] AS s2 ON 1 = 1
## op=INSERT tables=schema dialect=mssql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/tds_test.exs split=holdout5
INSERT INTO [schema] ([x], [y]) OUTPUT INSERTED.[id] VALUES (@1, @2),(DEFAULT, @3)
## op=INSERT tables=prefix.schema dialect=mssql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/tds_test.exs split=holdout5
INSERT INTO [prefix].[schema] OUTPUT INSERTED.[id] DEFAULT VALUES
## op=INSERT tables=schema dialect=mssql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/tds_test.exs split=holdout5
INSERT INTO [schema] ([x], [y], [z]) VALUES (@1, (SELECT s0.[id] FROM [schema] AS s0), @4),(DEFAULT, DEFAULT, (SELECT s0.[id] FROM [schema] AS s0))
## op=UPDATE tables=schema dialect=mssql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/tds_test.exs split=holdout5
UPDATE [schema] SET [x] = @1, [y] = @2 OUTPUT INSERTED.[z] WHERE [id] = @3
## op=DELETE tables=schema dialect=mssql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/tds_test.exs split=holdout5
DELETE FROM [schema] OUTPUT DELETED.[z] WHERE [x] = @1 AND [y] = @2
## op=CREATE tables=blobs dialect=mssql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/tds_test.exs split=holdout5
CREATE TABLE [blobs] ([blob] varbinary(max) CONSTRAINT [DF__blobs_blob] DEFAULT (N'foo'));
## op=DROP tables=foo.posts dialect=mssql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/tds_test.exs split=holdout5
DROP TABLE [foo].[posts];
## op=ALTER tables=posts dialect=mssql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/tds_test.exs split=holdout5
IF (OBJECT_ID(N'[DF__posts_cost]', 'D') IS NOT NULL) ALTER TABLE [posts] DROP CONSTRAINT [DF__posts_cost]; ALTER TABLE [posts] ALTER COLUMN [cost] integer NULL;
## op=ALTER tables=posts dialect=mssql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/tds_test.exs split=holdout5
ALTER TABLE [posts] ADD [title] nvarchar(100) NOT NULL CONSTRAINT [DF__posts_title] DEFAULT (N'Untitled');
## op=ALTER tables=posts dialect=mssql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/tds_test.exs split=holdout5
ALTER TABLE [posts] ALTER COLUMN [status] nvarchar(255); ALTER TABLE [posts] DROP CONSTRAINT [posts_user_id_fkey];
## op=UPDATE tables=schema,schema2 dialect=mysql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/myxql_test.exs split=holdout5
UPDATE `schema` AS s0, `schema2` AS s1 SET s0.`x` = 0 WHERE (s0.`x` = s1.`z`) AND (s0.`x` = 123)
## op=UPDATE tables=schema dialect=mysql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/myxql_test.exs split=holdout5
UPDATE `schema` AS s0, (SELECT ss0.`id` AS `id`, ss0.`x` AS `x`, ss0.`y` AS `y`, ss0.`z` AS `z`, ss0.`meta` AS `meta` FROM `schema` AS ss0 WHERE (ss0.`x` > 10)) AS s1 SET s0.`x` = ? WHERE (s0.`id` = s1.`id`)
## op=DELETE tables=schema,schema2 dialect=mysql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/myxql_test.exs split=holdout5
DELETE s0.* FROM `schema` AS s0 INNER JOIN `schema2` AS s1 ON s0.`x` = s1.`z` WHERE (s0.`x` = 123)
## op=DELETE tables=first.schema dialect=mysql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/myxql_test.exs split=holdout5
DELETE s0.* FROM `first`.`schema` AS s0
## op=SELECT tables=schema dialect=mysql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/myxql_test.exs split=holdout5
SELECT s0.`x` FROM `schema` AS s0 WINDOW `w` AS (ORDER BY exists((SELECT ss0.`x` AS `result` FROM `schema` AS ss0 WHERE (ss0.`x` = s0.`x`))))
## op=SELECT tables=schema,schema2 dialect=mysql source=holdout5/github:elixir-ecto/ecto_sql/test/ecto/adapters/myxql_test.exs split=holdout5
SELECT s0.`id`, f1.`z` FROM `schema` AS s0 CROSS JOIN LATERAL (SELECT * FROM schema2 AS s2 WHERE s2.id = s0.`x` AND s2.field = ?) AS f1 WHERE ((s0.`id` > 0) AND (s0.`id` < ?))
