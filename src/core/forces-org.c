/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Social organizations with their social workers and service projects; joint conferences. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <string.h>

#include <wangge/forces.h>
#include <wangge/i18n.h>
#include <wangge/store.h>
#include <wangge/validate.h>
#include "record-priv.h"

int wg_org_detail(struct wg_ctx *ctx, int64_t org_id,
		  int (*each)(void *arg, int kind, const char *label, const char *text), void *arg)
{
	static const char org_sql[] =
		"SELECT name, kind, contact, phone, coalesce(credit_code, ''), notes FROM social_orgs"
		" WHERE id = ?1";
	static const char workers_sql[] =
		"SELECT w.name, w.certificate, w.phone, coalesce((SELECT group_concat(t.name, '、')"
		" FROM teams t WHERE t.leader_id = w.id), '') FROM social_workers w"
		" WHERE w.org_id = ?1 AND w.active = 1 ORDER BY w.name";
	static const char projects_sql[] =
		"SELECT name, funder, coalesce(budget_cents, 0), start_date, end_date, status"
		" FROM service_projects WHERE org_id = ?1 ORDER BY start_date DESC, name";
	char text[400], phone[WG_PHONE_SIZE + 4];
	int rc = wg_require_role(ctx, WG_ROLE_VIEWER, _("Reading social organizations"));
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, org_sql) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	sqlite3_bind_int64(st, 1, org_id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return wg_fail(ctx, WG_EINVAL, "%s", _("there is no such organization"));
	}
	static const char *const labels[] = { N_("Name"), N_("Kind"), N_("Contact"), N_("Phone"),
					      N_("Credit code"), N_("Notes") };
	for (int i = 0; rc == WG_OK && i < 6; i++) {
		const char *v = (const char *)sqlite3_column_text(st, i);
		if (i == 3) /* a contact's phone is shown masked, like every phone in a list */
			wg_mask_phone(v, phone, sizeof phone), v = phone;
		if (v && *v)
			rc = each(arg, 0, _(labels[i]), v);
	}
	sqlite3_reset(st);
	if (rc != WG_OK || !(st = wg_stmt(ctx, workers_sql)))
		return rc != WG_OK ? rc : WG_EIO;
	sqlite3_bind_int64(st, 1, org_id);
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		wg_mask_phone((const char *)sqlite3_column_text(st, 2), phone, sizeof phone);
		const char *teams = (const char *)sqlite3_column_text(st, 3);
		snprintf(text, sizeof text, "%s  %s  %s", (const char *)sqlite3_column_text(st, 0),
			 (const char *)sqlite3_column_text(st, 1), phone);
		if (*teams) /* L10N: after a social worker in an organization's detail */
			snprintf(text + strlen(text), sizeof text - strlen(text), _("  leads %s"), teams);
		rc = each(arg, 1, _("Social worker"), text);
	}
	sqlite3_reset(st);
	if (rc != WG_OK || !(st = wg_stmt(ctx, projects_sql)))
		return rc != WG_OK ? rc : WG_EIO;
	sqlite3_bind_int64(st, 1, org_id);
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW) {
		long long cents = sqlite3_column_int64(st, 2);
		/* L10N: a service project: name, funder, budget in yuan, from and to dates, status. */
		snprintf(text, sizeof text, _("%s, funded by %s, %lld yuan, %s to %s (%s)"),
			 (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
			 cents / 100, (const char *)sqlite3_column_text(st, 3),
			 (const char *)sqlite3_column_text(st, 4), (const char *)sqlite3_column_text(st, 5));
		rc = each(arg, 2, _("Project"), text);
	}
	sqlite3_reset(st);
	return rc;
}

int wg_conference_each(struct wg_ctx *ctx, int limit,
		       int (*each)(void *arg, const char *date, const char *topic, int cases,
				   const char *decision),
		       void *arg)
{
	static const char sql[] =
		"SELECT c.date, c.topic, (SELECT count(*) FROM conference_tasks t WHERE t.conference_id = c.id),"
		" c.decision FROM conferences c ORDER BY c.date DESC, c.id DESC LIMIT ?1";
	int rc = wg_require_role(ctx, WG_ROLE_VIEWER, _("Reading social organizations"));
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, sql) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	sqlite3_bind_int(st, 1, limit);
	while (rc == WG_OK && sqlite3_step(st) == SQLITE_ROW)
		rc = each(arg, (const char *)sqlite3_column_text(st, 0),
			  (const char *)sqlite3_column_text(st, 1), sqlite3_column_int(st, 2),
			  (const char *)sqlite3_column_text(st, 3));
	sqlite3_reset(st);
	return rc;
}
