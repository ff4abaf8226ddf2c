/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Pickers for people: residents (by name, ID or phone digits) and case handlers (by name). */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/resident.h>
#include <wangge/task.h>
#include <wangge/volunteer.h>
#include "picker.h"

struct people_pick {
	void (*chosen)(struct ui *ui, void *arg, int64_t id, const char *code, const char *label);
	void (*handler_chosen)(struct ui *ui, void *arg, const struct wg_handler *h);
	void *arg;
	struct wg_resident_query q;
	struct wg_handler found[PICKER_MAX];
	int64_t shift_id;
};

static int resident_search(struct ui *ui, void *arg, const char *query, struct picker_item *items, int max,
			   int *total)
{
	struct people_pick *pp = arg;
	struct wg_list_source src = wg_resident_source(&pp->q);
	struct wg_rows rows;
	snprintf(pp->q.text, sizeof pp->q.text, "%s", query);
	wg_rows_init(&rows);
	if (src.fetch(ui->ctx, src.arg, WG_PAGE_FIRST, NULL, max, &rows) != WG_OK)
		ui_core_error(ui);
	int n = rows.n < max ? rows.n : max;
	for (int i = 0; i < n; i++) {
		const struct wg_row *r = &rows.rows[i];
		items[i].id = r->key.id;
		snprintf(items[i].code, sizeof items[i].code, "%s", r->cols[WG_RCOL_ID_NUMBER]);
		snprintf(items[i].label, sizeof items[i].label, "%s", r->cols[WG_RCOL_NAME]);
		snprintf(items[i].detail, sizeof items[i].detail, "%s %s", r->cols[WG_RCOL_CELL],
			 r->cols[WG_RCOL_ADDRESS]);
	}
	wg_rows_free(&rows);
	*total = n;
	return n;
}

static void resident_chosen(struct ui *ui, void *arg, const struct picker_item *item)
{
	struct people_pick *pp = arg;
	pp->chosen(ui, pp->arg, item->id, item->code, item->label);
}

static const struct picker_ops resident_ops = { resident_search, resident_chosen, free };

/* A picker whose choice is (id, code, label); shift_id for the volunteer picker. */
static void open_people(struct ui *ui, const char *title, const char *initial,
			const struct picker_ops *ops, int64_t shift_id,
			void (*chosen)(struct ui *ui, void *arg, int64_t id, const char *code,
				       const char *label), void *arg)
{
	struct people_pick *pp = calloc(1, sizeof *pp);
	if (!pp)
		return;
	pp->chosen = chosen;
	pp->arg = arg;
	pp->shift_id = shift_id;
	picker_open(ui, title, initial, ops, pp);
}

void resident_pick(struct ui *ui, const char *initial,
		   void (*chosen)(struct ui *ui, void *arg, int64_t id, const char *code, const char *label),
		   void *arg)
{
	open_people(ui, _("Resident: type a name, ID or phone digits"), initial, &resident_ops, 0,
		    chosen, arg);
}

static int handler_search(struct ui *ui, void *arg, const char *query, struct picker_item *items, int max,
			  int *total)
{
	struct people_pick *pp = arg;
	int n = 0;
	if (wg_handler_search(ui->ctx, query, pp->found, max < PICKER_MAX ? max : PICKER_MAX, &n) != WG_OK)
		ui_core_error(ui);
	for (int i = 0; i < n; i++) {
		items[i].id = i; /* an index into found: the kind and id travel together */
		snprintf(items[i].code, sizeof items[i].code, "%s", wg_handler_kind_label(pp->found[i].kind));
		snprintf(items[i].label, sizeof items[i].label, "%s", pp->found[i].name);
		items[i].detail[0] = '\0';
	}
	*total = n;
	return n;
}

static void handler_chosen(struct ui *ui, void *arg, const struct picker_item *item)
{
	struct people_pick *pp = arg;
	pp->handler_chosen(ui, pp->arg, &pp->found[item->id]);
}

static const struct picker_ops handler_ops = { handler_search, handler_chosen, free };

void handler_pick(struct ui *ui, const char *initial,
		  void (*chosen)(struct ui *ui, void *arg, const struct wg_handler *h), void *arg)
{
	struct people_pick *pp = calloc(1, sizeof *pp);
	if (!pp)
		return;
	pp->handler_chosen = chosen;
	pp->arg = arg;
	picker_open(ui, _("Handler: type a name (grid worker, volunteer, team, social worker, organization)"),
		    initial, &handler_ops, pp);
}

/* A handler of one kind: another kind picked is named and nothing is taken. */
struct kind_pick {
	enum wg_handler_kind kind;
	void (*chosen)(struct ui *ui, void *arg, const char *name);
	void *arg;
};

static void kind_chosen(struct ui *ui, void *arg, const struct wg_handler *h)
{
	struct kind_pick *kp = arg;
	if (h->kind != kp->kind)
		ui_message(ui, true, _("%s is a %s; pick a %s"), h->name, wg_handler_kind_label(h->kind),
			   wg_handler_kind_label(kp->kind));
	else
		kp->chosen(ui, kp->arg, h->name);
}

void handler_pick_kind(struct ui *ui, enum wg_handler_kind kind, const char *initial,
		       void (*chosen)(struct ui *ui, void *arg, const char *name), void *arg)
{
	static struct kind_pick kp; /* one picker is open at a time */
	kp = (struct kind_pick){ kind, chosen, arg };
	handler_pick(ui, initial, kind_chosen, &kp);
}

/* ---- Volunteers for a shift: ranked by the shift's skill, availability and the week's hours ---- */

static int volunteer_search(struct ui *ui, void *arg, const char *query, struct picker_item *items,
			    int max, int *total)
{
	struct people_pick *pp = arg;
	struct wg_shift_candidate found[PICKER_MAX];
	int n = 0;
	if (wg_shift_candidates(ui->ctx, pp->shift_id, query, found, max < PICKER_MAX ? max : PICKER_MAX,
				&n) != WG_OK)
		ui_core_error(ui);
	for (int i = 0; i < n; i++) {
		const struct wg_shift_candidate *c = &found[i];
		items[i].id = c->id;
		snprintf(items[i].code, sizeof items[i].code, "%s", c->vol_no);
		snprintf(items[i].label, sizeof items[i].label, "%s", c->name);
		/* L10N: the picker's detail: skill, availability, hours served this week. */
		snprintf(items[i].detail, sizeof items[i].detail, _("%s%s %.1f h this week"),
			 c->skill_wanted ? (c->has_skill ? _("has the skill, ") : _("no skill, ")) : "",
			 c->available ? _("available") : _("not on their availability"),
			 (double)c->week_minutes / 60.0);
	}
	*total = n;
	return n;
}

static void volunteer_chosen(struct ui *ui, void *arg, const struct picker_item *item)
{
	struct people_pick *pp = arg;
	pp->chosen(ui, pp->arg, item->id, item->code, item->label);
}

static const struct picker_ops volunteer_ops = { volunteer_search, volunteer_chosen, free };

void volunteer_pick(struct ui *ui, int64_t shift_id, const char *initial,
		    void (*chosen)(struct ui *ui, void *arg, int64_t id, const char *code, const char *label),
		    void *arg)
{
	open_people(ui, _("Volunteer for the shift: type a name, number or pinyin initials"), initial,
		    &volunteer_ops, shift_id, chosen, arg);
}
