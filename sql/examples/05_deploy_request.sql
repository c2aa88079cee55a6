-- 05_deploy_request: serve the same features online, for one event at a time.
--
-- DEPLOY checks that the query can run in request mode, derives the indexes and TTLs it
-- needs, and stores it. A request row is then scored against the stored history.
USE demo;

DEPLOY card_features
SELECT
    txn_id,
    sum(amount) OVER w10m AS spend_10m,
    count(amount) OVER w10m AS txns_10m
FROM transactions
WINDOW w10m AS (PARTITION BY card ORDER BY ts ROWS_RANGE BETWEEN 10m PRECEDING AND CURRENT ROW);

SHOW DEPLOYMENT card_features;

-- One request, evaluated as if inserted after the stored rows, without storing it.
SELECT txn_id, sum(amount) OVER w10m AS spend_10m
FROM transactions
WINDOW w10m AS (PARTITION BY card ORDER BY ts ROWS_RANGE BETWEEN 10m PRECEDING AND CURRENT ROW)
CONFIG (execute_mode = 'request', values = (5, 'card_1', 'fuel', 75.0, 1700000600000));

DROP DEPLOYMENT card_features;
