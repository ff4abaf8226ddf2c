/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Seals: every record a sync file carries stays under the signing key of the site that sent it. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include <wangge/i18n.h>
#include <wangge/site.h>
#include <wangge/store.h>
#include "record-priv.h"
#include "site-key-priv.h"
#include "sync-priv.h"

/*
 * A file's sender hashes each record it carries (SEAL_COL bytes per column, a 32-byte hash of
 * the table, key and those), runs the record hashes in file order into one digest and signs
 * it with its site key: the file's last segment, _seal (records, digest, signature).  The
 * receiver hashes the records as they came (before its rules set any aside), refuses a file
 * whose seal does not match, and keeps the column hashes of every record with the signature
 * (sync_seal_rows, sync_seal_files): 8 bytes a column, not a signature a record, which would
 * cost an Ed25519 signature of each record at each export.  'wangge check' signs nothing: it
 * verifies each kept file's signature over its records, and holds each record's latest seal
 * against the record as it is here.  A column may differ only under a version the sender had
 * not seen when it sealed (a change made since, here or elsewhere: visible, with its author),
 * or as a reference that followed a merged record; anything else was written outside wangge.
 */
#define SEAL_COL SYNC_SEAL_COL
#define SEAL_MAXCOL SYNC_SEAL_MAXCOL

static const char row_tag[] = "wangge-row-1";
static const char seal_tag[] = "wangge-seal-1";

/* One value as a sync file writes it (type, then big-endian number or length and bytes). */
/* u big-endian into out, as a sync file writes integers. */
static void be64(unsigned char out[8], uint64_t u)
{
	for (int i = 0; i < 8; i++)
		out[i] = (unsigned char)(u >> (56 - 8 * i));
}

void sync_seal_value_hash(sqlite3_value *v, unsigned char out[SYNC_SEAL_COL])
{
	unsigned char b[256]; /* a value of up to 251 bytes is hashed in one call (most are) */
	int type = v ? sqlite3_value_type(v) : SQLITE_NULL;
	size_t n = 1;
	b[0] = (unsigned char)type;
	if (type == SQLITE_INTEGER || type == SQLITE_FLOAT) {
		uint64_t u;
		if (type == SQLITE_INTEGER) {
			u = (uint64_t)sqlite3_value_int64(v);
		} else {
			double d = sqlite3_value_double(v);
			memcpy(&u, &d, sizeof u);
		}
		be64(b + n, u);
		n += 8;
	} else if (type == SQLITE_TEXT || type == SQLITE_BLOB) {
		const unsigned char *p = type == SQLITE_TEXT ? sqlite3_value_text(v) : sqlite3_value_blob(v);
		uint32_t len = (uint32_t)sqlite3_value_bytes(v);
		for (int i = 0; i < 4; i++)
			b[n++] = (unsigned char)(len >> (24 - 8 * i));
		if (len > sizeof b - n) {
			crypto_generichash_state h;
			crypto_generichash_init(&h, NULL, 0, SYNC_SEAL_COL);
			crypto_generichash_update(&h, b, n);
			crypto_generichash_update(&h, p, len);
			crypto_generichash_final(&h, out, SYNC_SEAL_COL);
			return;
		}
		if (len)
			memcpy(b + n, p, len);
		n += len;
	}
	crypto_generichash(out, SYNC_SEAL_COL, b, n, NULL, 0);
}

/* The column hashes of a record of t into cols (SEAL_COL bytes each); their length. */
static size_t col_hashes(const struct sync_table *t, sqlite3_value **v, unsigned char *cols)
{
	size_t n = 0;
	for (int i = 0; i < t->ncol && i < SEAL_MAXCOL; i++)
		if (sync_seal_col(t->cols[i])) {
			sync_seal_value_hash(v[i], cols + n);
			n += SEAL_COL;
		}
	return n;
}

/* A record's hash: its table and its column hashes. */
static void row_hash(const char *tbl, const unsigned char *cols, size_t n, unsigned char rh[32])
{
	crypto_generichash_state h;
	crypto_generichash_init(&h, NULL, 0, 32);
	crypto_generichash_update(&h, (const unsigned char *)row_tag, sizeof row_tag);
	crypto_generichash_update(&h, (const unsigned char *)tbl, strlen(tbl) + 1);
	crypto_generichash_update(&h, cols, n);
	crypto_generichash_final(&h, rh, 32);
}

