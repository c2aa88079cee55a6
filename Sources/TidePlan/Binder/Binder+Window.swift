import TideCore
import TideSQL

extension Binder {
    /// Plans the window aggregates of a SELECT: one `WindowAggregateNode` whose output is the
    /// input's columns followed by one column per distinct window call.
    mutating func bindWindows(
        _ core: SelectCore, _ calls: [(call: FunctionCall, location: NodeLocation)], input: PhysicalPlan
    ) throws(TideError) -> (PhysicalPlan, ExpressionBinder) {
        var named: [String: WindowDefinition] = [:]
        for definition in core.windows {
            let key = definition.name.name.lowercased()
            if named[key] != nil {
                throw BinderErrors.window(
                    "window \"\(definition.name)\" is defined more than once", at: definition.name.location)
            }
            named[key] = definition
        }
        let scope = expressionBinder(input.columns, clause: "a window aggregate")
        var windows: [WindowSpecification] = []
        var windowKeys: [WindowSpec: Int] = [:]
        var aggregates: [WindowAggregateCall] = []
        var slots: [FunctionCall: Int] = [:]
        for (call, location) in calls where slots[call] == nil {
            let spec: WindowSpec
            let name: String
            switch call.over {
            case .named(let identifier):
                guard let definition = named[identifier.name.lowercased()] else {
                    throw BinderErrors.window("window \"\(identifier)\" does not exist", at: identifier.location)
                }
                spec = definition.spec
                name = definition.name.name
            case .inline(let inline):
                spec = inline
                inlineWindowCount += 1
                name = "#\(inlineWindowCount)"
            case nil:
                continue
            }
            let windowIndex: Int
            if let existing = windowKeys[spec] {
                windowIndex = existing
                if windows[existing].name != name, !windows[existing].sharedNames.contains(name) {
                    windows[existing].sharedNames.append(name)
                }
            } else {
                windows.append(try bindWindowSpec(spec, name: name, input: input))
                windowIndex = windows.count - 1
                windowKeys[spec] = windowIndex
            }
            aggregates.append(
                try bindWindowCall(call, window: windowIndex, over: call.over, at: location, scope: scope))
            slots[call] = input.columns.count + aggregates.count - 1
        }
        let node = WindowAggregateNode(input: input, windows: windows, aggregates: aggregates)
        let plan = PhysicalPlan.windowAggregate(node)
        var post = expressionBinder(plan.columns, clause: "the select list")
        post.aggregateSlots = slots
        return (plan, post)
    }

    /// Binds one aggregate call over window `window`. An aggregate inside its arguments
    /// (`sum(x - count(x)) OVER w`, `count_where(x, c = lag(c, 0)) OVER w`) is computed over
    /// the same frame first, as OpenMLDB does; the arguments then read its value as a column
    /// after the input's (`WindowAggregateCall.nested`).
    private func bindWindowCall(
        _ call: FunctionCall, window: Int, over: WindowReference?, at location: NodeLocation, scope: ExpressionBinder
    ) throws(TideError) -> WindowAggregateCall {
        var found = AggregateCollector.Found()
        for argument in call.arguments { AggregateCollector.collect(argument, into: &found) }
        var nested: [WindowAggregateCall] = []
        var argumentScope = scope
        if !found.groupCalls.isEmpty || !found.windowCalls.isEmpty {
            var columns = scope.scope.columns
            var slots = scope.aggregateSlots
            for (inner, innerLocation) in found.windowCalls where inner.over != over {
                throw BinderErrors.window(
                    "an aggregate inside another window aggregate must use the same window", at: innerLocation)
            }
            for (inner, innerLocation) in found.groupCalls + found.windowCalls where slots[inner] == nil {
                let bound = try bindWindowCall(inner, window: window, over: over, at: innerLocation, scope: scope)
                nested.append(bound)
                slots[inner] = columns.count
                columns.append(bound.column)
            }
            argumentScope = expressionBinder(columns, clause: scope.clause)
            argumentScope.aggregateSlots = slots
        }
        var arguments: [BoundExpr] = []
        for argument in call.arguments { arguments.append(try argumentScope.bind(argument)) }
        let functionName = call.name.description
        let column = { (type: SQLType) in PlanColumn(name: SQLPrinter.print(Expr(.function(call))), type: type) }
        if let elements = try elementAggregate(call, arguments: arguments, nested: nested, at: location) {
            var bound = WindowAggregateCall(
                window: window, signature: elements.signature, arguments: elements.arguments,
                column: column(elements.signature.returnType), nested: nested)
            bound.overElements = true
            return bound
        }
        let signature = try FunctionResolver.resolve(
            functionName, argumentTypes: arguments.map(\.type), position: location.location)
        guard signature.kind == .aggregate else {
            throw BinderErrors.window("\(functionName) is not an aggregate or window function", at: location)
        }
        return WindowAggregateCall(
            window: window, signature: signature, arguments: ExpressionBinder.widenArguments(arguments, to: signature),
            column: column(signature.returnType), nested: nested)
    }

