/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* wangge notices add|list|show|ack: notices to the parties and who has acknowledged them. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/csv.h>
#include <wangge/i18n.h>
#include <wangge/json.h>
#include <wangge/notice.h>
#include "cli.h"

#define MAX_TO 64 /* recipients named on one command line */

static int notice_ref(const char *s, int64_t *id)
{
	char *end;
	long long n = strtoll(s, &end, 10);
	if (*end || n <= 0)
		return cli_error(WG_EUSAGE, _("%s: give the notice's key, as 'wangge notices list' prints it"),
				 s);
	*id = n;
	return WG_OK;
}

static int notices_add(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "title", required_argument, NULL, 't' }, { "body", required_argument, NULL, 'b' },
		{ "to", required_argument, NULL, 'T' },    { "case", required_argument, NULL, 'c' },
		{ "project", required_argument, NULL, 'p' }, { "due", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	const char *to[MAX_TO];
	struct wg_notice_new in = { .to = to };
	int64_t id;
	int c, rc;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 't': in.title = optarg; break;
		case 'b': in.body = optarg; break;
		case 'c': in.task = optarg; break;
		case 'd': in.due = optarg; break;
		case 'p':
			if (notice_ref(optarg, &in.project_id) != WG_OK)
				return WG_EUSAGE;
			break;
		case 'T':
			if (in.nto == MAX_TO)
				return cli_error(WG_EUSAGE, _("at most %d recipients in one notice"), MAX_TO);
			to[in.nto++] = optarg;
			break;
		default: return cli_usage(env->self);
		}
	}
	if (optind != argc || !in.title)
		return cli_usage(env->self);
	if ((rc = wg_notice_add(env->ctx, &in, &id)) != WG_OK)
		return cli_fail(env, rc);
	printf("%lld\n", (long long)id);
	return WG_OK;
}

struct listing {
	enum cli_format fmt;
	int n;
};

static int list_one(void *arg, const struct wg_notice *n)
{
	struct listing *l = arg;
	char id[24], sent[24], due[24] = "", acked[24];
	snprintf(id, sizeof id, "%lld", (long long)n->id);
	wg_format_time(n->sent_at, "%Y-%m-%d %H:%M", sent, sizeof sent);
	if (n->due_at)
		wg_format_time(n->due_at, "%Y-%m-%d %H:%M", due, sizeof due);
	snprintf(acked, sizeof acked, "%d/%d", n->acked, n->recipients);
	if (l->fmt == CLI_FMT_JSON) {
		printf("%s\n  {\"id\": %s, \"sent_at\": \"%s\", \"title\": ", l->n ? "," : "", id, sent);
		wg_json_string(stdout, n->title);
		printf(", \"due_at\": \"%s\", \"recipients\": %d, \"acknowledged\": %d, \"overdue\": %s,"
		       " \"case\": \"%s\", \"project\": ", due, n->recipients, n->acked,
		       n->overdue ? "true" : "false", n->task);
		wg_json_string(stdout, n->project);
		fputc('}', stdout);
	} else if (l->fmt == CLI_FMT_CSV) {
		const char *f[8] = { id, sent, n->title, due, acked, n->overdue ? "overdue" : "",
				     n->task, n->project };
		wg_csv_write_row(stdout, f, 8);
	} else {
		cli_print_cell(id, 14, " ");
		cli_print_cell(sent, 16, " ");
		cli_print_cell(n->title, 24, " ");
		cli_print_cell(due, 16, " ");
		printf("%s%s\n", acked, n->overdue ? _("  overdue") : "");
	}
	l->n++;
	return WG_OK;
}

static int notices_list(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = { { "open", no_argument, NULL, 'o' },
					      { "format", required_argument, NULL, 'F' },
					      { NULL, 0, NULL, 0 } };
	static const char *const header[8] = { "id", "sent_at", "title", "due_at", "acknowledged",
					       "overdue", "case", "project" };
	struct listing l = { CLI_FMT_TEXT, 0 };
	int c, rc, open_only = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'o')
			open_only = 1;
		else if (c != 'F')
			return cli_usage(env->self);
		else if (cli_format(optarg, CLI_FMTS_ALL, &l.fmt) != WG_OK)
			return WG_EUSAGE;
	}
	if (optind != argc)
		return cli_usage(env->self);
	if (l.fmt == CLI_FMT_CSV)
		wg_csv_write_row(stdout, header, 8);
	else if (l.fmt == CLI_FMT_JSON)
		fputc('[', stdout);
	else
		printf("%-14s %-16s %-24s %-16s %s\n", _("KEY"), _("SENT"), _("TITLE"), _("DUE"),
		       _("ACKNOWLEDGED"));
	if ((rc = wg_notice_list(env->ctx, open_only, list_one, &l)) != WG_OK)
		return cli_fail(env, rc);
	if (l.fmt == CLI_FMT_JSON)
		fputs(l.n ? "\n]\n" : "]\n", stdout);
	return WG_OK;
}

