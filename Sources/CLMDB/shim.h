#ifndef MTASTS_CLMDB_SHIM_H
#define MTASTS_CLMDB_SHIM_H
#include <lmdb.h>
#endif
