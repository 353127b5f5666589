package io.uptake.sampledata;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The snapshot of CRM records (records.csv), and for each user the records they work on. */
final class CrmRecords {

    record CrmRecord(String objectType, String recordId, String ownerId, Instant createdAt, Instant lastModifiedAt,
                     int requiredTotal, int requiredFilled, String dedupeKey, boolean closed, boolean won,
                     Double amount, LocalDate closeDate, String sourceSystem) {}

    record Ref(String objectType, String recordId) {}

    static final String[][] KEY_PREFIXES = {
        {"Account", "001"}, {"Contact", "003"}, {"Opportunity", "006"}, {"Lead", "00Q"}, {"Case", "500"},
        {"Campaign", "701"}};

    final List<CrmRecord> records;
    /** Per user index, the records they own, to point their page views and edits at. */
    final List<List<Ref>> owned;

    private CrmRecords(List<CrmRecord> records, List<List<Ref>> owned) {
        this.records = List.copyOf(records);
        this.owned = owned;
    }

    static String prefix(String objectType) {
        for (String[] pair : KEY_PREFIXES) {
            if (pair[0].equals(objectType)) {
                return pair[1];
            }
        }
        throw new IllegalArgumentException("no key prefix for " + objectType);
    }

    static CrmRecords create(Organisation org, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5EC0D5L);
        List<CrmRecord> records = new ArrayList<>();
        List<List<Ref>> owned = new ArrayList<>();
        Map<String, List<String>> dedupeKeys = new HashMap<>();
        Instant windowStart = org.firstDay.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = org.lastDay.atStartOfDay(ZoneOffset.UTC).toInstant();
        long windowSeconds = end.getEpochSecond() - windowStart.getEpochSecond();
        for (Organisation.User user : org.users) {
            List<Ref> mine = new ArrayList<>();
            owned.add(mine);
            if (!user.human()) {
                continue;
            }
            for (String[] mix : recordMix(user.team().module())) {
                int count = Integer.parseInt(mix[1]);
                for (int i = 0; i < count; i++) {
                    String objectType = mix[0];
                    String id = Organisation.withChecksum(prefix(objectType) + "5g" + Organisation.base62(records.size(), 6)
                            + Organisation.base62(random.nextInt(62 * 62 * 62 * 62), 4));
                    Instant created = windowStart.minusSeconds((long) random.nextInt(400) * 86_400)
                            .plusSeconds(random.nextLong(Math.max(windowSeconds, 1)));
                    boolean stale = user.team().behaviour() == Organisation.Behaviour.STALE && random.nextInt(100) < 60;
                    Instant modified;
                    if (stale) {
                        modified = end.minusSeconds((95L + random.nextInt(200)) * 86_400);
                    } else {
                        modified = end.minusSeconds((long) random.nextInt(40) * 86_400 + random.nextInt(86_400));
                    }
                    if (modified.isBefore(created)) {
                        created = modified.minusSeconds(86_400L * (1 + random.nextInt(30)));
                    }
                    boolean legacy = user.team().behaviour() == Organisation.Behaviour.STALE
                            && !objectType.equals("Case") && random.nextInt(100) < 45;
                    String source = legacy ? SamplePatterns.DUPLICATE_SOURCE
                            : objectType.equals("Lead") && random.nextInt(100) < 40 ? "web-form" : "crm-ui";
                    String dedupeKey;
                    // The legacy import re-creates records of the same type that already exist: a shared key.
                    List<String> keysOfType = dedupeKeys.computeIfAbsent(objectType, t -> new ArrayList<>());
                    if (legacy && !keysOfType.isEmpty() && random.nextInt(100) < 40) {
                        dedupeKey = keysOfType.get(random.nextInt(keysOfType.size()));
                    } else {
                        dedupeKey = objectType.toLowerCase() + "-" + Organisation.base62(records.size(), 7);
                    }
                    keysOfType.add(dedupeKey);
                    int total = switch (objectType) {
                        case "Opportunity" -> 8;
                        case "Case" -> 7;
                        case "Lead" -> 5;
                        default -> 6;
                    };
                    int missing = legacy ? 1 + random.nextInt(3)
                            : user.team().behaviour() == Organisation.Behaviour.STRUGGLING && random.nextInt(3) == 0 ? 1
                            : random.nextInt(10) == 0 ? 1 : 0;
                    boolean closed = false;
                    boolean won = false;
                    Double amount = null;
                    LocalDate closeDate = null;
                    switch (objectType) {
                        case "Opportunity" -> {
                            closed = random.nextInt(100) < 55;
                            won = closed && random.nextInt(100) < 60;
                            amount = 5_000.0 + 500.0 * random.nextInt(150);
                            closeDate = closed
                                    ? org.firstDay.plusDays(random.nextInt(org.days()))
                                    : org.lastDay.plusDays(random.nextInt(120) - 30);
                        }
                        case "Case" -> closed = random.nextInt(100) < 65;
                        case "Lead" -> closed = random.nextInt(100) < 40;
                        default -> { }
                    }
                    records.add(new CrmRecord(objectType, id, user.id18(), created, modified, total,
                            total - missing, dedupeKey, closed, won, amount, closeDate, source));
                    mine.add(new Ref(objectType, id));
                }
            }
        }
        return new CrmRecords(records, owned);
    }

    private static String[][] recordMix(String module) {
        return switch (module) {
            case "sales" -> new String[][] {{"Account", "4"}, {"Contact", "6"}, {"Opportunity", "8"}, {"Lead", "5"}};
            case "service" -> new String[][] {{"Account", "3"}, {"Contact", "5"}, {"Case", "12"}};
            case "marketing" -> new String[][] {{"Campaign", "3"}, {"Lead", "10"}, {"Contact", "3"}};
            default -> new String[][] {{"Account", "2"}};
        };
    }
}
