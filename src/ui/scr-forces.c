/* Screen 5: the social forces - organizations (Enter: workers and projects; F2 adds one, F4
 * changes it), joint conferences. */
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
#include "form.h"
#include "listview.h"

static const enum ui_act list_bar[] = { ACT_HELP, ACT_NEW, ACT_EDIT, ACT_MENU, ACT_QUIT, ACT_NONE };
static const enum ui_act form_bar[] = { ACT_HELP, ACT_SAVE, ACT_PICK, ACT_CANCEL, ACT_NONE };

static const struct lv_column org_cols[] = {
	{ N_("Social organization"), 20, true, false }, { N_("Kind"), 18, false, false },
	{ N_("Contact"), 12, false, false }, { N_("Projects"), 8, false, true },
};

#define CONF_LINES 5
#define DETAIL_LINES 40

/* Screen 5: the organizations; Enter shows one with its social workers and projects. */
struct forces {
	struct listview lv;
	bool detail, in_form;
	int64_t detail_id;
	struct form form;
	struct form_field fields[WG_OF_COUNT];
	char was[WG_ORG_TEXT_SIZE];   /* the organization being changed, by its name; "" new */
	char lines[DETAIL_LINES][400];
	char labels[DETAIL_LINES][64];
	int n;
	char conf[CONF_LINES][300];
	int nconf;
};

static const enum ui_act detail_bar[] = { ACT_HELP, ACT_EDIT, ACT_BACK, ACT_MENU, ACT_QUIT, ACT_NONE };

static int keep_conf(void *arg, const char *date, const char *topic, int cases, const char *decision)
{
	struct forces *f = arg;
	if (f->nconf < CONF_LINES)
		snprintf(f->conf[f->nconf++], sizeof f->conf[0],
			 /* L10N: a joint conference: date, topic, cases brought, decision */
			 _("%s  %s  (%d cases)  %s"), date, topic, cases, *decision ? decision : _("open"));
	return WG_OK;
}

static void read_conferences(struct ui *ui, struct forces *f)
{
	f->nconf = 0;
	if (wg_conference_each(ui->ctx, CONF_LINES, keep_conf, f) != WG_OK)
		ui_core_error(ui);
}

/* ---- The organization form: the register's own checks (wg_org_save) ---- */

static char choice_items[32][256];
static const char *choice_values[32];
static int nchoices;

static void put_chosen(struct ui *ui, struct forces *f, int field, const char *v)
{
	form_set(&f->form, field, v);
	f->fields[field].by_hand = true;
	f->fields[field].error[0] = '\0';
	f->form.dirty = true;
	ui_draft_touch(ui);
}

static int kind_picked(struct ui *ui, void *arg, int index)
{
	put_chosen(ui, arg, WG_OF_KIND, wg_org_kinds[index]);
	return UI_REDRAW;
}

static int status_picked(struct ui *ui, void *arg, int index)
{
	put_chosen(ui, arg, WG_OF_STATUS, index ? "停用" : "在用");
	return UI_REDRAW;
}

/* A sector chosen joins those the field holds (codes, as the register keeps them). */
static int sector_picked(struct ui *ui, void *arg, int index)
{
	struct forces *f = arg;
	char v[512], joined[600];
	form_value(&f->form, WG_OF_DOMAINS, v, sizeof v);
	snprintf(joined, sizeof joined, "%s%s%s", v, *v ? ";" : "", choice_values[index]);
	put_chosen(ui, f, WG_OF_DOMAINS, joined);
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
	f->in_form = true;
	return true;
}

