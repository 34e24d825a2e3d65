#ifndef DATACHECK_CLZ4_SHIM_H
#define DATACHECK_CLZ4_SHIM_H
// liblz4-dev: Parquet's LZ4_RAW codec is one LZ4 block, without the frame format.
#include <lz4.h>
#endif
