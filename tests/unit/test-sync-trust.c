/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Unit tests for the trust in sync: only paired, signed files are read; the rules that hold even
 * for a signed file; the signed heads of the audit chains; pairing. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <sodium.h>
#include <sqlite3.h>

#include <wangge/audit.h>
#include <wangge/site-key.h>
#include <wangge/site.h>
#include <wangge/store.h>
#include <wangge/sync.h>
#include <wangge/user.h>
#include <wangge/validate.h>
#include "core/core-int.h"

#include "core/sync-priv.h"
#include "core/sync-rules.h"
#include "resident-fixture.h"
#include "sync-fixture.h"

static struct wg_ctx *office, *laptop;
static char dir[64], file[96];

static struct wg_ctx *site(int no, const char *name)
{
	char path[128];
	snprintf(path, sizeof path, "%s/%s.db", dir, name);
	return sfx_site(path, no, name);
}


static void setup(void)
{
	office = rf_open(WG_ROLE_ADMIN, 1);
	snprintf(dir, sizeof dir, "/tmp/wg-trust-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(file, sizeof file, "%s/out.wgs", dir);
	laptop = site(2, "laptop");
	sfx_pair(office, laptop);
	sfx_pair(laptop, office);
}

static void teardown(void)
{
	sfx_close(office, laptop, dir);
}

TestSuite(trust, .init = setup, .fini = teardown, .timeout = 30);

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

/* ---- Only paired, signed files are read ---- */

/* A changeset made on a copy of ctx's database with the sqlite3 shell's .session, in effect. */
static void *forge_changeset(struct wg_ctx *ctx, const char *sql, int *n)
{
	char copy[128], cmd[300];
	sqlite3 *db = NULL;
	sqlite3_session *s = NULL;
	void *p = NULL;
	snprintf(copy, sizeof copy, "%s/copy.db", dir);
	snprintf(cmd, sizeof cmd, "sqlite3 '%s' \".backup '%s'\"", wg_db_path(ctx), copy);
	cr_assert_eq(system(cmd), 0);
	cr_assert_eq(sqlite3_open(copy, &db), SQLITE_OK);
	cr_assert_eq(sqlite3session_create(db, "main", &s), SQLITE_OK);
	cr_assert_eq(sqlite3session_attach(s, NULL), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK, "%s", sqlite3_errmsg(db));
	cr_assert_eq(sqlite3session_changeset(s, n, &p), SQLITE_OK);
	sqlite3session_delete(s);
	sqlite3_close(db);
	return p;
}

Test(trust, a_forged_file_with_a_good_unkeyed_hash_changes_nothing)
{
	int n = 0;
	unsigned char h[32];
	char hex[65];
	synced();
	/* A clerk on the laptop makes themselves administrator the old way: header, BLAKE2b, body. */
	void *p = forge_changeset(laptop, "INSERT INTO users(id, name, role, pw_hash, created_at,"
					  " updated_at) VALUES (2199023255999, 'mallory', 'admin', 'x', 0, 0)",
				  &n);
	cr_assert_gt(n, 0, "the forged file carries a change to users");
	crypto_generichash(h, sizeof h, p, (unsigned long long)n, NULL, 0);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	FILE *f = fopen(file, "wb");
	cr_assert_not_null(f);
	fprintf(f, "WANGGE-SYNC 1\nfrom 1 to 2 first 0 last 99 ack 0 full 0 schema %d bytes %d blake2b %s\n",
		wg_schema_version(), n, hex);
	fwrite(p, 1, (size_t)n, f);
	fclose(f);
	sqlite3_free(p);
	int users = sfx_count(laptop, "SELECT count(*) FROM users WHERE name = 'mallory'");
	wg_set_user(laptop, 1, "clerk", WG_ROLE_CLERK);
	struct wg_sync_import_result r;
	cr_assert_eq(wg_sync_import(laptop, file, "ask", &r), WG_EINVAL);
	cr_assert(strstr(wg_error(laptop), "old, unsigned kind") && strstr(wg_error(laptop), "pair"),
		  "says how to upgrade: %s", wg_error(laptop));
	cr_assert_eq(sfx_count(laptop, "SELECT count(*) FROM users WHERE name = 'mallory'"), users);
	cr_assert_eq(users, 0, "nothing changed");
}

Test(trust, a_file_signed_by_a_key_that_is_not_paired_is_refused)
{
	struct wg_sync_import_result r;
	/* Another "office", numbered 1 too, that knows the laptop's key: the laptop knows better. */
	struct wg_ctx *fake = site(1, "fake");
	sfx_pair(fake, laptop);
	rf_cells(fake);
	send(fake, 2);
	cr_assert_eq(wg_sync_import(laptop, file, "ask", &r), WG_EINVAL);
	cr_assert(strstr(wg_error(laptop), "paired with the key"), "%s", wg_error(laptop));
	cr_assert_eq(sfx_count(laptop, "SELECT count(*) FROM cells"), 0, "nothing written");
	/* A site the laptop never paired at all. */
	struct wg_ctx *third = site(3, "third");
	sfx_pair(third, laptop);
	send(third, 2);
	cr_assert_eq(wg_sync_import(laptop, file, "ask", &r), WG_EINVAL);
	cr_assert(strstr(wg_error(laptop), "not paired") && strstr(wg_error(laptop), "sync pair 3"),
		  "%s", wg_error(laptop));
	/* And no file can be made for a site whose key this one does not hold. */
	long changes;
	cr_assert_eq(wg_sync_export(laptop, 3, file, "ask", &changes), WG_EINVAL);
	cr_assert(strstr(wg_error(laptop), "sync pair 3"), "%s", wg_error(laptop));
	wg_ctx_free(third);
	wg_ctx_free(fake);
}

static void patch_byte(long off, int whence)
{
	FILE *f = fopen(file, "r+b");
	cr_assert_not_null(f);
	fseek(f, off, whence);
	int c = fgetc(f);
	fseek(f, off, whence);
	fputc(c ^ 0x20, f);
	fclose(f);
}

Test(trust, damaged_or_misdeclared_files_are_refused_before_their_body_is_read)
{
	struct wg_sync_import_result r;
	char cmd[300];
	send(office, 2);
	patch_byte(-200, SEEK_END); /* in the body: the signature fails */
	cr_assert_eq(wg_sync_import(laptop, file, "ask", &r), WG_EINVAL);
	cr_assert(strstr(wg_error(laptop), "signature") && strstr(wg_error(laptop), "new export"), "%s",
		  wg_error(laptop));
	/* A header claiming a huge body: refused by its size, nothing allocated. */
	send(office, 2);
	snprintf(cmd, sizeof cmd, "sed -i '2s/ bytes [0-9]* / bytes 536870000 /' %s", file);
	cr_assert_eq(system(cmd), 0);
	cr_assert_eq(wg_sync_import(laptop, file, "ask", &r), WG_EINVAL);
	cr_assert(strstr(wg_error(laptop), "announces 536870000 bytes"), "%s", wg_error(laptop));
	snprintf(cmd, sizeof cmd, "sed -i '2s/ bytes [0-9]* / bytes 999999999999 /' %s", file);
	cr_assert_eq(system(cmd), 0);
	cr_assert_eq(wg_sync_import(laptop, file, "ask", &r), WG_EINVAL);
	cr_assert(strstr(wg_error(laptop), "header is damaged"), "over the cap: %s", wg_error(laptop));
	send(office, 2); /* cut short */
	snprintf(cmd, sizeof cmd, "truncate -s -100 %s", file);
	cr_assert_eq(system(cmd), 0);
	cr_assert_eq(wg_sync_import(laptop, file, "ask", &r), WG_EINVAL);
	cr_assert(strstr(wg_error(laptop), "incomplete"), "%s", wg_error(laptop));
	cr_assert_eq(sfx_count(laptop, "SELECT count(*) FROM cells"), 0, "nothing written");
}

Test(trust, only_the_paired_receiver_can_read_a_file)
{
	static char text[1 << 20];
	send(office, 2);
	FILE *f = fopen(file, "rb");
	cr_assert_not_null(f);
	size_t n = fread(text, 1, sizeof text, f);
	fclose(f);
	cr_assert_lt(n, sizeof text);
	cr_assert_null(memmem(text, n, RF_G1, strlen(RF_G1)), "a cell code in clear text");
	cr_assert_null(memmem(text, n, "tester", 6), "an account name in clear text");
}

/* ---- Rules that hold even for a signed file ---- */

Test(trust, a_laptop_cannot_change_accounts_but_its_other_changes_arrive)
{
	int64_t id;
	cr_assert_eq(wg_user_add(office, "clerk", "", WG_ROLE_CLERK, "secret123", &id), WG_OK);
	synced();
	cr_assert_eq(wg_user_add(laptop, "fieldadmin", "", WG_ROLE_ADMIN, "secret123", &id), WG_OK, "%s",
		     wg_error(laptop));
	/* The clerk, on the laptop, with the sqlite3 shell. */
	sfx_behind_core(laptop, "UPDATE users SET role = 'admin' WHERE name = 'clerk'");
	rf_add(laptop, "外勤乙", NULL, NULL, RF_G2, NULL, NULL, NULL);
	send(laptop, 1);
	struct wg_sync_import_result r = take(office);
	cr_assert_eq(r.conflicts, 2, "both account changes set aside, %ld", r.conflicts);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM users WHERE name = 'fieldadmin'"), 0);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM users WHERE name = 'clerk' AND role = 'clerk'"), 1);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM sync_conflicts WHERE tbl = 'users'"
			   " AND why LIKE '%only at the office%'"), 2, "kept with the reason");
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM residents WHERE name = '外勤乙'"), 1,
		     "the rest of the file is applied");
	/* The office's own accounts do reach the laptop. */
	cr_assert_eq(wg_user_add(office, "newclerk", "", WG_ROLE_CLERK, "secret123", &id), WG_OK);
	send(office, 2);
	take(laptop);
	cr_assert_eq(sfx_count(laptop, "SELECT count(*) FROM users WHERE name = 'newclerk'"), 1);
}