/* A record's entry in the digest: table, key and its hash. */
static void digest_add(crypto_generichash_state *d, const char *tbl, int64_t rid, const unsigned char rh[32])
{
	unsigned char k[8];
	be64(k, (uint64_t)rid);
	crypto_generichash_update(d, (const unsigned char *)tbl, strlen(tbl) + 1);
	crypto_generichash_update(d, k, sizeof k);
	crypto_generichash_update(d, rh, 32);
}

/* What the signature covers: the tag, the sender's database id, the count and the digest. */
static void message(const char *uid, int64_t count, const unsigned char digest[32], unsigned char *msg,
		    size_t *len)
{
	size_t n = 0;
	memcpy(msg, seal_tag, sizeof seal_tag);
	n += sizeof seal_tag;
	memcpy(msg + n, uid, strlen(uid) + 1);
	n += strlen(uid) + 1;
	be64(msg + n, (uint64_t)count);
	memcpy(msg + n + 8, digest, 32);
	*len = n + 8 + 32;
}

/* Every column but the search text, which each site makes for itself. */
int sync_seal_col(const char *name)
{
	return strcmp(name, "search_text") != 0;
}

/* ---- Sealing what a file carries ---- */

void sync_seal_start(struct sync_seal *s)
{
	crypto_generichash_init(&s->digest, NULL, 0, 32);
	s->count = 0;
}

void sync_seal_row(struct sync_seal *s, const struct sync_table *t, sqlite3_stmt *st)
{
	sqlite3_value *v[SEAL_MAXCOL];
	unsigned char cols[SEAL_MAXCOL * SEAL_COL];
	int n = sqlite3_column_count(st);
	if (n != t->ncol || n > SEAL_MAXCOL || sqlite3_column_type(st, 0) != SQLITE_INTEGER)
		return;
	unsigned char rh[32];
	for (int i = 0; i < n; i++)
		v[i] = sqlite3_column_value(st, i);
	row_hash(t->name, cols, col_hashes(t, v, cols), rh);
	digest_add(&s->digest, t->name, sqlite3_column_int64(st, 0), rh);
	s->count++;
}

int sync_seal_finish(struct wg_ctx *ctx, struct sync_seal *s, unsigned char digest[32],
		     unsigned char sig[crypto_sign_BYTES])
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES], msg[128];
	char uid[WG_SITE_UID_HEX];
	size_t len;
	crypto_generichash_final(&s->digest, digest, 32);
	wg_site_uid_hex(ctx, uid);
	int rc = site_key_pair(ctx, pk, sk);
	if (rc == WG_OK) {
		message(uid, s->count, digest, msg, &len);
		crypto_sign_detached(sig, NULL, msg, len, sk);
	}
	sodium_memzero(sk, sizeof sk);
	return rc;
}

/* ---- Taking a file's seal ---- */

int sync_seal_begin(struct wg_ctx *ctx)
{
	static const char sql[] =
		"CREATE TEMP TABLE IF NOT EXISTS sync_seal_in (ord INTEGER PRIMARY KEY, tbl TEXT, rid INTEGER,"
		" cols BLOB);"
		"CREATE TEMP TABLE IF NOT EXISTS sync_seal_claim (n INTEGER, digest BLOB, sig BLOB);"
		"CREATE TEMP TABLE IF NOT EXISTS sync_seal_aside (tbl TEXT, rid INTEGER, PRIMARY KEY (tbl, rid))"
		" WITHOUT ROWID;"
		"DELETE FROM temp.sync_seal_in; DELETE FROM temp.sync_seal_claim; DELETE FROM temp.sync_seal_aside;";
	return sqlite3_exec(ctx->db, sql, NULL, NULL, NULL) == SQLITE_OK ? WG_OK
									 : wg_db_fail(ctx, _("reading a sync file"));
}

void sync_seal_aside(struct wg_ctx *ctx, const char *tbl, int64_t rid)
{
	static const char sql[] = "INSERT OR IGNORE INTO temp.sync_seal_aside(tbl, rid) VALUES (?1, ?2)";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return;
	sqlite3_bind_text(st, 1, tbl, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, rid);
	wg_step_done(st);
}

