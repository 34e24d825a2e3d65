#ifndef DATACHECK_CZSTD_SHIM_H
#define DATACHECK_CZSTD_SHIM_H
// libzstd-dev: Parquet's ZSTD codec is one or more zstd frames.
#include <zstd.h>

// ZSTD_CONTENTSIZE_UNKNOWN and ZSTD_CONTENTSIZE_ERROR are macros of unsigned long long casts,
// which Swift does not import.
static inline unsigned long long CZstd_contentSizeUnknown(void) { return ZSTD_CONTENTSIZE_UNKNOWN; }
static inline unsigned long long CZstd_contentSizeError(void) { return ZSTD_CONTENTSIZE_ERROR; }
#endif
