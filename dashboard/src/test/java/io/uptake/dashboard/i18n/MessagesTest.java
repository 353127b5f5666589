package io.uptake.dashboard.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.uptake.dashboard.DashboardException;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void bothCataloguesHaveTheSameKeysWithTheSamePlaceholders() {
        Map<String, Set<Integer>> english = placeholders(Language.EN);
        Map<String, Set<Integer>> chinese = placeholders(Language.ZH_CN);

        assertThat(chinese.keySet()).isEqualTo(english.keySet());
        assertThat(chinese).isEqualTo(english);
        // The messages the views throw today have their keys already, with their arguments.
        assertThat(english).containsEntry("team_not_in_scope", Set.of(0, 1)).containsEntry("no_such_team", Set.of(0, 1, 2))
                .containsEntry("bad_date", Set.of(0, 1)).containsEntry("dates_swapped", Set.of(0, 1))
                .containsEntry("page_not_allowed", Set.of(0, 1));
    }

    @Test
    void noMessageHasALoneApostropheThatMessageFormatWouldSwallow() {
        for (Language language : Language.values()) {
            var catalogue = Messages.catalogue(language);
            for (String key : catalogue.keySet()) {
                assertThat(catalogue.getString(key).replace("''", "")).as(language + " " + key).doesNotContain("'");
            }
        }
    }

    @Test
    void writesAMessageWithQuotedArgumentsInEitherLanguage() {
        assertThat(Messages.text(Language.EN, "team_not_in_scope", "Red Team", "Big Team, Tiny Team"))
                .isEqualTo("Team 'Red Team' is not in your scope; you may see: Big Team, Tiny Team");
        assertThat(Messages.text(Language.ZH_CN, "team_not_in_scope", "Red Team", "Big Team, Tiny Team"))
                .isEqualTo("团队“Red Team”不在您的权限范围内；您可以查看：Big Team, Tiny Team");
        assertThat(Messages.text(Language.EN, "bad_date", "from", "2025-13-01"))
                .isEqualTo("Cannot read from='2025-13-01': expected a date such as 2025-12-31");
        assertThat(Messages.text(Language.ZH_CN, "bad_date", "from", "2025-13-01"))
                .isEqualTo("无法读取 from='2025-13-01'：需要形如 2025-12-31 的日期");
    }

    @Test
    void writesDatesAsIsoDaysAndNumbersWithoutGrouping() {
        LocalDate asOf = LocalDate.of(2025, 12, 31);
        assertThat(Messages.text(Language.EN, "no_such_team", "Red Team", asOf, "Big Team, Tiny Team"))
                .isEqualTo("No team 'Red Team' in the snapshot of 2025-12-31; teams: Big Team, Tiny Team");
        assertThat(Messages.text(Language.ZH_CN, "no_such_team", "Red Team", asOf, "Big Team, Tiny Team"))
                .isEqualTo("2025-12-31 的快照中没有团队“Red Team”；现有团队：Big Team, Tiny Team");
        // 900 seconds is the longest wait (15 minutes); 1234 shows that no "1,234" grouping creeps in.
        assertThat(Messages.text(Language.EN, "sign_in_throttled", 1234L))
                .isEqualTo("Too many failed sign-ins: wait 1234 seconds before trying again");
        assertThat(Messages.text(Language.ZH_CN, "sign_in_throttled", 1234L)).isEqualTo("登录失败次数过多：请等待 1234 秒后再试");
    }

    @Test
    void writesANestedTextInTheLanguageOfTheMessageAroundIt() {
        Text problem = Text.of("snapshot_unreadable", "snapshot.json", Text.of("snapshot_why_truncated"),
                Text.of("snapshot_still_serving", "run-1", LocalDate.of(2025, 12, 31)));

        assertThat(Messages.text(Language.EN, "snapshot_cannot_serve", problem)).isEqualTo("No KPI snapshot can be served: "
                + "snapshot.json ends before its JSON does: a truncated file; still serving run run-1 as of 2025-12-31");
        assertThat(Messages.text(Language.ZH_CN, "snapshot_cannot_serve", problem)).isEqualTo("无法提供 KPI 快照："
                + "snapshot.json 在 JSON 结束之前就结束了：文件被截断；仍在提供运行 run-1（截至 2025-12-31）的快照");
    }

    @Test
    void anUnknownKeyIsAProgrammingErrorNamingIt() {
        assertThatThrownBy(() -> Messages.text(Language.ZH_CN, "no_such_message"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("No message 'no_such_message' in the zh-CN catalogue");
    }

    @Test
    void anExceptionWithAKeyIsEnglishForTheLogAndLocalisedForTheCaller() {
        var error = new DashboardException(DashboardException.Code.BAD_REQUEST, "dates_swapped",
                LocalDate.of(2025, 12, 31), LocalDate.of(2025, 12, 1));

        assertThat(error.getMessage()).isEqualTo("from 2025-12-31 is after to 2025-12-01: swap them");
        assertThat(error.message(Language.EN)).isEqualTo("from 2025-12-31 is after to 2025-12-01: swap them");
        assertThat(error.message(Language.ZH_CN)).isEqualTo("开始日期 2025-12-31 晚于结束日期 2025-12-01：请交换两者");
    }

    @Test
    void anExceptionWithAnEnglishMessageStaysEnglishButAKeyWithoutArgumentsIsAKey() {
        var english = new DashboardException(DashboardException.Code.FORBIDDEN, "The roi page is not open to the lead role");
        var key = new DashboardException(DashboardException.Code.UNAUTHENTICATED, "wrong_password");

        assertThat(english.message(Language.ZH_CN)).isEqualTo("The roi page is not open to the lead role");
        assertThat(key.getMessage()).isEqualTo("Wrong username or password");
        assertThat(key.message(Language.ZH_CN)).isEqualTo("用户名或密码错误");
    }

    /** The argument indexes of each message: top-level {n...} outside quotes. */
    private static Map<String, Set<Integer>> placeholders(Language language) {
        var catalogue = Messages.catalogue(language);
        Map<String, Set<Integer>> all = new TreeMap<>();
        for (String key : catalogue.keySet()) {
            all.put(key, indexes(catalogue.getString(key)));
        }
        return all;
    }

    private static Set<Integer> indexes(String pattern) {
        Set<Integer> found = new TreeSet<>();
        boolean quoted = false;
        int depth = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '{') {
                if (depth++ == 0) {
                    int end = i + 1;
                    while (end < pattern.length() && Character.isDigit(pattern.charAt(end))) {
                        end++;
                    }
                    found.add(Integer.parseInt(pattern.substring(i + 1, end)));
                }
            } else if (!quoted && c == '}') {
                depth--;
            }
        }
        return found;
    }
}
