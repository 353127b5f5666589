package io.uptake.ingest.parquet;

/** The column types the warehouse uses, as Spark reads them back. */
public enum ColumnType {
    /** UTF-8 string. */
    STRING,
    /** 64-bit integer. */
    LONG,
    /** 32-bit integer. */
    INT,
    DOUBLE,
    BOOLEAN,
    /** Calendar day: java.time.LocalDate, stored as days since the epoch. */
    DATE,
    /** Instant in UTC: java.time.Instant, stored as microseconds since the epoch. */
    TIMESTAMP
}
