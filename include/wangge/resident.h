/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Residents: the record and its field-by-field checks, tags, households, masked search, unmasking, import/export. */
#ifndef WANGGE_RESIDENT_H
#define WANGGE_RESIDENT_H

#include <stdint.h>
#include <stdio.h>
#include <wangge/cell.h>
#include <wangge/core.h>
#include <wangge/csv.h>
#include <wangge/problems.h>
#include <wangge/rows.h>
#include <wangge/validate.h>

/*
 * Permissions (checked here, in core):
 *   read lists, search, detail (ID and phone masked)   any logged-in role (viewer up)
 *   add, change, delete, import, masked export          clerk, admin
 *   unmask one record (wg_resident_unmask), audited     clerk, admin (WG_ROLE_REVEAL)
 *   search by the digits a mask hides, audited          clerk, admin (WG_ROLE_REVEAL)
 *   unmasked export, audited                            admin only
 * A clerk enters residents from paper forms and must be able to check a
 * number against the paper; an unmasked export puts every number of the
 * community in one file, so only an administrator may make one.
 */

/* The least role that may see a resident's full ID number and phone: unmask one record, or
 * find residents by the digits the mask hides (both audited). */
#define WG_ROLE_REVEAL WG_ROLE_CLERK

#define WG_TAG_NAME_MAX 16
#define WG_RESIDENT_TAGS_MAX 16
#define WG_RELATION_MAX 10
#define WG_RESIDENT_NOTES_MAX 500

struct wg_tag {
	int64_t id;
	char name[WG_UTF8_SIZE(WG_TAG_NAME_MAX)];
	char name_en[WG_UTF8_SIZE(WG_TAG_NAME_MAX * 2)];
	int builtin, key_care;
};

/* Builtin tags (every database has them, with these ids). */
enum { WG_TAG_ALONE = 1, WG_TAG_DISABLED, WG_TAG_LOW_INCOME, WG_TAG_VETERAN, WG_TAG_FLOATING };

/* All tags, builtin first, then by name. */
int wg_tag_list(struct wg_ctx *ctx, int (*each)(void *arg, const struct wg_tag *t), void *arg);
/* A tag by its name or English name (any case); WG_EINVAL naming the known tags if none. */
int wg_tag_find(struct wg_ctx *ctx, const char *name, struct wg_tag *out);
/* Adds a user-defined tag (clerk). */
int wg_tag_add(struct wg_ctx *ctx, const char *name, int key_care, int64_t *id);
/* 1 with the first name in text ("独居老人；新标签") that is no tag yet copied to name, else 0:
 * for offering to create it. */
int wg_tag_unknown(struct wg_ctx *ctx, const char *text, char *name, size_t namesz);

/* ---- The record ---- */

/* The fields in entry order (the form's, and the order an import checks them in: the ID
 * number before the gender and birth date it fills).  Each is one row of the field table in
 * resident-fields.c, which the form, the importer, the exporter and the SQL are made from. */
enum wg_resident_field {
	WG_RF_NAME,
	WG_RF_ID_NUMBER,
	WG_RF_GENDER,
	WG_RF_BIRTH_DATE,
	WG_RF_PHONE,
	WG_RF_CELL,       /* a cell code */
	WG_RF_BUILDING,   /* a building name within the cell; created on save when missing */
	WG_RF_UNIT,
	WG_RF_ROOM,
	WG_RF_RELATION,   /* relation to the head of the household */
	WG_RF_TAGS,       /* tag names separated by ; ； 、 or , */
	WG_RF_NOTES,
	WG_RF_COUNT
};

/* What a front end needs to know of a field. */
enum {
	WG_RFF_REQUIRED = 1u << 0, /* a record cannot be saved without it */
	WG_RFF_ADDRESS = 1u << 1,  /* part of the address: "save and new" keeps it */
	WG_RFF_REF = 1u << 2,      /* names another record (the cell): picked, not typed */
};
struct wg_resident_field_info {
	const char *key;          /* stable name: form drafts and CSV use it */
	const char *label, *hint; /* N_() strings */
	int max;                  /* characters at most */
	unsigned flags;           /* WG_RFF_* */
};
/* The field's row, or NULL for a number out of range. */
const struct wg_resident_field_info *wg_resident_field_info(enum wg_resident_field f);

