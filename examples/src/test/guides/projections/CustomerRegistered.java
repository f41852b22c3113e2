package guides.projections;

import java.util.UUID;

/** An event of docs/projections.md. */
public record CustomerRegistered(UUID customerId, String name) {}
