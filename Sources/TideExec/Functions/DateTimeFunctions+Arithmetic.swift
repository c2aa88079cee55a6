import TideCore
import TidePlan

extension DateTimeFunctions {
    /// add_months and datediff.
    static func registerArithmetic(into registry: inout FunctionRegistry) {
        for start in [SQLType.date, .string] {
            for count in SQLType.integerTypes {
                registry.scalar("add_months", [start, count]) { arguments, context in
                    let (date, months) = try pair(arguments, "add_months")
                    // OpenMLDB semantics: an invalid start date gives NULL; a day past the end of
                    // the target month becomes its last day (2016-08-31 + 1 month = 2016-09-30).
                    guard let from = try civilDate(date, in: context.timeZone, "add_months") else { return .null }
                    return dateValue(from.adding(months: try integer(months, "add_months")))
                }
            }
        }
        for (first, second) in [(SQLType.date, SQLType.date), (.date, .string), (.string, .date), (.string, .string)] {
            registry.scalar("datediff", [first, second]) { arguments, context in
                let (a, b) = try pair(arguments, "datediff")
                guard let end = try civilDate(a, in: context.timeZone, "datediff"),
                    let start = try civilDate(b, in: context.timeZone, "datediff")
                else { return .null }
                return int32Value(end.days - start.days)
            }
        }
    }
}
