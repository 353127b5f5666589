package io.uptake.sampledata;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The people of the sample organisation: teams, waves, users and how each of them behaves. */
final class Organisation {

    enum Behaviour { STRONG, NORMAL, DECAYING, STRUGGLING, STALE }

    record Team(String name, String department, String module, String wave, int weight, Behaviour behaviour,
                String region) {}

    record Wave(String name, LocalDate goLive, String description) {}

    /**
     * A user as users.csv lists them, plus the simulation's plan for them: the day index (0 = first
     * day of the window) they start using the CRM, the day they stop, and how often they are active.
     */
    record User(int index, String id18, String listedId, String displayName, String email, Team team, String role,
                boolean manager, String managerId, String licenseType, double licenseMonthlyCost,
                LocalDate activatedAt, LocalDate deactivatedAt, int firstActiveDay, int lastActiveDay,
                double weekdayActivity, boolean mobile, String hubspotId) {
        boolean human() {
            return !licenseType.equals("integration");
        }

        /** Holds a licence on the day: activated on or before it, not deactivated on or before it. */
        boolean licensedOn(LocalDate day) {
            return !activatedAt.isAfter(day) && (deactivatedAt == null || deactivatedAt.isAfter(day));
        }

        /** users.csv's external_ids: the person's ids in other systems. */
        String externalIds() {
            return hubspotId == null ? "" : "hubspot:" + hubspotId;
        }

        String id15() {
            return id18.substring(0, 15);
        }
    }

    static final String ORGANIZATION_ID = "00D5g000004XyZq";
    /**
     * Salesforce's own users, in no users.csv: the Automated Process user that scheduled flows and
     * platform jobs run as, and the guest user of the help site.
     */
    static final String AUTOMATED_PROCESS_ID = withChecksum("0055gAutoPr0001");
    static final String SITE_GUEST_ID = withChecksum("0055gSiteGu0001");

    private static final String[] FIRST = {"Anna", "Ben", "Chloe", "David", "Emma", "Felix", "Grace", "Hugo",
        "Isla", "Jonas", "Kira", "Liam", "Maya", "Noah", "Olivia", "Paul", "Quinn", "Rosa", "Sam", "Tara",
        "José", "Zoë", "Björn", "Amélie", "Søren", "Lucía", "Wei", "Mei", "Hiroshi", "Priya"};
    private static final String[] LAST = {"Meyer", "Schmidt", "Dubois", "Rossi", "García", "Novak", "Jensen",
        "Smith", "Taylor", "Brown", "Wilson", "Kowalski", "Andersson", "Fischer", "Moreau", "Silva", "Khan",
        "Okafor", "Nguyen", "Müller"};
    private static final String[] CHINESE = {"王芳", "李娜", "张伟", "刘洋", "陈静", "杨磊"};

    final Size size;
    final LocalDate firstDay;
    final LocalDate lastDay;
    final List<Team> teams;
    final List<Wave> waves;
    final List<User> users;

    private Organisation(Size size, LocalDate firstDay, List<Team> teams, List<Wave> waves, List<User> users) {
        this.size = size;
        this.firstDay = firstDay;
        this.lastDay = SamplePatterns.LAST_DAY;
        this.teams = List.copyOf(teams);
        this.waves = List.copyOf(waves);
        this.users = List.copyOf(users);
    }

    int days() {
        return size.days;
    }

    LocalDate day(int index) {
        return firstDay.plusDays(index);
    }

    Wave wave(String name) {
        return waves.stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
    }

    /** The index of a date in the window (0 = the first day). */
    int dayIndex(LocalDate date) {
        return (int) (date.toEpochDay() - firstDay.toEpochDay());
    }

    /** The manager of a team. */
    User manager(String team) {
        return users.stream().filter(u -> u.manager() && u.team().name().equals(team)).findFirst().orElseThrow();
    }

