package io.uptake.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.uptake.ingest.source.CsvRecords.Quoting;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordsTest {

    private static List<CsvRecords.Record> records(String text) throws IOException {
        return records(text, Quoting.STANDARD);
    }

    private static List<CsvRecords.Record> records(String text, Quoting quoting) throws IOException {
        CsvRecords records = new CsvRecords(new BufferedReader(new StringReader(text)), quoting);
        List<CsvRecords.Record> all = new ArrayList<>();
        CsvRecords.Record record;
        while ((record = records.next()) != null) {
            all.add(record);
        }
        return all;
    }

    @Test
    void readsQuotedAndPlainFieldsWithCommasDoubledQuotesAndLineBreaksInsideQuotes() throws IOException {
        assertThat(records("""
                Date,User,Action
                "10/1/2025, 9:15:00 AM PDT",ada@example.com,"Changed ""Region"" label,
                and help text"
                plain,,last
                """))
                .extracting(CsvRecords.Record::fields, CsvRecords.Record::line, CsvRecords.Record::problem)
                .containsExactly(
                        tuple(List.of("Date", "User", "Action"), 1L, null),
                        tuple(List.of("10/1/2025, 9:15:00 AM PDT", "ada@example.com", "Changed \"Region\" label,\nand help text"), 2L, null),
                        tuple(List.of("plain", "", "last"), 4L, null));
    }

    @Test
    void lineNumbersCountBlankLinesAndEveryKindOfLineEnd() throws IOException {
        assertThat(records("a,b\r\n\r\n1,2\r3,4\n\n5,6"))
                .extracting(CsvRecords.Record::line, CsvRecords.Record::fields)
                .containsExactly(tuple(1L, List.of("a", "b")), tuple(3L, List.of("1", "2")), tuple(4L, List.of("3", "4")),
                        tuple(6L, List.of("5", "6")));
    }

    @Test
    void aQuoteLeftOpenEndsItsRecordOnItsFirstLineAndTheLinesAfterItAreReadAgain() throws IOException {
        assertThat(records("""
                a,b
                "1,2
                3,4
                5,6
                """))
                .extracting(CsvRecords.Record::line, CsvRecords.Record::fields, CsvRecords.Record::text, CsvRecords.Record::problem)
                .containsExactly(
                        tuple(1L, List.of("a", "b"), "a,b", null),
                        tuple(2L, List.of(), "\"1,2", "Malformed CSV quoting (a quote that is not closed)"),
                        tuple(3L, List.of("3", "4"), "3,4", null),
                        tuple(4L, List.of("5", "6"), "5,6", null));
    }

    @Test
    void aCharacterAfterAClosingQuoteBreaksOnlyItsOwnRecord() throws IOException {
        assertThat(records("""
                "a"x,b
                c,d
                """))
                .extracting(CsvRecords.Record::line, CsvRecords.Record::fields, CsvRecords.Record::problem)
                .containsExactly(
                        tuple(1L, List.of(), "Malformed CSV quoting (a character after a closing quote)"),
                        tuple(2L, List.of("c", "d"), null));
    }

    @Test
    void aQuotedFieldRunningOverMoreLinesThanAnyRealValueIsBroken() throws IOException {
        StringBuilder text = new StringBuilder("\"start\n");
        for (int i = 0; i < CsvRecords.MAX_LINES_PER_RECORD + 5; i++) {
            text.append("x\n");
        }
        text.append("end\"\n");

        List<CsvRecords.Record> all = records(text.toString());

        // The open quote gives up at 100 lines: line 1 is broken, and every line after it is a record again.
        assertThat(all.get(0).problem()).isEqualTo("Malformed CSV quoting (a quote that is not closed)");
        assertThat(all).hasSize(1 + CsvRecords.MAX_LINES_PER_RECORD + 5 + 1);
        assertThat(all.get(1)).extracting(CsvRecords.Record::line, CsvRecords.Record::fields).containsExactly(2L, List.of("x"));
        // A quote inside an unquoted field is a character of it, as in Commons CSV.
        assertThat(all.get(all.size() - 1).fields()).containsExactly("end\"");
    }

    @Test
    void readLenientlyAQuoteInsideAFieldAndTextAfterAClosingQuoteAreKeptAsWritten() throws IOException {
        assertThat(records("""
                a"b,"c"d,"e"
                """, Quoting.LENIENT))
                .extracting(CsvRecords.Record::fields, CsvRecords.Record::problem)
                .containsExactly(tuple(List.of("a\"b", "cd", "e"), null));
    }

    @Test
    void readStrictlyALineWithAQuoteAnywhereButAroundAFieldHasNoFields() {
        assertThat(CsvRecords.fields("a,\"b,c\",\"d\"\"e\",", Quoting.STRICT)).containsExactly("a", "b,c", "d\"e", "");
        assertThat(CsvRecords.fields("a\"b,c", Quoting.STRICT)).isNull();
        assertThat(CsvRecords.fields("\"a\"b,c", Quoting.STRICT)).isNull();
        assertThat(CsvRecords.fields("\"a,b", Quoting.STRICT)).isNull();
    }

    @Test
    void theLinesOfARecordWhoseQuoteClosedLinesLaterCanBeReadAgain() throws IOException {
        CsvRecords records = new CsvRecords(new BufferedReader(new StringReader("x,\"y\n1,2\n3,\"4\n5,6\n")), Quoting.LENIENT);

        CsvRecords.Record joined = records.next();
        records.readAgain();

        assertThat(joined).extracting(CsvRecords.Record::line, CsvRecords.Record::fields, CsvRecords.Record::spansLines)
                .containsExactly(1L, List.of("x", "y\n1,2\n3,4"), true);
        assertThat(records.next()).extracting(CsvRecords.Record::line, CsvRecords.Record::fields).containsExactly(2L, List.of("1", "2"));
        assertThat(records.next()).extracting(CsvRecords.Record::line, CsvRecords.Record::fields).containsExactly(3L, List.of());
        assertThat(records.next()).extracting(CsvRecords.Record::line, CsvRecords.Record::fields).containsExactly(4L, List.of("5", "6"));
        assertThat(records.next()).isNull();
    }
}