    /// An aggregate over the list a nested aggregate returns (`count(window_split(s, ','))`
    /// OVER w): resolved for the list's element type; nil when the call is not of that shape.
    private func elementAggregate(
        _ call: FunctionCall, arguments: [BoundExpr], nested: [WindowAggregateCall], at location: NodeLocation
    ) throws(TideError) -> (signature: FunctionSignature, arguments: [BoundExpr])? {
        guard !nested.isEmpty, let first = arguments.first, case .array(let element) = first.type,
            case .function(let inner) = call.arguments[0].kind, inner.over == nil || inner.over == call.over,
            AggregateCollector.isAggregate(inner)
        else { return nil }
        let types = [element] + arguments.dropFirst().map(\.type)
        guard
            let signature = try? FunctionResolver.resolve(
                call.name.description, argumentTypes: types, position: location.location),
            signature.kind == .aggregate
        else { return nil }
        let rest = ExpressionBinder.widenArguments(
            [BoundExpr.literal(.null, element)] + Array(arguments.dropFirst()), to: signature
        ).dropFirst()
        return (signature, [first] + rest)
    }

    /// Validates and binds one window specification over `input`.
    mutating func bindWindowSpec(_ spec: WindowSpec, name: String, input: PhysicalPlan) throws(TideError)
        -> WindowSpecification
    {
        let scope = expressionBinder(input.columns, clause: "a window definition")
        if spec.partitionBy.isEmpty {
            // OpenMLDB semantics: every window is partitioned.
            throw BinderErrors.window("window \(name) needs PARTITION BY", at: spec.location)
        }
        var partitionBy: [BoundExpr] = []
        for e in spec.partitionBy { partitionBy.append(try scope.bind(e)) }
        if spec.orderBy.count > 1 {
            throw BinderErrors.window("a window orders by one column, found \(spec.orderBy.count)", at: spec.location)
        }
        let orderBy = try spec.orderBy.first.map { o throws(TideError) in try scope.bind(o.expr) }
        if let orderBy, !(orderBy.type.scalar.map { $0.isInteger || $0 == .timestamp } ?? false) {
            throw BinderErrors.window(
                "window ORDER BY needs an integer or timestamp column, not \(orderBy.type)", at: spec.location)
        }
        let frame = try Self.frameSpec(spec, ordered: orderBy != nil)
        if let maxSize = spec.maxSize {
            if frame.unit == .rows {
                throw BinderErrors.window("MAXSIZE applies to ROWS_RANGE windows only", at: spec.location)
            }
            if maxSize <= 0 {
                throw BinderErrors.window("MAXSIZE must be at least 1, got \(maxSize)", at: spec.location)
            }
        }
        if orderBy == nil && spec.excludeCurrentTime {
            throw BinderErrors.window("EXCLUDE CURRENT_TIME needs a window with ORDER BY", at: spec.location)
        }
        var unions: [PhysicalPlan] = []
        for source in spec.unions {
            let plan = try bindTableRef(source)
            guard plan.columns.map(\.type) == input.columns.map(\.type),
                plan.columns.map({ $0.name.lowercased() }) == input.columns.map({ $0.name.lowercased() })
            else {
                throw BinderErrors.window(
                    "WINDOW UNION source must have the main table's columns (names and types, in order)",
                    at: spec.location,
                    hint: "main table: \(input.columns.map { "\($0.name) \($0.type)" }.joined(separator: ", "))")
            }
            unions.append(plan)
        }
        var window = WindowSpecification(
            name: name, partitionBy: partitionBy, orderBy: orderBy, frame: frame,
            excludeCurrentRow: spec.excludeCurrentRow, excludeCurrentTime: spec.excludeCurrentTime,
            instanceNotInWindow: spec.instanceNotInWindow, maxSize: spec.maxSize, unions: unions)
        window.index = IndexSelection.windowIndex(window, over: input)
        window.unionIndexes = unions.map { IndexSelection.windowIndex(window, over: $0) }
        return window
    }

