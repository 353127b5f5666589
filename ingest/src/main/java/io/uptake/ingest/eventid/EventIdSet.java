package io.uptake.ingest.eventid;

/**
 * A set of 128-bit event id hashes in two flat arrays (open addressing, linear probing): 16 bytes per
 * slot and no object per id, where a {@code HashSet<String>} of ids costs about 150 bytes each. The
 * all-zero hash marks an empty slot and is kept aside in a flag.
 */
public final class EventIdSet {

    /** Grows when more than 3/4 of the slots are taken. */
    private static final int LOAD_PERCENT = 75;

    private long[] highs;
    private long[] lows;
    private int mask;
    private int size;
    private boolean hasZero;

    /** An empty set with room for {@code expected} hashes before it grows. */
    public EventIdSet(int expected) {
        int slots = Integer.highestOneBit(Math.max(16, (int) Math.min(1 << 30, expected * 100L / LOAD_PERCENT + 1)) - 1) << 1;
        highs = new long[slots];
        lows = new long[slots];
        mask = slots - 1;
    }

    /** Adds the hash; false when it was there already. */
    public boolean add(long high, long low) {
        if (high == 0 && low == 0) {
            boolean added = !hasZero;
            hasZero = true;
            size += added ? 1 : 0;
            return added;
        }
        int slot = slot(high, low);
        while (highs[slot] != 0 || lows[slot] != 0) {
            if (highs[slot] == high && lows[slot] == low) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        highs[slot] = high;
        lows[slot] = low;
        size++;
        if (size * 100L > (long) highs.length * LOAD_PERCENT) {
            grow();
        }
        return true;
    }

    public boolean contains(long high, long low) {
        if (high == 0 && low == 0) {
            return hasZero;
        }
        int slot = slot(high, low);
        while (highs[slot] != 0 || lows[slot] != 0) {
            if (highs[slot] == high && lows[slot] == low) {
                return true;
            }
            slot = (slot + 1) & mask;
        }
        return false;
    }

    public int size() {
        return size;
    }

    /** The heap the set's arrays take, in bytes: what the index's memory bound counts. */
    public long bytes() {
        return 16L * highs.length;
    }

    private int slot(long high, long low) {
        // The hash is already well mixed; fold both halves so that either alone may repeat.
        long mixed = high ^ (low * 0x9e3779b97f4a7c15L);
        return (int) (mixed ^ (mixed >>> 32)) & mask;
    }

    private void grow() {
        long[] oldHighs = highs;
        long[] oldLows = lows;
        highs = new long[oldHighs.length * 2];
        lows = new long[oldLows.length * 2];
        mask = highs.length - 1;
        for (int i = 0; i < oldHighs.length; i++) {
            long high = oldHighs[i];
            long low = oldLows[i];
            if (high != 0 || low != 0) {
                int slot = slot(high, low);
                while (highs[slot] != 0 || lows[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                highs[slot] = high;
                lows[slot] = low;
            }
        }
    }

    @Override
    public String toString() {
        return "EventIdSet[" + size + " of " + highs.length + " slots" + (hasZero ? ", zero" : "") + "]";
    }
}
