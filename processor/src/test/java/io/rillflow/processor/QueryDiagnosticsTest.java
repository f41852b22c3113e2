package io.rillflow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.rillflow.processor.QuerySqlTest.document;
import static io.rillflow.processor.QuerySqlTest.queries;
import static io.rillflow.processor.Sources.compile;
import static io.rillflow.processor.Sources.source;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One test per query diagnostic: the exact error, on the method (or @Query) line that caused it, and no other. */
class QueryDiagnosticsTest {

    @Test
    void unknownPropertyInAMethodNameSuggestsTheClosest() {
        assertOnlyError(
                "Optional<Customer> findByEmial(String email);",
                Message.QUERY_UNKNOWN_FIELD.format(
                        "CustomerQueries.findByEmial(String email)", "emial", "Customer", "Did you mean \"email\"?"));
    }

    @Test
    void unknownPropertyWithoutACloseOneListsTheProperties() {
        assertOnlyError(
                "long countByPlanet(String planet);",
                Message.QUERY_UNKNOWN_FIELD.format(
                        "CustomerQueries.countByPlanet(String planet)",
                        "planet",
                        "Customer",
                        "Its properties are: id, email, status, age, address, tags, since, bio, tier, vip."));
    }

    @Test
    void unknownFieldInAQueryIsReportedOnTheAnnotation() {
        assertOnlyError(
                "@Query(\"adress.city = :city\") List<Customer> inCity(String city);",
                Message.QUERY_UNKNOWN_FIELD.format(
                        "CustomerQueries.inCity(String city)", "adress", "Customer", "Did you mean \"address\"?"));
    }

    @Test
    void moreParametersThanCriteria() {
        assertOnlyError(
                "List<Customer> findByStatus(String status, int age);",
                Message.QUERY_PARAMETER_COUNT.format(
                        "CustomerQueries.findByStatus(String status, int age)", 1, 2, "status, age"));
    }

    @Test
    void fewerParametersThanCriteria() {
        assertOnlyError(
                "List<Customer> findByAgeBetween(int low);",
                Message.QUERY_PARAMETER_COUNT.format("CustomerQueries.findByAgeBetween(int low)", 2, 1, "low"));
    }

    @Test
    void parameterOfAnotherTypeThanTheField() {
        assertOnlyError(
                "List<Customer> findByAgeGreaterThan(String age);",
                Message.QUERY_PARAMETER_TYPE.format(
                        "CustomerQueries.findByAgeGreaterThan(String age)",
                        "age",
                        "String",
                        "Age",
                        "GreaterThan",
                        "Integer"));
    }

    @Test
    void inTakesACollectionOfTheFieldsType() {
        assertOnlyError(
                "long countByStatusIn(String statuses);",
                Message.QUERY_PARAMETER_TYPE.format(
                        "CustomerQueries.countByStatusIn(String statuses)",
                        "statuses",
                        "String",
                        "Status",
                        "In",
                        "a Collection<String>"));
    }

    @Test
    void parameterNotUsedByTheQuery() {
        assertOnlyError(
                "@Query(\"status = :status\") List<Customer> byStatus(String status, int age);",
                Message.QUERY_PARAMETER_UNUSED.format(
                        "CustomerQueries.byStatus(String status, int age)", "age", "age"));
    }

    @Test
    void queryParameterThatTheMethodDoesNotDeclare() {
        assertOnlyError(
                "@Query(\"status = :stat\") List<Customer> byStatus(String status);",
                Message.QUERY_UNKNOWN_PARAMETER.format(
                        "CustomerQueries.byStatus(String status)", "stat", 10, "Did you mean \"status\"?"));
    }

    @Test
    void unsupportedFindReturnType() {
        assertOnlyError(
                "Set<String> findByStatus(String status);",
                Message.QUERY_RETURN_TYPE.format(
                        "CustomerQueries.findByStatus(String status)",
                        "find",
                        "Set<String>",
                        "List, Optional, Stream or Page of Customer or of a projection record, or Customer"));
    }

    @Test
    void unsupportedCountReturnType() {
        assertOnlyError(
                "String countByStatus(String status);",
                Message.QUERY_RETURN_TYPE.format(
                        "CustomerQueries.countByStatus(String status)", "count", "String", "long or int"));
    }