struct wg_resident {
	int64_t id;                                    /* 0 for a new record */
	char name[WG_UTF8_SIZE(WG_PERSON_NAME_MAX)];
	char gender;                                   /* 'M', 'F' or 0 */
	char id_number[19];                            /* "" when none */
	char birth_date[WG_DATE_SIZE];                 /* YYYY-MM-DD or "" */
	char phone[WG_PHONE_SIZE];
	int64_t cell_id;
	char cell_code[WG_CELL_CODE_MAX + 1];
	char cell_name[WG_UTF8_SIZE(WG_CELL_NAME_MAX)];
	int64_t building_id;
	char building[WG_UTF8_SIZE(WG_BUILDING_NAME_MAX)];
	char unit[WG_UTF8_SIZE(WG_UNIT_MAX)];
	char room[WG_UTF8_SIZE(WG_UNIT_MAX)];
	int64_t household_id;                          /* 0 when none */
	char relation[WG_UTF8_SIZE(WG_RELATION_MAX)];
	char notes[WG_UTF8_SIZE(WG_RESIDENT_NOTES_MAX)];
	int ntags;
	struct wg_tag tags[WG_RESIDENT_TAGS_MAX];
	int active;
	int key_care;          /* some tag is a key-care tag */
	/* Bookkeeping: */
	int masked;            /* id_number, phone and birth_date hold masks (as loaded for display) */
	unsigned changed;      /* 1u << field for every field set since loading */
	unsigned derived;      /* 1u << WG_RF_GENDER / WG_RF_BIRTH_DATE when filled from the ID */
};

/* An empty, active record. */
void wg_resident_init(struct wg_resident *r);
/* "Save and new": clears the person, keeps cell, building, unit, room and household. */
void wg_resident_next(struct wg_resident *r);

/* Translated field label ("Name" / 姓名) and what the field accepts, for the form. */
const char *wg_resident_field_label(enum wg_resident_field f);
const char *wg_resident_field_hint(enum wg_resident_field f);

/*
 * Checks TEXT for one field and stores it, normalised.  An ID number fills
 * gender and birth date (unless they were typed and disagree: then it is
 * refused, saying which); a typed gender or birth date must agree with the
 * ID number.  On a problem the record is unchanged and the status is
 * WG_EINVAL with a translated reason that names no field (the form shows
 * it next to the field; importers put FILE:LINE: column in front).
 */
int wg_resident_set(struct wg_ctx *ctx, struct wg_resident *r, enum wg_resident_field f,
		    const char *text);
/* The field as a form shows it (tags joined by "；"). */
void wg_resident_text(const struct wg_resident *r, enum wg_resident_field f, char *out,
		      size_t outsz);
/* Whole-record checks before saving (name and cell required); *bad names the field at fault. */
int wg_resident_check(struct wg_ctx *ctx, const struct wg_resident *r,
		      enum wg_resident_field *bad);

/*
 * Adds (id 0; sets id) or updates the record (clerk).  A masked ID or phone
 * that was not set again keeps the stored value.  An ID number that belongs
 * to another resident is refused, naming that record (name, cell).
 */
int wg_resident_save(struct wg_ctx *ctx, struct wg_resident *r);
/* Relations to the head of the household offered by pickers (NULL-terminated; the field
 * takes any text). */
extern const char *const wg_relations[];
/* Whether the acting user may enter or change residents (WG_EPERM, saying why, if not): a
 * form that could not be saved is not opened. */
int wg_resident_may_enter(struct wg_ctx *ctx);
/* Loads a record for display: ID number, phone and birth date masked. */
int wg_resident_load(struct wg_ctx *ctx, int64_t id, struct wg_resident *r);
/* Puts the full ID number, phone and birth date into r (clerk or admin); written to the audit log. */
int wg_resident_unmask(struct wg_ctx *ctx, struct wg_resident *r);
/* Deletes a resident and their tags (clerk); audited. */
int wg_resident_delete(struct wg_ctx *ctx, int64_t id);

/* "1945-**-**": the year only, as lists and masked exports show a birth date (with the
 * masked ID number, the full date would give the whole number away). */
void wg_mask_birth_date(const char *date, char *out, size_t outsz);

/* "男"/"女" (translated "male"/"female"), "" for unknown. */
const char *wg_gender_label(char gender);
/* 男 女 男性 女性 M F male female 1 2 (the codes of GB/T 2261.1), any case,
 * full-width too; 0 when empty; -1 when not understood. */
int wg_gender_parse(const char *s);

/* ---- Households ---- */

/* A new household at an address (building may be 0). */
int wg_household_add(struct wg_ctx *ctx, int64_t cell_id, int64_t building_id, const char *unit,
		     const char *room, int64_t *id);
/* Puts a resident in a household with a relation to its head (户主 for the head). */
int wg_household_join(struct wg_ctx *ctx, int64_t household_id, int64_t resident_id,
		      const char *relation);
/*
 * Households follow the address (the rule of the form and the import): a resident with a
 * building or a room belongs to a household there.  户主 (or 本人) heads one: the household
 * registered last at the address while it has no head, else a new one.  Anyone else joins the
 * household registered last at the address, or starts one whose head comes later.  A family
 * entered head first, then the others, is one household; a second 户主 at one address (a
 * shared flat) starts a second.  A resident with neither building nor room has none.
 */
