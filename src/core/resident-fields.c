/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The resident's fields: one table row each (names, register columns, limits, checks), the
 * checks themselves, and the statements made from the table. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/store.h>
#include "resident-priv.h"

#define BIT(f) (1u << (f))

/* Copies s without surrounding blanks (ASCII and U+3000) into out; -1 if it does not fit. */
static int trim_copy(const char *s, char *out, size_t outsz)
{
	static const char ideo[] = "\xE3\x80\x80";
	size_t n = strlen(s);
	for (;;) {
		if (n && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
			s++, n--;
		else if (n >= 3 && memcmp(s, ideo, 3) == 0)
			s += 3, n -= 3;
		else if (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
			n--;
		else if (n >= 3 && memcmp(s + n - 3, ideo, 3) == 0)
			n -= 3;
		else
			break;
	}
	if (n >= outsz)
		return -1;
	memcpy(out, s, n);
	out[n] = '\0';
	return 0;
}

/* A one-line text field: canonical spelling (5 as 5号楼), trimmed, at most max characters;
 * blank only when the field is not required. */
static int set_text(struct wg_ctx *ctx, struct wg_resident *r, enum wg_resident_field f,
		    const char *text)
{
	const struct wg_rfield *rf = &wg_rfields[f];
	char canon[256], buf[WG_UTF8_SIZE(WG_RESIDENT_NOTES_MAX)];
	const char *why = NULL;
	if (rf->kind == WG_RK_BUILDING)
		wg_building_name(text, canon, sizeof canon), text = canon;
	else if (f == WG_RF_UNIT)
		wg_unit_name(text, canon, sizeof canon), text = canon;
	else if (f == WG_RF_ROOM)
		wg_room_name(text, canon, sizeof canon), text = canon;
	if (trim_copy(text, buf, sizeof buf) != 0)
		why = _("is far too long; shorten it");
	else if (*buf || (rf->info.flags & WG_RFF_REQUIRED))
		why = wg_validate_text(buf, (size_t)rf->info.max);
	if (why)
		return wg_fail(ctx, WG_EINVAL, "%s", why);
	wg_copy(wg_rf_text(r, f), rf->size, buf);
	if (rf->kind == WG_RK_BUILDING)
		r->building_id = 0; /* looked up (or made) again when saved */
	return WG_OK;
}

/* The ID number's own gender and birth date, or 0 when the record has no (full) ID number. */
static int id_facts(const struct wg_resident *r, char *gender, char birth[WG_DATE_SIZE])
{
	if (!*r->id_number || (r->masked && !(r->changed & BIT(WG_RF_ID_NUMBER))))
		return 0;
	*gender = (r->id_number[16] - '0') % 2 ? 'M' : 'F';
	snprintf(birth, WG_DATE_SIZE, "%.4s-%.2s-%.2s", r->id_number + 6, r->id_number + 10,
		 r->id_number + 12);
	return 1;
}

static int set_gender(struct wg_ctx *ctx, struct wg_resident *r, const char *text)
{
	char buf[32], idg, birth[WG_DATE_SIZE];
	int g = trim_copy(text, buf, sizeof buf) ? -1 : wg_gender_parse(buf);
	int has_id = id_facts(r, &idg, birth);
	if (g < 0)
		return wg_fail(ctx, WG_EINVAL, "%s", _("is not a gender: enter 男 or 女 (M or F)"));
	if (has_id && g && g != idg)
		/* L10N: %s is 男 or 女 as the ID number says. */
		return wg_fail(ctx, WG_EINVAL, _("does not match the ID number, which says %s (its 17th "
						 "digit); correct the one that is wrong"),
			       wg_gender_label(idg));
	r->gender = g ? (char)g : has_id ? idg : 0;
	r->derived = g || !has_id ? r->derived & ~BIT(WG_RF_GENDER) : r->derived | BIT(WG_RF_GENDER);
	return WG_OK;
}

static int set_birth(struct wg_ctx *ctx, struct wg_resident *r, const char *text)
{
	char buf[64], norm[WG_DATE_SIZE] = "", idg, idb[WG_DATE_SIZE], today[WG_DATE_SIZE];
	int has_id = id_facts(r, &idg, idb);
	const char *why = trim_copy(text, buf, sizeof buf) ? _("is not a date; write it as YYYY-MM-DD")
			  : *buf ? wg_validate_date(buf, norm, sizeof norm) : NULL;
	wg_today_text(ctx, today);
	if (!why && *norm && (strcmp(norm, today) > 0 || strcmp(norm, "1900-01-01") < 0))
		why = _("is not a possible birth date: it must be from 1900 up to today");
	if (!why && has_id && *norm && strcmp(norm, idb) != 0)
		return wg_fail(ctx, WG_EINVAL, _("does not match the ID number, which says %s (characters "
						 "7 to 14); correct the one that is wrong"), idb);
	if (why)
		return wg_fail(ctx, WG_EINVAL, "%s", why);
	snprintf(r->birth_date, sizeof r->birth_date, "%s", *norm ? norm : has_id ? idb : "");
	r->derived = *norm || !has_id ? r->derived & ~BIT(WG_RF_BIRTH_DATE)
				      : r->derived | BIT(WG_RF_BIRTH_DATE);
	return WG_OK;
}

/* A new ID number fills gender and birth date unless they were typed and disagree. */
static int set_id(struct wg_ctx *ctx, struct wg_resident *r, const char *text)
{
	struct wg_id_number id;
	int y, m, d;
	char buf[64];
	wg_today(ctx, &y, &m, &d);
	if (trim_copy(text, buf, sizeof buf) == 0 && !*buf) {
		r->id_number[0] = '\0';
		r->derived = 0;
		return WG_OK;
	}
	const char *why = wg_validate_id_number(text, y, m, d, &id);
	if (why)
		return wg_fail(ctx, WG_EINVAL, "%s", why);
	if (r->gender && !(r->derived & BIT(WG_RF_GENDER)) && r->gender != id.gender)
		return wg_fail(ctx, WG_EINVAL, _("says %s (its 17th digit), but the gender entered is %s; "
						 "correct the one that is wrong"),
			       wg_gender_label(id.gender), wg_gender_label(r->gender));
	if (*r->birth_date && !(r->derived & BIT(WG_RF_BIRTH_DATE)) && strcmp(r->birth_date, id.birth))
		return wg_fail(ctx, WG_EINVAL, _("says the birth date is %s (characters 7 to 14), but %s "
						 "was entered; correct the one that is wrong"),
			       id.birth, r->birth_date);
	memcpy(r->id_number, id.number, sizeof r->id_number);
	r->gender = id.gender;
	memcpy(r->birth_date, id.birth, sizeof r->birth_date);
	r->derived = BIT(WG_RF_GENDER) | BIT(WG_RF_BIRTH_DATE);
	return WG_OK;
}

static int set_phone(struct wg_ctx *ctx, struct wg_resident *r, const char *text)
{
	char buf[64], norm[WG_PHONE_SIZE] = "";
	const char *why = trim_copy(text, buf, sizeof buf) ? _("is too long for a phone number")
			  : *buf ? wg_validate_phone(buf, norm, sizeof norm, NULL) : NULL;
	if (why)
		return wg_fail(ctx, WG_EINVAL, "%s", why);
	memcpy(r->phone, norm, sizeof r->phone);
	return WG_OK;
}

/* A cell by its code (or, failing that, by its exact name). */
static int set_cell(struct wg_ctx *ctx, struct wg_resident *r, const char *text)
{
	static const char sql[] = "SELECT id, code, name FROM cells WHERE code = ?1 UNION ALL"
				  " SELECT id, code, name FROM cells WHERE name = ?2 LIMIT 2";
	char buf[WG_UTF8_SIZE(WG_CELL_NAME_MAX)], code[sizeof buf];
	if (trim_copy(text, buf, sizeof buf) != 0 || !*buf)
		return wg_fail(ctx, WG_EINVAL, "%s", _("is empty; enter the code of the resident's grid "
						       "cell"));
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	memcpy(code, buf, sizeof code);
	wg_tidy_code(code);
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, buf, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (id != r->cell_id)
			r->building_id = 0; /* the building name is looked up again in the new cell */
		r->cell_id = id;
		wg_col_copy(st, 1, r->cell_code, sizeof r->cell_code);
		wg_col_copy(st, 2, r->cell_name, sizeof r->cell_name);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return WG_OK;
	return rc == SQLITE_DONE ? wg_fail(ctx, WG_EINVAL, _("there is no cell with the code %s; pick "
							     "the cell from the list"), buf)
				 : wg_db_fail(ctx, _("looking up a cell"));
}

struct tagset {
	struct wg_ctx *ctx;
	struct wg_resident *r;
};

static int add_tag(void *arg, const char *name)
{
	struct tagset *ts = arg;
	struct wg_tag t;
	int rc = wg_tag_find(ts->ctx, name, &t);
	if (rc != WG_OK)
		return rc;
	for (int i = 0; i < ts->r->ntags; i++)
		if (ts->r->tags[i].id == t.id)
			return WG_OK;
	if (ts->r->ntags == WG_RESIDENT_TAGS_MAX)
		return wg_fail(ts->ctx, WG_EINVAL, "%s", _("has more than 16 tags; keep the ones that "
							   "matter"));
	ts->r->tags[ts->r->ntags++] = t;
	return WG_OK;
}

static int set_tags(struct wg_ctx *ctx, struct wg_resident *r, const char *text)
{
	struct wg_resident tmp = *r;
	struct tagset ts = { ctx, &tmp };
	tmp.ntags = 0;
	int rc = wg_tag_split(text, add_tag, &ts);
	if (rc != WG_OK)
		return rc;
	memcpy(r->tags, tmp.tags, sizeof r->tags);
	r->ntags = tmp.ntags;
	r->key_care = 0;
	for (int i = 0; i < r->ntags; i++)
		r->key_care |= r->tags[i].key_care;
	return WG_OK;
}

static int set_notes(struct wg_ctx *ctx, struct wg_resident *r, const char *text)
{
	size_t chars = 0;
	for (const char *p = text; *p; chars++) {
		uint32_t c = wg_utf8_next(&p);
		if (c == WG_UTF8_INVALID || (c < 0x20 && c != '\n' && c != '\t'))
			return wg_fail(ctx, WG_EINVAL, "%s", _("contains characters that are not text"));
	}
	if (chars > WG_RESIDENT_NOTES_MAX)
		return wg_fail(ctx, WG_EINVAL, _("is %zu characters long; at most %d are allowed"), chars,
			       WG_RESIDENT_NOTES_MAX);
	wg_copy(r->notes, sizeof r->notes, text);
	return WG_OK;
}

/* Header names as registers of district and street offices write them. */
static const char *const a_name[] = { "姓名", "居民姓名", NULL };
static const char *const a_gender[] = { "性别", NULL };
static const char *const a_id[] = { "身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证",
				    NULL };
static const char *const a_phone[] = { "联系电话", "电话", "手机", "手机号", "手机号码", "电话号码",
				       "联系方式", NULL };
static const char *const a_cell[] = { "网格编码", "网格", NULL };
static const char *const a_building[] = { "楼栋", "楼号", "楼栋号", NULL };
static const char *const a_unit[] = { "单元", "单元号", NULL };
static const char *const a_room[] = { "房号", "门牌号", "房间号", "室号", NULL };
static const char *const a_tags[] = { "标签", "人员类别", NULL };
static const char *const a_birth[] = { "出生日期", NULL };
static const char *const a_relation[] = { "与户主关系", NULL };
static const char *const a_notes[] = { "备注", NULL };

#define AT(m) offsetof(struct wg_resident, m), sizeof(((struct wg_resident *)0)->m)

/* Adding a column to residents: a row here, a member of struct wg_resident, a migration. */
const struct wg_rfield wg_rfields[WG_RF_COUNT] = {
	[WG_RF_NAME] = { { "name", N_("Full name"), N_("the name as on the ID card, up to 30 "
						       "characters"), WG_PERSON_NAME_MAX, WG_RFF_REQUIRED },
			 "name", a_name, 0, WG_RK_TEXT, AT(name), "name", "r.name", WG_RM_NONE, NULL },
	[WG_RF_ID_NUMBER] = { { "id_number", N_("ID number"), N_("18 characters, the last may be X; "
								 "fills in gender and birth date"), 18, 0 },
			      "id_number", a_id, 2, WG_RK_TEXT, AT(id_number), "id_number",
			      "coalesce(r.id_number, '')", WG_RM_ID, set_id },
	[WG_RF_GENDER] = { { "gender", N_("Gender"), N_("男 or 女 (M or F); filled in from the ID "
							"number"), 2, 0 },
			   "gender", a_gender, 1, WG_RK_GENDER, 0, 0, "gender", "r.gender", WG_RM_NONE,
			   set_gender },
	[WG_RF_BIRTH_DATE] = { { "birth_date", N_("Birth date"), N_("YYYY-MM-DD; filled in from the ID "
								    "number"), 10, 0 },
			       "birth_date", a_birth, 9, WG_RK_TEXT, AT(birth_date), "birth_date",
			       "r.birth_date", WG_RM_BIRTH, set_birth },
	[WG_RF_PHONE] = { { "phone", N_("Phone"), N_("an 11-digit mobile number, or a landline such as "
						     "010-12345678"), 20, 0 },
			  "phone", a_phone, 3, WG_RK_TEXT, AT(phone), "phone", "r.phone", WG_RM_PHONE,
			  set_phone },
	[WG_RF_CELL] = { { "cell", N_("Grid cell"), N_("the cell's code; pick it from the list"),
			   WG_CELL_NAME_MAX, WG_RFF_REQUIRED | WG_RFF_ADDRESS | WG_RFF_REF },
			 "cell_code", a_cell, 4, WG_RK_CELL, AT(cell_code), NULL,
			 "coalesce(c.code, '')", WG_RM_NONE, set_cell },
	[WG_RF_BUILDING] = { { "building", N_("Building"), N_("the building's name, such as 3号楼; a new "
							      "name adds the building to the cell"),
			       WG_BUILDING_NAME_MAX, WG_RFF_ADDRESS },
			     "building", a_building, 5, WG_RK_BUILDING, AT(building), NULL,
			     "coalesce(b.name, '')", WG_RM_NONE, NULL },
	[WG_RF_UNIT] = { { "unit", N_("Unit"), N_("the unit (单元), up to 16 characters"), WG_UNIT_MAX,
			   WG_RFF_ADDRESS },
			 "unit", a_unit, 6, WG_RK_TEXT, AT(unit), "unit", "r.unit", WG_RM_NONE, NULL },
	[WG_RF_ROOM] = { { "room", N_("Room"), N_("the room number, up to 16 characters"), WG_UNIT_MAX,
			   WG_RFF_ADDRESS },
			 "room", a_room, 7, WG_RK_TEXT, AT(room), "room", "r.room", WG_RM_NONE, NULL },
	[WG_RF_RELATION] = { { "relation", N_("Relation to head"), N_("户主 for the head of the "
								      "household, else 配偶, 子女, 父母 and so "
								      "on"), WG_RELATION_MAX, 0 },
			     "relation", a_relation, 10, WG_RK_TEXT, AT(relation), "relation",
			     "r.relation", WG_RM_NONE, NULL },
	[WG_RF_TAGS] = { { "tags", N_("Tags"), N_("tag names separated by ；, such as 独居老人；低保"), 200,
			   0 },
			 "tags", a_tags, 8, WG_RK_TAGS, 0, 0, NULL,
			 "coalesce((SELECT group_concat(t.name, ';') FROM resident_tags rt JOIN tags t"
			 " ON t.id = rt.tag_id WHERE rt.resident_id = r.id), '')", WG_RM_NONE, set_tags },
	[WG_RF_NOTES] = { { "notes", N_("Notes"), N_("anything else, up to 500 characters"),
			    WG_RESIDENT_NOTES_MAX, 0 },
			  "notes", a_notes, 11, WG_RK_TEXT, AT(notes), "notes", "r.notes", WG_RM_NONE,
			  set_notes },
};

const struct wg_resident_field_info *wg_resident_field_info(enum wg_resident_field f)
{
	return f >= 0 && f < WG_RF_COUNT ? &wg_rfields[f].info : NULL;
}

const char *wg_resident_field_label(enum wg_resident_field f)
{
	return f >= 0 && f < WG_RF_COUNT ? _(wg_rfields[f].info.label) : "";
}

const char *wg_resident_field_hint(enum wg_resident_field f)
{
	return f >= 0 && f < WG_RF_COUNT ? _(wg_rfields[f].info.hint) : "";
}

int wg_resident_set(struct wg_ctx *ctx, struct wg_resident *r, enum wg_resident_field f,
		    const char *text)
{
	if (f < 0 || f >= WG_RF_COUNT)
		return wg_fail(ctx, WG_EUSAGE, "%s", _("no such field"));
	text = text ? text : "";
	int rc = wg_rfields[f].set ? wg_rfields[f].set(ctx, r, text) : set_text(ctx, r, f, text);
	if (rc == WG_OK)
		r->changed |= BIT(f);
	return rc;
}

void wg_resident_text(const struct wg_resident *r, enum wg_resident_field f, char *out,
		      size_t outsz)
{
	size_t len = 0;
	out[0] = '\0';
	if (f < 0 || f >= WG_RF_COUNT)
		return;
	switch (wg_rfields[f].kind) {
	case WG_RK_GENDER: snprintf(out, outsz, "%s", wg_gender_label(r->gender)); break;
	case WG_RK_TAGS:
		for (int i = 0; i < r->ntags && len < outsz; i++) {
			int n = snprintf(out + len, outsz - len, "%s%s", i ? "；" : "", r->tags[i].name);
			len += n > 0 ? (size_t)n : 0;
		}
		break;
	default: snprintf(out, outsz, "%s", (const char *)r + wg_rfields[f].off); break;
	}
}

int wg_resident_check(struct wg_ctx *ctx, const struct wg_resident *r,
		      enum wg_resident_field *bad)
{
	enum wg_resident_field f;
	for (f = 0; f < WG_RF_COUNT; f++) {
		const struct wg_rfield *rf = &wg_rfields[f];
		if (!(rf->info.flags & WG_RFF_REQUIRED))
			continue;
		if (rf->kind == WG_RK_CELL ? !r->cell_id : !*((const char *)r + rf->off))
			break;
	}
	if (bad)
		*bad = f;
	if (f == WG_RF_COUNT)
		return WG_OK;
	return wg_fail(ctx, WG_EINVAL, "%s", wg_rfields[f].kind == WG_RK_CELL
				? _("is empty; enter the code of the resident's grid cell")
				: _("is blank; fill it in"));
}

void wg_resident_next(struct wg_resident *r)
{
	struct wg_resident keep = *r;
	wg_resident_init(r);
	for (int f = 0; f < WG_RF_COUNT; f++) {
		if (!(wg_rfields[f].info.flags & WG_RFF_ADDRESS))
			continue;
		memcpy(wg_rf_text(r, f), wg_rf_text(&keep, f), wg_rfields[f].size);
		r->changed |= BIT(f);
	}
	r->cell_id = keep.cell_id;
	memcpy(r->cell_name, keep.cell_name, sizeof r->cell_name);
	r->building_id = keep.building_id;
	r->household_id = keep.household_id;
}

/* ---- The statements made from the table ---- */

enum { FIXED_PARAMS = 8 };

static void put(char *buf, size_t sz, size_t *len, const char *s)
{
	int n = snprintf(buf + *len, sz - *len, "%s", s);
	*len += n > 0 && (size_t)n < sz - *len ? (size_t)n : 0;
}

static void build_write(char *buf, size_t sz, int insert)
{
	char item[128];
	size_t len = 0;
	int p = FIXED_PARAMS;
	put(buf, sz, &len, insert ? "INSERT INTO residents(id, cell_id, building_id, household_id,"
				    " active, search_text, created_at, created_by, updated_at, updated_by"
				  : "UPDATE residents SET cell_id = ?2, building_id = ?3, household_id = ?4,"
				    " active = ?5, search_text = ?6, updated_at = ?7, updated_by = ?8");
	for (int f = 0; f < WG_RF_COUNT; f++)
		if (wg_rfields[f].column) {
			snprintf(item, sizeof item, insert ? ", %s" : ", %s = ?%d", wg_rfields[f].column, ++p);
			put(buf, sz, &len, item);
		}
	if (!insert) {
		put(buf, sz, &len, " WHERE id = ?1");
		return;
	}
	put(buf, sz, &len, ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?7, ?8");
	for (int i = FIXED_PARAMS + 1; i <= p; i++) {
		snprintf(item, sizeof item, ", ?%d", i);
		put(buf, sz, &len, item);
	}
	put(buf, sz, &len, ")");
}

static const char joins[] = " FROM residents r LEFT JOIN cells c ON c.id = r.cell_id"
			    " LEFT JOIN buildings b ON b.id = r.building_id";

static void build_read(char *buf, size_t sz, int export)
{
	size_t len = 0;
	put(buf, sz, &len, export ? "SELECT " : "SELECT coalesce(r.cell_id, 0), coalesce(c.code, ''),"
		" coalesce(c.name, ''), coalesce(r.building_id, 0), coalesce(b.name, ''),"
		" coalesce(r.household_id, 0), r.active");
	for (int pos = 0, n = 0; pos < WG_RF_COUNT; pos++)
		for (int f = 0; f < WG_RF_COUNT; f++) {
			const struct wg_rfield *rf = &wg_rfields[f];
			if (export ? rf->csv_pos != pos : (pos != f || !rf->column))
				continue;
			put(buf, sz, &len, export && n++ == 0 ? "" : ", ");
			put(buf, sz, &len, export ? rf->export_sql : "r.");
			if (!export)
				put(buf, sz, &len, rf->column);
		}
	put(buf, sz, &len, joins);
	put(buf, sz, &len, export ? " ORDER BY r.id" : " WHERE r.id = ?1");
}

const char *wg_resident_sql(enum wg_rsql which)
{
	static char sql[WG_RSQL_COUNT][2048];
	if (which < 0 || which >= WG_RSQL_COUNT)
		return NULL;
	if (!sql[which][0]) {
		if (which == WG_RSQL_INSERT || which == WG_RSQL_UPDATE)
			build_write(sql[which], sizeof sql[which], which == WG_RSQL_INSERT);
		else
			build_read(sql[which], sizeof sql[which], which == WG_RSQL_EXPORT);
	}
	return sql[which];
}

void wg_resident_bind(struct wg_ctx *ctx, sqlite3_stmt *st, const struct wg_resident *r, int64_t id,
		      const struct wg_resident_secrets *sc, const char *text)
{
	int p = FIXED_PARAMS;
	sqlite3_bind_int64(st, 1, id);
	wg_bind_ref(st, 2, r->cell_id);
	wg_bind_ref(st, 3, r->building_id);
	wg_bind_ref(st, 4, r->household_id);
	sqlite3_bind_int(st, 5, r->active);
	sqlite3_bind_text(st, 6, text, -1, SQLITE_STATIC);
	wg_bind_stamp(ctx, st, 7);
	for (int f = 0; f < WG_RF_COUNT; f++) {
		const struct wg_rfield *rf = &wg_rfields[f];
		if (!rf->column)
			continue;
		const char *v = rf->kind == WG_RK_GENDER ? (r->gender == 'M' ? "M" : r->gender == 'F' ? "F" : "")
			: rf->mask == WG_RM_ID ? sc->id_number : rf->mask == WG_RM_PHONE ? sc->phone
			: rf->mask == WG_RM_BIRTH ? sc->birth : (const char *)r + rf->off;
		++p;
		if (rf->mask == WG_RM_ID && !*v)
			continue; /* no number is NULL: the column is unique */
		sqlite3_bind_text(st, p, v, -1, SQLITE_STATIC);
	}
}

void wg_resident_read_row(sqlite3_stmt *st, struct wg_resident *r)
{
	int col = WG_RL_FIELDS;
	r->cell_id = sqlite3_column_int64(st, WG_RL_CELL_ID);
	wg_col_copy(st, WG_RL_CELL_CODE, r->cell_code, sizeof r->cell_code);
	wg_col_copy(st, WG_RL_CELL_NAME, r->cell_name, sizeof r->cell_name);
	r->building_id = sqlite3_column_int64(st, WG_RL_BUILDING_ID);
	wg_col_copy(st, WG_RL_BUILDING, r->building, sizeof r->building);
	r->household_id = sqlite3_column_int64(st, WG_RL_HOUSEHOLD);
	r->active = sqlite3_column_int(st, WG_RL_ACTIVE);
	for (int f = 0; f < WG_RF_COUNT; f++) {
		const struct wg_rfield *rf = &wg_rfields[f];
		if (!rf->column)
			continue;
		if (rf->kind == WG_RK_GENDER) {
			const unsigned char *g = sqlite3_column_text(st, col++);
			r->gender = g && (*g == 'M' || *g == 'F') ? (char)*g : 0;
		} else {
			wg_col_copy(st, col++, wg_rf_text(r, f), rf->size);
		}
	}
}
