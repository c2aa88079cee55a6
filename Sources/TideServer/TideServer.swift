import TideHTTP
import TideKafka
// TideServer: composition root for the wire, HTTP and Kafka services.
//
// This target is part of the layout from the start (ARCHITECTURE.md); its code arrives with
// the issue that builds it.
import TideWire
