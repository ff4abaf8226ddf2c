/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Screen 5: the social forces in five panes (Left/Right): organizations (Enter: workers and
 * projects; F2 adds one, F4 changes it), teams, service projects, joint conferences, notices
 * (their own files); and the helpers the panes share. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/category.h>
#include <wangge/forces.h>
#include <wangge/i18n.h>
#include <wangge/lists.h>
#include <wangge/validate.h>
#include <wangge/text.h>
#include "forces-pane.h"
#include "listview.h"

static const enum ui_act list_bar[] = { ACT_HELP, ACT_NEW, ACT_EDIT, ACT_MENU, ACT_QUIT, ACT_NONE };
static const enum ui_act form_bar[] = { ACT_HELP, ACT_SAVE, ACT_PICK, ACT_CANCEL, ACT_NONE };

static const struct lv_column org_cols[] = {
	{ N_("Social organization"), 20, true, false }, { N_("Kind"), 18, false, false },
	{ N_("Contact"), 12, false, false }, { N_("Projects"), 8, false, true },
};

#define DETAIL_LINES 40

/* Screen 5: the organizations; Enter shows one with its social workers and projects. */
struct forces {
	struct listview lv;
	bool detail, in_form;
	int64_t detail_id;
	struct form form, wform;      /* the organization's; a social worker's (F2 in the detail) */
	struct form *shown;           /* the one being typed */
	struct form_field fields[WG_OF_COUNT], wfields[WG_WF_COUNT];
	char was[WG_ORG_TEXT_SIZE];   /* the organization being changed, by its name; "" new */
	char lines[DETAIL_LINES][400];
	char labels[DETAIL_LINES][64];
	int n;
};

static const enum ui_act detail_bar[] = { ACT_HELP, ACT_NEW, ACT_EDIT, ACT_BACK, ACT_MENU, ACT_QUIT,
					  ACT_NONE };

/* ---- The organization form: the register's own checks (wg_org_save) ---- */

static char choice_items[32][256];
static const char *choice_values[32];
static int nchoices;


static int kind_picked(struct ui *ui, void *arg, int index)
{
	forces_put(ui, &((struct forces *)arg)->form, WG_OF_KIND, wg_org_kinds[index]);
	return UI_REDRAW;
}

static int status_picked(struct ui *ui, void *arg, int index)
{
	forces_put(ui, &((struct forces *)arg)->form, WG_OF_STATUS, index ? "停用" : "在用");
	return UI_REDRAW;
}

/* A sector chosen joins those the field holds (codes, as the register keeps them). */
static int sector_picked(struct ui *ui, void *arg, int index)
{
	forces_append(ui, &((struct forces *)arg)->form, WG_OF_DOMAINS, choice_values[index]);
	return UI_REDRAW;
}

static void add_choice(const char *value, const char *label)
{
	if (nchoices >= (int)(sizeof choice_items / sizeof choice_items[0]))
		return;
	snprintf(choice_items[nchoices], sizeof choice_items[0], "%c %s",
		 nchoices < 9 ? '1' + nchoices : nchoices == 9 ? '0' : ' ', label);
	choice_values[nchoices++] = value;
}

static int add_sector(void *arg, const char *code, const char *zh, const char *en)
{
	static char codes[32][16];
	char label[200];
	(void)arg;
	if (nchoices >= 32)
		return WG_OK;
	snprintf(codes[nchoices], sizeof codes[0], "%s", code);
	snprintf(label, sizeof label, "%s %s", code, wg_i18n_chinese_names() ? zh : en);
	add_choice(codes[nchoices], label);
	return WG_OK;
}

