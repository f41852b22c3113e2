package guides.projections;

/** An event of docs/projections.md. */
public record OrderCancelled(String reason) {}
