package org.dossierlink.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class StoreConfigTest {

    @Test
    void embeddedStoresPoolOneConnectionPerCorePlusOne() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(new StoreConfig(StoreConfig.h2Url(Path.of("data")), null, null).maxPoolSize()).isEqualTo(cores + 1);
        assertThat(new StoreConfig("jdbc:postgresql://db/x", null, null).maxPoolSize())
                .isEqualTo(StoreConfig.DEFAULT_POOL_SIZE);
    }

    @Test
    void pageCacheIsAQuarterOfTheHeapWithinBounds() {
        assertThat(StoreConfig.h2CacheKilobytes(256L << 20)).isEqualTo(64L * 1024);
        assertThat(StoreConfig.h2CacheKilobytes(4L << 30)).isEqualTo(1024L * 1024);
        assertThat(StoreConfig.h2CacheKilobytes(64L << 30)).isEqualTo(2L * 1024 * 1024);
    }
}
