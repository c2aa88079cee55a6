import Testing
import TideCore
import TideExec
import TidePlan

/// Frame-boundary tables: which rows each row's window holds (SEMANTICS.md §3.1–3.7, §3.13).
@Suite struct WindowFrameTests {
    /// One partition: main rows `main` (ts, label) and union rows `union` (ts, label), in
    /// window order; returns each main row's window as labels, oldest first.
    private func windows(
        _ spec: WindowSpecification, main: [(Int64, String)], union: [(Int64, String)] = []
    ) -> [String: [String]] {
        // TideExec's window order: by ts; at equal ts union rows first, then main rows in arrival order.
        var rows: [(ts: Int64, rank: Int, seq: Int, label: String, main: Bool)] = []
        for (i, r) in main.enumerated() { rows.append((r.0, 0, i, r.1, true)) }
        for (i, r) in union.enumerated() { rows.append((r.0, 1, i, r.1, false)) }
        rows.sort {
            WindowOrder(order: $0.ts, source: $0.rank, seq: UInt64($0.seq))
                < WindowOrder(order: $1.ts, source: $1.rank, seq: UInt64($1.seq))
        }
        let partition = WindowPartitionRows(
            orders: rows.map(\.ts), isMain: rows.map(\.main), emit: rows.map(\.main))
        let ranges = WindowFrameRanges(window: spec, rows: partition)
        var out: [String: [String]] = [:]
        for frame in ranges.frames {
            var members = ranges.candidates[frame.lower..<frame.upper].map { rows[$0].label }
            if frame.includesCurrent { members.append(rows[frame.row].label) }
            out[rows[frame.row].label] = members
        }
        return out
    }

    private func spec(
        _ unit: FrameSpec.Unit, _ start: Int64?, _ end: Int64, excludeCurrentRow: Bool = false,
        excludeCurrentTime: Bool = false, instanceNotInWindow: Bool = false, maxSize: Int64? = nil
    ) -> WindowSpecification {
        WindowSpecification(
            name: "w", partitionBy: [], orderBy: .literal(.int64(0), .int64),
            frame: FrameSpec(unit: unit, start: start, end: end), excludeCurrentRow: excludeCurrentRow,
            excludeCurrentTime: excludeCurrentTime, instanceNotInWindow: instanceNotInWindow, maxSize: maxSize)
    }

    let abcd: [(Int64, String)] = [(1000, "a"), (2000, "b"), (3000, "c"), (4000, "d")]

    @Test func rowsFrames() {
        #expect(windows(spec(.rows, -2, 0), main: abcd)["d"] == ["b", "c", "d"])
        #expect(windows(spec(.rows, -2, -1), main: abcd)["d"] == ["b", "c"])
        // 3 PRECEDING AND 0 OPEN PRECEDING: end = -(0 + 1).
        #expect(windows(spec(.rows, -3, -1), main: abcd)["d"] == ["a", "b", "c"])
        #expect(windows(spec(.rows, -3, -2), main: abcd)["d"] == ["a", "b"])
        #expect(windows(spec(.rows, nil, 0), main: abcd)["c"] == ["a", "b", "c"])
        #expect(windows(spec(.rows, -2, 0), main: abcd)["a"] == ["a"])
        #expect(windows(spec(.rows, -3, 0, excludeCurrentRow: true), main: abcd)["d"] == ["a", "b", "c"])
    }

    @Test func rowsRangeFrames() {
        #expect(windows(spec(.rowsRange, -2000, 0), main: abcd)["d"] == ["b", "c", "d"])
        // 2s OPEN PRECEDING: start = -(2000 - 1).
        #expect(windows(spec(.rowsRange, -1999, 0), main: abcd)["d"] == ["c", "d"])
        #expect(windows(spec(.rowsRange, -3000, -1000), main: abcd)["d"] == ["a", "b", "c"])
        #expect(windows(spec(.rowsRange, -10_000, 0, maxSize: 2), main: abcd)["d"] == ["c", "d"])
        #expect(windows(spec(.rowsRange, -10_000, 0, maxSize: 1), main: abcd)["d"] == ["d"])
    }

