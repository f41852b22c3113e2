package io.rillflow.cli;

import static io.rillflow.cli.OutputOptions.row;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rillflow.Store;
import io.rillflow.admin.ExplainedQuery;
import io.rillflow.admin.IndexAdvice;
import io.rillflow.documents.IndexDefinition;
import io.rillflow.sql.SqlType;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code docs index-advisor|explain-sql}: how a filter on a document field is planned, and the {@code @Index} that
 * would serve it, from the database's statistics and {@code EXPLAIN} (nothing is executed or changed).
 */
final class DocsAdvisorCommands {
    private static final ObjectMapper JSON =
            new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private DocsAdvisorCommands() {}

    /** The document table and field, and how the field compares. */
    static class Field {
        @Parameters(index = "0", paramLabel = "NAME", description = "The document table: rf_doc_<NAME>.")
        String name;

        @Option(
                names = "--field",
                required = true,
                paramLabel = "PATH",
                description = {"The dotted field path.", "Example: --field=address.city"})
        String field;

        @Option(
                names = "--type",
                paramLabel = "TYPE",
                description = {
                    "How the field's values compare (${COMPLETION-CANDIDATES}); by default inferred from the stored"
                            + " values (numbers, booleans, else text), or from the document class with --classpath."
                            + " Give dates and times explicitly.",
                    "Example: --type=TIMESTAMPTZ"
                })
        SqlType type;
    }

    @Command(
            name = "index-advisor",
            description = {
                "Advises on indexing a document field: the table's sequential and index scans (pg_stat_user_tables),"
                        + " each index's use (an index never scanned that enforces nothing is flagged unused), the"
                        + " statements pg_stat_statements recorded on the table when it is installed, and the plan of"
                        + " the filter a typed query on the field runs. Suggests the @Index annotation and the DDL"
                        + " schema sync creates for it; with --classpath, the field's type comes from the document"
                        + " class and its declared indexes are listed. Changes nothing."
            },
            footerHeading = "%nExamples:%n",
            footer = {
                "  rillflow docs index-advisor product --field=sku",
                "  rillflow docs index-advisor product --field=tags --gin --output=json"
            })
    static final class IndexAdvisor implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection;

        @Mixin
        OutputOptions output;

        @Mixin
        Field target;

        @Option(
                names = "--gin",
                description = "Advise a GIN index (containment in an array or object) instead of a B-tree one;"
                        + " by default chosen from the stored values.")
        boolean gin;

        @Option(
                names = "--classpath",
                paramLabel = "PATH",
                description = {
                    "The application's jars and class directories, as for java -cp: the field's type is read from its"
                            + " document class, and the indexes it declares are listed.",
                    "Example: --classpath='target/app.jar:target/lib/*'"
                })
        String classpath;

        @Override
        public Integer call() {
            IndexDefinition.Kind kind = gin ? IndexDefinition.Kind.GIN : null;
            SqlType type = target.type;
            List<String> declared = List.of();
            if (classpath != null) {
                DeclaredDocumentField found =
                        DeclaredDocumentField.read(ApplicationClasspath.of(classpath), target.name, target.field);
                declared = found.indexes();
                if (type == null) {
                    type = found.type();
                }
                if (kind == null) {
                    kind = found.kind();
                }
            }
            try (Store store = connection.openStore()) {
                IndexAdvice advice = store.admin().adviseIndex(target.name, target.field, kind, type);
                PrintWriter out = spec.commandLine().getOut();
                if (output.json()) {
                    output.print(out, List.of("field"), List.of(json(advice, declared)));
                } else {
                    report(out, advice, declared);
                }
                return 0;
            }
        }

