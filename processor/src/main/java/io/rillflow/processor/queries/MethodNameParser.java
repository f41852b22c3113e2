package io.rillflow.processor.queries;

import io.rillflow.processor.Message;
import io.rillflow.processor.queries.QueryPlan.Criterion;
import io.rillflow.processor.queries.QueryPlan.Junction;
import io.rillflow.processor.queries.QueryPlan.OrderKey;
import io.rillflow.processor.queries.QueryPlan.Predicate;
import io.rillflow.processor.queries.QueryPlan.Subject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives a query from a method name such as {@code findTop3ByStatusAndAgeGreaterThanOrderBySinceDesc}: subject,
 * limit, criteria joined by {@code And} (binding tighter) and {@code Or}, and sort keys. Parameters are taken by the
 * criteria in declaration order.
 */
final class MethodNameParser {
    private static final Pattern SUBJECT =
            Pattern.compile("^(find|get|query|read|search|stream|count|exists|delete|remove|softDelete)(.*)$");
    private static final Pattern SUBJECT_WORD = Pattern.compile("(count|exists|delete|remove|softDelete)(?![a-z0-9])");
    private static final Pattern LIMIT = Pattern.compile("^(?:First|Top)(\\d*)(.*)$");
    private static final Pattern OR = Pattern.compile("(?<=.)Or(?=[A-Z])");
    private static final Pattern AND = Pattern.compile("(?<=.)And(?=[A-Z])");
    private static final Pattern ORDER_KEYS = Pattern.compile("(?<=Asc|Desc)(?=[A-Z])");

    /** Operator suffixes and the operators they spell; the longest matching suffix is tried first. */
    private static final List<Map.Entry<String, Operator>> SUFFIXES = Map.ofEntries(
                    Map.entry("Equals", Operator.EQUALS),
                    Map.entry("Is", Operator.EQUALS),
                    Map.entry("IsNot", Operator.NOT),
                    Map.entry("Not", Operator.NOT),
                    Map.entry("GreaterThan", Operator.GREATER_THAN),
                    Map.entry("After", Operator.GREATER_THAN),
                    Map.entry("GreaterThanEqual", Operator.GREATER_THAN_EQUAL),
                    Map.entry("LessThan", Operator.LESS_THAN),
                    Map.entry("Before", Operator.LESS_THAN),
                    Map.entry("LessThanEqual", Operator.LESS_THAN_EQUAL),
                    Map.entry("Between", Operator.BETWEEN),
                    Map.entry("In", Operator.IN),
                    Map.entry("IsIn", Operator.IN),
                    Map.entry("NotIn", Operator.NOT_IN),
                    Map.entry("IsNotIn", Operator.NOT_IN),
                    Map.entry("Containing", Operator.CONTAINING),
                    Map.entry("Contains", Operator.CONTAINING),
                    Map.entry("IsContaining", Operator.CONTAINING),
                    Map.entry("StartingWith", Operator.STARTING_WITH),
                    Map.entry("StartsWith", Operator.STARTING_WITH),
                    Map.entry("EndingWith", Operator.ENDING_WITH),
                    Map.entry("EndsWith", Operator.ENDING_WITH),
                    Map.entry("Like", Operator.LIKE),
                    Map.entry("IsLike", Operator.LIKE),
                    Map.entry("IsNull", Operator.IS_NULL),
                    Map.entry("Null", Operator.IS_NULL),
                    Map.entry("IsNotNull", Operator.IS_NOT_NULL),
                    Map.entry("NotNull", Operator.IS_NOT_NULL),
                    Map.entry("True", Operator.TRUE),
                    Map.entry("IsTrue", Operator.TRUE),
                    Map.entry("False", Operator.FALSE),
                    Map.entry("IsFalse", Operator.FALSE))
            .entrySet()
            .stream()
            .sorted(Comparator.comparing(
                            (Map.Entry<String, Operator> e) -> -e.getKey().length())
                    .thenComparing(Map.Entry::getKey))
            .toList();

    private final DocumentFields fields;

    MethodNameParser(DocumentFields fields) {
        this.fields = fields;
    }

