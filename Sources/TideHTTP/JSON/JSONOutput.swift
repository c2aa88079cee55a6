import TideCore

/// Streams compact response JSON into one string, inserting commas itself, with OpenMLDB's
/// value formats: timestamps as int64 milliseconds, dates as `"Y-M-D"` without zero
/// padding, NaN and infinities as the bare tokens `NaN`, `Infinity`, `-Infinity` (or `null`
/// with `write_nan_and_inf_null`). A class so nested writers append to one buffer.
final class JSONOutput {
    /// The text so far.
    private(set) var text = ""
    /// Write NaN and infinities as `null` instead of the bare tokens.
    let nanAndInfAsNull: Bool
    /// Values written so far in each open array or object (innermost last).
    private var counts: [Int] = []
    /// A key was just written: the next value belongs to it and takes no comma.
    private var afterKey = false

    init(nanAndInfAsNull: Bool = false) {
        self.nanAndInfAsNull = nanAndInfAsNull
    }

    /// `{`, the members `body` writes (with `member`), `}`.
    func object(_ body: () -> Void) {
        open("{")
        body()
        close("}")
    }

    /// `[`, the values `body` writes, `]`.
    func array(_ body: () -> Void) {
        open("[")
        body()
        close("]")
    }

    /// `"key":` then the value `body` writes.
    func member(_ key: String, _ body: () -> Void) {
        separate()
        appendString(key)
        text += ":"
        afterKey = true
        body()
    }

    /// `"key":"value"`.
    func member(_ key: String, string value: String) {
        member(key) { string(value) }
    }

    /// `"key":<int>`.
    func member(_ key: String, int value: Int) {
        member(key) { raw(String(value)) }
    }

    /// `"key":true|false`.
    func member(_ key: String, bool value: Bool) {
        member(key) { raw(value ? "true" : "false") }
    }

    /// `"key":["s1","s2",...]`.
    func member(_ key: String, strings values: [String]) {
        member(key) { array { for value in values { string(value) } } }
    }

    /// A JSON string literal.
    func string(_ value: String) {
        separate()
        appendString(value)
    }

    /// Already-encoded JSON (a number, `null`, ...).
    func raw(_ json: String) {
        separate()
        text += json
    }

    /// A value in the APIServer's format.
    func value(_ value: Value) {
        switch value {
        case .null: raw("null")
        case .bool(let b): raw(b ? "true" : "false")
        case .int16(let v): raw(String(v))
        case .int32(let v): raw(String(v))
        case .int64(let v): raw(String(v))
        case .float(let v): number(Double(v), shortest: v.description)
        case .double(let v): number(v, shortest: v.description)
        case .string(let s): string(s)
        case .date(let days):
            let date = CivilDate(days: Int64(days))
            string("\(date.year)-\(date.month)-\(date.day)")
        case .timestamp(let ms): raw(String(ms))
        case .array(let items):
            array { for item in items { self.value(item) } }
        case .map(let keys, let values):
            object {
                for (key, item) in zip(keys, values) {
                    member(Self.mapKey(key)) { self.value(item) }
                }
            }
        }
    }

    private func number(_ value: Double, shortest: String) {
        if value.isFinite {
            raw(shortest)
        } else if nanAndInfAsNull {
            raw("null")
        } else if value.isNaN {
            raw("NaN")
        } else {
            raw(value > 0 ? "Infinity" : "-Infinity")
        }
    }

    /// A map key as object member name: strings as they are, other values as their JSON.
    private static func mapKey(_ key: Value) -> String {
        if case .string(let name) = key { return name }
        let output = JSONOutput()
        output.value(key)
        return output.text
    }

    private func open(_ bracket: String) {
        separate()
        text += bracket
        counts.append(0)
    }

    private func close(_ bracket: String) {
        _ = counts.popLast()
        text += bracket
    }

    private func separate() {
        if afterKey {
            afterKey = false
            return
        }
        guard let last = counts.indices.last else { return }
        if counts[last] > 0 { text += "," }
        counts[last] += 1
    }

    private func appendString(_ value: String) {
        JSONString.append(value, to: &text)
    }
}
