/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* wangge tasks add|move|list|show|suggest|queues: the case loop from the command line. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/category.h>
#include <wangge/csv.h>
#include <wangge/i18n.h>
#include <wangge/json.h>
#include <wangge/task.h>
#include <wangge/text.h>
#include <wangge/validate.h>
#include "cli.h"

enum out_format { FMT_TEXT, FMT_CSV, FMT_JSON };

static int parse_format(const char *s, enum out_format *f, int csv_ok)
{
	enum cli_format g;
	unsigned allowed = csv_ok ? CLI_FMTS_ALL : (1u << CLI_FMT_TEXT) | (1u << CLI_FMT_JSON);
	if (cli_format(s, allowed, &g) != WG_OK)
		return WG_EUSAGE;
	*f = g == CLI_FMT_CSV ? FMT_CSV : g == CLI_FMT_JSON ? FMT_JSON : FMT_TEXT;
	return WG_OK;
}

/* ---- tasks add ---- */

static int add_option(struct cli_env *env, int c, struct wg_task_new *in, const char **attach)
{
	switch (c) {
	case 'c': in->cell_code = optarg; break;
	case 'k': in->category_code = optarg; break;
	case 't': in->title = optarg; break;
	case 'd': in->description = optarg; break;
	case 'a': in->address = optarg; break;
	case 'r': in->reporter_text = optarg; break;
	case 'p': in->priority = optarg; break;
	case 'f': *attach = optarg; break;
	case 's':
		if (wg_task_source_parse(optarg, &in->source) != 0)
			return cli_error(WG_EUSAGE, _("--source %s: use patrol, visit, phone, hotline, "
						      "superior or conference"), optarg);
		break;
	default: return cli_usage(env->self);
	}
	return WG_OK;
}

static int tasks_add(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "cell", required_argument, NULL, 'c' },     { "category", required_argument, NULL, 'k' },
		{ "title", required_argument, NULL, 't' },    { "source", required_argument, NULL, 's' },
		{ "priority", required_argument, NULL, 'p' }, { "description", required_argument, NULL, 'd' },
		{ "address", required_argument, NULL, 'a' },  { "reporter", required_argument, NULL, 'r' },
		{ "attach", required_argument, NULL, 'f' },   { NULL, 0, NULL, 0 },
	};
	struct wg_task_new in = { .source = WG_SRC_VISIT };
	const char *attach = NULL;
	int c, rc;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
		if ((rc = add_option(env, c, &in, &attach)) != WG_OK)
			return rc;
	if (optind != argc || !in.cell_code || !in.category_code || !in.title)
		return cli_usage(env->self);
	char number[WG_TASK_NUMBER_SIZE];
	int64_t id;
	struct wg_task_brief dup = { 0 };
	rc = wg_task_add(env->ctx, &in, env->opts.yes ? WG_TASK_ALLOW_DUPLICATE : 0, &id, number, &dup);
	if (rc == WG_EINVAL && dup.id) {
		cli_fail(env, rc);
		fputs(_("Add --yes to record it as a new case anyway.\n"), stderr);
		return rc;
	}
	if (rc == WG_OK && attach)
		rc = wg_task_attach(env->ctx, id, attach, "");
	if (rc != WG_OK)
		return cli_fail(env, rc);
	printf("%s\n", number);
	return WG_OK;
}

/* ---- tasks move ---- */

static int move_option(struct cli_env *env, int c, struct wg_move *m)
{
	long level;
	const char *why;
	int rc;
	switch (c) {
	case 't': m->to_spec = optarg; break;
	case 'n': m->note = optarg; break;
	case 'r': m->rating = optarg; break;
	case 'd': m->review_date = optarg; break;
	case 'l':
		if ((why = wg_validate_int(optarg, 1, 3, &level)) != NULL)
			return cli_error(WG_EUSAGE, _("--level %s: %s"), optarg, why);
		m->level = (int)level;
		break;
	case 'i':
		if ((rc = wg_task_lookup(env->ctx, optarg, &m->into)) != WG_OK)
			return cli_fail(env, rc);
		break;
	default: return cli_usage(env->self);
	}
	return WG_OK;
}

