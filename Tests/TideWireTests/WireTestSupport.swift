import Foundation
import NIOCore
import TideCore
import TideDB
import TideMetrics
import XCTest

@testable import TideWire

/// A database in a fresh temporary directory, removed when the test ends.
func makeScratchDatabase(_ test: XCTestCase) throws -> Database {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("tide-wire-\(UUID().uuidString)").path
    test.addTeardownBlock { try? FileManager.default.removeItem(atPath: directory) }
    return try Database(directory: directory)
}

/// A root session on a scratch database, after running `statements` (each must end in
/// ReadyForQuery).
func makeScratchSession(
    _ test: XCTestCase, metrics: ServerMetrics? = nil, running statements: [String]
) throws -> WireSession {
    let session = try WireSession(
        database: try makeScratchDatabase(test), user: "root", parameters: ["user": "root"],
        serverVersion: "15.0 (TideDB test)", metrics: metrics)
    for sql in statements {
        XCTAssertEqual(kinds(session.simpleQuery(sql)).last, "Z", sql)
    }
    return session
}

/// Frames a frontend message the way a client sends it.
func frame(_ type: Character, _ body: (inout ByteBuffer) -> Void) -> ByteBuffer {
    var payload = ByteBuffer()
    body(&payload)
    var out = ByteBuffer()
    out.writeInteger(UInt8(ascii: type.unicodeScalars.first ?? "?"))
    out.writeInteger(Int32(payload.readableBytes + 4))
    out.writeBuffer(&payload)
    return out
}

extension ByteBuffer {
    mutating func writeCString(_ s: String) {
        writeString(s)
        writeInteger(UInt8(0))
    }
}

/// The messages' kinds in order, for compact assertions.
func kinds(_ messages: [BackendMessage]) -> [String] {
    messages.map { message in
        switch message {
        case .authenticationOk, .authenticationCleartextPassword, .authenticationSASL, .authenticationSASLContinue,
            .authenticationSASLFinal:
            return "auth"
        case .parameterStatus: return "S"
        case .backendKeyData: return "K"
        case .readyForQuery: return "Z"
        case .rowDescription: return "T"
        case .dataRow: return "D"
        case .commandComplete(let tag): return "C:\(tag)"
        case .emptyQueryResponse: return "I"
        case .error(let fields): return "E:\(fields.code)"
        case .notice: return "N"
        case .parseComplete: return "1"
        case .bindComplete: return "2"
        case .closeComplete: return "3"
        case .noData: return "n"
        case .portalSuspended: return "s"
        case .parameterDescription: return "t"
        }
    }
}

/// The text of the values of the data rows among `messages`.
func rowTexts(_ messages: [BackendMessage]) -> [[String?]] {
    messages.compactMap { message in
        guard case .dataRow(let values) = message else { return nil }
        return values.map { $0.map { String(decoding: $0, as: UTF8.self) } }
    }
}
