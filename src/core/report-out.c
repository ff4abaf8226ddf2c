/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The monthly report written out: JSON, CSV and the aligned text table. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <string.h>

#include <wangge/csv.h>
#include <wangge/i18n.h>
#include <wangge/json.h>
#include <wangge/report.h>
#include <wangge/text.h>

static void json_rate(FILE *out, double rate)
{
	if (rate < 0)
		fputs("null", out);
	else
		fprintf(out, "%.4f", rate);
}

static void json_counts(FILE *out, const struct wg_report_counts *c)
{
	fprintf(out, "\"received\": %ld, \"filed\": %ld, \"closed\": %ld, \"closed_on_time\": %ld,"
		     " \"due\": %ld, \"suspended\": %ld, \"on_time_rate\": ",
		c->received, c->filed, c->closed, c->closed_on_time, c->due, c->suspended);
	json_rate(out, wg_report_on_time_rate(c));
	fprintf(out, ", \"rework\": %ld, \"wrong_dispatch\": %ld, \"satisfied\": %ld, \"feedback\": %ld,"
		     " \"satisfaction_rate\": ",
		c->rework, c->wrong_dispatch, c->satisfied, c->feedback);
	json_rate(out, wg_report_satisfaction_rate(c));
}

static void json_lines(FILE *out, const char *key, const char *id_key,
		       const struct wg_report_line *v, int n)
{
	fprintf(out, ",\n  \"%s\": [", key);
	for (int i = 0; i < n; i++) {
		fprintf(out, "%s\n    {\"%s\": ", i ? "," : "", id_key);
		wg_json_string(out, v[i].code);
		fputs(", \"name\": ", out);
		wg_json_string(out, v[i].name);
		fputs(", ", out);
		json_counts(out, &v[i].c);
		fputc('}', out);
	}
	fputs(n ? "\n  ]" : "]", out);
}

void wg_report_json(const struct wg_report *r, FILE *out)
{
	fputs("{\"month\": ", out);
	wg_json_string(out, r->label);
	if (*r->community) {
		fputs(", \"community\": ", out);
		wg_json_string(out, r->community);
	}
	fputs(", ", out);
	json_counts(out, &r->total);
	json_lines(out, "by_community", "code", r->communities, r->ncommunities);
	json_lines(out, "by_sector", "code", r->sectors, r->nsectors);
	json_lines(out, "by_cell", "code", r->cells, r->ncells);
	json_lines(out, "by_handler", "id", r->handlers, r->nhandlers);
	fputs(",\n  \"volunteer_hours\": [", out);
	for (int i = 0; i < r->nhours; i++) {
		fprintf(out, "%s\n    {\"vol_no\": ", i ? "," : "");
		wg_json_string(out, r->hours[i].vol_no);
		fputs(", \"name\": ", out);
		wg_json_string(out, r->hours[i].name);
		fprintf(out, ", \"hours\": %.1f}", r->hours[i].minutes / 60.0);
	}
	fputs(r->nhours ? "\n  ]\n}\n" : "]\n}\n", out);
}

static void csv_rate(char *out, size_t outsz, double rate)
{
	if (rate >= 0)
		snprintf(out, outsz, "%.4f", rate);
	else
		out[0] = '\0';
}

static void csv_line(FILE *out, const char *scope, const char *code, const char *name,
		     const struct wg_report_counts *c)
{
	const long n[] = { c->received, c->filed, c->closed, c->closed_on_time, c->due, c->suspended,
			   c->rework, c->wrong_dispatch, c->satisfied, c->feedback };
	char num[10][24], on_time[24], sat[24];
	const char *f[15] = { scope, code, name };
	for (int i = 0; i < 10; i++)
		snprintf(num[i], sizeof num[i], "%ld", n[i]);
	csv_rate(on_time, sizeof on_time, wg_report_on_time_rate(c));
	csv_rate(sat, sizeof sat, wg_report_satisfaction_rate(c));
	for (int i = 0; i < 6; i++)
		f[3 + i] = num[i];
	f[9] = on_time;
	for (int i = 6; i < 10; i++)
		f[4 + i] = num[i];
	f[14] = sat;
	wg_csv_write_row(out, f, 15);
}

