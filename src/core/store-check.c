/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* 'wangge check': integrity, foreign keys, schema version, the audit chain and the seals. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <inttypes.h>
#include <stdio.h>

#include <wangge/audit.h>
#include <wangge/i18n.h>
#include <wangge/store.h>
#include "audit-head.h"
#include "core-int.h"
#include "site-key-priv.h"
#include "sync-priv.h"
#include "tally-priv.h"

typedef void (*report_fn)(void *, const char *);

static void say(report_fn report, void *arg, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void say(report_fn report, void *arg, const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	report(arg, line);
}

static int check_integrity(struct wg_ctx *ctx, report_fn report, void *arg)
{
	sqlite3_stmt *st = NULL;
	int problems = 0;
	if (sqlite3_prepare_v2(ctx->db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
		return -wg_db_fail(ctx, _("integrity check"));
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *msg = (const char *)sqlite3_column_text(st, 0);
		if (msg && sqlite3_stricmp(msg, "ok") != 0) {
			say(report, arg, _("integrity: %s"), msg);
			if (problems++ == 0)
				wg_damage_mark(ctx, msg);
		}
	}
	if (rc != SQLITE_DONE) { /* the check itself stopped on a damaged page */
		say(report, arg, _("integrity: %s"), sqlite3_errmsg(ctx->db));
		if (problems++ == 0)
			wg_damage_mark(ctx, sqlite3_errmsg(ctx->db));
	}
	sqlite3_finalize(st);
	if (!problems) {
		say(report, arg, "%s", _("integrity: ok"));
		wg_damage_clear(ctx);
	}
	return problems;
}

static int check_foreign_keys(struct wg_ctx *ctx, report_fn report, void *arg)
{
	sqlite3_stmt *st = NULL;
	int problems = 0;
	if (sqlite3_prepare_v2(ctx->db, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK)
		return -wg_db_fail(ctx, _("foreign key check"));
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (problems++ < 20)
			say(report, arg, _("foreign keys: %s row %" PRId64 " refers to a missing %s row"),
			    (const char *)sqlite3_column_text(st, 0), (int64_t)sqlite3_column_int64(st, 1),
			    (const char *)sqlite3_column_text(st, 2));
	}
	sqlite3_finalize(st);
	if (problems > 20)
		say(report, arg, _("foreign keys: %d more problems not shown"), problems - 20);
	if (!problems)
		say(report, arg, "%s", _("foreign keys: ok"));
	return problems;
}

static int check_schema(struct wg_ctx *ctx, report_fn report, void *arg)
{
	sqlite3_stmt *st = NULL;
	int version = -1;
	if (sqlite3_prepare_v2(ctx->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (version != wg_schema_version()) {
		say(report, arg, _("schema: version %d, expected %d"), version, wg_schema_version());
		return 1;
	}
	say(report, arg, _("schema: version %d, ok"), version);
	return 0;
}

static int check_audit(struct wg_ctx *ctx, report_fn report, void *arg)
{
	long checked, bad;
	int64_t first;
	if (wg_audit_verify(ctx, &checked, &bad, &first) != WG_OK)
		return 1;
	if (bad) {
		say(report, arg, _("audit chain: %ld of %ld entries do not match, first at entry %" PRId64
				   "; the log was changed outside wangge"), bad, checked, first);
		return (int)bad;
	}
	say(report, arg, _("audit chain: %ld entries, ok"), checked);
	return 0;
}

/* Each chain's head, for comparing with a copy kept elsewhere, held against its signed head. */
static int check_site_head(struct wg_ctx *ctx, int site, report_fn report, void *arg)
{
	struct audit_head chain, head;
	int anchored;
	const char *why = audit_head_check(ctx, site, &chain, &head, &anchored);
	say(report, arg, _("audit head: site %d, %" PRId64 " entries, last %.12s%s"), site, chain.count,
	    chain.count ? chain.hash : "-", anchored ? _(", signed") : _(", no signed head here"));
	if (!why)
		return 0;
	say(report, arg, _("audit head: site %d: %s (signed head: %" PRId64 " entries, last %.12s)"),
	    site, why, head.count, head.count ? head.hash : "-");
	return 1;
}

static int check_heads(struct wg_ctx *ctx, report_fn report, void *arg)
{
	static const char sql[] = "SELECT DISTINCT id >> 40 FROM audit_log UNION"
				  " SELECT site_no FROM audit_anchors UNION SELECT ?1 ORDER BY 1";
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	sqlite3_stmt *st = NULL;
	int problems = 0;
	/* A database from before site keys gets its key and head now (first need). */
	int rc = site_key_pair(ctx, pk, sk);
	sodium_memzero(sk, sizeof sk);
	if (rc != WG_OK)
		return -rc;
	if (sqlite3_prepare_v2(ctx->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -wg_db_fail(ctx, _("checking the audit log's heads"));
	sqlite3_bind_int(st, 1, ctx->site_no);
	while (sqlite3_step(st) == SQLITE_ROW)
		problems += check_site_head(ctx, sqlite3_column_int(st, 0), report, arg);
	sqlite3_finalize(st);
	return problems;
}

/* The counts the triggers keep against the tables: what differs is counted anew and reported.
 * Not a problem of the file: the counts are derived, nothing is lost and nothing to restore. */
static int check_tallies(struct wg_ctx *ctx, report_fn report, void *arg)
{
	static const char diff_sql[] =
		/* not a CTE used twice: SQLite 3.40 miscounts that form */
		"SELECT count(*) FROM (SELECT kind, key FROM (SELECT * FROM (" WG_TALLY_COUNTED ")"
		"  EXCEPT SELECT kind, key, n FROM tallies WHERE n <> 0)"
		" UNION SELECT kind, key FROM (SELECT kind, key, n FROM tallies WHERE n <> 0"
		"  EXCEPT SELECT * FROM (" WG_TALLY_COUNTED ")))";
	static const char recount_sql[] =
		"DELETE FROM tallies; INSERT INTO tallies (kind, key, n) " WG_TALLY_COUNTED ";";
	sqlite3_stmt *st = NULL;
	long wrong = 0;
	if (sqlite3_prepare_v2(ctx->db, diff_sql, -1, &st, NULL) != SQLITE_OK)
		return -wg_db_fail(ctx, _("checking the maintained counts"));
	if (sqlite3_step(st) == SQLITE_ROW)
		wrong = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (!wrong) {
		say(report, arg, "%s", _("maintained counts: ok"));
		return 0;
	}
	int rc = wg_begin(ctx);
	if (rc == WG_OK && sqlite3_exec(ctx->db, recount_sql, NULL, NULL, NULL) != SQLITE_OK) {
		rc = wg_db_fail(ctx, _("counting the cases and residents again"));
		wg_rollback(ctx);
	} else if (rc == WG_OK) {
		rc = wg_commit(ctx);
	}
	if (rc != WG_OK)
		return -rc;
	say(report, arg, _("maintained counts: %ld differed from the tables and are counted anew"),
	    wrong);
	return 0;
}

int wg_store_check(struct wg_ctx *ctx, report_fn report, void *arg, struct wg_check_result *res)
{
	int n, total = 0;
	if ((n = check_integrity(ctx, report, arg)) < 0)
		return -n;
	total += n;
	if ((n = check_foreign_keys(ctx, report, arg)) < 0)
		return -n;
	total += n;
	total += check_schema(ctx, report, arg);
	total += check_audit(ctx, report, arg);
	if ((n = check_tallies(ctx, report, arg)) < 0)
		return -n;
	total += n;
	if ((n = check_heads(ctx, report, arg)) < 0)
		return -n;
	total += n;
	long sealed = 0; /* the records sync files brought, against the seals of their senders */
	int rc = sync_seal_check(ctx, report, arg, &sealed);
	if (rc != WG_OK)
		return rc;
	res->problems = total + (int)sealed;
	return WG_OK;
}
