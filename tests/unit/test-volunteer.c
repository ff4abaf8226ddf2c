/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Unit tests for volunteers and shifts: star levels, import, the assignment checks, hours. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include <wangge/volunteer.h>
#include "core/core-int.h"
#include "task-fixture.h"

TestSuite(volunteer, .init = fx_setup, .fini = fx_teardown);

Test(volunteer, star_levels_by_hours)
{
	static const struct { long hours_x60; int stars; } t[] = {
		{ 0, 0 }, { 100 * 60 - 1, 0 }, { 100 * 60, 1 }, { 300 * 60 - 1, 1 }, { 300 * 60, 2 },
		{ 600 * 60, 3 }, { 1000 * 60, 4 }, { 1500 * 60 - 1, 4 }, { 1500 * 60, 5 }, { 9999 * 60, 5 },
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++)
		cr_assert_eq(wg_star_level(NULL, t[i].hours_x60), t[i].stars, "%ld minutes", t[i].hours_x60);
	cr_assert_eq(wg_star_next(NULL, 0), 100 * 60);
	cr_assert_eq(wg_star_next(NULL, 250 * 60), 50 * 60);
	cr_assert_eq(wg_star_next(NULL, 1500 * 60), 0);
}

/* A valid ID number for birth YYYYMMDD and sequence (the check character computed here). */
static const char *id_for(const char *birth, int seq, char out[19])
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	int sum = 0;
	snprintf(out, 19, "110105%s%03d", birth, seq);
	for (int i = 0; i < 17; i++)
		sum += (out[i] - '0') * w[i];
	out[17] = "10X98765432"[sum % 11];
	out[18] = '\0';
	return out;
}

static int import(const char *text, struct wg_problems *p, struct wg_volunteer_import_result *res)
{
	wg_problems_init(p);
	return wg_volunteer_import_mem(fx.ctx, "v.csv", text, strlen(text), WG_ENC_AUTO, p, res);
}

