package io.uptake.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/** Repeated measurements of one figure: min / median / max, as the benchmark prints them. */
public record Stats(List<Double> values) {

    public Stats {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no measurements");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        values = List.copyOf(sorted);
    }

    public static Stats of(List<Double> values) {
        return new Stats(values);
    }

    public double min() {
        return values.get(0);
    }

    public double max() {
        return values.get(values.size() - 1);
    }

    /** The middle value, or the mean of the two middle values. */
    public double median() {
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    /** Each value mapped, e.g. seconds to events per second (the order may reverse; min stays min). */
    public Stats map(DoubleUnaryOperator f) {
        return new Stats(values.stream().map(f::applyAsDouble).toList());
    }

    /** "min / median / max" with the given format for each, e.g. "%.1f s". */
    public String format(String each) {
        return String.format(Locale.ROOT, each + " / " + each + " / " + each, min(), median(), max());
    }
}