static void org_pick(struct ui *ui, struct form *fm, int field, const char *typed)
{
	(void)typed;
	nchoices = 0;
	if (field == WG_OF_KIND) {
		for (int i = 0; wg_org_kinds[i]; i++)
			add_choice(wg_org_kinds[i], wg_org_kinds[i]);
		choice_menu_open(ui, _("Kind of organization"), choice_items, nchoices, kind_picked,
				 fm->owner);
	} else if (field == WG_OF_STATUS) {
		add_choice("在用", _("在用 (active)"));
		add_choice("停用", _("停用 (inactive)"));
		choice_menu_open(ui, _("Status"), choice_items, nchoices, status_picked, fm->owner);
	} else if (field == WG_OF_DOMAINS) {
		if (wg_category_sectors(ui->ctx, add_sector, NULL) != WG_OK) {
			ui_core_error(ui);
			return;
		}
		choice_menu_open(ui, _("Service domain: a sector of the category table"), choice_items,
				 nchoices, sector_picked, fm->owner);
	}
}

/* On leaving a field: the credit code by GB 32100 (naming the expected check character), the
 * kind among the register's; the rest is checked by the save, as the importer checks a file. */
static bool org_check(struct ui *ui, struct form *fm, int field, const char *value, char *err,
		      size_t errsz)
{
	char code[19];
	const char *why = NULL;
	(void)ui, (void)fm;
	if (field == WG_OF_CODE && *value)
		why = wg_validate_credit_code(value, code);
	else if (field == WG_OF_KIND && *value && !wg_org_kind_normalize(value))
		why = _("is not a kind of organization here; F4 lists them");
	if (why)
		snprintf(err, errsz, "%s", why);
	return why == NULL;
}

static int org_save(struct ui *ui, struct form *fm)
{
	struct forces *f = fm->owner;
	char v[WG_OF_COUNT][WG_ORG_TEXT_SIZE];
	const char *in[WG_OF_COUNT];
	enum wg_org_field bad;
	for (int i = 0; i < WG_OF_COUNT; i++)
		in[i] = form_value(fm, i, v[i], sizeof v[i]);
	if (wg_org_save(ui->ctx, *f->was ? f->was : NULL, in, &bad) != WG_OK) {
		if (bad < WG_OF_COUNT)
			form_error(fm, (int)bad, "%s", wg_error(ui->ctx));
		return ui_core_error(ui), WG_EINVAL;
	}
	ui_message(ui, false, _("Saved: %s"), v[WG_OF_NAME]);
	snprintf(f->was, sizeof f->was, "%s", v[WG_OF_NAME]);
	return WG_OK;
}

static void org_form_close(struct ui *ui, struct form *fm, bool saved)
{
	struct forces *f = fm->owner;
	(void)saved;
	f->in_form = false;
	lv_refresh(ui, &f->lv);
}

static void setup_form(struct forces *f)
{
	static const char *const keys[WG_OF_COUNT] = { "name", "credit_code", "kind", "contact",
						       "phone", "domains", "status", "notes" };
	static const char *const labels[WG_OF_COUNT] = {
		N_("Name"), N_("Credit code"), N_("Kind"), N_("Contact"), N_("Phone"),
		N_("Service domains"), N_("Status"), N_("Notes") };
	static const char *const hints[WG_OF_COUNT] = {
		N_("the organization's registered name, up to 60 characters"),
		N_("the unified social credit code: 18 characters, the last a check character"),
		N_("F4 lists the kinds: 社区党组织, 居委会, 社工机构, 政府部门 and others"),
		N_("the person to call, up to 30 characters"),
		N_("an 11-digit mobile number, or a landline such as 010-12345678"),
		N_("sectors of the category tree by code or name, separated by ;; F4 adds one"),
		N_("在用 (active) or 停用 (inactive); F4 lists them"),
		N_("anything else, up to 500 characters") };
	for (int i = 0; i < WG_OF_COUNT; i++)
		f->fields[i] = (struct form_field){
			.key = keys[i], .label = labels[i], .hint = hints[i], .type = FLD_TEXT,
			.required = i == WG_OF_NAME, .maxlen = i == WG_OF_NOTES ? 500 : 100,
			.pick = i == WG_OF_KIND || i == WG_OF_STATUS || i == WG_OF_DOMAINS ? org_pick : NULL };
	f->form = (struct form){ .id = "forces.org", .title = N_("Organization"), .fields = f->fields,
				 .n = WG_OF_COUNT, .owner = f, .save = org_save, .check = org_check,
				 .close = org_form_close };
	form_init(&f->form);
}