static int tasks_move(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "to", required_argument, NULL, 't' },     { "note", required_argument, NULL, 'n' },
		{ "rating", required_argument, NULL, 'r' }, { "review-date", required_argument, NULL, 'd' },
		{ "level", required_argument, NULL, 'l' },  { "into", required_argument, NULL, 'i' },
		{ NULL, 0, NULL, 0 },
	};
	struct wg_move m = { 0 };
	struct wg_task_detail d;
	int64_t id;
	int c, rc;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
		if ((rc = move_option(env, c, &m)) != WG_OK)
			return rc;
	if (optind + 2 != argc)
		return cli_usage(env->self);
	if (wg_task_action_parse(argv[optind + 1], &m.action) != 0)
		return cli_error(WG_EUSAGE, _("'%s' is not an action; use file, reject, dispatch, accept, "
					      "return, handle, verify, rework, close, suspend, resume, "
					      "escalate, urge, feedback or merge"), argv[optind + 1]);
	if ((rc = wg_task_lookup(env->ctx, argv[optind], &id)) != WG_OK ||
	    (rc = wg_task_move(env->ctx, id, &m)) != WG_OK || (rc = wg_task_load(env->ctx, id, &d)) != WG_OK)
		return cli_fail(env, rc);
	printf("%s %s\n", d.task.number, wg_task_state_name(d.task.state));
	wg_task_detail_free(&d);
	return WG_OK;
}

/* ---- tasks list ---- */

struct list_args {
	struct wg_task_filter f;
	enum wg_task_queue q;
	enum out_format fmt;
	const char *cell;
};

static int parse_sort(const char *s, enum wg_task_sort *out)
{
	static const struct {
		const char *name;
		enum wg_task_sort sort;
	} sorts[] = { { "deadline", WG_TSORT_DEADLINE }, { "newest", WG_TSORT_NEWEST },
		      { "oldest", WG_TSORT_OLDEST } };
	for (size_t i = 0; i < sizeof sorts / sizeof sorts[0]; i++)
		if (strcmp(s, sorts[i].name) == 0)
			return *out = sorts[i].sort, WG_OK;
	return cli_error(WG_EUSAGE, _("--sort %s: use deadline, newest or oldest"), s);
}

static int list_option(struct cli_env *env, int c, struct list_args *a)
{
	const char *why;
	int rc;
	switch (c) {
	case 's':
		if (wg_task_state_parse(optarg, &a->f.state) != 0)
			return cli_error(WG_EUSAGE, _("--state %s: not a case state"), optarg);
		a->f.has_state = 1;
		break;
	case 'o': a->q = WG_Q_OVERDUE; break;
	case 'c': a->cell = optarg; break;
	case 'q':
		if (wg_task_queue_parse(optarg, &a->q) != 0)
			return cli_error(WG_EUSAGE, _("--queue %s: use mine, to-file, to-dispatch, overdue, "
						      "due-today, suspended, to-verify, feedback or all"), optarg);
		break;
	case 'k': snprintf(a->f.sector, sizeof a->f.sector, "%s", optarg); break;
	case 'h':
		if ((rc = wg_handler_resolve(env->ctx, optarg, &a->f.handler)) != WG_OK)
			return cli_fail(env, rc);
		break;
	case 'F':
	case 'T':
		if ((why = wg_task_filter_dates(&a->f, c == 'F' ? optarg : NULL, c == 'T' ? optarg : NULL)))
			return cli_error(WG_EUSAGE, "--%s %s: %s", c == 'F' ? "from" : "to", optarg, why);
		break;
	case 'S': return parse_sort(optarg, &a->f.sort);
	case 'f': return parse_format(optarg, &a->fmt, 1);
	default: return cli_usage(env->self);
	}
	return WG_OK;
}

/* The category column is "code name"; lists show the code. */
static const char *category_code(const char *cat, char *buf, size_t bufsz)
{
	snprintf(buf, bufsz, "%.*s", (int)strcspn(cat, " "), cat);
	return buf;
}