static void recipient_line(const struct wg_notice_recipient *r)
{
	char when[24];
	printf("  %-13s ", r->kind);
	cli_print_cell(r->name, 20, " ");
	if (r->acked_at) {
		wg_format_time(r->acked_at, "%Y-%m-%d %H:%M", when, sizeof when);
		printf(_("acknowledged %s (recorded by %s)"), when, r->acked_by);
		if (*r->note)
			printf("  %s", r->note);
	} else if (r->read_at) {
		wg_format_time(r->read_at, "%Y-%m-%d %H:%M", when, sizeof when);
		printf(_("read %s, not acknowledged"), when);
	} else {
		fputs(_("not read"), stdout);
	}
	putchar('\n');
}

static int notices_show(struct cli_env *env, int argc, char **argv)
{
	struct wg_notice_detail d;
	char sent[24], due[24];
	int64_t id;
	int rc;
	if (argc != 2)
		return cli_usage(env->self);
	if (notice_ref(argv[1], &id) != WG_OK)
		return WG_EUSAGE;
	if ((rc = wg_notice_load(env->ctx, id, &d)) != WG_OK)
		return cli_fail(env, rc);
	wg_format_time(d.n.sent_at, "%Y-%m-%d %H:%M", sent, sizeof sent);
	printf(_("Notice %lld: %s\nSent %s by %s\n"), (long long)d.n.id, d.n.title, sent, d.n.sender);
	if (d.n.due_at) {
		wg_format_time(d.n.due_at, "%Y-%m-%d %H:%M", due, sizeof due);
		printf(_("Acknowledge by %s%s\n"), due, d.n.overdue ? _(" (overdue)") : "");
	}
	if (*d.n.task)
		printf(_("Case %s\n"), d.n.task);
	if (*d.n.project)
		printf(_("Project %s\n"), d.n.project);
	if (*d.body)
		printf("\n%s\n", d.body);
	printf(_("\nRecipients: %d, %d acknowledged\n"), d.n.recipients, d.n.acked);
	for (int i = 0; i < d.n.recipients; i++)
		recipient_line(&d.to[i]);
	wg_notice_detail_free(&d);
	return WG_OK;
}

static int notices_ack(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = { { "by", required_argument, NULL, 'b' },
					      { "note", required_argument, NULL, 'n' },
					      { NULL, 0, NULL, 0 } };
	const char *by = NULL, *note = NULL;
	int64_t id;
	int c, rc, already;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == '?')
			return cli_usage(env->self);
		*(c == 'b' ? &by : &note) = optarg;
	}
	if (optind != argc - 1)
		return cli_usage(env->self);
	if (notice_ref(argv[optind], &id) != WG_OK)
		return WG_EUSAGE;
	if ((rc = wg_notice_ack(env->ctx, id, by, note, &already)) != WG_OK)
		return cli_fail(env, rc);
	printf(already ? _("notice %lld had been acknowledged already\n")
		       : _("notice %lld acknowledged\n"), (long long)id);
	return WG_OK;
}

const struct cli_cmd cli_notices_rows[] = {
	{ "notices", NULL, NULL,
	  N_("notices (信息沟通) to organizations, teams, social workers, grid workers and departments"),
	  CLI_NEEDS_LOGIN, NULL },
	{ "notices", "add",
	  "--title TEXT --to KIND:REF... [--body TEXT] [--case CASE] [--project ID] [--due DATE|TIME]",
	  N_("send a notice; each recipient acknowledges it"), CLI_NEEDS_LOGIN, notices_add },
	{ "notices", "list", "[--open] [--format text|csv|json]",
	  N_("notices, newest first, with how many have acknowledged (yours only, below clerk)"),
	  CLI_NEEDS_LOGIN, notices_list },
	{ "notices", "show", "ID", N_("one notice and each recipient: read, acknowledged, when, by whom"),
	  CLI_NEEDS_LOGIN, notices_show },
	{ "notices", "ack", "ID [--by KIND:REF] [--note TEXT]",
	  N_("acknowledge a notice sent to you, or (clerks) for a recipient who told you"),
	  CLI_NEEDS_LOGIN, notices_ack },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};