int wg_relation_is_head(const char *relation);
/* The household registered last at an address, 0 when none; has_head ignores resident self. */
int wg_household_at(struct wg_ctx *ctx, int64_t cell_id, int64_t building_id, const char *unit,
		    const char *room, int64_t self, int64_t *id, int *has_head);
/* The household r belongs to by the rule (added when needed), 0 for no address.  r's building
 * must already have its key. */
int wg_household_place(struct wg_ctx *ctx, const struct wg_resident *r, int64_t *household_id);
/* Removes a household nobody belongs to any more (after a move or a deletion). */
int wg_household_drop_if_empty(struct wg_ctx *ctx, int64_t household_id);
/* Members of a household, by id: (resident id, name, relation). */
int wg_household_members(struct wg_ctx *ctx, int64_t household_id,
			 int (*each)(void *arg, int64_t id, const char *name, const char *relation),
			 void *arg);

/* ---- Search and lists (screen 3, pickers) ---- */

/* Columns of a resident row (wg_row.cols); ID number and phone are masked. */
enum wg_resident_col {
	WG_RCOL_NAME,
	WG_RCOL_GENDER,
	WG_RCOL_AGE,       /* whole years, from the birth date */
	WG_RCOL_ID_NUMBER,
	WG_RCOL_PHONE,
	WG_RCOL_CELL,
	WG_RCOL_ADDRESS,   /* building-unit-room */
	WG_RCOL_TAGS,      /* joined by "、" */
	WG_RCOL_COUNT
};

/*
 * What the list shows.  text is the query as typed: it matches a substring
 * of the name, unit or room, of what the masks show of the ID number and
 * phone (110105********123X, 138****5678), or of the name of the resident's
 * cell (or a cell above it) or building, or a whole cell code; one and two
 * Chinese characters work.  The digits a mask hides match only for
 * WG_ROLE_REVEAL, and a whole ID number or phone (3 characters or more) for
 * everyone; a page that shows someone found that way is audited
 * ("resident.search": who, the query, when).  Case, spaces, hyphens,
 * control characters and full-width digits do not matter; every other
 * character (% _ * ? [ \ too) matches only itself.  "" lists everyone.
 */
struct wg_resident_query {
	char text[256];
	int64_t cell_id;        /* 0: all; else this cell and the cells under it */
	int64_t tag_id;         /* 0: any */
	int include_inactive;
};

/*
 * The keyset-paged source for the list.  Rows are in id order (the order
 * residents were entered, per site); key.id is the resident's id.  Row tone
 * 2 marks key-care residents.  The birth date is shown as an age, which
 * does not undo the ID number's mask.  q must outlive the source; change q->text
 * and fetch WG_PAGE_FIRST again as the clerk types.
 */
struct wg_list_source wg_resident_source(struct wg_resident_query *q);

/* Rewrites every resident's search text (after a sync from an older version, or by hand). */
int wg_resident_search_rebuild(struct wg_ctx *ctx);

/* ---- Import and export (interfaces.md) ---- */

struct wg_resident_import_result {
	int rows;
	int buildings_added;
	int households_added;   /* by the household rule above */
	int tags_added;
	char new_tags[256];     /* names of the tags the file introduced, joined by "、" */
	enum wg_encoding encoding;
};

/*
 * Reads residents (name, gender, id_number, phone, cell_code, building,
 * unit, room, tags; optional birth_date, relation, notes), checks every row
 * and writes them in one transaction (clerk).  Every bad row goes into probs
 * as FILE:LINE: column: reason, ID numbers used twice in the file name both
 * lines, numbers already in the database name that record; nothing is
 * written unless every row is good (WG_EINVAL).  Missing buildings are
 * created in their cell; unknown tags are created as user-defined tags.
 */
int wg_resident_import_file(struct wg_ctx *ctx, const char *path, enum wg_encoding enc,
			    struct wg_problems *probs, struct wg_resident_import_result *res);
int wg_resident_import_mem(struct wg_ctx *ctx, const char *name, const void *data, size_t len,
			   enum wg_encoding enc, struct wg_problems *probs,
			   struct wg_resident_import_result *res);

/* Writes every resident in the import layout; masked unless unmasked (admin only).  Audited. */
int wg_resident_export(struct wg_ctx *ctx, FILE *out, int unmasked, long *rows);

/* Fictional residents with valid ID numbers for benchmarks (gen-residents.c); makes a demo
 * street, communities, grids and buildings when the database has no grid cells. */
int wg_gen_residents(struct wg_ctx *ctx, long n, unsigned seed);

#endif
