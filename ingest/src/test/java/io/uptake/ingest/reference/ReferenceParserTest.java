package io.uptake.ingest.reference;

import static io.uptake.ingest.TestFixtures.ADA_KEY;
import static io.uptake.ingest.TestFixtures.GRACE_KEY;
import static io.uptake.ingest.TestFixtures.USERS_CSV;
import static io.uptake.ingest.TestFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.uptake.ingest.Rejection;
import io.uptake.ingest.TestFixtures;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Tables;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceParserTest {

    @TempDir
    Path dir;

    private final ReferenceParser parser = new ReferenceParser(TestFixtures.pseudonymizer());
    private final ReferenceTable users = ReferenceTable.forFileName("users.csv").orElseThrow();

    @Test
    void usersBecomeTypedRowsKeyedByUserKeyWithTheirEmailOnlyAsAKeyedHash() throws Exception {
        ReferenceParser.Result result = parser.parse(users, write(dir.resolve("users.csv"), USERS_CSV), "users.csv");

        assertThat(users.schema().columns()).extracting(c -> c.name()).containsExactly(
                Columns.USER_KEY, Columns.DISPLAY_NAME, Columns.TEAM, Columns.DEPARTMENT, Columns.ROLE, Columns.REGION,
                Columns.MANAGER_KEY, Columns.LICENSE_TYPE, Columns.LICENSE_MONTHLY_COST, Columns.ACTIVATED_AT,
                Columns.DEACTIVATED_AT, Columns.WAVE, Columns.EMAIL_KEY, Columns.EXTERNAL_KEYS);
        assertThat(users.table()).isEqualTo(Tables.USERS);
        // 3 read = 2 rows + 1 rejection (line 4, license_type premium).
        assertThat(result.read()).isEqualTo(3);
        assertThat(result.rows()).extracting(Arrays::asList).containsExactly(
                // HMAC-SHA-256 of "email:ada.lovelace@example.com" and of Grace's under the test key, by openssl
                Arrays.asList(ADA_KEY, "Ada Lovelace", "Sales North", "Sales", "Account Executive", "EMEA", GRACE_KEY,
                        "full", 150.0, LocalDate.of(2025, 9, 1), null, "wave-1",
                        "9ffcf0c10c7452b98575c1133492898f33bc42559adacde40fc17ae3db8a11c5", null),
                Arrays.asList(GRACE_KEY, "Grace Hopper", "Sales North", "Sales", "Sales Manager", "EMEA", null,
                        "full", 150.5, LocalDate.of(2025, 9, 1), null, "wave-1",
                        "e5df171f11adaeb02fe906569fd6417dfca6483d652daca8cd6f0968084b0758", null));
        assertThat(result.rejections()).extracting(Rejection::line, Rejection::reason).containsExactly(
                tuple(4L, "Unknown license_type 'premium': expected one of [full, integration, platform, read_only] "
                        + "in users.csv line 4"));
    }

    @Test
    void badValuesAreRejectedWithTheirLineAndBlankLinesCount() throws Exception {
        ReferenceParser.Result result = parser.parse(users, write(dir.resolve("users.csv"), """
                user_id,display_name,email,team,department,role,region,manager_id,license_type,license_monthly_cost,activated_at,deactivated_at,wave
                005Aa00000BcDeF,Ada Lovelace,ada.lovelace@example.com,Sales North,Sales,AE,EMEA,,full,150,2025-09-01,,wave-1

                005Kq00000mNoPr,Grace Hopper,grace.hopper@example.com,Sales North,Sales,SM,EMEA,,full,a lot,2025-09-01,,wave-1
                005Zz00000QqQqQ,Alan Turing,alan.turing@example.com,Service,Support,Agent,EMEA,,full,99,01.09.2025,,wave-2
                005Yy00000RrRrR,,,Service,Support,Agent,EMEA,,full,99,2025-09-01,,wave-2
                005Xx00000SsSsS,Edsger Dijkstra
                """), "users.csv");

        // Line 3 is blank: 5 read = 1 row + 4 rejections.
        assertThat(result.read()).isEqualTo(5);
        assertThat(result.rows()).extracting(r -> r[0]).containsExactly(ADA_KEY);
        assertThat(result.rejections()).extracting(Rejection::line, Rejection::reason).containsExactly(
                tuple(4L, "Cannot parse license_monthly_cost 'a lot': expected a number in users.csv line 4"),
                tuple(5L, "Cannot parse activated_at '01.09.2025': expected yyyy-MM-dd in users.csv line 5"),
                tuple(6L, "Missing display_name in users.csv line 6"),
                tuple(7L, "Row has 2 fields but the header has 13 in users.csv line 7"));
    }

    @Test
    void aFileWithoutARequiredColumnIsRefusedWhole() {
        Path file = write(dir.resolve("users.csv"), """
                user_id,display_name,team,activated_at
                005Aa00000BcDeF,Ada Lovelace,Sales North,2025-09-01
                """);

        assertThatThrownBy(() -> parser.parse(users, file, "users.csv"))
                .isInstanceOf(ReferenceParser.InvalidFile.class)
                .hasMessage("users.csv has no column 'license_type' (header: user_id,display_name,team,activated_at)");
    }

    @Test
    void aColumnWithoutANameIsIgnoredAndAColumnNamedTwiceRefusesTheFile() throws Exception {
        ReferenceTable costs = ReferenceTable.forFileName("costs.csv").orElseThrow();
        // A spreadsheet's export with a trailing comma on every line: the unnamed column is read and ignored.
        ReferenceParser.Result result = parser.parse(costs, write(dir.resolve("costs.csv"), """
                month,category,amount,currency,
                2025-09,license,1200.5,EUR,
                """), "costs.csv");
        assertThat(result.read()).isEqualTo(1);
        assertThat(result.rejections()).isEmpty();
        assertThat(result.rows()).hasSize(1);

        Path twice = write(dir.resolve("twice.csv"), """
                month,category,amount,month
                2025-09,license,1200.5,2025-10
                """);
        assertThatThrownBy(() -> parser.parse(costs, twice, "twice.csv"))
                .isInstanceOf(ReferenceParser.InvalidFile.class)
                .hasMessage("twice.csv names the column 'month' twice (header: month,category,amount,month)");
    }

    private static final String USERS_HEADER = "user_id,display_name,email,team,department,role,region,manager_id,"
            + "license_type,license_monthly_cost,activated_at,deactivated_at,wave\n";

    @Test
    void aUserIdListedTwiceRefusesTheFileNamingEachIdAndItsLines() {
        // Ada three times, Grace twice (in the 18- and the 15-character form of her id), Alan once.
        Path file = write(dir.resolve("users.csv"), USERS_HEADER + """
                005Aa00000BcDeF,Ada Lovelace,,Sales North,Sales,AE,EMEA,,full,150,2025-09-01,,wave-1
                005Kq00000mNoPrIAK,Grace Hopper,,Sales North,Sales,SM,EMEA,,full,150,2025-09-01,,wave-1
                005Aa00000BcDeF,Ada Lovelace,,Sales South,Sales,AE,EMEA,,full,150,2025-09-01,,wave-2
                005Zz00000QqQqQ,Alan Turing,,Service,Support,Agent,EMEA,,full,99,2025-09-01,,wave-2
                005Kq00000mNoPr,Grace Hopper,,Sales South,Sales,SM,EMEA,,premium,150,2025-09-01,,wave-2
                005Aa00000BcDeF,Ada Lovelace,,Service,Support,AE,EMEA,,full,150,2025-09-01,,wave-2
                """);

        assertThatThrownBy(() -> parser.parse(users, file, "users.csv"))
                .isInstanceOf(ReferenceParser.InvalidFile.class)
                .hasMessage("user_id 005Aa00000BcDeF appears on lines 2, 4 and 7 of users.csv;"
                        + " user_id 005Kq00000mNoPrIAK appears on lines 3 and 6 of users.csv: each person must be listed once");
    }

    @Test
    void aValueOverAThousandCharactersRefusesItsLineNamingTheFieldAndItsLength() throws Exception {
        ReferenceParser.Result result = parser.parse(users, write(dir.resolve("users.csv"), USERS_HEADER
                + "005Aa00000BcDeF," + "A".repeat(1000) + ",,Sales North,Sales,AE,EMEA,,full,150,2025-09-01,,wave-1\n"
                + "005Kq00000mNoPr," + "G".repeat(1001) + ",,Sales North,Sales,SM,EMEA,,full,150,2025-09-01,,wave-1\n"),
                "users.csv");

        assertThat(result.rows()).extracting(r -> r[0]).containsExactly(ADA_KEY);
        assertThat(result.rejections()).extracting(Rejection::line, Rejection::reason, Rejection::userKey).containsExactly(
                tuple(3L, "display_name is 1001 characters long, over the limit of 1000 in users.csv line 3", GRACE_KEY));
    }

    @Test
    void aDateNoWarehouseDateCanHoldRefusesItsLineWithTheValue() throws Exception {
        ReferenceParser.Result result = parser.parse(users, write(dir.resolve("users.csv"), USERS_HEADER + """
                005Aa00000BcDeF,Ada Lovelace,,Sales North,Sales,AE,EMEA,,full,150,0001-01-01,9999-12-31,wave-1
                005Kq00000mNoPr,Grace Hopper,,Sales North,Sales,SM,EMEA,,full,150,+10000-01-01,,wave-1
                005Zz00000QqQqQ,Alan Turing,,Service,Support,Agent,EMEA,,full,99,2025-09-01,0000-12-31,wave-2
                """), "users.csv");

        assertThat(result.rows()).extracting(r -> r[0], r -> r[9], r -> r[10]).containsExactly(
                tuple(ADA_KEY, LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31)));
        assertThat(result.rejections()).extracting(Rejection::line, Rejection::reason).containsExactly(
                tuple(3L, "activated_at +10000-01-01 is outside the dates the warehouse can store (0001-01-01 to 9999-12-31)"
                        + " in users.csv line 3"),
                tuple(4L, "deactivated_at 0000-12-31 is outside the dates the warehouse can store (0001-01-01 to 9999-12-31)"
                        + " in users.csv line 4"));
    }

    @Test
    void aTimestampNoParquetTimestampCanHoldRefusesItsLineAndTheYear9999IsKept() throws Exception {
        ReferenceTable records = ReferenceTable.forFileName("records.csv").orElseThrow();
        ReferenceParser.Result result = parser.parse(records, write(dir.resolve("records.csv"), """
                object_type,record_id,owner_id,created_at,last_modified_at,required_fields_total,required_fields_filled,dedupe_key,is_closed,is_won,amount,close_date,source_system
                Opportunity,006Aa00000XyZwQ,005Aa00000BcDeF,2025-09-01T10:00:00Z,9999-12-31T23:59:59Z,10,8,,false,false,5000,2025-12-31,salesforce
                Opportunity,006Aa00000XyZwR,005Aa00000BcDeF,+300000-01-01T00:00:00Z,2025-09-02T10:00:00Z,10,8,,false,false,5000,2025-12-31,salesforce
                """), "records.csv");

        assertThat(result.rows()).extracting(r -> r[4]).containsExactly(Instant.parse("9999-12-31T23:59:59Z"));
        assertThat(result.rejections()).extracting(Rejection::line, Rejection::reason).containsExactly(
                tuple(3L, "created_at +300000-01-01T00:00:00Z is outside the dates the warehouse can store"
                        + " (0001-01-01 to 9999-12-31) in records.csv line 3"));
    }
}