    @Test
    void projectionComponentThatIsNotAProperty() {
        assertOnlyError(
                "record Mail(String mail) {} List<Mail> findByStatus(String status);",
                Message.QUERY_PROJECTION_COMPONENT.format(
                        "CustomerQueries.findByStatus(String status)",
                        "Mail",
                        "mail",
                        "Customer",
                        "Did you mean \"email\"?"));
    }

    @Test
    void projectionComponentOfAnotherType() {
        assertOnlyError(
                "record Age(String age) {} List<Age> findByStatus(String status);",
                Message.QUERY_PROJECTION_TYPE.format(
                        "CustomerQueries.findByStatus(String status)",
                        "Age",
                        "age",
                        "String",
                        "age",
                        "Customer",
                        "a number (Integer)"));
    }

    @Test
    void querySyntaxErrorGivesTheColumn() {
        assertOnlyError(
                "@Query(\"status = :status and and age > :age\") List<Customer> odd(String status, int age);",
                Message.QUERY_SYNTAX.format(
                        "CustomerQueries.odd(String status, int age)", 22, "expected a field name but found \"and\""));
    }

    @Test
    void queryLimitOutOfRange() {
        assertOnlyError(
                "@Query(\"order by email limit 99999999999999999999\") List<Customer> all();",
                Message.QUERY_SYNTAX.format(
                        "CustomerQueries.all()",
                        22,
                        "expected a limit from 1 to 999999999 but found \"99999999999999999999\""));
    }

    @Test
    void operatorThatDoesNotSuitTheFieldType() {
        assertOnlyError(
                "List<Customer> findByAgeContaining(int age);",
                Message.QUERY_OPERATOR_TYPE.format(
                        "CustomerQueries.findByAgeContaining(int age)",
                        "Containing",
                        "Age",
                        "a number",
                        "collections (an element) and strings (a substring)"));
    }

    @Test
    void ignoreCaseOnANumber() {
        assertOnlyError(
                "List<Customer> findByAgeIgnoreCase(int age);",
                Message.QUERY_OPERATOR_TYPE.format(
                        "CustomerQueries.findByAgeIgnoreCase(int age)",
                        "EqualsIgnoreCase",
                        "Age",
                        "a number",
                        "strings, with Equals, Like, StartingWith, EndingWith and Containing"));
    }

    @Test
    void methodNameThatIsNotAQuery() {
        assertOnlyError(
                "List<Customer> vip(String status);",
                Message.QUERY_NAME_UNPARSEABLE.format("CustomerQueries.vip(String status)"));
    }

    @Test
    void queryIntoACollectionsElements() {
        assertOnlyError(
                "@Query(\"tags.name = :name\") List<Customer> tagged(String name);",
                Message.QUERY_FIELD_NOT_NAVIGABLE.format(
                        "CustomerQueries.tagged(String name)", "tags", "a collection", "tags.name"));
    }

    @Test
    void pageOnASingleResult() {
        assertOnlyError(
                "Optional<Customer> findByEmail(String email, PageRequest page);",
                Message.QUERY_PAGE_MISUSE.format("CustomerQueries.findByEmail(String email, PageRequest page)"));
    }

    @Test
    void pageResultWithoutAPageRequest() {
        assertOnlyError(
                "Page<Customer> findByStatus(String status);",
                Message.QUERY_PAGE_NEEDS_REQUEST.format("CustomerQueries.findByStatus(String status)"));
    }

    @Test
    void pageResultWithALimit() {
        assertOnlyError(
                "Page<Customer> findFirst3ByStatus(String status, PageRequest page);",
                Message.QUERY_PAGE_MISUSE.format(
                        "CustomerQueries.findFirst3ByStatus(String status, PageRequest page)"));
    }

    @Test
    void orderOnACount() {
        assertOnlyError(
                "@Query(\"status = :status order by email\") long countActive(String status);",
                Message.QUERY_ORDER_NOT_FIND.format("CustomerQueries.countActive(String status)", "count"));
    }

