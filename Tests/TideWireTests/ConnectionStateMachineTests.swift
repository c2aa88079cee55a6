import TideCore
import XCTest

@testable import TideWire

final class ConnectionStateMachineTests: XCTestCase {
    func testStartupThenReady() {
        var machine = ConnectionStateMachine()
        XCTAssertEqual(machine.receive(.sslRequest), .refuseEncryption)
        XCTAssertEqual(
            machine.receive(.startup(parameters: ["user": "u"])), .authenticate(parameters: ["user": "u"]))
        machine.authenticated(true)
        XCTAssertEqual(machine.receive(.query("SELECT 1")), .process(.query("SELECT 1")))
    }

    func testStartupWithoutUserFails() {
        var machine = ConnectionStateMachine()
        guard case .fail(let error) = machine.receive(.startup(parameters: [:])) else {
            return XCTFail("expected a failure")
        }
        XCTAssertEqual(error.code.rawValue, "28000")
        XCTAssertTrue(machine.isClosed)
    }

    func testExtendedErrorSkipsUntilSync() {
        var machine = ConnectionStateMachine()
        _ = machine.receive(.startup(parameters: ["user": "u"]))
        machine.authenticated(true)
        machine.extendedQueryFailed()
        XCTAssertEqual(
            machine.receive(
                .bind(BindMessage(portal: "", statement: "", parameterFormats: [], parameters: [], resultFormats: []))),
            .discard)
        XCTAssertEqual(machine.receive(.execute(portal: "", maxRows: 0)), .discard)
        XCTAssertEqual(machine.receive(.sync), .readyForQuery)
        XCTAssertEqual(machine.receive(.sync), .process(.sync))
    }

    func testMessagesBeforeStartupOrAfterCloseAreRefused() {
        var machine = ConnectionStateMachine()
        guard case .close(let error?) = machine.receive(.query("x")) else { return XCTFail("expected close") }
        XCTAssertEqual(error.code, .protocolViolation)
        XCTAssertEqual(machine.receive(.query("x")), .discard)
    }

    func testCancelRequestClosesAfterCancelling() {
        var machine = ConnectionStateMachine()
        XCTAssertEqual(machine.receive(.cancel(processID: 3, secretKey: 9)), .cancel(processID: 3, secretKey: 9))
        XCTAssertTrue(machine.isClosed)
    }
}
