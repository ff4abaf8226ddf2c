/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Dispatch suggestions: ranking by responsibility, place, availability, skills, load and record, with reasons. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include <wangge/task.h>
#include "core/core-int.h"
#include "task-fixture.h"

TestSuite(suggest, .init = fx_setup, .fini = fx_teardown);

static struct wg_suggestion s[20];
static int n;

static void suggest(int64_t id)
{
	cr_assert_eq(wg_task_suggest(fx.ctx, id, s, 20, &n), WG_OK, "%s", wg_error(fx.ctx));
}

static const struct wg_suggestion *find(enum wg_handler_kind k, int64_t id, int *rank)
{
	for (int i = 0; i < n; i++)
		if (s[i].handler.kind == k && s[i].handler.id == id)
			return *rank = i, &s[i];
	cr_assert_fail("%s %lld not suggested", wg_handler_kind_name(k), (long long)id);
	return NULL;
}

static int says(const struct wg_suggestion *x, const char *words)
{
	for (int i = 0; i < x->nreasons; i++)
		if (strstr(x->reasons[i], words))
			return 1;
	return 0;
}

Test(suggest, volunteer_work_goes_to_the_fitting_volunteer)
{
	int64_t id = fx_case_in(WG_TS_FILED);
	(void)id;
	int64_t meal = fx_add("02010101"); /* volunteers; meals for an elder, in cell 0 */
	cr_assert_eq(fx_move(meal, WG_ACT_FILE), WG_OK);
	suggest(meal);
	int rank;
	const struct wg_suggestion *v = find(WG_HK_VOLUNTEER, fx.volunteer[0], &rank);
	cr_expect_eq(rank, 0, "best: %s %d", s[0].handler.name, s[0].score);
	cr_expect_eq(v->score, 40 + 25 + 15 + 20, "fit, cell, available, skill");
	cr_expect(says(v, "fits the responsible party (volunteers)"));
	cr_expect(says(v, "serves this grid cell"));
	cr_expect(says(v, "available now"));
	cr_expect(says(v, "skill '老人助餐' fits the category"));
	cr_expect(says(v, "0 open cases"));
	const struct wg_suggestion *t = find(WG_HK_TEAM, fx.team, &rank);
	cr_expect_eq(rank, 1);
	cr_expect_eq(t->score, 35 + 25 + 15 + 20);
	const struct wg_suggestion *other = find(WG_HK_VOLUNTEER, fx.volunteer[1], &rank);
	cr_expect_eq(other->score, 40);
	cr_expect(says(other, "not available now"));
	for (int i = 1; i < n; i++)
		cr_expect_geq(s[i - 1].score, s[i].score, "ranked");
	cr_expect_eq(n, 7, "2 workers, 2 volunteers, a team, a social worker, the org with a project");
}

Test(suggest, load_and_record_count)
{
	int64_t cases[6];
	for (int i = 0; i < 6; i++)
		cases[i] = fx_case_in(WG_TS_DISPATCHED); /* all to worker 0 */
	int64_t id = fx_add("01010102"); /* grid workers; e-bike in a stairwell */
	cr_assert_eq(fx_move(id, WG_ACT_FILE), WG_OK);
	suggest(id);
	int rank;
	const struct wg_suggestion *busy = find(WG_HK_WORKER, fx.worker[0], &rank);
	cr_expect_eq(busy->score, 40 + 25 + 15 - 18, "six open cases cost 18");
	cr_expect(says(busy, "6 open cases"));
	for (int i = 0; i < 2; i++) {
		for (enum wg_task_action a = WG_ACT_ACCEPT; a <= WG_ACT_HANDLE; a++)
			if (a != WG_ACT_RETURN)
				cr_assert_eq(fx_move(cases[i], a), WG_OK, "%s", wg_error(fx.ctx));
		cr_assert_eq(fx_move(cases[i], WG_ACT_VERIFY), WG_OK);
		cr_assert_eq(fx_move(cases[i], WG_ACT_CLOSE), WG_OK);
	}
	suggest(id);
	busy = find(WG_HK_WORKER, fx.worker[0], &rank);
	cr_expect_eq(busy->score, 40 + 25 + 15 - 12 + 20, "four open, two closed on time");
	cr_expect(says(busy, "closed on time 2 of the last 2 cases"));
	const struct wg_suggestion *idle = find(WG_HK_WORKER, fx.worker[1], &rank);
	cr_expect_eq(idle->score, 40 + 15);
}

