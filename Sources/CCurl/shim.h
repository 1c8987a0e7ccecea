#ifndef MTASTS_CCURL_SHIM_H
#define MTASTS_CCURL_SHIM_H
#include <curl/curl.h>
#include <string.h>

/*
 * Swift cannot call the variadic curl_easy_setopt / curl_easy_getinfo, so each argument type
 * gets one typed, non-variadic wrapper. Only HTTPSFetch's CurlTransfer.swift uses these.
 */

static inline CURLcode mtasts_curl_global_init(void) {
    return curl_global_init(CURL_GLOBAL_DEFAULT);
}

static inline CURLcode mtasts_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode mtasts_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

/* value may be NULL (e.g. CURLOPT_CAPATH, to switch a default off). curl copies strings. */
static inline CURLcode mtasts_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode mtasts_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode mtasts_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

/* CURLOPT_CA_CACHE_TIMEOUT (libcurl 7.87.0+): seconds a parsed CA file is kept by the handle.
 * Older libcurl has no such cache; the call then reports CURLE_UNKNOWN_OPTION. */
static inline CURLcode mtasts_curl_setopt_ca_cache_timeout(CURL *handle, long seconds) {
#if LIBCURL_VERSION_NUM >= 0x075700
    return curl_easy_setopt(handle, CURLOPT_CA_CACHE_TIMEOUT, seconds);
#else
    (void)handle; (void)seconds;
    return CURLE_UNKNOWN_OPTION;
#endif
}

static inline CURLcode mtasts_curl_setopt_write_callback(CURL *handle, curl_write_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
}

static inline CURLcode mtasts_curl_setopt_header_callback(CURL *handle, curl_write_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, callback);
}

/* For uploads (HTTPS POST bodies, SMTP messages): curl pulls the bytes through this. */
static inline CURLcode mtasts_curl_setopt_read_callback(CURL *handle, curl_read_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_READFUNCTION, callback);
}

static inline CURLcode mtasts_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode mtasts_curl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

/* *value points into curl's memory (valid until the handle is cleaned up) or is NULL. */
static inline CURLcode mtasts_curl_getinfo_string(CURL *handle, CURLINFO info, const char **value) {
    char *result = NULL;
    CURLcode code = curl_easy_getinfo(handle, info, &result);
    *value = result;
    return code;
}

/*
 * The value of field `name` (e.g. "Subject") of certificate `index` in CURLINFO_CERTINFO
 * (needs CURLOPT_CERTINFO 1), or NULL. Points into curl's memory; copy it before cleanup.
 */
static inline const char *mtasts_curl_certificate_field(CURL *handle, int index, const char *name) {
    struct curl_certinfo *info = NULL;
    if (curl_easy_getinfo(handle, CURLINFO_CERTINFO, &info) != CURLE_OK || info == NULL) return NULL;
    if (index < 0 || index >= info->num_of_certs || info->certinfo == NULL) return NULL;
    size_t length = strlen(name);
    for (struct curl_slist *item = info->certinfo[index]; item != NULL; item = item->next) {
        if (item->data != NULL && strncmp(item->data, name, length) == 0 && item->data[length] == ':') {
            return item->data + length + 1;
        }
    }
    return NULL;
}

#endif
