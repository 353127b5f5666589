package io.uptake.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One command run as a separate process tree, timed from start to exit, with the peak resident memory
 * of its largest process (Linux {@code VmHWM}, sampled every 50 ms while it runs). Output goes to a log
 * file; a failing command stops the benchmark with the log's tail.
 */
public final class ChildProcess {

    private static final Pattern HIGH_WATER = Pattern.compile("VmHWM:\\s+(\\d+) kB");

    /** Wall time in seconds, peak RSS in MiB of the largest process, and what it printed. */
    public record Run(double seconds, double peakRssMib, String output) {}

    private ChildProcess() {}

    public static Run run(List<String> command, Map<String, String> env, Path directory, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        long peakKb = 0;
        try {
            while (!process.waitFor(50, TimeUnit.MILLISECONDS)) {
                peakKb = Math.max(peakKb, peakRssKb(process.toHandle()));
            }
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + String.join(" ", command), e);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        String output = Files.readString(log);
        if (process.exitValue() != 0) {
            String tail = output.lines().skip(Math.max(0, output.lines().count() - 20)).reduce("", (a, b) -> a + b + "\n");
            throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + "; log " + log
                    + ":\n" + tail);
        }
        return new Run(seconds, peakKb / 1024.0, output);
    }

    /** The highest VmHWM among the process and its descendants, in kB (0 when not readable). */
    public static long peakRssKb(ProcessHandle root) {
        long peak = highWater(root.pid()).orElse(0L);
        for (ProcessHandle child : root.descendants().toList()) {
            peak = Math.max(peak, highWater(child.pid()).orElse(0L));
        }
        return peak;
    }

    /** The current resident memory of one process (VmRSS), in kB. */
    public static Optional<Long> rssKb(long pid) {
        return statusField(pid, Pattern.compile("VmRSS:\\s+(\\d+) kB"));
    }

    private static Optional<Long> highWater(long pid) {
        return statusField(pid, HIGH_WATER);
    }

    private static Optional<Long> statusField(long pid, Pattern field) {
        try {
            Matcher m = field.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
            return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // the process has just exited
        }
    }
}
