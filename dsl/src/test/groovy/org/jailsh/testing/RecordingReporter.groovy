package org.jailsh.testing

import org.jailsh.spi.Reporter

/** Keeps every notice, so specs can assert on warnings. */
class RecordingReporter implements Reporter {

    final List<String> infos = []
    final List<String> warnings = []

    @Override
    void info(String message) { infos << message }

    @Override
    void warn(String message) { warnings << message }
}