/* ---- A social worker of the organization shown (F2 in its detail) ---- */

static bool read_detail(struct ui *ui, struct forces *f, int64_t id);

static char qual_items[4][256];

static int qual_picked(struct ui *ui, void *arg, int index)
{
	forces_put(ui, &((struct forces *)arg)->wform, WG_WF_QUAL, wg_qualifications[index]);
	return UI_REDRAW;
}

static int wstatus_picked(struct ui *ui, void *arg, int index)
{
	forces_put(ui, &((struct forces *)arg)->wform, WG_WF_STATUS, index ? "离职" : "在职");
	return UI_REDRAW;
}

static void worker_pick(struct ui *ui, struct form *fm, int field, const char *typed)
{
	int n = 0;
	(void)typed;
	if (field == WG_WF_QUAL) {
		for (; wg_qualifications[n] && n < 4; n++)
			snprintf(qual_items[n], sizeof qual_items[n], "%d %s", n + 1, wg_qualifications[n]);
		choice_menu_open(ui, _("Qualification"), qual_items, n, qual_picked, fm->owner);
		return;
	}
	snprintf(qual_items[0], sizeof qual_items[0], "1 %s", _("在职 (active)"));
	snprintf(qual_items[1], sizeof qual_items[1], "2 %s", _("离职 (left)"));
	choice_menu_open(ui, _("Status"), qual_items, 2, wstatus_picked, fm->owner);
}

static int worker_save(struct ui *ui, struct form *fm)
{
	char v[WG_WF_COUNT][256];
	const char *in[WG_WF_COUNT];
	enum wg_worker_field bad;
	for (int i = 0; i < WG_WF_COUNT; i++)
		in[i] = form_value(fm, i, v[i], sizeof v[i]);
	if (wg_socialworker_add(ui->ctx, in, &bad) != WG_OK) {
		if (bad < WG_WF_COUNT)
			form_error(fm, (int)bad, "%s", wg_error(ui->ctx));
		return ui_core_error(ui), WG_EINVAL;
	}
	ui_message(ui, false, _("Saved: %s"), v[WG_WF_NAME]);
	return WG_OK;
}

static void worker_close(struct ui *ui, struct form *fm, bool saved)
{
	struct forces *f = fm->owner;
	(void)saved;
	f->in_form = false;
	if (f->detail && !read_detail(ui, f, f->detail_id))
		f->detail = false;
}

static void setup_worker_form(struct forces *f)
{
	static const char *const keys[WG_WF_COUNT] = { "name", "org", "qualification", "phone",
						       "status" };
	static const char *const labels[WG_WF_COUNT] = { N_("Name"), N_("Organization"),
							 N_("Qualification"), N_("Phone"), N_("Status") };
	static const char *const hints[WG_WF_COUNT] = {
		N_("the social worker's name"), N_("the organization they work for"),
		N_("助理社会工作师, 社会工作师 or 高级社会工作师; F4 lists them"),
		N_("an 11-digit mobile number, or a landline such as 010-12345678"),
		N_("在职 (active) or 离职 (left); F4 lists them") };
	for (int i = 0; i < WG_WF_COUNT; i++)
		f->wfields[i] = (struct form_field){
			.key = keys[i], .label = labels[i], .hint = hints[i], .type = FLD_TEXT,
			.required = i == WG_WF_NAME, .maxlen = 100,
			.pick = i == WG_WF_QUAL || i == WG_WF_STATUS ? worker_pick : NULL };
	f->wform = (struct form){ .id = "forces.socialworker", .title = N_("New social worker"),
				  .fields = f->wfields, .n = WG_WF_COUNT, .owner = f,
				  .save = worker_save, .close = worker_close };
	form_init(&f->wform);
}

