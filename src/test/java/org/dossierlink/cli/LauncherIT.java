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
        assertThat(flagsAndOutput("", "--version")).contains("-XX:+UseParallelGC").contains("-XX:InlineSmallCode=1000")
                .contains("-XX:FreqInlineSize=160").contains("dossierlink ");
        assertThat(flagsAndOutput("", "import", "--help")).contains("-XX:+UseParallelGC")
                .contains("-XX:InlineSmallCode=1000").contains("Usage: dossierlink import");
        // a system property of the file reaches the JVM too (PrintCommandLineFlags shows -XX options only)
        assertThat(launch("-XshowSettings:properties", "--version").output()).contains("h2.objectCache = false");
    }

    @Test
    void javaOptsComesAfterThemAndWins() throws Exception {
        assertThat(flagsAndOutput("-XX:InlineSmallCode=2500", "--version")).contains("-XX:InlineSmallCode=2500")
                .doesNotContain("-XX:InlineSmallCode=1000").contains("-XX:FreqInlineSize=160");
    }

    @Test
    void serveKeepsTheJvmsDefaults() throws Exception {
        assertThat(flagsAndOutput("", "serve", "--help")).doesNotContain("UseParallelGC")
                .doesNotContain("InlineSmallCode").contains("Usage: dossierlink serve");
    }

    @Test
    void aCollectorNamedInJavaOptsWins() throws Exception {
        assertThat(flagsAndOutput("-XX:+UseSerialGC", "--version")).contains("-XX:+UseSerialGC")
                .doesNotContain("UseParallelGC").contains("-XX:InlineSmallCode=1000");
        // other -XX:+Use... options and GC logging name no collector
        assertThat(flagsAndOutput("-XX:+UseCompressedOops -XX:+PrintGC", "--version")).contains("-XX:+UseParallelGC");
    }

    /** The launcher run with {@code javaOpts} and -XX:+PrintCommandLineFlags: the JVM's flags and the output. */
    private static String flagsAndOutput(String javaOpts, String... args) throws IOException, InterruptedException {
        Run run = launch((javaOpts + " -XX:+PrintCommandLineFlags").trim(), args);
        assertThat(run.exit).as(run.output).isZero();
        return run.output;
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
