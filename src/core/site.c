/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Site identity: the id made with the file, the number that keeps row keys apart, the labels,
 * and the street office's register of the numbers it gives out. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <wangge/audit.h>
#include <wangge/i18n.h>
#include <wangge/site.h>
#include <wangge/store.h>
#include "core-int.h"
#include "record-priv.h"
#include "site-key-priv.h"

const char *wg_site_code_problem(const char *code)
{
	size_t n = strlen(code);
	if (n < 6 || n > 12 || strspn(code, "0123456789") != n)
		return _("give the official code of the community (统计用区划代码): 6 to 12 digits, "
			 "such as 110105001001");
	return NULL;
}

static int set_int(struct wg_ctx *ctx, const char *key, int v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%d", v);
	return wg_meta_set(ctx, key, buf);
}

int wg_site_init(struct wg_ctx *ctx, int site_no, int office, const char *community,
		 const char *code)
{
	static const char sql[] =
		"INSERT INTO sites(id, site_no, name, kind, created_at, updated_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?5)";
	const char *why;
	int64_t id;
	int rc;
	if (site_no < 1 || site_no > WG_SITE_MAX)
		return wg_fail(ctx, WG_EUSAGE, _("site number %d is out of range: give 1 to %d, the "
						 "number the street office registered for this site"),
			       site_no, WG_SITE_MAX);
	if (office < 0 || office > WG_SITE_MAX)
		return wg_fail(ctx, WG_EUSAGE, _("office number %d is out of range: give 1 to %d"), office,
			       WG_SITE_MAX);
	if (code && *code && (why = wg_site_code_problem(code)))
		return wg_fail(ctx, WG_EUSAGE, "--code %s: %s", code, why);
	ctx->site_no = site_no;
	ctx->office_site = office ? office : 1;
	if ((rc = set_int(ctx, "site_no", site_no)) != WG_OK ||
	    (rc = set_int(ctx, "office_site", ctx->office_site)) != WG_OK ||
	    (rc = wg_meta_set(ctx, "community", community ? community : "")) != WG_OK ||
	    (rc = wg_meta_set(ctx, "community_code", code ? code : "")) != WG_OK ||
	    (rc = wg_store_new_id(ctx, "sites", &id)) != WG_OK)
		return rc;
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, site_no);
	sqlite3_bind_text(st, 3, community ? community : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, site_no == ctx->office_site ? "office" : "field", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, (int64_t)wg_now(ctx));
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return wg_db_fail(ctx, _("recording the site"));
	/* The site's key pair, made now that its number is known: it signs the site's sync files. */
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
	rc = site_key_pair(ctx, pk, sk);
	sodium_memzero(sk, sizeof sk);
	return rc;
}

int wg_site_community(struct wg_ctx *ctx, char *out, size_t outsz)
{
	if (wg_meta_get(ctx, "community", out, outsz) != WG_OK && outsz)
		out[0] = '\0';
	return WG_OK;
}

/* ---- The id ---- */

int wg_site_uid_parse(const char *text, char out[WG_SITE_UID_HEX])
{
	size_t n = 0;
	for (const char *p = text; *p; p++) {
		if (*p == '-' || *p == ' ')
			continue;
		if (!isxdigit((unsigned char)*p) || n == WG_SITE_UID_HEX - 1)
			return -1;
		out[n++] = (char)tolower((unsigned char)*p);
	}
	out[n] = '\0';
	return n == WG_SITE_UID_HEX - 1 ? 0 : -1;
}

void wg_site_uid_show(const char *hex, char out[WG_SITE_UID_SIZE])
{
	if (strlen(hex) != WG_SITE_UID_HEX - 1) {
		snprintf(out, WG_SITE_UID_SIZE, "%s", hex);
		return;
	}
	snprintf(out, WG_SITE_UID_SIZE, "%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16,
		 hex + 20);
}

void wg_site_uid_hex(struct wg_ctx *ctx, char out[WG_SITE_UID_HEX])
{
	char buf[64];
	if (wg_meta_get(ctx, "site_uid", buf, sizeof buf) != WG_OK || wg_site_uid_parse(buf, out) != 0)
		out[0] = '\0';
}

int wg_site_info(struct wg_ctx *ctx, struct wg_site_info *out)
{
	char hex[WG_SITE_UID_HEX];
	memset(out, 0, sizeof *out);
	out->site_no = ctx->site_no;
	out->office = ctx->office_site;
	wg_site_uid_hex(ctx, hex);
	if (!*hex)
		return wg_fail(ctx, WG_EIO, "%s", _("this database has no site id; run 'wangge check' "
						    "and restore a backup if it reports damage"));
	wg_site_uid_show(hex, out->uid);
	wg_site_community(ctx, out->community, sizeof out->community);
	if (wg_meta_get(ctx, "community_code", out->code, sizeof out->code) != WG_OK)
		out->code[0] = '\0';
	return WG_OK;
}

/* ---- The register ---- */

/* Whether number n is taken here: this site's, a paired site's, a registered one. */
static int number_taken(struct wg_ctx *ctx, int n)
{
	static const char sql[] = "SELECT EXISTS (SELECT 1 FROM site_register WHERE site_no = ?1)"
				  " OR EXISTS (SELECT 1 FROM peer_keys WHERE site_no = ?1)";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int taken = -1;
	if (n == ctx->site_no)
		return 1;
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, n);
	if (sqlite3_step(st) == SQLITE_ROW)
		taken = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return taken;
}

