#ifndef MTASTS_CZLIB_SHIM_H
#define MTASTS_CZLIB_SHIM_H
#include <zlib.h>
#endif
