/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Unit tests for a paired site restored from a backup: what it lost comes back from the sites
 * it synced with, and what it makes after the restore never takes a lost record's key, change
 * number or case number, once or twice over. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include <wangge/audit.h>
#include <wangge/backup.h>
#include <wangge/store.h>
#include <wangge/sync.h>

#include "core/core-int.h"

#include "resident-fixture.h"
#include "sync-fixture.h"

static struct wg_ctx *office, *laptop;
static char dir[64], file[96];

static void setup(void)
{
	sfx_office_laptop("restore", dir, file, &office, &laptop);
}

static void teardown(void)
{
	sfx_close(office, laptop, dir);
}

TestSuite(restore, .init = setup, .fini = teardown, .timeout = 30);

static void send(struct wg_ctx *from, int to)
{
	sfx_send(from, to, file);
}

static struct wg_sync_import_result take(struct wg_ctx *ctx)
{
	return sfx_take(ctx, file);
}

/* The laptop holds the office's records, and the office has heard from the laptop. */
static void synced(void)
{
	sfx_synced(office, laptop, file);
}

/* A laptop restored from an older backup: the office's files name changes of the laptop's that
 * the backup lacks (made before the restore); they are not taken for another's words, and the
 * laptop's next changes are numbered after them, so that the office takes them as new. */
Test(restore, a_restored_site_goes_on_after_the_changes_it_lost)
{
	char backup[160], before[160];
	synced();
	sfx_behind_core(laptop, "INSERT INTO skills(id, name) VALUES (2199023255603, '编织')");
	send(laptop, 1);
	take(office);
	snprintf(backup, sizeof backup, "%s/laptop-copy.db", dir);
	snprintf(before, sizeof before, "%s/laptop-before.db", dir);
	cr_assert_eq(wg_backup_to(laptop, backup), WG_OK, "%s", wg_error(laptop));
	sfx_behind_core(laptop, "INSERT INTO skills(id, name) VALUES (2199023255601, '剪纸')");
	sfx_behind_core(laptop, "INSERT INTO skills(id, name) VALUES (2199023255604, '面塑')");
	sfx_behind_core(laptop, "INSERT INTO skills(id, name) VALUES (2199023255605, '糖画')");
	send(laptop, 1);
	take(office);
	cr_assert_eq(wg_restore_from(laptop, backup, before), WG_OK, "%s", wg_error(laptop));
	cr_assert_eq(sfx_count(laptop, "SELECT count(*) FROM skills WHERE name = '剪纸'"), 0,
		     "the backup is from before");
	send(office, 2);
	take(laptop);
	sfx_behind_core(laptop, "INSERT INTO skills(id, name) VALUES (2199023255602, '刺绣')");
	sfx_behind_core(laptop, "UPDATE skills SET name = '双面绣' WHERE id = 2199023255603");
	send(laptop, 1);
	take(office);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM skills WHERE name = '双面绣'"), 1,
		     "a record changed after the restore is changed there too");
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM skills WHERE name = '刺绣'"), 1,
		     "its change after the restore reaches the office");
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM skills WHERE name = '剪纸'"), 1,
		     "and the one the backup lacked stays there");
}

/* A skill made as wangge makes a record: its key the next of this site's. */
static void new_skill(struct wg_ctx *ctx, const char *name)
{
	int64_t id = 0;
	char sql[160];
	cr_assert_eq(wg_begin(ctx), WG_OK);
	cr_assert_eq(wg_store_new_id(ctx, "skills", &id), WG_OK, "%s", wg_error(ctx));
	snprintf(sql, sizeof sql, "INSERT INTO skills(id, name) VALUES (%lld, '%s')", (long long)id, name);
	cr_assert_eq(sqlite3_exec(wg_db(ctx), sql, NULL, NULL, NULL), SQLITE_OK);
	cr_assert_eq(wg_commit(ctx), WG_OK, "%s", wg_error(ctx));
}

/* A laptop restored from a backup lost what it took and made after it: its first file after
 * the restore tells the office so, and the office's next file is a whole one that brings it
 * all back (the office's changes and the laptop's own); the one after is a delta again. */
