/* SPDX-License-Identifier: MulanPSL-2.0 - Copyright (c) 2026 the wangge developers; see COPYING. */
/* Export of services and requests in the Open311 GeoReport v2 format. */
#ifndef WANGGE_OPEN311_H
#define WANGGE_OPEN311_H

#include <stdio.h>

#include <wangge/core.h>

/*
 * Writes one JSON object {"services": [...], "requests": [...]} in the
 * shapes of GeoReport v2 (https://wiki.open311.org/GeoReport_v2):
 * - services: every active sub-category (level 4): service_code (the code),
 *   service_name (Chinese name), description (English name), metadata false,
 *   type "batch", keywords (the parent category's name), group (the sector).
 * - requests: every case: service_request_id (the case number), status
 *   (open, or closed for closed, rejected and merged cases), status_notes
 *   (the state and the last move's note), service_code and service_name,
 *   description (title and description), agency_responsible (the handler),
 *   requested_datetime, updated_datetime and expected_datetime (the
 *   deadline) in ISO 8601 with the local offset, address (the case's
 *   address, else its cell's name), address_id (the cell code).
 * Who reported a case is never written.  Clerks and administrators; audited.
 */
int wg_export_open311(struct wg_ctx *ctx, FILE *out, long *services, long *requests);

#endif
