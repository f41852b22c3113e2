package io.rillflow.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.Store;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.Expected;
import io.rillflow.subscriptions.SubscriptionException;
import io.rillflow.subscriptions.SubscriptionFilter;
import io.rillflow.subscriptions.SubscriptionHandle;
import io.rillflow.subscriptions.SubscriptionInfo;
import io.rillflow.subscriptions.SubscriptionOptions;
import io.rillflow.subscriptions.Subscriptions;
import io.rillflow.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Subscriptions of the tenants of one conjoined store, over one log and one set of subscription tables: a tenant's
 * subscription never delivers another tenant's events, and the same subscription and group names in two tenants (and
 * the root, the default tenant) are separate subscriptions with their own checkpoints. The form that serves every
 * tenant is in {@code ConjoinedEachTenantSubscriptionTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConjoinedSubscriptionIsolationTest {
    record Noted(String text) {}

    private static final SubscriptionOptions FAST = SubscriptionOptions.defaults()
            .withPollInterval(Duration.ofMillis(50))
            .withSlots(4);

    private Store store;
    private Store acme;
    private Store globex;

    @BeforeAll
    void open() {
        store = TestDatabase.storeBuilder(getClass())
                .tenancy(TenancyStrategy.conjoined())
                .eventType("Noted", Noted.class)
                .build();
        store.tenants().ensure("acme");
        store.tenants().ensure("globex");
        acme = store.forTenant("acme");
        globex = store.forTenant("globex");
    }

    @AfterAll
    void close() {
        store.close();
    }

    /** Polls {@code handle} until it delivered {@code count} events, then once more to catch any extra. */
    private static List<EventEnvelope> drain(SubscriptionHandle handle, int count) {
        List<EventEnvelope> got = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (got.size() < count && System.nanoTime() < deadline) {
            got.addAll(handle.poll(100, Duration.ofMillis(200)));
        }
        got.addAll(handle.poll(100, Duration.ofMillis(300)));
        return got;
    }

    private static List<String> texts(List<EventEnvelope> events) {
        return events.stream().map(e -> e.as(Noted.class).text()).toList();
    }

    @Test
    void eachTenantsSubscriptionOfTheSameNameDeliversItsOwnEventsOnly() {
        UUID stream = UUID.randomUUID();
        for (Store s : List.of(store, acme, globex)) {
            s.subscriptions().create("mailer", SubscriptionFilter.all(), Subscriptions.FROM_NOW);
        }
        acme.events().append(stream, Expected.noStream(), List.of(new Noted("a1"), new Noted("a2")));
        globex.events().append(stream, Expected.noStream(), List.of(new Noted("g1")));
        store.events().append(stream, Expected.noStream(), List.of(new Noted("r1")));

        try (SubscriptionHandle a = acme.subscriptions().open("mailer", FAST);
                SubscriptionHandle g = globex.subscriptions().open("mailer", FAST);
                SubscriptionHandle r = store.subscriptions().open("mailer", FAST)) {
            List<EventEnvelope> toAcme = drain(a, 2);
            List<EventEnvelope> toGlobex = drain(g, 1);
            List<EventEnvelope> toRoot = drain(r, 1);

            assertThat(texts(toAcme)).containsExactly("a1", "a2");
            assertThat(toAcme).allSatisfy(e -> assertThat(e.tenant()).contains("acme"));
            assertThat(texts(toGlobex)).containsExactly("g1");
            assertThat(toGlobex).allSatisfy(e -> assertThat(e.tenant()).contains("globex"));
            assertThat(texts(toRoot)).containsExactly("r1");
            assertThat(toRoot).allSatisfy(e -> assertThat(e.tenant()).isEmpty());
        }

        // Each group's checkpoint, head and lag are its tenant's: acme is at its own last event, globex at its own.
        long acmeLast = acme.events().readStream(stream).get(1).globalSeq();
        long globexLast = globex.events().readStream(stream).get(0).globalSeq();
        assertThat(acme.subscriptions().status("mailer", "default").head()).isEqualTo(acmeLast);
        assertThat(globex.subscriptions().status("mailer", "default").head()).isEqualTo(globexLast);
        assertThat(acme.subscriptions().status("mailer", "default").lag()).isZero();
        assertThat(globex.subscriptions().peek("mailer", "default", 10)).isEmpty();

        // Resetting acme's group delivers acme's events again, and leaves globex's group where it was.
        acme.subscriptions()
                .reset(
                        "mailer",
                        "default",
                        acme.events().readStream(stream).get(0).globalSeq() - 1);
        assertThat(texts(acme.subscriptions().peek("mailer", "default", 10))).containsExactly("a1", "a2");
        assertThat(globex.subscriptions().peek("mailer", "default", 10)).isEmpty();
        assertThat(globex.subscriptions().status("mailer", "default").lastSeq()).isGreaterThanOrEqualTo(globexLast);

        // Pausing acme's group pauses no other tenant's group of that name.
        acme.subscriptions().pause("mailer", "default");
        assertThat(acme.subscriptions().status("mailer", "default").paused()).isTrue();
        assertThat(globex.subscriptions().status("mailer", "default").paused()).isFalse();
        assertThat(store.subscriptions().status("mailer", "default").paused()).isFalse();
    }

    @Test
    void filtersOnAliasesAndStreamTypesLookAtTheEventsOwnTenant() {
        // The same stream id in both tenants: globex names and types it, acme does not.
        UUID stream = globex.events().resolveStreamAlias("vip:1");
        globex.events()
                .builder(stream)
                .streamType("vip")
                .push(new Noted("g-vip"))
                .send();
        acme.events()
                .builder(stream)
                .streamType("plain")
                .push(new Noted("a-plain"))
                .send();

        for (Function<SubscriptionFilter, SubscriptionFilter> narrow :
                List.<Function<SubscriptionFilter, SubscriptionFilter>>of(
                        f -> f.withAliasPrefix("vip:"), f -> f.withStreamType("vip"))) {
            String name = "vip_" + UUID.randomUUID().toString().substring(0, 8);
            SubscriptionFilter filter = narrow.apply(SubscriptionFilter.all());
            acme.subscriptions().create(name, filter, 0);
            globex.subscriptions().create(name, filter, 0);
            assertThat(acme.subscriptions().peek(name, "default", 10)).isEmpty();
            assertThat(texts(globex.subscriptions().peek(name, "default", 10))).containsExactly("g-vip");
        }
    }

    @Test
    void listingCreatingAndDroppingStayWithinTheTenant() {
        acme.subscriptions().create("acme_only", SubscriptionFilter.all().withEventTypes("Noted"), 0);
        globex.subscriptions().create("acme_only", SubscriptionFilter.all(), 0); // another filter: no conflict

        assertThat(acme.subscriptions().list())
                .extracting(SubscriptionInfo::name)
                .contains("acme_only");
        assertThat(store.subscriptions().list())
                .extracting(SubscriptionInfo::name)
                .doesNotContain("acme_only");
        assertThat(acme.subscriptions().list())
                .filteredOn(i -> i.name().equals("acme_only"))
                .singleElement()
                .extracting(SubscriptionInfo::filter)
                .isEqualTo(SubscriptionFilter.all().withEventTypes("Noted"));
        assertThatThrownBy(() -> store.subscriptions().status("acme_only", "default"))
                .hasMessageContaining("acme_only");

        store.tenants().ensure("gone");
        Store gone = store.forTenant("gone");
        gone.subscriptions().create("acme_only", SubscriptionFilter.all(), 0);
        gone.subscriptions().open("acme_only", FAST).close();
        store.tenants().drop("gone", "gone");
        store.tenants().ensure("gone");
        assertThat(store.forTenant("gone").subscriptions().list()).isEmpty();
        assertThat(acme.subscriptions().list())
                .extracting(SubscriptionInfo::name)
                .contains("acme_only");
    }

    @Test
    void aSingleTenantSchemasSubscriptionsBecomeTheDefaultTenantsWhenItIsConjoined() {
        String schema = TestDatabase.freshSchema(getClass());
        UUID stream = UUID.randomUUID();
        long checkpoint;
        try (Store single = Store.builder(TestDatabase.jdbcUrl())
                .schema(schema)
                .eventType("Noted", Noted.class)
                .build()) {
            single.subscriptions().create("legacy", SubscriptionFilter.all(), 0);
            single.events().append(stream, Expected.noStream(), List.of(new Noted("old")));
            try (SubscriptionHandle h = single.subscriptions().open("legacy", FAST)) {
                assertThat(texts(drain(h, 1))).containsExactly("old");
            }
            checkpoint = single.subscriptions().status("legacy", "default").lastSeq();
        }
        try (Store conjoined = Store.builder(TestDatabase.jdbcUrl())
                .schema(schema)
                .eventType("Noted", Noted.class)
                .tenancy(TenancyStrategy.conjoined())
                .build()) {
            conjoined.tenants().ensure("acme");
            Store acmeHere = conjoined.forTenant("acme");
            assertThat(conjoined.subscriptions().status("legacy", "default").lastSeq())
                    .isEqualTo(checkpoint);
            assertThat(acmeHere.subscriptions().list()).isEmpty();
            acmeHere.events().append(stream, Expected.noStream(), List.of(new Noted("acme's")));
            conjoined.events().append(stream, Expected.any(), List.of(new Noted("new")));
            try (SubscriptionHandle h = conjoined.subscriptions().open("legacy", FAST)) {
                assertThat(texts(drain(h, 1)))
                        .as("resumed after its checkpoint, the default tenant's only")
                        .containsExactly("new");
            }
        }
    }

    @Test
    void aSubscriptionOfEveryTenantIsNotTheDefaultTenantsOfTheSameName() {
        store.subscriptions().create("audit_root", SubscriptionFilter.all(), 0);
        assertThatThrownBy(() -> store.subscriptions()
                        .subscribeEachTenant(
                                "audit_root", SubscriptionFilter.all(), 0, FAST, (tenant, event, handle) -> {}))
                .isInstanceOf(SubscriptionException.class)
                .hasMessageContaining("audit_root")
                .hasMessageContaining("every tenant");
        assertThatThrownBy(() -> acme.subscriptions()
                        .subscribeEachTenant("audit_any", SubscriptionFilter.all(), 0, FAST, (t, e, h) -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("store.forTenant(tenant).subscriptions()");
    }
}
