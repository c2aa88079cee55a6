// The compression codecs of Parquet pages (Debian libsnappy-dev, libzstd-dev, zlib1g-dev).
#include <snappy-c.h>
#include <zstd.h>
#include <zlib.h>
