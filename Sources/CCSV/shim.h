#ifndef DATACHECK_CCSV_SHIM_H
#define DATACHECK_CCSV_SHIM_H
// libcsv-dev ships csv.h and libcsv.so but no pkg-config file.
#include <csv.h>

// Parser states from libcsv.c (not exported by csv.h); datacheck reads `pstate`
// to know whether a record or a quoted field is open at a line end.
#define CCSV_ROW_NOT_BEGUN 0
#define CCSV_FIELD_NOT_BEGUN 1
#define CCSV_FIELD_BEGUN 2
#define CCSV_FIELD_MIGHT_HAVE_ENDED 3
#endif
