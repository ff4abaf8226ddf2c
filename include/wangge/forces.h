/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The four social forces around the committee: organizations, their social workers and projects;
 * joint conferences. */
#ifndef WANGGE_FORCES_H
#define WANGGE_FORCES_H

#include <stdint.h>
#include <stdio.h>

#include <wangge/cell.h>
#include <wangge/core.h>
#include <wangge/csv.h>
#include <wangge/validate.h>

/* What an organization is and does, line by line for a detail view: kind 0 a field of the
 * organization, 1 one of its social workers, 2 one of its service projects. */
int wg_org_detail(struct wg_ctx *ctx, int64_t org_id,
		  int (*each)(void *arg, int kind, const char *label, const char *text), void *arg);

/* Joint conferences (联席会议), newest first, at most limit: date, topic, the number of cases
 * brought to it, and its decision ("" while open). */
int wg_conference_each(struct wg_ctx *ctx, int limit,
		       int (*each)(void *arg, const char *date, const char *topic, int cases,
				   const char *decision),
		       void *arg);

/* ---- The organizations register (forces-org-io.c) ---- */

/* One organization as listed: the phone masked unless asked. */
struct wg_org {
	const char *name, *credit_code, *kind, *contact, *domains, *status, *notes;
	char phone[WG_PHONE_SIZE + 4];
};

/* The kind as stored (社区党组织, 居委会, 社区工作站, 社区服务中心, 社区社会组织, 业主委员会,
 * 物业服务企业, 社工机构, 政府部门) for it or a name people write for it; NULL when none. */
const char *wg_org_kind_normalize(const char *s);

struct wg_org_import_result {
	int rows, added; /* rows read; organizations new to the register (the others updated) */
};
/*
 * Organizations from CSV (name, credit_code, kind, contact, phone, domains, status, notes, or
 * their Chinese names): every row checked first (the credit code by GB 32100, the kind, the
 * phone, the sectors of domains by code or name, the status; a name or code once), then one
 * transaction; an organization of the same name is updated.  Clerks and administrators.
 */
int wg_org_import_file(struct wg_ctx *ctx, const char *path, enum wg_encoding enc,
		       struct wg_problems *probs, struct wg_org_import_result *res);
int wg_org_import_mem(struct wg_ctx *ctx, const char *name, const void *data, size_t len,
		      enum wg_encoding enc, struct wg_problems *probs, struct wg_org_import_result *res);
/* The fields of one organization, in the register's column order. */
enum wg_org_field { WG_OF_NAME, WG_OF_CODE, WG_OF_KIND, WG_OF_CONTACT, WG_OF_PHONE, WG_OF_DOMAINS,
		    WG_OF_STATUS, WG_OF_NOTES, WG_OF_COUNT };
/*
 * Saves one organization from a form through the register's own checks and writer (so a form
 * and a file agree): new, or the one named was (NULL for new), renamed when the name changed.
 * A phone left as the mask of the stored one keeps the stored number.  On a problem: WG_EINVAL,
 * its reason as the error and *bad its field.  Clerks and administrators; audited (orgs.save).
 */
int wg_org_save(struct wg_ctx *ctx, const char *was, const char *const v[WG_OF_COUNT],
		enum wg_org_field *bad);
/* One organization's fields as a form shows them (the status as 在用 or 停用, the phone masked
 * below administrators, as lists show it). */
#define WG_ORG_TEXT_SIZE 1024
int wg_org_load(struct wg_ctx *ctx, int64_t id, char v[WG_OF_COUNT][WG_ORG_TEXT_SIZE]);
/* The kinds an organization may have, NULL-terminated, for pickers. */
extern const char *const wg_org_kinds[];
/* The register as CSV (the import's columns), phones masked unless unmasked (administrators). */
int wg_org_export(struct wg_ctx *ctx, FILE *out, int unmasked, long *rows);
/* Each organization by name; unmasked for administrators. */
int wg_org_each(struct wg_ctx *ctx, int unmasked, int (*each)(void *arg, const struct wg_org *o),
		void *arg);

