/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* INI configuration through iniparser, checked against the settings table. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <ctype.h>
#include <errno.h>
#include <iniparser/iniparser.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <strings.h>
#include <unistd.h>

#include <wangge/config.h>
#include <wangge/i18n.h>

const struct wg_setting wg_settings[] = {
	{ "database:path", WG_SET_PATH, "", NULL,
	  N_("database file; empty means $XDG_DATA_HOME/wangge/wangge.db") },
	{ "site:community", WG_SET_STRING, "", NULL,
	  N_("community name for the title bar; empty uses the name stored by init") },
	{ "site:prefix", WG_SET_STRING, "", NULL,
	  N_("prefix of case numbers; empty uses S and the site number") },
	{ "ui:ascii", WG_SET_BOOL, "false", NULL,
	  N_("draw with plain ASCII instead of line-drawing characters") },
	{ "ui:color", WG_SET_ENUM, "auto", "auto|always|never",
	  N_("use colors: auto follows the terminal") },
	{ "ui:language", WG_SET_ENUM, "", "|en|zh_CN",
	  N_("language of the program; empty follows the locale") },
	{ "ui:escdelay", WG_SET_INT, "25", "0..1000",
	  N_("milliseconds to wait after Esc for a function key sequence") },
	{ "ui:draft_delay", WG_SET_INT, "800", "100..10000",
	  N_("milliseconds of quiet typing before a form is saved as a draft") },
	{ "ui:idle_lock", WG_SET_INT, "10", "0..1440",
	  N_("minutes without a key before the screen locks until the password is typed "
	     "again; 0 never") },
	{ "sync:dir", WG_SET_PATH, "", NULL,
	  N_("default folder for sync files (a USB stick)") },
	{ "sync:conflict", WG_SET_ENUM, "ask", "ask|newest|office",
	  N_("what to do when both sides changed a record") },
	{ "backup:dir", WG_SET_PATH, "", NULL,
	  N_("folder for backups; empty means next to the database") },
	{ "backup:keep", WG_SET_INT, "14", "1..365",
	  N_("number of backups kept") },
	{ "backup:daily", WG_SET_BOOL, "true", NULL,
	  N_("on quitting the full-screen program, back up once a day") },
	{ "calendar:monday", WG_SET_HOURS, "09:00-12:00,13:30-17:30", NULL,
	  N_("working hours on Monday; empty for a day off") },
	{ "calendar:tuesday", WG_SET_HOURS, "09:00-12:00,13:30-17:30", NULL,
	  N_("working hours on Tuesday") },
	{ "calendar:wednesday", WG_SET_HOURS, "09:00-12:00,13:30-17:30", NULL,
	  N_("working hours on Wednesday") },
	{ "calendar:thursday", WG_SET_HOURS, "09:00-12:00,13:30-17:30", NULL,
	  N_("working hours on Thursday") },
	{ "calendar:friday", WG_SET_HOURS, "09:00-12:00,13:30-17:30", NULL,
	  N_("working hours on Friday") },
	{ "calendar:saturday", WG_SET_HOURS, "", NULL, N_("working hours on Saturday") },
	{ "calendar:sunday", WG_SET_HOURS, "", NULL, N_("working hours on Sunday") },
	{ "calendar:holidays", WG_SET_DATES, "", NULL,
	  N_("public holidays (no work), YYYY-MM-DD separated by commas") },
	{ "calendar:workdays", WG_SET_DATES, "", NULL,
	  N_("adjusted working days (a weekend day worked), with Monday's hours") },
	{ "calendar:official", WG_SET_BOOL, "true", NULL,
	  N_("lay the State Council's published holidays and adjusted working days (the data "
	     "folder's holidays/YYYY.txt) into the calendar; holidays and workdays above override "
	     "single days") },
	{ "volunteers:star_hours", WG_SET_RISING, "100,300,600,1000,1500", "5",
	  N_("service hours that make one to five stars, rising (the national rules' by default)") },
	{ "tasks:duplicate_days", WG_SET_INT, "7", "0..365",
	  N_("days to look back for an open case in the same cell and category") },
	{ "tasks:file_hours", WG_SET_INT, "4", "1..720",
	  N_("working hours to file (受理/立案) a reported case before it counts as overdue") },
	{ "tasks:feedback_hours", WG_SET_INT, "16", "1..720",
	  N_("working hours to take the resident's feedback (回访) after a case is closed") },
	{ "tasks:accept_hours", WG_SET_INT, "4", "1..720",
	  N_("working hours a handler has to accept a dispatched case") },
	{ "tasks:dispatch_hours", WG_SET_INT, "4", "1..720",
	  N_("working hours to dispatch a filed case") },
	{ "tasks:verify_hours", WG_SET_INT, "8", "1..720",
	  N_("working hours to verify a handled case") },
};

