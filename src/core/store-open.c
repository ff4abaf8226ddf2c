/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Opening a store with core's layers on top: the audit triggers and sync's change recording. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdlib.h>

#include <wangge/store.h>
#include "audit-priv.h"
#include "core-int.h"
#include "sync-priv.h"

/*
 * The db layer (store.c: statements, transactions, migrations) calls these
 * hooks and nothing else above it; this file is the one place that knows
 * which layers there are.  Before: wg_begin, wg_commit and wg_store_open
 * called sync.c and audit-record.c directly, which called back into store.c.
 */
static int opened(struct wg_ctx *ctx, int migrated)
{
	return wg_audit_watch(ctx, migrated);
}

static void closing(struct wg_ctx *ctx)
{
	sync_record_free(ctx);
	sync_schema_free(ctx);
	wg_audit_batch_drop(ctx);
}

static const struct wg_store_hooks core_hooks = {
	.opened = opened,
	.begin = sync_record_begin,
	.before_commit = sync_record_commit,
	.ended = sync_record_drop,
	.closing = closing,
	.pause = sync_record_pause,
	.ingest = sync_record_ingest,
};

int wg_store_open(struct wg_ctx *ctx, const char *path, enum wg_open_mode mode)
{
	ctx->hooks = &core_hooks;
	return store_open_file(ctx, path, mode);
}

int wg_store_reload(struct wg_ctx *ctx)
{
	ctx->hooks = &core_hooks;
	return store_reopen(ctx);
}

/* Here, not in ctx.c: freeing a context closes its store, and ctx.c is below the store. */
void wg_ctx_free(struct wg_ctx *ctx)
{
	if (!ctx)
		return;
	wg_store_close(ctx); /* the layers above let go of theirs through the closing hook */
	free(ctx->db_path);
	free(ctx->calendar);
	free(ctx->task_policy);
	free(ctx);
}