Test(restore, a_restored_site_gets_back_what_it_lost)
{
	char backup[160], before[160];
	synced();
	snprintf(backup, sizeof backup, "%s/laptop-copy.db", dir);
	snprintf(before, sizeof before, "%s/laptop-before.db", dir);
	cr_assert_eq(wg_backup_to(laptop, backup), WG_OK, "%s", wg_error(laptop));
	new_skill(office, "办公室的新技能");
	send(office, 2);
	take(laptop);
	new_skill(laptop, "外勤的新技能");
	send(laptop, 1);
	take(office);
	send(office, 2);
	take(laptop); /* the office has heard the laptop holds both */
	cr_assert_eq(wg_restore_from(laptop, backup, before), WG_OK, "%s", wg_error(laptop));
	cr_assert_eq(sfx_count(laptop, "SELECT count(*) FROM skills WHERE name LIKE '%的新技能'"), 0);
	send(laptop, 1);
	take(office);
	send(office, 2);
	struct wg_sync_import_result r = take(laptop);
	cr_assert(r.full, "the office's next file is a whole one");
	cr_assert_eq(sfx_count(laptop, "SELECT count(*) FROM skills WHERE name = '办公室的新技能'"), 1,
		     "the office's change the backup lacked comes back");
	cr_assert_eq(sfx_count(laptop, "SELECT count(*) FROM skills WHERE name = '外勤的新技能'"), 1,
		     "and the laptop's own");
	new_skill(laptop, "恢复后的技能"); /* never under the lost one's key */
	send(laptop, 1);
	take(office);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM skills WHERE name = '恢复后的技能'"), 1);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM skills WHERE name = '外勤的新技能'"), 1,
		     "the one made before the restore is not overwritten by it");
	send(office, 2);
	cr_assert(!take(laptop).full, "then deltas again: the restore is told once");
	cr_assert_eq(sfx_count(laptop, "SELECT count(*) FROM sync_conflicts"), 0);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM sync_conflicts"), 0,
		     "no key the laptop made after the restore is one it made before");
#define BEFORE_RESTORE "SELECT count(*) FROM audit_log WHERE id >> 40 = 2 AND id < (SELECT min(id)" \
	" FROM audit_log WHERE action = 'restore' AND id >> 40 = 2)"
	cr_assert_gt(sfx_count(office, BEFORE_RESTORE), 0);
	cr_assert_eq(sfx_count(laptop, BEFORE_RESTORE), sfx_count(office, BEFORE_RESTORE),
		     "the laptop's audit entries the backup lacked are back");
	long checked = 0, bad = 0;
	int64_t first = 0;
	cr_assert_eq(wg_audit_verify(laptop, &checked, &bad, &first), WG_OK);
	cr_assert_eq(bad, 0, "the chain verifies at the laptop, across the restore (first bad %lld)",
		     (long long)first);
	cr_assert_eq(wg_audit_verify(office, &checked, &bad, &first), WG_OK);
	cr_assert_eq(bad, 0, "and at the office (first bad %lld)", (long long)first);
}


/* An audit entry as wangge writes one with a change (recorded for sync). */
static void audited(struct wg_ctx *ctx, const char *detail)
{
	cr_assert_eq(wg_begin(ctx), WG_OK);
	cr_assert_eq(wg_audit(ctx, "test", "", 0, detail), WG_OK);
	cr_assert_eq(wg_commit(ctx), WG_OK, "%s", wg_error(ctx));
}

/* Restoring one backup twice (the morning's, the only one of the day, at eleven and again at
 * three): what was made after the first restore lives on at the office, so what is made after
 * the second never takes its keys, change numbers or case numbers, though the backup knows
 * nothing of them; both branches of the laptop's audit chain verify. */
Test(restore, one_backup_restored_twice_keeps_what_was_made_between)
{
	char backup[160], before[160], lines[4096];
	synced();
	snprintf(backup, sizeof backup, "%s/laptop-copy.db", dir);
	snprintf(before, sizeof before, "%s/laptop-before.db", dir);
	cr_assert_eq(wg_backup_to(laptop, backup), WG_OK, "%s", wg_error(laptop));
	audited(laptop, "after the backup");
	send(laptop, 1);
	take(office);
	cr_assert_eq(wg_restore_from(laptop, backup, before), WG_OK, "%s", wg_error(laptop));
#define NUMBERED "SELECT max(value) FROM counters WHERE name = 'task_number'"
	int numbered = sfx_count(laptop, NUMBERED);
	new_skill(laptop, "第一次恢复后");
	audited(laptop, "after the first restore");
	send(laptop, 1);
	take(office);
	cr_assert_eq(wg_restore_from(laptop, backup, before), WG_OK, "%s", wg_error(laptop));
	cr_assert_eq(sfx_count(laptop, "SELECT count(*) FROM skills WHERE name = '第一次恢复后'"), 0);
	cr_expect_gt(sfx_count(laptop, NUMBERED), numbered,
		     "case numbers go on past those the first restore gave out");
	new_skill(laptop, "第二次恢复后");
	send(laptop, 1);
	take(office);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM skills WHERE name = '第一次恢复后'"), 1,
		     "the record made after the first restore is not overwritten");
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM skills WHERE name = '第二次恢复后'"), 1,
		     "and the one made after the second arrives");
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM sync_conflicts"), 0);
	send(office, 2);
	cr_assert(take(laptop).full, "the office's next file is whole");
	cr_assert_eq(sfx_count(laptop, "SELECT count(*) FROM skills WHERE name LIKE '第_次恢复后'"), 2,
		     "the laptop holds both");
	cr_assert_eq(sfx_problems(laptop, lines, sizeof lines), 0, "check at the laptop: %s", lines);
	cr_assert_eq(sfx_count(laptop, "SELECT count(*) FROM audit_log WHERE action = 'test'"), 2,
		     "both branches of its chain are back");
	send(laptop, 1);
	take(office);
	cr_assert_eq(sfx_problems(office, lines, sizeof lines), 0, "check at the office: %s", lines);
}
