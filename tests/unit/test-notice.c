/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Unit tests for notices: sending, who may read them, acknowledgement by recipient or clerk. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>
#include <sqlite3.h>

#include <wangge/dashboard.h>
#include <wangge/notice.h>
#include "core/core-int.h"
#include "task-fixture.h"

TestSuite(notice, .init = fx_setup, .fini = fx_teardown);

static const char *const to_all[] = { "worker:网格员甲", "team:助老服务队", "dept:物业公司" };

static int64_t sent(const char *due)
{
	struct wg_notice_new in = { .title = "周末宣传", .body = "周六九点东门集合。\n带好宣传单。",
				    .to = to_all, .nto = 3, .due = due };
	int64_t id = 0;
	cr_assert_eq(wg_notice_add(fx.ctx, &in, &id), WG_OK, "%s", wg_error(fx.ctx));
	return id;
}

static int counted(void *arg, const struct wg_notice *n)
{
	(void)n;
	++*(int *)arg;
	return WG_OK;
}

static int listed(int open_only)
{
	int n = 0;
	cr_assert_eq(wg_notice_list(fx.ctx, open_only, counted, &n), WG_OK, "%s", wg_error(fx.ctx));
	return n;
}

Test(notice, a_notice_goes_to_each_recipient_and_is_audited)
{
	int64_t id = sent("2026-03-04");
	struct wg_notice_detail d;
	cr_assert_eq(wg_notice_load(fx.ctx, id, &d), WG_OK, "%s", wg_error(fx.ctx));
	cr_expect_str_eq(d.n.title, "周末宣传");
	cr_expect(strstr(d.body, "\n带好宣传单"), "lines are kept");
	cr_expect_eq(d.n.due_at, fx_time("2026-03-04T23:59"), "a day is due by its end");
	cr_assert_eq(d.n.recipients, 3);
	cr_expect_str_eq(d.to[0].kind, "dept");
	cr_expect_str_eq(d.to[1].kind, "team");
	cr_expect_str_eq(d.to[2].name, "网格员甲");
	cr_expect_eq(d.n.acked, 0);
	cr_expect_eq(d.to[2].read_at, 0, "the clerk reading it is not the recipient reading it");
	wg_notice_detail_free(&d);
	cr_expect_eq(fx_int("SELECT count(*) FROM audit_log WHERE action = 'notice.add' AND row_id = ?1",
			    id), 1);
}

Test(notice, bad_notices_are_refused_and_nothing_is_written)
{
	const char *bad[] = { "team:没有这支队" };
	const char *resident[] = { "resident:张某" };
	struct wg_notice_new in = { .title = "通知", .to = to_all, .nto = 0 };
	int64_t id;
	cr_expect_eq(wg_notice_add(fx.ctx, &in, &id), WG_EUSAGE, "no recipient");
	in.nto = 1;
	in.title = "";
	cr_expect_eq(wg_notice_add(fx.ctx, &in, &id), WG_EUSAGE, "no title");
	in.title = "通知";
	in.due = "2026-03-01";
	cr_expect_eq(wg_notice_add(fx.ctx, &in, &id), WG_EUSAGE, "due in the past");
	in.due = "2026-03-32";
	cr_expect_eq(wg_notice_add(fx.ctx, &in, &id), WG_EUSAGE);
	in.due = NULL;
	in.to = bad;
	cr_expect_eq(wg_notice_add(fx.ctx, &in, &id), WG_EINVAL, "an unknown team");
	in.to = resident;
	cr_expect_eq(wg_notice_add(fx.ctx, &in, &id), WG_EUSAGE, "residents are not parties to notices");
	in.to = to_all;
	in.task = "S9-2026-999999";
	cr_expect_neq(wg_notice_add(fx.ctx, &in, &id), WG_OK, "no such case");
	in.task = NULL;
	in.project_id = 12345;
	cr_expect_eq(wg_notice_add(fx.ctx, &in, &id), WG_EINVAL, "no such project");
	cr_expect_eq(fx_int("SELECT count(*) FROM notices WHERE ?1 = ?1", 0), 0);
	cr_expect_eq(fx_int("SELECT count(*) FROM notice_recipients WHERE ?1 = ?1", 0), 0);
	fx_as(WG_ROLE_SOCIALWORKER);
	in.project_id = 0;
	cr_expect_eq(wg_notice_add(fx.ctx, &in, &id), WG_EPERM, "clerks send notices");
}

