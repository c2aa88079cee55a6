-- 02_windows: the window frames of the dialect.
--
-- ROWS counts rows; ROWS_RANGE measures time back from the current row. OPEN makes a bound
-- exclusive; EXCLUDE CURRENT_ROW leaves the current row out; MAXSIZE caps a time window.
USE demo;
SET @@execute_mode = 'offline';

SELECT
    txn_id,
    card,
    -- the previous three transactions of the card, not counting this one
    avg(amount) OVER last3 AS avg_prev_3,
    -- everything in the last day before this transaction's timestamp ("pure history")
    count(amount) OVER history_1d AS txns_before_1d,
    -- the 5 most recent transactions within an hour
    max(amount) OVER recent AS max_recent,
    -- the amount one row back within the last3 window
    lag(amount, 1) OVER last3 AS previous_amount
FROM transactions
WINDOW
    last3 AS (PARTITION BY card ORDER BY ts ROWS BETWEEN 3 PRECEDING AND CURRENT ROW EXCLUDE CURRENT_ROW),
    history_1d AS (PARTITION BY card ORDER BY ts ROWS_RANGE BETWEEN 1d PRECEDING AND 0s OPEN PRECEDING),
    recent AS (PARTITION BY card ORDER BY ts ROWS_RANGE BETWEEN 1h PRECEDING AND CURRENT ROW MAXSIZE 5)
ORDER BY txn_id
LIMIT 10;
