# TPC-DS: a sample of the 99 query forms (more in holdout.sql), qualification substitutions.

## op=SELECT tables=date_dim,store_sales,item dialect=ansi source=tpcds/q3
select dt.d_year, item.i_brand_id brand_id, item.i_brand brand, sum(ss_ext_sales_price) sum_agg
from date_dim dt, store_sales, item
where dt.d_date_sk = store_sales.ss_sold_date_sk and store_sales.ss_item_sk = item.i_item_sk
  and item.i_manufact_id = 128 and dt.d_moy = 11
group by dt.d_year, item.i_brand, item.i_brand_id
order by dt.d_year, sum_agg desc, brand_id
limit 100

## op=SELECT tables=store_returns,date_dim,store,customer dialect=ansi source=tpcds/q1
with customer_total_return as
 (select sr_customer_sk as ctr_customer_sk, sr_store_sk as ctr_store_sk, sum(sr_return_amt) as ctr_total_return
  from store_returns, date_dim
  where sr_returned_date_sk = d_date_sk and d_year = 2000
  group by sr_customer_sk, sr_store_sk)
select c_customer_id
from customer_total_return ctr1, store, customer
where ctr1.ctr_total_return > (select avg(ctr_total_return) * 1.2 from customer_total_return ctr2
                               where ctr1.ctr_store_sk = ctr2.ctr_store_sk)
  and s_store_sk = ctr1.ctr_store_sk and s_state = 'TN' and ctr1.ctr_customer_sk = c_customer_sk
order by c_customer_id
limit 100

## op=SELECT tables=customer_address,customer,store_sales,date_dim,item dialect=ansi source=tpcds/q6
select a.ca_state state, count(*) cnt
from customer_address a, customer c, store_sales s, date_dim d, item i
where a.ca_address_sk = c.c_current_addr_sk and c.c_customer_sk = s.ss_customer_sk
  and s.ss_sold_date_sk = d.d_date_sk and s.ss_item_sk = i.i_item_sk
  and d.d_month_seq = (select distinct (d_month_seq) from date_dim where d_year = 2001 and d_moy = 1)
  and i.i_current_price > 1.2 * (select avg(j.i_current_price) from item j where j.i_category = i.i_category)
group by a.ca_state
having count(*) >= 10
order by cnt, a.ca_state
limit 100

## op=SELECT tables=store_sales,customer_demographics,date_dim,item,promotion dialect=ansi source=tpcds/q7
select i_item_id, avg(ss_quantity) agg1, avg(ss_list_price) agg2, avg(ss_coupon_amt) agg3, avg(ss_sales_price) agg4
from store_sales, customer_demographics, date_dim, item, promotion
where ss_sold_date_sk = d_date_sk and ss_item_sk = i_item_sk and ss_cdemo_sk = cd_demo_sk and ss_promo_sk = p_promo_sk
  and cd_gender = 'M' and cd_marital_status = 'S' and cd_education_status = 'College'
  and (p_channel_email = 'N' or p_channel_event = 'N') and d_year = 2000
group by i_item_id
order by i_item_id
limit 100

## op=SELECT tables=date_dim,store_sales,item,customer,customer_address,store dialect=ansi source=tpcds/q19
select i_brand_id brand_id, i_brand brand, i_manufact_id, i_manufact, sum(ss_ext_sales_price) ext_price
from date_dim, store_sales, item, customer, customer_address, store
where d_date_sk = ss_sold_date_sk and ss_item_sk = i_item_sk and i_manager_id = 8 and d_moy = 11 and d_year = 1998
  and ss_customer_sk = c_customer_sk and c_current_addr_sk = ca_address_sk
  and substr(ca_zip, 1, 5) <> substr(s_zip, 1, 5) and ss_store_sk = s_store_sk
group by i_brand, i_brand_id, i_manufact_id, i_manufact
order by ext_price desc, i_brand, i_brand_id, i_manufact_id, i_manufact
limit 100

## op=SELECT tables=date_dim,store_sales,item dialect=ansi source=tpcds/q42
select dt.d_year, item.i_category_id, item.i_category, sum(ss_ext_sales_price)
from date_dim dt, store_sales, item
where dt.d_date_sk = store_sales.ss_sold_date_sk and store_sales.ss_item_sk = item.i_item_sk
  and item.i_manager_id = 1 and dt.d_moy = 11 and dt.d_year = 2000
