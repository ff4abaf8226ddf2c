/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Screen 5, the notices pane (信息沟通): notices newest first with how many recipients have
 * acknowledged; F2 sends one, Enter shows it with each recipient's read and acknowledged
 * times, F6 there acknowledges (for oneself, or as a clerk for a recipient who phoned). */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/notice.h>
#include <wangge/task.h>
#include "forces-pane.h"

enum { NF_TITLE, NF_TO, NF_DUE, NF_CASE, NF_BODY, NF_COUNT };
enum notices_mode { NM_LIST, NM_DETAIL, NM_FORM };

#define MAX_TO 32

struct notices {
	enum notices_mode mode;
	struct frows r;
	struct wg_notice *rows;
	int cap;
	struct wg_notice_detail d;      /* the notice shown (NM_DETAIL) */
	int64_t shown;
	int top;                        /* the detail's first line shown */
	int open[MAX_TO];               /* the recipients offered for a clerk's acknowledgement */
	char items[MAX_TO][256];
	struct form form;
	struct form_field fields[NF_COUNT];
};

static const enum ui_act list_bar[] = { ACT_HELP, ACT_NEW, ACT_MENU, ACT_QUIT, ACT_NONE };
static const enum ui_act detail_bar[] = { ACT_HELP, ACT_STATE, ACT_BACK, ACT_MENU, ACT_QUIT, ACT_NONE };
static const enum ui_act form_bar[] = { ACT_HELP, ACT_SAVE, ACT_PICK, ACT_CANCEL, ACT_NONE };

static int keep_notice(void *arg, const struct wg_notice *n)
{
	struct notices *ns = arg;
	if (ns->r.n == ns->cap) {
		struct wg_notice *more = realloc(ns->rows, (size_t)(ns->cap = ns->cap ? 2 * ns->cap : 32) *
							   sizeof *more);
		if (!more)
			return WG_EIO;
		ns->rows = more;
	}
	ns->rows[ns->r.n++] = *n;
	return WG_OK;
}

static bool load_detail(struct ui *ui, struct notices *ns, int64_t id)
{
	struct wg_notice_detail d;
	if (wg_notice_load(ui->ctx, id, &d) != WG_OK)
		return ui_core_error(ui), false;
	wg_notice_detail_free(&ns->d);
	ns->d = d;
	ns->shown = id;
	return true;
}

static void notices_reload(struct ui *ui, void *st)
{
	struct notices *ns = st;
	ns->r.n = 0;
	if (wg_notice_list(ui->ctx, 0, keep_notice, ns) != WG_OK)
		ui_core_error(ui);
	if (ns->mode == NM_DETAIL && !load_detail(ui, ns, ns->shown))
		ns->mode = NM_LIST;
}

/* ---- Sending: the form ---- */

static void picked_party(struct ui *ui, void *arg, const struct wg_handler *h)
{
	struct notices *ns = arg;
	char spec[300];
	snprintf(spec, sizeof spec, "%s:%s", wg_handler_kind_label(h->kind), h->name);
	forces_append(ui, &ns->form, NF_TO, spec);
}

static void notice_pick(struct ui *ui, struct form *f, int field, const char *typed)
{
	(void)field, (void)typed;
	handler_pick(ui, "", picked_party, f->owner);
}

static int notice_send(struct ui *ui, struct form *f)
{
	char v[NF_COUNT][2048];
	const char *to[MAX_TO];
	int64_t id;
	for (int i = 0; i < NF_COUNT; i++)
		form_value(f, i, v[i], sizeof v[i]);
	struct wg_notice_new in = { .title = v[NF_TITLE], .body = v[NF_BODY], .to = to,
				    .nto = forces_split(v[NF_TO], to, MAX_TO),
				    .task = *v[NF_CASE] ? v[NF_CASE] : NULL,
				    .due = *v[NF_DUE] ? v[NF_DUE] : NULL };
	if (!in.nto) {
		form_error(f, NF_TO, "%s", _("name at least one recipient; F4 adds one"));
		return WG_EINVAL;
	}
	if (wg_notice_add(ui->ctx, &in, &id) != WG_OK) {
		form_error(f, strstr(wg_error(ui->ctx), "--due") ? NF_DUE : strstr(wg_error(ui->ctx), "case")
			   ? NF_CASE : NF_TO, "%s", wg_error(ui->ctx));
		return ui_core_error(ui), WG_EINVAL;
	}
	ui_message(ui, false, _("Notice sent to %d: %s"), in.nto, v[NF_TITLE]);
	return WG_OK;
}

