/// A growable byte buffer that text formatters write through a pointer: each piece checks the
/// capacity once (`write(maximum:_:)` reserves room for a whole number, say, and the digits are
/// stored without further checks), where appending to a `[UInt8]` checks uniqueness and
/// capacity for every byte or slice.
///
/// A class, so that a finished buffer can be handed from the thread that filled it to the one
/// that writes it out without a copy; its state lives behind a pointer the class never
/// reassigns, so that writes pay no dynamic exclusivity check (which a class's `var` would).
/// Unchecked Sendable: one thread at a time uses it (it is filled by one task, then read by
/// another after that task is done).
public final class ByteWriter: @unchecked Sendable {
    @usableFromInline
    struct State {
        @usableFromInline var base: UnsafeMutablePointer<UInt8>
        @usableFromInline var capacity: Int
        @usableFromInline var used: Int
    }

    @usableFromInline let state: UnsafeMutablePointer<State>

    public init(capacity: Int = 4096) {
        let capacity = max(16, capacity)
        state = .allocate(capacity: 1)
        state.initialize(to: State(base: .allocate(capacity: capacity), capacity: capacity, used: 0))
    }

    deinit {
        state.pointee.base.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Bytes written so far.
    public var count: Int { state.pointee.used }

    /// The bytes written so far, valid until the next write.
    public var bytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: state.pointee.base, count: state.pointee.used)
    }

    /// Forgets what was written, keeping the memory.
    public func removeAll() { state.pointee.used = 0 }

    /// Room for at least `byteCount` more bytes.
    @inlinable
    public func reserve(_ byteCount: Int) {
        if state.pointee.capacity &- state.pointee.used < byteCount { grow(byteCount) }
    }

    @usableFromInline
    func grow(_ byteCount: Int) {
        let old = state.pointee
        let newCapacity = max(old.capacity * 2, old.used + byteCount)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: old.base, count: old.used)
        old.base.deallocate()
        state.pointee.base = newBase
        state.pointee.capacity = newCapacity
    }

    /// Lets `body` write at most `maximum` bytes at the end; it returns how many it wrote.
    @inlinable
    public func write(maximum: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        reserve(maximum)
        let written = body(state.pointee.base + state.pointee.used)
        state.pointee.used += written
    }

    @inlinable
    public func append(_ byte: UInt8) {
        reserve(1)
        state.pointee.base[state.pointee.used] = byte
        state.pointee.used += 1
    }

    /// Appends `bytes` in one copy.
    @inlinable
    public func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        UnsafeMutableRawPointer(state.pointee.base + state.pointee.used).copyMemory(
            from: source, byteCount: bytes.count)
        state.pointee.used += bytes.count
    }

    /// Appends the bytes of `array` in one copy.
    public func append(contentsOf array: [UInt8]) {
        array.withUnsafeBytes { append($0) }
    }
}
