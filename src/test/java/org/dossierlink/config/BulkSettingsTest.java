package org.dossierlink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BulkSettingsTest {

    @Test
    void theDefaultsPutTheWorkFolderInTheDataFolder(@TempDir Path dir) {
        NodeConfig config = NodeConfig.fromMap(Map.of(), k -> null).with(null, dir);
        assertThat(config.bulk()).isEqualTo(BulkSettings.defaults());
        assertThat(config.bulkWorkDir()).isEqualTo(dir.resolve("bulk"));
        assertThat(config.bulk().maxPackageBytes()).isEqualTo(4L * 1024 * 1024 * 1024);
        assertThat(config.bulk().concurrentImports()).isEqualTo(1);
        assertThat(config.bulk().queueLimit()).isEqualTo(16);
    }

    @Test
    void everyKeyIsReadAndTheEnvironmentOverridesIt(@TempDir Path dir) {
        NodeConfig config = NodeConfig.fromMap(Map.of("bulk.work-dir", dir.resolve("spool").toString(),
                "bulk.max-package-bytes", "1048576", "bulk.concurrent-imports", "2", "bulk.queue-limit", "3"),
                k -> k.equals("DOSSIERLINK_BULK_QUEUE_LIMIT") ? "5" : null);
        assertThat(config.bulkWorkDir()).isEqualTo(dir.resolve("spool"));
        assertThat(config.with(null, dir.resolve("other")).bulkWorkDir()).isEqualTo(dir.resolve("spool"));
        assertThat(config.bulk()).isEqualTo(new BulkSettings(dir.resolve("spool"), 1048576, 2, 5));
    }

    @Test
    void badValuesAreEachReportedWithTheKeyAndTheRange() {
        assertThatThrownBy(() -> NodeConfig.fromMap(Map.of("bulk.max-package-bytes", "lots",
                "bulk.concurrent-imports", "0", "bulk.queue-limit", "-1"), k -> null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("<test>: bulk.max-package-bytes must be a number from 1024 to")
                .hasMessageContaining("found 'lots'")
                .hasMessageContaining("<test>: bulk.concurrent-imports must be a number from 1 to 8, found '0'")
                .hasMessageContaining("<test>: bulk.queue-limit must be a number from 1 to 10000, found '-1'");
        assertThatThrownBy(() -> NodeConfig.fromMap(Map.of("bulk.concurrent-imports", "3"),
                k -> k.equals("DOSSIERLINK_BULK_CONCURRENT_IMPORTS") ? "9" : null))
                .hasMessageContaining("environment variable DOSSIERLINK_BULK_CONCURRENT_IMPORTS: bulk.concurrent-imports");
    }
}