/* The number a code is registered under, 0 when none. */
static int code_number(struct wg_ctx *ctx, const char *code)
{
	static const char sql[] = "SELECT site_no FROM site_register WHERE code = ?1 AND code <> ''";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int n = 0;
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return n;
}

static int insert_entry(struct wg_ctx *ctx, int n, const char *kind, const char *code, const char *name)
{
	static const char sql[] = "INSERT INTO site_register(site_no, kind, code, name, registered_at,"
				  " registered_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	char detail[256];
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int(st, 1, n);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, (int64_t)wg_now(ctx));
	sqlite3_bind_int64(st, 6, ctx->user_id);
	if (wg_step_done(st) != SQLITE_DONE)
		return wg_db_fail(ctx, _("registering the site"));
	snprintf(detail, sizeof detail, "site %d %s %s %s", n, kind, *code ? code : "-", name);
	return wg_audit(ctx, "site.register", "site_register", n, detail);
}

int wg_site_register(struct wg_ctx *ctx, int want, const char *kind, const char *code,
		     const char *name, int *assigned)
{
	const char *why;
	int rc = wg_require_role(ctx, WG_ROLE_ADMIN, _("Registering a site"));
	*assigned = 0;
	if (rc != WG_OK)
		return rc;
	if (strcmp(kind, "community") != 0 && strcmp(kind, "laptop") != 0 && strcmp(kind, "street") != 0)
		return wg_fail(ctx, WG_EUSAGE, _("--kind %s: give community (a community's office), "
						 "laptop (a field laptop) or street"), kind);
	if (!name || !*name)
		return wg_fail(ctx, WG_EUSAGE, "%s", _("--name is missing: give the community's or the "
						       "laptop's name, as the register should show it"));
	if (*code && (why = wg_site_code_problem(code)))
		return wg_fail(ctx, WG_EUSAGE, "--code %s: %s", code, why);
	if (want < 0 || want > WG_SITE_MAX)
		return wg_fail(ctx, WG_EUSAGE, _("--site-id %d is out of range: give 1 to %d"), want,
			       WG_SITE_MAX);
	if ((rc = wg_begin(ctx)) != WG_OK)
		return rc;
	int n = want, taken = 0, other = *code ? code_number(ctx, code) : 0;
	if (other != 0) {
		rc = other < 0 ? WG_EIO
			       : wg_fail(ctx, WG_EINVAL, _("the code %s is registered already, as site %d; "
							   "see 'wangge site list'"), code, other);
	} else if (want) {
		taken = number_taken(ctx, want);
		if (taken != 0)
			rc = taken < 0 ? WG_EIO
				       : wg_fail(ctx, WG_EINVAL, _("site %d is in use here already (this "
								   "site, a paired site or a registered "
								   "one); leave out --site-id to get the "
								   "next free number"), want);
	} else {
		for (n = ctx->site_no + 1; n <= WG_SITE_MAX && (taken = number_taken(ctx, n)) == 1; n++)
			;
		if (taken < 0)
			rc = WG_EIO;
		else if (n > WG_SITE_MAX)
			rc = wg_fail(ctx, WG_EINVAL, _("no site number above %d is free"), ctx->site_no);
	}
	if (rc == WG_OK)
		rc = insert_entry(ctx, n, kind, code, name);
	if (rc == WG_OK && (rc = wg_commit(ctx)) == WG_OK)
		*assigned = n;
	else if (rc != WG_OK)
		wg_rollback(ctx);
	return rc;
}

int wg_site_register_list(struct wg_ctx *ctx, int (*each)(void *arg, const struct wg_site_entry *e),
			  void *arg)
{
	static const char sql[] =
		"SELECT r.site_no, r.kind, r.code, r.name, coalesce(p.site_uid, ''), p.public_key,"
		" r.registered_at, coalesce(u.name, '') FROM site_register r"
		" LEFT JOIN peer_keys p ON p.site_no = r.site_no LEFT JOIN users u ON u.id = r.registered_by"
		" ORDER BY r.site_no";
	struct wg_site_entry e;
	char hex[WG_SITE_UID_HEX];
	int rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Listing the registered sites"));
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, sql) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		memset(&e, 0, sizeof e);
		e.site_no = sqlite3_column_int(st, 0);
		wg_col_copy(st, 1, e.kind, sizeof e.kind);
		wg_col_copy(st, 2, e.code, sizeof e.code);
		wg_col_copy(st, 3, e.name, sizeof e.name);
		wg_col_copy(st, 4, hex, sizeof hex);
		wg_site_uid_show(hex, e.uid);
		if (sqlite3_column_bytes(st, 5) == crypto_sign_PUBLICKEYBYTES)
			site_key_fingerprint(sqlite3_column_blob(st, 5), e.fingerprint);
		e.registered_at = (time_t)sqlite3_column_int64(st, 6);
		wg_col_copy(st, 7, e.registered_by, sizeof e.registered_by);
		rc = each(arg, &e);
	}
	sqlite3_reset(st);
	return rc;
}
