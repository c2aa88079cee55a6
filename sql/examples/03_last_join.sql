-- 03_last_join: join each transaction to the card's latest profile row at that time.
--
-- LAST JOIN takes at most one right row: the last by ORDER BY. The `p.ts <= t.ts` bound keeps
-- the join point-in-time correct (no profile from the future leaks into training data).
USE demo;
SET @@execute_mode = 'offline';

CREATE TABLE IF NOT EXISTS card_profile (
    card string,
    risk_level int,
    credit_limit double,
    ts timestamp,
    INDEX(KEY=card, TS=ts)
);

LOAD DATA INFILE 'sql/data/card_profile.csv' INTO TABLE card_profile
OPTIONS (format = 'csv', header = true, mode = 'overwrite');

SELECT t.txn_id, t.card, t.amount, p.risk_level, t.amount / p.credit_limit AS limit_share
FROM transactions AS t
LAST JOIN card_profile AS p ORDER BY p.ts ON t.card = p.card AND p.ts <= t.ts
ORDER BY t.txn_id
LIMIT 10;