group by dt.d_year, item.i_category_id, item.i_category
order by sum(ss_ext_sales_price) desc, dt.d_year, item.i_category_id, item.i_category
limit 100

## op=SELECT tables=date_dim,store_sales,item dialect=ansi source=tpcds/q55
select i_brand_id brand_id, i_brand brand, sum(ss_ext_sales_price) ext_price
from date_dim, store_sales, item
where d_date_sk = ss_sold_date_sk and ss_item_sk = i_item_sk and i_manager_id = 28 and d_moy = 11 and d_year = 1999
group by i_brand, i_brand_id
order by ext_price desc, i_brand_id
limit 100

## op=SELECT tables=store_sales,item,date_dim dialect=ansi source=tpcds/q98
select i_item_id, i_item_desc, i_category, i_class, i_current_price, sum(ss_ext_sales_price) as itemrevenue,
       sum(ss_ext_sales_price) * 100 / sum(sum(ss_ext_sales_price)) over (partition by i_class) as revenueratio
from store_sales, item, date_dim
where ss_item_sk = i_item_sk and i_category in ('Sports', 'Books', 'Home') and ss_sold_date_sk = d_date_sk
  and d_date between cast('1999-02-22' as date) and (cast('1999-02-22' as date) + interval '30' day)
group by i_item_id, i_item_desc, i_category, i_class, i_current_price
order by i_category, i_class, i_item_id, i_item_desc, revenueratio

## op=SELECT tables=reason,store_sales dialect=ansi source=tpcds/q9-form
select case when (select count(*) from store_sales where ss_quantity between 1 and 20) > 74129
            then (select avg(ss_ext_discount_amt) from store_sales where ss_quantity between 1 and 20)
            else (select avg(ss_net_paid) from store_sales where ss_quantity between 1 and 20) end bucket1
from reason
where r_reason_sk = 1

## op=SELECT tables=web_sales,date_dim,customer_address,web_site,web_returns dialect=ansi source=tpcds/q94-form
select count(distinct ws_order_number) as "order count", sum(ws_ext_ship_cost) as "total shipping cost",
       sum(ws_net_profit) as "total net profit"
from web_sales ws1, date_dim, customer_address, web_site
where d_date between '1999-2-01' and (cast('1999-2-01' as date) + interval '60' day)
  and ws1.ws_ship_date_sk = d_date_sk and ws1.ws_ship_addr_sk = ca_address_sk and ca_state = 'IL'
  and ws1.ws_web_site_sk = web_site_sk and web_company_name = 'pri'
  and exists (select * from web_sales ws2 where ws1.ws_order_number = ws2.ws_order_number
              and ws1.ws_warehouse_sk <> ws2.ws_warehouse_sk)
  and not exists (select * from web_returns wr1 where ws1.ws_order_number = wr1.wr_order_number)
order by count(distinct ws_order_number)
limit 100

## op=SELECT tables=store_sales,date_dim,item dialect=ansi source=tpcds/q67-form
select * from (
    select i_category, i_class, i_brand, d_year, d_qoy, sumsales,
           rank() over (partition by i_category order by sumsales desc) rk
    from (select i_category, i_class, i_brand, d_year, d_qoy, sum(coalesce(ss_sales_price * ss_quantity, 0)) sumsales
          from store_sales, date_dim, item
          where ss_sold_date_sk = d_date_sk and ss_item_sk = i_item_sk and d_month_seq between 1200 and 1200 + 11
          group by rollup(i_category, i_class, i_brand, d_year, d_qoy)) dw1) dw2
where rk <= 100
order by i_category, i_class, i_brand, d_year, d_qoy, sumsales, rk
limit 100

## op=SELECT tables=catalog_sales,warehouse,ship_mode,call_center,date_dim dialect=ansi source=tpcds/q99
select substr(w_warehouse_name, 1, 20), sm_type, cc_name,
       sum(case when (cs_ship_date_sk - cs_sold_date_sk <= 30) then 1 else 0 end) as "30 days"
from catalog_sales, warehouse, ship_mode, call_center, date_dim
where d_month_seq between 1200 and 1200 + 11 and cs_ship_date_sk = d_date_sk and cs_warehouse_sk = w_warehouse_sk
  and cs_ship_mode_sk = sm_ship_mode_sk and cs_call_center_sk = cc_call_center_sk
group by substr(w_warehouse_name, 1, 20), sm_type, cc_name
order by substr(w_warehouse_name, 1, 20), sm_type, cc_name
limit 100
