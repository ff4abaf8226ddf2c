/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The volunteer service certificate (志愿服务记录证明): kept once issued, reprinted the same. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/audit.h>
#include <wangge/i18n.h>
#include <wangge/site.h>
#include <wangge/store.h>
#include <wangge/text.h>
#include <wangge/validate.h>
#include <wangge/volunteer.h>
#include "record-priv.h"

/* The service content as kept with a certificate: "minutes\twhat\n" per line. */
static void content_write(const struct wg_certificate *c, char *out, size_t outsz)
{
	size_t used = 0;
	out[0] = '\0';
	for (int i = 0; i < c->nlines && used < outsz; i++)
		used += (size_t)snprintf(out + used, outsz - used, "%lld\t%s\n",
					 (long long)c->lines[i].minutes, c->lines[i].what);
}

static void content_read(const char *text, struct wg_certificate *c)
{
	c->nlines = 0;
	while (text && *text && c->nlines < WG_CERT_LINES) {
		char *tab, *end;
		long long m = strtoll(text, &tab, 10);
		if (*tab != '\t')
			break;
		end = strchr(tab + 1, '\n');
		size_t n = end ? (size_t)(end - tab - 1) : strlen(tab + 1);
		if (n >= sizeof c->lines[0].what)
			n = sizeof c->lines[0].what - 1;
		memcpy(c->lines[c->nlines].what, tab + 1, n);
		c->lines[c->nlines].what[n] = '\0';
		c->lines[c->nlines++].minutes = m;
		text = end ? end + 1 : "";
	}
}

#define CERT_COLS "SELECT number, minutes, issued_at, content, volunteer_id, date_from, date_to" \
		  " FROM certificates"

/* Reads a kept certificate from a statement stepped to its row. */
static void read_issued(sqlite3_stmt *st, struct wg_certificate *c)
{
	wg_col_copy(st, 0, c->number, sizeof c->number);
	c->minutes = sqlite3_column_int64(st, 1);
	c->issued_at = (time_t)sqlite3_column_int64(st, 2);
	content_read((const char *)sqlite3_column_text(st, 3), c);
	c->volunteer.id = sqlite3_column_int64(st, 4);
	wg_col_copy(st, 5, c->from, sizeof c->from);
	wg_col_copy(st, 6, c->to, sizeof c->to);
	c->reprint = 1;
}

/* The certificate already issued for this volunteer and period, or by its number: 1 found. */
static int find_issued(struct wg_ctx *ctx, const char *number, int64_t vid, struct wg_certificate *c)
{
	static const char by_period[] = CERT_COLS " WHERE volunteer_id = ?1 AND date_from = ?2"
					" AND date_to = ?3 ORDER BY id LIMIT 1";
	static const char by_number[] = CERT_COLS " WHERE number = ?1";
	sqlite3_stmt *st = wg_stmt(ctx, number ? by_number : by_period);
	int found = 0;
	if (!st)
		return -1;
	if (number) {
		sqlite3_bind_text(st, 1, number, -1, SQLITE_STATIC);
	} else {
		sqlite3_bind_int64(st, 1, vid);
		sqlite3_bind_text(st, 2, c->from, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, c->to, -1, SQLITE_STATIC);
	}
	if (sqlite3_step(st) == SQLITE_ROW) {
		read_issued(st, c);
		found = 1;
	}
	sqlite3_reset(st);
	return found;
}

/* The minutes of the period, by service content (the shift's post, else the entry's note). */
static int64_t period_minutes(struct wg_ctx *ctx, struct wg_certificate *c)
{
	static const char sql[] =
		"SELECT coalesce(nullif(s.post, ''), nullif(h.note, ''), h.kind), sum(h.minutes)"
		" FROM hours_ledger h LEFT JOIN assignments a ON a.id = h.assignment_id"
		" LEFT JOIN shifts s ON s.id = a.shift_id WHERE h.volunteer_id = ?1 AND h.date >= ?2"
		" AND h.date <= ?3 GROUP BY 1 HAVING sum(h.minutes) <> 0 ORDER BY 2 DESC, 1";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	int64_t total = 0;
	c->nlines = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, c->volunteer.id);
	sqlite3_bind_text(st, 2, c->from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, c->to, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t m = sqlite3_column_int64(st, 1);
		int i = c->nlines < WG_CERT_LINES ? c->nlines++ : WG_CERT_LINES - 1;
		if (i == WG_CERT_LINES - 1 && c->lines[i].what[0]) /* the rest in one line */
			snprintf(c->lines[i].what, sizeof c->lines[i].what, "%s", _("other services"));
		else
			wg_col_copy(st, 0, c->lines[i].what, sizeof c->lines[i].what);
		c->lines[i].minutes += m;
		total += m;
	}
	sqlite3_reset(st);
	return total;
}

