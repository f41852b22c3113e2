package io.rillflow.processor.queries;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.rillflow.processor.AnnotationNames;
import io.rillflow.processor.ElementText;
import io.rillflow.processor.Message;
import io.rillflow.processor.RuntimeTypes;
import io.rillflow.processor.ValidationReport;
import io.rillflow.processor.document.PathKind;
import io.rillflow.processor.queries.QueryMethodDescriptor.Parameter;
import io.rillflow.processor.queries.QueryMethodDescriptor.Result;
import io.rillflow.processor.queries.QueryPlan.Criterion;
import io.rillflow.processor.queries.QueryPlan.Junction;
import io.rillflow.processor.queries.QueryPlan.Negation;
import io.rillflow.processor.queries.QueryPlan.Predicate;
import io.rillflow.processor.queries.QueryPlan.Subject;
import io.rillflow.sql.NameSuggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks one query method against its document and turns it into a descriptor: parses its name or {@code @Query},
 * checks parameters (number, types, all used) and return type (including projection records), and renders its SQL.
 * Never prints: a problem becomes a report pinned to the method (and to the {@code @Query} value for its errors).
 */
final class QueryMethodValidator {
    private static final String PAGE_REQUEST = RuntimeTypes.PAGE_REQUEST.canonicalName();

    /** The outcome for one method: a report, and a descriptor when it is clean. */
    record Outcome(ValidationReport report, QueryMethodDescriptor descriptor) {}

    private final Elements elements;
    private final Types types;
    private final DocumentFields fields;
    private final TypeMirror document;
    private final String owner;

    QueryMethodValidator(Elements elements, Types types, DocumentFields fields, TypeMirror document, String owner) {
        this.elements = elements;
        this.types = types;
        this.fields = fields;
        this.document = document;
        this.owner = owner;
    }

    Outcome validate(ExecutableElement method) {
        String signature = ElementText.method(owner, method);
        AnnotationMirror query = method.getAnnotationMirrors().stream()
                .filter(m -> ((TypeElement) m.getAnnotationType().asElement())
                        .getQualifiedName()
                        .contentEquals(AnnotationNames.QUERY))
                .findFirst()
                .orElse(null);
        AnnotationValue queryValue = query == null ? null : value(query);
        try {
            return new Outcome(ValidationReport.clean(), describe(method, signature, query, queryValue));
        } catch (QueryProblem problem) {
            boolean expressionProblem = query != null
                    && Set.of(
                                    Message.QUERY_SYNTAX,
                                    Message.QUERY_UNKNOWN_FIELD,
                                    Message.QUERY_UNKNOWN_PARAMETER,
                                    Message.QUERY_FIELD_NOT_NAVIGABLE,
                                    Message.QUERY_OPERATOR_TYPE)
                            .contains(problem.diagnostic());
            ValidationReport report = ValidationReport.builder()
                    .add(
                            problem.diagnostic(),
                            method,
                            expressionProblem ? query : null,
                            expressionProblem ? queryValue : null,
                            problem.arguments(signature))
                    .build();
            return new Outcome(report, null);
        }
    }