Test(trust, a_control_character_in_a_name_sets_that_row_aside)
{
	synced();
	rf_add(laptop, "外勤丙", NULL, NULL, RF_G2, NULL, NULL, NULL);
	sfx_behind_core(laptop, "INSERT INTO residents(id, name, cell_id) SELECT id + 1, '坏人'"
			    " || char(27) || '[2J', cell_id FROM residents WHERE name = '外勤丙'");
	send(laptop, 1);
	struct wg_sync_import_result r = take(office);
	cr_assert_eq(r.conflicts, 1, "%ld", r.conflicts);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM residents WHERE name LIKE '坏人%'"), 0);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM residents WHERE name = '外勤丙'"), 1,
		     "the good row arrives");
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM sync_conflicts WHERE tbl = 'residents'"
			   " AND why LIKE 'name %control character%'"), 1);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM sync_conflicts WHERE instr(incoming, char(27))"),
		     0, "the escape is not kept raw, for a terminal to obey when listed");
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM sync_conflicts WHERE incoming LIKE '%\\x1b[2J%'"),
		     1);
}

Test(trust, the_audit_log_only_grows_across_sync)
{
	cr_assert_eq(wg_audit(office, "test", "", 0, "first"), WG_OK);
	cr_assert_eq(wg_audit(office, "test", "", 0, "second"), WG_OK);
	synced();
	int before = sfx_count(office, "SELECT count(*) FROM audit_log WHERE id < 2 << 40");
	sfx_behind_core(laptop, "DELETE FROM audit_log WHERE id = (SELECT min(id) FROM audit_log)");
	sfx_behind_core(laptop, "UPDATE audit_log SET detail = 'nothing' WHERE id = (SELECT max(id)"
			    " FROM audit_log WHERE id < 2 << 40)");
	/* An entry forged into the office's own chain. */
	sfx_behind_core(laptop, "INSERT INTO audit_log(id, at, action, prev_hash, hash) VALUES"
			    " ((1 << 40) + 999, 0, 'forged', '', '')");
	send(laptop, 1);
	struct wg_sync_import_result r = take(office);
	cr_assert_eq(r.conflicts, 3, "%ld", r.conflicts);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM sync_conflicts WHERE tbl = 'audit_log'"
			   " AND why LIKE '%only grows%'"), 2);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM sync_conflicts WHERE tbl = 'audit_log'"
			   " AND why LIKE '%own audit entries%'"), 1);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM audit_log WHERE action = 'forged'"), 0);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM audit_log WHERE id < 2 << 40"), before + 1,
		     "the office's entries all there, and the import's own");
	cr_assert_eq(sfx_problems(office, NULL, 0), 0, "the office's chains hold");
}