static void print_text_row(const struct wg_row *r)
{
	char code[16];
	cli_print_cell(r->cols[WG_TCOL_NUMBER], 16, "  ");
	cli_print_cell(r->cols[WG_TCOL_STATE], 10, "  ");
	cli_print_cell(wg_light_label((enum wg_light)r->tone), 8, "  ");
	cli_print_cell(r->cols[WG_TCOL_DEADLINE], 16, "  ");
	cli_print_cell(r->cols[WG_TCOL_CELL], 10, "  ");
	cli_print_cell(category_code(r->cols[WG_TCOL_CATEGORY], code, sizeof code), 8, "  ");
	cli_print_cell(r->cols[WG_TCOL_HANDLER], 12, "  ");
	printf("%s\n", r->cols[WG_TCOL_TITLE]);
}

static void print_text_header(void)
{
	cli_print_cell(_("NUMBER"), 16, "  ");
	cli_print_cell(_("STATE"), 10, "  ");
	cli_print_cell(_("LIGHT"), 8, "  ");
	cli_print_cell(_("DEADLINE"), 16, "  ");
	cli_print_cell(_("CELL"), 10, "  ");
	cli_print_cell(_("CATEGORY"), 8, "  ");
	cli_print_cell(_("HANDLER"), 12, "  ");
	printf("%s\n", _("TITLE"));
}

static const char *const machine_keys[] = { "number", "state", "priority", "light", "deadline",
					    "cell", "category", "handler", "title", "created",
					    "supervision" };
#define NKEYS (sizeof machine_keys / sizeof machine_keys[0])

static void print_machine_row(const struct wg_row *r, enum out_format fmt, int first)
{
	char code[16];
	const char *v[NKEYS] = {
		r->cols[WG_TCOL_NUMBER], r->cols[WG_TCOL_STATE_NAME], r->cols[WG_TCOL_PRIORITY_NAME],
		wg_light_name((enum wg_light)r->tone), r->cols[WG_TCOL_DEADLINE], r->cols[WG_TCOL_CELL],
		category_code(r->cols[WG_TCOL_CATEGORY], code, sizeof code), r->cols[WG_TCOL_HANDLER],
		r->cols[WG_TCOL_TITLE], r->cols[WG_TCOL_CREATED], r->cols[WG_TCOL_SUPERVISION],
	};
	if (fmt == FMT_CSV) {
		wg_csv_write_row(stdout, v, NKEYS);
		return;
	}
	fputs(first ? "[\n  {" : ",\n  {", stdout);
	for (size_t i = 0; i < NKEYS; i++) {
		printf("%s\"%s\": ", i ? ", " : "", machine_keys[i]);
		wg_json_string(stdout, v[i]);
	}
	fputc('}', stdout);
}

/* Pages through the whole queue with its keyset, as the screen does. */
static int print_queue(struct cli_env *env, const struct wg_list_source *src, enum out_format fmt)
{
	enum { PAGE = 200 };
	struct wg_rows rows;
	struct wg_pagekey key;
	int rc, n = 0, first = 1;
	wg_rows_init(&rows);
	if (fmt == FMT_CSV)
		wg_csv_write_row(stdout, machine_keys, NKEYS);
	do {
		rc = src->fetch(env->ctx, src->arg, first ? WG_PAGE_FIRST : WG_PAGE_AFTER,
				first ? NULL : &key, PAGE, &rows);
		for (int i = 0; rc == WG_OK && i < rows.n; i++, n++) {
			if (fmt == FMT_TEXT && n == 0)
				print_text_header();
			if (fmt == FMT_TEXT)
				print_text_row(&rows.rows[i]);
			else
				print_machine_row(&rows.rows[i], fmt, n == 0);
		}
		if (rows.n)
			key = rows.rows[rows.n - 1].key;
		first = 0;
	} while (rc == WG_OK && rows.n == PAGE);
	wg_rows_free(&rows);
	if (fmt == FMT_JSON)
		fputs(n ? "\n]\n" : "[]\n", stdout);
	return rc;
}