        /** Every field of the advice, snake_case, with each index's {@code unused} flag and {@code missing}. */
        private static Map<String, Object> json(IndexAdvice advice, List<String> declared) {
            ArrayNode indexes = JSON.createArrayNode();
            for (IndexAdvice.IndexUsage index : advice.indexes()) {
                ObjectNode node = JSON.valueToTree(index);
                indexes.add(node.put("unused", index.unused()));
            }
            return row(
                    "document", advice.document(),
                    "field", advice.field(),
                    "kind", advice.kind(),
                    "sequential_scans", advice.sequentialScans(),
                    "index_scans", advice.indexScans(),
                    "live_rows", advice.liveRows(),
                    "sql", advice.explained().sql(),
                    "value", advice.explained().value(),
                    "plan", advice.explained().plan(),
                    "sequential_scan", advice.explained().sequentialScan(),
                    "covered_by", advice.coveredBy(),
                    "missing", advice.missing(),
                    "annotation", advice.annotation(),
                    "ddl", advice.ddl(),
                    "declared", JSON.valueToTree(declared),
                    "findings", JSON.valueToTree(advice.findings()),
                    "indexes", indexes,
                    "statement_statistics", advice.statementStatistics(),
                    "statements", JSON.valueToTree(advice.statements()));
        }

        private static void report(PrintWriter out, IndexAdvice advice, List<String> declared) {
            out.println("Field:       " + advice.field() + " of rf_doc_" + advice.document() + " (" + advice.liveRows()
                    + " live rows; " + advice.sequentialScans() + " sequential scans, " + advice.indexScans()
                    + " index scans)");
            out.println("Filter:      " + advice.explained().sql() + "   -- ? = "
                    + advice.explained().value());
            out.println("Plan:");
            advice.explained().plan().lines().forEach(line -> out.println("  " + line));
            out.println("Suggested:   " + advice.annotation());
            out.println("DDL:         " + advice.ddl());
            declared.forEach(index -> out.println("Declared:    " + index));
            out.println("Findings:");
            advice.findings().forEach(finding -> out.println("  - " + finding));
            out.println("Indexes:");
            for (IndexAdvice.IndexUsage index : advice.indexes()) {
                out.println("  " + index.name() + "  scans=" + index.scans() + (index.unused() ? "  UNUSED" : "") + "  "
                        + index.definition());
            }
            if (!advice.statements().isEmpty()) {
                out.println("Statements (pg_stat_statements):");
                for (IndexAdvice.StatementUsage s : advice.statements()) {
                    out.println(String.format(
                            "  calls=%d mean=%.2fms total=%.1fms  %s",
                            s.calls(),
                            s.meanMillis(),
                            s.totalMillis(),
                            s.query().replaceAll("\\s+", " ")));
                }
            }
            out.flush();
        }
    }

    @Command(
            name = "explain-sql",
            description = {
                "Prints the filter a typed query runs for a field equal to a value (--equals) or containing JSON"
                        + " (--contains), on the live documents of rf_doc_NAME, and PostgreSQL's plan for it (EXPLAIN;"
                        + " nothing is executed)."
            },
            footerHeading = "%nExamples:%n",
            footer = {
                "  rillflow docs explain-sql product --field=sku --equals=SKU-1042",
                "  rillflow docs explain-sql product --field=tags --contains='[\"sale\"]' --output=json"
            })
    static final class ExplainSql implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection;

        @Mixin
        OutputOptions output;

        @Mixin
        Field target;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Comparison comparison;

        /** What the field is compared with. */
        static final class Comparison {
            @Option(
                    names = "--equals",
                    paramLabel = "VALUE",
                    description = {"The field equals VALUE (compared as --type).", "Example: --equals=SKU-1042"})
            String equals;

            @Option(
                    names = "--contains",
                    paramLabel = "JSON",
                    description = {"The field (an array or object) contains JSON.", "Example: --contains='[\"sale\"]'"})
            String contains;
        }

        @Override
        public Integer call() {
            boolean gin = comparison.contains != null;
            try (Store store = connection.openStore()) {
                ExplainedQuery explained = store.admin()
                        .explainFilter(
                                target.name,
                                target.field,
                                gin ? IndexDefinition.Kind.GIN : IndexDefinition.Kind.BTREE,
                                target.type,
                                gin ? comparison.contains : comparison.equals);
                PrintWriter out = spec.commandLine().getOut();
                if (output.json()) {
                    output.print(
                            out,
                            List.of("sql", "value", "plan", "sequential_scan"),
                            List.of(row(
                                    "sql", explained.sql(),
                                    "value", explained.value(),
                                    "plan", explained.plan(),
                                    "sequential_scan", explained.sequentialScan())));
                } else {
                    out.println(explained.sql() + "   -- ? = " + explained.value());
                    out.println(explained.plan());
                    out.flush();
                }
                return 0;
            }
        }
    }
}