static int commits;
static int count_commit(void *arg)
{
	(void)arg;
	commits++;
	return 0;
}

Test(trust, an_import_is_saved_with_its_audit_entry_in_one_commit)
{
	synced();
	rf_add(laptop, "外勤丁", NULL, NULL, RF_G2, NULL, NULL, NULL);
	send(laptop, 1);
	int entries = rf_audit_count(office, "sync.import");
	commits = 0;
	sqlite3_commit_hook(wg_db(office), count_commit, NULL);
	take(office);
	sqlite3_commit_hook(wg_db(office), NULL, NULL);
	cr_assert_eq(commits, 1, "one transaction, %d commits", commits);
	cr_assert_eq(rf_audit_count(office, "sync.import"), entries + 1);
}

/* ---- Bounded reading ---- */

static void set_aside_nothing(void *arg, sqlite3_changeset_iter *it, const char *why)
{
	(void)arg, (void)it, (void)why;
}

Test(trust, damaged_changesets_end_at_once, .timeout = 5)
{
	/* A lone 'T' keeps SQLite 3.40's own reader looping forever. */
	static const unsigned char lone[] = { 'T' }, header_only[] = { 'T', 1, 1, 'x', 0 },
				   cut[] = { 'T', 2, 1, 0, 'x', 0, SQLITE_INSERT, 0, 1, 0, 0 };
	struct sync_filtered out;
	cr_assert_eq(sync_filter(NULL, lone, sizeof lone, 1, 2, 1, 0, set_aside_nothing, NULL, &out), -1);
	cr_assert_eq(sync_filter(NULL, header_only, sizeof header_only, 1, 2, 1, 0, set_aside_nothing, NULL, &out),
		     -1);
	cr_assert_eq(sync_filter(NULL, cut, sizeof cut, 1, 2, 1, 0, set_aside_nothing, NULL, &out), -1);
	cr_assert_eq(sync_filter(NULL, "", 0, 1, 2, 1, 0, set_aside_nothing, NULL, &out), 0);
	cr_assert_eq(out.kept, 0);
}

