#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

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
        /// A growth that could not get its memory: nothing more is written.
        @usableFromInline var exhausted: Bool
    }

    @usableFromInline let state: UnsafeMutablePointer<State>

    public init(capacity: Int = 4096) {
        let capacity = max(16, capacity)
        state = .allocate(capacity: 1)
        let base = realloc(nil, capacity)?.assumingMemoryBound(to: UInt8.self)
        state.initialize(
            to: State(
                base: base ?? Self.noMemory, capacity: base == nil ? 0 : capacity, used: 0, exhausted: base == nil))
    }

    deinit {
        if state.pointee.base != Self.noMemory { free(state.pointee.base) }
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Whether a write found no memory to grow into (and was dropped, with every later one):
    /// the text is incomplete, and whoever filled the buffer must report it.
    public var exhausted: Bool { state.pointee.exhausted }

    /// Bytes written so far.
    public var count: Int { state.pointee.used }

    /// The bytes written so far, valid until the next write.
    public var bytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: state.pointee.base, count: state.pointee.used)
    }

    /// Forgets what was written (and a failed growth), keeping the memory.
    public func removeAll() {
        state.pointee.used = 0
        state.pointee.exhausted = false
    }

    /// Room for at least `byteCount` more bytes; false if the memory could not be had.
    @inlinable
    public func reserve(_ byteCount: Int) -> Bool {
        state.pointee.capacity &- state.pointee.used >= byteCount || grow(byteCount)
    }

    /// Grows by `realloc`, which moves a large buffer's pages instead of copying them (and
    /// so does not touch fresh memory for the bytes already written).
    @usableFromInline
    func grow(_ byteCount: Int) -> Bool {
        guard !state.pointee.exhausted else { return false }
        let newCapacity = max(state.pointee.capacity * 2, state.pointee.used + byteCount)
        let old = state.pointee.base == Self.noMemory ? nil : state.pointee.base
        guard let raw = realloc(old, newCapacity) else {
            // No room left at all, so that every later write comes here and is dropped too.
            state.pointee.exhausted = true
            state.pointee.capacity = state.pointee.used
            return false
        }
        state.pointee.base = raw.assumingMemoryBound(to: UInt8.self)
        state.pointee.capacity = newCapacity
        return true
    }

    /// The base of a buffer that never got memory (capacity 0: nothing is written to it).
    private nonisolated(unsafe) static let noMemory = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)

    /// Lets `body` write at most `maximum` bytes at the end; it returns how many it wrote.
    @inlinable
    public func write(maximum: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        guard reserve(maximum) else { return }
        let written = body(state.pointee.base + state.pointee.used)
        state.pointee.used += written
    }

    @inlinable
    public func append(_ byte: UInt8) {
        guard reserve(1) else { return }
        state.pointee.base[state.pointee.used] = byte
        state.pointee.used += 1
    }

    /// Appends `bytes` in one copy.
    @inlinable
    public func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty, reserve(bytes.count) else { return }
        UnsafeMutableRawPointer(state.pointee.base + state.pointee.used).copyMemory(
            from: source, byteCount: bytes.count)
        state.pointee.used += bytes.count
    }

    /// Appends the UTF-8 bytes of `text` in one copy.
    public func append(_ text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// Appends the bytes of `array` in one copy.
    public func append(contentsOf array: [UInt8]) {
        array.withUnsafeBytes { append($0) }
    }
}
