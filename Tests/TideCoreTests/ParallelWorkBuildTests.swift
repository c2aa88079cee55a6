import Synchronization
import Testing
import TideCore

/// `ParallelWork.build` against a plain serial map, and its clean-up when a range fails.
@Suite(.serialized) struct ParallelWorkBuildTests {
    /// Counts live instances, so a test can check that a failed build destroyed what it built.
    final class Tracked: Sendable {
        static let live = Atomic<Int>(0)
        let value: Int
        init(_ value: Int) {
            self.value = value
            Self.live.add(1, ordering: .relaxed)
        }
        deinit { Self.live.subtract(1, ordering: .relaxed) }
    }

    struct Failure: Error, Equatable { let row: Int }

    @Test(arguments: [0, 1, 7, 4_095, 4_096, 4_097, 50_001, 200_000])
    func buildsEveryElementInOrder(count: Int) throws {
        for minimum in [1, 1_000, 16_384] {
            let built = try ParallelWork.build(count, minimum: minimum) { rows, output in
                for r in rows { output.append(r &* 2_654_435_761 % 1_000_003) }
            }
            #expect(built == (0..<count).map { $0 &* 2_654_435_761 % 1_000_003 })
        }
    }

    @Test func referenceValuesSurviveAndAreReleased() throws {
        do {
            let built = try ParallelWork.build(100_000, minimum: 1_000) { rows, output in
                for r in rows { output.append(Tracked(r)) }
            }
            #expect(built.map(\.value) == Array(0..<100_000))
            #expect(Tracked.live.load(ordering: .relaxed) >= 100_000)
        }
        #expect(Tracked.live.load(ordering: .relaxed) == 0)
    }

    @Test(arguments: [0, 1_234, 99_999])
    func aFailingRangeDestroysWhatWasBuilt(failingRow: Int) {
        #expect(throws: Failure(row: failingRow)) {
            _ = try ParallelWork.build(100_000, minimum: 1_000) { rows, output in
                for r in rows {
                    if r == failingRow { throw Failure(row: r) }
                    output.append(Tracked(r))
                }
            }
        }
        #expect(Tracked.live.load(ordering: .relaxed) == 0)
    }

    @Test func aRangeThatAppendsTooFewOrTooManyIsAnInternalError() {
        for extra in [-1, 1] {
            let error = #expect(throws: TideError.self) {
                _ = try ParallelWork.build(10_000, minimum: 1_000) { rows, output in
                    for r in rows where !(extra < 0 && r == rows.lowerBound) { output.append(Tracked(r)) }
                    if extra > 0 { output.append(Tracked(-1)) }
                }
            }
            #expect(error?.code == .internalError)
            #expect(Tracked.live.load(ordering: .relaxed) == 0)
        }
    }
}
