/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Site identity: the number that keeps row keys apart, and the community name. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>

#include <wangge/i18n.h>
#include <wangge/site.h>
#include <wangge/store.h>
#include "core-int.h"
#include "site-key-priv.h"

int wg_site_init(struct wg_ctx *ctx, int site_no, const char *community)
{
	static const char sql[] =
		"INSERT INTO sites(id, site_no, name, kind, created_at, updated_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?5)";
	char buf[32];
	int64_t id;
	int rc;
	if (site_no < 1 || site_no > 8000000)
		return wg_fail(ctx, WG_EUSAGE, _("site number %d is out of range: use 1 for the office "
						 "and 2 to 8000000 for field laptops"), site_no);
	ctx->site_no = site_no;
	snprintf(buf, sizeof buf, "%d", site_no);
	if ((rc = wg_meta_set(ctx, "site_no", buf)) != WG_OK ||
	    (rc = wg_meta_set(ctx, "community", community ? community : "")) != WG_OK ||
	    (rc = wg_store_new_id(ctx, "sites", &id)) != WG_OK)
		return rc;
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, site_no);
	sqlite3_bind_text(st, 3, community ? community : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, site_no == 1 ? "office" : "field", -1, SQLITE_STATIC);
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
