-- 04_window_union: windows over rows of another table.
--
-- Requests (the rows we score) and the behaviour history live in different tables. WINDOW
-- UNION lets the request's window read the history table's rows of the same card;
-- INSTANCE_NOT_IN_WINDOW keeps other requests out of the window.
USE demo;

CREATE TABLE scoring_requests (
    txn_id bigint,
    card string,
    merchant string,
    amount double,
    ts timestamp,
    INDEX(KEY=card, TS=ts)
);

SELECT
    txn_id,
    sum(amount) OVER history AS spend_1h,
    distinct_count(merchant) OVER history AS merchants_1h
FROM scoring_requests
WINDOW history AS (
    UNION transactions
    PARTITION BY card ORDER BY ts
    ROWS_RANGE BETWEEN 1h PRECEDING AND CURRENT ROW
    INSTANCE_NOT_IN_WINDOW
);
