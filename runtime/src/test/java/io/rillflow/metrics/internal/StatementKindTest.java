package io.rillflow.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code kind} tag of the statement timer, from the statement's text. */
class StatementKindTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "select body from t where id = ?|SELECT",
                "  SELECT 1|SELECT",
                "(select 1) union (select 2)|SELECT",
                "insert into t values (?)|INSERT",
                "update t set v = ?|UPDATE",
                "delete from t|DELETE",
                "copy t from stdin|COPY",
                "with c as (insert into e select 1 returning 1) select * from c|INSERT",
                "with x as (select 1) update t set v = 1|UPDATE",
                "with x as (select 1) select * from x|SELECT",
                "set local statement_timeout = 0|OTHER",
                "commit|OTHER"
            })
    void theKindIsTheFirstKeywordOrTheChangeAWithMakes(String sql, StatementKind kind) {
        assertThat(StatementKind.classify(sql)).isEqualTo(kind);
    }
}