    static Organisation create(Size size, long seed) {
        LocalDate firstDay = SamplePatterns.LAST_DAY.minusDays(size.days - 1L);
        int days = size.days;
        List<Wave> waves = List.of(
                new Wave("wave-1", firstDay.plusDays(3), "Pilot: Sales East, Customer Success, Marketing"),
                new Wave("wave-2", firstDay.plusDays(Math.round(days * 0.27)), "Sales West, Service Desk, Operations"),
                new Wave(SamplePatterns.LAGGING_WAVE, firstDay.plusDays(Math.round(days * 0.5)),
                        "Inside Sales, Field Service"));
        List<Team> teams = List.of(
                new Team(SamplePatterns.STRONG_TEAM, "Sales", "sales", "wave-1", 15, Behaviour.STRONG, "EMEA"),
                new Team(SamplePatterns.DECAYING_TEAM, "Sales", "sales", "wave-2", 13, Behaviour.DECAYING, "AMER"),
                new Team("Inside Sales", "Sales", "sales", SamplePatterns.LAGGING_WAVE, 12, Behaviour.NORMAL, "AMER"),
                new Team(SamplePatterns.STRUGGLING_TEAM, "Service", "service", "wave-2", 15, Behaviour.STRUGGLING, "APAC"),
                new Team(SamplePatterns.STALE_TEAM, "Service", "service", SamplePatterns.LAGGING_WAVE, 12, Behaviour.STALE, "EMEA"),
                new Team("Customer Success", "Service", "service", "wave-1", 11, Behaviour.NORMAL, "APAC"),
                new Team("Marketing", "Marketing", "marketing", "wave-1", 11, Behaviour.NORMAL, "EMEA"),
                new Team("Operations", "Operations", "analytics", "wave-2", 11, Behaviour.NORMAL, "AMER"));

        SplittableRandom random = new SplittableRandom(seed);
        List<User> users = new ArrayList<>();
        int humans = size.users - 2;
        int totalWeight = teams.stream().mapToInt(Team::weight).sum();
        int assigned = 0;
        for (int t = 0; t < teams.size(); t++) {
            Team team = teams.get(t);
            int count = t == teams.size() - 1 ? humans - assigned : Math.round((float) humans * team.weight() / totalWeight);
            assigned += count;
            String managerId = null;
            for (int k = 0; k < count; k++) {
                User user = newUser(users.size(), team, k == 0, managerId, random, firstDay, days, waves);
                if (k == 0) {
                    managerId = user.listedId();
                }
                users.add(user);
            }
        }
        Team integration = new Team(SamplePatterns.INTEGRATION_TEAM, "IT", "admin", null, 0, Behaviour.NORMAL, "AMER");
        users.add(integrationUser(users.size(), SamplePatterns.HEAVY_API_USER, integration, firstDay, days));
        users.add(integrationUser(users.size(), "Integration Marketing Sync", integration, firstDay, days));
        return new Organisation(size, firstDay, teams, waves, users);
    }