static bool open_worker_form(struct ui *ui, struct forces *f)
{
	char v[WG_OF_COUNT][WG_ORG_TEXT_SIZE];
	if (wg_require_role(ui->ctx, WG_ROLE_CLERK, _("Importing social workers")) != WG_OK ||
	    wg_org_load(ui->ctx, f->detail_id, v) != WG_OK)
		return ui_core_error(ui), false;
	form_clear(&f->wform, false);
	form_set(&f->wform, WG_WF_ORG, v[WG_OF_NAME]);
	form_set(&f->wform, WG_WF_STATUS, "在职");
	f->wform.dirty = false;
	f->wform.cur = 0;
	f->shown = &f->wform;
	f->in_form = true;
	return true;
}

/* The form, empty (id 0) or with the organization as stored (its phone masked for clerks). */
static bool open_org_form(struct ui *ui, struct forces *f, int64_t id)
{
	char v[WG_OF_COUNT][WG_ORG_TEXT_SIZE];
	if (wg_require_role(ui->ctx, WG_ROLE_CLERK, _("Entering organizations")) != WG_OK ||
	    (id && wg_org_load(ui->ctx, id, v) != WG_OK))
		return ui_core_error(ui), false;
	form_clear(&f->form, false);
	f->was[0] = '\0';
	if (id) {
		for (int i = 0; i < WG_OF_COUNT; i++)
			form_set(&f->form, i, v[i]);
		snprintf(f->was, sizeof f->was, "%s", v[WG_OF_NAME]);
	} else {
		form_set(&f->form, WG_OF_STATUS, "在用");
	}
	f->form.record_id = id;
	f->form.title = id ? N_("Change organization") : N_("New organization");
	f->form.dirty = false;
	f->form.cur = 0;
	f->shown = &f->form;
	f->in_form = true;
	return true;
}

static void *orgs_open(struct ui *ui)
{
	struct forces *f = calloc(1, sizeof *f);
	if (!f)
		return NULL;
	lv_init(&f->lv, wg_list_orgs, org_cols, 4);
	f->lv.empty_text = N_("No social organizations yet: F2 adds one.");
	setup_form(f);
	setup_worker_form(f);
	f->shown = &f->form;
	lv_reload(ui, &f->lv);
	return f;
}

static int keep_line(void *arg, int kind, const char *label, const char *text)
{
	struct forces *f = arg;
	(void)kind;
	if (f->n < DETAIL_LINES) {
		snprintf(f->labels[f->n], sizeof f->labels[0], "%s", label);
		snprintf(f->lines[f->n++], sizeof f->lines[0], "%s", text);
	}
	return WG_OK;
}

/* One organization with its social workers and projects; false with the reason shown. */
static bool read_detail(struct ui *ui, struct forces *f, int64_t id)
{
	f->n = 0;
	if (wg_org_detail(ui->ctx, id, keep_line, f) != WG_OK)
		return ui_core_error(ui), false;
	f->detail_id = id;
	return true;
}

/* The database changed: the list and the open organization are read again. */
static void orgs_reload(struct ui *ui, void *st)
{
	struct forces *f = st;
	lv_refresh(ui, &f->lv);
	if (f->detail && !read_detail(ui, f, f->detail_id))
		f->detail = false;
}

static void orgs_draw(struct ui *ui, void *st, WINDOW *w)
{
	struct forces *f = st;
	int h, wd;
	getmaxyx(w, h, wd);
	if (f->in_form) {
		form_draw(ui, f->shown, w, 0, 1, h, wd - 2);
		return;
	}
	if (f->detail) {
		for (int i = 0; i < f->n && i + 1 < h; i++) {
			draw_text(w, i + 1, 2, f->labels[i], 14, draw_attr(ui, ROLE_LABEL));
			draw_text(w, i + 1, 17, f->lines[i], wd - 19, (int)A_NORMAL);
		}
		return;
	}
	lv_draw(ui, &f->lv, w, 0, 0, h, wd);
}

/* ---- what each key does in each mode ---- */

