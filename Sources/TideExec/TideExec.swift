// TideExec: expression evaluation, functions, aggregates, window frames, LAST JOIN matching.
//
// This target is part of the layout from the start (ARCHITECTURE.md); its code arrives with
// the issue that builds it.
import TidePlan