/* The claim of the segment's _seal row: records, digest, signature. */
static int keep_claim(struct wg_ctx *ctx, sqlite3_changeset_iter *it)
{
	static const char sql[] = "INSERT INTO temp.sync_seal_claim(n, digest, sig) VALUES (?1, ?2, ?3)";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	for (int i = 0; i < 3; i++) {
		sqlite3_value *v = NULL;
		sqlite3changeset_new(it, i, &v);
		if (v)
			sqlite3_bind_value(st, i + 1, v);
	}
	return wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("reading a sync file"));
}

int sync_seal_scan(struct wg_ctx *ctx, const void *seg, size_t n)
{
	static const char sql[] = "INSERT INTO temp.sync_seal_in(tbl, rid, cols) VALUES (?1, ?2, ?3)";
	const struct sync_schema *s = sync_schema_get(ctx);
	sqlite3_changeset_iter *it = NULL;
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!s || !st || n > INT32_MAX || sqlite3changeset_start(&it, (int)n, (void *)seg) != SQLITE_OK)
		return wg_db_fail(ctx, _("reading a sync file"));
	int rc = WG_OK;
	while (rc == WG_OK && sqlite3changeset_next(it) == SQLITE_ROW) {
		const char *tbl;
		int ncol, op, ind, ti;
		sqlite3changeset_op(it, &tbl, &ncol, &op, &ind);
		if (op != SQLITE_INSERT)
			continue;
		if (strcmp(tbl, "_seal") == 0 && ncol == 3) {
			rc = keep_claim(ctx, it);
			continue;
		}
		if (tbl[0] == '_' || (ti = sync_table_find(s, tbl)) < 0 || ncol != s->t[ti].ncol || ncol > SEAL_MAXCOL)
			continue;
		sqlite3_value *v[SEAL_MAXCOL];
		unsigned char cols[SEAL_MAXCOL * SEAL_COL];
		for (int i = 0; i < ncol; i++) {
			v[i] = NULL;
			sqlite3changeset_new(it, i, &v[i]);
		}
		if (!v[0] || sqlite3_value_type(v[0]) != SQLITE_INTEGER)
			continue;
		size_t len = col_hashes(&s->t[ti], v, cols);
		sqlite3_bind_text(st, 1, s->t[ti].name, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, sqlite3_value_int64(v[0]));
		sqlite3_bind_blob(st, 3, cols, (int)len, SQLITE_TRANSIENT);
		if (wg_step_done(st) != SQLITE_DONE)
			rc = wg_db_fail(ctx, _("reading a sync file"));
	}
	sqlite3changeset_finalize(it);
	return rc;
}

/* The digest of a file's records, in their order: sql gives table, key, column hashes and,
 * for a record sealed again by a later file, the hash kept in their place. */
static int digest_of(struct wg_ctx *ctx, const char *sql, int64_t file, unsigned char digest[32], int64_t *count)
{
	crypto_generichash_state d;
	sqlite3_stmt *st = NULL;
	crypto_generichash_init(&d, NULL, 0, 32);
	*count = 0;
	if (sqlite3_prepare_v2(ctx->db, sql, -1, &st, NULL) != SQLITE_OK)
		return WG_EIO;
	if (file)
		sqlite3_bind_int64(st, 1, file);
	while (sqlite3_step(st) == SQLITE_ROW) {
		unsigned char rh[32];
		const char *tbl = (const char *)sqlite3_column_text(st, 0);
		if (sqlite3_column_type(st, 2) == SQLITE_BLOB || sqlite3_column_bytes(st, 3) != 32)
			row_hash(tbl, sqlite3_column_blob(st, 2), (size_t)sqlite3_column_bytes(st, 2), rh);
		else
			memcpy(rh, sqlite3_column_blob(st, 3), 32);
		digest_add(&d, tbl, sqlite3_column_int64(st, 1), rh);
		(*count)++;
	}
	int rc = sqlite3_finalize(st) == SQLITE_OK ? WG_OK : WG_EIO;
	crypto_generichash_final(&d, digest, 32);
	return rc;
}

/* Whether sig, by the key of site paired here, seals count records of digest from uid; -1 when
 * the site is not paired here now, or under another key than pk (the key it sealed with, as
 * kept; NULL when taking the file), so there is nothing to tell by. */