Test(notice, a_recipient_reads_and_acknowledges_their_own)
{
	int64_t id = sent(NULL);
	int already;
	struct wg_notice_detail d;
	fx_as(WG_ROLE_VIEWER);
	cr_expect_eq(listed(0), 0, "a viewer sees no notice not sent to them");
	cr_expect_eq(wg_notice_load(fx.ctx, id, &d), WG_EPERM);
	cr_expect_eq(wg_notice_ack(fx.ctx, id, NULL, NULL, &already), WG_EPERM);
	fx_as(WG_ROLE_GRIDWORKER);
	cr_expect_eq(listed(0), 1, "the grid worker's own notice");
	fx_at("2026-03-02T10:00");
	cr_assert_eq(wg_notice_load(fx.ctx, id, &d), WG_OK, "%s", wg_error(fx.ctx));
	wg_notice_detail_free(&d);
	cr_expect_eq(fx_int("SELECT read_at FROM notice_recipients WHERE notice_id = ?1 AND kind = 'worker'",
			    id), fx_time("2026-03-02T10:00"), "opened by its recipient: read");
	cr_expect_eq(fx_int("SELECT count(*) FROM notice_recipients WHERE notice_id = ?1 AND"
			    " read_at IS NOT NULL", id), 1, "only the worker's line");
	fx_at("2026-03-02T11:00");
	cr_assert_eq(wg_notice_ack(fx.ctx, id, NULL, "收到", &already), WG_OK, "%s", wg_error(fx.ctx));
	cr_expect_eq(already, 0);
	cr_expect_eq(fx_int("SELECT acked_at FROM notice_recipients WHERE notice_id = ?1 AND kind = 'worker'",
			    id), fx_time("2026-03-02T11:00"));
	cr_expect_eq(fx_int("SELECT read_at FROM notice_recipients WHERE notice_id = ?1 AND kind = 'worker'",
			    id), fx_time("2026-03-02T10:00"), "the first reading is kept");
	cr_assert_eq(wg_notice_ack(fx.ctx, id, NULL, NULL, &already), WG_OK);
	cr_expect_eq(already, 1, "twice changes nothing");
	cr_expect_eq(wg_notice_ack(fx.ctx, id, "dept:物业公司", NULL, &already), WG_EPERM,
		     "only clerks acknowledge for someone else");
	fx_as(WG_ROLE_SOCIALWORKER);
	cr_assert_eq(wg_notice_ack(fx.ctx, id, NULL, NULL, &already), WG_OK, "%s",
		     wg_error(fx.ctx));
	cr_expect_eq(fx_int("SELECT acked_by FROM notice_recipients WHERE notice_id = ?1 AND kind = 'team'",
			    id), fx.user[WG_ROLE_SOCIALWORKER], "the team's leader speaks for the team");
}

Test(notice, a_clerk_records_a_phone_call_and_overdue_ones_are_counted)
{
	int64_t id = sent("2026-03-03");
	int already, late;
	struct wg_dashboard dash;
	cr_expect_eq(listed(1), 1);
	fx_at("2026-03-04T09:00");
	cr_assert_eq(wg_notice_overdue_count(fx.ctx, &late), WG_OK);
	cr_expect_eq(late, 1);
	cr_assert_eq(wg_dashboard(fx.ctx, &dash), WG_OK, "%s", wg_error(fx.ctx));
	cr_expect_eq(dash.notices_overdue, 1, "on the overview");
	cr_expect_eq(wg_notice_ack(fx.ctx, id, NULL, NULL, &already), WG_EINVAL, "not a recipient");
	cr_expect_eq(wg_notice_ack(fx.ctx, id, "org:阳光社工事务所", NULL, &already), WG_EINVAL,
		     "not among the recipients");
	for (int i = 0; i < 3; i++)
		cr_assert_eq(wg_notice_ack(fx.ctx, id, to_all[i], "电话告知", &already), WG_OK, "%s: %s",
			     to_all[i], wg_error(fx.ctx));
	cr_expect_eq(fx_int("SELECT count(*) FROM notice_recipients WHERE notice_id = ?1 AND"
			    " acked_by IS NOT NULL AND ack_note = '电话告知'", id), 3);
	cr_assert_eq(wg_notice_overdue_count(fx.ctx, &late), WG_OK);
	cr_expect_eq(late, 0, "all acknowledged: no longer overdue");
	cr_expect_eq(listed(1), 0);
	cr_expect_eq(listed(0), 1);
	cr_expect_eq(fx_int("SELECT count(*) FROM audit_log WHERE action = 'notice.ack' AND row_id = ?1",
			    id), 3);
}
