import Testing
import TideExec
import TideTestSupport

@testable import TideBatch

/// The counting sort that groups window rows by partition, against grouping row by row.
@Suite struct PartitionMembersTests {
    @Test(arguments: 0..<20)
    func groupsEveryRowOfEverySourceInSourceOrder(seed: Int) {
        var random = SeededGenerator(seed: UInt64(seed))
        let partitionCount = Int(random.next() % 50)
        let sources = (0..<Int(1 + random.next() % 3)).map { _ in
            (0..<Int(random.next() % 2_000)).map { _ -> Int32 in
                // Some rows in no partition (a union row whose key has no main row).
                partitionCount == 0 || random.next() % 7 == 0 ? -1 : Int32(random.next() % UInt64(partitionCount))
            }
        }
        var expected = Array(repeating: [PartitionRowRef](), count: partitionCount)
        for (s, source) in sources.enumerated() {
            for (r, p) in source.enumerated() where p >= 0 {
                expected[Int(p)].append(PartitionRowRef(source: Int32(s), index: Int32(r)))
            }
        }
        let members = PartitionMembers(partitions: sources, count: partitionCount)
        #expect(members.partitionCount == partitionCount)
        for p in 0..<partitionCount { #expect(Array(members.rows(of: p)) == expected[p]) }
    }
}