    /// The canonical frame of a window (OpenMLDB's signed offsets), after validation.
    static func frameSpec(_ spec: WindowSpec, ordered: Bool) throws(TideError) -> FrameSpec {
        guard let frame = spec.frame else {
            return FrameSpec(unit: .rowsRange, start: nil, end: 0)
        }
        let unit: FrameSpec.Unit
        switch frame.unit {
        case .rows: unit = .rows
        case .rowsRange: unit = .rowsRange
        case .range:
            throw BinderErrors.unsupported(
                "RANGE frames are not supported", at: frame.location,
                hint: "use ROWS_RANGE (rows with equal ts enter one by one)")
        }
        let start = try offset(frame.start, unit: unit, isStart: true, at: frame.location)
        guard let end = try offset(frame.end, unit: unit, isStart: false, at: frame.location) else {
            throw BinderErrors.window("a frame cannot end at UNBOUNDED PRECEDING", at: frame.location)
        }
        if let start, start > end {
            throw BinderErrors.window("the frame starts after it ends", at: frame.location)
        }
        if !ordered, unit == .rowsRange, start != nil || end != 0 {
            throw BinderErrors.window(
                "a window without ORDER BY allows only ROWS_RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW",
                at: frame.location)
        }
        return FrameSpec(unit: unit, start: start, end: end)
    }

    /// OpenMLDB semantics: `FrameBound::GetSignedOffset`; OPEN moves the bound one unit inward.
    /// The largest frame offset, in milliseconds or rows.
    static let maxFrameOffset: Int64 = 1 << 62

    private static func offset(_ bound: FrameBound, unit: FrameSpec.Unit, isStart: Bool, at location: NodeLocation)
        throws(TideError) -> Int64?
    {
        switch bound {
        case .unboundedPreceding: return nil
        case .currentRow: return 0
        case .following, .unboundedFollowing:
            throw BinderErrors.window(
                "FOLLOWING frame bounds are not supported", at: location,
                hint: "windows look back from the current row: use PRECEDING or CURRENT ROW")
        case .preceding(let offset, let open):
            if unit == .rows, offset.unit != nil {
                throw BinderErrors.window("a ROWS frame counts rows; use ROWS_RANGE for a time interval", at: location)
            }
            // Offsets past 2^62 (146 million years, or rows) would overflow the frame
            // arithmetic on order values; the frame that long is UNBOUNDED PRECEDING.
            guard let magnitude = offset.magnitude, magnitude <= Self.maxFrameOffset else {
                throw TideError(
                    .numericValueOutOfRange, "frame offset \(offset.value)\(offset.unit?.rawValue ?? "") is too large",
                    hint: "the largest offset is \(Self.maxFrameOffset) (ms or rows); write UNBOUNDED PRECEDING",
                    position: location.location)
            }
            // OpenMLDB semantics: a negative PRECEDING offset cannot reach past the current row.
            let n = max(0, magnitude)
            guard open else { return -n }
            return isStart ? -(n - 1) : -(n + 1)
        }
    }
}