    private QueryMethodDescriptor describe(
            ExecutableElement method, String signature, AnnotationMirror query, AnnotationValue queryValue)
            throws QueryProblem {
        List<? extends VariableElement> all = method.getParameters();
        String page = null;
        List<VariableElement> values = new ArrayList<>(all);
        if (!values.isEmpty() && isPageRequest(values.get(values.size() - 1).asType())) {
            page = values.remove(values.size() - 1).getSimpleName().toString();
        }
        List<String> valueNames =
                values.stream().map(v -> v.getSimpleName().toString()).toList();
        String name = method.getSimpleName().toString();
        QueryPlan plan;
        if (query != null) {
            QueryExpressionParser parser = new QueryExpressionParser(fields, valueNames);
            plan = parser.parse((String) queryValue.getValue(), MethodNameParser.subject(name));
            for (String parameter : valueNames) {
                if (!parser.usedParameters().contains(parameter)) {
                    throw new QueryProblem(Message.QUERY_PARAMETER_UNUSED, parameter, parameter);
                }
            }
        } else {
            plan = new MethodNameParser(fields).parse(name, valueNames);
        }
        if (plan.subject() != Subject.FIND && (!plan.order().isEmpty() || plan.limit() != null)) {
            throw new QueryProblem(
                    Message.QUERY_ORDER_NOT_FIND,
                    plan.subject().name().toLowerCase(Locale.ROOT).replace("soft_delete", "soft delete"));
        }
        Map<String, TypeMirror> parameterTypes =
                values.stream().collect(Collectors.toMap(v -> v.getSimpleName().toString(), VariableElement::asType));
        if (plan.where() != null) {
            checkTypes(plan.where(), parameterTypes);
        }
        TypeMirror returned = method.getReturnType();
        Result result = result(plan.subject(), returned);
        TypeMirror element = elementType(result, returned);
        SqlRenderer.Projection projection = null;
        TypeName projectionType = null;
        if (element != null && !types.isSameType(element, document)) {
            projection = projection(element);
            projectionType = TypeName.get(element);
        }
        if (page != null
                && (plan.limit() != null
                        || (result != Result.LIST && result != Result.STREAM && result != Result.PAGE))) {
            throw new QueryProblem(Message.QUERY_PAGE_MISUSE);
        }
        if (page == null && result == Result.PAGE) {
            throw new QueryProblem(Message.QUERY_PAGE_NEEDS_REQUEST);
        }
        Integer rowLimit = result == Result.OPTIONAL || result == Result.SINGLE ? 2 : null;
        SqlRenderer.Rendered sql = SqlRenderer.render(plan, projection, rowLimit, page, result == Result.PAGE);
        // A page past the end has no row to carry the total: this statement counts the matches then.
        String totalSql = result == Result.PAGE
                ? SqlRenderer.render(
                                new QueryPlan(Subject.COUNT, plan.where(), List.of(), null), null, null, null, false)
                        .sql()
                : null;
        List<Parameter> parameters = all.stream()
                .map(p -> new Parameter(
                        TypeName.get(p.asType()), p.getSimpleName().toString()))
                .toList();
        return new QueryMethodDescriptor(
                name,
                signature,
                parameters,
                method.isVarArgs(),
                TypeName.get(returned),
                result,
                projectionType,
                sql.sql(),
                totalSql,
                page,
                sql.bindings());
    }

    private void checkTypes(Criterion criterion, Map<String, TypeMirror> parameterTypes) throws QueryProblem {
        if (criterion instanceof Junction junction) {
            for (Criterion part : junction.parts()) {
                checkTypes(part, parameterTypes);
            }
        } else if (criterion instanceof Negation negation) {
            checkTypes(negation.inner(), parameterTypes);
        } else {
            Predicate predicate = (Predicate) criterion;
            Field field = predicate.field();
            boolean text = predicate.operator() == Operator.CONTAINING && field.kind() != PathKind.COLLECTION;
            TypeName expected = text
                            || predicate.operator() == Operator.STARTING_WITH
                            || predicate.operator() == Operator.ENDING_WITH
                            || predicate.operator() == Operator.LIKE
                    ? ClassName.get(String.class)
                    : field.valueType();
            boolean many = predicate.operator() == Operator.IN || predicate.operator() == Operator.NOT_IN;
            for (String parameter : predicate.parameters()) {
                TypeMirror actual = parameterTypes.get(parameter);
                TypeName actualValue = many ? collectionElement(actual) : boxed(actual);
                if (!expected.equals(actualValue)) {
                    throw new QueryProblem(
                            Message.QUERY_PARAMETER_TYPE,
                            parameter,
                            ElementText.type(TypeName.get(actual)),
                            field.name(),
                            predicate.operator().keyword(),
                            many ? "a Collection<" + ElementText.type(expected) + ">" : ElementText.type(expected));
                }
            }
        }
    }

    /** The element type of a collection or array parameter, or null if it is neither. */
    private TypeName collectionElement(TypeMirror type) {
        if (type.getKind() == TypeKind.ARRAY) {
            TypeMirror component = ((ArrayType) type).getComponentType();
            return component.getKind().isPrimitive() ? null : TypeName.get(component);
        }
        TypeMirror collection =
                types.erasure(elements.getTypeElement("java.util.Collection").asType());
        if (type.getKind() != TypeKind.DECLARED || !types.isAssignable(types.erasure(type), collection)) {
            return null;
        }
        List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
        if (arguments.size() != 1) {
            return null;
        }
        TypeMirror argument = arguments.get(0);
        if (argument.getKind() == TypeKind.WILDCARD) {
            argument = ((WildcardType) argument).getExtendsBound();
        }
        return argument == null ? null : boxed(argument);
    }

