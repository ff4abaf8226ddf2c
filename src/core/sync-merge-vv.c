/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Applying a sync body: what the sender and this site now hold, and whose changes the file may carry. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/store.h>
#include "record-priv.h"
#include "sync-merge-priv.h"

/*
 * The sender was restored from a backup since its last file here: it lost what it took and
 * made after that backup, so what this site heard it holds counts for nothing.  Its
 * acknowledgements go (the restore's time is kept, to tell the next restore from this one),
 * and its next file from here is a whole one: the changes it lost come back, its own among
 * them (own_claims takes those).  *restored: 1 when so.
 */
static int sender_restored(struct merge *m, int *restored)
{
	static const char sql[] =
		"SELECT seq FROM temp.sync_in_vv WHERE origin = -1 AND seq > coalesce((SELECT seq FROM"
		" sync_acks WHERE peer = ?1 AND origin = -1), 0)";
	static const char forget_sql[] = "DELETE FROM sync_acks WHERE peer = ?1";
	static const char mark_sql[] = "INSERT INTO sync_acks(peer, origin, seq) VALUES (?1, -1, ?2)";
	sqlite3_stmt *st = wg_stmt(m->ctx, sql);
	int64_t at = 0;
	if (!st)
		return WG_EIO;
	sqlite3_bind_int(st, 1, m->from);
	if (sqlite3_step(st) == SQLITE_ROW)
		at = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (!(*restored = at != 0))
		return WG_OK;
	if (!(st = wg_stmt(m->ctx, forget_sql)))
		return WG_EIO;
	sqlite3_bind_int(st, 1, m->from);
	if (wg_step_done(st) != SQLITE_DONE || !(st = wg_stmt(m->ctx, mark_sql)))
		return wg_db_fail(m->ctx, _("recording the sync"));
	sqlite3_bind_int(st, 1, m->from);
	sqlite3_bind_int64(st, 2, at);
	return wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(m->ctx, _("recording the sync"));
}

/* This site now holds what the sender held; the sender holds it too. */
int mg_raise_vectors(struct merge *m)
{
	static const char sql[] = "SELECT origin, seq, hlc FROM temp.sync_in_vv WHERE origin > 0";
	static const char ack_sql[] =
		"INSERT INTO sync_acks(peer, origin, seq) VALUES (?1, ?2, ?3) ON CONFLICT (peer, origin)"
		" DO UPDATE SET seq = max(seq, excluded.seq)";
	sqlite3_stmt *st = NULL, *ack = NULL;
	int restored = 0, rc = sender_restored(m, &restored);
	if (rc == WG_OK && !restored && !(ack = wg_stmt(m->ctx, ack_sql)))
		rc = WG_EIO;
	if (ack) { /* a file came: from now on the sender gets what it lacks, not everything */
		sqlite3_bind_int(ack, 1, m->from);
		sqlite3_bind_int(ack, 2, m->from);
		sqlite3_bind_int64(ack, 3, 0);
		rc = wg_step_done(ack) == SQLITE_DONE ? WG_OK : wg_db_fail(m->ctx, _("recording the sync"));
	}
	if (rc == WG_OK && sqlite3_prepare_v2(m->ctx->db, sql, -1, &st, NULL) != SQLITE_OK)
		rc = WG_EIO;
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		int origin = sqlite3_column_int(st, 0);
		int64_t seq = sqlite3_column_int64(st, 1);
		ack = restored ? NULL : wg_stmt(m->ctx, ack_sql);
		rc = origin == m->ctx->site_no ? WG_OK : sync_vv_raise(m->ctx, origin, seq, sqlite3_column_int64(st, 2));
		if (rc == WG_OK && ack) {
			sqlite3_bind_int(ack, 1, m->from);
			sqlite3_bind_int(ack, 2, origin);
			sqlite3_bind_int64(ack, 3, seq);
			if (wg_step_done(ack) != SQLITE_DONE)
				rc = wg_db_fail(m->ctx, _("recording the sync"));
		}
	}
	sqlite3_finalize(st);
	return rc;
}

/*
 * A file brings back changes of this site's own that it no longer holds only after this
 * database was restored from an older backup, and then only changes made before the restore.
 * Otherwise changes said to be this site's that it never made are someone else's words under
 * its name (a site that rewrote its records as if this one had, a street office among them)
 * or another database's that carried its number (a laptop set up again under the number of
 * one that is gone): the file is refused, nothing taken.
 */
int mg_own_claims(struct merge *m, int64_t own_before)
{
	static const char sql[] =
		"WITH c(seq, hlc) AS (SELECT seq, hlc FROM temp.sync_in_ver WHERE origin = ?1"
		" UNION ALL SELECT seq, hlc FROM sync_txns WHERE origin = ?1"
		" UNION ALL SELECT seq, hlc FROM temp.sync_in_vv WHERE origin = ?1"
		" UNION ALL SELECT seq, hlc FROM temp.sync_in_move WHERE origin = ?1)"
		" SELECT count(*), max(seq), max(hlc) FROM c WHERE seq > ?2";
	char restored[32];
	sqlite3_stmt *st = wg_stmt(m->ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int(st, 1, m->ctx->site_no);
	sqlite3_bind_int64(st, 2, own_before);
	int64_t n = 0, top = 0, hlc = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		n = sqlite3_column_int64(st, 0);
		top = sqlite3_column_int64(st, 1);
		hlc = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	if (!n)
		return WG_OK;
	if (wg_meta_get(m->ctx, "restored_at", restored, sizeof restored) == WG_OK &&
	    hlc >> SYNC_CLOCK_BITS <= strtoll(restored, NULL, 10)) {
		/* numbered after them: the others would take a change under a lost one's number
		 * for the one they have */
		static const char raise[] = "INSERT INTO sync_vv(origin, seq, hlc) VALUES (?1, ?2, ?3)"
					    " ON CONFLICT (origin) DO UPDATE SET seq = max(seq, excluded.seq),"
					    " hlc = max(hlc, excluded.hlc)";
		sqlite3_stmt *up = wg_stmt(m->ctx, raise);
		if (!up)
			return WG_EIO;
		sqlite3_bind_int(up, 1, m->ctx->site_no);
		sqlite3_bind_int64(up, 2, top);
		sqlite3_bind_int64(up, 3, hlc);
		return wg_step_done(up) == SQLITE_DONE ? WG_OK : wg_db_fail(m->ctx, _("recording the sync"));
	}
	return wg_fail(m->ctx, WG_EINVAL, _("the file from site %d carries changes said to be made here "
					    "(site %d, up to change %lld) that this database never made "
					    "(its own go up to %lld): a site rewrote records under this "
					    "site's name, or this database carries the number of another "
					    "one. Nothing was taken; ask the sending site's administrator, "
					    "and see 'wangge audit' there"),
		       m->from, m->ctx->site_no, (long long)top, (long long)own_before);
}