static int tasks_list(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "state", required_argument, NULL, 's' },  { "overdue", no_argument, NULL, 'o' },
		{ "cell", required_argument, NULL, 'c' },   { "queue", required_argument, NULL, 'q' },
		{ "sector", required_argument, NULL, 'k' }, { "handler", required_argument, NULL, 'h' },
		{ "from", required_argument, NULL, 'F' },   { "to", required_argument, NULL, 'T' },
		{ "sort", required_argument, NULL, 'S' },   { "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	struct list_args a = { .q = WG_Q_ALL, .fmt = FMT_TEXT };
	struct wg_task_queue_src *qs;
	struct wg_list_source src;
	int c, rc;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
		if ((rc = list_option(env, c, &a)) != WG_OK)
			return rc;
	if (optind != argc)
		return cli_usage(env->self);
	if ((a.cell && (rc = wg_task_filter_cell(env->ctx, &a.f, a.cell)) != WG_OK) ||
	    (rc = wg_task_queue_open(env->ctx, a.q, &a.f, &qs, &src)) != WG_OK)
		return cli_fail(env, rc);
	rc = print_queue(env, &src, a.fmt);
	wg_task_queue_close(qs);
	return rc == WG_OK ? WG_OK : cli_fail(env, rc);
}

/* ---- tasks queues ---- */

static int tasks_queues(struct cli_env *env, int argc, char **argv)
{
	(void)argv;
	long counts[WG_Q_COUNT];
	int rc;
	if (argc != 1)
		return cli_usage(env->self);
	if ((rc = wg_task_queue_counts(env->ctx, NULL, counts)) != WG_OK)
		return cli_fail(env, rc);
	for (int q = 0; q < WG_Q_COUNT; q++)
		printf("%s %ld\n", wg_task_queue_name((enum wg_task_queue)q), counts[q]);
	return WG_OK;
}

/* ---- tasks suggest ---- */

static int tasks_suggest(struct cli_env *env, int argc, char **argv)
{
	struct wg_suggestion s[10];
	int64_t id;
	int n, rc;
	if (argc != 2)
		return cli_usage(env->self);
	if ((rc = wg_task_lookup(env->ctx, argv[1], &id)) != WG_OK ||
	    (rc = wg_task_suggest(env->ctx, id, s, 10, &n)) != WG_OK)
		return cli_fail(env, rc);
	for (int i = 0; i < n; i++) {
		const struct wg_handler *h = &s[i].handler;
		if (h->kind == WG_HK_DEPT)
			printf("%4d  dept:%s\n", s[i].score, h->name);
		else
			printf("%4d  %s:%lld  %s\n", s[i].score, wg_handler_kind_name(h->kind),
			       (long long)h->id, h->name);
		for (int r = 0; r < s[i].nreasons; r++)
			printf("        %s\n", s[i].reasons[r]);
	}
	return WG_OK;
}

/* ---- tasks show ---- */

static void field(const char *label, const char *value)
{
	char buf[WG_TEXT_BYTES(16)];
	if (!value || !*value)
		return;
	wg_text_align(buf, sizeof buf, label, 14, WG_TEXT_LEFT, 0);
	printf("  %s %s\n", buf, value);
}

static const char *when(time_t t, char *buf, size_t bufsz)
{
	if (!t)
		buf[0] = '\0';
	else
		wg_format_time(t, "%Y-%m-%d %H:%M", buf, bufsz);
	return buf;
}

static void show_state(const struct wg_task *t)
{
	char buf[512], h[200], a[32], b[32];
	wg_handler_format(&t->handler, h, sizeof h);
	snprintf(buf, sizeof buf, "%s%s%s", wg_task_state_label(t->state), h[0] ? " — " : "", h);
	field(_("State"), buf);
	field(_("Deadline"), when(t->deadline_at, a, sizeof a));
	if (t->step[0] && t->step_deadline_at) {
		snprintf(buf, sizeof buf, _("%s by %s (yellow from %s)"), t->step,
			 when(t->step_deadline_at, a, sizeof a), when(t->step_warn_at, b, sizeof b));
		field(_("Step"), buf);
	}
	field(_("Light"), wg_light_label(t->light));
	if (t->state == WG_TS_SUSPENDED) {
		snprintf(buf, sizeof buf, _("from '%s', review on %s"), wg_task_state_label(t->resume_state),
			 t->review_date);
		field(_("Suspended"), buf);
	}
	field(_("Merged into"), t->merged_into_number);
	if (t->closed_at) {
		snprintf(buf, sizeof buf, "%s  %s", when(t->closed_at, a, sizeof a), wg_rating_label(t->rating));
		field(_("Closed"), buf);
	}
}

