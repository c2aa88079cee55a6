// TideHTTP: the OpenMLDB APIServer-compatible HTTP API.
//
// This target is part of the layout from the start (ARCHITECTURE.md); its code arrives with
// the issue that builds it.
import TideDB
