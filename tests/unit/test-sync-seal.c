/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Unit tests for the seals: the records a sync file brings stay under the key of the site that
 * sent them; 'wangge check' finds a record, a deletion or a seal changed outside wangge, and
 * not a change made through it, here or elsewhere. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include <wangge/site.h>
#include <wangge/store.h>
#include <wangge/sync.h>
#include "core/core-int.h"

#include "core/sync-priv.h"
#include "resident-fixture.h"
#include "sync-fixture.h"

static struct wg_ctx *office, *laptop;
static char dir[64], file[96], lines[4096];

static void setup(void)
{
	sfx_office_laptop("seal", dir, file, &office, &laptop);
	/* the laptop's records at the office: the office holds them under the laptop's key */
	sfx_behind_core(laptop, "INSERT INTO skills(id, name) VALUES (2199023255600, '剪纸')");
	sfx_behind_core(laptop, "INSERT INTO skills(id, name) VALUES (2199023255601, '面塑')");
	sfx_send(laptop, 1, file);
	sfx_take(office, file);
}

static void teardown(void)
{
	sfx_close(office, laptop, dir);
}

TestSuite(seal, .init = setup, .fini = teardown, .timeout = 30);

static void raw(struct wg_ctx *ctx, const char *sql)
{
	cr_assert_eq(sqlite3_exec(wg_db(ctx), sql, NULL, NULL, NULL), SQLITE_OK, "%s: %s", sql,
		     sqlite3_errmsg(wg_db(ctx)));
}

Test(seal, a_file_brings_its_records_under_the_senders_seal)
{
	int records = sfx_count(office, "SELECT count(*) FROM sync_seal_rows");
	cr_assert_gt(records, 2);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM sync_seal_files WHERE site = 2"), 1);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM sync_seal_rows WHERE tbl = 'skills'"), 2);
	cr_assert_eq(sfx_problems(office, lines, sizeof lines), 0, "%s", lines);
	char want[160];
	snprintf(want, sizeof want, "seals: %d records from 1 files, %d as sealed, 0 changed since through wangge, ok",
		 records, records);
	cr_assert(strstr(lines, want), "%s", lines);
}

Test(seal, a_record_changed_outside_wangge_fails_check)
{
	raw(office, "UPDATE skills SET name = '剪窗花' WHERE id = 2199023255600");
	cr_assert_eq(sfx_problems(office, lines, sizeof lines), 1, "%s", lines);
	cr_assert(strstr(lines, "seals: skills 2199023255600 (name): differs from what site 2 sealed, under the"
			 " version it sealed: written outside wangge"), "%s", lines);
}

Test(seal, a_version_moved_on_outside_wangge_does_not_hide_the_change)
{
	/* the version moved past what the laptop had, as the laptop's own: still not a change it made */
	raw(office, "UPDATE skills SET name = '剪窗花' WHERE id = 2199023255600");
	raw(office, "UPDATE sync_cols SET seq = seq + 100 WHERE tbl = 'skills' AND rid = 2199023255600");
	cr_assert_eq(sfx_problems(office, lines, sizeof lines), 0, "%s", lines);
	cr_assert(strstr(lines, "1 changed since through wangge"), "%s", lines);
	/* ... and said where it counts: the laptop refuses a change under its name it never made */
	sfx_send(office, 2, file);
	struct wg_sync_import_result r;
	cr_assert_neq(wg_sync_import(laptop, file, NULL, &r), WG_OK, "the laptop takes it for its own");
	cr_assert(strstr(wg_error(laptop), "never made"), "%s", wg_error(laptop));
}

Test(seal, a_change_made_through_wangge_is_not_a_problem_here_or_there)
{
	sfx_behind_core(office, "UPDATE skills SET name = '剪窗花' WHERE id = 2199023255600");
	sfx_behind_core(office, "DELETE FROM skills WHERE id = 2199023255601");
	cr_assert_eq(sfx_problems(office, lines, sizeof lines), 0, "%s", lines);
	cr_assert(strstr(lines, "2 changed since through wangge, ok"), "%s", lines);
	sfx_send(office, 2, file);
	sfx_take(laptop, file);
	cr_assert_eq(sfx_problems(laptop, lines, sizeof lines), 0, "%s", lines);
	cr_assert_eq(sfx_count(laptop, "SELECT count(*) FROM sync_seal_files"), 0,
		     "a laptop keeps no seals of its office's records: it passes none of them on");
}

Test(seal, a_record_removed_outside_wangge_fails_check)
{
	raw(office, "DELETE FROM skills WHERE id = 2199023255601");
	cr_assert_eq(sfx_problems(office, lines, sizeof lines), 1, "%s", lines);
	cr_assert(strstr(lines, "seals: skills 2199023255601, sealed by site 2, is gone with no deletion recorded"),
		  "%s", lines);
}

