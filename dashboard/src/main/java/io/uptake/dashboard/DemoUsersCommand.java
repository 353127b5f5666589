package io.uptake.dashboard;

import io.uptake.dashboard.auth.Account;
import io.uptake.dashboard.auth.Accounts;
import io.uptake.dashboard.auth.Role;
import io.uptake.dashboard.snapshot.ServingSnapshot;
import io.uptake.dashboard.snapshot.SnapshotStore;
import io.uptake.warehouse.DataLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * {@code DemoUsersCommand --data DIR --out FILE [--lead-team TEAM]}: writes the demo accounts
 * {@code exec}, {@code trainer} and {@code lead}, password {@code demo}. Only {@code ./uptake demo}
 * runs it; a real installation writes its own users file.
 */
public final class DemoUsersCommand {

    public static final String DEMO_PASSWORD = "demo";

    private DemoUsersCommand() {}

    public static void main(String[] args) throws IOException {
        String data = "./data";
        Path out = null;
        String leadTeam = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--data" -> data = args[i + 1];
                case "--out" -> out = Path.of(args[i + 1]);
                case "--lead-team" -> leadTeam = args[i + 1];
                default -> {
                    System.err.println("demo-users: unknown option '" + args[i] + "'");
                    System.exit(2);
                }
            }
        }
        if (out == null || args.length % 2 != 0) {
            System.err.println("Usage: DemoUsersCommand --data DIR --out FILE [--lead-team TEAM]");
            System.exit(2);
        }
        SnapshotStore store = new SnapshotStore(DataLayout.of(data).snapshot(), Clock.systemUTC(), DashboardApp.json());
        List<String> teams = store.current().map(ServingSnapshot::teams).orElse(List.of());
        String team = leadTeam != null && teams.contains(leadTeam) ? leadTeam : teams.isEmpty() ? null : teams.get(0);
        if (team == null) {
            System.err.println("demo-users: no snapshot with teams at " + DataLayout.of(data).snapshot() + ": run the jobs first");
            System.exit(1);
        }
        Accounts.write(out, demoAccounts(team));
        System.out.println("Demo accounts written to " + out + " (lead sees team '" + team + "')");
    }

    static List<Account> demoAccounts(String leadTeam) {
        return List.of(
                new Account("exec", Accounts.hash(DEMO_PASSWORD), Role.EXECUTIVE, List.of()),
                new Account("trainer", Accounts.hash(DEMO_PASSWORD), Role.TRAINER, List.of()),
                new Account("lead", Accounts.hash(DEMO_PASSWORD), Role.LEAD, List.of(leadTeam)));
    }
}
