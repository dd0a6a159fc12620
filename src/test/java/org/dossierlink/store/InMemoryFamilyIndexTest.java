package org.dossierlink.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dossierlink.dossier.TestDossiers.claiming;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.dossierlink.bulk.PackageForm;
import org.dossierlink.bulk.PackageIdentity;
import org.dossierlink.bulk.StagedRecord;
import org.dossierlink.dossier.Dossier;
import org.dossierlink.dossier.DossierStore.PriorityLinks;
import org.dossierlink.dossier.PriorityIndex;
import org.dossierlink.dossier.TestDossiers;
import org.dossierlink.family.Family;
import org.dossierlink.family.FamilyLookup;
import org.dossierlink.family.FamilyType;
import org.dossierlink.number.NormalizedNumber;
import org.dossierlink.number.NumberType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The family index in memory of an embedded store answers exactly as the database's index does, on
 * randomised graphs, and follows every write at once: single saves, chunks, bulk import items,
 * replacements whose claims change; not rolled-back ones; readers never see half a transaction.
 */
class InMemoryFamilyIndexTest {

    private static final String[] OFFICES = {"EP", "US", "JP", "GB", "CN"};

    private StoreConfig config;
    /** Answers family reads from memory. */
    private JdbcDossierStore memory;
    /** The same database, answering family reads from its tables. */
    private JdbcDossierStore sql;

    @BeforeEach
    void open() throws InterruptedException {
        config = new StoreConfig("jdbc:h2:mem:family-index-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null);
        memory = JdbcDossierStore.open(config);
        sql = JdbcDossierStore.open(config, false);
        assertThat(memory.awaitFamilyIndex(30, TimeUnit.SECONDS)).isTrue();
        assertThat(memory.familyIndexStatus()).startsWith("family index in memory: 0 applications");
    }

    @AfterEach
    void close() {
        sql.close();
        memory.close();
    }

    @Test
    void embedded_h2_keeps_the_index_in_memory_and_shared_stores_read_the_database() {
        assertThat(new StoreConfig("jdbc:h2:file:/srv/d/dossierlink;AUTO_SERVER=FALSE", null, null).familyIndexInMemory()).isTrue();
        assertThat(new StoreConfig("jdbc:h2:mem:x", null, null).familyIndexInMemory()).isTrue();
        assertThat(new StoreConfig("jdbc:h2:/srv/d/dossierlink", null, null).familyIndexInMemory()).isTrue();
        assertThat(new StoreConfig("jdbc:h2:file:/srv/d/dossierlink;AUTO_SERVER=TRUE", null, null).familyIndexInMemory()).isFalse();
        assertThat(new StoreConfig("jdbc:h2:tcp://db/dossierlink", null, null).familyIndexInMemory()).isFalse();
        assertThat(new StoreConfig("jdbc:h2:ssl://db/dossierlink", null, null).familyIndexInMemory()).isFalse();
        assertThat(new StoreConfig("jdbc:postgresql://db/dossierlink", null, null).familyIndexInMemory()).isFalse();
    }

    @Test
    void random_graphs_give_the_same_links_and_families_from_memory_and_from_the_database() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            Random random = new Random(seed);
            List<String> apps = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                apps.add(OFFICES[random.nextInt(OFFICES.length)] + (seed * 100_000 + i));
            }
            List<String> pool = new ArrayList<>(apps.subList(0, 40));           // first filings, some stored
            for (int i = 0; i < 15; i++) {
                pool.add("DE" + (seed * 100_000 + 90_000 + i));                // priorities never stored
            }
            List<String> hubs = pool.subList(0, 4);                               // claimed by many
            List<Dossier> first = new ArrayList<>();
            for (String app : apps) {
                first.add(randomDossier(random, app, pool, hubs));
            }
            // some one by one, the rest in chunks
            for (Dossier d : first.subList(0, 40)) {
                memory.save(d);
            }
            memory.saveAll(first.subList(40, first.size()));
            // replacements: new claims for a fifth of them, single and chunked
            List<Dossier> replaced = new ArrayList<>();
            for (String app : apps) {
                if (random.nextInt(5) == 0) {
                    replaced.add(randomDossier(random, app, pool, hubs));
                }
            }
            memory.save(replaced.get(0));
            memory.saveAll(replaced.subList(1, replaced.size()));

