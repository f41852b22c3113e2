package io.rillflow.processor.queries;

import io.rillflow.processor.Message;
import io.rillflow.processor.queries.QueryPlan.Criterion;
import io.rillflow.processor.queries.QueryPlan.Junction;
import io.rillflow.processor.queries.QueryPlan.Negation;
import io.rillflow.processor.queries.QueryPlan.OrderKey;
import io.rillflow.processor.queries.QueryPlan.Predicate;
import io.rillflow.processor.queries.QueryPlan.Subject;
import io.rillflow.sql.NameSuggestions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses a {@code @Query} expression (the grammar is in the annotation's Javadoc) by recursive descent. Syntax errors
 * carry the 1-based column of the offending token; fields and parameters are resolved as they are read.
 */
final class QueryExpressionParser {
    private enum Kind {
        WORD,
        PARAMETER,
        NUMBER,
        SYMBOL,
        END
    }

    private record Token(Kind kind, String text, int column) {
        boolean is(String keyword) {
            return (kind == Kind.WORD || kind == Kind.SYMBOL) && text.equalsIgnoreCase(keyword);
        }

        String describe() {
            return switch (kind) {
                case END -> "the end of the expression";
                case PARAMETER -> "parameter \":" + text + "\"";
                default -> "\"" + text + "\"";
            };
        }
    }

    /** Words of the language that cannot name a field. */
    private static final Set<String> RESERVED =
            Set.of("and", "or", "not", "in", "is", "null", "true", "false", "between", "order", "limit");

    private final DocumentFields fields;
    private final List<String> parameters;
    private final Set<String> used = new LinkedHashSet<>();
    private List<Token> tokens;
    private int position;

    /** @param parameters the names of the method's value parameters */
    QueryExpressionParser(DocumentFields fields, List<String> parameters) {
        this.fields = fields;
        this.parameters = List.copyOf(parameters);
    }

    /** The query of {@code expression} for a method whose statement is a {@code subject}. */
    QueryPlan parse(String expression, Subject subject) throws QueryProblem {
        tokens = tokenize(expression);
        position = 0;
        Criterion where = null;
        if (!peek().is("order") && !peek().is("limit") && peek().kind() != Kind.END) {
            where = condition();
        }
        List<OrderKey> order = new ArrayList<>();
        if (peek().is("order")) {
            next();
            expectWord("by");
            do {
                Field field = field();
                OperatorChecks.checkOrder(field);
                boolean ascending = true;
                if (peek().is("asc")) {
                    next();
                } else if (peek().is("desc")) {
                    next();
                    ascending = false;
                }
                order.add(new OrderKey(field, ascending));
            } while (acceptSymbol(","));
        }
        Integer limit = null;
        if (peek().is("limit")) {
            next();
            Token number = next();
            if (number.kind() != Kind.NUMBER || number.text().length() > 9 || Integer.parseInt(number.text()) < 1) {
                throw syntax(number, "a limit from 1 to 999999999");
            }
            limit = Integer.parseInt(number.text());
        }
        if (peek().kind() != Kind.END) {
            throw syntax(peek(), "\"and\", \"or\", \"order by\", \"limit\" or the end of the expression");
        }
        return new QueryPlan(subject, where, order, limit);
    }

    /** The parameters the expression used, in order of first use. */
    Set<String> usedParameters() {
        return used;
    }

    private Criterion condition() throws QueryProblem {
        List<Criterion> parts = new ArrayList<>();
        parts.add(term());
        while (peek().is("or")) {
            next();
            parts.add(term());
        }
        return parts.size() == 1 ? parts.get(0) : new Junction(false, parts);
    }

    private Criterion term() throws QueryProblem {
        List<Criterion> parts = new ArrayList<>();
        parts.add(factor());
        while (peek().is("and")) {
            next();
            parts.add(factor());
        }
        return parts.size() == 1 ? parts.get(0) : new Junction(true, parts);
    }

    private Criterion factor() throws QueryProblem {
        if (peek().is("not")) {
            next();
            return new Negation(factor());
        }
        if (acceptSymbol("(")) {
            Criterion inner = condition();
            if (!acceptSymbol(")")) {
                throw syntax(peek(), "\")\"");
            }
            return inner;
        }
        return predicate();
    }

    private Criterion predicate() throws QueryProblem {
        Field field = field();
        Token operator = next();
        String text = operator.text().toLowerCase(Locale.ROOT);
        if (operator.kind() == Kind.SYMBOL) {
            Operator op =
                    switch (text) {
                        case "=" -> Operator.EQUALS;
                        case "!=", "<>" -> Operator.NOT;
                        case "<" -> Operator.LESS_THAN;
                        case "<=" -> Operator.LESS_THAN_EQUAL;
                        case ">" -> Operator.GREATER_THAN;
                        case ">=" -> Operator.GREATER_THAN_EQUAL;
                        default -> throw syntax(operator, "an operator");
                    };
            return predicate(field, op, false, parameter());
        }
        if (operator.kind() != Kind.WORD) {
            throw syntax(operator, "an operator");
        }
        switch (text) {
            case "in":
                return predicate(field, Operator.IN, false, parameter());
            case "like":
                return predicate(field, Operator.LIKE, false, parameter());
            case "ilike":
                return predicate(field, Operator.LIKE, true, parameter());
            case "contains":
                return predicate(field, Operator.CONTAINING, false, parameter());
            case "starts":
                expectWord("with");
                return predicate(field, Operator.STARTING_WITH, false, parameter());
            case "ends":
                expectWord("with");
                return predicate(field, Operator.ENDING_WITH, false, parameter());
            case "not":
                expectWord("in");
                return predicate(field, Operator.NOT_IN, false, parameter());
            case "between":
                String low = parameter();
                expectWord("and");
                return predicate(field, Operator.BETWEEN, false, low, parameter());
            case "is":
                boolean negated = false;
                if (peek().is("not")) {
                    next();
                    negated = true;
                }
                Token value = next();
                if (value.is("null")) {
                    return predicate(field, negated ? Operator.IS_NOT_NULL : Operator.IS_NULL, false);
                }
                if (!negated && value.is("true")) {
                    return predicate(field, Operator.TRUE, false);
                }
                if (!negated && value.is("false")) {
                    return predicate(field, Operator.FALSE, false);
                }
                throw syntax(value, negated ? "\"null\"" : "\"null\", \"not null\", \"true\" or \"false\"");
            default:
                throw syntax(operator, "an operator");
        }
    }

    private Predicate predicate(Field field, Operator operator, boolean ignoreCase, String... parameterNames)
            throws QueryProblem {
        OperatorChecks.check(field, operator, ignoreCase);
        return new Predicate(field, operator, ignoreCase, List.of(parameterNames));
    }

    private Field field() throws QueryProblem {
        Token token = next();
        if (token.kind() != Kind.WORD || RESERVED.contains(token.text().toLowerCase(Locale.ROOT))) {
            throw syntax(token, "a field name");
        }
        StringBuilder dotted = new StringBuilder(token.text());
        while (acceptSymbol(".")) {
            Token segment = next();
            if (segment.kind() != Kind.WORD) {
                throw syntax(segment, "a field name after \".\"");
            }
            dotted.append('.').append(segment.text());
        }
        return fields.byJsonPath(dotted.toString());
    }

    private String parameter() throws QueryProblem {
        Token token = next();
        if (token.kind() != Kind.PARAMETER) {
            throw syntax(token, "a parameter such as :name");
        }
        if (!parameters.contains(token.text())) {
            String hint = NameSuggestions.closest(token.text(), parameters)
                    .map(Message::didYouMean)
                    .orElse(Message.knownNames("The method's parameters are", parameters));
            throw new QueryProblem(Message.QUERY_UNKNOWN_PARAMETER, token.text(), token.column(), hint);
        }
        used.add(token.text());
        return token.text();
    }

    private void expectWord(String word) throws QueryProblem {
        Token token = next();
        if (!token.is(word)) {
            throw syntax(token, "\"" + word + "\"");
        }
    }

    private boolean acceptSymbol(String symbol) {
        if (peek().kind() == Kind.SYMBOL && peek().text().equals(symbol)) {
            position++;
            return true;
        }
        return false;
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token next() {
        Token token = tokens.get(position);
        if (token.kind() != Kind.END) {
            position++;
        }
        return token;
    }

    private static QueryProblem syntax(Token found, String expected) {
        return new QueryProblem(
                Message.QUERY_SYNTAX, found.column(), "expected " + expected + " but found " + found.describe());
    }

    private static List<Token> tokenize(String text) throws QueryProblem {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int column = i + 1;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c) || c == '_' || c == '$') {
                int start = i;
                while (i < text.length() && isWordPart(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, text.substring(start, i), column));
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < text.length() && Character.isDigit(text.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Kind.NUMBER, text.substring(start, i), column));
            } else if (c == ':') {
                int start = ++i;
                while (i < text.length() && Character.isJavaIdentifierPart(text.charAt(i))) {
                    i++;
                }
                if (i == start) {
                    throw new QueryProblem(Message.QUERY_SYNTAX, column, "expected a parameter name after \":\"");
                }
                tokens.add(new Token(Kind.PARAMETER, text.substring(start, i), column));
            } else if ("<>!".indexOf(c) >= 0) {
                String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
                if (two.equals("<=") || two.equals(">=") || two.equals("!=") || two.equals("<>")) {
                    tokens.add(new Token(Kind.SYMBOL, two, column));
                    i += 2;
                } else if (c == '!') {
                    throw new QueryProblem(Message.QUERY_SYNTAX, column, "expected \"!=\" but found \"!\"");
                } else {
                    tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), column));
                    i++;
                }
            } else if ("=(),.".indexOf(c) >= 0) {
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), column));
                i++;
            } else {
                throw new QueryProblem(Message.QUERY_SYNTAX, column, "unexpected character \"" + c + "\"");
            }
        }
        tokens.add(new Token(Kind.END, "", text.length() + 1));
        return tokens;
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '-';
    }
}
