/* The resident record: field-by-field checks with derived fields, saving, loading masked, unmasking. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <wangge/audit.h>
#include <wangge/i18n.h>
#include <wangge/store.h>
#include "resident-priv.h"

#define BIT(f) (1u << (f))
#define ADDRESS_BITS (BIT(WG_RF_CELL) | BIT(WG_RF_BUILDING) | BIT(WG_RF_UNIT) | BIT(WG_RF_ROOM))

static const struct {
	const char *label, *hint;
} fields[WG_RF_COUNT] = {
	[WG_RF_NAME] = { N_("Full name"), N_("the name as on the ID card, up to 30 characters") },
	[WG_RF_GENDER] = { N_("Gender"), N_("男 or 女 (M or F); filled in from the ID number") },
	[WG_RF_ID_NUMBER] = { N_("ID number"), N_("18 characters, the last may be X; fills in "
						  "gender and birth date") },
	[WG_RF_BIRTH_DATE] = { N_("Birth date"), N_("YYYY-MM-DD; filled in from the ID number") },
	[WG_RF_PHONE] = { N_("Phone"), N_("an 11-digit mobile number, or a landline such as "
					  "010-12345678") },
	[WG_RF_CELL] = { N_("Grid cell"), N_("the cell's code; pick it from the list") },
	[WG_RF_BUILDING] = { N_("Building"), N_("the building's name, such as 3号楼; a new name adds "
						"the building to the cell") },
	[WG_RF_UNIT] = { N_("Unit"), N_("the unit (单元), up to 16 characters") },
	[WG_RF_ROOM] = { N_("Room"), N_("the room number, up to 16 characters") },
	[WG_RF_RELATION] = { N_("Relation to head"), N_("户主 for the head of the household, else "
							 "配偶, 子女, 父母 and so on") },
	[WG_RF_TAGS] = { N_("Tags"), N_("tag names separated by ；, such as 独居老人；低保") },
	[WG_RF_NOTES] = { N_("Notes"), N_("anything else, up to 500 characters") },
};

const char *wg_resident_field_label(enum wg_resident_field f)
{
	return f >= 0 && f < WG_RF_COUNT ? _(fields[f].label) : "";
}

const char *wg_resident_field_hint(enum wg_resident_field f)
{
	return f >= 0 && f < WG_RF_COUNT ? _(fields[f].hint) : "";
}

const char *wg_gender_label(char gender)
{
	return gender == 'M' ? _("male") : gender == 'F' ? _("female") : "";
}

int wg_gender_parse(const char *s)
{
	/* 1 and 2 are the codes of GB/T 2261.1, as official systems export them. */
	static const char *const male[] = { "男", "M", "male", "1", "男性", NULL };
	static const char *const female[] = { "女", "F", "female", "2", "女性", NULL };
	char buf[32];
	wg_fold_width(s, buf, sizeof buf);
	if (!*buf)
		return 0;
	for (int i = 0; male[i]; i++) {
		if (strcasecmp(buf, male[i]) == 0)
			return 'M';
		if (strcasecmp(buf, female[i]) == 0)
			return 'F';
	}
	return -1;
}

void wg_resident_init(struct wg_resident *r)
{
	memset(r, 0, sizeof *r);
	r->active = 1;
}

/* The relations to the head of the household that registers write (民政 usage), for pickers;
 * the field takes any text, these are offered. */
const char *const wg_relations[] = { "户主", "配偶", "子", "女", "父亲", "母亲", "孙子", "孙女",
				      "儿媳", "女婿", "兄弟姐妹", "祖父母", "其他", NULL };

void wg_resident_next(struct wg_resident *r)
{
	struct wg_resident keep = *r;
	wg_resident_init(r);
	r->cell_id = keep.cell_id;
	memcpy(r->cell_code, keep.cell_code, sizeof r->cell_code);
	memcpy(r->cell_name, keep.cell_name, sizeof r->cell_name);
	r->building_id = keep.building_id;
	memcpy(r->building, keep.building, sizeof r->building);
	memcpy(r->unit, keep.unit, sizeof r->unit);
	memcpy(r->room, keep.room, sizeof r->room);
	r->household_id = keep.household_id;
	r->changed = BIT(WG_RF_CELL) | BIT(WG_RF_BUILDING) | BIT(WG_RF_UNIT) | BIT(WG_RF_ROOM);
}

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