static void show_fields(const struct wg_task *t)
{
	char buf[640], a[32];
	printf("%s  %s\n", t->number, t->title);
	show_state(t);
	snprintf(buf, sizeof buf, "%s %s", t->category_code, t->category_path);
	field(_("Category"), buf);
	snprintf(buf, sizeof buf, "%s %s", t->cell_code, t->cell_name);
	field(_("Cell"), buf);
	snprintf(buf, sizeof buf, "%s%s%s", t->building, t->building[0] && t->address[0] ? " " : "", t->address);
	field(_("Address"), buf);
	field(_("Source"), wg_task_source_label(t->source));
	field(_("Reporter"), t->reporter);
	field(_("Priority"), wg_priority_label(t->priority));
	snprintf(buf, sizeof buf, _("level %d"), t->supervision);
	field(_("Supervision"), t->supervision ? buf : "");
	snprintf(buf, sizeof buf, _("rework %d, wrong dispatch %d"), t->rework_count, t->wrong_dispatch_count);
	field(_("Counters"), buf);
	snprintf(buf, sizeof buf, "%s %s", when(t->created_at, a, sizeof a), t->created_by);
	field(_("Reported"), buf);
	field(_("Description"), t->description);
}

static void show_text(const struct wg_task_detail *d)
{
	char a[32], b[32], h[200];
	show_fields(&d->task);
	for (int i = 0; i < d->natts; i++)
		field(_("Attachment"), d->atts[i].path);
	printf("%s\n", _("Timeline"));
	for (int i = 0; i < d->nevents; i++) {
		const struct wg_task_event *e = &d->events[i];
		wg_handler_format(&e->handler, h, sizeof h);
		printf("  %s  %s  %s", when(e->at, a, sizeof a), e->actor, e->action_name);
		if (e->from < WG_TS_COUNT && e->from != e->to)
			printf("  %s → %s", wg_task_state_name(e->from), wg_task_state_name(e->to));
		else if (e->from == WG_TS_COUNT && e->to < WG_TS_COUNT)
			printf("  → %s", wg_task_state_name(e->to));
		if (h[0])
			printf("  %s", h);
		if (e->rating[0])
			printf("  %s", wg_rating_label(e->rating));
		if (e->clock[0])
			printf("  [%s%s%s]", e->clock, e->deadline_at ? " " : "", when(e->deadline_at, b, sizeof b));
		putchar('\n');
		if (e->note[0])
			printf("      %s\n", e->note);
	}
}

static void json_pair(const char *key, const char *value, int comma)
{
	printf("%s\n  \"%s\": ", comma ? "," : "", key);
	wg_json_string(stdout, value);
}

static void json_fields(const struct wg_task *t)
{
	char a[32];
	printf("{\n  \"id\": %lld", (long long)t->id);
	json_pair("number", t->number, 1);
	json_pair("title", t->title, 1);
	json_pair("state", wg_task_state_name(t->state), 1);
	json_pair("resume_state", wg_task_state_name(t->resume_state), 1);
	json_pair("source", wg_task_source_name(t->source), 1);
	json_pair("reporter", t->reporter, 1);
	json_pair("cell", t->cell_code, 1);
	json_pair("cell_name", t->cell_name, 1);
	json_pair("address", t->address, 1);
	json_pair("category", t->category_code, 1);
	json_pair("category_path", t->category_path, 1);
	json_pair("priority", t->priority, 1);
	json_pair("handler_kind", wg_handler_kind_name(t->handler.kind), 1);
	printf(",\n  \"handler_id\": %lld", (long long)t->handler.id);
	json_pair("handler", t->handler.name, 1);
	printf(",\n  \"supervision\": %d", t->supervision);
	json_pair("deadline", when(t->deadline_at, a, sizeof a), 1);
	json_pair("light", wg_light_name(t->light), 1);
	json_pair("step", t->step, 1);
	json_pair("step_deadline", when(t->step_deadline_at, a, sizeof a), 1);
	json_pair("review_date", t->review_date, 1);
	json_pair("merged_into", t->merged_into_number, 1);
	printf(",\n  \"rework_count\": %d,\n  \"wrong_dispatch_count\": %d", t->rework_count,
	       t->wrong_dispatch_count);
	json_pair("closed", when(t->closed_at, a, sizeof a), 1);
	json_pair("rating", t->rating, 1);
	json_pair("created", when(t->created_at, a, sizeof a), 1);
	json_pair("created_by", t->created_by, 1);
	json_pair("description", t->description, 1);
}

