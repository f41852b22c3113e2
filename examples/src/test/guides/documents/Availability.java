package guides.documents;

/** The enum of docs/documents.md's product. */
public enum Availability {
    IN_STOCK,
    SOLD_OUT
}