/* Optional one-line text of at most max characters. */
static int set_line(struct wg_ctx *ctx, const char *text, size_t max, char *out, size_t outsz)
{
	char buf[WG_UTF8_SIZE(WG_RESIDENT_NOTES_MAX)];
	const char *why = NULL;
	if (trim_copy(text, buf, sizeof buf) != 0)
		why = _("is far too long; shorten it");
	else if (*buf)
		why = wg_validate_text(buf, max);
	if (why)
		return wg_fail(ctx, WG_EINVAL, "%s", why);
	wg_copy(out, outsz, buf);
	return WG_OK;
}

static int set_name(struct wg_ctx *ctx, struct wg_resident *r, const char *text)
{
	char buf[WG_UTF8_SIZE(WG_RESIDENT_NOTES_MAX)];
	const char *why = trim_copy(text, buf, sizeof buf) ? _("is far too long; shorten it")
							   : wg_validate_text(buf, WG_PERSON_NAME_MAX);
	if (why)
		return wg_fail(ctx, WG_EINVAL, "%s", why);
	wg_copy(r->name, sizeof r->name, buf);
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

int wg_resident_set(struct wg_ctx *ctx, struct wg_resident *r, enum wg_resident_field f,
		    const char *text)
{
	char canon[256];
	int rc;
	text = text ? text : "";
	switch (f) {
	case WG_RF_NAME: rc = set_name(ctx, r, text); break;
	case WG_RF_GENDER: rc = set_gender(ctx, r, text); break;
	case WG_RF_ID_NUMBER: rc = set_id(ctx, r, text); break;
	case WG_RF_BIRTH_DATE: rc = set_birth(ctx, r, text); break;
	case WG_RF_PHONE: rc = set_phone(ctx, r, text); break;
	case WG_RF_CELL: rc = set_cell(ctx, r, text); break;
	case WG_RF_BUILDING:
		wg_building_name(text, canon, sizeof canon);
		rc = set_line(ctx, canon, WG_BUILDING_NAME_MAX, r->building, sizeof r->building);
		r->building_id = 0;
		break;
	case WG_RF_UNIT:
		wg_unit_name(text, canon, sizeof canon);
		rc = set_line(ctx, canon, WG_UNIT_MAX, r->unit, sizeof r->unit);
		break;
	case WG_RF_ROOM:
		wg_room_name(text, canon, sizeof canon);
		rc = set_line(ctx, canon, WG_UNIT_MAX, r->room, sizeof r->room);
		break;
	case WG_RF_RELATION:
		rc = set_line(ctx, text, WG_RELATION_MAX, r->relation, sizeof r->relation);
		break;
	case WG_RF_TAGS: rc = set_tags(ctx, r, text); break;
	case WG_RF_NOTES: rc = set_notes(ctx, r, text); break;
	default: return wg_fail(ctx, WG_EUSAGE, "%s", _("no such field"));
	}
	if (rc == WG_OK)
		r->changed |= BIT(f);
	return rc;
}

void wg_resident_text(const struct wg_resident *r, enum wg_resident_field f, char *out,
		      size_t outsz)
{
	const char *s = "";
	size_t len = 0;
	switch (f) {
	case WG_RF_NAME: s = r->name; break;
	case WG_RF_GENDER: s = wg_gender_label(r->gender); break;
	case WG_RF_ID_NUMBER: s = r->id_number; break;
	case WG_RF_BIRTH_DATE: s = r->birth_date; break;
	case WG_RF_PHONE: s = r->phone; break;
	case WG_RF_CELL: s = r->cell_code; break;
	case WG_RF_BUILDING: s = r->building; break;
	case WG_RF_UNIT: s = r->unit; break;
	case WG_RF_ROOM: s = r->room; break;
	case WG_RF_RELATION: s = r->relation; break;
	case WG_RF_NOTES: s = r->notes; break;
	case WG_RF_TAGS:
		out[0] = '\0';
		for (int i = 0; i < r->ntags && len < outsz; i++) {
			int n = snprintf(out + len, outsz - len, "%s%s", i ? "；" : "", r->tags[i].name);
			len += n > 0 ? (size_t)n : 0;
		}
		return;
	default: break;
	}
	snprintf(out, outsz, "%s", s);
}

int wg_resident_check(struct wg_ctx *ctx, const struct wg_resident *r,
		      enum wg_resident_field *bad)
{
	enum wg_resident_field f = WG_RF_COUNT;
	const char *why = NULL;
	if (!*r->name)
		f = WG_RF_NAME, why = _("is blank; fill it in");
	else if (!r->cell_id)
		f = WG_RF_CELL, why = _("is empty; enter the code of the resident's grid cell");
	if (bad)
		*bad = f;
	return why ? wg_fail(ctx, WG_EINVAL, "%s", why) : WG_OK;
}

/* ---- Saving ---- */

void wg_mask_birth_date(const char *date, char *out, size_t outsz)
{
	snprintf(out, outsz, "%s", *date ? "****-**-**" : "");
	if (strlen(date) == 10 && outsz > 4)
		memcpy(out, date, 4);
}

/* What a masked record hides, as stored. */
struct secrets {
	char id_number[19];
	char phone[WG_PHONE_SIZE];
	char birth[WG_DATE_SIZE];
};

static int stored_secrets(struct wg_ctx *ctx, int64_t id, struct secrets *s)
{
	static const char sql[] = "SELECT coalesce(id_number, ''), phone, birth_date FROM residents"
				  " WHERE id = ?1";
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		wg_col_copy(st, 0, s->id_number, sizeof s->id_number);
		wg_col_copy(st, 1, s->phone, sizeof s->phone);
		wg_col_copy(st, 2, s->birth, sizeof s->birth);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? WG_OK
				: wg_fail(ctx, WG_EINVAL, _("resident %lld no longer exists"), (long long)id);
}

static int update_row(struct wg_ctx *ctx, const struct wg_resident *r, const struct secrets *sc)
{
	const char *idn = sc->id_number, *phone = sc->phone;
	static const char sql[] =
		"UPDATE residents SET name = ?2, gender = ?3, id_number = ?4, birth_date = ?5,"
		" phone = ?6, cell_id = ?7, building_id = ?8, unit = ?9, room = ?10, household_id = ?11,"
		" relation = ?12, notes = ?13, active = ?14, search_text = ?15, updated_at = ?16,"
		" updated_by = ?17 WHERE id = ?1";
	char text[WG_SEARCH_TEXT_SIZE];
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	wg_search_text(r->name, idn, phone, r->unit, r->room, text, sizeof text);
	const struct wg_resident_secrets stored = { idn, phone, sc->birth };
	wg_resident_bind(ctx, st, r, r->id, &stored, text);
	return wg_step_done(st) == SQLITE_DONE ? WG_OK : wg_db_fail(ctx, _("saving a resident"));
}

/* Refuses an ID number that another resident has, naming that record. */
static int check_duplicate(struct wg_ctx *ctx, const char *idn, int64_t self)
{
	static const char sql[] = "SELECT id FROM residents WHERE id_number = ?1 AND id <> ?2";
	char who[256];
	if (!*idn)
		return WG_OK;
	sqlite3_stmt *st = wg_stmt(ctx, sql);
	if (!st)
		return WG_EIO;
	sqlite3_bind_text(st, 1, idn, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, self);
	int64_t other = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (!other)
		return WG_OK;
	wg_resident_who(ctx, other, who, sizeof who);
	return wg_fail(ctx, WG_EINVAL, _("the ID number %s is already registered for %s; open that "
					 "record instead of entering it again"), idn, who);
}

/* The full values to write: as set, or as stored where the record still holds masks. */
static int full_values(struct wg_ctx *ctx, const struct wg_resident *r, struct secrets *sc)
{
	struct secrets stored;
	int rc;
	snprintf(sc->id_number, sizeof sc->id_number, "%s", r->id_number);
	snprintf(sc->phone, sizeof sc->phone, "%s", r->phone);
	snprintf(sc->birth, sizeof sc->birth, "%s", r->birth_date);
	if (!r->id || !r->masked)
		return WG_OK;
	if ((rc = stored_secrets(ctx, r->id, &stored)) != WG_OK)
		return rc;
	if (!(r->changed & BIT(WG_RF_ID_NUMBER)))
		memcpy(sc->id_number, stored.id_number, sizeof sc->id_number);
	if (!(r->changed & BIT(WG_RF_PHONE)))
		memcpy(sc->phone, stored.phone, sizeof sc->phone);
	if (!(r->changed & (BIT(WG_RF_BIRTH_DATE) | BIT(WG_RF_ID_NUMBER))))
		memcpy(sc->birth, stored.birth, sizeof sc->birth);
	/* A gender or birth date typed over a masked record must still agree with the kept number. */
	if (*sc->id_number && !(r->changed & BIT(WG_RF_ID_NUMBER))) {
		char g = (sc->id_number[16] - '0') % 2 ? 'M' : 'F', b[WG_DATE_SIZE];
		snprintf(b, sizeof b, "%.4s-%.2s-%.2s", sc->id_number + 6, sc->id_number + 10,
			 sc->id_number + 12);
		if (r->gender && r->gender != g)
			return wg_fail(ctx, WG_EINVAL, _("gender: does not match the ID number, which says "
							 "%s"), wg_gender_label(g));
		if (*sc->birth && strcmp(sc->birth, b) != 0)
			return wg_fail(ctx, WG_EINVAL, _("birth date: does not match the ID number, which "
							 "says %s"), b);
	}
	return WG_OK;
}

static int write_record(struct wg_ctx *ctx, struct wg_resident *r)
{
	struct secrets sc;
	int64_t dup;
	int rc;
	if ((rc = full_values(ctx, r, &sc)) != WG_OK)
		return rc;
	if (*r->building && !r->building_id &&
	    (rc = wg_building_ensure(ctx, r->cell_id, r->building, &r->building_id)) != WG_OK)
		return rc;
	if (!*r->building)
		r->building_id = 0;
	if ((rc = check_duplicate(ctx, sc.id_number, r->id)) != WG_OK)
		return rc;
	/* A new resident, a move or a record from before households: placed by the rule. */
	int64_t old_household = r->household_id;
	if ((r->id == 0 || !r->household_id || (r->changed & ADDRESS_BITS)) &&
	    (rc = wg_household_place(ctx, r, &r->household_id)) != WG_OK)
		return rc;
	if (r->id == 0) {
		struct wg_resident full = *r;
		memcpy(full.id_number, sc.id_number, sizeof full.id_number);
		memcpy(full.phone, sc.phone, sizeof full.phone);
		memcpy(full.birth_date, sc.birth, sizeof full.birth_date);
		if ((rc = wg_store_new_id(ctx, "residents", &r->id)) == WG_OK &&
		    (rc = wg_resident_insert(ctx, &full, r->id, &dup)) != WG_OK)
			r->id = 0;
		return rc;
	}
	if ((rc = update_row(ctx, r, &sc)) == WG_OK)
		rc = wg_resident_write_tags(ctx, r->id, r, 1, NULL);
	if (rc == WG_OK && old_household != r->household_id)
		rc = wg_household_drop_if_empty(ctx, old_household);
	return rc;
}

int wg_resident_may_enter(struct wg_ctx *ctx)
{
	return wg_require_role(ctx, WG_ROLE_CLERK, _("Entering residents"));
}

int wg_resident_save(struct wg_ctx *ctx, struct wg_resident *r)
{
	int rc;
	if ((rc = wg_resident_may_enter(ctx)) != WG_OK ||
	    (rc = wg_resident_check(ctx, r, NULL)) != WG_OK || (rc = wg_begin(ctx)) != WG_OK)
		return rc;
	if ((rc = write_record(ctx, r)) == WG_OK && (rc = wg_commit(ctx)) == WG_OK) {
		r->changed = 0;
		return WG_OK;
	}
	wg_rollback(ctx);
	return rc;
}

/* ---- Loading, unmasking, deleting ---- */

static const char load_sql[] =
	"SELECT r.name, r.gender, coalesce(r.id_number, ''), r.birth_date, r.phone,"
	" coalesce(r.cell_id, 0), coalesce(c.code, ''), coalesce(c.name, ''),"
	" coalesce(r.building_id, 0), coalesce(b.name, ''), r.unit, r.room,"
	" coalesce(r.household_id, 0), r.relation, r.notes, r.active"
	" FROM residents r LEFT JOIN cells c ON c.id = r.cell_id"
	" LEFT JOIN buildings b ON b.id = r.building_id WHERE r.id = ?1";

static void read_record(sqlite3_stmt *st, struct wg_resident *r)
{
	char idn[19], phone[WG_PHONE_SIZE], birth[WG_DATE_SIZE];
	wg_col_copy(st, 0, r->name, sizeof r->name);
	r->gender = (char)sqlite3_column_text(st, 1)[0];
	wg_col_copy(st, 2, idn, sizeof idn);
	wg_col_copy(st, 3, birth, sizeof birth);
	wg_col_copy(st, 4, phone, sizeof phone);
	r->cell_id = sqlite3_column_int64(st, 5);
	wg_col_copy(st, 6, r->cell_code, sizeof r->cell_code);
	wg_col_copy(st, 7, r->cell_name, sizeof r->cell_name);
	r->building_id = sqlite3_column_int64(st, 8);
	wg_col_copy(st, 9, r->building, sizeof r->building);
	wg_col_copy(st, 10, r->unit, sizeof r->unit);
	wg_col_copy(st, 11, r->room, sizeof r->room);
	r->household_id = sqlite3_column_int64(st, 12);
	wg_col_copy(st, 13, r->relation, sizeof r->relation);
	wg_col_copy(st, 14, r->notes, sizeof r->notes);
	r->active = sqlite3_column_int(st, 15);
	wg_mask_id_number(idn, r->id_number, sizeof r->id_number);
	wg_mask_phone(phone, r->phone, sizeof r->phone);
	wg_mask_birth_date(birth, r->birth_date, sizeof r->birth_date);
	if (*idn) /* gender and birth date follow the number; a new number may change them */
		r->derived = BIT(WG_RF_GENDER) | BIT(WG_RF_BIRTH_DATE);
	if (!*idn)
		r->id_number[0] = '\0';
	if (!*phone)
		r->phone[0] = '\0';
	r->masked = 1;
}

int wg_resident_load(struct wg_ctx *ctx, int64_t id, struct wg_resident *r)
{
	int rc = wg_require_role(ctx, WG_ROLE_VIEWER, _("Reading residents"));
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, load_sql) : NULL;
	if (!st)
		return rc != WG_OK ? rc : WG_EIO;
	wg_resident_init(r);
	r->id = id;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_record(st, r);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? wg_fail(ctx, WG_EINVAL, _("resident %lld does not exist"),
						   (long long)id)
					 : wg_db_fail(ctx, _("reading a resident"));
	return wg_resident_read_tags(ctx, r);
}

