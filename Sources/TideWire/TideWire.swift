// TideWire: the PostgreSQL wire protocol v3 (codecs, state machines, NIO server).
//
// This target is part of the layout from the start (ARCHITECTURE.md); its code arrives with
// the issue that builds it.
import TideDB