/* ---- The social workers register (forces-worker-io.c) ---- */

struct wg_socialworker {
	const char *name, *org, *qualification, *teams; /* teams: those led, joined by ';' */
	int active;
	char phone[WG_PHONE_SIZE + 4];
};
/* Whether s is one of 助理社会工作师, 社会工作师, 高级社会工作师. */
int wg_qualification_valid(const char *s);
/*
 * Social workers from CSV (name, org, qualification, phone, status, or 姓名, 所属机构, 职业资格,
 * 联系电话, 状态): the organization must be registered, the qualification one of the three
 * levels, the status 在职 or 离职; every row checked first, then one transaction; the social
 * worker of the same name and organization is updated (added counts the new).
 */
int wg_socialworker_import_file(struct wg_ctx *ctx, const char *path, enum wg_encoding enc,
				struct wg_problems *probs, struct wg_org_import_result *res);
int wg_socialworker_import_mem(struct wg_ctx *ctx, const char *name, const void *data, size_t len,
			       enum wg_encoding enc, struct wg_problems *probs,
			       struct wg_org_import_result *res);
int wg_socialworker_export(struct wg_ctx *ctx, FILE *out, int unmasked, long *rows);
/* The fields of one social worker, in the register's column order. */
enum wg_worker_field { WG_WF_NAME, WG_WF_ORG, WG_WF_QUAL, WG_WF_PHONE, WG_WF_STATUS, WG_WF_COUNT };
/* Adds one social worker typed in a form, through the register's checks and writer; one of
 * that name at that organization is refused.  On a problem: WG_EINVAL, *bad its field.
 * Audited (socialworkers.save). */
int wg_socialworker_add(struct wg_ctx *ctx, const char *const v[WG_WF_COUNT], enum wg_worker_field *bad);
/* The qualifications, NULL-terminated, for pickers. */
extern const char *const wg_qualifications[];
int wg_socialworker_each(struct wg_ctx *ctx, int unmasked,
			 int (*each)(void *arg, const struct wg_socialworker *w), void *arg);

/* ---- The teams register (forces-team-io.c) ---- */

struct wg_team {
	const char *name, *leader, *cell_code, *members, *skills, *notes; /* members: volunteer
	numbers joined by ';'; skills: those its members have, joined by ',' */
};
/*
 * Teams from CSV (name, leader, cell_code, members, notes, or 队伍名称, 队长, 网格编码, 成员,
 * 备注): the leader a social worker, members volunteers by number or name; every row checked
 * first; a team of the same name is updated and gains the members listed (none is removed).
 */
int wg_team_import_file(struct wg_ctx *ctx, const char *path, enum wg_encoding enc,
			struct wg_problems *probs, struct wg_org_import_result *res);
int wg_team_import_mem(struct wg_ctx *ctx, const char *name, const void *data, size_t len,
		       enum wg_encoding enc, struct wg_problems *probs, struct wg_org_import_result *res);
/* The fields of one team, in the register's column order. */
enum wg_team_field { WG_TF_NAME, WG_TF_LEADER, WG_TF_CELL, WG_TF_MEMBERS, WG_TF_NOTES, WG_TF_COUNT };
/*
 * Saves one team from a form through the register's checks and writer: new, or the one named
 * was (renamed when the name changed); the members listed (numbers or names, separated by ;)
 * are then all its members.  On a problem: WG_EINVAL, its reason, *bad its field.  Audited
 * (teams.save).
 */
int wg_team_save(struct wg_ctx *ctx, const char *was, const char *const v[WG_TF_COUNT],
		 enum wg_team_field *bad);
/* The teams as CSV (unmasked is ignored: a team holds names only). */
int wg_team_export(struct wg_ctx *ctx, FILE *out, int unmasked, long *rows);
int wg_team_each(struct wg_ctx *ctx, int (*each)(void *arg, const struct wg_team *t), void *arg);

