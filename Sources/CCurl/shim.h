#ifndef MTASTS_CCURL_SHIM_H
#define MTASTS_CCURL_SHIM_H
#include <curl/curl.h>
#endif
