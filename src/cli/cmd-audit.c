/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* wangge audit: the audit log for an administrator, filtered, as text, CSV or JSON. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/audit.h>
#include <wangge/csv.h>
#include <wangge/i18n.h>
#include <wangge/json.h>
#include <wangge/unctrl.h>
#include "cli.h"

enum fmt { FMT_TEXT, FMT_CSV, FMT_JSON };

struct listing {
	enum fmt fmt;
	int n;
};

/* s escaped by the program's one rule (unctrl.h), as every other output is. */
static char *escaped(const char *s)
{
	size_t n = WG_UNCTRL_BYTES(strlen(s)) + 1;
	char *out = malloc(n);
	if (out)
		wg_unctrl_str(s, out, n, 0);
	return out;
}

static void put_text(const struct wg_audit_entry *e, const char *at, const char *record)
{
	char *user = escaped(e->user), *detail = escaped(e->detail);
	printf("%s  ", at);
	cli_print_cell(user && *user ? user : "-", 10, " ");
	cli_print_cell(e->action, 18, " ");
	cli_print_cell(record, 30, " ");
	printf("%s\n", detail ? detail : "");
	free(user);
	free(detail);
}

static void put_csv(const struct wg_audit_entry *e, const char *at, const char *record)
{
	char *user = escaped(e->user), *detail = escaped(e->detail);
	const char *f[] = { at, user ? user : "", e->action, e->table, record, detail ? detail : "" };
	wg_csv_write_row(stdout, f, 6);
	free(user);
	free(detail);
}

static void put_json(const struct wg_audit_entry *e, const char *at, int first)
{
	printf("%s {\"id\": %" PRId64 ", \"at\": ", first ? "\n" : ",\n", e->id);
	wg_json_string(stdout, at);
	fputs(", \"user\": ", stdout);
	wg_json_string(stdout, e->user);
	fputs(", \"action\": ", stdout);
	wg_json_string(stdout, e->action);
	fputs(", \"table\": ", stdout);
	wg_json_string(stdout, e->table);
	printf(", \"record\": %" PRId64 ", \"detail\": ", e->record);
	wg_json_string(stdout, e->detail);
	fputc('}', stdout);
}

/* The CSV header or the JSON bracket, once the log could be read (nothing on a refusal). */
static void open_listing(const struct listing *l)
{
	static const char *const header[] = { "at", "user", "action", "table", "record", "detail" };
	if (l->fmt == FMT_CSV)
		wg_csv_write_row(stdout, header, 6);
	else if (l->fmt == FMT_JSON)
		fputc('[', stdout);
}

static int put_entry(void *arg, const struct wg_audit_entry *e)
{
	struct listing *l = arg;
	char at[24], record[64];
	if (l->n == 0)
		open_listing(l);
	wg_format_time(e->at, l->fmt == FMT_TEXT ? "%Y-%m-%d %H:%M" : "%Y-%m-%d %H:%M:%S", at,
		       sizeof at);
	if (e->record)
		snprintf(record, sizeof record, "%s:%" PRId64, e->table, e->record);
	else
		snprintf(record, sizeof record, "%s", *e->table ? e->table : "-");
	if (l->fmt == FMT_TEXT)
		put_text(e, at, record);
	else if (l->fmt == FMT_CSV)
		put_csv(e, at, e->record ? record + strlen(e->table) + 1 : "");
	else
		put_json(e, at, l->n == 0);
	l->n++;
	return WG_OK;
}

/* --record TABLE:ID */
static int record_arg(const char *s, struct wg_audit_query *q, char *table, size_t tablesz)
{
	const char *colon = strchr(s, ':');
	char *end;
	long long id = colon ? strtoll(colon + 1, &end, 10) : 0;
	if (!colon || colon == s || (size_t)(colon - s) >= tablesz || !colon[1] || *end || id <= 0)
		return cli_error(WG_EUSAGE, _("--record %s: give TABLE:ID, as 'wangge audit' lists "
					      "them (residents:1099511627777)"), s);
	snprintf(table, tablesz, "%.*s", (int)(colon - s), s);
	q->table = table;
	q->record = id;
	return WG_OK;
}

static int parse(struct cli_env *env, int argc, char **argv, struct wg_audit_query *q, enum fmt *fmt, char *table,
		 size_t tablesz)
{
	static const struct option opts[] = {
		{ "by", required_argument, NULL, 'b' }, { "record", required_argument, NULL, 'r' },
		{ "table", required_argument, NULL, 't' }, { "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 'T' }, { "action", required_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'o' }, { NULL, 0, NULL, 0 },
	};
	enum cli_format f;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'b': q->user = optarg; break;
		case 'r':
			if (record_arg(optarg, q, table, tablesz) != WG_OK)
				return WG_EUSAGE;
			break;
		case 't': q->table = optarg; break;
		case 'f': q->from = optarg; break;
		case 'T': q->to = optarg; break;
		case 'a': q->action = optarg; break;
		case 'o':
			if (cli_format(optarg, CLI_FMTS_ALL, &f) != WG_OK)
				return WG_EUSAGE;
			*fmt = f == CLI_FMT_CSV ? FMT_CSV : f == CLI_FMT_JSON ? FMT_JSON : FMT_TEXT;
			break;
		default: return cli_usage(env->self);
		}
	}
	return optind == argc ? WG_OK : cli_usage(env->self);
}

static int cmd_audit(struct cli_env *env, int argc, char **argv)
{
	struct wg_audit_query q = { 0 };
	struct listing l = { FMT_TEXT, 0 };
	char table[64];
	int rc;
	if (parse(env, argc, argv, &q, &l.fmt, table, sizeof table) != WG_OK)
		return WG_EUSAGE;
	if ((rc = wg_audit_list(env->ctx, &q, put_entry, &l)) != WG_OK)
		return cli_fail(env, rc);
	if (l.n == 0)
		open_listing(&l);
	if (l.fmt == FMT_JSON)
		fputs(l.n ? "\n]\n" : "]\n", stdout);
	return WG_OK;
}

const struct cli_cmd cli_audit_rows[] = {
	{ "audit", NULL, "[--by NAME] [--record TABLE:ID] [--table T] [--action A] [--from DATE] [--to DATE]"
	  " [--format text|csv|json]",
	  N_("the audit log, oldest first: who changed which record and field (administrators)"), CLI_NEEDS_LOGIN, cmd_audit },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};
