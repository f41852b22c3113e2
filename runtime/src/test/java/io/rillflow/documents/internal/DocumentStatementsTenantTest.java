package io.rillflow.documents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.internal.TenantColumn;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The statements of a document table name the tenant wherever they touch rows in a conjoined schema, and are the
 * statements of a table without tenancy otherwise (so a single-tenant store sends the text it always sent).
 */
class DocumentStatementsTenantTest {
    private static final DocumentStatements SINGLE =
            new DocumentStatements("public", "note", "uuid", TenantColumn.NONE);
    private static final DocumentStatements ACME =
            new DocumentStatements("public", "note", "uuid", new TenantColumn("acme"));

    /** The methods returning names rather than statements. */
    private static final Set<String> NAMES = Set.of("name", "table", "quotedSchema");

    /** Every statement of {@code sql}, by method name. */
    private static Map<String, String> statements(DocumentStatements sql) throws Exception {
        Map<String, String> all = new LinkedHashMap<>();
        for (Method m : DocumentStatements.class.getDeclaredMethods()) {
            if (m.getReturnType() == String.class && m.getParameterCount() == 0 && !NAMES.contains(m.getName())) {
                m.setAccessible(true);
                all.put(m.getName(), (String) m.invoke(sql));
            }
        }
        all.put("patch", sql.patch(2, true));
        return all;
    }

    @Test
    void singleTenantStatementsAreThoseOfATableWithoutTenancy() throws Exception {
        assertThat(statements(SINGLE).values()).noneMatch(s -> s.contains("tenant"));
        assertThat(SINGLE.get())
                .isEqualTo("select data::text, version from \"public\".\"rf_doc_note\" where id = ? and deleted_at is"
                        + " null");
        assertThat(SINGLE.upsert())
                .startsWith("insert into \"public\".\"rf_doc_note\" as d (id, data) values (?,"
                        + " ?::jsonb) on conflict (id) do update");
        assertThat(SINGLE.copyRow("1", "{}")).containsExactly("1", "{}");
    }

    @Test
    void everyConjoinedStatementNamesTheTenantOnEachTableItReadsOrWrites() throws Exception {
        Map<String, String> all = statements(ACME);
        assertThat(all).hasSizeGreaterThan(20);
        all.forEach((name, sql) -> {
            int tables = count(sql, Pattern.compile("\"rf_doc_note\"( as d| l)?"));
            if (name.equals("createTable")) {
                assertThat(sql).contains("tenant_id text not null default '*DEFAULT*'", "primary key (tenant_id, id)");
            } else if (name.equals("copyIn")) {
                assertThat(sql).contains("(tenant_id, id, data)");
            } else {
                // Each use of the table, and each write from a selection of ids, is bound to the tenant.
                assertThat(count(sql, Pattern.compile("tenant_id = 'acme'|'acme', ")))
                        .as(name + ": " + sql)
                        .isGreaterThanOrEqualTo(tables);
            }
            if (sql.contains("on conflict")) {
                assertThat(sql).as(name).contains("on conflict (tenant_id, id)");
            }
        });
        assertThat(ACME.copyRow("1", "{}")).containsExactly("acme", "1", "{}");
    }

    private static int count(String sql, Pattern pattern) {
        Matcher m = pattern.matcher(sql);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
