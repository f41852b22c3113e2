package guides.queries;

/** An enum field of docs/queries.md's customer. */
public enum Tier {
    STANDARD,
    GOLD
}
