import Testing
import TideCore

@Suite("ColumnValues: unboxed columns of index reads")
struct ColumnValuesTests {
    static func bytes(_ value: Value) -> [UInt8]? {
        if case .string(let text) = value { return Array(text.utf8) }
        return nil
    }

    @Test("gathering string columns of two reads merges their dictionaries by bytes")
    func gatherStrings() {
        let first = ColumnValues.strings([0, 1, -1], dictionary: ["é", "x"])
        let second = ColumnValues.strings([1, 0], dictionary: ["y", "e\u{301}"])
        let gathered = ColumnValues.gathering([first, second], [(1, 1), (0, 0), (0, 2), (1, 0), (0, 1)])
        guard case .strings(let codes, let dictionary) = gathered else {
            Issue.record("strings were boxed: \(gathered)")
            return
        }
        #expect(dictionary.count == 4, "\"é\" and \"e\\u{301}\" are equal Strings but different bytes")
        #expect(codes[2] == -1)
        let values = gathered.values
        #expect(
            values.map(Self.bytes) == [Array("y".utf8), Array("é".utf8), nil, Array("e\u{301}".utf8), Array("x".utf8)])
    }

    @Test("gathering columns of different representations boxes them; append boxes a stranger")
    func mixedRepresentations() {
        let integers = ColumnValues.integers([7, 0], valid: [true, false], type: .int32)
        let floats = ColumnValues.floats([1.5], valid: [true], type: .double)
        let gathered = ColumnValues.gathering([integers, floats], [(0, 0), (1, 0), (0, 1)])
        guard case .boxed(let values) = gathered else {
            Issue.record("expected boxed values, got \(gathered)")
            return
        }
        #expect(values == [.int32(7), .double(1.5), .null])

        var column = ColumnValues.integers([1], valid: [true], type: .date)
        column.append(.null)
        column.append(.date(-3))
        guard case .integers(let bits, let valid, .date) = column else {
            Issue.record("dates were boxed: \(column)")
            return
        }
        #expect(bits == [1, 0, -3] && valid == [true, false, true])
        column.append(.string("not a date"))
        #expect(column.values == [.date(1), .null, .date(-3), .string("not a date")])

        var strings = ColumnValues.strings([0], dictionary: ["é"])
        strings.append(.string("e\u{301}"))
        strings.append(.string("é"))
        guard case .strings(let codes, let dictionary) = strings else {
            Issue.record("strings were boxed: \(strings)")
            return
        }
        #expect(codes == [0, 1, 0] && dictionary.count == 2)
    }

    @Test("slices and every integer-like type come back as the values they hold")
    func valuesRoundTrip() {
        let cases: [(DataType, [Value])] = [
            (.bool, [.bool(true), .null, .bool(false)]), (.int16, [.int16(-2), .int16(.max), .null]),
            (.int32, [.int32(.min), .null, .int32(3)]), (.int64, [.int64(.max), .int64(-1), .null]),
            (.timestamp, [.timestamp(-5), .null, .timestamp(1_700_000_000_000)]),
        ]
        for (type, values) in cases {
            var column = ColumnValues.integers([], valid: [], type: type)
            for value in values { column.append(value) }
            #expect(column.values == values, "\(type)")
            #expect(column.slice(1..<3).values == Array(values[1..<3]), "\(type)")
            #expect(column.reversed().values == values.reversed(), "\(type)")
            var grown = column.reversed(reservingExtra: 1)
            grown.append(.null)
            #expect(grown.values == values.reversed() + [.null], "\(type)")
            #expect(column.values == values, "\(type): the reversed copy shares nothing it changes")
        }
        // Every representation, and an empty column.
        let strings = ColumnValues.strings([1, -1, 0], dictionary: ["a", "b"])
        #expect(strings.reversed(reservingExtra: 2).values == [.string("a"), .null, .string("b")])
        let floats = ColumnValues.floats([1.5, 0], valid: [true, false], type: .double)
        #expect(floats.reversed().values == [.null, .double(1.5)])
        #expect(ColumnValues.boxed([.string("x"), .int64(1)]).reversed().values == [.int64(1), .string("x")])
        #expect(ColumnValues.integers([], valid: [], type: .int64).reversed(reservingExtra: 1).count == 0)
    }
}
