import TideCore

/// Converting a value written into a column (INSERT values, request rows, DELETE keys) to
/// the column's type: one rule for every writer. Unlike `CAST`, which follows OpenMLDB
/// (narrowing keeps the low bits, failures are NULL), a written value that does not fit is an
/// error, never a silently different number:
///
///     NULL, or a value of the column's type        stored as it is
///     an integer outside the column's range         22003 (2147483648 into int)
///     a finite number too large for float           22003 (1e300 into float)
///     a fraction into an integer column             truncated toward zero, as CAST does
///     anything else CAST cannot convert             22P02 ('abc' into int)
public enum AssignmentCast {
    /// `value` as a value of `column`'s type.
    /// - Parameter what: how the message names the value ("value", "request value", ...).
    public static func assign(
        _ value: Value, to column: ColumnDef, context: FunctionContext, what: String = "value",
        position: SourceLocation? = nil
    ) throws(TideError) -> Value {
        if value.isNull || value.dataType == column.type { return value }
        func outOfRange() -> TideError {
            TideError(
                .numericValueOutOfRange,
                "\(what) \(Cast.text(value, timeZone: context.timeZone)) is out of range for column "
                    + "\"\(column.name)\" (\(column.type))",
                position: position)
        }
        switch column.type {
        case .int16, .int32:
            if let integer = NumericValues.integer(value), value.dataType?.isInteger == true,
                !Cast.fits(integer, column.type)
            {
                throw outOfRange()
            }
        case .float:
            if let double = NumericValues.double(value), double.isFinite,
                abs(double) > Double(Float.greatestFiniteMagnitude)
            {
                throw outOfRange()
            }
        case .bool, .int64, .double, .string, .date, .timestamp:
            break
        }
        let converted = Cast.cast(value, to: column.type, context: context)
        if converted.isNull {
            if value.dataType == .float || value.dataType == .double, column.type.isInteger { throw outOfRange() }
            throw TideError(
                .invalidTextRepresentation, "\(what) for column \"\(column.name)\" cannot be read as \(column.type)",
                position: position)
        }
        return converted
    }
}