/* ---- Signed heads of the audit chains ---- */

static void raw(struct wg_ctx *ctx, const char *sql)
{
	cr_assert_eq(sqlite3_exec(wg_db(ctx), sql, NULL, NULL, NULL), SQLITE_OK, "%s", sql);
}

Test(trust, check_prints_each_head_and_fails_when_the_tail_is_cut)
{
	char lines[4096];
	cr_assert_eq(wg_audit(office, "test", "", 0, "one"), WG_OK);
	cr_assert_eq(wg_audit(office, "test", "", 0, "two"), WG_OK);
	cr_assert_eq(sfx_problems(office, lines, sizeof lines), 0, "%s", lines);
	cr_assert(strstr(lines, "audit head: site 1, 3 entries, last "), "%s", lines);
	raw(office, "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)");
	cr_assert_gt(sfx_problems(office, lines, sizeof lines), 0, "the last entry removed: %s", lines);
	cr_assert(strstr(lines, "site 1: the chain is shorter than its signed head"), "%s", lines);
	raw(office, "DELETE FROM audit_log");
	cr_assert_gt(sfx_problems(office, lines, sizeof lines), 0, "all removed: %s", lines);
	cr_assert(strstr(lines, "audit chain: 0 entries, ok"), "the chain alone would pass");
}

Test(trust, a_head_changed_or_removed_outside_wangge_fails_check)
{
	char lines[4096];
	raw(office, "UPDATE audit_anchors SET count = count - 1");
	cr_assert_gt(sfx_problems(office, lines, sizeof lines), 0, "%s", lines);
	cr_assert(strstr(lines, "signature"), "%s", lines);
	raw(office, "DELETE FROM audit_anchors");
	cr_assert_gt(sfx_problems(office, lines, sizeof lines), 0, "%s", lines);
	cr_assert(strstr(lines, "no signed head"), "%s", lines);
}

Test(trust, a_peers_chain_cut_short_here_fails_check)
{
	char lines[4096];
	synced();
	cr_assert_eq(sfx_problems(office, lines, sizeof lines), 0, "%s", lines);
	cr_assert(strstr(lines, "audit head: site 2, "), "the laptop's chain is shown: %s", lines);
	raw(office, "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log WHERE id >= 2 << 40)");
	cr_assert_gt(sfx_problems(office, lines, sizeof lines), 0, "%s", lines);
	cr_assert(strstr(lines, "site 2: the chain is shorter than its signed head"), "%s", lines);
}

/* ---- Pairing ---- */

Test(trust, pairing_is_for_administrators_and_a_new_key_needs_replace)
{
	struct wg_ctx *other = site(2, "other");
	struct wg_site_key key;
	cr_assert_eq(wg_site_key_own(other, &key), WG_OK);
	cr_assert_eq(strlen(key.key), 64);
	cr_assert_eq(strlen(key.fingerprint), 19);
	cr_assert_eq(wg_site_pair(office, 2, key.key, NULL, 0), WG_EINVAL, "site 2 has another key already");
	cr_assert(strstr(wg_error(office), "--replace"), "%s", wg_error(office));
	wg_set_user(office, 1, "tester", WG_ROLE_CLERK);
	cr_assert_eq(wg_site_pair(office, 2, key.key, NULL, 1), WG_EPERM);
	wg_set_user(office, 1, "tester", WG_ROLE_ADMIN);
	cr_assert_eq(wg_site_pair(office, 2, "not a key", NULL, 0), WG_EUSAGE);
	cr_assert_eq(wg_site_pair(office, 1, key.key, NULL, 0), WG_EUSAGE, "not this site itself");
	int audited = rf_audit_count(office, "sync.pair");
	cr_assert_eq(wg_site_pair(office, 2, key.key, NULL, 1), WG_OK, "%s", wg_error(office));
	cr_assert_eq(rf_audit_count(office, "sync.pair"), audited + 1, "a replacement is audited");
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM audit_log WHERE action = 'sync.pair'"
			   " AND detail LIKE '%replacing%'"), 1);
	wg_ctx_free(other);
}

