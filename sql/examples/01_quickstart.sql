-- 01_quickstart: a first feature, computed over history to make training data.
--
-- A table of card transactions keyed by card and ordered by time. The INDEX tells the
-- online store how to serve windows over one card's recent transactions.
CREATE DATABASE IF NOT EXISTS demo;
USE demo;

CREATE TABLE IF NOT EXISTS transactions (
    txn_id bigint,
    card string,
    merchant string,
    amount double,
    ts timestamp,
    INDEX(KEY=card, TS=ts, TTL=30d, TTL_TYPE=absolute)
);

-- Offline mode: queries run on the offline store with the batch engine.
SET @@execute_mode = 'offline';

-- Paths are relative to where tide runs (the repository root in the README).
LOAD DATA INFILE 'sql/data/transactions.csv' INTO TABLE transactions
OPTIONS (format = 'csv', header = true, mode = 'overwrite');

-- "This card's spend and transaction count over the last 10 minutes, including this one."
SELECT
    txn_id,
    card,
    amount,
    sum(amount) OVER w10m AS spend_10m,
    count(amount) OVER w10m AS txns_10m
FROM transactions
WINDOW w10m AS (PARTITION BY card ORDER BY ts ROWS_RANGE BETWEEN 10m PRECEDING AND CURRENT ROW)
ORDER BY txn_id
LIMIT 10;
