/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Field validators (ID number, phone, date, time, integer, text) and masks for showing personal numbers. */
#ifndef WANGGE_VALIDATE_H
#define WANGGE_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/*
 * Every wg_validate_* function returns NULL when the value is good, or a
 * translated message saying what is wrong and how to fix it.  The message
 * names no field: the caller puts the field (or FILE:LINE: column) in front.
 * It lives in a per-thread buffer, valid until the next validator or mask
 * call on that thread.  Surrounding blanks (spaces, tabs, line ends and the
 * ideographic space U+3000 of Chinese input methods) are ignored everywhere.
 */

/* Resident ID number (居民身份证号码, GB 11643-1999), broken down. */
struct wg_id_number {
	char number[19];  /* 17 digits and the check character, X upper-case */
	char birth[11];   /* YYYY-MM-DD */
	char gender;      /* 'M' or 'F', from the parity of the 17th digit */
	char region[7];   /* administrative division code, the first 6 digits */
};

/* Checks s as an 18-character ID number: digits, ISO 7064 MOD 11-2 check
 * character (x accepted as X), a real birth date from 1900-01-01 up to today
 * (today_y/m/d, from the caller's clock).  Fills *out (if not NULL) only
 * when the number is good. */
const char *wg_validate_id_number(const char *s, int today_y, int today_m, int today_d,
				  struct wg_id_number *out);

/* The check character ('0'-'9' or 'X') for the first 17 digits of digits17. */
char wg_id_check_char(const char *digits17);

/* Checks s as an organization's unified social credit code (统一社会信用代码, GB 32100):
 * 18 characters of 0-9 and A-Y without I, O, S, V, Z (lower case taken as upper), the last
 * a MOD 31 check character over the first 17; blanks dropped.  A 15-digit registration number
 * of the old kind is refused with a message saying what to enter.  Fills out (if not NULL)
 * with the code in capitals only when it is good. */
const char *wg_validate_credit_code(const char *s, char out[19]);
/* The check character for the first 17 characters of a credit code (capitals). */
char wg_credit_check_char(const char *first17);

enum wg_phone_kind { WG_PHONE_MOBILE = 1, WG_PHONE_LANDLINE = 2 };

/* Enough for any normalised phone number ("0755-12345678") and its mask. */
#define WG_PHONE_SIZE 16

/* Checks s as a mainland mobile number (11 digits, 1 then 3-9; spaces and
 * hyphens allowed, a leading +86 dropped) or a landline: 7-8 digit local
 * number, optionally after an area code (010 and 02x have three digits, the
 * others four), digits grouped by hyphens, spaces or brackets, or not at all.  On success writes
 * the normalised form to out (mobile: 11 digits; landline: "AREA-LOCAL" or
 * "LOCAL") and the kind to *kind; either may be NULL. */
const char *wg_validate_phone(const char *s, char *out, size_t outsz, enum wg_phone_kind *kind);

/* Masks for lists and printouts; out gets at most strlen(value) + 2 bytes
 * (a landline typed without a hyphen gains one); a smaller out gets a
 * prefix of the mask, never the unmasked value.
 * ID: first 6 and last 4 kept ("110105********123X").  Mobile: first 3 and
 * last 4 ("138****5678").  Landline: area code and last 2 ("010-******78").
 * Anything else is a star per character but the last, or all stars when
 * shorter than 8 characters: a malformed value is never shown in full. */
void wg_mask_id_number(const char *value, char *out, size_t outsz);
void wg_mask_phone(const char *value, char *out, size_t outsz);

/* Enough for "YYYY-MM-DD". */
#define WG_DATE_SIZE 11

/* Whether y-m-d is a day of the Gregorian calendar (years 1-9999). */
bool wg_date_exists(int y, int m, int d);

/* Parses a date as people and spreadsheets write it: 2024-03-05, 2024-3-5,
 * 2024/3/5, 2024.3.5, 20240305, 2024年3月5日, in full-width digits too, and
 * with a midnight after it ("2024-03-05 00:00:00").  The year has four
 * digits.  A bare five-digit number is named as a spreadsheet's
 * day count. */
const char *wg_parse_date(const char *s, int *y, int *m, int *d);

/* wg_parse_date, then writes the date as YYYY-MM-DD into out. */
const char *wg_validate_date(const char *s, char *out, size_t outsz);

/* Parses a time of day, H:MM or HH:MM (full-width digits too), into minutes after midnight. */
const char *wg_validate_clock(const char *s, int *minutes);

/* Parses a point in time as given to --now: a date as wg_parse_date takes
 * it (midnight), optionally followed by 'T' or a space and HH:MM[:SS].
 * Interpreted in local time. */
const char *wg_validate_time(const char *s, time_t *out);

/* Copies s into out with the full-width forms a Chinese input method types
 * (U+FF01-FF5E: １２３, ＡＢＣ, （）, ＃) as ASCII and the ideographic space as a
 * space; cut at a character boundary to fit.  The ID number, phone and date
 * validators fold their input this way, and the ID number also loses any
 * blanks inside it and a leading ' (a spreadsheet's text mark).  out may be s. */
void wg_fold_width(const char *s, char *out, size_t outsz);

/* A code or number as a spreadsheet may hold it, tidied in place: full-width
 * forms folded, every blank (inside too) dropped.  "１１０１０５ 001" -> "110105001". */
void wg_tidy_code(char *s);

/* A long number (ID, phone, code) a spreadsheet turned into scientific notation such as
 * 1.10105E+17, losing digits for good: a translated reason saying so, else NULL. */
const char *wg_spreadsheet_mangled(const char *s);

/* Checks s as a whole number (decimal, optional sign) from min to max. */
const char *wg_validate_int(const char *s, long min, long max, long *out);

/* Decodes the UTF-8 character at *p and moves *p past it; at the string's
 * end returns 0 without moving.  A malformed sequence (bad byte, overlong
 * form, surrogate) yields WG_UTF8_INVALID and skips one byte.  Written here
 * because mbrtowc follows the locale, and wangge's text is UTF-8 whatever the
 * locale is. */
#define WG_UTF8_INVALID UINT32_C(0xFFFFFFFF)
uint32_t wg_utf8_next(const char **p);

/* Checks s as one line of UTF-8 text: not blank, no control characters
 * (line breaks, tabs), at most max_chars characters (not bytes) long once
 * surrounding blanks are dropped. */
const char *wg_validate_text(const char *s, size_t max_chars);

/* Checks the n bytes of s (NUL-terminated after them) as text any record may hold: valid
 * UTF-8, no NUL, no control characters (C0, DEL, C1: terminal escapes) but line breaks and
 * tabs, which multi-line notes keep.  What every importer and form refuses in any field; sync
 * holds incoming rows to it. */
const char *wg_validate_stored_text(const char *s, size_t n);

#endif