Test(trust, a_new_laptop_keeps_its_own_key_when_it_takes_the_office)
{
	struct wg_site_key before, after;
	cr_assert_eq(wg_site_key_own(laptop, &before), WG_OK);
	synced(); /* the laptop took the whole database of the office */
	cr_assert_eq(wg_site_key_own(laptop, &after), WG_OK);
	cr_assert_str_eq(before.key, after.key, "the laptop still signs as itself");
	cr_assert_eq(sfx_count(laptop, "SELECT count(*) FROM peer_keys WHERE site_no = 1"), 1,
		     "and still knows the office");
}

Test(trust, a_database_from_before_site_keys_gets_its_key_and_head_on_first_need)
{
	char lines[4096];
	struct wg_site_key key;
	cr_assert_eq(wg_audit(office, "test", "", 0, "before keys"), WG_OK);
	/* What migration 6 leaves in an older database: the tables, empty. */
	raw(office, "DELETE FROM site_key; DELETE FROM audit_anchors");
	int entries = sfx_count(office, "SELECT count(*) FROM audit_log");
	cr_assert_eq(wg_audit(office, "test", "", 0, "the first entry after the upgrade"), WG_OK);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM site_key"), 1, "made by the first need");
	cr_assert_eq(sfx_count(office, "SELECT count FROM audit_anchors WHERE site_no = 1"), entries + 1,
		     "the head covers the whole chain");
	cr_assert_eq(wg_site_key_own(office, &key), WG_OK);
	cr_assert_eq(sfx_problems(office, lines, sizeof lines), 0, "%s", lines);
}

Test(trust, values_core_checks_on_entry_are_checked_again_on_arrival)
{
	synced();
	rf_add(laptop, "外勤戊", NULL, NULL, RF_G2, NULL, NULL, NULL);
	/* written behind core: a check character that does not match, a phone in no stored form */
	sfx_behind_core(laptop, "INSERT INTO residents(id, name, cell_id, id_number) SELECT id + 1, '坏号码',"
			    " cell_id, '110105197001011234' FROM residents WHERE name = '外勤戊'");
	sfx_behind_core(laptop, "INSERT INTO residents(id, name, cell_id, phone) SELECT id + 2, '坏电话',"
			    " cell_id, '12-34' FROM residents WHERE name = '外勤戊'");
	sfx_behind_core(laptop, "INSERT INTO social_orgs(id, name, credit_code) VALUES ((2 << 40) + 900,"
			    " '坏代码社工站', '91350100M000100Y44')");
	send(laptop, 1);
	struct wg_sync_import_result r = take(office);
	cr_assert_eq(r.conflicts, 3, "%ld", r.conflicts);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM residents WHERE name IN ('坏号码', '坏电话')"), 0);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM residents WHERE name = '外勤戊'"), 1, "the good row arrives");
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM sync_conflicts WHERE why LIKE 'id_number: %'"), 1);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM sync_conflicts WHERE why LIKE 'phone: %'"), 1);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM sync_conflicts WHERE why LIKE 'credit_code: %'"), 1);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM social_orgs WHERE name = '坏代码社工站'"), 0);
}

/* ---- Site identity: a number is an alias, the id tells databases apart ---- */

static void uid_of(struct wg_ctx *ctx, char out[WG_SITE_UID_HEX])
{
	wg_site_uid_hex(ctx, out);
	cr_assert_eq(strlen(out), 32, "every database has a 128-bit id");
}

Test(trust, every_database_has_its_own_id_and_the_first_file_pins_it)
{
	char a[WG_SITE_UID_HEX], b[WG_SITE_UID_HEX], shown[WG_SITE_UID_SIZE], back[WG_SITE_UID_HEX];
	uid_of(office, a);
	uid_of(laptop, b);
	cr_assert_str_neq(a, b);
	wg_site_uid_show(a, shown);
	cr_assert_eq(strlen(shown), 36);
	cr_assert_eq(wg_site_uid_parse(shown, back), 0);
	cr_assert_str_eq(back, a, "8-4-4-4-12 reads back");
	cr_assert_eq(wg_site_uid_parse("0123", back), -1);
	cr_assert_eq(wg_site_uid_parse("zz23456789abcdef0123456789abcdef", back), -1);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM peer_keys WHERE site_uid IS NOT NULL"), 0);
	synced();
	char *sql = sqlite3_mprintf("SELECT count(*) FROM peer_keys WHERE site_no = 2 AND site_uid = %Q", b);
	cr_assert_eq(sfx_count(office, sql), 1, "the office pinned the laptop's id");
	sqlite3_free(sql);
	sql = sqlite3_mprintf("SELECT count(*) FROM peer_keys WHERE site_no = 1 AND site_uid = %Q", a);
	cr_assert_eq(sfx_count(laptop, sql), 1, "and the laptop the office's, although it took the "
						"office's whole database");
	sqlite3_free(sql);
	uid_of(laptop, back);
	cr_assert_str_eq(back, b, "the laptop keeps its own id");
}

