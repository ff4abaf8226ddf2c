/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The audit trail inside core: the triggers that record personal data, and imports summed up. */
#ifndef WANGGE_AUDIT_PRIV_H
#define WANGGE_AUDIT_PRIV_H

#include <wangge/core.h>

/* Creates (on) or drops the triggers that write every insert, update and delete of
 * personal data to the audit log (audit-record.c says which tables and why). */
int wg_audit_watch(struct wg_ctx *ctx, int on);

/*
 * A bulk import, inside its transaction: wg_audit_batch_begin, the inserts (not recorded one
 * by one), then wg_audit_batch_end with the import's status, also when begin failed.  When
 * that is WG_OK it writes the import's one entry, summary followed by each table's new
 * rows ("; residents insert 3: 1-3"), and returns how that went; otherwise it returns
 * status.  Either way every trigger is back on.
 */
int wg_audit_batch_begin(struct wg_ctx *ctx);
int wg_audit_batch_end(struct wg_ctx *ctx, int status, const char *action, const char *table,
		       const char *summary);
/* Forgets an open batch (wg_ctx_free). */
void wg_audit_batch_drop(struct wg_ctx *ctx);

#endif
