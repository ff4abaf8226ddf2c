/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The case state machine: every allowed and every refused transition, roles, counters, clocks. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <wangge/task.h>
#include "task-fixture.h"

TestSuite(flow, .init = fx_setup, .fini = fx_teardown);

/*
 * The allowed transitions, written out independently of the table in
 * task-flow.c: state, action, the state it leads to.  Every other pair of
 * state and action must be refused.
 */
static const struct allowed {
	enum wg_task_state from;
	enum wg_task_action action;
	enum wg_task_state to;
} allowed[] = {
	{ WG_TS_REPORTED, WG_ACT_FILE, WG_TS_FILED },
	{ WG_TS_REPORTED, WG_ACT_REJECT, WG_TS_REJECTED },
	{ WG_TS_REPORTED, WG_ACT_SUSPEND, WG_TS_SUSPENDED },
	{ WG_TS_REPORTED, WG_ACT_ESCALATE, WG_TS_ESCALATED },
	{ WG_TS_REPORTED, WG_ACT_URGE, WG_TS_REPORTED },
	{ WG_TS_REPORTED, WG_ACT_MERGE, WG_TS_MERGED },
	{ WG_TS_FILED, WG_ACT_DISPATCH, WG_TS_DISPATCHED },
	{ WG_TS_FILED, WG_ACT_SUSPEND, WG_TS_SUSPENDED },
	{ WG_TS_FILED, WG_ACT_ESCALATE, WG_TS_ESCALATED },
	{ WG_TS_FILED, WG_ACT_URGE, WG_TS_FILED },
	{ WG_TS_FILED, WG_ACT_MERGE, WG_TS_MERGED },
	{ WG_TS_DISPATCHED, WG_ACT_ACCEPT, WG_TS_ACCEPTED },
	{ WG_TS_DISPATCHED, WG_ACT_RETURN, WG_TS_FILED },
	{ WG_TS_DISPATCHED, WG_ACT_SUSPEND, WG_TS_SUSPENDED },
	{ WG_TS_DISPATCHED, WG_ACT_ESCALATE, WG_TS_ESCALATED },
	{ WG_TS_DISPATCHED, WG_ACT_URGE, WG_TS_DISPATCHED },
	{ WG_TS_ACCEPTED, WG_ACT_HANDLE, WG_TS_HANDLED },
	{ WG_TS_ACCEPTED, WG_ACT_SUSPEND, WG_TS_SUSPENDED },
	{ WG_TS_ACCEPTED, WG_ACT_ESCALATE, WG_TS_ESCALATED },
	{ WG_TS_ACCEPTED, WG_ACT_URGE, WG_TS_ACCEPTED },
	{ WG_TS_HANDLED, WG_ACT_VERIFY, WG_TS_VERIFIED },
	{ WG_TS_HANDLED, WG_ACT_REWORK, WG_TS_ACCEPTED },
	{ WG_TS_HANDLED, WG_ACT_SUSPEND, WG_TS_SUSPENDED },
	{ WG_TS_HANDLED, WG_ACT_ESCALATE, WG_TS_ESCALATED },
	{ WG_TS_HANDLED, WG_ACT_URGE, WG_TS_HANDLED },
	{ WG_TS_VERIFIED, WG_ACT_CLOSE, WG_TS_CLOSED },
	{ WG_TS_VERIFIED, WG_ACT_SUSPEND, WG_TS_SUSPENDED },
	{ WG_TS_VERIFIED, WG_ACT_ESCALATE, WG_TS_ESCALATED },
	{ WG_TS_VERIFIED, WG_ACT_URGE, WG_TS_VERIFIED },
	{ WG_TS_CLOSED, WG_ACT_FEEDBACK, WG_TS_CLOSED },
	{ WG_TS_SUSPENDED, WG_ACT_RESUME, WG_TS_FILED }, /* the fixture suspends a filed case */
	{ WG_TS_ESCALATED, WG_ACT_DISPATCH, WG_TS_DISPATCHED },
	{ WG_TS_ESCALATED, WG_ACT_SUSPEND, WG_TS_SUSPENDED },
	{ WG_TS_ESCALATED, WG_ACT_URGE, WG_TS_ESCALATED },
};

static const struct allowed *find_allowed(enum wg_task_state s, enum wg_task_action a)
{
	for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
		if (allowed[i].from == s && allowed[i].action == a)
			return &allowed[i];
	return NULL;
}