            assertSameIndex(random, apps, pool);
            assertSameFamilies(apps, pool);
        }
    }

    /** Cycles, hubs, self claims, inactive and repeated claims, unknown priorities, and applications claiming none. */
    private static Dossier randomDossier(Random random, String app, List<String> pool, List<String> hubs) {
        TestDossiers d = TestDossiers.of(app);
        int shape = random.nextInt(10);
        if (shape < 3) {
            return d.build();
        }
        int claims = 1 + random.nextInt(4);
        for (int i = 0; i < claims; i++) {
            String key = switch (random.nextInt(6)) {
                case 0 -> hubs.get(random.nextInt(hubs.size()));
                case 1 -> app;
                default -> pool.get(random.nextInt(pool.size()));
            };
            d.claim(key, random.nextInt(8) != 0);
        }
        return d.build();
    }

    private void assertSameIndex(Random random, List<String> apps, List<String> pool) {
        PriorityIndex db = memory.sqlPriorityIndex();
        List<String> every = new ArrayList<>(apps);
        every.addAll(pool);
        every.add("FR1");
        for (String key : every) {
            assertThat(memory.linksByPriorities(List.of(key))).as("links by %s", key).isEqualTo(db.linksByPriorities(List.of(key)));
            assertThat(memory.linksByApplications(List.of(key))).isEqualTo(db.linksByApplications(List.of(key)));
        }
        for (int i = 0; i < 200; i++) {
            Set<String> some = new HashSet<>();
            for (int k = random.nextInt(12); k >= 0; k--) {
                some.add(every.get(random.nextInt(every.size())));
            }
            assertThat(memory.linksByPriorities(some)).isEqualTo(db.linksByPriorities(some));
            assertThat(memory.linksByApplications(some)).isEqualTo(db.linksByApplications(some));
        }
    }

    private void assertSameFamilies(List<String> apps, List<String> pool) {
        for (int maxMembers : new int[] {5000, 7}) {
            FamilyLookup fromMemory = new FamilyLookup(memory, maxMembers);
            FamilyLookup fromDatabase = new FamilyLookup(sql, maxMembers);
            for (String app : apps) {
                for (FamilyType type : FamilyType.values()) {
                    NormalizedNumber n = number(app, NumberType.APPLICATION);
                    assertThat(fromMemory.lookup(n, type)).as("%s family of %s", type, app).isEqualTo(fromDatabase.lookup(n, type));
                }
            }
            for (String priority : pool) {
                NormalizedNumber n = number(priority, NumberType.PRIORITY);
                for (FamilyType type : FamilyType.values()) {
                    Family expected;
                    try {
                        expected = fromDatabase.lookup(n, type);
                    } catch (org.dossierlink.NotFoundException e) {
                        assertThatThrownBy(() -> fromMemory.lookup(n, type)).isInstanceOf(org.dossierlink.NotFoundException.class);
                        continue;
                    }
                    assertThat(fromMemory.lookup(n, type)).isEqualTo(expected);
                }
            }
        }
    }

    private static NormalizedNumber number(String key, NumberType type) {
        return new NormalizedNumber(key.substring(0, 2), key.substring(2), null, type, key, null);
    }

    private List<String> extended(JdbcDossierStore store, String key) {
        return new FamilyLookup(store).lookup(number(key, NumberType.APPLICATION), FamilyType.EXTENDED).applicationKeys();
    }

    private List<String> simple(JdbcDossierStore store, String key) {
        return new FamilyLookup(store).lookup(number(key, NumberType.APPLICATION), FamilyType.SIMPLE).applicationKeys();
    }

    @Test
    void every_write_is_in_the_next_lookup() {
        memory.saveAll(List.of(claiming("EP1"), claiming("GB2"), claiming("US3", "EP1")));
        assertThat(extended(memory, "EP1")).containsExactly("EP1", "US3");

        memory.save(claiming("JP4", "EP1"));                                 // a single save
        assertThat(extended(memory, "EP1")).containsExactly("EP1", "JP4", "US3");

        memory.save(claiming("US3", "GB2"));                                 // a replacement moving its claim
        assertThat(extended(memory, "EP1")).containsExactly("EP1", "JP4");
        assertThat(simple(memory, "GB2")).containsExactly("GB2", "US3");

        memory.save(TestDossiers.of("JP4").claim("EP1", false).build());      // its claim made inactive
        assertThat(extended(memory, "EP1")).containsExactly("EP1");
        assertThat(simple(memory, "JP4")).containsExactly("JP4");

        List<Dossier> many = new ArrayList<>();                              // several chunks in one call
        for (int i = 0; i < JdbcDossierStore.CHUNK + 10; i++) {
            many.add(claiming("CN" + (1000 + i), "GB2"));
        }
        memory.saveAll(many);
        assertThat(extended(memory, "GB2")).hasSize(JdbcDossierStore.CHUNK + 12).contains("CN1000", "CN3009", "US3");
        assertThat(extended(memory, "CN1000")).isEqualTo(extended(sql, "CN1000"));
    }

    @Test
    void a_bulk_import_item_is_in_the_next_lookup() {
        memory.save(claiming("EP1"));
        JdbcImportLedger ledger = new JdbcImportLedger(memory);
        ledger.begin("t1", new PackageIdentity(PackageForm.CONCATENATED, null, "00".repeat(32)), "EP", 2L, Instant.now());
        ledger.commit("t1", 1, "item-1", List.of(new StagedRecord(claiming("US5", "EP1"), List.of()),
                new StagedRecord(claiming("JP6", "US5"), List.of())));
        assertThat(extended(memory, "EP1")).containsExactly("EP1", "JP6", "US5");
        ledger.commit("t1", 2, "item-2", List.of(new StagedRecord(claiming("US5"), List.of())));
        assertThat(extended(memory, "EP1")).containsExactly("EP1");
        assertThat(extended(memory, "US5")).containsExactly("US5", "JP6").isEqualTo(extended(sql, "US5"));
        // the items of a run on the run's own connection
        ledger.begin("t2", new PackageIdentity(PackageForm.CONCATENATED, null, "11".repeat(32)), "EP", 2L, Instant.now());
        try (var items = ledger.items("t2")) {
            items.commit(1, "item-1", List.of(new StagedRecord(claiming("KR7", "EP1"), List.of())));
            assertThat(extended(memory, "EP1")).containsExactly("EP1", "KR7");
            items.commit(2, "item-2", List.of(new StagedRecord(claiming("KR7", "US5"), List.of())));
            assertThat(extended(memory, "EP1")).containsExactly("EP1");
            assertThat(extended(memory, "US5")).containsExactly("US5", "JP6", "KR7").isEqualTo(extended(sql, "US5"));
        }
    }

    @Test
    void a_store_opened_without_an_index_reads_the_database_and_feeds_the_index_of_this_process() throws Exception {
        try (JdbcDossierStore batch = JdbcDossierStore.openWithoutFamilyIndex(config)) {
            assertThat(batch.awaitFamilyIndex(1, TimeUnit.SECONDS)).isFalse();
            assertThat(batch.familyIndexStatus()).isEqualTo("family index read from the database (a store opened without the index in memory)");
            // its writes, single, chunked and bulk items, reach the index the serving store keeps
            batch.saveAll(List.of(claiming("EP1"), claiming("US3", "EP1")));
            batch.save(claiming("JP4", "EP1"));
            JdbcImportLedger ledger = new JdbcImportLedger(batch);
            ledger.begin("t", new PackageIdentity(PackageForm.CONCATENATED, null, "22".repeat(32)), "EP", 2L, Instant.now());
            try (var items = ledger.items("t")) {
                items.commit(1, "item-1", List.of(new StagedRecord(claiming("KR7", "EP1"), List.of())));
                items.commit(2, "item-2", List.of(new StagedRecord(claiming("US3", "GB2"), List.of())));
            }
            assertThat(extended(memory, "EP1")).containsExactly("EP1", "JP4", "KR7").isEqualTo(extended(sql, "EP1"));
            assertThat(extended(batch, "EP1")).containsExactly("EP1", "JP4", "KR7");
            assertThat(simple(memory, "US3")).containsExactly("US3").isEqualTo(simple(batch, "US3"));
        }
        // with no serving store open, nothing is kept in memory and lookups still answer from the database
        memory.close();
        try (JdbcDossierStore batch = JdbcDossierStore.openWithoutFamilyIndex(config)) {
            batch.save(claiming("CN9", "EP1"));
            assertThat(extended(batch, "EP1")).containsExactlyInAnyOrder("CN9", "EP1", "JP4", "KR7");
            assertThat(InMemoryFamilyIndex.opened(config.jdbcUrl())).isNull();
        } finally {
            memory = JdbcDossierStore.open(config);
        }
        assertThat(memory.awaitFamilyIndex(30, TimeUnit.SECONDS)).isTrue();
        assertThat(extended(memory, "EP1")).containsExactlyInAnyOrder("CN9", "EP1", "JP4", "KR7");
    }

    @Test
    void a_rolled_back_write_leaves_the_index_as_it_was() {
        memory.save(claiming("EP1"));
        assertThatThrownBy(() -> memory.inTransaction("a failing write", c -> {
            memory.save(c, claiming("US7", "EP1"));
            memory.save(c, claiming("EP1", "GB9"));
            throw new SQLException("rolled back on purpose");
        })).isInstanceOf(StoreException.class);
        assertThat(memory.linksByApplications(List.of("US7", "EP1")))
                .containsExactly(new PriorityLinks("EP1", List.of()));
        assertThat(extended(memory, "EP1")).containsExactly("EP1").isEqualTo(extended(sql, "EP1"));
        // a chunk is one transaction: a failing record keeps the whole chunk out
        assertThatThrownBy(() -> memory.saveAll(List.of(claiming("US8", "EP1"),
                TestDossiers.of("US9").claim("EP 1", true).build())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(extended(memory, "EP1")).containsExactly("EP1");
    }

    @Test
    void readers_see_a_transaction_whole_or_not_at_all() throws Exception {
        memory.saveAll(List.of(claiming("EP1", "DE0"), claiming("US2", "DE0")));
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> writer = pool.submit(() -> {
                try {
                    for (int k = 1; k <= 100; k++) {
                        memory.saveAll(List.of(claiming("EP1", "DE" + k), claiming("US2", "DE" + k)));
                    }
                } finally {
                    writing.set(false);
                }
                return null;
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    int reads = 0;
                    while (writing.get() || reads == 0) {
                        List<PriorityLinks> both = memory.readPriorityIndex(index -> {
                            List<PriorityLinks> links = index.linksByApplications(List.of("EP1", "US2"));
                            // the claimants of EP1's priority, read in the same state: both applications
                            assertThat(index.linksByPriorities(links.get(0).priorityKeys())).hasSize(2);
                            return links;
                        });
                        assertThat(both.get(0).priorityKeys()).isEqualTo(both.get(1).priorityKeys());
                        reads++;
                    }
                    return reads;
                }));
            }
            writer.get(60, TimeUnit.SECONDS);
            for (Future<Integer> reader : readers) {
                assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(memory.linksByApplications(List.of("EP1")).get(0).priorityKeys()).containsExactly("DE100");
    }

    @Test
    void writes_committed_while_the_index_is_built_are_in_it() throws Exception {
        memory.saveAll(List.of(claiming("EP1"), claiming("US2", "EP1")));
        CountDownLatch gate = new CountDownLatch(1);
        DataSource source = memory.dataSource();
        DataSource gated = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        gate.await();
                    }
                    try {
                        return method.invoke(source, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        InMemoryFamilyIndex index = InMemoryFamilyIndex.open("test-" + UUID.randomUUID(), gated);
        try {
            PriorityIndex unusable = new PriorityIndex() {
                @Override
                public List<PriorityLinks> linksByPriorities(java.util.Collection<String> keys) {
                    return List.of(new PriorityLinks("SQL1", List.of()));
                }

                @Override
                public List<PriorityLinks> linksByApplications(java.util.Collection<String> keys) {
                    return List.of(new PriorityLinks("SQL1", List.of()));
                }
            };
            // while building, reads go to the database
            List<PriorityLinks> whileBuilding = index.read(i -> i.linksByApplications(List.of("EP1")), unusable);
            assertThat(whileBuilding).extracting(PriorityLinks::applicationKey).containsExactly("SQL1");
            // a change the build also reads (US2's row as it is), and one it does not (JP3, not in the table)
            index.commit(() -> { }, List.of(new InMemoryFamilyIndex.Change("US2", List.of("EP1")),
                    new InMemoryFamilyIndex.Change("JP3", List.of("US2"))));
            gate.countDown();
            assertThat(index.awaitReady(30, TimeUnit.SECONDS)).isTrue();
            List<PriorityLinks> built = index.read(i -> i.linksByPriorities(List.of("EP1", "US2")), unusable);
            assertThat(built).containsExactly(
                    new PriorityLinks("EP1", List.of()), new PriorityLinks("JP3", List.of("US2")),
                    new PriorityLinks("US2", List.of("EP1")));
            assertThat(index.summary().applications()).isEqualTo(3);
        } finally {
            gate.countDown();
            index.release();
        }
    }
}
