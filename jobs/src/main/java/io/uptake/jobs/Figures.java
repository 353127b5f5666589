package io.uptake.jobs;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/** The two column expressions every mart is built from: counting by a condition, and a safe ratio. */
public final class Figures {

    private Figures() {}

    /** 1 when {@code condition} holds, else 0 (also when it is null): sum it to count. */
    public static Column flag(Column condition) {
        return when(condition, lit(1L)).otherwise(lit(0L));
    }

    /**
     * numerator / denominator as a double, null when the denominator is 0 or null: KPIS.md's ratios are
     * never 0 and never NaN for want of a denominator.
     */
    public static Column ratio(Column numerator, Column denominator) {
        return when(denominator.notEqual(lit(0)), numerator.cast("double").divide(denominator));
    }
}
