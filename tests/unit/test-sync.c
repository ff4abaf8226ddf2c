/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Unit tests for offline sync: a new laptop takes the office's file, changes go both ways once,
 * files are checked, and when both sides changed a record the policy decides and nothing is lost. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include <wangge/resident.h>
#include <wangge/site.h>
#include <wangge/site-key.h>
#include <wangge/store.h>
#include <wangge/sync.h>
#include <wangge/validate.h>
#include "core/core-int.h"
#include "core/sync-priv.h"

#include "resident-fixture.h"
#include "sync-fixture.h"

static struct wg_ctx *office, *laptop;
static char dir[64], lap_path[96], file[96];


static void setup(void)
{
	office = rf_open(WG_ROLE_ADMIN, 1);
	snprintf(dir, sizeof dir, "/tmp/wg-sync-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(lap_path, sizeof lap_path, "%s/laptop.db", dir);
	snprintf(file, sizeof file, "%s/out.wgs", dir);
	laptop = sfx_site(lap_path, 2, "外勤");
	sfx_pair(office, laptop);
	sfx_pair(laptop, office);
}

static void teardown(void)
{
	sfx_close(office, laptop, dir);
}

TestSuite(sync, .init = setup, .fini = teardown);

/* The office's [sync] conflict, as it last imported: what its exports declare. */
static const char *policy_now = "ask";

static long send(struct wg_ctx *from, int to)
{
	long changes = 0;
	cr_assert_eq(wg_sync_export(from, to, file, policy_now, &changes), WG_OK, "%s", wg_error(from));
	return changes;
}

static struct wg_sync_import_result take(struct wg_ctx *ctx, const char *policy)
{
	if (ctx == office)
		policy_now = policy;
	struct wg_sync_import_result res;
	cr_assert_eq(wg_sync_import(ctx, file, policy, &res), WG_OK, "%s", wg_error(ctx));
	return res;
}


static int found(struct wg_ctx *ctx, const char *text)
{
	struct wg_resident_query q = { .cell_id = 0 };
	struct wg_rows rows;
	snprintf(q.text, sizeof q.text, "%s", text);
	struct wg_list_source src = wg_resident_source(&q);
	wg_rows_init(&rows);
	cr_assert_eq(src.fetch(ctx, src.arg, WG_PAGE_FIRST, NULL, 10, &rows), WG_OK, "%s", wg_error(ctx));
	int n = rows.n;
	wg_rows_free(&rows);
	return n;
}

static void quiet(void *arg, const char *line)
{
	(void)arg, (void)line;
}

static void sound(struct wg_ctx *ctx)
{
	struct wg_check_result res = { 0 };
	cr_assert_eq(wg_store_check(ctx, quiet, NULL, &res), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(res.problems, 0, "integrity, keys and both audit chains hold");
}

/* The office's records on a new laptop, and a change made on each side. */
static void paired(void)
{
	rf_add(office, "办公室甲", NULL, "13800000001", RF_G1, "1号楼", "101", NULL);
	cr_assert_gt(send(office, 2), 0);
	struct wg_sync_import_result r = take(laptop, "ask");
	cr_assert(r.full && r.from_site == 1);
	wg_set_user(laptop, 1, "tester", WG_ROLE_ADMIN); /* the office's account 1 */
}

Test(sync, a_new_laptop_takes_the_office_and_changes_go_both_ways)
{
	paired();
	cr_assert_eq(found(laptop, "办公室甲"), 1, "the office's resident is on the laptop, searchable");
	cr_assert_eq(sfx_count(laptop, "SELECT count(*) FROM cells"), sfx_count(office, "SELECT count(*) FROM cells"));
	sound(laptop);

	rf_add(laptop, "外勤乙", NULL, NULL, RF_G2, "2号楼", "201", NULL);
	send(laptop, 1);
	struct wg_sync_import_result r = take(office, "ask");
	cr_assert(!r.full && r.conflicts == 0, "full %d conflicts %ld", r.full, r.conflicts);
	cr_assert_eq(found(office, "外勤乙"), 1, "the laptop's resident reached the office");
	sound(office);

	rf_add(office, "办公室丙", NULL, NULL, RF_G3, NULL, NULL, NULL);
	send(office, 2);
	take(laptop, "ask");
	cr_assert_eq(found(laptop, "办公室丙"), 1);
	cr_assert_eq(found(laptop, "外勤乙"), 1, "and nothing came back twice");
	cr_assert_eq(sfx_count(laptop, "SELECT count(*) FROM residents"), 3);
	take(laptop, "ask"); /* the same file again changes nothing */
	cr_assert_eq(sfx_count(laptop, "SELECT count(*) FROM residents"), 3);
	sound(laptop);
}

Test(sync, files_are_checked_before_anything_is_written)
{
	struct wg_sync_import_result r;
	rf_add(office, "办公室甲", NULL, NULL, RF_G1, NULL, NULL, NULL);
	send(office, 2);
	cr_assert_eq(wg_sync_import(office, file, "ask", &r), WG_EINVAL, "not for the office");
	cr_assert(strstr(wg_error(office), "site 2"), "%s", wg_error(office));
	char cmd[256]; /* a header changed on the way: its signature no longer holds */
	snprintf(cmd, sizeof cmd, "sed -i '2s/ schema [0-9]* / schema 99 /' %s", file);
	cr_assert_eq(system(cmd), 0);
	cr_assert_eq(wg_sync_import(laptop, file, "ask", &r), WG_EINVAL);
	cr_assert(strstr(wg_error(laptop), "signature"), "%s", wg_error(laptop));
	send(office, 2);
	FILE *f = fopen(file, "r+b"); /* one byte of the payload changed */
	cr_assert_not_null(f);
	fseek(f, -5, SEEK_END);
	int c = fgetc(f);
	fseek(f, -5, SEEK_END);
	fputc(c ^ 0x55, f);
	fclose(f);
	cr_assert_eq(wg_sync_import(laptop, file, "ask", &r), WG_EINVAL);
	cr_assert(strstr(wg_error(laptop), "signature"), "%s", wg_error(laptop));
	cr_assert_eq(sfx_count(laptop, "SELECT count(*) FROM cells"), 0, "nothing written");
	/* A laptop that worked before it ever took the office's file merges it: its own records
	 * stay and go to the office with its next file. */
	rf_cells(laptop);
	rf_add(laptop, "外勤先录", NULL, NULL, RF_G1, NULL, NULL, NULL);
	send(office, 2);
	cr_assert_eq(wg_sync_import(laptop, file, "ask", &r), WG_OK, "%s", wg_error(laptop));
	cr_assert_eq(found(laptop, "办公室甲"), 1);
	cr_assert_eq(found(laptop, "外勤先录"), 1);
	send(laptop, 1);
	cr_assert_eq(wg_sync_import(office, file, "ask", &r), WG_OK, "%s", wg_error(office));
	cr_assert_eq(found(office, "外勤先录"), 1, "the laptop's earlier record reached the office");
}

static int64_t resident_id(struct wg_ctx *ctx, const char *name)
{
	sqlite3_stmt *st = NULL;
	int64_t id = 0;
	sqlite3_prepare_v2(wg_db(ctx), "SELECT id FROM residents WHERE name = ?1", -1, &st, NULL);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

static void note(struct wg_ctx *ctx, const char *name, const char *text, const char *when)
{
	struct wg_resident r;
	time_t t;
	cr_assert_null(wg_validate_time(when, &t));
	wg_clock_pin(ctx, t);
	cr_assert_eq(wg_resident_load(ctx, resident_id(ctx, name), &r), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(wg_resident_set(ctx, &r, WG_RF_NOTES, text), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(wg_resident_save(ctx, &r), WG_OK, "%s", wg_error(ctx));
}

static int count_one(void *arg, const struct wg_sync_conflict *c)
{
	(void)c;
	++*(int *)arg;
	return WG_OK;
}

static int notes_are(struct wg_ctx *ctx, const char *name, const char *text)
{
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM residents WHERE name = '%s' AND notes = '%s'",
		 name, text);
	return sfx_count(ctx, sql) == 1;
}

Test(sync, when_both_sides_changed_a_field_the_later_wins_and_the_other_is_listed)
{
	paired();
	note(office, "办公室甲", "办公室的备注", "2026-11-25T11:00");
	note(laptop, "办公室甲", "外勤的备注", "2026-11-25T12:00");
	send(laptop, 1);
	struct wg_sync_import_result r = take(office, "ask");
	cr_assert_eq(r.conflicts, 1, "listed once");
	cr_assert(notes_are(office, "办公室甲", "外勤的备注"), "the later change is in the record");
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM sync_conflicts WHERE tbl = 'residents'"
			   " AND incoming LIKE '%外勤的备注%' AND local LIKE '%办公室的备注%'"), 1,
		     "both versions are kept for a clerk");
	take(office, "ask");
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM sync_conflicts"), 1, "a file taken twice lists it once");
	send(office, 2);
	take(laptop, "ask");
	cr_assert(notes_are(laptop, "办公室甲", "外勤的备注"), "both sides agree");
	cr_assert_eq(sfx_count(laptop, "SELECT count(*) FROM sync_conflicts"), 0,
		     "the laptop never held the office's version: it is listed where the two met");
	/* the clerk takes the office's version back with one key; it reaches the laptop */
	int open_ones = 0;
	cr_assert_eq(wg_sync_conflicts(office, 0, count_one, &open_ones), WG_OK);
	cr_assert_eq(open_ones, 1);
	cr_assert_eq(wg_sync_conflict_resolve(office, 1, WG_SYNC_TAKE_LOCAL), WG_OK, "%s", wg_error(office));
	cr_assert(notes_are(office, "办公室甲", "办公室的备注"));
	open_ones = 0;
	cr_assert_eq(wg_sync_conflicts(office, 0, count_one, &open_ones), WG_OK);
	cr_assert_eq(open_ones, 0, "a resolved one is no longer listed");
	cr_assert_eq(wg_sync_conflict_resolve(office, 1, WG_SYNC_TAKE_NONE), WG_EINVAL, "nor resolved twice");
	send(office, 2);
	take(laptop, "ask");
	cr_assert(notes_are(laptop, "办公室甲", "办公室的备注"), "the choice syncs");
}

Test(sync, different_fields_changed_on_two_sites_both_arrive)
{
	paired();
	note(office, "办公室甲", "办公室的备注", "2026-11-25T11:00");
	struct wg_resident r;
	cr_assert_eq(wg_resident_load(laptop, resident_id(laptop, "办公室甲"), &r), WG_OK);
	cr_assert_eq(wg_resident_set(laptop, &r, WG_RF_PHONE, "13900000009"), WG_OK, "%s", wg_error(laptop));
	cr_assert_eq(wg_resident_save(laptop, &r), WG_OK, "%s", wg_error(laptop));
	send(laptop, 1);
	struct wg_sync_import_result res = take(office, "ask");
	cr_assert_eq(res.conflicts, 0);
	send(office, 2);
	take(laptop, "ask");
	for (int side = 0; side < 2; side++) {
		struct wg_ctx *c = side ? laptop : office;
		cr_assert(notes_are(c, "办公室甲", "办公室的备注"));
		cr_assert_eq(sfx_count(c, "SELECT count(*) FROM residents WHERE phone = '13900000009'"), 1);
	}
}

Test(sync, under_conflict_office_the_office_wins_on_every_site)
{
	paired();
	send(laptop, 1);
	take(office, "office"); /* the office declares its policy in its files */
	send(office, 2);
	take(laptop, "ask");
	note(office, "办公室甲", "办公室改回", "2026-11-25T13:00");
	note(laptop, "办公室甲", "外勤又改", "2026-11-25T14:00");
	send(office, 2);
	take(laptop, "ask");
	send(laptop, 1);
	take(office, "office");
	cr_assert(notes_are(laptop, "办公室甲", "办公室改回"), "office: the office's version wins");
	cr_assert(notes_are(office, "办公室甲", "办公室改回"));
	cr_assert_eq(sfx_count(laptop, "SELECT count(*) FROM sync_conflicts WHERE local LIKE '%外勤又改%'"), 1,
		     "and the laptop's is listed where the two met");
}

Test(sync, an_id_number_held_twice_stays_with_the_lower_key_and_nothing_is_lost)
{
	char a[19];
	paired();
	rf_add(office, "同一人", rf_id("19700101", 11, a), NULL, RF_G1, NULL, NULL, NULL);
	rf_add(laptop, "同一人外勤", a, NULL, RF_G1, NULL, NULL, NULL); /* the same ID number */
	send(laptop, 1);
	struct wg_sync_import_result r = take(office, "newest");
	cr_assert_eq(r.conflicts, 1);
	cr_assert_eq(found(office, "同一人外勤"), 1, "registered, without the number");
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM residents WHERE id_number IS NULL AND name = '同一人外勤'"), 1);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM sync_conflicts WHERE why LIKE 'constraint%'"
			   " AND local LIKE '%id_number=%' AND incoming LIKE '%id_number=NULL%'"), 0);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM sync_conflicts WHERE why LIKE 'constraint%'"), 1,
		     "listed, with the record that holds the number");
	/* the same file again (resent, or overlapping the next): the clash is listed once */
	struct wg_sync_import_result again = take(office, "newest");
	cr_expect_eq(again.conflicts, 0, "%ld set aside again", again.conflicts);
	cr_expect_eq(sfx_count(office, "SELECT count(*) FROM sync_conflicts"), 1, "listed once");
	send(office, 2);
	take(laptop, "newest");
	cr_assert_eq(sfx_count(laptop, "SELECT count(*) FROM residents WHERE id_number IS NULL AND name = '同一人外勤'"), 1,
		     "the laptop ends the same");
	cr_assert_eq(sfx_count(laptop, "SELECT count(*) FROM residents WHERE id_number IS NOT NULL AND name = '同一人'"), 1);
}