Test(trust, a_second_database_with_the_same_number_is_refused_even_after_a_new_key)
{
	synced();
	struct wg_ctx *twin = site(2, "twin"); /* another laptop set up as site 2 */
	sfx_pair(twin, office);
	char twin_uid[WG_SITE_UID_HEX];
	uid_of(twin, twin_uid);
	int residents = sfx_count(office, "SELECT count(*) FROM residents");
	wg_begin(twin);
	cr_assert_eq(sqlite3_exec(wg_db(twin), "INSERT INTO cells(id, code, name, kind) VALUES"
				  " (2199023255553, '110105999001', '孪生网格', 'community')", NULL, NULL, NULL),
		     SQLITE_OK);
	wg_commit(twin);
	send(twin, 1);
	struct wg_sync_import_result res;
	/* the key differs: the message says that another database carries the number */
	cr_assert_eq(wg_sync_import(office, file, "ask", &res), WG_EINVAL);
	cr_assert(strstr(wg_error(office), "two sites share the number"), "%s", wg_error(office));
	/* an administrator replaces the key, as the key message suggests: still refused */
	struct wg_site_key key;
	cr_assert_eq(wg_site_key_own(twin, &key), WG_OK);
	cr_assert_eq(wg_site_pair(office, 2, key.key, NULL, WG_PAIR_REPLACE), WG_OK, "%s", wg_error(office));
	cr_assert_eq(wg_sync_import(office, file, "ask", &res), WG_EINVAL);
	cr_assert(strstr(wg_error(office), "--new-database"), "%s", wg_error(office));
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM cells WHERE code = '110105999001'"), 0);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM residents"), residents);
	/* naming the other id is refused too; declaring the first gone lets it in */
	cr_assert_eq(wg_site_pair(office, 2, key.key, twin_uid, WG_PAIR_REPLACE), WG_EINVAL);
	cr_assert_eq(wg_site_pair(office, 2, key.key, twin_uid, WG_PAIR_REPLACE | WG_PAIR_NEW_DATABASE),
		     WG_OK, "%s", wg_error(office));
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM audit_log WHERE action = 'sync.pair'"
			   " AND detail LIKE '%in place of%'"), 1, "the replaced id is audited");
	cr_assert_eq(wg_sync_import(office, file, "ask", &res), WG_OK, "%s", wg_error(office));
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM cells WHERE code = '110105999001'"), 1);
	wg_ctx_free(twin);
}

/* The office (a street office as well) changes a record the laptop made and puts the change
 * under the laptop's name, as if the laptop had made it: the laptop refuses the file. */
Test(trust, a_change_put_under_a_sites_name_by_another_is_refused_there)
{
	synced();
	sfx_behind_core(laptop, "INSERT INTO skills(id, name) VALUES (2199023255600, '编织')");
	send(laptop, 1);
	take(office);
	sfx_behind_core(office, "UPDATE skills SET name = '伪造' WHERE id = 2199023255600");
	cr_assert_eq(wg_begin(office), WG_OK);
	cr_assert_eq(sync_flush(office), WG_OK, "%s", wg_error(office));
	cr_assert_eq(wg_commit(office), WG_OK);
	cr_assert_eq(sqlite3_exec(wg_db(office),
				  "UPDATE sync_cols SET origin = 2, seq = (SELECT max(seq) + 5 FROM sync_txns"
				  " WHERE origin = 2) WHERE tbl = 'skills' AND rid = 2199023255600 AND origin = 1;"
				  "INSERT INTO sync_txns(origin, seq, hlc, known) SELECT 2, max(seq) + 5,"
				  " max(hlc) + 1, '' FROM sync_txns WHERE origin = 2", NULL, NULL, NULL), SQLITE_OK,
		     "%s", sqlite3_errmsg(wg_db(office)));
	send(office, 2);
	struct wg_sync_import_result res;
	cr_assert_eq(wg_sync_import(laptop, file, "ask", &res), WG_EINVAL);
	cr_assert(strstr(wg_error(laptop), "this database never made"), "%s", wg_error(laptop));
	cr_assert_eq(sfx_count(laptop, "SELECT count(*) FROM skills WHERE name = '编织'"), 1,
		     "nothing taken");
}

/* A laptop lost for good and set up again under its number: paired as a new database, it takes
 * the office's next file whole, and its own changes then reach the office. */