/* ---- Service projects bought by the government (forces-project-io.c) ---- */

struct wg_project {
	int64_t id;
	const char *name, *org, *purchaser, *start_date, *end_date, *status, *description;
	int64_t budget_cents, targets[3]; /* targets: hours, people served, cases */
	int has_budget;
	int64_t minutes_served;           /* check-outs on the project's shifts */
	int volunteers;                   /* who served on them */
	int elapsed_pct;                  /* of the period by the clock; -1 without one */
};
/*
 * Projects from CSV (name, org, purchaser, budget, start_date, end_date, target_hours,
 * target_people, target_cases, status, description, or 项目名称, 承接机构, 购买方, 预算, ...):
 * the organization registered, the budget in yuan, dates as dates (the end not before the
 * start), targets whole numbers, the status 执行中 or 结项; every row checked first; the project
 * of the same name and organization is updated.
 */
int wg_project_import_file(struct wg_ctx *ctx, const char *path, enum wg_encoding enc,
			   struct wg_problems *probs, struct wg_org_import_result *res);
int wg_project_import_mem(struct wg_ctx *ctx, const char *name, const void *data, size_t len,
			  enum wg_encoding enc, struct wg_problems *probs, struct wg_org_import_result *res);
int wg_project_export(struct wg_ctx *ctx, FILE *out, int unmasked, long *rows);
/* The fields of one project, in the register's column order. */
enum wg_project_field { WG_PF_NAME, WG_PF_ORG, WG_PF_PURCHASER, WG_PF_BUDGET, WG_PF_START,
			WG_PF_END, WG_PF_HOURS, WG_PF_PEOPLE, WG_PF_CASES, WG_PF_STATUS, WG_PF_DESC,
			WG_PF_COUNT };
/*
 * Saves one project from a form through the register's checks and writer: new (was 0), or the
 * project with key was, its name and organization changed if they were.  On a problem:
 * WG_EINVAL, its reason, *bad its field.  Audited (projects.save).
 */
int wg_project_save(struct wg_ctx *ctx, int64_t was, const char *const v[WG_PF_COUNT],
		    enum wg_project_field *bad);
/* Each project (only: one key, 0 all), newest period first, with its progress. */
int wg_project_each(struct wg_ctx *ctx, int64_t only,
		    int (*each)(void *arg, const struct wg_project *p), void *arg);
/* How much of the period from start to end (days, both included) has passed by the clock. */
int wg_project_elapsed(struct wg_ctx *ctx, const char *start, const char *end);

/* ---- Progress of the bought services (report-projects.c) ---- */

/* done as a whole percentage of target (rounded down; over 100 when exceeded); -1 without a
 * target. */
int wg_progress_pct(int64_t done, int64_t target);

struct wg_project_progress {
	int64_t id;
	char name[WG_UTF8_SIZE(64)], org[WG_UTF8_SIZE(64)], status[16];
	char start_date[WG_DATE_SIZE], end_date[WG_DATE_SIZE];
	int64_t budget_cents;
	int has_budget;
	int elapsed_pct;                  /* of the period by the clock; -1 without one */
	int64_t target_hours, target_people, target_cases; /* 0: none */
	int64_t minutes_month, minutes_total; /* check-outs on the project's shifts */
	int volunteers_month;
	int cases_month, cases_total;     /* cases dispatched to the organization in its period */
	int done_month, done_total;       /* of those, closed (in the month / by now) */
};

/*
 * The projects whose period meets month (1-12) of year, each with the month's and the whole
 * period's hours and cases.  A project's cases are those dispatched to its organization while
 * the project ran (cases go to organizations through a running project).  Any logged-in user.
 * community (the code of a cell of kind community; NULL, "" or "all": everything): the hours
 * served on shifts in its cells and the cases in its cells, and only the projects with some;
 * the targets stay the whole project's.
 */
int wg_report_projects(struct wg_ctx *ctx, int year, int month, const char *community,
		       int (*each)(void *arg, const struct wg_project_progress *p), void *arg);

#endif