int wg_resident_unmask(struct wg_ctx *ctx, struct wg_resident *r)
{
	struct secrets sc;
	int rc;
	if ((rc = wg_require_role(ctx, WG_ROLE_REVEAL, _("Showing a full ID number or phone"))) != WG_OK ||
	    (rc = wg_begin(ctx)) != WG_OK)
		return rc;
	if ((rc = stored_secrets(ctx, r->id, &sc)) == WG_OK &&
	    (rc = wg_audit(ctx, "resident.unmask", "residents", r->id, "id_number phone birth_date")) ==
		    WG_OK &&
	    (rc = wg_commit(ctx)) == WG_OK) {
		if (!(r->changed & BIT(WG_RF_ID_NUMBER)))
			memcpy(r->id_number, sc.id_number, sizeof r->id_number);
		if (!(r->changed & BIT(WG_RF_PHONE)))
			memcpy(r->phone, sc.phone, sizeof r->phone);
		if (!(r->changed & (BIT(WG_RF_BIRTH_DATE) | BIT(WG_RF_ID_NUMBER))))
			memcpy(r->birth_date, sc.birth, sizeof r->birth_date);
		r->masked = 0;
		return WG_OK;
	}
	wg_rollback(ctx);
	return rc;
}

int wg_resident_delete(struct wg_ctx *ctx, int64_t id)
{
	static const char sql[] = "DELETE FROM residents WHERE id = ?1";
	static const char household_sql[] = "SELECT coalesce(household_id, 0) FROM residents WHERE id = ?1";
	char who[256];
	int rc;
	if ((rc = wg_require_role(ctx, WG_ROLE_CLERK, _("Deleting residents"))) != WG_OK ||
	    (rc = wg_begin(ctx)) != WG_OK)
		return rc;
	wg_resident_who(ctx, id, who, sizeof who);
	int64_t household = 0;
	sqlite3_stmt *st = wg_stmt(ctx, household_sql);
	if (st) {
		sqlite3_bind_int64(st, 1, id);
		household = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
	}
	if (!st || !(st = wg_stmt(ctx, sql))) {
		wg_rollback(ctx);
		return WG_EIO;
	}
	sqlite3_bind_int64(st, 1, id);
	int step = wg_step_done(st);
	if (step == SQLITE_CONSTRAINT)
		rc = wg_fail(ctx, WG_EINVAL, _("%s is named in a volunteer record or a case, so the "
					       "record stays; mark it inactive instead"), who);
	else if (step != SQLITE_DONE)
		rc = wg_db_fail(ctx, _("deleting a resident"));
	if (rc == WG_OK) /* the audit trail records the row removed (audit-record.c) */
		rc = wg_household_drop_if_empty(ctx, household);
	if (rc == WG_OK)
		return wg_commit(ctx);
	wg_rollback(ctx);
	return rc;
}
