import java.sql.*;
import java.util.*;

/** Drives TideDB through the PostgreSQL JDBC driver; prints one line per check, exits 1 on a mismatch. */
public class JdbcProbe {
    static int failures = 0;

    static void check(String what, Object got, Object want) {
        boolean ok = Objects.equals(got, want);
        System.out.println((ok ? "ok   " : "FAIL ") + what + ": got " + got + ", want " + want);
        if (!ok) failures++;
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        try (Connection c = DriverManager.getConnection(url, "root", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE IF NOT EXISTS jdbcdb");
                s.execute("USE jdbcdb");
                s.execute("CREATE TABLE IF NOT EXISTS events (id bigint, user_id string, price double, ts timestamp, "
                        + "INDEX(KEY=user_id, TS=ts))");
                s.execute("INSERT INTO events VALUES (1, 'u1', 3.5, 1000), (2, 'u1', 4.5, 2000), (3, 'u2', 1.0, 3000)");
            }
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT id, sum(price) OVER w AS total FROM events WHERE user_id = ? "
                    + "WINDOW w AS (PARTITION BY user_id ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)")) {
                p.setString(1, "u1");
                List<String> rows = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) rows.add(r.getLong("id") + ":" + r.getDouble("total"));
                }
                Collections.sort(rows);
                check("window over a prepared statement", rows, List.of("1:3.5", "2:8.0"));
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO events VALUES (?, ?, ?, ?)")) {
                p.setLong(1, 4);
                p.setString(2, "u3");
                p.setDouble(3, 9.25);
                p.setTimestamp(4, new Timestamp(4000));
                check("insert update count", p.executeUpdate(), 1);
            }
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT price, ts FROM events WHERE id = 4")) {
                r.next();
                check("inserted price", r.getDouble(1), 9.25);
                check("inserted ts", r.getTimestamp(2).getTime(), 4000L);
            }
            DatabaseMetaData meta = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet r = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
                while (r.next()) tables.add(r.getString("TABLE_NAME"));
            }
            check("getTables", tables, List.of("events"));
            List<String> columns = new ArrayList<>();
            try (ResultSet r = meta.getColumns(null, null, "events", "%")) {
                while (r.next()) columns.add(r.getString("COLUMN_NAME") + " " + r.getString("TYPE_NAME"));
            }
            check("getColumns", columns, List.of("id int8", "user_id text", "price float8", "ts timestamp"));
            try (Statement s = c.createStatement()) {
                s.executeQuery("SELECT nosuch FROM events");
                check("error expected", "no error", "42703");
            } catch (SQLException e) {
                check("error sqlstate", e.getSQLState(), "42703");
            }
        }
        System.exit(failures == 0 ? 0 : 1);
    }
}