Test(volunteer, a_good_file_numbers_volunteers_and_adds_skills_and_teams)
{
	char a[19], file[512];
	struct wg_problems p;
	struct wg_volunteer_import_result res;
	struct wg_volunteer v;
	snprintf(file, sizeof file,
		 "志愿者姓名,联系电话,身份证号,技能,队伍,网格编码\n"
		 "志愿者丙,13700001111,%s,老人助餐；维修,助老服务队,G1\n"
		 "志愿者丁,,,心理疏导,新服务队,G2\n", id_for("19900101", 12, a));
	cr_assert_eq(import(file, &p, &res), WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_eq(res.rows, 2);
	cr_assert_eq(res.skills_added, 2, "维修 and 心理疏导 are new");
	cr_assert_eq(res.teams_added, 1);
	cr_assert_eq(wg_volunteer_find(fx.ctx, a, &v), WG_OK, "found by ID number: %s", wg_error(fx.ctx));
	cr_assert_str_eq(v.name, "志愿者丙");
	cr_assert(strncmp(v.vol_no, "V", 1) == 0 && strlen(v.vol_no) == 5, "%s", v.vol_no);
	cr_assert_str_eq(v.phone, "137****1111", "masked");
	cr_assert(strncmp(v.id_number, "110105********", 14) == 0, "%s", v.id_number);
	cr_assert(strstr(v.skills, "老人助餐") && strstr(v.skills, "维修"), "%s", v.skills);
	cr_assert_str_eq(v.team, "助老服务队");
	cr_assert_str_eq(v.cell_code, "G1");
	cr_assert_eq(fx_int("SELECT count(*) FROM audit_log WHERE action = 'volunteer.find'"
			    " AND row_id = ?1", v.id), 1, "a whole ID number finds its volunteer, audited");
	struct wg_volunteer again;
	cr_assert_eq(wg_volunteer_find(fx.ctx, v.vol_no, &again), WG_OK);
	cr_assert_eq(again.id, v.id, "and by its number");
	cr_assert_eq(fx_int("SELECT count(*) FROM audit_log WHERE action = 'volunteer.find'", 0), 1,
		     "which is not a number the lists hide");
	wg_problems_free(&p);
}

Test(volunteer, every_bad_row_is_named_and_nothing_is_written)
{
	char a[19], bad[19], file[1024];
	struct wg_problems p;
	struct wg_volunteer_import_result res;
	id_for("19900101", 12, a);
	memcpy(bad, a, sizeof bad);
	bad[17] = a[17] == '1' ? '2' : '1';
	snprintf(file, sizeof file,
		 "name,phone,id_number,skills,team,cell_code\n"
		 "甲,13700001111,%s,,,G1\n"   /* good */
		 "乙,1370000111,,,,\n"        /* phone a digit short */
		 "丙,,%s,,,\n"                /* wrong check character */
		 "丁,,%s,,,\n"                /* the same number as line 2 */
		 ",13700002222,,,,\n"         /* no name */
		 "戊,,,,,G9\n",               /* no such cell */
		 a, bad, a);
	cr_assert_eq(import(file, &p, &res), WG_EINVAL);
	const char *want[] = { "v.csv:3: phone: has 10 digits", "v.csv:4: id_number: ends in",
			       "v.csv:5: id_number: the ID number", "v.csv:6: name: is blank",
			       "v.csv:7: cell_code: there is no cell with the code G9" };
	cr_assert_eq(wg_problems_count(&p), 5, "%zu: %s", wg_problems_count(&p), wg_problems_get(&p, 0));
	for (size_t i = 0; i < 5; i++)
		cr_assert(strncmp(wg_problems_get(&p, i), want[i], strlen(want[i])) == 0, "%s",
			  wg_problems_get(&p, i));
	cr_assert_eq(fx_int("SELECT count(*) FROM volunteers WHERE id <> ?1", 0), 2, "nothing written");
	wg_problems_free(&p);
}

static int64_t shift_at(const char *start, const char *end, int need, const char *skill)
{
	struct wg_shift_new in = { .post = "助餐", .cell_code = "G1", .start = fx_time(start),
				   .end = fx_time(end), .need = need, .skill = skill };
	int64_t id;
	cr_assert_eq(wg_shift_add(fx.ctx, &in, &id), WG_OK, "%s", wg_error(fx.ctx));
	return id;
}

Test(volunteer, shifts_are_checked_as_a_clerk_would)
{
	struct wg_shift_new bad = { .post = "助餐", .cell_code = "G1", .start = fx_time("2026-03-09T12:00"),
				    .end = fx_time("2026-03-09T09:00"), .need = 1 };
	int64_t id;
	cr_assert_eq(wg_shift_add(fx.ctx, &bad, &id), WG_EINVAL, "ends before it starts");
	bad.end = fx_time("2026-03-09T13:00");
	bad.cell_code = "G9";
	cr_assert_eq(wg_shift_add(fx.ctx, &bad, &id), WG_EINVAL, "no such cell");
	fx_as(WG_ROLE_VIEWER);
	bad.cell_code = "G1";
	cr_assert_eq(wg_shift_add(fx.ctx, &bad, &id), WG_EPERM);
}

Test(volunteer, assignments_refuse_or_ask_first)
{
	int ask;
	/* Monday 9-11: volunteer 0 is free Monday 8-12 and has 老人助餐. */
	int64_t fits = shift_at("2026-03-09T09:00", "2026-03-09T11:00", 1, "老人助餐");
	cr_assert_eq(wg_shift_assign(fx.ctx, fits, fx.volunteer[0], 0, &ask), WG_OK, "%s",
		     wg_error(fx.ctx));
	cr_assert_eq(wg_shift_assign(fx.ctx, fits, fx.volunteer[1], 0, &ask), WG_EINVAL, "full");
	cr_assert(ask, "a full shift may take one more when confirmed");
	cr_assert_eq(wg_shift_assign(fx.ctx, fits, fx.volunteer[1], 1, &ask), WG_OK,
		     "volunteer 1 lacks the skill too, but confirming covers both: %s", wg_error(fx.ctx));
	cr_assert_eq(fx_int("SELECT count(*) FROM assignments WHERE shift_id = ?1", fits), 2);
	int64_t unskilled = shift_at("2026-03-09T13:00", "2026-03-09T14:00", 2, "维修");
	cr_assert_eq(wg_shift_assign(fx.ctx, unskilled, fx.volunteer[1], 0, &ask), WG_EINVAL);
	cr_assert(ask && strstr(wg_error(fx.ctx), "skill 维修"), "%s", wg_error(fx.ctx));
	/* Overlapping another shift of theirs: refused, confirmation or not. */
	int64_t other = shift_at("2026-03-09T10:00", "2026-03-09T12:00", 2, NULL);
	cr_assert_eq(wg_shift_assign(fx.ctx, other, fx.volunteer[0], 1, &ask), WG_EINVAL);
	cr_assert(!ask);
	cr_assert(strstr(wg_error(fx.ctx), "another shift"), "%s", wg_error(fx.ctx));
	/* Tuesday afternoon: outside volunteer 0's stated times. */
	int64_t tue = shift_at("2026-03-10T14:00", "2026-03-10T16:00", 2, NULL);
	cr_assert_eq(wg_shift_assign(fx.ctx, tue, fx.volunteer[0], 0, &ask), WG_EINVAL);
	cr_assert(ask && strstr(wg_error(fx.ctx), "outside the times"), "%s", wg_error(fx.ctx));
	cr_assert_eq(wg_shift_assign(fx.ctx, tue, fx.volunteer[0], 1, &ask), WG_OK, "%s",
		     wg_error(fx.ctx));
	cr_assert_eq(wg_shift_assign(fx.ctx, tue, fx.volunteer[1], 0, &ask), WG_OK,
		     "no stated times: nothing to check");
	cr_assert_eq(wg_shift_assign(fx.ctx, tue, fx.volunteer[1], 1, &ask), WG_EINVAL, "twice");
}

Test(volunteer, check_in_and_out_record_hours)
{
	int ask;
	long minutes = 0;
	struct wg_volunteer v;
	int64_t s = shift_at("2026-03-09T09:00", "2026-03-09T11:00", 1, NULL);
	cr_assert_eq(wg_shift_assign(fx.ctx, s, fx.volunteer[0], 0, &ask), WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_eq(wg_shift_checkout(fx.ctx, s, fx.volunteer[0], fx_time("2026-03-09T11:00"), &minutes),
		     WG_EINVAL, "not checked in");
	cr_assert_eq(wg_shift_checkin(fx.ctx, s, fx.volunteer[0], fx_time("2026-03-09T08:50")), WG_OK,
		     "%s", wg_error(fx.ctx));
	cr_assert_eq(wg_shift_checkin(fx.ctx, s, fx.volunteer[0], fx_time("2026-03-09T08:55")), WG_EINVAL,
		     "once");
	cr_assert_eq(wg_shift_checkout(fx.ctx, s, fx.volunteer[0], fx_time("2026-03-09T08:40"), &minutes),
		     WG_EINVAL, "not before the check-in");
	cr_assert_eq(wg_shift_checkout(fx.ctx, s, fx.volunteer[0], fx_time("2026-03-09T11:20"), &minutes),
		     WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_eq(minutes, 150);
	cr_assert_eq(fx_int("SELECT sum(minutes) FROM hours_ledger WHERE volunteer_id = ?1",
			    fx.volunteer[0]), 150);
	cr_assert_eq(fx_int("SELECT count(*) FROM hours_ledger WHERE date = '2026-03-09' AND"
			    " volunteer_id = ?1", fx.volunteer[0]), 1, "dated the shift's day");
	cr_assert_eq(wg_volunteer_find(fx.ctx, "V1", &v), WG_OK);
	cr_assert_eq(v.minutes, 150);
	cr_assert_eq(wg_shift_checkin(fx.ctx, s, fx.volunteer[1], 0), WG_EINVAL, "not on the shift");
}

Test(volunteer, export_is_masked_unless_an_administrator_asks)
{
	char a[19], file[256], *buf = NULL;
	size_t len = 0;
	long rows;
	struct wg_problems p;
	struct wg_volunteer_import_result res;
	snprintf(file, sizeof file, "name,phone,id_number\n志愿者丙,13700001111,%s\n",
		 id_for("19900101", 12, a));
	cr_assert_eq(import(file, &p, &res), WG_OK, "%s", wg_error(fx.ctx));
	wg_problems_free(&p);
	FILE *f = open_memstream(&buf, &len);
	cr_assert_eq(wg_volunteer_export(fx.ctx, f, 0, &rows), WG_OK, "%s", wg_error(fx.ctx));
	fclose(f);
	cr_assert_eq(rows, 3);
	cr_assert_not_null(strstr(buf, "137****1111"));
	cr_assert_null(strstr(buf, a), "no full ID number in a masked export");
	free(buf);
	buf = NULL;
	f = open_memstream(&buf, &len);
	cr_assert_eq(wg_volunteer_export(fx.ctx, f, 1, &rows), WG_OK, "%s", wg_error(fx.ctx));
	fclose(f);
	cr_assert_not_null(strstr(buf, a));
	free(buf);
	fx_as(WG_ROLE_CLERK);
	f = fopen("/dev/null", "w");
	cr_assert_eq(wg_volunteer_export(fx.ctx, f, 1, &rows), WG_EPERM);
	fclose(f);
}

Test(volunteer, shift_times_from_a_day_and_two_clock_times)
{
	time_t from, to;
	int bad = -1;
	cr_assert_null(wg_shift_times("2026-03-09", "09:00", "11:30", &from, &to, &bad));
	cr_assert_eq(from, fx_time("2026-03-09T09:00"));
	cr_assert_eq(to, fx_time("2026-03-09T11:30"));
	cr_assert_null(wg_shift_times("2026-03-09", "19:00", "01:30", &from, &to, &bad));
	cr_assert_eq(to, fx_time("2026-03-10T01:30"), "an end before the start is the next day");
	cr_assert_null(wg_shift_times("2026/3/9", "08:00", "08:00", &from, &to, &bad));
	cr_assert_eq(to - from, 24 * 3600, "the same time is a whole day");
	cr_assert_not_null(wg_shift_times("2026-02-30", "09:00", "10:00", &from, &to, &bad));
	cr_assert_eq(bad, 0);
	cr_assert_not_null(wg_shift_times("2026-03-09", "9点", "10:00", &from, &to, &bad));
	cr_assert_eq(bad, 1);
	cr_assert_not_null(wg_shift_times("2026-03-09", "09:00", "25:00", &from, &to, &bad));
	cr_assert_eq(bad, 2);
}

/* The assignment picker: volunteers only, the shift's skill and stated times first, then the
 * fewest hours that week; found by pinyin initials; those already on the shift left out. */
Test(volunteer, the_shift_picker_offers_volunteers_best_first)
{
	struct wg_shift_candidate c[8];
	int n = 0, ask;
	int64_t s = shift_at("2026-03-09T09:00", "2026-03-09T11:00", 2, "老人助餐");
	cr_assert_eq(wg_shift_candidates(fx.ctx, s, "", c, 8, &n), WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_eq(n, 2, "the two volunteers, and no grid worker, team or organization");
	cr_expect_eq(c[0].id, fx.volunteer[0], "the one with the skill, free at the time, first");
	cr_expect(c[0].skill_wanted && c[0].has_skill && c[0].available, "skill %d/%d, available %d",
		  c[0].skill_wanted, c[0].has_skill, c[0].available);
	cr_expect(!c[1].has_skill && !c[1].available);
	cr_assert_eq(wg_shift_candidates(fx.ctx, s, "zyzy", c, 8, &n), WG_OK);
	cr_assert_eq(n, 1, "pinyin initials of 志愿者乙");
	cr_expect_eq(c[0].id, fx.volunteer[1]);
	cr_assert_eq(wg_shift_candidates(fx.ctx, s, "V1", c, 8, &n), WG_OK);
	cr_expect(n == 1 && c[0].id == fx.volunteer[0], "or the volunteer's number");
	/* a shift with no skill, outside both one's times: the fewer hours that week first */
	char sql[200];
	snprintf(sql, sizeof sql, "INSERT INTO hours_ledger (volunteer_id, date, minutes)"
		 " VALUES (%lld, '2026-03-09', 120)", (long long)fx.volunteer[1]);
	cr_assert_eq(sqlite3_exec(wg_db(fx.ctx), sql, NULL, NULL, NULL), SQLITE_OK);
	int64_t plain = shift_at("2026-03-11T14:00", "2026-03-11T16:00", 1, NULL);
	cr_assert_eq(wg_shift_candidates(fx.ctx, plain, "", c, 8, &n), WG_OK);
	cr_assert_eq(n, 2);
	cr_expect_eq(c[0].id, fx.volunteer[0], "no hours yet this week");
	cr_expect_eq(c[1].week_minutes, 120);
	cr_assert_eq(wg_shift_assign(fx.ctx, s, fx.volunteer[0], 0, &ask), WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_eq(wg_shift_candidates(fx.ctx, s, "", c, 8, &n), WG_OK);
	cr_expect(n == 1 && c[0].id == fx.volunteer[1], "who is on the shift is not offered again");
}

/* Times from a paper sign-in sheet: a clock time on the shift's day, past midnight the next. */
Test(volunteer, sign_in_sheet_times_fall_on_the_shift)
{
	time_t start = fx_time("2026-03-09T19:00"), at;
	cr_assert_null(wg_shift_clock(start, start - 2 * 3600 - 1, "18:50", &at));
	cr_expect_eq(at, fx_time("2026-03-09T18:50"), "a check-in a little before the start");
	cr_assert_null(wg_shift_clock(start, fx_time("2026-03-09T19:05"), "01:30", &at));
	cr_expect_eq(at, fx_time("2026-03-10T01:30"), "a check-out past midnight is the next day");
	cr_assert_null(wg_shift_clock(start, fx_time("2026-03-09T19:05"), "22:10", &at));
	cr_expect_eq(at, fx_time("2026-03-09T22:10"));
	cr_assert_null(wg_shift_clock(start, 0, "2026-03-11T08:00", &at), "a full date and time");
	cr_expect_eq(at, fx_time("2026-03-11T08:00"));
	cr_expect_not_null(wg_shift_clock(start, 0, "25:00", &at));
	cr_expect_not_null(wg_shift_clock(start, 0, "下午三点", &at));
	/* and the sheet's times go through the same checks as the command line's --at */
	int ask;
	int64_t s = shift_at("2026-03-09T09:00", "2026-03-09T11:00", 1, NULL);
	cr_assert_eq(wg_shift_assign(fx.ctx, s, fx.volunteer[0], 1, &ask), WG_OK, "%s", wg_error(fx.ctx));
	fx_at("2026-03-12T10:00"); /* entered three days later, from the sheet */
	cr_assert_null(wg_shift_clock(fx_time("2026-03-09T09:00"), 0, "09:05", &at));
	cr_assert_eq(wg_shift_checkin(fx.ctx, s, fx.volunteer[0], at), WG_OK, "%s", wg_error(fx.ctx));
	long minutes = 0;
	cr_assert_null(wg_shift_clock(fx_time("2026-03-09T09:00"), at, "10:35", &at));
	cr_assert_eq(wg_shift_checkout(fx.ctx, s, fx.volunteer[0], at, &minutes), WG_OK, "%s",
		     wg_error(fx.ctx));
	cr_expect_eq(minutes, 90);
}

/* ---- The service certificate ---- */

static void served(int64_t vid, const char *date, int minutes, const char *note)
{
	char sql[256];
	snprintf(sql, sizeof sql, "INSERT INTO hours_ledger(volunteer_id, date, minutes, kind, note)"
		 " VALUES (%lld, '%s', %d, 'adjust', '%s')", (long long)vid, date, minutes, note);
	cr_assert_eq(sqlite3_exec(wg_db(fx.ctx), sql, NULL, NULL, NULL), SQLITE_OK);
}

static char *printed(const struct wg_certificate *c)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	cr_assert_eq(wg_certificate_print(f, c), WG_OK);
	fclose(f);
	return text;
}

Test(volunteer, a_certificate_counts_the_period_by_service_and_masks_the_id)
{
	char id[19], sql[160];
	struct wg_certificate c;
	snprintf(sql, sizeof sql, "UPDATE volunteers SET id_number = '%s' WHERE id = %lld",
		 id_for("19800101", 31, id), (long long)fx.volunteer[0]);
	cr_assert_eq(sqlite3_exec(wg_db(fx.ctx), sql, NULL, NULL, NULL), SQLITE_OK);
	served(fx.volunteer[0], "2026-02-28", 600, "助老上门"); /* before the period */
	served(fx.volunteer[0], "2026-03-01", 90, "助老上门");
	served(fx.volunteer[0], "2026-03-15", 120, "垃圾分类引导");
	served(fx.volunteer[0], "2026-03-31", 30, "助老上门");
	served(fx.volunteer[0], "2026-04-01", 600, "助老上门"); /* after it */
	cr_assert_eq(wg_volunteer_certificate(fx.ctx, "V1", "2026-03-01", "2026-03-31", &c), WG_OK,
		     "%s", wg_error(fx.ctx));
	cr_expect_eq(c.minutes, 240);
	cr_assert_eq(c.nlines, 2);
	cr_expect_str_eq(c.lines[0].what, "助老上门");
	cr_expect_eq(c.lines[0].minutes, 120);
	cr_expect_str_eq(c.lines[1].what, "垃圾分类引导");
	cr_expect_eq(c.lines[1].minutes, 120);
	cr_expect_eq(c.reprint, 0);
	cr_expect_str_eq(c.number, "ZM2026-1-000001");
	cr_expect_str_eq(c.committee, "测试社区");
	char *text = printed(&c);
	cr_expect(strstr(text, "ZM2026-1-000001") && strstr(text, "志愿者甲") && strstr(text, "4.0"),
		  "%s", text);
	cr_expect(!strstr(text, id), "the whole ID number is never printed:\n%s", text);
	cr_expect(strstr(text, "110105"), "the masked ID number keeps its region:\n%s", text);
	free(text);
	cr_expect_eq(fx_int("SELECT count(*) FROM audit_log WHERE action = 'volunteer.certificate' AND ?1 = ?1", 0), 1);
}

Test(volunteer, a_certificate_is_numbered_once_and_given_back_the_same)
{
	struct wg_certificate a, b, c;
	served(fx.volunteer[0], "2026-03-02", 60, "助餐");
	cr_assert_eq(wg_volunteer_certificate(fx.ctx, "V1", "2026-03-01", "2026-03-31", &a), WG_OK,
		     "%s", wg_error(fx.ctx));
	served(fx.volunteer[0], "2026-03-03", 60, "助餐"); /* booked late: not on the issued one */
	cr_assert_eq(wg_volunteer_certificate(fx.ctx, "V1", "2026-03-01", "2026-03-31", &b), WG_OK);
	cr_expect_str_eq(b.number, a.number);
	cr_expect_eq(b.minutes, 60);
	cr_expect_eq(b.reprint, 1);
	cr_expect_eq(b.issued_at, a.issued_at);
	cr_assert_eq(b.nlines, 1);
	cr_expect_eq(b.lines[0].minutes, 60);
	cr_assert_eq(wg_volunteer_certificate(fx.ctx, "zm2026-1-000001", NULL, NULL, &c), WG_OK, "%s",
		     wg_error(fx.ctx));
	cr_expect_str_eq(c.from, "2026-03-01");
	cr_expect_str_eq(c.volunteer.vol_no, "V1");
	cr_expect_eq(c.minutes, 60);
	cr_assert_eq(wg_volunteer_certificate(fx.ctx, "V1", "2026-03-01", "2026-03-30", &c), WG_OK);
	cr_expect_str_eq(c.number, "ZM2026-1-000002", "another period, another number");
	cr_expect_eq(c.minutes, 120);
	cr_expect_eq(fx_int("SELECT count(*) FROM certificates WHERE ?1 = ?1", 0), 2);
}

Test(volunteer, a_certificate_is_refused_with_the_reason)
{
	struct wg_certificate c;
	cr_expect_eq(wg_volunteer_certificate(fx.ctx, "V2", NULL, NULL, &c), WG_EINVAL, "no hours");
	cr_expect(strstr(wg_error(fx.ctx), "nothing to certify"), "%s", wg_error(fx.ctx));
	served(fx.volunteer[1], "2026-03-02", 60, "助餐");
	cr_expect_eq(wg_volunteer_certificate(fx.ctx, "V2", "2026-03-31", "2026-03-01", &c), WG_EUSAGE);
	cr_expect_eq(wg_volunteer_certificate(fx.ctx, "V2", "2026-02-30", NULL, &c), WG_EUSAGE);
	cr_expect_eq(wg_volunteer_certificate(fx.ctx, "ZM2026-1-000099", NULL, NULL, &c), WG_EINVAL);
	cr_expect_eq(wg_volunteer_certificate(fx.ctx, "V9", NULL, NULL, &c), WG_EINVAL);
	fx_as(WG_ROLE_VIEWER);
	cr_expect_eq(wg_volunteer_certificate(fx.ctx, "V2", NULL, NULL, &c), WG_EPERM);
	cr_expect_eq(fx_int("SELECT count(*) FROM certificates WHERE ?1 = ?1", 0), 0, "nothing kept");
}

Test(volunteer, many_kinds_of_service_fold_into_the_last_line)
{
	struct wg_certificate c;
	char what[32];
	for (int i = 0; i < WG_CERT_LINES + 3; i++) {
		snprintf(what, sizeof what, "服务%02d", i);
		served(fx.volunteer[0], "2026-03-02", 100 - i, what);
	}
	cr_assert_eq(wg_volunteer_certificate(fx.ctx, "V1", NULL, "2026-03-31", &c), WG_OK, "%s",
		     wg_error(fx.ctx));
	cr_assert_eq(c.nlines, WG_CERT_LINES);
	cr_expect_str_eq(c.lines[0].what, "服务00");
	cr_expect_str_eq(c.lines[WG_CERT_LINES - 1].what, "other services");
	int64_t sum = 0;
	for (int i = 0; i < c.nlines; i++)
		sum += c.lines[i].minutes;
	cr_expect_eq(sum, c.minutes, "the lines add up to the total");
	cr_expect_eq(c.lines[WG_CERT_LINES - 1].minutes, (100 - 11) + (100 - 12) + (100 - 13) + (100 - 14));
}

/* Availability as registers write it, read into days × slots and written back the same way. */
Test(volunteer, availability_reads_as_registers_write_it)
{
	struct wg_availability a;
	char text[256];
	cr_assert_null(wg_availability_parse("周一上午；星期三全天、周末下午,Tue evening", &a));
	cr_expect_eq(a.days[0], 1, "Monday morning");
	cr_expect_eq(a.days[1], 4, "Tuesday evening");
	cr_expect_eq(a.days[2], 7, "Wednesday all day");
	cr_expect_eq(a.days[5], 2, "the weekend's afternoons");
	cr_expect_eq(a.days[6], 2);
	wg_availability_format(&a, text, sizeof text);
	cr_expect_str_eq(text, "周一上午；周二晚上；周三全天；周六下午；周日下午");
	struct wg_availability back;
	cr_assert_null(wg_availability_parse(text, &back));
	cr_expect_eq(memcmp(&a, &back, sizeof a), 0, "the text reads back the same");
	cr_assert_null(wg_availability_parse("工作日晚上 周日", &a));
	cr_expect_eq(a.days[4], 4);
	cr_expect_eq(a.days[6], 7, "a day alone is the whole day");
	cr_assert_null(wg_availability_parse("", &a));
	const char *why = wg_availability_parse("周一上午；下午", &a);
	cr_assert_not_null(why);
	cr_expect(strstr(why, "'下午' does not start with a day"), "%s", why);
	why = wg_availability_parse("周八上午", &a);
	cr_assert_not_null(why, "no eighth day");
	why = wg_availability_parse("周二9点", &a);
	cr_expect(why && strstr(why, "after the day comes 上午, 下午, 晚上 or 全天"), "%s", why);
}

static int64_t count_text(const char *sql, const char *text)
{
	sqlite3_stmt *st;
	int64_t v = -1;
	cr_assert_eq(sqlite3_prepare_v2(wg_db(fx.ctx), sql, -1, &st, NULL), SQLITE_OK, "%s", sql);
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The import takes a 服务时间 column; a bad one is named and nothing is written; the stored
 * ranges are what the roster checks, and a clerk changes them (audited). */
Test(volunteer, availability_is_imported_and_changed)
{
	struct wg_volunteer_import_result res;
	struct wg_problems p = { 0 };
	struct wg_availability a;
	cr_assert_eq(import("姓名,服务时间\n甲志愿者,周一上午\n乙志愿者,八点以后\n", &p, &res), WG_EINVAL);
	cr_assert_eq(wg_problems_count(&p), 1);
	cr_expect(strstr(wg_problems_get(&p, 0), "v.csv:3: 服务时间: '八点以后' does not start with a day"),
		  "%s", wg_problems_get(&p, 0));
	wg_problems_free(&p);
	cr_assert_eq(import("姓名,服务时间\n甲志愿者,周一上午下午；周六晚上\n", &p, &res), WG_OK,
		     "%s", wg_error(fx.ctx));
	wg_problems_free(&p);
	int64_t id = count_text("SELECT id FROM volunteers WHERE name = ?1", "甲志愿者");
	cr_assert_eq(count_text("SELECT count(*) FROM availability WHERE volunteer_id = (SELECT id FROM"
			    " volunteers WHERE name = ?1) AND ((weekday = 1 AND start_min = 480 AND"
			    " end_min = 1080) OR (weekday = 6 AND start_min = 1080))", "甲志愿者"), 2,
		     "neighbouring slots make one range");
	cr_assert_eq(wg_availability_get(fx.ctx, id, &a), WG_OK);
	cr_expect_eq(a.days[0], 3);
	a.days[0] = 0;
	a.days[2] = 1;
	cr_assert_eq(wg_availability_set(fx.ctx, id, &a), WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_eq(wg_availability_get(fx.ctx, id, &a), WG_OK);
	cr_expect(a.days[0] == 0 && a.days[2] == 1 && a.days[5] == 4);
	cr_expect_eq(count_text("SELECT count(*) FROM audit_log WHERE action = 'volunteer.availability'"
			    " AND detail = ?1", "周三上午；周六晚上"), 1);
	fx_as(WG_ROLE_VIEWER);
	cr_expect_eq(wg_availability_set(fx.ctx, id, &a), WG_EPERM);
}

/* A volunteer typed in a form: numbered like an import; skills only from the list (one added
 * first); changed later with the masked phone kept, skills as listed, the week replaced. */
Test(volunteer, a_volunteer_form_uses_the_skill_list)
{
	enum wg_volunteer_field bad;
	struct wg_volunteer v;
	char name[64];
	int64_t id = 0;
	const char *in[WG_VF_COUNT] = { "表单志愿者", "13700009999", "", "新技能", "", "G1", "周二上午" };
	cr_assert_eq(wg_volunteer_save(fx.ctx, &id, in, &bad), WG_EINVAL);
	cr_assert_eq(bad, WG_VF_SKILLS);
	cr_assert(strstr(wg_error(fx.ctx), "there is no skill 新技能 yet"), "%s", wg_error(fx.ctx));
	cr_assert_eq(wg_skill_unknown(fx.ctx, "老人助餐；新技能", name, sizeof name), 1);
	cr_assert_str_eq(name, "新技能");
	cr_assert_eq(wg_skill_add(fx.ctx, "新技能"), WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_eq(wg_skill_unknown(fx.ctx, "新技能", name, sizeof name), 0);
	in[WG_VF_TEAM] = "没有的队";
	cr_assert_eq(wg_volunteer_save(fx.ctx, &id, in, &bad), WG_EINVAL);
	cr_assert_eq(bad, WG_VF_TEAM);
	in[WG_VF_TEAM] = "";
	cr_assert_eq(wg_volunteer_save(fx.ctx, &id, in, &bad), WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_gt(id, 0);
	char key[32];
	snprintf(key, sizeof key, "%lld", (long long)id);
	cr_assert_eq(wg_volunteer_find(fx.ctx, key, &v), WG_OK);
	cr_expect_str_eq(v.skills, "新技能");
	cr_expect_str_eq(v.phone, "137****9999");
	const char *edit[WG_VF_COUNT] = { "表单志愿者", v.phone, "", "", "助老服务队", "G1", "周三" };
	cr_assert_eq(wg_volunteer_save(fx.ctx, &id, edit, &bad), WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_eq(count_text("SELECT count(*) FROM volunteers WHERE phone = '13700009999' AND"
				" name = ?1", "表单志愿者"), 1, "the masked phone kept the number; one record");
	cr_assert_eq(count_text("SELECT count(*) FROM volunteer_skills vs JOIN volunteers v ON"
				" v.id = vs.volunteer_id WHERE v.name = ?1", "表单志愿者"), 0,
		     "skills as listed: none");
	struct wg_availability a;
	cr_assert_eq(wg_availability_get(fx.ctx, id, &a), WG_OK);
	cr_expect(a.days[1] == 0 && a.days[2] == 7);
	cr_assert_eq(count_text("SELECT count(*) FROM audit_log WHERE action = ?1", "volunteers.save"), 2);
}
