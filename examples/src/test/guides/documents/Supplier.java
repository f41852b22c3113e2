package guides.documents;

/** The nested record of docs/documents.md's product. */
public record Supplier(String name, String city) {}