enum forces_mode { FM_LIST, FM_DETAIL, FM_FORM };

static enum forces_mode forces_mode(const struct forces *f)
{
	return f->in_form ? FM_FORM : f->detail ? FM_DETAIL : FM_LIST;
}

static int k_form(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	int r = form_key(ui, ((struct forces *)st)->shown, act, k);
	return r & (UI_REDRAW | UI_HANDLED) ? UI_REDRAW : r;
}

static int k_new_worker(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	(void)act, (void)k;
	open_worker_form(ui, st);
	return UI_REDRAW;
}

static int k_back(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	(void)ui, (void)act, (void)k;
	((struct forces *)st)->detail = false;
	return UI_REDRAW;
}

static int k_open(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	struct forces *f = st;
	const struct wg_row *row = lv_selected(&f->lv);
	(void)act, (void)k;
	f->detail = row && read_detail(ui, f, row->key.id);
	return UI_REDRAW;
}

static int k_new(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	(void)act, (void)k;
	open_org_form(ui, st, 0);
	return UI_REDRAW;
}

static int k_edit(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	struct forces *f = st;
	const struct wg_row *row = f->detail ? NULL : lv_selected(&f->lv);
	int64_t id = f->detail ? f->detail_id : row ? row->key.id : 0;
	(void)act, (void)k;
	if (id && open_org_form(ui, f, id))
		f->detail = false;
	return UI_REDRAW;
}

static int k_list(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	(void)k;
	return lv_key(ui, &((struct forces *)st)->lv, act);
}

static const struct ui_keyrow forces_keys[] = {
	{ FM_FORM, UI_ANY_ACT, k_form },
	{ FM_DETAIL, ACT_BACK, k_back },
	{ FM_DETAIL, ACT_EDIT, k_edit },
	{ FM_DETAIL, ACT_NEW, k_new_worker },
	{ FM_LIST, ACT_OPEN, k_open },
	{ FM_LIST, ACT_NEW, k_new },
	{ FM_LIST, ACT_EDIT, k_edit },
	{ FM_LIST, UI_ANY_ACT, k_list },
	{ 0, ACT_NONE, NULL },
};

static int orgs_key(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	return ui_key_rows(forces_keys, (int)forces_mode(st), ui, st, act, k);
}

static const enum ui_act *orgs_bar(void *st)
{
	struct forces *f = st;
	return f->in_form ? form_bar : f->detail ? detail_bar : list_bar;
}

static struct form *orgs_form(void *st)
{
	struct forces *f = st;
	return f->in_form ? f->shown : NULL;
}

static bool orgs_at_list(void *st)
{
	return forces_mode(st) == FM_LIST;
}

static void orgs_close(void *st)
{
	struct forces *f = st;
	lv_free(&f->lv);
	form_free(&f->form);
	form_free(&f->wform);
	free(f);
}

const struct forces_pane forces_orgs_pane = {
	.label = N_("Organizations"), .open = orgs_open, .reload = orgs_reload, .draw = orgs_draw,
	.key = orgs_key, .bar = orgs_bar, .form = orgs_form, .at_list = orgs_at_list,
	.close = orgs_close,
};

/* ---- What the panes share ---- */

int frows_key(struct frows *r, enum ui_act act, int page)
{
	int sel = r->sel;
	switch (act) {
	case ACT_UP: sel--; break;
	case ACT_DOWN: sel++; break;
	case ACT_PGUP: sel -= page; break;
	case ACT_PGDN: sel += page; break;
	case ACT_HOME: sel = 0; break;
	case ACT_END: sel = r->n - 1; break;
	default: return UI_IGNORED;
	}
	r->sel = sel >= r->n ? r->n - 1 : sel < 0 ? 0 : sel;
	return UI_REDRAW;
}

void frows_scroll(struct frows *r, int h)
{
	if (r->sel >= r->n)
		r->sel = r->n > 0 ? r->n - 1 : 0;
	if (r->sel < r->top)
		r->top = r->sel;
	if (h > 0 && r->sel >= r->top + h)
		r->top = r->sel - h + 1;
	if (r->top < 0)
		r->top = 0;
}