const size_t wg_setting_count = sizeof wg_settings / sizeof wg_settings[0];

struct wg_keybind {
	char *action, *keys, *file;
};

struct wg_config {
	char *values[sizeof wg_settings / sizeof wg_settings[0]];
	struct wg_keybind *binds;
	size_t nbinds;
};

struct wg_config *wg_config_new(void)
{
	return calloc(1, sizeof(struct wg_config));
}

void wg_config_free(struct wg_config *cfg)
{
	if (!cfg)
		return;
	for (size_t i = 0; i < wg_setting_count; i++)
		free(cfg->values[i]);
	for (size_t i = 0; i < cfg->nbinds; i++) {
		free(cfg->binds[i].action);
		free(cfg->binds[i].keys);
		free(cfg->binds[i].file);
	}
	free(cfg->binds);
	free(cfg);
}

const struct wg_setting *wg_setting_find(const char *key)
{
	for (size_t i = 0; i < wg_setting_count; i++)
		if (strcasecmp(wg_settings[i].key, key) == 0)
			return &wg_settings[i];
	return NULL;
}

static int parse_bool(const char *v, int *out)
{
	static const char *const yes[] = { "true", "yes", "on", "1" };
	static const char *const no[] = { "false", "no", "off", "0" };
	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0)
			return *out = 1, 1;
		if (strcasecmp(v, no[i]) == 0)
			return *out = 0, 1;
	}
	return 0;
}

static int in_enum(const char *allowed, const char *v)
{
	size_t n = strlen(v);
	for (const char *p = allowed;; p = strchr(p, '|') + 1) {
		const char *end = strchr(p, '|');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && strncasecmp(p, v, n) == 0)
			return 1;
		if (!end)
			return 0;
	}
}

/* The allowed spelling of an enum value matched in any case ("NEVER" is kept as "never"),
 * since the code that reads it compares exactly. */
static char *canonical(const char *allowed, const char *v)
{
	size_t n = strlen(v);
	for (const char *p = allowed;; p = strchr(p, '|') + 1) {
		const char *end = strchr(p, '|');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && strncasecmp(p, v, n) == 0)
			return strndup(p, len);
		if (!end)
			return strdup(v);
	}
}

static const char *check_int(const struct wg_setting *s, const char *v, char *buf, size_t bufsz)
{
	char *end;
	long min = 0, max = 0;
	errno = 0;
	long n = strtol(v, &end, 10);
	sscanf(s->allowed, "%ld..%ld", &min, &max);
	if (errno || end == v || *end || n < min || n > max) {
		snprintf(buf, bufsz, _("a whole number from %ld to %ld is needed"), min, max);
		return buf;
	}
	return NULL;
}