static void notice_closed(struct ui *ui, struct form *f, bool saved)
{
	struct notices *ns = f->owner;
	(void)saved;
	ns->mode = NM_LIST;
	notices_reload(ui, ns);
}

static void setup_form(struct notices *ns)
{
	static const char *const keys[NF_COUNT] = { "title", "to", "due", "case", "body" };
	static const char *const labels[NF_COUNT] = { N_("Title"), N_("To"), N_("Reply by"),
						      N_("Case"), N_("Text") };
	static const char *const hints[NF_COUNT] = {
		N_("what the notice is about, one line"),
		N_("organizations, teams, social workers, grid workers or dept:NAME, separated by ；; "
		   "F4 adds one"),
		N_("YYYY-MM-DD (the end of that day) or YYYY-MM-DDTHH:MM; empty: no date"),
		N_("a related case by its number, if one"),
		N_("the notice itself") };
	for (int i = 0; i < NF_COUNT; i++)
		ns->fields[i] = (struct form_field){
			.key = keys[i], .label = labels[i], .hint = hints[i], .type = FLD_TEXT,
			.required = i == NF_TITLE || i == NF_TO,
			.maxlen = i == NF_BODY ? 2000 : i == NF_TO ? 1000 : 100,
			.pick = i == NF_TO ? notice_pick : NULL };
	ns->form = (struct form){ .id = "forces.notice", .title = N_("New notice"), .fields = ns->fields,
				  .n = NF_COUNT, .owner = ns, .save = notice_send, .close = notice_closed };
	form_init(&ns->form);
}

/* ---- Acknowledging ---- */

static int acked(struct ui *ui, struct notices *ns, int already)
{
	ui_message(ui, false, already ? _("This notice had been acknowledged already.")
				      : _("Acknowledged."));
	notices_reload(ui, ns);
	return UI_REDRAW;
}

static int ack_for_picked(struct ui *ui, void *arg, int index)
{
	struct notices *ns = arg;
	const struct wg_notice_recipient *r = &ns->d.to[ns->open[index]];
	char by[300];
	int already;
	snprintf(by, sizeof by, "%s:%s", r->kind, r->name);
	if (wg_notice_ack(ui->ctx, ns->shown, by, _("told the office by phone"), &already) != WG_OK)
		return ui_core_error(ui);
	return acked(ui, ns, already);
}

/* The acting user's own recipients acknowledge at once; a clerk picks whom to record it for. */
static int acknowledge(struct ui *ui, struct notices *ns)
{
	int n = 0, already;
	for (int i = 0; i < ns->d.n.recipients; i++)
		if (ns->d.to[i].mine && !ns->d.to[i].acked_at) {
			if (wg_notice_ack(ui->ctx, ns->shown, NULL, NULL, &already) != WG_OK)
				return ui_core_error(ui);
			return acked(ui, ns, already);
		}
	if (wg_require_role(ui->ctx, WG_ROLE_CLERK, _("Acknowledging for a recipient")) != WG_OK)
		return ui_core_error(ui);
	for (int i = 0; i < ns->d.n.recipients && n < MAX_TO; i++) {
		const struct wg_notice_recipient *r = &ns->d.to[i];
		if (r->acked_at)
			continue;
		enum wg_handler_kind k = WG_HK_NONE;
		wg_handler_kind_parse(r->kind, &k);
		ns->open[n] = i;
		snprintf(ns->items[n], sizeof ns->items[n], "%c %s %s", n < 9 ? '1' + n : ' ',
			 wg_handler_kind_label(k), r->name);
		n++;
	}
	if (!n) {
		ui_message(ui, false, "%s", _("Everyone has acknowledged this notice."));
		return UI_REDRAW;
	}
	choice_menu_open(ui, _("Acknowledged by phone: for whom?"), ns->items, n, ack_for_picked, ns);
	return UI_REDRAW;
}