static int seal_holds(struct wg_ctx *ctx, int site, const void *pk_then, int pklen, const char *uid, int64_t count,
		      const unsigned char *digest, const void *sig, int siglen)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], msg[128];
	size_t len;
	if (!uid || strlen(uid) >= 64 || site_key_peer(ctx, site, pk) != WG_OK ||
	    (pk_then && (pklen != (int)sizeof pk || memcmp(pk_then, pk, sizeof pk) != 0)))
		return -1;
	if (siglen != crypto_sign_BYTES)
		return 0;
	message(uid, count, digest, msg, &len);
	return crypto_sign_verify_detached(sig, msg, len, pk) == 0;
}

int sync_seal_file_holds(struct wg_ctx *ctx, int64_t file, int site, const void *pk, int pklen, const char *uid,
			 int64_t count, const void *digest, int dlen, const void *sig, int siglen)
{
	static const char rows_sql[] = "SELECT tbl, rid, cols, hash FROM sync_seal_rows WHERE file = ?1 ORDER BY ord";
	unsigned char d[32];
	int64_t n = 0;
	if (digest_of(ctx, rows_sql, file, d, &n) != WG_OK)
		return 0;
	if (n != count || dlen != 32 || memcmp(d, digest, 32) != 0)
		return 0;
	return seal_holds(ctx, site, pk ? pk : "", pk ? pklen : 0, uid, count, d, sig, siglen);
}

/*
 * The records file sealed again: their older seals keep only the record's hash (enough for
 * their file's signature), and a file none of whose records is sealed last by it goes.
 */
static int supersede(struct wg_ctx *ctx, int64_t file)
{
	static const char older_sql[] =
		"CREATE TEMP TABLE IF NOT EXISTS sync_seal_old (file INTEGER, ord INTEGER, tbl TEXT, cols BLOB,"
		" PRIMARY KEY (file, ord)) WITHOUT ROWID;"
		"DELETE FROM temp.sync_seal_old;"
		"INSERT OR IGNORE INTO temp.sync_seal_old SELECT r.file, r.ord, r.tbl, r.cols FROM temp.sync_seal_in i"
		" JOIN main.sync_seal_rows r ON r.tbl = i.tbl AND r.rid = i.rid AND r.file <> %lld"
		" WHERE r.cols IS NOT NULL;";
	static const char drop_sql[] =
		"DELETE FROM main.sync_seal_files WHERE id IN (SELECT DISTINCT file FROM temp.sync_seal_old)"
		" AND NOT EXISTS (SELECT 1 FROM main.sync_seal_rows r WHERE r.file = sync_seal_files.id"
		" AND r.cols IS NOT NULL);"
		"DELETE FROM main.sync_seal_rows WHERE file IN (SELECT DISTINCT o.file FROM temp.sync_seal_old o"
		" WHERE NOT EXISTS (SELECT 1 FROM main.sync_seal_files f WHERE f.id = o.file));";
	static const char each_sql[] = "SELECT file, ord, tbl, cols FROM temp.sync_seal_old";
	static const char set_sql[] = "UPDATE main.sync_seal_rows SET hash = ?3, cols = NULL WHERE file = ?1 AND ord = ?2";
	char *sql = sqlite3_mprintf(older_sql, (long long)file);
	sqlite3_stmt *st = NULL, *set = wg_stmt(ctx, set_sql);
	int rc = sql && set && sqlite3_exec(ctx->db, sql, NULL, NULL, NULL) == SQLITE_OK &&
			 sqlite3_prepare_v2(ctx->db, each_sql, -1, &st, NULL) == SQLITE_OK ? WG_OK : WG_EIO;
	sqlite3_free(sql);
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		unsigned char rh[32];
		row_hash((const char *)sqlite3_column_text(st, 2), sqlite3_column_blob(st, 3),
			 (size_t)sqlite3_column_bytes(st, 3), rh);
		sqlite3_bind_int64(set, 1, sqlite3_column_int64(st, 0));
		sqlite3_bind_int64(set, 2, sqlite3_column_int64(st, 1));
		sqlite3_bind_blob(set, 3, rh, sizeof rh, SQLITE_STATIC);
		if (wg_step_done(set) != SQLITE_DONE)
			rc = WG_EIO;
	}
	sqlite3_finalize(st);
	if (rc == WG_OK && sqlite3_exec(ctx->db, drop_sql, NULL, NULL, NULL) != SQLITE_OK)
		rc = WG_EIO;
	return rc == WG_OK ? WG_OK : wg_db_fail(ctx, _("keeping the seal of a sync file"));
}