static int valid_date(const char *p)
{
	int y, m, d, n = 0;
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (sscanf(p, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10)
		return 0;
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return 0;
	return !(m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

/* Walks a comma-separated list, calling ok() on each trimmed item. */
/* 1 when every comma-separated item of v is ok; else 0, and the first that is not in bad. */
static int each_item(const char *v, int (*ok)(const char *), char *bad, size_t badsz)
{
	char item[64];
	while (*v) {
		while (*v == ' ' || *v == ',')
			v++;
		size_t n = strcspn(v, ",");
		while (n && v[n - 1] == ' ')
			n--;
		if (!n)
			break;
		snprintf(item, sizeof item, "%.*s", (int)n, v);
		if (n >= sizeof item || !ok(item)) {
			snprintf(bad, badsz, "%.*s", (int)(n < 40 ? n : 40), v);
			return 0;
		}
		v += n;
	}
	return 1;
}

static int valid_span(const char *p)
{
	int h1, m1, h2, m2, n = 0;
	if (sscanf(p, "%2d:%2d-%2d:%2d%n", &h1, &m1, &h2, &m2, &n) != 4 || n != (int)strlen(p))
		return 0;
	return h1 >= 0 && h1 <= 24 && m1 >= 0 && m1 < 60 && h2 >= 0 && h2 <= 24 && m2 >= 0 &&
	       m2 < 60 && h2 * 60 + m2 > h1 * 60 + m1 && h2 * 60 + m2 <= 24 * 60;
}

int wg_rising_parse(const char *v, long *out, int n)
{
	long prev = 0;
	int i = 0;
	while (*v) {
		char *end;
		while (*v == ' ' || *v == ',')
			v++;
		if (!*v)
			break;
		errno = 0;
		long x = strtol(v, &end, 10);
		if (end == v || errno || x <= prev || x > 1000000 || i == n)
			return -1;
		out[i++] = prev = x;
		v = end;
		while (*v == ' ')
			v++;
		if (*v && *v != ',')
			return -1;
	}
	return i == n ? 0 : -1;
}

static const char *check_rising(const struct wg_setting *s, const char *v, char *buf, size_t bufsz)
{
	long n = strtol(s->allowed, NULL, 10), vals[16];
	if (n > 0 && n <= 16 && wg_rising_parse(v, vals, (int)n) == 0)
		return NULL;
	snprintf(buf, bufsz, _("%ld whole numbers separated by commas are needed, each larger than the "
			       "one before (e.g. %s)"), n, s->def);
	return buf;
}

const char *wg_setting_check(const struct wg_setting *s, const char *v, char *buf, size_t bufsz)
{
	int b;
	char item[48];
	switch (s->type) {
	case WG_SET_BOOL:
		return parse_bool(v, &b) ? NULL : _("true or false is needed");
	case WG_SET_INT:
		return check_int(s, v, buf, bufsz);
	case WG_SET_ENUM:
		if (in_enum(s->allowed, v))
			return NULL;
		snprintf(buf, bufsz, _("one of %s is needed"), s->allowed);
		return buf;
	case WG_SET_DATES:
		if (each_item(v, valid_date, item, sizeof item))
			return NULL;
		snprintf(buf, bufsz, _("'%s' is not a date; dates as YYYY-MM-DD separated by commas are "
				       "needed"), item);
		return buf;
	case WG_SET_HOURS:
		if (each_item(v, valid_span, item, sizeof item))
			return NULL;
		snprintf(buf, bufsz, _("'%s' is not a span of hours; spans as HH:MM-HH:MM separated by "
				       "commas are needed, e.g. 09:00-12:00,13:30-17:30"), item);
		return buf;
	case WG_SET_RISING:
		return check_rising(s, v, buf, bufsz);
	case WG_SET_STRING:
	case WG_SET_PATH:
		break;
	}
	return NULL;
}

static const char *value_of(const struct wg_config *cfg, const char *key)
{
	for (size_t i = 0; i < wg_setting_count; i++)
		if (strcasecmp(wg_settings[i].key, key) == 0)
			return cfg->values[i] ? cfg->values[i] : wg_settings[i].def;
	abort(); /* a key missing from the table is a programming error */
}

const char *wg_config_str(const struct wg_config *cfg, const char *key)
{
	return value_of(cfg, key);
}

long wg_config_int(const struct wg_config *cfg, const char *key)
{
	return strtol(value_of(cfg, key), NULL, 10);
}

int wg_config_bool(const struct wg_config *cfg, const char *key)
{
	int b = 0;
	parse_bool(value_of(cfg, key), &b);
	return b;
}

size_t wg_config_key_count(const struct wg_config *cfg)
{
	return cfg->nbinds;
}

void wg_config_key_get(const struct wg_config *cfg, size_t i, const char **action,
		       const char **keys, const char **file)
{
	*action = cfg->binds[i].action;
	*keys = cfg->binds[i].keys;
	*file = cfg->binds[i].file;
}

static char ini_error[512];

/* iniparser reports syntax errors through this callback; keep the text for our message. */
static int capture_ini_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	size_t used = strlen(ini_error);
	if (used < sizeof ini_error - 1)
		vsnprintf(ini_error + used, sizeof ini_error - used, fmt, ap);
	va_end(ap);
	return 0;
}

static void warnf(void (*warn)(void *, const char *), void *arg, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void warnf(void (*warn)(void *, const char *), void *arg, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	if (!warn)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	warn(arg, line);
}

static void add_bind(struct wg_config *cfg, const char *action, const char *keys, const char *file)
{
	for (size_t i = 0; i < cfg->nbinds; i++) {
		if (strcmp(cfg->binds[i].action, action) == 0) {
			free(cfg->binds[i].keys);
			free(cfg->binds[i].file);
			cfg->binds[i].keys = strdup(keys);
			cfg->binds[i].file = strdup(file);
			return;
		}
	}
	struct wg_keybind *nb = realloc(cfg->binds, (cfg->nbinds + 1) * sizeof *nb);
	if (!nb)
		return;
	cfg->binds = nb;
	cfg->binds[cfg->nbinds++] = (struct wg_keybind){ strdup(action), strdup(keys), strdup(file) };
}

static int known_section(const char *sec)
{
	size_t n = strlen(sec);
	if (strcmp(sec, "keys") == 0)
		return 1;
	for (size_t i = 0; i < wg_setting_count; i++)
		if (strncmp(wg_settings[i].key, sec, n) == 0 && wg_settings[i].key[n] == ':')
			return 1;
	return 0;
}

/* The section whose setting has this name, if one has ("ui" for "color"): static, or NULL. */
static const char *section_of(const char *name)
{
	static char sec[64];
	for (size_t i = 0; i < wg_setting_count; i++) {
		const char *colon = strchr(wg_settings[i].key, ':');
		if (colon && strcasecmp(colon + 1, name) == 0 && (size_t)(colon - wg_settings[i].key) < sizeof sec) {
			snprintf(sec, sizeof sec, "%.*s", (int)(colon - wg_settings[i].key), wg_settings[i].key);
			return sec;
		}
	}
	return NULL;
}

/* A path's leading ~ (alone or before a /) as $HOME, as a shell would: a copy, or NULL. */
static char *expand_home(const char *v)
{
	const char *home = getenv("HOME");
	if (v[0] != '~' || (v[1] != '\0' && v[1] != '/') || !home || !*home)
		return strdup(v);
	size_t n = strlen(home) + strlen(v);
	char *out = malloc(n);
	if (out)
		snprintf(out, n, "%s%s", home, v + 1);
	return out;
}

/* Checks every key of one section; values are staged so a bad file changes nothing. */
static int load_section(struct wg_ctx *ctx, dictionary *d, const char *sec, const char *path,
			char **staged, struct wg_config *cfg, void (*warn)(void *, const char *), void *arg)
{
	int n = iniparser_getsecnkeys(d, sec);
	const char **keys = calloc((size_t)(n > 0 ? n : 1), sizeof *keys);
	char buf[256];
	int rc = WG_OK;
	if (!keys)
		return wg_fail(ctx, WG_EIO, _("out of memory"));
	iniparser_getseckeys(d, sec, keys);
	for (int i = 0; i < n && rc == WG_OK; i++) {
		const char *v = iniparser_getstring(d, keys[i], "");
		if (!v) { /* iniparser's value for a section-like name such as [keys:] */
			rc = wg_fail(ctx, WG_EUSAGE, _("%s: '%s' has no value; write it as key = value "
						       "inside a section, or remove it"), path, keys[i]);
			break;
		}
		if (strcmp(sec, "keys") == 0) {
			add_bind(cfg, keys[i] + 5, v, path);
			continue;
		}
		const struct wg_setting *s = wg_setting_find(keys[i]);
		const char *why;
		if (!s) {
			warnf(warn, arg, _("%s: unknown key '%s' ignored"), path, keys[i]);
			continue;
		}
		if ((why = wg_setting_check(s, v, buf, sizeof buf)) != NULL)
			rc = wg_fail(ctx, WG_EUSAGE, _("%s: %s = '%s' is not valid: %s"), path, keys[i], v, why);
		else
			staged[s - wg_settings] = s->type == WG_SET_ENUM ? canonical(s->allowed, v)
						  : s->type == WG_SET_PATH ? expand_home(v) : strdup(v);
	}
	free(keys);
	return rc;
}

static int load_dict(struct wg_config *cfg, struct wg_ctx *ctx, dictionary *d, const char *path,
		     void (*warn)(void *, const char *), void *arg)
{
	char *staged[sizeof wg_settings / sizeof wg_settings[0]] = { 0 };
	int rc = WG_OK;
	for (int i = 0; i < iniparser_getnsec(d) && rc == WG_OK; i++) {
		const char *sec = iniparser_getsecname(d, i);
		if (!known_section(sec))
			warnf(warn, arg, _("%s: unknown section [%s] ignored"), path, sec);
		else
			rc = load_section(ctx, d, sec, path, staged, cfg, warn, arg);
	}
	for (size_t i = 0; i < wg_setting_count; i++) {
		if (rc == WG_OK && staged[i]) {
			free(cfg->values[i]);
			cfg->values[i] = staged[i];
		} else {
			free(staged[i]);
		}
	}
	return rc;
}

/* Reads the file before iniparser does, which keeps the last of a repeated key silently and
 * reads a UTF-8 byte-order mark (as Windows editors write) as part of the first line: a key
 * given twice is a warning naming both lines; a file with a mark is handed on without it, as
 * an unlinked private copy whose /dev/fd path goes to *shown (the descriptor is returned;
 * -1 when the file is read as it is). */
static int prescan(const char *path, void (*warn)(void *, const char *), void *arg, char *shown,
		   size_t shownsz)
{
	FILE *f = fopen(path, "rb");
	char line[1024], sec[128] = "", seen[256][160];
	int lines[256], nseen = 0, no = 0, fd = -1;
	FILE *copy = NULL;
	while (f && fgets(line, sizeof line, f)) {
		char *p = line, key[160];
		no++;
		if (no == 1 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
			p += 3;
			if ((copy = tmpfile()) != NULL) /* unlinked from the start: no name to find */
				fd = fileno(copy);
		}
		if (copy)
			fputs(p, copy);
		p += strspn(p, " \t");
		if (*p == '[') {
			snprintf(sec, sizeof sec, "%.*s", (int)strcspn(p + 1, "]"), p + 1);
			continue;
		}
		size_t k = strcspn(p, "=");
		if (*p == '#' || *p == ';' || !p[k])
			continue;
		while (k && (p[k - 1] == ' ' || p[k - 1] == '\t'))
			k--;
		snprintf(key, sizeof key, "%s:%.*s", sec, (int)k, p);
		for (char *c = key; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		if (!sec[0]) { /* iniparser keeps it in no section: it would count for nothing */
			const char *home = section_of(key + 1);
			warnf(warn, arg, _("%s:%d: '%s' comes before any section and is ignored; put it "
					   "under its section%s%s%s"), path, no, key + 1, home ? " [" : "",
			      home ? home : "", home ? "]" : "");
			continue;
		}
		int i = 0;
		while (i < nseen && strcmp(seen[i], key) != 0)
			i++;
		if (i < nseen)
			warnf(warn, arg, _("%s:%d: '%s' is given again (first on line %d); the later value "
					   "is used"), path, no, key, lines[i]);
		else if (nseen < 256)
			snprintf(seen[nseen], sizeof seen[nseen], "%s", key), lines[nseen++] = no;
	}
	if (f)
		fclose(f);
	if (copy && fflush(copy) == 0) {
		int dup_fd = dup(fd);
		fclose(copy);
		snprintf(shown, shownsz, "/dev/fd/%d", dup_fd);
		if (dup_fd >= 0)
			lseek(dup_fd, 0, SEEK_SET);
		return dup_fd;
	}
	if (copy)
		fclose(copy);
	return -1;
}

int wg_config_load(struct wg_config *cfg, struct wg_ctx *ctx, const char *path, int must_exist,
		   void (*warn)(void *, const char *), void *arg)
{
	if (access(path, F_OK) != 0) {
		if (!must_exist)
			return WG_OK;
		return wg_fail(ctx, WG_EUSAGE, _("%s: configuration file not found"), path);
	}
	struct stat sb;
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
		return wg_fail(ctx, WG_EUSAGE, _("%s: not a file; --config takes the path of an INI "
						 "file"), path);
	if (access(path, R_OK) != 0)
		return wg_fail(ctx, WG_EUSAGE, _("%s: cannot read the configuration file: %s"), path,
			       strerror(errno));
	char shown[4200];
	int fd = prescan(path, warn, arg, shown, sizeof shown);
	ini_error[0] = '\0';
	iniparser_set_error_callback(capture_ini_error);
	dictionary *d = iniparser_load(fd >= 0 ? shown : path);
	if (fd >= 0)
		close(fd);
	if (!d || ini_error[0]) {
		size_t n = strlen(ini_error);
		while (n && ini_error[n - 1] == '\n')
			ini_error[--n] = '\0';
		if (d)
			iniparser_freedict(d);
		return wg_fail(ctx, WG_EUSAGE, _("%s: the file cannot be read as INI (%s); fix that line"),
			       path, ini_error[0] ? ini_error : _("unreadable"));
	}
	int rc = load_dict(cfg, ctx, d, path, warn, arg);
	iniparser_freedict(d);
	return rc;
}

int wg_config_load_all(struct wg_config *cfg, struct wg_ctx *ctx, const char *extra,
		       void (*warn)(void *, const char *), void *arg)
{
	char path[4096], dirs[4096];
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	const char *sys = getenv("XDG_CONFIG_DIRS");
	int rc = wg_config_load(cfg, ctx, "/etc/wangge.ini", 0, warn, arg);
	/* XDG_CONFIG_DIRS (default /etc/xdg): the first named is the most important, so the
	 * list is read from its end and each later file overrides */
	snprintf(dirs, sizeof dirs, "%s", sys && *sys ? sys : "/etc/xdg");
	for (char *end = dirs + strlen(dirs); rc == WG_OK && end > dirs;) {
		char *start = end;
		while (start > dirs && start[-1] != ':')
			start--;
		if (*start == '/') { /* a relative entry is invalid by the spec: skipped */
			snprintf(path, sizeof path, "%.*s/wangge/wangge.ini", (int)(end - start), start);
			rc = wg_config_load(cfg, ctx, path, 0, warn, arg);
		}
		end = start > dirs ? start - 1 : dirs;
	}
	if (rc == WG_OK && ((xdg && *xdg) || (home && *home))) {
		if (xdg && *xdg)
			snprintf(path, sizeof path, "%s/wangge/wangge.ini", xdg);
		else
			snprintf(path, sizeof path, "%s/.config/wangge/wangge.ini", home);
		rc = wg_config_load(cfg, ctx, path, 0, warn, arg);
	}
	if (rc == WG_OK && extra)
		rc = wg_config_load(cfg, ctx, extra, 1, warn, arg);
	return rc;
}
