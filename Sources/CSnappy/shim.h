#ifndef DATACHECK_CSNAPPY_SHIM_H
#define DATACHECK_CSNAPPY_SHIM_H
// libsnappy-dev: the C binding of snappy (raw blocks, no framing), as Parquet's SNAPPY codec uses.
#include <snappy-c.h>
#endif
