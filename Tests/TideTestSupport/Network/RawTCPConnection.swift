import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A blocking TCP client over a POSIX socket to 127.0.0.1, for tests that must send exact
/// bytes (pipelined requests, malformed messages) and read exactly what comes back.
public final class RawTCPConnection {
    private let descriptor: Int32
    /// Bytes received and not yet consumed.
    public private(set) var received: [UInt8] = []

    /// Connects to `127.0.0.1:port`; reads give up after `timeout` seconds.
    public init(port: Int, timeout: Int = 10) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw RawTCPError("socket() failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(descriptor)
            throw RawTCPError("connect to port \(port) failed: errno \(errno)")
        }
        var limit = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(descriptor) }

    /// Sends every byte of `text` (UTF-8).
    public func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    /// Sends every byte of `bytes`.
    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw RawTCPError("send failed: errno \(errno)") }
            offset += sent
        }
    }

    /// Reads once more from the socket; false when the peer closed it.
    /// - Throws: when nothing arrives within the timeout.
    @discardableResult
    public func receiveMore() throws -> Bool {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count < 0 { throw RawTCPError("recv failed or timed out: errno \(errno)") }
        received.append(contentsOf: buffer[0..<count])
        return count > 0
    }

    /// Reads until the peer closes the connection; returns everything not yet consumed.
    public func receiveUntilClosed() throws -> [UInt8] {
        while try receiveMore() {}
        defer { received = [] }
        return received
    }

    /// Removes and returns the first `count` received bytes, reading more as needed.
    public func consume(_ count: Int) throws -> [UInt8] {
        while received.count < count {
            guard try receiveMore() else { throw RawTCPError("connection closed after \(received.count) bytes") }
        }
        defer { received.removeFirst(count) }
        return Array(received[0..<count])
    }

    /// Removes and returns the received bytes up to and including `delimiter`, reading more as
    /// needed; nil if the peer closes first.
    public func consume(through delimiter: [UInt8]) throws -> [UInt8]? {
        while true {
            if let end = Self.index(of: delimiter, in: received) {
                defer { received.removeFirst(end + delimiter.count) }
                return Array(received[0..<(end + delimiter.count)])
            }
            guard try receiveMore() else { return nil }
        }
    }

    private static func index(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}

/// A failure of `RawTCPConnection`.
public struct RawTCPError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
