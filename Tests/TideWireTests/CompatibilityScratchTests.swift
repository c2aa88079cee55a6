import Foundation
import TideSQL
import XCTest

@testable import TideWire

final class CompatibilityScratchTests: XCTestCase {
    func testConformanceCorpusIsLeftToTideDB() throws {
        let demo = try DemoDatabase()
        let data = try Data(contentsOf: URL(fileURLWithPath: "/tmp/conformance-sql.json"))
        let scripts = try JSONDecoder().decode([String].self, from: data)
        var answered: [String] = []
        for script in scripts {
            for entry in ScriptParser.parse(script) {
                let sql = entry.piece.text
                if let answer = demo.answer(sql) { answered.append("\(sql) => \(answer)") }
            }
            if demo.answer(script) != nil { answered.append("WHOLE: \(script)") }
        }
        print("ANSWERED \(answered.count)")
        for a in answered { print("ANSWERED: \(a)") }
    }
}
