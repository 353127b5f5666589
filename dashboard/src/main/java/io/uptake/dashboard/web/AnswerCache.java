package io.uptake.dashboard.web;

import static java.util.Objects.requireNonNull;

import io.uptake.dashboard.auth.Scope;
import io.uptake.dashboard.snapshot.ServingSnapshot;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The serialized JSON answers of the data endpoints, built once per snapshot. An answer depends only on
 * the snapshot, the caller's scope (role and teams), the endpoint and its filters, so the last three make
 * the key and the cache holds the answers of one snapshot at a time: a caller never gets an answer built
 * for another scope, and once a newly loaded snapshot is asked for, the old one's answers are dropped.
 * The answers held are bounded by their total size, the least recently used going first, so that any
 * number of filter combinations fits in the dashboard's small heap.
 */
public final class AnswerCache {

    /** Room for hundreds of answers even of the largest organisations' pages. */
    public static final long DEFAULT_MAX_BYTES = 16L << 20;
    /** What an entry costs beside its JSON and filter values: the map entry, the key and the tag. */
    private static final long ENTRY_OVERHEAD = 512;

    /** A cached answer: the JSON bytes and their entity tag, a hash of the bytes. */
    public record Answer(byte[] json, String etag) {
        public Answer {
            requireNonNull(json, "json is null");
            requireNonNull(etag, "etag is null");
        }
    }

    /** What an answer depends on besides the snapshot: who asks, which endpoint, with which filters. */
    public record Key(Scope scope, String endpoint, List<String> filters) {
        public Key {
            requireNonNull(scope, "scope is null");
            requireNonNull(endpoint, "endpoint is null");
            filters = List.copyOf(filters);
        }

        long size() {
            return ENTRY_OVERHEAD + 2L * filters.stream().mapToInt(String::length).sum();
        }
    }

    private final long maxBytes;
    /** In access order, eldest first; guarded by {@code this}, like the two fields below. */
    private final LinkedHashMap<Key, Answer> answers = new LinkedHashMap<>(16, 0.75f, true);
    private ServingSnapshot snapshot;
    private long bytes;

    public AnswerCache(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The answer of the key for the snapshot: the cached one, or else {@code build}'s, kept if it fits. */
    public Answer answer(ServingSnapshot of, Key key, Supplier<byte[]> build) {
        requireNonNull(of, "snapshot is null");
        synchronized (this) {
            Answer cached = of == snapshot ? answers.get(key) : null;
            if (cached != null) {
                return cached;
            }
        }
        // Built outside the lock: requests for other keys are not held up by this one.
        byte[] json = build.get();
        Answer answer = new Answer(json, etag(json));
        synchronized (this) {
            if (of != snapshot) {
                answers.clear();
                bytes = 0;
                snapshot = of;
            }
            long size = json.length + key.size();
            if (size <= maxBytes) {
                Answer replaced = answers.put(key, answer);
                bytes += size - (replaced == null ? 0 : replaced.json().length + key.size());
                evictBeyond(maxBytes);
            }
        }
        return answer;
    }

    /** The number of answers held. */
    public synchronized int size() {
        return answers.size();
    }

    private void evictBeyond(long limit) {
        Iterator<Map.Entry<Key, Answer>> eldest = answers.entrySet().iterator();
        while (bytes > limit && eldest.hasNext()) {
            Map.Entry<Key, Answer> entry = eldest.next();
            bytes -= entry.getValue().json().length + entry.getKey().size();
            eldest.remove();
        }
    }

    /** A strong entity tag: the first 128 bits of the bytes' SHA-256, quoted as HTTP wants it. */
    static String etag(byte[] json) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
