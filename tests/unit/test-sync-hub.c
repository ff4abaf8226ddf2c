/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Unit tests for a street office between two registered communities: records that move from
 * one community to the other leave the first (it is told, by the moved column alone) and arrive
 * whole at the second, with what hangs on them. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include <wangge/audit.h>
#include <wangge/site.h>
#include <wangge/site-key.h>
#include <wangge/store.h>
#include <wangge/sync.h>
#include "core/core-int.h"
#include "core/sync-priv.h"

#include "sync-fixture.h"

static struct wg_ctx *street, *c6, *c7;
static char dir[64], file[96];

/* keys in the street's range: 5 << 40 */
#define K(n) "(5497558138880 + " #n ")"
#define JIA_CELL K(3)
#define YI_CELL K(5)

static struct wg_ctx *site(int no, const char *name, const char *code)
{
	char path[128];
	snprintf(path, sizeof path, "%s/%s.db", dir, name);
	return sfx_site_office(path, no, no, name, code);
}

/* SQL run as wangge's own write would be (recorded for sync). */
static void write_sql(struct wg_ctx *ctx, const char *sql)
{
	cr_assert_eq(wg_begin(ctx), WG_OK, "%s", wg_error(ctx));
	cr_assert_eq(sqlite3_exec(wg_db(ctx), sql, NULL, NULL, NULL), SQLITE_OK, "%s: %s", sql,
		     sqlite3_errmsg(wg_db(ctx)));
	cr_assert_eq(wg_commit(ctx), WG_OK, "%s", wg_error(ctx));
	/* wangge's own writes index new residents: so does this */
	cr_assert_eq(sqlite3_exec(wg_db(ctx), "INSERT INTO resident_search(resident_search) VALUES ('rebuild')",
				  NULL, NULL, NULL), SQLITE_OK);
}

static void send(struct wg_ctx *from, int to)
{
	sfx_send(from, to, file);
}

static struct wg_sync_import_result take(struct wg_ctx *ctx)
{
	return sfx_take(ctx, file);
}

/* The street sends a community its records, and hears back from it. */
static void round_trip(struct wg_ctx *community, int no)
{
	send(street, no);
	take(community);
	send(community, 5);
	take(street);
}

