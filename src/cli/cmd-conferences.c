/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* wangge conferences add|list|show|decide: joint conferences (联席会议) and their decisions. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/conference.h>
#include <wangge/csv.h>
#include <wangge/i18n.h>
#include <wangge/json.h>
#include <wangge/validate.h>
#include "cli.h"

#define MAX_LISTED 64 /* parties or cases named on one command line */

static int conf_add(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'd' },  { "topic", required_argument, NULL, 't' },
		{ "convener", required_argument, NULL, 'c' }, { "place", required_argument, NULL, 'p' },
		{ "party", required_argument, NULL, 'P' }, { "case", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 },
	};
	const char *parties[MAX_LISTED], *cases[MAX_LISTED];
	struct wg_conference_new in = { .parties = parties, .cases = cases };
	int64_t id;
	int c, rc;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': in.date = optarg; break;
		case 't': in.topic = optarg; break;
		case 'c': in.convener = optarg; break;
		case 'p': in.place = optarg; break;
		case 'P':
		case 'k':
			if ((c == 'P' ? in.nparties : in.ncases) == MAX_LISTED)
				return cli_error(WG_EUSAGE, _("at most %d parties and %d cases at a time; add "
							      "the rest with another 'conferences add' "
							      "of the same date"), MAX_LISTED, MAX_LISTED);
			if (c == 'P')
				parties[in.nparties++] = optarg;
			else
				cases[in.ncases++] = optarg;
			break;
		default: return cli_usage(env->self);
		}
	}
	if (optind != argc || !in.date || !in.topic)
		return cli_usage(env->self);
	if ((rc = wg_conference_add(env->ctx, &in, &id)) != WG_OK)
		return cli_fail(env, rc);
	printf("%lld\n", (long long)id);
	return WG_OK;
}

/* A conference by key, or by date when that day had one. */
struct found {
	const char *date;
	int64_t id;
	int n;
};

static int same_day(void *arg, const struct wg_conference *c)
{
	struct found *f = arg;
	if (f->n++ == 0)
		f->id = c->id;
	return WG_OK;
}

static int conf_ref(struct cli_env *env, const char *ref, int64_t *id)
{
	char date[WG_DATE_SIZE], *end;
	long long n = strtoll(ref, &end, 10);
	if (!*end && n > 0) {
		*id = n;
		return WG_OK;
	}
	if (wg_validate_date(ref, date, sizeof date))
		return cli_error(WG_EUSAGE, _("%s: give the conference's key or its date, as 'wangge "
					      "conferences list' prints them"), ref);
	struct found f = { date, 0, 0 };
	int rc = wg_conference_list(env->ctx, date, date, same_day, &f);
	if (rc != WG_OK)
		return cli_fail(env, rc);
	if (f.n == 1) {
		*id = f.id;
		return WG_OK;
	}
	if (f.n)
		return cli_error(WG_EINVAL, _("%s had %d joint conferences; give the key instead"), date, f.n);
	return cli_error(WG_EINVAL, _("there was no joint conference on %s; see 'wangge conferences list'"),
			 date);
}

struct listing {
	enum cli_format fmt;
	int n;
};

static int list_one(void *arg, const struct wg_conference *c)
{
	struct listing *l = arg;
	char id[24], parties[16], cases[16], decided[16];
	snprintf(id, sizeof id, "%lld", (long long)c->id);
	snprintf(parties, sizeof parties, "%d", c->nparties);
	snprintf(cases, sizeof cases, "%d", c->ncases);
	snprintf(decided, sizeof decided, "%d", c->ndecided);
	if (l->fmt == CLI_FMT_JSON) {
		printf("%s\n  {\"id\": %s, \"date\": \"%s\", \"topic\": ", l->n ? "," : "", id, c->date);
		wg_json_string(stdout, c->topic);
		fputs(", \"convener\": ", stdout);
		wg_json_string(stdout, c->convener);
		printf(", \"parties\": %d, \"cases\": %d, \"decided\": %d}", c->nparties, c->ncases,
		       c->ndecided);
	} else if (l->fmt == CLI_FMT_CSV) {
		const char *f[7] = { id, c->date, c->topic, c->convener, parties, cases, decided };
		wg_csv_write_row(stdout, f, 7);
	} else {
		snprintf(decided, sizeof decided, "%d/%d", c->ndecided, c->ncases);
		cli_print_cell(id, 14, " ");
		cli_print_cell(c->date, 10, " ");
		cli_print_cell(c->topic, 30, " ");
		cli_print_cell(c->convener, 10, " ");
		printf("%s\n", decided);
	}
	l->n++;
	return WG_OK;
}