void frows_line(struct ui *ui, WINDOW *w, int y, int width, const char *text, bool selected)
{
	int attr = selected ? draw_attr(ui, ROLE_SELECTED) : (int)A_NORMAL;
	if (selected)
		mvwhline(w, y, 0, ' ' | (chtype)attr, width);
	draw_text(w, y, 0, text, width, attr);
}

void forces_put(struct ui *ui, struct form *f, int field, const char *v)
{
	form_set(f, field, v);
	f->fields[field].by_hand = true;
	f->fields[field].error[0] = '\0';
	f->dirty = true;
	if (f->cur == field && f->cur + 1 < f->n) /* one value chosen: on to the next field */
		f->cur++;
	ui_draft_touch(ui);
}

void forces_append(struct ui *ui, struct form *f, int field, const char *v)
{
	char have[1024], copy[1024], joined[1200];
	const char *parts[64];
	form_value(f, field, have, sizeof have);
	snprintf(copy, sizeof copy, "%s", have);
	int n = forces_split(copy, parts, 64);
	for (int i = 0; i < n; i++)
		if (strcmp(parts[i], v) == 0)
			return;
	snprintf(joined, sizeof joined, "%s%s%s", have, *have ? "；" : "", v);
	form_set(f, field, joined); /* the cursor stays: F4 again adds another */
	f->fields[field].by_hand = true;
	f->fields[field].error[0] = '\0';
	f->dirty = true;
	ui_draft_touch(ui);
}

int forces_split(char *text, const char **parts, int max)
{
	int n = 0;
	char *p = text;
	while (*p && n < max) {
		char *a = strstr(p, ";"), *b = strstr(p, "；");
		char *end = a && (!b || a < b) ? a : b;
		size_t skip = end == a && a ? 1 : end ? 3 : 0;
		if (end)
			*end = '\0';
		char *s = p + strspn(p, " \t");
		size_t len = strlen(s);
		while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			s[--len] = '\0';
		if (*s)
			parts[n++] = s;
		if (!end)
			break;
		p = end + skip;
	}
	return n;
}

void forces_columns(char *out, size_t outsz, const char *const *texts, const int *widths, int n)
{
	size_t len = 0;
	out[0] = '\0';
	for (int i = 0; i < n && len + 1 < outsz; i++) {
		if (i)
			out[len++] = ' ', out[len] = '\0';
		wg_text_clip(out + len, outsz - len, texts[i] ? texts[i] : "", (size_t)widths[i],
			     i + 1 < n ? WG_TEXT_PAD : 0);
		len += strlen(out + len);
	}
}

/* ---- The screen: the panes' names, the pane shown ---- */

static const struct forces_pane *const panes[] = { &forces_orgs_pane, &forces_teams_pane,
						   &forces_projects_pane, &forces_meetings_pane,
						   &forces_notices_pane };
#define NPANES ((int)(sizeof panes / sizeof panes[0]))

struct forces_screen {
	int cur;
	void *st[NPANES];
	bool stale[NPANES]; /* the database changed while the pane was not shown */
};

/* The pane shown, opened the first time, read again when it missed a change. */
static void *pane_state(struct ui *ui, struct forces_screen *fs)
{
	int i = fs->cur;
	if (!fs->st[i])
		fs->st[i] = panes[i]->open(ui);
	else if (fs->stale[i])
		panes[i]->reload(ui, fs->st[i]);
	fs->stale[i] = false;
	return fs->st[i];
}

static int forces_open(struct ui *ui, struct ui_screen *s)
{
	struct forces_screen *fs = calloc(1, sizeof *fs);
	if (!fs)
		return WG_EIO;
	s->st = fs;
	return pane_state(ui, fs) ? WG_OK : WG_EIO;
}