/* A new certificate's number: the year, this site and the row key's own count. */
static int issue(struct wg_ctx *ctx, struct wg_certificate *c)
{
	static const char sql[] = "INSERT INTO certificates(id, number, volunteer_id, date_from, date_to,"
				  " minutes, content, issued_at, created_at, created_by, updated_at,"
				  " updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?8, ?9)";
	int64_t id;
	char year[8], detail[96], content[WG_CERT_LINES * (WG_UTF8_SIZE(40) + 24)];
	int rc = wg_store_new_id(ctx, "certificates", &id);
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, sql) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	c->issued_at = wg_now(ctx);
	wg_format_time(c->issued_at, "%Y", year, sizeof year);
	snprintf(c->number, sizeof c->number, "ZM%s-%d-%06lld", year, wg_id_site(id),
		 (long long)(id & (((int64_t)1 << WG_SITE_SHIFT) - 1)));
	content_write(c, content, sizeof content);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, c->number, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, c->volunteer.id);
	sqlite3_bind_text(st, 4, c->from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, c->to, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, c->minutes);
	sqlite3_bind_text(st, 7, content, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 8, (int64_t)c->issued_at);
	wg_bind_ref(st, 9, ctx->user_id);
	if (wg_step_done(st) != SQLITE_DONE)
		return wg_db_fail(ctx, _("keeping the certificate"));
	snprintf(detail, sizeof detail, "%s, %s %s to %s", c->number, c->volunteer.vol_no, c->from, c->to);
	return wg_audit(ctx, "volunteer.certificate", "certificates", id, detail);
}

/* The first day the volunteer's ledger has, for a period asked for without a start. */
static void first_day(struct wg_ctx *ctx, struct wg_certificate *c)
{
	sqlite3_stmt *st = wg_stmt(ctx, "SELECT min(date) FROM hours_ledger WHERE volunteer_id = ?1");
	if (!st)
		return;
	sqlite3_bind_int64(st, 1, c->volunteer.id);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		wg_col_copy(st, 0, c->from, sizeof c->from);
	sqlite3_reset(st);
}

/* The period asked for, checked: from the ledger's first day up to today unless given. */
static int read_period(struct wg_ctx *ctx, const char *from, const char *to, struct wg_certificate *c)
{
	const char *why;
	snprintf(c->from, sizeof c->from, "%s", from && *from ? from : "1900-01-01");
	if (!(from && *from))
		first_day(ctx, c);
	if (to && *to)
		snprintf(c->to, sizeof c->to, "%s", to);
	else
		wg_format_time(wg_now(ctx), "%Y-%m-%d", c->to, sizeof c->to);
	if ((why = wg_validate_date(c->from, c->from, sizeof c->from)))
		return wg_fail(ctx, WG_EUSAGE, "--from %s: %s", from, why);
	if ((why = wg_validate_date(c->to, c->to, sizeof c->to)))
		return wg_fail(ctx, WG_EUSAGE, "--to %s: %s", to, why);
	if (strcmp(c->to, c->from) < 0)
		return wg_fail(ctx, WG_EUSAGE, _("--to %s is before --from %s"), c->to, c->from);
	return WG_OK;
}

/* A certificate given again leaves the program too: the audit log says so. */
static int reprinted(struct wg_ctx *ctx, const struct wg_certificate *c)
{
	char detail[96];
	snprintf(detail, sizeof detail, "%s again, %s %s to %s", c->number, c->volunteer.vol_no, c->from,
		 c->to);
	return wg_audit_alone(ctx, "volunteer.certificate", "volunteers", c->volunteer.id, detail);
}

