/* The tamper-evident audit log: who did what to which record, hash-chained. */
#ifndef WANGGE_AUDIT_H
#define WANGGE_AUDIT_H

#include <stdint.h>
#include <stdio.h>
#include <wangge/core.h>

/* Appends one entry for the acting user; call inside the write's transaction. */
int wg_audit(struct wg_ctx *ctx, const char *action, const char *table, int64_t row_id,
	     const char *detail);

/* wg_audit in a transaction of its own, for what is recorded after the fact (an export
 * written, a backup made). */
int wg_audit_alone(struct wg_ctx *ctx, const char *action, const char *table, int64_t row_id,
		   const char *detail);

/* The end of every export: out flushed (a write error named as a full disk), then the
 * export recorded with wg_audit_alone. */
int wg_export_done(struct wg_ctx *ctx, FILE *out, const char *action, const char *table,
		   const char *detail);

/* Recomputes the chain; *bad gets the number of entries that do not match. */
int wg_audit_verify(struct wg_ctx *ctx, long *checked, long *bad, int64_t *first_bad);

#endif