    private Result result(Subject subject, TypeMirror returned) throws QueryProblem {
        String name = returned.getKind() == TypeKind.DECLARED
                ? ((TypeElement) ((DeclaredType) returned).asElement())
                        .getQualifiedName()
                        .toString()
                : returned.getKind().toString().toLowerCase(Locale.ROOT);
        switch (subject) {
            case COUNT:
                if (Set.of("long", "java.lang.Long").contains(name)) {
                    return Result.COUNT_LONG;
                }
                if (Set.of("int", "java.lang.Integer").contains(name)) {
                    return Result.COUNT_INT;
                }
                throw returnType("count", returned, "long or int");
            case EXISTS:
                if (Set.of("boolean", "java.lang.Boolean").contains(name)) {
                    return Result.EXISTS;
                }
                throw returnType("exists", returned, "boolean");
            case DELETE:
            case SOFT_DELETE:
                if (Set.of("long", "java.lang.Long").contains(name)) {
                    return Result.UPDATE_LONG;
                }
                if (Set.of("int", "java.lang.Integer").contains(name)) {
                    return Result.UPDATE_INT;
                }
                if (name.equals("void")) {
                    return Result.UPDATE_VOID;
                }
                throw returnType("delete", returned, "long, int or void (the number of documents deleted)");
            default:
                Result result =
                        switch (name) {
                            case "java.util.List", "java.util.Collection", "java.lang.Iterable" -> Result.LIST;
                            case "java.util.Optional" -> Result.OPTIONAL;
                            case "java.util.stream.Stream" -> Result.STREAM;
                            case "io.rillflow.query.Page" -> Result.PAGE;
                            default -> Result.SINGLE;
                        };
                TypeMirror element = elementType(result, returned);
                if (element == null
                        || element.getKind() != TypeKind.DECLARED
                        || !(types.isSameType(element, document)
                                || types.asElement(element).getKind() == ElementKind.RECORD)) {
                    throw returnType(
                            "find",
                            returned,
                            "List, Optional, Stream or Page of " + simpleDocument() + " or of a projection record,"
                                    + " or " + simpleDocument());
                }
                return result;
        }
    }

    private QueryProblem returnType(String kind, TypeMirror returned, String expected) {
        return new QueryProblem(Message.QUERY_RETURN_TYPE, kind, ElementText.type(TypeName.get(returned)), expected);
    }

    /** The type each row becomes, for find methods; null for the others. */
    private static TypeMirror elementType(Result result, TypeMirror returned) {
        return switch (result) {
            case LIST, OPTIONAL, STREAM, PAGE -> {
                List<? extends TypeMirror> arguments = ((DeclaredType) returned).getTypeArguments();
                yield arguments.size() == 1 ? arguments.get(0) : null;
            }
            case SINGLE -> returned;
            default -> null;
        };
    }

    private SqlRenderer.Projection projection(TypeMirror record) throws QueryProblem {
        TypeElement type = (TypeElement) types.asElement(record);
        List<Field> topLevel = fields.topLevel();
        List<String> names = new ArrayList<>();
        List<Field> selected = new ArrayList<>();
        for (RecordComponentElement component : type.getRecordComponents()) {
            String name = component.getSimpleName().toString();
            Field field = topLevel.stream()
                    .filter(f -> f.name().equals(name))
                    .findFirst()
                    .orElse(null);
            if (field == null) {
                List<String> known = topLevel.stream().map(Field::name).toList();
                String hint = NameSuggestions.closest(name, known)
                        .map(Message::didYouMean)
                        .orElse(Message.knownNames("Its properties are", known));
                throw new QueryProblem(
                        Message.QUERY_PROJECTION_COMPONENT, type.getSimpleName(), name, simpleDocument(), hint);
            }
            if (!fits(component.asType(), field)) {
                throw new QueryProblem(
                        Message.QUERY_PROJECTION_TYPE,
                        type.getSimpleName(),
                        name,
                        ElementText.type(TypeName.get(component.asType())),
                        field.name(),
                        simpleDocument(),
                        field.kind().description()
                                + (field.valueType() == null ? "" : " (" + ElementText.type(field.valueType()) + ")"));
            }
            names.add(name);
            selected.add(field);
        }
        return new SqlRenderer.Projection(names, selected);
    }

    private boolean fits(TypeMirror component, Field field) {
        return switch (field.kind()) {
            case COLLECTION -> field.valueType().equals(collectionElement(component));
            case NESTED ->
                component.getKind() == TypeKind.DECLARED
                        && ((TypeElement) types.asElement(component))
                                .getQualifiedName()
                                .contentEquals(field.nestedType());
            case OBJECT -> true;
            default -> field.valueType().equals(boxed(component));
        };
    }

    private static TypeName boxed(TypeMirror type) {
        TypeName name = TypeName.get(type);
        return name.isPrimitive() ? name.box() : name;
    }

    private static boolean isPageRequest(TypeMirror type) {
        return type.getKind() == TypeKind.DECLARED
                && ((TypeElement) ((DeclaredType) type).asElement())
                        .getQualifiedName()
                        .contentEquals(PAGE_REQUEST);
    }

    private static AnnotationValue value(AnnotationMirror mirror) {
        return mirror.getElementValues().entrySet().stream()
                .filter(e -> e.getKey().getSimpleName().contentEquals("value"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow();
    }

    private String simpleDocument() {
        return types.asElement(document).getSimpleName().toString();
    }
}