/* A certificate asked for by its number: the one kept, or a clear no. */
static int by_number(struct wg_ctx *ctx, const char *number, struct wg_certificate *c)
{
	char key[40];
	snprintf(key, sizeof key, "%s", number);
	wg_tidy_code(key);
	for (char *p = key; *p; p++) /* as typed from the paper: zm2026-1-000003 */
		*p = (char)toupper((unsigned char)*p);
	int found = find_issued(ctx, key, 0, c);
	if (found < 0)
		return wg_db_fail(ctx, _("reading the certificates"));
	if (!found)
		return wg_fail(ctx, WG_EINVAL, _("there is no certificate %s in this register; check "
						 "the number as printed"), key);
	snprintf(key, sizeof key, "%lld", (long long)c->volunteer.id);
	int rc = wg_volunteer_find(ctx, key, &c->volunteer);
	return rc == WG_OK ? reprinted(ctx, c) : rc;
}

int wg_volunteer_certificate(struct wg_ctx *ctx, const char *ref, const char *from, const char *to,
			     struct wg_certificate *c)
{
	int rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Issuing service certificates"));
	memset(c, 0, sizeof *c);
	if (rc == WG_OK)
		rc = wg_site_community(ctx, c->committee, sizeof c->committee);
	if (rc != WG_OK)
		return rc;
	if (ref && (ref[0] == 'Z' || ref[0] == 'z') && (ref[1] == 'M' || ref[1] == 'm'))
		return by_number(ctx, ref, c);
	if ((rc = wg_volunteer_find(ctx, ref, &c->volunteer)) != WG_OK ||
	    (rc = read_period(ctx, from, to, c)) != WG_OK || (rc = wg_begin(ctx)) != WG_OK)
		return rc;
	int had = find_issued(ctx, NULL, c->volunteer.id, c);
	int64_t total = had ? 0 : period_minutes(ctx, c);
	if (had < 0 || total < 0)
		rc = wg_db_fail(ctx, _("reading the hours ledger"));
	else if (!had && total <= 0)
		rc = wg_fail(ctx, WG_EINVAL, _("%s %s has no service hours from %s to %s; there is "
					       "nothing to certify"), c->volunteer.vol_no,
			     c->volunteer.name, c->from, c->to);
	else if (!had) {
		c->minutes = total;
		rc = issue(ctx, c);
	}
	if (rc == WG_OK && had)
		rc = wg_audit(ctx, "volunteer.certificate", "volunteers", c->volunteer.id, c->number);
	if (rc == WG_OK)
		return wg_commit(ctx);
	wg_rollback(ctx);
	return rc;
}

/* One line centred in the page's width (A4 in a monospaced font: 72 columns). */
static void centred(FILE *out, const char *text)
{
	int w = wg_text_width(text), pad = w < 72 ? (72 - w) / 2 : 0;
	fprintf(out, "%*s%s\n", pad, "", text);
}

int wg_certificate_print(FILE *out, const struct wg_certificate *c)
{
	char line[512], issued[16];
	wg_format_time(c->issued_at, "%Y-%m-%d", issued, sizeof issued);
	fputs("\n\n", out);
	centred(out, _("Volunteer service record certificate"));
	fputs("\n", out);
	snprintf(line, sizeof line, _("No. %s"), c->number);
	centred(out, line);
	fprintf(out, "\n    %s %s    %s %s\n", _("Name:"), c->volunteer.name, _("Volunteer No.:"), c->volunteer.vol_no);
	fprintf(out, "    %s %s\n\n", _("ID number:"),
		c->volunteer.id_number[0] ? c->volunteer.id_number : _("(not recorded)"));
	fprintf(out, _("    From %s to %s this volunteer\n    served %.1f hours with us:\n\n"), c->from, c->to,
		c->minutes / 60.0);
	for (int i = 0; i < c->nlines; i++) {
		int w = wg_text_width(c->lines[i].what); /* columns, not bytes: the content is Chinese */
		fprintf(out, "        %s%*s %8.1f %s\n", c->lines[i].what, w < 40 ? 40 - w : 0, "",
			c->lines[i].minutes / 60.0, _("hours"));
	}
	fprintf(out, "\n    %s\n\n", _("This certificate is kept in the committee's register under its number."));
	fprintf(out, "%48s%s\n", "", c->committee);
	fprintf(out, "%48s%s\n", "", issued);
	return ferror(out) ? WG_EIO : WG_OK;
}