Test(suggest, outside_departments_and_off_hours)
{
	int64_t id = fx_case_in(WG_TS_FILED); /* 01010101: property management */
	fx_at("2026-03-07T10:00");              /* a Saturday */
	suggest(id);
	int rank;
	const struct wg_suggestion *d = NULL;
	for (int i = 0; i < n; i++)
		if (s[i].handler.kind == WG_HK_DEPT)
			d = &s[i];
	cr_assert_not_null(d, "the responsible department is suggested");
	cr_expect_str_eq(d->handler.name, "property management");
	cr_expect_eq(d->score, 40);
	const struct wg_suggestion *w = find(WG_HK_WORKER, fx.worker[0], &rank);
	cr_expect(says(w, "off duty now"));
	cr_expect_eq(w->score, 25);
	fx_as(WG_ROLE_GRIDWORKER);
	cr_expect_eq(wg_task_suggest(fx.ctx, id, s, 20, &n), WG_EPERM);
}

Test(suggest, handler_search_by_name_for_the_picker)
{
	struct wg_handler h[10];
	int got;
	cr_assert_eq(wg_handler_search(fx.ctx, "甲", h, 10, &got), WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_eq(got, 3);
	cr_expect_eq(h[0].kind, WG_HK_WORKER);
	cr_expect_str_eq(h[0].name, "网格员甲");
	cr_expect_eq(h[0].id, fx.worker[0]);
	cr_expect_eq(h[1].kind, WG_HK_VOLUNTEER);
	cr_expect_eq(h[1].id, fx.volunteer[0]);
	cr_expect(h[2].kind == WG_HK_SOCIALWORKER && h[2].id == fx.socialworker);
	cr_assert_eq(wg_handler_search(fx.ctx, "V2", h, 10, &got), WG_OK);
	cr_expect(got == 1 && h[0].id == fx.volunteer[1], "volunteer numbers are searched too");
	cr_assert_eq(wg_handler_search(fx.ctx, "", h, 3, &got), WG_OK);
	cr_expect_eq(got, 3, "an empty query lists the first ones, up to max");
	cr_assert_eq(wg_handler_search(fx.ctx, "无此人", h, 10, &got), WG_OK);
	cr_expect_eq(got, 0);
}

/* An organization is suggested from the register: its service domains holding the case's
 * sector rank it up, with the reason said; one the register marks inactive is not offered. */
Test(suggest, organizations_rank_by_their_service_domains)
{
	char sql[160];
	int64_t meal = fx_add("02010101"); /* sector 02, 为老服务 */
	cr_assert_eq(fx_move(meal, WG_ACT_FILE), WG_OK);
	suggest(meal);
	int rank;
	int before = find(WG_HK_ORG, fx.org, &rank)->score;
	cr_expect(!says(find(WG_HK_ORG, fx.org, &rank), "sector"), "no domains: no domain reason");
	snprintf(sql, sizeof sql, "UPDATE social_orgs SET domains = '01;02' WHERE id = %lld",
		 (long long)fx.org);
	cr_assert_eq(sqlite3_exec(wg_db(fx.ctx), sql, NULL, NULL, NULL), SQLITE_OK);
	suggest(meal);
	const struct wg_suggestion *o = find(WG_HK_ORG, fx.org, &rank);
	cr_expect_eq(o->score, before + 25, "domain fit: %d against %d", o->score, before);
	cr_expect(says(o, "works in the case's sector (Care for the elderly)"), "%s", o->reasons[0]);
	snprintf(sql, sizeof sql, "UPDATE social_orgs SET domains = '01;022' WHERE id = %lld",
		 (long long)fx.org);
	cr_assert_eq(sqlite3_exec(wg_db(fx.ctx), sql, NULL, NULL, NULL), SQLITE_OK);
	suggest(meal);
	cr_expect_eq(find(WG_HK_ORG, fx.org, &rank)->score, before, "022 is not 02");
	snprintf(sql, sizeof sql, "UPDATE social_orgs SET status = 'inactive' WHERE id = %lld",
		 (long long)fx.org);
	cr_assert_eq(sqlite3_exec(wg_db(fx.ctx), sql, NULL, NULL, NULL), SQLITE_OK);
	suggest(meal);
	for (int i = 0; i < n; i++)
		cr_expect(!(s[i].handler.kind == WG_HK_ORG && s[i].handler.id == fx.org),
			  "an inactive organization is not offered");
}