/* ---- Drawing ---- */

static void when(time_t t, char *out, size_t outsz)
{
	if (t)
		wg_format_time(t, "%Y-%m-%d %H:%M", out, outsz);
	else
		snprintf(out, outsz, "%s", "-");
}

static void draw_list(struct ui *ui, struct notices *ns, WINDOW *w, int h, int wd)
{
	static const int widths[] = { 16, 30, 8, 80 };
	char line[600], sent[32], due[48], acks[32];
	const char *head[] = { _("Sent"), _("Title"), _("Acked"), _("Reply by") };
	forces_columns(line, sizeof line, head, widths, 4);
	draw_text(w, 0, 0, line, wd, draw_attr(ui, ROLE_LABEL) | A_BOLD);
	if (!ns->r.n)
		draw_text(w, 2, 2, _("No notices yet: F2 sends one."), wd - 4, draw_attr(ui, ROLE_DIM));
	frows_scroll(&ns->r, h - 1);
	for (int i = ns->r.top; i < ns->r.n && i - ns->r.top < h - 1; i++) {
		const struct wg_notice *n = &ns->rows[i];
		when(n->sent_at, sent, sizeof sent);
		snprintf(acks, sizeof acks, "%d/%d", n->acked, n->recipients);
		if (n->due_at) {
			wg_format_time(n->due_at, "%Y-%m-%d %H:%M", due, sizeof due);
			if (n->overdue)
				snprintf(due + strlen(due), sizeof due - strlen(due), " %s", _("overdue"));
		} else {
			due[0] = '\0';
		}
		const char *cols[] = { sent, n->title, acks, due };
		forces_columns(line, sizeof line, cols, widths, 4);
		frows_line(ui, w, 1 + i - ns->r.top, wd, line, i == ns->r.sel);
	}
}

static int detail_row(struct ui *ui, WINDOW *w, int y, int h, int wd, const char *label, const char *text)
{
	if (y >= 0 && y < h) {
		draw_text(w, y, 2, label, 12, draw_attr(ui, ROLE_LABEL));
		draw_text(w, y, 15, text, wd - 16, (int)A_NORMAL);
	}
	return y + 1;
}

static void draw_detail(struct ui *ui, struct notices *ns, WINDOW *w, int h, int wd)
{
	const struct wg_notice_detail *d = &ns->d;
	char text[512], t1[32], t2[32], lines[24][256];
	int y = 1 - ns->top;
	y = detail_row(ui, w, y, h, wd, _("Title"), d->n.title);
	when(d->n.sent_at, t1, sizeof t1);
	snprintf(text, sizeof text, "%s  %s", t1, d->n.sender);
	y = detail_row(ui, w, y, h, wd, _("Sent"), text);
	if (d->n.due_at) {
		when(d->n.due_at, t1, sizeof t1);
		snprintf(text, sizeof text, "%s%s%s", t1, d->n.overdue ? "  " : "",
			 d->n.overdue ? _("overdue") : "");
		y = detail_row(ui, w, y, h, wd, _("Reply by"), text);
	}
	if (*d->n.task)
		y = detail_row(ui, w, y, h, wd, _("Case"), d->n.task);
	if (*d->n.project)
		y = detail_row(ui, w, y, h, wd, _("Project"), d->n.project);
	int nl = draw_wrap_lines(d->body, wd - 16 > 10 ? wd - 16 : 10, lines, 24);
	for (int i = 0; i < nl; i++)
		y = detail_row(ui, w, y, h, wd, i ? "" : _("Text"), lines[i]);
	y++;
	for (int i = 0; i < d->n.recipients; i++) {
		const struct wg_notice_recipient *r = &d->to[i];
		enum wg_handler_kind k = WG_HK_NONE;
		wg_handler_kind_parse(r->kind, &k);
		when(r->read_at, t1, sizeof t1);
		when(r->acked_at, t2, sizeof t2);
		if (r->acked_at)
			snprintf(text, sizeof text, _("%s %s: acknowledged %s by %s%s%s"),
				 wg_handler_kind_label(k), r->name, t2, r->acked_by, *r->note ? ", " : "",
				 r->note);
		else
			snprintf(text, sizeof text, _("%s %s: not acknowledged (read %s)"),
				 wg_handler_kind_label(k), r->name, t1);
		y = detail_row(ui, w, y, h, wd, i ? "" : _("Recipients"), text);
	}
}

