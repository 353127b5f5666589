package io.uptake.jobs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.uptake.ingest.Ingest;
import io.uptake.ingest.privacy.Pseudonymizer;
import io.uptake.sampledata.SamplePatterns;
import io.uptake.warehouse.Columns;
import io.uptake.warehouse.Marts;
import io.uptake.warehouse.Tables;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample's sources end to end: every event reaches the warehouse with who acted in it as the
 * independent {@link RawInputOracle} decides from the raw files; what programs and the platform do under
 * a person's id never makes them active; the people of the HubSpot, Dynamics 365 and Setup exports,
 * named by e-mail, username or HubSpot id, join their users, and the outsiders are reported unmatched.
 */
class SourcesEndToEndTest {

    private static final List<String> PEOPLE_SOURCES =
            List.of("hubspot", "dynamics365", "salesforce-loginhistory", "salesforce-setupaudittrail");

    static SampleWarehouse sample;
    static SparkSession spark;
    static RawInputOracle oracle;
    static Pseudonymizer keys;
    static Dataset<Row> events;

    @BeforeAll
    static void useTheSampleWarehouse() throws IOException {
        sample = SampleWarehouse.get();
        spark = sample.spark();
        oracle = sample.oracle();
        keys = Pseudonymizer.loadOrCreate(sample.layout().keyFile());
        events = spark.read().parquet(sample.layout().table(Tables.EVENTS).toString());
    }

    @Test
    void everyEventIsInTheWarehouseWithWhoActedInItAsTheRawFilesSay() {
        Map<String, Long> byClient = counts(events, Columns.CLIENT);
        assertThat(byClient).isEqualTo(oracle.eventsByClient()).isEqualTo(sample.generated().eventsByClient());
        assertThat(byClient.keySet()).containsExactlyInAnyOrder("web", "mobile", "api", "automation");
        assertThat(counts(events, Columns.SOURCE)).isEqualTo(oracle.eventsBySource());
        assertThat(oracle.events()).isEqualTo(sample.generated().allEvents());
    }

    @Test
    void daysWithOnlyAutomationOrApiEventsAreNoActiveDays() {
        LocalDate asOf = sample.result().asOf();
        Map<String, Row> activity = new HashMap<>();
        for (Row row : spark.read().parquet(sample.layout().mart(Marts.USER_ACTIVITY).toString()).collectAsList()) {
            activity.put(row.getAs(Columns.USER_KEY), row);
        }
        assertThat(activity).hasSize(oracle.humanIds().size());
        for (String id : oracle.humanIds()) {
            Row row = activity.get(keys.userKey(id));
            TreeSet<LocalDate> days = oracle.activeDaysOf(id, asOf);
            String who = row.getAs(Columns.DISPLAY_NAME) + " (" + id + ")";
            assertThat(date(row, Marts.FIRST_ACTIVE_AT)).as("first active day of " + who).isEqualTo(days.isEmpty() ? null : days.first());
            assertThat(date(row, Marts.LAST_ACTIVE_AT)).as("last active day of " + who).isEqualTo(days.isEmpty() ? null : days.last());
            assertThat(row.<Long>getAs(Marts.ACTIVE_DAYS_28D)).as("active days in 28 of " + who)
                    .isEqualTo(days.tailSet(asOf.minusDays(27)).size());
            assertThat(row.<String>getAs(Marts.USER_STATUS)).as("status of " + who).isEqualTo(oracle.status(id, asOf));
        }
        // Every manager's dashboard refreshes every day from go-live, worked or not: on their days off the
        // refresh is all there is under their id, and they are not active on those days.
        List<String> managers = oracle.humanIds().stream().filter(id -> oracle.human(id).manager()).toList();
        assertThat(managers).hasSize(8);
        for (String id : managers) {
            assertThat(oracle.machineOnlyDaysOf(id)).as("days with only automation under manager " + id).hasSizeGreaterThan(10);
        }

        // The scheduled-reports team's weekly report keeps running under the ids of those who stopped
        // working: each of them had it in the last week, and is dormant all the same.
        long dormant = 0;
        for (String id : oracle.humanIds()) {
            if (oracle.human(id).team().equals(SamplePatterns.SCHEDULED_REPORTS_TEAM)
                    && oracle.status(id, asOf).equals(Marts.STATUS_DORMANT)) {
                dormant++;
                assertThat(oracle.machineDaysOf(id).last()).as(id).isAfter(asOf.minusDays(7));
                assertThat(oracle.activeDaysOf(id, asOf).last()).as(id).isBefore(asOf.minusDays(27));
            }
        }
        assertThat(dormant).isGreaterThan(10);
    }

