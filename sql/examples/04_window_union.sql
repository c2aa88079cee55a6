-- 04_window_union: windows over rows of another table.
--
-- Requests (the rows we score) and the behaviour history live in different tables. WINDOW
-- UNION lets each request's window read the history table's rows of the same card;
-- INSTANCE_NOT_IN_WINDOW keeps other requests out of the window.
USE demo;
SET @@execute_mode = 'offline';

CREATE TABLE IF NOT EXISTS scoring_requests (
    txn_id bigint,
    card string,
    merchant string,
    amount double,
    ts timestamp,
    INDEX(KEY=card, TS=ts)
);

LOAD DATA INFILE 'sql/data/scoring_requests.csv' INTO TABLE scoring_requests
OPTIONS (format = 'csv', header = true, mode = 'overwrite');

SELECT
    txn_id,
    card,
    sum(amount) OVER history AS spend_1h,
    distinct_count(merchant) OVER history AS merchants_1h
FROM scoring_requests
WINDOW history AS (
    UNION transactions
    PARTITION BY card ORDER BY ts
    ROWS_RANGE BETWEEN 1h PRECEDING AND CURRENT ROW
    INSTANCE_NOT_IN_WINDOW
)
ORDER BY txn_id;
