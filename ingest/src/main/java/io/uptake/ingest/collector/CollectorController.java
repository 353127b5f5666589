package io.uptake.ingest.collector;

import io.javalin.http.Context;
import io.uptake.ingest.Hashes;
import io.uptake.ingest.collector.CollectorException.Code;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;

/** HTTP in and out of the collector: the token, the body's size and format; the rest is {@link Collector}'s. */
final class CollectorController {

    private static final String BEARER = "bearer ";

    private final Collector collector;
    private final byte[] tokenDigest;
    private final long maxBodyBytes;
    private final int maxInFlight;
    private final Semaphore inFlight;

    CollectorController(CollectorConfig config, Collector collector) {
        this.collector = collector;
        this.tokenDigest = digest(config.token());
        this.maxBodyBytes = config.maxBodyBytes();
        this.maxInFlight = config.maxInFlight();
        this.inFlight = new Semaphore(maxInFlight);
    }

    /**
     * {@code POST /v1/events}: 202 with the receipt once the accepted events are on disk. At most
     * {@link CollectorConfig#maxInFlight()} bodies are read at once; one more is answered 503 before its
     * body is read.
     */
    void postEvents(Context ctx) throws IOException {
        authenticate(ctx);
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBodyBytes) {
            throw tooLarge("The body of " + declared + " bytes");
        }
        collector.checkBacklog();
        if (!inFlight.tryAcquire()) {
            throw new CollectorException(Code.UNAVAILABLE, "The collector is reading as many request bodies as it may at once ("
                    + maxInFlight + "): retry after the Retry-After seconds; nothing of this request was accepted");
        }
        try {
            byte[] body = readAtMost(ctx.req().getInputStream());
            Collector.Receipt receipt = collector.accept(RequestBody.events(new String(body, StandardCharsets.UTF_8)));
            ctx.status(202).json(receipt);
        } finally {
            inFlight.release();
        }
    }

    /**
     * {@code GET /v1/health}: open to all, it shows a state and counts only. A caller with the ingest
     * token also gets the reason the last commit failed, which may name files and hosts.
     */
    void health(Context ctx) {
        boolean detail = ctx.header("Authorization") != null;
        if (detail) {
            authenticate(ctx);
        }
        Collector.Health health = collector.health();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", health.status());
        body.put("backlog", health.backlog());
        body.put("quarantined", health.quarantined());
        body.put("requests_in_flight", maxInFlight - inFlight.availablePermits());
        if (detail) {
            body.put("last_flush_error", health.lastFlushError());
        }
        ctx.json(body);
    }

    /**
     * Compares digests of the tokens, not the tokens: {@link MessageDigest#isEqual} takes the same time
     * for any two values of equal length, and digests always are.
     */
    private void authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            throw new CollectorException(Code.UNAUTHENTICATED,
                    "Send the ingest token as the header 'Authorization: Bearer <token>'");
        }
        String token = header.substring(BEARER.length()).strip();
        if (!MessageDigest.isEqual(tokenDigest, digest(token))) {
            throw new CollectorException(Code.UNAUTHENTICATED, "The ingest token is not valid");
        }
    }

    private static byte[] digest(String token) {
        return Hashes.sha256().digest(token.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the body, but never more than the limit: a chunked body of unknown length is cut off there. */
    private byte[] readAtMost(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > maxBodyBytes) {
                throw tooLarge("The body");
            }
            body.write(buffer, 0, n);
        }
        return body.toByteArray();
    }

    private CollectorException tooLarge(String what) {
        return new CollectorException(Code.PAYLOAD_TOO_LARGE,
                what + " is over the limit of " + maxBodyBytes + " bytes: send the events in smaller batches");
    }
}
