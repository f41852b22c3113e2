package io.rillflow.processor.queries;

import io.rillflow.processor.Message;
import io.rillflow.processor.document.PathKind;

/** Whether an operator, {@code IgnoreCase} or a sort applies to a field's kind of value. */
final class OperatorChecks {
    private OperatorChecks() {}

    static void check(Field field, Operator operator, boolean ignoreCase) throws QueryProblem {
        if (!operator.suits(field.kind())) {
            throw new QueryProblem(
                    Message.QUERY_OPERATOR_TYPE,
                    operator.keyword(),
                    field.name(),
                    field.kind().description(),
                    operator.suitedDescription());
        }
        if (ignoreCase
                && (!operator.caseInsensitiveForm()
                        || !(field.kind() == PathKind.STRING || field.kind() == PathKind.FULL_TEXT))) {
            throw new QueryProblem(
                    Message.QUERY_OPERATOR_TYPE,
                    operator.keyword() + "IgnoreCase",
                    field.name(),
                    field.kind().description(),
                    "strings, with Equals, Like, StartingWith, EndingWith and Containing");
        }
    }

    static void checkOrder(Field field) throws QueryProblem {
        if (!field.kind().scalar()) {
            throw new QueryProblem(
                    Message.QUERY_OPERATOR_TYPE,
                    "OrderBy",
                    field.name(),
                    field.kind().description(),
                    "strings, numbers, booleans, enums, UUIDs, dates and times");
        }
    }
}