static int org_open(struct ui *ui, struct ui_screen *s)
{
	struct forces *f = calloc(1, sizeof *f);
	if (!f)
		return WG_EIO;
	lv_init(&f->lv, wg_list_orgs, org_cols, 4);
	f->lv.empty_text = N_("No social organizations yet: F2 adds one.");
	setup_form(f);
	s->st = f;
	lv_reload(ui, &f->lv);
	read_conferences(ui, f);
	return WG_OK;
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

/* The database changed: the list, the conferences and the open organization are read again. */
static void org_refresh(struct ui *ui, struct ui_screen *s)
{
	struct forces *f = s->st;
	if (!f)
		return;
	lv_refresh(ui, &f->lv);
	read_conferences(ui, f);
	if (f->detail && !read_detail(ui, f, f->detail_id))
		f->detail = false;
}

static void org_draw(struct ui *ui, struct ui_screen *s, WINDOW *w)
{
	struct forces *f = s->st;
	int h, wd;
	getmaxyx(w, h, wd);
	if (!f)
		return;
	if (f->in_form) {
		form_draw(ui, &f->form, w, 0, 1, h, wd - 2);
		return;
	}
	if (f->detail) {
		for (int i = 0; i < f->n && i + 1 < h; i++) {
			draw_text(w, i + 1, 2, f->labels[i], 14, draw_attr(ui, ROLE_LABEL));
			draw_text(w, i + 1, 17, f->lines[i], wd - 19, (int)A_NORMAL);
		}
		return;
	}
	int list_h = h - (CONF_LINES + 2);
	lv_draw(ui, &f->lv, w, 0, 0, list_h, wd);
	draw_text(w, list_h + 1, 2, _("Joint conferences (newest first)"), wd - 4,
		  draw_attr(ui, ROLE_LABEL) | A_BOLD);
	if (!f->nconf)
		draw_text(w, list_h + 2, 4, _("none yet"), wd - 6, draw_attr(ui, ROLE_DIM));
	for (int i = 0; i < f->nconf && list_h + 2 + i < h; i++)
		draw_text(w, list_h + 2 + i, 4, f->conf[i], wd - 6, (int)A_NORMAL);
}

/* ---- what each key does in each mode ---- */

enum forces_mode { FM_LIST, FM_DETAIL, FM_FORM };

static enum forces_mode forces_mode(const struct forces *f)
{
	return f->in_form ? FM_FORM : f->detail ? FM_DETAIL : FM_LIST;
}

static int k_form(struct ui *ui, void *st, enum ui_act act, const struct ui_key *k)
{
	int r = form_key(ui, &((struct forces *)st)->form, act, k);
	return r & (UI_REDRAW | UI_HANDLED) ? UI_REDRAW : r;
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
	{ FM_LIST, ACT_OPEN, k_open },
	{ FM_LIST, ACT_NEW, k_new },
	{ FM_LIST, ACT_EDIT, k_edit },
	{ FM_LIST, UI_ANY_ACT, k_list },
	{ 0, ACT_NONE, NULL },
};

static int org_key(struct ui *ui, struct ui_screen *s, enum ui_act act, const struct ui_key *k)
{
	struct forces *f = s->st;
	return f ? ui_key_rows(forces_keys, (int)forces_mode(f), ui, f, act, k) : UI_IGNORED;
}

static enum ui_keyctx org_keyctx(struct ui_screen *s)
{
	struct forces *f = s->st;
	return f && f->in_form ? KCTX_FORM : KCTX_LIST;
}

static void org_save_draft(struct ui *ui, struct ui_screen *s)
{
	struct forces *f = s->st;
	if (f && f->in_form)
		form_save_draft(ui, &f->form);
}

static void org_restore(struct ui *ui, struct ui_screen *s, const char *form, const char *data)
{
	struct forces *f = s->st;
	(void)form;
	if (!f || !open_org_form(ui, f, 0))
		return;
	form_load_draft(&f->form, data);
	ui_message(ui, false, "%s", _("A form you had not saved was found and reopened: F2 saves it, "
				      "Esc closes it."));
}

static void org_close(struct ui *ui, struct ui_screen *s)
{
	struct forces *f = s->st;
	(void)ui;
	if (f) {
		lv_free(&f->lv);
		form_free(&f->form);
	}
	free(f);
}

static const enum ui_act *org_bar(struct ui_screen *s)
{
	struct forces *f = s->st;
	return f && f->in_form ? form_bar : f && f->detail ? detail_bar : list_bar;
}

const struct ui_screen_ops scr_forces = {
	.id = "forces", .tab = ACT_SCREEN5, .short_label = N_("Forces"), .open = org_open,
	.reload = org_refresh, .draw = org_draw, .key = org_key, .close = org_close, .bar_for = org_bar,
	.keyctx = org_keyctx, .save_draft = org_save_draft, .restore_draft = org_restore,
};