    /**
     * The query {@code name} asks for.
     *
     * @param parameters the names of the method's value parameters (a trailing {@code PageRequest} excluded), in order
     */
    QueryPlan parse(String name, List<String> parameters) throws QueryProblem {
        Matcher subjectMatch = SUBJECT.matcher(name);
        if (!subjectMatch.matches()) {
            throw new QueryProblem(Message.QUERY_NAME_UNPARSEABLE);
        }
        Subject subject = subject(subjectMatch.group(1));
        String rest = subjectMatch.group(2);
        int orderAt = rest.indexOf("OrderBy");
        String beforeOrder = orderAt >= 0 ? rest.substring(0, orderAt) : rest;
        int byAt = beforeOrder.indexOf("By");
        String subjectPart = byAt >= 0 ? beforeOrder.substring(0, byAt) : beforeOrder;
        String criteriaPart = byAt >= 0 ? beforeOrder.substring(byAt + 2) : "";
        if (!rest.isEmpty() && byAt < 0 && orderAt < 0 && !subjectPart.matches("All|(First|Top)\\d*")) {
            throw new QueryProblem(Message.QUERY_NAME_UNPARSEABLE);
        }
        Integer limit = null;
        Matcher limitMatch = LIMIT.matcher(subjectPart);
        if (limitMatch.matches()) {
            limit = limitMatch.group(1).isEmpty() ? 1 : Integer.parseInt(limitMatch.group(1));
            if (subject != Subject.FIND || limit < 1) {
                throw new QueryProblem(Message.QUERY_NAME_UNPARSEABLE);
            }
        }
        List<List<Parsed>> groups = new ArrayList<>();
        int needed = 0;
        if (!criteriaPart.isEmpty()) {
            for (String or : OR.split(criteriaPart)) {
                List<Parsed> group = new ArrayList<>();
                for (String part : AND.split(or)) {
                    Parsed parsed = predicate(part);
                    needed += parsed.operator().parameters();
                    group.add(parsed);
                }
                groups.add(group);
            }
        }
        if (needed != parameters.size()) {
            throw new QueryProblem(
                    Message.QUERY_PARAMETER_COUNT,
                    needed,
                    parameters.size(),
                    parameters.isEmpty() ? "none" : String.join(", ", parameters));
        }
        int next = 0;
        List<Criterion> ors = new ArrayList<>();
        for (List<Parsed> group : groups) {
            List<Criterion> ands = new ArrayList<>();
            for (Parsed parsed : group) {
                int count = parsed.operator().parameters();
                ands.add(new Predicate(
                        parsed.field(),
                        parsed.operator(),
                        parsed.ignoreCase(),
                        parameters.subList(next, next + count)));
                next += count;
            }
            ors.add(ands.size() == 1 ? ands.get(0) : new Junction(true, ands));
        }
        Criterion where = ors.isEmpty() ? null : ors.size() == 1 ? ors.get(0) : new Junction(false, ors);
        List<OrderKey> order = orderAt >= 0 ? order(rest.substring(orderAt + "OrderBy".length())) : List.of();
        return new QueryPlan(subject, where, order, limit);
    }

    private record Parsed(Field field, Operator operator, boolean ignoreCase) {}

    private Parsed predicate(String text) throws QueryProblem {
        String part = text;
        boolean ignoreCase = false;
        for (String modifier : List.of("IgnoreCase", "IgnoringCase")) {
            if (part.endsWith(modifier) && part.length() > modifier.length()) {
                part = part.substring(0, part.length() - modifier.length());
                ignoreCase = true;
                break;
            }
        }
        QueryProblem firstProblem;
        try {
            return checked(new Parsed(fields.byPropertyName(part), Operator.EQUALS, ignoreCase));
        } catch (QueryProblem problem) {
            firstProblem = problem;
        }
        QueryProblem suffixProblem = null;
        for (Map.Entry<String, Operator> suffix : SUFFIXES) {
            if (part.endsWith(suffix.getKey())
                    && part.length() > suffix.getKey().length()) {
                String property =
                        part.substring(0, part.length() - suffix.getKey().length());
                try {
                    return checked(new Parsed(fields.byPropertyName(property), suffix.getValue(), ignoreCase));
                } catch (QueryProblem problem) {
                    if (problem.diagnostic() != Message.QUERY_UNKNOWN_FIELD) {
                        throw problem;
                    }
                    if (suffixProblem == null) {
                        suffixProblem = problem;
                    }
                }
            }
        }
        throw suffixProblem != null ? suffixProblem : firstProblem;
    }

    private static Parsed checked(Parsed parsed) throws QueryProblem {
        OperatorChecks.check(parsed.field(), parsed.operator(), parsed.ignoreCase());
        return parsed;
    }

    private List<OrderKey> order(String text) throws QueryProblem {
        List<OrderKey> keys = new ArrayList<>();
        for (String piece : ORDER_KEYS.split(text)) {
            boolean ascending = true;
            String property = piece;
            if (piece.endsWith("Desc") && piece.length() > 4) {
                ascending = false;
                property = piece.substring(0, piece.length() - 4);
            } else if (piece.endsWith("Asc") && piece.length() > 3) {
                property = piece.substring(0, piece.length() - 3);
            }
            Field field = fields.byPropertyName(property);
            OperatorChecks.checkOrder(field);
            keys.add(new OrderKey(field, ascending));
        }
        return keys;
    }

    /**
     * The statement kind a method name (or a {@code @Query} method's name) starts with, as a whole word: {@code count}
     * and {@code countActive} count, {@code countries} finds.
     */
    static Subject subject(String name) {
        Matcher word = SUBJECT_WORD.matcher(name);
        if (!word.lookingAt()) {
            return Subject.FIND;
        }
        return switch (word.group(1)) {
            case "count" -> Subject.COUNT;
            case "exists" -> Subject.EXISTS;
            case "softDelete" -> Subject.SOFT_DELETE;
            default -> Subject.DELETE;
        };
    }
}
