// TidePlan: binder, type rules, logical and physical plans, index selection, EXPLAIN.
//
// This target is part of the layout from the start (ARCHITECTURE.md); its code arrives with
// the issue that builds it.
import TideCore
import TideSQL