    private static User newUser(int index, Team team, boolean manager, String managerId, SplittableRandom random,
                                LocalDate firstDay, int days, List<Wave> waves) {
        String id18 = userId(index, random);
        // Some exports list users with the 15-character id: both forms must join.
        String listedId = random.nextInt(5) == 0 ? id18.substring(0, 15) : id18;
        String displayName;
        String email;
        if (random.nextInt(12) == 0) {
            displayName = CHINESE[random.nextInt(CHINESE.length)];
            email = "user" + index + "@example.com";
        } else {
            String first = FIRST[random.nextInt(FIRST.length)];
            String last = LAST[random.nextInt(LAST.length)];
            displayName = first + " " + last;
            email = ascii(first) + "." + ascii(last) + index + "@example.com";
        }
        String role = manager ? "Manager" : switch (team.department()) {
            case "Sales" -> "Account Executive";
            case "Service" -> team.behaviour() == Behaviour.STALE ? "Field Technician" : "Support Agent";
            case "Marketing" -> "Marketing Specialist";
            default -> "Analyst";
        };
        int licenseRoll = random.nextInt(100);
        String licenseType = manager || licenseRoll < 85 ? "full" : licenseRoll < 93 ? "platform" : "read_only";
        double cost = switch (licenseType) {
            case "full" -> 150.0;
            case "platform" -> 25.0;
            default -> 10.0;
        };
        int activationRoll = random.nextInt(100);
        LocalDate activatedAt = activationRoll < 88 || manager
                ? firstDay.minusDays(30 + random.nextInt(400))
                : firstDay.plusDays(5 + random.nextInt((int) (days * 0.6)));
        LocalDate deactivatedAt = !manager && random.nextInt(100) < 4
                ? firstDay.plusDays(Math.max(activatedAt.toEpochDay() - firstDay.toEpochDay(), 0) + 10
                        + random.nextInt((int) (days * 0.5)))
                : null;
        if (deactivatedAt != null && !deactivatedAt.isBefore(SamplePatterns.LAST_DAY)) {
            deactivatedAt = null;
        }

        Wave wave = waves.stream().filter(w -> w.name().equals(team.wave())).findFirst().orElseThrow();
        int start = (int) Math.max(wave.goLive().toEpochDay(), activatedAt.toEpochDay()) - (int) firstDay.toEpochDay();
        boolean lagging = team.wave().equals(SamplePatterns.LAGGING_WAVE);
        // The lagging wave: most users take weeks to start after go-live; the others start within days.
        int ramp = lagging && random.nextInt(100) < 70 ? 20 + random.nextInt(Math.max(days / 3, 20)) : random.nextInt(7);
        int firstActive = start + ramp;
        int lastActive = deactivatedAt == null ? days - 1 : (int) (deactivatedAt.toEpochDay() - firstDay.toEpochDay()) - 1;
        if (team.behaviour() == Behaviour.DECAYING && !manager && random.nextInt(100) < 85) {
            // Use decays: they stop well over 28 days before the last day, so they end up dormant.
            lastActive = Math.min(lastActive, (int) (days * (0.42 + 0.15 * random.nextDouble())));
        }
        boolean neverActive = !manager && (random.nextInt(100) < 3 || (licenseType.equals("read_only") && random.nextBoolean()));
        if (neverActive) {
            firstActive = Integer.MAX_VALUE;
        }
        double weekday = switch (team.behaviour()) {
            case STRONG -> 0.9;
            case DECAYING -> 0.7;
            case STRUGGLING -> 0.55;
            case STALE -> 0.5;
            case NORMAL -> 0.65;
        };
        if (licenseType.equals("read_only")) {
            weekday *= 0.3;
        }
        boolean mobile = team.behaviour() == Behaviour.STALE ? random.nextInt(100) < 70 : random.nextInt(100) < 10;
        // The team that also works in HubSpot is known there by a numeric user id, listed in external_ids.
        String hubspotId = team.name().equals(SamplePatterns.HUBSPOT_TEAM) ? Integer.toString(40_000_000 + index * 7_919) : null;
        return new User(index, id18, listedId, displayName, email, team, role, manager, manager ? "" : managerId,
                licenseType, cost, activatedAt, deactivatedAt, firstActive, lastActive, weekday, mobile, hubspotId);
    }

    private static User integrationUser(int index, String name, Team team, LocalDate firstDay, int days) {
        String id18 = userId(index, new SplittableRandom(index));
        return new User(index, id18, id18, name, "integration" + index + "@example.com", team, "Integration",
                false, "", "integration", 0.0, firstDay.minusDays(500), null, 0, days - 1, 1.0, false, null);
    }

    /** A Salesforce user id (key prefix 005) unique per index, in its 18-character form. */
    static String userId(int index, SplittableRandom random) {
        return withChecksum("005" + "5g" + base62(index, 6) + base62(random.nextInt(62 * 62 * 62 * 62), 4));
    }

    /**
     * A 15-character Salesforce id with the 3-character suffix Salesforce appends to make it
     * case-insensitive: for each group of five characters, a bit per upper-case letter (first character
     * lowest), read as an index into A-Z then 0-5.
     */
    static String withChecksum(String id15) {
        StringBuilder id = new StringBuilder(id15);
        for (int group = 0; group < 15; group += 5) {
            int flags = 0;
            for (int bit = 4; bit >= 0; bit--) {
                flags = flags * 2 + (Character.isUpperCase(id15.charAt(group + bit)) ? 1 : 0);
            }
            id.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345".charAt(flags));
        }
        return id.toString();
    }

    static String base62(long value, int width) {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        char[] out = new char[width];
        for (int i = width - 1; i >= 0; i--) {
            out[i] = alphabet.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(out);
    }

    private static String ascii(String name) {
        return java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").replace("ø", "o").replace("Ø", "O").toLowerCase(java.util.Locale.ROOT);
    }
}
