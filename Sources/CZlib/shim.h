#ifndef DATACHECK_CZLIB_SHIM_H
#define DATACHECK_CZLIB_SHIM_H
#include <zlib.h>

// inflateInit2 is a macro (it passes ZLIB_VERSION and the stream size), so Swift cannot call it.
static inline int CZlib_inflateInit2(z_streamp strm, int windowBits) {
  return inflateInit2(strm, windowBits);
}
#endif
