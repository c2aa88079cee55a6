// TideDB: the embeddable database (data directory, sessions, commands).
//
// This target is part of the layout from the start (ARCHITECTURE.md); its code arrives with
// the issue that builds it.
import TideSQL
import TideStore
