/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The resident record: saving, loading masked, unmasking, deleting (the fields: resident-fields.c). */
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


/* ---- Saving ---- */

/* A field of the address was set: the household is placed again. */
static int address_changed(const struct wg_resident *r)
{
	for (int f = 0; f < WG_RF_COUNT; f++)
		if ((wg_resident_field_info(f)->flags & WG_RFF_ADDRESS) && (r->changed & BIT(f)))
			return 1;
	return 0;
}

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
	char text[WG_SEARCH_TEXT_SIZE];
	sqlite3_stmt *st = wg_stmt(ctx, wg_resident_sql(WG_RSQL_UPDATE));
	if (!st)
		return WG_EIO;
	wg_search_text(r->name, sc->id_number, sc->phone, r->unit, r->room, text, sizeof text);
	const struct wg_resident_secrets stored = { sc->id_number, sc->phone, sc->birth };
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
	if ((r->id == 0 || !r->household_id || address_changed(r)) &&
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

/* A row as stored, then masked for display: gender and birth date follow the number. */
static void read_record(sqlite3_stmt *st, struct wg_resident *r)
{
	char idn[19], phone[WG_PHONE_SIZE], birth[WG_DATE_SIZE];
	wg_resident_read_row(st, r);
	memcpy(idn, r->id_number, sizeof idn);
	memcpy(phone, r->phone, sizeof phone);
	memcpy(birth, r->birth_date, sizeof birth);
	wg_mask_id_number(idn, r->id_number, sizeof r->id_number);
	wg_mask_phone(phone, r->phone, sizeof r->phone);
	wg_mask_birth_date(birth, r->birth_date, sizeof r->birth_date);
	if (*idn) /* a new number may change them */
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
	sqlite3_stmt *st = rc == WG_OK ? wg_stmt(ctx, wg_resident_sql(WG_RSQL_LOAD)) : NULL;
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