    @Test func tiesEnterRowByRow() {
        let ties: [(Int64, String)] = [(5000, "x1"), (5000, "x2")]
        let w = windows(spec(.rowsRange, -1000, 0), main: ties)
        #expect(w["x1"] == ["x1"])
        #expect(w["x2"] == ["x1", "x2"])
        // 0 OPEN PRECEDING (end -1) is pure history: rows at the same ts leave, the current row too.
        #expect(windows(spec(.rowsRange, -1000, -1), main: ties)["x2"] == [])
    }

    @Test func excludeCurrentTime() {
        let rows: [(Int64, String)] = [(5000, "x1"), (5000, "x2"), (5000, "x3"), (6000, "y")]
        let w = windows(spec(.rows, -3, 0, excludeCurrentTime: true), main: rows)
        #expect(w["x3"] == ["x3"])
        #expect(w["y"] == ["x1", "x2", "x3", "y"])
        let both = windows(spec(.rowsRange, -10_000, 0, excludeCurrentRow: true, excludeCurrentTime: true), main: rows)
        #expect(both["x2"] == [])
        #expect(both["y"] == ["x1", "x2", "x3"])
    }

    @Test func excludeCurrentRowKeepsEarlierTies() {
        // window_attributes id 0 shape: 2s PRECEDING AND 0s PRECEDING EXCLUDE CURRENT_ROW.
        let rows: [(Int64, String)] = [(0, "id0"), (0, "id1"), (99_000, "r99"), (100_000, "r100"), (101_000, "r101")]
        let w = windows(spec(.rowsRange, -2000, 0, excludeCurrentRow: true), main: rows)
        #expect(w.mapValues(\.count) == ["id0": 0, "id1": 1, "r99": 0, "r100": 1, "r101": 2])
    }

    @Test func maxSizeAppliesAfterExclusion() {
        let w = windows(spec(.rowsRange, -3000, 0, excludeCurrentRow: true, maxSize: 2), main: abcd)
        #expect(w["d"] == ["b", "c"])
    }

    @Test func windowUnion() {
        let main: [(Int64, String)] = [(100, "m1"), (100, "m2")]
        let union: [(Int64, String)] = [(100, "u1"), (100, "u2"), (101, "u3")]
        let w = windows(spec(.rowsRange, -1000, 0), main: main, union: union)
        #expect(w["m1"] == ["u1", "u2", "m1"])
        #expect(w["m2"] == ["u1", "u2", "m1", "m2"])
        let alone = windows(spec(.rowsRange, -1000, 0, instanceNotInWindow: true), main: main, union: union)
        #expect(alone["m2"] == ["u1", "u2", "m2"])
        let onlyUnion = windows(
            spec(.rowsRange, -1000, 0, excludeCurrentRow: true, instanceNotInWindow: true), main: main, union: union)
        #expect(onlyUnion["m2"] == ["u1", "u2"])
    }

    @Test func unionRowsAreDroppedFirstByMaxSize() {
        let main: [(Int64, String)] = [(100, "m1")]
        let union: [(Int64, String)] = [(100, "u1"), (100, "u2")]
        #expect(windows(spec(.rowsRange, -1000, 0, maxSize: 2), main: main, union: union)["m1"] == ["u2", "m1"])
    }
}

/// The window order itself (SEMANTICS.md, TideDB decision 1).
@Suite struct WindowOrderTests {
    @Test func orderValueThenUnionSourcesNewestFirstThenMainRowsByArrival() {
        let rows = [
            WindowOrder(order: 5, source: 0, seq: 2), WindowOrder(order: 5, source: 1, seq: 9),
            WindowOrder(order: 5, source: 2, seq: 1), WindowOrder(order: 5, source: 0, seq: 1),
            WindowOrder(order: 4, source: 0, seq: 7),
            WindowOrder(order: WindowOrder.orderValue(.null), source: 0, seq: 8),
        ]
        #expect(
            rows.sorted() == [
                WindowOrder(order: Int64.min, source: 0, seq: 8), WindowOrder(order: 4, source: 0, seq: 7),
                WindowOrder(order: 5, source: 2, seq: 1), WindowOrder(order: 5, source: 1, seq: 9),
                WindowOrder(order: 5, source: 0, seq: 1), WindowOrder(order: 5, source: 0, seq: 2),
            ])
        #expect(WindowOrder.orderValue(.timestamp(42)) == 42)
    }
}
