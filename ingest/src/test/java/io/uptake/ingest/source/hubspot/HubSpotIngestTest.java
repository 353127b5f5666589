package io.uptake.ingest.source.hubspot;

import static io.uptake.ingest.TestFixtures.ADA_KEY;
import static io.uptake.ingest.TestFixtures.U1042_KEY;
import static io.uptake.ingest.TestFixtures.write;
import static io.uptake.ingest.source.hubspot.HubSpotSourceTest.HELLY_EMAIL_KEY;
import static io.uptake.ingest.source.hubspot.HubSpotSourceTest.USER_1042_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.uptake.ingest.Ingest;
import io.uptake.ingest.IngestException;
import io.uptake.ingest.TestFixtures;
import io.uptake.ingest.WarehouseRows;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.DataLayout;
import io.uptake.warehouse.Tables;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HubSpot's pages through the whole ingest: people joined through users' e-mail and external_ids. */
class HubSpotIngestTest {

    @TempDir
    Path tmp;

    @Test
    void hubSpotUsersJoinUsersByExternalIdOrEmailAndTheRestAreReportedUnmatched() throws IOException, IngestException {
        Path dir = tmp.resolve("export");
        write(dir.resolve("audit.json"), HubSpotSourceTest.AUDIT_PAGE);
        write(dir.resolve("login.json"), HubSpotSourceTest.LOGIN_PAGE);
        // Ada is person3 by e-mail; u-1042 is Mark by his HubSpot user id.
        write(dir.resolve("users.csv"), """
                user_id,display_name,email,team,department,role,region,manager_id,license_type,license_monthly_cost,activated_at,deactivated_at,wave,external_ids
                005Aa00000BcDeF,Ada Lovelace,person3@testdomain.com,Sales North,Sales,Account Executive,EMEA,,full,150,2025-09-01,,wave-1,
                u-1042,Mark Scout,,Sales North,Sales,Sales Manager,EMEA,,full,150,2025-09-01,,wave-1,hubspot:89274502
                """);
        List<Ingest.InputReport> heard = new ArrayList<>();
        DataLayout layout = new DataLayout(tmp.resolve("data"));

        new Ingest(layout, TestFixtures.pseudonymizer(), TestFixtures.CLOCK, heard::add).run(List.of(dir));

        // audit.json: Helly and user 1042 are not in users; login.json: Helly.
        assertThat(heard).extracting(Ingest.InputReport::kind, Ingest.InputReport::read, Ingest.InputReport::committed,
                        Ingest.InputReport::quarantined, Ingest.InputReport::unmatchedPeople)
                .containsExactly(
                        tuple("hubspot", 4L, 4L, 0L, 2L),
                        tuple("hubspot", 3L, 3L, 0L, 1L),
                        tuple("reference:users", 2L, 2L, 0L, 0L));
        assertThat(WarehouseRows.rows(layout, Tables.EVENTS))
                .extracting(row -> row.get(Columns.EVENT_ID), row -> row.get(Columns.USER_KEY), row -> row.get(Columns.CLIENT))
                .containsExactlyInAnyOrder(
                        tuple("hubspot-audit-jAzNiQgaEZUTlJISRtESldLGFNM", U1042_KEY, "web"),
                        tuple("hubspot-audit-FQVHSQEHchIJDy0EB14CAhcEFC9PAAAMHEgSBjscGkQHOgoWFlkcXFZBWEZBFUNKUEEZ", HELLY_EMAIL_KEY, "web"),
                        tuple("hubspot-audit-GRQcAhUfGEgXDhkTAx0HAhcEFC9PAAAMHEgSBjscGkQHOgoWFlkc", HELLY_EMAIL_KEY, "web"),
                        tuple("hubspot-audit-HhkXBhUfGEgXDhkTAx0HAhcEFC9PAAAMHEgSBjscGkQHOgoWFlkc", USER_1042_KEY, "web"),
                        tuple("hubspot-login-5432653", ADA_KEY, "mobile"),
                        tuple("hubspot-login-5432654", HELLY_EMAIL_KEY, "web"),
                        tuple("hubspot-login-5432655", HELLY_EMAIL_KEY, "web"));
    }
}
