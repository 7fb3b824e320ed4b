package org.jailsh.spi;

/** Progress and notices from providers, shown on the terminal and written to the log. */
public interface Reporter {

    void info(String message);

    void warn(String message);

    /** Progress of a long task; {@code total} is -1 when unknown. */
    default void progress(String task, long done, long total) {
    }

    Reporter SILENT = new Reporter() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }
    };
}
