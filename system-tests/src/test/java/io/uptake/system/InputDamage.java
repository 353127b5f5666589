package io.uptake.system;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Ways an input file gets damaged on its way from a CRM to Uptake: a flipped bit, a cut-off download,
 * a field that grew, a clock far off, lines sent twice, a file saved in another encoding. Each works on
 * the bytes of a file; a gzip file is damaged inside (and then compressed again) except by the bit flip
 * and the cut, which damage the compressed bytes themselves, as does any damage after them.
 */
enum InputDamage {

    BIT_FLIPS {
        @Override
        byte[] damage(byte[] bytes, Random random) {
            byte[] out = bytes.clone();
            for (int i = 1 + random.nextInt(5); i > 0 && out.length > 0; i--) {
                out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
            }
            return out;
        }
    },
    TRUNCATION {
        @Override
        byte[] damage(byte[] bytes, Random random) {
            return Arrays.copyOf(bytes, bytes.length == 0 ? 0 : random.nextInt(bytes.length));
        }
    },
    LONG_FIELD {
        @Override
        byte[] damageText(String text, Random random) {
            // Over the 1,000-character limit, or far over it: a runaway export of a description field.
            String grown = "x".repeat(random.nextBoolean() ? 1_001 + random.nextInt(4_000) : 2_000_000);
            int at = fieldStart(text, random);
            return (text.substring(0, at) + grown + text.substring(at)).getBytes(StandardCharsets.UTF_8);
        }
    },
    FAR_DATES {
        @Override
        byte[] damageText(String text, Random random) {
            // ISO dates and Salesforce's compact TIMESTAMP (yyyyMMddHHmmss.SSS) move to the ends of time.
            Matcher iso = Pattern.compile("(19|20)\\d\\d-\\d\\d-\\d\\d").matcher(text);
            StringBuilder out = new StringBuilder();
            while (iso.find()) {
                iso.appendReplacement(out, random.nextInt(3) == 0 ? FAR_ISO.get(random.nextInt(FAR_ISO.size())) : "$0");
            }
            iso.appendTail(out);
            Matcher compact = Pattern.compile("\\b20\\d{12}\\b").matcher(out.toString());
            StringBuilder result = new StringBuilder();
            while (compact.find()) {
                compact.appendReplacement(result, random.nextInt(3) == 0 ? FAR_COMPACT.get(random.nextInt(FAR_COMPACT.size())) : "$0");
            }
            compact.appendTail(result);
            return result.toString().getBytes(StandardCharsets.UTF_8);
        }
    },
    DUPLICATES {
        @Override
        byte[] damageText(String text, Random random) {
            List<String> lines = text.lines().toList();
            StringBuilder out = new StringBuilder();
            for (String line : lines) {
                out.append(line).append('\n');
                if (random.nextInt(4) == 0) {
                    out.append(line).append('\n');
                }
            }
            return out.toString().getBytes(StandardCharsets.UTF_8);
        }
    },
    ENCODING {
        @Override
        byte[] damageText(String text, Random random) {
            return switch (random.nextInt(4)) {
                // saved as "Unicode" by a spreadsheet
                case 0 -> concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE));
                // saved as Latin-1, with an accented name in it
                case 1 -> ("Zoë Ångström," + text).getBytes(StandardCharsets.ISO_8859_1);
                // invalid UTF-8 sequences in the middle of a line
                case 2 -> insert(text.getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF}, random);
                // NUL bytes
                default -> insert(text.getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0}, random);
            };
        }
    };

    private static final List<String> FAR_ISO = List.of("9999-12-31", "0001-01-01", "2099-06-01", "1999-12-31");
    private static final List<String> FAR_COMPACT = List.of("99991231235959", "00010101000000", "20990601120000");

    /** The damaged bytes of a file named {@code name}. */
    byte[] apply(String name, byte[] bytes, Random random) {
        if (name.endsWith(".gz") && this != BIT_FLIPS && this != TRUNCATION) {
            Optional<byte[]> content = gunzip(bytes);
            // A gzip file damaged before (a flipped bit, a cut) is damaged again as the bytes it is.
            return content.isPresent() ? gzip(damage(content.get(), random)) : damage(bytes, random);
        }
        return damage(bytes, random);
    }

    byte[] damage(byte[] bytes, Random random) {
        return damageText(new String(bytes, StandardCharsets.UTF_8), random);
    }

    byte[] damageText(String text, Random random) {
        throw new UnsupportedOperationException(name() + " damages bytes");
    }

    /** Just after a separator (comma, colon, quote or tab), where a field's value begins; else anywhere. */
    private static int fieldStart(String text, Random random) {
        if (text.isEmpty()) {
            return 0;
        }
        int from = random.nextInt(text.length());
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == ':' || c == '"' || c == '\t') {
                return i + 1;
            }
        }
        return from;
    }

    private static byte[] insert(byte[] bytes, byte[] inserted, Random random) {
        int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
        return concat(concat(Arrays.copyOf(bytes, at), inserted), Arrays.copyOfRange(bytes, at, bytes.length));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The content of gzip bytes, or empty when they are no longer whole gzip. */
    static Optional<byte[]> gunzip(byte[] bytes) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return Optional.of(in.readAllBytes());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
