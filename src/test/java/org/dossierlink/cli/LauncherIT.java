package org.dossierlink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./dossierlink} launcher at the repository's root, run for real on the packaged jar: the JVM
 * options it gives each command, from {@code conf/batch-jvm.options} (the JVM prints its own flags with
 * {@code -XX:+PrintCommandLineFlags}).
 */
class LauncherIT {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path JAR = ROOT.resolve("target/dossierlink.jar");

    @BeforeAll
    static void packaged() {
        assertThat(JAR).as("the integration tests run after mvn package").exists();
    }

    @Test
    void batchCommandsRunWithTheOptionsOfConfBatchJvmOptions() throws Exception {
        Run run = launch("-XX:+PrintCommandLineFlags", "--version");
        assertThat(run.exit).isZero();
        assertThat(run.output).contains("-XX:+UseParallelGC").contains("-XX:InlineSmallCode=1000")
                .contains("-XX:FreqInlineSize=160").contains("dossierlink ");

        Run importHelp = launch("-XX:+PrintCommandLineFlags", "import", "--help");
        assertThat(importHelp.exit).isZero();
        assertThat(importHelp.output).contains("-XX:+UseParallelGC").contains("-XX:InlineSmallCode=1000")
                .contains("Usage: dossierlink import");
    }

    @Test
    void javaOptsComesAfterThemAndWins() throws Exception {
        Run run = launch("-XX:InlineSmallCode=2500 -XX:+PrintCommandLineFlags", "--version");
        assertThat(run.exit).isZero();
        assertThat(run.output).contains("-XX:InlineSmallCode=2500").doesNotContain("-XX:InlineSmallCode=1000")
                .contains("-XX:FreqInlineSize=160");
    }

    @Test
    void serveKeepsTheJvmsDefaultCollector() throws Exception {
        Run run = launch("-XX:+PrintCommandLineFlags", "serve", "--help");
        assertThat(run.exit).isZero();
        assertThat(run.output).doesNotContain("UseParallelGC").doesNotContain("InlineSmallCode")
                .contains("Usage: dossierlink serve");
    }

    @Test
    void aCollectorNamedInJavaOptsWins() throws Exception {
        Run run = launch("-XX:+UseSerialGC -XX:+PrintCommandLineFlags", "--version");
        assertThat(run.exit).isZero();
        assertThat(run.output).contains("-XX:+UseSerialGC").doesNotContain("UseParallelGC")
                .contains("-XX:InlineSmallCode=1000");

        // other -XX:+Use... options and GC logging name no collector
        Run other = launch("-XX:+UseCompressedOops -XX:+PrintCommandLineFlags -XX:+PrintGC", "--version");
        assertThat(other.exit).isZero();
        assertThat(other.output).contains("-XX:+UseParallelGC");
    }

    private record Run(int exit, String output) {
    }

    private static Run launch(String javaOpts, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(ROOT.resolve("dossierlink").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("launcher", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().put("JAVA_OPTS", javaOpts);
            pb.environment().put("DOSSIERLINK_JAR", JAR.toString());
            Process p = pb.start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the launcher ends").isTrue();
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
