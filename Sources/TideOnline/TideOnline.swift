// TideOnline: the request engine's operators over IndexReader.
//
// This target is part of the layout from the start (ARCHITECTURE.md); its code arrives with
// the issue that builds it.
import TideExec