Test(trust, a_laptop_set_up_again_takes_the_whole_file_and_goes_on)
{
	synced();
	sfx_behind_core(laptop, "INSERT INTO skills(id, name) VALUES (2199023255606, '旧机技能')");
	send(laptop, 1);
	take(office);
	struct wg_ctx *again = site(2, "again");
	struct wg_site_key key;
	cr_assert_eq(wg_site_key_own(again, &key), WG_OK);
	cr_assert_eq(wg_site_pair(office, 2, key.key, NULL, WG_PAIR_REPLACE | WG_PAIR_NEW_DATABASE), WG_OK,
		     "%s", wg_error(office));
	sfx_pair(again, office);
	send(office, 2);
	struct wg_sync_import_result res = take(again);
	cr_assert(res.full, "the office's next file is a whole one");
	cr_assert_eq(sfx_count(again, "SELECT count(*) FROM skills WHERE name = '旧机技能'"), 1,
		     "with what the lost laptop had sent");
	sfx_behind_core(again, "INSERT INTO skills(id, name) VALUES ((SELECT max(id) + 1 FROM skills"
		    " WHERE id >> 40 = 2), '新机技能')");
	send(again, 1);
	take(office);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM skills WHERE name = '新机技能'"), 1,
		     "its own change reaches the office");
	char lines[4096];
	cr_assert_eq(sfx_problems(office, lines, sizeof lines), 0, "its chain goes on the old one's: %s", lines);
	cr_assert_eq(sfx_problems(again, lines, sizeof lines), 0, "%s", lines);
	wg_ctx_free(again);
}

/* The street: a second database set up with a number already taken is refused; given
 * the number the office registered (site renumber), its next file is a whole one and is taken,
 * its records under their new keys. */
Test(trust, a_twin_renumbered_to_its_registered_number_is_taken_whole)
{
	synced();
	struct wg_ctx *twin = site(2, "twin");
	sfx_pair(twin, office);
	cr_assert_eq(wg_begin(twin), WG_OK);
	cr_assert_eq(sqlite3_exec(wg_db(twin), "INSERT INTO cells(id, code, name, kind) VALUES"
				  " (2199023255553, '110105999001', '孪生社区', 'community')", NULL, NULL, NULL),
		     SQLITE_OK);
	cr_assert_eq(wg_commit(twin), WG_OK);
	send(twin, 1);
	struct wg_sync_import_result res;
	cr_assert_eq(wg_sync_import(office, file, "ask", &res), WG_EINVAL);
	cr_assert(strstr(wg_error(office), "two sites share the number"), "%s", wg_error(office));
	struct wg_site_renumber_result rr;
	cr_assert_eq(wg_site_renumber(twin, 3, 0, &rr), WG_EINVAL, "it sent a file");
	cr_assert(strstr(wg_error(twin), "--sent-files-refused"), "%s", wg_error(twin));
	cr_assert_eq(sfx_count(twin, "SELECT count(*) FROM cells WHERE id = 2199023255553"), 1,
		     "refused: nothing moved");
	cr_assert_eq(wg_site_renumber(twin, 3, 1, &rr), WG_OK, "%s", wg_error(twin));
	cr_assert_eq(rr.from, 2);
	cr_assert_eq(sfx_count(twin, "SELECT count(*) FROM cells WHERE id = 3298534883329"), 1,
		     "the cell's key is site 3's now");
	sfx_pair(office, twin); /* the office pairs its key as site 3, the number it registered */
	send(twin, 1);
	res = take(office);
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM cells WHERE code = '110105999001'"
			   " AND id = 3298534883329"), 1, "taken under its new key");
	cr_assert_eq(sfx_count(office, "SELECT count(*) FROM peer_keys WHERE site_no = 3"), 1);
	/* and a database that has taken a file keeps its number */
	cr_assert_eq(wg_site_renumber(laptop, 4, 1, &rr), WG_EINVAL);
	cr_assert(strstr(wg_error(laptop), "has taken sync files"), "%s", wg_error(laptop));
	wg_ctx_free(twin);
}

Test(trust, a_file_made_for_another_database_with_the_same_number_is_refused)
{
	synced(); /* the office knows the laptop's id: its files name it */
	struct wg_ctx *twin = site(2, "twin");
	sfx_pair(twin, office);
	send(office, 2);
	struct wg_sync_import_result res;
	/* encrypted to the paired key, so the twin could not read it either; the id says why */
	cr_assert_eq(wg_sync_import(twin, file, "ask", &res), WG_EINVAL);
	cr_assert(strstr(wg_error(twin), "made for another database"), "%s", wg_error(twin));
	cr_assert_eq(sfx_count(twin, "SELECT count(*) FROM peer_keys WHERE site_uid IS NOT NULL"), 0);
	wg_ctx_free(twin);
}

Test(trust, a_whole_file_from_a_site_that_is_not_the_office_is_merged_not_adopted)
{
	/* a new database whose office is site 1 gets a whole file from site 3: it must keep its
	 * own accounts (they would be emptied, and site 3's refused) */
	struct wg_ctx *other = site(3, "other"), *fresh_db = site(4, "fresh");
	sfx_pair_both(other, fresh_db);
	int64_t uid = 0;
	cr_assert_eq(wg_user_add(fresh_db, "own", "", WG_ROLE_ADMIN, "secret-pass-1", &uid), WG_OK,
		     "%s", wg_error(fresh_db));
	send(other, 4);
	take(fresh_db);
	cr_assert_eq(sfx_count(fresh_db, "SELECT count(*) FROM users WHERE name = 'own'"), 1);
	wg_ctx_free(other);
	wg_ctx_free(fresh_db);
}