int sync_seal_keep(struct wg_ctx *ctx, int from, const char *uid)
{
	static const char claim_sql[] = "SELECT n, digest, sig FROM temp.sync_seal_claim";
	static const char rows_sql[] = "SELECT tbl, rid, cols, NULL FROM temp.sync_seal_in ORDER BY ord";
	static const char keep_sql[] =
		"INSERT INTO sync_seal_files(site, uid, vv, n, digest, sig, at, pk) VALUES (?1, ?2, coalesce((SELECT"
		" group_concat(origin || ':' || seq, ',') FROM temp.sync_in_vv WHERE origin > 0), ''), ?3, ?4, ?5, ?6,"
		" (SELECT public_key FROM peer_keys WHERE site_no = ?1));"
		"INSERT INTO sync_seal_rows(file, ord, tbl, rid, cols, held) SELECT last_insert_rowid(), i.ord, i.tbl,"
		" i.rid, i.cols, NOT EXISTS (SELECT 1 FROM temp.sync_seal_aside a WHERE a.tbl = i.tbl AND a.rid = i.rid)"
		" FROM temp.sync_seal_in i ORDER BY i.ord";
	unsigned char digest[32];
	int64_t count = 0;
	sqlite3_stmt *claim = NULL, *keep = NULL;
	if (sqlite3_prepare_v2(ctx->db, claim_sql, -1, &claim, NULL) != SQLITE_OK)
		return wg_db_fail(ctx, _("reading a sync file"));
	if (sqlite3_step(claim) != SQLITE_ROW) { /* from a wangge before seals: nothing to keep */
		sqlite3_finalize(claim);
		return WG_OK;
	}
	int rc = digest_of(ctx, rows_sql, 0, digest, &count);
	int holds = rc == WG_OK && sqlite3_column_int64(claim, 0) == count &&
		    sqlite3_column_bytes(claim, 1) == 32 && memcmp(sqlite3_column_blob(claim, 1), digest, 32) == 0 &&
		    seal_holds(ctx, from, NULL, 0, uid, count, digest, sqlite3_column_blob(claim, 2),
			       sqlite3_column_bytes(claim, 2)) == 1;
	if (rc == WG_OK && !holds)
		rc = wg_fail(ctx, WG_EINVAL, _("the seal of the file from site %d does not match the records it "
					       "carries: it was changed after site %d made it. Nothing was taken; "
					       "ask site %d for a new export"), from, from, from);
	/* A laptop holds its office's records for itself, passing none on: it keeps no seals of
	 * them (they would be as large again as the records); a file of no records seals none. */
	if (rc != WG_OK || count == 0 || (from == ctx->office_site && ctx->site_no != ctx->office_site)) {
		sqlite3_finalize(claim);
		return rc;
	}
	const char *tail = keep_sql;
	if (sqlite3_prepare_v2(ctx->db, keep_sql, -1, &keep, &tail) == SQLITE_OK) {
		sqlite3_bind_int(keep, 1, from);
		sqlite3_bind_text(keep, 2, uid, -1, SQLITE_STATIC);
		sqlite3_bind_int64(keep, 3, count);
		sqlite3_bind_blob(keep, 4, digest, 32, SQLITE_STATIC);
		sqlite3_bind_value(keep, 5, sqlite3_column_value(claim, 2));
		sqlite3_bind_int64(keep, 6, (int64_t)wg_now(ctx));
		if (sqlite3_step(keep) != SQLITE_DONE || sqlite3_exec(ctx->db, tail, NULL, NULL, NULL) != SQLITE_OK)
			rc = wg_db_fail(ctx, _("keeping the seal of a sync file"));
	} else {
		rc = wg_db_fail(ctx, _("keeping the seal of a sync file"));
	}
	sqlite3_finalize(keep);
	sqlite3_finalize(claim);
	sqlite3_stmt *st = NULL;
	int64_t file = 0;
	if (rc == WG_OK && sqlite3_prepare_v2(ctx->db, "SELECT max(id) FROM sync_seal_files", -1, &st, NULL) ==
				   SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		file = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == WG_OK ? supersede(ctx, file) : rc;
}