struct pair {
	enum wg_task_state state;
	enum wg_task_action action;
};

ParameterizedTestParameters(flow, every_pair)
{
	static struct pair pairs[WG_TS_COUNT * WG_ACT_COUNT];
	size_t n = 0;
	for (int s = 0; s < WG_TS_COUNT; s++)
		for (int a = 0; a < WG_ACT_COUNT; a++)
			pairs[n++] = (struct pair){ (enum wg_task_state)s, (enum wg_task_action)a };
	return cr_make_param_array(struct pair, pairs, n);
}

ParameterizedTest(struct pair *p, flow, every_pair)
{
	int64_t id = fx_case_in(p->state);
	int before = fx_nevents(id);
	const struct allowed *ok = find_allowed(p->state, p->action);
	int rc = fx_move(id, p->action);
	const char *what = wg_task_action_name(p->action), *from = wg_task_state_name(p->state);
	enum wg_task_state to;
	cr_assert_eq(wg_task_transition(p->state, p->action, NULL), ok != NULL,
		     "the table and the list disagree on %s from %s", what, from);
	if (ok) {
		cr_assert_eq(rc, WG_OK, "%s from %s refused: %s", what, from, wg_error(fx.ctx));
		cr_assert_eq(fx_state(id), ok->to, "%s from %s led to %s", what, from,
			     wg_task_state_name(fx_state(id)));
		cr_assert_eq(fx_nevents(id), before + 1, "one event per move");
		return;
	}
	cr_assert_eq(rc, WG_EINVAL, "%s from %s: status %d (%s)", what, from, rc, wg_error(fx.ctx));
	cr_assert_not_null(strstr(wg_error(fx.ctx), wg_task_state_label(p->state)),
			   "the refusal names the state: %s", wg_error(fx.ctx));
	cr_assert_eq(fx_state(id), p->state, "a refused move changes nothing");
	cr_assert_eq(fx_nevents(id), before, "a refused move writes no event");
	cr_assert_eq(wg_task_transition(p->state, p->action, &to), 0);
}

Test(flow, refusal_says_what_is_needed)
{
	int64_t id = fx_add("01010101");
	cr_assert_eq(fx_move(id, WG_ACT_DISPATCH), WG_EINVAL);
	cr_assert_str_eq(wg_error(fx.ctx), "case S1-2026-000001 is 'reported'; it must be filed before "
					   "it can be dispatched");
}

Test(flow, viewer_cannot_move)
{
	int64_t id = fx_add("01010101");
	fx_as(WG_ROLE_VIEWER);
	cr_assert_eq(fx_move(id, WG_ACT_FILE), WG_EPERM);
	cr_assert_eq(fx_state(id), WG_TS_REPORTED);
}

