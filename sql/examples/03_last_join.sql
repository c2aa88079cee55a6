-- 03_last_join: join each transaction to the card's latest profile row at that time.
--
-- LAST JOIN takes at most one right row: the last by ORDER BY. The `p.ts <= t.ts` bound keeps
-- the join point-in-time correct (no profile from the future leaks into training data).
USE demo;

CREATE TABLE card_profile (
    card string,
    risk_level int,
    credit_limit double,
    ts timestamp,
    INDEX(KEY=card, TS=ts)
);

INSERT INTO card_profile VALUES
    ('card_1', 1, 5000.0, 1690000000000),
    ('card_1', 3, 2000.0, 1700000400000),
    ('card_2', 2, 800.0, 1690000000000);

SELECT t.txn_id, t.amount, p.risk_level, t.amount / p.credit_limit AS limit_share
FROM transactions AS t
LAST JOIN card_profile AS p ORDER BY p.ts ON t.card = p.card AND p.ts <= t.ts;