static struct wg_ctx *site_of(int no, int office_no, const char *name)
{
	char path[128];
	snprintf(path, sizeof path, "%s/%s.db", dir, name);
	return sfx_site_office(path, no, office_no, name, "110105001037");
}

Test(trust, an_office_numbered_by_the_street_sends_its_accounts_to_its_laptops)
{
	struct wg_ctx *o37 = site_of(37, 37, "office37"), *l38 = site_of(38, 37, "laptop38");
	struct wg_site_info info;
	cr_assert_eq(wg_site_info(l38, &info), WG_OK);
	cr_assert_eq(info.office, 37);
	cr_assert_str_eq(info.code, "110105001037");
	cr_assert_eq(wg_office_site(o37), 37);
	sfx_pair_both(o37, l38);
	int64_t id = 0;
	cr_assert_eq(wg_user_add(o37, "clerk37", "", WG_ROLE_CLERK, "secret-pass-1", &id), WG_OK, "%s",
		     wg_error(o37));
	send(o37, 38);
	take(l38);
	cr_assert_eq(sfx_count(l38, "SELECT count(*) FROM users WHERE name = 'clerk37'"), 1,
		     "the laptop takes its office's accounts");
	/* and the laptop's change to an account is set aside at its office */
	wg_set_user(l38, 1, "tester", WG_ROLE_ADMIN);
	sfx_behind_core(l38, "UPDATE users SET role = 'admin' WHERE name = 'clerk37'");
	send(l38, 37);
	take(o37);
	cr_assert_eq(sfx_count(o37, "SELECT count(*) FROM users WHERE name = 'clerk37' AND role = 'clerk'"), 1);
	wg_ctx_free(o37);
	wg_ctx_free(l38);
}

/* A street office and a community registered with its code: the street's export carries the
 * community's residents and the shared cells, never another community's residents. */
Test(trust, a_registered_community_gets_its_own_people_and_not_the_others)
{
	char path[128];
	int got = 0;
	snprintf(path, sizeof path, "%s/street.db", dir);
	struct wg_ctx *street = sfx_site_office(path, 5, 5, "街道", NULL);
	snprintf(path, sizeof path, "%s/c6.db", dir);
	struct wg_ctx *c6 = sfx_site_office(path, 6, 6, "甲社区", "110105001006");
	cr_assert_eq(wg_site_register(street, 6, "community", "110105001006", "甲社区", &got), WG_OK,
		     "%s", wg_error(street));
	sfx_pair_both(street, c6);
	/* keys in the street's range: 5 << 40 */
	sfx_behind_core(street, "INSERT INTO cells(id, code, name, kind, parent_id) VALUES"
		    " (5497558138881, '110105001', '街道', 'street', NULL),"
		    " (5497558138882, '110105001006', '甲社区', 'community', 5497558138881),"
		    " (5497558138883, '110105001006001', '甲网格', 'grid', 5497558138882),"
		    " (5497558138884, '110105001007', '乙社区', 'community', 5497558138881),"
		    " (5497558138885, '110105001007001', '乙网格', 'grid', 5497558138884);"
		    "INSERT INTO residents(id, name, cell_id) VALUES (5497558138881, '甲居民', 5497558138883),"
		    " (5497558138882, '乙居民', 5497558138885), (5497558138883, '无网格居民', NULL)");
	send(street, 6);
	take(c6);
	cr_assert_eq(sfx_count(c6, "SELECT count(*) FROM residents WHERE name = '甲居民'"), 1);
	cr_assert_eq(sfx_count(c6, "SELECT count(*) FROM residents WHERE name IN ('乙居民', '无网格居民')"), 0,
		     "never another community's people, nor one without a cell");
	cr_assert_eq(sfx_count(c6, "SELECT count(*) FROM cells WHERE code = '110105001007001'"), 1,
		     "the shared cells do go");
	cr_assert_eq(sfx_count(c6, "SELECT count(*) FROM sync_conflicts"), 0);
	/* once its number is no longer a registered community's, everything goes, as to any site */
	cr_assert_eq(sqlite3_exec(wg_db(street), "DELETE FROM site_register", NULL, NULL, NULL), SQLITE_OK);
	sfx_behind_core(street, "UPDATE residents SET notes = '复查' WHERE name = '乙居民'");
	send(street, 6);
	take(c6);
	cr_assert_eq(sfx_count(c6, "SELECT count(*) FROM residents WHERE name = '乙居民'"), 1);
	wg_ctx_free(street);
	wg_ctx_free(c6);
}