static void json_events(const struct wg_task_detail *d)
{
	char a[32];
	printf(",\n  \"events\": [");
	for (int i = 0; i < d->nevents; i++) {
		const struct wg_task_event *e = &d->events[i];
		const char *v[] = { when(e->at, a, sizeof a), e->actor, e->action_name,
				    wg_task_state_name(e->from), wg_task_state_name(e->to), e->note,
				    wg_handler_kind_name(e->handler.kind), e->handler.name, e->clock,
				    e->rating };
		static const char *const k[] = { "at", "actor", "action", "from", "to", "note",
						 "handler_kind", "handler", "clock", "rating" };
		printf("%s\n    {", i ? "," : "");
		for (size_t j = 0; j < sizeof k / sizeof k[0]; j++) {
			printf("%s\"%s\": ", j ? ", " : "", k[j]);
			wg_json_string(stdout, v[j]);
		}
		printf(", \"deadline\": ");
		wg_json_string(stdout, when(e->deadline_at, a, sizeof a));
		putchar('}');
	}
	printf("%s],\n  \"attachments\": [", d->nevents ? "\n  " : "");
	for (int i = 0; i < d->natts; i++) {
		printf("%s", i ? ", " : "");
		wg_json_string(stdout, d->atts[i].path);
	}
	printf("],\n  \"allowed\": [");
	for (int a2 = 0, n = 0; a2 < WG_ACT_COUNT; a2++)
		if (d->allowed & (1u << a2)) {
			printf("%s", n++ ? ", " : "");
			wg_json_string(stdout, wg_task_action_name((enum wg_task_action)a2));
		}
	printf("]\n}\n");
}

static int tasks_show(struct cli_env *env, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' }, { NULL, 0, NULL, 0 },
	};
	enum out_format fmt = FMT_TEXT;
	struct wg_task_detail d;
	int64_t id;
	int c, rc;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
		if (c != 'f' || (rc = parse_format(optarg, &fmt, 0)) != WG_OK)
			return c == 'f' ? rc : cli_usage(env->self);
	if (optind + 1 != argc)
		return cli_usage(env->self);
	if ((rc = wg_task_lookup(env->ctx, argv[optind], &id)) != WG_OK ||
	    (rc = wg_task_load(env->ctx, id, &d)) != WG_OK)
		return cli_fail(env, rc);
	if (fmt == FMT_JSON) {
		json_fields(&d.task);
		json_events(&d);
	} else {
		show_text(&d);
	}
	wg_task_detail_free(&d);
	return WG_OK;
}

const struct cli_cmd cli_tasks_rows[] = {
	{ "tasks", NULL, NULL, N_("cases: report, move through the loop, list queues, show, suggest handlers"),
	  CLI_NEEDS_LOGIN, NULL },
	{ "tasks", "add", "--cell CODE --category CODE --title TEXT [--source S] [--priority P]"
	  " [--description T] [--address A] [--reporter TEXT] [--attach FILE]",
	  N_("report a case"), CLI_NEEDS_LOGIN, tasks_add },
	{ "tasks", "move", "ID ACTION [--to KIND:ID] [--note TEXT] [--rating R] [--review-date DATE]"
	  " [--level N] [--into CASE]", N_("move a case one step through the loop"), CLI_NEEDS_LOGIN,
	  tasks_move },
	{ "tasks", "list", "[--queue Q] [--state S] [--overdue] [--cell CODE] [--sector CODE]"
	  " [--handler KIND:ID] [--from DATE] [--to DATE] [--sort deadline|newest|oldest]"
	  " [--format text|csv|json|xlsx] [-o FILE]", N_("cases of a queue or a filter"), CLI_NEEDS_LOGIN, tasks_list },
	{ "tasks", "show", "ID [--format text|json]", N_("a case with its timeline"), CLI_NEEDS_LOGIN,
	  tasks_show },
	{ "tasks", "suggest", "ID", N_("who could take a case, best first"), CLI_NEEDS_LOGIN, tasks_suggest },
	{ "tasks", "queues", "", N_("the count of each queue"), CLI_NEEDS_LOGIN, tasks_queues },
	{ NULL, NULL, NULL, NULL, 0, NULL },
};
