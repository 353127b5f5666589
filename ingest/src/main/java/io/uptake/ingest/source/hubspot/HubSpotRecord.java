package io.uptake.ingest.source.hubspot;

import static java.util.Objects.requireNonNull;

/**
 * One record of HubSpot's account activity, as a JSON page or a CSV export gives it: the fields the
 * mapping reads, as text, null when the record does not have them. Both parsers build it, so a login
 * from the API and the same login from an export are mapped by the same code.
 *
 * @param timeField the name of the time field in the file ({@code loginAt}, or the export's column), for reasons
 * @param succeeded a login's success flag as written; null when the file has no such field at all (a login
 *                  export without a success column), empty when this record lacks it
 * @param type      a security-activity record's type ({@code ADD_USER}), or an export's login type ({@code Password login})
 * @param content   the record's text in a canonical form (fields sorted by name): what its id is hashed from
 *                  when it has no id of its own, and its quarantine content hash
 */
record HubSpotRecord(Kind kind, String id, String timeField, String time, String userId, String email,
                     String succeededField, String succeeded, String type, String userAgent,
                     String category, String subCategory, String action, String target, String content) {

    /** The three kinds of record the account activity API has, each its own endpoint. */
    enum Kind {
        /** {@code /account-info/v3/activity/login}. */
        LOGIN("login"),
        /** {@code /account-info/v3/activity/audit-logs}. */
        AUDIT("audit"),
        /** {@code /account-info/v3/activity/security}. */
        SECURITY("security");

        /** The kind as event ids carry it: {@code hubspot-login-5432653}. */
        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    HubSpotRecord {
        requireNonNull(kind, "kind is null");
        requireNonNull(timeField, "timeField is null");
        requireNonNull(content, "content is null");
    }
}