Test(seal, a_seal_changed_outside_wangge_fails_check)
{
	/* the record and its seal changed together: the laptop's signature no longer holds */
	raw(office, "UPDATE skills SET name = '剪窗花' WHERE id = 2199023255600");
	sqlite3_stmt *st = NULL;
	cr_assert_eq(sqlite3_prepare_v2(wg_db(office), "SELECT * FROM skills WHERE id = 2199023255600", -1, &st,
					NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
	unsigned char cols[SYNC_SEAL_MAXCOL * SYNC_SEAL_COL];
	int n = 0;
	for (int i = 0; i < sqlite3_column_count(st); i++)
		if (sync_seal_col(sqlite3_column_name(st, i)))
			sync_seal_value_hash(sqlite3_column_value(st, i), cols + SYNC_SEAL_COL * n++);
	sqlite3_finalize(st);
	cr_assert_eq(sqlite3_prepare_v2(wg_db(office), "UPDATE sync_seal_rows SET cols = ?1 WHERE tbl = 'skills'"
					" AND rid = 2199023255600", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_blob(st, 1, cols, n * SYNC_SEAL_COL, SQLITE_STATIC);
	cr_assert_eq(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	cr_assert_eq(sfx_problems(office, lines, sizeof lines), 1, "%s", lines);
	cr_assert(strstr(lines, "seals: file 1 from site 2: its records' seals do not match its signature"), "%s",
		  lines);
	raw(office, "DELETE FROM sync_seal_rows WHERE tbl = 'skills' AND rid = 2199023255600");
	cr_assert_eq(sfx_problems(office, lines, sizeof lines), 1, "a seal removed: %s", lines);
}

Test(seal, a_file_whose_records_do_not_match_its_seal_is_refused)
{
	/* a file the laptop signed, then changed before it was read here: the file's own signature
	 * fails first; the seal's check is the same, run on what was taken */
	cr_assert_eq(wg_begin(office), WG_OK);
	cr_assert_eq(sync_seal_begin(office), WG_OK);
	raw(office, "INSERT INTO temp.sync_seal_in(tbl, rid, cols) VALUES ('skills', 1, x'0102030405060708');"
		    " INSERT INTO temp.sync_seal_claim VALUES (1, zeroblob(32), zeroblob(64))");
	cr_assert_eq(sync_seal_keep(office, 2, "00000000000000000000000000000000"), WG_EINVAL);
	cr_assert(strstr(wg_error(office), "the seal of the file from site 2 does not match the records it carries"),
		  "%s", wg_error(office));
	wg_rollback(office);
}

Test(seal, a_renumber_forgets_the_seals)
{
	cr_assert_gt(sfx_count(office, "SELECT count(*) FROM sync_seal_rows"), 0);
	struct wg_site_renumber_result res;
	cr_assert_eq(wg_site_renumber_group(office, 2, 3, &res), WG_OK, "%s", wg_error(office));
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM sync_seal_rows"), 0);
	cr_assert_eq(sfx_problems(office, lines, sizeof lines), 0, "%s", lines);
}

/* A record sealed again by a later file: its older seal keeps the record's hash alone, for its
 * file's signature; a file whose every record a later one sealed again goes. */
Test(seal, a_later_seal_takes_the_place_of_an_older_one)
{
	sfx_behind_core(laptop, "UPDATE skills SET name = '剪窗花' WHERE id = 2199023255600");
	sfx_send(laptop, 1, file); /* whole again: the laptop has not heard from the office */
	sfx_take(office, file);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM sync_seal_files"), 1, "the first file went");
	cr_assert_eq(sfx_count(office, "SELECT min(id) FROM sync_seal_files"), 2);
	cr_assert_eq(sfx_problems(office, lines, sizeof lines), 0, "%s", lines);
	cr_assert(strstr(lines, "from 1 files"), "%s", lines);
	/* the office hears back, and the next file is a delta: the skill sealed anew, the rest not */
	sfx_send(office, 2, file);
	sfx_take(laptop, file);
	sfx_behind_core(laptop, "UPDATE skills SET name = '剪纸' WHERE id = 2199023255600");
	sfx_send(laptop, 1, file);
	sfx_take(office, file);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM sync_seal_files"), 2);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM sync_seal_rows WHERE file = 2 AND cols IS NULL"
				       " AND length(hash) = 32 AND tbl = 'skills' AND rid = 2199023255600"), 1,
		     "the older seal keeps the record's hash");
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM sync_seal_rows WHERE tbl = 'skills' AND"
				       " rid = 2199023255600 AND cols IS NOT NULL"), 1, "one seal is the record's");
	cr_assert_eq(sfx_problems(office, lines, sizeof lines), 0, "both files' signatures hold: %s", lines);
	raw(office, "UPDATE sync_seal_rows SET hash = zeroblob(32) WHERE file = 2 AND cols IS NULL");
	cr_assert_eq(sfx_problems(office, lines, sizeof lines), 1, "%s", lines);
	cr_assert(strstr(lines, "seals: file 2 from site 2: its records' seals do not match its signature"), "%s",
		  lines);
}