static void forces_reload(struct ui *ui, struct ui_screen *s)
{
	struct forces_screen *fs = s->st;
	for (int i = 0; fs && i < NPANES; i++) /* a pane not shown reads again when shown */
		if (fs->st[i] && i == fs->cur)
			panes[i]->reload(ui, fs->st[i]);
		else if (fs->st[i])
			fs->stale[i] = true;
}

static void forces_draw(struct ui *ui, struct ui_screen *s, WINDOW *w)
{
	struct forces_screen *fs = s->st;
	int h, wd, x = 1;
	getmaxyx(w, h, wd);
	void *st = fs ? pane_state(ui, fs) : NULL;
	if (!st)
		return;
	for (int i = 0; i < NPANES && x < wd; i++) {
		char label[64];
		snprintf(label, sizeof label, " %s ", _(panes[i]->label));
		int lw = (int)wg_text_width(label);
		draw_text(w, 0, x, label, lw < wd - x ? lw : wd - x,
			  draw_attr(ui, i == fs->cur ? ROLE_TAB_ACTIVE : ROLE_TAB));
		x += lw + 1;
	}
	WINDOW *sub = derwin(w, h - 1, wd, 1, 0);
	if (!sub)
		return;
	panes[fs->cur]->draw(ui, st, sub);
	delwin(sub);
}

static int forces_key(struct ui *ui, struct ui_screen *s, enum ui_act act, const struct ui_key *k)
{
	struct forces_screen *fs = s->st;
	void *st = fs ? pane_state(ui, fs) : NULL;
	if (!st)
		return UI_IGNORED;
	if ((act == ACT_COLLAPSE || act == ACT_EXPAND) && panes[fs->cur]->at_list(st)) {
		fs->cur = (fs->cur + (act == ACT_EXPAND ? 1 : NPANES - 1)) % NPANES;
		return pane_state(ui, fs) ? UI_REDRAW : UI_IGNORED;
	}
	return panes[fs->cur]->key(ui, st, act, k);
}

static void forces_close(struct ui *ui, struct ui_screen *s)
{
	struct forces_screen *fs = s->st;
	(void)ui;
	for (int i = 0; fs && i < NPANES; i++)
		if (fs->st[i])
			panes[i]->close(fs->st[i]);
	free(fs);
}

static const enum ui_act *forces_bar(struct ui_screen *s)
{
	struct forces_screen *fs = s->st;
	return fs && fs->st[fs->cur] ? panes[fs->cur]->bar(fs->st[fs->cur]) : list_bar;
}

static enum ui_keyctx forces_keyctx(struct ui_screen *s)
{
	struct forces_screen *fs = s->st;
	return fs && fs->st[fs->cur] && panes[fs->cur]->form(fs->st[fs->cur]) ? KCTX_FORM : KCTX_LIST;
}

static void forces_save_draft(struct ui *ui, struct ui_screen *s)
{
	struct forces_screen *fs = s->st;
	struct form *f = fs && fs->st[fs->cur] ? panes[fs->cur]->form(fs->st[fs->cur]) : NULL;
	if (f)
		form_save_draft(ui, f);
}

/* A draft found at start-up: the organization form it was (the other panes' forms are short
 * and keep no draft past the session). */
static void forces_restore(struct ui *ui, struct ui_screen *s, const char *form, const char *data)
{
	struct forces_screen *fs = s->st;
	struct forces *f = fs ? fs->st[0] : NULL;
	if (!f || strcmp(form, "forces.org") != 0 || !open_org_form(ui, f, 0))
		return;
	fs->cur = 0;
	form_load_draft(&f->form, data);
	ui_message(ui, false, "%s", _("A form you had not saved was found and reopened: F2 saves it, "
				      "Esc closes it."));
}

const struct ui_screen_ops scr_forces = {
	.id = "forces", .tab = ACT_SCREEN5, .short_label = N_("Forces"), .open = forces_open,
	.reload = forces_reload, .draw = forces_draw, .key = forces_key, .close = forces_close, .bar_for = forces_bar,
	.keyctx = forces_keyctx, .save_draft = forces_save_draft, .restore_draft = forces_restore,
};

