package io.rillflow.metrics.internal;

/** The metrics of a store without a meter registry: no meters, and the slow statement log if one was asked for. */
final class Unmetered implements StoreMetrics {
    private final SlowQueryLog slow;

    Unmetered(SlowQueryLog slow) {
        this.slow = slow;
    }

    @Override
    public boolean timesStatements() {
        return slow != null;
    }

    @Override
    public void statement(String sql, long nanos) {
        statement(sql, nanos, null);
    }

    @Override
    public void statement(String sql, long nanos, PlanSource plan) {
        if (slow != null) {
            slow.check(sql, nanos, plan);
        }
    }

    @Override
    public Documents documents(String name) {
        return Documents.NONE;
    }

    @Override
    public StoreMetrics forTenant(String tenant) {
        return this;
    }

    @Override
    public void appended(int events) {}

    @Override
    public void appendConflict() {}

    @Override
    public Projection projection(String name) {
        return Projection.NONE;
    }

    @Override
    public Subscription subscription(String name, String group) {
        return Subscription.NONE;
    }

    @Override
    public Object registry() {
        return null;
    }
}
