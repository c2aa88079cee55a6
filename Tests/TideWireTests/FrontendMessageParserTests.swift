import NIOCore
import TideCore
import XCTest

@testable import TideWire

final class FrontendMessageParserTests: XCTestCase {
    func testStartupAndSpecialRequests() throws {
        var buffer = ByteBuffer()
        var body = ByteBuffer()
        body.writeInteger(Int32(196_608))
        body.writeCString("user")
        body.writeCString("alice")
        body.writeCString("database")
        body.writeCString("shop")
        body.writeInteger(UInt8(0))
        buffer.writeInteger(Int32(body.readableBytes + 4))
        buffer.writeBuffer(&body)
        buffer.writeInteger(Int32(8))
        buffer.writeInteger(Int32(80_877_103))
        let startup = try FrontendMessageParser.parseStartup(&buffer, maxLength: 10_000)
        XCTAssertEqual(startup, .startup(parameters: ["user": "alice", "database": "shop"]))
        XCTAssertEqual(try FrontendMessageParser.parseStartup(&buffer, maxLength: 10_000), .sslRequest)
        XCTAssertNil(try FrontendMessageParser.parseStartup(&buffer, maxLength: 10_000))
    }

    func testPartialMessageWaitsForMoreBytes() throws {
        var whole = frame("Q") { $0.writeCString("SELECT 1") }
        var first = whole.readSlice(length: 6) ?? ByteBuffer()
        XCTAssertNil(try FrontendMessageParser.parse(&first, maxLength: 1 << 20))
        XCTAssertEqual(first.readerIndex, 0, "nothing is consumed until the whole message is there")
        first.writeBuffer(&whole)
        XCTAssertEqual(try FrontendMessageParser.parse(&first, maxLength: 1 << 20), .query("SELECT 1"))
    }

    func testBindWithNullAndBinaryFormats() throws {
        var buffer = frame("B") { body in
            body.writeCString("p1")
            body.writeCString("s1")
            body.writeInteger(Int16(1))
            body.writeInteger(Int16(1))
            body.writeInteger(Int16(2))
            body.writeInteger(Int32(4))
            body.writeInteger(Int32(42))
            body.writeInteger(Int32(-1))
            body.writeInteger(Int16(0))
        }
        let message = try FrontendMessageParser.parse(&buffer, maxLength: 1 << 20)
        XCTAssertEqual(
            message,
            .bind(
                BindMessage(
                    portal: "p1", statement: "s1", parameterFormats: [.binary], parameters: [[0, 0, 0, 42], nil],
                    resultFormats: [])))
    }

    func testMalformedMessagesAreErrorsNotCrashes() {
        var badLength = ByteBuffer(bytes: [UInt8(ascii: "Q"), 0, 0, 0, 2])
        XCTAssertThrowsError(try FrontendMessageParser.parse(&badLength, maxLength: 1 << 20)) { error in
            XCTAssertEqual((error as? TideError)?.code, .protocolViolation)
        }
        var tooLarge = ByteBuffer(bytes: [UInt8(ascii: "Q"), 0x10, 0, 0, 0])
        XCTAssertThrowsError(try FrontendMessageParser.parse(&tooLarge, maxLength: 1 << 20)) { error in
            XCTAssertEqual((error as? TideError)?.code.rawValue, "54000")
        }
        var unterminated = frame("Q") { $0.writeString("SELECT 1") }
        XCTAssertThrowsError(try FrontendMessageParser.parse(&unterminated, maxLength: 1 << 20))
        var unknown = frame("!") { _ in }
        XCTAssertThrowsError(try FrontendMessageParser.parse(&unknown, maxLength: 1 << 20))
        var badUTF8 = frame("Q") { $0.writeBytes([0xFF, 0xFE, 0]) }
        XCTAssertThrowsError(try FrontendMessageParser.parse(&badUTF8, maxLength: 1 << 20)) { error in
            XCTAssertEqual((error as? TideError)?.code.rawValue, "22021")
        }
    }

    /// Random and mutated bytes never crash the parser: every input either parses, waits for
    /// more bytes, or throws a TideError.
    func testRandomAndMutatedInput() {
        var generator = SystemRandomNumberGenerator()
        let seeds: [ByteBuffer] = [
            frame("Q") { $0.writeCString("SELECT 1") },
            frame("P") { body in
                body.writeCString("s")
                body.writeCString("SELECT $1")
                body.writeInteger(Int16(1))
                body.writeInteger(Int32(23))
            },
            frame("B") { body in
                body.writeCString("")
                body.writeCString("s")
                body.writeInteger(Int16(0))
                body.writeInteger(Int16(1))
                body.writeInteger(Int32(1))
                body.writeInteger(UInt8(ascii: "7"))
                body.writeInteger(Int16(0))
            },
            frame("E") { body in
                body.writeCString("")
                body.writeInteger(Int32(0))
            },
        ]
        for i in 0..<20_000 {
            var bytes = Array(seeds[i % seeds.count].readableBytesView)
            if i % 3 == 0 {
                bytes = (0..<Int.random(in: 0..<64, using: &generator)).map { _ in UInt8.random(in: 0...255) }
            } else {
                for _ in 0..<Int.random(in: 1...4, using: &generator) where !bytes.isEmpty {
                    bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255)
                }
            }
            var buffer = ByteBuffer(bytes: bytes)
            while true {
                do {
                    guard try FrontendMessageParser.parse(&buffer, maxLength: 1 << 16) != nil else { break }
                } catch {
                    XCTAssertTrue(error is TideError)
                    break
                }
            }
        }
    }
}
