package org.dossierlink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** Progress lines: plain every ten seconds when not on a terminal, redrawn in place on one. */
class ProgressTest {

    private final AtomicLong clock = new AtomicLong();

    private void elapse(Duration d) {
        clock.addAndGet(d.toNanos());
    }

    @Test
    void plainLinesEveryTenSecondsWithCountRateAndEta() {
        StringWriter out = new StringWriter();
        try (Progress p = new Progress("import", "files", 1000, new PrintWriter(out), false, clock::get)) {
            for (int i = 0; i < 100; i++) {
                elapse(Duration.ofMillis(50));
                p.advance(1);
            }
            assertThat(out.toString()).isEmpty(); // 5 s: nothing yet
            for (int i = 0; i < 100; i++) {
                elapse(Duration.ofMillis(50));
                p.advance(1);
            }
            p.finish();
        }
        assertThat(out.toString().lines()).containsExactly(
                "import: 200/1,000 files, 20.0/s, ETA 40s",
                "import: 200/1,000 files, 20.0/s, ETA 40s");
    }

    @Test
    void onATerminalTheLineIsRedrawnAndEndsWithTheTotalTime() {
        StringWriter out = new StringWriter();
        try (Progress p = new Progress("export", "dossiers", 3, new PrintWriter(out), true, clock::get)) {
            for (int i = 0; i < 3; i++) {
                elapse(Duration.ofSeconds(1));
                p.advance(1);
            }
            p.finish();
        }
        assertThat(out.toString()).startsWith("\rexport: 1/3 dossiers, 1.0/s, ETA 2s")
                .contains("\rexport: 2/3 dossiers, 1.0/s, ETA 1s")
                .endsWith("\rexport: 3/3 dossiers, 1.0/s, done in 3s" + System.lineSeparator());
    }

    @Test
    void workThatFailsLeavesNoSummaryAndEndsARedrawnLine() {
        StringWriter plain = new StringWriter();
        try (Progress p = new Progress("import", "files", 5, new PrintWriter(plain), false, clock::get)) {
            p.advance(1);
        }
        assertThat(plain.toString()).isEmpty();
        StringWriter terminal = new StringWriter();
        try (Progress p = new Progress("import", "files", 5, new PrintWriter(terminal), true, clock::get)) {
            elapse(Duration.ofSeconds(1));
            p.advance(1);
        }
        assertThat(terminal.toString()).isEqualTo("\rimport: 1/5 files, 1.0/s, ETA 4s" + System.lineSeparator());
    }

    @Test
    void aGivenIntervalSetsThePlainLinesAndZeroWritesOnePerAdvance() {
        StringWriter zero = new StringWriter();
        try (Progress p = new Progress("import", "items", 3, new PrintWriter(zero), false, clock::get, Duration.ZERO)) {
            for (int i = 0; i < 3; i++) {
                elapse(Duration.ofSeconds(1));
                p.advance(1);
            }
        }
        assertThat(zero.toString().lines()).containsExactly(
                "import: 1/3 items, 1.0/s, ETA 2s", "import: 2/3 items, 1.0/s, ETA 1s", "import: 3/3 items, 1.0/s, done in 3s");
        StringWriter two = new StringWriter();
        try (Progress p = new Progress("import", "items", 10, new PrintWriter(two), false, clock::get, Duration.ofSeconds(2))) {
            for (int i = 0; i < 5; i++) {
                elapse(Duration.ofSeconds(1));
                p.advance(1);
            }
        }
        assertThat(two.toString().lines()).containsExactly(
                "import: 2/10 items, 1.0/s, ETA 8s", "import: 4/10 items, 1.0/s, ETA 6s");
    }

    @Test
    void durationsReadAsAPersonWritesThem() {
        assertThat(Progress.duration(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(Progress.duration(Duration.ofSeconds(155))).isEqualTo("2m35s");
        assertThat(Progress.duration(Duration.ofMinutes(135))).isEqualTo("2h15m");
    }
}