Test(flow, grid_worker_moves_only_own_cases)
{
	int64_t mine = fx_case_in(WG_TS_DISPATCHED); /* dispatched to worker 0, the grid account */
	fx_as(WG_ROLE_GRIDWORKER);
	cr_assert_eq(fx_move(mine, WG_ACT_FILE), WG_EINVAL); /* wrong state first */
	cr_assert_eq(fx_move(mine, WG_ACT_ACCEPT), WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_eq(fx_move(mine, WG_ACT_HANDLE), WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_eq(fx_move(mine, WG_ACT_VERIFY), WG_EPERM, "verifying is for clerks");
	fx_as(WG_ROLE_ADMIN);
	int64_t other = fx_case_in(WG_TS_FILED);
	struct wg_move m = { .action = WG_ACT_DISPATCH, .to = { .kind = WG_HK_WORKER, .id = fx.worker[1] } };
	cr_assert_eq(wg_task_move(fx.ctx, other, &m), WG_OK, "%s", wg_error(fx.ctx));
	fx_as(WG_ROLE_GRIDWORKER);
	cr_assert_eq(fx_move(other, WG_ACT_ACCEPT), WG_EPERM);
	cr_assert_not_null(strstr(wg_error(fx.ctx), "网格员乙"), "%s", wg_error(fx.ctx));
	fx_as(WG_ROLE_SOCIALWORKER);
	cr_assert_eq(fx_move(mine, WG_ACT_ACCEPT), WG_EINVAL); /* handled already */
	cr_assert_eq(fx_move(other, WG_ACT_RETURN), WG_EPERM);
}

Test(flow, team_leader_handles_team_cases)
{
	int64_t id = fx_case_in(WG_TS_FILED);
	struct wg_move m = { .action = WG_ACT_DISPATCH, .to_spec = "team:助老服务队" };
	cr_assert_eq(wg_task_move(fx.ctx, id, &m), WG_OK, "%s", wg_error(fx.ctx));
	fx_as(WG_ROLE_SOCIALWORKER);
	cr_assert_eq(fx_move(id, WG_ACT_ACCEPT), WG_OK, "%s", wg_error(fx.ctx));
}

Test(flow, wrong_dispatch_and_rework_are_counted)
{
	int64_t id = fx_case_in(WG_TS_DISPATCHED);
	cr_assert_eq(fx_move(id, WG_ACT_RETURN), WG_OK);
	cr_assert_eq(fx_int("SELECT wrong_dispatch_count FROM tasks WHERE id = ?1", id), 1);
	cr_assert_eq(fx_int("SELECT handler_kind IS NULL FROM tasks WHERE id = ?1", id), 1,
		     "a returned case has no handler");
	cr_assert_eq(fx_move(id, WG_ACT_DISPATCH), WG_OK);
	cr_assert_eq(fx_move(id, WG_ACT_RETURN), WG_OK);
	cr_assert_eq(fx_int("SELECT wrong_dispatch_count FROM tasks WHERE id = ?1", id), 2);
	int64_t h = fx_case_in(WG_TS_HANDLED);
	cr_assert_eq(fx_move(h, WG_ACT_REWORK), WG_OK);
	cr_assert_eq(fx_state(h), WG_TS_ACCEPTED);
	cr_assert_eq(fx_int("SELECT handler_id FROM tasks WHERE id = ?1", h), fx.worker[0],
		     "rework goes back to the same handler");
	cr_assert_eq(fx_move(h, WG_ACT_HANDLE), WG_OK);
	cr_assert_eq(fx_move(h, WG_ACT_REWORK), WG_OK);
	cr_assert_eq(fx_int("SELECT rework_count FROM tasks WHERE id = ?1", h), 2);
}

Test(flow, moves_need_their_arguments)
{
	int64_t id = fx_case_in(WG_TS_FILED);
	struct wg_move m = { .action = WG_ACT_DISPATCH };
	cr_assert_eq(wg_task_move(fx.ctx, id, &m), WG_EUSAGE);
	m.to_spec = "worker:nobody";
	cr_assert_eq(wg_task_move(fx.ctx, id, &m), WG_EINVAL);
	m.to_spec = "org:闲置协会";
	cr_assert_eq(wg_task_move(fx.ctx, id, &m), WG_EINVAL, "no running service project");
	cr_assert_not_null(strstr(wg_error(fx.ctx), "service project"));
	m.to_spec = "org:阳光社工事务所";
	cr_assert_eq(wg_task_move(fx.ctx, id, &m), WG_OK, "%s", wg_error(fx.ctx));
	int64_t r = fx_add("01010101");
	m = (struct wg_move){ .action = WG_ACT_REJECT };
	cr_assert_eq(wg_task_move(fx.ctx, r, &m), WG_EUSAGE, "rejecting needs the reason");
	m = (struct wg_move){ .action = WG_ACT_SUSPEND, .note = "等待施工" };
	cr_assert_eq(wg_task_move(fx.ctx, r, &m), WG_EUSAGE, "suspending needs a review date");
	m.review_date = "2026-03-01";
	cr_assert_eq(wg_task_move(fx.ctx, r, &m), WG_EUSAGE, "the review date is not in the past");
	m = (struct wg_move){ .action = WG_ACT_URGE, .level = 4 };
	cr_assert_eq(wg_task_move(fx.ctx, r, &m), WG_EUSAGE);
	m = (struct wg_move){ .action = WG_ACT_MERGE, .into = r };
	cr_assert_eq(wg_task_move(fx.ctx, r, &m), WG_EUSAGE, "not into itself");
	cr_assert_eq(fx_state(r), WG_TS_REPORTED);
}

Test(flow, clocks_start_and_stop)
{
	/* Monday 09:00; 01010101 has 24 working hours, dispatch 4, accept 4, verify 8. */
	int64_t id = fx_add("01010101");
	cr_assert_eq(fx_move(id, WG_ACT_FILE), WG_OK);
	struct wg_task_detail d;
	cr_assert_eq(wg_task_load(fx.ctx, id, &d), WG_OK);
	cr_assert_eq(d.task.deadline_at, fx_time("2026-03-05T12:00"), "24h: Mon..Wed 21h, Thu 3h");
	cr_assert_eq(d.task.step_deadline_at, fx_time("2026-03-02T14:30"));
	cr_assert_str_eq(d.task.step, "dispatch");
	cr_assert_str_eq(d.events[1].clock, "stop:file start:handle start:dispatch");
	cr_assert_eq(d.events[1].deadline_at, d.task.deadline_at);
	wg_task_detail_free(&d);
	fx_at("2026-03-02T10:00");
	cr_assert_eq(fx_move(id, WG_ACT_DISPATCH), WG_OK);
	fx_at("2026-03-02T11:00");
	cr_assert_eq(fx_move(id, WG_ACT_ACCEPT), WG_OK);
	cr_assert_eq(fx_move(id, WG_ACT_HANDLE), WG_OK);
	cr_assert_eq(wg_task_load(fx.ctx, id, &d), WG_OK);
	cr_assert_str_eq(d.events[2].clock, "stop:dispatch start:accept");
	cr_assert_eq(d.events[2].deadline_at, fx_time("2026-03-02T15:30"));
	cr_assert_str_eq(d.events[3].clock, "stop:accept");
	cr_assert_str_eq(d.events[4].clock, "stop:handle start:verify");
	cr_assert_eq(d.task.step_deadline_at, fx_time("2026-03-03T12:00"), "8h verify from Mon 11:00");
	wg_task_detail_free(&d);
}

Test(flow, suspension_keeps_the_remaining_time)
{
	int64_t id = fx_add("01010101");
	cr_assert_eq(fx_move(id, WG_ACT_FILE), WG_OK); /* due Thursday 12:00 */
	fx_at("2026-03-03T09:00"); /* Tuesday: 7 working hours used, 17 left */
	cr_assert_eq(fx_move(id, WG_ACT_SUSPEND), WG_OK);
	cr_assert_eq(fx_int("SELECT resume_state = 'filed' FROM tasks WHERE id = ?1", id), 1);
	fx_at("2026-03-09T09:00"); /* the next Monday */
	cr_assert_eq(fx_move(id, WG_ACT_RESUME), WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_eq(fx_state(id), WG_TS_FILED);
	cr_assert_eq(fx_int("SELECT deadline_at FROM tasks WHERE id = ?1", id),
		     fx_time("2026-03-11T12:00"), "17 hours from Monday 09:00");
	cr_assert_eq(fx_int("SELECT resume_state IS NULL AND review_date IS NULL FROM tasks"
			    " WHERE id = ?1", id), 1);
}

Test(flow, feedback_once_and_unsatisfied_reopens)
{
	int64_t id = fx_case_in(WG_TS_CLOSED);
	struct wg_move m = { .action = WG_ACT_FEEDBACK, .rating = "不满意", .note = "灯又坏了" };
	cr_assert_eq(wg_task_move(fx.ctx, id, &m), WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_eq(fx_state(id), WG_TS_FILED, "unsatisfied reopens the case");
	cr_assert_eq(fx_int("SELECT closed_at IS NULL AND handler_kind IS NULL FROM tasks WHERE id = ?1", id), 1);
	cr_assert_eq(fx_int("SELECT count(*) FROM task_events WHERE task_id = ?1 AND rating = 'unsatisfied'", id), 1);
	int64_t ok = fx_case_in(WG_TS_CLOSED);
	cr_assert_eq(fx_move(ok, WG_ACT_FEEDBACK), WG_OK);
	cr_assert_eq(fx_move(ok, WG_ACT_FEEDBACK), WG_EINVAL, "feedback once per closing");
	cr_assert_not_null(strstr(wg_error(fx.ctx), "already"));
	m.rating = "so-so";
	int64_t other = fx_case_in(WG_TS_CLOSED);
	cr_assert_eq(wg_task_move(fx.ctx, other, &m), WG_EUSAGE);
}

Test(flow, merge_writes_on_both_cases)
{
	int64_t target = fx_case_in(WG_TS_DISPATCHED);
	int64_t dup = fx_add("01010101");
	int before = fx_nevents(target);
	struct wg_move m = { .action = WG_ACT_MERGE, .into = target };
	cr_assert_eq(wg_task_move(fx.ctx, dup, &m), WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_eq(fx_state(dup), WG_TS_MERGED);
	cr_assert_eq(fx_int("SELECT merged_into FROM tasks WHERE id = ?1", dup), target);
	cr_assert_eq(fx_nevents(target), before + 1);
	int64_t closed = fx_case_in(WG_TS_CLOSED);
	int64_t late = fx_add("01010101");
	m.into = closed;
	cr_assert_eq(wg_task_move(fx.ctx, late, &m), WG_EINVAL, "not into a closed case");
}

Test(flow, escalation_goes_to_a_conference_and_back)
{
	int64_t a = fx_case_in(WG_TS_FILED), b = fx_case_in(WG_TS_ACCEPTED);
	struct wg_move m = { .action = WG_ACT_ESCALATE, .note = "涉及多个部门", .review_date = "2026-03-06" };
	cr_assert_eq(wg_task_move(fx.ctx, a, &m), WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_eq(wg_task_move(fx.ctx, b, &m), WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_eq(fx_int("SELECT count(*) FROM conferences WHERE ?1 = 1", 1), 1, "one meeting that day");
	cr_assert_eq(fx_int("SELECT count(*) FROM conference_tasks WHERE ?1 = 1", 1), 2);
	struct wg_move d = { .action = WG_ACT_DISPATCH, .to = { .kind = WG_HK_DEPT } };
	snprintf(d.to.name, sizeof d.to.name, "%s", "城管执法队");
	cr_assert_eq(wg_task_move(fx.ctx, a, &d), WG_EUSAGE, "the decision is needed");
	d.note = "由城管执法队牵头处理";
	cr_assert_eq(wg_task_move(fx.ctx, a, &d), WG_OK, "%s", wg_error(fx.ctx));
	cr_assert_eq(fx_int("SELECT instr(decision, '城管执法队牵头') > 0 FROM conferences WHERE ?1 = 1", 1), 1);
}

Test(flow, bulk_dispatch_is_all_or_nothing)
{
	int64_t ids[3] = { fx_case_in(WG_TS_FILED), fx_case_in(WG_TS_FILED), fx_case_in(WG_TS_FILED) };
	struct wg_handler w = { .kind = WG_HK_WORKER, .id = fx.worker[1] };
	cr_assert_eq(wg_task_dispatch_bulk(fx.ctx, ids, 3, &w, NULL), WG_OK, "%s", wg_error(fx.ctx));
	for (int i = 0; i < 3; i++)
		cr_assert_eq(fx_state(ids[i]), WG_TS_DISPATCHED);
	int64_t more[2] = { fx_case_in(WG_TS_FILED), fx_case_in(WG_TS_REPORTED) };
	cr_assert_eq(wg_task_dispatch_bulk(fx.ctx, more, 2, &w, NULL), WG_EINVAL);
	cr_assert_eq(fx_state(more[0]), WG_TS_FILED, "the first case was rolled back too");
}

Test(flow, urge_sets_supervision_only)
{
	int64_t id = fx_case_in(WG_TS_ACCEPTED);
	cr_assert_eq(fx_move(id, WG_ACT_URGE), WG_OK);
	cr_assert_eq(fx_int("SELECT supervision FROM tasks WHERE id = ?1", id), 2);
	cr_assert_eq(fx_state(id), WG_TS_ACCEPTED);
}

Test(flow, allowed_actions_follow_state_and_role)
{
	int64_t id = fx_case_in(WG_TS_DISPATCHED);
	struct wg_task_detail d;
	cr_assert_eq(wg_task_load(fx.ctx, id, &d), WG_OK);
	unsigned want = 1u << WG_ACT_ACCEPT | 1u << WG_ACT_RETURN | 1u << WG_ACT_SUSPEND |
			1u << WG_ACT_ESCALATE | 1u << WG_ACT_URGE;
	cr_assert_eq(d.allowed, want, "admin: %#x", d.allowed);
	wg_task_detail_free(&d);
	fx_as(WG_ROLE_GRIDWORKER);
	cr_assert_eq(wg_task_load(fx.ctx, id, &d), WG_OK);
	cr_assert_eq(d.allowed, 1u << WG_ACT_ACCEPT | 1u << WG_ACT_RETURN, "grid: %#x", d.allowed);
	wg_task_detail_free(&d);
	fx_as(WG_ROLE_VIEWER);
	cr_assert_eq(wg_task_load(fx.ctx, id, &d), WG_OK);
	cr_assert_eq(d.allowed, 0);
	wg_task_detail_free(&d);
}
