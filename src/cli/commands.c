/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* The command table: each cmd-*.c exports its command's rows; this lists them in --help order. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include "cli.h"

extern const struct cli_cmd cli_init_rows[], cli_check_rows[], cli_categories_rows[],
	cli_cells_rows[], cli_residents_rows[], cli_volunteers_rows[], cli_shifts_rows[],
	cli_user_rows[], cli_audit_rows[], cli_tasks_rows[], cli_report_rows[], cli_export_rows[],
	cli_sync_rows[], cli_backup_rows[], cli_restore_rows[], cli_gen_rows[], cli_orgs_rows[],
	cli_socialworkers_rows[], cli_teams_rows[], cli_projects_rows[], cli_conferences_rows[], cli_notices_rows[], cli_calendar_rows[],
	cli_site_rows[], cli_pg_rows[];

const struct cli_cmd *const cli_tables[] = {
	cli_init_rows, cli_check_rows, cli_categories_rows, cli_cells_rows, cli_residents_rows,
	cli_volunteers_rows, cli_shifts_rows, cli_orgs_rows, cli_socialworkers_rows, cli_teams_rows, cli_projects_rows, cli_conferences_rows, cli_notices_rows, cli_user_rows, cli_audit_rows, cli_tasks_rows,
	cli_report_rows, cli_calendar_rows, cli_export_rows, cli_site_rows, cli_sync_rows, cli_pg_rows, cli_backup_rows, cli_restore_rows,
	cli_gen_rows, NULL,
};
