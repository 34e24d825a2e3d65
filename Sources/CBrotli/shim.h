#ifndef DATACHECK_CBROTLI_SHIM_H
#define DATACHECK_CBROTLI_SHIM_H
// libbrotli-dev: only the decoder is needed.
#include <brotli/decode.h>
#endif
