package io.uptake.ingest.source.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.uptake.ingest.CollectingSink;
import io.uptake.ingest.Event;
import io.uptake.ingest.TestFixtures;
import io.uptake.ingest.source.Damage;
import io.uptake.ingest.source.ModuleMapping;
import io.uptake.ingest.source.SourceContext;
import io.uptake.ingest.source.SourceContract;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Whatever a HubSpot file holds, the source returns, and every record it read became exactly one event
 * or one rejection naming the file and a line the file has: random bytes, and the documented pages and
 * exports damaged the ways files get damaged. No event ever carries a raw user id, e-mail or IP.
 */
class HubSpotSourceProperties {

    private static final String INPUT = "fuzz.json";

    private static final List<String> FILES = List.of(HubSpotSourceTest.LOGIN_PAGE, HubSpotSourceTest.AUDIT_PAGE,
            HubSpotSourceTest.SECURITY_PAGE, HubSpotSourceTest.LOGIN_PAGE + HubSpotSourceTest.SECURITY_PAGE,
            HubSpotSourceTest.LOGIN_CSV, HubSpotSourceTest.AUDIT_CSV, HubSpotSourceTest.SECURITY_CSV);

    /** The damage any text suffers, a stray quote, and a value HubSpot writes swapped for another kind: a flag, a number, a date, a person. */
    private static final List<Damage> DAMAGE = Damage.concat(Damage.toText(Damage.JSON_TROUBLE),
            Damage.of("SWAP_A_VALUE", (text, random) -> {
                String[] from = {"true", "876", "2025-02-07", "UPDATE", "person3@testdomain.com", "ADD_USER", "false"};
                String[] to = {"\"yes\"", "-1", "1999-12-31", "", "Person Three", "{}", "null"};
                int i = random.nextInt(from.length);
                return text.replaceFirst(Pattern.quote(from[i]), to[random.nextInt(to.length)]);
            }),
            Damage.strayQuote());

    /** Reasons never quote an address or the fixtures' IP addresses. */
    private final SourceContract contract = SourceContract.of(new HubSpotSource(
            new SourceContext(TestFixtures.pseudonymizer(), ModuleMapping.defaults(), HubSpotSourceTest.people())), INPUT)
            .withholding("@", "45.56.");

    @Property(tries = 300)
    void randomBytesNeverEscapeAndEveryRecordReadIsOneEventOrOneRejection(@ForAll @Size(max = 3000) byte[] bytes)
            throws IOException {
        contract.parse(bytes);
    }

    @Property(tries = 600)
    void damagedPagesAndExportsNeverEscapeAndEveryRecordReadIsOneEventOrOneRejection(
            @ForAll("files") String file, @ForAll("damage") List<Damage> damage, @ForAll Random random) throws IOException {
        CollectingSink sink = contract.parse(Damage.applyAll(damage, file, random));

        for (Event event : sink.events) {
            assertThat(List.of(event.eventId(), event.userKey(), String.valueOf(event.recordId()), event.sourceEventType()))
                    .noneMatch(value -> value.contains("@") || value.contains("45.56.") || value.equals("876")
                            || value.equals("5521") || value.equals("7654"));
        }
    }

    @Provide
    Arbitrary<String> files() {
        return Arbitraries.of(FILES);
    }

    @Provide
    Arbitrary<List<Damage>> damage() {
        return Damage.lists(DAMAGE, 1, 6);
    }
}
