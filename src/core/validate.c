/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Validation of the fields clerks type and files carry, with messages that say how to fix them. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <errno.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wangge/i18n.h>
#include <wangge/validate.h>

/* Messages with numbers in them are formatted here; see validate.h. */
static _Thread_local char message[256];

__attribute__((format(printf, 1, 2)))
static const char *say(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(message, sizeof message, fmt, ap);
	va_end(ap);
	return message;
}

/* A value without its surrounding blanks; not NUL-terminated at p + n, but
 * the string goes on to a NUL, and p + n is at a character boundary. */
struct span {
	const char *p;
	size_t n;
};

static const char ideographic_space[] = "\xE3\x80\x80";

static bool blank_byte(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static struct span trimmed_n(const char *s, size_t n)
{
	struct span v = { s, n };
	for (;;) {
		if (v.n >= 1 && blank_byte(v.p[0]))
			v.p++, v.n--;
		else if (v.n >= 3 && memcmp(v.p, ideographic_space, 3) == 0)
			v.p += 3, v.n -= 3;
		else if (v.n >= 1 && blank_byte(v.p[v.n - 1]))
			v.n--;
		else if (v.n >= 3 && memcmp(v.p + v.n - 3, ideographic_space, 3) == 0)
			v.n -= 3;
		else
			return v;
	}
}

static struct span trimmed(const char *s)
{
	return trimmed_n(s, strlen(s));
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool all_digits(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_digit(p[i]))
			return false;
	return true;
}

static int number_at(const char *p, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (p[i] - '0');
	return v;
}

uint32_t wg_utf8_next(const char **pp)
{
	const unsigned char *s = (const unsigned char *)*pp;
	uint32_t c;
	int extra;

	if (s[0] < 0x80) {
		*pp += s[0] != 0;
		return s[0];
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		c = s[0] & 0x1F, extra = 1;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		c = s[0] & 0x0F, extra = 2;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		c = s[0] & 0x07, extra = 3;
	else
		goto bad;
	for (int i = 1; i <= extra; i++) {
		if ((s[i] & 0xC0) != 0x80)
			goto bad;
		c = c << 6 | (s[i] & 0x3F);
	}
	if ((extra == 2 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) ||
	    (extra == 3 && (c < 0x10000 || c > 0x10FFFF)))
		goto bad;
	*pp += 1 + extra;
	return c;
bad:
	*pp += 1;
	return WG_UTF8_INVALID;
}

/* Characters in v, or (size_t)-1 if it is not valid UTF-8. */
static size_t span_chars(struct span v)
{
	size_t n = 0;
	for (const char *p = v.p; p < v.p + v.n; n++)
		if (wg_utf8_next(&p) == WG_UTF8_INVALID)
			return (size_t)-1;
	return n;
}

/* ---- Full-width forms ---- */

void wg_fold_width(const char *s, char *out, size_t outsz)
{
	size_t len = 0;
	if (outsz == 0)
		return;
	while (s && *s) {
		const char *start = s;
		uint32_t c = wg_utf8_next(&s);
		size_t n = (size_t)(s - start);
		if (c >= 0xFF01 && c <= 0xFF5E) /* full-width ASCII: digits, letters, ＃, （ ） */
			c -= 0xFEE0, n = 1;
		else if (c == 0x3000)
			c = ' ', n = 1;
		if (len + n >= outsz)
			break;
		if (n == 1 && c < 0x80)
			out[len] = (char)c;
		else
			memmove(out + len, start, n); /* out may be s: it never gets ahead */
		len += n;
	}
	out[len] = '\0';
}

void wg_tidy_code(char *s)
{
	size_t j = 0;
	if (!*s)
		return; /* maybe a literal "" for a missing column: never written */
	wg_fold_width(s, s, strlen(s) + 1);
	for (size_t i = 0; s[i]; i++)
		if (!blank_byte(s[i]))
			s[j++] = s[i];
	s[j] = '\0';
}

/* s folded to ASCII forms in buf, with every blank dropped: a number typed or
 * pasted in groups ("110105 19800101 1234") is still one number. */
static const char *squeezed(const char *s, char *buf, size_t bufsz)
{
	snprintf(buf, bufsz, "%s", s);
	wg_tidy_code(buf);
	return buf;
}

/* ---- ID numbers ---- */

char wg_id_check_char(const char *digits17)
{
	/* Weight of position i is 2^(17-i) mod 11 (ISO 7064 MOD 11-2). */
	static const int weight[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char check[] = "10X98765432";
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (digits17[i] - '0') * weight[i];
	return check[sum % 11];
}

/* Checks which characters an ID number has, and copies it into id with an
 * upper-case X. */
static const char *id_shape(struct span v, char id[19])
{
	if (v.n == 0)
		return _("is empty; enter the 18-character ID number");
	if (v.n == 15 && all_digits(v.p, 15))
		return _("is an old 15-digit ID number; convert it to the 18-digit form "
			 "(19 goes before the birth year, and a check character at the end)");
	const char *mangled = wg_spreadsheet_mangled(v.p);
	if (mangled)
		return mangled;
	size_t chars = span_chars(v);
	if (chars == (size_t)-1)
		return _("is not valid UTF-8 text; if it came from a file, check the file's encoding");
	if (chars != 18)
		return say(_("has %zu characters; an ID number has 18: 17 digits, then a digit or X"), chars);
	/* Characters before the first non-digit are one-byte digits, so its byte
	 * index is also its character position (a full-width digit included). */
	for (size_t i = 0; i < 17; i++)
		if (!is_digit(v.p[i]))
			return say(_("has a character other than a digit at position %zu; "
				     "only the last of the 18 characters may be X"), i + 1);
	if (!is_digit(v.p[17]) && v.p[17] != 'X' && v.p[17] != 'x')
		return _("ends in a character other than a digit or X; the 18th character is a digit or X");
	memcpy(id, v.p, 18);
	id[17] = v.p[17] == 'x' ? 'X' : v.p[17];
	id[18] = '\0';
	return NULL;
}

/* Checks the birth date in digits 7 to 14 and writes it as YYYY-MM-DD. */
static const char *id_birth(const char *id, int ty, int tm, int td, char birth[11])
{
	int y = number_at(id + 6, 4), m = number_at(id + 10, 2), d = number_at(id + 12, 2);
	memcpy(birth, id + 6, 4);
	birth[4] = '-';
	memcpy(birth + 5, id + 10, 2);
	birth[7] = '-';
	memcpy(birth + 8, id + 12, 2);
	birth[10] = '\0';
	if (!wg_date_exists(y, m, d))
		return say(_("holds the birth date %s (characters 7 to 14), which does not exist; "
			     "check those digits"), birth);
	if (y < 1900)
		return say(_("holds the birth date %s (characters 7 to 14), before 1900; "
			     "check those digits"), birth);
	if ((long)y * 10000 + m * 100 + d > (long)ty * 10000 + tm * 100 + td)
		return say(_("holds the birth date %s (characters 7 to 14), which is after today; "
			     "check those digits"), birth);
	return NULL;
}

const char *wg_validate_id_number(const char *s, int today_y, int today_m, int today_d,
				  struct wg_id_number *out)
{
	char id[19], birth[11], buf[256];
	const char *t = squeezed(s, buf, sizeof buf);
	if (*t == '\'' || *t == '`') /* a spreadsheet's mark for "this number is text" */
		t++;
	const char *why = id_shape(trimmed(t), id);
	if (!why)
		why = id_birth(id, today_y, today_m, today_d, birth);
	if (why)
		return why;
	char want = wg_id_check_char(id);
	if (id[17] != want)
		/* L10N: the first %c is the last character as typed, the second the right one. */
		return say(_("ends in %c, but the check character for these 17 digits is %c; "
			     "one of the characters is probably mistyped"), id[17], want);
	if (out) {
		memcpy(out->number, id, sizeof out->number);
		memcpy(out->birth, birth, sizeof out->birth);
		out->gender = (id[16] - '0') % 2 ? 'M' : 'F';
		memcpy(out->region, id, 6);
		out->region[6] = '\0';
	}
	return NULL;
}

/* ---- Unified social credit codes (GB 32100-2015) ---- */

/* The 31 characters a code is written in (no I, O, S, V, Z), each worth its place. */
static const char credit_chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

char wg_credit_check_char(const char *first17)
{
	static const int weight[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
	int sum = 0;
	for (int i = 0; i < 17; i++) {
		const char *at = strchr(credit_chars, first17[i]);
		sum += (at && first17[i] ? (int)(at - credit_chars) : 0) * weight[i];
	}
	return credit_chars[(31 - sum % 31) % 31];
}

const char *wg_validate_credit_code(const char *s, char out[19])
{
	char buf[256], code[19];
	struct span v = trimmed(squeezed(s, buf, sizeof buf));
	if (v.n == 0)
		return _("is empty; enter the 18-character unified social credit code");
	if (v.n == 15 && all_digits(v.p, 15))
		return _("is an old 15-digit registration number; the organization's certificate "
			 "carries its 18-character unified social credit code: enter that");
	if (v.n != 18)
		return say(_("has %zu characters; a unified social credit code has 18"), span_chars(v));
	for (size_t i = 0; i < 18; i++) {
		char c = (char)toupper((unsigned char)v.p[i]);
		if (!c || !strchr(credit_chars, c))
			/* L10N: %zu is the position (1-18), %c the character as typed. */
			return say(_("character %zu (%c) is not used in credit codes: they are written in "
				     "digits and capital letters other than I, O, S, V and Z"),
				   i + 1, v.p[i]);
		code[i] = c;
	}
	code[18] = '\0';
	char want = wg_credit_check_char(code);
	if (code[17] != want)
		/* L10N: the first %c is the last character as typed, the second the right one. */
		return say(_("ends in %c, but the check character for these 17 characters is %c; "
			     "one of the characters is probably mistyped"), code[17], want);
	if (out)
		memcpy(out, code, sizeof code);
	return NULL;
}

/* ---- Phone numbers ---- */

struct phone {
	char digits[24];
	size_t len;
	size_t area;  /* digits of the area code, 0 if none */
	enum wg_phone_kind kind;
};

/* Collects the digits of v, dropping +86 and the separators people type. */
static const char *phone_digits(struct span v, struct phone *ph)
{
	if (v.n >= 3 && memcmp(v.p, "+86", 3) == 0)
		v.p += 3, v.n -= 3;
	ph->len = 0;
	for (size_t i = 0; i < v.n; i++) {
		if (is_digit(v.p[i])) {
			if (ph->len == sizeof ph->digits - 1)
				return _("is too long for a phone number; enter one number only");
			ph->digits[ph->len++] = v.p[i];
		} else if (v.p[i] != ' ' && v.p[i] != '-' && v.p[i] != '(' && v.p[i] != ')') {
			return _("contains a character other than digits, spaces and hyphens; "
				 "enter one number, such as 13800138000 or 010-12345678");
		}
	}
	ph->digits[ph->len] = '\0';
	if (ph->len == 0)
		return _("is empty; enter an 11-digit mobile number or a landline such as 010-12345678");
	return NULL;
}

/* Tells mobile from landline and checks the lengths of the parts. */
static const char *phone_classify(struct phone *ph)
{
	const char *d = ph->digits;
	ph->kind = d[0] == '1' && ph->len == 11 ? WG_PHONE_MOBILE : WG_PHONE_LANDLINE;
	ph->area = 0;
	if (ph->kind == WG_PHONE_MOBILE)
		return d[1] >= '3' ? NULL
				   : _("is not a mobile number: after the leading 1 comes a digit from 3 to 9");
	if (d[0] == '0' && d[1] == '0')
		return _("starts with 00, the prefix for calls abroad; enter a mainland number");
	if (d[0] == '0') {
		/* 010 (Beijing) and 020-029 have three digits, all other area codes four. */
		ph->area = d[1] == '1' || d[1] == '2' ? 3 : 4;
		size_t local = ph->len > ph->area ? ph->len - ph->area : 0;
		if (local < 7 || local > 8)
			return say(_("has %zu digits after the area code %.*s; a landline number has 7 or 8 there"),
				   local, (int)ph->area, d);
		return NULL;
	}
	if (ph->len == 7 || ph->len == 8)
		return NULL;
	if (d[0] == '1')
		return say(_("has %zu digits; a mobile number has 11"), ph->len);
	return say(_("has %zu digits; a landline number has 7 or 8, after its area code "
		     "as in 010-12345678"), ph->len);
}

static const char *phone_parse(const char *s, struct phone *ph)
{
	char buf[128];
	const char *why = wg_spreadsheet_mangled(s);
	if (why)
		return why;
	wg_fold_width(s, buf, sizeof buf);
	why = phone_digits(trimmed(buf), ph);
	return why ? why : phone_classify(ph);
}

const char *wg_validate_phone(const char *s, char *out, size_t outsz, enum wg_phone_kind *kind)
{
	struct phone ph;
	const char *why = phone_parse(s, &ph);
	if (why)
		return why;
	if (out && ph.area)
		snprintf(out, outsz, "%.*s-%s", (int)ph.area, ph.digits, ph.digits + ph.area);
	else if (out)
		snprintf(out, outsz, "%s", ph.digits);
	if (kind)
		*kind = ph.kind;
	return NULL;
}

/* ---- Masks ---- */

/* Output cut to its buffer where the first piece does not fit, so that it
 * is always a prefix of the whole mask; always terminated. */
struct sink {
	char *p;
	size_t size, len;
	bool full;
};

static void put(struct sink *o, const char *s, size_t n)
{
	if (o->full || o->len + n >= o->size)
		o->full = true;
	else {
		memcpy(o->p + o->len, s, n);
		o->len += n;
	}
	if (o->size)
		o->p[o->len] = '\0';
}

static struct sink sink_on(char *out, size_t size)
{
	struct sink o = { out, size, 0, size == 0 };
	if (size)
		out[0] = '\0';
	return o;
}

static void put_stars(struct sink *o, size_t n)
{
	while (n--)
		put(o, "*", 1);
}

/* Malformed values: a star per character, keeping only the last one of a
 * value long enough that one character gives nothing away. */
static void mask_all(struct span v, struct sink *o)
{
	size_t chars = 0;
	const char *last = v.p;
	for (const char *p = v.p; p < v.p + v.n; chars++) {
		last = p;
		wg_utf8_next(&p);
	}
	if (chars < 8) {
		put_stars(o, chars);
		return;
	}
	put_stars(o, chars - 1);
	put(o, last, (size_t)(v.p + v.n - last));
}

void wg_mask_id_number(const char *value, char *out, size_t outsz)
{
	struct sink o = sink_on(out, outsz);
	struct span v = trimmed(value);
	bool good = (v.n == 15 && all_digits(v.p, 15)) ||
		    (v.n == 18 && all_digits(v.p, 17) && (is_digit(v.p[17]) || v.p[17] == 'X' || v.p[17] == 'x'));
	if (!good) {
		mask_all(v, &o);
		return;
	}
	put(&o, v.p, 6);
	put_stars(&o, v.n - 10);
	put(&o, v.p + v.n - 4, 3);
	put(&o, v.p[v.n - 1] == 'x' ? "X" : v.p + v.n - 1, 1);
}

void wg_mask_phone(const char *value, char *out, size_t outsz)
{
	struct sink o = sink_on(out, outsz);
	struct phone ph;
	if (phone_parse(value, &ph)) {
		mask_all(trimmed(value), &o);
	} else if (ph.kind == WG_PHONE_MOBILE) {
		put(&o, ph.digits, 3);
		put_stars(&o, 4);
		put(&o, ph.digits + 7, 4);
	} else {
		put(&o, ph.digits, ph.area);
		put(&o, "-", ph.area ? 1 : 0);
		put_stars(&o, ph.len - ph.area - 2);
		put(&o, ph.digits + ph.len - 2, 2);
	}
}

/* ---- Dates and times ---- */

static int days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

bool wg_date_exists(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/* Reads up to max digits at *p (not past end); returns how many. */
static int take_digits(const char **p, const char *end, int max, int *value)
{
	int n = 0;
	*value = 0;
	for (; *p < end && n < max && is_digit(**p); (*p)++, n++)
		*value = *value * 10 + (**p - '0');
	return n;
}

static bool take(const char **p, const char *end, const char *lit)
{
	size_t n = strlen(lit);
	if ((size_t)(end - *p) < n || memcmp(*p, lit, n) != 0)
		return false;
	*p += n;
	return true;
}

/* Reads a date that fills all of v, in one of the forms wg_parse_date names. */
static bool scan_date(struct span v, int *y, int *m, int *d)
{
	/* Separators: before the month, before the day, optional at the end. */
	static const char *const forms[][3] = {
		{ "-", "-", "" }, { "/", "/", "" }, { ".", ".", "" }, { "年", "月", "日" },
	};
	const char *p = v.p, *end = v.p + v.n;
	int digits = take_digits(&p, end, 8, y);

	if (digits == 8 && p == end) {
		*d = *y % 100, *m = *y / 100 % 100, *y /= 10000;
		return true;
	}
	if (digits != 4)
		return false;
	for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
		const char *q = p;
		if (take(&q, end, forms[i][0]) && take_digits(&q, end, 2, m) > 0 &&
		    take(&q, end, forms[i][1]) && take_digits(&q, end, 2, d) > 0) {
			take(&q, end, forms[i][2]);
			return q == end;
		}
	}
	return false;
}

/* "1980-01-02 0:00:00", as databases and spreadsheets export a date: the midnight goes. */
static struct span without_midnight(struct span v)
{
	static const char *const tails[] = { " 0:00", " 00:00", " 0:00:00", " 00:00:00",
					     "T00:00", "T00:00:00" };
	for (size_t i = 0; i < sizeof tails / sizeof *tails; i++) {
		size_t n = strlen(tails[i]);
		if (v.n > n && memcmp(v.p + v.n - n, tails[i], n) == 0)
			return trimmed_n(v.p, v.n - n);
	}
	return v;
}

static const char *date_from_span(struct span v, int *y, int *m, int *d)
{
	if (v.n == 0)
		return _("is empty; enter a date such as 2024-03-15");
	if (v.n == 5 && all_digits(v.p, v.n))
		return say(_("is %.*s, which looks like a spreadsheet's day count, not a date; format "
			     "the column as a date or as text in the spreadsheet and export again"),
			   (int)v.n, v.p);
	if (!scan_date(v, y, m, d) || *y < 1)
		return _("is not a date; write it as YYYY-MM-DD, for example 2024-03-15");
	if (*m < 1 || *m > 12)
		return say(_("has the month %d; months run from 1 to 12"), *m);
	if (!wg_date_exists(*y, *m, *d))
		return say(_("is not a real date: there is no day %d in %04d-%02d"), *d, *y, *m);
	return NULL;
}

const char *wg_parse_date(const char *s, int *y, int *m, int *d)
{
	int yy, mm, dd;
	char buf[128];
	wg_fold_width(s, buf, sizeof buf);
	const char *why = date_from_span(without_midnight(trimmed(buf)), &yy, &mm, &dd);
	if (!why)
		*y = yy, *m = mm, *d = dd;
	return why;
}

const char *wg_validate_date(const char *s, char *out, size_t outsz)
{
	int y, m, d;
	const char *why = wg_parse_date(s, &y, &m, &d);
	if (!why)
		snprintf(out, outsz, "%04d-%02d-%02d", y, m, d);
	return why;
}

/* Reads H:MM or HH:MM, optionally :SS, filling all of v. */
static const char *scan_clock(struct span v, struct tm *tm)
{
	const char *p = v.p, *end = v.p + v.n;
	int h, mi, sec = 0;
	if (take_digits(&p, end, 2, &h) == 0 || !take(&p, end, ":") || take_digits(&p, end, 2, &mi) != 2 ||
	    (take(&p, end, ":") && take_digits(&p, end, 2, &sec) != 2) || p != end)
		return _("has a time of day that is not HH:MM; write it as YYYY-MM-DDTHH:MM, "
			 "for example 2024-03-15T09:30");
	if (h > 23 || mi > 59 || sec > 59)
		return _("has a time of day outside 00:00 to 23:59");
	tm->tm_hour = h, tm->tm_min = mi, tm->tm_sec = sec;
	return NULL;
}

const char *wg_validate_clock(const char *s, int *minutes)
{
	char buf[32];
	struct tm tm = { 0 };
	wg_fold_width(s, buf, sizeof buf);
	struct span v = trimmed(buf);
	if (v.n == 0)
		return _("is empty; enter a time of day such as 09:30");
	if (scan_clock(v, &tm))
		return _("is not a time of day from 00:00 to 23:59; write it as HH:MM, for example 09:30");
	*minutes = tm.tm_hour * 60 + tm.tm_min;
	return NULL;
}

const char *wg_validate_time(const char *s, time_t *out)
{
	struct span v = trimmed(s), date = v, clock = { v.p + v.n, 0 };
	for (size_t i = 0; i < v.n; i++)
		if (v.p[i] == 'T' || v.p[i] == ' ') {
			date.n = i;
			clock = (struct span){ v.p + i + 1, v.n - i - 1 };
			break;
		}
	struct tm tm = { .tm_isdst = -1 };
	const char *why = date_from_span(date, &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
	if (!why && date.n < v.n)
		why = scan_clock(clock, &tm);
	if (why)
		return why;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	time_t t = mktime(&tm);
	if (t == (time_t)-1)
		return _("cannot be represented as a time on this system; give a later date");
	*out = t;
	return NULL;
}

/* ---- Numbers and text ---- */

const char *wg_validate_int(const char *s, long min, long max, long *out)
{
	struct span v = trimmed(s);
	char buf[32];
	if (v.n == 0)
		return _("is empty; enter a whole number");
	if (v.n >= sizeof buf)
		return say(_("is far too long for a number; enter a whole number from %ld to %ld"), min, max);
	memcpy(buf, v.p, v.n);
	buf[v.n] = '\0';
	char *end;
	errno = 0;
	long n = strtol(buf, &end, 10);
	if (end == buf || *end || !(is_digit(buf[0]) || buf[0] == '-' || buf[0] == '+'))
		return _("is not a whole number; use digits only, for example 12");
	if (errno == ERANGE || n < min || n > max)
		return say(_("is %s; enter a whole number from %ld to %ld"), buf, min, max);
	if (out)
		*out = n;
	return NULL;
}

const char *wg_validate_text(const char *s, size_t max_chars)
{
	struct span v = trimmed(s);
	size_t chars = 0;
	if (v.n == 0)
		return _("is blank; fill it in");
	for (const char *p = v.p; p < v.p + v.n; chars++) {
		uint32_t c = wg_utf8_next(&p);
		if (c == WG_UTF8_INVALID)
			return _("is not valid UTF-8 text; if it came from a file, check the file's encoding");
		if (c < 0x20 || c == 0x7F)
			return _("contains a line break, tab or other control character; keep it on one line");
	}
	if (chars > max_chars)
		return say(_("is %zu characters long; at most %zu are allowed, so shorten it"), chars, max_chars);
	return NULL;
}

const char *wg_validate_stored_text(const char *s, size_t n)
{
	for (const char *p = s; p < s + n;) {
		if (*p == '\0')
			return _("contains a NUL character; enter the text again");
		uint32_t c = wg_utf8_next(&p);
		if (c == WG_UTF8_INVALID)
			return _("is not valid UTF-8 text; if it came from a file, check the file's encoding");
		if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c <= 0x9F))
			return _("contains a control character such as a terminal escape; only line breaks "
				 "and tabs may stand in text");
	}
	return NULL;
}

/* "1.10105E+17" (spaces around allowed): digits, an optional fraction, E, a signed exponent. */
static bool scientific(const char *s)
{
	const char *p = s;
	while (*p == ' ')
		p++;
	if (!is_digit(*p))
		return false;
	while (is_digit(*p))
		p++;
	if (*p == '.')
		for (p++; is_digit(*p); p++)
			;
	if (*p != 'E' && *p != 'e')
		return false;
	p++;
	if (*p == '+' || *p == '-')
		p++;
	if (!is_digit(*p))
		return false;
	while (is_digit(*p))
		p++;
	while (*p == ' ')
		p++;
	return *p == '\0';
}

const char *wg_spreadsheet_mangled(const char *s)
{
	if (!s || !scientific(s))
		return NULL;
	return _("was turned into a number by a spreadsheet (like 1.10105E+17), which lost its last "
		 "digits; format the column as text in the spreadsheet and enter the values again");
}
