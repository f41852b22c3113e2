package guides.queries;

import io.rillflow.annotations.Document;
import io.rillflow.annotations.Id;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The document docs/queries.md's interface asks about. */
@Document
public record Customer(
        @Id UUID id,
        String email,
        String status,
        int age,
        Address address,
        List<String> tags,
        Tier tier,
        Instant since) {
    /** A nested record: {@code existsByAddressCity}. */
    public record Address(String street, String city) {}
}