static int conf_list(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = { { "from", required_argument, NULL, 'f' },
					      { "to", required_argument, NULL, 't' },
					      { "format", required_argument, NULL, 'F' },
					      { NULL, 0, NULL, 0 } };
	static const char *const header[7] = { "id", "date", "topic", "convener", "parties", "cases",
					       "decided" };
	char from[WG_DATE_SIZE] = "", to[WG_DATE_SIZE] = "";
	struct listing l = { CLI_FMT_TEXT, 0 };
	const char *why;
	int c, rc;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'F' && cli_format(optarg, CLI_FMTS_ALL, &l.fmt) != WG_OK)
			return WG_EUSAGE;
		if ((c == 'f' || c == 't') &&
		    (why = wg_validate_date(optarg, c == 'f' ? from : to, WG_DATE_SIZE)))
			return cli_error(WG_EUSAGE, "--%s %s: %s", c == 'f' ? "from" : "to", optarg, why);
		if (c == '?')
			return cli_usage(env->self);
	}
	if (optind != argc)
		return cli_usage(env->self);
	if (l.fmt == CLI_FMT_CSV)
		wg_csv_write_row(stdout, header, 7);
	else if (l.fmt == CLI_FMT_JSON)
		fputc('[', stdout);
	else
		printf("%-14s %-10s %-30s %-10s %s\n", _("KEY"), _("DATE"), _("TOPIC"), _("CONVENER"),
		       _("DECIDED"));
	if ((rc = wg_conference_list(env->ctx, from, to, list_one, &l)) != WG_OK)
		return cli_fail(env, rc);
	if (l.fmt == CLI_FMT_JSON)
		fputs(l.n ? "\n]\n" : "]\n", stdout);
	return WG_OK;
}

static void show_text(const struct wg_conference_detail *d)
{
	printf(_("Joint conference %lld\nDate       %s\nTopic      %s\n"), (long long)d->c.id, d->c.date,
	       d->c.topic);
	if (*d->c.convener)
		printf(_("Convener   %s\n"), d->c.convener);
	if (*d->c.place)
		printf(_("Place      %s\n"), d->c.place);
	printf(_("Parties    %d\n"), d->c.nparties);
	for (int i = 0; i < d->c.nparties; i++)
		printf("  %-13s %s\n", d->parties[i].kind, d->parties[i].name);
	printf(_("Cases      %d, %d decided\n"), d->c.ncases, d->c.ndecided);
	for (int i = 0; i < d->c.ncases; i++) {
		const struct wg_conference_case *k = &d->cases[i];
		printf("  %s  %s  [%s]\n", k->number, k->title, wg_task_state_label(k->state));
		if (*k->decision)
			printf(_("    decided: %s\n"), k->decision);
		if (*k->follow_up)
			printf(_("    follow-up case: %s\n"), k->follow_up);
	}
}