    @Test
    void eachBadMethodReportsItsOwnError() {
        JavaFileObject file = queries(List.of(
                "Optional<Customer> findByEmial(String email);",
                "List<Customer> findByStatus(String status);",
                "long countByAgeContaining(int age);"));

        Compilation compilation = compile(document(), file);

        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation).hadErrorContaining("findByEmial").inFile(file).onLineContaining("findByEmial");
        assertThat(compilation)
                .hadErrorContaining("countByAgeContaining")
                .inFile(file)
                .onLineContaining("countByAgeContaining");
    }

    @Test
    void methodUsingATypeThatNeverResolves() {
        JavaFileObject file = queries(List.of("List<Missing> findByStatus(String status);"));

        Compilation compilation = compile(document(), file);

        assertThat(compilation).hadErrorCount(2); // javac's "cannot find symbol", then ours
        assertThat(compilation).hadErrorContaining("cannot find symbol");
        assertThat(compilation)
                .hadErrorContaining(Message.UNRESOLVED_TYPE.format(
                        "DocumentQueries", "test.CustomerQueries", "a type in CustomerQueries.findByStatus"))
                .inFile(file)
                .onLineContaining("public interface CustomerQueries");
    }

    @Test
    void queriesOnAClass() {
        JavaFileObject file = source(
                "test.CustomerQueries",
                "@DocumentQueries(Customer.class)",
                "public abstract class CustomerQueries {",
                "}");

        Compilation compilation = compile(document(), file);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(Message.QUERIES_NOT_INTERFACE.format("test.CustomerQueries", "a class"))
                .inFile(file)
                .onLineContaining("public abstract class CustomerQueries");
    }

    @Test
    void aQueryOnAnInterfaceWithoutDocumentQueriesIsReported() {
        JavaFileObject file = source(
                "test.Forgotten",
                "import io.rillflow.annotations.Query;",
                "import java.util.List;",
                "public interface Forgotten {",
                "    @Query(\"status = :status\") List<Object> byStatus(String status);",
                "}");

        Compilation compilation = compile(file);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(
                        Message.QUERY_OUTSIDE_QUERY_INTERFACE.format("Forgotten.byStatus", "test.Forgotten"))
                .inFile(file)
                .onLineContaining("byStatus(String status)");
    }

    @Test
    void queriesOnATypeThatIsNotADocument() {
        JavaFileObject file = source(
                "test.NameQueries",
                "@DocumentQueries(String.class)",
                "public interface NameQueries {",
                "    long count();",
                "}");

        Compilation compilation = compile(file);

        assertThat(compilation).hadErrorCount(1);
        assertThat(compilation)
                .hadErrorContaining(Message.QUERIES_NOT_DOCUMENT.format("String", "test.NameQueries", "String"))
                .inFile(file)
                .onLineContaining("@DocumentQueries(String.class)");
    }

    @Test
    void queriesOnADocumentWithErrors() {
        JavaFileObject broken = source("test.Broken", "@Document", "public record Broken(String name) {}");
        JavaFileObject file = source(
                "test.BrokenQueries",
                "@DocumentQueries(Broken.class)",
                "public interface BrokenQueries {",
                "    long count();",
                "}");

        Compilation compilation = compile(broken, file);

        assertThat(compilation).hadErrorCount(2);
        assertThat(compilation).hadErrorContaining(Message.DOCUMENT_MISSING_ID.format("test.Broken"));
        assertThat(compilation)
                .hadErrorContaining(
                        Message.QUERIES_INVALID_DOCUMENT.format("test.BrokenQueries", "test.Broken", "test.Broken"))
                .inFile(file)
                .onLineContaining("@DocumentQueries(Broken.class)");
    }

    @Test
    void queriesOnATypeThatDoesNotExist() {
        JavaFileObject file = source(
                "test.LostQueries",
                "@DocumentQueries(Lost.class)",
                "public interface LostQueries {",
                "    long count();",
                "}");

        Compilation compilation = compile(file);

        assertThat(compilation).hadErrorCount(2); // javac's "cannot find symbol", then ours
        assertThat(compilation).hadErrorContaining("cannot find symbol");
        assertThat(compilation)
                .hadErrorContaining(
                        Message.UNRESOLVED_TYPE.format("DocumentQueries", "test.LostQueries", "its document type"))
                .inFile(file)
                .onLineContaining("public interface LostQueries");
    }

    private static void assertOnlyError(String method, String message) {
        Sources.assertOnlyError(queries(List.of(method)), message, method, document());
    }
}
