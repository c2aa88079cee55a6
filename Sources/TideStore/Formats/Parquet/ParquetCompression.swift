import CCompression

/// Page compression: snappy, zstd and gzip through the C libraries, or none.
enum ParquetCompression {
    /// Decompresses a page body that must expand to exactly `size` bytes.
    static func decompress(
        _ input: UnsafeRawBufferPointer, codec: Int32, size: Int
    ) throws(ParquetError) -> [UInt8] {
        guard let known = ParquetCodec(rawValue: codec) else { throw .unsupported("compression codec \(codec)") }
        if known == .uncompressed {
            guard input.count == size else { throw .corrupt("page is \(input.count) bytes, its header says \(size)") }
            return Array(input)
        }
        var output = [UInt8](repeating: 0, count: size)
        if size == 0 && input.isEmpty { return output }
        let ok = output.withUnsafeMutableBytes { out -> Bool in
            switch known {
            case .snappy: return snappy(input, into: out)
            case .zstd: return zstd(input, into: out)
            case .gzip: return gzip(input, into: out)
            default: return false
            }
        }
        switch known {
        case .snappy, .zstd, .gzip:
            guard ok else { throw .corrupt("\(name(of: known)) page does not decompress to its \(size) bytes") }
            return output
        default:
            throw .unsupported("\(name(of: known)) compression is not supported (use snappy, zstd, gzip or none)")
        }
    }

    /// Compresses a page body with `codec` (uncompressed, snappy, zstd or gzip).
    static func compress(_ input: [UInt8], codec: ParquetCodec) throws(ParquetError) -> [UInt8] {
        switch codec {
        case .uncompressed:
            return input
        case .snappy:
            var length = snappy_max_compressed_length(input.count)
            var output = [UInt8](repeating: 0, count: length)
            let status = input.withUnsafeBytes { src in
                output.withUnsafeMutableBytes { dst in
                    snappy_compress(
                        src.baseAddress?.assumingMemoryBound(to: CChar.self), src.count,
                        dst.baseAddress?.assumingMemoryBound(to: CChar.self), &length)
                }
            }
            guard status == SNAPPY_OK else { throw .corrupt("snappy compression failed") }
            output.removeSubrange(length...)
            return output
        case .zstd:
            var output = [UInt8](repeating: 0, count: ZSTD_compressBound(input.count))
            let written = input.withUnsafeBytes { src in
                output.withUnsafeMutableBytes { dst in
                    ZSTD_compress(dst.baseAddress, dst.count, src.baseAddress, src.count, 1)
                }
            }
            guard ZSTD_isError(written) == 0 else { throw .corrupt("zstd compression failed") }
            output.removeSubrange(written...)
            return output
        case .gzip:
            return try gzipCompress(input)
        default:
            throw .unsupported("\(name(of: codec)) compression is not supported")
        }
    }

    /// The codec's name as users write it.
    static func name(of codec: ParquetCodec) -> String {
        switch codec {
        case .uncompressed: return "uncompressed"
        case .snappy: return "snappy"
        case .gzip: return "gzip"
        case .lzo: return "lzo"
        case .brotli: return "brotli"
        case .lz4: return "lz4"
        case .zstd: return "zstd"
        case .lz4Raw: return "lz4_raw"
        }
    }

    private static func snappy(_ input: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) -> Bool {
        guard let src = input.baseAddress?.assumingMemoryBound(to: CChar.self) else { return false }
        var expected = 0
        guard snappy_uncompressed_length(src, input.count, &expected) == SNAPPY_OK, expected == out.count else {
            return false
        }
        var length = out.count
        return snappy_uncompress(src, input.count, out.baseAddress?.assumingMemoryBound(to: CChar.self), &length)
            == SNAPPY_OK && length == out.count
    }

    private static func zstd(_ input: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) -> Bool {
        let n = ZSTD_decompress(out.baseAddress, out.count, input.baseAddress, input.count)
        return ZSTD_isError(n) == 0 && n == out.count
    }

    /// gzip (RFC 1952) or zlib streams; some writers concatenate gzip members.
    private static func gzip(_ input: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) -> Bool {
        guard let inBase = input.baseAddress, let outBase = out.baseAddress else { return false }
        var stream = z_stream()
        // 15 window bits + 32: detect gzip or zlib headers.
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return false
        }
        defer { inflateEnd(&stream) }
        stream.next_in = UnsafeMutablePointer(mutating: inBase.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(input.count)
        stream.next_out = outBase.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(out.count)
        while true {
            let status = inflate(&stream, Z_NO_FLUSH)
            if status == Z_STREAM_END {
                if stream.avail_in > 0 && stream.avail_out > 0 {
                    guard inflateReset(&stream) == Z_OK else { return false }
                    continue
                }
                return stream.avail_out == 0
            }
            guard status == Z_OK else { return false }
            if stream.avail_out == 0 { return stream.avail_in == 0 }
        }
    }

    private static func gzipCompress(_ input: [UInt8]) throws(ParquetError) -> [UInt8] {
        var stream = z_stream()
        // 15 window bits + 16: a gzip header.
        guard
            deflateInit2_(
                &stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { throw .corrupt("gzip compression failed") }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 32)
        let status = input.withUnsafeBytes { src in
            output.withUnsafeMutableBytes { dst -> Int32 in
                stream.next_in = UnsafeMutablePointer(
                    mutating: src.baseAddress?.assumingMemoryBound(to: Bytef.self))
                stream.avail_in = uInt(src.count)
                stream.next_out = dst.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(dst.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw .corrupt("gzip compression failed") }
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }
}
