package io.uptake.ingest;

import io.uptake.ingest.privacy.Pseudonymizer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.zip.GZIPOutputStream;

/** The fixed key, clock and users the ingest tests share. */
public final class TestFixtures {

    /** 32 ASCII bytes: the HMAC key of every test. */
    public static final String KEY_TEXT = "uptake-test-key-0123456789abcdef";
    public static final Instant NOW = Instant.parse("2025-10-03T06:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** Ada: a Salesforce user in both forms (checksum: "005Aa" A@3 -> I, "00000" -> A, "BcDeF" B,D,F -> V). */
    public static final String ADA_15 = "005Aa00000BcDeF";
    public static final String ADA_18 = "005Aa00000BcDeFIAV";
    /** printf '005Aa00000BcDeFIAV' | openssl dgst -sha256 -hmac uptake-test-key-0123456789abcdef */
    public static final String ADA_KEY = "c37571f10b58b1417967834a3da5ebaab163e1efc2b90d9edb237eb4629c097b";

    /** Grace ("005Kq" K@3 -> I, "00000" -> A, "mNoPr" N@1,P@3 -> 2+8=10 -> K). */
    public static final String GRACE_15 = "005Kq00000mNoPr";
    public static final String GRACE_18 = "005Kq00000mNoPrIAK";
    /** printf '005Kq00000mNoPrIAK' | openssl dgst -sha256 -hmac uptake-test-key-0123456789abcdef */
    public static final String GRACE_KEY = "0716436dd60305654d1b507a20aa3c7901778cf11f7f059f7ee473852cbf9bc5";

    /** printf 'u-1042' | openssl dgst -sha256 -hmac uptake-test-key-0123456789abcdef */
    public static final String U1042_KEY = "e0783110158014686cc330f1a0bd34dc14018bfc1fd0bcc86fbbf1a72c871062";
    /** printf 'sess-77' | openssl dgst -sha256 -hmac uptake-test-key-0123456789abcdef */
    public static final String SESS77_KEY = "797afa27611b85386526a5dedb83657c5f4d93653a4e5f8a9614c57430a6bf9c";

    /**
     * Login ELF: 6 rows read = 2 events (Ada 2025-10-01, Grace 2025-10-02) + 4 quarantined (line 4 header
     * repeated, line 5 three fields of twelve, line 6 no user id, line 7 month 13).
     */
    public static final String LOGIN_CSV = """
            "EVENT_TYPE","TIMESTAMP","REQUEST_ID","ORGANIZATION_ID","USER_ID","LOGIN_TYPE","LOGIN_STATUS","USER_NAME","SOURCE_IP","TIMESTAMP_DERIVED","USER_ID_DERIVED","CLIENT_IP"
            "Login","20251001080000.000","4L1","00D5e000000AbCd","005Aa00000BcDeF","Application","LOGIN_NO_ERROR","ada.lovelace@example.com","10.1.2.3","2025-10-01T08:00:00.000Z","005Aa00000BcDeFIAV","10.1.2.3"
            "Login","20251002073000.000","4L2","00D5e000000AbCd","005Kq00000mNoPr","Application","LOGIN_ERROR_INVALID_PASSWORD","grace.hopper@example.com","192.168.7.21","2025-10-02T07:30:00.000Z","005Kq00000mNoPrIAK","192.168.7.21"
            "EVENT_TYPE","TIMESTAMP","REQUEST_ID","ORGANIZATION_ID","USER_ID","LOGIN_TYPE","LOGIN_STATUS","USER_NAME","SOURCE_IP","TIMESTAMP_DERIVED","USER_ID_DERIVED","CLIENT_IP"
            "Login","20251001081000.000","4L5"
            "Login","20251001082000.000","4L6","00D5e000000AbCd","","Application","LOGIN_NO_ERROR","","10.9.9.9","2025-10-01T08:20:00.000Z","","10.9.9.9"
            "Login","20251301090000.000","4L7","00D5e000000AbCd","005Aa00000BcDeF","Application","LOGIN_NO_ERROR","ada.lovelace@example.com","10.1.2.3","","005Aa00000BcDeFIAV","10.1.2.3"
            """;

    /**
     * LightningPageView ELF: 3 rows read = 2 events (Ada views an Opportunity, Grace views Ada's user
     * record on her phone) + 1 duplicate (line 4 repeats line 2).
     */
    public static final String PAGE_VIEW_CSV = """
            "EVENT_TYPE","TIMESTAMP","REQUEST_ID","USER_ID","APP_NAME","DEVICE_PLATFORM","DURATION","PAGE_ENTITY_ID","PAGE_ENTITY_TYPE","PAGE_APP_NAME","TIMESTAMP_DERIVED","USER_ID_DERIVED","CLIENT_IP"
            "LightningPageView","20251001090000.000","4P1","005Aa00000BcDeF","one:one","SFX:BROWSER:DESKTOP","1250","006Aa00000XyZwQIAV","Opportunity","LightningSales","2025-10-01T09:00:00.000Z","005Aa00000BcDeFIAV","10.1.2.3"
            "LightningPageView","20251001090500.000","4P2","005Kq00000mNoPr","one:one","S1:NATIVE:PHONE","600","005Aa00000BcDeFIAV","User","LightningSales","2025-10-01T09:05:00.000Z","005Kq00000mNoPrIAK","192.168.7.21"
            "LightningPageView","20251001090000.000","4P1","005Aa00000BcDeF","one:one","SFX:BROWSER:DESKTOP","1250","006Aa00000XyZwQIAV","Opportunity","LightningSales","2025-10-01T09:00:00.000Z","005Aa00000BcDeFIAV","10.1.2.3"
            """;

    /** JSON lines: 3 read = 1 event (Grace, 2025-10-02T08:00Z) + 1 duplicate (line 3) + 1 quarantined (line 2, no user_id). */
    public static final String EVENTS_JSONL = """
            {"event_id":"j-1","occurred_at":"2025-10-02T10:00:00+02:00","user_id":"005Kq00000mNoPr","session_id":"sess-77","event_type":"report_run","module":"analytics"}
            {"event_id":"j-2","occurred_at":"2025-10-02T09:00:00Z","event_type":"login"}
            {"event_id":"j-1","occurred_at":"2025-10-02T10:00:00+02:00","user_id":"005Kq00000mNoPr","session_id":"sess-77","event_type":"report_run","module":"analytics"}
            """;

    /** users.csv: Ada in the 15-, Grace in the 18-character form; line 4 has an unknown license type. */
    public static final String USERS_CSV = """
            user_id,display_name,email,team,department,role,region,manager_id,license_type,license_monthly_cost,activated_at,deactivated_at,wave
            005Aa00000BcDeF,Ada Lovelace,ada.lovelace@example.com,Sales North,Sales,Account Executive,EMEA,005Kq00000mNoPrIAK,full,150,2025-09-01,,wave-1
            005Kq00000mNoPrIAK,Grace Hopper,grace.hopper@example.com,Sales North,Sales,Sales Manager,EMEA,,full,150.5,2025-09-01,,wave-1
            005Zz00000QqQqQ,Alan Turing,alan.turing@example.com,Service,Support,Agent,EMEA,,premium,99,2025-09-01,,wave-2
            """;

    private TestFixtures() {}

    public static Pseudonymizer pseudonymizer() {
        return Pseudonymizer.withKey(KEY_TEXT.getBytes(StandardCharsets.US_ASCII));
    }

    /** Writes a fixture file gzipped (creating its directory) and returns its path. */
    public static Path writeGzipped(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a fixture file (creating its directory) and returns its path. */
    public static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
