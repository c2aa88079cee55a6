#if canImport(Glibc)
    import Glibc
#endif

/// The number of cores to spread partitions over.
enum ProcessorInfo {
    static let cores: Int = {
        #if canImport(Glibc)
            return max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
            return 1
        #endif
    }()
}