/* ---- The pane ---- */

static void *notices_open(struct ui *ui)
{
	struct notices *ns = calloc(1, sizeof *ns);
	if (!ns)
		return NULL;
	setup_form(ns);
	notices_reload(ui, ns);
	return ns;
}

static void notices_draw(struct ui *ui, void *st, WINDOW *w)
{
	struct notices *ns = st;
	int h, wd;
	getmaxyx(w, h, wd);
	if (ns->mode == NM_FORM)
		form_draw(ui, &ns->form, w, 0, 1, h, wd - 2);
	else if (ns->mode == NM_DETAIL)
		draw_detail(ui, ns, w, h, wd);
	else
		draw_list(ui, ns, w, h, wd);
}

static int notices_key(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	struct notices *ns = st;
	if (ns->mode == NM_FORM) {
		int r = form_key(ui, &ns->form, act, k);
		return r & (UI_REDRAW | UI_HANDLED) ? UI_REDRAW : r;
	}
	if (ns->mode == NM_DETAIL) {
		switch (act) {
		case ACT_BACK: ns->mode = NM_LIST; return UI_REDRAW;
		case ACT_STATE: return acknowledge(ui, ns);
		case ACT_DOWN: ns->top++; return UI_REDRAW;
		case ACT_UP: ns->top -= ns->top > 0; return UI_REDRAW;
		default: return UI_IGNORED;
		}
	}
	switch (act) {
	case ACT_NEW:
		if (wg_require_role(ui->ctx, WG_ROLE_CLERK, _("Sending notices")) != WG_OK)
			return ui_core_error(ui);
		form_clear(&ns->form, false);
		ns->form.dirty = false;
		ns->form.cur = 0;
		ns->mode = NM_FORM;
		return UI_REDRAW;
	case ACT_OPEN:
		if (ns->r.n && load_detail(ui, ns, ns->rows[ns->r.sel].id)) {
			ns->mode = NM_DETAIL;
			ns->top = 0;
		}
		return UI_REDRAW;
	default: return frows_key(&ns->r, act, 10);
	}
}

static const enum ui_act *notices_bar(void *st)
{
	struct notices *ns = st;
	return ns->mode == NM_FORM ? form_bar : ns->mode == NM_DETAIL ? detail_bar : list_bar;
}

static struct form *notices_form(void *st)
{
	struct notices *ns = st;
	return ns->mode == NM_FORM ? &ns->form : NULL;
}

static bool notices_at_list(void *st)
{
	return ((struct notices *)st)->mode == NM_LIST;
}

static void notices_close(void *st)
{
	struct notices *ns = st;
	wg_notice_detail_free(&ns->d);
	form_free(&ns->form);
	free(ns->rows);
	free(ns);
}

const struct forces_pane forces_notices_pane = {
	.label = N_("Notices"), .open = notices_open, .reload = notices_reload, .draw = notices_draw,
	.key = notices_key, .bar = notices_bar, .form = notices_form, .at_list = notices_at_list,
	.close = notices_close,
};