Test(sync, a_file_taken_twice_changes_nothing_the_second_time)
{
	paired();
	rf_add(office, "办公室乙", NULL, NULL, RF_G2, NULL, NULL, NULL);
	send(office, 2);
	struct wg_sync_import_result first = take(laptop, "ask"), again = take(laptop, "ask");
	cr_assert_gt(first.applied, 0);
	cr_assert_eq(again.applied, 0, "%ld applied the second time", again.applied);
	cr_assert_eq(again.already, first.applied + first.already);
	cr_assert_eq(again.conflicts, 0);
}

/* A change taken from a sync file comes with the entry its site wrote; none is added here. */
Test(sync, changes_taken_from_a_file_are_audited_once_by_their_site)
{
	paired();
	int64_t id = rf_add(laptop, "外勤丁", NULL, "13900000002", RF_G2, NULL, NULL, NULL);
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit_log WHERE action = 'insert'"
		 " AND tbl = 'residents' AND row_id = %lld", (long long)id);
	cr_assert_eq(sfx_count(laptop, sql), 1);
	send(laptop, 1);
	take(office, "ask");
	cr_assert_eq(sfx_count(office, sql), 1, "the laptop's entry arrived, and no second one was written");
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit_log WHERE action = 'insert'"
		 " AND tbl = 'residents' AND row_id = %lld AND id >> 40 = 2", (long long)id);
	cr_assert_eq(sfx_count(office, sql), 1, "the entry is the laptop's (site 2)");
	sound(office);
}

