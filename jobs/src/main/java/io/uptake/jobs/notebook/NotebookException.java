package io.uptake.jobs.notebook;

import java.util.List;

/** A notebook cell failed; the message names the cell, its first line and Spark's message. */
public final class NotebookException extends RuntimeException {

    private final transient List<NotebookCommand.CellResult> completed;

    NotebookException(String message, List<NotebookCommand.CellResult> completed) {
        super(message);
        this.completed = List.copyOf(completed);
    }

    /** The results of the cells that ran before the failing one. */
    public List<NotebookCommand.CellResult> completed() {
        return completed;
    }
}
