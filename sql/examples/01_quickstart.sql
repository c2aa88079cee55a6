-- 01_quickstart: a first feature, written once, computed offline and online.
--
-- A table of card transactions keyed by card and ordered by time. The INDEX tells the
-- online store how to serve windows over one card's recent transactions.
CREATE DATABASE IF NOT EXISTS demo;
USE demo;

CREATE TABLE transactions (
    txn_id bigint,
    card string,
    merchant string,
    amount double,
    ts timestamp,
    INDEX(KEY=card, TS=ts, TTL=30d, TTL_TYPE=absolute)
);

INSERT INTO transactions VALUES
    (1, 'card_1', 'grocer', 42.50, 1700000000000),
    (2, 'card_1', 'fuel', 60.00, 1700000300000),
    (3, 'card_2', 'grocer', 12.00, 1700000400000),
    (4, 'card_1', 'jeweller', 900.00, 1700000500000);

-- "This card's spend and transaction count over the last 10 minutes, including this one."
SELECT
    txn_id,
    card,
    amount,
    sum(amount) OVER w10m AS spend_10m,
    count(amount) OVER w10m AS txns_10m
FROM transactions
WINDOW w10m AS (PARTITION BY card ORDER BY ts ROWS_RANGE BETWEEN 10m PRECEDING AND CURRENT ROW);
