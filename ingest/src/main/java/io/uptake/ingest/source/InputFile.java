package io.uptake.ingest.source;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.io.input.BOMInputStream;

/**
 * One input file as a source sees it: its name, its first characters, and its content, gunzipped when
 * it is gzip (recognised by its magic bytes, whatever its name) and without a UTF-8 byte order mark.
 */
public final class InputFile {

    /** How much of a file a source may look at to recognise it. */
    public static final int HEAD_BYTES = 16 * 1024;

    private final Path path;
    private final String input;
    private Boolean gzip;
    private String head;

    public InputFile(Path path, String input) {
        this.path = requireNonNull(path, "path is null");
        this.input = requireNonNull(input, "input is null");
    }

    public static InputFile of(Path path) {
        return new InputFile(path, path.toString());
    }

    public Path path() {
        return path;
    }

    /** The name reports, rejections and the commit log give this input. */
    public String input() {
        return input;
    }

    /** The file's name in lower case, without a {@code .gz} suffix: {@code login.csv} for {@code Login.csv.gz}. */
    public String name() {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    }

    /** True when the file starts with gzip's magic bytes. */
    public boolean gzipped() throws IOException {
        if (gzip == null) {
            try (InputStream in = Files.newInputStream(path)) {
                gzip = in.read() == 0x1f && in.read() == 0x8b;
            }
        }
        return gzip;
    }

    /** The content, decompressed, byte order mark removed. */
    public InputStream open() throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        InputStream content = gzipped() ? new BufferedInputStream(new CheckedGzip(input, raw), 1 << 16) : raw;
        return BOMInputStream.builder().setInputStream(content).get();
    }

    /** The content as UTF-8 text. */
    public BufferedReader reader() throws IOException {
        return new BufferedReader(new InputStreamReader(open(), StandardCharsets.UTF_8), 1 << 16);
    }

    /**
     * The whole content, decompressed, byte order mark included (a reader of bytes sees what a reader of
     * text would skip); for files a source has checked to be small enough.
     */
    public byte[] readAllBytes() throws IOException {
        if (!gzipped()) {
            return Files.readAllBytes(path);
        }
        try (InputStream in = new CheckedGzip(input, Files.newInputStream(path))) {
            return in.readAllBytes();
        }
    }

    /** The size on disk (compressed, for a gzip file). */
    public long size() throws IOException {
        return Files.size(path);
    }

    /**
     * Up to {@link #HEAD_BYTES} of the content as text, cut at the last whole line when the file is
     * longer; bytes that are not UTF-8 read as U+FFFD. Empty for an empty file or one that is not valid gzip.
     */
    public String head() throws IOException {
        if (head == null) {
            byte[] bytes = new byte[HEAD_BYTES];
            int n = 0;
            boolean whole;
            // Damaged gzip gives the content read before the damage: the file is recognised by it, and
            // refused by name when its source reads it.
            try (InputStream in = open()) {
                int r = 0;
                while (n < HEAD_BYTES && (r = in.read(bytes, n, HEAD_BYTES - n)) != -1) {
                    n += r;
                }
                whole = r == -1 || in.read() == -1;
            } catch (DamagedGzip e) {
                whole = false;
            }
            bytes = Arrays.copyOf(bytes, n);
            int end = bytes.length;
            if (!whole) {
                while (end > 0 && bytes[end - 1] != '\n') {
                    end--;
                }
                if (end == 0) {
                    // One line longer than the head: keep it all, cut.
                    end = bytes.length;
                    while (end > 0 && (bytes[end - 1] & 0xc0) == 0x80) {
                        end--;
                    }
                    end = Math.max(0, end - 1);
                }
            }
            // Invalid bytes read as U+FFFD: a text file with a damaged line is still recognised.
            head = new String(bytes, 0, end, StandardCharsets.UTF_8);
        }
        return head;
    }

    /**
     * Thrown while reading a gzip file whose compressed data is damaged: cut short, or failing its
     * checksum. Unchecked, so that no parser takes it for a bad line of the content: none of the
     * content can be trusted, and the input is refused whole.
     */
    public static final class DamagedGzip extends RuntimeException {
        DamagedGzip(String input, IOException cause) {
            super(input + " is damaged gzip (" + cause.getMessage() + ")", cause);
        }
    }

    /** A gzip stream that reports damage as {@link DamagedGzip}. */
    private static final class CheckedGzip extends FilterInputStream {
        private final String input;

        CheckedGzip(String input, InputStream raw) throws IOException {
            super(gunzip(input, raw));
            this.input = input;
        }

        private static InputStream gunzip(String input, InputStream raw) throws IOException {
            try {
                return new GZIPInputStream(raw, 1 << 16);
            } catch (ZipException | EOFException e) {
                raw.close();
                throw new DamagedGzip(input, e);
            }
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (ZipException | EOFException e) {
                throw new DamagedGzip(input, e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (ZipException | EOFException e) {
                throw new DamagedGzip(input, e);
            }
        }
    }

    /** The first line of the content, without its line break; empty when there is none. */
    public String firstLine() throws IOException {
        String text = head();
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    @Override
    public String toString() {
        return input;
    }
}