static void sql_in_txn(struct wg_ctx *ctx, const char *sql, int commit)
{
	cr_assert_eq(wg_begin(ctx), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(sqlite3_exec(wg_db(ctx), sql, NULL, NULL, NULL), SQLITE_OK, "%s: %s", sql,
		     sqlite3_errmsg(wg_db(ctx)));
	if (commit)
		cr_assert_eq(wg_commit(ctx), WG_OK, "%s", wg_error(ctx));
	else
		wg_rollback(ctx);
}

/* Each transaction is recorded by its net effect on each row (what SQLite's pre-update hook
 * saw, as a changeset would say it), and a transaction that changed nothing takes no version. */
/* The versions in sync_cols once the pending ones are written, as a sync would first. */
static int written(struct wg_ctx *ctx, const char *sql)
{
	cr_assert_eq(wg_begin(ctx), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(sync_flush(ctx), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(wg_commit(ctx), WG_OK, "%s", wg_error(ctx));
	return sfx_count(ctx, sql);
}

Test(sync, a_transaction_is_recorded_by_its_net_effect)
{
	const char *vers = "SELECT count(*) FROM sync_cols WHERE tbl = 'tags' AND rid = 900001";
	const char *seq = "SELECT seq FROM sync_vv WHERE origin = 1";
	sql_in_txn(office, "INSERT INTO tags(id, name) VALUES (900001, '测试标签');"
			   " UPDATE tags SET name_en = 'test' WHERE id = 900001", 1);
	cr_expect_eq(written(office, vers), 1, "inserted then updated: one '*'");
	cr_expect_eq(written(office, "SELECT count(*) FROM sync_cols WHERE tbl = 'tags' AND"
				       " rid = 900001 AND col = '*'"), 1);
	int before = written(office, seq);
	sql_in_txn(office, "INSERT INTO tags(id, name) VALUES (900002, '过客');"
			   " DELETE FROM tags WHERE id = 900002", 1);
	cr_expect_eq(written(office, "SELECT count(*) FROM sync_cols WHERE rid = 900002"), 0,
		     "inserted then deleted: nothing");
	sql_in_txn(office, "UPDATE tags SET name_en = 'test' WHERE id = 900001", 1);
	cr_expect_eq(written(office, seq), before, "nothing changed: no version taken");
	sql_in_txn(office, "UPDATE tags SET name_en = 'rolled back' WHERE id = 900001", 0);
	cr_expect_eq(written(office, vers), 1, "a rollback records nothing");
	sql_in_txn(office, "UPDATE tags SET name_en = 'again', key_care = 0 WHERE id = 900001;"
			   " UPDATE tags SET name_en = 'later' WHERE id = 900001", 1);
	cr_expect_eq(written(office, vers), 2, "the column set, once, beside the row's '*'");
	cr_expect_eq(written(office, "SELECT count(*) FROM sync_cols WHERE tbl = 'tags' AND"
				       " rid = 900001 AND col = 'name_en'"), 1);
	cr_expect_eq(written(office, seq), before + 1, "one version for the transaction");
	sql_in_txn(office, "DELETE FROM tags WHERE id = 900001", 1);
	cr_expect_eq(written(office, "SELECT count(*) FROM sync_cols WHERE tbl = 'tags' AND"
				       " rid = 900001 AND col = '-'"), 1, "deleted: the tombstone");
	/* and the laptop, sent all of it, has the same end state: no tag 900001 */
	send(office, 2);
	take(laptop, "ask");
	cr_expect_eq(sfx_count(laptop, "SELECT count(*) FROM tags WHERE id IN (900001, 900002)"), 0);
}

/* The clerk's screen and the command line on one database: what one process saved, pending,
 * goes with the other's export (the export writes it before it reads, in its own snapshot). */
Test(sync, an_export_carries_what_another_process_saved)
{
	paired();
	struct wg_ctx *screen = wg_ctx_new();
	cr_assert_not_null(screen);
	cr_assert_eq(wg_store_open(screen, lap_path, WG_OPEN_EXISTING), WG_OK, "%s", wg_error(screen));
	wg_set_user(screen, 1, "tester", WG_ROLE_ADMIN);
	sql_in_txn(screen, "INSERT INTO tags(id, name) VALUES (2 * (1 << 40) + 77, '屏幕上存的')", 1);
	cr_expect_eq(sfx_count(laptop, "SELECT count(*) FROM sync_txns WHERE origin = 2 AND pending LIKE 'tags %'"), 1,
		     "saved by the other connection, pending");
	send(laptop, 1);
	take(office, "ask");
	cr_expect_eq(sfx_count(office, "SELECT count(*) FROM tags WHERE name = '屏幕上存的'"), 1);
	/* and a second export finds nothing of it left to send: the vector moved on with it */
	sql_in_txn(screen, "UPDATE tags SET name_en = 'screen' WHERE name = '屏幕上存的'", 1);
	send(laptop, 1);
	take(office, "ask");
	cr_expect_eq(sfx_count(office, "SELECT count(*) FROM tags WHERE name_en = 'screen'"), 1);
	wg_ctx_free(screen);
	sound(laptop);
}

/* A save writes its versions into its own row of sync_txns; they reach sync_cols, in the order
 * the saves were made, before anything reads them: an export, an import, a save that deletes. */
Test(sync, a_save_keeps_its_versions_pending_until_something_reads_them)
{
	const char *cols = "SELECT count(*) FROM sync_cols WHERE tbl = 'tags' AND rid IN (900011, 900012)";
	const char *pend = "SELECT count(*) FROM sync_txns WHERE origin = 1 AND pending IS NOT NULL";
	sql_in_txn(office, "INSERT INTO tags(id, name) VALUES (900011, '待写甲')", 1);
	sql_in_txn(office, "UPDATE tags SET name_en = 'first' WHERE id = 900011", 1);
	cr_expect_eq(sfx_count(office, cols), 0, "nothing in sync_cols yet");
	cr_expect_eq(sfx_count(office, pend), 2, "two saves pending");
	cr_expect_eq(sfx_count(office, "SELECT coalesce((SELECT seq FROM sync_vv WHERE origin = 1), 0) <"
				       " (SELECT max(seq) FROM sync_txns WHERE origin = 1)"), 1,
		     "the vector moves on when they are written");
	cr_expect_eq(sfx_count(office, "SELECT count(*) FROM sync_txns WHERE origin = 1 AND pending ="
				       " 'tags 900011 name_en' || char(10)"), 1, "a line per entry");
	/* a save that deletes writes what is pending, then its tombstone */
	sql_in_txn(office, "INSERT INTO tags(id, name) VALUES (900012, '待删乙')", 1);
	sql_in_txn(office, "DELETE FROM tags WHERE id = 900012", 1);
	cr_expect_eq(sfx_count(office, pend), 0, "none pending after a save that deletes");
	cr_expect_eq(sfx_count(office, "SELECT count(*) FROM sync_vv v WHERE origin = 1 AND seq = (SELECT"
				       " max(seq) FROM sync_txns WHERE origin = 1)"), 1);
	cr_expect_eq(sfx_count(office, "SELECT count(*) FROM sync_cols WHERE tbl = 'tags' AND rid = 900011"
				       " AND col IN ('*', 'name_en')"), 2, "the earlier saves' entries");
	cr_expect_eq(sfx_count(office, "SELECT count(*) FROM sync_cols WHERE tbl = 'tags' AND rid = 900012"),
		     1, "only the tombstone: the insert's '*' went first and was cleared by it");
	cr_expect_eq(sfx_count(office, "SELECT count(*) FROM sync_cols WHERE tbl = 'tags' AND rid = 900012"
				       " AND col = '-'"), 1);
	/* a transaction of more than a thousand rows (an import) writes them at once too */
	sql_in_txn(office, "INSERT INTO tags(id, name) VALUES (900013, '待写丙')", 1);
	sql_in_txn(office, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1001)"
			   " INSERT INTO tags(id, name) SELECT 910000 + i, '批量' || i FROM n", 1);
	cr_expect_eq(sfx_count(office, pend), 0, "none pending after a large transaction");
	cr_expect_eq(sfx_count(office, "SELECT count(*) FROM sync_cols WHERE tbl = 'tags' AND rid > 910000"
				       " AND rid <= 911001 AND col = '*'"), 1001);
	cr_expect_eq(sfx_count(office, "SELECT count(*) FROM sync_cols WHERE tbl = 'tags' AND rid = 900013"),
		     1, "and what was pending before it");
	/* the versions are those of the saves that made them, not of the one that wrote them */
	cr_expect_eq(sfx_count(office, "SELECT count(*) FROM sync_cols c JOIN sync_txns t ON t.origin = c.origin"
				       " AND t.seq = c.seq WHERE c.tbl = 'tags' AND c.rid = 900011"), 2);
	cr_expect_eq(sfx_count(office, "SELECT count(DISTINCT seq) FROM sync_cols WHERE tbl = 'tags'"
				       " AND rid = 900011"), 2, "the insert's version and the update's");
	sound(office);
}

/* An export writes the pending versions before it reads them, and an import the importer's own
 * before the merge. */
Test(sync, an_export_and_an_import_write_what_is_pending_first)
{
	sql_in_txn(office, "INSERT INTO tags(id, name) VALUES (900011, '待写甲')", 1);
	sql_in_txn(office, "INSERT INTO tags(id, name) VALUES (900012, '待删乙')", 1);
	sql_in_txn(office, "DELETE FROM tags WHERE id = 900012", 1); /* writes both at once */
	/* an export writes them too, and the laptop gets the later value */
	sql_in_txn(office, "UPDATE tags SET name_en = 'second' WHERE id = 900011", 1);
	const char *pend_tags = "SELECT count(*) FROM sync_txns WHERE origin = 1 AND pending LIKE 'tags %'";
	cr_expect_eq(sfx_count(office, pend_tags), 1);
	send(office, 2);
	cr_expect_eq(sfx_count(office, pend_tags), 0, "the export wrote them first (its own audit"
		     " entry, saved after it, waits for the next)");
	take(laptop, "ask");
	cr_expect_eq(sfx_count(laptop, "SELECT count(*) FROM tags WHERE id = 900011 AND name_en = 'second'"), 1);
	cr_expect_eq(sfx_count(laptop, "SELECT count(*) FROM tags WHERE id = 900012"), 0);
	/* and an import writes the importer's own first: its save is not overwritten by the merge */
	sql_in_txn(laptop, "UPDATE tags SET name_en = 'laptop' WHERE id = 900011", 1);
	const char *lap_tags = "SELECT count(*) FROM sync_txns WHERE origin = 2 AND pending LIKE 'tags %'";
	cr_expect_eq(sfx_count(laptop, lap_tags), 1);
	send(office, 2);
	take(laptop, "ask");
	cr_expect_eq(sfx_count(laptop, lap_tags), 0);
	cr_expect_eq(sfx_count(laptop, "SELECT count(*) FROM sync_cols WHERE tbl = 'tags' AND rid = 900011"
				       " AND col = 'name_en' AND origin = 2"), 1, "the laptop's save holds its version");
	cr_expect_eq(sfx_count(laptop, "SELECT count(*) FROM tags WHERE id = 900011 AND name_en = 'laptop'"), 1);
	sound(office);
	sound(laptop);
}
