/* What the CSV reader and writer share: the spaces the reader trims and the writer protects. */
#ifndef WANGGE_CSV_PRIV_H
#define WANGGE_CSV_PRIV_H

#include <stddef.h>

/* Bytes of the space (ASCII space, tab, U+3000) starting at p, or 0. */
size_t wg_csv_space_at(const char *p);
/* Bytes of the space ending just before end (not before start), or 0. */
size_t wg_csv_space_before(const char *start, const char *end);

#endif
