/* The command table: one row per subcommand, each implemented in its own cmd-*.c. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <wangge/i18n.h>
#include "cli.h"

int cmd_init(struct cli_env *env, int argc, char **argv);
int cmd_check(struct cli_env *env, int argc, char **argv);
int cmd_user(struct cli_env *env, int argc, char **argv);
int cmd_categories(struct cli_env *env, int argc, char **argv);
int cmd_tasks(struct cli_env *env, int argc, char **argv);
int cmd_gen(struct cli_env *env, int argc, char **argv);
int cmd_cells(struct cli_env *env, int argc, char **argv);
int cmd_residents(struct cli_env *env, int argc, char **argv);
int cmd_backup(struct cli_env *env, int argc, char **argv);
int cmd_restore(struct cli_env *env, int argc, char **argv);
int cmd_report(struct cli_env *env, int argc, char **argv);
int cmd_export(struct cli_env *env, int argc, char **argv);
int cmd_volunteers(struct cli_env *env, int argc, char **argv);
int cmd_shifts(struct cli_env *env, int argc, char **argv);
int cmd_sync(struct cli_env *env, int argc, char **argv);
int cmd_audit(struct cli_env *env, int argc, char **argv);

const struct cli_cmd cli_commands[] = {
	{ "init", "[--site-id N] [--community NAME] [--demo]",
	  N_("create a new database with the default category table"), CLI_NEEDS_NOTHING, cmd_init },
	{ "check", "", N_("check integrity, foreign keys, schema version and the audit chain"),
	  CLI_NEEDS_DB, cmd_check },
	{ "categories",
	  "import FILE [--encoding auto|utf-8|gb18030] [--expect S,L,C,SUB] [--replace]"
	  " | export [--format csv|json] [-o FILE] | stats | search QUERY",
	  N_("the case category hierarchy: import, export, counts, search"), CLI_NEEDS_DB,
	  cmd_categories },
	{ "cells", "import FILE [--encoding auto|utf-8|gb18030] | export [FILE|-] [--bom]",
	  N_("grid cells (street, community, grid) and their grid workers: import, export"),
	  CLI_NEEDS_LOGIN, cmd_cells },
	{ "residents",
	  "import FILE [--encoding auto|utf-8|gb18030] | export [FILE|-] [--unmasked] [--bom]"
	  " | search QUERY [--cell CODE] [--tag TAG] [--all]",
	  N_("the resident register: import, export (masked unless --unmasked), search"),
	  CLI_NEEDS_LOGIN, cmd_residents },
	{ "volunteers",
	  "import FILE [--encoding auto|utf-8|gb18030] | export [FILE|-] [--unmasked] [--bom]"
	  " | list [--format text|csv|json] | hours VOLUNTEER",
	  N_("volunteers: import, export (masked unless --unmasked), list, hours and star level"),
	  CLI_NEEDS_LOGIN, cmd_volunteers },
	{ "shifts",
	  "add --post NAME --cell CODE --start TIME --end TIME [--need N] [--skill S]"
	  " | assign SHIFT VOLUNTEER | checkin|checkout SHIFT VOLUNTEER [--at TIME]"
	  " | list [--from DATE] [--to DATE] [--format text|csv|json]",
	  N_("the volunteer roster: plan shifts, assign, check in and out (hours)"),
	  CLI_NEEDS_LOGIN, cmd_shifts },
	{ "user", "add NAME --role ROLE | passwd NAME | unlock NAME | list",
	  N_("manage user accounts"), CLI_NEEDS_LOGIN, cmd_user },
	{ "audit",
	  "[--by NAME] [--record TABLE:ID] [--table T] [--action A] [--from DATE] [--to DATE]"
	  " [--format text|csv|json]",
	  N_("the audit log, oldest first: who changed which record and field (administrators)"),
	  CLI_NEEDS_LOGIN, cmd_audit },
	{ "tasks",
	  "add --cell CODE --category CODE --title TEXT [--source S] [--priority P]"
	  " [--description T] [--address A] [--reporter TEXT] [--attach FILE]"
	  " | move ID ACTION [--to KIND:ID] [--note TEXT] [--rating R] [--review-date DATE]"
	  " [--level N] [--into CASE]"
	  " | list [--queue Q] [--state S] [--overdue] [--cell CODE] [--sector CODE]"
	  " [--handler KIND:ID] [--from DATE] [--to DATE] [--sort deadline|newest|oldest]"
	  " [--format text|csv|json] | show ID [--format text|json] | suggest ID | queues",
	  N_("cases: report, move through the loop, list queues, show, suggest handlers"),
	  CLI_NEEDS_LOGIN, cmd_tasks },
	{ "report", "monthly [--month YYYY-MM] [--format text|csv|json]",
	  N_("the month's cases: received, filed, closed, on time, rework, satisfaction"),
	  CLI_NEEDS_LOGIN, cmd_report },
	{ "export", "open311 [-o FILE]",
	  N_("the categories and cases as Open311 GeoReport v2 JSON (services and requests)"),
	  CLI_NEEDS_LOGIN, cmd_export },
	{ "sync", "export --to SITE [-o FILE] | import FILE | conflicts [--all]"
		  " | resolve ID [--take local|incoming] | key | pair [SITE KEY [--replace]] | peers",
	  N_("exchange changes with the office or a field laptop through a file"), CLI_NEEDS_LOGIN,
	  cmd_sync },
	{ "backup", "[-o FILE]",
	  N_("copy the database to the backup folder (keeping the newest [backup] keep), or to FILE "
	     "(administrators)"),
	  CLI_NEEDS_LOGIN, cmd_backup },
	/* restore logs in itself: into the database, or into the backup when the database is lost */
	{ "restore", "FILE",
	  N_("replace the database with a backup (the current one is kept beside the backups)"),
	  CLI_NEEDS_NOTHING, cmd_restore },
	{ "gen", "[--residents N] [--tasks N] [--cells N] [--seed N]",
	  N_("add synthetic residents, cases and grid cells for benchmarks"), CLI_NEEDS_LOGIN, cmd_gen },
};

const size_t cli_command_count = sizeof cli_commands / sizeof cli_commands[0];
