/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* This installation's site: its identity, number and labels, the street office's register of
 * site numbers, and the demo community. */
#ifndef WANGGE_SITE_H
#define WANGGE_SITE_H

#include <time.h>

#include <wangge/core.h>

/*
 * A site is one database file.  Its identity is a random 128-bit id made with the file (never
 * changed, kept by backups, carried by every sync file); its site number is a short alias
 * that row keys carry (id = number << 40 | n), unique only among the sites that exchange
 * files, which is why a street office gives the numbers out (wg_site_register).  The labels
 * are the community's name and its official code (统计用区划代码).
 */
#define WG_SITE_MAX 8000000            /* site numbers run 1 .. WG_SITE_MAX */
#define WG_SITE_UID_HEX 33             /* the id as 32 hex digits */
#define WG_SITE_UID_SIZE 37            /* as people read it: 8-4-4-4-12 */
#define WG_SITE_CODE_SIZE 16

struct wg_site_info {
	int site_no;
	int office;                    /* the number of the site whose accounts this one takes */
	char uid[WG_SITE_UID_SIZE];
	char community[128];
	char code[WG_SITE_CODE_SIZE];
};

/* Records site_no, the office's number (0: the site itself when site_no is 1, else 1), the
 * community's name and official code ("" or NULL: none). */
int wg_site_init(struct wg_ctx *ctx, int site_no, int office, const char *community,
		 const char *code);
/* This site's number, identity and labels. */
int wg_site_info(struct wg_ctx *ctx, struct wg_site_info *out);
/* This site's id as 32 hex digits (for the sync file), or "" when it cannot be read. */
void wg_site_uid_hex(struct wg_ctx *ctx, char out[WG_SITE_UID_HEX]);
/* 32 hex digits as 8-4-4-4-12; and the other way (dashes, spaces and case ignored): 0 or -1. */
void wg_site_uid_show(const char *hex, char out[WG_SITE_UID_SIZE]);
int wg_site_uid_parse(const char *text, char out[WG_SITE_UID_HEX]);
/* Why code cannot be an official community code, or NULL when it can. */
const char *wg_site_code_problem(const char *code);

/* One number in the street office's register. */
struct wg_site_entry {
	int site_no;
	char kind[16];                 /* community, laptop, street */
	char code[WG_SITE_CODE_SIZE];
	char name[128];
	char uid[WG_SITE_UID_SIZE];    /* as its files said, "" before the first */
	char fingerprint[20];          /* the paired key's, "" when not paired */
	time_t registered_at;
	char registered_by[64];
};

/* Gives out a site number (administrators; audited): want, or when want is 0 the lowest free
 * one above this site's.  A number in use here (this site's, a paired one, a registered one)
 * and a code registered already are refused. */
int wg_site_register(struct wg_ctx *ctx, int want, const char *kind, const char *code,
		     const char *name, int *assigned);
/* The register, with each site's pairing and identity, by number. */
int wg_site_register_list(struct wg_ctx *ctx, int (*each)(void *arg, const struct wg_site_entry *e),
			  void *arg);
/* Community name for the title bar. */
int wg_site_community(struct wg_ctx *ctx, char *out, size_t outsz);

/* What wg_site_renumber moved. */
struct wg_site_renumber_result {
	int from;
	long long keys;  /* row keys and references to them */
	long cases;      /* case numbers S<old>-... now S<new>-... */
	long volunteers; /* volunteer numbers made from their key */
};
/* Gives this database the site number to (site-renumber.c): every key of this site's rows
 * and every reference to one moves to the new number's range, the display numbers made from
 * them follow, the counts and the search index are made again, the audit chain (verified
 * first) is hashed again and signed; audited.  Administrators; only a database that never took
 * a sync file, and, if it sent one, only when sent_refused says every one was refused.  Its
 * next file to any site is a whole one. */
int wg_site_renumber(struct wg_ctx *ctx, int to, int sent_refused, struct wg_site_renumber_result *res);
/* The same for a group that exchanged files among themselves (a community's office and its
 * laptops): every database of the group moves the site number from (this database's own, or
 * another member's, held here) to to, keeping its sync state under the new number, so that the
 * group goes on exchanging files of changes.  Administrators; audited.  from 0: this database's
 * own number. */
int wg_site_renumber_group(struct wg_ctx *ctx, int from, int to, struct wg_site_renumber_result *res);
/* The demo community's name, as its cells and the title bar write it: the data is Chinese,
 * whatever the language of the screens. */
#define WG_DEMO_COMMUNITY "演示社区"
/* Builds the fictional demo community and one account per role (sharing password). */
int wg_demo_build(struct wg_ctx *ctx, const char *password);

#endif
