package guides.documents;

import io.rillflow.JsonLimits;
import io.rillflow.Store;
import io.rillflow.annotations.Document;
import io.rillflow.annotations.FullText;
import io.rillflow.annotations.Id;
import io.rillflow.annotations.Index;
import io.rillflow.documents.DocumentMetadata;
import io.rillflow.documents.DocumentVersion;
import io.rillflow.documents.StoredDocument;
import io.rillflow.query.Meta;
import io.rillflow.documents.Versioned;
import io.rillflow.query.Page;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;

/** The imports of docs/documents.md's blocks and the names its statements use. */
abstract class Guide {
    Store store;
    ProductRepository products;
    String url;
}