void wg_report_csv(const struct wg_report *r, FILE *out)
{
	static const char *const header[15] = {
		"scope", "code", "name", "received", "filed", "closed", "closed_on_time", "due",
		"suspended", "on_time_rate", "rework", "wrong_dispatch", "satisfied", "feedback",
		"satisfaction_rate" };
	wg_csv_write_row(out, header, 15);
	csv_line(out, "month", r->label, r->community, &r->total);
	for (int i = 0; i < r->ncommunities; i++)
		csv_line(out, "community", r->communities[i].code, r->communities[i].name,
			 &r->communities[i].c);
	for (int i = 0; i < r->nsectors; i++)
		csv_line(out, "sector", r->sectors[i].code, r->sectors[i].name, &r->sectors[i].c);
	for (int i = 0; i < r->ncells; i++)
		csv_line(out, "cell", r->cells[i].code, r->cells[i].name, &r->cells[i].c);
	for (int i = 0; i < r->nhandlers; i++)
		csv_line(out, "handler", r->handlers[i].code, r->handlers[i].name, &r->handlers[i].c);
}

static void text_rate(char *out, size_t outsz, double rate)
{
	if (rate < 0)
		snprintf(out, outsz, "-");
	else
		snprintf(out, outsz, "%.1f%%", rate * 100);
}

/* One table row, 75 columns: a name clipped to 16, the counts in 4, the rates in 6. */
static void text_row(FILE *out, const char *name, const struct wg_report_counts *c)
{
	char cell[160], on_time[16], sat[16];
	wg_text_clip(cell, sizeof cell, name, 16, WG_TEXT_PAD);
	text_rate(on_time, sizeof on_time, wg_report_on_time_rate(c));
	text_rate(sat, sizeof sat, wg_report_satisfaction_rate(c));
	fprintf(out, "%s %4ld %4ld %4ld %4ld %4ld %4ld %6s %4ld %4ld %4ld %6s\n", cell, c->received,
		c->filed, c->closed, c->due, c->closed_on_time, c->suspended, on_time, c->rework,
		c->wrong_dispatch, c->feedback, sat);
}

static void text_header(FILE *out, const char *title)
{
	/* L10N: column heads of the monthly report: 4 columns wide, the two rates 6 (a Chinese
	 * character takes 2). */
	const char *heads[] = { _("recv"), _("file"), _("clos"), _("due"), _("ontm"), _("susp"),
				_("ontm%"), _("rewk"), _("wrng"), _("fdbk"), _("sat%") };
	char cell[160];
	wg_text_clip(cell, sizeof cell, title, 16, WG_TEXT_PAD);
	fputs(cell, out);
	for (size_t i = 0; i < sizeof heads / sizeof *heads; i++) {
		wg_text_align(cell, sizeof cell, heads[i], i == 6 || i == 10 ? 6 : 4, WG_TEXT_RIGHT, 0);
		fprintf(out, " %s", cell);
	}
	fputc('\n', out);
}

/* Sectors as "02 城市环境"; cells and handlers by name (their codes are in CSV and JSON). */
static void text_lines(FILE *out, const char *title, const struct wg_report_line *v, int n,
		       int with_code)
{
	char name[200];
	if (!n)
		return;
	fputc('\n', out);
	text_header(out, title);
	for (int i = 0; i < n; i++) {
		snprintf(name, sizeof name, "%s%s%s", with_code ? v[i].code : "",
			 with_code && *v[i].code ? " " : "", v[i].name);
		text_row(out, name, &v[i].c);
	}
}

void wg_report_text(const struct wg_report *r, FILE *out)
{
	char title[64];
	snprintf(title, sizeof title, _("Month %s"), r->label);
	if (*r->community)
		fprintf(out, _("Community %s %s\n"), r->community, r->community_name);
	text_header(out, title);
	text_row(out, _("all cases"), &r->total);
	text_lines(out, _("By community"), r->communities, r->ncommunities, 0);
	text_lines(out, _("By sector"), r->sectors, r->nsectors, 1);
	text_lines(out, _("By cell"), r->cells, r->ncells, 0);
	text_lines(out, _("By handler"), r->handlers, r->nhandlers, 0);
	if (r->nhours) {
		char name[160];
		fprintf(out, "\n%s\n", _("Volunteer hours"));
		for (int i = 0; i < r->nhours; i++) {
			wg_text_clip(name, sizeof name, r->hours[i].name, 12, WG_TEXT_PAD);
			fprintf(out, "%-8s %s %7.1f\n", r->hours[i].vol_no, name, r->hours[i].minutes / 60.0);
		}
	}
}