static void setup(void)
{
	int got = 0;
	snprintf(dir, sizeof dir, "/tmp/wg-hub-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(file, sizeof file, "%s/out.wgs", dir);
	street = site(5, "street", NULL);
	c6 = site(6, "jia", "110105001006");
	c7 = site(7, "yi", "110105001007");
	cr_assert_eq(wg_site_register(street, 6, "community", "110105001006", "甲社区", &got), WG_OK, "%s",
		     wg_error(street));
	cr_assert_eq(wg_site_register(street, 7, "community", "110105001007", "乙社区", &got), WG_OK, "%s",
		     wg_error(street));
	sfx_pair_both(street, c6);
	sfx_pair_both(street, c7);
	write_sql(street, "INSERT INTO cells(id, code, name, kind, parent_id) VALUES"
		  " (" K(1) ", '110105001', '街道', 'street', NULL),"
		  " (" K(2) ", '110105001006', '甲社区', 'community', " K(1) "),"
		  " (" K(3) ", '110105001006001', '甲网格', 'grid', " K(2) "),"
		  " (" K(4) ", '110105001007', '乙社区', 'community', " K(1) "),"
		  " (" K(5) ", '110105001007001', '乙网格', 'grid', " K(4) "),"
		  " (" K(6) ", '110105001007002', '乙二网格', 'grid', " K(4) ");"
		  "INSERT INTO tags(id, name) VALUES (" K(1) ", '测试关爱');"
		  "INSERT INTO skills(id, name) VALUES (" K(1) ", '测试急救');"
		  "INSERT INTO residents(id, name, phone, cell_id) VALUES"
		  " (" K(1) ", '甲居民', '13800000001', " JIA_CELL "),"
		  " (" K(2) ", '乙居民', '13800000002', " YI_CELL ");"
		  "INSERT INTO resident_tags(id, resident_id, tag_id) VALUES (" K(1) ", " K(1) ", " K(1) ");"
		  "INSERT INTO volunteers(id, vol_no, name, cell_id) VALUES (" K(1) ", 'V5-0001', '甲志愿者', "
		  JIA_CELL ");"
		  "INSERT INTO volunteer_skills(id, volunteer_id, skill_id) VALUES (" K(1) ", " K(1) ", " K(1) ");"
		  "INSERT INTO tasks(id, number, title, cell_id) VALUES (" K(1) ", 'S5-2026-000001', '甲楼道堆物',"
		  " " JIA_CELL ");"
		  "INSERT INTO task_events(id, task_id, at, action) VALUES (" K(1) ", " K(1) ", 1, 'report'),"
		  " (" K(2) ", " K(1) ", 2, 'accept')");
	round_trip(c6, 6);
	round_trip(c7, 7);
	cr_assert_eq(sfx_count(c6, "SELECT count(*) FROM residents"), 1, "甲 holds its own resident only");
	cr_assert_eq(sfx_count(c7, "SELECT count(*) FROM residents"), 1, "乙 holds its own resident only");
}

static void teardown(void)
{
	char cmd[128];
	wg_ctx_free(street);
	wg_ctx_free(c6);
	wg_ctx_free(c7);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(hub, .init = setup, .fini = teardown, .timeout = 60);

/* Whatever moved, every site's check finds nothing: no seal is broken by a move. */
static void checks_clean(void)
{
	char lines[4096];
	struct wg_ctx *sites[] = { street, c6, c7 };
	for (int i = 0; i < 3; i++)
		cr_assert_eq(sfx_problems(sites[i], lines, sizeof lines), 0, "site %d: %s", i, lines);
}

/* 甲居民 moves to 乙 at the street, then her phone changes there.  甲 learns that she left (her
 * cell, and nothing else of what came after); 乙 gets her whole, with her tag. */
Test(hub, a_resident_who_moves_leaves_one_community_and_arrives_whole_at_the_other)
{
	write_sql(street, "UPDATE residents SET cell_id = " YI_CELL " WHERE id = " K(1));
	write_sql(street, "UPDATE residents SET phone = '13900000009' WHERE id = " K(1));
	send(street, 6); /* a file 甲 never takes: the next one still says she left */
	send(street, 6);
	take(c6);
	cr_assert_eq(sfx_count(c6, "SELECT count(*) FROM residents WHERE id = " K(1) " AND cell_id = " YI_CELL),
		     1, "甲's copy is in 乙's cell now: she no longer shows as 甲's");
	cr_assert_eq(sfx_count(c6, "SELECT count(*) FROM residents WHERE phone = '13900000009'"), 0,
		     "nothing of hers written after she left reaches 甲");
	cr_assert_eq(sfx_count(c6, "SELECT count(*) FROM residents"), 1);
	cr_assert_eq(sfx_count(c6, "SELECT count(*) FROM sync_conflicts"), 0);
	send(street, 7);
	take(c7);
	cr_assert_eq(sfx_count(c7, "SELECT count(*) FROM residents WHERE id = " K(1)
				   " AND phone = '13900000009' AND cell_id = " YI_CELL), 1);
	cr_assert_eq(sfx_count(c7, "SELECT count(*) FROM resident_tags WHERE resident_id = " K(1)), 1,
		     "her tag, written long before, comes with her");
	/* heard back: the street sends 甲 nothing more of her */
	send(c6, 5);
	take(street);
	write_sql(street, "UPDATE residents SET cell_id = " K(6) " WHERE id = " K(1));
	send(street, 6);
	take(c6);
	cr_assert_eq(sfx_count(c6, "SELECT count(*) FROM residents WHERE id = " K(1) " AND cell_id = " YI_CELL),
		     1, "a move within 乙 is 乙's business");
	checks_clean();
}

/* A case handed to 乙's cell: 乙 gets it with its history; 甲 sees it has left. */
Test(hub, a_case_that_moves_arrives_with_its_events)
{
	write_sql(street, "UPDATE tasks SET cell_id = " YI_CELL " WHERE id = " K(1));
	round_trip(c7, 7);
	cr_assert_eq(sfx_count(c7, "SELECT count(*) FROM tasks WHERE id = " K(1)), 1);
	cr_assert_eq(sfx_count(c7, "SELECT count(*) FROM task_events WHERE task_id = " K(1)), 2);
	round_trip(c6, 6);
	cr_assert_eq(sfx_count(c6, "SELECT count(*) FROM tasks WHERE id = " K(1) " AND cell_id = " YI_CELL), 1);
	/* and a volunteer, with the skill */
	write_sql(street, "UPDATE volunteers SET cell_id = " YI_CELL " WHERE id = " K(1));
	round_trip(c7, 7);
	cr_assert_eq(sfx_count(c7, "SELECT count(*) FROM volunteer_skills WHERE volunteer_id = " K(1)), 1);
	checks_clean();
}

/* 甲 changed her before it heard she moved: its change is kept, travels up and on to 乙. */
Test(hub, a_change_made_before_the_move_was_heard_is_not_lost)
{
	write_sql(c6, "UPDATE residents SET notes = '甲的回访' WHERE id = " K(1));
	write_sql(street, "UPDATE residents SET cell_id = " YI_CELL " WHERE id = " K(1));
	send(street, 6);
	take(c6);
	cr_assert_eq(sfx_count(c6, "SELECT count(*) FROM residents WHERE id = " K(1) " AND cell_id = " YI_CELL
				   " AND notes = '甲的回访'"), 1);
	send(c6, 5);
	take(street);
	cr_assert_eq(sfx_count(street, "SELECT count(*) FROM residents WHERE id = " K(1)
				       " AND cell_id = " YI_CELL " AND notes = '甲的回访'"), 1);
	send(street, 7);
	take(c7);
	cr_assert_eq(sfx_count(c7, "SELECT count(*) FROM residents WHERE id = " K(1) " AND notes = '甲的回访'"), 1);
	/* moved back while 甲 moved her within 甲 itself: one cell wins, everywhere */
	write_sql(street, "UPDATE residents SET cell_id = " JIA_CELL " WHERE id = " K(1));
	round_trip(c6, 6);
	round_trip(c7, 7);
	cr_assert_eq(sfx_count(c6, "SELECT count(*) FROM residents WHERE id = " K(1) " AND cell_id = " JIA_CELL), 1);
	cr_assert_eq(sfx_count(c7, "SELECT count(*) FROM residents WHERE id = " K(1) " AND cell_id = " JIA_CELL), 1);
	checks_clean();
}

/* Another community's new people and their moves inside it tell 甲 nothing: no row, no key. */
Test(hub, another_communitys_people_never_reach_a_community)
{
	write_sql(street, "INSERT INTO residents(id, name, cell_id) VALUES (" K(3) ", '乙新居民', " YI_CELL ");"
		  "UPDATE residents SET cell_id = " K(6) " WHERE id = " K(2));
	write_sql(street, "UPDATE residents SET cell_id = " K(6) " WHERE id = " K(3));
	send(street, 6);
	/* what the file told (the export's list stays in the street's connection until the next) */
	cr_assert_eq(sfx_count(street, "SELECT count(*) FROM temp.sync_move WHERE rid = " K(3)), 0,
		     "a record made since 甲 last heard was never 甲's: not even its key goes");
	cr_assert_eq(sfx_count(street, "SELECT count(*) FROM temp.sync_move WHERE rid = " K(2)
				       " AND value = " K(6)), 1, "a move: its key and its cell, nothing else");
	take(c6);
	cr_assert_eq(sfx_count(c6, "SELECT count(*) FROM residents"), 1);
	cr_assert_eq(sfx_count(c6, "SELECT count(*) FROM residents WHERE id IN (" K(2) ", " K(3) ")"), 0);
	cr_assert_eq(sfx_count(c6, "SELECT count(*) FROM sync_cols WHERE tbl = 'residents' AND rid IN ("
				   K(2) ", " K(3) ")"), 0, "not even a version of theirs");
	checks_clean();
}

/* 甲 itself moves her to 乙's cell: through the street 乙 gets her whole, tag and all, and 甲's
 * copy stays as 甲 wrote it. */
Test(hub, a_community_that_moves_its_own_resident_out_hands_her_over_whole)
{
	write_sql(c6, "UPDATE residents SET cell_id = " YI_CELL " WHERE id = " K(1));
	send(c6, 5);
	take(street);
	round_trip(c7, 7);
	cr_assert_eq(sfx_count(c7, "SELECT count(*) FROM residents WHERE id = " K(1) " AND cell_id = " YI_CELL), 1);
	cr_assert_eq(sfx_count(c7, "SELECT count(*) FROM resident_tags WHERE resident_id = " K(1)), 1);
	round_trip(c6, 6);
	cr_assert_eq(sfx_count(c6, "SELECT count(*) FROM residents WHERE id = " K(1) " AND cell_id = " YI_CELL), 1);
	cr_assert_eq(sfx_count(c6, "SELECT count(*) FROM sync_conflicts"), 0);
	checks_clean();
}

/* Two communities whose laptops were both set up as site 2: the street takes the first one's
 * changes through its community, and refuses the second's (whichever file comes second),
 * nothing taken, with a message naming the number; before, the second laptop's records were
 * taken for the first's and lost. */
Test(hub, two_laptops_under_one_number_behind_two_communities_are_told_apart)
{
	char path[128];
	snprintf(path, sizeof path, "%s/jia-laptop.db", dir);
	struct wg_ctx *l6 = sfx_site_office(path, 2, 6, "甲外勤", NULL);
	snprintf(path, sizeof path, "%s/yi-laptop.db", dir);
	struct wg_ctx *l7 = sfx_site_office(path, 2, 7, "乙外勤", NULL);
	sfx_pair_both(c6, l6);
	sfx_pair_both(c7, l7);
	write_sql(l6, "INSERT INTO skills(id, name) VALUES (2199023255553, '甲外勤技能')");
	write_sql(l7, "INSERT INTO skills(id, name) VALUES (2199023255553, '乙外勤技能')");
	/* an audit entry that names the laptop's record: its key moves, and so does its hash */
	cr_assert_eq(wg_begin(l7), WG_OK);
	cr_assert_eq(wg_audit(l7, "skill.add", "skills", 2199023255553, "乙外勤技能"), WG_OK);
	cr_assert_eq(wg_commit(l7), WG_OK);
	send(l6, 6);
	take(c6);
	send(l7, 7);
	take(c7);
	send(c7, 2); /* the laptop has heard from its office: files of changes from now on */
	take(l7);
	send(c6, 5);
	take(street);
	cr_assert_eq(sfx_count(street, "SELECT count(*) FROM skills WHERE name = '甲外勤技能'"), 1);
	send(c7, 5);
	struct wg_sync_import_result res;
	cr_assert_eq(wg_sync_import(street, file, "ask", &res), WG_EINVAL);
	cr_assert(strstr(wg_error(street), "two databases use the number 2"), "%s", wg_error(street));
	cr_assert_eq(sfx_count(street, "SELECT count(*) FROM skills WHERE name = '乙外勤技能'"), 0);
	cr_assert_eq(sfx_count(street, "SELECT count(*) FROM skills WHERE name = '甲外勤技能'"), 1,
		     "the first laptop's record is not overwritten");
	/* 乙's group (its office and its laptop) moves the laptop to the number the street gives */
	char before[128];
	long n = 0;
	snprintf(before, sizeof before, "%s/before.wgs", dir);
	cr_assert_eq(wg_sync_export(l7, 7, before, "ask", &n), WG_OK, "%s", wg_error(l7));
	struct wg_site_renumber_result moved;
	cr_assert_eq(wg_site_renumber_group(c7, 2, 41, &moved), WG_OK, "%s", wg_error(c7));
	cr_assert_gt(moved.keys, 0);
	cr_assert_eq(wg_site_renumber_group(l7, 0, 41, &moved), WG_OK, "%s", wg_error(l7));
	cr_assert_eq(wg_site_no(l7), 41);
	send(c7, 5);
	take(street);
	cr_assert_eq(sfx_count(street, "SELECT count(*) FROM skills WHERE name = '乙外勤技能'"
				       " AND id >> 40 = 41"), 1, "taken under the laptop's new number");
	cr_assert_eq(sfx_count(street, "SELECT count(*) FROM skills WHERE name = '甲外勤技能'"
				       " AND id >> 40 = 2"), 1);
	/* the group goes on with files of changes, each way */
	write_sql(l7, "INSERT INTO skills(id, name) VALUES ((41 << 40) + 2, '乙外勤新技能')");
	send(l7, 7);
	cr_assert(!take(c7).full);
	cr_assert_eq(sfx_count(c7, "SELECT count(*) FROM skills WHERE name = '乙外勤新技能'"), 1);
	write_sql(c7, "UPDATE skills SET name = '乙外勤技能（核）' WHERE name = '乙外勤技能'");
	send(c7, 41);
	cr_assert(!take(l7).full);
	cr_assert_eq(sfx_count(l7, "SELECT count(*) FROM skills WHERE name = '乙外勤技能（核）'"), 1);
	send(l7, 7);
	take(c7);
	cr_assert_eq(sfx_count(c7, "SELECT count(*) FROM sync_conflicts"), 0);
	cr_assert_eq(sfx_count(l7, "SELECT count(*) FROM sync_conflicts"), 0);
	long checked = 0, bad = 0;
	int64_t first = 0;
	struct wg_ctx *all[] = { c7, l7, street };
	for (int i = 0; i < 3; i++) {
		cr_assert_eq(wg_audit_verify(all[i], &checked, &bad, &first), WG_OK);
		cr_assert_eq(bad, 0, "site %d: the chains verify (first bad %lld)", wg_site_no(all[i]),
			     (long long)first);
	}
	/* a file made before the renumber names the old number: refused */
	struct wg_sync_import_result stale;
	cr_assert_neq(wg_sync_import(c7, before, "ask", &stale), WG_OK);
	wg_ctx_free(l6);
	wg_ctx_free(l7);
}

/* A laptop lost for good and set up again under its number (paired with --new-database at its
 * office, taking the office's whole file): the street, which knew the old one only through the
 * office, takes the new one's changes, which go on after the old one's. */
Test(hub, a_laptop_set_up_again_behind_its_community_is_taken_at_the_street)
{
	char path[128];
	struct wg_site_key key;
	snprintf(path, sizeof path, "%s/old-laptop.db", dir);
	struct wg_ctx *old = sfx_site_office(path, 2, 6, "旧外勤", NULL);
	sfx_pair_both(c6, old);
	round_trip(c6, 6);
	send(c6, 2);
	take(old);
	write_sql(old, "INSERT INTO skills(id, name) VALUES (2199023255553, '旧机技能')");
	send(old, 6);
	take(c6);
	round_trip(c6, 6);
	cr_assert_eq(sfx_count(street, "SELECT count(*) FROM skills WHERE name = '旧机技能'"), 1);
	snprintf(path, sizeof path, "%s/new-laptop.db", dir);
	struct wg_ctx *again = sfx_site_office(path, 2, 6, "新外勤", NULL);
	cr_assert_eq(wg_site_key_own(again, &key), WG_OK);
	cr_assert_eq(wg_site_pair(c6, 2, key.key, NULL, WG_PAIR_REPLACE | WG_PAIR_NEW_DATABASE), WG_OK, "%s",
		     wg_error(c6));
	sfx_pair(again, c6);
	send(c6, 2);
	cr_assert(take(again).full);
	write_sql(again, "INSERT INTO skills(id, name) VALUES (2199023255554, '新机技能')");
	send(again, 6);
	take(c6);
	round_trip(c6, 6);
	cr_assert_eq(sfx_count(street, "SELECT count(*) FROM skills WHERE name IN ('旧机技能', '新机技能')"), 2);
	wg_ctx_free(old);
	wg_ctx_free(again);
	checks_clean();
}

/* What a file says of a number's database is learned only as 32 hex digits: an id with other
 * characters (a terminal's escape) is neither kept nor shown. */
Test(hub, an_origin_id_that_is_not_hex_is_never_learned)
{
	cr_assert_eq(sqlite3_exec(wg_db(c6), "CREATE TEMP TABLE IF NOT EXISTS sync_in_origin (origin INTEGER"
				  " PRIMARY KEY, uid TEXT, since INTEGER); DELETE FROM temp.sync_in_origin;"
				  " INSERT INTO temp.sync_in_origin VALUES (9, char(27) || '[2J' || printf('%028d', 0), 1),"
				  " (10, printf('%032d', 7), 1)", NULL, NULL, NULL), SQLITE_OK);
	cr_assert_eq(sync_origin_check(c6, 5), WG_OK, "%s", wg_error(c6));
	cr_assert_eq(sfx_count(c6, "SELECT count(*) FROM meta WHERE key = 'origin_uid.9'"), 0);
	cr_assert_eq(sfx_count(c6, "SELECT count(*) FROM meta WHERE key = 'origin_uid.10'"), 1);
}

/* The street: each community's records stay under the community's own key at the
 * street.  A change the street makes through wangge is its own (check is content; it travels
 * back to the community as the street's); one made outside wangge under the community's
 * version is found by check at the street. */
Test(hub, a_communitys_records_stay_under_its_own_key_at_the_street)
{
	char lines[4096];
	write_sql(c6, "INSERT INTO residents(id, name, phone, cell_id) VALUES (6597069766657, '甲新居民',"
		  " '13800000061', " JIA_CELL ")");
	send(c6, 5);
	take(street);
	cr_assert_eq(sfx_count(street, "SELECT count(*) FROM sync_seal_rows r JOIN sync_seal_files f ON"
				       " f.id = r.file WHERE f.site = 6 AND r.tbl = 'residents' AND r.rid = 6597069766657"), 1,
		     "the street keeps 甲's seal of its resident");
	cr_assert_eq(sfx_problems(street, lines, sizeof lines), 0, "%s", lines);
	write_sql(street, "UPDATE residents SET phone = '13800000062' WHERE id = 6597069766657");
	cr_assert_eq(sfx_problems(street, lines, sizeof lines), 0, "a change through wangge: %s", lines);
	send(street, 6);
	take(c6);
	cr_assert_eq(sfx_count(c6, "SELECT count(*) FROM residents WHERE phone = '13800000062'"), 1,
		     "it reaches 甲 as the street's change");
	cr_assert_eq(sfx_count(c6, "SELECT count(*) FROM sync_cols WHERE tbl = 'residents' AND rid = 6597069766657"
				   " AND col = 'phone' AND origin = 5"), 1, "under the street's name");
	cr_assert_eq(sqlite3_exec(wg_db(street), "UPDATE residents SET name = '改名' WHERE id = 6597069766657",
				  NULL, NULL, NULL), SQLITE_OK);
	cr_assert_eq(sfx_problems(street, lines, sizeof lines), 1, "%s", lines);
	cr_assert(strstr(lines, "seals: residents 6597069766657 (name): differs from what site 6 sealed"), "%s",
		  lines);
}