static void show_json(const struct wg_conference_detail *d)
{
	printf("{\"id\": %lld, \"date\": \"%s\", \"topic\": ", (long long)d->c.id, d->c.date);
	wg_json_string(stdout, d->c.topic);
	fputs(", \"convener\": ", stdout);
	wg_json_string(stdout, d->c.convener);
	fputs(", \"place\": ", stdout);
	wg_json_string(stdout, d->c.place);
	fputs(", \"parties\": [", stdout);
	for (int i = 0; i < d->c.nparties; i++) {
		printf("%s{\"kind\": \"%s\", \"name\": ", i ? ", " : "", d->parties[i].kind);
		wg_json_string(stdout, d->parties[i].name);
		fputc('}', stdout);
	}
	fputs("], \"cases\": [", stdout);
	for (int i = 0; i < d->c.ncases; i++) {
		const struct wg_conference_case *k = &d->cases[i];
		printf("%s{\"number\": \"%s\", \"state\": \"%s\", \"decision\": ", i ? ", " : "", k->number,
		       wg_task_state_name(k->state));
		wg_json_string(stdout, k->decision);
		fputs(", \"follow_up\": ", stdout);
		wg_json_string(stdout, k->follow_up);
		fputc('}', stdout);
	}
	fputs("]}\n", stdout);
}

static int conf_show(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = { { "format", required_argument, NULL, 'F' },
					      { NULL, 0, NULL, 0 } };
	enum cli_format fmt = CLI_FMT_TEXT;
	struct wg_conference_detail d;
	int64_t id;
	int c, rc;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == '?')
			return cli_usage(env->self);
		if (cli_format(optarg, (1u << CLI_FMT_TEXT) | (1u << CLI_FMT_JSON), &fmt) != WG_OK)
			return WG_EUSAGE;
	}
	if (optind != argc - 1)
		return cli_usage(env->self);
	if ((rc = conf_ref(env, argv[optind], &id)) != WG_OK)
		return rc;
	if ((rc = wg_conference_load(env->ctx, id, &d)) != WG_OK)
		return cli_fail(env, rc);
	if (fmt == CLI_FMT_JSON)
		show_json(&d);
	else
		show_text(&d);
	wg_conference_detail_free(&d);
	return WG_OK;
}

static int conf_decide(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "to", required_argument, NULL, 't' },       { "note", required_argument, NULL, 'n' },
		{ "deadline", required_argument, NULL, 'd' }, { "follow-up", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	struct wg_conference_decision in = { 0 };
	char number[WG_TASK_NUMBER_SIZE];
	int64_t id;
	int c, rc;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 't': in.to = optarg; break;
		case 'n': in.decision = optarg; break;
		case 'd': in.deadline = optarg; break;
		case 'f': in.follow_up = optarg; break;
		default: return cli_usage(env->self);
		}
	}
	if (optind != argc - 2 || !in.to || !in.decision)
		return cli_usage(env->self);
	in.case_ref = argv[optind + 1];
	if ((rc = conf_ref(env, argv[optind], &id)) != WG_OK)
		return rc;
	if ((rc = wg_conference_decide(env->ctx, id, &in, number)) != WG_OK)
		return cli_fail(env, rc);
	printf(_("%s decided and dispatched\n"), in.case_ref);
	if (*number)
		printf(_("follow-up case %s reported\n"), number);
	return WG_OK;
}

const struct cli_cmd cli_conferences_rows[] = {
	{ "conferences", NULL, NULL,
	  N_("joint conferences (联席会议): parties, the escalated cases before them, decisions"),
	  CLI_NEEDS_LOGIN, NULL },
	{ "conferences", "add",
	  "--date DATE --topic TEXT [--convener NAME] [--place TEXT] [--party KIND:REF]... [--case CASE]...",
	  N_("record a conference with its parties and the escalated cases it takes"), CLI_NEEDS_LOGIN,
	  conf_add },
	{ "conferences", "list", "[--from DATE] [--to DATE] [--format text|csv|json]",
	  N_("the conferences, newest first, with how many of their cases are decided"), CLI_NEEDS_LOGIN,
	  conf_list },
	{ "conferences", "show", "ID|DATE [--format text|json]",
	  N_("one conference: parties, cases and decisions"), CLI_NEEDS_LOGIN, conf_show },
	{ "conferences", "decide",
	  "ID|DATE CASE --to KIND:REF --note DECISION [--deadline DATE] [--follow-up TITLE]",
	  N_("decide a case: dispatched with the decision and deadline, a follow-up case if asked"),
	  CLI_NEEDS_LOGIN, conf_decide },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};
