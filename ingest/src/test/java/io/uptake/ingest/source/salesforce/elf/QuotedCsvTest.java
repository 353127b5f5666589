package io.uptake.ingest.source.salesforce.elf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuotedCsvTest {

    private static List<String[]> records(String text) {
        return QuotedCsv.records(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsQuotedFieldsWithDoubledQuotesAndEmptyValues() {
        assertThat(records("\"A\",\"B\",\"C\"\n\"x\",\"say \"\"hi\"\"\",\"\"\n"))
                .containsExactly(new String[] {"A", "B", "C"}, new String[] {"x", "say \"hi\"", ""});
    }

    @Test
    void takesCrLfLineEndsAByteOrderMarkAndNoLineEndAfterTheLastRecord() {
        assertThat(records("\uFEFF\"A\",\"B\"\r\n\"1\",\"\u00e9\u4e2d\"")).containsExactly(
                new String[] {"A", "B"}, new String[] {"1", "\u00e9\u4e2d"});
    }

    @Test
    void refusesEveryOtherShapeForCommonsCsvToRead() {
        assertThat(records("\"A\",\"B\"\n\n\"1\",\"2\"\n")).as("blank line").isNull();
        assertThat(records("\"A\",B\n")).as("unquoted field").isNull();
        assertThat(records("\"A\",\"B\"\n\"1\",\"two\nlines\"\n")).as("line break inside a field").isNull();
        assertThat(records("\"A\",\"B\"\r\"1\",\"2\"\r")).as("CR alone ends a line").isNull();
        assertThat(records("\"A\",\"B\" \n")).as("a blank after the closing quote").isNull();
        assertThat(records("\"A\",\"B\"\n\"1\",\"2")).as("unterminated quote").isNull();
        assertThat(records("\"A\",\"B\",\n")).as("trailing comma").isNull();
        assertThat(QuotedCsv.records(new byte[] {'"', (byte) 0xff, '"', '\n'})).as("bytes that are not UTF-8").isNull();
    }
}