    @Test
    void thePeopleOfTheOtherProductsJoinTheirUsersByEmailUsernameOrHubSpotId() {
        Set<String> userKeys = new HashSet<>();
        spark.read().parquet(sample.layout().table(Tables.USERS).toString()).select(Columns.USER_KEY).collectAsList()
                .forEach(r -> userKeys.add(r.getString(0)));
        for (String source : PEOPLE_SOURCES) {
            Map<String, Long> expected = new HashMap<>();
            Set<String> matched = new HashSet<>();
            oracle.eventsByPerson(source).forEach((person, count) -> {
                expected.merge(key(person), count, Long::sum);
                if (person.kind().equals("user")) {
                    matched.add(key(person));
                }
            });
            Map<String, Long> byUser = counts(events.filter(events.col(Columns.SOURCE).equalTo(source)), Columns.USER_KEY);
            assertThat(byUser).as(source).isEqualTo(expected);
            assertThat(matched).as("people of users in " + source).hasSizeGreaterThan(0);
            assertThat(userKeys).as("users.user_key").containsAll(matched);
            Set<String> others = new HashSet<>(byUser.keySet());
            others.removeAll(matched);
            assertThat(others).as("keys of people not in users, in " + source).doesNotContainAnyElementsOf(userKeys);
        }
        // Each export has a person users.csv does not list; the Automated Process is no person to match.
        Set<RawInputOracle.Person> unmatched = new HashSet<>();
        sample.reports().forEach(r -> unmatched.addAll(oracle.unmatchedPeople(Path.of(r.input()))));
        assertThat(unmatched).containsExactlyInAnyOrder(RawInputOracle.Person.email(SamplePatterns.HUBSPOT_OUTSIDER_EMAIL),
                RawInputOracle.Person.email(SamplePatterns.DYNAMICS_OUTSIDER_EMAIL));
    }

    @Test
    void eachInputReportsThePeopleItNamesWhomUsersDoesNotKnow() {
        long inputsNamingOutsiders = 0;
        for (Ingest.InputReport report : sample.reports()) {
            int expected = oracle.unmatchedPeople(Path.of(report.input())).size();
            assertThat(report.unmatchedPeople()).as(report.input()).isEqualTo(expected);
            inputsNamingOutsiders += expected;
        }
        // The HubSpot login and audit-log pages and the Dynamics 365 files of each of the three months.
        assertThat(inputsNamingOutsiders).isEqualTo(9);
    }

    private static String key(RawInputOracle.Person person) {
        return switch (person.kind()) {
            case "user" -> keys.userKey(person.value());
            case "email" -> keys.emailKey(person.value());
            case "external" -> keys.externalKey(person.system(), person.value());
            default -> throw new IllegalArgumentException("no key for " + person);
        };
    }

    private static LocalDate date(Row row, String column) {
        java.sql.Date value = row.getAs(column);
        return value == null ? null : value.toLocalDate();
    }

    private static Map<String, Long> counts(Dataset<Row> rows, String column) {
        Map<String, Long> counts = new HashMap<>();
        for (Row row : rows.groupBy(column).count().collectAsList()) {
            counts.put(row.getString(0), row.getLong(1));
        }
        return counts;
    }
}
